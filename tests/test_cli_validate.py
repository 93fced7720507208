"""`touchaudit validate` as users and CI jobs run it: formats, exit codes, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import VALID, WriteAudit, billion_laughs
from typer.testing import CliRunner, Result

import touchaudit
import touchaudit.reading.loader
from touchaudit.cli.app import app

SAMPLES = Path(__file__).resolve().parent.parent / "audits"
BROKEN = VALID.replace("channel: website", "channel: websit")  # line 5, column 14

runner = CliRunner()


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, [str(a) for a in args], env=env)


def test_the_sample_audits_are_valid() -> None:
    if not any(SAMPLES.glob("*.y*ml")):
        pytest.skip("no sample audits in audits/ yet")
    result = run("validate", SAMPLES)
    assert result.exit_code == 0, result.output
    assert "valid" in result.stderr


def test_a_valid_file_exits_0(write_audit: WriteAudit) -> None:
    result = run("validate", write_audit(VALID))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "1 file valid" in result.stderr


def test_a_broken_file_names_file_line_and_column(write_audit: WriteAudit) -> None:
    path = write_audit(BROKEN)
    result = run("validate", path)
    assert result.exit_code == 1
    assert f"{path}:5:14: " in result.stdout
    assert "did you mean 'website'?" in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"- a list\n",
        b"\xff\xfe" + VALID.encode("utf-16-le"),
        (VALID + "    name: Caf\xe9\n").encode("latin-1"),
        billion_laughs().encode(),
        b"touchaudit: 1\ncompany: !!python/object/apply:os.system [echo hi]\n",
        b"x: " + b"[" * 10_000 + b"\n",
        b"\ttouchaudit: 1\n",
    ],
    ids=["empty", "list", "utf-16", "latin-1", "billion-laughs", "python-tag", "deep", "tab"],
)
def test_hostile_files_give_a_located_error_not_a_traceback(
    write_audit: WriteAudit, content: bytes
) -> None:
    path = write_audit(content)
    result = run("validate", path)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{path}:")
    assert "Traceback" not in result.output


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", tmp_path / "nowhere.yaml")
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_a_bad_flag_is_a_usage_error(write_audit: WriteAudit) -> None:
    assert run("validate", "--no-such-flag", write_audit(VALID)).exit_code == 2
    assert run("validate", "--format", "xml", write_audit(VALID)).exit_code == 2


def test_a_folder_without_audits_is_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", tmp_path)
    assert result.exit_code == 2
    assert "no *.yaml or *.yml files" in result.stderr


def test_a_folder_is_searched_recursively(write_audit: WriteAudit, tmp_path: Path) -> None:
    write_audit(VALID, "top.yaml")
    write_audit(BROKEN, "clinics/north/deep.yml")
    write_audit("not: an audit\n", "clinics/notes.txt")
    result = run("validate", tmp_path)
    assert result.exit_code == 1
    assert str(Path("clinics/north/deep.yml")) in result.stdout
    assert "notes.txt" not in result.output
    assert "1 error in 1 of 2 files" in result.stderr


def test_every_file_is_reported(write_audit: WriteAudit) -> None:
    first = write_audit(BROKEN, "first.yaml")
    second = write_audit(VALID + "    weight: 0\n", "second.yaml")
    result = run("validate", first, second)
    assert result.exit_code == 1
    assert f"{first}:5:14: " in result.stdout
    assert f"{second}:6:13: " in result.stdout


def test_several_errors_in_one_file_are_all_reported(write_audit: WriteAudit) -> None:
    path = write_audit(BROKEN + "    weight: 0\nextra: 1\n")
    result = run("validate", path)
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        f"{path}:5:14",
        f"{path}:6:13",
        f"{path}:7:1",
    ]


def test_json_lists_every_finding_with_stable_keys(write_audit: WriteAudit) -> None:
    path = write_audit(BROKEN)
    result = run("validate", "--format", "json", path)
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert findings == [
        {
            "file": str(path),
            "line": 5,
            "column": 14,
            "message": "unknown channel 'websit' (did you mean 'website'?)",
            "code": "unknown-channel",
            "path": "touchpoints.website.channel",
            "severity": "error",
        }
    ]


def test_json_of_a_valid_file_is_an_empty_list(write_audit: WriteAudit) -> None:
    result = run("validate", "-f", "json", write_audit(VALID))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_github_format_annotates_the_line(write_audit: WriteAudit) -> None:
    path = write_audit(BROKEN)
    result = run("validate", "--format", "github", path)
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    assert line.startswith(f"::error file={path},")
    assert ",line=5," in line
    assert ",col=14," in line
    assert line.endswith("::unknown channel 'websit' (did you mean 'website'?)")


def test_github_actions_picks_the_github_format(write_audit: WriteAudit) -> None:
    result = run("validate", write_audit(BROKEN), env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::error file=")
    explicit = run("validate", "-f", "text", write_audit(BROKEN), env={"GITHUB_ACTIONS": "true"})
    assert not explicit.stdout.startswith("::")


def test_max_bytes_limits_the_file_size(write_audit: WriteAudit) -> None:
    path = write_audit(VALID)
    result = run("validate", "--max-bytes", "10", path)
    assert result.exit_code == 1
    assert "over the limit of 10" in result.stdout
    assert run("validate", "--max-bytes", "0", path).exit_code == 2


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"touchaudit {touchaudit.__version__}\n"


def test_python_m_touchaudit() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "touchaudit", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == f"touchaudit {touchaudit.__version__}\n"


def test_schema_is_json_describing_the_format() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "touchpoints" in schema["properties"]
    assert set(schema["required"]) >= {"touchaudit", "company", "touchpoints"}


def _explode(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


def test_an_internal_error_is_one_line_and_exit_3(
    write_audit: WriteAudit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(touchaudit.reading.loader, "validate_files", _explode)
    result = run("validate", write_audit(VALID))
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    [line] = result.stderr.splitlines()
    assert "internal error (RuntimeError)" in line
    assert "--debug" in line


def test_debug_shows_the_internal_error(
    write_audit: WriteAudit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(touchaudit.reading.loader, "validate_files", _explode)
    result = runner.invoke(app, ["--debug", "validate", str(write_audit(VALID))])
    assert result.exit_code == 3  # still an internal error, now with its traceback
    assert "Traceback" in result.output
    assert "RuntimeError: boom" in result.output
