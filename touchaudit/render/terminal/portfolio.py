"""The terminal output of `touchaudit portfolio`: the league table, the spread, the gaps most
common across the portfolio and the group subtotals."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from touchaudit.comparison.portfolio import Portfolio
from touchaudit.render.history.words import (
    common_gap_text,
    entry_name,
    percentile_text,
    portfolio_title,
    rank_text,
    spread_text,
)
from touchaudit.render.terminal import console_text, plain
from touchaudit.render.terminal.parts import delta_cell, new_table, score_cell
from touchaudit.render.wording import NO_VALUE


def _league(p: Portfolio) -> RenderableType:
    columns = ("Rank", "Audit", "Group", "Overall", "Change", "Percentile", "Coverage")
    table = new_table("League table (best first)", *columns, right=(0, 3, 4, 5))
    for e in p.league:
        row = e.row
        table.add_row(
            rank_text(e),
            Text(entry_name(row)),
            Text(row.group or NO_VALUE),
            score_cell(row.score),
            delta_cell(e.change),
            percentile_text(e.percentile),
            f"{row.coverage:.0%}" + (" (provisional)" if row.provisional else ""),
        )
    return table


def _stages(p: Portfolio) -> RenderableType:
    """The league's stage scores, in league order (a table of their own: a terminal is narrow)."""
    right = tuple(range(2, 2 + len(p.stage_ids)))
    table = new_table("By stage (league order)", "Rank", "Audit", *p.stage_ids, right=(0, *right))
    for e in p.league:
        table.add_row(
            rank_text(e),
            Text(entry_name(e.row)),
            *(score_cell(e.row.stage(s)) for s in p.stage_ids),
        )
    return table


def portfolio(p: Portfolio) -> RenderableType:
    """`touchaudit portfolio`."""
    parts: list[RenderableType] = [
        Text(portfolio_title(p), style="bold"),
        Text(f"Spread of the overall scores: {spread_text(p.spread)}"),
        _league(p),
        _stages(p),
        Text("Most common gaps", style="bold"),
        Text("".join(f"  {common_gap_text(g)}\n" for g in p.gaps) or "  none\n"),
    ]
    if p.groups:
        table = new_table("By group", "Group", "Audits", "Overall", *p.stage_ids, right=(1,))
        for g in p.groups:
            table.add_row(
                Text(g.group),
                str(g.spread.count),
                spread_text(g.spread),
                *(score_cell(v) for _, v in g.stages),
            )
        parts.append(table)
    return Group(*parts)


def portfolio_text(p: Portfolio) -> str:
    """The portfolio as the stdout console prints it."""
    return console_text(portfolio(p))


def portfolio_plain(p: Portfolio) -> str:
    """The portfolio without colours, for `--output FILE`."""
    return plain(portfolio(p))
