"""JSON output: stable keys, for scripts and other tools."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from touchaudit import jsontext
from touchaudit.errors import Problem
from touchaudit.models import Criterion
from touchaudit.render import json_journey
from touchaudit.results import (
    CriterionScore,
    Gap,
    GroupScore,
    Scorecard,
    TouchpointScore,
    ValidationReport,
)


def dumps(data: Any) -> str:
    """Pretty, stable JSON text with a final newline (as json.dumps with indent=2, but faster)."""
    return jsontext.dumps(data, end="\n")


def problem_dict(problem: Problem) -> dict[str, Any]:
    """One finding as a JSON object."""
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
        "code": problem.code,
        "path": problem.path,
        "severity": problem.severity,
    }


def findings(report: ValidationReport) -> str:
    """`touchaudit validate --format json`: a list of findings."""
    return dumps([problem_dict(p) for p in report.problems])


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _value(score: CriterionScore) -> float | bool | None:
    value = score.value
    return round(value, 4) if isinstance(value, float) else value


def gap_dict(gap: Gap) -> dict[str, Any]:
    """One gap as a JSON object."""
    return {
        "touchpoint": gap.touchpoint,
        "criterion": gap.criterion,
        "kind": gap.kind.value,
        "impact": _round(gap.impact),
        "message": gap.message,
        "recommendation": gap.recommendation,
        "effort": gap.effort,
        "owner": gap.owner,
        "stages": list(gap.stages),
    }


def group_dict(group: GroupScore) -> dict[str, Any]:
    """A stage or channel score as a JSON object."""
    return {
        "id": group.id,
        "score": _round(group.score),
        "band": group.band.value,
        "touchpoints": group.touchpoints,
    }


def touchpoint_dict(tp: TouchpointScore) -> dict[str, Any]:
    """A scored touchpoint with its criteria as a JSON object."""
    return {
        "id": tp.id,
        "name": tp.name,
        "channel": tp.channel,
        "stages": list(tp.stages),
        "weight": tp.weight,
        "owner": tp.owner,
        "score": _round(tp.score),
        "band": tp.band.value,
        "capped_by": tp.capped_by,
        "criteria": [
            {
                "id": c.id,
                "value": _value(c),
                "unit": c.criterion.unit,
                "text": c.measurement.raw if c.measurement else None,
                "score": _round(c.score),
                "band": c.band.value,
                "weight": c.criterion.weight,
            }
            for c in tp.criteria
        ],
    }


def summary_dict(card: Scorecard) -> dict[str, Any]:
    """Which audit, and its overall score, band and coverage: the head of every JSON view."""
    return {
        "file": card.file,
        "company": card.company,
        "audited_on": card.audited_on.isoformat() if card.audited_on else None,
        "score": _round(card.score),
        "band": card.band.value,
        "coverage": round(card.coverage, 3),
        "measured": card.measured,
        "expected": card.expected,
    }


def scorecard_dict(card: Scorecard) -> dict[str, Any]:
    """`touchaudit score --format json` for one audit."""
    return {
        **summary_dict(card),
        "stages": [group_dict(s) for s in card.stages],
        "channels": [group_dict(c) for c in card.channels],
        "touchpoints": [touchpoint_dict(t) for t in card.touchpoints],
        "gaps": [gap_dict(g) for g in card.gaps],
        "journey": json_journey.journey_dict(card.journey),
        "chains": json_journey.chains_list(card.chains),
    }


def scorecards(cards: list[Scorecard]) -> str:
    """One scorecard object for one file; a list of them for several files."""
    if len(cards) == 1:
        return scorecard_document(cards[0])
    return "".join(join_items([scorecard_item(c) for c in cards]))


def scorecard_document(card: Scorecard) -> str:
    """`scorecards` for one file, from its scorecard alone."""
    return jsontext.dumps(scorecard_dict(card), end="\n")


def scorecard_item(card: Scorecard) -> str:
    """One scorecard as an item of the list that `join_items` writes for several files."""
    return jsontext.dumps(scorecard_dict(card), level=1)


def join_items(items: list[str]) -> Iterator[str]:
    """`scorecards` for several files, from their items, in chunks (no copy of the whole)."""
    yield "[\n  "
    for index, item in enumerate(items):
        if index:
            yield ",\n  "
        yield item
    yield "\n]\n"


def criterion_dict(criterion: Criterion) -> dict[str, Any]:
    """A library criterion with its thresholds and source."""
    return criterion.model_dump(mode="json", exclude={"custom"})


def criteria(items: list[Criterion]) -> str:
    """`touchaudit criteria --format json`."""
    return dumps([criterion_dict(c) for c in items])
