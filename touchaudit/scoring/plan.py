"""The action plan: one item per fix, in order, each worth what it adds after the fixes above it.

A gap's own impact is what closing it alone is worth; two gaps on one touchpoint share its
mean, so those impacts do not add up. The plan takes the fixes in the order of their own
impact and applies them one after the other: each step's points are recomputed after the steps
above it, so `score_after` is the overall reached when it and every fix above it are done.
Unmeasured criteria are not fixes: they are listed apart, by how many points of the overall
range measuring them settles. docs/scoring.md §5.1 states the rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

from touchaudit.scoring.impact import Change, Overall
from touchaudit.scoring.rescore import Sums, Term, criterion_term
from touchaudit.scoring.results import (
    Fix,
    Gap,
    GapKind,
    ItemStatus,
    Journey,
    Measure,
    Plan,
    PlanStep,
    TouchpointScore,
)

PLAN_ITEMS = 50  # the fixes, and the measurements, a plan lists


def action_plan(
    touchpoints: Sequence[TouchpointScore],
    overall: Overall,
    gaps: Sequence[Gap],
    journey: Journey | None,
    absent: Sequence[TouchpointScore] = (),
) -> Plan:
    """The plan for ranked `gaps` of these touchpoints; `overall` holds the overall's sums."""
    fixes, measures = _split(gaps, journey)
    return Plan(
        to_fix=_in_order(touchpoints, overall, fixes[:PLAN_ITEMS]),
        to_measure=_measures(touchpoints, measures, journey, absent),
    )


def _split(gaps: Sequence[Gap], journey: Journey | None) -> tuple[list[Gap], list[Gap]]:
    """One gap per fix, in rank order: at one place (touchpoint, criterion), or for one missing
    checklist item (a competitor's touchpoint of its channel is that item), the best-ranked gap;
    and the unmeasured criteria apart."""
    fixes: list[Gap] = []
    measures: list[Gap] = []
    seen: set[tuple[str, str]] = set()
    for gap in gaps:
        if gap.fix is None:
            continue
        if gap.kind is GapKind.UNMEASURED:
            measures.append(gap)
            continue
        place = gap.place
        if not gap.item:  # most gaps: one key, tested without a list of keys
            if place is None or place not in seen:
                fixes.append(gap)
                if place is not None:
                    seen.add(place)
            continue
        keys = [k for k in (place, ("item", gap.item)) if k]
        known = not seen.isdisjoint(keys)
        seen.update(keys)  # a skipped gap's other key is the same fix too
        if not known:
            fixes.append(gap)
    return fixes, [g for g in measures if g.place not in seen]


@dataclass
class _Touchpoint:
    """A touchpoint as the plan changes it: the terms of its criteria the plan replaced, by
    position (the others are as scored), their sums and its score."""

    score: TouchpointScore
    terms: dict[int, Term]
    sums: Sums
    now: float | None
    index: dict[str, int]

    @classmethod
    def of(cls, tp: TouchpointScore) -> _Touchpoint:
        index = {c.criterion.id: i for i, c in enumerate(tp.criteria)}
        return cls(tp, {}, tp.sums, tp.score, index)

    def rescored(self, criterion: str, target: float) -> tuple[Term, Sums]:
        """The criterion's new term and the sums with `criterion` at `target` (the other
        criteria as they are now)."""
        at = self.index[criterion]
        c = self.score.criteria[at]
        old = self.terms[at] if at in self.terms else criterion_term(c.score, c)
        term = criterion_term(target, c)
        return term, self.sums.replaced(old, term)

    def apply(self, criterion: str, term: Term, sums: Sums) -> None:
        """`criterion` at `term` from now on, and the touchpoint at `sums`."""
        self.terms[self.index[criterion]] = term
        self.sums = sums
        self.now = sums.score


def _in_order(
    touchpoints: Sequence[TouchpointScore], overall: Overall, fixes: Sequence[Gap]
) -> tuple[PlanStep, ...]:
    """The fixes applied one after the other: each one's points after those above it."""
    by_id = {tp.id: tp for tp in touchpoints}
    # Only the touchpoints the fixes rescore: at most one per fix, whatever the audit's size.
    state = {
        tp_id: _Touchpoint.of(by_id[tp_id])
        for tp_id in dict.fromkeys(g.touchpoint for g in fixes if g.touchpoint in by_id)
        if tp_id is not None
    }
    steps: list[PlanStep] = []
    for gap in fixes:
        changes, rescored = _changes(state, gap)
        after = overall.after(*changes)
        if rescored is not None:
            tp, criterion, term, sums = rescored
            tp.apply(criterion, term, sums)
        steps.append(PlanStep(gap, after.score - overall.score, after.score))
        overall = after
    return tuple(steps)


_Rescoring = tuple[_Touchpoint, str, Term, Sums]


def _changes(state: dict[str, _Touchpoint], gap: Gap) -> tuple[list[Change], _Rescoring | None]:
    """What closing `gap` changes now in the overall's terms, and the rescoring of its
    touchpoint (the touchpoint, the criterion, its new term, the touchpoint's new sums)."""
    fix = gap.fix or Fix()
    changes: list[Change] = []
    rescored = None
    tp = state.get(gap.touchpoint or "")
    target = fix.criterion_score
    if tp is not None and gap.criterion in tp.index and target is not None:
        term, sums = tp.rescored(gap.criterion, target)
        weight = tp.score.weight
        changes.append(((tp.now, weight), (sums.score, weight)))
        rescored = (tp, gap.criterion, term, sums)
    if fix.zero or fix.added is not None:
        changes.append(((0.0, fix.zero) if fix.zero else None, fix.added))
    return changes, rescored


def _measures(
    touchpoints: Sequence[TouchpointScore],
    gaps: Sequence[Gap],
    journey: Journey | None,
    absent: Sequence[TouchpointScore],
) -> tuple[Measure, ...]:
    """Each unmeasured criterion's share of the overall range: 100 · its weight in its
    touchpoint · its touchpoint's weight in the overall's range (docs/scoring.md §5.1)."""
    weights = sum(t.weight for t in touchpoints if t.low is not None)
    if journey is not None:
        statuses = (ItemStatus.MISSING, ItemStatus.UNMEASURED)
        weights += sum(i.weight for s in statuses for i in journey.items(s))
    weights += sum(t.weight for t in absent)
    by_id = {t.id: t for t in touchpoints}
    shares: dict[str, dict[str, float]] = {}  # each criterion's share, once per touchpoint
    ranked: list[tuple[float, float, Gap]] = []  # (sort key, share, gap)
    keys: dict[float, float] = {}  # a share's sort key, once per distinct share (~1 in 3)
    for gap in gaps:
        tp = by_id.get(gap.touchpoint or "")
        if tp is None or not weights:
            continue
        mine = shares.get(tp.id)
        if mine is None:
            own = [c.range_weight for c in tp.criteria]
            total = sum(own)
            ids = [c.criterion.id for c in tp.criteria]
            mine = shares[tp.id] = {i: weight / total for i, weight in zip(ids, own, strict=True)}
        share = 100 * mine.get(gap.criterion or "", 0.0) * tp.weight / weights
        key = keys.get(share)
        if key is None:
            key = keys[share] = -round(share, 9)
        ranked.append((key, share, gap))
    ranked.sort(key=itemgetter(0))  # stable: ties keep the gaps' rank order
    return tuple(Measure(gap, share) for _, share, gap in ranked[:PLAN_ITEMS])
