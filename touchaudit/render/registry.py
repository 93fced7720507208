"""Which renderer writes each `--format` of `validate`, `score` and `compare`, imported only
when used.

tests/test_render_ci.py holds these registries to the command line's format choices.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from touchaudit.comparison import Comparison
from touchaudit.results import Scorecard, ValidationReport

FindingsRenderer = Callable[[ValidationReport], str]
# The scorecards and the --fail-under gate (None without one).
ReportRenderer = Callable[[Sequence[Scorecard], float | None], str]
# The comparison and whether --fail-if-behind is on.
ComparisonRenderer = Callable[[Comparison, bool], str]


def _text_findings(report: ValidationReport) -> str:
    from touchaudit.cisafe import guard
    from touchaudit.render.terminal import validate

    return guard(validate.findings(report).plain)


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


FINDINGS: dict[str, FindingsRenderer] = {
    "text": _text_findings,
    "json": _json_findings,
    "github": _github_findings,
    "sarif": _sarif_findings,
    "junit": _junit_findings,
}


def _table_report(cards: Sequence[Scorecard], threshold: float | None) -> str:
    from touchaudit.render.terminal import plain
    from touchaudit.render.terminal.score import scorecard

    return "".join(plain(scorecard(card)) for card in cards)


def _json_report(cards: Sequence[Scorecard], threshold: float | None) -> str:
    from touchaudit.render import json

    return json.scorecards(list(cards))


def _markdown_report(cards: Sequence[Scorecard], threshold: float | None) -> str:
    from touchaudit.render import markdown

    return markdown.scorecards(cards)


def _github_report(cards: Sequence[Scorecard], threshold: float | None) -> str:
    from touchaudit.render import github

    return github.scorecards(cards, threshold)


def _sarif_report(cards: Sequence[Scorecard], threshold: float | None) -> str:
    from touchaudit.render import sarif

    return sarif.scorecards(cards, threshold)


def _junit_report(cards: Sequence[Scorecard], threshold: float | None) -> str:
    from touchaudit.render import junit

    return junit.scorecards(cards, threshold)


REPORTS: dict[str, ReportRenderer] = {
    "table": _table_report,
    "json": _json_report,
    "markdown": _markdown_report,
    "github": _github_report,
    "sarif": _sarif_report,
    "junit": _junit_report,
}


def _table_comparison(c: Comparison, fail_if_behind: bool) -> str:
    from touchaudit.render.terminal import compare, plain

    return plain(compare.comparison(c))


def _json_comparison(c: Comparison, fail_if_behind: bool) -> str:
    from touchaudit.render import json

    return json.comparison(c)


def _markdown_comparison(c: Comparison, fail_if_behind: bool) -> str:
    from touchaudit.render import markdown

    return markdown.comparison(c)


def _github_comparison(c: Comparison, fail_if_behind: bool) -> str:
    from touchaudit.render import github

    return github.comparison(c)


def _sarif_comparison(c: Comparison, fail_if_behind: bool) -> str:
    from touchaudit.render import sarif

    return sarif.comparison(c)


def _junit_comparison(c: Comparison, fail_if_behind: bool) -> str:
    from touchaudit.render import junit

    return junit.comparison(c, fail_if_behind)


COMPARISONS: dict[str, ComparisonRenderer] = {
    "table": _table_comparison,
    "json": _json_comparison,
    "markdown": _markdown_comparison,
    "github": _github_comparison,
    "sarif": _sarif_comparison,
    "junit": _junit_comparison,
}
