"""`touchaudit trend`: a consultant follows one client quarter by quarter.

Three quarterly audits of Ledgerly: the site gets faster, then the phone line gains a call-back
request while its answer time slips. Every figure of the trend is held against the scorecard of
that quarter, scored by hand with the newest audit's thresholds.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.comparison.trend import trend_files
from touchaudit.reading.errors import UsageError
from touchaudit.reading.loader import check_file, load_audit
from touchaudit.scoring.results import Scorecard
from touchaudit.scoring.score import score_audit

runner = CliRunner()

QUARTER = """\
touchaudit: 1
company: {company}
audited_on: {day}
touchpoints:
  website:
    channel: website
    criteria:
      load_time: {load}
  phone:
    channel: phone
    criteria:
      answer_time: {answer}
      callback_request: {callback}
"""
QUARTERS = {
    "q1": {"day": "2026-03-31", "load": "3.4 s", "answer": "40 s", "callback": "no"},
    "q2": {"day": "2026-06-30", "load": "2.1 s", "answer": "40 s", "callback": "no"},
    "q3": {"day": "2026-09-30", "load": "2.1 s", "answer": "90 s", "callback": "yes"},
}


def quarter(folder: Path, name: str, company: str = "Ledgerly", **changes: str) -> Path:
    fields = {**QUARTERS[name], "company": company, **changes}
    path = folder / f"{name}.yaml"
    path.write_text(QUARTER.format(**fields), encoding="utf-8")
    return path


@pytest.fixture
def quarters(tmp_path: Path) -> list[Path]:
    """The three quarters, given newest first: the trend puts them in date order."""
    return [quarter(tmp_path, name) for name in ("q3", "q1", "q2")]


def by_hand(path: Path, newest: Path) -> Scorecard:
    """One quarter scored with the newest audit's thresholds, as compare scores a baseline."""
    library = load_audit(newest).library
    loaded, _ = check_file(path, library=library, keep_library_criteria=True)
    assert loaded is not None
    return score_audit(loaded)


def trend_json(*args: str | Path) -> dict[str, Any]:
    result = runner.invoke(app, ["trend", *map(str, args), "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_the_audits_are_put_in_date_order_and_labelled_by_date(quarters: list[Path]) -> None:
    data = trend_json(*quarters)
    assert [a["label"] for a in data["audits"]] == ["2026-03-31", "2026-06-30", "2026-09-30"]
    assert [Path(a["file"]).stem for a in data["audits"]] == ["q1", "q2", "q3"]
    assert data["thresholds_of"] == "2026-09-30"


def test_every_figure_is_the_quarter_scored_with_the_newest_thresholds(
    quarters: list[Path],
) -> None:
    q3, q1, q2 = quarters
    trend = trend_files(quarters)
    for point, path in zip(trend.points, (q1, q2, q3), strict=True):
        card = by_hand(path, q3)
        assert point.score == card.score
        assert (point.low, point.high, point.coverage) == (card.low, card.high, card.coverage)
        assert dict(point.stages) == {s.id: s.score for s in card.stages}
        assert dict(point.channels) == {c.id: c.score for c in card.channels}


def test_each_step_holds_the_change_since_the_audit_before(quarters: list[Path]) -> None:
    q3, q1, q2 = quarters
    cards = [by_hand(p, q3) for p in (q1, q2, q3)]
    trend = trend_files(quarters)
    for step, (before, after) in zip(trend.steps, itertools.pairwise(cards), strict=True):
        assert step.overall == pytest.approx((after.score or 0) - (before.score or 0))
        phone = {c.id: c.score or 0 for c in after.channels}["phone"] - {
            c.id: c.score or 0 for c in before.channels
        }["phone"]
        assert step.channels["phone"] == pytest.approx(phone)
    assert trend.change == pytest.approx((cards[2].score or 0) - (cards[0].score or 0))


def test_the_criteria_that_moved_most_come_first(quarters: list[Path]) -> None:
    first, second = trend_files(quarters).steps
    assert [(m.touchpoint, m.criterion) for m in first.moves] == [("website", "load_time")]
    assert (first.moves[0].before_value, first.moves[0].after_value) == ("3.4 s", "2.1 s")
    assert [m.criterion for m in second.moves] == ["callback_request", "answer_time"]
    assert second.moves[0].delta == 100.0
    assert second.moves[1].delta < 0


def test_one_set_of_thresholds_the_newest_audits(tmp_path: Path) -> None:
    """q1 judged its load time by a laxer threshold of its own; the trend uses q3's."""
    lax = "\ncriteria:\n  load_time:\n    good: 5\n    poor: 9\n"
    q1 = quarter(tmp_path, "q1")
    q1.write_text(q1.read_text(encoding="utf-8") + lax, encoding="utf-8")
    q3 = quarter(tmp_path, "q3")
    trend = trend_files([q1, q3])
    assert trend.points[0].channels["website"] == by_hand(q1, q3).channels[0].score
    assert trend.points[0].channels["website"] != score_audit(load_audit(q1)).channels[0].score
    assert any(w.code == "threshold-differs" for w in trend.warnings)


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["sept", "march", "june"], ["march", "june", "sept"]),  # command-line order
    ],
)
def test_labels_follow_the_command_line_order(
    quarters: list[Path], labels: list[str], expected: list[str]
) -> None:
    flags = [arg for label in labels for arg in ("-l", label)]
    data = trend_json(*quarters, *flags)
    assert [a["label"] for a in data["audits"]] == expected
    assert [(s["from"], s["to"]) for s in data["steps"]] == [("march", "june"), ("june", "sept")]


