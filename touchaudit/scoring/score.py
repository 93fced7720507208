"""Scoring: criteria to touchpoints, touchpoints to stages, channels and overall; the gaps.

Pure functions: no printing, no I/O. docs/scoring.md states the model with its formulas.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from touchaudit.library.checklists import checklist_for
from touchaudit.library.criteria import Library
from touchaudit.library.targets import good_target, recommendation_text
from touchaudit.reading.loaded import LoadedAudit
from touchaudit.reading.models import Criterion, Measurement, Touchpoint
from touchaudit.scoring.chains import score_chains
from touchaudit.scoring.curves import criterion_score, target_score
from touchaudit.scoring.impact import Overall
from touchaudit.scoring.journey import journey_coverage, journey_gaps
from touchaudit.scoring.results import (
    Band,
    CriterionScore,
    Gap,
    GapKind,
    GroupScore,
    Journey,
    Scorecard,
    TouchpointScore,
    band_of,
)

CRITICAL_CAP = 49.0


def score_audit(loaded: LoadedAudit) -> Scorecard:
    """Score every criterion, touchpoint, stage and channel of an audit, and rank its gaps."""
    audit, library = loaded.audit, loaded.library
    touchpoints = tuple(
        score_touchpoint(
            tp_id,
            tp,
            loaded.stages.get(tp_id, ()),
            loaded.measurements.get(tp_id, {}),
            library,
        )
        for tp_id, tp in audit.touchpoints.items()
    )
    overall = weighted_mean((t.score, t.weight) for t in touchpoints)
    # One pass over the touchpoints for all stages and channels: O(n), not O(n · groups).
    by_stage: dict[str, list[TouchpointScore]] = {stage: [] for stage in audit.stages}
    by_channel: dict[str, list[TouchpointScore]] = {}
    by_channel_stage: dict[tuple[str, str], list[TouchpointScore]] = {}
    for t in touchpoints:
        for stage in dict.fromkeys(t.stages):
            members = by_stage.get(stage)
            if members is not None:
                members.append(t)
            by_channel_stage.setdefault((t.channel, stage), []).append(t)
        by_channel.setdefault(t.channel, []).append(t)
    stages = tuple(group_score(stage, members) for stage, members in by_stage.items())
    channels = tuple(group_score(channel, members) for channel, members in by_channel.items())
    channel_stages = {
        (channel, stage): group_score(stage, members)
        for (channel, stage), members in by_channel_stage.items()
    }
    journey = journey_coverage(audit, touchpoints, checklist_for(audit.business))
    return Scorecard(
        file=loaded.file,
        company=audit.company,
        audited_on=audit.audited_on,
        score=overall,
        measured=sum(t.measured for t in touchpoints),
        expected=sum(len(t.criteria) for t in touchpoints),
        stages=stages,
        channels=channels,
        channel_stages=channel_stages,
        touchpoints=touchpoints,
        gaps=audit_gaps(journey, touchpoints),
        criteria=library.criteria,
        journey=journey,
        chains=score_chains(audit, touchpoints),
        auditor=audit.auditor,
        business=audit.business,
        positions=loaded.positions,
    )


def score_touchpoint(
    tp_id: str,
    tp: Touchpoint,
    stages: tuple[str, ...],
    measurements: Mapping[str, Measurement],
    library: Library,
) -> TouchpointScore:
    """Score one touchpoint: its written criteria first, then the expected ones it lacks."""
    scored: list[CriterionScore] = []
    for criterion_id, measurement in measurements.items():
        criterion = library.criteria[criterion_id]
        value = measurement.value
        score = None if value is None else criterion_score(value, criterion)
        scored.append(CriterionScore(criterion, measurement, score))
    for criterion in library.for_channel(tp.channel):
        if criterion.id not in measurements:
            scored.append(CriterionScore(criterion, None, None))
    score, capped_by = touchpoint_score(scored)
    return TouchpointScore(
        id=tp_id,
        name=tp.name or tp_id,
        channel=tp.channel,
        stages=stages,
        weight=tp.weight,
        owner=tp.owner,
        score=score,
        criteria=tuple(scored),
        capped_by=capped_by,
        notes=tp.notes,
    )


def touchpoint_score(criteria: Iterable[CriterionScore]) -> tuple[float | None, str | None]:
    """Weighted mean of the measured criteria; at most 49 when a critical criterion is poor."""
    pairs = []
    capped_by = None
    for c in criteria:
        if c.score is None:
            continue
        pairs.append((c.score, c.criterion.weight))
        if c.criterion.critical and band_of(c.score) is Band.POOR and capped_by is None:
            capped_by = c.id
    score = weighted_mean(pairs)
    if score is not None and capped_by is not None and score > CRITICAL_CAP:
        return CRITICAL_CAP, capped_by
    return score, None


def weighted_mean(pairs: Iterable[tuple[float | None, float]]) -> float | None:
    """Σ score·weight / Σ weight over the pairs with a score; None when none has one."""
    total = weights = 0.0
    low, high = math.inf, -math.inf
    for score, weight in pairs:
        if score is not None:
            total += score * weight
            weights += weight
            low, high = min(low, score), max(high, score)
    if not weights:
        return None
    # A mean lies between its extremes; rounding could put 100 * w / w at 100.00000000000001.
    return min(max(total / weights, low), high)


def group_score(group_id: str, members: list[TouchpointScore]) -> GroupScore:
    """A stage's or channel's score: the weighted mean of its touchpoints' (touchpoint weights)."""
    score = weighted_mean((t.score, t.weight) for t in members)
    return GroupScore(group_id, score, len(members))


