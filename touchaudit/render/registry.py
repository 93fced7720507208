"""Which renderer writes each `--format` of `validate`, `score`, `compare` and `criteria`: one
mapping per format enum (render/formats.py), each renderer imported only when used.

A renderer returns text; the CLI only decides where it goes. Where stdout gets something else
than a file (colours, the console's width), the `*_TO_STDOUT` mappings say so. `score` and
`compare` share their formats (`REPORTS`); `score` renders one file at a time, so that its
workers render too (cli/batch.py).
tests/test_render_registry.py holds these mappings to the command line's `--format` choices.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from touchaudit.render.formats import (
    FindingsFormat,
    ListFormat,
    PortfolioFormat,
    ReportFormat,
    ScanFormat,
    TrendFormat,
    default_findings_format,
)

if TYPE_CHECKING:
    from touchaudit.comparison.gates import NotBehind
    from touchaudit.comparison.pages import PageComparison
    from touchaudit.comparison.portfolio import Portfolio
    from touchaudit.comparison.result import Comparison
    from touchaudit.comparison.trend_result import Trend
    from touchaudit.library.detail import CriterionDetail
    from touchaudit.reading.models import Criterion
    from touchaudit.reading.scan import PageScan
    from touchaudit.reading.validation import ValidationReport
    from touchaudit.scoring.results import Scorecard


@dataclass(frozen=True, slots=True)
class Compared:
    """What `compare` renders: the comparison, whether --fail-if-behind is on, and its verdict."""

    comparison: Comparison
    fail_if_behind: bool = False
    gate: NotBehind | None = None
    limit: int | None = None  # the Markdown's, in characters


FindingsRenderer = Callable[["ValidationReport"], str]
ComparedRenderer = Callable[[Compared], str]
CriteriaRenderer = Callable[[list["Criterion"]], str]
TrendRenderer = Callable[["Trend"], str]
PortfolioRenderer = Callable[["Portfolio"], str]

Format = TypeVar("Format")
Renderer = TypeVar("Renderer")


def choose(
    fmt: Format,
    renderers: Mapping[Format, Renderer],
    to_stdout: Mapping[Format, Renderer],
    *,
    stdout: bool,
) -> Renderer:
    """The renderer of `fmt`: its stdout variant when the text goes to stdout and it has one."""
    return to_stdout.get(fmt, renderers[fmt]) if stdout else renderers[fmt]


# --------------------------------------------------------------------------- validate


def _text_findings(report: ValidationReport) -> str:
    from touchaudit.render.terminal import validate

    return validate.findings_plain(report)


def _console_findings(report: ValidationReport) -> str:
    from touchaudit.render.terminal import validate

    return validate.findings_text(report)


def _json_findings(report: ValidationReport) -> str:
    from touchaudit.render import json

    return json.findings(report)


def _github_findings(report: ValidationReport) -> str:
    from touchaudit.render import github

    return github.findings(report)


def _sarif_findings(report: ValidationReport) -> str:
    from touchaudit.render import sarif

    return sarif.findings(report)


def _junit_findings(report: ValidationReport) -> str:
    from touchaudit.render import junit

    return junit.findings(report)


FINDINGS: dict[FindingsFormat, FindingsRenderer] = {
    FindingsFormat.TEXT: _text_findings,
    FindingsFormat.JSON: _json_findings,
    FindingsFormat.GITHUB: _github_findings,
    FindingsFormat.SARIF: _sarif_findings,
    FindingsFormat.JUNIT: _junit_findings,
}
FINDINGS_TO_STDOUT: dict[FindingsFormat, FindingsRenderer] = {
    FindingsFormat.TEXT: _console_findings,
}


def _text_summary(report: ValidationReport) -> str:
    from touchaudit.render.terminal import validate

    return validate.summary_text(report)


# The closing line for stderr, after the findings (`✓ 3 files valid`).
FINDINGS_SUMMARY: dict[FindingsFormat, FindingsRenderer] = {
    FindingsFormat.TEXT: _text_summary,
}


@dataclass(frozen=True, slots=True)
class RenderedFindings:
    """`validate`'s output: the findings, and the closing line for stderr (may be empty)."""

    text: str
    closing: str


