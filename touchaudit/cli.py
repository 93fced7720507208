"""The command line: options in, one core call per command, a renderer out, errors to exit codes.

Heavy modules (PyYAML, Pydantic, Rich, Jinja2) are imported inside the commands, so that
`touchaudit --version` and `--help` start as fast as Typer itself.
"""

from __future__ import annotations

import math
import os
import signal
import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from touchaudit import __version__
from touchaudit.errors import Code, TouchauditError, UsageError
from touchaudit.reads import MAX_BYTES_CEILING, Reads
from touchaudit.render.formats import (
    DocumentFormat,
    FindingsFormat,
    ListFormat,
    ReportFormat,
    default_findings_format,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from touchaudit.baseline import BaselineCheck
    from touchaudit.batch import RenderedScorecard
    from touchaudit.config import Settings
    from touchaudit.errors import Problem
    from touchaudit.library import Library
    from touchaudit.loader import LoadedAudit
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
        except BrokenPipeError:
            _closed_output()
        except Exception:
            debug = bool(ctx.params.get("debug"))
            if debug:
                traceback.print_exc()
            _internal_error(sys.exc_info()[0], debug=debug)


app = typer.Typer(
    name="touchaudit",
    cls=_Commands,
    help="Audit a business's customer touchpoints: validate, score, compare and report.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


_SUFFIX_FORMATS = {
    ".html": DocumentFormat.HTML,
    ".htm": DocumentFormat.HTML,
    ".pdf": DocumentFormat.PDF,
    ".md": DocumentFormat.MARKDOWN,
    ".markdown": DocumentFormat.MARKDOWN,
}


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
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the output to this file (atomically) instead of stdout; never an input.",
        dir_okay=False,
        show_default=False,
    ),
]
MaxBytesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        min=1,
        max=MAX_BYTES_CEILING,
        help="Refuse audit files larger than this (default 10 MiB, at most 1 TiB).",
    ),
]
LabelOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--label",
        "-l",
        help="A name for each audit in the output, ours first (repeat it once per audit).",
        show_default=False,
        metavar="LABEL",
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


@app.command(short_help="Check audit files: every error, at file:line:column.")
def validate(
    paths: PathsArg,
    output_format: Annotated[
        FindingsFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, github (the default when GITHUB_ACTIONS=true), sarif or junit.",
            show_default=False,
        ),
    ] = None,
    profile: ProfileOpt = None,
    max_bytes: MaxBytesOpt = None,
    output: OutputOpt = None,
    jobs: JobsOpt = None,
) -> None:
    """Check audit files: every error in every file, with file:line:column."""
    from touchaudit.loader import find_audit_files, validate_files

    files = find_audit_files(paths)
    settings, found = _settings()
    profile = profile or settings.profile
    _check_files(Reads.declare(audits=files, profile=profile, settings=found), output)
    report = validate_files(
        files,
        library=_library(profile),
        max_bytes=_max_bytes(max_bytes, settings),
        jobs=_jobs(jobs),
    )
    from touchaudit.output import emit
    from touchaudit.render.registry import FINDINGS, FINDINGS_SUMMARY, FINDINGS_TO_STDOUT, choose

    chosen = output_format or default_findings_format(os.environ)
    emit(choose(chosen, FINDINGS, FINDINGS_TO_STDOUT, stdout=output is None)(report), output)
    if chosen in FINDINGS_SUMMARY:
        sys.stderr.write(FINDINGS_SUMMARY[chosen](report))
    raise typer.Exit(EXIT_OK if report.valid else EXIT_FINDINGS)


