"""What every source parser returns: imported values with their evidence, or a SourceError."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson

from touchaudit.reading.source_kinds import SourceKind


class SourceError(ValueError):
    """A source file that cannot be read as its kind; `line`/`column` point inside it if known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


@dataclass(frozen=True, slots=True)
class Imported:
    """One measured value read from a source file.

    `raw` is in the audit's value syntax (`2500 ms`, `0.1`, `yes`), parsed by the loader with the
    criterion's unit; `evidence` names the file and the field (or row) it came from. A CSV row
    also names its touchpoint, and where it sits: its `line`, and the column of each field
    (`cells`, 1-based, by column name).
    """

    criterion: str
    raw: str
    evidence: str
    measured_on: date | None = None
    touchpoint: str | None = None
    note: str | None = None
    line: int | None = None
    cells: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a source file measures, and remarks worth a warning (a desktop run)."""

    values: tuple[Imported, ...]
    warnings: tuple[str, ...] = ()


JSON_DEPTH = 1024  # orjson's limit on nesting


def another_kind(data: Any) -> str:
    """` (it is a PageSpeed Insights response: give it as psi)` when `data`, refused as one kind,
    is plainly another kind this reads; '' otherwise. For the refusal's message."""
    if not isinstance(data, dict):
        return ""
    if isinstance(data.get("lighthouseVersion"), str):
        found = ("a Lighthouse report", SourceKind.LIGHTHOUSE)
    elif isinstance(data.get("lighthouseResult"), dict) or isinstance(
        data.get("loadingExperience"), dict
    ):
        found = ("a PageSpeed Insights response", SourceKind.PSI)
    elif isinstance(step(data, "record", "metrics"), dict):
        found = ("a CrUX API response", SourceKind.CRUX)
    else:
        return ""
    return f" (it is {found[0]}: give it as {found[1]})"


def load_json(raw: bytes, what: str) -> Any:
    """Parse JSON bytes (orjson: nesting deeper than 1024 and numbers beyond a double refused)."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        reason = str(err).split(":", 1)[0]
        if "depth" in reason or "recursion" in reason:  # orjson's words changed in 3.11
            reason = f"nested deeper than {JSON_DEPTH} levels"
        raise SourceError(f"not {what}: invalid JSON: {reason}", err.lineno, err.colno) from None


def step(data: Any, *keys: str) -> Any:
    """`data[k1][k2]...`, or None where a step is missing or not a mapping."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def finite(value: Any) -> float | None:
    """A finite, non-negative number (bools are not numbers here), or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) and number >= 0 else None


def number_text(value: float, unit: str = "") -> str:
    """A number in the value syntax, exactly as read: `10884.681 ms`, `0.099576`."""
    text = repr(float(value))
    text = text[:-2] if text.endswith(".0") else text
    return f"{text} {unit}" if unit else text


_TIMESTAMP = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ][0-9:.]+(?:Z|[+-][0-9:]+)?)?")


def day_of(timestamp: Any) -> date | None:
    """The date of an ISO 8601 timestamp (`2026-04-23T16:18:53.230Z`), or None."""
    if not isinstance(timestamp, str):
        return None
    match = _TIMESTAMP.fullmatch(timestamp.strip())
    if match is None:
        return None
    try:
        return date.fromisoformat(match[1])
    except ValueError:
        return None
