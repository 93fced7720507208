"""The command line: options in, one core call per command, a renderer out, errors to exit codes.

Heavy modules (PyYAML, Pydantic, Rich, Jinja2) are imported inside the commands, so that
`touchaudit --version` and `--help` start as fast as Typer itself. The parameters are declared
in params.py, resolved with the project's settings in options.py.
"""

from __future__ import annotations

import signal
import sys
from typing import TYPE_CHECKING

import typer

from touchaudit.cli import params
from touchaudit.cli.exits import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    Commands,
    Terminated,
    print_problems,
    terminate,
)
from touchaudit.cli.options import Options
from touchaudit.render.formats import (
    DocumentFormat,
    FindingsFormat,
    ListFormat,
    PortfolioFormat,
    ReportFormat,
    ScanFormat,
    TrendFormat,
)

if TYPE_CHECKING:
    from pathlib import Path

    from touchaudit.comparison.gates import Verdict
    from touchaudit.reading.errors import Problem

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
def validate(
    paths: params.PathsArg,
    output_format: params.FindingsFormatOpt = None,
    profile: params.ProfileOpt = None,
    max_bytes: params.MaxBytesOpt = None,
    output: params.OutputOpt = None,
    jobs: params.JobsOpt = None,
) -> None:
    """Check audit files: every error in every file, with file:line:column."""
    from touchaudit.reading.loader import find_audit_files, validate_files
    from touchaudit.render.output import emit
    from touchaudit.render.registry import render_findings

    files = find_audit_files(paths)
    opts = Options.resolve(files, profile=profile, max_bytes=max_bytes, jobs=jobs, output=output)
    report = validate_files(
        opts.audits, library=opts.library(), max_bytes=opts.max_bytes, jobs=opts.jobs
    )
    shown = render_findings(report, output_format, stdout=output is None)
    emit(shown.text, output)
    sys.stderr.write(shown.closing)
    raise typer.Exit(EXIT_OK if report.valid else EXIT_FINDINGS)


@app.command(short_help="Score audits: every level, and the gaps ranked by impact.")
def score(
    files: params.FilesArg,
    output_format: params.ReportFormatOpt = ReportFormat.TABLE,
    fail_under: params.FailUnderOpt = None,
    profile: params.ProfileOpt = None,
    max_bytes: params.MaxBytesOpt = None,
    baseline: params.BaselineOpt = None,
    max_drop: params.MaxDropOpt = None,
    output: params.OutputOpt = None,
    jobs: params.JobsOpt = None,
    min_coverage: params.MinCoverageOpt = None,
    strict: params.StrictOpt = None,
    max_chars: params.MaxCharsOpt = None,
) -> None:
    """Score audits: criteria, touchpoints, stages, channels, overall, and the gaps by impact.

    With GITHUB_STEP_SUMMARY set (GitHub Actions), the Markdown summary is also appended there.
    """
    from touchaudit.cli.batch import run_score
    from touchaudit.render.output import append_step_summary, emit_chunks

    opts = Options.for_score(
        files,
        profile=profile,
        max_bytes=max_bytes,
        jobs=jobs,
        output=output,
        fail_under=fail_under,
        baseline=baseline,
        max_drop=max_drop,
        min_coverage=min_coverage,
        strict=strict,
    )
    run = run_score(opts, output_format, max_chars=max_chars)
    _warn(run.baseline.warnings if run.baseline else ())
    _say(run.baseline)
    emit_chunks(run.chunks, output)
    if run.summary is not None:
        append_step_summary(run.summary)
    _say(run.fail_under)
    if not run.passed:
        raise typer.Exit(EXIT_FINDINGS)


