"""`touchaudit trend --format html`: the electronics brand before and after its touchpoint work,
as one page with an accessible line chart and the same numbers in a table beside it.

The page is held against a golden file; regenerate it with
    TOUCHAUDIT_UPDATE_GOLDEN=1 pytest tests/test_trend_html.py
and read the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from typer.testing import CliRunner

from touchaudit.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "trend.html"
UPDATE = os.environ.get("TOUCHAUDIT_UPDATE_GOLDEN") == "1"
ARGS = [
    "trend",
    str(ROOT / "audits" / "electronics-after.yaml"),
    str(ROOT / "audits" / "electronics-before.yaml"),
    "-l",
    "after",
    "-l",
    "before",
]
runner = CliRunner()


def trend_page(*extra: str) -> str:
    result = runner.invoke(app, [*ARGS, *extra, "--format", "html"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_page_matches_its_golden_file() -> None:
    page = trend_page()
    if UPDATE:
        GOLDEN.write_text(page, encoding="utf-8")
    assert page == GOLDEN.read_text(encoding="utf-8")


def test_the_chart_is_described_and_its_table_has_the_json_numbers() -> None:
    page = trend_page()
    data = json.loads(runner.invoke(app, [*ARGS, "--format", "json"]).stdout)
    assert 'role="img" aria-labelledby="trend-chart-title trend-chart-desc"' in page
    assert '<title id="trend-chart-title">' in page
    assert '<desc id="trend-chart-desc">' in page
    table = page.split('<table id="trend-data">')[1].split("</table>")[0]
    for audit in data["audits"]:
        row = table.split(f'<th scope="row">{audit["label"]}</th>')[1].split("</tr>")[0]
        cells = re.findall(r'<td class="num">([^<]*)</td>', row)
        stages = [f"{audit['stages'][s]:.1f}" for s in data["stages"]]
        assert cells[0] == audit["audited_on"]
        assert cells[1] == f"{audit['score']:.1f}"
        assert cells[3:] == stages
    assert "<script" not in page
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_labels_are_text_in_the_chart() -> None:
    args = [*ARGS[:3], "-l", "<script>x</script>", "-l", '"><svg onload=alert(1)>']
    page = runner.invoke(app, [*args, "--format", "html"]).stdout
    assert "<script>" not in page
    assert "<svg onload" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page
