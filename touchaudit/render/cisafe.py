"""Output that a CI log cannot take for a command: no line starts a GitHub workflow command.

GitHub's runner reads every line of a job's stdout and stderr that starts with `::` (and the
legacy `##[`) as a workflow command: `::error`, `::add-mask::`, `::stop-commands::`. Text from an
audit file, a label or a file name can start a line of our output (a file name starts each line
of `validate`), so every human-facing stream goes through `guard`: such a line gets a backslash
in front, which Markdown reads as an escape (it still shows `::`) and a person reads as text.
`--format github` writes real commands and escapes their data itself (render/github.py).
"""

from __future__ import annotations

import re

_COMMAND_START = re.compile(r"^([ \t]*)(::|##\[)", re.MULTILINE)


def guard(text: str) -> str:
    """`text` with a backslash before any line start that a CI runner would read as a command."""
    if "::" not in text and "##[" not in text:
        return text
    return _COMMAND_START.sub(r"\1\\\2", text)


def guard_html(text: str) -> str:
    """The same for an HTML page: the first character becomes an entity, shown unchanged."""
    if "::" not in text and "##[" not in text:
        return text
    return _COMMAND_START.sub(lambda m: m[1] + ("&#58;:" if m[2] == "::" else "&#35;#["), text)
