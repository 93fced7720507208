"""The Rich consoles: stdout carries the report, stderr the diagnostics and summaries.

Markup is off: text from audits, labels and file names is printed as written (`[link=…]` stays
text), styles come from `Text` objects only. The consoles only render into text
(`render.terminal.console_text`), which goes through `cisafe.guard` there.
"""

from __future__ import annotations

import functools
import os

from rich.console import Console


@functools.cache
def stdout() -> Console:
    """The console for the command's output."""
    return _console(stderr=False)


@functools.cache
def stderr() -> Console:
    """The console for diagnostics, so that `touchaudit ... --format json | jq` stays clean."""
    return _console(stderr=True)


def _console(*, stderr: bool) -> Console:
    return Console(
        stderr=stderr,
        markup=False,
        highlight=False,
        soft_wrap=True,
        width=_width(),
    )


def _width() -> int | None:
    columns = os.environ.get("COLUMNS")
    return int(columns) if columns and columns.isdigit() else None
