"""The command line: options in, one core call per command, a renderer out, errors to exit codes.

Heavy modules (PyYAML, Pydantic, Rich, Jinja2) are imported inside the commands, so that
`touchaudit --version` and `--help` start as fast as Typer itself. The parameters are declared
in params.py (those most commands share once, in flags.py), resolved with the project's
settings in options.py. This module holds the app and
the four main commands (validate, score, compare, report); history.py, authoring.py and
measure.py hold the others, registered here.
"""

from __future__ import annotations

import dataclasses
import signal
import sys

import typer

from touchaudit.cli import authoring, history, measure, params
from touchaudit.cli.exits import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    Commands,
    Terminated,
    print_problems,
    refuse_closed_stdout,
    say,
    terminate,
    unwritable_output,
    utf8_output,
    warn,
)
from touchaudit.cli.flags import Flags, with_flags
from touchaudit.cli.options import Options
from touchaudit.render.formats import (
    DocumentFormat,
    FindingsFormat,
    ListFormat,
    PortfolioFormat,
    ReportFormat,
    TrendFormat,
)

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_USAGE",
    "DocumentFormat",
    "FindingsFormat",
    "ListFormat",
    "PortfolioFormat",
    "ReportFormat",
    "TrendFormat",
    "app",
    "main",
]