def render_findings(
    report: ValidationReport, fmt: FindingsFormat | None, *, stdout: bool
) -> RenderedFindings:
    """The report in `fmt`, else in the default format (formats.default_findings_format)."""
    chosen = fmt or default_findings_format(os.environ)
    text = choose(chosen, FINDINGS, FINDINGS_TO_STDOUT, stdout=stdout)(report)
    closing = FINDINGS_SUMMARY[chosen](report) if chosen in FINDINGS_SUMMARY else ""
    return RenderedFindings(text, closing)


# --------------------------------------------------------------------------- score and compare


Piece = TypeVar("Piece")


@dataclass(frozen=True, slots=True)
class PerFile(Generic[Piece]):
    """A format as `score` renders it, one file at a time, so that workers render (batch.py):
    `render` makes one file's piece (text, or what the format joins), `join` the chunks of the
    whole output from the pieces in file order. Every format renders this way. `located`:
    the pieces point at lines of the audit (the load keeps the gaps' positions for them)."""

    render: Callable[[Scorecard], Piece]  # picklable: a module-level function or a partial
    join: Callable[[list[Piece]], Iterable[str]]
    located: bool = False


# A format's PerFile for `several` files (more than one), the --fail-under gate, --strict and
# the Markdown's limit in characters (None: none).
PerFileFactory = Callable[[bool, "float | None", bool, "int | None"], PerFile[Any]]


@dataclass(frozen=True, slots=True)
class ReportRenderers:
    """One `--format` of `score` and `compare`: how each of the two commands renders it."""

    scorecards: PerFileFactory
    comparison: ComparedRenderer


# Each loader imports its format's module, only when that format is asked for.


def _table() -> ReportRenderers:
    from touchaudit.render.terminal import compare, score

    return ReportRenderers(
        lambda *_: PerFile(score.scorecard_plain, iter),
        lambda compared: compare.comparison_plain(compared.comparison),
    )


def _console() -> ReportRenderers:
    from touchaudit.render.terminal import compare, score

    return ReportRenderers(
        lambda *_: PerFile(score.scorecard_text, iter),
        lambda compared: compare.comparison_text(compared.comparison),
    )


def _json() -> ReportRenderers:
    from touchaudit.render import json

    def scorecards(several: bool, *_: object) -> PerFile[str]:
        if several:
            return PerFile(json.scorecard_item, json.join_items)
        return PerFile(json.scorecard_document, iter)

    return ReportRenderers(scorecards, lambda compared: json.comparison(compared.comparison))


def _markdown() -> ReportRenderers:
    from touchaudit.render import markdown

    return ReportRenderers(
        lambda several, fail_under, strict, limit: PerFile(
            markdown.scorecard_blocks, functools.partial(markdown.join_scorecards, limit=limit)
        ),
        lambda compared: markdown.comparison(compared.comparison, compared.limit),
    )


def _github() -> ReportRenderers:
    from touchaudit.render import github

    return ReportRenderers(
        lambda *_: PerFile(github.scorecard, iter, located=True),
        lambda compared: github.comparison(compared.comparison),
    )


def _sarif() -> ReportRenderers:
    from touchaudit.render import sarif

    return ReportRenderers(
        lambda several, fail_under, strict, *_: PerFile(
            functools.partial(sarif.scorecard_findings, threshold=fail_under, strict=strict),
            sarif.join_findings,
            located=True,
        ),
        lambda compared: sarif.comparison(compared.comparison, compared.gate),
    )


def _junit() -> ReportRenderers:
    from touchaudit.render import junit

    return ReportRenderers(
        lambda several, fail_under, strict, *_: PerFile(
            functools.partial(junit.scorecard_case, threshold=fail_under, strict=strict),
            junit.join_cases,
        ),
        lambda compared: junit.comparison(
            compared.comparison, compared.fail_if_behind, compared.gate
        ),
    )


