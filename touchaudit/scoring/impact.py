"""Impact: the points of overall score gained if a gap is closed, computed here and nowhere else.

The overall score is Σ w·s / Σ w over its terms: the scored touchpoints and the expected
touchpoints the audit lacks (each a term at 0). Closing a gap replaces terms: a touchpoint
rescored (a criterion brought to good, or to a competitor's score), a missing touchpoint added
in place of its 0; its impact is the rise of the overall, never below 0.
docs/scoring.md and docs/compare.md state the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from touchaudit.records import value_record
from touchaudit.scoring.results import TouchpointScore

# (score, weight) of one term of the overall mean; a None score is not in the mean.
Term = tuple[float | None, float]
# (before, after): a term replaced by another; None on a side when there is none.
Change = tuple[Term | None, Term | None]


@value_record
class Overall:
    """Σ w·s and Σ w over the overall's terms: enough to recompute the overall in O(1)."""

    total: float
    weights: float

    @classmethod
    def of(cls, terms: Iterable[Term]) -> Overall:
        """The sums over `terms`, once: each impact is then O(1)."""
        total = weights = 0.0
        for score, weight in terms:
            if score is not None:
                total += score * weight
                weights += weight
        return cls(total, weights)

    @property
    def score(self) -> float:
        """The overall score (0 with no scored term)."""
        return self.total / self.weights if self.weights else 0.0

    def gain(self, *changes: Change) -> float:
        """Points gained if every change were made at once (>= 0)."""
        total, weights = self._sums_after(changes)
        return max(0.0, (total / weights if weights else 0.0) - self.score)

    def after(self, *changes: Change) -> Overall:
        """The sums once every change is made."""
        return Overall(*self._sums_after(changes))

    def _sums_after(self, changes: Iterable[Change]) -> tuple[float, float]:
        total, weights = self.total, self.weights
        for before, after in changes:
            if before is not None and before[0] is not None:
                total -= before[0] * before[1]
                weights -= before[1]
            if after is not None and after[0] is not None:
                total += after[0] * after[1]
                weights += after[1]
        return total, weights

    def gain_if_rescored(self, tp: TouchpointScore, new_score: float | None) -> float:
        """Points gained if `tp` scored `new_score` instead (>= 0)."""
        return self.gain(((tp.score, tp.weight), (new_score, tp.weight)))

    def gains_if_rescored(self, tp: TouchpointScore) -> Callable[[float | None], float]:
        """`gain_if_rescored` for one touchpoint and many new scores (a gap each): the sums
        without the touchpoint are taken once, then each gain costs two additions (the same
        arithmetic, in the same order, as `gain`)."""
        total, weights = self._sums_after([((tp.score, tp.weight), None)])
        now, weight = self.score, tp.weight

        def gain(new_score: float | None) -> float:
            if new_score is None:
                return max(0.0, (total / weights if weights else 0.0) - now)
            after_total, after_weights = total + new_score * weight, weights + weight
            return max(0.0, (after_total / after_weights if after_weights else 0.0) - now)

        return gain

    def gain_if_added(self, score: float | None, weight: float) -> float:
        """Points gained by adding a touchpoint with this score and weight (>= 0)."""
        return self.gain((None, (score, weight)))
