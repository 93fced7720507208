"""The scoring curves: control points, monotonicity, bounds, continuity, and Lighthouse's numbers.

docs/scoring.md states the formulas these tests pin down.
"""

from __future__ import annotations

import itertools
import math
from statistics import NormalDist

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from touchaudit.library.criteria import builtin_library
from touchaudit.reading.models import Criterion, Curve, Direction, ValueKind
from touchaudit.scoring.curves import ERFCINV_ONE_FIFTH, criterion_score, target_score

# A better value may score the same as a worse one, never lower; this allowance only absorbs
# the last-bit rounding of the platform's erfc and log (a billionth of a point).
ROUNDING = 1e-9
# The largest slope of 50·erfc(z) is 100/√π per unit of z.
MAX_ERFC_SLOPE = 100 / math.sqrt(math.pi)


def make(
    curve: Curve,
    *,
    direction: Direction = Direction.LOWER,
    good: float | None = None,
    poor: float | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
    kind: ValueKind | None = None,
    expected: bool = True,
) -> Criterion:
    """A criterion built by hand, with only what its curve needs."""
    if kind is None:
        kind = {
            Curve.LOGNORMAL: ValueKind.DURATION,
            Curve.LINEAR: ValueKind.NUMBER,
            Curve.BOOLEAN: ValueKind.BOOLEAN,
        }[curve]
    return Criterion(
        id="probe",
        label="Probe",
        channels=("website",),
        type=kind,
        unit="s" if kind is ValueKind.DURATION else "",
        direction=direction,
        expected=expected,
        good=good,
        poor=poor,
        min=minimum,
        max=maximum,
        curve=curve,
    )


LCP_SECONDS = make(Curve.LOGNORMAL, good=2.5, poor=4.0)
EMAIL_HOURS = make(Curve.LOGNORMAL, good=1.0, poor=24.0)
REVIEW_COUNT = make(
    Curve.LOGNORMAL, direction=Direction.HIGHER, good=50, poor=10, kind=ValueKind.NUMBER
)
RATING = make(
    Curve.LINEAR,
    direction=Direction.HIGHER,
    good=4,
    poor=3,
    minimum=0,
    maximum=5,
    kind=ValueKind.RATING,
)
ABANDONMENT = make(
    Curve.LINEAR,
    direction=Direction.LOWER,
    good=5,
    poor=8,
    minimum=0,
    maximum=100,
    kind=ValueKind.PERCENT,
)

NUMERIC_CURVES = {
    "lognormal, lower is better": LCP_SECONDS,
    "lognormal, higher is better (reciprocal)": REVIEW_COUNT,
    "linear, higher is better": RATING,
    "linear, lower is better": ABANDONMENT,
}

LIBRARY = builtin_library()
LIBRARY_NUMERIC = [c for c in LIBRARY.criteria.values() if c.curve is not Curve.BOOLEAN]
LIBRARY_LINEAR = [c for c in LIBRARY_NUMERIC if c.curve is Curve.LINEAR]


def ids(criteria: list[Criterion]) -> list[str]:
    return [c.id for c in criteria]


# --------------------------------------------------------------------------- control points


@pytest.mark.parametrize("criterion", NUMERIC_CURVES.values(), ids=NUMERIC_CURVES.keys())
def test_a_value_at_the_good_threshold_scores_90(criterion: Criterion) -> None:
    assert criterion.good is not None
    assert criterion_score(criterion.good, criterion) == pytest.approx(90, abs=0.5)


@pytest.mark.parametrize("criterion", NUMERIC_CURVES.values(), ids=NUMERIC_CURVES.keys())
def test_a_value_at_the_poor_threshold_scores_50(criterion: Criterion) -> None:
    assert criterion.poor is not None
    assert criterion_score(criterion.poor, criterion) == pytest.approx(50, abs=0.5)


