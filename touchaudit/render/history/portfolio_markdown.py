"""`touchaudit portfolio --format markdown`: the league table, spread, common gaps and group
subtotals as GitHub-flavoured Markdown tables; every cell escaped by `markdown.table`."""

from __future__ import annotations

from touchaudit.comparison.portfolio import Portfolio
from touchaudit.render.cisafe import guard
from touchaudit.render.history.words import (
    common_gap_text,
    entry_name,
    percentile_text,
    portfolio_title,
    rank_text,
    spread_text,
)
from touchaudit.render.markdown import band_text, escape, table
from touchaudit.render.wording import NO_VALUE, delta_text, score_text


def league(p: Portfolio) -> str:
    """The league table, best first."""
    headers = ("Rank", "Audit", "Group", "Overall", *p.stage_ids, "Coverage", "Change", "Pctl")
    rows = [
        (
            rank_text(e),
            entry_name(e.row),
            e.row.group or NO_VALUE,
            f"{score_text(e.row.score)} ({band_text(e.row.score)})",
            *(score_text(e.row.stage(s)) for s in p.stage_ids),
            f"{e.row.coverage:.0%}" + (" (provisional)" if e.row.provisional else ""),
            delta_text(e.change),
            percentile_text(e.percentile),
        )
        for e in p.league
    ]
    return table(headers, rows)


def portfolio(p: Portfolio) -> str:
    """`touchaudit portfolio --format markdown`."""
    out = [
        f"## {escape(portfolio_title(p))}\n",
        f"Spread of the overall scores: {escape(spread_text(p.spread))}.\n",
        league(p),
        "### Most common gaps\n",
        "".join(f"- {escape(common_gap_text(g))}\n" for g in p.gaps) or "None.\n",
    ]
    if p.groups:
        out.append("### By group\n")
        rows = [
            (g.group, g.spread.count, spread_text(g.spread), *(score_text(v) for _, v in g.stages))
            for g in p.groups
        ]
        out.append(table(("Group", "Audits", "Overall", *p.stage_ids), rows))
    return guard("\n".join(out))
