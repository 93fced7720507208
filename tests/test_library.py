"""The shipped criteria library: its size, sources, the ids other code relies on, and its rules."""

from __future__ import annotations

import pytest

from touchaudit.library.criteria import (
    CriterionError,
    Library,
    builtin_library,
    resolve_criterion,
)
from touchaudit.reading.loader import parse_audit
from touchaudit.reading.models import (
    DEFAULT_STAGES,
    ChannelKind,
    Criterion,
    CriterionFields,
    Curve,
    Direction,
    ValueKind,
)

LIBRARY = builtin_library()
CRITERIA = list(LIBRARY.criteria.values())
IDS = [c.id for c in CRITERIA]

ISSUE_CHANNELS = [
    "website",
    "landing_page",
    "mobile_app",
    "email",
    "newsletter",
    "phone",
    "callback",
    "live_chat",
    "chatbot",
    "messenger",
    "sms",
    "social",
    "ads",
    "search",
    "reviews",
    "marketplace",
    "store",
    "events",
    "delivery",
    "billing",
    "support",
    "loyalty",
]

CONTRACT = {
    "load_time": ValueKind.DURATION,
    "mobile_version": ValueKind.BOOLEAN,
    "callback_request": ValueKind.BOOLEAN,
    "design": ValueKind.RATING,
    "online_booking": ValueKind.BOOLEAN,
    "answer_time": ValueKind.DURATION,
    "rings_before_answer": ValueKind.NUMBER,
    "operator_courtesy": ValueKind.RATING,
    "hold_music": ValueKind.BOOLEAN,
}


def test_the_library_has_at_least_45_criteria_over_at_least_15_channels() -> None:
    used = {channel for c in CRITERIA for channel in c.channels}
    assert len(CRITERIA) >= 45
    assert len(used) >= 15


@pytest.mark.parametrize("criterion", CRITERIA, ids=IDS)
def test_every_criterion_says_what_it_is_what_to_do_and_where_its_thresholds_come_from(
    criterion: Criterion,
) -> None:
    assert criterion.label.strip()
    assert criterion.recommendation.strip()
    assert criterion.source.strip()
    assert not criterion.custom


@pytest.mark.parametrize("criterion", CRITERIA, ids=IDS)
def test_every_source_is_a_reference_or_says_it_is_our_own_choice(criterion: Criterion) -> None:
    # thresholds.md marks references [P] (primary) or [S] (secondary).
    source = criterion.source
    is_reference = "[P]" in source or "[S]" in source
    is_own = "touchaudit default" in source or "estimate" in source.lower()
    assert is_reference or is_own, source


@pytest.mark.parametrize("criterion", CRITERIA, ids=IDS)
def test_every_criterion_is_meant_for_known_channels_and_fits_its_curve(
    criterion: Criterion,
) -> None:
    assert criterion.channels
    assert set(criterion.channels) <= set(LIBRARY.channels)
    assert criterion.weight > 0
    if criterion.type is ValueKind.BOOLEAN:
        assert criterion.curve is Curve.BOOLEAN
    else:
        assert criterion.good is not None
        assert criterion.poor is not None
        if criterion.direction is Direction.LOWER:
            assert criterion.good < criterion.poor
        else:
            assert criterion.good > criterion.poor


@pytest.mark.parametrize(("criterion_id", "kind"), CONTRACT.items())
def test_the_criteria_other_code_relies_on_exist_with_their_types(
    criterion_id: str, kind: ValueKind
) -> None:
    assert criterion_id in LIBRARY.criteria
    assert LIBRARY.criteria[criterion_id].type is kind


@pytest.mark.parametrize("channel", ISSUE_CHANNELS)
def test_every_channel_named_in_the_issue_exists_with_its_kind_and_default_stages(
    channel: str,
) -> None:
    assert channel in LIBRARY.channels
    found = LIBRARY.channels[channel]
    assert found.kind in (ChannelKind.ONLINE, ChannelKind.OFFLINE)
    assert found.stages
    assert set(found.stages) <= set(DEFAULT_STAGES)
    assert found.label.strip()


