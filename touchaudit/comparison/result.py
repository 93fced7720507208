"""Result models of `touchaudit compare`: our scorecard beside one or more others, and the gaps."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from enum import StrEnum

from touchaudit.reading.errors import Problem
from touchaudit.reading.models import DEFAULT_STAGES, Criterion
from touchaudit.scoring.results import (
    CriterionScore,
    Gap,
    GroupScore,
    Plan,
    Scorecard,
    TouchpointScore,
)


@dataclass(frozen=True)
class Side:
    """One audit of the comparison, under the label every output shows for it.

    `index` is its place: 0 for ours, then 1... for the others in command-line order.
    """

    label: str
    card: Scorecard
    index: int

    @property
    def ours(self) -> bool:
        """True for the audit the comparison (and the report) is written for."""
        return self.index == 0

    @property
    def company(self) -> str:
        """The company's name, as written in its audit (the label may differ)."""
        return self.card.company

    def stage(self, stage_id: str) -> GroupScore | None:
        """The stage's score and touchpoint count, if the audit has the stage."""
        return next((s for s in self.card.stages if s.id == stage_id), None)

    def channel(self, channel_id: str) -> GroupScore | None:
        """The channel's score and touchpoint count, if the audit has the channel."""
        return next((c for c in self.card.channels if c.id == channel_id), None)


class MatchedBy(StrEnum):
    """How two touchpoints were paired: the same id, or else the same channel."""

    ID = "id"
    CHANNEL = "channel"


@dataclass(frozen=True, slots=True)
class Match:
    """Our touchpoint and a competitor's that play the same part."""

    competitor: str
    ours: TouchpointScore
    theirs: TouchpointScore
    by: MatchedBy


class CriterionFlag(StrEnum):
    """Which side measured a criterion of a matched pair."""

    BOTH = "both"
    ONLY_THEIRS = "only_theirs"
    ONLY_OURS = "only_ours"


@dataclass(frozen=True, slots=True)
class CriterionDelta:
    """One criterion of a matched pair: both values, both scores and the difference."""

    match: Match
    criterion: Criterion
    ours: CriterionScore | None
    theirs: CriterionScore | None

    @property
    def ours_score(self) -> float | None:
        """Our score, None when not measured."""
        return self.ours.score if self.ours else None

    @property
    def theirs_score(self) -> float | None:
        """Their score, None when not measured."""
        return self.theirs.score if self.theirs else None

    @property
    def delta(self) -> float | None:
        """Our score minus theirs: positive where we are ahead (or improved since `before`)."""
        if self.ours_score is None or self.theirs_score is None:
            return None
        return self.ours_score - self.theirs_score

    @property
    def value_delta(self) -> float | None:
        """Our value minus theirs in the criterion's unit, for numeric criteria."""
        ours = self.ours.value if self.ours else None
        theirs = self.theirs.value if self.theirs else None
        if isinstance(ours, bool) or isinstance(theirs, bool) or ours is None or theirs is None:
            return None
        return ours - theirs

    @property
    def flag(self) -> CriterionFlag:
        """Who measured it: a criterion only they measured is one we should measure too.

        A row has a score on at least one side (compare.criterion_rows)."""
        if self.ours_score is None:
            return CriterionFlag.ONLY_THEIRS
        return CriterionFlag.BOTH if self.theirs_score is not None else CriterionFlag.ONLY_OURS


@dataclass(frozen=True, slots=True)
class CriterionRow:
    """One criterion with one cell per side, in `sides` order (None: not part of that side's
    touchpoint, or no touchpoint of that side matched)."""

    criterion: Criterion
    cells: tuple[CriterionScore | None, ...]


