"""`touchaudit portfolio --format html`: one self-contained page (templates/portfolio.html.jinja2)
with a league table that sorts by any column. This module lays out its context: every cell's
text and sort key; the template is autoescaped, so audit text never becomes markup."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from touchaudit import __version__
from touchaudit.comparison.portfolio import Entry, Portfolio
from touchaudit.render.history.words import (
    common_gap_text,
    entry_name,
    percentile_text,
    portfolio_title,
    rank_text,
    spread_text,
)
from touchaudit.render.templated import render
from touchaudit.render.wording import NO_VALUE, delta_text, score_text
from touchaudit.scoring.results import band_of

TEMPLATE = "portfolio.html.jinja2"


@dataclass(frozen=True, slots=True)
class Column:
    """A heading of the league table; numeric columns are right-aligned."""

    title: str
    numeric: bool = False


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell: what it shows, the key it sorts by, its band (score cells) and alignment."""

    text: str
    sort: str
    numeric: bool = False
    band: str | None = None


def _number(value: float | int | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _score(score: float | None) -> Cell:
    return Cell(score_text(score), _number(score), True, band_of(score).value)


def _cells(entry: Entry, stage_ids: tuple[str, ...]) -> list[Cell]:
    row = entry.row
    coverage = f"{row.coverage:.0%}" + (" (provisional)" if row.provisional else "")
    return [
        # Sorting by rank ascending is best first: the key is the negated rank.
        Cell(rank_text(entry), _number(None if entry.rank is None else -entry.rank), True),
        Cell(entry_name(row), entry_name(row).casefold()),
        Cell(row.group or NO_VALUE, (row.group or "").casefold()),
        _score(row.score),
        *(_score(row.stage(s)) for s in stage_ids),
        Cell(coverage, _number(row.coverage), True),
        Cell(delta_text(entry.change), _number(entry.change), True),
        Cell(percentile_text(entry.percentile), _number(entry.percentile), True),
    ]


def context(p: Portfolio) -> dict[str, Any]:
    """What the template receives."""
    columns = [
        Column("Rank", True),
        Column("Audit"),
        Column("Group"),
        Column("Overall", True),
        *(Column(s, True) for s in p.stage_ids),
        Column("Coverage", True),
        Column("Change", True),
        Column("Percentile", True),
    ]
    return {
        "generator": f"touchaudit {__version__}",
        "title": portfolio_title(p),
        "spread": spread_text(p.spread),
        "columns": columns,
        "rows": [_cells(e, p.stage_ids) for e in p.league],
        "gaps": [common_gap_text(g) for g in p.gaps],
        "group_columns": ["Group", "Audits", "Overall", *p.stage_ids],
        "groups": [
            [g.group, str(g.spread.count), spread_text(g.spread)]
            + [score_text(v) for _, v in g.stages]
            for g in p.groups
        ],
    }


def portfolio(p: Portfolio) -> str:
    """`touchaudit portfolio --format html`."""
    return render(TEMPLATE, context(p))
