"""PDF: the HTML report printed by a headless Chromium (or Chrome) found on this machine, driven
over its DevTools pipe (render/devtools.py) so that every page carries "page X of Y"."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from touchaudit.reading.errors import TouchauditError, UsageError
from touchaudit.render.devtools import DevTools, print_page
from touchaudit.render.output import atomic_path

ENV_OVERRIDE = "TOUCHAUDIT_CHROMIUM"
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
KNOWN_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
# Headless, offline and quiet: no sandbox (CI runs as root), no GPU, no background traffic.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
# Chromium's footer template, on every page in the bottom margin of the report's @page rule:
# the page's <title> and "page X of Y" (Chromium fills the spans in as text).
FOOTER = (
    '<div style="width: 100%; margin: 0 12mm; display: flex; gap: 6mm;'
    ' justify-content: space-between; font: 7.5pt system-ui, sans-serif; color: #555">'
    '<span class="title" style="min-width: 0; overflow: hidden; text-overflow: ellipsis;'
    ' white-space: nowrap"></span>'
    '<span style="white-space: nowrap">page <span class="pageNumber"></span>'
    ' of <span class="totalPages"></span></span></div>'
)
TIMEOUT_SECONDS = 120
NOT_FOUND = (
    "--format pdf needs Chromium or Google Chrome and none was found: install one "
    "(apt-get install chromium) or set TOUCHAUDIT_CHROMIUM to its path; "
    "or use --format html and print the page from a browser"
)


def find_chromium(environ: Mapping[str, str] | None = None) -> str | None:
    """The browser to print with: $TOUCHAUDIT_CHROMIUM, else the first of NAMES on PATH."""
    env = os.environ if environ is None else environ
    override = env.get(ENV_OVERRIDE)
    if override:
        found = shutil.which(override)
        if found is None:
            raise UsageError(f"{ENV_OVERRIDE}={override} is not an executable program")
        return found
    for name in NAMES:
        found = shutil.which(name, path=env.get("PATH"))
        if found:
            return found
    return next((p for p in KNOWN_PATHS if os.access(p, os.X_OK)), None)


def print_pdf(html: str, target: Path, *, chromium: str | None = None) -> None:
    """Print `html` to the PDF file `target`, atomically, its pages numbered in the footer;
    UsageError when no browser is found."""
    browser = chromium or find_chromium()
    if browser is None:
        raise UsageError(NOT_FOUND)
    with tempfile.TemporaryDirectory(prefix="touchaudit-pdf-") as work:
        page = Path(work) / "report.html"
        page.write_text(html, encoding="utf-8")
        log = Path(work) / "chromium.log"
        command = [browser, *FLAGS, f"--user-data-dir={Path(work) / 'profile'}"]
        with atomic_path(target) as temp:
            try:
                with (
                    log.open("wb") as stderr,
                    DevTools(command, timeout=TIMEOUT_SECONDS, stderr=stderr) as tools,
                ):
                    print_page(tools, page, footer=FOOTER, target=temp)
            except TouchauditError as err:
                raise TouchauditError(f"{err}{_last_line(log)}") from None
            with temp.open("rb") as printed:
                if printed.read(5) != b"%PDF-":
                    raise TouchauditError(f"{browser} did not print a PDF")


def _last_line(log: Path) -> str:
    """`: <the browser's last line on stderr>`, or nothing."""
    lines = log.read_bytes().decode("utf-8", "replace").strip().splitlines() if log.exists() else []
    return f": {lines[-1]}" if lines else ""
