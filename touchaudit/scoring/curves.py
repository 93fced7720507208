"""Scoring curves: a measured value and a criterion's thresholds become a score from 0 to 100.

The value at `good` scores 90 and the value at `poor` scores 50, as Lighthouse scores its metrics
(docs/scoring.md gives the formulas and the sources).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

from touchaudit.reading.models import Criterion, Curve, Direction
from touchaudit.scoring.memo import per_criterion

# erfc⁻¹(1/5): puts the `good` control point at the 90th percentile of the log-normal curve,
# as in Lighthouse's shared/statistics.js.
ERFCINV_ONE_FIFTH = 0.9061938024368232

CurveFunction = Callable[[float | bool, Criterion], float]


def lognormal(value: float | bool, criterion: Criterion) -> float:
    """Lighthouse's log-normal curve: p10 = good (90), median = poor (50).

    For higher-is-better values the curve is applied to the reciprocal, so that the score still
    rises with the value and tends to 100 as the value grows.
    """
    assert criterion.good is not None
    assert criterion.poor is not None
    x = float(value)
    if x <= 0:
        return 0.0 if criterion.direction is Direction.HIGHER else 100.0
    # In logarithms: x / poor underflows to 0 (log fails) for a tiny x such as 5e-324 s,
    # and 1 / x overflows for it; log(x) - log(poor) does neither.
    log_x, log_good, log_poor = math.log(x), math.log(criterion.good), math.log(criterion.poor)
    if criterion.direction is Direction.HIGHER:
        log_x, log_good, log_poor = -log_x, -log_good, -log_poor
    z = (log_x - log_poor) * ERFCINV_ONE_FIFTH / (log_poor - log_good)
    return _clamp(50.0 * math.erfc(z))


def linear(value: float | bool, criterion: Criterion) -> float:
    """Piecewise-linear through (min, 0), (poor, 50), (good, 90), (max, 100) on a bounded scale."""
    return _clamp(_interpolate(_linear_points(criterion), float(value)))


def _points(criterion: Criterion) -> tuple[tuple[float, float], ...]:
    """The control points of a criterion's linear curve, in the order of their values."""
    assert criterion.good is not None
    assert criterion.poor is not None
    assert criterion.min is not None
    assert criterion.max is not None
    points = [
        (criterion.min, 0.0),
        (criterion.poor, 50.0),
        (criterion.good, 90.0),
        (criterion.max, 100.0),
    ]
    if criterion.direction is Direction.LOWER:
        points = [
            (criterion.min, 100.0),
            (criterion.good, 90.0),
            (criterion.poor, 50.0),
            (criterion.max, 0.0),
        ]
    # A threshold may sit on the end of the scale (good: 100%): the threshold wins there.
    if points[0][0] == points[1][0]:
        points.pop(0)
    if points[-1][0] == points[-2][0]:
        points.pop()
    return tuple(points)  # shared by every value of the criterion: never changed


# Once per criterion object and process (memo.py): a linear value scores in 0.4 us, not 0.9.
_linear_points = per_criterion(_points)


def boolean(value: float | bool, criterion: Criterion) -> float:
    """The expected answer scores 100, the other 0."""
    return 100.0 if bool(value) == criterion.expected else 0.0


CURVES: dict[Curve, CurveFunction] = {
    Curve.LOGNORMAL: lognormal,
    Curve.LINEAR: linear,
    Curve.BOOLEAN: boolean,
}


def criterion_score(value: float | bool, criterion: Criterion) -> float:
    """The score of a measured value for a criterion, in [0, 100]."""
    return CURVES[criterion.curve](value, criterion)


def target_score(criterion: Criterion) -> float:
    """The score a criterion has when it reaches its `good` threshold (100 for yes/no)."""
    return 100.0 if criterion.curve is Curve.BOOLEAN else 90.0


def _interpolate(points: Sequence[tuple[float, float]], x: float) -> float:
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x <= x1:
            # The fraction first, so that x = x1 gives exactly y1 (poor is 50, not 49.99...).
            return y0 + (y1 - y0) * ((x - x0) / (x1 - x0))
    return points[-1][1]


def _clamp(score: float) -> float:
    return min(100.0, max(0.0, score))
