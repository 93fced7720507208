"""`touchaudit --help` lists every command with one whole line; `COMMAND --help` works for each."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app

COMMANDS = [c.name or getattr(c.callback, "__name__", "") for c in app.registered_commands]


def test_help_lists_every_command_with_a_one_line_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # the usual terminal: Click wraps help at 78 columns
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    section = result.stdout.split("\nCommands:\n", 1)[1].rstrip("\n")
    rows = [re.fullmatch(r"  (\S+) +(\S.*)", line) for line in section.splitlines()]
    # One row per command: a help wrapped onto a second line would be a row without a name.
    assert [row.group(1) if row else None for row in rows] == COMMANDS
    for row in rows:
        assert row is not None
        assert row.group(2).endswith("."), row.group(0)
        assert not row.group(2).endswith("..."), f"cut short: {row.group(0)}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_its_own_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: touchaudit {command} ")
    assert "--help" in result.stdout
    assert "Traceback" not in result.output
