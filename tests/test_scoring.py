"""Scoring an audit: touchpoints, stages, channels, overall, coverage, the cap, overrides, gaps.

Every expected number below is computed by hand from the audit text next to it.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from touchaudit.library.criteria import Library, builtin_library
from touchaudit.reading.loaded import LoadedAudit
from touchaudit.reading.loader import load_audit, load_profile, parse_audit
from touchaudit.reading.models import Criterion
from touchaudit.scoring.curves import criterion_score
from touchaudit.scoring.results import Band, GapKind, Scorecard, band_of
from touchaudit.scoring.score import score_audit


def load(text: str, name: str = "hand.yaml", library: Library | None = None) -> LoadedAudit:
    loaded, problems = parse_audit(textwrap.dedent(text), name, library=library)
    assert loaded is not None, [str(p) for p in problems]
    return loaded


def score(text: str, name: str = "hand.yaml", library: Library | None = None) -> Scorecard:
    return score_audit(load(text, name, library))


def library_count(channel: str) -> int:
    """How many shipped criteria the library expects for a channel (in an audit without a
    business type: the criteria of one business type are expected only in its audits)."""
    return len(builtin_library().for_channel(channel))


def criterion_of(card: Scorecard, touchpoint: str, criterion: str) -> Criterion:
    """The criterion a touchpoint of the scorecard was scored with, as the outputs show it."""
    tp = card.touchpoint(touchpoint)
    assert tp is not None
    return next(c.criterion for c in tp.criteria if c.id == criterion)


def phone_line(criteria: str, head: str = "") -> str:
    """An audit with one phone touchpoint `line` measuring `criteria` (YAML lines)."""
    body = textwrap.indent(textwrap.dedent(criteria), " " * 6)
    return (
        "touchaudit: 1\ncompany: Phone Co\n"
        + textwrap.dedent(head)
        + "touchpoints:\n  line:\n    channel: phone\n    criteria:\n"
        + body
    )


# Custom yes/no criteria score 100 or 0; staff_courtesy at 4/5 sits exactly on its good threshold
# (linear, 90) and operator_courtesy at 3/5 exactly on its poor one (50).
#
#   shop       (store, weight 2): sign 100·3 + parking 0·1 + courtesy 90·2 = 480 / 6 = 80
#   hotline    (phone, weight 1): music 100·1 + greeting 0·1 + courtesy 50·2 = 200 / 4 = 50
#   sales_line (phone, weight 3): music 100·1 + greeting 100·1           = 200 / 2 = 100
#   courier    (delivery, weight 5): nothing measured                     = no score
#
#   overall = (80·2 + 50·1 + 100·3) / (2 + 1 + 3) = 510 / 6 = 85
HAND_AUDIT = textwrap.dedent("""\
    touchaudit: 1
    company: Hand-computed Ltd
    criteria:
      shop_sign:
        label: Sign visible from the street
        channel: store
        type: boolean
        weight: 3
      parking:
        label: Customer parking
        channel: store
        type: boolean
    touchpoints:
      shop:
        channel: store
        weight: 2
        criteria:
          shop_sign: yes
          parking: no
          staff_courtesy: 4/5
          store_atmosphere: null
      hotline:
        channel: phone
        stages: [research, purchase]
        criteria:
          hold_music: yes
          phone_greeting: no
          operator_courtesy: 3/5
      sales_line:
        channel: phone
        weight: 3
        criteria:
          hold_music: yes
          phone_greeting: yes
      courier:
        channel: delivery
        weight: 5
