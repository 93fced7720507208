"""SARIF that GitHub code scanning accepts: the properties its documentation requires, asserted
beside the OASIS schema (tests/test_render_ci.py, tests/test_compare_ci.py).

GitHub's requirements, from "SARIF support for code scanning"
(https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning)
and the rules `sarif-multitool validate --rule-kind Gh` applies (GH1001-GH2012): every rule has
an id, a name (not its id), short and full descriptions of at most 1,024 characters and `help`;
every result names its rule and has a message and one location with a line; relative URIs
name a base (`%SRCROOT%`) the run defines.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.library.rules import RULE_ID, builtin_rules, rule_id
from touchaudit.reading.errors import Code
from touchaudit.render.findings import GATE_BEHIND_COMPETITOR, GATE_FAIL_UNDER, GATE_MAX_DROP
from touchaudit.scoring.results import GapKind

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SAMPLES = sorted(str(p) for p in (ROOT / "audits").glob("*.yaml"))
BAD = sorted(str(p) for p in (TESTS / "corpus" / "bad").glob("*.yaml"))
CONTACTS_ONLY = str(ROOT / "audits" / "clinic-contacts-only.yaml")
MANY_TOUCHPOINTS = str(ROOT / "audits" / "clinic-many-touchpoints.yaml")
ELECTRONICS_BEFORE = str(ROOT / "audits" / "electronics-before.yaml")
ELECTRONICS_AFTER = str(ROOT / "audits" / "electronics-after.yaml")
LEVELS = {"error", "warning", "note"}


def sarif(*args: str, code: int | None = None) -> Any:
    result = CliRunner().invoke(app, [*args, "--format", "sarif"])
    assert result.exit_code in ((0, 1) if code is None else (code,)), result.output
    return json.loads(result.stdout)


def github_problems(log: Any) -> list[str]:
    """What code scanning refuses or shows badly, as 'where: what'; empty when it accepts all."""
    problems: list[str] = []

    def need(ok: object, where: str, what: str) -> None:
        if not ok:
            problems.append(f"{where}: {what}")

    need(log.get("$schema"), "log", "no $schema")
    need(log.get("version") == "2.1.0", "log", "version is not 2.1.0")
    need(0 < len(log["runs"]) <= 20, "log", "1 to 20 runs")
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        need(driver.get("name"), "driver", "no name")
        need(driver.get("semanticVersion"), "driver", "no semanticVersion")
        need(
            str(driver.get("informationUri", "")).startswith("https://"),
            "driver",
            "no informationUri",
        )
        rules = driver["rules"]
        need(len(rules) <= 25_000, "driver", "over 25,000 rules")
        for rule in rules:
            problems += _rule_problems(rule)
        bases = run.get("originalUriBaseIds", {})
        for base in bases.values():
            need(base["uri"].startswith("file://") and base["uri"].endswith("/"), "base", base)
        for index, result in enumerate(run["results"]):
            where = f"result {index}"
            rule = rules[result["ruleIndex"]]
            need(rule["id"] == result["ruleId"], where, "ruleIndex names another rule")
            need(result["message"]["text"].strip(), where, "no message")
            need(result["level"] in LEVELS, where, "bad level")
            need(len(result["locations"]) == 1, where, "not one location")
            physical = result["locations"][0]["physicalLocation"]
            artifact = physical["artifactLocation"]
            uri = artifact["uri"]
            need(uri, where, "no uri")
            if not uri.startswith("file://"):
                need(not uri.startswith("/") and ":" not in uri.split("/")[0], where, "bad uri")
                need(artifact.get("uriBaseId") in bases, where, "relative uri without its base")
            need(physical["region"]["startLine"] >= 1, where, "no line")
    return problems


def _rule_problems(rule: dict[str, Any]) -> list[str]:
    where = f"rule {rule.get('id')}"
    checks = [
        (re.match(RULE_ID, rule["id"]), "id not in words joined by hyphens"),
        (rule.get("name") and len(rule["name"]) <= 255, "no name, or over 255"),
        (str(rule.get("name")).lower() != rule["id"].lower(), "name equal to id (SARIF1001)"),
        (re.fullmatch(r"([A-Z][a-z0-9]*)+", rule.get("name", "")), "name not PascalCase"),
        (0 < len(rule["shortDescription"]["text"]) <= 1024, "shortDescription"),
        (0 < len(rule.get("fullDescription", {}).get("text", "")) <= 1024, "fullDescription"),
        (rule.get("help", {}).get("text"), "no help.text (GH2012)"),
        (rule.get("help", {}).get("markdown"), "no help.markdown"),
        (str(rule.get("helpUri", "")).startswith("https://"), "no helpUri"),
        (rule["defaultConfiguration"]["level"] in LEVELS, "defaultConfiguration.level"),
        (len(rule["properties"]["tags"]) <= 20, "over 20 tags"),
        (rule["properties"]["precision"] in {"very-high", "high", "medium", "low"}, "precision"),
        (rule["properties"]["problem.severity"] in {"error", "warning", "recommendation"}, "sev"),
    ]
    return [f"{where}: {what}" for ok, what in checks if not ok]


# --------------------------------------------------------------------------- every output


def test_validate_sarif_of_the_samples_and_the_hostile_corpus_is_accepted() -> None:
    log = sarif("validate", *SAMPLES, *BAD, code=1)
    assert log["runs"][0]["results"]
    assert github_problems(log) == []


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: Path(s).stem)
def test_score_sarif_of_every_sample_is_accepted(sample: str) -> None:
    assert github_problems(sarif("score", sample)) == []


def test_compare_sarif_of_the_samples_is_accepted() -> None:
    for ours in SAMPLES:
        log = sarif("compare", ours, *(s for s in SAMPLES if s != ours), "--fail-if-behind")
        assert github_problems(log) == [], ours


def test_the_rules_data_holds_every_code_gap_kind_and_gate() -> None:
    expected = {
        *Code,
        *(rule_id(k.value) for k in GapKind),
        GATE_FAIL_UNDER,
        GATE_MAX_DROP,
        GATE_BEHIND_COMPETITOR,
    }
    assert set(builtin_rules().rules) == expected


def test_every_rule_is_accepted_and_its_help_page_exists() -> None:
    # Every rule as SARIF shows it: one result per rule, through the renderer itself.
    from touchaudit.render import sarif as sarif_module
    from touchaudit.render.findings import Finding

    log = json.loads(
        sarif_module.render(
            [Finding("a.yaml", 1, 1, r, "note", "m") for r in builtin_rules().rules]
        )
    )
    assert github_problems(log) == []
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        page, _, anchor = rule["helpUri"].removeprefix(builtin_rules().documentation).partition("#")
        headings = (ROOT / "docs" / page).read_text(encoding="utf-8")
        assert not anchor or anchor in _anchors(headings), rule["helpUri"]


def _anchors(markdown: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens."""
    titles = re.findall(r"^#+ (.+)$", markdown, re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", t.lower()).replace(" ", "-") for t in titles}


# --------------------------------------------------------------------------- gates


def test_a_failed_fail_under_is_a_result_of_its_own() -> None:
    log = sarif("score", MANY_TOUCHPOINTS, CONTACTS_ONLY, "--fail-under", "50", code=1)
    gates = [r for r in log["runs"][0]["results"] if r["ruleId"] == GATE_FAIL_UNDER]
    # Only the file below the bar, as an error at the top of that file.
    assert [g["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for g in gates] == [
        "audits/clinic-contacts-only.yaml"
    ]
    assert gates[0]["level"] == "error"
    assert re.fullmatch(r"overall \d+\.\d is below 50", gates[0]["message"]["text"])
    assert github_problems(log) == []


def test_a_passed_gate_adds_no_result() -> None:
    log = sarif("score", MANY_TOUCHPOINTS, "--fail-under", "50", code=0)
    assert GATE_FAIL_UNDER not in {r["ruleId"] for r in log["runs"][0]["results"]}


def test_strict_judges_the_sarif_gate_as_the_exit_code_does() -> None:
    # clinic-many-touchpoints scores 82.7 with a range down to 59.3.
    loose = sarif("score", MANY_TOUCHPOINTS, "--fail-under", "70", code=0)
    strict = sarif("score", MANY_TOUCHPOINTS, "--fail-under", "70", "--strict", code=1)
    assert GATE_FAIL_UNDER not in {r["ruleId"] for r in loose["runs"][0]["results"]}
    assert GATE_FAIL_UNDER in {r["ruleId"] for r in strict["runs"][0]["results"]}


def test_a_score_dropped_below_the_baseline_is_a_result_for_each_drop() -> None:
    # electronics-before scores far below electronics-after: every score dropped.
    args = ("score", ELECTRONICS_BEFORE, "--baseline", ELECTRONICS_AFTER)
    log = sarif(*args, "--max-drop", "1", code=1)
    gates = [r for r in log["runs"][0]["results"] if r["ruleId"] == GATE_MAX_DROP]
    assert gates
    assert all(g["level"] == "error" for g in gates)
    assert gates[0]["message"]["text"].startswith("overall score dropped")
    assert github_problems(log) == []
    allowed = sarif(*args, "--max-drop", "100", code=0)
    assert GATE_MAX_DROP not in {r["ruleId"] for r in allowed["runs"][0]["results"]}


def test_falling_behind_with_fail_if_behind_is_a_result_of_its_own() -> None:
    log = sarif("compare", CONTACTS_ONLY, MANY_TOUCHPOINTS, "--fail-if-behind", code=1)
    gates = [r for r in log["runs"][0]["results"] if r["ruleId"] == GATE_BEHIND_COMPETITOR]
    assert len(gates) == 1
    assert "behind" in gates[0]["message"]["text"]
    without = sarif("compare", CONTACTS_ONLY, MANY_TOUCHPOINTS, code=0)
    assert GATE_BEHIND_COMPETITOR not in {r["ruleId"] for r in without["runs"][0]["results"]}


def test_a_name_that_looks_like_a_rule_index_stays_text_when_indexes_are_mended(
    tmp_path: Path,
) -> None:
    # Only contacts-only fails the gate, so the other audit's results lack a rule of the run and
    # their `ruleIndex`es are mended after they were written: the name must not be touched.
    name = '"ruleIndex": 0, "ruleIndex": 9,\\'
    ours = tmp_path / "many.yaml"
    text = Path(MANY_TOUCHPOINTS).read_text(encoding="utf-8")
    quoted = name.replace("'", "''")
    assert "    name: Clinic website\n" in text
    ours.write_text(text.replace("name: Clinic website", f"name: '{quoted}'"), encoding="utf-8")
    log = sarif("score", str(ours), CONTACTS_ONLY, "--fail-under", "50", code=1)
    (run,) = log["runs"]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert GATE_FAIL_UNDER in rules
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in run["results"])
    assert any(name in r["message"]["text"] for r in run["results"])
    assert github_problems(log) == []


# --------------------------------------------------------------------------- where files are


def _uri(log: Any) -> dict[str, str]:
    location: dict[str, str] = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    return location["artifactLocation"]  # type: ignore[return-value]


def test_a_file_in_the_checkout_is_relative_to_its_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run from a sub-folder of a checkout on a file beside it: the path from the root.
    (tmp_path / ".git").mkdir()
    (tmp_path / "ci").mkdir()
    (tmp_path / "audits").mkdir()
    shutil.copy(CONTACTS_ONLY, tmp_path / "audits" / "ours.yaml")
    monkeypatch.chdir(tmp_path / "ci")
    log = sarif("score", "../audits/ours.yaml")
    assert _uri(log) == {"uri": "audits/ours.yaml", "uriBaseId": "%SRCROOT%"}
    base = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == tmp_path.as_uri() + "/"


def test_a_file_outside_the_working_folder_keeps_its_absolute_uri(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "work").mkdir()
    shutil.copy(CONTACTS_ONLY, tmp_path / "elsewhere é.yaml")
    monkeypatch.chdir(tmp_path / "work")
    log = sarif("score", "../elsewhere é.yaml")
    assert _uri(log) == {"uri": tmp_path.as_uri() + "/elsewhere%20%C3%A9.yaml"}
    assert github_problems(log) == []
