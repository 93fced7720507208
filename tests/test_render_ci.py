"""CI outputs: SARIF 2.1.0, JUnit XML, GitHub annotations and job summary, --output."""

from __future__ import annotations

import json
import os
import shutil
import stat
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from conftest import sarif_schema
from typer.testing import CliRunner

from touchaudit import __version__
from touchaudit.cli.app import FindingsFormat, ReportFormat, app
from touchaudit.library.rules import builtin_rules, rule_id
from touchaudit.render.registry import FINDINGS, REPORTS
from touchaudit.scoring.results import GapKind

AUDITS = Path(__file__).resolve().parents[1] / "audits"
BROKEN = """touchaudit: 1
company: Acme
touchpoints:
  website:
    channel: webstie
    criteria:
      load_time: -3 s
"""
SAMPLE = "electronics-after.yaml"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one valid and one broken audit, as the working folder."""
    shutil.copy(AUDITS / SAMPLE, tmp_path / "good.yaml")
    (tmp_path / "audits").mkdir()
    (tmp_path / "audits" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_every_format_choice_has_a_renderer() -> None:
    assert set(FINDINGS.formats) == {f.value for f in FindingsFormat}
    assert set(REPORTS) == {f.value for f in ReportFormat}  # score and compare


def test_every_gap_kind_is_a_rule() -> None:
    assert {rule_id(k.value) for k in GapKind} <= set(builtin_rules().rules)


# --------------------------------------------------------------------------- SARIF


def _check_sarif(log: Any) -> None:
    """The structure code scanning needs, and the official schema when it is installed."""
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("touchaudit", __version__)
    rule_ids = [r["id"] for r in driver["rules"]]
    for result in run_["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert location["region"]["startLine"] >= 1
        assert location["region"]["startColumn"] >= 1


def test_validate_sarif_locates_every_problem(workdir: Path) -> None:
    result = run("validate", "good.yaml", "audits", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    _check_sarif(log)
    results = log["runs"][0]["results"]
    found = [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in results
    ]
    assert found == [
        ("unknown-channel", "audits/broken.yaml", 5, 14),
        ("bad-value", "audits/broken.yaml", 7, 18),
    ]
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"
    assert {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]} == {
        "unknown-channel",
        "bad-value",
    }


def test_score_sarif_has_one_result_per_gap(workdir: Path) -> None:
    result = run("score", "good.yaml", "--format", "sarif")
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    _check_sarif(log)
    json_result = run("score", "good.yaml", "--format", "json")
    gaps = json.loads(json_result.stdout)["gaps"]
    results = log["runs"][0]["results"]
    assert len(results) == len(gaps)
    assert [r["properties"].get("criterion") for r in results] == [g["criterion"] for g in gaps]
    assert {r["ruleId"] for r in results} <= {rule_id(k.value) for k in GapKind}
    # A measured criterion is located at its value in the file.
    first = next(r for r in results if r["ruleId"] == "below-good")
    line = first["locations"][0]["physicalLocation"]["region"]["startLine"]
    text = (workdir / "good.yaml").read_text(encoding="utf-8").splitlines()[line - 1]
    assert first["properties"]["criterion"] in text


@pytest.mark.parametrize("command", ["validate", "score"])
def test_sarif_matches_the_official_schema(workdir: Path, command: str) -> None:
    schema = sarif_schema()
    import jsonschema

    files = ["good.yaml", "audits/broken.yaml"] if command == "validate" else ["good.yaml"]
    result = run(command, *files, "--format", "sarif")
    errors = list(jsonschema.Draft4Validator(schema).iter_errors(json.loads(result.stdout)))
    assert errors == []


def test_score_sarif_of_several_audits_is_one_run_with_each_audits_results_in_order(
    workdir: Path,
) -> None:
    import jsonschema

    for sample in ("clinic-contacts-only.yaml", "electronics-before.yaml"):
        shutil.copy(AUDITS / sample, workdir / sample)
    files = ["good.yaml", "clinic-contacts-only.yaml", "electronics-before.yaml"]
    log = json.loads(run("score", *files, "--format", "sarif", "--jobs", "2").stdout)
    _check_sarif(log)
    assert list(jsonschema.Draft4Validator(sarif_schema()).iter_errors(log)) == []
    (only_run,) = log["runs"]
    rules = [rule["id"] for rule in only_run["tool"]["driver"]["rules"]]
    results = only_run["results"]
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in results)
    expected = []
    for file in files:
        gaps = json.loads(run("score", file, "--format", "json").stdout)["gaps"]
        expected += [(file, g["criterion"]) for g in gaps]
    located = [
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["properties"])
        for r in results
    ]
    assert [(uri, p.get("criterion")) for uri, p in located] == expected


# --------------------------------------------------------------------------- JUnit


def test_validate_junit_has_one_case_per_file(workdir: Path) -> None:
    result = run("validate", "good.yaml", "audits", "--format", "junit")
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "2", "1")
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {"good.yaml", os.path.join("audits", "broken.yaml")}
    assert cases["good.yaml"].find("failure") is None
    failure = cases[os.path.join("audits", "broken.yaml")].find("failure")
    assert failure is not None
    assert failure.get("message", "").startswith("2 errors; first: ")
    assert "audits/broken.yaml:5:14: unknown channel 'webstie'" in (failure.text or "")
    assert "[bad-value]" in (failure.text or "")


def test_score_junit_fails_the_files_below_the_gate(workdir: Path) -> None:
    passed = ET.fromstring(run("score", "good.yaml", "--format", "junit").stdout)
    assert passed.get("failures") == "0"
    case = next(passed.iter("testcase"))
    assert "overall" in (case.findtext("system-out") or "")

    result = run("score", "good.yaml", "--format", "junit", "--fail-under", "99")
    assert result.exit_code == 1
    failed = ET.fromstring(result.stdout)
    assert failed.get("failures") == "1"
    failure = next(failed.iter("failure"))
    assert failure.get("message", "").endswith("is below 99")
    assert "+" in (failure.text or "")  # the gaps, by impact


def test_score_junit_is_red_when_the_baseline_gate_fails_the_run(workdir: Path) -> None:
    # good.yaml is electronics-after; the "before" audit scores far below it.
    shutil.copy(AUDITS / "electronics-before.yaml", workdir / "before.yaml")
    args = ("score", "before.yaml", "--format", "junit", "--baseline", "good.yaml")
    result = run(*args, "--max-drop", "5")
    assert result.exit_code == 1
    report = ET.fromstring(result.stdout)
    assert report.get("failures") == "1"
    failure = next(report.iter("failure"))
    assert failure.get("message", "").startswith("overall score dropped")
    assert "+" in (failure.text or "")  # the gaps, by impact
    both = ET.fromstring(run(*args, "--max-drop", "5", "--fail-under", "99").stdout)
    message = next(both.iter("failure")).get("message", "")
    assert "is below 99" in message
    assert "dropped" in message
    allowed = run(*args, "--max-drop", "100")
    assert allowed.exit_code == 0
    assert ET.fromstring(allowed.stdout).get("failures") == "0"


def test_junit_escapes_what_xml_cannot_hold() -> None:
    from touchaudit.render.junit import Case, render

    text = render("s", [Case('a<b>&"\x0b\udcff', "c", "fail <here>", "x\x00y")])
    root = ET.fromstring(text)  # parses: nothing invalid left
    case = next(root.iter("testcase"))
    # A control character becomes U+FFFD; a lone surrogate (a byte that is not UTF-8) is
    # spelled as in the JSON outputs.
    assert case.get("name") == 'a<b>&"\ufffd\\udcff'
    assert next(root.iter("failure")).text == "x\ufffdy"


# --------------------------------------------------------------------------- GitHub


def test_score_github_annotates_gaps_at_their_lines(workdir: Path) -> None:
    result = run("score", "good.yaml", "--format", "github")
    lines = result.stdout.splitlines()
    assert lines
    assert all(line.startswith(("::warning file=good.yaml,line=", "::notice ")) for line in lines)


def test_a_failed_gate_is_an_error_annotation_in_github(workdir: Path) -> None:
    # The step goes red: the annotations say why, beside the gaps, as SARIF's results do.
    shutil.copy(AUDITS / "electronics-before.yaml", workdir / "before.yaml")
    shutil.copy(AUDITS / "clinic-contacts-only.yaml", workdir / "few.yaml")
    shutil.copy(AUDITS / "clinic-many-touchpoints.yaml", workdir / "many.yaml")
    below = run("score", "before.yaml", "--format", "github", "--fail-under", "99")
    assert below.exit_code == 1
    errors = [line for line in below.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1
    assert errors[0].startswith("::error file=before.yaml,line=")
    assert "title=touchaudit gate-fail-under::overall" in errors[0]
    assert errors[0].endswith("is below 99")

    dropped = run(
        "score", "before.yaml", "-f", "github", "--baseline", "good.yaml", "--max-drop", "5"
    )
    assert dropped.exit_code == 1
    drops = [line for line in dropped.stdout.splitlines() if "gate-max-drop" in line]
    assert drops
    assert all(line.startswith("::error file=before.yaml") for line in drops)
    assert "overall score dropped" in drops[0]

    behind = run("compare", "few.yaml", "many.yaml", "-f", "github", "--fail-if-behind")
    assert behind.exit_code == 1
    assert [line for line in behind.stdout.splitlines() if "gate-behind-competitor" in line]
    passing = run("score", "good.yaml", "-f", "github", "--fail-under", "10")
    assert passing.exit_code == 0
    assert "::error" not in passing.stdout


def test_score_appends_its_summary_to_the_job_summary(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = workdir / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("score", "good.yaml", "--format", "json", "--fail-under", "99")
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n")  # appended, not overwritten
    assert "❌ **touchaudit gate**: 1 of 1 below 99" in text
    assert "## Realme (case study)" in text
    json.loads(result.stdout)  # stdout still holds only the JSON


def test_the_job_summary_gives_the_baseline_gates_verdict(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = workdir / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    shutil.copy(AUDITS / "electronics-before.yaml", workdir / "before.yaml")
    dropped = run(
        "score", "before.yaml", "-f", "json", "--baseline", "good.yaml", "--max-drop", "5"
    )
    assert dropped.exit_code == 1
    assert "❌ **touchaudit gate**: before.yaml: overall score dropped" in summary.read_text(
        encoding="utf-8"
    )
    summary.unlink()
    kept = run("score", "good.yaml", "-f", "json", "--baseline", "before.yaml", "--max-drop", "5")
    assert kept.exit_code == 0
    verdict = "✅ **touchaudit gate**: no score dropped more than 5 against `before.yaml`"
    assert verdict in summary.read_text(encoding="utf-8")


def test_an_unwritable_job_summary_is_only_a_warning(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(workdir / "missing" / "summary.md"))
    result = run("score", "good.yaml", "--format", "json")
    assert result.exit_code == 0
    assert "warning: cannot append to GITHUB_STEP_SUMMARY" in result.stderr


# --------------------------------------------------------------------------- --output


@pytest.mark.parametrize(
    ("command", "fmt"),
    [(c, f.value) for f in FindingsFormat for c in ["validate"]]
    + [(c, f.value) for f in ReportFormat for c in ["score"]],
)
def test_output_writes_every_format_to_a_file(workdir: Path, command: str, fmt: str) -> None:
    out = workdir / "reports" / f"out.{fmt}"
    out.parent.mkdir()
    result = run(command, "good.yaml", "--format", fmt, "--output", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") or command == "validate"
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left
    assert "\x1b[" not in out.read_text(encoding="utf-8")  # no colour codes in a file


def test_output_replaces_a_file_and_keeps_its_mode(workdir: Path) -> None:
    out = workdir / "report.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    assert run("score", "good.yaml", "-f", "json", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["company"] == "Realme (case study)"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


@pytest.mark.parametrize("command", ["validate", "score"])
def test_output_never_overwrites_an_input(workdir: Path, command: str) -> None:
    before = (workdir / "good.yaml").read_bytes()
    result = run(command, "good.yaml", "--format", "json", "--output", "./good.yaml")
    assert result.exit_code == 2
    assert "is one of the input files" in result.stderr
    assert (workdir / "good.yaml").read_bytes() == before


def test_output_into_a_missing_folder_is_a_usage_error(workdir: Path) -> None:
    result = run("validate", "good.yaml", "--output", "nowhere/out.txt")
    assert result.exit_code == 2
    assert "cannot write --output nowhere/out.txt" in result.stderr


def test_one_module_writes_output_files() -> None:
    # validate/score/compare --output, report -o (and its PDF) and init -o share output.py:
    # one atomic write, one refusal of inputs, one exit code for an unwritable path.
    package = Path(__file__).resolve().parents[1] / "touchaudit"
    calls = ("os.replace(", "mkstemp(", "os.rename(")
    writers = {
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if any(call in p.read_text(encoding="utf-8") for call in calls)
    }
    assert writers == {"render/output.py"}


@pytest.mark.parametrize("audit", sorted(p.name for p in AUDITS.glob("*.yaml")))
def test_score_sarif_fingerprints_tell_every_gap_apart(
    workdir: Path, audit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Gaps at no touchpoint (an empty stage, a journey item missing) share a path: their
    # stages and recommendation keep them apart, or code scanning would merge them.
    monkeypatch.chdir(AUDITS)
    log = json.loads(run("score", audit, "--format", "sarif").stdout)
    prints = [r["partialFingerprints"]["touchauditDataPath/v1"] for r in log["runs"][0]["results"]]
    assert len(prints) == len(set(prints))