@app.command(short_help="Score audits: every level, and the gaps ranked by impact.")
def score(
    files: Annotated[
        list[Path],
        typer.Argument(help="Audit files to score.", exists=True, dir_okay=False),
    ],
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="table, json, markdown, github, sarif or junit."),
    ] = ReportFormat.TABLE,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            min=0,
            max=100,
            callback=_points,
            help="Exit 1 when an overall score is below this (a CI gate).",
        ),
    ] = None,
    profile: ProfileOpt = None,
    max_bytes: MaxBytesOpt = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="An earlier audit to gate against (with --max-drop); scored with this audit's "
            "thresholds.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    max_drop: Annotated[
        float | None,
        typer.Option(
            "--max-drop",
            min=0,
            max=100,
            callback=_points,
            help="Exit 1 when the overall or a stage score dropped by more than this many points "
            "against --baseline (default 0).",
        ),
    ] = None,
    output: OutputOpt = None,
    jobs: JobsOpt = None,
) -> None:
    """Score audits: criteria, touchpoints, stages, channels, overall, and the gaps by impact.

    With GITHUB_STEP_SUMMARY set (GitHub Actions), the Markdown summary is also appended there.
    """
    settings, found = _settings()
    profile = profile or settings.profile
    reads = Reads.declare(
        audits=files, baseline=baseline or settings.baseline, profile=profile, settings=found
    )
    _check_files(reads, output)
    library = _library(profile)
    limit = _max_bytes(max_bytes, settings)
    threshold = fail_under if fail_under is not None else settings.fail_under
    gated = baseline is not None or max_drop is not None or settings.baseline is not None
    from touchaudit.output import emit
    from touchaudit.render.registry import REPORTS, REPORTS_TO_STDOUT, Scored, choose, per_file

    streamed = per_file(output_format, several=len(files) > 1) if output is None else None
    if streamed is not None and not gated and not _wants_step_summary(output):
        # The fast path: each file loaded, scored and rendered in a worker (see batch.py).
        from touchaudit.batch import score_files

        rendered = score_files(
            [str(f) for f in files],
            streamed.render,
            library=library,
            max_bytes=limit,
            jobs=_jobs(jobs),
        )
        for chunk in streamed.join([c.text for c in rendered]):
            _write_out(chunk)
        _fail_under(rendered, threshold)
        return
    from touchaudit.loader import load_audits
    from touchaudit.scoring import score_audit

    audits = load_audits([str(f) for f in files], library=library, max_bytes=limit)
    cards = [score_audit(a) for a in audits]
    gate = _baseline_gate(audits, cards, baseline, max_drop, settings, max_bytes)
    render = choose(output_format, REPORTS, REPORTS_TO_STDOUT, stdout=output is None)
    emit(render(Scored(cards, threshold)), output)
    if _wants_step_summary(output):
        from touchaudit.output import append_step_summary
        from touchaudit.render.summary import step_summary

        append_step_summary(step_summary(cards, threshold))
    _fail_under(cards, threshold)
    if gate is not None and not gate.passed:
        raise typer.Exit(EXIT_FINDINGS)


def _points(value: float | None) -> float | None:
    """A number of points, 0 to 100: `nan` passes the range check of some Typer releases."""
    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a number of points from 0 to 100")
    return value


def _fail_under(cards: Sequence[Scorecard | RenderedScorecard], threshold: float | None) -> None:
    """The --fail-under gate: name every file below the threshold and exit 1."""
    if threshold is None:
        return
    failing = [c for c in cards if c.below(threshold)]
    for card in failing:
        shown = "no score" if card.score is None else f"{card.score:.1f}"
        sys.stderr.write(f"touchaudit: {card.file}: overall {shown} is below {threshold:g}\n")
    if failing:
        raise typer.Exit(EXIT_FINDINGS)


@app.command("compare", short_help="Compare our audit with competitors' (or an earlier one).")
def compare_command(
    ours: Annotated[
        Path,
        typer.Argument(
            help="Our audit.", exists=True, dir_okay=False, show_default=False, metavar="OURS"
        ),
    ],
    theirs: Annotated[
        list[Path],
        typer.Argument(
            help="Competitors' audits, or an earlier audit of ours (before/after).",
            exists=True,
            dir_okay=False,
            show_default=False,
            metavar="THEIRS",
        ),
    ],
    labels: LabelOpt = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="table, json, markdown, github, sarif or junit."),
    ] = ReportFormat.TABLE,
    fail_if_behind: Annotated[
        bool,
        typer.Option(
            "--fail-if-behind", help="Exit 1 when our overall score is below any competitor's."
        ),
    ] = False,
    profile: ProfileOpt = None,
    max_bytes: MaxBytesOpt = None,
    output: OutputOpt = None,
) -> None:
    """Compare our audit with competitors' (or an earlier one), judged by one set of thresholds.

    With GITHUB_STEP_SUMMARY set (GitHub Actions), the Markdown comparison is also appended there.
    """
    from touchaudit.compare import compare_files

    settings, found = _settings()
    profile = profile or settings.profile
    _check_files(Reads.declare(audits=[ours, *theirs], profile=profile, settings=found), output)
    comparison = compare_files(
        ours,
        theirs,
        labels=labels,
        library=_library(profile),
        max_bytes=_max_bytes(max_bytes, settings),
    )
    _print_warnings(comparison.warnings)
    from touchaudit.output import emit
    from touchaudit.render.registry import COMPARISONS, COMPARISONS_TO_STDOUT, Compared, choose

    render = choose(output_format, COMPARISONS, COMPARISONS_TO_STDOUT, stdout=output is None)
    emit(render(Compared(comparison, fail_if_behind)), output)
    if _wants_step_summary(output):
        from touchaudit.output import append_step_summary
        from touchaudit.render.summary import comparison_summary

        append_step_summary(comparison_summary(comparison, fail_if_behind))
    if fail_if_behind and comparison.behind:
        sys.stderr.write(f"touchaudit: {comparison.behind_message}\n")
        raise typer.Exit(EXIT_FINDINGS)


