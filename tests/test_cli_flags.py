"""The options most commands share reach a command as one `Flags`, offered after its own."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
import typer
from typer.testing import CliRunner

from touchaudit.cli import flags as shared
from touchaudit.cli.app import app
from touchaudit.cli.flags import Flags, with_flags


def _one_command(command: shared.Command) -> typer.Typer:
    small = typer.Typer(add_completion=False, rich_markup_mode=None)
    small.command()(command)
    small.callback()(lambda: None)  # keeps `run` a named subcommand
    return small


def test_a_command_gets_the_shared_options_given_and_none_for_the_rest(tmp_path: Path) -> None:
    received: list[tuple[str, Flags]] = []

    @with_flags("max_bytes", "output", "strict")
    def run(name: str, *, flags: Flags) -> None:
        received.append((name, flags))

    out = tmp_path / "out.txt"
    result = CliRunner().invoke(
        _one_command(run), ["run", "acme", "--max-bytes", "5", "-o", str(out), "--no-strict"]
    )
    assert result.exit_code == 0, result.output
    assert received == [("acme", Flags(max_bytes=5, output=out, strict=False))]


def test_the_shared_options_follow_the_commands_own_in_one_order() -> None:
    @with_flags("output", "profile")
    def run(name: str, loud: bool = False, *, flags: Flags) -> None:
        """Run."""

    result = CliRunner().invoke(_one_command(run), ["run", "--help"])
    assert result.exit_code == 0, result.output
    options = ["--loud", "--profile", "--output"]
    assert all(o in result.stdout for o in options)
    assert sorted(options, key=result.stdout.index) == options
    assert "--max-bytes" not in result.stdout  # only the options the command offers


def test_every_shared_option_can_be_offered() -> None:
    assert list(get_args(shared.FlagName)) == list(Flags.__dataclass_fields__)


def test_a_command_without_flags_is_refused_when_declared() -> None:
    def run(name: str) -> None:
        """Run."""

    with pytest.raises(TypeError, match="run takes no `flags`"):
        with_flags("profile")(run)


@pytest.mark.parametrize(
    ("command", "option"),
    [("validate", "--jobs"), ("compare", "--strict"), ("report", "--min-coverage")],
)
def test_the_touchaudit_commands_offer_their_shared_options(command: str, option: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert option in result.stdout
