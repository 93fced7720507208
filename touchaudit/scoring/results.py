"""Result models the core returns and the renderers show."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from touchaudit.library.aliases import shown_channel
from touchaudit.reading.models import Criterion, Measurement
from touchaudit.reading.values import format_value
from touchaudit.reading.yamldoc import Positions
from touchaudit.records import value_record
from touchaudit.scoring.model import DEFAULT_MIN_COVERAGE, MODEL_VERSION

if TYPE_CHECKING:
    from touchaudit.scoring.rescore import Sums  # it builds on this module


class Band(StrEnum):
    """Lighthouse's score bands, plus `unmeasured` for a criterion without a value."""

    GOOD = "good"
    NEEDS_WORK = "needs_work"
    POOR = "poor"
    UNMEASURED = "unmeasured"

    @property
    def label(self) -> str:
        """The band as people read it: `needs work`."""
        return _BAND_LABELS[self]  # every below-good gap's message says it: not worded anew


_BAND_LABELS = {band: band.value.replace("_", " ") for band in Band}


def band_of(score: float | None) -> Band:
    """≥ 90 good, 50-89 needs work, < 50 poor; judged on the score as shown (one decimal)."""
    if score is None:
        return Band.UNMEASURED
    if score >= LEAST_GOOD:
        return Band.GOOD
    if score >= _SHOWN_50:
        return Band.NEEDS_WORK
    return Band.POOR


# The least scores shown (rounded to one decimal) as 90.0 and 50.0: the floats 89.95 and 49.95
# lie just above those decimals and round up, the floats below them round down, and rounding
# never falls as a score rises. Compared as they are, a band takes no round() (~800 per audit).
LEAST_GOOD, _SHOWN_50 = 89.95, 49.95


class Banded:
    """A result with a score (None: unmeasured), and so with a band."""

    __slots__ = ()
    score: float | None

    @property
    def band(self) -> Band:
        """The score's band."""
        return band_of(self.score)


def score_below(score: float | None, threshold: float) -> bool:
    """The `--fail-under` rule: no score, or the score as shown (one decimal) under the bar."""
    return score is None or round(score, 1) < threshold


class GapKind(StrEnum):
    """Why something is on the gap list."""

    BELOW_GOOD = "below_good"
    UNMEASURED = "unmeasured"
    MISSING_TOUCHPOINT = "missing_touchpoint"
    EMPTY_STAGE = "empty_stage"
    BEHIND_COMPETITOR = "behind_competitor"
    COMPETITOR_ONLY = "competitor_only"


class ItemStatus(StrEnum):
    """Whether the audit has an expected touchpoint of its journey checklist."""

    PRESENT = "present"
    MISSING = "missing"
    UNMEASURED = "unmeasured"
    NOT_APPLICABLE = "not_applicable"


class BreakKind(StrEnum):
    """How two consecutive steps of a chain fail to follow the journey."""

    SKIPS = "skips"
    BACKWARDS = "backwards"


class NotApplicableKind(StrEnum):
    """What was marked not applicable."""

    TOUCHPOINT = "touchpoint"
    CRITERION = "criterion"
    EXPECTED_TOUCHPOINT = "expected_touchpoint"


@value_record
class Headline:
    """What the gates judge of a scored audit: its score, the low end of its range, coverage.

    Small and flat, so that it travels back from the worker processes with the rendered text."""

    file: str
    score: float | None
    low: float | None
    coverage: float
    min_coverage: float

    @property
    def provisional(self) -> bool:
        """True below the minimum coverage: the score cannot pass a gate."""
        return self.coverage < self.min_coverage

    def judged(self, strict: bool) -> float | None:
        """The score a gate judges: the low end of the range with `strict`, else the score."""
        return self.low if strict else self.score


