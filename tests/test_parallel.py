"""Many files across processes: `--jobs 2` gives exactly what `--jobs 1` gives, in file order."""

from __future__ import annotations

import errno
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.cli.batch import run_score
from touchaudit.cli.flags import Flags
from touchaudit.cli.options import Options
from touchaudit.reading.parallel import map_in_order, workers_for
from touchaudit.render import spool
from touchaudit.render.formats import ReportFormat
from touchaudit.render.spool import Spooled

ROOT = Path(__file__).resolve().parent.parent
AUDITS = 20


def _generator() -> ModuleType:
    """bench/generate.py: the benchmark corpus generator (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A small benchmark corpus: 20 generated audits of ~40 touchpoints and ~200 criteria."""
    folder = tmp_path_factory.mktemp("corpus")
    return [str(p) for p in _generator().write_corpus(folder, AUDITS, seed=11)]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "100"})
    return result.exit_code, result.stdout


def test_the_corpus_is_split_across_two_workers() -> None:
    assert workers_for(AUDITS, 2) == 2
    assert workers_for(3, 2) == 1  # a few files: no worker processes at all


def test_validate_is_the_same_with_one_and_two_jobs(corpus: list[str]) -> None:
    folder = str(Path(corpus[0]).parent)
    code1, out1 = run("validate", "--format", "json", "--jobs", "1", folder)
    code2, out2 = run("validate", "--format", "json", "--jobs", "2", folder)
    assert (code1, code2) == (0, 0)
    assert out1 == out2 == "[]\n"


@pytest.mark.parametrize("output_format", ["json", "markdown", "table", "sarif", "github", "junit"])
def test_score_is_the_same_with_one_and_two_jobs(corpus: list[str], output_format: str) -> None:
    code1, out1 = run("score", "--format", output_format, "--jobs", "1", *corpus)
    code2, out2 = run("score", "--format", output_format, "--jobs", "2", *corpus)
    assert (code1, code2) == (0, 0)
    assert out1 == out2
    if output_format == "json":
        assert [card["file"] for card in json.loads(out2)] == corpus


