"""The terminal output of `touchaudit criteria`: the library as a table."""

from __future__ import annotations

from rich import box
from rich.table import Table

from touchaudit.library.targets import threshold_cells
from touchaudit.reading.models import Criterion
from touchaudit.render.terminal import console_text, plain


def criteria_table(items: list[Criterion]) -> Table:
    """The library with thresholds, weights and sources."""
    table = Table(box=box.SIMPLE_HEAD, show_lines=True)
    for name in ("Criterion", "Channels", "Type", "Good", "Poor", "Weight", "Source"):
        table.add_column(name)
    for c in items:
        good, poor = threshold_cells(c)
        label = f"{c.id}\n{c.label}" + (" (critical)" if c.critical else "")
        table.add_row(
            label, ", ".join(c.channels), c.type.value, good, poor, f"{c.weight:g}", c.source
        )
    return table


def criteria_text(items: list[Criterion]) -> str:
    """The table as the stdout console prints it."""
    return console_text(criteria_table(items))


def criteria_plain(items: list[Criterion]) -> str:
    """The table without colours."""
    return plain(criteria_table(items))
