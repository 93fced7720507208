"""The CI gates' verdicts: whether a gate passed, and its messages for people.

Each gate is a small result type; the CLI prints `messages` on stderr and exits 1 when a gate
did not pass. The baseline gate's verdict is `baseline.BaselineCheck`, the same shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from touchaudit.scoring.results import Headline, score_below

if TYPE_CHECKING:
    from touchaudit.comparison.result import Comparison
    from touchaudit.scoring.results import Scorecard


class Verdict(Protocol):
    """What every gate answers."""

    @property
    def passed(self) -> bool: ...

    @property
    def messages(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class FailUnder:
    """`--fail-under`: the files whose overall score (as shown) is below the threshold, or whose
    score is provisional (coverage below the minimum); with `strict`, the low end of the range
    is judged instead of the score."""

    threshold: float
    failing: tuple[Headline, ...]
    total: int
    strict: bool = False

    @classmethod
    def judge(
        cls, threshold: float, scored: Sequence[Headline], *, strict: bool = False
    ) -> FailUnder:
        """The verdict on `scored`, in file order."""
        failing = tuple(
            s for s in scored if s.provisional or score_below(s.judged(strict), threshold)
        )
        return cls(threshold, failing, len(scored), strict)

    @property
    def passed(self) -> bool:
        return not self.failing

    @property
    def messages(self) -> tuple[str, ...]:
        """`x.yaml: overall 52.6 is below 70`, one per failing file."""
        return tuple(self.message(h) for h in self.failing)

    def message(self, failing: Headline) -> str:
        """Why one file failed: its provisional score, or its score (low end) below the bar."""
        if failing.provisional:
            return (
                f"{failing.file}: coverage {failing.coverage:.0%} is below the minimum "
                f"{failing.min_coverage:.0%}, so its score is provisional and cannot pass "
                "--fail-under: measure more criteria"
            )
        judged = failing.judged(self.strict)
        what = "the low end of the overall range (--strict)" if self.strict else "overall"
        shown = "no score" if judged is None else f"{judged:.1f}"
        return f"{failing.file}: {what} {shown} is below {self.threshold:g}"


@dataclass(frozen=True, slots=True)
class NotBehind:
    """`--fail-if-behind`: our overall score is not below any competitor's, and every side was
    measured enough for that to stand (no provisional score); with `strict`, every side is
    judged by the low end of its range."""

    behind: bool
    message: str

    @classmethod
    def judge(cls, comparison: Comparison, *, strict: bool = False) -> NotBehind:
        """The verdict on the comparison."""
        provisional = [s for s in comparison.sides if s.card.provisional]
        if provisional:
            named = ", ".join(f"{s.label} {s.card.coverage:.0%}" for s in provisional)
            minimum = provisional[0].card.min_coverage
            return cls(
                True,
                f"the comparison is provisional: coverage below the minimum {minimum:.0%} "
                f"({named}); measure more criteria",
            )
        if not strict:
            behind = bool(comparison.behind)
            return cls(behind, comparison.behind_message if behind else "")
        ours = comparison.ours
        ahead = [s for s in comparison.theirs if _low(s.card) > _low(ours.card)]
        if not ahead:
            return cls(False, "")
        names = ", ".join(f"{s.label} ({_low(s.card):.1f})" for s in ahead)
        return cls(
            True,
            f"{ours.label} (low end {_low(ours.card):.1f}, --strict) is behind {names}",
        )

    @property
    def passed(self) -> bool:
        return not self.behind

    @property
    def messages(self) -> tuple[str, ...]:
        return (self.message,) if self.behind else ()


def _low(card: Scorecard) -> float:
    """The low end of a side's overall range, as shown (one decimal)."""
    return round(card.low or 0.0, 1)
