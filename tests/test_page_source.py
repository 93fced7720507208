"""A saved page as a measurement source: `sources: [{page: snapshots/site.html}]` fills the
website criteria `touchaudit scan` finds on it, each with the page and line as evidence, and a
value written in the audit still wins (issue 18)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.reading.loader import load_audit


def _audit(folder: Path, page: Path, written: str = "") -> Path:
    (folder / "snapshots").mkdir()
    shutil.copyfile(page, folder / "snapshots" / "site.html")  # into tmp_path, for the run only
    audit = folder / "audit.yaml"
    audit.write_text(
        "touchaudit: 1\ncompany: A clinic\ntouchpoints:\n  site:\n    channel: website\n"
        f"    sources:\n      - page: snapshots/site.html\n{written}",
        encoding="utf-8",
    )
    return audit


def _truth(sites: Path, name: str) -> dict[str, Any]:
    rows = json.loads((sites / "truth.json").read_text(encoding="utf-8"))
    return next(r for r in rows if r["file"] == name)


@pytest.mark.parametrize("name", ["02-dental-cordata.html", "07-salon-thehive.html"])
def test_a_saved_page_fills_the_website_criteria_with_its_evidence(
    site_fixtures: Path, tmp_path: Path, name: str
) -> None:
    truth = _truth(site_fixtures, name)
    loaded = load_audit(_audit(tmp_path, site_fixtures / name))

    measured = loaded.measurements["site"]
    assert measured["clickable_phone"].value is truth["clickable_phone"]
    assert measured["mobile_version"].value is truth["viewport_meta"]
    phone = measured["clickable_phone"]
    if phone.value:
        assert phone.evidence is not None
        assert phone.evidence.startswith("snapshots/site.html:")  # the page and its line


def test_a_value_written_in_the_audit_wins_over_the_page(
    site_fixtures: Path, tmp_path: Path
) -> None:
    name = "02-dental-cordata.html"
    assert _truth(site_fixtures, name)["clickable_phone"] is True
    audit = _audit(tmp_path, site_fixtures / name, "    criteria:\n      clickable_phone: no\n")
    result = CliRunner().invoke(app, ["validate", str(audit)])
    assert "source-differs" in result.output
    assert load_audit(audit).measurements["site"]["clickable_phone"].value is False


def test_a_page_outside_the_audits_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "audits").mkdir()
    (tmp_path / "page.html").write_text("<a href='tel:1'>call</a>", encoding="utf-8")
    audit = tmp_path / "audits" / "audit.yaml"
    audit.write_text(
        "touchaudit: 1\ncompany: A\ntouchpoints:\n  site:\n    channel: website\n"
        "    sources:\n      - page: ../page.html\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["validate", str(audit)])
    assert result.exit_code == 1
    assert "[source-outside]" in result.output