@pytest.mark.parametrize(
    ("expected", "answer", "score"),
    [(True, True, 100), (True, False, 0), (False, False, 100), (False, True, 0)],
)
def test_a_yes_no_criterion_scores_100_for_the_expected_answer_and_0_for_the_other(
    expected: bool, answer: bool, score: float
) -> None:
    criterion = make(Curve.BOOLEAN, direction=Direction.HIGHER, expected=expected)
    assert criterion_score(answer, criterion) == score


@pytest.mark.parametrize("criterion", LIBRARY_NUMERIC, ids=ids(LIBRARY_NUMERIC))
def test_every_numeric_library_criterion_scores_90_at_good_and_50_at_poor(
    criterion: Criterion,
) -> None:
    assert criterion.good is not None
    assert criterion.poor is not None
    assert criterion_score(criterion.good, criterion) == pytest.approx(90, abs=0.5)
    assert criterion_score(criterion.poor, criterion) == pytest.approx(50, abs=0.5)


@pytest.mark.parametrize(
    ("criterion", "target"),
    [(LCP_SECONDS, 90), (RATING, 90), (make(Curve.BOOLEAN, direction=Direction.HIGHER), 100)],
    ids=["lognormal", "linear", "boolean"],
)
def test_the_target_of_a_gap_is_90_or_100_for_yes_no(criterion: Criterion, target: float) -> None:
    assert target_score(criterion) == target


# --------------------------------------------------------------------------- linear ends


@pytest.mark.parametrize(
    ("criterion", "at_min", "at_max"),
    [(RATING, 0, 100), (ABANDONMENT, 100, 0)],
    ids=["higher is better", "lower is better"],
)
def test_the_linear_curve_ends_at_the_ends_of_its_scale(
    criterion: Criterion, at_min: float, at_max: float
) -> None:
    assert criterion.min is not None
    assert criterion.max is not None
    assert criterion_score(criterion.min, criterion) == at_min
    assert criterion_score(criterion.max, criterion) == at_max
    # Beyond the scale it stays at the end, never outside [0, 100].
    assert criterion_score(criterion.min - 1, criterion) == at_min
    assert criterion_score(criterion.max + 1, criterion) == at_max


@pytest.mark.parametrize(
    ("criterion", "value", "score"),
    [
        (RATING, 3.5, 70),  # halfway between poor (50) and good (90)
        (RATING, 4.5, 95),  # halfway between good (90) and max (100)
        (RATING, 1.5, 25),  # halfway between min (0) and poor (50)
        (ABANDONMENT, 6.5, 70),
        (ABANDONMENT, 2.5, 95),
        (ABANDONMENT, 54, 25),
    ],
)
def test_the_linear_curve_is_straight_between_its_points(
    criterion: Criterion, value: float, score: float
) -> None:
    assert criterion_score(value, criterion) == pytest.approx(score)


@pytest.mark.parametrize("criterion", LIBRARY_LINEAR, ids=ids(LIBRARY_LINEAR))
def test_every_linear_library_criterion_spans_0_to_100_over_its_scale(
    criterion: Criterion,
) -> None:
    assert criterion.min is not None
    assert criterion.max is not None
    worst, best = (
        (criterion.max, criterion.min)
        if criterion.direction is Direction.LOWER
        else (criterion.min, criterion.max)
    )
    assert criterion_score(worst, criterion) == 0
    assert criterion_score(best, criterion) == 100


def test_a_good_threshold_on_the_end_of_the_scale_still_scores_90_there() -> None:
    all_calls = make(
        Curve.LINEAR,
        direction=Direction.HIGHER,
        good=100,
        poor=80,
        minimum=0,
        maximum=100,
        kind=ValueKind.PERCENT,
    )
    assert criterion_score(100, all_calls) == 90
    assert criterion_score(80, all_calls) == 50
    assert criterion_score(0, all_calls) == 0


# --------------------------------------------------------------------------- Lighthouse's numbers


