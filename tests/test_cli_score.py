"""`touchaudit score` and `touchaudit criteria` as a consultant and a CI pipeline use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app

SAMPLE = Path(__file__).parent.parent / "audits" / "clinic-contacts-only.yaml"

AUDIT = """\
touchaudit: 1
company: Corner Shop
touchpoints:
  phone:
    channel: phone
    criteria:
      answer_time: 40 s
      hold_music: yes
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def audit(tmp_path: Path) -> Path:
    path = tmp_path / "shop.yaml"
    path.write_text(AUDIT, encoding="utf-8")
    return path


def test_json_output_has_the_documented_keys(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(SAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    card = json.loads(result.stdout)
    for key in ("score", "coverage", "stages", "channels", "touchpoints", "gaps"):
        assert key in card
    criterion = card["touchpoints"][0]["criteria"][0]
    assert set(criterion) >= {"id", "value", "unit", "score", "band"}
    gap = card["gaps"][0]
    assert set(gap) >= {"touchpoint", "criterion", "kind", "impact", "message", "recommendation"}
    impacts = [g["impact"] for g in card["gaps"]]
    assert impacts == sorted(impacts, reverse=True)


def test_json_says_where_each_value_comes_from_when_the_file_does(
    runner: CliRunner, tmp_path: Path
) -> None:
    # A consultant's script must be able to show the evidence behind a number, as reports do.
    path = tmp_path / "shop.yaml"
    path.write_text(
        "touchaudit: 1\ncompany: Corner Shop\naudited_on: 2026-06-01\n"
        "touchpoints:\n  phone:\n    channel: phone\n    criteria:\n"
        "      answer_time: {value: 40 s, note: 'a Monday, 10:00', evidence: calls.mp3,"
        " measured_on: 2025-01-10}\n"
        "      hold_music: yes\n"
        "      hold_time: {samples: [10 s, 30 s, 20 s]}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["score", str(path), "--format", "json"])
    criteria = {c["id"]: c for c in json.loads(result.stdout)["touchpoints"][0]["criteria"]}
    answer = criteria["answer_time"]
    assert answer["note"] == "a Monday, 10:00"
    assert answer["evidence"] == "calls.mp3"
    assert (answer["measured_on"], answer["stale"]) == ("2025-01-10", True)
    assert criteria["hold_time"]["samples"].startswith("median of 3")
    provenance = {"note", "evidence", "samples", "measured_on", "stale"}
    assert not provenance & set(criteria["hold_music"])


def test_numbers_are_rounded_to_one_decimal_in_json(runner: CliRunner, audit: Path) -> None:
    card = json.loads(runner.invoke(app, ["score", str(audit), "--format", "json"]).stdout)
    score = card["touchpoints"][0]["criteria"][0]["score"]
    assert score == round(score, 1)


def test_table_shows_overall_stages_and_top_gaps(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(SAMPLE)])
    assert result.exit_code == 0
    assert "Overall score" in result.stdout
    assert "By stage" in result.stdout
    assert "Action plan (first 10 of" in result.stdout
    assert "To measure (first" in result.stdout


def test_markdown_is_a_set_of_tables(runner: CliRunner, audit: Path) -> None:
    result = runner.invoke(app, ["score", str(audit), "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stdout.startswith("## Corner Shop")
    assert "| Stage | Score | Range | Band | Touchpoints |" in result.stdout


@pytest.mark.parametrize(("threshold", "code"), [("10", 0), ("99", 1)])
def test_fail_under_is_a_ci_gate(runner: CliRunner, audit: Path, threshold: str, code: int) -> None:
    # The shop measured 2 of 13 criteria: judged on its score alone only with --min-coverage 0.
    result = runner.invoke(
        app, ["score", str(audit), "--fail-under", threshold, "--min-coverage", "0"]
    )
    assert result.exit_code == code
    if code:
        assert "is below 99" in result.stderr


def test_a_provisional_score_fails_the_gate_whatever_it_is(runner: CliRunner, audit: Path) -> None:
    result = runner.invoke(app, ["score", str(audit), "--fail-under", "10"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"touchaudit: {audit}: coverage 12% is below the minimum 50%, so its score is "
        "provisional and cannot pass --fail-under: measure more criteria\n"
    )
    assert "provisional: coverage 12% is below the minimum 50%" in result.stdout


@pytest.mark.parametrize(
    ("flags", "code", "message"),
    [
        ([], 0, ""),
        # low = (68.2·3 + 100·1 + 0 · 21 unmeasured weight) / 25 = 12.2
        (["--strict"], 1, "the low end of the overall range (--strict) 9.2 is below 50"),
    ],
)
def test_strict_judges_the_low_end_of_the_range(
    runner: CliRunner, audit: Path, flags: list[str], code: int, message: str
) -> None:
    args = ["score", str(audit), "--fail-under", "50", "--min-coverage", "10", *flags]
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr


def test_an_invalid_audit_exits_1_with_its_position(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(AUDIT.replace("40 s", "soon"), encoding="utf-8")
    result = runner.invoke(app, ["score", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:7:20:" in result.stderr
    assert "Traceback" not in result.output


def test_settings_file_sets_the_gate_and_flags_win(
    runner: CliRunner, audit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".touchaudit.yaml").write_text(
        "fail_under: 99\nmin_coverage: 0\n", encoding="utf-8"
    )
    work = tmp_path / "sub"
    work.mkdir()
    monkeypatch.chdir(work)  # the settings are found in a parent folder
    assert runner.invoke(app, ["score", str(audit)]).exit_code == 1
    assert runner.invoke(app, ["score", str(audit), "--fail-under", "5"]).exit_code == 0


def test_a_huge_max_bytes_setting_is_a_usage_error(
    runner: CliRunner, audit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".touchaudit.yaml").write_text("max_bytes: 1" + "0" * 30 + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["score", str(audit)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"touchaudit: error: {tmp_path / '.touchaudit.yaml'}: setting 'max_bytes': "
        "Input should be less than or equal to 1099511627776"
    ]


def test_pyproject_table_names_the_profile(
    runner: CliRunner, audit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "house.yaml").write_text(
        "criteria:\n  answer_time: {good: 60, poor: 120}\n", encoding="utf-8"
    )
    (tmp_path / "pyproject.toml").write_text(
        '[tool.touchaudit]\nprofile = "house.yaml"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    card = json.loads(runner.invoke(app, ["score", str(audit), "--format", "json"]).stdout)
    answer = card["touchpoints"][0]["criteria"][0]
    assert answer["id"] == "answer_time"
    assert answer["score"] > 90  # 40 s is better than the house's good threshold of 60 s


def test_profile_flag_applies_house_thresholds(
    runner: CliRunner, audit: Path, tmp_path: Path
) -> None:
    profile = tmp_path / "strict.yaml"
    profile.write_text("criteria:\n  answer_time: {good: 5, poor: 10}\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(audit), "--profile", str(profile), "-f", "json"])
    answer = json.loads(result.stdout)["touchpoints"][0]["criteria"][0]
    assert answer["band"] == "poor"


def test_criteria_lists_thresholds_with_sources(runner: CliRunner) -> None:
    result = runner.invoke(app, ["criteria", "--channel", "phone", "--format", "json"])
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert {"answer_time", "rings_before_answer", "hold_music"} <= {c["id"] for c in items}
    assert all(c["source"] for c in items)
    assert all("phone" in c["channels"] for c in items)


def test_criteria_for_an_unknown_channel_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["criteria", "--channel", "webiste"])
    assert result.exit_code == 2
    assert "did you mean 'website'" in result.stderr


@pytest.mark.parametrize("output_format", ["json", "markdown"])
def test_stdout_and_output_file_give_the_same_bytes(
    runner: CliRunner, tmp_path: Path, output_format: str
) -> None:
    # stdout renders in workers (batch.py); --output renders in process: one result either way.
    samples = sorted(str(p) for p in SAMPLE.parent.glob("*.yaml"))
    out = tmp_path / f"cards.{output_format}"
    streamed = runner.invoke(app, ["score", *samples, "-f", output_format])
    written = runner.invoke(app, ["score", *samples, "-f", output_format, "--output", str(out)])
    assert streamed.exit_code == written.exit_code == 0
    assert streamed.stdout == out.read_text(encoding="utf-8")
