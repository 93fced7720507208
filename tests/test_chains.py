"""Chains: a path is as strong as its weakest step and should not jump over a journey stage."""

from __future__ import annotations

import textwrap

from touchaudit.reading.loader import load_audit, parse_audit
from touchaudit.scoring.chains import chain_breaks
from touchaudit.scoring.results import BreakKind, ChainBreak, ChainScore, ChainStep
from touchaudit.scoring.score import score_audit

STAGES = ("awareness", "research", "comparison", "purchase", "post_purchase")


def chains_of(text: str) -> dict[str, ChainScore]:
    loaded, problems = parse_audit(textwrap.dedent(text), "audit.yaml")
    assert loaded is not None, problems
    return {c.id: c for c in score_audit(loaded).chains}


SHOP = """\
    touchaudit: 1
    company: Corner shop
    touchpoints:
      ad:
        channel: ads
        criteria: {ad_landing_match: yes, ad_offer_clarity: 5/5}
      phone:
        channel: phone
        stages: [purchase]
        criteria: {rings_before_answer: 6, answer_time: 70 s}
      shop:
        channel: store
        stages: [purchase]
        criteria: {wait_time: 2 min}
      survey:
        channel: survey
        criteria: {}
    chains:
      order_by_phone:
        name: Ordering by phone
        steps: [ad, phone, shop, survey]
    """


def test_a_chain_scores_as_its_weakest_step_and_names_it() -> None:
    chain = chains_of(SHOP)["order_by_phone"]
    phone = next(s for s in chain.steps if s.touchpoint == "phone")
    assert chain.weakest == "phone"
    assert chain.score == phone.score
    assert chain.score is not None
    assert chain.score < min(s.score for s in chain.steps if s.score and s.touchpoint != "phone")


def test_unscored_steps_do_not_count_but_are_listed() -> None:
    chain = chains_of(SHOP)["order_by_phone"]
    assert chain.unscored == ("survey",)


def test_a_chain_that_jumps_from_awareness_to_purchase_skips_two_stages() -> None:
    chain = chains_of(SHOP)["order_by_phone"]
    assert chain.breaks == (ChainBreak(BreakKind.SKIPS, "ad", "phone", ("comparison",)),)


def step(name: str, *stages: str) -> ChainStep:
    return ChainStep(name, name, None, stages)


def test_journey_breaks_table() -> None:
    cases = [
        # steps -> breaks
        ([step("a", "awareness"), step("b", "research")], ()),
        ([step("a", "awareness", "research"), step("b", "research", "comparison")], ()),
        (
            [step("a", "awareness"), step("b", "purchase")],
            (ChainBreak(BreakKind.SKIPS, "a", "b", ("research", "comparison")),),
        ),
        (
            [step("a", "purchase"), step("b", "awareness")],
            (ChainBreak(BreakKind.BACKWARDS, "a", "b"),),
        ),
        # a step that reaches back and forward is not a step back
        ([step("a", "purchase"), step("b", "comparison", "post_purchase")], ()),
    ]
    for steps, expected in cases:
        assert chain_breaks(steps, STAGES) == expected, steps


def test_the_sample_chains_follow_the_journey() -> None:
    for sample in ("audits/clinic-many-touchpoints.yaml", "audits/electronics-after.yaml"):
        card = score_audit(load_audit(sample))
        assert card.chains
        assert all(not c.breaks for c in card.chains), sample
        assert all(c.weakest is not None for c in card.chains), sample
