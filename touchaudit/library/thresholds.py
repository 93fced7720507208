"""The one-threshold rule: a file scored with someone else's thresholds says where they differ.

`touchaudit compare` and the `--baseline` gate score the other audit with OUR criteria, so that
a difference in scores is a difference in what was measured, not in how it was judged.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from touchaudit.library.criteria import CriterionError, Library, resolve_criterion
from touchaudit.reading.errors import Code, Problem
from touchaudit.reading.models import CriterionFields
from touchaudit.reading.yamldoc import Document, Path

# The fields that change how a criterion is parsed, scored or counted.
SCORING_FIELDS = (
    "channels",
    "type",
    "unit",
    "scale",
    "direction",
    "expected",
    "good",
    "poor",
    "min",
    "max",
    "curve",
    "weight",
    "critical",
    "businesses",
)


def differing_threshold(
    doc: Document, criterion_id: str, patch: CriterionFields, base: Library, origin: str
) -> list[Problem]:
    """A warning when the file would score `criterion_id` differently from `base`."""
    ours = base.criteria[criterion_id]
    path: Path = ("criteria", criterion_id)
    try:
        theirs = resolve_criterion(criterion_id, ours, patch, base.channels, origin)
    except CriterionError as err:
        message = (
            f"'{criterion_id}' is redefined here in a way that cannot apply ({err.message}); "
            "it is scored with the thresholds of the audit it is compared with"
        )
        return [_warning(doc.problem(path, message, Code.THRESHOLD_DIFFERS, key=True))]
    differ = [f for f in SCORING_FIELDS if getattr(theirs, f) != getattr(ours, f)]
    if not differ:
        return []
    mine = ", ".join(f"{f} {_shown(getattr(theirs, f))}" for f in differ)
    kept = ", ".join(f"{f} {_shown(getattr(ours, f))}" for f in differ)
    message = (
        f"'{criterion_id}' is set to {mine} here, but the audit it is compared with has {kept}; "
        "scored with the latter, so both sides meet one set of thresholds"
    )
    return [_warning(doc.problem(path, message, Code.THRESHOLD_DIFFERS, key=True))]


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    if value is None:
        return "none"
    return str(value)


def _warning(problem: Problem) -> Problem:
    return dataclasses.replace(problem, severity="warning")
