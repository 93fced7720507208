"""GitHub Actions workflow commands: annotations on the lines of the audit files."""

from __future__ import annotations

from collections.abc import Sequence

from touchaudit.comparison.baseline import BaselineCheck
from touchaudit.comparison.gates import NotBehind
from touchaudit.comparison.result import Comparison, Side
from touchaudit.reading.errors import Located, Problem
from touchaudit.reading.validation import ValidationReport
from touchaudit.render.findings import (
    Finding,
    from_baseline,
    from_comparison,
    from_fail_under,
    from_not_behind,
    from_scorecard,
)
from touchaudit.render.wording import completeness_text, headline_text
from touchaudit.scoring.results import Scorecard


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _place(located: Located) -> list[str]:
    """An annotation's `file=`, `line=` and `col=` properties (no line: the file alone)."""
    props = [f"file={_escape_property(located.file)}"]
    if located.line is not None:
        props.append(f"line={located.line}")
        props.append(f"col={located.column or 1}")
    return props


def annotation(problem: Problem) -> str:
    """One `::error file=...,line=...,col=...::message` line."""
    props = _place(problem)
    props.append(f"title={_escape_property('touchaudit ' + problem.code)}")
    return f"::{problem.severity} {','.join(props)}::{_escape_data(problem.message)}"


def findings(report: ValidationReport) -> str:
    """`touchaudit validate --format github`."""
    return "".join(annotation(p) + "\n" for p in report.problems)


_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def finding_annotation(finding: Finding) -> str:
    """One annotation for a gap (or any finding): `::warning file=...::message`."""
    props = _place(finding)
    props.append(f"title={_escape_property('touchaudit ' + finding.rule)}")
    text = finding.message + (f". {finding.help}" if finding.help else "")
    return f"::{_COMMAND[finding.level]} {','.join(props)}::{_escape_data(text)}"


def scorecards(
    cards: Sequence[Scorecard], threshold: float | None = None, *, strict: bool = False
) -> str:
    """`touchaudit score --format github`: the gaps, highest impact first, as annotations.

    GitHub shows ten annotations of each kind per step: the job summary shows everything.
    """
    return "".join(scorecard(c, threshold, strict=strict) for c in cards)


def scorecard(card: Scorecard, threshold: float | None = None, *, strict: bool = False) -> str:
    """The audit's score with its range and coverage (a warning when provisional), the
    `--fail-under` gate as an error when it fails the audit, then the annotations of its gaps
    (`scorecards` is these, one file after the other)."""
    gate = [] if threshold is None else from_fail_under(card, threshold, strict=strict)
    return headline(card) + _annotations(gate + from_scorecard(card))


def with_baseline(text: str, card: Scorecard, check: BaselineCheck) -> str:
    """One audit's annotations with an error for each score the `--baseline` gate found
    dropped too far."""
    return text + _annotations(from_baseline(card, check))


def _annotations(found: Sequence[Finding]) -> str:
    return "".join(finding_annotation(f) + "\n" for f in found)


def headline(card: Scorecard, rivals: Sequence[Side] = ()) -> str:
    """`::notice file=x.yaml,title=touchaudit score::Overall 58.2, range 41.0–77.0, …`, and in a
    comparison each competitor's overall with its range; a warning when a score is provisional."""
    provisional = card.provisional or any(s.card.provisional for s in rivals)
    command = "warning" if provisional else "notice"
    props = f"file={_escape_property(card.file)},title={_escape_property('touchaudit score')}"
    text = f"Overall {headline_text(card)}; {completeness_text(card)}"
    text += "".join(f"; {s.label}: {headline_text(s.card)}" for s in rivals)
    return f"::{command} {props}::{_escape_data(text)}\n"


def comparison(c: Comparison, gate: NotBehind | None = None) -> str:
    """`touchaudit compare --format github`: our score beside theirs, the `--fail-if-behind`
    gate as an error when it fails, then the comparison's gaps as annotations on our file."""
    found = from_not_behind(c, gate) + from_comparison(c)
    return headline(c.ours.card, rivals=c.theirs) + _annotations(found)