@value_record
class CriterionScore(Banded):
    """One criterion of one touchpoint: its value (if measured), score and band."""

    criterion: Criterion
    measurement: Measurement | None
    score: float | None
    # Its weight in the touchpoint's score, and in its range: the criterion's own, or in an
    # aspect its share split with the aspect's measured members, and with every member
    # (aspects.weigh_aspects). Fields, not worked out on each read: scoring reads them ~1,600
    # times per corpus audit.
    weight: float
    range_weight: float

    @classmethod
    def of(
        cls, criterion: Criterion, measurement: Measurement | None, score: float | None
    ) -> CriterionScore:
        """The criterion scored `score`, weighed by its own weight (before its aspect's split)."""
        weight = criterion.weight
        return cls(criterion, measurement, score, weight, weight)

    @property
    def id(self) -> str:
        """The criterion's id."""
        return self.criterion.id

    @property
    def value(self) -> float | bool | None:
        """The parsed value in the criterion's unit; None when not measured."""
        return self.measurement.value if self.measurement else None

    @property
    def low(self) -> float:
        """The low end of its range: its score, or 0 when unmeasured."""
        return 0.0 if self.score is None else self.score

    @property
    def high(self) -> float:
        """The high end of its range: its score, or 100 when unmeasured."""
        return 100.0 if self.score is None else self.score

    @property
    def shown_value(self) -> str:
        """The value with its unit, as people read it (`3.4 s`, `4/5`, `yes`), or `—`."""
        if self.value is None:
            return "—"
        return format_value(self.value, self.criterion.type, self.criterion.unit)


@value_record
class TouchpointScore(Banded):
    """One touchpoint: the weighted mean of its measured criteria, capped by a critical failure."""

    id: str
    name: str
    channel: str
    stages: tuple[str, ...]
    weight: float
    owner: str | None
    score: float | None
    criteria: tuple[CriterionScore, ...]
    # Σ score·weight, Σ weight and how many critical criteria are poor, over the measured
    # criteria, as the score summed them: where rescoring one criterion starts.
    sums: Sums = field(compare=False, repr=False)
    capped_by: str | None = None
    notes: str | None = None
    # The range: every unmeasured criterion at 0 (low) or 100 (high); None with no criteria.
    low: float | None = None
    high: float | None = None
    # Criteria marked n/a here: id -> the reason ("" when none was given).
    not_applicable: Mapping[str, str] = field(default_factory=dict)
    # The channel alias the audit wrote (`whatsapp`); `channel` is its channel (`messenger`).
    channel_alias: str | None = None

    def channel_name(self, labels: Mapping[str, str]) -> str:
        """The channel's label for a report (`Messenger`), or `WhatsApp (messenger)`."""
        return self.channel_shown if self.channel_alias else labels[self.channel]

    @property
    def channel_shown(self) -> str:
        """The channel as outputs name it: `WhatsApp (messenger)` for an alias, else its id."""
        return shown_channel(self.channel, self.channel_alias)

    @property
    def measured(self) -> int:
        """How many criteria have a value."""
        return sum(1 for c in self.criteria if c.score is not None)


@value_record
class GroupScore(Banded):
    """A stage or a channel: the weighted mean of its touchpoints' scores, with its range;
    `missing` counts the expected touchpoints it lacks (each counted as a touchpoint at 0)."""

    id: str
    score: float | None
    touchpoints: int
    low: float | None = None
    high: float | None = None
    missing: int = 0


@value_record
class Fix:
    """What closing a gap changes in the overall mean: the score its criterion reaches on its
    touchpoint, the weight of a 0 (a missing touchpoint) it removes, a touchpoint it adds."""

    criterion_score: float | None = None
    zero: float = 0.0
    added: tuple[float | None, float] | None = None


@value_record
class Gap:
    """Something worth fixing, with the overall points that fixing it alone is worth."""

    kind: GapKind
    touchpoint: str | None
    criterion: str | None
    impact: float
    message: str
    recommendation: str = ""
    effort: str | None = None
    owner: str | None = None
    stages: tuple[str, ...] = ()
    competitor: str | None = None
    fix: Fix | None = field(default=None, compare=False, repr=False)
    # The checklist item a missing_touchpoint gap stands for.
    item: str | None = None

    @property
    def place(self) -> tuple[str, str] | None:
        """(touchpoint, criterion) when the gap is at one criterion of one touchpoint."""
        if self.touchpoint is None or self.criterion is None:
            return None
        return self.touchpoint, self.criterion


