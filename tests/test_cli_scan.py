"""`touchaudit scan PAGE...` as an auditor uses it: a touchpoint to paste into an audit, JSON
for scripts, a table to read, rivals side by side; and a hostile page changes none of that.

The golden file of --compare: TOUCHAUDIT_UPDATE_GOLDEN=1 pytest tests/test_cli_scan.py
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.reading.loader import parse_audit
from touchaudit.reading.scan import SCANNED

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("TOUCHAUDIT_UPDATE_GOLDEN") == "1"
HEADER = "touchaudit: 1\ncompany: Acme Clinic\ntouchpoints:\n"

HOSTILE = (
    "<html><head><title>\x1b[31mRed\x1b]8;;http://evil\x07 \u202egnp.exe\u202c"
    ' "quote" #hash\n::error::boom\n  evil: yes [bold]x[/bold]</title></head><body>'
    '<a href="https://wa.me/15550100?x=\x1b[2J\n::warning::x">WhatsApp</a>'
    '<a href="tel:+1555\u202e0100">Call</a></body></html>'
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def pages(site_fixtures: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The real pages by name, run from their folder (so that evidence names them alone)."""
    monkeypatch.chdir(site_fixtures)
    return sorted(p.name for p in site_fixtures.glob("*.html"))


def test_the_yaml_pasted_under_touchpoints_is_a_valid_audit(pages: list[str]) -> None:
    for page in pages:
        code, out, _err = run("scan", page)
        assert code == 0
        loaded, problems = parse_audit((HEADER + out).encode(), "pasted.yaml")
        assert loaded is not None, problems
        measured = loaded.measurements["website"]
        scanned = json.loads(run("scan", page, "--format", "json")[1])["criteria"]
        for criterion in SCANNED:
            value = scanned[criterion]["value"]
            written = measured[criterion].value if criterion in measured else None
            assert written == value, (page, criterion)
            assert isinstance(written, bool) == isinstance(value, bool), (page, criterion)


def test_json_has_the_page_its_criteria_with_evidence_and_its_channels(pages: list[str]) -> None:
    code, out, _err = run("scan", "04-physio-drphysio.html", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["page"] == "04-physio-drphysio.html"
    assert list(data["criteria"]) == list(SCANNED)
    phone = data["criteria"]["clickable_phone"]
    assert phone["value"] is True
    assert phone["evidence"]["page"] == "04-physio-drphysio.html"
    assert phone["evidence"]["element"].startswith('<a href="tel:')
    assert data["channels"]["messenger"] == ["https://wa.me/917874837101"]


def test_several_pages_in_json_make_a_list(pages: list[str]) -> None:
    code, out, _err = run("scan", *pages[:3], "-f", "json")
    assert code == 0
    assert [p["page"] for p in json.loads(out)] == pages[:3]


def test_the_table_shows_each_criterion_with_where_it_was_found(pages: list[str]) -> None:
    code, out, _err = run("scan", "09-cafe-sisterscafe.html", "--format", "table")
    assert code == 0
    assert "chat_widget" in out
    assert "Aminos AI" in out
    assert "line 14: <script" in out
    assert "Links to other channels" in out


def test_compare_names_what_each_page_offers_and_the_other_lacks(pages: list[str]) -> None:
    ours, theirs = "02-dental-cordata.html", "04-physio-drphysio.html"
    code, out, _err = run("scan", ours, theirs, "--compare", "--format", "table")
    assert code == 0
    golden = GOLDEN / "scan-compare.txt"
    if UPDATE:
        golden.write_text(out, encoding="utf-8", newline="\n")
    assert golden.exists(), f"no golden file: run TOUCHAUDIT_UPDATE_GOLDEN=1 pytest {__file__}"
    assert out == golden.read_text(encoding="utf-8")
    summary = json.loads(run("scan", ours, theirs, "--compare", "-f", "json")[1])
    assert summary["lacks"][ours] == ["online_booking", "question_form", "messenger link"]
    assert summary["only"][theirs] == ["online_booking", "question_form", "messenger link"]


def test_a_hostile_page_is_data_in_every_format(tmp_path: Path) -> None:
    page = tmp_path / "evil.html"
    page.write_text(HOSTILE, encoding="utf-8")
    outputs = {fmt: run("scan", str(page), "-f", fmt) for fmt in ("yaml", "json", "table")}
    for fmt, (code, out, _err) in outputs.items():
        assert code == 0, fmt
        for hidden in ("\x1b", "\u202e", "\x07"):
            assert hidden not in out, fmt
        assert not any(line.lstrip().startswith("::") for line in out.splitlines()), fmt
    loaded, problems = parse_audit((HEADER + outputs["yaml"][1]).encode(), "pasted.yaml")
    assert loaded is not None, problems
    website = loaded.audit.touchpoints["website"]
    assert set(loaded.audit.touchpoints) == {"website"}  # `evil: yes` stayed in the name
    assert website.name is not None
    assert "<U+001B>[31mRed" in website.name
    assert loaded.measurements["website"]["clickable_phone"].value is True


def test_compare_needs_two_pages(pages: list[str]) -> None:
    code, _out, err = run("scan", pages[0], "--compare")
    assert code == 2
    assert err == "touchaudit: error: --compare needs two pages or more\n"


def test_a_missing_page_is_a_usage_error_on_one_line(tmp_path: Path) -> None:
    code, _out, err = run("scan", str(tmp_path / "nope.html"))
    assert code == 2
    assert err.count("\n") == 1
    assert "nope.html: no such file" in err


def test_a_page_over_the_limit_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    page.write_bytes(b"<p>x</p>" * 200)
    code, _out, err = run("scan", str(page), "--max-bytes", "1000")
    assert code == 1
    assert err == f"touchaudit: error: {page}: the page is over the limit of 1,000 bytes\n"


def test_the_output_never_overwrites_the_page(tmp_path: Path) -> None:
    page = tmp_path / "site.html"
    page.write_text("<a href='tel:1'>x</a>", encoding="utf-8")
    code, _out, err = run("scan", str(page), "-o", str(page))
    assert code == 2
    assert "is one of the input files" in err
    assert page.read_text(encoding="utf-8") == "<a href='tel:1'>x</a>"


def test_render_without_playwright_says_which_extra_to_install(
    pages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # as if not installed
    monkeypatch.setenv("TOUCHAUDIT_CHROMIUM", sys.executable)  # any program: never started
    code, _out, err = run("scan", pages[0], "--render")
    assert code == 2
    assert err == "touchaudit: error: --render needs Playwright: pip install 'touchaudit[scan]'\n"
