"""Scanning a web page: its bytes → the website criteria a customer meets there, each with its
evidence (page, line, element), and the other channels it links to.

`scan_page` is the one call: the CLI's `scan` and a source reader give it a page's bytes and a
name for the evidence. html reads the markup (no script runs, nothing is fetched), forms and
links read it with the rules of library/data/scan.yaml, detect puts the findings together.
A page is hostile input: its size and the time to read it are limited.
"""

from __future__ import annotations

import codecs
import re
import time

from touchaudit.library.scanrules import ScanRules, builtin_scan_rules
from touchaudit.reading.errors import TouchauditError
from touchaudit.reading.scan.detect import Detector
from touchaudit.reading.scan.html import MAX_PARTS, ParseTimeout, read_markup
from touchaudit.reading.scan.result import (
    SCANNED,
    ChannelLink,
    Engine,
    Evidence,
    Finding,
    FormFound,
    FormKind,
    PageScan,
)
from touchaudit.reading.visible import visible

__all__ = [
    "MAX_PAGE_BYTES",
    "PAGE_SECONDS",
    "SCANNED",
    "ChannelLink",
    "Engine",
    "Evidence",
    "Finding",
    "FormFound",
    "FormKind",
    "PageScan",
    "ScanError",
    "decode_page",
    "scan_page",
]

MAX_PAGE_BYTES = 5 * 1024 * 1024  # a home page's HTML is rarely over 1 MB
PAGE_SECONDS = 10.0  # to read one page's markup (a real 5 MB page takes about 1 s)
MAX_TITLE = 200
TRUNCATED = (
    f"the page has over {MAX_PARTS:,} links, scripts, forms or fields of a kind: "
    "the rest were not read"
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE
)


class ScanError(TouchauditError):
    """A page that cannot be scanned (too large, too slow to read, not fetched); the message
    says why. Exit code 1, as an invalid audit."""


def scan_page(
    raw: bytes,
    page: str,
    *,
    charset: str | None = None,
    max_bytes: int = MAX_PAGE_BYTES,
    seconds: float = PAGE_SECONDS,
    rules: ScanRules | None = None,
    base_url: str | None = None,
) -> PageScan:
    """What a page offers: every scanned website criterion with its value and evidence, its
    links to other channels and its forms. `page` names it in the evidence; `charset` is the
    server's (else the page's BOM or meta tag, else UTF-8); with `base_url` (where the page was
    fetched from) the result lists the same-site pages worth following."""
    if len(raw) > max_bytes:
        raise ScanError(f"{page}: the page is {len(raw):,} bytes, over the limit of {max_bytes:,}")
    text = decode_page(raw, charset)
    try:
        markup = read_markup(text, deadline=time.monotonic() + seconds)
    except ParseTimeout:
        raise ScanError(f"{page}: reading the page took over {seconds:g} s; gave up") from None
    detector = Detector(rules or builtin_scan_rules(), page)
    groups = detector.groups(markup)
    return PageScan(
        page=detector.page,
        title=visible(" ".join(markup.title.split()))[:MAX_TITLE],
        engine=Engine.STATIC,
        findings=detector.findings(markup, groups),
        channels=detector.channels(markup),
        forms=detector.forms(groups),
        notes=(TRUNCATED,) if markup.truncated else (),
        follow=detector.to_follow(markup, base_url) if base_url else (),
    )


def decode_page(raw: bytes, charset: str | None = None) -> str:
    """The page's text: a BOM wins, then the server's charset, then a `<meta charset>` in the
    first 4 KB, else UTF-8; undecodable bytes become U+FFFD."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    if charset is None:
        found = _META_CHARSET.search(raw[:4096])
        charset = found.group(1).decode("ascii") if found else None
    try:
        encoding = codecs.lookup(charset or "utf-8").name
    except LookupError:
        encoding = "utf-8"
    if encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-7"):
        encoding = "utf-8"  # a page saying so without a BOM is ASCII-compatible in practice
    return raw.decode(encoding, errors="replace")
