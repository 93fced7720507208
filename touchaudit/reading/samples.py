"""Samples: several measurements of one criterion (log rows, `{samples: [...]}`) combined into
its value, the way the criterion's `aggregate` says (docs/measurements.md, "Samples").

`None` stands for an unanswered call: a sample of its own kind. It is the share counted by
`share_unanswered`, a "no" for `share_yes` and yes/no criteria, and the worst value for the
others (the criterion's `max` or, without one, infinitely long for lower-is-better ones; its
`min` or 0 for higher-is-better ones), so that leaving calls unanswered never helps a score.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence

from touchaudit.reading.models import Aggregate, Criterion, Direction, ValueKind
from touchaudit.reading.values import parse_measured, parse_value

UNANSWERED = "unanswered"
Sample = float | bool | None

_WORDS: dict[Aggregate, str] = {
    Aggregate.MEDIAN: "median",
    Aggregate.P75: "75th percentile",
    Aggregate.MEAN: "mean",
    Aggregate.MAX: "maximum",
    Aggregate.SHARE_YES: "share of yes",
    Aggregate.SHARE_UNANSWERED: "share unanswered",
}


def is_unanswered(raw: object) -> bool:
    """True for the sample text `unanswered` (any case)."""
    return isinstance(raw, str) and raw.strip().lower() == UNANSWERED


def parse_sample(criterion: Criterion, raw: str) -> Sample:
    """One sample: None when unanswered; yes/no for `share_yes`; for `share_unanswered` any
    answer (its value is not used); else a value of the criterion. ValueSyntaxError if bad."""
    if is_unanswered(raw):
        return None
    if criterion.aggregate is Aggregate.SHARE_YES:
        return parse_value(raw, ValueKind.BOOLEAN, "")
    if criterion.aggregate is Aggregate.SHARE_UNANSWERED:
        return True
    return parse_measured(criterion, raw)


def combine(criterion: Criterion, samples: Sequence[Sample]) -> tuple[float | bool, str]:
    """The criterion's value from its samples, and how it was found (`median of 6 samples (2
    unanswered)`); `samples` is not empty."""
    unanswered = sum(1 for s in samples if s is None)
    how = criterion.aggregate
    if how is Aggregate.SHARE_UNANSWERED:
        value: float | bool = 100.0 * unanswered / len(samples)
    elif how is Aggregate.SHARE_YES:
        value = 100.0 * sum(1 for s in samples if s is True) / len(samples)
    elif criterion.type is ValueKind.BOOLEAN:
        value, how = _majority(criterion, samples), Aggregate.MEDIAN
    else:
        numbers = sorted(_worst(criterion) if s is None else float(s) for s in samples)
        value = _STATISTICS[how](numbers)
    noun = "calls" if criterion.channels == ("phone",) else "samples"
    words = f"{_WORDS[how]} of {len(samples)} {noun}"
    return value, words + (f" ({unanswered} unanswered)" if unanswered else "")


def _majority(criterion: Criterion, samples: Sequence[Sample]) -> bool:
    """The answer most samples give; a tie (or an unanswered call) counts against the expected."""
    expected = sum(1 for s in samples if s is not None and bool(s) == criterion.expected)
    return criterion.expected if expected * 2 > len(samples) else not criterion.expected


def _worst(criterion: Criterion) -> float:
    if criterion.direction is Direction.HIGHER:
        return criterion.min if criterion.min is not None else 0.0
    return criterion.max if criterion.max is not None else math.inf


def _p75(ordered: Sequence[float]) -> float:
    """The nearest-rank 75th percentile, as CrUX reports it."""
    return ordered[math.ceil(0.75 * len(ordered)) - 1]


def _mean(ordered: Sequence[float]) -> float:
    return math.inf if math.inf in ordered else statistics.fmean(ordered)


_STATISTICS: dict[Aggregate, Callable[[Sequence[float]], float]] = {
    Aggregate.MEDIAN: statistics.median,
    Aggregate.P75: _p75,
    Aggregate.MEAN: _mean,
    Aggregate.MAX: max,
}
