"""The HTML trend page, and the report's "Progress over time" section (`report --trend`), in a
real browser (Chromium through Playwright, as the report's test): the chart is visible, nothing
fails or loads, and its table has the numbers of the JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage
from typer.testing import CliRunner

from tests import test_report_browser
from touchaudit.cli.app import app
from touchaudit.render.pdf import find_chromium

AUDITS = Path(__file__).resolve().parents[1] / "audits"
FILES = [str(AUDITS / "electronics-before.yaml"), str(AUDITS / "electronics-after.yaml")]

# The report's browser fixture: one Chromium, launched offline and quiet.
browser = test_report_browser.browser

pytestmark = pytest.mark.skipif(
    find_chromium() is None,
    reason="no Chromium or Chrome found (apt-get install chromium, or set TOUCHAUDIT_CHROMIUM)",
)


# The trend page, and the report of the newest audit with the earlier one as --trend.
COMMANDS = {
    "trend": ["trend", *FILES, "--format", "html"],
    "report": ["report", FILES[1], "--trend", FILES[0], "--format", "html"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_trend_chart_in_chromium(
    browser: Browser, tmp_path: Path, command: str, width: int, height: int
) -> None:
    page_file = tmp_path / f"{command}.html"
    runner = CliRunner()
    made = runner.invoke(app, [*COMMANDS[command], "-o", str(page_file)])
    assert made.exit_code == 0, made.output
    data = json.loads(runner.invoke(app, ["trend", *FILES, "--format", "json"]).stdout)
    page = browser.new_page(viewport={"width": width, "height": height})
    console: list[ConsoleMessage] = []
    failures: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: console.append(message))
    page.on("pageerror", lambda err: failures.append(str(err)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri(), wait_until="load")

    assert [m.text for m in console if m.type == "error"] == []
    assert failures == []
    assert requests == [page_file.as_uri()]
    chart = page.locator("#trend-chart")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > 200
    assert page.locator("#trend-chart polyline").count() >= 1 + len(data["stages"])
    rows = page.locator("#trend-data tbody tr")
    assert rows.count() == len(data["audits"])
    for index, audit in enumerate(data["audits"]):
        cells = rows.nth(index).locator("td").all_text_contents()
        assert cells[1] == f"{audit['score']:.1f}"
        assert cells[3:] == [f"{audit['stages'][s]:.1f}" for s in data["stages"]]
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.close()
