"""Which renderer writes each `--format` of `validate`, `score`, `compare` and `criteria`: one
mapping per format enum (render/formats.py), each renderer imported only when used.

A renderer returns text; the CLI only decides where it goes. Where stdout gets something else
than a file (colours, the console's width), the `to_stdout` variants say so. `score` and
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
    from touchaudit.comparison.baseline import BaselineCheck
    from touchaudit.comparison.gates import NotBehind
    from touchaudit.comparison.pages import PageComparison
    from touchaudit.comparison.portfolio import Portfolio
    from touchaudit.comparison.result import Comparison
    from touchaudit.comparison.trend_result import Trend
    from touchaudit.library.detail import CriterionDetail
    from touchaudit.reading.models import Criterion
    from touchaudit.reading.scan import PageScan
    from touchaudit.reading.validation import ValidationReport
    from touchaudit.render.output import Chunk
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

Format = TypeVar("Format")
Renderer = TypeVar("Renderer")
Subject = TypeVar("Subject")


@dataclass(frozen=True, slots=True)
class Lazy:
    """A renderer named by its module under render/ and its function: the module is imported
    when the renderer is first called, so a command imports only the renderer it uses."""

    module: str  # under touchaudit.render: `json`, `terminal.validate`
    function: str

    def __call__(self, *args: Any) -> str:
        return self.load()(*args)

    def load(self) -> Callable[..., str]:
        """The renderer itself (its module imported now)."""
        # __import__, not importlib.import_module: `python -X importtime` shows only the former.
        module = __import__(f"touchaudit.render.{self.module}", fromlist=[self.function])
        render: Callable[..., str] = getattr(module, self.function)
        return render


def choose(
    fmt: Format,
    renderers: Mapping[Format, Renderer],
    to_stdout: Mapping[Format, Renderer],
    *,
    stdout: bool,
) -> Renderer:
    """The renderer of `fmt`: its stdout variant when the text goes to stdout and it has one."""
    return to_stdout.get(fmt, renderers[fmt]) if stdout else renderers[fmt]


@dataclass(frozen=True, slots=True)
class Renderers(Generic[Format, Subject]):
    """One command's renderer of each `--format`, and the variants for stdout (`to_stdout`)."""

    formats: Mapping[Format, Callable[[Subject], str]]
    to_stdout: Mapping[Format, Callable[[Subject], str]]

    def render(self, subject: Subject, fmt: Format, *, stdout: bool) -> str:
        """`subject` in `fmt`, for stdout or for a file."""
        return choose(fmt, self.formats, self.to_stdout, stdout=stdout)(subject)


# --------------------------------------------------------------------------- validate


