"""Journey coverage: the expected touchpoints of a business type, stage by stage, and the holes.

A hole is an expected touchpoint the audit lacks (a `missing_touchpoint` gap; it counts as a
touchpoint scoring 0) or a stage that no touchpoint serves (an `empty_stage` gap). An expected
touchpoint marked not applicable is neither. docs/scoring.md states how their impact is computed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping, Sequence

from touchaudit.library.checklists import BusinessAdvice, business_advice
from touchaudit.library.labels import channel_label, criterion_label, with_article
from touchaudit.library.targets import is_library_recommendation
from touchaudit.reading.models import Audit, Checklist, ExpectedTouchpoint, NotApplicable
from touchaudit.scoring.impact import Change, Overall
from touchaudit.scoring.results import (
    CriterionScore,
    Fix,
    Gap,
    GapKind,
    ItemStatus,
    Journey,
    JourneyItem,
    JourneyStage,
    TouchpointScore,
)

# A touchpoint added to fill a hole is judged as one that meets the `good` threshold: the same
# target a criterion gap's impact is computed with.
NEW_TOUCHPOINT_SCORE = 90.0
NEW_TOUCHPOINT_WEIGHT = 1.0


def journey_coverage(
    audit: Audit,
    touchpoints: Sequence[TouchpointScore],
    checklist: Checklist | None,
    na_items: Mapping[str, NotApplicable] | None = None,
    na_channels: Collection[str] = (),
) -> Journey:
    """Per stage of the audit: the touchpoints serving it and the checklist's items' status.

    `na_items` are the items the audit marks not applicable; `na_channels` the channels of its
    touchpoints marked not applicable (an item only they would give does not apply either)."""
    stages = []
    offering = _Offering(touchpoints, checklist)
    for stage in audit.stages:
        expected = checklist.stages.get(stage, ()) if checklist else ()
        items = []
        for item in expected:
            status = item_status(item, offering.candidates(item), offering.criteria)
            reason = _why_not_applicable(item, status, touchpoints, na_items or {}, na_channels)
            if reason is not None:
                status = dataclasses.replace(
                    status, status=ItemStatus.NOT_APPLICABLE, touchpoints=(), reason=reason
                )
            items.append(status)
        stages.append(
            JourneyStage(
                id=stage,
                touchpoints=tuple(t.id for t in touchpoints if stage in t.stages),
                items=tuple(items),
            )
        )
    return Journey(
        business=audit.business,
        checklist=checklist.label if checklist else None,
        stages=tuple(stages),
    )


class _Offering:
    """The touchpoints that could offer each expected touchpoint of a checklist: those of one
    of its channels or with one of its criteria (the others cannot change its status), in audit
    order; and `criteria`, each touchpoint's criteria that the checklist names, by id."""

    def __init__(self, touchpoints: Sequence[TouchpointScore], checklist: Checklist | None) -> None:
        named = {
            c
            for expected in (checklist.stages.values() if checklist else ())
            for item in expected
            for c in item.criteria
        }  # a few: indexing only them spares looking at every criterion of the audit
        self._by_key: dict[tuple[str, str], list[int]] = {}
        self.criteria: dict[str, dict[str, CriterionScore]] = {}
        for position, tp in enumerate(touchpoints):
            self._by_key.setdefault(("channel", tp.channel), []).append(position)
            mine = self.criteria[tp.id] = {}
            for c in tp.criteria:
                criterion_id = c.criterion.id
                if criterion_id in named:
                    mine[criterion_id] = c
                    self._by_key.setdefault(("criterion", criterion_id), []).append(position)
        self._touchpoints = touchpoints

    def candidates(self, item: ExpectedTouchpoint) -> list[TouchpointScore]:
        """The touchpoints that could offer `item`, in audit order."""
        keys = [("channel", c) for c in item.channels] + [("criterion", c) for c in item.criteria]
        positions = {p for key in keys for p in self._by_key.get(key, ())}
        return [self._touchpoints[p] for p in sorted(positions)]


