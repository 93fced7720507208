"""The CI gates' verdicts: whether a gate passed, and its messages for people.

Each gate is a small result type; the CLI prints `messages` on stderr and exits 1 when a gate
did not pass. The baseline gate's verdict is `baseline.BaselineCheck`, the same shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from touchaudit.scoring.results import score_below

if TYPE_CHECKING:
    from touchaudit.comparison.result import Comparison


class Verdict(Protocol):
    """What every gate answers."""

    @property
    def passed(self) -> bool: ...

    @property
    def messages(self) -> tuple[str, ...]: ...


class Scored(Protocol):
    """A scored file, as the --fail-under gate sees it."""

    @property
    def file(self) -> str: ...

    @property
    def score(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class FailUnder:
    """`--fail-under`: the files whose overall score (as shown) is below the threshold."""

    threshold: float
    failing: tuple[tuple[str, float | None], ...]
    total: int

    @classmethod
    def judge(cls, threshold: float, scored: Sequence[Scored]) -> FailUnder:
        """The verdict on `scored`, in file order."""
        failing = tuple((s.file, s.score) for s in scored if score_below(s.score, threshold))
        return cls(threshold, failing, len(scored))

    @property
    def passed(self) -> bool:
        return not self.failing

    @property
    def messages(self) -> tuple[str, ...]:
        """`x.yaml: overall 52.6 is below 70`, one per failing file."""
        return tuple(
            f"{file}: overall {'no score' if score is None else f'{score:.1f}'} "
            f"is below {self.threshold:g}"
            for file, score in self.failing
        )


@dataclass(frozen=True, slots=True)
class NotBehind:
    """`--fail-if-behind`: our overall score is not below any competitor's."""

    behind: bool
    message: str

    @classmethod
    def judge(cls, comparison: Comparison) -> NotBehind:
        behind = bool(comparison.behind)
        return cls(behind, comparison.behind_message if behind else "")

    @property
    def passed(self) -> bool:
        return not self.behind

    @property
    def messages(self) -> tuple[str, ...]:
        return (self.message,) if self.behind else ()
