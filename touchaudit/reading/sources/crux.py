"""Chrome UX Report API responses (`records:queryRecord`): the p75 of each field metric.

`record.metrics.<metric>.percentiles.p75` (CLS comes as text, `"0.05"`, not x 100); the date is
the last day of `record.collectionPeriod`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from touchaudit.reading.sources.base import (
    Imported,
    Parsed,
    SourceError,
    finite,
    load_json,
    number_text,
    step,
)

WHAT = "a CrUX API response"

# CrUX metric -> (criterion, value-syntax unit).
METRICS: dict[str, tuple[str, str]] = {
    "largest_contentful_paint": ("lcp", "ms"),
    "interaction_to_next_paint": ("inp", "ms"),
    "cumulative_layout_shift": ("cls", ""),
    "first_contentful_paint": ("fcp", "ms"),
}


def parse_crux(raw: bytes, name: str) -> Parsed:
    """The values of a CrUX API response file."""
    response = load_json(raw, WHAT)
    metrics = step(response, "record", "metrics")
    if not isinstance(metrics, dict):
        if isinstance(step(response, "record", "key"), dict):
            raise SourceError(f"not {WHAT}: a record without metrics (CrUX History is not read)")
        raise SourceError(f"not {WHAT}: no record.metrics")
    when = _last_day(step(response, "record", "collectionPeriod", "lastDate"))
    found = []
    for key, (criterion, unit) in METRICS.items():
        value = finite(_number(step(metrics, key, "percentiles", "p75")))
        if value is None:
            continue
        evidence = f"{name}: record.metrics.{key}.percentiles.p75"
        found.append(Imported(criterion, number_text(value, unit), evidence, when))
    return Parsed(tuple(found))


def _number(value: Any) -> Any:
    """CrUX writes some percentiles as text (`"0.05"`): that text as a number, if it is one."""
    if isinstance(value, str) and len(value) < 32:
        try:
            return float(value)
        except ValueError:
            return None
    return value


def _last_day(value: Any) -> date | None:
    try:
        return (
            date(value["year"], value["month"], value["day"]) if isinstance(value, dict) else None
        )
    except (KeyError, TypeError, ValueError):
        return None
