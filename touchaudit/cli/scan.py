"""The core call of `scan`: the pages read and scanned, compared when asked, rendered."""

from __future__ import annotations

from pathlib import Path

from touchaudit.comparison.pages import compare_pages
from touchaudit.reading.errors import UsageError
from touchaudit.reading.reads import Reads
from touchaudit.reading.scan import MAX_PAGE_BYTES
from touchaudit.reading.scan.links import is_url
from touchaudit.reading.scan.pages import PageReader, scan_pages
from touchaudit.render.formats import ScanFormat
from touchaudit.render.output import refuse_inputs
from touchaudit.render.pdf import find_chromium
from touchaudit.render.registry import SCANS, Scanned


def run_scan(
    pages: list[str],
    output_format: ScanFormat,
    *,
    compare: bool = False,
    max_bytes: int | None = None,
    output: Path | None = None,
    follow: int = 0,
    render: bool = False,
) -> str:
    """The scanned pages rendered in `output_format` (for stdout unless `output`)."""
    if compare and len(pages) < 2:
        raise UsageError("--compare needs two pages or more")
    if output is not None:
        refuse_inputs(output, Reads.declare(audits=[p for p in pages if not is_url(p)]))
    chromium = find_chromium() if render else None
    reader = PageReader(max_bytes or MAX_PAGE_BYTES, render=render, chromium=chromium)
    scanned = scan_pages(pages, reader=reader, follow=follow)
    comparison = compare_pages(scanned) if compare else None
    return SCANS.render(Scanned(scanned, comparison), output_format, stdout=output is None)
