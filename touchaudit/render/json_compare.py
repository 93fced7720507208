"""JSON of `touchaudit compare`: stable keys (docs/compare.md), numbers rounded in output only."""

from __future__ import annotations

from typing import Any

from touchaudit.comparison import Comparison, CriterionDelta, Presence, Side
from touchaudit.render.json import dumps, gap_dict, group_dict, problem_dict, summary_dict
from touchaudit.results import CriterionScore


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


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
        "competitor": p.competitor,
        "kind": p.kind.value,
        "touchpoint": p.touchpoint,
        "name": p.name,
        "channel": p.channel,
        "channel_missing": p.channel_missing,
        "criterion": p.criterion,
        "stages": list(p.stages),
        "score": _round(p.score),
        "weight": p.weight,
        "impact": _round(p.impact),
    }


def _measured(c: CriterionScore | None) -> dict[str, Any] | None:
    if c is None:
        return None
    value = c.value
    return {
        "value": round(value, 4) if isinstance(value, float) else value,
        "text": c.measurement.raw if c.measurement else None,
        "shown": c.shown_value,
        "score": _round(c.score),
        "band": c.band.value,
    }


def criterion_row(row: CriterionDelta) -> dict[str, Any]:
    """One criterion of a matched pair: both sides, the delta (ours - theirs) and the flag."""
    value_delta = row.value_delta
    return {
        "competitor": row.match.competitor,
        "touchpoint": row.match.ours.id,
        "their_touchpoint": row.match.theirs.id,
        "matched_by": row.match.by.value,
        "criterion": row.criterion.id,
        "label": row.criterion.label,
        "unit": row.criterion.unit,
        "ours": _measured(row.ours),
        "theirs": _measured(row.theirs),
        "delta": _round(row.delta),
        "value_delta": None if value_delta is None else round(value_delta, 4),
        "flag": row.flag.value,
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
                "by": m.by.value,
                "score": _round(m.ours.score),
                "their_score": _round(m.theirs.score),
            }
            for m in c.matches
        ],
        "missing_touchpoints": [presence_dict(p) for p in c.missing],
        "advantages": [presence_dict(p) for p in c.advantages],
        "criteria": [criterion_row(r) for r in c.criteria],
        "gaps": [{**gap_dict(g), "competitor": g.competitor} for g in c.gaps],
        "behind": [s.label for s in c.behind],
        "warnings": [problem_dict(p) for p in c.warnings],
    }


def comparison(c: Comparison) -> str:
    """The JSON text."""
    return dumps(comparison_dict(c))
