"""The Rich consoles: stdout carries the report, stderr the diagnostics and summaries."""

from __future__ import annotations

import functools
import os

from rich.console import Console


@functools.cache
def stdout() -> Console:
    """The console for the command's output."""
    return Console(highlight=False, soft_wrap=True, width=_width())


@functools.cache
def stderr() -> Console:
    """The console for diagnostics, so that `touchaudit ... --format json | jq` stays clean."""
    return Console(stderr=True, highlight=False, soft_wrap=True, width=_width())


def _width() -> int | None:
    columns = os.environ.get("COLUMNS")
    return int(columns) if columns and columns.isdigit() else None
