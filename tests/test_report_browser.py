"""The HTML and PDF reports in a real browser: Debian's Chromium driven by Playwright for Python.

Skipped only when no Chromium or Chrome is installed (`apt-get install chromium`; .ci/run
installs it, so CI runs these tests). Set TOUCHAUDIT_CHROMIUM to use another browser binary.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, sync_playwright
from pypdf import PdfReader
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.render.pdf import FLAGS, find_chromium

AUDITS = Path(__file__).resolve().parents[1] / "audits"
OURS = AUDITS / "clinic-contacts-only.yaml"
THEIRS = AUDITS / "clinic-many-touchpoints.yaml"
CHROMIUM = find_chromium()

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium or Chrome found (apt-get install chromium, or set TOUCHAUDIT_CHROMIUM)",
)


def write_report(out: Path) -> None:
    """`touchaudit report` of the two sample clinics to `out` (format from the suffix)."""
    result = CliRunner().invoke(app, ["report", str(OURS), "--vs", str(THEIRS), "-o", str(out)])
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None
    with sync_playwright() as playwright:
        # FLAGS end with a print-only switch; the rest keep the browser offline and quiet.
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=[f for f in FLAGS if f != "--headless"]
        )
        yield launched
        launched.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_html_report_in_chromium(browser: Browser, tmp_path: Path, width: int, height: int) -> None:
    page_file = tmp_path / "report.html"
    write_report(page_file)
    page = browser.new_page(viewport={"width": width, "height": height})
    console: list[ConsoleMessage] = []
    failures: list[str] = []
    page.on("console", lambda message: console.append(message))
    page.on("pageerror", lambda err: failures.append(str(err)))
    page.on("requestfailed", lambda request: failures.append(request.url))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(page_file.as_uri(), wait_until="load")

    assert [m.text for m in console if m.type == "error"] == []
    assert failures == []
    assert requests == [page_file.as_uri()], "the report loads nothing but itself"
    heatmap = page.locator("figure.heatmap svg").first
    assert heatmap.is_visible()
    assert heatmap.bounding_box() is not None
    assert page.locator("figure.heatmap svg title").first.text_content()
    assert page.locator("#gap-table").is_visible()
    assert page.locator("#gap-table tbody tr").count() > 10
    assert page.get_by_role("heading", level=1).count() == 1
    # Readable on a phone: the page itself never scrolls sideways (wide tables and charts
    # scroll inside their own frame).
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    shot = tmp_path / f"report-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.close()


def test_pdf_report_first_page(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    write_report(out)
    reader = PdfReader(out)
    assert len(reader.pages) >= 1
    first = reader.pages[0]
    text = first.extract_text()
    assert "Vein Line Medical Centre" in text
    assert "Summary" in text
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    assert (round(width), round(height)) == (595, 842), "A4 portrait"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"], "no temporary file left"