app = typer.Typer(
    name="touchaudit",
    cls=Commands,
    help="Audit a business's customer touchpoints: validate, score, compare and report.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root(version: params.VersionOpt = False, debug: params.DebugOpt = False) -> None:
    """Audit a business's customer touchpoints: validate, score, compare and report."""


@app.command(short_help="Check audit files: every error, at file:line:column.")
@with_flags("profile", "max_bytes", "output", "jobs")
def validate(
    paths: params.PathsArg, output_format: params.FindingsFormatOpt = None, *, flags: Flags
) -> None:
    """Check audit files: every error in every file, with file:line:column."""
    from touchaudit.reading.loader import find_audit_files, validate_files
    from touchaudit.render.output import emit
    from touchaudit.render.registry import render_findings

    opts = Options.resolve(find_audit_files(paths), flags)
    report = validate_files(
        opts.audits, library=opts.library(), max_bytes=opts.max_bytes, jobs=opts.jobs
    )
    shown = render_findings(report, output_format, stdout=opts.output is None)
    emit(shown.text, opts.output)
    sys.stderr.write(shown.closing)
    raise typer.Exit(EXIT_OK if report.valid else EXIT_FINDINGS)


@app.command(short_help="Score audits: every level, and the gaps ranked by impact.")
@with_flags("profile", "max_bytes", "output", "jobs", "min_coverage", "strict", "max_chars")
def score(
    files: params.FilesArg,
    output_format: params.ReportFormatOpt = ReportFormat.TABLE,
    fail_under: params.FailUnderOpt = None,
    baseline: params.BaselineOpt = None,
    max_drop: params.MaxDropOpt = None,
    *,
    flags: Flags,
) -> None:
    """Score audits: criteria, touchpoints, stages, channels, overall, and the gaps by impact.

    With GITHUB_STEP_SUMMARY set (GitHub Actions), the Markdown summary is also appended there.
    """
    from touchaudit.cli.batch import run_score
    from touchaudit.render.output import append_step_summary, emit_chunks

    opts = Options.for_score(
        files, flags, fail_under=fail_under, baseline=baseline, max_drop=max_drop
    )
    with run_score(opts, output_format, max_chars=flags.max_chars) as run:
        warn(run.baseline.warnings if run.baseline else ())
        say(run.baseline)
        emit_chunks(run.chunks, opts.output)
    if run.summary is not None:
        append_step_summary(run.summary)
    say(run.fail_under)
    if not run.passed:
        raise typer.Exit(EXIT_FINDINGS)


@app.command("compare", short_help="Compare our audit with competitors' (or an earlier one).")
@with_flags("profile", "max_bytes", "output", "min_coverage", "strict", "max_chars")
def compare_command(
    ours: params.OursArg,
    theirs: params.TheirsArg,
    labels: params.LabelOpt = None,
    output_format: params.ReportFormatOpt = ReportFormat.TABLE,
    fail_if_behind: params.FailIfBehindOpt = False,
    *,
    flags: Flags,
) -> None:
    """Compare our audit with competitors' (or an earlier one), judged by one set of thresholds.

    With GITHUB_STEP_SUMMARY set (GitHub Actions), the Markdown comparison is also appended there.
    """
    from touchaudit.cli.batch import run_compare
    from touchaudit.render.output import append_step_summary, emit

    opts = Options.resolve([ours, *theirs], flags)
    run = run_compare(
        opts,
        output_format,
        labels=labels,
        fail_if_behind=fail_if_behind,
        max_chars=flags.max_chars,
    )
    warn(run.warnings)
    emit(run.text, opts.output)
    if run.summary is not None:
        append_step_summary(run.summary)
    if not say(run.gate):
        raise typer.Exit(EXIT_FINDINGS)


# The other commands live beside this module, one module per family; registered here, in the
# order `--help` lists them.
app.command(short_help="One company's audits over time: scores, changes, what moved.")(
    history.trend
)
app.command(short_help="Many audits side by side: league table, spread, common gaps.")(
    history.portfolio
)
app.command(short_help="Write an SVG score badge for a README.")(history.badge)
app.command(short_help="List the criteria: thresholds, weights and sources.")(authoring.criteria)
app.command(short_help="Write a starter audit for a business type.")(authoring.init)
app.command(short_help="Export the effective thresholds as a profile to edit.")(authoring.profile)


@app.command(short_help="Write a client report: Markdown, HTML or PDF.")
@with_flags("profile", "max_bytes", "min_coverage")
def report(
    ours: params.ReportOursArg,
    vs: params.VsOpt = None,
    earlier: params.EarlierOpt = None,
    output_format: params.DocumentFormatOpt = None,
    output: params.DocumentOutputOpt = None,
    template_dir: params.TemplateDirOpt = None,
    date: params.DateOpt = None,
    labels: params.ReportLabelOpt = None,
    *,
    flags: Flags,
) -> None:
    """Write a client report: summary, journey map, scores, touchpoints, action plan, method;
    with --trend, the progress from earlier audits of ours to this one."""
    from touchaudit.cli.batch import run_report
    from touchaudit.render.document import Document
    from touchaudit.render.templated import template_dirs

    document = Document.choose(output_format, output, template_dir)
    opts = Options.resolve(
        [ours, *(vs or []), *(earlier or [])],
        dataclasses.replace(flags, output=output),  # -o has its own help: html and pdf need it
        template_dirs=template_dirs(template_dir),
    )
    context = run_report(opts, earlier=len(earlier or []), labels=labels, date=date)
    print_problems(context.printed_warnings)
    document.write(context)


app.command(short_help="Find a web page's touchpoints: call-back, booking, chat, links.")(
    measure.scan
)
app.command("import", short_help="Print a Lighthouse, PSI, CrUX or CSV file's values as YAML.")(
    measure.import_command
)
app.command(short_help="Print the JSON Schema of the audit format.")(authoring.schema)


def main() -> None:
    """Entry point of the `touchaudit` command."""
    refuse_closed_stdout()
    if sys.argv[1:] == ["--version"]:
        # Answered before Typer builds the command tree, a tenth of the start-up time.
        try:
            sys.stdout.write(params.VERSION)
            sys.stdout.flush()
        except OSError as err:
            unwritable_output(err)
        return
    signal.signal(signal.SIGTERM, terminate)
    utf8_output()
    try:
        app(prog_name="touchaudit")
    except KeyboardInterrupt:
        sys.stderr.write("touchaudit: interrupted\n")
        raise SystemExit(128 + signal.SIGINT) from None
    except Terminated:
        sys.stderr.write("touchaudit: terminated\n")
        raise SystemExit(128 + signal.SIGTERM) from None