""")
HAND_OVERALL = 85.0


@pytest.fixture(scope="module")
def card() -> Scorecard:
    return score(HAND_AUDIT)


def overall_of(text: str) -> float:
    result = score(text).score
    assert result is not None
    return result


# --------------------------------------------------------------------------- aggregation


@pytest.mark.parametrize(
    ("touchpoint", "expected"),
    [("shop", 80.0), ("hotline", 50.0), ("sales_line", 100.0), ("courier", None)],
)
def test_a_touchpoint_scores_the_weighted_mean_of_its_measured_criteria(
    card: Scorecard, touchpoint: str, expected: float | None
) -> None:
    tp = card.touchpoint(touchpoint)
    assert tp is not None
    assert tp.score == pytest.approx(expected)


def test_the_overall_score_is_the_mean_of_touchpoints_weighted_by_touchpoint(
    card: Scorecard,
) -> None:
    assert card.score == pytest.approx(HAND_OVERALL)
    assert card.band is Band.NEEDS_WORK


@pytest.mark.parametrize(
    ("stage", "expected", "touchpoints"),
    [
        ("awareness", None, 0),  # no touchpoint serves it
        ("research", (50 * 1 + 100 * 3) / 4, 2),  # hotline, sales_line
        ("comparison", (80 * 2 + 100 * 3) / 5, 2),  # shop, sales_line
        ("purchase", (80 * 2 + 50 * 1 + 100 * 3) / 6, 4),  # + courier, which has no score
        ("post_purchase", (80 * 2 + 100 * 3) / 5, 3),  # shop, sales_line, courier
    ],
)
def test_a_stage_scores_the_weighted_mean_of_the_touchpoints_serving_it(
    card: Scorecard, stage: str, expected: float | None, touchpoints: int
) -> None:
    group = next(s for s in card.stages if s.id == stage)
    assert group.score == pytest.approx(expected)
    assert group.touchpoints == touchpoints


@pytest.mark.parametrize(
    ("channel", "expected", "touchpoints"),
    [
        ("store", 80.0, 1),
        ("phone", (50 * 1 + 100 * 3) / 4, 2),
        ("delivery", None, 1),
    ],
)
def test_a_channel_scores_the_weighted_mean_of_its_touchpoints(
    card: Scorecard, channel: str, expected: float | None, touchpoints: int
) -> None:
    group = next(c for c in card.channels if c.id == channel)
    assert group.score == pytest.approx(expected)
    assert group.touchpoints == touchpoints


def test_stages_come_in_journey_order_and_channels_in_order_of_first_appearance(
    card: Scorecard,
) -> None:
    assert [s.id for s in card.stages] == [
        "awareness",
        "research",
        "comparison",
        "purchase",
        "post_purchase",
    ]
    assert [c.id for c in card.channels] == ["store", "phone", "delivery"]


def test_coverage_is_measured_criteria_over_every_criterion_the_library_expects(
    card: Scorecard,
) -> None:
    # store: the library's store criteria plus the two custom ones; phone twice; delivery once.
    expected = (library_count("store") + 2) + 2 * library_count("phone") + library_count("delivery")
    measured = 3 + 3 + 2 + 0  # store_atmosphere is written as null: not measured
    assert (card.measured, card.expected) == (measured, expected)
    assert card.coverage == pytest.approx(measured / expected)


def test_a_criterion_written_for_another_channel_counts_in_coverage_and_is_scored() -> None:
    loaded, problems = parse_audit(phone_line("hold_music: yes\ndelivery_tracking: no\n"), "x.yaml")
    assert loaded is not None
    assert [p.code for p in problems] == ["criterion-channel"]
    card = score_audit(loaded)
    assert (card.measured, card.expected) == (2, library_count("phone") + 1)
    assert card.score == pytest.approx((100 * 1 + 0 * 2) / 3)  # delivery_tracking weighs 2


def test_a_touchpoint_without_criteria_still_counts_as_present(card: Scorecard) -> None:
    courier = card.touchpoint("courier")
    assert courier is not None
    assert courier.score is None
    assert courier.band is Band.UNMEASURED
    assert courier.measured == 0
    assert courier.stages == ("purchase", "post_purchase")
    assert len(courier.criteria) == library_count("delivery")
    assert all(c.band is Band.UNMEASURED for c in courier.criteria)


def test_an_audit_with_nothing_measured_has_no_overall_score() -> None:
    card = score("touchaudit: 1\ncompany: Empty\ntouchpoints:\n  site: {channel: website}\n")
    assert card.score is None
    assert card.band is Band.UNMEASURED
    assert card.measured == 0
    assert card.coverage == 0


@pytest.mark.parametrize(
    "answer_time",
    ["answer_time: null\n", "answer_time: ~\n", "answer_time: {value: null, note: no test}\n", ""],
    ids=["null", "tilde", "entry with null value", "absent"],
)
def test_an_unmeasured_criterion_does_not_count_as_zero(answer_time: str) -> None:
    card = score(phone_line("hold_music: yes\n" + answer_time))
    line = card.touchpoint("line")
    assert line is not None
    assert line.score == 100  # not 100·1 / (1 + 3) = 25
    assert card.measured == 1
    answer = next(c for c in line.criteria if c.id == "answer_time")
    assert answer.score is None
    assert answer.band is Band.UNMEASURED


@pytest.mark.parametrize("written", ["90 s", "90 sec", "1.5 min", "PT1M30S", "1:30", "0.025 h"])
def test_the_same_answer_time_scores_the_same_however_it_is_written(written: str) -> None:
    card = score(phone_line(f"answer_time: {written}\n"))
    line = card.touchpoint("line")
    assert line is not None
    answer = line.criteria[0]
    assert answer.value == 90.0
    assert answer.score == criterion_score(90.0, builtin_library().criteria["answer_time"])


# --------------------------------------------------------------------------- critical cap

CRITICAL_LICENCE = """\
    criteria:
      licence_shown: {channel: phone, type: boolean, critical: true}
      hold_music: {weight: 3}
