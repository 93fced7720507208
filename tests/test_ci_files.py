"""The CI integration files: the pre-commit hook, and docs/ci.md's commands and exit codes."""

from __future__ import annotations

import glob
import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from touchaudit.cli.app import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, app

ROOT = Path(__file__).resolve().parents[1]
CI_DOC = ROOT / "docs" / "ci.md"


def test_pre_commit_hook_runs_validate_on_audit_files_only() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "touchaudit-validate")
    assert (hook["entry"], hook["language"]) == ("touchaudit validate", "python")
    files = re.compile(hook["files"])
    for path in ("audits/clinic.yaml", "clients/acme/audits/2026.yml"):
        assert files.search(path), path
    for path in (".github/workflows/ci.yml", "docker-compose.yaml", "my-audits.yaml"):
        assert not files.search(path), path


@pytest.mark.parametrize("document", ["README.md", "docs/ci.md"])
def test_exit_code_tables_match_the_cli(document: str) -> None:
    text = (ROOT / document).read_text(encoding="utf-8")
    codes = [int(c) for c in re.findall(r"^\| `(\d)` \|", text, re.MULTILINE)]
    assert codes == [EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL]


def _documented_commands() -> list[str]:
    """Every `touchaudit ...` command line in docs/ci.md's code blocks."""
    blocks = re.findall(r"```(?:sh|yaml)\n(.*?)```", CI_DOC.read_text(encoding="utf-8"), re.DOTALL)
    commands = []
    for block in blocks:
        for line in block.splitlines():
            match = re.match(r"\s*(?:- (?:run: )?)?(touchaudit [^#]+)", line)
            if match:
                commands.append(match.group(1).split(" >>")[0].strip())
    return commands


COMMANDS = _documented_commands()


def test_docs_show_every_integration() -> None:
    joined = "\n".join(COMMANDS)
    for needle in ("--format sarif", "--format junit", "--fail-under", "--output", "compare"):
        assert needle in joined, needle
    text = CI_DOC.read_text(encoding="utf-8")
    for needle in ("upload-sarif", "touchaudit-validate", "GITHUB_STEP_SUMMARY", "junit:"):
        assert needle in text, needle


@pytest.mark.parametrize("command", COMMANDS)
def test_documented_command_runs(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = shlex.split(command)[1:]
    names = {c.name or getattr(c.callback, "__name__", "") for c in app.registered_commands}
    if args[0] not in names:
        pytest.skip(f"'touchaudit {args[0]}' is not on this branch yet")
    shutil.copytree(ROOT / "audits", tmp_path / "audits")
    monkeypatch.chdir(tmp_path)
    expanded = [match for arg in args for match in (sorted(glob.glob(arg)) or [arg])]
    result = CliRunner().invoke(app, expanded)
    assert result.exit_code == 0, result.output
