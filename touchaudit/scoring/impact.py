"""Impact: the points of overall score gained if a gap is closed, computed here and nowhere else.

The overall score is Σ w·s / Σ w over the scored touchpoints. Closing a gap rescores one
touchpoint (a criterion brought to good, or to a competitor's score) or adds one (an expected
touchpoint, a competitor's); its impact is the rise of the overall, never below 0.
docs/scoring.md and docs/compare.md state the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from touchaudit.scoring.results import TouchpointScore


@dataclass(frozen=True, slots=True)
class Overall:
    """Σ w·s and Σ w over the scored touchpoints: enough to recompute the overall in O(1)."""

    total: float
    weights: float

    @classmethod
    def of(cls, touchpoints: Iterable[TouchpointScore]) -> Overall:
        """The sums over `touchpoints`, once: each impact is then O(1)."""
        total = weights = 0.0
        for t in touchpoints:
            if t.score is not None:
                total += t.score * t.weight
                weights += t.weight
        return cls(total, weights)

    @property
    def score(self) -> float:
        """The overall score (0 with no scored touchpoint)."""
        return self.total / self.weights if self.weights else 0.0

    def gain_if_rescored(self, tp: TouchpointScore, new_score: float | None) -> float:
        """Points gained if `tp` scored `new_score` instead (>= 0)."""
        total, weights = self.total, self.weights
        if tp.score is not None:
            total -= tp.score * tp.weight
            weights -= tp.weight
        if new_score is not None:
            total += new_score * tp.weight
            weights += tp.weight
        after = total / weights if weights else 0.0
        return max(0.0, after - self.score)

    def gain_if_added(self, score: float | None, weight: float) -> float:
        """Points gained by adding a touchpoint with this score and weight (>= 0)."""
        if score is None:
            return 0.0
        after = (self.total + score * weight) / (self.weights + weight)
        return max(0.0, after - self.score)