"""


@pytest.mark.parametrize(
    ("criteria", "head", "expected", "capped_by"),
    [
        # (100·3 + 0·1) / 4 = 75, but the critical yes/no criterion failed: 49.
        ("hold_music: yes\nlicence_shown: no\n", CRITICAL_LICENCE, 49.0, "licence_shown"),
        ("hold_music: yes\nlicence_shown: yes\n", CRITICAL_LICENCE, 100.0, None),
        # operator_courtesy made critical: 2.9/5 scores 2.9/3·50 = 48.3 (poor).
        # (100 + 100 + 48.3·2) / 4 = 74.2, capped to 49.
        (
            "hold_music: yes\nphone_greeting: yes\noperator_courtesy: 2.9/5\n",
            "criteria:\n  operator_courtesy: {critical: true}\n",
            49.0,
            "operator_courtesy",
        ),
        # 3/5 scores exactly 50: needs work, not poor, so no cap: (100 + 100 + 50·2) / 4 = 75.
        (
            "hold_music: yes\nphone_greeting: yes\noperator_courtesy: 3/5\n",
            "criteria:\n  operator_courtesy: {critical: true}\n",
            75.0,
            None,
        ),
        # 2.999/5 scores 49.98, shown as 50.0: the band is judged as shown, so no cap either.
        (
            "hold_music: yes\nphone_greeting: yes\noperator_courtesy: 2.999/5\n",
            "criteria:\n  operator_courtesy: {critical: true}\n",
            (200 + 2 * 2.999 / 3 * 50) / 4,
            None,
        ),
        # A critical failure never raises a score that is already below 49.
        ("hold_music: no\nlicence_shown: no\n", CRITICAL_LICENCE, 0.0, None),
    ],
    ids=[
        "critical yes/no fails",
        "critical yes/no passes",
        "critical rating poor",
        "critical rating at poor threshold",
        "critical rating rounds to 50",
        "already below the cap",
    ],
)
def test_a_poor_critical_criterion_caps_its_touchpoint_at_49(
    criteria: str, head: str, expected: float, capped_by: str | None
) -> None:
    line = score(phone_line(criteria, head)).touchpoint("line")
    assert line is not None
    assert line.score == pytest.approx(expected)
    assert line.capped_by == capped_by


def test_the_library_answer_time_is_critical_and_a_slow_answer_caps_the_line() -> None:
    slow = score(phone_line("hold_music: yes\nphone_greeting: yes\nanswer_time: 2 min\n"))
    line = slow.touchpoint("line")
    assert line is not None
    answer_score = criterion_score(120.0, builtin_library().criteria["answer_time"])
    assert answer_score < 50
    assert (100 + 100 + 3 * answer_score) / 5 > 49  # the mean alone would not be poor
    assert line.score == 49
    assert line.capped_by == "answer_time"


def test_fixing_a_critical_failure_lifts_the_cap_in_its_impact() -> None:
    card = score(phone_line("hold_music: yes\nlicence_shown: no\n", CRITICAL_LICENCE))
    gap = next(g for g in card.gaps if g.criterion == "licence_shown")
    assert gap.impact == pytest.approx(100 - 49)  # the line goes from 49 (capped) to 100


# --------------------------------------------------------------------------- overrides


def test_the_audit_criteria_section_changes_a_criterion_weight() -> None:
    plain = score(phone_line("hold_music: yes\nphone_greeting: no\n"))
    weighted = score(
        phone_line(
            "hold_music: yes\nphone_greeting: no\n", "criteria:\n  hold_music: {weight: 3}\n"
        )
    )
    assert plain.score == pytest.approx(50.0)  # (100 + 0) / 2
    assert weighted.score == pytest.approx(75.0)  # (100·3 + 0) / 4


def test_the_audit_criteria_section_changes_thresholds_and_says_where() -> None:
    head = "criteria:\n  answer_time: {good: 40, poor: 90}\n"
    default = score(phone_line("answer_time: 40 s\n"))
    overridden = score(phone_line("answer_time: 40 s\n", head), name="client.yaml")
    assert default.score is not None
    assert default.score < 89
    assert overridden.score == pytest.approx(90.0)
    answer_time = criterion_of(overridden, "line", "answer_time")
    assert answer_time.source == "set in client.yaml"
    assert answer_time.critical  # what is not overridden stays


def test_a_profile_file_applies_the_same_criteria_section(tmp_path: Path) -> None:
    profile = tmp_path / "house.yaml"
    profile.write_text(
        "criteria:\n  answer_time: {good: 40, poor: 90}\n  hold_music: {weight: 3}\n",
        encoding="utf-8",
    )
    house = load_profile(profile)
    card = score(phone_line("answer_time: 40 s\n"), library=house)
    assert card.score == pytest.approx(90.0)
    assert house.criteria["answer_time"].source == f"set in {profile}"
    # A weight is not a threshold: the source of hold_music's thresholds does not change.
    assert house.criteria["hold_music"].source == builtin_library().criteria["hold_music"].source
    music = score(phone_line("hold_music: yes\nphone_greeting: no\n"), library=house)
    assert music.score == pytest.approx(75.0)


def test_the_audit_own_criteria_section_wins_over_the_profile(tmp_path: Path) -> None:
    profile = tmp_path / "house.yaml"
    profile.write_text(
        "criteria:\n  answer_time: {good: 40, poor: 90}\n  hold_music: {weight: 3}\n",
        encoding="utf-8",
    )
    house = load_profile(profile)
    head = "criteria:\n  answer_time: {good: 30}\n  hold_music: {weight: 1}\n"
    card = score(phone_line("answer_time: 30 s\n", head), library=house)
    assert card.score == pytest.approx(90.0)
    music = score(phone_line("hold_music: yes\nphone_greeting: no\n", head), library=house)
    assert music.score == pytest.approx(50.0)


# --------------------------------------------------------------------------- gaps and impact


def test_every_criterion_below_good_and_every_unmeasured_one_is_a_gap(card: Scorecard) -> None:
    expected = {
        (tp.id, c.id)
        for tp in card.touchpoints
        for c in tp.criteria
        if c.score is None or round(c.score, 1) < 90
    }
    criterion_kinds = {GapKind.BELOW_GOOD, GapKind.UNMEASURED}
    criterion_gaps = [g for g in card.gaps if g.kind in criterion_kinds]
    assert {(g.touchpoint, g.criterion) for g in criterion_gaps} == expected
    # No touchpoint serves awareness: a hole in the journey is a gap of its own.
    assert [g.stages for g in card.gaps if g.kind is GapKind.EMPTY_STAGE] == [("awareness",)]
    found = {(g.touchpoint, g.criterion): g.kind for g in criterion_gaps}
    assert found["shop", "parking"] is GapKind.BELOW_GOOD
    assert found["hotline", "operator_courtesy"] is GapKind.BELOW_GOOD
    assert found["shop", "store_atmosphere"] is GapKind.UNMEASURED  # written as null
    assert found["courier", "delivery_time"] is GapKind.UNMEASURED  # absent
    for good in [("shop", "shop_sign"), ("shop", "staff_courtesy"), ("sales_line", "hold_music")]:
        assert good not in found


def test_gaps_are_ranked_by_impact_then_kind_touchpoint_and_criterion(card: Scorecard) -> None:
    kinds = list(GapKind)
    keys = [(-g.impact, kinds.index(g.kind), g.touchpoint, g.criterion) for g in card.gaps]
    assert keys == sorted(keys)
    # Top: a yes/no criterion of the unscored courier (weight 5) at 100 gives
    # (510 + 100·5) / 11 - 85 = 6.82; two of them tie and are ordered by id.
    top = card.gaps[0]
    assert (top.touchpoint, top.kind) == ("courier", GapKind.UNMEASURED)
    assert top.impact == pytest.approx(1010 / 11 - HAND_OVERALL)
    assert card.gaps[1].impact == pytest.approx(top.impact)
    assert top.criterion is not None
    assert card.gaps[1].criterion is not None
    assert top.criterion < card.gaps[1].criterion


@pytest.mark.parametrize(
    ("touchpoint", "criterion", "before", "after", "by_hand"),
    [
        # shop: (300 + 100 + 180) / 6 = 96.67; overall (193.33 + 50 + 300) / 6 = 90.56
        ("shop", "parking", "parking: no", "parking: yes", 5 + 5 / 9),
        # hotline: (100 + 0 + 90·2) / 4 = 70; overall (160 + 70 + 300) / 6 = 88.33
        (
            "hotline",
            "operator_courtesy",
            "operator_courtesy: 3/5",
            "operator_courtesy: 4/5",
            10 / 3,
        ),
        # hotline: (100 + 100 + 100) / 4 = 75; overall (160 + 75 + 300) / 6 = 89.17
        ("hotline", "phone_greeting", "phone_greeting: no", "phone_greeting: yes", 25 / 6),
        # shop: (300 + 0 + 180 + 90·2) / 8 = 82.5; overall (165 + 50 + 300) / 6 = 85.83
        ("shop", "store_atmosphere", "store_atmosphere: null", "store_atmosphere: 4/5", 5 / 6),
    ],
)
def test_a_gap_impact_is_the_overall_gained_by_reaching_good_recomputed(
    card: Scorecard, touchpoint: str, criterion: str, before: str, after: str, by_hand: float
) -> None:
    gap = next(g for g in card.gaps if (g.touchpoint, g.criterion) == (touchpoint, criterion))
    assert before in HAND_AUDIT
    fixed = overall_of(HAND_AUDIT.replace(before, after))
    assert gap.impact == pytest.approx(fixed - HAND_OVERALL)
    assert gap.impact == pytest.approx(by_hand)


def test_a_gap_whose_fix_would_lower_the_mean_has_impact_zero_not_negative(
    card: Scorecard,
) -> None:
    # sales_line scores 100; answer_time at its good threshold (90, weight 3) would pull it down.
    gap = next(g for g in card.gaps if (g.touchpoint, g.criterion) == ("sales_line", "answer_time"))
    with_it = HAND_AUDIT.replace(
        "      phone_greeting: yes\n", "      phone_greeting: yes\n      answer_time: 20 s\n"
    )
    assert overall_of(with_it) < HAND_OVERALL
    assert gap.impact == 0


def test_a_gap_carries_the_recommendation_effort_owner_and_stages() -> None:
    text = phone_line("hold_music: no\n").replace(
        "    channel: phone\n", "    channel: phone\n    owner: Reception\n"
    )
    card = score(text)
    gap = next(g for g in card.gaps if g.criterion == "hold_music")
    music = builtin_library().criteria["hold_music"]
    assert gap.kind is GapKind.BELOW_GOOD
    assert gap.recommendation == music.recommendation
    assert gap.effort == music.effort.value
    assert gap.owner == "Reception"
    assert gap.stages == builtin_library().channels["phone"].stages


# --------------------------------------------------------------------------- docs/scoring.md §7

DOCS_EXAMPLE = """\
touchaudit: 1
company: Example Dental
criteria:
  rings_before_answer: {good: 1, poor: 3}
