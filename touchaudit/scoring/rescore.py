"""Rescoring a touchpoint with one criterion changed, in O(1): what every "points gained if…"
(a gap's impact, each step of the action plan) recomputes, without rescoring its criteria."""

from __future__ import annotations

from collections.abc import Sequence

from touchaudit.records import value_record
from touchaudit.scoring.aspects import aspect_shares
from touchaudit.scoring.model import CRITICAL_CAP
from touchaudit.scoring.results import Band, CriterionScore, band_of

# (score, weight, caps the touchpoint): what touchpoint_score reads of a criterion.
Term = tuple[float | None, float, bool]


def score_if_measured(
    criteria: Sequence[CriterionScore], sums: Sums, index: int, score: float
) -> float | None:
    """The touchpoint's score if its unmeasured criterion `index`, a member of an aspect, scored
    `score` (`sums` over the criteria as they are now): the aspect's measured members then split
    its weight anew (aspects.aspect_shares, as in weigh_aspects), and no other term changes."""
    measuring = criteria[index]
    aspect = measuring.criterion.aspect
    members = [c for c in criteria if c.criterion.aspect == aspect]
    measured = [c is measuring or c.score is not None for c in members]
    shares = aspect_shares([c.criterion.weight for c in members], measured)
    after = sums
    for c, share, m in zip(members, shares, measured, strict=True):
        if m:
            new = score if c is measuring else c.score
            after = after.replaced(criterion_term(c.score, c), (new, share, _caps(new, c)))
    return after.score


def criterion_term(score: float | None, c: CriterionScore) -> Term:
    """The term of criterion `c` if it scored `score` (a critical one caps when poor)."""
    return score, c.weight, _caps(score, c)


def _caps(score: float | None, c: CriterionScore) -> bool:
    return c.criterion.critical and score is not None and band_of(score) is Band.POOR


@value_record
class Sums:
    """A touchpoint's Σ score·weight and Σ weight over its measured criteria, and how many of
    them cap it (critical and poor): its score, and its score with one term replaced, in O(1)."""

    total: float = 0.0
    weights: float = 0.0
    caps: int = 0

    def score_if_added(self, score: float, weight: float) -> float | None:
        """The score with an unmeasured criterion of this weight at `score`, a target (never
        poor, so never capping): `score_if_replaced((None, weight, False), (score, weight,
        False))` in fewer steps."""
        return _score(self.total + score * weight, self.weights + weight, self.caps)

    def replaced(self, old: Term, new: Term) -> Sums:
        """The sums with term `old` replaced by `new`."""
        return Sums(*self._replaced(old, new))

    def score_if_replaced(self, old: Term, new: Term) -> float | None:
        """`replaced(old, new).score`, without making the sums."""
        return _score(*self._replaced(old, new))

    @property
    def score(self) -> float | None:
        """The weighted mean, at most the cap when a critical criterion is poor; None when
        nothing is measured."""
        return _score(self.total, self.weights, self.caps)

    def _replaced(self, old: Term, new: Term) -> tuple[float, float, int]:
        total, weights, caps = self.total, self.weights, self.caps
        score, weight, capping = old
        if score is not None:
            total -= score * weight
            weights -= weight
            caps -= capping
        score, weight, capping = new
        if score is not None:
            total += score * weight
            weights += weight
            caps += capping
        return total, weights, caps


def _score(total: float, weights: float, caps: int) -> float | None:
    if weights <= 0:
        return None
    score = total / weights
    return CRITICAL_CAP if caps and score > CRITICAL_CAP else score
