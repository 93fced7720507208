"""The value syntax of audit files, as a table of examples: what is accepted and what is not."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from touchaudit.reading.checks import NOT_APPLICABLE_VALUES
from touchaudit.reading.models import ValueKind
from touchaudit.reading.values import DURATION_UNITS, ValueSyntaxError, format_value, parse_value

DURATION = ValueKind.DURATION
NUMBER = ValueKind.NUMBER
PERCENT = ValueKind.PERCENT
RATING = ValueKind.RATING
BOOLEAN = ValueKind.BOOLEAN
NUMERIC_KINDS = (DURATION, NUMBER, PERCENT, RATING)
DASH = "\N{EN DASH}"  # messages name ranges like 0-100% with an en dash


def error_of(raw: str | float | bool, kind: ValueKind, unit: str, **options: float) -> str:
    """The message parse_value raises for `raw`."""
    with pytest.raises(ValueSyntaxError) as caught:
        parse_value(raw, kind, unit, **options)
    return str(caught.value)


def test_duration_units_are_seconds() -> None:
    assert DURATION_UNITS == {
        "ms": 0.001,
        "s": 1.0,
        "min": 60.0,
        "h": 3600.0,
        "d": 86400.0,
        "w": 604800.0,
    }


# --------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("250 ms", 0.25),
        ("3.4 s", 3.4),
        ("3.4s", 3.4),
        ("90 sec", 90.0),
        ("90 secs", 90.0),
        ("90 seconds", 90.0),
        ("1.5 min", 90.0),
        ("1.5 mins", 90.0),
        ("1.5 minutes", 90.0),
        ("2 m", 120.0),
        ("2 h", 7200.0),
        ("2 hr", 7200.0),
        ("2 hrs", 7200.0),
        ("2 hours", 7200.0),
        ("1h 30m", 5400.0),
        ("1h30m", 5400.0),
        ("1 hour 30 minutes", 5400.0),
        ("3 days", 259200.0),
        ("3 d", 259200.0),
        ("1 week", 604800.0),
        ("2 weeks", 1209600.0),
        ("1 w", 604800.0),
        ("PT2H30M", 9000.0),
        ("PT1M30S", 90.0),
        ("PT0.5S", 0.5),
        ("P3D", 259200.0),
        ("P1DT2H", 93600.0),
        ("P1W", 604800.0),
        ("1:30", 90.0),
        ("1:02:03", 3723.0),
        ("40", 40.0),
        ("3.5", 3.5),
        ("3.4 S", 3.4),
        ("2 HOURS", 7200.0),
        ("  3.4 s\n", 3.4),
        ("0 s", 0.0),
        ("-0", 0.0),
    ],
)
def test_duration_in_seconds(text: str, seconds: float) -> None:
    assert parse_value(text, DURATION, "s") == seconds


@pytest.mark.parametrize("text", ["90 sec", "1.5 min", "PT1M30S", "1:30"])
@pytest.mark.parametrize(
    ("unit", "expected"),
    [("s", 90.0), ("h", 0.025), ("min", 1.5), ("ms", 90_000.0)],
)
def test_ninety_seconds_written_four_ways_is_exact_in_every_unit(
    text: str, unit: str, expected: float
) -> None:
    assert parse_value(text, DURATION, unit) == expected


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("40", "ms", 40.0),
        ("3.5", "h", 3.5),
        ("2", "w", 2.0),
        ("250 ms", "s", 0.25),
        ("1h 30m", "h", 1.5),
        ("P1W", "d", 7.0),
        ("3 d", "w", 3 / 7),
    ],
)
def test_duration_in_the_criterion_unit(text: str, unit: str, expected: float) -> None:
    assert parse_value(text, DURATION, unit) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("yes", "'yes' is not a duration; write it like 3.4 s, 250 ms, 1h 30m or PT2M"),
        ("", "'' is not a duration"),
        ("-3 s", "durations cannot be negative"),
        ("-1:30", "durations cannot be negative"),
        ("-PT2M", "durations cannot be negative"),
        ("3 parsecs", "is not a duration"),
        ("1 h 30", "is not a duration"),
        ("30m 1h", "write units from largest to smallest, each once"),
        ("1h 2h", "write units from largest to smallest, each once"),
        ("P1Y", "years or months, whose length varies"),
        ("P2M", "years or months, whose length varies"),
        ("P1Y2M3DT4H", "years or months, whose length varies"),
        ("P", "is not a duration"),
        ("PT", "is not a duration"),
        ("1:75", "must be below 60"),
        ("1:60:00", "must be below 60"),
        ("1:00:60", "must be below 60"),
        ("3,4 s", "use a point for decimals"),
        ("1e400", "not a finite number"),
        ("1e308 w", "not a finite number"),
    ],
)
def test_duration_errors(text: str, fragment: str) -> None:
    assert fragment in error_of(text, DURATION, "s")


@pytest.mark.parametrize("raw", [True, False, -3, -0.5])
def test_duration_rejects_booleans_and_negative_numbers(raw: float | bool) -> None:
    error_of(raw, DURATION, "s")


def test_duration_needs_a_known_canonical_unit() -> None:
    assert "is not a duration unit" in error_of("3 s", DURATION, "fortnight")


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("3", "rings", 3.0),
        ("3.5", "rings", 3.5),
        ("-20", "rings", -20.0),
        ("1e3", "rings", 1000.0),
        ("1.10", "rings", 1.1),
        ("+4", "", 4.0),
        (".5", "", 0.5),
        ("3 rings", "rings", 3.0),
        ("1 ring", "rings", 1.0),
        ("3rings", "rings", 3.0),
        ("3 Rings", "rings", 3.0),
        ("2 ring", "ring", 2.0),
        ("5 posts/week", "posts/week", 5.0),
        ("1 post/week", "posts/week", 1.0),
        ("5 posts / week", "posts/week", 5.0),
        ("2 replies", "reply", 2.0),
        ("1 reply", "replies", 1.0),
    ],
)
def test_number(text: str, unit: str, expected: float) -> None:
    assert parse_value(text, NUMBER, unit) == expected


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("500 000", "", 500_000.0),
        ("1 234 567.5", "", 1_234_567.5),
        ("12\u202f000 calls", "calls", 12_000.0),
        ("1.2 million", "", 1_200_000.0),
        ("3 thousand visits", "visits", 3000.0),
        ("2 Billion", "", 2e9),
    ],
)
def test_counts_are_read_as_people_write_them(text: str, unit: str, expected: float) -> None:
    assert parse_value(text, NUMBER, unit) == expected


@pytest.mark.parametrize(("text", "expected"), [("11/50", 22.0), ("0/4", 0.0), ("3 / 3", 100.0)])
def test_a_share_is_a_percentage(text: str, expected: float) -> None:
    assert parse_value(text, PERCENT, "%") == expected


@pytest.mark.parametrize("text", ["51/50", "3/0", "-1/5"])
def test_a_share_above_its_whole_is_refused(text: str) -> None:
    assert "is not a" in error_of(text, PERCENT, "%")


@pytest.mark.parametrize(
    ("text", "unit", "fragment"),
    [
        ("abc", "rings", "'abc' is not a number; write it like 3 or 3 rings"),
        ("3 bells", "rings", "'3 bells' is not a number"),
        ("3 rings", "", "write it like 3 or 2.5"),
        ("1_000", "", "group thousands with spaces or not at all, like 1000, 1 000"),
        (
            "1,000",
            "",
            "a comma may be a decimal mark or a thousands separator; write 1000 or 1 000",
        ),
        ("500,000 calls", "calls", "write 500000 or 500 000"),
        ("1,5", "", "use a point for decimals"),
        ("1.2M", "", "is not a number"),
        ("50 00", "", "is not a number"),
        ("3,5", "", "use a point for decimals"),
        ("1e", "", "is not a number"),
        ("", "", "'' is not a number"),
    ],
)
def test_number_errors(text: str, unit: str, fragment: str) -> None:
    assert fragment in error_of(text, NUMBER, unit)


# --------------------------------------------------------------------------- percentages


@pytest.mark.parametrize(
    ("text", "expected"),
    [("45%", 45.0), ("45 %", 45.0), ("45.5%", 45.5), ("45", 45.0), ("0%", 0.0), ("100", 100.0)],
)
def test_percent(text: str, expected: float) -> None:
    assert parse_value(text, PERCENT, "%") == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("140%", f"140% is out of range 0{DASH}100%"),
        ("100.5", f"100.5% is out of range 0{DASH}100%"),
        ("-5%", f"-5% is out of range 0{DASH}100%"),
        ("45%%", "'45%%' is not a percentage; write it like 45% or 45.5%"),
        ("half", "is not a percentage"),
    ],
)
def test_percent_errors(text: str, fragment: str) -> None:
    assert fragment in error_of(text, PERCENT, "%")


# --------------------------------------------------------------------------- ratings


@pytest.mark.parametrize(
    ("text", "scale", "expected"),
    [
        ("4/5", 5.0, 4.0),
        ("8/10", 5.0, 4.0),
        ("4.5/5", 5.0, 4.5),
        ("4.5 / 5", 5.0, 4.5),
        ("4.2", 5.0, 4.2),
        ("5/5", 5.0, 5.0),
        ("0/5", 5.0, 0.0),
        ("4/5", 10.0, 8.0),
        ("8/10", 10.0, 8.0),
        ("7", 10.0, 7.0),
    ],
)
def test_rating(text: str, scale: float, expected: float) -> None:
    assert parse_value(text, RATING, f"/{scale:g}", scale=scale) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("6/5", "6/5 is above the top of its scale"),
        ("7", "7/5 is above the top of its scale"),
        ("4/0", "the number after / must be above 0"),
        ("4/-5", "the number after / must be above 0"),
        ("-1/5", "ratings cannot be negative"),
        ("-1", "ratings cannot be negative"),
        ("four", "'four' is not a rating; write it like 4/5, 8/10 or 4.5"),
        ("4/5/5", "is not a rating"),
    ],
)
def test_rating_errors(text: str, fragment: str) -> None:
    assert fragment in error_of(text, RATING, "/5")


# --------------------------------------------------------------------------- booleans


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("yes", True),
        ("no", False),
        ("true", True),
        ("false", False),
        ("y", True),
        ("n", False),
        ("on", True),
        ("off", False),
        ("NO", False),
        ("Yes", True),
        ("TRUE", True),
        (" Off ", False),
        (True, True),
        (False, False),
    ],
)
def test_boolean(raw: str | bool, expected: bool) -> None:
    assert parse_value(raw, BOOLEAN, "") is expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("maybe", "'maybe' is not yes or no"), ("", "'' is not yes or no"), (1, "'1' is not yes")],
)
def test_boolean_errors(raw: str | float, fragment: str) -> None:
    assert fragment in error_of(raw, BOOLEAN, "")


# --------------------------------------------------------------------------- all numeric kinds


@pytest.mark.parametrize("kind", NUMERIC_KINDS)
@pytest.mark.parametrize(
    "raw",
    [".inf", "-.inf", ".nan", ".NaN", "nan", "inf", "Infinity", "1e400", math.inf, math.nan],
)
def test_not_finite(kind: ValueKind, raw: str | float) -> None:
    unit = "s" if kind is DURATION else ""
    assert "not a finite number" in error_of(raw, kind, unit)


@pytest.mark.parametrize(
    ("raw", "kind", "unit", "expected"),
    [
        (3.4, DURATION, "s", 3.4),
        (40, DURATION, "ms", 40.0),
        (3, NUMBER, "rings", 3.0),
        (-20.5, NUMBER, "", -20.5),
        (45, PERCENT, "%", 45.0),
        (4.2, RATING, "/5", 4.2),
    ],
)
def test_python_numbers_mean_what_their_text_means(
    raw: float, kind: ValueKind, unit: str, expected: float
) -> None:
    assert parse_value(raw, kind, unit) == expected
    assert parse_value(repr(raw), kind, unit) == expected


@pytest.mark.parametrize(
    ("raw", "kind", "unit", "fragment"),
    [
        (True, NUMBER, "rings", "'true' is not a number"),
        (140, PERCENT, "%", f"140% is out of range 0{DASH}100%"),
        (6.0, RATING, "/5", "6/5 is above the top of its scale"),
        (10**400, NUMBER, "", "not a finite number"),
    ],
)
def test_python_number_errors(raw: float | bool, kind: ValueKind, unit: str, fragment: str) -> None:
    assert fragment in error_of(raw, kind, unit)


@pytest.mark.parametrize(
    ("text", "kind", "unit", "bounds", "fragment"),
    [
        ("12", NUMBER, "rings", (0, 10), f"12 rings is out of range 0{DASH}10 rings"),
        ("-1", NUMBER, "rings", (0, None), "-1 rings is below the minimum of 0 rings"),
        ("4 s", DURATION, "s", (None, 3), "4 s is above the maximum of 3 s"),
        ("45%", PERCENT, "%", (50, 60), f"45% is out of range 50{DASH}60%"),
        ("1/5", RATING, "/5", (2, None), "1/5 is below the minimum of 2/5"),
    ],
)
def test_minimum_and_maximum(
    text: str,
    kind: ValueKind,
    unit: str,
    bounds: tuple[float | None, float | None],
    fragment: str,
) -> None:
    low, high = bounds
    with pytest.raises(ValueSyntaxError, match=re.escape(fragment)):
        parse_value(text, kind, unit, minimum=low, maximum=high)


@pytest.mark.parametrize(
    ("text", "kind", "unit", "expected"),
    [
        ("10", NUMBER, "rings", 10.0),
        ("0", NUMBER, "rings", 0.0),
        ("3 s", DURATION, "s", 3.0),
        ("yes", BOOLEAN, "", True),
    ],
)
def test_bounds_are_inclusive(text: str, kind: ValueKind, unit: str, expected: float) -> None:
    assert parse_value(text, kind, unit, minimum=0, maximum=10) == expected


def test_messages_quote_at_most_40_characters_on_one_line() -> None:
    message = error_of("x" * 100 + "\nmore", NUMBER, "")
    assert message.startswith("'" + "x" * 39 + "…'")
    assert "\n" not in message


# --------------------------------------------------------------------------- format_value


@pytest.mark.parametrize(
    ("value", "kind", "unit", "text"),
    [
        (3.4, DURATION, "s", "3.4 s"),
        (250.0, DURATION, "ms", "250 ms"),
        (1.5, DURATION, "h", "1 h 30 min"),
        (3.0, DURATION, "d", "3 d"),
        (0.025, DURATION, "h", "1 min 30 s"),
        (3.14159, DURATION, "s", "3.14 s"),
        (45.0, PERCENT, "%", "45%"),
        (45.5, PERCENT, "", "45.5%"),
        (4.2, RATING, "/5", "4.2/5"),
        (True, BOOLEAN, "", "yes"),
        (False, BOOLEAN, "", "no"),
        (3.0, NUMBER, "rings", "3 rings"),
        (1.0, NUMBER, "rings", "1 ring"),  # one ring, as a client reads it
        (1.0, NUMBER, "posts/week", "1 post/week"),
        (1.0, NUMBER, "EUR", "1 EUR"),  # not a plural word: as written
        (1.0, NUMBER, "class", "1 class"),
        (3.0, NUMBER, "", "3"),
        (-20.0, NUMBER, "", "-20"),
        (1234.5678, NUMBER, "", "1234.57"),
        (0.0, NUMBER, "", "0"),
    ],
)
def test_format_value(value: float | bool, kind: ValueKind, unit: str, text: str) -> None:
    assert format_value(value, kind, unit) == text


# --------------------------------------------------------------------------- properties

finite = st.floats(min_value=0, allow_nan=False, allow_infinity=False)
duration_units = st.sampled_from(sorted(DURATION_UNITS))


@given(x=finite, unit=duration_units)
def test_a_number_with_the_criterion_unit_reads_back_exactly(x: float, unit: str) -> None:
    assert parse_value(f"{x} {unit}", DURATION, unit) == x
    assert parse_value(f"{x} rings", NUMBER, "rings") == x


@given(x=finite, unit=duration_units)
def test_formatted_durations_read_back(x: float, unit: str) -> None:
    text = format_value(x, DURATION, unit)
    assert parse_value(text, DURATION, unit) == pytest.approx(x, rel=1e-5, abs=0.005)


@given(x=st.floats(min_value=0, max_value=100))
def test_formatted_percentages_read_back(x: float) -> None:
    text = format_value(x, PERCENT, "%")
    assert parse_value(text, PERCENT, "%") == pytest.approx(x, abs=0.005)


@given(x=st.floats(min_value=0, max_value=5))
def test_formatted_ratings_read_back(x: float) -> None:
    text = format_value(x, RATING, "/5")
    assert parse_value(text, RATING, "/5") == pytest.approx(x, abs=0.005)


KINDS_AND_UNITS = st.sampled_from(
    [
        (DURATION, "s"),
        (DURATION, "h"),
        (NUMBER, ""),
        (NUMBER, "posts/week"),
        (PERCENT, "%"),
        (RATING, "/5"),
        (BOOLEAN, ""),
    ]
)
SYNTAX_TEXT = st.text(alphabet="0123456789.:/%-+ eEPTHMSDWYhmsdwinfa,_\n")


@given(raw=st.text() | SYNTAX_TEXT, kind_and_unit=KINDS_AND_UNITS)
def test_any_text_parses_or_raises_a_one_line_value_syntax_error(
    raw: str, kind_and_unit: tuple[ValueKind, str]
) -> None:
    kind, unit = kind_and_unit
    message = ""
    try:
        value = parse_value(raw, kind, unit, minimum=-1e9, maximum=1e9)
    except ValueSyntaxError as error:
        message = str(error)
    else:
        assert isinstance(value, bool) or math.isfinite(value)
    assert len(message.splitlines()) <= 1


NOT_APPLICABLE = st.tuples(
    st.sampled_from(sorted(NOT_APPLICABLE_VALUES)), st.text(" \t\n\r"), st.text(" \t\n\r")
).map(lambda parts: parts[1] + parts[0] + parts[2])


@given(
    written=NOT_APPLICABLE,
    upper=st.lists(st.booleans(), min_size=14, max_size=14),
    kind_and_unit=KINDS_AND_UNITS | st.just((NUMBER, "n/a")),
)
def test_no_way_of_writing_n_a_is_a_value(
    written: str, upper: list[bool], kind_and_unit: tuple[ValueKind, str]
) -> None:
    # The loader reads a value before it asks whether it says n/a: no criterion may take it.
    text = "".join(c.upper() if upper[i % 14] else c for i, c in enumerate(written))
    kind, unit = kind_and_unit
    with pytest.raises(ValueSyntaxError):
        parse_value(text, kind, unit)