touchpoints:
  site:
    channel: website
    weight: 2
    criteria:
      load_time: 4.2 s
      mobile_version: yes
      design: 3.5/5
      callback_request: no
  reception:
    channel: phone
    criteria:
      answer_time: 45 s
      rings_before_answer: 3
      operator_courtesy: 4.5/5
      hold_music: null
  night_line:
    channel: phone
    stages: [post_purchase]
    criteria:
      answer_time: 2 min
      phone_greeting: yes
      hold_permission: yes
"""


def test_the_worked_example_of_the_scoring_docs_gives_the_numbers_it_shows() -> None:
    card = score(DOCS_EXAMPLE, name="example.yaml")
    shown = {t.id: round(t.score, 1) for t in card.touchpoints if t.score is not None}
    assert shown == {"site": 67.4, "reception": 68.5, "night_line": 49.0}
    night_line = card.touchpoint("night_line")
    assert night_line is not None
    assert night_line.capped_by == "answer_time"
    assert card.score is not None
    assert round(card.score, 1) == 63.1
    rings = criterion_of(card, "reception", "rings_before_answer")
    assert rings.source == "set in example.yaml"
    assert {s.id: round(s.score, 1) for s in card.stages if s.score is not None} == {
        "awareness": 67.4,
        "research": 67.8,
        "comparison": 67.8,
        "purchase": 67.8,
        "post_purchase": 58.7,
    }
    assert (card.measured, card.expected) == (
        10,
        library_count("website") + 2 * library_count("phone"),
    )
    top = [(g.touchpoint, g.criterion, round(g.impact, 2)) for g in card.gaps[:5]]
    assert top == [
        ("night_line", "answer_time", 11.25),
        ("site", "callback_request", 10.0),
        ("site", "online_booking", 3.76),
        ("reception", "answer_time", 2.88),
        ("reception", "rings_before_answer", 2.86),
    ]


def test_each_touchpoint_keeps_the_sums_its_score_was_made_of() -> None:
    """Every gap's impact and every step of the plan rescore a touchpoint from the sums its
    scoring kept: they must be its criteria's own, to the last bit, critical caps counted."""
    from touchaudit.scoring.rescore import Sums, criterion_term

    samples = sorted((Path(__file__).parents[1] / "audits").glob("*.yaml"))
    cards = [score_audit(load_audit(path)) for path in samples]
    two_critical_failures = "hold_music: yes\nlicence_shown: no\nanswer_time: 2 min\n"
    cards.append(score(phone_line(two_critical_failures, CRITICAL_LICENCE)))
    cards.append(score(DOCS_EXAMPLE, name="example.yaml"))
    for card in cards:
        for tp in card.touchpoints:
            afresh = Sums()  # each criterion's term added, in order
            for c in tp.criteria:
                afresh = afresh.replaced((None, 0.0, False), criterion_term(c.score, c))
            assert tp.sums == afresh, (card.file, tp.id)
    assert [tp.sums.caps for tp in cards[-2].touchpoints] == [2]


