"""`touchaudit badge FILE -o badge.svg`: a score badge for the README of a team's audit repo."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.reading.loader import load_audit
from touchaudit.render.history.badge import BAND_FILL, PROVISIONAL_FILL
from touchaudit.scoring.results import Band
from touchaudit.scoring.score import score_audit

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
runner = CliRunner()


def badge(*args: str) -> ET.Element:
    result = runner.invoke(app, ["badge", *args])
    assert result.exit_code == 0, result.output
    return ET.fromstring(result.stdout)


@pytest.mark.parametrize(
    "sample",
    ["clinic-contacts-only.yaml", "electronics-after.yaml", "clinic-many-touchpoints.yaml"],
)
def test_the_badge_shows_the_score_on_its_bands_colour(sample: str) -> None:
    card = score_audit(load_audit(ROOT / "audits" / sample))
    svg = badge(str(ROOT / "audits" / sample))
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == ["touchaudit", f"{card.score:.1f}"]
    fills = [r.get("fill") for r in svg.iter(f"{SVG}rect")]
    assert fills[1] == BAND_FILL[card.band]
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert title is not None
    assert title.text == f"{card.company}: touchaudit score {card.score:.1f} ({card.band.label})"


def test_a_provisional_score_is_grey_and_says_so(tmp_path: Path) -> None:
    thin = tmp_path / "thin.yaml"
    thin.write_text(
        "touchaudit: 1\ncompany: Thin\ntouchpoints:\n  site:\n    channel: website\n"
        "    criteria:\n      load_time: 2 s\n",
        encoding="utf-8",
    )
    svg = badge(str(thin))
    assert [r.get("fill") for r in svg.iter(f"{SVG}rect")][1] == PROVISIONAL_FILL
    assert [t.text for t in svg.iter(f"{SVG}text")][1].endswith(" provisional")


def test_text_is_escaped_never_markup(tmp_path: Path) -> None:
    name = '<script>alert("x")</script> & Co'
    audit = tmp_path / "a.yaml"
    audit.write_text(
        f"touchaudit: 1\ncompany: {json.dumps(name)}\n"
        "touchpoints:\n  site:\n    channel: website\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["badge", str(audit), "--label", "<b>CX</b>"])
    assert result.exit_code == 0, result.output
    assert "<script" not in result.stdout
    assert "<b>" not in result.stdout
    svg = ET.fromstring(result.stdout)
    title = svg.find(f"{SVG}title")
    assert title is not None
    assert title.text is not None
    assert title.text.startswith(name)
    assert next(t.text for t in svg.iter(f"{SVG}text")) == "<b>CX</b>"


def test_the_badge_goes_to_a_file_never_over_the_audit(tmp_path: Path) -> None:
    audit = ROOT / "audits" / "electronics-after.yaml"
    out = tmp_path / "badge.svg"
    assert runner.invoke(app, ["badge", str(audit), "-o", str(out)]).exit_code == 0
    assert ET.parse(out).getroot().tag == f"{SVG}svg"
    refused = runner.invoke(app, ["badge", str(audit), "-o", str(audit)])
    assert refused.exit_code == 2


def test_every_band_has_a_colour() -> None:
    assert set(BAND_FILL) == set(Band)