@app.command("compare", short_help="Compare our audit with competitors' (or an earlier one).")
def compare_command(
    ours: params.OursArg,
    theirs: params.TheirsArg,
    labels: params.LabelOpt = None,
    output_format: params.ReportFormatOpt = ReportFormat.TABLE,
    fail_if_behind: params.FailIfBehindOpt = False,
    profile: params.ProfileOpt = None,
    max_bytes: params.MaxBytesOpt = None,
    output: params.OutputOpt = None,
    min_coverage: params.MinCoverageOpt = None,
    strict: params.StrictOpt = None,
    max_chars: params.MaxCharsOpt = None,
) -> None:
    """Compare our audit with competitors' (or an earlier one), judged by one set of thresholds.

    With GITHUB_STEP_SUMMARY set (GitHub Actions), the Markdown comparison is also appended there.
    """
    from touchaudit.cli.batch import run_compare
    from touchaudit.render.output import append_step_summary, emit

    opts = Options.resolve(
        [ours, *theirs],
        profile=profile,
        max_bytes=max_bytes,
        output=output,
        min_coverage=min_coverage,
        strict=strict,
    )
    run = run_compare(
        opts, output_format, labels=labels, fail_if_behind=fail_if_behind, max_chars=max_chars
    )
    _warn(run.warnings)
    emit(run.text, output)
    if run.summary is not None:
        append_step_summary(run.summary)
    if not _say(run.gate):
        raise typer.Exit(EXIT_FINDINGS)


@app.command(short_help="One company's audits over time: scores, changes, what moved.")
def trend(
    files: params.TrendFilesArg = None,
    git: params.GitOpt = None,
    revs: params.RevsOpt = None,
    labels: params.TrendLabelOpt = None,
    output_format: params.TrendFormatOpt = TrendFormat.TABLE,
    fail_on_drop: params.FailOnDropOpt = None,
    profile: params.ProfileOpt = None,
    max_bytes: params.MaxBytesOpt = None,
    output: params.OutputOpt = None,
    min_coverage: params.MinCoverageOpt = None,
) -> None:
    """One company's audits in date order (or one file's commits with --git), scored with the
    newest audit's thresholds: overall, stages and channels, the change from each audit to the
    next, and what moved most."""
    from touchaudit.comparison.trend import trend_files
    from touchaudit.reading.errors import UsageError
    from touchaudit.render.output import emit
    from touchaudit.render.registry import TRENDS

    if bool(files) == (git is not None):
        raise UsageError("give the audits to follow, or one audit file with --git (not both)")
    opts = Options.resolve(
        [git] if git is not None else (files or []),
        profile=profile,
        max_bytes=max_bytes,
        output=output,
        min_coverage=min_coverage,
    )
    result = trend_files(
        opts.audits,
        git=git is not None,
        revs=revs,
        labels=labels,
        library=opts.library(),
        max_bytes=opts.max_bytes,
        min_coverage=opts.min_coverage,
        max_drop=fail_on_drop,
    )
    _warn(result.warnings)
    emit(TRENDS.render(result, output_format, stdout=output is None), output)
    if not _say(result.gate):
        raise typer.Exit(EXIT_FINDINGS)


@app.command(short_help="Many audits side by side: league table, spread, common gaps.")
def portfolio(
    paths: params.PathsArg,
    output_format: params.PortfolioFormatOpt = PortfolioFormat.TABLE,
    profile: params.ProfileOpt = None,
    max_bytes: params.MaxBytesOpt = None,
    output: params.OutputOpt = None,
    jobs: params.JobsOpt = None,
    min_coverage: params.MinCoverageOpt = None,
) -> None:
    """Many companies or locations side by side: a league table with each one's change since
    its previous audit, the spread, percentiles, the gaps most common and group subtotals."""
    from touchaudit.cli.batch import run_portfolio
    from touchaudit.reading.loader import find_audit_files
    from touchaudit.render.output import emit
    from touchaudit.render.registry import PORTFOLIOS

    opts = Options.resolve(
        find_audit_files(paths),
        profile=profile,
        max_bytes=max_bytes,
        jobs=jobs,
        output=output,
        min_coverage=min_coverage,
    )
    emit(PORTFOLIOS.render(run_portfolio(opts), output_format, stdout=output is None), output)


@app.command(short_help="Write an SVG score badge for a README.")
def badge(
    file: params.BadgeFileArg,
    label: params.BadgeLabelOpt = "touchaudit",
    output: params.OutputOpt = None,
    profile: params.ProfileOpt = None,
    max_bytes: params.MaxBytesOpt = None,
    min_coverage: params.MinCoverageOpt = None,
) -> None:
    """Write a small SVG badge of the audit's overall score, on its band's colour."""
    from touchaudit.cli.batch import run_badge
    from touchaudit.render.output import emit

    opts = Options.resolve(
        [file], profile=profile, max_bytes=max_bytes, output=output, min_coverage=min_coverage
    )
    emit(run_badge(opts, label=label), output)


