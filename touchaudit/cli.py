"""The command line: options in, one core call per command, a renderer out, errors to exit codes.

Heavy modules (PyYAML, Pydantic, Rich, Jinja2) are imported inside the commands, so that
`touchaudit --version` and `--help` start as fast as Typer itself.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from touchaudit import __version__
from touchaudit.errors import TouchauditError, UsageError

if TYPE_CHECKING:
    from touchaudit.config import Settings
    from touchaudit.library import Library

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


class DocumentFormat(StrEnum):
    """Output formats of `report`."""

    HTML = "html"
    MARKDOWN = "markdown"
    PDF = "pdf"


_SUFFIX_FORMATS = {
    ".html": DocumentFormat.HTML,
    ".htm": DocumentFormat.HTML,
    ".pdf": DocumentFormat.PDF,
    ".md": DocumentFormat.MARKDOWN,
    ".markdown": DocumentFormat.MARKDOWN,
}


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
    int | None,
    typer.Option(
        "--max-bytes", min=1, help="Refuse audit files larger than this (default 10 MiB)."
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
) -> None:
    """Check audit files: every error in every file, with file:line:column."""
    from touchaudit.loader import find_audit_files, validate_files

    files = find_audit_files(paths)
    settings = _settings()
    report = validate_files(
        files,
        library=_library(profile or settings.profile),
        max_bytes=_max_bytes(max_bytes, settings),
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
) -> None:
    """Score audits: criteria, touchpoints, stages, channels, overall, and the gaps by impact."""
    from touchaudit.loader import load_audits
    from touchaudit.scoring import score_audit

    settings = _settings()
    library = _library(profile or settings.profile)
    audits = load_audits(
        [str(f) for f in files], library=library, max_bytes=_max_bytes(max_bytes, settings)
    )
    cards = [score_audit(a) for a in audits]
    if output_format is ReportFormat.TABLE:
        from touchaudit.console import stdout
        from touchaudit.render import terminal

        for card in cards:
            stdout().print(terminal.scorecard(card))
    elif output_format is ReportFormat.JSON:
        from touchaudit.render import json

        sys.stdout.write(json.scorecards(cards))
    else:
        from touchaudit.render import markdown

        sys.stdout.write(markdown.scorecards(cards))
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
def report(
    ours: Annotated[
        Path,
        typer.Argument(
            help="Our audit file.", metavar="OURS", exists=True, dir_okay=False, show_default=False
        ),
    ],
    vs: Annotated[
        list[Path] | None,
        typer.Option(
            "--vs",
            help="A competitor's (or last quarter's) audit; repeat for several.",
            metavar="THEIRS",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        DocumentFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="html, markdown or pdf (default: from the -o suffix, else markdown).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here (atomically) instead of stdout; html and pdf need it.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option(
            "--template-dir",
            help="Templates here replace the shipped ones of the same name (docs/templates.md).",
            exists=True,
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        datetime | None,
        typer.Option(
            "--date",
            formats=["%Y-%m-%d"],
            metavar="YYYY-MM-DD",
            help="The report date (default: audited_on, else SOURCE_DATE_EPOCH, else undated).",
            show_default=False,
        ),
    ] = None,
    profile: ProfileOpt = None,
    max_bytes: MaxBytesOpt = None,
) -> None:
    """Write a client report: summary, journey map, scores, touchpoints, action plan, method."""
    from touchaudit.loader import load_audit
    from touchaudit.render.templated import TEMPLATES, render
    from touchaudit.report import build_report
    from touchaudit.writing import refuse_inputs, write_atomic

    chosen = output_format or _SUFFIX_FORMATS.get(
        output.suffix.lower() if output else "", DocumentFormat.MARKDOWN
    )
    if output is None and chosen is not DocumentFormat.MARKDOWN:
        raise UsageError(f"--format {chosen} needs -o PATH (only markdown goes to stdout)")
    settings = _settings()
    profile = profile or settings.profile
    if output is not None:
        refuse_inputs(output, [ours, *(vs or []), profile])
    limit = _max_bytes(max_bytes, settings)
    mine = load_audit(ours, library=_library(profile), max_bytes=limit)
    # One set of thresholds: competitors are scored with our library (and our profile).
    rivals = [load_audit(p, library=mine.library, max_bytes=limit) for p in vs or []]
    try:
        context = build_report(
            mine,
            rivals,
            date_given=date.date() if date else None,
            source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH"),
        )
    except ValueError:
        raise UsageError("SOURCE_DATE_EPOCH must be a whole number of seconds") from None
    text = render(TEMPLATES[chosen], context.as_dict(), template_dir)
    if chosen is DocumentFormat.PDF:
        from touchaudit.render.pdf import print_pdf

        assert output is not None
        print_pdf(text, output)
    elif output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)


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