@value_record
class PlanStep:
    """One fix of the action plan: its points recomputed after the fixes above it, and the
    overall score once it and every fix above it are done."""

    gap: Gap
    impact: float
    score_after: float


@value_record
class Measure:
    """One measurement worth taking: how many points of the overall range it would settle."""

    gap: Gap
    range_share: float


@value_record
class Plan:
    """The action plan: fixes in order (their points add up to `score_after`), and what to
    measure, by how much of the range it settles; each list holds the 50 worth most."""

    to_fix: tuple[PlanStep, ...] = ()
    to_measure: tuple[Measure, ...] = ()


@value_record
class JourneyItem:
    """One expected touchpoint of a stage and its status.

    `touchpoints` names the audit's touchpoints that have it (present), that could have it but
    have its criterion unmeasured (unmeasured), or that have its criterion answered no (missing).
    """

    id: str
    label: str
    status: ItemStatus
    touchpoints: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()
    weight: float = 1.0
    reason: str | None = None  # why it does not apply (status not_applicable)


@value_record
class JourneyStage:
    """One stage of the journey: the touchpoints that serve it and its expected touchpoints."""

    id: str
    touchpoints: tuple[str, ...]
    items: tuple[JourneyItem, ...] = ()

    @property
    def empty(self) -> bool:
        """True when no touchpoint serves the stage: a hole in the journey."""
        return not self.touchpoints

    def with_status(self, status: ItemStatus) -> tuple[JourneyItem, ...]:
        """The expected touchpoints of the stage that have this status."""
        return tuple(i for i in self.items if i.status is status)


@dataclass(frozen=True)
class Journey:
    """Journey coverage: each stage's touchpoints against the business type's checklist."""

    business: str | None
    checklist: str | None
    stages: tuple[JourneyStage, ...]

    @property
    def expected(self) -> int:
        """How many expected touchpoints the checklist lists for the audit's stages."""
        return sum(len(s.items) for s in self.stages)

    @property
    def present(self) -> int:
        """How many of them the audit has."""
        return sum(len(s.with_status(ItemStatus.PRESENT)) for s in self.stages)

    @property
    def applicable(self) -> int:
        """Expected touchpoints that apply (not marked not applicable)."""
        return self.expected - sum(
            len(s.with_status(ItemStatus.NOT_APPLICABLE)) for s in self.stages
        )

    @property
    def coverage(self) -> float | None:
        """present / applicable (0-1); None without a checklist (or nothing applies)."""
        return self.present / self.applicable if self.applicable else None

    def items(self, status: ItemStatus) -> tuple[JourneyItem, ...]:
        """The distinct items with this status, in journey order (an item may sit in two stages)."""
        found = {i.id: i for s in self.stages for i in s.with_status(status)}
        return tuple(found.values())


@value_record
class ChainStep:
    """One step of a chain: a touchpoint with its score and stages."""

    touchpoint: str
    name: str
    score: float | None
    stages: tuple[str, ...]


@value_record
class ChainBreak:
    """Between two consecutive steps: the stages jumped over, or a step back in the journey."""

    kind: BreakKind
    from_step: str
    to_step: str
    stages: tuple[str, ...] = ()


@value_record
class ChainScore(Banded):
    """A chain scored as a path: no better than its weakest scored step."""

    id: str
    name: str
    steps: tuple[ChainStep, ...]
    score: float | None
    weakest: str | None
    breaks: tuple[ChainBreak, ...] = ()

    @property
    def unscored(self) -> tuple[str, ...]:
        """The steps without a score: the weakest link may hide among them."""
        return tuple(s.touchpoint for s in self.steps if s.score is None)

    @property
    def weakest_step(self) -> ChainStep | None:
        """The weakest scored step itself, with its name and score."""
        return next((s for s in self.steps if s.touchpoint == self.weakest), None)

    @property
    def skipped(self) -> tuple[str, ...]:
        """The journey stages the chain jumps over, each once, in the order met."""
        return tuple(
            dict.fromkeys(
                stage for b in self.breaks if b.kind is BreakKind.SKIPS for stage in b.stages
            )
        )


