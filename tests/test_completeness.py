"""Scores a consultant can defend: what is missing counts, what does not apply is said, and an
almost empty audit cannot pass for a certain one (docs/scoring.md, model version 2)."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.reading.errors import Code
from touchaudit.reading.loader import parse_audit
from touchaudit.scoring.results import ItemStatus, NotApplicableKind, Scorecard
from touchaudit.scoring.score import score_audit

MANY = "audits/clinic-many-touchpoints.yaml"  # 14 touchpoints of the 15 the clinic list expects
CONTACTS_ONLY = "audits/clinic-contacts-only.yaml"

ONE_PHONE = """\
touchaudit: 1
company: One Phone Clinic
business: clinic
touchpoints:
  phone:
    channel: phone
    criteria:
      answer_time: 10 s
      rings_before_answer: 1
      operator_courtesy: 5/5
"""

RESTAURANT = """\
touchaudit: 1
company: Trattoria
audited_on: 2026-11-01
business: restaurant
touchpoints:
  site:
    channel: website
    criteria:
      load_time: 2.5 s
      mobile_version: yes
      online_booking: no
      clickable_phone: no
      callback_request: no
  hall:
    channel: store
    criteria:
      staff_courtesy: 5/5
"""


def card_of(text: str, *, min_coverage: float = 0.5) -> Scorecard:
    loaded, problems = parse_audit(textwrap.dedent(text), "audit.yaml")
    assert loaded is not None, problems
    return score_audit(loaded, min_coverage=min_coverage)


def problems_of(text: str) -> list[tuple[str, int, int, str]]:
    _, problems = parse_audit(textwrap.dedent(text), "audit.yaml")
    return [(p.severity, p.line, p.column, p.code) for p in problems]


# --------------------------------------------------------------------------- completeness


def test_one_phone_line_scores_well_below_the_clinic_with_every_touchpoint(
    tmp_path: Path,
) -> None:
    one = tmp_path / "one-phone.yaml"
    one.write_text(ONE_PHONE, encoding="utf-8")
    card = card_of(ONE_PHONE)
    # Three excellent phone measurements; 14 of the 15 expected touchpoints missing, each a 0.
    assert card.touchpoints[0].score is not None
    assert card.touchpoints[0].score > 95
    assert len(card.missing) == 14
    assert card.score is not None
    assert card.score < 10
    result = CliRunner().invoke(app, ["compare", str(one), MANY, "--fail-if-behind"])
    assert result.exit_code == 1


def test_the_seed_clinics_come_out_as_the_text_concludes() -> None:
    many, few = card_of(Path(MANY).read_text()), card_of(Path(CONTACTS_ONLY).read_text())
    assert many.score is not None
    assert few.score is not None
    assert many.score > few.score + 50
    assert len(many.missing) < len(few.missing)


def test_without_a_checklist_completeness_is_not_judged() -> None:
    card = card_of(ONE_PHONE.replace("business: clinic\n", ""))
    assert not card.completeness_judged
    assert card.missing == ()


def test_the_text_output_says_what_completeness_counted(tmp_path: Path) -> None:
    plain = tmp_path / "plain.yaml"
    plain.write_text(ONE_PHONE.replace("business: clinic\n", ""), encoding="utf-8")
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text(ONE_PHONE, encoding="utf-8")
    runner = CliRunner()
    assert "completeness not judged" in runner.invoke(app, ["score", str(plain)]).stdout
    text = runner.invoke(app, ["score", str(clinic)]).stdout
    assert "14 expected touchpoints missing, each counted as a touchpoint scoring 0" in text


def test_deleting_honest_no_lines_never_raises_the_low_end() -> None:
    full = card_of(RESTAURANT)
    trimmed = card_of(
        RESTAURANT.replace("      online_booking: no\n", "")
        .replace("      clickable_phone: no\n", "")
        .replace("      callback_request: no\n", "")
    )
    assert full.low is not None
    assert trimmed.low is not None
    assert trimmed.low <= full.low
    assert trimmed.coverage < full.coverage


def test_each_side_of_a_comparison_counts_what_the_other_has_and_it_lacks() -> None:
    from touchaudit.comparison.compare import compare_files

    comparison = compare_files(CONTACTS_ONLY, [MANY])
    ours, theirs = comparison.ours.card, comparison.theirs[0].card
    # Their doctor's consultation is no checklist item: it counts as 0 for us here only.
    assert [t.id for t in ours.absent] == ["doctor_consultation"]
    alone = card_of(Path(CONTACTS_ONLY).read_text())
    assert ours.score is not None
    assert alone.score is not None
    assert ours.score < alone.score
    assert theirs.absent == ()  # we have nothing they lack


# --------------------------------------------------------------------------- not applicable


@pytest.mark.parametrize(
    ("value", "reason", "warnings"),
    [
        ("{value: n/a, note: we sell nothing online}", "we sell nothing online", []),
        ("N/A", "", [("warning", 11, 23, Code.NA_WITHOUT_REASON)]),
        ("not applicable", "", [("warning", 11, 23, Code.NA_WITHOUT_REASON)]),
    ],
)
def test_a_criterion_marked_na_leaves_every_score_and_the_gaps(
    value: str, reason: str, warnings: list[tuple[str, int, int, str]]
) -> None:
    text = RESTAURANT.replace("online_booking: no", f"online_booking: {value}")
    assert problems_of(text) == warnings
    card = card_of(text)
    site = card.touchpoint("site")
    assert site is not None
    assert "online_booking" not in {c.id for c in site.criteria}
    assert site.not_applicable == {"online_booking": reason}
    assert not any(g.criterion == "online_booking" for g in card.gaps)
    # The checklist's booking item is given by that criterion only: it does not apply either.
    own = [e for e in card.not_applicable if e.id in {"online_booking", "booking"}]
    assert [(e.kind, e.id, e.reason) for e in own] == [
        (NotApplicableKind.CRITERION, "online_booking", reason),
        (NotApplicableKind.EXPECTED_TOUCHPOINT, "booking", reason or "marked n/a on site"),
    ]
    before = card_of(RESTAURANT)
    assert card.expected == before.expected - 1  # out of coverage's denominator


def test_a_checklist_item_marked_na_is_not_missing() -> None:
    text = RESTAURANT + "not_applicable:\n  social: {reason: no social media, until: 2027-01-01}\n"
    card = card_of(text)
    assert card.journey is not None
    statuses = {i.id: i.status for i in card.journey.items(ItemStatus.NOT_APPLICABLE)}
    assert statuses == {"social": ItemStatus.NOT_APPLICABLE}
    assert "social" in {i.id for i in card_of(RESTAURANT).missing}
    assert "social" not in {i.id for i in card.missing}
    assert card.score is not None
    before = card_of(RESTAURANT).score
    assert before is not None
    assert card.score > before
    entry = card.not_applicable[-1]
    assert (entry.kind, entry.reason, entry.until) == (
        NotApplicableKind.EXPECTED_TOUCHPOINT,
        "no social media",
        datetime.date(2027, 1, 1),
    )


def test_a_touchpoint_marked_na_leaves_every_score() -> None:
    text = RESTAURANT.replace(
        "  hall:\n    channel: store\n",
        "  hall:\n    channel: store\n    not_applicable: delivery only\n",
    )
    card = card_of(text)
    assert [t.id for t in card.touchpoints] == ["site"]
    assert card.journey is not None
    venue = next(i for i in card.journey.stages[3].items if i.id == "venue")
    assert (venue.status, venue.reason) == (
        ItemStatus.NOT_APPLICABLE,
        "its touchpoint does not apply",
    )
    assert next((e.kind, e.id, e.reason) for e in card.not_applicable) == (
        NotApplicableKind.TOUCHPOINT,
        "hall",
        "delivery only",
    )


@pytest.mark.parametrize(
    ("mark", "where"),
    [
        (
            "  hall:\n    channel: store\n    not_applicable: {reason: refit, until: 2026-10-01}\n",
            (16, 44),
        ),
    ],
)
def test_an_expired_mark_counts_again_with_a_warning(mark: str, where: tuple[int, int]) -> None:
    text = RESTAURANT.replace("  hall:\n    channel: store\n", mark)
    found = problems_of(text)
    assert found == [("warning", where[0], where[1], Code.NA_EXPIRED)]
    card = card_of(text)
    assert [t.id for t in card.touchpoints] == ["site", "hall"]  # audited 2026-11-01: expired


def test_an_expired_na_value_is_unmeasured_again() -> None:
    text = RESTAURANT.replace(
        "online_booking: no", "online_booking: {value: n/a, note: soon, until: 2026-10-31}"
    )
    assert problems_of(text) == [("warning", 11, 55, Code.NA_EXPIRED)]
    site = card_of(text).touchpoint("site")
    assert site is not None
    booking = next(c for c in site.criteria if c.id == "online_booking")
    assert booking.score is None


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("not_applicable:\n  loyalti: no\n", "'loyalti' is not an expected touchpoint"),
        ("not_applicable:\n  delivery: no\n", "'delivery' is not an expected touchpoint"),
    ],
)
def test_an_unknown_checklist_item_is_an_error_at_its_line(section: str, message: str) -> None:
    _, problems = parse_audit(RESTAURANT + section, "audit.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [(19, 3, Code.UNKNOWN_ITEM)]
    assert message in problems[0].message


def test_until_without_na_is_an_error() -> None:
    text = RESTAURANT.replace(
        "online_booking: no", "online_booking: {value: no, until: 2027-01-01}"
    )
    assert problems_of(text) == [("error", 11, 42, Code.BAD_VALUE)]


# --------------------------------------------------------------------------- unknown is not good


def test_every_score_has_a_range_around_it() -> None:
    card = card_of(RESTAURANT)
    groups = [*card.stages, *card.channels]
    for low, point, high in [
        (card.low, card.score, card.high),
        *((g.low, g.score, g.high) for g in groups),
        *((t.low, t.score, t.high) for t in card.touchpoints),
    ]:
        assert low is not None
        assert high is not None
        if point is not None:
            assert low - 1e-9 <= point <= high + 1e-9


def test_a_provisional_comparison_fails_the_behind_gate(tmp_path: Path) -> None:
    thin = tmp_path / "thin.yaml"
    thin.write_text(ONE_PHONE.replace("business: clinic\n", ""), encoding="utf-8")
    result = CliRunner().invoke(app, ["compare", MANY, str(thin), "--fail-if-behind"])
    assert result.exit_code == 1
    assert "the comparison is provisional: coverage below the minimum 50%" in result.stderr
    lowered = ["compare", MANY, str(thin), "--fail-if-behind", "--min-coverage", "10"]
    assert CliRunner().invoke(app, lowered).exit_code == 0


def test_json_carries_the_model_version_range_and_coverage(tmp_path: Path) -> None:
    import json

    one = tmp_path / "one.yaml"
    one.write_text(ONE_PHONE, encoding="utf-8")
    data = json.loads(CliRunner().invoke(app, ["score", str(one), "-f", "json"]).stdout)
    assert data["model_version"] == 3
    assert data["provisional"] is True  # 3 of 13 phone criteria
    assert data["completeness_judged"] is True
    assert data["missing_touchpoints"] == 14
    low, high = data["score_range"]
    assert low <= data["score"] <= high


# --------------------------------------------------------------------------- the rival's extras

OUR_SOFAS = """\
touchaudit: 1
company: Our Sofas
touchpoints:
  site:
    channel: website
    criteria:
      load_time: 2 s
      mobile_version: yes
