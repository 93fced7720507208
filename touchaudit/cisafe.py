"""Output that a CI log cannot take for a command: no line starts a GitHub workflow command.

GitHub's runner reads every line of a job's stdout and stderr that starts with `::` (and the
legacy `##[`) as a workflow command: `::error`, `::add-mask::`, `::stop-commands::`. Text from an
audit file, a label or a file name can start a line of our output (a file name starts each line
of `validate`), so every human-facing stream goes through `guard`: such a line gets a backslash
in front, which Markdown reads as an escape (it still shows `::`) and a person reads as text.
`--format github` writes real commands and escapes their data itself (render/github.py).
"""

from __future__ import annotations

import io
import re
import sys
from typing import TextIO, cast

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


class GuardedStream(io.TextIOBase):
    """sys.stdout or sys.stderr (looked up at each write, as Rich does), written through `guard`."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._line_start = True

    @property
    def _stream(self) -> TextIO:
        stream: TextIO = getattr(sys, self._name)
        return stream

    def write(self, text: str) -> int:
        if self._line_start:
            guarded = guard(text)
        else:  # the first line continues one already written: its start is not a line start
            head, newline, rest = text.partition("\n")
            guarded = head + newline + guard(rest) if newline else text
        self._stream.write(guarded)
        if text:
            self._line_start = text.endswith("\n")
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", None) or "utf-8"


def guarded(name: str) -> TextIO:
    """A guarded `sys.stdout` (`name="stdout"`) or `sys.stderr`, for a Rich console."""
    return cast(TextIO, GuardedStream(name))
