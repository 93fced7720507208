"""`touchaudit compare --format json`: both sides, the matches, the criteria side by side and
the gaps (docs/compare.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from touchaudit.render.json.base import attributes, dumps, problem_dict
from touchaudit.render.json.score import (
    gap_dict,
    group_dict,
    measured_number,
    not_applicable_list,
    plan_dict,
    summary_dict,
)
from touchaudit.render.wording import rounded

if TYPE_CHECKING:
    from touchaudit.comparison.result import Comparison, CriterionDelta, Presence, Side
    from touchaudit.scoring.results import (
        CriterionScore,
    )


def side_dict(side: Side) -> dict[str, Any]:
    """One audit's summary: overall, coverage, stages and channels with touchpoint counts."""
    card = side.card
    journey = card.journey
    coverage = journey.coverage if journey else None
    return {
        "label": side.label,
        **summary_dict(card),
        "touchpoints": len(card.touchpoints),
        "journey_coverage": None if coverage is None else round(coverage, 3),
        "stages": [group_dict(s) for s in card.stages],
        "channels": [group_dict(c) for c in card.channels],
    }


def presence_dict(p: Presence) -> dict[str, Any]:
    """A touchpoint or feature one side has and the other lacks."""
    return {
        **attributes(
            p, "competitor", "kind", "touchpoint", "name", "channel", "channel_missing", "criterion"
        ),
        "stages": list(p.stages),
        "score": rounded(p.score),
        "weight": p.weight,
        "impact": rounded(p.impact),
    }


def _measured(c: CriterionScore | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "value": measured_number(c.measurement),
        "text": c.measurement.raw if c.measurement else None,
        "shown": c.shown_value,
        "score": rounded(c.score),
        "band": c.band,
    }


def criterion_row(row: CriterionDelta) -> dict[str, Any]:
    """One criterion of a matched pair: both sides, the delta (ours - theirs) and the flag."""
    value_delta = row.value_delta
    return {
        "competitor": row.match.competitor,
        "touchpoint": row.match.ours.id,
        "their_touchpoint": row.match.theirs.id,
        "matched_by": row.match.by,
        "criterion": row.criterion.id,
        "label": row.criterion.label,
        "unit": row.criterion.unit,
        "ours": _measured(row.ours),
        "theirs": _measured(row.theirs),
        "delta": rounded(row.delta),
        "value_delta": None if value_delta is None else round(value_delta, 4),
        "flag": row.flag,
    }


def comparison_dict(c: Comparison) -> dict[str, Any]:
    """`touchaudit compare --format json`."""
    return {
        "ours": side_dict(c.ours),
        "theirs": [side_dict(s) for s in c.theirs],
        "matches": [
            {
                "competitor": m.competitor,
                "touchpoint": m.ours.id,
                "their_touchpoint": m.theirs.id,
                "by": m.by,
                "score": rounded(m.ours.score),
                "their_score": rounded(m.theirs.score),
            }
            for m in c.matches
        ],
        "missing_touchpoints": [presence_dict(p) for p in c.missing],
        "advantages": [presence_dict(p) for p in c.advantages],
        "criteria": [criterion_row(r) for r in c.criteria],
        "gaps": [{**gap_dict(g), "competitor": g.competitor} for g in c.gaps],
        "behind": [s.label for s in c.behind],
        "warnings": [problem_dict(p) for p in c.warnings],
        "plan": plan_dict(c.plan, not_applicable_list(c.ours.card)),
    }


def comparison(c: Comparison) -> str:
    """The JSON text."""
    return dumps(comparison_dict(c))
