"""Scoring: criteria to touchpoints, touchpoints to stages, channels and overall; the gaps.

Pure functions: no printing, no I/O. docs/scoring.md states the model with its formulas.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from touchaudit.library.checklists import LibraryChecklist, checklist_for
from touchaudit.library.criteria import Library
from touchaudit.library.targets import good_target, recommendation_text
from touchaudit.reading.loaded import LoadedAudit
from touchaudit.reading.models import Criterion, Measurement, Touchpoint
from touchaudit.scoring.aspects import weigh_aspects
from touchaudit.scoring.chains import score_chains
from touchaudit.scoring.curves import criterion_score, target_score
from touchaudit.scoring.impact import Change, Overall
from touchaudit.scoring.journey import journey_coverage, journey_gaps, takeable_criteria
from touchaudit.scoring.memo import per_criterion
from touchaudit.scoring.model import CRITICAL_CAP, DEFAULT_MIN_COVERAGE
from touchaudit.scoring.plan import action_plan
from touchaudit.scoring.rescore import Sums, criterion_term, score_if_measured
from touchaudit.scoring.results import (
    LEAST_GOOD,
    Band,
    CriterionScore,
    Fix,
    Gap,
    GapKind,
    GroupScore,
    ItemStatus,
    Journey,
    NotApplicableEntry,
    NotApplicableKind,
    Scorecard,
    TouchpointScore,
    band_of,
)


def score_audit(loaded: LoadedAudit, *, min_coverage: float = DEFAULT_MIN_COVERAGE) -> Scorecard:
    """Score every criterion, touchpoint, stage and channel of an audit, and rank its gaps.

    With a journey checklist, each expected touchpoint the audit lacks counts as a touchpoint
    scoring 0 in the overall and in its stages; what is marked not applicable leaves them all.
    Below `min_coverage` (measured / applicable criteria) the score is provisional."""
    audit, library = loaded.audit, loaded.library
    checklist = checklist_for(audit.business)
    business_na = checklist.not_applicable if checklist else {}
    touchpoints = tuple(
        score_touchpoint(
            tp_id,
            tp,
            loaded.stages.get(tp_id, ()),
            loaded.measurements.get(tp_id, {}),
            library,
            business_na,
            loaded.channel_aliases.get(tp_id),
        )
        for tp_id, tp in audit.touchpoints.items()
        if tp_id not in loaded.na_touchpoints
    )
    na_channels = {audit.touchpoints[tp_id].channel for tp_id in loaded.na_touchpoints}
    journey = journey_coverage(audit, touchpoints, checklist, loaded.na_items, na_channels)
    overall, stages = overall_and_stages(touchpoints, journey, audit.stages)
    sums = Overall.of(overall_terms(touchpoints, journey))  # once, for every impact and the plan
    gaps = audit_gaps(journey, touchpoints, sums)
    by_channel: dict[str, list[TouchpointScore]] = {}
    for t in touchpoints:
        by_channel.setdefault(t.channel, []).append(t)
    channels = tuple(group_score(channel, members) for channel, members in by_channel.items())
    return Scorecard(
        file=loaded.file,
        company=audit.company,
        audited_on=audit.audited_on,
        score=overall.score,
        low=overall.low,
        high=overall.high,
        measured=sum(t.measured for t in touchpoints),
        expected=sum(len(t.criteria) for t in touchpoints),
        stages=stages,
        channels=channels,
        touchpoints=touchpoints,
        gaps=gaps,
        plan=action_plan(touchpoints, sums, gaps, journey),
        journey=journey,
        chains=score_chains(audit, touchpoints),
        auditor=audit.auditor,
        business=audit.business,
        location=audit.location,
        group=audit.group,
        positions=loaded.positions,
        min_coverage=min_coverage,
        not_applicable=not_applicable_entries(loaded, touchpoints, journey, checklist),
    )


def overall_and_stages(
    touchpoints: Sequence[TouchpointScore],
    journey: Journey,
    stages: Iterable[str],
    absent: Sequence[TouchpointScore] = (),
) -> tuple[GroupScore, tuple[GroupScore, ...]]:
    """The overall and per-stage scores: the touchpoints, and a 0 for each expected touchpoint
    the audit lacks and each of `absent` (another audit's touchpoints this one lacks)."""
    zeros: list[GroupTerm] = [(0.0, 0.0, 0.0, t.weight) for t in absent]
    overall = group_score("overall", touchpoints, [*journey_terms(journey), *zeros])
    by_stage = [
        group_score(
            stage,
            members,
            [
                *journey_terms(journey, stage),
                *((0.0, 0.0, 0.0, t.weight) for t in absent if stage in t.stages),
            ],
        )
        for stage, members in _by_stage(touchpoints, stages).items()
    ]
    return overall, tuple(by_stage)


def channel_stage_scores(
    touchpoints: Iterable[TouchpointScore],
) -> dict[tuple[str, str], GroupScore]:
    """Each channel's score within each stage it serves, keyed by (channel, stage)."""
    members: dict[tuple[str, str], list[TouchpointScore]] = {}
    for t in touchpoints:
        for stage in dict.fromkeys(t.stages):
            members.setdefault((t.channel, stage), []).append(t)
    return {key: group_score(key[1], found) for key, found in members.items()}


def with_absent(card: Scorecard, absent: Sequence[TouchpointScore]) -> Scorecard:
    """The scorecard with `absent` (touchpoints another audit of a comparison has and this one
    lacks) each counted as a touchpoint scoring 0 in the overall and its stages."""
    if not absent or card.journey is None:
        return card
    stage_ids = [s.id for s in card.stages]
    overall, stages = overall_and_stages(card.touchpoints, card.journey, stage_ids, absent)
    sums = Overall.of(overall_terms(card.touchpoints, card.journey, absent))
    gaps = audit_gaps(card.journey, card.touchpoints, sums)
    return dataclasses.replace(
        card,
        score=overall.score,
        low=overall.low,
        high=overall.high,
        stages=stages,
        gaps=gaps,
        absent=tuple(absent),
        plan=action_plan(card.touchpoints, sums, gaps, card.journey, absent),
    )


def _business_not_applicable(
    loaded: LoadedAudit, touchpoints: Iterable[TouchpointScore], checklist: LibraryChecklist | None
) -> list[NotApplicableEntry]:
    """The library criteria the business type's checklist leaves out, once each, where one of
    the audit's touchpoints would have expected or measured them."""
    if checklist is None or not checklist.not_applicable:
        return []
    library = loaded.library
    left_out: dict[str, str] = {}
    for tp in touchpoints:
        measured = loaded.measurements.get(tp.id, {})
        for criterion_id in (*measured, *(c.id for c in library.for_channel(tp.channel))):
            reason = checklist.not_applicable.get(criterion_id)
            if reason is not None:
                left_out.setdefault(criterion_id, reason)
    return [
        NotApplicableEntry(
            NotApplicableKind.CRITERION,
            criterion_id,
            library.criteria[criterion_id].label,
            f"{reason} ({checklist.label.lower()} checklist)",
        )
        for criterion_id, reason in left_out.items()
    ]


def _by_stage(
    touchpoints: Iterable[TouchpointScore], stages: Iterable[str]
) -> dict[str, list[TouchpointScore]]:
    """The touchpoints serving each stage of the audit, in one pass (O(n), not O(n · stages))."""
    by_stage: dict[str, list[TouchpointScore]] = {stage: [] for stage in stages}
    for t in touchpoints:
        for stage in dict.fromkeys(t.stages):
            members = by_stage.get(stage)
            if members is not None:
                members.append(t)
    return by_stage


def score_touchpoint(
    tp_id: str,
    tp: Touchpoint,
    stages: tuple[str, ...],
    measurements: Mapping[str, Measurement],
    library: Library,
    business_na: Mapping[str, str] | None = None,
    channel_alias: str | None = None,
) -> TouchpointScore:
    """Score one touchpoint: its written criteria first, then the expected ones it lacks.

    A criterion marked n/a is left out (kept with its reason in `not_applicable`), and so is one
    that does not apply to the business type (`business_na`), measured or not: leaving out a
    measurement can then never turn a criterion from scored into not applicable."""
    scored: list[CriterionScore] = []
    not_applicable: dict[str, str] = {}
    skipped = business_na or {}
    for criterion_id, measurement in measurements.items():
        if criterion_id in skipped:
            continue  # never scored for this business: measured or not (checks warn)
        if measurement.not_applicable is not None:
            not_applicable[criterion_id] = measurement.not_applicable
            continue
        criterion = library.criteria[criterion_id]
        value = measurement.value
        score = None if value is None else criterion_score(value, criterion)
        scored.append(CriterionScore.of(criterion, measurement, score))
    for criterion in library.for_channel(tp.channel):
        if criterion.id not in measurements and criterion.id not in skipped:
            scored.append(_unmeasured(criterion))
    scored = weigh_aspects(scored)
    score, capped_by, low, high, sums = _weighed_scores(scored)
    return TouchpointScore(
        id=tp_id,
        name=tp.name or tp_id,
        channel=tp.channel,
        stages=stages,
        weight=tp.weight,
        owner=tp.owner,
        score=score,
        criteria=tuple(scored),
        sums=sums,
        capped_by=capped_by,
        notes=tp.notes,
        low=low,
        high=high,
        not_applicable=not_applicable,
        channel_alias=channel_alias,
    )


def _unmeasured_score(criterion: Criterion) -> CriterionScore:
    return CriterionScore.of(criterion, None, None)


# A value record, made once per criterion object and process (memo.py): ~250 of a corpus
# audit's ~430 criteria are unmeasured.
_unmeasured = per_criterion(_unmeasured_score)


def touchpoint_score(criteria: Sequence[CriterionScore]) -> tuple[float | None, str | None]:
    """Weighted mean of the measured criteria; at most 49 when a critical criterion is poor."""
    score, capped_by, _, _ = touchpoint_scores(criteria)
    return score, capped_by


def touchpoint_range(criteria: Sequence[CriterionScore]) -> tuple[float | None, float | None]:
    """The touchpoint score with every unmeasured criterion at 0 (low) and at 100 (high).

    The critical cap applies at both ends, so the point always lies between them."""
    _, _, low, high = touchpoint_scores(criteria)
    return low, high


def touchpoint_scores(
    criteria: Sequence[CriterionScore],
) -> tuple[float | None, str | None, float | None, float | None]:
    """The touchpoint's score, the critical criterion capping it, and its range, in one pass:
    the same sums, in the same order, as `weighted_mean` over each end's terms."""
    return _weighed_scores(weigh_aspects(criteria))[:4]  # the split follows what is measured now


def _weighed_scores(
    criteria: Sequence[CriterionScore],
) -> tuple[float | None, str | None, float | None, float | None, Sums]:
    """`touchpoint_scores` of criteria whose aspects are weighed already, and the point score's
    sums (Σ score·weight, Σ weight, how many criteria cap it) that rescoring starts from.

    The three means are summed here term by term, in criterion order, as `_Mean` sums them:
    three `_Mean.add` calls per criterion cost more than the sums (0.05 ms of a corpus audit)."""
    if not criteria:
        return None, None, None, None, Sums()
    total = weights = 0.0  # the point score's, over the measured criteria
    low_total = high_total = range_weights = 0.0  # the range's: unmeasured at 0 and at 100
    least, most = math.inf, -math.inf  # the measured scores' extremes
    unmeasured = False
    poor_critical: str | None = None  # the first critical criterion that is poor
    caps = 0  # how many critical criteria are poor
    unmeasured_critical = False  # one is 0, poor, at the low end
    for c in criteria:
        criterion = c.criterion
        range_weight = c.range_weight
        score = c.score
        range_weights += range_weight
        if score is None:
            high_total += 100.0 * range_weight  # its 0 at the low end adds nothing
            unmeasured = True
            unmeasured_critical = unmeasured_critical or criterion.critical
            continue
        weight = c.weight
        total += score * weight
        weights += weight
        low_total += score * range_weight
        high_total += score * range_weight
        if score < least:
            least = score
        if score > most:
            most = score
        if criterion.critical and band_of(score) is _POOR:
            caps += 1
            if poor_critical is None:
                poor_critical = c.id
    mean = _mean(total, weights, least, most)
    if unmeasured:
        low = _mean(low_total, range_weights, min(least, 0.0), max(most, 0.0))
        high = _mean(high_total, range_weights, min(least, 100.0), max(most, 100.0))
    else:
        low = _mean(low_total, range_weights, least, most)
        high = _mean(high_total, range_weights, least, most)
    sums = Sums(total, weights, caps)
    if mean is not None and poor_critical is not None and mean > CRITICAL_CAP:
        return CRITICAL_CAP, poor_critical, _capped(low, True), _capped(high, True), sums
    return (
        mean,
        None,
        _capped(low, unmeasured_critical or poor_critical is not None),
        _capped(high, poor_critical is not None),
        sums,
    )


class _Mean:
    """Σ score·weight, Σ weight and the extremes of a weighted mean, added to term by term."""

    __slots__ = ("high", "low", "total", "weights")

    def __init__(self) -> None:
        self.total = self.weights = 0.0
        self.low, self.high = math.inf, -math.inf

    def add(self, score: float, weight: float) -> None:
        self.total += score * weight
        self.weights += weight
        if score < self.low:
            self.low = score
        if score > self.high:
            self.high = score

    def mean(self) -> float | None:
        return _mean(self.total, self.weights, self.low, self.high)


def _mean(total: float, weights: float, least: float, most: float) -> float | None:
    """Σ score·weight / Σ weight, between the least and the most of the scores; None with no
    weight."""
    if not weights:
        return None
    # A mean lies between its extremes; rounding could put 100 * w / w at 100.00000000000001.
    return min(max(total / weights, least), most)


def _capped(mean: float | None, capped: bool) -> float:
    """An end of a touchpoint's range: 0 with no weight, at most the cap when `capped`."""
    mean = mean or 0.0
    return CRITICAL_CAP if capped and mean > CRITICAL_CAP else mean


def weighted_mean(pairs: Iterable[tuple[float | None, float]]) -> float | None:
    """Σ score·weight / Σ weight over the pairs with a score; None when none has one."""
    mean = _Mean()
    for score, weight in pairs:
        if score is not None:
            mean.add(score, weight)
    return mean.mean()


# (point, low, high, weight) of one member of a group mean; None where it has no score.
GroupTerm = tuple[float | None, float | None, float | None, float]


def journey_terms(journey: Journey, stage: str | None = None) -> list[GroupTerm]:
    """The expected touchpoints a group counts besides its touchpoints (all stages, or one).

    A missing one is a touchpoint scoring 0 at every end of the range; one whose criterion is
    unmeasured (we do not know whether the audit has it) is 0 at the low end only."""
    statuses = {ItemStatus.MISSING: (0.0, 0.0, 0.0), ItemStatus.UNMEASURED: (None, 0.0, None)}
    terms: dict[str, GroupTerm] = {}
    for s in journey.stages:
        if stage is not None and s.id != stage:
            continue
        for item in s.items:
            ends = statuses.get(item.status)
            if ends is not None:
                terms[item.id] = (*ends, item.weight)
    return list(terms.values())


def group_score(
    group_id: str, members: Sequence[TouchpointScore], extra: Sequence[GroupTerm] = ()
) -> GroupScore:
    """A stage's, channel's or the overall score: the weighted mean of its touchpoints' (by
    touchpoint weight) and of the expected touchpoints it lacks (`extra`), with its range."""
    point, low, high = _Mean(), _Mean(), _Mean()
    for t in members:
        if t.low is not None:
            _add_term(point, low, high, (t.score, t.low, t.high, t.weight))
    missing = 0
    for term in extra:
        _add_term(point, low, high, term)
        missing += term[0] is not None
    return GroupScore(
        group_id, point.mean(), len(members), low=low.mean(), high=high.mean(), missing=missing
    )


def _add_term(point: _Mean, low: _Mean, high: _Mean, term: GroupTerm) -> None:
    """One member of a group mean, at each end where it has a score."""
    score, bottom, top, weight = term
    if score is not None:
        point.add(score, weight)
    if bottom is not None:
        low.add(bottom, weight)
    if top is not None:
        high.add(top, weight)


def not_applicable_entries(
    loaded: LoadedAudit,
    touchpoints: Iterable[TouchpointScore],
    journey: Journey,
    checklist: LibraryChecklist | None,
) -> tuple[NotApplicableEntry, ...]:
    """Everything left out because it does not apply, with its reason, in file order
    (`checklist`: the business type's, which names the criteria it leaves out)."""
    entries = []
    library = loaded.library
    for tp_id, na in loaded.na_touchpoints.items():
        name = loaded.audit.touchpoints[tp_id].name or tp_id
        entries.append(
            NotApplicableEntry(NotApplicableKind.TOUCHPOINT, tp_id, name, na.reason, until=na.until)
        )
    for tp in touchpoints:
        for criterion_id, reason in tp.not_applicable.items():
            label = f"{library.criteria[criterion_id].label} on {tp.name}"
            entries.append(
                NotApplicableEntry(
                    NotApplicableKind.CRITERION, criterion_id, label, reason, touchpoint=tp.id
                )
            )
    entries.extend(_business_not_applicable(loaded, touchpoints, checklist))
    for item in journey.items(ItemStatus.NOT_APPLICABLE):
        marked = loaded.na_items.get(item.id)
        entries.append(
            NotApplicableEntry(
                NotApplicableKind.EXPECTED_TOUCHPOINT,
                item.id,
                item.label,
                item.reason or "",
                until=marked.until if marked else None,
            )
        )
    return tuple(entries)


# --------------------------------------------------------------------------- gaps


def audit_gaps(
    journey: Journey, touchpoints: tuple[TouchpointScore, ...], overall: Overall
) -> tuple[Gap, ...]:
    """Every gap of an audit, ranked: its criteria's, and the holes in its journey; impacts on
    `overall`, the sums of `overall_terms` (which may count another audit's touchpoints)."""
    takeable = takeable_criteria(journey)
    gaps, changes = criterion_gaps(touchpoints, overall, takeable)
    return rank_gaps(journey_gaps(journey, overall, gaps, changes, takeable))


def criterion_gaps(
    touchpoints: tuple[TouchpointScore, ...], overall: Overall, takeable: Collection[str]
) -> tuple[list[Gap], dict[tuple[str, str], Change]]:
    """Every criterion below good and every unmeasured one, with its recomputed impact; and the
    rescoring of its touchpoint by each gap at a `takeable` criterion, by (touchpoint,
    criterion). `overall` is `Overall.of(overall_terms(...))`."""
    gaps = []
    changes: dict[tuple[str, str], Change] = {}
    for tp in touchpoints:
        sums: Sums | None = None
        before = (tp.score, tp.weight)  # the touchpoint's term in every change of its gaps
        for index, c in enumerate(tp.criteria):
            score = c.score
            if score is not None and score >= LEAST_GOOD:  # band_of(score) is GOOD, inline
                continue
            if sums is None:  # once per touchpoint with a gap
                sums = tp.sums
                gain = overall.gains_if_rescored(tp)
            criterion = c.criterion
            words = _said(criterion)
            if score is not None:
                after_score = sums.score_if_replaced(
                    criterion_term(score, c), (words.target, c.weight, False)
                )
            elif criterion.aspect is None:
                after_score = sums.score_if_added(words.target, c.weight)
            else:  # measuring an aspect member splits the aspect anew
                after_score = score_if_measured(tp.criteria, sums, index, words.target)
            if criterion.id in takeable:
                changes[(tp.id, criterion.id)] = (before, (after_score, tp.weight))
            gaps.append(_criterion_gap(tp, c, gain(after_score), words))
    return gaps, changes


@dataclass(frozen=True, slots=True)
class _Said:
    """What every gap of one criterion says alike: its good target, advice, effort and fix."""

    good: str
    recommendation: str
    effort: str
    target: float
    fix: Fix

    @classmethod
    def of(cls, criterion: Criterion) -> _Said:
        target = target_score(criterion)
        return cls(
            good_target(criterion),
            recommendation_text(criterion),
            criterion.effort.value,
            target,
            Fix(criterion_score=target),
        )


# Said once per criterion object and process, not once per audit (memo.py).
_said = per_criterion(_Said.of)


def overall_terms(
    touchpoints: Iterable[TouchpointScore],
    journey: Journey | None,
    absent: Iterable[TouchpointScore] = (),
) -> list[tuple[float | None, float]]:
    """(score, weight) of every term of the overall point score: the touchpoints, and a 0 for
    each expected touchpoint the audit lacks and each of `absent`."""
    terms: list[tuple[float | None, float]] = [(t.score, t.weight) for t in touchpoints]
    if journey is not None:
        terms += [(0.0, item.weight) for item in journey.items(ItemStatus.MISSING)]
    terms += [(0.0, t.weight) for t in absent]
    return terms


_POOR = Band.POOR


def _criterion_gap(tp: TouchpointScore, c: CriterionScore, impact: float, said: _Said) -> Gap:
    criterion, score = c.criterion, c.score
    if score is None:
        kind = GapKind.UNMEASURED
        message = f"{criterion.label} is not measured on {tp.name}"
    else:
        kind = GapKind.BELOW_GOOD
        message = (
            f"{criterion.label} on {tp.name} is {c.shown_value} "
            f"(score {score:.0f}, {band_of(score).label}); good is {said.good}"
        )
    # Every field by position (no competitor): keywords cost ~0.15 us a gap, 340 gaps an audit.
    return Gap(
        kind,
        tp.id,
        criterion.id,
        impact,
        message,
        said.recommendation,
        said.effort,
        tp.owner,
        tp.stages,
        None,
        said.fix,
    )


def criterion_gap(
    kind: GapKind,
    tp: TouchpointScore,
    criterion: Criterion,
    impact: float,
    message: str,
    competitor: str | None = None,
    *,
    fix: Fix | None = None,
) -> Gap:
    """A gap at one criterion of one touchpoint, with the library's advice and the owner."""
    return Gap(
        kind=kind,
        touchpoint=tp.id,
        criterion=criterion.id,
        impact=impact,
        message=message,
        recommendation=recommendation_text(criterion),
        effort=criterion.effort.value,
        owner=tp.owner,
        stages=tp.stages,
        competitor=competitor,
        fix=fix,
    )


_KIND_ORDER = {kind: index for index, kind in enumerate(GapKind)}


def rank_gaps(gaps: Iterable[Gap]) -> tuple[Gap, ...]:
    """Highest impact first; ties by kind, touchpoint and criterion, so the order is stable."""
    return tuple(
        sorted(
            gaps,
            key=lambda g: (
                -round(g.impact, 9),
                _KIND_ORDER[g.kind],
                g.touchpoint or "",
                g.criterion or "",
            ),
        )
    )
