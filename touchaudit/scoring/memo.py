"""What is derived from a library criterion alone, derived once per process.

One library's criteria are shared by every audit it scores, so a derivation keyed by the
criterion object's id is made once, not once per audit (a criterion is not cheap to hash).
Each entry holds its criterion, so that its id cannot be taken by another object meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from touchaudit.reading.models import Criterion

_T = TypeVar("_T")

MEMO_MAX = 4096  # criteria; past it (many audits defining their own) a memo starts again


def per_criterion(derive: Callable[[Criterion], _T]) -> Callable[[Criterion], _T]:
    """`derive`, remembered for each criterion object."""
    memo: dict[int, tuple[Criterion, _T]] = {}

    def derived(criterion: Criterion) -> _T:
        found = memo.get(id(criterion))
        if found is None:
            if len(memo) >= MEMO_MAX:
                memo.clear()
            found = memo[id(criterion)] = (criterion, derive(criterion))
        return found[1]

    return derived