@app.command(short_help="List the criteria: thresholds, weights and sources.")
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

    settings, found = _settings()
    profile = profile or settings.profile
    _check_files(Reads.declare(profile=profile, settings=found), None)
    library = _library(profile) or builtin_library()
    if channel is not None and channel not in library.channels:
        raise UsageError(f"unknown channel '{channel}'{suggest(channel, library.channels)}")
    items = list(library.for_channel(channel) if channel else library.criteria.values())
    from touchaudit.render.registry import CRITERIA, CRITERIA_TO_STDOUT, choose

    sys.stdout.write(choose(output_format, CRITERIA, CRITERIA_TO_STDOUT, stdout=True)(items))


@app.command(short_help="Write a starter audit for a business type.")
def init(
    business: Annotated[
        str,
        typer.Option(
            "--business",
            "-b",
            help="Business type: clinic, retail, ecommerce, saas, restaurant, b2b_services.",
            show_default=False,
        ),
    ],
    company: Annotated[
        str, typer.Option("--company", "-c", help="The company audited.", show_default=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the audit to this file (default: stdout).", dir_okay=False
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the --output file if it exists.")
    ] = False,
) -> None:
    """Write a starter audit: the business type's expected touchpoints, every criterion null."""
    from touchaudit.output import refuse_existing, write_atomic
    from touchaudit.starter import starter_audit

    starter = starter_audit(business, company)
    if output is None:
        sys.stdout.write(starter.text)
        return
    if not force:
        refuse_existing(output)
    write_atomic(output, starter.text)
    sys.stderr.write(
        f"touchaudit: wrote {output}: {starter.touchpoints} touchpoints, "
        f"{starter.criteria} criteria to measure\n"
    )


@app.command(short_help="Write a client report: Markdown, HTML or PDF.")
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
    labels: LabelOpt = None,
    profile: ProfileOpt = None,
    max_bytes: MaxBytesOpt = None,
) -> None:
    """Write a client report: summary, journey map, scores, touchpoints, action plan, method."""
    from touchaudit.output import write_atomic
    from touchaudit.render.templated import TEMPLATES, render, template_dirs
    from touchaudit.report import report_files

    chosen = output_format or _SUFFIX_FORMATS.get(
        output.suffix.lower() if output else "", DocumentFormat.MARKDOWN
    )
    if output is None and chosen is not DocumentFormat.MARKDOWN:
        raise UsageError(f"--format {chosen} needs -o PATH (only markdown goes to stdout)")
    settings, found = _settings()
    profile = profile or settings.profile
    reads = Reads.declare(
        audits=[ours, *(vs or [])],
        profile=profile,
        settings=found,
        template_dirs=template_dirs(template_dir),
    )
    _check_files(reads, output)
    context = report_files(
        ours,
        vs or [],
        labels=labels,
        library=_library(profile),
        max_bytes=_max_bytes(max_bytes, settings),
        date_given=date.date() if date else None,
        source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH"),
    )
    for warning in (w for w in context.warnings if w.code == Code.THRESHOLD_DIFFERS):
        sys.stderr.write(f"{warning}\n")
    text = render(TEMPLATES[chosen], context.as_dict(), template_dir)
    if chosen is DocumentFormat.PDF:
        from touchaudit.render.pdf import print_pdf

        assert output is not None
        print_pdf(text, output)
    elif output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)