"""

RIVAL_SOFAS = """\
touchaudit: 1
company: Rival Sofas
criteria:
  fabric_swatches:
    label: Free fabric swatches
    channel: website
    type: boolean
    recommendation: Send free fabric swatches on request.
touchpoints:
  site:
    channel: website
    criteria:
      load_time: 2 s
      mobile_version: yes
      fabric_swatches: yes
      online_booking: yes
"""


def sofas(tmp_path: Path, ours: str = OUR_SOFAS) -> tuple[Path, Path]:
    (tmp_path / "ours.yaml").write_text(ours, encoding="utf-8")
    (tmp_path / "theirs.yaml").write_text(RIVAL_SOFAS, encoding="utf-8")
    return tmp_path / "ours.yaml", tmp_path / "theirs.yaml"


def test_what_only_the_rival_has_is_our_gap_and_what_they_have_that_we_lack(
    tmp_path: Path,
) -> None:
    import json

    ours, theirs = sofas(tmp_path)
    result = CliRunner().invoke(app, ["compare", str(ours), str(theirs), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    only = {g["criterion"]: g for g in data["gaps"] if g["kind"] == "competitor_only"}
    assert set(only) == {"fabric_swatches", "online_booking"}
    assert only["fabric_swatches"]["message"] == (
        "Rival Sofas has Free fabric swatches on site (yes, good); site does not record it"
    )
    assert only["fabric_swatches"]["recommendation"] == "Send free fabric swatches on request."
    lacking = {m["name"] for m in data["missing_touchpoints"] if m["kind"] == "feature"}
    assert lacking == {"Free fabric swatches", "Online booking or ordering"}
    # Our own "not measured" gap at the same place gives way to the rival's.
    places = [(g["touchpoint"], g["criterion"]) for g in data["gaps"]]
    assert places.count(("site", "online_booking")) == 1


def test_our_audit_may_record_the_rivals_criterion_without_defining_it(tmp_path: Path) -> None:
    ours, theirs = sofas(tmp_path, OUR_SOFAS + "      fabric_swatches: no\n")
    result = CliRunner().invoke(app, ["compare", str(ours), str(theirs), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert "fabric_swatches" in result.stdout
    alone = CliRunner().invoke(app, ["validate", str(ours)])
    assert alone.exit_code == 1  # on its own, the criterion is unknown
    assert "unknown criterion 'fabric_swatches'" in alone.stderr + alone.stdout


def test_the_report_lists_the_rivals_extras(tmp_path: Path) -> None:
    ours, theirs = sofas(tmp_path)
    out = tmp_path / "report.md"
    args = ["report", str(ours), "--vs", str(theirs), "-f", "markdown", "-o", str(out)]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert "Free fabric swatches" in out.read_text(encoding="utf-8")


def test_what_cannot_apply_to_a_business_type_is_left_out_and_said() -> None:
    card = card_of(RESTAURANT)
    # The library expects simple returns on a store; a restaurant's checklist says it cannot apply.
    hall = card.touchpoint("hall")
    assert hall is not None
    assert "easy_returns" not in {c.id for c in hall.criteria}
    assert not any(g.criterion == "easy_returns" for g in card.gaps)
    entry = next(e for e in card.not_applicable if e.id == "easy_returns")
    assert entry.reason.startswith("a meal is not returned")
    # Measured anyway: still not scored (deleting it can change nothing), with a warning.
    text = RESTAURANT + "      easy_returns: no\n"
    assert problems_of(text) == [("warning", 18, 7, Code.NA_FOR_BUSINESS)]
    measured = card_of(text)
    assert measured.score == card.score


def test_init_writes_no_criterion_that_cannot_apply_to_the_business() -> None:
    restaurant = CliRunner().invoke(app, ["init", "--business", "restaurant", "--company", "T"])
    assert restaurant.exit_code == 0
    assert "easy_returns" not in restaurant.stdout
    shop = CliRunner().invoke(app, ["init", "--business", "ecommerce", "--company", "S"])
    assert "easy_returns" in shop.stdout


def test_the_github_annotations_open_with_the_score_and_its_caveat(tmp_path: Path) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(ONE_PHONE, encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(one), "-f", "github"])
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"::warning file={one},title=touchaudit score::Overall 6.6, range")
    assert "(provisional: coverage 23%25 is below the minimum 50%25)" in first


@pytest.mark.parametrize(
    "mark", ['not_applicable: ""', 'not_applicable: {reason: "", until: 2027-01-01}']
)
def test_not_applicable_without_a_reason_is_an_error(mark: str) -> None:
    text = RESTAURANT.replace(
        "  hall:\n    channel: store\n", f"  hall:\n    channel: store\n    {mark}\n"
    )
    _, problems = parse_audit(text, "audit.yaml")
    assert [(p.line, p.code, p.message) for p in problems] == [
        (16, Code.BAD_VALUE, "must not be empty")
    ]


def test_a_reason_on_several_lines_is_shown_on_one(tmp_path: Path) -> None:
    audit = tmp_path / "audit.yaml"
    reason = "first line\\n# heading\\n::error file=x::pwned"
    text = RESTAURANT.replace(
        "online_booking: no", f'online_booking: {{value: n/a, note: "{reason}"}}'
    )
    audit.write_text(text, encoding="utf-8")
    out = CliRunner().invoke(app, ["score", str(audit)]).stdout
    line = next(x for x in out.splitlines() if "Online booking or ordering on site" in x)
    assert line.strip().endswith("first line # heading ::error file=x::pwned")
    assert not any(x.startswith("::") for x in out.splitlines())
