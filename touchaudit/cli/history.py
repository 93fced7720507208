"""The commands that follow audits over time and across locations: trend, portfolio, badge.

Registered on the app by app.py; like every command, each resolves its options and makes one
core call, and imports what it needs only when it runs.
"""

from __future__ import annotations

import typer

from touchaudit.cli import params
from touchaudit.cli.exits import EXIT_FINDINGS, say, warn
from touchaudit.cli.flags import Flags, with_flags
from touchaudit.cli.options import Options
from touchaudit.render.formats import PortfolioFormat, TrendFormat


@with_flags("profile", "max_bytes", "output", "min_coverage")
def trend(
    files: params.TrendFilesArg = None,
    git: params.GitOpt = None,
    revs: params.RevsOpt = None,
    labels: params.TrendLabelOpt = None,
    output_format: params.TrendFormatOpt = TrendFormat.TABLE,
    fail_on_drop: params.FailOnDropOpt = None,
    *,
    flags: Flags,
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
    opts = Options.resolve([git] if git is not None else (files or []), flags)
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
    warn(result.warnings)
    emit(TRENDS.render(result, output_format, stdout=opts.output is None), opts.output)
    if not say(result.gate):
        raise typer.Exit(EXIT_FINDINGS)


@with_flags("profile", "max_bytes", "output", "jobs", "min_coverage")
def portfolio(
    paths: params.PathsArg,
    output_format: params.PortfolioFormatOpt = PortfolioFormat.TABLE,
    *,
    flags: Flags,
) -> None:
    """Many companies or locations side by side: a league table with each one's change since
    its previous audit, the spread, percentiles, the gaps most common and group subtotals."""
    from touchaudit.cli.batch import run_portfolio
    from touchaudit.reading.loader import find_audit_files
    from touchaudit.render.output import emit
    from touchaudit.render.registry import PORTFOLIOS

    opts = Options.resolve(find_audit_files(paths), flags)
    shown = PORTFOLIOS.render(run_portfolio(opts), output_format, stdout=opts.output is None)
    emit(shown, opts.output)


@with_flags("profile", "max_bytes", "output", "min_coverage")
def badge(
    file: params.BadgeFileArg, label: params.BadgeLabelOpt = "touchaudit", *, flags: Flags
) -> None:
    """Write a small SVG badge of the audit's overall score, on its band's colour."""
    from touchaudit.cli.batch import run_badge
    from touchaudit.render.output import emit

    opts = Options.resolve([file], flags)
    emit(run_badge(opts, label=label), opts.output)
