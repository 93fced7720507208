"""Exit codes, as documented in README.md and docs/ci.md, for every command.

0 ok, 1 findings or a failed gate, 2 usage, 3 internal error (a bug).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
GOOD = str(ROOT / "audits" / "electronics-after.yaml")  # scores above BEFORE
BEFORE = str(ROOT / "audits" / "electronics-before.yaml")
PAGE = str(ROOT / "templates" / "report.html.jinja2")  # any text reads as a page
BROKEN = "touchaudit: 2\ncompany: Acme\n"
LOG = str(ROOT / "tests" / "corpus" / "sources" / "calls-ok.csv")  # rows for 'phone'
HUGE = "1" + "0" * 30  # beyond every C integer: OverflowError (exit 3) before the ceiling

TABLE = [
    # (command line, expected exit code)
    (["validate", GOOD], 0),
    (["validate", "{broken}"], 1),
    (["validate", "{missing}"], 2),
    (["validate", GOOD, "--format", "xml"], 2),
    (["validate", GOOD, "--output", GOOD], 2),
    (["validate"], 2),
    (["score", GOOD], 0),
    (["score", GOOD, "--fail-under", "10"], 0),
    (["score", GOOD, "--fail-under", "99"], 1),
    (["score", "{broken}"], 1),
    (["score", "{missing}"], 2),
    (["score", GOOD, "--fail-under", "101"], 2),
    (["score", GOOD, "--format", "pdf"], 2),
    (["score", GOOD, "--output", GOOD], 2),
    (["compare", GOOD, BEFORE], 0),
    (["compare", GOOD, BEFORE, "--fail-if-behind"], 0),
    (["compare", BEFORE, GOOD, "--fail-if-behind"], 1),
    (["compare", BEFORE, GOOD, "--fail-if-behind", "--format", "junit"], 1),
    (["compare", GOOD, "{broken}"], 1),
    (["compare", GOOD, "{missing}"], 2),
    (["compare", GOOD], 2),
    (["compare", GOOD, BEFORE, "--label", "only-one"], 2),
    (["compare", GOOD, BEFORE, "--format", "pdf"], 2),
    (["compare", GOOD, BEFORE, "--output", BEFORE], 2),
    (["report", GOOD], 0),
    (["report", GOOD, "--vs", BEFORE, "-o", "{new}.md"], 0),
    (["report", "{broken}"], 1),
    (["report", "{missing}"], 2),
    (["report", GOOD, "--format", "html"], 2),
    (["report", GOOD, "--format", "docx"], 2),
    (["report", GOOD, "--vs", BEFORE, "-o", BEFORE], 2),
    (["report", GOOD, "-o", "{missing_folder}"], 2),
    # Numeric options: out of range, huge, not a number -> usage errors, never exit 3.
    (["validate", GOOD, "--max-bytes", HUGE], 2),
    (["score", GOOD, "--max-bytes", HUGE], 2),
    (["compare", GOOD, BEFORE, "--max-bytes", HUGE], 2),
    (["report", GOOD, "--max-bytes", HUGE], 2),
    (["score", GOOD, "--max-bytes", "100000000000"], 0),  # the buffer fits the file, not this
    (["validate", GOOD, "--max-bytes", "0"], 2),
    (["validate", GOOD, "--jobs", HUGE], 0),
    (["validate", GOOD, "--jobs", "0"], 2),
    (["score", GOOD, "--fail-under", "nan"], 2),
    (["score", GOOD, "--fail-under", "-1"], 2),
    (["score", GOOD, "--baseline", BEFORE, "--max-drop", "nan"], 2),
    (["score", GOOD, "--baseline", BEFORE, "--max-drop", "1e400"], 2),
    (["init", "-b", "clinic", "-c", "Acme"], 0),
    (["init", "-b", "clinic", "-c", "Acme", "-o", "{new}.yaml"], 0),
    (["init", "-b", "clinic", "-c", "Acme", "-o", "{broken}"], 2),
    (["init", "-b", "clinic", "-c", "Acme", "-o", "{broken}", "--force"], 0),
    (["init", "-b", "clinik", "-c", "Acme"], 2),
    (["init", "-c", "Acme"], 2),
    (["trend", GOOD, BEFORE], 0),
    (["trend", GOOD, BEFORE, "--fail-on-drop", "0"], 0),
    (["trend", BEFORE, "{broken}"], 1),
    (["trend", GOOD, "{missing}"], 2),
    (["trend", GOOD, BEFORE, "--label", "only-one"], 2),
    (["trend", GOOD, BEFORE, "--fail-on-drop", "nan"], 2),
    (["trend", GOOD, BEFORE, "--format", "pdf"], 2),
    (["trend", GOOD, BEFORE, "--output", BEFORE], 2),
    (["trend", GOOD, "--revs", "HEAD"], 2),
    (["portfolio", GOOD, BEFORE], 0),
    (["portfolio", str(ROOT / "audits"), "--format", "csv"], 0),
    (["portfolio", GOOD, "{broken}"], 1),
    (["portfolio", GOOD, "{missing}"], 2),
    (["portfolio", GOOD, "--format", "pdf"], 2),
    (["portfolio", GOOD, "--output", GOOD], 2),
    (["badge", GOOD], 0),
    (["badge", GOOD, "-o", "{new}.svg"], 0),
    (["badge", "{broken}"], 1),
    (["badge", "{missing}"], 2),
    (["badge", GOOD, "-o", GOOD], 2),
    (["criteria"], 0),
    (["criteria", "--channel", "phone", "--format", "json"], 0),
    (["criteria", "--channel", "fax"], 2),
    (["criteria", "--format", "yaml"], 2),
    (["criteria", "answer_time"], 0),
    (["criteria", "answer_tme"], 2),
    (["profile", "-b", "restaurant"], 0),
    (["profile", "-b", "restaurnt"], 2),
    (["profile", "-b", "restaurant", "-o", "{broken}"], 2),
    (["scan", PAGE], 0),
    (["scan", PAGE, PAGE, "--compare", "--format", "json"], 0),
    (["scan", PAGE, "--max-bytes", "10"], 1),
    (["scan", "{missing}"], 2),
    (["scan", PAGE, "--compare"], 2),
    (["scan", PAGE, "--format", "pdf"], 2),
    (["scan", PAGE, "--output", PAGE], 2),
    (["schema"], 0),
    (["schema", "extra"], 2),
    (["import", "csv", LOG, "-t", "phone"], 0),
    (["import", "csv", "{broken}", "-t", "phone"], 1),
    (["import", "csv", LOG, "-t", "fax"], 2),
    (["import", "csv", "{missing}", "-t", "phone"], 2),
    (["import", "har", LOG, "-t", "phone"], 2),
    (["import", "csv", LOG, "-t", "phone", "--into", "{missing}"], 2),
    (["import", "csv", LOG, "-t", "phone", "--into", "{broken}"], 1),
    (["nonsense"], 2),
    (["--version"], 0),
]


@pytest.mark.parametrize(("args", "code"), TABLE, ids=[" ".join(a) for a, _ in TABLE])
def test_exit_code(tmp_path: Path, args: list[str], code: int) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    places = {
        "broken": broken,
        "missing": tmp_path / "missing.yaml",
        "new": tmp_path / "new",
        "missing_folder": tmp_path / "no" / "such" / "folder" / "report.md",
    }
    argv = [a.format(**places) for a in args]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output


# A bug planted in the core function each command calls.
BUGS = [
    (["validate", GOOD], "touchaudit.reading.loader.validate_files"),
    (["score", GOOD], "touchaudit.scoring.score.score_audit"),
    (["compare", GOOD, BEFORE], "touchaudit.comparison.compare.compare"),
    (["report", GOOD], "touchaudit.comparison.report.build_report"),
    (["init", "-b", "clinic", "-c", "Acme"], "touchaudit.library.starter.starter_audit"),
    (["criteria"], "touchaudit.library.criteria.builtin_library"),
    (["profile"], "touchaudit.library.profiles.profile_for"),
    (["trend", GOOD, BEFORE], "touchaudit.comparison.trend.moves"),
    (["scan", PAGE], "touchaudit.cli.scan.scan_pages"),
    (["portfolio", GOOD, BEFORE], "touchaudit.comparison.portfolio.build_portfolio"),
    (["badge", GOOD], "touchaudit.scoring.score.score_audit"),
    (["import", "csv", LOG, "-t", "phone"], "touchaudit.reading.importer.import_values"),
    (["schema"], "touchaudit.library.schema.audit_schema"),
]


def test_every_command_is_in_the_table_and_has_a_planted_bug() -> None:
    commands = {c.name or getattr(c.callback, "__name__", "") for c in app.registered_commands}
    assert commands <= {args[0] for args, _ in TABLE}
    assert commands == {args[0] for args, _ in BUGS}
    for command in commands:  # each command: success and a usage error at least
        assert {code for args, code in TABLE if args[0] == command} >= {0, 2}, command


def _boom(*args: object, **kwargs: object) -> None:
    raise ZeroDivisionError("planted bug")


@pytest.mark.parametrize(("args", "target"), BUGS, ids=[a[0] for a, _ in BUGS])
def test_internal_error_is_one_line_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, args: list[str], target: str
) -> None:
    monkeypatch.setattr(target, _boom)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "internal error (ZeroDivisionError); this is a bug, please report it" in lines[0]
    assert "--debug" in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("args", "target"), BUGS, ids=[a[0] for a, _ in BUGS])
def test_debug_shows_the_traceback_and_still_exits_3(
    monkeypatch: pytest.MonkeyPatch, args: list[str], target: str
) -> None:
    monkeypatch.setattr(target, _boom)
    result = CliRunner().invoke(app, ["--debug", *args])
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.stderr
    assert "ZeroDivisionError: planted bug" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("touchaudit: internal error")


def test_a_closed_pipe_is_not_an_internal_error() -> None:
    # The reader stops early (`touchaudit criteria --format json | head -1`).
    command = [sys.executable, "-m", "touchaudit", "criteria", "--format", "json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        process.stdout.read(10)
        process.stdout.close()
        assert process.stderr is not None
        stderr = process.stderr.read().decode()
        code = process.wait(timeout=60)
    assert "internal error" not in stderr
    assert code in (0, 1)  # 0 when everything fitted in the pipe before it closed


FULL_DISK_COMMANDS = [
    ["--version"],
    ["validate", GOOD],
    ["score", GOOD],
    ["score", "--format", "json", GOOD, BEFORE],  # several files: parked, copied by the kernel
    ["score", "--format", "sarif", GOOD, BEFORE],
]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", FULL_DISK_COMMANDS, ids=" ".join)
def test_a_full_disk_behind_stdout_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "touchaudit", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.stderr == "touchaudit: error: cannot write the output: No space left on device\n"
    assert result.returncode == 2


def _without_stdout(*args: str) -> subprocess.CompletedProcess[str]:
    """The command run with its stdout closed (`touchaudit ... >&-`)."""
    shell = ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "touchaudit", *args]
    return subprocess.run(shell, stderr=subprocess.PIPE, text=True, check=False)


def test_a_closed_stdout_is_one_line_and_exit_2() -> None:
    for args in (["--version"], ["score", "--format", "json", GOOD]):
        result = _without_stdout(*args)
        assert result.stderr == "touchaudit: error: cannot write the output: stdout is closed\n"
        assert result.returncode == 2


def test_a_command_that_writes_to_a_file_needs_no_stdout(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    result = _without_stdout("report", GOOD, "--vs", BEFORE, "-o", str(report))
    assert (result.returncode, result.stderr) == (0, "")
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
