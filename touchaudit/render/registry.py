"""Which renderer writes each `--format` of `validate`, `score`, `compare` and `criteria`: one
mapping per command, keyed by its format enum (render/formats.py), each renderer imported only
when used.

A renderer returns text; the CLI only decides where it goes. Where stdout gets something else
than a file (colours, the console's width), the `*_TO_STDOUT` mappings say so.
tests/test_render_registry.py holds these mappings to the command line's `--format` choices.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from touchaudit.render.formats import FindingsFormat, ListFormat, ReportFormat

if TYPE_CHECKING:
    from touchaudit.comparison.result import Comparison
    from touchaudit.reading.models import Criterion
    from touchaudit.reading.validation import ValidationReport
    from touchaudit.scoring.results import Scorecard


@dataclass(frozen=True, slots=True)
class Scored:
    """What `score` renders: the scorecards, and the --fail-under gate (None without one)."""

    cards: Sequence[Scorecard]
    fail_under: float | None = None


@dataclass(frozen=True, slots=True)
class Compared:
    """What `compare` renders: the comparison, and whether --fail-if-behind is on."""

    comparison: Comparison
    fail_if_behind: bool = False


FindingsRenderer = Callable[["ValidationReport"], str]
ScoredRenderer = Callable[[Scored], str]
ComparedRenderer = Callable[[Compared], str]
CriteriaRenderer = Callable[[list["Criterion"]], str]

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


# --------------------------------------------------------------------------- score


def _table_report(scored: Scored) -> str:
    from touchaudit.render.terminal import score

    return score.scorecards_plain(scored.cards)


def _console_report(scored: Scored) -> str:
    from touchaudit.render.terminal import score

    return "".join(score.scorecard_text(card) for card in scored.cards)


def _json_report(scored: Scored) -> str:
    from touchaudit.render import json

    return json.scorecards(scored.cards)


def _markdown_report(scored: Scored) -> str:
    from touchaudit.render import markdown

    return markdown.scorecards(scored.cards)


def _github_report(scored: Scored) -> str:
    from touchaudit.render import github

    return github.scorecards(scored.cards)


def _sarif_report(scored: Scored) -> str:
    from touchaudit.render import sarif

    return sarif.scorecards(scored.cards)


def _junit_report(scored: Scored) -> str:
    from touchaudit.render import junit

    return junit.scorecards(scored.cards, scored.fail_under)


REPORTS: dict[ReportFormat, ScoredRenderer] = {
    ReportFormat.TABLE: _table_report,
    ReportFormat.JSON: _json_report,
    ReportFormat.MARKDOWN: _markdown_report,
    ReportFormat.GITHUB: _github_report,
    ReportFormat.SARIF: _sarif_report,
    ReportFormat.JUNIT: _junit_report,
}
REPORTS_TO_STDOUT: dict[ReportFormat, ScoredRenderer] = {
    ReportFormat.TABLE: _console_report,
}


Piece = TypeVar("Piece")


@dataclass(frozen=True, slots=True)
class PerFile(Generic[Piece]):
    """A format as `score` renders it, one file at a time, so that workers render (batch.py):
    `render` makes one file's piece (text, or what the format joins), `join` the chunks of the
    whole output from the pieces in file order. Every format renders this way."""

    render: Callable[[Scorecard], Piece]  # picklable: a module-level function or a partial
    join: Callable[[list[Piece]], Iterable[str]]


# A format's PerFile for `several` files (more than one) and the --fail-under gate.
PerFileFactory = Callable[[bool, "float | None"], PerFile[Any]]


def _table_per_file(several: bool, fail_under: float | None) -> PerFile[str]:
    from touchaudit.render.terminal import score

    return PerFile(score.scorecard_plain, iter)


def _console_per_file(several: bool, fail_under: float | None) -> PerFile[str]:
    from touchaudit.render.terminal import score

    return PerFile(score.scorecard_text, iter)


def _json_per_file(several: bool, fail_under: float | None) -> PerFile[str]:
    from touchaudit.render import json

    if several:
        return PerFile(json.scorecard_item, json.join_items)
    return PerFile(json.scorecard_document, iter)


def _markdown_per_file(several: bool, fail_under: float | None) -> PerFile[str]:
    from touchaudit.render import markdown

    return PerFile(markdown.scorecard, markdown.join_scorecards)


def _github_per_file(several: bool, fail_under: float | None) -> PerFile[str]:
    from touchaudit.render import github

    return PerFile(github.scorecard, iter)


def _sarif_per_file(several: bool, fail_under: float | None) -> PerFile[Any]:
    from touchaudit.render import sarif

    return PerFile(sarif.scorecard_findings, sarif.join_findings)


def _junit_per_file(several: bool, fail_under: float | None) -> PerFile[Any]:
    from touchaudit.render import junit

    return PerFile(functools.partial(junit.scorecard_case, threshold=fail_under), junit.join_cases)


# The same bytes as REPORTS and REPORTS_TO_STDOUT, made one file at a time.
PER_FILE: dict[ReportFormat, PerFileFactory] = {
    ReportFormat.TABLE: _table_per_file,
    ReportFormat.JSON: _json_per_file,
    ReportFormat.MARKDOWN: _markdown_per_file,
    ReportFormat.GITHUB: _github_per_file,
    ReportFormat.SARIF: _sarif_per_file,
    ReportFormat.JUNIT: _junit_per_file,
}
PER_FILE_TO_STDOUT: dict[ReportFormat, PerFileFactory] = {
    ReportFormat.TABLE: _console_per_file,
}


def per_file(
    fmt: ReportFormat, *, several: bool, stdout: bool, fail_under: float | None = None
) -> PerFile[Any]:
    """How `score` renders `fmt` one scorecard at a time, for stdout or for a file."""
    return choose(fmt, PER_FILE, PER_FILE_TO_STDOUT, stdout=stdout)(several, fail_under)


def step_summary_per_file() -> PerFile[str]:
    """The Markdown of the scorecards that `score` appends to GITHUB_STEP_SUMMARY."""
    return _markdown_per_file(True, None)


# --------------------------------------------------------------------------- compare


def _table_comparison(compared: Compared) -> str:
    from touchaudit.render.terminal import compare

    return compare.comparison_plain(compared.comparison)


def _console_comparison(compared: Compared) -> str:
    from touchaudit.render.terminal import compare

    return compare.comparison_text(compared.comparison)


def _json_comparison(compared: Compared) -> str:
    from touchaudit.render import json

    return json.comparison(compared.comparison)


def _markdown_comparison(compared: Compared) -> str:
    from touchaudit.render import markdown

    return markdown.comparison(compared.comparison)


def _github_comparison(compared: Compared) -> str:
    from touchaudit.render import github

    return github.comparison(compared.comparison)


def _sarif_comparison(compared: Compared) -> str:
    from touchaudit.render import sarif

    return sarif.comparison(compared.comparison)


def _junit_comparison(compared: Compared) -> str:
    from touchaudit.render import junit

    return junit.comparison(compared.comparison, compared.fail_if_behind)


COMPARISONS: dict[ReportFormat, ComparedRenderer] = {
    ReportFormat.TABLE: _table_comparison,
    ReportFormat.JSON: _json_comparison,
    ReportFormat.MARKDOWN: _markdown_comparison,
    ReportFormat.GITHUB: _github_comparison,
    ReportFormat.SARIF: _sarif_comparison,
    ReportFormat.JUNIT: _junit_comparison,
}
COMPARISONS_TO_STDOUT: dict[ReportFormat, ComparedRenderer] = {
    ReportFormat.TABLE: _console_comparison,
}


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
