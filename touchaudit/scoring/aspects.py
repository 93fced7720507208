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
        in_score = aspect_shares(own, [criteria[i].score is not None for i in indexes])
        in_range = aspect_shares(own, [True] * len(own))
        for i, score_weight, range_weight in zip(indexes, in_score, in_range, strict=True):
            c = criteria[i]
            weighed[i] = CriterionScore(
                c.criterion, c.measurement, c.score, score_weight, range_weight
            )
    return weighed


def aspect_shares(own: Sequence[float], measured: Sequence[bool]) -> list[float]:
    """Each member's weight, from the members' `own` weights: the aspect weighs as its heaviest
    member, split among the `measured` ones in proportion to their own weights (among every
    member when none is measured)."""
    heaviest = max(own)
    split = sum(w for w, m in zip(own, measured, strict=True) if m) or sum(own)
    return [heaviest * w / split for w in own]
