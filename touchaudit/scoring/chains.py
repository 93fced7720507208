"""Chains scored as paths: a chain works no better than its weakest step, and should follow the
journey stage by stage ("the whole chain should work like a clock")."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from touchaudit.reading.models import Audit
from touchaudit.scoring.results import BreakKind, ChainBreak, ChainScore, ChainStep, TouchpointScore


def score_chains(audit: Audit, touchpoints: Sequence[TouchpointScore]) -> tuple[ChainScore, ...]:
    """Every chain of the audit: its steps, weakest scored step, and breaks in the journey.

    A step at a touchpoint marked not applicable is left out of its chain."""
    by_id = {t.id: t for t in touchpoints}
    chains = []
    for chain_id, chain in audit.chains.items():
        steps = tuple(
            ChainStep(tp.id, tp.name, tp.score, tp.stages)
            for tp in (by_id[step] for step in chain.steps if step in by_id)
        )
        weakest = _weakest(steps)
        chains.append(
            ChainScore(
                id=chain_id,
                name=chain.name or chain_id,
                steps=steps,
                score=weakest.score if weakest else None,
                weakest=weakest.touchpoint if weakest else None,
                breaks=chain_breaks(steps, audit.stages),
            )
        )
    return tuple(chains)


def _weakest(steps: Sequence[ChainStep]) -> ChainStep | None:
    scored = [s for s in steps if s.score is not None]
    # min() keeps the first of equal scores: the earliest weak step is the one customers hit.
    return min(scored, key=lambda s: s.score or 0.0) if scored else None


def chain_breaks(steps: Sequence[ChainStep], stages: Sequence[str]) -> tuple[ChainBreak, ...]:
    """Consecutive steps whose stages jump over a stage of the journey, or go back in it.

    Each step covers the span of stages it serves; the next step should start no later than
    the stage right after that span ends. Overlapping spans are fine: touchpoints such as the
    website serve several stages at once.
    """
    order = {stage: index for index, stage in enumerate(stages)}
    breaks = []
    for before, after in itertools.pairwise(steps):
        first = sorted(order[s] for s in before.stages if s in order)
        then = sorted(order[s] for s in after.stages if s in order)
        if not first or not then:
            continue
        if then[-1] < first[0]:
            breaks.append(ChainBreak(BreakKind.BACKWARDS, before.touchpoint, after.touchpoint))
        elif then[0] > first[-1] + 1:
            skipped = tuple(stages[first[-1] + 1 : then[0]])
            breaks.append(ChainBreak(BreakKind.SKIPS, before.touchpoint, after.touchpoint, skipped))
    return tuple(breaks)
