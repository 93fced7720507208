"""Rescoring a touchpoint with one criterion changed, term by term as touchpoint_score does:
what every "points gained if…" (impacts, the action plan) recomputes, without new objects."""

from __future__ import annotations

from touchaudit.scoring.model import CRITICAL_CAP
from touchaudit.scoring.results import Band, CriterionScore, band_of

# (score, weight, caps the touchpoint): what touchpoint_score reads of a criterion.
Term = tuple[float | None, float, bool]


def criterion_terms(criteria: tuple[CriterionScore, ...]) -> list[Term]:
    """What touchpoint_score reads of each criterion, in order."""
    return [
        (
            c.score,
            c.criterion.weight,
            c.criterion.critical and c.score is not None and band_of(c.score) is Band.POOR,
        )
        for c in criteria
    ]


def improved_score(
    terms: list[Term], index: int, target: float, *, critical: bool = False
) -> float | None:
    """touchpoint_score with criterion `index` at `target`, in the same order of operations
    (`critical`: whether that criterion caps the touchpoint when poor).

    The same sums as weighted_mean, term by term, so the impact is exactly what rescoring the
    improved touchpoint gives; without building a new list of CriterionScore for every gap.
    """
    total = weights = 0.0
    capped = False
    poor_target = critical and band_of(target) is Band.POOR
    for position, (score, weight, caps) in enumerate(terms):
        if position == index:
            score, caps = target, poor_target
        if score is None:
            continue
        total += score * weight
        weights += weight
        capped = capped or caps
    if not weights:
        return None
    score = total / weights
    return CRITICAL_CAP if capped and score > CRITICAL_CAP else score
