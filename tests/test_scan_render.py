"""`touchaudit scan --render`: a page whose scripts add the phone link, the booking link and
the viewport is seen as a customer's browser shows it, with its load time and LCP as lab
numbers; the static scan of the same page sees none of them. Skipped only without Chromium,
as the browser report test is."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.reading.loader import parse_audit
from touchaudit.render.pdf import find_chromium

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium or Chrome found (apt-get install chromium, or set TOUCHAUDIT_CHROMIUM)",
)

INJECTING = """<!doctype html><html><head><title>Injected</title></head><body>
<h1>Clinic</h1><p>Welcome: a paragraph for the browser to paint.</p>
<script>
var a = document.createElement("a"); a.href = "https://" + "calendly" + ".com/acme";
a.textContent = "Book"; document.body.appendChild(a);
var t = document.createElement("a"); t.href = "te" + "l:+15550100"; t.textContent = "Call";
document.body.appendChild(t);
var m = document.createElement("meta"); m.name = "viewport";
m.content = "width=device-width, initial-scale=1"; document.head.appendChild(m);
</script></body></html>
"""
HEADER = "touchaudit: 1\ncompany: Acme Clinic\ntouchpoints:\n"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "index.html").write_text(INJECTING, encoding="utf-8")
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_render_sees_what_scripts_add_and_times_the_page(site: str) -> None:
    code, out, err = run("scan", site, "--render")
    assert code == 0, err
    loaded, problems = parse_audit((HEADER + out).encode(), "pasted.yaml")
    assert loaded is not None, problems
    measured = loaded.measurements["website"]
    assert measured["clickable_phone"].value is True
    assert measured["online_booking"].value is True
    assert measured["mobile_version"].value is True
    assert measured["load_time"].value is not None
    assert measured["lcp"].value is not None
    assert "lab number" in out
    static = run("scan", site)[1]
    assert "clickable_phone: no" in static
    assert "online_booking: no" in static


def test_render_reads_a_saved_file_without_timing_it(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_text(INJECTING, encoding="utf-8")
    code, out, err = run("scan", str(page), "--render", "-f", "json")
    assert code == 0, err
    assert '"engine": "rendered"' in out
    assert '"load_time"' not in out  # a page set from a file has no navigation to time
    assert '"online_booking": {\n      "value": true' in out
