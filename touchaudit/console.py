"""The Rich consoles: stdout carries the report, stderr the diagnostics and summaries.

Markup is off: text from audits, labels and file names is printed as written (`[link=…]` stays
text), styles come from `Text` objects only. Both streams go through `cisafe.GuardedStream`,
so no line can start a CI workflow command.
"""

from __future__ import annotations

import functools
import os

from rich.console import Console

from touchaudit.cisafe import guarded


@functools.cache
def stdout() -> Console:
    """The console for the command's output."""
    return _console("stdout")


@functools.cache
def stderr() -> Console:
    """The console for diagnostics, so that `touchaudit ... --format json | jq` stays clean."""
    return _console("stderr")


def _console(stream: str) -> Console:
    return Console(
        file=guarded(stream),
        markup=False,
        highlight=False,
        soft_wrap=True,
        width=_width(),
    )


def _width() -> int | None:
    columns = os.environ.get("COLUMNS")
    return int(columns) if columns and columns.isdigit() else None