@pytest.mark.parametrize(
    ("criterion_id", "patch"),
    [
        ("answer_time", CriterionFields(good=60, poor=20)),  # lower is better: good must be lower
        ("operator_courtesy", CriterionFields(good=3, poor=4)),  # higher is better
        ("load_time", CriterionFields(good=9)),  # good now above the shipped poor (7 s)
    ],
)
def test_an_override_with_good_and_poor_in_the_wrong_order_is_refused(
    criterion_id: str, patch: CriterionFields
) -> None:
    with pytest.raises(CriterionError, match="must be") as caught:
        resolve_criterion(
            criterion_id, LIBRARY.criteria[criterion_id], patch, LIBRARY.channels, "client.yaml"
        )
    assert caught.value.field == "good"


def test_an_override_in_the_wrong_order_is_reported_at_its_line() -> None:
    text = (
        "touchaudit: 1\ncompany: X\ncriteria:\n  answer_time: {good: 60, poor: 20}\n"
        "touchpoints:\n  line: {channel: phone}\n"
    )
    loaded, problems = parse_audit(text, "client.yaml")
    assert loaded is None
    assert [(p.line, p.path) for p in problems] == [(4, "criteria.answer_time.good")]


def test_flipping_the_direction_makes_a_reversed_pair_valid() -> None:
    patch = CriterionFields(good=60, poor=20, direction=Direction.HIGHER)
    flipped = resolve_criterion(
        "answer_time", LIBRARY.criteria["answer_time"], patch, LIBRARY.channels, "client.yaml"
    )
    assert (flipped.good, flipped.poor, flipped.direction) == (60, 20, Direction.HIGHER)
    assert flipped.source == "set in client.yaml"


def test_a_custom_criterion_without_a_type_is_refused() -> None:
    with pytest.raises(CriterionError, match="needs 'type'") as caught:
        resolve_criterion(
            "parking", None, CriterionFields(channel="store"), LIBRARY.channels, "client.yaml"
        )
    assert caught.value.code == "unknown-criterion"


def test_a_custom_criterion_with_a_type_gets_sensible_defaults() -> None:
    custom = resolve_criterion(
        "car_parking",
        None,
        CriterionFields(channel="store", type=ValueKind.BOOLEAN),
        LIBRARY.channels,
        "client.yaml",
    )
    assert custom.custom
    assert custom.curve is Curve.BOOLEAN
    assert custom.expected is True
    assert custom.weight == 1
    assert custom.label == "Car parking"
    assert custom.source == "custom criterion defined in client.yaml"


def test_a_custom_criterion_for_an_unknown_channel_is_refused() -> None:
    with pytest.raises(CriterionError, match="unknown channel 'stor'"):
        resolve_criterion(
            "parking",
            None,
            CriterionFields(channel="stor", type=ValueKind.BOOLEAN),
            LIBRARY.channels,
            "client.yaml",
        )


@pytest.mark.parametrize(
    "section",
    [
        {"answer_time": CriterionFields(good=30, poor=120)},  # thresholds: the lists reused
        {"answer_time": CriterionFields(channel="email")},  # moved to another channel
        {"loyalty_points": CriterionFields(type="boolean", channel="phone")},  # added last
        {"answer_time": CriterionFields(good=1, poor=0)},  # refused: the library's stays
        {
            "rings_before_answer": CriterionFields(good=1, poor=3),
            "greeting_script": CriterionFields(type="boolean", channel="store"),
            "loyalty_points": CriterionFields(type="boolean", channel="store"),
        },
    ],
    ids=["thresholds", "moved", "custom", "refused", "thresholds and two custom"],
)
def test_an_audits_criteria_section_expects_each_channels_criteria_as_a_fresh_library_would(
    section: dict[str, CriterionFields],
) -> None:
    """A library with an audit's `criteria:` applied lists each channel's criteria from the
    library it was made from, and its new criteria after them, unless a criterion moved; the
    lists must be what reading its own criteria gives, with its own (patched) objects."""
    shipped = builtin_library().for_business("clinic")
    patched, _ = shipped.with_criteria(section, origin="audit.yaml")
    fresh = Library(patched.channels, patched.criteria, business=patched.business)
    for channel in patched.channels:
        assert patched.for_channel(channel) == fresh.for_channel(channel), channel
        assert all(a is patched.criteria[a.id] for a in patched.for_channel(channel)), channel
