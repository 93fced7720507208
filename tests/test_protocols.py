"""How to measure, everywhere: the starter audit, `touchaudit criteria ID` and the report's
method section all give each criterion's measurement protocol, so two auditors measure alike."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.library.criteria import builtin_library
from touchaudit.library.starter import starter_audit
from touchaudit.reading.loader import load_audit
from touchaudit.scoring.score import score_audit

AUDITS = Path(__file__).parents[1] / "audits"
LIBRARY = builtin_library()


def test_init_writes_each_protocol_as_a_comment_above_its_criterion() -> None:
    lines = starter_audit("restaurant", "Bistro").text.splitlines()
    criteria = [
        i
        for i, line in enumerate(lines)
        if line.endswith(": null  # " + line.split("# ", 1)[-1]) and line.startswith("      ")
    ]
    assert criteria
    for index in criteria:
        criterion_id = lines[index].strip().split(":")[0]
        above = []
        for line in reversed(lines[:index]):
            if not line.startswith("      # "):
                break
            above.insert(0, line.removeprefix("      # "))
        words = " ".join(above)
        assert (
            words
            == f"How to measure: {' '.join(LIBRARY.criteria[criterion_id].description.split())}"
        )


def test_one_criterion_in_full_names_its_source_protocol_and_business_types() -> None:
    result = CliRunner().invoke(app, ["criteria", "delivery_time"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "thresholds: good ≤ 2 d, poor ≥ 5 d" in text
    assert "source: [P] OnTrac / Hanover Research" in text
    assert "how to measure: Average days from order to delivery" in text
    assert "business restaurant: Restaurant or cafe sets unit, good, poor" in text
    assert "good ≤ 30 min, poor ≥ 1 h" in text


def test_one_criterion_as_json_names_its_aspect_partners() -> None:
    result = CliRunner().invoke(app, ["criteria", "lcp", "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["aspect"] == "page_speed"
    assert set(shown["aspect_members"]) == {"load_time", "fcp", "tbt", "lighthouse_performance"}
    assert shown["description"] == LIBRARY.criteria["lcp"].description


def test_an_unknown_criterion_gets_a_suggestion() -> None:
    result = CliRunner().invoke(app, ["criteria", "delivry_time"])
    assert result.exit_code != 0
    assert "unknown criterion 'delivry_time' (did you mean 'delivery_time'?)" in result.output


def test_the_report_method_lists_the_protocol_of_every_criterion_it_scores(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    audit = AUDITS / "electronics-before.yaml"
    result = CliRunner().invoke(app, ["report", str(audit), "-o", str(out)])
    assert result.exit_code == 0, result.output
    method = out.read_text(encoding="utf-8").split("### How each criterion is measured", 1)[1]
    loaded = load_audit(audit)
    card = score_audit(loaded)
    measured = {c.id for tp in card.touchpoints for c in tp.criteria if c.score is not None}
    shown = method.replace("\\(", "(").replace("\\)", ")")
    for criterion_id in measured:
        criterion = loaded.library.criteria[criterion_id]
        assert f"- **{criterion.label}**: {' '.join(criterion.description.split())[:40]}" in shown


def test_one_criterion_says_how_its_samples_combine() -> None:
    web_vital = CliRunner().invoke(app, ["criteria", "lcp"])
    abandoned = CliRunner().invoke(app, ["criteria", "abandonment_rate", "--format", "json"])
    assert "samples: several measurements combine into their 75th percentile" in web_vital.output
    assert json.loads(abandoned.output)["aggregate"] == "share_unanswered"