@app.command(short_help="Print the JSON Schema of the audit format.")
def schema() -> None:
    """Print the JSON Schema of the audit format (for editors and CI tools)."""
    from touchaudit.models import audit_json_schema
    from touchaudit.render.json import dumps

    sys.stdout.write(dumps(audit_json_schema()))


def _baseline_gate(
    audits: list[LoadedAudit],
    cards: list[Scorecard],
    given: Path | None,
    max_drop: float | None,
    settings: Settings,
    max_bytes: int | None,
) -> BaselineCheck | None:
    """Run `--baseline`/`--max-drop` (or the settings' defaults) and report drops on stderr."""
    if given is None and max_drop is not None and settings.baseline is None:
        raise UsageError("--max-drop needs --baseline (or 'baseline' in the settings)")
    path = given or settings.baseline
    if path is None:
        return None
    if len(audits) != 1:
        if given is not None:
            raise UsageError("--baseline gates one audit: give one file to score")
        return None  # the settings' baseline belongs to single-file runs
    from touchaudit.baseline import check_baseline

    gate = check_baseline(
        audits[0],
        cards[0],
        path,
        max_drop=max_drop if max_drop is not None else settings.max_drop or 0.0,
        max_bytes=_max_bytes(max_bytes, settings),
    )
    _print_warnings(gate.warnings)
    for drop in gate.drops:
        sys.stderr.write(
            f"touchaudit: {gate.file}: {drop.message(gate.max_drop)} against {gate.baseline}\n"
        )
    return gate


def _print_warnings(problems: tuple[Problem, ...]) -> None:
    if not problems:
        return
    from touchaudit.console import stderr
    from touchaudit.render.terminal import compare

    stderr().print(compare.warnings(problems))


def _check_files(reads: Reads, output: Path | None) -> None:
    """The one check of what a command reads: regular files only, and never the --output."""
    reads.require_regular()
    if output is not None:
        from touchaudit.output import refuse_inputs

        refuse_inputs(output, reads)


def _wants_step_summary(output: Path | None) -> bool:
    """GITHUB_STEP_SUMMARY is set, and the output did not go to that file already."""
    from touchaudit.output import STEP_SUMMARY, goes_to_step_summary

    return bool(os.environ.get(STEP_SUMMARY)) and not goes_to_step_summary(output)


def _settings() -> tuple[Settings, Path | None]:
    """The project's settings and the file they come from (None: defaults, no file)."""
    from touchaudit.config import find_settings

    return find_settings()


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


def _internal_error(kind: type[BaseException] | None, *, debug: bool = False) -> NoReturn:
    command = " ".join(["touchaudit", *sys.argv[1:]])
    name = kind.__name__ if kind else "error"
    where = "the traceback is above" if debug else "run it again with --debug for the traceback"
    sys.stderr.write(
        f"touchaudit: internal error ({name}); this is a bug, please report it with the "
        f"command '{command}' ({where})\n"
    )
    raise SystemExit(EXIT_INTERNAL)


def _closed_output() -> NoReturn:
    # The reader went away (`touchaudit ... | head`): not a bug. Point stdout at /dev/null so
    # that the interpreter's final flush does not fail again, and exit as Rich does.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(EXIT_FINDINGS)


class _Terminated(BaseException):
    """SIGTERM, raised wherever the program is, so that every `finally` runs (as on Ctrl-C): a
    temporary output file is removed. Not an Exception, so no handler mistakes it for a bug."""


def _terminate(signum: int, frame: object) -> NoReturn:
    raise _Terminated


def main() -> None:
    """Entry point of the `touchaudit` command."""
    if sys.argv[1:] == ["--version"]:
        # Answered before Typer builds the command tree, a tenth of the start-up time.
        sys.stdout.write(_VERSION)
        return
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app(prog_name="touchaudit")
    except KeyboardInterrupt:
        sys.stderr.write("touchaudit: interrupted\n")
        raise SystemExit(128 + signal.SIGINT) from None
    except _Terminated:
        sys.stderr.write("touchaudit: terminated\n")
        raise SystemExit(128 + signal.SIGTERM) from None
