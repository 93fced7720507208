"""`touchaudit report NEWEST --trend EARLIER...`: the report of the newest audit with a "Progress
over time" section, the trend `touchaudit trend` computes (tests/golden/progress.* hold it)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.comparison.report import report_files

AUDITS = Path(__file__).resolve().parents[1] / "audits"
AFTER, BEFORE = AUDITS / "electronics-after.yaml", AUDITS / "electronics-before.yaml"
runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def section(html: str) -> str:
    return html.split('<section id="trend"', 1)[1].split("</section>", 1)[0]


def test_the_report_table_has_the_numbers_of_trend_json(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, _, err = run("report", AFTER, "--trend", BEFORE, "-l", "after", "-l", "before", "-o", out)
    assert code == 0, err
    _, text, _ = run("trend", AFTER, BEFORE, "-l", "after", "-l", "before", "--format", "json")
    data = json.loads(text)
    table = section(out.read_text(encoding="utf-8")).split('<table id="trend-data"')[1]
    for audit in data["audits"]:
        row = table.split(f'<th scope="row">{audit["label"]}</th>')[1].split("</tr>")[0]
        cells = re.findall(r'<td class="num"[^>]*>([^<]*)</td>', row)
        assert cells[0] == audit["audited_on"]
        assert cells[1] == f"{audit['score']:.1f}"
        assert cells[3:] == [f"{audit['stages'][s]:.1f}" for s in data["stages"]]
    step = data["steps"][0]
    assert f"{step['overall']:+.1f}" in table
    assert step["moved_most"][0]["label"] in table


def test_the_markdown_report_carries_the_trend_chart_and_tables() -> None:
    code, report, err = run("report", AFTER, "--trend", BEFORE, "-l", "after", "-l", "before")
    assert code == 0, err
    _, trend, _ = run("trend", AFTER, BEFORE, "-l", "after", "-l", "before", "-f", "markdown")
    progress = report.split("## Progress over time\n", 1)[1].split("\n## ", 1)[0]
    body = trend.split("\n", 2)[2]  # without the trend's own heading
    assert body.strip() in progress
    assert "xychart-beta" in progress


def test_without_trend_there_is_no_progress_section() -> None:
    code, report, _ = run("report", AFTER)
    assert code == 0
    assert "Progress over time" not in report


def test_a_report_of_an_older_audit_than_its_trend_is_a_usage_error() -> None:
    code, _, err = run("report", BEFORE, "--trend", AFTER)
    assert code == 2
    assert "electronics-after.yaml (audited_on 2024-11-18) is newer than" in err
    assert "report the newest audit" in err


def test_labels_name_ours_then_each_vs_then_each_trend(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    args = ("report", AFTER, "--vs", BEFORE, "--trend", BEFORE, "-l", "now", "-l", "then")
    code, _, err = run(*args, "-l", "q1", "-o", out)
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "<strong>then</strong> (another audit of ours)" in html
    assert '<th scope="row">q1</th>' in section(html)
    assert '<th scope="row">now</th>' in section(html)
    code, _, err = run(*args, "-o", out)
    assert code == 2
    assert "give one --label per audit (ours, each --vs, then each --trend): 3 audits, 2" in err


def test_progress_wording_never_says_competitor(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, _, err = run("report", AFTER, "--trend", BEFORE, "-o", out)
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "competitor" not in section(html).lower()
    _, markdown, _ = run("report", AFTER, "--trend", BEFORE)
    progress = markdown.split("## Progress over time\n", 1)[1].split("\n## ", 1)[0]
    assert "competitor" not in progress.lower()


def test_labels_are_text_in_the_progress_section(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    hostile = ("<script>x</script>", '"><svg onload=alert(1)>')
    code, _, err = run(
        "report", AFTER, "--trend", BEFORE, "-l", hostile[0], "-l", hostile[1], "-o", out
    )
    assert code == 0, err
    html = section(out.read_text(encoding="utf-8"))
    assert "<script>" not in html
    assert "<svg onload" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    _, markdown, _ = run("report", AFTER, "--trend", BEFORE, "-l", hostile[0], "-l", hostile[1])
    chart = markdown.split("```mermaid\nxychart-beta\n", 1)[1].split("```", 1)[0]
    assert "<" not in chart
    assert "onload=" not in chart


def test_the_output_never_overwrites_an_earlier_audit(tmp_path: Path) -> None:
    earlier = tmp_path / "q1.md"
    earlier.write_bytes(BEFORE.read_bytes())
    code, _, err = run("report", AFTER, "--trend", earlier, "-o", earlier)
    assert code == 2, err
    assert earlier.read_bytes() == BEFORE.read_bytes()


def test_the_trend_ends_at_the_reports_own_score() -> None:
    context = report_files(AFTER, earlier_files=[BEFORE])
    assert context.trend is not None
    assert [p.file for p in context.trend.points] == [str(BEFORE), str(AFTER)]
    assert context.trend.newest.score == context.ours.card.score
    assert [p.label for p in context.trend.points] == ["2024-02-05", "2024-11-18"]