def test_lcp_of_3_1_s_scores_76_as_in_lighthouse() -> None:
    # thresholds.md §2.1: mobile LCP 3.1 s with control points 2500/4000 ms gives ≈ 0.756.
    assert criterion_score(3.1, LCP_SECONDS) == pytest.approx(75.6, abs=0.05)
    assert criterion_score(3100, LIBRARY.criteria["lcp"]) == pytest.approx(75.6, abs=0.05)


def test_an_email_answered_in_9_hours_scores_65() -> None:
    # thresholds.md §2.4: email reply, good 1 h and poor 24 h, 9 h gives ≈ 0.65.
    assert criterion_score(9, EMAIL_HOURS) == pytest.approx(65.4, abs=0.05)
    assert round(criterion_score(9, LIBRARY.criteria["email_reply_time"])) == 65


def test_fcp_of_3_1_s_scores_46_as_in_lighthouse() -> None:
    fcp = make(Curve.LOGNORMAL, good=1.8, poor=3.0)
    assert criterion_score(3.1, fcp) == pytest.approx(46.7, abs=0.05)


def test_the_constant_is_the_inverse_erfc_of_one_fifth() -> None:
    assert math.erfc(ERFCINV_ONE_FIFTH) == pytest.approx(0.2, abs=1e-15)


# --------------------------------------------------------------------------- properties

positive = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False)
any_value = st.floats(min_value=0, allow_nan=False, allow_infinity=False)
directions = st.sampled_from(Direction)


@st.composite
def lognormal_criteria(draw: st.DrawFn) -> Criterion:
    """Any valid log-normal criterion: 0 < good < poor (lower) or 0 < poor < good (higher)."""
    direction = draw(directions)
    low = draw(positive)
    high = low * draw(st.floats(min_value=1.01, max_value=1e4))
    good, poor = (low, high) if direction is Direction.LOWER else (high, low)
    return make(Curve.LOGNORMAL, direction=direction, good=good, poor=poor)


@st.composite
def linear_criteria(draw: st.DrawFn) -> Criterion:
    """Any valid linear criterion: min ≤ the thresholds ≤ max, with a gap between the thresholds."""
    direction = draw(directions)
    points = sorted(
        draw(
            st.lists(
                st.floats(min_value=-1e6, max_value=1e6),
                min_size=4,
                max_size=4,
                unique=True,
            )
        )
    )
    minimum, low, high, maximum = points
    good, poor = (low, high) if direction is Direction.LOWER else (high, low)
    return make(
        Curve.LINEAR,
        direction=direction,
        good=good,
        poor=poor,
        minimum=minimum,
        maximum=maximum,
    )


numeric_criteria = st.one_of(lognormal_criteria(), linear_criteria())


def better_first(criterion: Criterion, a: float, b: float) -> tuple[float, float]:
    """The two values ordered as (better, worse) for the criterion's direction."""
    low, high = sorted((a, b))
    return (low, high) if criterion.direction is Direction.LOWER else (high, low)


@given(numeric_criteria, any_value, any_value)
def test_a_better_value_never_scores_lower(criterion: Criterion, a: float, b: float) -> None:
    better, worse = better_first(criterion, a, b)
    assert criterion_score(better, criterion) >= criterion_score(worse, criterion) - ROUNDING


@given(linear_criteria(), st.floats(-2e6, 2e6), st.floats(-2e6, 2e6))
def test_a_better_value_never_scores_lower_on_a_linear_scale_with_negative_values(
    criterion: Criterion, a: float, b: float
) -> None:
    better, worse = better_first(criterion, a, b)
    assert criterion_score(better, criterion) >= criterion_score(worse, criterion)


@given(numeric_criteria, st.floats(allow_nan=False, allow_infinity=False))
# The smallest float divided by a threshold above 1 underflows to 0: its logarithm must not fail.
@example(LCP_SECONDS, 5e-324)
@example(REVIEW_COUNT, 5e-324)
def test_a_score_never_leaves_0_to_100(criterion: Criterion, value: float) -> None:
    assert 0 <= criterion_score(value, criterion) <= 100


