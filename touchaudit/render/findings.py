"""Findings for CI outputs: validation problems and score gaps as one located, ruled shape.

SARIF, JUnit and GitHub annotations show both what `validate` finds (problems, ruled by their
error code) and what `score` and `compare` find (gaps, ruled by their kind). This module turns
either into a `Finding` with a file, line and column, so each CI renderer is written once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Literal
from urllib.parse import quote

from touchaudit.comparison.result import Comparison
from touchaudit.reading.errors import Problem
from touchaudit.reading.yamldoc import Path, Position, dotted
from touchaudit.scoring.results import Band, Gap, GapKind, Scorecard

Level = Literal["error", "warning", "note"]
Locator = Callable[[Path], Position]

# Every error code and gap kind, with the one line shown as its rule in SARIF.
RULES: dict[str, str] = {
    "alias-bomb": "YAML aliases expand to too many values",
    "bad-criterion": "A criterion override or custom criterion cannot be used",
    "bad-extends": "A profile extends a file or business type it cannot use, or a cycle",
    "bad-key": "A mapping key is a list or a mapping",
    "bad-merge": "A '<<' merge is not a mapping or a list of mappings",
    "bad-value": "A value is out of range or not in the value syntax",
    "broken-chain": "A chain step names a touchpoint the audit does not have",
    "criterion-channel": "A criterion is measured on a channel it is not meant for",
    "duplicate-key": "A key is written twice in the same mapping",
    "duplicate-stage": "A stage is listed twice",
    "empty-file": "The file is empty",
    "encoding": "The file is not UTF-8 text that YAML accepts",
    "format-version": "The format version is not one this touchaudit reads",
    "invisible-character": "The text holds a control character, hidden line break or bidi control",
    "missing-key": "A required key is missing",
    "na-expired": "A not-applicable mark has passed its 'until' date and counts again (a warning)",
    "na-for-business": "A criterion not scored: it does not apply to the business type (a warning)",
    "na-without-reason": "A value is marked n/a without a reason (a warning)",
    "no-stage": "A touchpoint serves none of the audit's stages",
    "not-a-mapping": "The file is not a mapping of keys",
    "threshold-differs": "The other audit sets a criterion differently; ours is used (a warning)",
    "too-deep": "The file nests deeper than the limit",
    "too-large": "The file is larger than the limit",
    "too-many-criteria": "The audit has more criteria to score than the limit",
    "too-many-steps": "The chains have more steps than the limit",
    "too-many-touchpoints": "The audit has more touchpoints than the limit",
    "unknown-business": "A business type without a journey checklist (a warning)",
    "unknown-channel": "A channel the library does not know",
    "unknown-criterion": "A criterion the library does not know",
    "unknown-item": "not_applicable names no expected touchpoint of the journey checklist",
    "unknown-key": "A key the audit format does not have",
    "unknown-stage": "A journey stage the audit does not have",
    "unreadable": "The file cannot be read",
    "wrong-type": "A value has the wrong type",
    "yaml-syntax": "The file is not valid YAML",
    "yaml-tab": "A tab is used for indentation",
    "yaml-tag": "A YAML tag (such as !!python/object) is used",
    GapKind.BELOW_GOOD.value: "A measured criterion is below its good threshold",
    GapKind.UNMEASURED.value: "An expected criterion is not measured",
    GapKind.MISSING_TOUCHPOINT.value: "An expected touchpoint, or one a competitor has, is missing",
    GapKind.EMPTY_STAGE.value: "A journey stage has no touchpoint",
    GapKind.BEHIND_COMPETITOR.value: "A score is behind the competitor's",
    GapKind.COMPETITOR_ONLY.value: "A competitor is good on a criterion we lack or do not record",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One located result for a CI system: a validation problem or a gap to close."""

    file: str
    line: int | None
    column: int | None
    rule: str
    level: Level
    message: str
    path: str = ""
    help: str = ""
    properties: Mapping[str, str | float | None] = field(default_factory=dict)
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
    )


def from_gaps(
    file: str, gaps: Iterable[Gap], locate: Locator, bands: Mapping[tuple[str, str], Band]
) -> list[Finding]:
    """Gaps located in their audit file: poor criteria are warnings, the rest notes.

    `bands` gives the band of each measured (touchpoint, criterion); `compare` passes gaps of
    its own kinds (missing touchpoint, behind competitor), which are warnings.
    """
    found = []
    for gap in gaps:
        path = gap_path(gap)
        line, column = locate(path)
        found.append(
            Finding(
                file,
                line,
                column,
                gap.kind.value,
                _gap_level(gap, bands),
                gap.message,
                dotted(path),
                gap.recommendation,
                {
                    "impact": round(gap.impact, 1),
                    "touchpoint": gap.touchpoint,
                    "criterion": gap.criterion,
                    "effort": gap.effort,
                    "competitor": gap.competitor,
                },
                _gap_identity(gap),
            )
        )
    return found


def _gap_identity(gap: Gap) -> str:
    # The path tells apart gaps at a criterion or a touchpoint of ours. A comparison adds the
    # competitor; gaps at no touchpoint of ours (a missing touchpoint, an empty stage) all sit
    # at `touchpoints` or `stages`, and are told apart by their stages and recommendation,
    # which name what to add (not by the message, which quotes scores that change).
    parts = [gap.competitor or ""]
    if gap.touchpoint is None:
        parts += [",".join(gap.stages), gap.recommendation]
    return "\0".join(parts) if any(parts) else ""


def from_scorecard(card: Scorecard, locate: Locator | None = None) -> list[Finding]:
    """Every gap of a scorecard, located in its audit file (positions kept from the load)."""
    return from_gaps(card.file, card.gaps, locate or card.positions.position, _bands(card))


def from_comparison(comparison: Comparison, locate: Locator | None = None) -> list[Finding]:
    """Every gap of a comparison, highest impact first, located in OUR audit file: the file to
    change. Gaps against a competitor (behind it, a touchpoint it has) name it."""
    card = comparison.ours.card
    return from_gaps(card.file, comparison.gaps, locate or card.positions.position, _bands(card))


def _bands(card: Scorecard) -> dict[tuple[str, str], Band]:
    return {(t.id, c.id): c.band for t in card.touchpoints for c in t.criteria}


def gap_path(gap: Gap) -> Path:
    """Where in the audit a gap belongs: the criterion's value, or its touchpoint if absent."""
    if gap.touchpoint is None:
        return ("stages",) if gap.kind is GapKind.EMPTY_STAGE else ("touchpoints",)
    if gap.criterion is None:
        return ("touchpoints", gap.touchpoint)
    return ("touchpoints", gap.touchpoint, "criteria", gap.criterion)


def _gap_level(gap: Gap, bands: Mapping[tuple[str, str], Band]) -> Level:
    if gap.kind is GapKind.UNMEASURED:
        return "note"
    if gap.kind is GapKind.BELOW_GOOD and gap.touchpoint and gap.criterion:
        band = bands.get((gap.touchpoint, gap.criterion))
        return "warning" if band is Band.POOR else "note"
    return "warning"


def relative_uri(file: str) -> str:
    """The file as a URI relative to the working folder (as CI checks out the repository)."""
    absolute = os.path.abspath(file)
    try:
        relative = os.path.relpath(absolute, os.getcwd())
    except ValueError:  # another drive on Windows
        relative = ".."
    if relative.startswith(".."):
        return "file://" + quote(os.fsencode(FsPath(absolute).as_posix()), safe="/")
    # Percent-encode the UTF-8 bytes (or the raw bytes of a name that is not UTF-8).
    return quote(os.fsencode(relative.replace(os.sep, "/")), safe="/")
