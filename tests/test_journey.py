"""Journey coverage: a business type's checklist per stage, missing touchpoints and empty stages."""

from __future__ import annotations

import textwrap

import pytest

from touchaudit.library.checklists import builtin_checklists, check_checklist
from touchaudit.library.criteria import builtin_library
from touchaudit.reading.loader import load_audit, parse_audit
from touchaudit.reading.models import Checklist
from touchaudit.scoring.results import GapKind, ItemStatus, Scorecard
from touchaudit.scoring.score import score_audit


def scored(text: str) -> Scorecard:
    loaded, problems = parse_audit(textwrap.dedent(text), "audit.yaml")
    assert loaded is not None, problems
    return score_audit(loaded)


def statuses(card: Scorecard, stage: str) -> dict[str, ItemStatus]:
    assert card.journey is not None
    found = next(s for s in card.journey.stages if s.id == stage)
    return {item.id: item.status for item in found.items}


REQUIRED_BUSINESSES = ("clinic", "retail", "ecommerce", "saas", "restaurant", "b2b_services")


@pytest.mark.parametrize("business", REQUIRED_BUSINESSES)
def test_every_business_type_has_a_checklist_for_every_stage(business: str) -> None:
    checklist = builtin_checklists()[business]
    assert set(checklist.stages) == {
        "awareness",
        "research",
        "comparison",
        "purchase",
        "post_purchase",
    }
    assert check_checklist(checklist, builtin_library()) == []


def test_a_checklist_naming_unknown_things_is_refused() -> None:
    checklist = Checklist.model_validate(
        {
            "business": "x",
            "label": "X",
            "source": "test",
            "stages": {
                "research": [
                    {"id": "site", "label": "Site", "channels": ["webside"]},
                    {"id": "speed", "label": "Speed", "criteria": ["load_time"]},
                ],
                "lunch": [{"id": "a", "label": "A", "channels": ["store"]}],
            },
        }
    )
    assert check_checklist(checklist, builtin_library()) == [
        "research.site: unknown channel 'webside'",
        "research.speed: 'load_time' is not a yes/no criterion",
        "unknown stage 'lunch'",
    ]


def test_an_item_needs_a_channel_or_a_criterion() -> None:
    with pytest.raises(ValueError, match="needs 'channels' or 'criteria'"):
        Checklist.model_validate(
            {
                "business": "x",
                "label": "X",
                "source": "test",
                "stages": {"research": [{"id": "site", "label": "Site"}]},
            }
        )


def test_the_clinic_with_contacts_only_misses_what_the_seed_text_lists() -> None:
    card = score_audit(load_audit("audits/clinic-contacts-only.yaml"))
    assert statuses(card, "research") == {
        "website": ItemStatus.PRESENT,
        "clickable_phone": ItemStatus.MISSING,
        "question_form": ItemStatus.MISSING,
        "chat": ItemStatus.MISSING,
    }
    assert statuses(card, "comparison")["callback"] is ItemStatus.MISSING
    assert statuses(card, "purchase")["online_booking"] is ItemStatus.MISSING


def test_the_clinic_with_many_touchpoints_has_them() -> None:
    card = score_audit(load_audit("audits/clinic-many-touchpoints.yaml"))
    for stage in ("research", "comparison", "purchase", "post_purchase"):
        assert set(statuses(card, stage).values()) == {ItemStatus.PRESENT}, stage


CLINIC = """\
    touchaudit: 1
    company: Small clinic
    business: clinic
    touchpoints:
      site:
        channel: website
        stages: [research, comparison, purchase]
        criteria: {callback_request: no, clickable_phone: yes, online_booking: null}
      desk:
        channel: store
        criteria: {wait_time: 10 min}
    """


def test_an_item_is_present_by_channel_or_by_a_yes_criterion() -> None:
    card = scored(CLINIC)
    assert statuses(card, "research")["website"] is ItemStatus.PRESENT  # channel website
    assert statuses(card, "research")["clickable_phone"] is ItemStatus.PRESENT  # criterion yes
    assert statuses(card, "comparison")["callback"] is ItemStatus.MISSING  # criterion no
    assert statuses(card, "purchase")["online_booking"] is ItemStatus.UNMEASURED  # criterion null
    assert statuses(card, "purchase")["reception"] is ItemStatus.PRESENT


