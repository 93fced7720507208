"""JUnit XML: test reports for CI systems (GitLab, Jenkins, Azure DevOps, CircleCI...).

One test case per audit file, so that the report's red and green agree with the exit code:
- `validate`: a file fails when it has errors; its `<failure>` lists every one of them, and
  warnings go to `<system-out>`.
- `score`: a file fails when its overall score is below `--fail-under`, or a score dropped more
  than `--max-drop` against `--baseline` (with no gate every file passes); the failure, or
  `<system-out>` when it passes, gives the score and the gaps by impact.
`compare` has one test case per competitor instead (ours vs theirs): it fails when that
competitor scores above us and `--fail-if-behind` is given, the rule of its exit code.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from touchaudit.comparison.baseline import BaselineCheck
from touchaudit.comparison.gates import NotBehind
from touchaudit.comparison.result import Comparison
from touchaudit.reading.errors import Problem
from touchaudit.reading.validation import ValidationReport
from touchaudit.render.findings import from_baseline, from_fail_under
from touchaudit.render.jsontext import escape_surrogates
from touchaudit.render.wording import headline_text
from touchaudit.scoring.results import Scorecard

# XML 1.0 cannot hold these at all, not even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class Case:
    """One test case: passed when `failure` is None."""

    name: str
    classname: str
    failure: str | None = None
    details: str = ""
    output: str = ""


def render(suite: str, cases: Sequence[Case]) -> str:
    """A `<testsuites>` document with one `<testsuite>` holding the cases."""
    failures = sum(1 for c in cases if c.failure is not None)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0"}
    # Jenkins' junit-10.xsd allows `skipped` on a <testsuite> but not on <testsuites>.
    root = ET.Element("testsuites", {"name": "touchaudit", **counts})
    suite_element = ET.SubElement(root, "testsuite", {"name": suite, **counts, "skipped": "0"})
    for case in cases:
        element = ET.SubElement(
            suite_element, "testcase", {"name": _xml(case.name), "classname": case.classname}
        )
        if case.failure is not None:
            failure = ET.SubElement(
                element, "failure", {"message": _xml(case.failure), "type": case.classname}
            )
            failure.text = _xml(case.details)
        if case.output:
            ET.SubElement(element, "system-out").text = _xml(case.output)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def findings(report: ValidationReport) -> str:
    """`touchaudit validate --format junit`: one case per file, failed by its errors."""
    cases = []
    for file in report.files:
        errors, warnings = file.errors, [p for p in file.problems if not p.is_error]
        failure = None
        if errors:
            noun = "error" if len(errors) == 1 else "errors"
            failure = f"{len(errors)} {noun}; first: {errors[0]}"
        cases.append(
            Case(
                file.file,
                "touchaudit.validate",
                failure,
                _lines(errors),
                _lines(warnings),
            )
        )
    return render("touchaudit validate", cases)


def scorecards(cards: Sequence[Scorecard], threshold: float | None = None) -> str:
    """`touchaudit score --format junit`: one case per audit, failed below the gate."""
    return "".join(join_cases([scorecard_case(card, threshold) for card in cards]))


def scorecard_case(
    card: Scorecard, threshold: float | None = None, *, strict: bool = False
) -> Case:
    """One audit's test case: failed when the `--fail-under` gate fails it."""
    summary = f"{card.company}: overall {headline_text(card)}"
    gaps = "\n".join(f"+{g.impact:.1f}  {g.message}" for g in card.gaps)
    gate = [] if threshold is None else from_fail_under(card, threshold, strict=strict)
    if gate:
        return Case(card.file, "touchaudit.score", gate[0].message, f"{summary}\n{gaps}")
    return Case(card.file, "touchaudit.score", output=f"{summary}\n{gaps}")


def with_baseline(case: Case, card: Scorecard, check: BaselineCheck) -> Case:
    """One audit's case, failed by the `--baseline` gate too: each score that dropped too far."""
    dropped = "; ".join(f.message for f in from_baseline(card, check))
    if case.failure is None:
        return dataclasses.replace(case, failure=dropped, details=case.output, output="")
    return dataclasses.replace(case, failure=f"{case.failure}; {dropped}")


def join_cases(cases: list[Case]) -> Iterator[str]:
    """`scorecards` from the cases of each audit, in file order."""
    yield render("touchaudit score", cases)


def comparison(c: Comparison, fail_if_behind: bool = False, gate: NotBehind | None = None) -> str:
    """`touchaudit compare --format junit`: one case per competitor, failed by the gate: the
    competitors ahead of us, or every case when the gate fails for another reason (a side too
    little measured, or --strict's low ends), so that red and green agree with the exit code."""
    if gate is None and fail_if_behind:
        gate = NotBehind.judge(c)
    failed = gate is not None and not gate.passed
    behind = {side.label for side in c.behind} if failed else set()
    ours = f"{c.ours.label} ({c.ours.card.score or 0.0:.1f})"
    cases = []
    for side in c.theirs:
        theirs = f"{side.label} ({side.card.score or 0.0:.1f})"
        gaps = [g for g in c.gaps if g.competitor == side.label]
        text = f"{ours} vs {theirs}, {side.card.file}\n" + "".join(
            f"+{g.impact:.1f}  {g.message}\n" for g in gaps
        )
        name = f"{c.ours.label} vs {side.label}"
        if side.label in behind:
            cases.append(
                Case(name, "touchaudit.comparison.compare", f"{ours} is behind {theirs}", text)
            )
        elif failed and gate is not None and not behind:
            cases.append(Case(name, "touchaudit.comparison.compare", gate.message, text))
        else:
            cases.append(Case(name, "touchaudit.comparison.compare", output=text))
    return render("touchaudit compare", cases)


def _lines(problems: Sequence[Problem]) -> str:
    return "".join(f"{p} [{p.code}]\n" for p in problems)


def _xml(text: str) -> str:
    # A byte that is not UTF-8 (a lone surrogate) spelled as in the JSON outputs: `\udce9`.
    return _NOT_XML.sub("\ufffd", escape_surrogates(text))
