"""`score` takes one road for every format and gate: each file rendered on its own (in a worker
when that pays), then joined; the bytes are those of rendering all the scorecards at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.reading.loader import load_audits
from touchaudit.render import registry
from touchaudit.render.formats import ReportFormat
from touchaudit.scoring.score import score_audit

AUDITS = sorted(str(p) for p in (Path(__file__).parent.parent / "audits").glob("*.yaml"))


def test_every_score_format_renders_one_file_at_a_time() -> None:
    assert set(registry.PER_FILE) == set(ReportFormat)
    assert set(registry.PER_FILE_TO_STDOUT) == set(registry.REPORTS_TO_STDOUT)


@pytest.mark.parametrize("fmt", list(ReportFormat))
@pytest.mark.parametrize("count", [1, len(AUDITS)])
@pytest.mark.parametrize("stdout", [False, True])
def test_joined_pieces_are_the_whole_rendering(fmt: ReportFormat, count: int, stdout: bool) -> None:
    cards = [score_audit(a) for a in load_audits(AUDITS[:count])]
    view = registry.per_file(fmt, several=count > 1, stdout=stdout, fail_under=70)
    whole = registry.choose(fmt, registry.REPORTS, registry.REPORTS_TO_STDOUT, stdout=stdout)
    joined = "".join(view.join([view.render(card) for card in cards]))
    assert joined == whole(registry.Scored(cards, 70))


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