def test_each_channel_is_scored_within_each_stage_it_serves() -> None:
    from touchaudit.scoring.score import group_score

    card = score_audit(load_audit(Path(__file__).parents[1] / "audits" / "electronics-after.yaml"))
    for (channel, stage), cell in card.channel_stages.items():
        members = [t for t in card.touchpoints if t.channel == channel and stage in t.stages]
        assert cell == group_score(stage, members)
    assert card.channel_stage("carrier_pigeon", "purchase").touchpoints == 0


def _band_as_shown(score: float) -> Band:
    shown = round(score, 1)
    return Band.GOOD if shown >= 90 else Band.NEEDS_WORK if shown >= 50 else Band.POOR


def _around(edge: float) -> list[float]:
    """The floats a few steps either side of `edge`."""
    below, above = [edge], [edge]
    for _ in range(3):
        below.append(math.nextafter(below[-1], -math.inf))
        above.append(math.nextafter(above[-1], math.inf))
    return [*below, *above[1:]]


@pytest.mark.parametrize("score", [*_around(89.95), *_around(49.95), 90.0, 50.0, 0.0, 100.0])
def test_a_score_that_shows_as_90_is_good_and_one_that_shows_as_50_needs_work(
    score: float,
) -> None:
    assert band_of(score) is _band_as_shown(score)


@given(st.floats(min_value=-1.0, max_value=101.0))
def test_the_band_is_always_that_of_the_score_as_shown(score: float) -> None:
    assert band_of(score) is _band_as_shown(score)