REPORTS: dict[ReportFormat, Callable[[], ReportRenderers]] = {
    ReportFormat.TABLE: _table,
    ReportFormat.JSON: _json,
    ReportFormat.MARKDOWN: _markdown,
    ReportFormat.GITHUB: _github,
    ReportFormat.SARIF: _sarif,
    ReportFormat.JUNIT: _junit,
}
REPORTS_TO_STDOUT: dict[ReportFormat, Callable[[], ReportRenderers]] = {
    ReportFormat.TABLE: _console,
}


def per_file(
    fmt: ReportFormat,
    *,
    several: bool,
    stdout: bool,
    fail_under: float | None = None,
    strict: bool = False,
    limit: int | None = None,
) -> PerFile[Any]:
    """How `score` renders `fmt` one scorecard at a time, for stdout or for a file; Markdown is
    cut to `limit` characters."""
    factory = choose(fmt, REPORTS, REPORTS_TO_STDOUT, stdout=stdout)().scorecards
    return factory(several, fail_under, strict, limit)


def step_summary_per_file() -> PerFile[Any]:
    """The Markdown of the scorecards that `score` appends to GITHUB_STEP_SUMMARY: the blocks
    of each, fitted to the summary's limit with the gate's verdict (summary.py)."""
    return _markdown().scorecards(True, None, False, None)


def comparison_renderer(fmt: ReportFormat, *, stdout: bool) -> ComparedRenderer:
    """How `compare` renders `fmt`, for stdout or for a file."""
    return choose(fmt, REPORTS, REPORTS_TO_STDOUT, stdout=stdout)().comparison


# --------------------------------------------------------------------------- criteria


def _table_criteria(items: list[Criterion]) -> str:
    from touchaudit.render.terminal import criteria

    return criteria.criteria_plain(items)


def _console_criteria(items: list[Criterion]) -> str:
    from touchaudit.render.terminal import criteria

    return criteria.criteria_text(items)


def _json_criteria(items: list[Criterion]) -> str:
    from touchaudit.render import json

    return json.criteria(items)


CRITERIA: dict[ListFormat, CriteriaRenderer] = {
    ListFormat.TABLE: _table_criteria,
    ListFormat.JSON: _json_criteria,
}
CRITERIA_TO_STDOUT: dict[ListFormat, CriteriaRenderer] = {
    ListFormat.TABLE: _console_criteria,
}


def render_criteria(items: list[Criterion], fmt: ListFormat) -> str:
    """The criteria in `fmt`, for stdout (the one place `criteria` writes to)."""
    return choose(fmt, CRITERIA, CRITERIA_TO_STDOUT, stdout=True)(items)


def render_criterion_detail(detail: CriterionDetail, fmt: ListFormat) -> str:
    """`touchaudit criteria ID`: one criterion in full, as text or JSON."""
    from touchaudit.render import criterion_detail

    if fmt is ListFormat.JSON:
        return criterion_detail.json(detail)
    return criterion_detail.text(detail)


# --------------------------------------------------------------------------- trend


def _table_trend(trend: Trend) -> str:
    from touchaudit.render.terminal import trend as terminal

    return terminal.trend_plain(trend)


def _console_trend(trend: Trend) -> str:
    from touchaudit.render.terminal import trend as terminal

    return terminal.trend_text(trend)


def _json_trend(trend: Trend) -> str:
    from touchaudit.render.history import trend_json as json

    return json.trend(trend)


def _markdown_trend(trend: Trend) -> str:
    from touchaudit.render.history import trend_markdown as markdown

    return markdown.trend(trend)


def _html_trend(trend: Trend) -> str:
    from touchaudit.render.history import trend_html

    return trend_html.trend(trend)


TRENDS: dict[TrendFormat, TrendRenderer] = {
    TrendFormat.TABLE: _table_trend,
    TrendFormat.JSON: _json_trend,
    TrendFormat.MARKDOWN: _markdown_trend,
    TrendFormat.HTML: _html_trend,
}
TRENDS_TO_STDOUT: dict[TrendFormat, TrendRenderer] = {
    TrendFormat.TABLE: _console_trend,
}