def test_a_missing_item_answered_no_takes_over_the_criterion_gap() -> None:
    card = scored(CLINIC)
    callback = [g for g in card.gaps if g.criterion == "callback_request"]
    assert len(callback) == 1
    assert callback[0].kind is GapKind.MISSING_TOUCHPOINT
    assert callback[0].touchpoint == "site"
    assert callback[0].message.startswith("Call-back request is missing (comparison)")
    assert callback[0].impact > 0


def test_a_missing_item_is_worth_adding_a_good_touchpoint() -> None:
    card = scored(CLINIC)
    social = next(g for g in card.gaps if g.message.startswith("Social media pages is missing"))
    assert social.kind is GapKind.MISSING_TOUCHPOINT
    assert social.stages == ("awareness",)
    # The missing touchpoints count as 0 (weight 1 each); one that scores 90 replaces its 0.
    total = sum(t.score * t.weight for t in card.touchpoints if t.score is not None)
    weights = sum(t.weight for t in card.touchpoints if t.score is not None)
    weights += len(card.missing)
    assert card.score == pytest.approx(total / weights)
    assert social.impact == pytest.approx((total + 90) / weights - total / weights)


def test_a_stage_without_touchpoints_is_a_hole_in_the_journey() -> None:
    card = scored(CLINIC)
    assert card.journey is not None
    empty = [s.id for s in card.journey.stages if s.empty]
    assert empty == ["awareness"]  # the site serves research to purchase, the desk the rest
    holes = [g for g in card.gaps if g.kind is GapKind.EMPTY_STAGE]
    assert [g.stages for g in holes] == [("awareness",)]


def test_without_business_only_empty_stages_are_checked() -> None:
    card = scored(
        """\
        touchaudit: 1
        company: No type given
        stages: [research, purchase, post_purchase]
        touchpoints:
          site: {channel: website, stages: [research]}
        """
    )
    assert card.journey is not None
    assert card.journey.checklist is None
    assert card.journey.expected == 0
    assert {g.kind for g in card.gaps if g.touchpoint is None} == {GapKind.EMPTY_STAGE}
    assert sorted(g.stages[0] for g in card.gaps if g.kind is GapKind.EMPTY_STAGE) == [
        "post_purchase",
        "purchase",
    ]


def test_an_unknown_business_type_is_a_warning_not_an_error() -> None:
    loaded, problems = parse_audit(
        "touchaudit: 1\ncompany: X\nbusiness: bakery\ntouchpoints:\n  w: {channel: website}\n",
        "bakery.yaml",
    )
    assert loaded is not None
    assert [(p.severity, p.code, p.line, p.column) for p in problems] == [
        ("warning", "unknown-business", 3, 11)
    ]
    card = score_audit(loaded)
    assert card.journey is not None
    assert card.journey.checklist is None


def test_score_output_has_journey_and_chains_in_every_format() -> None:
    import json

    from typer.testing import CliRunner

    from touchaudit.cli.app import app

    runner = CliRunner()
    sample = "audits/clinic-contacts-only.yaml"
    as_json = runner.invoke(app, ["score", sample, "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert data["journey"]["business"] == "clinic"
    research = next(s for s in data["journey"]["stages"] if s["id"] == "research")
    missing = {i["id"] for i in research["items"] if i["status"] == "missing"}
    assert missing == {"clickable_phone", "question_form", "chat"}
    assert data["chains"][0]["weakest"] == "contextual_ad"
    as_markdown = runner.invoke(app, ["score", sample, "--format", "markdown"])
    assert "### Journey: Medical clinic checklist" in as_markdown.stdout
    assert "### Chains" in as_markdown.stdout
    as_table = runner.invoke(app, ["score", sample])
    assert "Journey: Medical clinic checklist" in as_table.stdout
    assert "Chains" in as_table.stdout


def test_a_hole_met_again_in_another_stage_keeps_everything_but_its_stages() -> None:
    from touchaudit.scoring.journey import _replace_stages
    from touchaudit.scoring.results import Gap, JourneyItem

    gap = Gap(
        GapKind.MISSING_TOUCHPOINT,
        "site",
        "callback_request",
        2.5,
        "Call-back request is missing (research): no",
        recommendation="Offer it.",
        effort="low",
        owner="web team",
        stages=("research",),
        competitor="VenaCare Clinic",
    )
    item = JourneyItem("callback", "Call-back request", ItemStatus.MISSING)
    moved = _replace_stages(gap, ("research", "purchase"), item)
    assert moved.stages == ("research", "purchase")
    assert moved.message == "Call-back request is missing (research, purchase): no"
    assert moved.competitor == "VenaCare Clinic"
    assert (moved.effort, moved.owner, moved.impact) == ("low", "web team", 2.5)
