"""Units that cannot be misread: a consultant writes a duration, touchaudit reads what was meant
or says why it cannot, and shows durations the way a person writes them."""

from __future__ import annotations

import pytest

from touchaudit.reading.loader import parse_audit
from touchaudit.reading.models import ValueKind
from touchaudit.reading.values import format_value, parse_value

DURATION = ValueKind.DURATION

HEAD = "touchaudit: 1\ncompany: Acme Clinic\n"
PHONE = "touchpoints:\n  reception:\n    channel: phone\n    criteria:\n"


def problems_of(text: str) -> list[str]:
    """Every error of an audit as the user reads it: `file:line:col: message`."""
    audit, problems = parse_audit(text, "audit.yaml")
    assert audit is None, "the audit should have been refused"
    return [f"{p} [{p.code}]" for p in problems if p.is_error]


# (what the consultant wrote, the audit, the one error expected, starting `file:line:col`)
REFUSED = [
    (
        "a delivery time of 1M: a month, or a minute?",
        HEAD + PHONE + "      answer_time: 1M\n",
        "audit.yaml:7:20: answer_time: '1M' is ambiguous: M may mean a month or a minute; "
        "write minutes as min and months in days, like 1 min or 30 d [bad-value]",
    ),
    (
        "3 M with a space",
        HEAD + PHONE + "      answer_time: 3 M\n",
        "audit.yaml:7:20: answer_time: '3 M' is ambiguous",
    ),
    (
        "an uppercase M inside a compound duration",
        HEAD + PHONE + "      answer_time: 1h 30M\n",
        "audit.yaml:7:20: answer_time: '1h 30M' is ambiguous",
    ),
    (
        "an uppercase M in a {value: ...} mapping",
        HEAD + PHONE + "      answer_time: {value: 2M, note: from the recording}\n",
        "audit.yaml:7:28: answer_time: '2M' is ambiguous",
    ),
    (
        "a custom duration without unit, in a flow mapping",
        HEAD
        + "criteria:\n  triage_time: {channel: phone, type: duration, good: 5, poor: 15}\n"
        + PHONE
        + "      triage_time: 7\n",  # measured, and not also an unknown criterion
        "audit.yaml:4:39: custom duration 'triage_time' needs 'unit' (one of ms, s, min, h, d, w):"
        " without it, a bare number such as 5 could mean seconds or minutes [bad-criterion]",
    ),
    (
        "a custom duration without unit, in a block mapping",
        HEAD
        + "criteria:\n  triage_time:\n    channel: phone\n    type: duration\n"
        + "    good: 5\n    poor: 15\n"
        + PHONE
        + "      triage_time: 7\n",  # measured, and not also an unknown criterion
        "audit.yaml:6:11: custom duration 'triage_time' needs 'unit'",
    ),
]


@pytest.mark.parametrize(("story", "text", "expected"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_unit_that_could_be_misread_is_refused_at_its_place(
    story: str, text: str, expected: str
) -> None:
    [found] = problems_of(text)  # one mistake, one error
    assert found.startswith(expected), found
    assert "\n" not in found


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        ("1 min", 60.0),
        ("1 m", 60.0),  # a lowercase m is a minute, as documented
        ("PT1M", 60.0),  # inside ISO 8601's PT, M is minutes by definition
        ("30 d", 2_592_000.0),
    ],
)
def test_the_unambiguous_spellings_are_read(written: str, seconds: float) -> None:
    assert parse_value(written, DURATION, "s") == seconds


def test_a_custom_duration_with_its_unit_is_read_in_that_unit() -> None:
    text = (
        HEAD
        + "criteria:\n"
        + "  triage_time: {channel: phone, type: duration, unit: min, good: 5, poor: 15}\n"
        + PHONE
        + "      triage_time: 7\n"
    )
    audit, problems = parse_audit(text, "audit.yaml")
    assert audit is not None, [str(p) for p in problems]
    assert audit.measurements["reception"]["triage_time"].value == 7.0


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (1560.0, "min", "26 h"),  # not "1560 min"
        (72.0, "h", "3 d"),  # whole days are days
        (26.0, "h", "26 h"),  # never "1.08 d" nor "1 d 2 h"
        (90.0, "min", "1 h 30 min"),
        (1.5, "h", "1 h 30 min"),
        (45.0, "min", "45 min"),
        (2.0, "d", "2 d"),
        (14.0, "d", "14 d"),  # days are never shown as weeks
        (24.0, "h", "1 d"),
        (90.0, "s", "1 min 30 s"),
        (0.025, "h", "1 min 30 s"),
        (3723.0, "s", "1 h 2 min 3 s"),
        (3.4, "s", "3.4 s"),
        (2500.0, "ms", "2.5 s"),
        (1004.0, "ms", "1.004 s"),
        (0.25, "s", "250 ms"),
        (0.5, "ms", "0.5 ms"),  # not a whole number of ms: its canonical unit
        (3.14159, "s", "3.14 s"),
        (0.0, "s", "0 s"),
        (1e20, "s", "1e+20 s"),
    ],
)
def test_a_duration_is_shown_in_the_largest_unit_that_keeps_it_readable(
    value: float, unit: str, shown: str
) -> None:
    assert format_value(value, DURATION, unit) == shown
    assert parse_value(shown, DURATION, unit) == pytest.approx(value, rel=1e-5, abs=0.005)
