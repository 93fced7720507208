"""Samples and dates: several measurements of a criterion combine as the criterion says, an
unanswered call never helps a score, and an old value is flagged stale."""

from __future__ import annotations

import pytest
from conftest import VALID

from touchaudit.library.criteria import builtin_library
from touchaudit.reading.loader import parse_audit
from touchaudit.reading.models import Aggregate, Measurement
from touchaudit.reading.samples import combine

PHONE = "  phone:\n    channel: phone\n    criteria:\n"


def _load(criteria: str, head: str = VALID) -> tuple[dict[str, Measurement], list[str]]:
    loaded, problems = parse_audit(head + PHONE + criteria)
    shown = [f"{p.line}:{p.column}: {p.code}: {p.message}" for p in problems]
    assert loaded is not None, shown
    return dict(loaded.measurements["phone"]), shown


def test_samples_in_yaml_give_their_median_and_say_how() -> None:
    measured, _ = _load(
        "      answer_time: {samples: [8 s, 12 s, 35 s, 1 min, unanswered, 20 s]}\n"
    )
    answer = measured["answer_time"]
    assert answer.value == 27.5  # (20 + 35) / 2, the unanswered call sorted last
    assert answer.samples == "median of 6 calls (1 unanswered)"


def test_an_unanswered_call_counts_in_the_abandonment_rate() -> None:
    text = "      abandonment_rate: {samples: [answered, unanswered, 12 s, answered]}\n"
    measured, _ = _load(text)
    assert measured["abandonment_rate"].value == 25.0


def test_unanswered_calls_are_the_worst_time_and_never_help() -> None:
    criterion = builtin_library().criteria["answer_time"]
    assert combine(criterion, [10.0, None, None])[0] == float("inf")
    assert combine(criterion, [10.0, 12.0, None])[0] == 12.0
    worse = criterion.model_copy(update={"aggregate": Aggregate.MEAN})
    assert combine(worse, [10.0, None])[0] == float("inf")
    assert combine(worse, [10.0, 20.0])[0] == 15.0


@pytest.mark.parametrize(
    ("aggregate", "expected"),
    [
        (Aggregate.MEDIAN, 3000.0),
        (Aggregate.P75, 4000.0),
        (Aggregate.MEAN, 3500.0),
        (Aggregate.MAX, 6000.0),
    ],
)
def test_each_aggregate_combines_the_samples(aggregate: Aggregate, expected: float) -> None:
    lcp = builtin_library().criteria["lcp"].model_copy(update={"aggregate": aggregate})
    assert combine(lcp, [2000.0, 3000.0, 4000.0, 6000.0, 2500.0])[0] == expected


def test_core_web_vitals_take_the_75th_percentile_as_crux_does() -> None:
    library = builtin_library().criteria
    assert {library[c].aggregate for c in ("lcp", "inp", "cls", "fcp")} == {Aggregate.P75}
    assert library["answer_time"].aggregate is Aggregate.MEDIAN


def test_share_yes_counts_the_yes_answers_of_a_percent_criterion() -> None:
    text = (
        "touchaudit: 1\ncompany: Acme\ncriteria:\n  greeted:\n    type: percent\n"
        "    channel: phone\n    good: 90\n    poor: 60\n    aggregate: share_yes\n"
        "touchpoints:\n"
    )
    measured, _ = _load("      greeted: {samples: [yes, yes, no, unanswered]}\n", text)
    assert measured["greeted"].value == 50.0


def test_a_yes_no_criterion_takes_the_answer_most_samples_give() -> None:
    measured, _ = _load("      hold_permission: {samples: [yes, yes, no]}\n")
    assert measured["hold_permission"].value is True
    measured, _ = _load("      hold_permission: {samples: [yes, no]}\n")
    assert measured["hold_permission"].value is False  # a tie counts against


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ("      answer_time: {samples: [8 s, fast]}\n", "9:36: bad-value: answer_time: 'fast'"),
        ("      answer_time: {samples: []}\n", "9:30: bad-value: needs at least 1 item"),
        (
            "      answer_time: {value: 3 s, samples: [8 s]}\n",
            "9:42: bad-value: answer_time: give 'value' or",
        ),
        ("      answer_time: {note: x}\n", "9:20: missing-key: missing required key 'value'"),
    ],
)
def test_bad_samples_are_errors_where_they_stand(criteria: str, expected: str) -> None:
    loaded, problems = parse_audit(VALID + PHONE + criteria)
    assert loaded is None
    shown = [f"{p.line}:{p.column}: {p.code}: {p.message}" for p in problems]
    assert any(line.startswith(expected) for line in shown), shown


def test_a_value_older_than_180_days_before_the_audit_is_stale() -> None:
    head = VALID.replace("company: Acme Clinic\n", "company: Acme Clinic\naudited_on: 2026-06-01\n")
    criteria = (
        "      answer_time: {value: 20 s, measured_on: 2025-12-02}\n"
        "      hold_time: {value: 30 s, measured_on: 2025-12-03}\n"
    )
    measured, shown = _load(criteria, head)
    assert measured["answer_time"].stale
    assert not measured["hold_time"].stale
    assert shown == [
        "10:20: stale-value: answer_time: measured on 2025-12-02, more than 180 days "
        "before 2026-06-01: measure it again"
    ]


def test_the_staleness_limit_is_the_audits_to_choose() -> None:
    head = VALID.replace(
        "company: Acme Clinic\n",
        "company: Acme Clinic\naudited_on: 2026-06-01\nstale_after_days: 30\n",
    )
    measured, _ = _load("      hold_time: {value: 30 s, measured_on: 2026-04-01}\n", head)
    assert measured["hold_time"].stale
