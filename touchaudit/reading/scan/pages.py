"""The pages `touchaudit scan` is given: saved HTML files, read as every input file is (regular
files only, at most the size limit), each scanned with `scan_page`."""

from __future__ import annotations

from pathlib import Path

from touchaudit.reading.errors import UsageError
from touchaudit.reading.reads import NotRegularFile, not_regular_message, read_regular
from touchaudit.reading.scan import MAX_PAGE_BYTES, PageScan, ScanError, scan_page


def read_page_file(path: str, *, max_bytes: int = MAX_PAGE_BYTES) -> bytes:
    """A saved page's bytes; UsageError for a missing or special file, ScanError when too big."""
    try:
        raw = read_regular(path, max_bytes)
    except FileNotFoundError:
        raise UsageError(
            f"{path}: no such file (a page is a saved HTML file or an http(s) URL)"
        ) from None
    except NotRegularFile as err:
        raise UsageError(not_regular_message(path, "a page", err.mode)) from None
    except OSError as err:
        raise UsageError(f"{path}: cannot read the page: {err.strerror or err}") from None
    if len(raw) > max_bytes:
        raise ScanError(f"{path}: the page is over the limit of {max_bytes:,} bytes")
    return raw


def scan_pages(pages: list[str], *, max_bytes: int = MAX_PAGE_BYTES) -> tuple[PageScan, ...]:
    """Each page scanned, in the order given."""
    return tuple(
        scan_page(
            read_page_file(page, max_bytes=max_bytes), Path(page).as_posix(), max_bytes=max_bytes
        )
        for page in pages
    )
