"""Outputs of the commands that look across audits: `trend` (and `portfolio`), one module per
format; the terminal's tables live with the others in render/terminal/."""
