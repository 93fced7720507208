"""What every JSON output shares: the writer, the score fields, validate's findings and the
criteria list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from touchaudit.library.targets import recommendation_text
from touchaudit.render import jsontext
from touchaudit.render.wording import rounded

if TYPE_CHECKING:
    from touchaudit.reading.errors import Problem
    from touchaudit.reading.models import Criterion
    from touchaudit.reading.validation import ValidationReport
    from touchaudit.scoring.results import (
        Band,
    )


def dumps(data: Any) -> str:
    """Pretty, stable JSON text with a final newline (as json.dumps with indent=2, but faster)."""
    return jsontext.dumps(data, end="\n")


class Scored(Protocol):
    """A score with its range and band: an audit's overall, a stage, channel or touchpoint."""

    @property
    def score(self) -> float | None: ...
    @property
    def low(self) -> float | None: ...
    @property
    def high(self) -> float | None: ...
    @property
    def band(self) -> Band: ...


class ScoredAudit(Scored, Protocol):
    """An audit's overall score, and the share of its criteria measured."""

    @property
    def coverage(self) -> float: ...


def attributes(obj: object, *names: str) -> dict[str, Any]:
    """The attributes of `obj` with these names, keyed by their names, in this order."""
    return {name: getattr(obj, name) for name in names}


def score_fields(scored: Scored) -> dict[str, Any]:
    """A score as every JSON object gives it: rounded, with its range and its band."""
    return {
        "score": rounded(scored.score),
        "score_range": score_range(scored.low, scored.high),
        "band": scored.band,
    }


def overall_fields(audit: ScoredAudit) -> dict[str, Any]:
    """An audit's overall score as `score`, `compare` and `trend` give it, with its coverage."""
    return {**score_fields(audit), "coverage": round(audit.coverage, 3)}


def score_range(low: float | None, high: float | None) -> list[float | None] | None:
    """`[low, high]`: the score with every unmeasured criterion at 0 and at 100."""
    return None if low is None and high is None else [rounded(low), rounded(high)]


def problem_dict(problem: Problem) -> dict[str, Any]:
    """One finding as a JSON object."""
    return attributes(problem, "file", "line", "column", "message", "code", "path", "severity")


def findings(report: ValidationReport) -> str:
    """`touchaudit validate --format json`: a list of findings."""
    return dumps([problem_dict(p) for p in report.problems])


def criterion_dict(criterion: Criterion) -> dict[str, Any]:
    """A library criterion with its thresholds and source; its recommendation as a reader sees
    it, with `{good}` and `{poor}` filled in from the thresholds in effect."""
    found = criterion.model_dump(mode="json", exclude={"custom"})
    found["recommendation"] = recommendation_text(criterion)
    return found


def criteria(items: list[Criterion]) -> str:
    """`touchaudit criteria --format json`."""
    return dumps([criterion_dict(c) for c in items])
