"""`touchaudit compare` in CI: SARIF, GitHub annotations, JUnit, --output and the job summary.

SARIF and annotations hold the comparison's gaps (ours, behind a competitor, a touchpoint it has)
located in OUR file; JUnit has one test case per competitor, red exactly when --fail-if-behind
exits 1 because of it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from conftest import sarif_schema
from typer.testing import CliRunner

from touchaudit.cli.app import ReportFormat, app

AUDITS = Path(__file__).resolve().parents[1] / "audits"
CONTACTS_ONLY = "audits/clinic-contacts-only.yaml"  # 16.3
MANY_TOUCHPOINTS = "audits/clinic-many-touchpoints.yaml"  # 82.7
BEFORE = "audits/electronics-before.yaml"  # 38.6
AFTER = "audits/electronics-after.yaml"


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample audits, under the working folder (SARIF paths are relative to it)."""
    shutil.copytree(AUDITS, tmp_path / "audits")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Any:
    return CliRunner().invoke(app, ["compare", *args])


def gaps_of(*args: str) -> list[dict[str, Any]]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    gaps: list[dict[str, Any]] = json.loads(result.stdout)["gaps"]
    return gaps


# --------------------------------------------------------------------------- SARIF


def test_sarif_has_one_result_per_gap_located_in_our_file() -> None:
    result = run(CONTACTS_ONLY, MANY_TOUCHPOINTS, "--format", "sarif")
    assert result.exit_code == 0, result.output
    results = json.loads(result.stdout)["runs"][0]["results"]
    gaps = gaps_of(CONTACTS_ONLY, MANY_TOUCHPOINTS)
    assert [r["ruleId"] for r in results] == [g["kind"].replace("_", "-") for g in gaps]
    assert {r["ruleId"] for r in results} >= {"behind-competitor", "missing-touchpoint"}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {CONTACTS_ONLY}
    behind = next(r for r in results if r["ruleId"] == "behind-competitor")
    assert behind["properties"]["competitor"] == "VenaCare Clinic"
    line = behind["locations"][0]["physicalLocation"]["region"]["startLine"]
    text = Path(CONTACTS_ONLY).read_text(encoding="utf-8").splitlines()[line - 1]
    assert behind["properties"]["criterion"] in text  # at our value of that criterion
    missing = next(r for r in results if r["ruleId"] == "missing-touchpoint")
    assert missing["level"] == "warning"
    assert "VenaCare Clinic has" in missing["message"]["text"]


@pytest.mark.parametrize(
    "args",
    [
        [CONTACTS_ONLY, MANY_TOUCHPOINTS, AFTER],  # the same criterion behind two competitors
        [BEFORE, AFTER],
    ],
)
def test_sarif_fingerprints_tell_every_gap_apart(args: list[str]) -> None:
    # Code scanning merges results with one fingerprint: each missing touchpoint, each
    # competitor's "behind" gap on one criterion, must be an alert of its own.
    log = json.loads(run(*args, "--format", "sarif").stdout)
    prints = [r["partialFingerprints"]["touchauditDataPath/v1"] for r in log["runs"][0]["results"]]
    assert len(prints) == len(set(prints))


def test_sarif_matches_the_official_schema() -> None:
    schema = sarif_schema()
    import jsonschema

    log = json.loads(run(CONTACTS_ONLY, MANY_TOUCHPOINTS, "--format", "sarif").stdout)
    assert list(jsonschema.Draft4Validator(schema).iter_errors(log)) == []


# --------------------------------------------------------------------------- GitHub


def test_github_annotates_our_file_at_the_gaps() -> None:
    result = run(CONTACTS_ONLY, MANY_TOUCHPOINTS, "--format", "github")
    head, *lines = result.stdout.splitlines()
    # First our score beside theirs, each with its range; then one annotation per gap.
    assert head.startswith(f"::notice file={CONTACTS_ONLY},title=touchaudit score::Overall 15.4")
    assert "; VenaCare Clinic: 82.7, range 58.8–84.9" in head
    assert len(lines) == len(gaps_of(CONTACTS_ONLY, MANY_TOUCHPOINTS))
    assert all(
        line.startswith(f"::warning file={CONTACTS_ONLY},line=") or "::notice" in line
        for line in lines
    )
    assert any("title=touchaudit behind-competitor::" in line for line in lines)
    assert any("title=touchaudit missing-touchpoint::" in line for line in lines)


# --------------------------------------------------------------------------- JUnit


def cases(text: str) -> dict[str, ET.Element]:
    return {c.get("name", ""): c for c in ET.fromstring(text).iter("testcase")}


