"""`touchaudit portfolio --format json`: the league table, the spread, the common gaps and the
group subtotals, with stable keys (docs/trend.md); numbers rounded as shown."""

from __future__ import annotations

from typing import Any

from touchaudit.comparison.portfolio import Entry, Portfolio, Spread
from touchaudit.render.json import dumps
from touchaudit.render.wording import rounded
from touchaudit.scoring.results import band_of


def spread_dict(spread: Spread) -> dict[str, Any]:
    """The spread of overall scores."""
    return {
        "count": spread.count,
        "min": rounded(spread.minimum),
        "lower_quartile": rounded(spread.lower_quartile),
        "median": rounded(spread.median),
        "upper_quartile": rounded(spread.upper_quartile),
        "max": rounded(spread.maximum),
    }


def entry_dict(entry: Entry) -> dict[str, Any]:
    """One line of the league table."""
    row = entry.row
    return {
        "rank": entry.rank,
        "company": row.company,
        "location": row.location,
        "group": row.group,
        "file": row.file,
        "audited_on": row.audited_on.isoformat() if row.audited_on else None,
        "score": rounded(row.score),
        "band": band_of(row.score),
        "coverage": round(row.coverage, 3),
        "provisional": row.provisional,
        "percentile": None if entry.percentile is None else round(entry.percentile, 1),
        "change": rounded(entry.change),
        "previous_audit": entry.previous.isoformat() if entry.previous else None,
        "stages": {sid: rounded(score) for sid, score in row.stages},
    }


def portfolio_dict(p: Portfolio) -> dict[str, Any]:
    """The whole portfolio as one JSON object."""
    return {
        "audits": len(p.league),
        "earlier_audits": p.earlier,
        "stages": list(p.stage_ids),
        "spread": spread_dict(p.spread),
        "league": [entry_dict(e) for e in p.league],
        "common_gaps": [
            {"key": g.key, "text": g.text, "count": g.count, "of": g.total} for g in p.gaps
        ],
        "groups": [
            {
                "group": g.group,
                "spread": spread_dict(g.spread),
                "stages": {sid: rounded(score) for sid, score in g.stages},
            }
            for g in p.groups
        ],
    }


def portfolio(p: Portfolio) -> str:
    """`touchaudit portfolio --format json`."""
    return dumps(portfolio_dict(p))
