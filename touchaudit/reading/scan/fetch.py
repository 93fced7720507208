"""Pages fetched by URL, with the standard library's urllib: one GET per page, http(s) only, a
clear user agent, a timeout, a size limit, no compression (no decompression bomb), and no
redirect to another host (the error names it, so that the user scans it knowingly)."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPMessage
from typing import IO
from urllib.parse import urljoin

from touchaudit import __version__
from touchaudit.reading.scan import MAX_PAGE_BYTES, ScanError
from touchaudit.reading.scan.links import is_url, same_site

USER_AGENT = f"touchaudit/{__version__} (customer touchpoint audit; scans one page per URL)"
TIMEOUT = 15.0  # seconds for the whole page: connection, redirects and body
MAX_REDIRECTS = 5
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched page: the address asked, where it ended (after same-host redirects), its
    bytes and the charset the server gave."""

    url: str
    final_url: str
    raw: bytes
    charset: str | None


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect on the same host (http to https included); refuses any other."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        target = urljoin(req.full_url, newurl)
        if not is_url(target) or not same_site(req.full_url, target):
            fp.close()
            raise ScanError(
                f"{req.full_url}: redirects ({code}) to another site, {target}; "
                "scan that address if it is the page you mean"
            )
        return super().redirect_request(req, fp, code, msg, headers, target)


def _opener() -> urllib.request.OpenerDirector:
    # Only http(s): no file:, ftp: or data: handler, whatever a redirect says.
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        _SameHostRedirects(),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.HTTPDefaultErrorHandler(),
    ):
        opener.add_handler(handler)
    return opener


def fetch_page(url: str, *, max_bytes: int = MAX_PAGE_BYTES, timeout: float = TIMEOUT) -> Fetched:
    """The page at `url`; ScanError, naming the address, when it cannot be had as HTML."""
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "identity",
        },
    )
    deadline = time.monotonic() + timeout
    try:
        with _opener().open(request, timeout=timeout) as response:
            headers = response.headers
            _check_headers(url, headers)
            raw = _read_body(url, response, max_bytes, deadline, timeout)
            final = response.geturl()
    except urllib.error.HTTPError as err:
        err.close()
        raise ScanError(f"{url}: the server answered HTTP {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        raise ScanError(f"{url}: cannot fetch the page: {err.reason}") from None
    except (TimeoutError, OSError) as err:
        raise ScanError(f"{url}: cannot fetch the page: {err}") from None
    except ValueError as err:  # an address urllib cannot use (`http://[::1`)
        raise ScanError(f"{url}: not an address to fetch: {err}") from None
    return Fetched(url, final, raw, headers.get_content_charset())


def _check_headers(url: str, headers: Message) -> None:
    kind = (headers.get_content_type() if headers.get("Content-Type") else "").lower()
    if kind not in _HTML_TYPES:
        raise ScanError(f"{url}: not an HTML page (Content-Type {kind})")
    encoding = (headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity":
        raise ScanError(f"{url}: the server sent the page compressed ({encoding}) unasked")


def _read_body(
    url: str, response: IO[bytes], max_bytes: int, deadline: float, timeout: float
) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise ScanError(f"{url}: the page is over the limit of {max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise ScanError(f"{url}: the page took over {timeout:g} s to arrive; gave up")
    return b"".join(chunks)
