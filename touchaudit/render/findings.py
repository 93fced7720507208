"""Findings for CI outputs: validation problems and score gaps as one located, ruled shape.

SARIF, JUnit and GitHub annotations show both what `validate` finds (problems, ruled by their
error code) and what `score` and `compare` find (gaps, ruled by their kind). This module turns
either into a `Finding` with a file, line and column, so each CI renderer is written once.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import field
from typing import Literal

from touchaudit.comparison.baseline import BaselineCheck
from touchaudit.comparison.gates import FailUnder, NotBehind
from touchaudit.comparison.result import Comparison
from touchaudit.library.rules import rule_id
from touchaudit.reading.errors import Located, Problem
from touchaudit.reading.yamldoc import Path, Position
from touchaudit.records import value_record
from touchaudit.scoring.results import Band, Gap, GapKind, Scorecard, band_of

Level = Literal["error", "warning", "note"]
Locator = Callable[[Path], Position]

# The rules of the CI gates, when a gate fails (library/data/rules.yaml has every rule's texts).
GATE_FAIL_UNDER = "gate-fail-under"
GATE_BEHIND_COMPETITOR = "gate-behind-competitor"
GATE_MAX_DROP = "gate-max-drop"


@value_record
class Finding(Located):
    """One located result for a CI system: a validation problem or a gap to close."""

    rule: str
    level: Level
    message: str
    path: str = ""
    help: str = ""
    # SARIF's result properties, in order, the path last (shared by the result: never changed).
    properties: Mapping[str, str | float] = field(default_factory=dict)
    # What tells findings of one rule at one path apart (SARIF fingerprints): empty when the
    # path alone does.
    identity: str = ""


def from_problem(problem: Problem) -> Finding:
    """A validation problem: its code is the rule, its severity the level."""
    return Finding(
        problem.file,
        problem.line,
        problem.column,
        problem.code,
        problem.severity,
        problem.message,
        problem.path,
        properties={"path": problem.path} if problem.path else {},
    )


def from_gaps(
    file: str, gaps: Iterable[Gap], locate: Locator, poor: Container[tuple[str, str]]
) -> list[Finding]:
    """Gaps located in their audit file: poor criteria are warnings, the rest notes.

    `poor` holds each (touchpoint, criterion) measured as poor; `compare` passes gaps of
    its own kinds (missing touchpoint, behind competitor), which are warnings.
    """
    found = []
    for gap in gaps:
        path = gap_path(gap)
        dotted = ".".join(path)  # a gap's path holds keys only
        found.append(
            Finding(
                file,
                *locate(path),
                _GAP_RULES[gap.kind],
                _gap_level(gap, poor),
                gap.message,
                dotted,
                gap.recommendation,
                _gap_properties(gap, dotted),
                _gap_identity(gap),
            )
        )
    return found


def _gap_properties(gap: Gap, path: str) -> dict[str, str | float]:
    found: dict[str, str | float] = {"impact": round(gap.impact, 1)}
    if gap.touchpoint is not None:
        found["touchpoint"] = gap.touchpoint
    if gap.criterion is not None:
        found["criterion"] = gap.criterion
    if gap.effort is not None:
        found["effort"] = gap.effort
    if gap.competitor is not None:
        found["competitor"] = gap.competitor
    found["path"] = path
    return found


# The rule of each gap kind, made once (a run makes a finding per gap).
_GAP_RULES = {kind: rule_id(kind.value) for kind in GapKind}


def _gap_identity(gap: Gap) -> str:
    # The path tells apart gaps at a criterion or a touchpoint of ours. A comparison adds the
    # competitor; gaps at no touchpoint of ours (a missing touchpoint, an empty stage) all sit
    # at `touchpoints` or `stages`, and are told apart by their stages and recommendation,
    # which name what to add (not by the message, which quotes scores that change).
    if gap.competitor is None and gap.touchpoint is not None:
        return ""  # most gaps: told apart by their path alone
    parts = [gap.competitor or ""]
    if gap.touchpoint is None:
        parts += [",".join(gap.stages), gap.recommendation]
    return "\0".join(parts) if any(parts) else ""


def from_scorecard(card: Scorecard, locate: Locator | None = None) -> list[Finding]:
    """Every gap of a scorecard, located in its audit file (positions kept from the load)."""
    return from_gaps(card.file, card.gaps, locate or card.positions.position, _poor(card))


def from_comparison(comparison: Comparison, locate: Locator | None = None) -> list[Finding]:
    """Every gap of a comparison, highest impact first, located in OUR audit file: the file to
    change. Gaps against a competitor (behind it, a touchpoint it has) name it."""
    card = comparison.ours.card
    return from_gaps(card.file, comparison.gaps, locate or card.positions.position, _poor(card))


def from_fail_under(card: Scorecard, threshold: float, *, strict: bool = False) -> list[Finding]:
    """The `--fail-under` gate as a finding of its own when it fails this audit: an error at the
    top of the file (a run that exits 1 shows why in code scanning too)."""
    gate = FailUnder.judge(threshold, [card.headline], strict=strict)
    if gate.passed:
        return []
    message = gate.message(gate.failing[0]).removeprefix(f"{card.file}: ")
    return [_gate_finding(card, GATE_FAIL_UNDER, message)]


def from_not_behind(comparison: Comparison, gate: NotBehind | None) -> list[Finding]:
    """The `--fail-if-behind` gate as a finding of its own when it fails, in our file."""
    if gate is None or gate.passed:
        return []
    return [_gate_finding(comparison.ours.card, GATE_BEHIND_COMPETITOR, gate.message)]


def from_baseline(card: Scorecard, check: BaselineCheck) -> list[Finding]:
    """The `--baseline`/`--max-drop` gate as findings when it fails this audit: an error at the
    top of the file for each score that dropped too far."""
    prefix = f"{card.file}: "
    return [_gate_finding(card, GATE_MAX_DROP, m.removeprefix(prefix)) for m in check.messages]


def _gate_finding(card: Scorecard, rule: str, message: str) -> Finding:
    line, column = card.positions.position(())
    return Finding(card.file, line, column, rule, "error", message)


def _poor(card: Scorecard) -> set[tuple[str, str]]:
    return {
        (t.id, c.id)
        for t in card.touchpoints
        for c in t.criteria
        if c.score is not None and band_of(c.score) is Band.POOR
    }


def gap_path(gap: Gap) -> tuple[str, ...]:
    """Where in the audit a gap belongs: the criterion's value, or its touchpoint if absent."""
    if gap.touchpoint is None:
        return ("stages",) if gap.kind is GapKind.EMPTY_STAGE else ("touchpoints",)
    if gap.criterion is None:
        return ("touchpoints", gap.touchpoint)
    return ("touchpoints", gap.touchpoint, "criteria", gap.criterion)


def _gap_level(gap: Gap, poor: Container[tuple[str, str]]) -> Level:
    if gap.kind is GapKind.UNMEASURED:
        return "note"
    if gap.kind is GapKind.BELOW_GOOD and gap.touchpoint and gap.criterion:
        return "warning" if (gap.touchpoint, gap.criterion) in poor else "note"
    return "warning"