# --------------------------------------------------------------------------- gaps


def audit_gaps(journey: Journey, touchpoints: tuple[TouchpointScore, ...]) -> tuple[Gap, ...]:
    """Every gap of an audit, ranked: its criteria's, and the holes in its journey."""
    overall = Overall.of(touchpoints)  # once, for every gap's impact
    return rank_gaps(journey_gaps(journey, overall, criterion_gaps(touchpoints, overall)))


def criterion_gaps(touchpoints: tuple[TouchpointScore, ...], overall: Overall) -> list[Gap]:
    """Every criterion below good and every unmeasured one, with its recomputed impact.

    `overall` is `Overall.of(touchpoints)`."""
    targets: dict[str, str] = {}
    gaps = []
    for tp in touchpoints:
        terms = _terms(tp.criteria)
        for index, c in enumerate(tp.criteria):
            if band_of(c.score) is _GOOD:
                continue
            new_score = _improved_score(terms, index, target_score(c.criterion))
            impact = overall.gain_if_rescored(tp, new_score)
            target = targets.get(c.id)
            if target is None:
                target = targets[c.id] = good_target(c.criterion)
            gaps.append(_criterion_gap(tp, c, impact, target))
    return gaps


_GOOD, _POOR = Band.GOOD, Band.POOR

# (score, weight, caps the touchpoint): what touchpoint_score reads of a criterion.
_Term = tuple[float | None, float, bool]


def _terms(criteria: tuple[CriterionScore, ...]) -> list[_Term]:
    return [
        (
            c.score,
            c.criterion.weight,
            c.criterion.critical and c.score is not None and band_of(c.score) is _POOR,
        )
        for c in criteria
    ]


def _improved_score(terms: list[_Term], index: int, target: float) -> float | None:
    """touchpoint_score with criterion `index` at `target`, in the same order of operations.

    The same sums as weighted_mean, term by term, so the impact is exactly what rescoring the
    improved touchpoint gives; without building a new list of CriterionScore for every gap.
    """
    total = weights = 0.0
    capped = False
    for position, (score, weight, caps) in enumerate(terms):
        if position == index:
            score, caps = target, False  # the target is good, never poor
        if score is None:
            continue
        total += score * weight
        weights += weight
        capped = capped or caps
    if not weights:
        return None
    score = total / weights
    return CRITICAL_CAP if capped and score > CRITICAL_CAP else score


def _criterion_gap(tp: TouchpointScore, c: CriterionScore, impact: float, target: str) -> Gap:
    criterion = c.criterion
    if c.score is None:
        return criterion_gap(
            GapKind.UNMEASURED,
            tp,
            criterion,
            impact,
            f"{criterion.label} is not measured on {tp.name}",
        )
    message = (
        f"{criterion.label} on {tp.name} is {c.shown_value} "
        f"(score {c.score:.0f}, {c.band.label}); good is {target}"
    )
    return criterion_gap(GapKind.BELOW_GOOD, tp, criterion, impact, message)


def criterion_gap(
    kind: GapKind,
    tp: TouchpointScore,
    criterion: Criterion,
    impact: float,
    message: str,
    competitor: str | None = None,
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
