"""`touchaudit portfolio --format csv`: the league table for spreadsheets, one row per entry.

Text cells are data, never formulas: a cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return (what Excel, LibreOffice and Google Sheets read as a formula) gets a leading
apostrophe, and every text cell is quoted (numbers are not, so they stay numbers).
"""

from __future__ import annotations

import csv
import io

from touchaudit.comparison.portfolio import Entry, Portfolio
from touchaudit.reading.visible import visible
from touchaudit.render.wording import rounded
from touchaudit.scoring.results import band_of

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Cell = str | float | int | None


def text_cell(text: str | None) -> str | None:
    """Text made inert in a spreadsheet: an apostrophe before a formula's first character."""
    if text is None:
        return None
    return "'" + text if text.startswith(_FORMULA_START) else text


def _row(entry: Entry, stage_ids: tuple[str, ...]) -> list[Cell]:
    row = entry.row
    return [
        entry.rank,
        text_cell(row.company),
        text_cell(row.location),
        text_cell(row.group),
        text_cell(visible(row.file)),
        row.audited_on.isoformat() if row.audited_on else None,
        rounded(row.score),
        band_of(row.score).value,
        round(row.coverage, 3),
        "yes" if row.provisional else "no",
        rounded(entry.change),
        entry.previous.isoformat() if entry.previous else None,
        None if entry.percentile is None else round(entry.percentile, 1),
        *(rounded(row.stage(s)) for s in stage_ids),
    ]


def portfolio(p: Portfolio) -> str:
    """`touchaudit portfolio --format csv`: a header row, then the league table."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    header = [
        "rank",
        "company",
        "location",
        "group",
        "file",
        "audited_on",
        "score",
        "band",
        "coverage",
        "provisional",
        "change",
        "previous_audit",
        "percentile",
    ]
    writer.writerow([*header, *(text_cell(s) for s in p.stage_ids)])
    writer.writerows(_row(e, p.stage_ids) for e in p.league)
    return out.getvalue()
