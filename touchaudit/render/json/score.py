"""`touchaudit score --format json`: the scorecard of each audit, with its journey, chains and
plan (docs/output.md)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from touchaudit.render import jsontext
from touchaudit.render.json.base import overall_fields, score_fields
from touchaudit.render.wording import rounded
from touchaudit.scoring.results import Band, band_of

if TYPE_CHECKING:
    from touchaudit.reading.models import Measurement
    from touchaudit.scoring.results import (
        ChainScore,
        CriterionScore,
        Gap,
        GroupScore,
        Journey,
        JourneyItem,
        Plan,
        Scorecard,
        TouchpointScore,
    )


_Item = TypeVar("_Item")
_UNMEASURED = Band.UNMEASURED


def measured_number(measurement: Measurement | None) -> float | bool | None:
    """A measured value as a number in output: four decimals (a score has one)."""
    if measurement is None:
        return None
    value = measurement.value
    return round(value, 4) if isinstance(value, float) else value


def gap_dict(gap: Gap) -> dict[str, Any]:
    """One gap as a JSON object."""
    return {
        "touchpoint": gap.touchpoint,
        "criterion": gap.criterion,
        "kind": gap.kind,
        "impact": round(gap.impact, 1),  # an impact is never None: round, not rounded()
        "message": gap.message,
        "recommendation": gap.recommendation,
        "effort": gap.effort,
        "owner": gap.owner,
        "stages": gap.stages,
    }


def group_dict(group: GroupScore) -> dict[str, Any]:
    """A stage or channel score as a JSON object."""
    return {
        "id": group.id,
        **score_fields(group),
        "touchpoints": group.touchpoints,
        "missing": group.missing,
    }


def touchpoint_dict(tp: TouchpointScore) -> dict[str, Any]:
    """A scored touchpoint with its criteria as a JSON object."""
    return {
        "id": tp.id,
        "name": tp.name,
        "channel": tp.channel,
        "channel_alias": tp.channel_alias,
        "stages": tp.stages,
        "weight": tp.weight,
        "owner": tp.owner,
        **score_fields(tp),
        "capped_by": tp.capped_by,
        "criteria": [_criterion_dict(c) for c in tp.criteria],
    }


def _criterion_dict(score: CriterionScore) -> dict[str, Any]:
    """One criterion of a scored touchpoint (the most frequent object of the scorecard), with
    where its value comes from when the file or a source says so."""
    criterion, measurement, number = score.criterion, score.measurement, score.score
    entry = {
        "id": criterion.id,
        "value": None if measurement is None else measured_number(measurement),
        "unit": criterion.unit,
        "text": None if measurement is None else measurement.raw,
        "score": None if number is None else round(number, 1),  # rounded(), one call less
        "band": _UNMEASURED if number is None else band_of(number),
        "weight": criterion.weight,
    }
    if measurement is not None:
        _add_provenance(entry, measurement)
    return entry


def _add_provenance(found: dict[str, Any], measurement: Measurement) -> None:
    # Only what is known: most values carry none of it, and the scorecard stays small.
    if measurement.note:
        found["note"] = measurement.note
    if measurement.evidence:
        found["evidence"] = measurement.evidence
    if measurement.samples:
        found["samples"] = measurement.samples
    if measurement.measured_on is not None:
        found["measured_on"] = measurement.measured_on.isoformat()
        found["stale"] = measurement.stale


def summary_dict(card: Scorecard) -> dict[str, Any]:
    """Which audit, and its overall score, range, band and coverage: the head of every view."""
    return {
        "file": card.file,
        "company": card.company,
        "audited_on": card.audited_on.isoformat() if card.audited_on else None,
        "model_version": card.model_version,
        **overall_fields(card),
        "min_coverage": round(card.min_coverage, 3),
        "provisional": card.provisional,
        "measured": card.measured,
        "expected": card.expected,
        "completeness_judged": card.completeness_judged,
        "missing_touchpoints": len(card.missing),
    }


def not_applicable_list(card: Scorecard) -> list[dict[str, Any]]:
    """What was left out because it does not apply, with the reason."""
    return [
        {
            "kind": entry.kind.value,
            "id": entry.id,
            "label": entry.label,
            "touchpoint": entry.touchpoint,
            "reason": entry.reason,
            "until": entry.until.isoformat() if entry.until else None,
        }
        for entry in card.not_applicable
    ]


def plan_dict(plan: Plan, not_applicable: list[dict[str, Any]]) -> dict[str, Any]:
    """The action plan: fixes in order (their `impact`s add up to `score_after`; the gap's own
    `standalone_impact` does not add up), what to measure, and what does not apply."""
    return {
        # Each of these numbers is a float, never None: round(), not rounded().
        "to_fix": [
            {
                "touchpoint": step.gap.touchpoint,
                "criterion": step.gap.criterion,
                "kind": step.gap.kind.value,
                "competitor": step.gap.competitor,
                "impact": round(step.impact, 1),
                "score_after": round(step.score_after, 1),
                "standalone_impact": round(step.gap.impact, 1),
                "message": step.gap.message,
                "recommendation": step.gap.recommendation,
                "effort": step.gap.effort,
                "owner": step.gap.owner,
            }
            for step in plan.to_fix
        ],
        "to_measure": [
            {
                "touchpoint": m.gap.touchpoint,
                "criterion": m.gap.criterion,
                "range_share": round(m.range_share, 1),
                "message": m.gap.message,
                "recommendation": m.gap.recommendation,
                "effort": m.gap.effort,
                "owner": m.gap.owner,
            }
            for m in plan.to_measure
        ],
        "not_applicable": not_applicable,
    }


def scorecard_dict(card: Scorecard) -> dict[str, Any]:
    """`touchaudit score --format json` for one audit."""
    not_applicable = not_applicable_list(card)
    return {
        **summary_dict(card),
        "stages": [group_dict(s) for s in card.stages],
        "channels": [group_dict(c) for c in card.channels],
        "touchpoints": [touchpoint_dict(t) for t in card.touchpoints],
        "gaps": [gap_dict(g) for g in card.gaps],
        "journey": journey_dict(card.journey),
        "chains": chains_list(card.chains),
        "not_applicable": not_applicable,
        "plan": plan_dict(card.plan, not_applicable),
    }


def scorecards(cards: Sequence[Scorecard]) -> str:
    """One scorecard object for one file; a list of them for several files."""
    if len(cards) == 1:
        return scorecard_document(cards[0]).decode()
    return b"".join(join_items([scorecard_item(c) for c in cards])).decode()


# The pieces `score` writes are UTF-8 bytes, written to the output as they are: a scorecard is
# about 25 times its audit, and as text it would be decoded, held and encoded again. Every key
# of a scorecard's objects is a plain str, written here (str_keys).


def scorecard_document(card: Scorecard) -> bytes:
    """`scorecards` for one file, from its scorecard alone."""
    return jsontext.encode(scorecard_dict(card), end="\n", str_keys=True)


def scorecard_item(card: Scorecard) -> bytes:
    """One scorecard as an item of the list that `join_items` writes for several files."""
    return jsontext.encode(scorecard_dict(card), level=1, str_keys=True)


def join_items(items: Sequence[_Item]) -> Iterator[bytes | _Item]:
    """`scorecards` for several files, from their items, in chunks (no copy of the whole): an
    item is its bytes, or where a worker parked them (render/spool.py), written as it is."""
    yield b"[\n  "
    for index, item in enumerate(items):
        if index:
            yield b",\n  "
        yield item
    yield b"\n]\n"


def _item(item: JourneyItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "label": item.label,
        "status": item.status,
        "touchpoints": list(item.touchpoints),
        "channels": list(item.channels),
        "criteria": list(item.criteria),
        "weight": item.weight,
        "reason": item.reason,
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
        "applicable": journey.applicable,
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
        "score": rounded(chain.score),
        "band": chain.band,
        "weakest": chain.weakest,
        "unscored": list(chain.unscored),
        "steps": [
            {
                "touchpoint": s.touchpoint,
                "name": s.name,
                "score": rounded(s.score),
                "stages": list(s.stages),
            }
            for s in chain.steps
        ],
        "breaks": [
            {"kind": b.kind, "from": b.from_step, "to": b.to_step, "stages": list(b.stages)}
            for b in chain.breaks
        ],
    }


def chains_list(chains: tuple[ChainScore, ...]) -> list[dict[str, Any]]:
    """Every chain of the audit, in file order."""
    return [chain_dict(c) for c in chains]
