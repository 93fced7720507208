"""PDF: the HTML report printed by a headless Chromium (or Chrome) found on this machine."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from touchaudit.reading.errors import TouchauditError, UsageError
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
    "--no-pdf-header-footer",
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
    """Print `html` to the PDF file `target`, atomically; UsageError when no browser is found."""
    browser = chromium or find_chromium()
    if browser is None:
        raise UsageError(NOT_FOUND)
    with tempfile.TemporaryDirectory(prefix="touchaudit-pdf-") as work:
        page = Path(work) / "report.html"
        page.write_text(html, encoding="utf-8")
        with atomic_path(target) as temp:
            command = [
                browser,
                *FLAGS,
                f"--user-data-dir={Path(work) / 'profile'}",
                f"--print-to-pdf={temp}",
                page.as_uri(),
            ]
            _run(command)
            with temp.open("rb") as printed:
                if printed.read(5) != b"%PDF-":
                    raise TouchauditError(f"{browser} did not print a PDF")


def _run(command: list[str]) -> None:
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise TouchauditError(
            f"{command[0]} did not finish printing within {TIMEOUT_SECONDS} s"
        ) from None
    except OSError as err:
        raise TouchauditError(f"cannot run {command[0]}: {err.strerror}") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = f": {lines[-1]}" if lines else ""
        raise TouchauditError(f"{command[0]} failed with exit code {done.returncode}{detail}")
