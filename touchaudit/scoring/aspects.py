"""Criteria that measure one aspect (page speed: load_time, lcp, fcp, tbt, Lighthouse's
performance) share one weight, so that measuring more of them does not count the aspect twice."""

from __future__ import annotations

from collections.abc import Sequence

from touchaudit.scoring.results import CriterionScore


def weigh_aspects(criteria: Sequence[CriterionScore]) -> list[CriterionScore]:
    """The touchpoint's criteria with each aspect member's share of its aspect's weight.

    The aspect weighs as its heaviest member (W). In the score, the measured members split W in
    proportion to their own weights; in the range, every member does (an unmeasured one is 0 at
    the low end, as any unmeasured criterion)."""
    members: dict[str, list[int]] = {}
    for index, c in enumerate(criteria):
        if c.criterion.aspect is not None:
            members.setdefault(c.criterion.aspect, []).append(index)
    if not members:
        return list(criteria)
    weighed = list(criteria)
    for indexes in members.values():
        own = [criteria[i].criterion.weight for i in indexes]
        aspect = max(own)
        every = sum(own)
        measured = sum(
            w for i, w in zip(indexes, own, strict=True) if criteria[i].score is not None
        )
        for i, w in zip(indexes, own, strict=True):
            c = criteria[i]
            weighed[i] = CriterionScore(
                c.criterion,
                c.measurement,
                c.score,
                aspect_weight=aspect * w / (measured or every),
                aspect_range_weight=aspect * w / every,
            )
    return weighed
