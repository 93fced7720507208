"""The pages `touchaudit scan` is given: saved HTML files, read as every input file is (regular
files only, at most the size limit), or http(s) URLs, fetched one page each (fetch.py), or
either rendered by Chromium (browser.py, --render); with `follow`, the same-site pages a
fetched page names contact, booking… are scanned after it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from touchaudit.reading.errors import UsageError
from touchaudit.reading.reads import NotRegularFile, not_regular_message, read_regular
from touchaudit.reading.scan import MAX_PAGE_BYTES, PageScan, ScanError, scan_page
from touchaudit.reading.scan.browser import render_page
from touchaudit.reading.scan.fetch import fetch_page
from touchaudit.reading.scan.links import is_url

MAX_FOLLOW = 20  # pages followed from one page at most


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


@dataclass(frozen=True)
class PageReader:
    """How pages are read: statically (the default), or rendered by the Chromium at `chromium`
    (--render); the size limit either way."""

    max_bytes: int = MAX_PAGE_BYTES
    render: bool = False
    chromium: str | None = None

    def scan_file(self, path: str) -> PageScan:
        """A saved page."""
        raw = read_page_file(path, max_bytes=self.max_bytes)
        name = Path(path).as_posix()
        if self.render:
            return render_page(name, html=raw, chromium=self.chromium, max_bytes=self.max_bytes)
        return scan_page(raw, name, max_bytes=self.max_bytes)

    def scan_url(self, url: str) -> PageScan:
        """The page at `url`, named by it; a note says where a same-host redirect led."""
        if self.render:
            return render_page(url, chromium=self.chromium, max_bytes=self.max_bytes)
        fetched = fetch_page(url, max_bytes=self.max_bytes)
        scan = scan_page(
            fetched.raw,
            url,
            charset=fetched.charset,
            max_bytes=self.max_bytes,
            base_url=fetched.final_url,
        )
        if fetched.final_url != url:
            return replace(scan, notes=(f"redirected to {fetched.final_url}", *scan.notes))
        return scan


def scan_pages(
    pages: list[str], *, reader: PageReader | None = None, follow: int = 0
) -> tuple[PageScan, ...]:
    """Each page scanned, in the order given; after a URL, up to `follow` of the same-site
    pages it links to as contact, booking… (a page that fails to come is a note, not an end)."""
    reader = reader or PageReader()
    scanned: list[PageScan] = []
    for page in pages:
        if not is_url(page):
            scanned.append(reader.scan_file(page))
            continue
        first = reader.scan_url(page)
        followed, notes = _follow(reader, first, min(follow, MAX_FOLLOW), seen={page})
        scanned += [replace(first, notes=(*first.notes, *notes)), *followed]
    return tuple(scanned)


def _follow(
    reader: PageReader, first: PageScan, count: int, seen: set[str]
) -> tuple[list[PageScan], list[str]]:
    followed: list[PageScan] = []
    notes: list[str] = []
    for url in first.follow:
        if len(followed) >= count:
            break
        if url in seen:
            continue
        seen.add(url)
        try:
            followed.append(reader.scan_url(url))
        except ScanError as err:
            notes.append(f"not followed: {err}")
    return followed, notes
