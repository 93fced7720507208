"""Recommendations in context: the effective thresholds in words, the business's own wording,
labels instead of ids, and text that stays text whatever braces it holds."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.library.checklists import builtin_checklists
from touchaudit.library.criteria import builtin_library
from touchaudit.library.labels import channel_with_article, with_article
from touchaudit.library.targets import (
    is_library_recommendation,
    recommendation_text,
    said_value,
)
from touchaudit.reading.loader import parse_audit
from touchaudit.reading.models import DEFAULT_STAGES, Criterion, ValueKind
from touchaudit.scoring.results import GapKind, Scorecard
from touchaudit.scoring.score import score_audit

LIBRARY = builtin_library()
CHECKLISTS = builtin_checklists()


def scored(text: str) -> Scorecard:
    loaded, problems = parse_audit(textwrap.dedent(text), "audit.yaml")
    assert loaded is not None, [str(p) for p in problems]
    return score_audit(loaded)


def advice_for(card: Scorecard, criterion: str) -> str:
    return next(g.recommendation for g in card.gaps if g.criterion == criterion)


def one_touchpoint(channel: str, criteria_section: str, measured: str) -> str:
    return (
        "touchaudit: 1\ncompany: Acme\n"
        + (f"criteria:\n  {criteria_section}\n" if criteria_section else "")
        + f"touchpoints:\n  here:\n    channel: {channel}\n    criteria:\n      {measured}\n"
    )


# --------------------------------------------------------------------------- thresholds in words

# (what the consultant set, the audit's criteria entry, the channel, the measurement, advice)
OVERRIDES = [
    (
        "the library's two days",
        "",
        "delivery",
        "delivery_time: 6 d",
        "Deliver within 2 days - stock closer to customers and offer express or in-store pick-up.",
    ),
    (
        "a furniture maker's two weeks",
        "delivery_time: {good: 14, poor: 30}",
        "delivery",
        "delivery_time: 20 d",
        "Deliver within 14 days - stock closer to customers and offer express or in-store pick-up.",
    ),
    (
        "a stricter email reply, in hours that are not whole days",
        "email_reply_time: {good: 1, poor: 26}",
        "email",
        "email_reply_time: 30 h",
        "Reply to customer emails within 1 hour in working hours, and never later than 26 hours.",
    ),
    (
        "a unit changed to minutes: the same thresholds, the same words",
        "email_reply_time: {unit: min}",
        "email",
        "email_reply_time: 30 h",
        "Reply to customer emails within 1 hour in working hours, and never later than 1 day.",
    ),
    (
        "a direct-message target of an hour and a half",
        "dm_reply_time: {good: 90, poor: 600}",
        "messenger",
        "dm_reply_time: 3 h",
        "Reply to direct messages within 1 hour 30 minutes during working hours",
    ),
    (
        "answer by the first ring",
        "rings_before_answer: {good: 1, poor: 3}",
        "phone",
        "rings_before_answer: 3",
        "Pick up within 1 ring - ",
    ),
    ("a percentage", "open_rate: {good: 40, poor: 20}", "newsletter", "open_rate: 18%", "40%"),
    (
        "an audit's own criterion, its own placeholders",
        "triage_time: {channel: phone, type: duration, unit: min, good: 5, poor: 15,"
        " recommendation: 'Triage within {good}, never beyond {poor}.'}",
        "phone",
        "triage_time: 40",
        "Triage within 5 minutes, never beyond 15 minutes.",
    ),
]


@pytest.mark.parametrize(
    ("story", "section", "channel", "measured", "advice"),
    OVERRIDES,
    ids=[row[0] for row in OVERRIDES],
)
def test_the_recommendation_states_the_thresholds_the_audit_is_scored_with(
    story: str, section: str, channel: str, measured: str, advice: str
) -> None:
    card = scored(one_touchpoint(channel, section, measured))
    assert advice in advice_for(card, measured.split(":")[0])


# (the text an audit gives, what the client reads) with good = 5 min, poor = 15 min
LITERAL = [
    ("Format {0.__class__} stays", "Format {0.__class__} stays"),
    ("{good.__class__} and {good!r}", "{good.__class__} and {good!r}"),
    ("{__import__('os')}", "{__import__('os')}"),
    ("An unknown {target} placeholder", "An unknown {target} placeholder"),
    ("A stray { brace and } another", "A stray { brace and } another"),
    ("{good", "{good"),
    ("{{good}}", "{5 minutes}"),
    ("%(good)s and $good", "%(good)s and $good"),
    ("{GOOD} is not {good}", "{GOOD} is not 5 minutes"),
]


@pytest.mark.parametrize(("written", "read"), LITERAL)
def test_text_in_braces_other_than_the_placeholders_stays_as_written(
    written: str, read: str
) -> None:
    criterion = LIBRARY.criteria["wait_time"].model_copy(update={"recommendation": written})
    assert recommendation_text(criterion) == read


def test_an_injection_looking_custom_recommendation_reaches_the_gap_literally() -> None:
    section = (
        "triage_time: {channel: phone, type: duration, unit: min, good: 5, poor: 15,"
        " recommendation: 'See {0.__class__.__mro__} and {good}'}"
    )
    card = scored(one_touchpoint("phone", section, "triage_time: 40"))
    assert advice_for(card, "triage_time") == "See {0.__class__.__mro__} and 5 minutes"


@pytest.mark.parametrize(
    ("value", "kind", "unit", "said"),
    [
        (2.0, ValueKind.DURATION, "d", "2 days"),
        (1.0, ValueKind.DURATION, "d", "1 day"),
        (26.0, ValueKind.DURATION, "h", "26 hours"),
        (1.5, ValueKind.DURATION, "h", "1 hour 30 minutes"),
        (45.0, ValueKind.DURATION, "min", "45 minutes"),
        (2500.0, ValueKind.DURATION, "ms", "2.5 seconds"),
        (200.0, ValueKind.DURATION, "ms", "200 milliseconds"),
        (80.0, ValueKind.PERCENT, "%", "80%"),
        (4.0, ValueKind.RATING, "/5", "4/5"),
        (1.0, ValueKind.NUMBER, "rings", "1 ring"),
        (3.0, ValueKind.NUMBER, "positions", "3 positions"),
        (1.0, ValueKind.NUMBER, "positions", "1 position"),
        # A unit is written as it reads after any number but 1; one it cannot be sure is a
        # plain plural stays as written (an audit's own unit: "2 EURs" would be wrong).
        (2.0, ValueKind.NUMBER, "EUR", "2 EUR"),
        (1.0, ValueKind.NUMBER, "class", "1 class"),
        (1.0, ValueKind.NUMBER, "posts/week", "1 post/week"),
        (3.0, ValueKind.NUMBER, "", "3"),
    ],
)
def test_a_threshold_in_a_sentence_is_written_as_a_person_would(
    value: float, kind: ValueKind, unit: str, said: str
) -> None:
    assert said_value(value, kind, unit) == said


# --------------------------------------------------------------------------- business wording


def test_a_clinic_reads_the_clinic_words_and_a_phone_maker_does_not() -> None:
    site = "touchpoints:\n  site:\n    channel: website\n    criteria: {question_form: null}\n"
    clinic = scored("touchaudit: 1\ncompany: A\nbusiness: clinic\n" + site)
    shop = scored("touchaudit: 1\ncompany: B\nbusiness: ecommerce\n" + site)
    assert "Ask-the-doctor" in advice_for(clinic, "question_form")
    assert "doctor" not in advice_for(shop, "question_form")


def test_a_missing_checklist_item_gets_the_business_words() -> None:
    card = scored(
        "touchaudit: 1\ncompany: Bistro\nbusiness: restaurant\n"
        "touchpoints:\n  site:\n    channel: website\n    criteria: {online_booking: no}\n"
    )
    hole = next(g for g in card.gaps if g.kind is GapKind.MISSING_TOUCHPOINT and g.criterion)
    assert hole.criterion == "online_booking"
    assert hole.recommendation == "Let guests book a table or order food online without calling."


def test_the_audits_own_words_win_over_the_checklists() -> None:
    card = scored(
        "touchaudit: 1\ncompany: A\nbusiness: clinic\n"
        "criteria:\n  question_form: {recommendation: Add our triage nurse form.}\n"
        "touchpoints:\n  site:\n    channel: website\n    criteria: {question_form: no}\n"
    )
    assert advice_for(card, "question_form") == "Add our triage nurse form."


@pytest.mark.parametrize(
    ("criterion", "text", "library"),
    [
        ("delivery_time", recommendation_text(LIBRARY.criteria["delivery_time"]), True),
        (
            "delivery_time",
            "Deliver within 14 days - stock closer to customers and offer express or in-store"
            " pick-up.",
            True,
        ),
        ("delivery_time", "Deliver within 14 days.", False),
        ("question_form", "Add our triage nurse form.", False),
        ("no_such_criterion", "Anything.", False),
    ],
)
def test_the_librarys_advice_is_known_whatever_thresholds_fill_it(
    criterion: str, text: str, library: bool
) -> None:
    assert is_library_recommendation(criterion, text) is library


# Words that belong to one business type: a library recommendation may use them only for a
# criterion no other business type's checklist lists.
INDUSTRY_WORDS = {
    "clinic": ("doctor", "patient", "patients", "clinic", "treatment", "physician"),
    "restaurant": ("menu", "dish", "dishes", "table", "guest", "guests", "waiter", "chef"),
    "saas": ("trial", "subscription", "software"),
}


def checklists_listing(criterion_id: str) -> set[str]:
    return {
        business
        for business, checklist in CHECKLISTS.items()
        for items in checklist.stages.values()
        for item in items
        if criterion_id in item.criteria
    }


def industry_words_in(text: str) -> dict[str, list[str]]:
    words = set(re.findall(r"[a-z]+", text.lower()))
    found = {business: sorted(words & set(own)) for business, own in INDUSTRY_WORDS.items()}
    return {business: hits for business, hits in found.items() if hits}


@pytest.mark.parametrize("criterion", sorted(LIBRARY.criteria))
def test_no_library_recommendation_speaks_another_industrys_language(criterion: str) -> None:
    # A criterion may speak the language of the business types it belongs to (`businesses:`)
    # or of the one checklist that lists it.
    found = LIBRARY.criteria[criterion]
    for business, words in industry_words_in(found.recommendation).items():
        speaks_to = checklists_listing(criterion) | set(found.businesses)
        assert speaks_to == {business}, f"{criterion} says {words}"


@pytest.mark.parametrize("business", sorted(CHECKLISTS))
def test_a_checklist_speaks_only_its_own_industrys_language(business: str) -> None:
    for items in CHECKLISTS[business].stages.values():
        for item in items:
            for other, words in industry_words_in(item.recommendation).items():
                assert other == business, f"{business}.{item.id} says {words}"


# --------------------------------------------------------------------------- labels, never ids


def ids_with_underscores() -> set[str]:
    """The ids a reader would recognise as ids (stage names are the report's own vocabulary)."""
    ids = {*LIBRARY.criteria, *LIBRARY.channels}
    ids |= {item.id for c in CHECKLISTS.values() for i in c.stages.values() for item in i}
    return {i for i in ids if "_" in i and i not in DEFAULT_STAGES}


IDS = ids_with_underscores()


def assert_client_text(text: str) -> None:
    named = {i for i in IDS if re.search(rf"\b{re.escape(i)}\b", text)}
    assert not named, f"ids in {text!r}"
    assert not re.search(r"\{(good|poor)\}", text), f"a placeholder left in {text!r}"


@pytest.mark.parametrize("criterion", sorted(LIBRARY.criteria))
def test_every_library_recommendation_reads_as_client_text(criterion: str) -> None:
    c: Criterion = LIBRARY.criteria[criterion]
    assert_client_text(recommendation_text(c))


def audits_for(business: str) -> list[str]:
    """A touchpoint of every channel with nothing measured (every criterion's advice), and an
    audit with one billing desk (every checklist item a hole)."""
    head = f"touchaudit: 1\ncompany: Acme\nbusiness: {business}\ntouchpoints:\n"
    every = "".join(
        f"  tp{n}:\n    channel: {channel}\n    stages: [purchase]\n"
        for n, channel in enumerate(LIBRARY.channels)
    )
    desk = "  desk:\n    channel: billing\n    stages: [purchase]\n"
    return [head + every, head + desk]


@pytest.mark.parametrize("business", sorted(CHECKLISTS))
def test_no_gap_of_any_business_names_an_id_in_its_recommendation(business: str) -> None:
    for text in audits_for(business):
        card = scored(text)
        for gap in card.gaps:
            if gap.kind is not GapKind.EMPTY_STAGE:  # names a stage, the report's vocabulary
                assert_client_text(gap.recommendation)


@pytest.mark.parametrize("channel", sorted(LIBRARY.channels))
def test_a_channel_is_named_by_its_label(channel: str) -> None:
    assert_client_text(f"Add {channel_with_article(channel)} touchpoint")


@pytest.mark.parametrize(
    ("label", "said"),
    [
        ("Advertising", "an Advertising"),
        ("Email", "an Email"),
        ("SMS", "an SMS"),
        ("CRM", "a CRM"),
        ("Phone", "a Phone"),
        ("Word of mouth", "a Word of mouth"),
    ],
)
def test_a_label_gets_the_article_it_is_said_with(label: str, said: str) -> None:
    assert with_article(label) == said


def test_the_criteria_list_shows_each_recommendation_as_a_reader_sees_it(tmp_path: Path) -> None:
    """`criteria --format json` fills `{good}` and `{poor}` from the thresholds in effect, the
    profile's when one is given: no template reaches the reader."""

    def listed(*args: str) -> dict[str, str]:
        result = CliRunner().invoke(app, ["criteria", "--format", "json", *args])
        assert result.exit_code == 0, result.output
        return {c["id"]: c["recommendation"] for c in json.loads(result.output)}

    shipped = listed()
    assert not [t for t in shipped.values() if "{good}" in t or "{poor}" in t]
    assert "Grow the main account to 1000 followers" in shipped["social_followers"]
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "criteria:\n  social_followers:\n    good: 5000\n    poor: 100\n"
        "    source: our own target (test)\n",
        encoding="utf-8",
    )
    ours = listed("--profile", str(profile))
    assert "Grow the main account to 5000 followers" in ours["social_followers"]