def item_status(
    item: ExpectedTouchpoint,
    touchpoints: Iterable[TouchpointScore],
    criteria: Mapping[str, Mapping[str, CriterionScore]],
) -> JourneyItem:
    """Present when a touchpoint is of one of the item's channels or meets one of its criteria.

    `criteria` maps each touchpoint id to its criteria by id (built once per audit; those
    that no item names may be left out).
    """
    present: list[str] = []
    unknown: list[str] = []
    answered_no: list[str] = []
    for tp in touchpoints:
        mine = criteria[tp.id]
        own = [mine[c] for c in item.criteria if c in mine]
        if tp.channel in item.channels or any(_meets(c) for c in own):
            present.append(tp.id)
        elif any(c.score is None for c in own):
            unknown.append(tp.id)
        elif own:
            answered_no.append(tp.id)
    if present:
        status, named = ItemStatus.PRESENT, present
    elif unknown:
        status, named = ItemStatus.UNMEASURED, unknown
    else:
        status, named = ItemStatus.MISSING, answered_no
    return JourneyItem(
        id=item.id,
        label=item.label,
        status=status,
        touchpoints=tuple(named),
        channels=item.channels,
        criteria=item.criteria,
        weight=item.weight,
    )


def _why_not_applicable(
    item: ExpectedTouchpoint,
    found: JourneyItem,
    touchpoints: Iterable[TouchpointScore],
    na_items: Mapping[str, NotApplicable],
    na_channels: Collection[str],
) -> str | None:
    """The reason an item the audit does not have does not apply, or None when it does.

    Marked in `not_applicable:`, or only a touchpoint marked not applicable would give it, or
    every touchpoint that could offer it marks its criterion n/a."""
    if found.status is ItemStatus.PRESENT:
        return None
    if item.id in na_items:
        return na_items[item.id].reason
    if found.status is not ItemStatus.MISSING or found.touchpoints:
        return None
    if any(channel in na_channels for channel in item.channels):
        return "its touchpoint does not apply"
    reasons = [
        tp.not_applicable[c] or f"marked n/a on {tp.name}"
        for tp in touchpoints
        for c in item.criteria
        if c in tp.not_applicable
    ]
    return reasons[0] if reasons else None


def _meets(c: CriterionScore) -> bool:
    return c.value is not None and bool(c.value) == c.criterion.expected


def takeable_criteria(journey: Journey) -> frozenset[str]:
    """The criteria whose gap a missing item can take (its criteria, answered `no`)."""
    return frozenset(c for item in journey.items(ItemStatus.MISSING) for c in item.criteria)


def journey_gaps(
    journey: Journey,
    overall: Overall,
    gaps: Sequence[Gap],
    changes: Mapping[tuple[str, str], Change],
    takeable: Collection[str],
) -> list[Gap]:
    """`gaps` (in the business's own words where its checklist gives them) plus the holes of the
    journey.

    A missing item counts in the overall as a touchpoint scoring 0 (`overall`: the sums over
    the audit's touchpoints and those zeros). When one of our touchpoints answers its criterion
    `no` (the website's `callback_request`), that criterion's gap becomes the item's: fixing one
    fixes the other, so its impact is the criterion's rescoring (`changes`, by touchpoint and
    criterion, for the `takeable` criteria) and the 0 leaving together. Any other missing item
    is worth a touchpoint meeting `good` in place of its 0; an empty stage, a touchpoint meeting
    `good` added.
    """
    advice = business_advice(journey.business)
    gaps = _in_business_words(gaps, advice)
    # Only the places a missing item could take: a few of an audit's ~340 gaps.
    by_place = {(g.touchpoint, g.criterion): g for g in gaps if g.criterion in takeable}
    added = overall.gain_if_added(NEW_TOUCHPOINT_SCORE, NEW_TOUCHPOINT_WEIGHT)
    holes: dict[str, Gap] = {}
    for stage in journey.stages:
        if stage.empty:
            holes[f"stage:{stage.id}"] = _empty_stage_gap(stage.id, added)
        for item in stage.with_status(ItemStatus.MISSING):
            key = f"item:{item.id}"
            if key in holes:
                old = holes[key]
                holes[key] = _replace_stages(old, (*old.stages, stage.id), item)
                continue
            zero: Change = ((0.0, item.weight), None)
            candidates = [
                (overall.gain(changes[(tp, c)], zero), by_place[(tp, c)])
                for tp in item.touchpoints
                for c in item.criteria
                if (tp, c) in by_place
            ]
            best = max(candidates, key=lambda pair: pair[0], default=None)
            filled = overall.gain(((0.0, item.weight), (NEW_TOUCHPOINT_SCORE, item.weight)))
            holes[key] = _missing_gap(item, (stage.id,), best, filled, advice)
    taken = {(g.touchpoint, g.criterion) for g in holes.values() if g.criterion}
    kept = [g for g in gaps if (g.touchpoint, g.criterion) not in taken] if taken else gaps
    return [*kept, *holes.values()]


