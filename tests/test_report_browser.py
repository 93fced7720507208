"""The HTML and PDF reports in a real browser: Debian's Chromium driven by Playwright for Python.

Skipped only when no Chromium or Chrome is installed (`apt-get install chromium`; .ci/run
installs it, so CI runs these tests). Set TOUCHAUDIT_CHROMIUM to use another browser binary.
The accessibility checks run npm's axe-core (.ci/run installs it into .ci/node; set
TOUCHAUDIT_AXE to another axe.min.js), skipped with the reason when it is missing.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, sync_playwright
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.test_report import hostile_audit
from touchaudit.cli.app import app
from touchaudit.render.pdf import FLAGS, find_chromium

AUDITS = Path(__file__).resolve().parents[1] / "audits"
GOLDEN = Path(__file__).resolve().parent / "golden"  # the sample reports (tests/test_report.py)
OURS = AUDITS / "clinic-contacts-only.yaml"
THEIRS = AUDITS / "clinic-many-touchpoints.yaml"
CHROMIUM = find_chromium()
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# The clinic report was 36,482 px tall at 390 px wide, its tables squeezed into eight narrow
# columns (issue 16); as cards it was 34,075 px. The library then grew from 89 to 121 criteria
# (issue 17: more rows per touchpoint, more gaps, each protocol in the method): 39,288 px, of
# which the content, not the layout, is the growth. This keeps the layout from growing back.
PHONE_HEIGHT_LIMIT = 40_000


def find_axe() -> Path | None:
    """$TOUCHAUDIT_AXE, else the axe-core that .ci/run installs."""
    given = os.environ.get("TOUCHAUDIT_AXE")
    installed = Path(__file__).resolve().parents[1] / ".ci/node/node_modules/axe-core/axe.min.js"
    found = Path(given) if given else installed
    return found if found.is_file() else None


AXE = find_axe()

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


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the two sample clinics, written once for the tests that only read it."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    write_report(out)
    return out


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
    description = page.locator('meta[name="description"]').get_attribute("content")
    assert description is not None
    assert "Vein Line Medical Centre" in description
    # An inline icon: a served report asks for no /favicon.ico (which would 404).
    icon = page.locator('link[rel="icon"]').get_attribute("href")
    assert icon is not None
    assert icon.startswith("data:image/svg+xml,")
    # Readable on a phone: the page itself never scrolls sideways (wide tables and charts
    # scroll inside their own frame).
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    shot = tmp_path / f"report-{width}.png"
    page.screenshot(
        path=str(shot)
    )  # the first screen: a 34,000 px page can exceed what Chromium captures
    assert shot.stat().st_size > 10_000
    page.close()


class QuietLog(http.server.SimpleHTTPRequestHandler):
    """Serves a folder and notes each request line with its status, instead of printing it."""

    served: list[str]

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        self.served.append(f"{self.requestline} {int(code)}")


def test_a_served_report_asks_for_nothing_else(browser: Browser, report_page: Path) -> None:
    served: list[str] = []
    handler = type("Handler", (QuietLog,), {"served": served})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(report_page.parent))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/report.html", wait_until="load")
        # Chromium asks for /favicon.ico after the load when the page names no icon.
        page.wait_for_timeout(1000)
        page.close()
    finally:
        server.shutdown()
        server.server_close()
    assert served == ["GET /report.html HTTP/1.1 200"]


# Every element that scrolls sideways: what it is, whether a keyboard reaches it, its name.
SCROLLERS = """[...document.querySelectorAll('body *')]
  .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)
               && e.scrollWidth > e.clientWidth)
  .map(e => ({tag: e.tagName, tabindex: e.tabIndex, role: e.getAttribute('role'),
              label: e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')}))"""


def test_on_a_phone_the_report_reflows(browser: Browser, report_page: Path, tmp_path: Path) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(report_page.as_uri(), wait_until="load")

    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert page.evaluate("document.body.scrollWidth - window.innerWidth") <= 0
    # What is wider than the phone (the heatmaps) scrolls in a frame a keyboard can reach,
    # named for screen readers; tables become cards and do not scroll at all.
    scrollers = page.evaluate(SCROLLERS)
    assert scrollers, "the heatmaps are wider than a phone: they scroll in their frame"
    for scroller in scrollers:
        assert scroller["tabindex"] == 0, scroller
        assert scroller["role"] == "region", scroller
        assert scroller["label"], scroller
    assert {s["tag"] for s in scrollers} == {"DIV"}
    rows = page.locator("#gap-table tbody tr")
    display = rows.first.evaluate("row => getComputedStyle(row).display")
    assert display != "table-row", "the action plan reads as cards, one per fix"
    assert {display} == set(rows.evaluate_all("rs => rs.map(r => getComputedStyle(r).display)"))
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < PHONE_HEIGHT_LIMIT
    page.screenshot(path=str(tmp_path / "phone.png"))
    page.close()


@pytest.mark.skipif(
    AXE is None,
    reason="axe-core not found: npm install --prefix .ci/node axe-core (as .ci/run does), "
    "or set TOUCHAUDIT_AXE to an axe.min.js",
)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("report", ["clinic-vs", "single", "before-after", "progress"])
def test_axe_core_finds_no_violations(
    browser: Browser, report: str, viewport: dict[str, int]
) -> None:
    assert AXE is not None
    page = browser.new_page(viewport=viewport)
    page.goto((GOLDEN / f"{report}.html").as_uri(), wait_until="load")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]
    assert found == []
    page.close()


# An A4 page's width inside the report's margins (210 mm - 2 x 12 mm), in CSS pixels.
PRINTED = {"width": 703, "height": 1000}


@pytest.mark.parametrize(
    ("media", "viewport"),
    [("screen", PHONE), ("screen", DESKTOP), ("print", PRINTED)],
    ids=["390px", "1280px", "A4"],
)
def test_a_long_unbroken_name_never_widens_the_page(
    browser: Browser, tmp_path: Path, media: str, viewport: dict[str, int]
) -> None:
    name = "Unbrokenname" * 25
    ours, theirs = hostile_audit(tmp_path, name), hostile_audit(tmp_path, name, " rival")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(ours), "--vs", str(theirs), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = browser.new_page(viewport=viewport)
    page.emulate_media(media=media)
    page.goto(out.as_uri(), wait_until="load")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.close()


def test_pdf_report_pages(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    write_report(out)
    reader = PdfReader(out)
    pages = [page.extract_text() for page in reader.pages]
    first = reader.pages[0]
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    assert (round(width), round(height)) == (595, 842), "A4 portrait"
    assert "Vein Line Medical Centre" in pages[0]
    assert "Summary" in pages[0]
    # Page 1 goes on into the journey map: its first stage is not pushed to page 2.
    assert "1. Awareness" in pages[0]
    # Numbered by Chromium's footer template, with the report's title.
    for number, text in enumerate(pages, start=1):
        assert text.rstrip().endswith(f"page {number} of {len(pages)}"), text[-200:]
        assert "Customer touchpoint audit: Vein Line Medical Centre" in text
    # Each stage of the journey stays on one page, its heading first.
    heading = r"^[1-5]\. (?:Awareness|Research|Comparison|Purchase|Post purchase)$"
    stages = [s for t in pages for s in re.findall(heading, t, re.MULTILINE)]
    assert stages == [
        "1. Awareness",
        "2. Research",
        "3. Comparison",
        "4. Purchase",
        "5. Post purchase",
    ]
    for text in pages[1:]:
        if any(stage in text for stage in stages):
            assert re.match(r"[1-5]\. ", text), text[:200]
    # No word is cut at a line's end ("Recommendati" / "ons"), no date either ("2026-" / "10-14").
    html_text = re.sub(r"<[^>]+>", " ", render_html(tmp_path))
    words = set(re.findall(r"[A-Za-z]{2,}", html_text))
    text = "\n".join(pages)
    cut = [
        f"{a}/{b}"
        # a word alone at a line's end (a long path or address may break anywhere)
        for a, b in re.findall(r"(?<![\w/.-])([A-Za-z]+)\n([a-z]+)(?![\w/.-])", text)
        if a + b in words and a not in words
    ]
    assert cut == []
    assert not re.search(r"\d{4}-\n|\d{4}-\d\d-\n", text)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.pdf"], (
        "no temp file"
    )


def render_html(folder: Path) -> str:
    """The HTML of the same report, whose words the PDF prints."""
    out = folder / "report.html"
    write_report(out)
    return out.read_text(encoding="utf-8")