@value_record
class NotApplicableEntry:
    """Something left out of every score because it does not apply, and why."""

    kind: NotApplicableKind
    id: str
    label: str
    reason: str
    touchpoint: str | None = None  # the touchpoint of a criterion
    until: date | None = None


@dataclass(frozen=True)
class Scorecard(Banded):
    """The scored audit: overall, per stage, per channel, per touchpoint, and the gaps."""

    file: str
    company: str
    audited_on: date | None
    score: float | None
    measured: int
    expected: int
    stages: tuple[GroupScore, ...]
    channels: tuple[GroupScore, ...]
    touchpoints: tuple[TouchpointScore, ...]
    gaps: tuple[Gap, ...]
    journey: Journey | None = None
    chains: tuple[ChainScore, ...] = ()
    auditor: str | None = None
    business: str | None = None
    location: str | None = None
    group: str | None = None
    # Where the gaps sit in `file` (from the load), for the CI outputs.
    positions: Positions = field(default_factory=Positions, compare=False, repr=False)
    low: float | None = None
    high: float | None = None
    min_coverage: float = DEFAULT_MIN_COVERAGE
    not_applicable: tuple[NotApplicableEntry, ...] = ()
    # In a comparison: touchpoints another audit has and this one lacks, each counted as 0.
    absent: tuple[TouchpointScore, ...] = ()
    plan: Plan = field(default_factory=Plan)

    @property
    def coverage(self) -> float:
        """Measured criteria / applicable criteria of these touchpoints (0-1)."""
        return self.measured / self.expected if self.expected else 0.0

    @property
    def model_version(self) -> int:
        """The scoring model's version (docs/scoring.md): why a score moved after an upgrade."""
        return MODEL_VERSION

    @property
    def provisional(self) -> bool:
        """True when too little was measured for the score to stand (coverage < min_coverage)."""
        return self.headline.provisional

    @property
    def headline(self) -> Headline:
        """What the gates judge: score, low end, coverage."""
        return Headline(self.file, self.score, self.low, self.coverage, self.min_coverage)

    @property
    def completeness_judged(self) -> bool:
        """True when a journey checklist (`business:`) said which touchpoints are expected."""
        return self.journey is not None and self.journey.checklist is not None

    @property
    def missing(self) -> tuple[JourneyItem, ...]:
        """The expected touchpoints the audit lacks: each counts as a touchpoint scoring 0."""
        return self.journey.items(ItemStatus.MISSING) if self.journey else ()

    def below(self, threshold: float) -> bool:
        """True when the overall score, as shown (one decimal), fails a `--fail-under` gate."""
        return score_below(self.score, threshold)

    def channel_stage(self, channel_id: str, stage_id: str) -> GroupScore:
        """The score of the channel's touchpoints in the stage (none there: no score, 0 of them)."""
        found = self.channel_stages.get((channel_id, stage_id))
        return found if found is not None else GroupScore(stage_id, None, 0)

    @functools.cached_property
    def channel_stages(self) -> Mapping[tuple[str, str], GroupScore]:
        """Each channel's score within each stage it serves, keyed by (channel, stage): the
        report's heatmap cells. Made on first use: no output of `score` shows them, and they
        cost 2% of scoring a bench corpus audit."""
        from touchaudit.scoring.score import channel_stage_scores  # it builds on this module

        return channel_stage_scores(self.touchpoints)

    def touchpoint(self, touchpoint_id: str) -> TouchpointScore | None:
        """The touchpoint with this id, if any (a dict lookup: callers look up every step)."""
        return self._touchpoints_by_id.get(touchpoint_id)

    @functools.cached_property
    def _touchpoints_by_id(self) -> dict[str, TouchpointScore]:
        return {t.id: t for t in self.touchpoints}