FINDINGS: Renderers[FindingsFormat, ValidationReport] = Renderers(
    {
        FindingsFormat.TEXT: Lazy("terminal.validate", "findings_plain"),
        FindingsFormat.JSON: Lazy("json", "findings"),
        FindingsFormat.GITHUB: Lazy("github", "findings"),
        FindingsFormat.SARIF: Lazy("sarif", "findings"),
        FindingsFormat.JUNIT: Lazy("junit", "findings"),
    },
    to_stdout={FindingsFormat.TEXT: Lazy("terminal.validate", "findings_text")},
)
# The closing line for stderr, after the findings (`✓ 3 files valid`).
FINDINGS_SUMMARY: dict[FindingsFormat, FindingsRenderer] = {
    FindingsFormat.TEXT: Lazy("terminal.validate", "summary_text"),
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
    text = FINDINGS.render(report, chosen, stdout=stdout)
    closing = FINDINGS_SUMMARY[chosen](report) if chosen in FINDINGS_SUMMARY else ""
    return RenderedFindings(text, closing)


# --------------------------------------------------------------------------- score and compare


Piece = TypeVar("Piece")


@dataclass(frozen=True, slots=True)
class PerFile(Generic[Piece]):
    """A format as `score` renders it, one file at a time, so that workers render (batch.py):
    `render` makes one file's piece (text, or what the format joins), `join` the chunks of the
    whole output from the pieces in file order. Every format renders this way. `located`:
    the pieces point at lines of the audit (the load keeps the gaps' positions for them).
    `gated`: a CI format's piece with a failed `--baseline` gate written in, so that the run's
    red shows there with its reason (judged in batch.py once the file is scored)."""

    render: Callable[[Scorecard], Piece]  # picklable: a module-level function or a partial
    # text, UTF-8 bytes (JSON, SARIF), or where a worker parked them
    join: Callable[[list[Piece]], Iterable[Chunk]]
    located: bool = False
    gated: Callable[[Piece, Scorecard, BaselineCheck], Piece] | None = None


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

    def scorecards(several: bool, *_: object) -> PerFile[bytes]:
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


def _gated(
    render: Callable[..., Any],
    join: Callable[[list[Any]], Iterable[Chunk]],
    gated: Callable[[Any, Scorecard, BaselineCheck], Any],
    *,
    located: bool,
) -> PerFileFactory:
    """A CI format's scorecards: each file's piece judged by `--fail-under` (with `--strict`),
    and the failed `--baseline` gate written in by `gated`, so that red shows with its reason."""
    return lambda several, fail_under, strict, *_: PerFile(
        functools.partial(render, threshold=fail_under, strict=strict),
        join,
        located=located,
        gated=gated,
    )


def _github() -> ReportRenderers:
    from touchaudit.render import github

    return ReportRenderers(
        _gated(github.scorecard, iter, github.with_baseline, located=True),
        lambda compared: github.comparison(compared.comparison, compared.gate),
    )


def _sarif() -> ReportRenderers:
    from touchaudit.render import sarif

    return ReportRenderers(
        _gated(sarif.scorecard_results, sarif.join_results, sarif.with_baseline, located=True),
        lambda compared: sarif.comparison(compared.comparison, compared.gate),
    )


def _junit() -> ReportRenderers:
    from touchaudit.render import junit

    return ReportRenderers(
        _gated(junit.scorecard_case, junit.join_cases, junit.with_baseline, located=False),
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


# `criteria` writes to stdout only.
CRITERIA: Renderers[ListFormat, list[Criterion]] = Renderers(
    {
        ListFormat.TABLE: Lazy("terminal.criteria", "criteria_plain"),
        ListFormat.JSON: Lazy("json", "criteria"),
    },
    to_stdout={ListFormat.TABLE: Lazy("terminal.criteria", "criteria_text")},
)


def render_criterion_detail(detail: CriterionDetail, fmt: ListFormat) -> str:
    """`touchaudit criteria ID`: one criterion in full, as text or JSON."""
    from touchaudit.render import criterion_detail

    if fmt is ListFormat.JSON:
        return criterion_detail.json(detail)
    return criterion_detail.text(detail)


# --------------------------------------------------------------------------- trend


TRENDS: Renderers[TrendFormat, Trend] = Renderers(
    {
        TrendFormat.TABLE: Lazy("terminal.trend", "trend_plain"),
        TrendFormat.JSON: Lazy("history.trend_json", "trend"),
        TrendFormat.MARKDOWN: Lazy("history.trend_markdown", "trend"),
        TrendFormat.HTML: Lazy("history.trend_html", "trend"),
    },
    to_stdout={TrendFormat.TABLE: Lazy("terminal.trend", "trend_text")},
)


# --------------------------------------------------------------------------- portfolio


PORTFOLIOS: Renderers[PortfolioFormat, Portfolio] = Renderers(
    {
        PortfolioFormat.TABLE: Lazy("terminal.portfolio", "portfolio_plain"),
        PortfolioFormat.JSON: Lazy("history.portfolio_json", "portfolio"),
        PortfolioFormat.MARKDOWN: Lazy("history.portfolio_markdown", "portfolio"),
        PortfolioFormat.CSV: Lazy("history.portfolio_csv", "portfolio"),
        PortfolioFormat.HTML: Lazy("history.portfolio_html", "portfolio"),
    },
    to_stdout={PortfolioFormat.TABLE: Lazy("terminal.portfolio", "portfolio_text")},
)


# --------------------------------------------------------------------------- scan


@dataclass(frozen=True, slots=True)
class Scanned:
    """What `scan` renders: the pages, and them side by side with --compare."""

    pages: tuple[PageScan, ...]
    comparison: PageComparison | None = None


@dataclass(frozen=True, slots=True)
class LazyScan:
    """A scan format: its module's renderer of pages, and of pages compared (--compare)."""

    module: str
    pages: str
    compared: str

    def __call__(self, scanned: Scanned) -> str:
        if scanned.comparison is not None:
            return Lazy(self.module, self.compared)(scanned.comparison)
        return Lazy(self.module, self.pages)(scanned.pages)


SCANS: Renderers[ScanFormat, Scanned] = Renderers(
    {
        ScanFormat.YAML: LazyScan("scan.yaml", "pages_yaml", "comparison_yaml"),
        ScanFormat.JSON: LazyScan("scan.json", "pages_json", "comparison_json"),
        ScanFormat.TABLE: LazyScan("terminal.scan", "pages_plain", "comparison_plain"),
    },
    to_stdout={ScanFormat.TABLE: LazyScan("terminal.scan", "pages_text", "comparison_text")},
)
