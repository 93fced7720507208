"""`touchaudit import`: a source file's values as YAML, printed or written into an audit that
keeps every comment, key order and value already written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from touchaudit import load_audit
from touchaudit.cli.app import app
from touchaudit.reading.errors import UsageError
from touchaudit.reading.importer import import_values
from touchaudit.reading.sources import SourceKind
from touchaudit.render.output import replace_if_unchanged

ROOT = Path(__file__).resolve().parents[1]
CLINIC = ROOT / "audits" / "clinic-contacts-only.yaml"
LIGHTHOUSE_13 = "lighthouse-13.4.1-sample.json"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["import", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def report(lighthouse_fixtures: Path, tmp_path: Path) -> Path:
    path = tmp_path / "site.json"
    shutil.copy(lighthouse_fixtures / LIGHTHOUSE_13, path)
    return path


def test_import_prints_the_criteria_of_the_report_as_yaml(report: Path) -> None:
    code, out, _ = run("lighthouse", report, "--touchpoint", "site")
    assert code == 0
    criteria = yaml.safe_load(out)["site"]["criteria"]
    audits = json.loads(report.read_bytes())["audits"]
    lcp = audits["largest-contentful-paint"]["numericValue"]
    assert criteria["lcp"]["value"] == f"{lcp} ms"
    assert criteria["lcp"]["evidence"] == f"{report}: audits.largest-contentful-paint.numericValue"
    assert str(criteria["lcp"]["measured_on"]) == "2026-04-23"
    assert criteria["lighthouse_performance"]["value"] == 32


def test_into_adds_the_values_and_keeps_every_line_of_the_audit(
    report: Path, tmp_path: Path
) -> None:
    audit = tmp_path / "clinic.yaml"
    shutil.copy(CLINIC, audit)
    before = audit.read_text(encoding="utf-8").splitlines()
    code, out, err = run("lighthouse", report, "-t", "website", "--into", audit)
    assert code == 0, err
    assert out == ""
    assert "wrote 3 criteria into" in err
    assert "lcp: kept 5.1 s written in the audit" in err  # what is written wins
    after = audit.read_text(encoding="utf-8").splitlines()
    added = [line for line in after if line not in before]
    assert [line.split(":")[0].strip() for line in added] == [
        "fcp",
        "tbt",
        "lighthouse_performance",
    ]
    assert [line for line in after if line in before] == before  # comments and order kept
    website = load_audit(audit).measurements["website"]
    assert website["lcp"].value == 5100.0
    assert website["fcp"].evidence == f"{report}: audits.first-contentful-paint.numericValue"


def test_into_fills_a_null_placeholder(report: Path, tmp_path: Path) -> None:
    audit = tmp_path / "a.yaml"
    text = "touchaudit: 1\ncompany: Acme  # ours\ntouchpoints:\n  site:\n    channel: website\n"
    audit.write_text(text + "    criteria:\n      lcp: null  # from Lighthouse\n", encoding="utf-8")
    code, _, err = run("lighthouse", report, "-t", "site", "--into", audit)
    assert code == 0, err
    lines = audit.read_text(encoding="utf-8").splitlines()
    assert lines[1] == "company: Acme  # ours"
    assert lines[6].startswith("      lcp: {value: 10884.681 ms,")


def test_into_refuses_to_change_a_line_it_cannot_keep(report: Path, tmp_path: Path) -> None:
    audit = tmp_path / "a.yaml"
    text = "touchaudit: 1\ncompany:    Acme\ntouchpoints:\n  site:\n    channel: website\n"
    audit.write_text(text, encoding="utf-8")
    code, _, err = run("lighthouse", report, "-t", "site", "--into", audit)
    assert code == 2
    assert f"{audit}:2: writing into the file would also change this line" in err
    assert audit.read_text(encoding="utf-8") == text


def test_the_audit_is_not_written_if_it_changed_since_it_was_read(
    report: Path, tmp_path: Path
) -> None:
    audit = tmp_path / "a.yaml"
    audit.write_text(
        "touchaudit: 1\ncompany: Acme\ntouchpoints:\n  site:\n    channel: website\n",
        encoding="utf-8",
    )
    result = import_values(SourceKind.LIGHTHOUSE, report, "site", into=audit)
    audit.write_text(audit.read_text(encoding="utf-8") + "# edited meanwhile\n", encoding="utf-8")
    assert result.original is not None
    with pytest.raises(UsageError, match="changed since it was read"):
        replace_if_unchanged(audit, result.text, result.original)
    assert audit.read_text(encoding="utf-8").endswith("# edited meanwhile\n")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_log_prints_samples_and_keeps_a_formula_as_text(tmp_path: Path) -> None:
    log = tmp_path / "calls.csv"
    log.write_text(
        "touchpoint,criterion,value,note\nphone,answer_time,12 s,\nphone,answer_time,unanswered,\n"
        'phone,hold_time,30 s,"=HYPERLINK(""http://x"")"\nreception,answer_time,5 s,\n',
        encoding="utf-8",
    )
    code, out, _ = run("csv", log, "-t", "phone")
    assert code == 0
    criteria = yaml.safe_load(out)["phone"]["criteria"]
    assert criteria["answer_time"]["samples"] == ["12 s", "unanswered"]
    assert criteria["hold_time"]["note"] == '=HYPERLINK("http://x")'
    assert "reception" not in out


@pytest.mark.parametrize(
    ("kind", "text", "code", "message"),
    [
        ("lighthouse", '{"audits": {}}', 1, "not a Lighthouse report: no lighthouseVersion"),
        (
            "csv",
            "touchpoint,criterion,value\nphone,answer_tiem,3 s\n",
            1,
            ":2:2: unknown criterion",
        ),
        ("csv", "touchpoint,criterion,value\nphone,answer_time,fast\n", 1, ":2:3: answer_time:"),
        ("csv", "touchpoint,criterion,value\nfax,answer_time,3 s\n", 2, "no values for touchpoint"),
    ],
)
def test_a_bad_file_is_one_clear_error(
    tmp_path: Path, kind: str, text: str, code: int, message: str
) -> None:
    source = tmp_path / "source"
    source.write_text(text, encoding="utf-8")
    exit_code, _, err = run(kind, source, "-t", "phone")
    assert exit_code == code
    assert message in err
    assert "Traceback" not in err


def test_an_unknown_touchpoint_of_the_audit_is_a_usage_error(report: Path, tmp_path: Path) -> None:
    audit = tmp_path / "clinic.yaml"
    shutil.copy(CLINIC, audit)
    code, _, err = run("lighthouse", report, "-t", "webiste", "--into", audit)
    assert code == 2
    assert "has no touchpoint 'webiste' (did you mean 'website'?)" in err
    assert audit.read_bytes() == CLINIC.read_bytes()