def test_sarif_of_audits_with_different_rules_is_the_same_with_two_jobs(corpus: list[str]) -> None:
    """Workers write each audit's SARIF results with indexes into its own rules; where the run
    has more rules (a gate failed by some audits only), the indexes are mended to the run's."""
    scores = sorted(json.loads(run("score", "-f", "json", *corpus)[1]), key=lambda c: c["score"])
    threshold = str(round(scores[len(scores) // 2]["score"]))  # about half the audits fail it
    outputs = [
        run("score", "-f", "sarif", "-j", j, "--fail-under", threshold, *corpus) for j in "12"
    ]
    assert outputs[0] == outputs[1]
    code, out = outputs[1]
    assert code == 1
    (log_run,) = json.loads(out)["runs"]
    rules = [rule["id"] for rule in log_run["tool"]["driver"]["rules"]]
    failed = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log_run["results"]
        if r["ruleId"] == "gate-fail-under"
    }
    assert 0 < len(failed) < len(corpus)
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in log_run["results"])


def test_problems_come_in_file_order_with_two_jobs(corpus: list[str], tmp_path: Path) -> None:
    broken = []
    for index in (3, 12):
        path = tmp_path / f"broken-{index}.yaml"
        text = Path(corpus[index]).read_text(encoding="utf-8")
        path.write_text(text.replace("touchaudit: 1", "touchaudit: 2"), encoding="utf-8")
        broken.append(str(path))
    files = [*corpus[:3], broken[0], *corpus[3:12], broken[1], *corpus[12:]]
    outputs = [run("validate", "-f", "json", "-j", jobs, *files) for jobs in ("1", "2")]
    assert outputs[0] == outputs[1]
    code, out = outputs[1]
    assert code == 1
    assert [p["file"] for p in json.loads(out)] == broken
    code, _ = run("score", "-f", "json", "-j", "2", *files)
    assert code == 1


def test_map_in_order_keeps_the_order() -> None:
    items = list(range(-50, 50))
    assert map_in_order(abs, items, jobs=2) == [abs(i) for i in items]


def test_the_corpus_is_deterministic(tmp_path: Path) -> None:
    generate = _generator()
    first = generate.write_corpus(tmp_path / "a", 2, seed=3)
    second = generate.write_corpus(tmp_path / "b", 2, seed=3)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_the_scorecards_wait_for_the_output_in_a_folder_that_goes_with_the_run(
    corpus: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each process that scores writes each scorecard's JSON to a file of its own and keeps
    only where it is: no process holds the text of the run, and the folder leaves with it."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    runs = [
        run_score(Options.for_score(corpus, Flags(jobs=jobs)), ReportFormat.JSON) for jobs in (1, 2)
    ]
    with runs[0], runs[1]:
        parked = [[c for c in run.chunks if isinstance(c, Spooled)] for run in runs]
        assert [len(p) for p in parked] == [len(corpus)] * 2
        folders = {Path(p.path).parent for p in parked[0] + parked[1]}
        assert {folder.parent for folder in folders} == {tmp_path}
        assert [len({s.path for s in run}) for run in parked] == [1, 2]  # a file per process
        written = [b"".join(_bytes(c) for c in r.chunks) for r in runs]
        assert written[0] == written[1]
    assert not any(folder.exists() for folder in folders)


def test_one_file_is_not_parked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    sample = str(Path(__file__).parents[1] / "audits" / "clinic-contacts-only.yaml")
    with run_score(Options.for_score([sample], Flags()), ReportFormat.JSON) as run:
        assert not [c for c in run.chunks if isinstance(c, Spooled)]
        assert list(tmp_path.iterdir()) == []


def test_two_jobs_park_the_sarif_results_too(
    corpus: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An audit's SARIF results come back parked; only an audit that lacks some of the run's
    rules is read back, to mend its indexes."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    runs = [
        run_score(Options.for_score(corpus, Flags(jobs=jobs)), ReportFormat.SARIF)
        for jobs in (1, 2)
    ]
    with runs[0], runs[1]:
        written = [b"".join(_bytes(c) for c in r.chunks) for r in runs]
        assert written[0] == written[1]
        (log_run,) = json.loads(written[1])["runs"]
        rules_of: dict[str, set[str]] = {}
        for result in log_run["results"]:
            uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            rules_of.setdefault(uri, set()).add(result["ruleId"])
        every_rule = {rule["id"] for rule in log_run["tool"]["driver"]["rules"]}
        with_every_rule = sum(rules == every_rule for rules in rules_of.values())
        parked = [c for c in runs[1].chunks if isinstance(c, Spooled)]
        assert len(parked) == with_every_rule > 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_the_parked_pieces_reach_a_file_a_pipe_and_an_appended_log_alike(
    corpus: list[str], tmp_path: Path, fmt: str
) -> None:
    """The pieces are copied from where they are parked by the kernel where it can: into a
    file, a pipe, and a log opened to append (where it cannot), the output is the same."""
    command = [sys.executable, "-m", "touchaudit", "score", "-f", fmt, "-j", "2", *corpus]
    piped = subprocess.run(command, capture_output=True, check=True).stdout
    written = tmp_path / "out"
    with written.open("wb") as out:
        subprocess.run(command, stdout=out, check=True)
    log = tmp_path / "log"
    log.write_bytes(b"kept\n")
    with log.open("ab") as out:
        subprocess.run(command, stdout=out, check=True)
    named = tmp_path / "named"
    subprocess.run([*command, "-o", str(named)], check=True)
    assert piped.startswith(b"[\n  {" if fmt == "json" else b"{")
    assert written.read_bytes() == piped == named.read_bytes()
    assert log.read_bytes() == b"kept\n" + piped


def _parked(tmp_path: Path, data: bytes) -> Spooled:
    spool.park(str(tmp_path), b"before")
    return spool.park(str(tmp_path), data)


def test_a_parked_piece_is_written_whole_when_the_kernel_stops_copying_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    piece = _parked(tmp_path, b"0123456789" * 1000)

    def half_then_refuse(out: int, source: int, offset: int, count: int) -> int:
        if offset == piece.offset:
            return real_sendfile(out, source, offset, count // 2)
        raise OSError(errno.EINVAL, "Invalid argument")

    real_sendfile = os.sendfile
    monkeypatch.setattr(os, "sendfile", half_then_refuse)
    target = tmp_path / "out"
    with target.open("wb") as out, spool.ParkedFiles() as files:
        out.write(b"head ")
        files.copy(piece, out)
        out.write(b" tail")
    assert target.read_bytes() == b"head " + b"0123456789" * 1000 + b" tail"


def test_a_parked_piece_reaches_an_output_with_no_file_behind_it(tmp_path: Path) -> None:
    piece = _parked(tmp_path, b"piece")
    out = io.BytesIO()
    with spool.ParkedFiles() as files:
        files.copy(piece, out)  # type: ignore[arg-type]
    assert out.getvalue() == b"piece"


def test_a_closed_pipe_stops_the_copy_as_a_write_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def closed(*_: object) -> int:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    monkeypatch.setattr(os, "sendfile", closed)
    piece = _parked(tmp_path, b"piece")
    with (
        (tmp_path / "out").open("wb") as out,
        spool.ParkedFiles() as files,
        pytest.raises(BrokenPipeError),
    ):
        files.copy(piece, out)


def _bytes(chunk: str | bytes | Spooled) -> bytes:
    if isinstance(chunk, Spooled):
        return chunk.read()
    return chunk if isinstance(chunk, bytes) else chunk.encode("utf-8")


def test_an_invalid_file_among_many_leaves_no_output_and_no_parked_file(
    corpus: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    broken = tmp_path / "broken.yaml"
    broken.write_text("touchaudit: 2\ncompany: X\ntouchpoints: {}\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(
        app, ["score", "-f", "json", "-j", "2", "-o", str(out), *corpus, str(broken)]
    )
    assert result.exit_code == 1
    assert not out.exists()
    assert list((tmp_path / "temp").iterdir()) == []


def test_a_full_temporary_disk_is_a_clear_error(
    corpus: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(spool, "open", full, raising=False)  # the workers are forked with it
    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["score", "-f", "json", "-j", "2", "-o", str(out), *corpus])
    assert result.exit_code == 2
    assert "cannot write a temporary file in" in result.stderr
    assert "No space left on device (free some space there, or point TMPDIR elsewhere)" in (
        result.stderr
    )
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == []
