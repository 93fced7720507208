"""JSON of the journey and chains sections of `touchaudit score` (docs/output.md)."""

from __future__ import annotations

from typing import Any

from touchaudit.results import ChainScore, Journey, JourneyItem


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _item(item: JourneyItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "label": item.label,
        "status": item.status.value,
        "touchpoints": list(item.touchpoints),
        "channels": list(item.channels),
        "criteria": list(item.criteria),
    }


def journey_dict(journey: Journey | None) -> dict[str, Any] | None:
    """Per stage: the touchpoints serving it and the checklist's expected touchpoints."""
    if journey is None:
        return None
    coverage = journey.coverage
    return {
        "business": journey.business,
        "checklist": journey.checklist,
        "expected": journey.expected,
        "present": journey.present,
        "coverage": None if coverage is None else round(coverage, 3),
        "stages": [
            {
                "id": stage.id,
                "touchpoints": list(stage.touchpoints),
                "empty": stage.empty,
                "items": [_item(i) for i in stage.items],
            }
            for stage in journey.stages
        ],
    }


def chain_dict(chain: ChainScore) -> dict[str, Any]:
    """A chain: its score (its weakest scored step's), the steps and the breaks in the journey."""
    return {
        "id": chain.id,
        "name": chain.name,
        "score": _round(chain.score),
        "band": chain.band.value,
        "weakest": chain.weakest,
        "unscored": list(chain.unscored),
        "steps": [
            {
                "touchpoint": s.touchpoint,
                "name": s.name,
                "score": _round(s.score),
                "stages": list(s.stages),
            }
            for s in chain.steps
        ],
        "breaks": [
            {"kind": b.kind.value, "from": b.from_step, "to": b.to_step, "stages": list(b.stages)}
            for b in chain.breaks
        ],
    }


def chains_list(chains: tuple[ChainScore, ...]) -> list[dict[str, Any]]:
    """Every chain of the audit, in file order."""
    return [chain_dict(c) for c in chains]
