"""The command line: options in, one core call per command, a renderer out, errors to exit codes.

Heavy modules (PyYAML, Pydantic, Rich, Jinja2) are imported inside the commands, so that
`touchaudit --version` and `--help` start as fast as Typer itself.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from touchaudit import __version__
from touchaudit.errors import TouchauditError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from touchaudit.config import Settings
    from touchaudit.library import Library
    from touchaudit.results import Scorecard

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Commands(TyperGroup):
    """Maps errors to exit codes once, for every command: 1 input, 2 usage, 3 internal."""

    # Any: Typer's own Context type lives in a private module (typer._click).
    def invoke(self, ctx: Any) -> Any:
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


class ReportFormat(StrEnum):
    """Output formats of `score`."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


class ListFormat(StrEnum):
    """Output formats of `criteria`."""

    TABLE = "table"
    JSON = "json"


def _default_findings_format() -> FindingsFormat:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return FindingsFormat.GITHUB
    return FindingsFormat.TEXT


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(_VERSION)
        raise typer.Exit()


_VERSION = f"touchaudit {__version__}\n"


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
    int | None,
    typer.Option(
        "--max-bytes", min=1, help="Refuse audit files larger than this (default 10 MiB)."
    ),
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Processes for many files (default: the number of cores; 1: no extra processes).",
        show_default=False,
    ),
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
    max_bytes: MaxBytesOpt = None,
    jobs: JobsOpt = None,
) -> None:
    """Check audit files: every error in every file, with file:line:column."""
    from touchaudit.loader import find_audit_files, validate_files

    files = find_audit_files(paths)
    settings = _settings()
    report = validate_files(
        files,
        library=_library(profile or settings.profile),
        max_bytes=_max_bytes(max_bytes, settings),
        jobs=_jobs(jobs),
    )
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
def score(
    files: Annotated[
        list[Path],
        typer.Argument(help="Audit files to score.", exists=True, dir_okay=False),
    ],
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="table, json or markdown.")
    ] = ReportFormat.TABLE,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            min=0,
            max=100,
            help="Exit 1 when an overall score is below this (a CI gate).",
        ),
    ] = None,
    profile: ProfileOpt = None,
    max_bytes: MaxBytesOpt = None,
    jobs: JobsOpt = None,
) -> None:
    """Score audits: criteria, touchpoints, stages, channels, overall, and the gaps by impact."""
    from touchaudit.batch import score_files

    settings = _settings()
    render, join = _scorecard_renderer(output_format, several=len(files) > 1)
    cards = score_files(
        [str(f) for f in files],
        render,
        library=_library(profile or settings.profile),
        max_bytes=_max_bytes(max_bytes, settings),
        jobs=_jobs(jobs),
    )
    for chunk in join([c.text for c in cards]):
        _write_out(chunk)
    threshold = fail_under if fail_under is not None else settings.fail_under
    if threshold is not None:
        failing = [c for c in cards if c.score is None or round(c.score, 1) < threshold]
        for card in failing:
            shown = "no score" if card.score is None else f"{card.score:.1f}"
            sys.stderr.write(f"touchaudit: {card.file}: overall {shown} is below {threshold:g}\n")
        if failing:
            raise typer.Exit(EXIT_FINDINGS)


@app.command()
def criteria(
    channel: Annotated[
        str | None, typer.Option("--channel", "-c", help="Only the criteria of this channel.")
    ] = None,
    output_format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="table or json.")
    ] = ListFormat.TABLE,
    profile: ProfileOpt = None,
) -> None:
    """List the criteria library: thresholds, weights and the source of every threshold."""
    from touchaudit.library import builtin_library, suggest

    library = _library(profile or _settings().profile) or builtin_library()
    if channel is not None and channel not in library.channels:
        raise UsageError(f"unknown channel '{channel}'{suggest(channel, library.channels)}")
    items = list(library.for_channel(channel) if channel else library.criteria.values())
    if output_format is ListFormat.JSON:
        from touchaudit.render import json

        sys.stdout.write(json.criteria(items))
    else:
        from touchaudit.console import stdout
        from touchaudit.render import terminal

        stdout().print(terminal.criteria_table(items))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the audit format (for editors and CI tools)."""
    from touchaudit.models import audit_json_schema
    from touchaudit.render.json import dumps

    sys.stdout.write(dumps(audit_json_schema()))


def _settings() -> Settings:
    from touchaudit.config import find_settings

    return find_settings()[0]


def _max_bytes(given: int | None, settings: Settings) -> int:
    from touchaudit.yamldoc import MAX_BYTES

    return given or settings.max_bytes or MAX_BYTES


def _write_out(text: str) -> None:
    """Write `text` to stdout a slice at a time: encoding it whole would hold a second copy."""
    step = 1 << 20
    for start in range(0, len(text), step):
        sys.stdout.write(text[start : start + step])


def _jobs(given: int | None) -> int:
    from touchaudit.parallel import default_jobs

    return given or default_jobs()


def _scorecard_renderer(
    chosen: ReportFormat, *, several: bool
) -> tuple[Callable[[Scorecard], str], Callable[[list[str]], Iterable[str]]]:
    """Render one scorecard (in a worker, for many files), and the chunks to write, per format."""
    if chosen is ReportFormat.TABLE:
        from touchaudit.render import terminal

        return terminal.scorecard_text, iter
    if chosen is ReportFormat.JSON:
        from touchaudit.render import json

        if several:
            return json.scorecard_item, json.join_items
        return json.scorecard_document, iter
    from touchaudit.render import markdown

    return markdown.scorecard, markdown.join_scorecards


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
    if sys.argv[1:] == ["--version"]:
        # Answered before Typer builds the command tree, a tenth of the start-up time.
        sys.stdout.write(_VERSION)
        return
    try:
        app(prog_name="touchaudit")
    except KeyboardInterrupt:
        sys.stderr.write("touchaudit: interrupted\n")
        raise SystemExit(130) from None
