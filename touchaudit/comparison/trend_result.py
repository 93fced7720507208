"""Result models of `touchaudit trend`: one company's audits in time order, each scored with one
set of thresholds (the newest audit's), the change between consecutive audits, the drop gate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from touchaudit.comparison.baseline import Drop
from touchaudit.reading.errors import Problem
from touchaudit.scoring.results import Banded


@dataclass(frozen=True, slots=True)
class TrendPoint(Banded):
    """One audit of the trend: its overall score with range and coverage, and the score of each
    stage and channel (None: the audit has it without a score, or lacks it)."""

    label: str
    file: str
    audited_on: date | None
    commit: str | None
    score: float | None
    low: float | None
    high: float | None
    coverage: float
    provisional: bool
    stages: Mapping[str, float | None]
    channels: Mapping[str, float | None]


@dataclass(frozen=True, slots=True)
class Move:
    """A criterion of a touchpoint whose score changed between two consecutive audits."""

    touchpoint: str
    touchpoint_name: str
    criterion: str
    criterion_label: str
    before_value: str
    after_value: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        """Points gained (negative: lost) on the criterion's 0-100 scale."""
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class TrendStep:
    """From one audit to the next: the change of the overall, of each stage and channel (None
    where either audit has no score there), and the criteria that moved most, largest first."""

    before: str
    after: str
    overall: float | None
    stages: Mapping[str, float | None]
    channels: Mapping[str, float | None]
    moves: tuple[Move, ...]


@dataclass(frozen=True, slots=True)
class DropCheck:
    """`--fail-on-drop`: the overall and stage scores that fell by more than `max_drop` points
    from the audit before the newest to the newest (a CI job judges each new audit once)."""

    before: str
    after: str
    max_drop: float
    drops: tuple[Drop, ...]

    @property
    def passed(self) -> bool:
        return not self.drops

    @property
    def messages(self) -> tuple[str, ...]:
        """`q4 since q3: overall score dropped 5.0 points (80.0 → 75.0), more than the 3
        allowed`."""
        return tuple(
            f"{self.after} since {self.before}: {d.message(self.max_drop)}" for d in self.drops
        )


@dataclass(frozen=True)
class Trend:
    """One company's audits, oldest first, scored with the newest audit's thresholds.

    `stage_ids` and `channel_ids` are every stage and channel any audit has (stages in journey
    order, channels in order of appearance); `steps[i]` goes from `points[i]` to `points[i+1]`."""

    company: str
    points: tuple[TrendPoint, ...]
    steps: tuple[TrendStep, ...]
    stage_ids: tuple[str, ...]
    channel_ids: tuple[str, ...]
    warnings: tuple[Problem, ...] = ()
    gate: DropCheck | None = None

    @property
    def newest(self) -> TrendPoint:
        """The audit whose thresholds every audit is scored with."""
        return self.points[-1]

    def rows(
        self, kind: Literal["stages", "channels"]
    ) -> tuple[tuple[str, tuple[tuple[float | None, float | None], ...]], ...]:
        """Each stage (or channel) with, per audit, its score and its change since the audit
        before (None for the first audit, or where either has no score): the tables' rows."""
        ids = self.stage_ids if kind == "stages" else self.channel_ids
        befores: list[Mapping[str, float | None] | None] = [None]
        befores.extend(getattr(step, kind) for step in self.steps)
        return tuple(
            (
                group,
                tuple(
                    (getattr(point, kind).get(group), None if d is None else d.get(group))
                    for point, d in zip(self.points, befores, strict=True)
                ),
            )
            for group in ids
        )

    @property
    def change(self) -> float | None:
        """The overall score's change from the first audit to the newest."""
        first, last = self.points[0].score, self.newest.score
        return None if first is None or last is None else last - first