@app.command(short_help="List the criteria: thresholds, weights and sources.")
def criteria(
    criterion: params.CriterionArg = None,
    channel: params.ChannelOpt = None,
    output_format: params.ListFormatOpt = ListFormat.TABLE,
    profile: params.ProfileOpt = None,
) -> None:
    """List the criteria library: thresholds, weights and the source of every threshold; with
    an ID, that criterion in full (how to measure it, the business types that set it)."""
    from touchaudit.library.criteria import builtin_library
    from touchaudit.render.registry import CRITERIA, render_criterion_detail

    library = Options.resolve(profile=profile).library() or builtin_library()
    if criterion is not None:
        from touchaudit.library.detail import criterion_detail

        detail = criterion_detail(library, criterion)
        sys.stdout.write(render_criterion_detail(detail, output_format))
        return
    sys.stdout.write(CRITERIA.render(library.listed(channel), output_format, stdout=True))


@app.command(short_help="Write a starter audit for a business type.")
def init(
    business: params.BusinessOpt,
    company: params.CompanyOpt,
    output: params.InitOutputOpt = None,
    force: params.ForceOpt = False,
) -> None:
    """Write a starter audit: the business type's expected touchpoints, every criterion null."""
    from touchaudit.library.starter import SCHEMA_FILE, starter_audit
    from touchaudit.render.output import is_stream

    starter = starter_audit(business, company)
    _write_new(starter.text, output, force=force, summary=starter.summary)
    if output is None or is_stream(output):
        return
    # The schema its first line names, for editors; one already there is left as it is.
    beside = output.parent / SCHEMA_FILE
    if not beside.exists():
        schema(beside)
        sys.stderr.write(f"touchaudit: wrote {beside} (the schema editors check it with)\n")


@app.command(short_help="Export the effective thresholds as a profile to edit.")
def profile(
    business: params.ProfileBusinessOpt = None,
    profile: params.ProfileOpt = None,
    output: params.ProfileOutputOpt = None,
    force: params.ForceOpt = False,
) -> None:
    """Write a profile holding every criterion's effective thresholds, weight and source: the
    library's, a business type's (--business) and a profile's (--profile), merged."""
    from touchaudit.library.profiles import profile_for

    library = Options.resolve(profile=profile).library()
    exported = profile_for(business, library, str(profile) if profile else None)
    _write_new(exported.text, output, force=force, summary=f"{exported.criteria} criteria")


def _write_new(text: str, output: Path | None, *, force: bool, summary: str) -> None:
    """A file `init` or `profile` writes for the user to edit: stdout without -o; never over
    an existing file without --force."""
    from touchaudit.render.output import refuse_existing, write_atomic

    if output is None:
        sys.stdout.write(text)
        return
    if not force:
        refuse_existing(output)
    write_atomic(output, text)
    sys.stderr.write(f"touchaudit: wrote {output}: {summary}\n")


@app.command(short_help="Write a client report: Markdown, HTML or PDF.")
def report(
    ours: params.ReportOursArg,
    vs: params.VsOpt = None,
    earlier: params.EarlierOpt = None,
    output_format: params.DocumentFormatOpt = None,
    output: params.DocumentOutputOpt = None,
    template_dir: params.TemplateDirOpt = None,
    date: params.DateOpt = None,
    labels: params.ReportLabelOpt = None,
    profile: params.ProfileOpt = None,
    max_bytes: params.MaxBytesOpt = None,
    min_coverage: params.MinCoverageOpt = None,
) -> None:
    """Write a client report: summary, journey map, scores, touchpoints, action plan, method;
    with --trend, the progress from earlier audits of ours to this one."""
    from touchaudit.cli.batch import run_report
    from touchaudit.render.document import Document
    from touchaudit.render.templated import template_dirs

    document = Document.choose(output_format, output, template_dir)
    opts = Options.resolve(
        [ours, *(vs or []), *(earlier or [])],
        profile=profile,
        max_bytes=max_bytes,
        output=output,
        template_dirs=template_dirs(template_dir),
        min_coverage=min_coverage,
    )
    context = run_report(opts, earlier=len(earlier or []), labels=labels, date=date)
    print_problems(context.printed_warnings)
    document.write(context)


