"""What keeps large audits linear gives the same results as the obvious way of computing them."""

from __future__ import annotations

import random

import pytest
from conftest import bench_generate

from touchaudit.library.criteria import builtin_library
from touchaudit.reading.loader import parse_audit
from touchaudit.scoring.results import Scorecard
from touchaudit.scoring.score import score_audit, weighted_mean


def generated_scorecard(touchpoints: int) -> Scorecard:
    text = bench_generate().audit_text(
        random.Random(5),
        builtin_library(),
        company="Chain",
        touchpoints=touchpoints,
        criteria=touchpoints * 5,
    )
    loaded, problems = parse_audit(text, "chain.yaml")
    assert loaded is not None, problems
    return score_audit(loaded)


def test_stage_and_channel_groups_match_a_scan_per_group() -> None:
    card = generated_scorecard(300)
    for group in card.stages:
        members = [t for t in card.touchpoints if group.id in t.stages]
        assert group.touchpoints == len(members)
        assert group.score == weighted_mean((t.score, t.weight) for t in members)
    for group in card.channels:
        members = [t for t in card.touchpoints if t.channel == group.id]
        assert group.touchpoints == len(members)
        assert group.score == weighted_mean((t.score, t.weight) for t in members)
    assert [g.id for g in card.channels] == list(dict.fromkeys(t.channel for t in card.touchpoints))


def test_touchpoint_lookup_by_id() -> None:
    card = generated_scorecard(50)
    for tp in card.touchpoints:
        assert card.touchpoint(tp.id) is tp
    assert card.touchpoint("no_such_touchpoint") is None


def test_the_action_plan_of_a_10k_touchpoint_audit_rescores_at_most_one_touchpoint_per_fix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from touchaudit.scoring import plan

    built: list[str] = []
    real = plan._Touchpoint.of
    monkeypatch.setattr(plan._Touchpoint, "of", lambda tp: built.append(tp.id) or real(tp))
    card = generated_scorecard(10_000)
    assert len(card.gaps) > 10 * plan.PLAN_ITEMS
    assert len(card.plan.to_fix) == plan.PLAN_ITEMS
    assert len(built) <= plan.PLAN_ITEMS
    assert len(card.plan.to_measure) == plan.PLAN_ITEMS