def render_trend(trend: Trend, fmt: TrendFormat, *, stdout: bool) -> str:
    """The trend in `fmt`, for stdout or for a file."""
    return choose(fmt, TRENDS, TRENDS_TO_STDOUT, stdout=stdout)(trend)


# --------------------------------------------------------------------------- portfolio


def _table_portfolio(portfolio: Portfolio) -> str:
    from touchaudit.render.terminal import portfolio as terminal

    return terminal.portfolio_plain(portfolio)


def _console_portfolio(portfolio: Portfolio) -> str:
    from touchaudit.render.terminal import portfolio as terminal

    return terminal.portfolio_text(portfolio)


def _json_portfolio(portfolio: Portfolio) -> str:
    from touchaudit.render.history import portfolio_json

    return portfolio_json.portfolio(portfolio)


def _markdown_portfolio(portfolio: Portfolio) -> str:
    from touchaudit.render.history import portfolio_markdown

    return portfolio_markdown.portfolio(portfolio)


def _csv_portfolio(portfolio: Portfolio) -> str:
    from touchaudit.render.history import portfolio_csv

    return portfolio_csv.portfolio(portfolio)


def _html_portfolio(portfolio: Portfolio) -> str:
    from touchaudit.render.history import portfolio_html

    return portfolio_html.portfolio(portfolio)


PORTFOLIOS: dict[PortfolioFormat, PortfolioRenderer] = {
    PortfolioFormat.TABLE: _table_portfolio,
    PortfolioFormat.JSON: _json_portfolio,
    PortfolioFormat.MARKDOWN: _markdown_portfolio,
    PortfolioFormat.CSV: _csv_portfolio,
    PortfolioFormat.HTML: _html_portfolio,
}
PORTFOLIOS_TO_STDOUT: dict[PortfolioFormat, PortfolioRenderer] = {
    PortfolioFormat.TABLE: _console_portfolio,
}


def render_portfolio(portfolio: Portfolio, fmt: PortfolioFormat, *, stdout: bool) -> str:
    """The portfolio in `fmt`, for stdout or for a file."""
    return choose(fmt, PORTFOLIOS, PORTFOLIOS_TO_STDOUT, stdout=stdout)(portfolio)


# --------------------------------------------------------------------------- scan


@dataclass(frozen=True, slots=True)
class Scanned:
    """What `scan` renders: the pages, and them side by side with --compare."""

    pages: tuple[PageScan, ...]
    comparison: PageComparison | None = None


def _yaml_scan(scanned: Scanned) -> str:
    from touchaudit.render.scan import yaml

    if scanned.comparison is not None:
        return yaml.comparison_yaml(scanned.comparison)
    return yaml.pages_yaml(scanned.pages)


def _json_scan(scanned: Scanned) -> str:
    from touchaudit.render.scan import json

    if scanned.comparison is not None:
        return json.comparison_json(scanned.comparison)
    return json.pages_json(scanned.pages)


def _table_scan(scanned: Scanned) -> str:
    from touchaudit.render.terminal import scan as terminal

    if scanned.comparison is not None:
        return terminal.comparison_plain(scanned.comparison)
    return terminal.pages_plain(scanned.pages)


def _console_scan(scanned: Scanned) -> str:
    from touchaudit.render.terminal import scan as terminal

    if scanned.comparison is not None:
        return terminal.comparison_text(scanned.comparison)
    return terminal.pages_text(scanned.pages)


ScanRenderer = Callable[[Scanned], str]
SCANS: dict[ScanFormat, ScanRenderer] = {
    ScanFormat.YAML: _yaml_scan,
    ScanFormat.JSON: _json_scan,
    ScanFormat.TABLE: _table_scan,
}
SCANS_TO_STDOUT: dict[ScanFormat, ScanRenderer] = {ScanFormat.TABLE: _console_scan}


def render_scan(scanned: Scanned, fmt: ScanFormat, *, stdout: bool) -> str:
    """Scanned pages (side by side when compared) in `fmt`, for stdout or for a file."""
    return choose(fmt, SCANS, SCANS_TO_STDOUT, stdout=stdout)(scanned)
