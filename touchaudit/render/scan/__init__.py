"""The outputs of `touchaudit scan`: a `website` touchpoint's YAML, JSON, and (with --compare)
the pages side by side. The terminal tables live with the other terminal renderers
(render/terminal/scan.py)."""
