"""`touchaudit trend --format json`: every audit's scores, the changes between consecutive
audits and the drop gate, with stable keys (docs/trend.md); numbers rounded as shown."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from touchaudit.comparison.trend_result import Move, Trend, TrendPoint, TrendStep
from touchaudit.render.json import dumps, overall_fields
from touchaudit.render.wording import rounded
from touchaudit.scoring.model import MODEL_VERSION


def _scores(scores: Mapping[str, float | None]) -> dict[str, float | None]:
    return {key: rounded(value) for key, value in scores.items()}


def point_dict(point: TrendPoint) -> dict[str, Any]:
    """One audit of the trend."""
    return {
        "label": point.label,
        "file": point.file,
        "audited_on": point.audited_on.isoformat() if point.audited_on else None,
        "commit": point.commit,
        **overall_fields(point),
        "provisional": point.provisional,
        "stages": _scores(point.stages),
        "channels": _scores(point.channels),
    }


def move_dict(move: Move) -> dict[str, Any]:
    """A criterion whose score changed between two audits."""
    return {
        "touchpoint": move.touchpoint,
        "touchpoint_name": move.touchpoint_name,
        "criterion": move.criterion,
        "label": move.criterion_label,
        "before": {"value": move.before_value, "score": rounded(move.before)},
        "after": {"value": move.after_value, "score": rounded(move.after)},
        "delta": rounded(move.delta),
    }


def step_dict(step: TrendStep) -> dict[str, Any]:
    """From one audit to the next."""
    return {
        "from": step.before,
        "to": step.after,
        "overall": rounded(step.overall),
        "stages": _scores(step.stages),
        "channels": _scores(step.channels),
        "moved_most": [move_dict(m) for m in step.moves],
    }


def trend_dict(t: Trend) -> dict[str, Any]:
    """The whole trend as one JSON object."""
    gate = t.gate
    return {
        "company": t.company,
        "model_version": MODEL_VERSION,
        "thresholds_of": t.newest.label,
        "stages": list(t.stage_ids),
        "channels": list(t.channel_ids),
        "change": rounded(t.change),
        "audits": [point_dict(p) for p in t.points],
        "steps": [step_dict(s) for s in t.steps],
        "fail_on_drop": None
        if gate is None
        else {
            "max_drop": gate.max_drop,
            "passed": gate.passed,
            "drops": [{"what": d.what, "before": d.before, "after": d.after} for d in gate.drops],
        },
    }


def trend(t: Trend) -> str:
    """`touchaudit trend --format json`."""
    return dumps(trend_dict(t))