def test_an_audit_without_a_date_is_a_usage_error(tmp_path: Path) -> None:
    undated = quarter(tmp_path, "q1")
    undated.write_text(
        undated.read_text(encoding="utf-8").replace("audited_on: 2026-03-31\n", ""),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["trend", str(undated), str(quarter(tmp_path, "q2"))])
    assert result.exit_code == 2
    assert f"{undated} has no audited_on" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("second", "message"),
    [
        ({"company": "Ledgerly Two"}, "a trend follows one company"),
        ({"day": "2026-03-31"}, "are both dated 2026-03-31"),
    ],
)
def test_audits_that_cannot_form_one_timeline_are_refused(
    tmp_path: Path, second: dict[str, str], message: str
) -> None:
    first = quarter(tmp_path, "q1")
    other = quarter(tmp_path, "q2", **second)
    with pytest.raises(UsageError, match=message):
        trend_files([first, other])
    result = runner.invoke(app, ["trend", str(first), str(other)])
    assert result.exit_code == 2
    assert message in result.stderr


def test_an_invalid_audit_is_reported_at_its_line(tmp_path: Path) -> None:
    broken = quarter(tmp_path, "q2", load="fast")
    result = runner.invoke(app, ["trend", str(quarter(tmp_path, "q1")), str(broken)])
    assert result.exit_code == 1
    assert f"{broken}:8:" in result.stderr


@pytest.mark.parametrize(("allowed", "code"), [("0", 1), ("70", 0)])
def test_fail_on_drop_gates_the_newest_audit_against_the_one_before(
    tmp_path: Path, allowed: str, code: int
) -> None:
    """The site slows from 2.1 s to 9 s in q3: the overall and every stage fall."""
    q2 = quarter(tmp_path, "q2")
    q3 = quarter(tmp_path, "q3", load="9 s", callback="no", answer="40 s")
    result = runner.invoke(app, ["trend", str(q2), str(q3), "--fail-on-drop", allowed])
    assert result.exit_code == code, result.output
    dropped = "2026-09-30 since 2026-06-30: overall score dropped"
    assert (dropped in result.stderr) is (code == 1)


def test_an_old_drop_does_not_fail_a_recovered_trend(tmp_path: Path) -> None:
    q1 = quarter(tmp_path, "q1", load="2.1 s")
    q2 = quarter(tmp_path, "q2", load="9 s")
    q3 = quarter(tmp_path, "q3", load="2.1 s", answer="40 s", callback="no")
    result = runner.invoke(app, ["trend", str(q1), str(q2), str(q3), "--fail-on-drop", "0"])
    assert result.exit_code == 0, result.output


def test_markdown_draws_the_overall_as_a_mermaid_line(quarters: list[Path]) -> None:
    result = runner.invoke(app, ["trend", *map(str, quarters), "-f", "markdown"])
    assert result.exit_code == 0, result.output
    scores = [f"{p.score:.1f}" for p in trend_files(quarters).points]
    assert "```mermaid\nxychart-beta\n" in result.stdout
    assert '  x-axis ["2026-03-31", "2026-06-30", "2026-09-30"]\n' in result.stdout
    assert f"  line [{', '.join(scores)}]\n" in result.stdout


def test_labels_and_company_are_data_in_the_chart_and_tables(tmp_path: Path) -> None:
    hostile = 'Evil"] line [1 | <b>x</b> ::error::'
    files = [quarter(tmp_path, n, company=json.dumps(hostile)) for n in ("q1", "q2")]
    label = 'a"]\n  line [0'
    result = runner.invoke(
        app, ["trend", *map(str, files), "-f", "markdown", "-l", "x|y", "-l", "safe"]
    )
    assert result.exit_code == 0, result.output
    chart = result.stdout.split("```mermaid\n")[1].split("```")[0]
    # The title, two labels and the y axis: each one quoted string.
    assert chart.count('"') == 2 * 4
    assert chart.count("line [") == 1
    assert "<b>" not in result.stdout
    assert "x\\|y" in result.stdout
    refused = runner.invoke(app, ["trend", *map(str, files), "-l", label, "-l", "b"])
    assert refused.exit_code == 2
    assert "contains U+000A" in refused.stderr


def test_table_output_names_the_thresholds_and_what_moved(quarters: list[Path]) -> None:
    result = runner.invoke(app, ["trend", *map(str, quarters)])
    assert result.exit_code == 0, result.output
    assert "Ledgerly, 3 audits from 2026-03-31 to 2026-09-30" in result.stdout
    assert "newest audit's thresholds" in result.stdout
    assert "What moved most, 2026-06-30 → 2026-09-30" in result.stdout
    assert "competitor" not in result.stdout.lower()


AFTER = str(Path(__file__).resolve().parents[1] / "audits" / "electronics-after.yaml")
BEFORE = str(Path(__file__).resolve().parents[1] / "audits" / "electronics-before.yaml")


@pytest.mark.parametrize(
    "args",
    [
        ["compare", AFTER, BEFORE, "-l", "after", "-l", "before"],
        ["compare", AFTER, BEFORE, "-l", "after", "-l", "before", "-f", "markdown"],
        ["report", AFTER, "--vs", BEFORE, "-l", "after", "-l", "before"],
        ["report", AFTER, "--vs", BEFORE, "-l", "after", "-l", "before", "-f", "html"],
        ["trend", AFTER, BEFORE, "-f", "markdown"],
        ["trend", AFTER, BEFORE, "-f", "html"],
    ],
)
def test_before_after_and_trend_wording_never_says_competitor(
    args: list[str], tmp_path: Path
) -> None:
    """The same company a quarter apart is no competitor of itself."""
    if "html" in args and args[0] == "report":
        args = [*args, "-o", str(tmp_path / "report.html")]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "report.html").read_text(encoding="utf-8") if "-o" in args else result.stdout
    assert "competitor" not in text.lower()