@given(st.booleans(), st.booleans())
def test_a_yes_no_score_is_0_or_100(expected: bool, answer: bool) -> None:
    criterion = make(Curve.BOOLEAN, direction=Direction.HIGHER, expected=expected)
    assert criterion_score(answer, criterion) in (0, 100)


@given(lognormal_criteria(), positive)
def test_the_lognormal_curve_is_lighthouses_log_normal_complementary_cdf(
    criterion: Criterion, value: float
) -> None:
    # thresholds.md section 2.1: mu = ln(median), sigma = ln(median / p10) / Phi^-1(0.9),
    # score = 1 - Phi((ln x - mu) / sigma).
    # For higher-is-better criteria the same holds for the reciprocals of value and thresholds.
    assert criterion.good is not None
    assert criterion.poor is not None
    x, p10, median = value, criterion.good, criterion.poor
    if criterion.direction is Direction.HIGHER:
        x, p10, median = 1 / x, 1 / p10, 1 / median
    sigma = math.log(median / p10) / NormalDist().inv_cdf(0.9)
    expected = 100 * (1 - NormalDist(math.log(median), sigma).cdf(math.log(x)))
    assert criterion_score(value, criterion) == pytest.approx(expected, abs=1e-6)


def lipschitz_bound(criterion: Criterion, x: float, y: float) -> float:
    """The most the score can change between x and y (> 0) on the criterion's curve."""
    if x == y:
        return 0.0
    assert criterion.good is not None
    assert criterion.poor is not None
    if criterion.curve is Curve.LOGNORMAL:
        # d score / dx ≤ (100/√π)·k/x with k = erfc⁻¹(1/5) / |ln(poor/good)|, for both directions.
        k = ERFCINV_ONE_FIFTH / abs(math.log(criterion.poor / criterion.good))
        return MAX_ERFC_SLOPE * k * abs(y - x) / min(x, y)
    assert criterion.min is not None
    assert criterion.max is not None
    xs = sorted((criterion.min, criterion.good, criterion.poor, criterion.max))
    steepest = max(50 / abs(b - a) for a, b in itertools.pairwise(xs) if b > a)
    return steepest * abs(y - x)


@given(numeric_criteria, positive, st.floats(min_value=-1e-6, max_value=1e-6))
def test_a_small_change_in_value_moves_the_score_a_little(
    criterion: Criterion, value: float, relative: float
) -> None:
    other = value * (1 + relative)
    change = abs(criterion_score(other, criterion) - criterion_score(value, criterion))
    assert change <= lipschitz_bound(criterion, value, other) + ROUNDING


@pytest.mark.parametrize("criterion", NUMERIC_CURVES.values(), ids=NUMERIC_CURVES.keys())
@pytest.mark.parametrize("threshold", ["good", "poor"])
def test_the_score_has_no_jump_at_the_control_points(criterion: Criterion, threshold: str) -> None:
    at = getattr(criterion, threshold)
    step = at * 1e-6
    score = criterion_score(at, criterion)
    for nearby in (at - step, at + step):
        assert abs(criterion_score(nearby, criterion) - score) < 1e-3


@given(any_value)
def test_an_instant_answer_scores_100_and_nothing_scores_more(value: float) -> None:
    assert criterion_score(value, LCP_SECONDS) <= criterion_score(0.0, LCP_SECONDS) == 100


@given(linear_criteria())
def test_the_linear_curve_passes_exactly_through_its_control_points(criterion: Criterion) -> None:
    assert criterion.good is not None
    assert criterion.poor is not None
    assert criterion_score(criterion.good, criterion) == 90
    assert criterion_score(criterion.poor, criterion) == 50


def test_a_count_of_0_scores_0_when_higher_is_better_and_the_value_is_0() -> None:
    assert criterion_score(0, REVIEW_COUNT) == 0
