"""The regression gate: `touchaudit score current.yaml --baseline last.yaml --max-drop N`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.comparison.baseline import Drop, score_drops
from touchaudit.scoring.results import GroupScore, Scorecard

runner = CliRunner()

BEFORE = "audits/electronics-before.yaml"
AFTER = "audits/electronics-after.yaml"


def card(overall: float | None, **stages: float | None) -> Scorecard:
    return Scorecard(
        file="x.yaml",
        company="X",
        audited_on=None,
        score=overall,
        measured=0,
        expected=0,
        stages=tuple(GroupScore(s, v, 1) for s, v in stages.items()),
        channels=(),
        touchpoints=(),
        gaps=(),
    )


@pytest.mark.parametrize(
    ("now", "then", "max_drop", "dropped"),
    [
        (card(80, research=80), card(80, research=80), 0, []),
        (card(79.96, research=80), card(80, research=80), 0, []),  # 80.0 as shown: no drop
        (card(77, research=80), card(80, research=80), 3, []),  # exactly the allowance
        (card(76.9, research=80), card(80, research=80), 3, ["overall score"]),
        (card(80, research=70), card(80, research=80), 5, ["stage 'research'"]),
        (card(80, research=None), card(80, research=80), 5, ["stage 'research'"]),
        (card(80), card(80, research=80), 5, ["stage 'research'"]),  # the stage is gone
        (card(80, research=90), card(80, research=None), 0, []),  # nothing to drop from
    ],
)
def test_what_counts_as_a_drop(
    now: Scorecard, then: Scorecard, max_drop: float, dropped: list[str]
) -> None:
    assert [d.what for d in score_drops(now, then, max_drop)] == dropped


def test_a_drop_says_what_fell_from_what_to_what() -> None:
    drop = Drop("stage 'research'", 80.0, 70.0)
    assert drop.message(5) == (
        "stage 'research' dropped 10.0 points (80.0 → 70.0), more than the 5 allowed"
    )


def test_improving_since_the_baseline_passes() -> None:
    result = runner.invoke(app, ["score", AFTER, "--baseline", BEFORE, "--max-drop", "0"])
    assert result.exit_code == 0, result.output


def test_falling_back_fails_and_names_every_score_that_dropped() -> None:
    result = runner.invoke(
        app, ["score", BEFORE, "--baseline", AFTER, "--max-drop", "5", "--format", "json"]
    )
    assert result.exit_code == 1
    assert "overall score dropped 31.0 points (69.7 → 38.7)" in result.stderr
    for stage in ("awareness", "research", "comparison", "purchase", "post_purchase"):
        assert f"stage '{stage}' dropped" in result.stderr
    assert f"against {AFTER}" in result.stderr
    assert result.stdout.startswith("{")  # the report still goes to stdout, untouched


def test_the_settings_give_the_baseline_and_the_allowance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = Path.cwd()
    (tmp_path / ".touchaudit.yaml").write_text(
        f"baseline: {root / AFTER}\nmax_drop: 50\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["score", str(root / BEFORE)]).exit_code == 0  # 40.3 < 50
    result = runner.invoke(app, ["score", str(root / BEFORE), "--max-drop", "10"])
    assert result.exit_code == 1  # the flag wins over the settings


def test_max_drop_without_a_baseline_is_a_usage_error() -> None:
    result = runner.invoke(app, ["score", AFTER, "--max-drop", "3"])
    assert result.exit_code == 2
    assert "--max-drop needs --baseline" in result.stderr


def test_a_baseline_gates_one_audit_at_a_time() -> None:
    result = runner.invoke(app, ["score", AFTER, BEFORE, "--baseline", BEFORE])
    assert result.exit_code == 2


def test_the_baseline_is_scored_with_the_current_thresholds(tmp_path: Path) -> None:
    current = tmp_path / "current.yaml"
    current.write_text(
        textwrap.dedent(
            """\
            touchaudit: 1
            company: Shop
            stages: [purchase]
            touchpoints:
              phone: {channel: phone, stages: [purchase], criteria: {rings_before_answer: 3}}
            """
        ),
        encoding="utf-8",
    )
    last = tmp_path / "last.yaml"
    # Same measurement, but last quarter's file judged it leniently: not a real drop.
    last.write_text(
        current.read_text(encoding="utf-8").replace(
            "stages: [purchase]\n",
            "stages: [purchase]\ncriteria:\n  rings_before_answer: {good: 4, poor: 8}\n",
            1,
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["score", str(current), "--baseline", str(last)])
    assert result.exit_code == 0, result.output
    assert "threshold-differs" in result.stderr