def _in_business_words(gaps: Sequence[Gap], advice: BusinessAdvice) -> Sequence[Gap]:
    """The gaps, each at a criterion the business's checklist words for itself with that advice,
    unless the audit (or its profile) gave the criterion a recommendation of its own."""
    worded = advice.criteria
    if not worded:
        return gaps
    # The criterion is tested first, inline: the checklist words a few of ~340 gaps' criteria.
    return [
        dataclasses.replace(g, recommendation=worded[g.criterion])
        if g.criterion is not None
        and g.criterion in worded
        and is_library_recommendation(g.criterion, g.recommendation)
        else g
        for g in gaps
    ]


def _missing_gap(
    item: JourneyItem,
    stages: tuple[str, ...],
    best: tuple[float, Gap] | None,
    added: float,
    advice: BusinessAdvice,
) -> Gap:
    where = ", ".join(stages)
    if best is not None:
        impact, taken = best
        target = taken.fix.criterion_score if taken.fix else None
        return Gap(
            kind=GapKind.MISSING_TOUCHPOINT,
            touchpoint=taken.touchpoint,
            criterion=taken.criterion,
            impact=impact,
            message=f"{item.label} is missing ({where}): {taken.message}",
            recommendation=taken.recommendation,  # in the business's words already
            effort=taken.effort,
            owner=taken.owner,
            stages=stages,
            fix=Fix(criterion_score=target, zero=item.weight),
            item=item.id,
        )
    return Gap(
        kind=GapKind.MISSING_TOUCHPOINT,
        touchpoint=None,
        criterion=None,
        impact=added,
        message=f"{item.label} is missing ({where})",
        recommendation=advice.items.get(item.id) or _how_to_add(item),
        stages=stages,
        fix=Fix(zero=item.weight, added=(NEW_TOUCHPOINT_SCORE, item.weight)),
        item=item.id,
    )


def _how_to_add(item: JourneyItem) -> str:
    """How to fill a hole, in labels: "Add a Word of mouth touchpoint; or offer Referral ..."."""
    ways = []
    if item.channels:
        channels = " or ".join(channel_label(c) for c in item.channels)
        ways.append(f"add {with_article(channels)} touchpoint")
    if item.criteria:
        criteria = " or ".join(criterion_label(c) for c in item.criteria)
        ways.append(f"offer {criteria} on an existing touchpoint")
    text = "; or ".join(ways)
    return text[:1].upper() + text[1:] + "."


def _replace_stages(gap: Gap, stages: tuple[str, ...], item: JourneyItem) -> Gap:
    """The gap with its stages (and the stages its message names) replaced; all else kept."""
    message = gap.message.replace(f"({', '.join(gap.stages)})", f"({', '.join(stages)})", 1)
    return dataclasses.replace(gap, message=message, stages=stages)


def _empty_stage_gap(stage: str, added: float) -> Gap:
    return Gap(
        kind=GapKind.EMPTY_STAGE,
        touchpoint=None,
        criterion=None,
        impact=added,
        message=f"No touchpoint serves the {stage} stage: a hole in the journey",
        recommendation=(
            f"Add a touchpoint for the {stage} stage, or list {stage} in the 'stages:' of a "
            "touchpoint that already serves it."
        ),
        stages=(stage,),
        fix=Fix(added=(NEW_TOUCHPOINT_SCORE, NEW_TOUCHPOINT_WEIGHT)),
    )