def test_junit_has_one_case_per_competitor_red_only_behind_the_gate() -> None:
    # Each side counts a 0 for every touchpoint the other has and it lacks: ours (24.1) is
    # ahead of the contacts-only clinic (14.2), behind the other one (71.5).
    args = [BEFORE, CONTACTS_ONLY, MANY_TOUCHPOINTS, "--format", "junit"]
    without = run(*args)
    assert without.exit_code == 0
    assert ET.fromstring(without.stdout).get("failures") == "0"
    assert set(cases(without.stdout)) == {
        "Realme (case study) vs Vein Line Medical Centre",
        "Realme (case study) vs VenaCare Clinic",
    }

    gated = run(*args, "--fail-if-behind")
    assert gated.exit_code == 1
    root = ET.fromstring(gated.stdout)
    assert (root.get("tests"), root.get("failures")) == ("2", "1")
    found = cases(gated.stdout)
    assert found["Realme (case study) vs Vein Line Medical Centre"].find("failure") is None
    failure = found["Realme (case study) vs VenaCare Clinic"].find("failure")
    assert failure is not None
    # VenaCare is scored with our thresholds here (no clinic override of rings_before_answer).
    message = failure.get("message", "")
    assert message == "Realme (case study) (24.1) is behind VenaCare Clinic (71.5)"
    assert "VenaCare Clinic has" in (failure.text or "")  # the gaps against it, by impact


def test_junit_is_green_when_the_gate_passes() -> None:
    result = run(MANY_TOUCHPOINTS, CONTACTS_ONLY, "--format", "junit", "--fail-if-behind")
    assert result.exit_code == 0
    assert ET.fromstring(result.stdout).get("failures") == "0"


# --------------------------------------------------------------------------- --output


@pytest.mark.parametrize("fmt", [f.value for f in ReportFormat])
def test_output_writes_every_format_to_a_file(workdir: Path, fmt: str) -> None:
    out = workdir / "reports" / f"compare.{fmt}"
    out.parent.mkdir()
    result = run(AFTER, BEFORE, "--format", fmt, "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text
    assert "\x1b[" not in text
    assert [p.name for p in out.parent.iterdir()] == [out.name]


@pytest.mark.parametrize("target", [AFTER, "./" + BEFORE])
def test_output_never_overwrites_an_input(target: str) -> None:
    before = Path(target).read_bytes()
    result = run(AFTER, BEFORE, "--format", "json", "--output", target)
    assert result.exit_code == 2
    assert "is one of the input files" in result.stderr
    assert Path(target).read_bytes() == before


# --------------------------------------------------------------------------- job summary


def test_the_job_summary_gets_the_comparison_and_the_gate(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = workdir / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run(CONTACTS_ONLY, MANY_TOUCHPOINTS, "--format", "sarif", "--fail-if-behind")
    assert result.exit_code == 1
    json.loads(result.stdout)  # stdout holds only the SARIF
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n")
    assert "❌ **touchaudit gate**: Vein Line Medical Centre (15.4) is behind VenaCare" in text
    assert text.count("## Vein Line Medical Centre compared with VenaCare Clinic") == 1

    summary.write_text("", encoding="utf-8")
    assert run(MANY_TOUCHPOINTS, CONTACTS_ONLY, "--fail-if-behind").exit_code == 0
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("✅ **touchaudit gate**: VenaCare Clinic (82.7) is not behind Vein")


def test_no_job_summary_without_github(workdir: Path) -> None:
    assert run(AFTER, BEFORE, "--format", "markdown").exit_code == 0
    assert sorted(p.name for p in workdir.iterdir()) == ["audits"]


def test_output_to_the_job_summary_is_written_once(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = workdir / "summary.md"
    summary.write_text("", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run(AFTER, BEFORE, "--format", "markdown", "--output", str(summary))
    assert result.exit_code == 0
    assert summary.read_text(encoding="utf-8").count("compared with") == 1


@pytest.mark.parametrize("command", [["compare", AFTER, BEFORE], ["score", AFTER]])
def test_stdout_appended_to_the_job_summary_is_written_once(
    workdir: Path, command: list[str]
) -> None:
    # The old recipe, `touchaudit ... --format markdown >> "$GITHUB_STEP_SUMMARY"`, still
    # gives one copy: touchaudit sees that its stdout is that file and appends nothing more.
    summary = workdir / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary), "PATH": "", "NO_COLOR": "1"}
    with summary.open("a", encoding="utf-8") as out:
        done = subprocess.run(
            [sys.executable, "-m", "touchaudit", *command, "--format", "markdown"],
            stdout=out,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    text = summary.read_text(encoding="utf-8")
    heading = "compared with" if command[0] == "compare" else "## Realme (case study)"
    assert text.count(heading) == 1