@dataclass(frozen=True)
class TouchpointView:
    """One of our touchpoints and its match with each other side, in side order (None:
    unmatched)."""

    touchpoint: TouchpointScore
    matches: tuple[Match | None, ...]

    @functools.cached_property
    def rows(self) -> tuple[CriterionRow, ...]:
        """Every criterion of our touchpoint and its matches, measured or not, one cell per side:
        ours first, then those only a match has. Made on first use: the report shows the first
        few touchpoints, and a pair's deltas (`Comparison.criteria`) need none of this."""
        columns = [self.touchpoint, *(m.theirs if m else None for m in self.matches)]
        by_id = [{c.id: c for c in tp.criteria} if tp else {} for tp in columns]
        criteria: dict[str, Criterion] = {}
        for tp in columns:
            for c in tp.criteria if tp else ():
                criteria.setdefault(c.id, c.criterion)
        return tuple(
            CriterionRow(criterion, tuple(found.get(cid) for found in by_id))
            for cid, criterion in criteria.items()
        )


class PresenceKind(StrEnum):
    """What one side has and the other lacks: a whole touchpoint, or a contact feature on one."""

    TOUCHPOINT = "touchpoint"
    FEATURE = "feature"


@dataclass(frozen=True, slots=True)
class Presence:
    """A touchpoint or contact feature (a call-back request, online booking) only one side has.

    `touchpoint` is the id on the side that has it; for a feature, `criterion` names it.
    `channel_missing` says the other side has no touchpoint of that channel at all.
    """

    competitor: str
    kind: PresenceKind
    touchpoint: str
    name: str
    channel: str
    stages: tuple[str, ...]
    score: float | None
    weight: float
    impact: float = 0.0
    criterion: str | None = None
    channel_missing: bool = False


@dataclass(frozen=True)
class Comparison:
    """Our audit beside the others, scored with one set of thresholds (ours).

    `criteria` holds the criteria measured on either side of each pair (the deltas);
    `touchpoints` each of ours beside its matches, every criterion (what the report shows).
    """

    ours: Side
    theirs: tuple[Side, ...]
    matches: tuple[Match, ...]
    missing: tuple[Presence, ...]
    advantages: tuple[Presence, ...]
    criteria: tuple[CriterionDelta, ...]
    touchpoints: tuple[TouchpointView, ...]
    gaps: tuple[Gap, ...]
    warnings: tuple[Problem, ...] = ()
    plan: Plan = field(default_factory=Plan)

    @property
    def sides(self) -> tuple[Side, ...]:
        """Ours first, then theirs in the order given."""
        return (self.ours, *self.theirs)

    @property
    def behind(self) -> tuple[Side, ...]:
        """The competitors whose overall score (as shown, one decimal) is above ours."""
        ours = round(self.ours.card.score or 0.0, 1)
        return tuple(s for s in self.theirs if round(s.card.score or 0.0, 1) > ours)

    @property
    def behind_message(self) -> str:
        """`Ours (36.6) is behind VenaCare Clinic (92.4)`, for the --fail-if-behind gate."""
        ahead = ", ".join(f"{s.label} ({s.card.score or 0.0:.1f})" for s in self.behind)
        return f"{self.ours.label} ({self.ours.card.score or 0.0:.1f}) is behind {ahead}"

    @property
    def stage_ids(self) -> tuple[str, ...]:
        """Every stage any side has, in journey order."""
        present = {s.id for side in self.sides for s in side.card.stages}
        return tuple(s for s in DEFAULT_STAGES if s in present)

    @property
    def channel_ids(self) -> tuple[str, ...]:
        """Every channel any side has, ours first, in order of appearance."""
        found = (c.id for side in self.sides for c in side.card.channels)
        return tuple(dict.fromkeys(found))

    def matches_of(self, competitor: str) -> tuple[Match, ...]:
        """The touchpoint pairs with one competitor."""
        return tuple(m for m in self.matches if m.competitor == competitor)

    def criteria_of(self, match: Match) -> tuple[CriterionDelta, ...]:
        """The criteria rows of one touchpoint pair."""
        return tuple(c for c in self.criteria if c.match is match)
