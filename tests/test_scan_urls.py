"""`touchaudit scan URL`: the real fixture pages served from 127.0.0.1 are scanned by address as
they are from the file; one request per page, a clear user agent, same-host redirects only,
the size and time limits, and `--follow` for the site's contact and booking pages."""

from __future__ import annotations

import functools
import json
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.reading.scan import ScanError, scan_page
from touchaudit.reading.scan.fetch import fetch_page
from touchaudit.reading.scan.pages import scan_pages


class _Handler(SimpleHTTPRequestHandler):
    """Serves a folder; /away redirects to another host, /moved to a page here, /slow waits;
    records each request's path and user agent."""

    seen: list[tuple[str, str]]

    def do_GET(self) -> None:
        self.seen.append((self.path, self.headers.get("User-Agent", "")))
        port = self.server.server_address[1]
        redirects = {
            "/away": f"http://localhost:{port}/09-cafe-sisterscafe.html",
            "/file": "file:///etc/passwd",
            "/moved": "/09-cafe-sisterscafe.html",
        }
        if self.path in redirects:
            self.send_response(302)
            self.send_header("Location", redirects[self.path])
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(1.5)  # then hang up: the client has given up
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet


@pytest.fixture
def serve() -> Iterator[functools.partial[str]]:
    """`serve(folder)` -> the base address of a server for that folder on 127.0.0.1."""
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path, seen: list[tuple[str, str]] | None = None) -> str:
        handler = type("Handler", (_Handler,), {"seen": [] if seen is None else seen})
        server = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield functools.partial(start)
    for server in servers:
        server.shutdown()
        server.server_close()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_served_page_scans_as_its_file_does(
    site_fixtures: Path, serve: functools.partial[str]
) -> None:
    seen: list[tuple[str, str]] = []
    base = serve(site_fixtures, seen)
    for page in sorted(site_fixtures.glob("*.html")):
        url = f"{base}/{page.name}"
        by_url = scan_pages([url])[0]
        by_file = scan_page(page.read_bytes(), url)
        assert by_url.findings == by_file.findings, page.name
        assert by_url.channels == by_file.channels, page.name
    assert len(seen) == len(list(site_fixtures.glob("*.html")))  # one request per page
    assert all(agent.startswith("touchaudit/") for _path, agent in seen)


def test_the_cli_scans_a_url(site_fixtures: Path, serve: functools.partial[str]) -> None:
    url = serve(site_fixtures) + "/09-cafe-sisterscafe.html"
    code, out, _err = run("scan", url, "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["page"] == url
    assert data["criteria"]["chat_widget"]["evidence"]["page"] == url


def test_a_redirect_on_the_same_host_is_followed_and_said(
    site_fixtures: Path, serve: functools.partial[str]
) -> None:
    base = serve(site_fixtures)
    scan = scan_pages([f"{base}/moved"])[0]
    assert scan.notes[0] == f"redirected to {base}/09-cafe-sisterscafe.html"
    assert scan.finding("chat_widget").detail == "Aminos AI"


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/away", "redirects (302) to another site, http://localhost:"),
        ("/file", "Redirection to url 'file:///etc/passwd' is not allowed"),
    ],
)
def test_a_redirect_to_another_host_is_not_followed(
    site_fixtures: Path, serve: functools.partial[str], path: str, said: str
) -> None:
    url = serve(site_fixtures) + path
    code, _out, err = run("scan", url)
    assert code == 1
    assert err.startswith(f"touchaudit: error: {url}: ")
    assert said in err
    assert err.count("\n") == 1


def test_a_page_over_the_limit_is_not_read_to_its_end(
    site_fixtures: Path, serve: functools.partial[str]
) -> None:
    url = serve(site_fixtures) + "/04-physio-drphysio.html"
    with pytest.raises(ScanError, match="over the limit of 100,000 bytes"):
        fetch_page(url, max_bytes=100_000)


def test_a_slow_page_is_given_up(site_fixtures: Path, serve: functools.partial[str]) -> None:
    with pytest.raises(ScanError, match="cannot fetch the page"):
        fetch_page(serve(site_fixtures) + "/slow", timeout=0.3)


def test_a_missing_page_says_what_the_server_answered(
    site_fixtures: Path, serve: functools.partial[str]
) -> None:
    url = serve(site_fixtures) + "/nope.html"
    code, _out, err = run("scan", url)
    assert code == 1
    assert err == f"touchaudit: error: {url}: the server answered HTTP 404 File not found\n"


SITE = {
    "index.html": '<a href="contact.html">Contact us</a> <a href="/about.html">About</a>'
    '<a href="https://example.com/contact">Partner</a> <a href="/book/">Book online</a>'
    '<a href="#contact">Contact</a> <a href="missing-contacts.html">Kontakty</a>',
    "contact.html": '<a href="tel:+15550100">Call</a><a href="index.html">Home</a>',
    "about.html": '<a href="contact.html">Contact</a>',
    "book/index.html": '<a href="https://calendly.com/acme">Pick a time</a>',
}


def test_follow_scans_the_same_site_pages_named_contact_or_booking(
    tmp_path: Path, serve: functools.partial[str]
) -> None:
    for name, html in SITE.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(html, encoding="utf-8")
    base = serve(tmp_path)
    pages = scan_pages([f"{base}/index.html"], follow=5)
    assert [p.page for p in pages] == [
        f"{base}/index.html",
        f"{base}/contact.html",
        f"{base}/book/",
    ]
    assert pages[1].finding("clickable_phone").value is True
    assert pages[2].finding("online_booking").detail == "Calendly"
    assert pages[0].notes == (
        f"not followed: {base}/missing-contacts.html: the server answered HTTP 404 File not found",
    )
    assert [p.page for p in scan_pages([f"{base}/index.html"], follow=1)] == [
        f"{base}/index.html",
        f"{base}/contact.html",
    ]
    assert len(scan_pages([f"{base}/index.html"])) == 1  # one page per URL by default