@app.command(short_help="Find a web page's touchpoints: call-back, booking, chat, links.")
def scan(
    pages: params.PagesArg,
    output_format: params.ScanFormatOpt = ScanFormat.YAML,
    compare: params.CompareOpt = False,
    follow: params.FollowOpt = 0,
    render: params.RenderOpt = False,
    max_bytes: params.PageMaxBytesOpt = None,
    output: params.OutputOpt = None,
) -> None:
    """Walk a page as a customer would: the website criteria it meets (clickable phone,
    call-back, online booking, question form, chat, mobile version, lead form fields), each with
    its evidence, and the messengers, social pages and email it links to. A PAGE is a saved HTML
    file or an http(s) URL (one request per page). Scripts run only with --render."""
    from touchaudit.cli.scan import run_scan
    from touchaudit.render.output import emit

    text = run_scan(
        pages,
        output_format,
        compare=compare,
        max_bytes=max_bytes,
        output=output,
        follow=follow,
        render=render,
    )
    emit(text, output)


@app.command("import", short_help="Print a Lighthouse, PSI, CrUX or CSV file's values as YAML.")
def import_command(
    kind: params.SourceKindArg,
    file: params.SourceFileArg,
    touchpoint: params.TouchpointOpt,
    into: params.IntoOpt = None,
    profile: params.ProfileOpt = None,
    max_bytes: params.MaxBytesOpt = None,
) -> None:
    """Print the YAML of the values FILE measures for a touchpoint, or add them to --into AUDIT.

    The audit keeps its comments, order and every value already written; it is written
    atomically, and not at all if it changed since it was read.
    """
    from touchaudit.reading.importer import import_values
    from touchaudit.render.output import replace_if_unchanged

    opts = Options.resolve([into] if into else [], profile=profile, max_bytes=max_bytes)
    result = import_values(
        kind, file, touchpoint, into=into, library=opts.library(), max_bytes=opts.max_bytes
    )
    for warning in result.warnings:
        sys.stderr.write(f"touchaudit: warning: {warning}\n")
    if into is None:
        sys.stdout.write(result.text)
        return
    assert result.original is not None
    replace_if_unchanged(into, result.text, result.original)
    sys.stderr.write(f"touchaudit: wrote {len(result.criteria)} criteria into {into}\n")


@app.command(short_help="Print the JSON Schema of the audit format.")
def schema(output: params.OutputOpt = None) -> None:
    """Print the JSON Schema of the audit format (for editors and CI tools)."""
    from touchaudit.library.schema import audit_schema
    from touchaudit.render.json import dumps
    from touchaudit.render.output import emit

    emit(dumps(audit_schema()), output)


def _say(gate: Verdict | None) -> bool:
    """Print a gate's messages on stderr; whether it passed (no gate: True)."""
    for message in gate.messages if gate else ():
        sys.stderr.write(f"touchaudit: {message}\n")
    return gate is None or gate.passed


def _warn(problems: tuple[Problem, ...]) -> None:
    if not problems:
        return  # without importing Rich
    from touchaudit.render.terminal.compare import warnings_text

    sys.stderr.write(warnings_text(problems))


def main() -> None:
    """Entry point of the `touchaudit` command."""
    if sys.argv[1:] == ["--version"]:
        # Answered before Typer builds the command tree, a tenth of the start-up time.
        sys.stdout.write(params.VERSION)
        return
    signal.signal(signal.SIGTERM, terminate)
    try:
        app(prog_name="touchaudit")
    except KeyboardInterrupt:
        sys.stderr.write("touchaudit: interrupted\n")
        raise SystemExit(128 + signal.SIGINT) from None
    except Terminated:
        sys.stderr.write("touchaudit: terminated\n")
        raise SystemExit(128 + signal.SIGTERM) from None
