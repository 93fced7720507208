"""The command line: options in, one core call per command, a renderer out, errors to exit codes.

Heavy modules (PyYAML, Pydantic, Rich, Jinja2) are imported inside the commands, so that
`touchaudit --version` and `--help` start as fast as Typer itself.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from typer.core import TyperGroup

from touchaudit import __version__
from touchaudit.errors import TouchauditError, UsageError

if TYPE_CHECKING:
    from touchaudit.library import Library

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Commands(TyperGroup):
    """Maps errors to exit codes once, for every command: 1 input, 2 usage, 3 internal."""

    def invoke(self, ctx: typer.Context) -> object:
        try:
            return super().invoke(ctx)
        except (typer.TyperException, typer.Exit, typer.Abort):
            raise
        except TouchauditError as err:
            _fail(err)
        except Exception:
            if ctx.params.get("debug"):
                raise
            _internal_error(sys.exc_info()[0])


app = typer.Typer(
    name="touchaudit",
    cls=_Commands,
    help="Audit a business's customer touchpoints: validate, score, compare and report.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class FindingsFormat(StrEnum):
    """Output formats of `validate`."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def _default_findings_format() -> FindingsFormat:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return FindingsFormat.GITHUB
    return FindingsFormat.TEXT


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"touchaudit {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an internal error.")
    ] = False,
) -> None:
    """Audit a business's customer touchpoints: validate, score, compare and report."""


PathsArg = Annotated[
    list[Path],
    typer.Argument(
        help="Audit files, or folders searched for *.yaml and *.yml.",
        exists=True,
        show_default=False,
    ),
]
ProfileOpt = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        help="A shared file with a 'criteria:' section applied before each audit's own.",
        exists=True,
        dir_okay=False,
    ),
]
MaxBytesOpt = Annotated[
    int,
    typer.Option("--max-bytes", min=1, help="Refuse audit files larger than this."),
]


@app.command()
def validate(
    paths: PathsArg,
    output_format: Annotated[
        FindingsFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, or github (the default when GITHUB_ACTIONS=true).",
            show_default=False,
        ),
    ] = None,
    profile: ProfileOpt = None,
    max_bytes: MaxBytesOpt = 10 * 1024 * 1024,
) -> None:
    """Check audit files: every error in every file, with file:line:column."""
    from touchaudit.loader import find_audit_files, validate_files

    files = find_audit_files(paths)
    report = validate_files(files, library=_library(profile), max_bytes=max_bytes)
    chosen = output_format or _default_findings_format()
    if chosen is FindingsFormat.TEXT:
        from touchaudit.console import stderr, stdout
        from touchaudit.render import terminal

        if report.problems:
            stdout().print(terminal.findings(report), end="")
        stderr().print(terminal.validation_summary(report))
    elif chosen is FindingsFormat.JSON:
        from touchaudit.render import json

        sys.stdout.write(json.findings(report))
    else:
        from touchaudit.render import github

        sys.stdout.write(github.findings(report))
    raise typer.Exit(EXIT_OK if report.valid else EXIT_FINDINGS)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the audit format (for editors and CI tools)."""
    from touchaudit.models import audit_json_schema
    from touchaudit.render.json import dumps

    sys.stdout.write(dumps(audit_json_schema()))


def _library(profile: Path | None) -> Library | None:
    if profile is None:
        return None
    from touchaudit.loader import load_profile

    return load_profile(profile)


def _fail(err: TouchauditError) -> NoReturn:
    from touchaudit.errors import AuditError

    problems = err.problems if isinstance(err, AuditError) else []
    if problems:
        for problem in problems:
            sys.stderr.write(f"{problem}\n")
    else:
        sys.stderr.write(f"touchaudit: error: {err}\n")
    raise SystemExit(EXIT_USAGE if isinstance(err, UsageError) else err.exit_code)


def _internal_error(kind: type[BaseException] | None) -> NoReturn:
    command = " ".join(["touchaudit", *sys.argv[1:]])
    name = kind.__name__ if kind else "error"
    sys.stderr.write(
        f"touchaudit: internal error ({name}); this is a bug, please report it with the "
        f"command '{command}' (run it again with --debug for the traceback)\n"
    )
    raise SystemExit(EXIT_INTERNAL)


def main() -> None:
    """Entry point of the `touchaudit` command."""
    try:
        app(prog_name="touchaudit")
    except KeyboardInterrupt:
        sys.stderr.write("touchaudit: interrupted\n")
        raise SystemExit(130) from None
