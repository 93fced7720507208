"""`score` takes one road for every format and gate: each file rendered on its own (in a worker
when that pays), then joined; the bytes are those of rendering all the scorecards at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.reading.loader import load_audits
from touchaudit.render import github, json, junit, markdown, registry, sarif
from touchaudit.render.formats import ReportFormat
from touchaudit.render.terminal import score
from touchaudit.scoring.results import Scorecard
from touchaudit.scoring.score import score_audit

AUDITS = sorted(str(p) for p in (Path(__file__).parent.parent / "audits").glob("*.yaml"))


def test_every_score_format_renders_one_file_at_a_time() -> None:
    assert set(registry.REPORTS) == set(ReportFormat)
    assert set(registry.REPORTS_TO_STDOUT) == {ReportFormat.TABLE}


def whole(fmt: ReportFormat, cards: list[Scorecard], *, stdout: bool, fail_under: float) -> str:
    """Every scorecard rendered at once, by the format module's own function."""
    match fmt:
        case ReportFormat.TABLE if stdout:
            return "".join(score.scorecard_text(card) for card in cards)
        case ReportFormat.TABLE:
            return score.scorecards_plain(cards)
        case ReportFormat.JSON:
            return json.scorecards(cards)
        case ReportFormat.MARKDOWN:
            return markdown.scorecards(cards)
        case ReportFormat.GITHUB:
            return github.scorecards(cards, fail_under)
        case ReportFormat.SARIF:
            return sarif.scorecards(cards, fail_under)
        case ReportFormat.JUNIT:
            return junit.scorecards(cards, fail_under)


@pytest.mark.parametrize("fmt", list(ReportFormat))
@pytest.mark.parametrize("count", [1, len(AUDITS)])
@pytest.mark.parametrize("stdout", [False, True])
def test_joined_pieces_are_the_whole_rendering(fmt: ReportFormat, count: int, stdout: bool) -> None:
    cards = [score_audit(a) for a in load_audits(AUDITS[:count])]
    view = registry.per_file(fmt, several=count > 1, stdout=stdout, fail_under=70)
    chunks = view.join([view.render(card) for card in cards])
    # JSON's pieces are UTF-8 bytes, written as they are; every other format's are text.
    joined = "".join(c.decode() if isinstance(c, bytes) else c for c in chunks)
    assert joined == whole(fmt, cards, stdout=stdout, fail_under=70)


@pytest.mark.parametrize("fmt", ["github", "sarif", "junit"])
def test_ci_formats_and_gates_are_the_same_with_one_and_two_jobs(fmt: str, tmp_path: Path) -> None:
    files = AUDITS * 3  # enough files for two workers
    runs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"{jobs}.out"
        args = ["score", "-f", fmt, "-j", jobs, "--fail-under", "60", "-o", str(out), *files]
        result = CliRunner().invoke(app, args)
        runs.append((result.exit_code, result.stderr, out.read_text(encoding="utf-8")))
    assert runs[0] == runs[1]
    assert runs[0][0] == 1
    assert "is below 60" in runs[0][1]
