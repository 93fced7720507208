"""Business types as data: each one's checklist holds against the library, its thresholds and
words judge its audits, and the layers (library -> business type -> profile -> audit) stack."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from touchaudit.library.checklists import builtin_checklists, check_checklist, check_overrides
from touchaudit.library.criteria import builtin_library
from touchaudit.library.targets import recommendation_text
from touchaudit.reading.loader import load_profile, parse_audit
from touchaudit.reading.models import Criterion
from touchaudit.scoring.curves import criterion_score
from touchaudit.scoring.results import Scorecard
from touchaudit.scoring.score import score_audit

LIBRARY = builtin_library()
BUSINESSES = builtin_checklists()


def delivery_audit(business: str, value: str, criteria: str = "") -> str:
    head = f"touchaudit: 1\ncompany: Acme\nbusiness: {business}\n{criteria}\n"
    return head + textwrap.dedent(
        f"""\
        touchpoints:
          couriers:
            channel: delivery
            criteria:
              delivery_time: {value}
        """
    )


def scored(text: str, library: object = None) -> Scorecard:
    loaded, problems = parse_audit(text, "audit.yaml", library=library)  # type: ignore[arg-type]
    assert loaded is not None, [str(p) for p in problems]
    return score_audit(loaded)


def delivery(card: Scorecard) -> tuple[float, Criterion, str]:
    """The delivery_time score, the criterion that judged it and its advice in words."""
    couriers = card.touchpoints[0]
    found = next(c for c in couriers.criteria if c.id == "delivery_time")
    assert found.score is not None
    return found.score, found.criterion, recommendation_text(found.criterion)


@pytest.mark.parametrize("business", sorted(BUSINESSES))
def test_every_business_type_holds_against_the_library(business: str) -> None:
    checklist = BUSINESSES[business]
    assert check_checklist(checklist, LIBRARY) == []
    assert check_overrides(checklist, LIBRARY) == []
    assert set(checklist.not_applicable) <= set(LIBRARY.criteria)


def test_the_issue_asks_for_these_business_types() -> None:
    wanted = {"furniture", "hotel", "beauty_salon", "auto_service", "education", "restaurant"}
    assert wanted <= set(BUSINESSES)


@pytest.mark.parametrize("business", sorted(BUSINESSES))
def test_every_threshold_a_business_type_sets_names_its_source(business: str) -> None:
    for criterion_id, patch in BUSINESSES[business].criteria.items():
        if patch.good is not None or patch.poor is not None:
            assert patch.source, f"{business}: {criterion_id}"
            assert "touchaudit default" in patch.source or "[" in patch.source


def test_a_restaurant_delivers_in_minutes() -> None:
    card = scored(delivery_audit("restaurant", "35 min"))
    score, criterion, advice = delivery(card)
    assert (criterion.unit, criterion.good, criterion.poor) == ("min", 30, 60)
    assert 80 < score < 90  # just short of good, not the 100 of "35 min is 0.02 days"
    assert advice.startswith("Deliver within 30 minutes")
    [gap] = [g for g in card.gaps if g.criterion == "delivery_time"]
    assert gap.recommendation == advice
    assert "good is ≤ 30 min" in gap.message
    assert "Talker Research" in criterion.source


def test_a_furniture_store_delivers_in_weeks() -> None:
    score, criterion, advice = delivery(scored(delivery_audit("furniture", "21 d")))
    assert (criterion.unit, criterion.good, criterion.poor) == ("w", 2, 6)
    assert score == pytest.approx(criterion_score(3.0, criterion))  # 21 days are 3 weeks
    assert 50 < score < 90
    assert advice.startswith("Deliver within 14 days - keep the best sellers")


def test_without_a_business_type_the_library_judges() -> None:
    text = delivery_audit("restaurant", "35 min").replace("business: restaurant\n", "")
    _, criterion, advice = delivery(scored(text))
    assert criterion == LIBRARY.criteria["delivery_time"]
    assert advice.startswith("Deliver within 2 days")


def test_the_audit_criteria_section_wins_over_the_business_type() -> None:
    own = "criteria:\n  delivery_time: {good: 40}"
    score, criterion, advice = delivery(scored(delivery_audit("restaurant", "40 min", own)))
    assert (criterion.unit, criterion.good, criterion.poor) == ("min", 40, 60)
    assert score == pytest.approx(90.0)
    assert criterion.source == "set in audit.yaml"
    assert advice.startswith("Deliver within 40 minutes")  # the business's words, our numbers


def test_a_profile_wins_over_the_business_type_in_its_own_units(tmp_path: Path) -> None:
    # A profile knows no business type: its bare numbers are in the library's unit (days).
    profile = tmp_path / "house.yaml"
    profile.write_text("criteria:\n  delivery_time: {good: 1, poor: 3}\n", encoding="utf-8")
    score, criterion, advice = delivery(
        scored(delivery_audit("restaurant", "1 d"), load_profile(profile))
    )
    assert (criterion.unit, criterion.good, criterion.poor) == ("d", 1, 3)
    assert score == pytest.approx(90.0)
    assert advice.startswith("Deliver within 1 day - cook to order")  # the restaurant's words


def test_the_business_type_still_sets_what_the_profile_leaves(tmp_path: Path) -> None:
    profile = tmp_path / "weights.yaml"
    profile.write_text("criteria:\n  delivery_time: {weight: 5}\n", encoding="utf-8")
    text = delivery_audit("restaurant", "35 min")
    _, criterion, _ = delivery(scored(text, load_profile(profile)))
    assert (criterion.unit, criterion.good, criterion.poor, criterion.weight) == ("min", 30, 60, 5)


def test_a_profile_threshold_that_cannot_sit_on_the_business_type_is_an_error(
    tmp_path: Path,
) -> None:
    # One day as good, over the restaurant's poor of 60 minutes: good would be worse than poor.
    profile = tmp_path / "house.yaml"
    profile.write_text("criteria:\n  delivery_time: {good: 1}\n", encoding="utf-8")
    text = delivery_audit("restaurant", "35 min")
    loaded, problems = parse_audit(text, "audit.yaml", library=load_profile(profile))
    assert loaded is None
    [problem] = problems
    assert (problem.line, problem.column) == (3, 11)
    assert "cannot apply over business type 'restaurant'" in problem.message
