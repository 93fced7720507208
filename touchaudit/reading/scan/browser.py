"""The `--render` engine: the page opened in a headless Chromium driven by Playwright (the
optional extra `touchaudit[scan]`), so that widgets scripts inject are seen; the rendered DOM
is then read as a static page, and the page's own timing fills `load_time` and `lcp` as lab
numbers of this machine.

The browser is a hostile page's playground, so: Chromium's sandbox on (off only when running
as root, where Chromium cannot start it; a note says so), downloads refused, only http(s),
data: and blob: requests (never file:), a phone's viewport, and a time limit for the whole page.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from touchaudit.reading.errors import UsageError
from touchaudit.reading.scan import MAX_PAGE_BYTES, Engine, Finding, PageScan, ScanError, scan_page

NEEDS_EXTRA = "--render needs Playwright: pip install 'touchaudit[scan]'"
NO_BROWSER = (
    "--render needs Chromium or Google Chrome and none was found: install one "
    "(apt-get install chromium) or set TOUCHAUDIT_CHROMIUM to its path"
)
SECONDS = 30.0  # for the page to load
SETTLE_MS = 2_000  # then for its scripts to add their widgets
ALLOWED_SCHEMES = ("http:", "https:", "data:", "blob:", "about:")
PHONE = {"width": 390, "height": 844}
LAB = "lab number: this machine's Chromium, no network throttling"
# The page's own timing: Navigation Timing's load end, and the last LCP candidate so far.
TIMING_SCRIPT = """() => new Promise((resolve) => {
  const nav = performance.getEntriesByType("navigation")[0];
  let lcp = null;
  try {
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      if (entries.length) lcp = entries[entries.length - 1].startTime;
    }).observe({type: "largest-contentful-paint", buffered: true});
  } catch (error) {}
  setTimeout(() => resolve({load: nav ? nav.loadEventEnd : null, lcp: lcp}), 200);
})"""


def render_page(
    page: str,
    *,
    html: bytes | None = None,
    chromium: str | None,
    max_bytes: int = MAX_PAGE_BYTES,
    seconds: float = SECONDS,
) -> PageScan:
    """`page` (a URL, or a saved file's `html`) as Chromium renders it, scanned; with a URL, the
    page's load time and LCP as lab numbers."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise UsageError(NEEDS_EXTRA) from None
    if chromium is None:
        raise UsageError(NO_BROWSER)
    sandboxed = os.geteuid() != 0 if hasattr(os, "geteuid") else True
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, chromium_sandbox=sandboxed, timeout=seconds * 1000
            )
            try:
                dom, timing = _open(browser, page, html, seconds)
            finally:
                browser.close()
    except Error as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ScanError(f"{page}: the browser could not render the page: {first}") from None
    raw = dom.encode("utf-8")
    if len(raw) > max_bytes:
        raise ScanError(f"{page}: the rendered page is over the limit of {max_bytes:,} bytes")
    scan = scan_page(raw, page, max_bytes=max_bytes, base_url=page if html is None else None)
    notes = () if sandboxed else ("Chromium's sandbox is off: touchaudit runs as root",)
    return replace(
        scan,
        engine=Engine.RENDERED,
        findings=(*scan.findings, *_timing_findings(timing)),
        notes=(*scan.notes, *notes),
    )


def _open(browser: Any, page: str, html: bytes | None, seconds: float) -> tuple[str, Any]:
    context = browser.new_context(
        accept_downloads=False, viewport=PHONE, is_mobile=True, service_workers="block"
    )
    context.set_default_timeout(seconds * 1000)
    context.route("**/*", _only_web)
    tab = context.new_page()
    if html is None:
        tab.goto(page, wait_until="load", timeout=seconds * 1000)
        timing = tab.evaluate(TIMING_SCRIPT)
    else:
        tab.set_content(html.decode("utf-8", errors="replace"), wait_until="load")
        timing = None  # a page set from a file has no navigation of its own to time
    tab.wait_for_timeout(SETTLE_MS)
    return tab.content(), timing


def _only_web(route: Any) -> None:
    """Requests a page may make: http(s), data: and blob:; never file: or another scheme."""
    if route.request.url.startswith(ALLOWED_SCHEMES):
        route.continue_()
    else:
        route.abort()


def _timing_findings(timing: Any) -> tuple[Finding, ...]:
    if not isinstance(timing, dict):
        return ()
    found = []
    load = timing.get("load")
    if isinstance(load, int | float) and load > 0:
        found.append(Finding("load_time", round(load / 1000, 2), None, LAB, unit="s"))
    lcp = timing.get("lcp")
    if isinstance(lcp, int | float) and lcp > 0:
        found.append(Finding("lcp", round(lcp), None, LAB, unit="ms"))
    return tuple(found)
