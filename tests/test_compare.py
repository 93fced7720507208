"""`touchaudit compare`: walk the competitor's path, find what they have and we lack.

The stories come from the seed texts: two vein clinics compared by the number and quality of
their contact points, and an electronics brand before and after its touchpoint work.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.comparison.compare import compare_files, match_touchpoints
from touchaudit.comparison.result import CriterionFlag, MatchedBy, PresenceKind
from touchaudit.reading.loader import parse_audit
from touchaudit.scoring.results import GapKind, TouchpointScore
from touchaudit.scoring.score import score_audit

CONTACTS_ONLY = "audits/clinic-contacts-only.yaml"
MANY_TOUCHPOINTS = "audits/clinic-many-touchpoints.yaml"
BEFORE = "audits/electronics-before.yaml"
AFTER = "audits/electronics-after.yaml"

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def compare_json(*args: str) -> dict[str, Any]:
    result = run("compare", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


# --------------------------------------------------------------------------- the clinics


def test_the_clinic_with_contacts_only_sees_what_it_lacks() -> None:
    data = compare_json(CONTACTS_ONLY, MANY_TOUCHPOINTS)
    lacking = {
        (m["kind"], m["touchpoint"] if m["kind"] == "touchpoint" else m["criterion"])
        for m in data["missing_touchpoints"]
    }
    # The seed text: "request a call back; clickable phone; make an appointment; ask a question;
    # ... chat on the site, in Telegram, in the Facebook or Instagram messenger".
    assert {
        ("feature", "callback_request"),
        ("feature", "clickable_phone"),
        ("feature", "online_booking"),
        ("feature", "question_form"),
        ("feature", "chat_widget"),
        ("touchpoint", "callback"),
        ("touchpoint", "live_chat"),
        ("touchpoint", "telegram"),
        ("touchpoint", "facebook_messenger"),
        ("touchpoint", "instagram_direct"),
    } <= lacking
    assert data["advantages"] == []


def test_json_has_the_documented_top_level_keys() -> None:
    data = compare_json(CONTACTS_ONLY, MANY_TOUCHPOINTS)
    assert {"ours", "theirs", "missing_touchpoints", "advantages", "criteria", "gaps"} <= set(data)
    assert isinstance(data["theirs"], list)
    assert data["ours"]["label"] == "Vein Line Medical Centre"
    assert data["theirs"][0]["label"] == "VenaCare Clinic"


def test_a_missing_touchpoint_names_its_stages_and_whether_the_whole_channel_is_missing() -> None:
    data = compare_json(CONTACTS_ONLY, MANY_TOUCHPOINTS)
    by_id = {m["touchpoint"]: m for m in data["missing_touchpoints"] if m["kind"] == "touchpoint"}
    assert by_id["sms"]["stages"] == ["purchase", "post_purchase"]
    assert by_id["sms"]["channel_missing"] is True
    # We do have a store touchpoint (the front desk), but nothing like their consultation room.
    assert by_id["doctor_consultation"]["channel_missing"] is False


def test_missing_touchpoint_impact_is_recomputed_from_our_overall() -> None:
    comparison = compare_files(CONTACTS_ONLY, [MANY_TOUCHPOINTS])
    ours = comparison.ours.card
    sms = next(m for m in comparison.missing if m.touchpoint == "sms")
    assert sms.score is not None
    # Our overall: our touchpoints, a 0 for each expected touchpoint we lack and a 0 for each
    # of their touchpoints we lack; having their SMS as they have it replaces its 0.
    total = sum(t.score * t.weight for t in ours.touchpoints if t.score is not None)
    weights = sum(t.weight for t in ours.touchpoints if t.score is not None)
    weights += sum(i.weight for i in ours.missing) + sum(t.weight for t in ours.absent)
    assert ours.score == pytest.approx(total / weights)
    expected = (total + sms.score * sms.weight) / weights - total / weights
    assert sms.impact == pytest.approx(expected)


def test_they_pick_up_on_the_first_ring_we_on_the_third() -> None:
    comparison = compare_files(CONTACTS_ONLY, [MANY_TOUCHPOINTS])
    rings = next(
        g
        for g in comparison.gaps
        if g.criterion == "rings_before_answer" and g.touchpoint == "phone"
    )
    assert rings.kind is GapKind.BEHIND_COMPETITOR
    assert rings.competitor == "VenaCare Clinic"
    assert "ours 3 rings" in rings.message
    assert "VenaCare Clinic 1 ring " in rings.message  # one ring, not "1 rings"
    assert rings.impact > 0


def test_behind_gap_impact_equals_the_overall_gained_by_matching_their_score() -> None:
    from touchaudit.scoring.results import CriterionScore
    from touchaudit.scoring.score import touchpoint_score

    comparison = compare_files(CONTACTS_ONLY, [MANY_TOUCHPOINTS])
    ours = comparison.ours.card
    gap = next(g for g in comparison.gaps if g.criterion == "sales_script")
    row = next(r for r in comparison.criteria if r.criterion.id == "sales_script")
    phone = ours.touchpoint("phone")
    assert phone is not None
    rescored = [
        CriterionScore.of(c.criterion, c.measurement, row.theirs_score)
        if c.id == "sales_script"
        else c
        for c in phone.criteria
    ]
    new_phone, _ = touchpoint_score(rescored)
    assert new_phone is not None
    others = [t for t in ours.touchpoints if t.id != "phone" and t.score is not None]
    total = sum(t.score * t.weight for t in others if t.score is not None)
    weights = sum(t.weight for t in others)
    weights += sum(i.weight for i in ours.missing) + sum(t.weight for t in ours.absent)
    after = (total + new_phone * phone.weight) / (weights + phone.weight)
    assert ours.score is not None
    assert gap.impact == pytest.approx(after - ours.score)


def test_a_criterion_only_they_measured_is_flagged() -> None:
    comparison = compare_files(CONTACTS_ONLY, [MANY_TOUCHPOINTS])
    fields = next(r for r in comparison.criteria if r.criterion.id == "lead_form_fields")
    assert fields.flag is CriterionFlag.ONLY_THEIRS
    assert fields.delta is None


# --------------------------------------------------------------------------- before / after


def test_before_and_after_shows_each_improved_criterion_with_its_delta() -> None:
    data = compare_json(AFTER, BEFORE, "--label", "after", "--label", "before")
    assert data["ours"]["label"] == "after"
    rows = {(r["touchpoint"], r["criterion"]): r for r in data["criteria"]}
    load = rows[("website", "load_time")]
    assert load["ours"]["shown"] == "2.4 s"
    assert load["theirs"]["shown"] == "5.2 s"
    assert load["delta"] > 0  # a better score after the work
    assert load["value_delta"] == pytest.approx(-2.8)
    delivery = rows[("delivery", "delivery_time")]
    assert delivery["ours"]["shown"] == "3 d"
    assert delivery["theirs"]["shown"] == "7 d"
    improved = [r for r in data["criteria"] if r["delta"] is not None and r["delta"] > 0]
    assert len(improved) >= 40
    # The chatbot is new: an advantage of "after" over "before".
    assert [a["touchpoint"] for a in data["advantages"] if a["kind"] == "touchpoint"] == ["chatbot"]


def test_the_table_shows_the_deltas_with_their_labels() -> None:
    result = run("compare", AFTER, BEFORE, "--label", "after", "--label", "before")
    assert result.exit_code == 0, result.output
    assert "after compared with before" in result.stdout
    assert "Page load time" in result.stdout
    assert "+27.4" in result.stdout


def test_markdown_format() -> None:
    result = run("compare", CONTACTS_ONLY, MANY_TOUCHPOINTS, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "### What VenaCare Clinic has and Vein Line Medical Centre lacks" in result.stdout
    assert "| Call-back request | feature | website |" in result.stdout


# --------------------------------------------------------------------------- matching


def touchpoints(text: str) -> tuple[TouchpointScore, ...]:
    loaded, problems = parse_audit(textwrap.dedent(text), "audit.yaml")
    assert loaded is not None, problems
    return score_audit(loaded).touchpoints


def test_touchpoints_match_by_id_first_then_by_channel_one_to_one() -> None:
    ours = touchpoints(
        """\
        touchaudit: 1
        company: Ours
        touchpoints:
          site: {channel: website}
          hotline: {channel: phone}
          sales_line: {channel: phone}
          shop: {channel: store}
        """
    )
    theirs = touchpoints(
        """\
        touchaudit: 1
        company: Theirs
        touchpoints:
          main_number: {channel: phone}
          site: {channel: landing_page}
          second_number: {channel: phone}
          third_number: {channel: phone}
          chat: {channel: live_chat}
        """
    )
    pairs = [(m.ours.id, m.theirs.id, m.by) for m in match_touchpoints(ours, theirs, "Theirs")]
    assert pairs == [
        ("site", "site", MatchedBy.ID),  # same id, even on another channel
        ("hotline", "main_number", MatchedBy.CHANNEL),  # first unmatched phone, in file order
        ("sales_line", "second_number", MatchedBy.CHANNEL),
    ]


def test_unmatched_touchpoints_are_missing_or_advantages(tmp_path: Path) -> None:
    ours = write(
        tmp_path,
        "ours.yaml",
        """\
        touchaudit: 1
        company: Ours
        touchpoints:
          hotline: {channel: phone, criteria: {answer_time: 10 s}}
          shop: {channel: store, criteria: {wait_time: 3 min}}
        """,
    )
    theirs = write(
        tmp_path,
        "theirs.yaml",
        """\
        touchaudit: 1
        company: Theirs
        touchpoints:
          phone: {channel: phone, criteria: {answer_time: 5 s}}
          phone_2: {channel: phone, criteria: {answer_time: 50 s}}
          chat: {channel: live_chat, criteria: {first_reply_time: 10 s}}
        """,
    )
    comparison = compare_files(ours, [theirs])
    assert [(m.touchpoint, m.channel_missing) for m in comparison.missing] == [
        ("phone_2", False),
        ("chat", True),
    ]
    assert [a.touchpoint for a in comparison.advantages] == ["shop"]
    assert all(m.kind is PresenceKind.TOUCHPOINT for m in comparison.missing)


# --------------------------------------------------------------------------- one threshold


OURS_STRICT = """\
    touchaudit: 1
    company: Ours
    criteria:
      rings_before_answer: {good: 1, poor: 3}
    touchpoints:
      phone:
        channel: phone
        criteria: {rings_before_answer: 2, answer_time: 10 s}
    """

THEIRS_LENIENT = """\
    touchaudit: 1
    company: Theirs
    criteria:
      rings_before_answer: {good: 3, poor: 6}
      answer_time: {unit: min}
      parking:
        channel: store
        type: boolean
    touchpoints:
      phone:
        channel: phone
        criteria: {rings_before_answer: 2, answer_time: 10}
      office:
        channel: store
        criteria: {parking: yes}
    """


def test_a_competitor_is_scored_with_our_thresholds_and_we_are_told(tmp_path: Path) -> None:
    ours = write(tmp_path, "ours.yaml", OURS_STRICT)
    theirs = write(tmp_path, "theirs.yaml", THEIRS_LENIENT)
    comparison = compare_files(ours, [theirs])
    phone = comparison.theirs[0].card.touchpoint("phone")
    assert phone is not None
    rings = next(c for c in phone.criteria if c.id == "rings_before_answer")
    mine = comparison.ours.card.touchpoint("phone")
    assert mine is not None
    # The same 2 rings score the same on both sides: their lenient thresholds do not apply.
    assert rings.score == next(c.score for c in mine.criteria if c.id == "rings_before_answer")
    assert rings.criterion.good == 1
    # Their bare number is read in OUR unit (seconds), not in the minutes their file sets.
    answer = next(c for c in phone.criteria if c.id == "answer_time")
    assert answer.value == 10
    codes = [(w.code, w.path, w.severity) for w in comparison.warnings]
    assert codes == [
        ("threshold-differs", "criteria.rings_before_answer", "warning"),
        ("threshold-differs", "criteria.answer_time", "warning"),
    ]
    assert "good 3, poor 6" in comparison.warnings[0].message
    assert "good 1, poor 3" in comparison.warnings[0].message
    # Their custom criterion, which we lack, is added.
    office = comparison.theirs[0].card.touchpoint("office")
    assert office is not None
    assert office.score == 100


def test_threshold_warnings_go_to_stderr_and_into_json(tmp_path: Path) -> None:
    ours = write(tmp_path, "ours.yaml", OURS_STRICT)
    theirs = write(tmp_path, "theirs.yaml", THEIRS_LENIENT)
    result = run("compare", ours, theirs, "--format", "json")
    assert result.exit_code == 0, result.output
    assert "threshold-differs" in result.stderr
    data = json.loads(result.stdout)
    assert [w["line"] for w in data["warnings"]] == [4, 5]


def test_the_same_overrides_on_both_sides_give_no_warning() -> None:
    comparison = compare_files(CONTACTS_ONLY, [MANY_TOUCHPOINTS])
    assert comparison.warnings == ()


# --------------------------------------------------------------------------- exit codes


def test_exit_0_when_the_comparison_runs() -> None:
    assert run("compare", MANY_TOUCHPOINTS, CONTACTS_ONLY, "--fail-if-behind").exit_code == 0


def test_exit_1_with_fail_if_behind_when_a_competitor_scores_higher() -> None:
    result = run("compare", CONTACTS_ONLY, MANY_TOUCHPOINTS, "--fail-if-behind")
    assert result.exit_code == 1
    assert "is behind VenaCare Clinic (82.7)" in result.stderr


def test_exit_1_for_an_invalid_competitor_file_with_its_position(tmp_path: Path) -> None:
    broken = write(
        tmp_path,
        "broken.yaml",
        """\
        touchaudit: 1
        company: Broken
        touchpoints:
          phone: {channel: fone}
        """,
    )
    result = run("compare", CONTACTS_ONLY, broken)
    assert result.exit_code == 1
    assert f"{broken}:4:" in result.stderr
    assert "unknown channel 'fone'" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["compare", CONTACTS_ONLY],  # no competitor
        ["compare", CONTACTS_ONLY, "missing.yaml"],  # no such file
        ["compare", CONTACTS_ONLY, MANY_TOUCHPOINTS, "--label", "only-one"],  # labels != files
        ["compare", CONTACTS_ONLY, MANY_TOUCHPOINTS, "-l", "same", "-l", "same"],
        ["compare", CONTACTS_ONLY, MANY_TOUCHPOINTS, "--format", "pdf"],
    ],
)
def test_exit_2_for_usage_problems(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output


def test_several_competitors_each_get_their_own_lists() -> None:
    data = compare_json(CONTACTS_ONLY, MANY_TOUCHPOINTS, AFTER)
    assert [s["label"] for s in data["theirs"]] == ["VenaCare Clinic", "Realme (case study)"]
    competitors = {m["competitor"] for m in data["missing_touchpoints"]}
    assert competitors == {"VenaCare Clinic", "Realme (case study)"}
    assert data["behind"] == ["VenaCare Clinic", "Realme (case study)"]
