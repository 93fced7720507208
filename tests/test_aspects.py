"""Criteria that measure one aspect share its weight: adding lcp beside load_time does not
count page speed twice, and leaving a member out neither helps the range nor hides it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from touchaudit.library.criteria import builtin_library
from touchaudit.reading.loader import parse_audit
from touchaudit.scoring.aspects import weigh_aspects
from touchaudit.scoring.rescore import Sums, criterion_term, score_if_measured
from touchaudit.scoring.results import CriterionScore, Scorecard, TouchpointScore
from touchaudit.scoring.score import score_audit, touchpoint_scores

SPEED = ("load_time", "lcp", "fcp", "tbt", "lighthouse_performance")


def site(measured: str) -> TouchpointScore:
    text = "touchaudit: 1\ncompany: Acme\ntouchpoints:\n  site:\n    channel: website\n"
    text += "    criteria:\n" + "".join(f"      {line}\n" for line in measured.splitlines())
    loaded, problems = parse_audit(text, "audit.yaml")
    assert loaded is not None, [str(p) for p in problems]
    card: Scorecard = score_audit(loaded)
    return card.touchpoints[0]


def speed_weight(tp: TouchpointScore) -> float:
    return sum(c.weight for c in tp.criteria if c.id in SPEED and c.score is not None)


def test_the_page_speed_criteria_declare_one_aspect() -> None:
    library = builtin_library()
    assert {c.id for c in library.criteria.values() if c.aspect == "page_speed"} == set(SPEED)


def test_adding_lcp_beside_load_time_leaves_the_speed_weight_unchanged() -> None:
    alone = site("load_time: 4.2 s\ndesign: 3.5/5")
    both = site("load_time: 4.2 s\nlcp: 3100 ms\ndesign: 3.5/5")
    every = site(
        "load_time: 4.2 s\nlcp: 3100 ms\nfcp: 2 s\ntbt: 300 ms\n"
        "lighthouse_performance: 70\ndesign: 3.5/5"
    )
    assert speed_weight(alone) == speed_weight(both) == pytest.approx(speed_weight(every))
    assert speed_weight(alone) == 3  # the heaviest member's weight: load_time's
    load_time, lcp, design = (
        next(c for c in both.criteria if c.id == i) for i in ("load_time", "lcp", "design")
    )
    assert (load_time.weight, lcp.weight) == (pytest.approx(1.8), pytest.approx(1.2))
    assert load_time.score is not None
    assert lcp.score is not None
    assert design.score is not None
    speed = (3 * load_time.score + 2 * lcp.score) / 5
    assert both.score == pytest.approx((3 * speed + 2 * design.score) / 5)


def test_leaving_a_poor_speed_measurement_out_does_not_raise_the_low_end() -> None:
    measured = site("load_time: 2 s\nlcp: 9000 ms\ndesign: 4/5")
    left_out = site("load_time: 2 s\ndesign: 4/5")
    assert measured.low is not None
    assert left_out.low is not None
    assert left_out.low <= measured.low
    assert measured.high is not None
    assert left_out.high is not None
    assert left_out.high >= measured.high
    # In the range every member keeps its share of the aspect, measured or not.
    lcp = next(c for c in left_out.criteria if c.id == "lcp")
    assert lcp.range_weight == pytest.approx(3 * 2 / 8)


def test_measuring_an_unmeasured_member_is_worth_what_rescoring_says() -> None:
    text = "touchaudit: 1\ncompany: Acme\ntouchpoints:\n  site:\n    channel: website\n"
    text += "    criteria: {load_time: 9 s, design: 4/5}\n"
    loaded, _ = parse_audit(text, "audit.yaml")
    assert loaded is not None
    card = score_audit(loaded)
    gap = next(g for g in card.gaps if g.criterion == "lcp")
    at_good = site("load_time: 9 s\ndesign: 4/5\nlcp: 2500 ms")
    assert card.score is not None
    assert at_good.score is not None
    assert gap.impact == pytest.approx(max(0.0, at_good.score - card.score))


WEBSITE = builtin_library().for_channel("website")


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.sampled_from([c.id for c in WEBSITE]), st.floats(0, 100)),
    st.sampled_from(SPEED),
    st.floats(0, 100),
)
def test_a_members_gap_is_worth_what_rescoring_the_whole_touchpoint_says(
    scores: dict[str, float], member: str, target: float
) -> None:
    """The gap of an unmeasured page-speed member is computed in place (the aspect's measured
    members split its weight anew); it must equal scoring the touchpoint again from scratch."""
    scores.pop(member, None)
    criteria = weigh_aspects([CriterionScore.of(c, None, scores.get(c.id)) for c in WEBSITE])
    index = next(i for i, c in enumerate(criteria) if c.id == member)
    sums = Sums()  # each criterion's term added, in order, as scoring sums them
    for c in criteria:
        sums = sums.replaced((None, 0.0, False), criterion_term(c.score, c))
    in_place = score_if_measured(criteria, sums, index, target)
    changed = list(criteria)
    changed[index] = CriterionScore.of(criteria[index].criterion, None, target)
    afresh = touchpoint_scores(changed)[0]
    assert in_place == pytest.approx(afresh, abs=1e-9)
