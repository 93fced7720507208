"""Chrome UX Report API responses (`records:queryRecord`): the p75 of each field metric.

`record.metrics.<metric>.percentiles.p75` (CLS comes as text, `"0.05"`, not x 100); the date is
the last day of `record.collectionPeriod`. `field_values` reads field metrics of this kind
wherever they sit (PageSpeed Insights has them too, psi.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, NamedTuple

from touchaudit.reading.sources.base import (
    Imported,
    Parsed,
    SourceError,
    another_kind,
    finite,
    load_json,
    number_text,
    step,
)

WHAT = "a CrUX API response"


class FieldMetric(NamedTuple):
    """A field metric's criterion, its value-syntax unit, and what the source multiplied it by."""

    criterion: str
    unit: str
    divisor: float = 1.0


# CrUX metric -> what it measures.
METRICS: dict[str, FieldMetric] = {
    "largest_contentful_paint": FieldMetric("lcp", "ms"),
    "interaction_to_next_paint": FieldMetric("inp", "ms"),
    "cumulative_layout_shift": FieldMetric("cls", ""),
    "first_contentful_paint": FieldMetric("fcp", "ms"),
}


def parse_crux(raw: bytes, name: str) -> Parsed:
    """The values of a CrUX API response file."""
    response = load_json(raw, WHAT)
    metrics = step(response, "record", "metrics")
    if not isinstance(metrics, dict):
        if isinstance(step(response, "record", "key"), dict):
            raise SourceError(f"not {WHAT}: a record without metrics (CrUX History is not read)")
        raise SourceError(f"not {WHAT}: no record.metrics{another_kind(response)}")
    when = _last_day(step(response, "record", "collectionPeriod", "lastDate"))
    found = field_values(
        metrics,
        METRICS,
        name=name,
        where="record.metrics",
        percentile=("percentiles", "p75"),
        when=when,
        number=_number,
    )
    return Parsed(tuple(found))


def field_values(
    metrics: dict[str, Any],
    measured: Mapping[str, FieldMetric],
    *,
    name: str,
    where: str,
    percentile: tuple[str, ...],
    when: date | None,
    number: Callable[[Any], Any] = lambda value: value,
) -> list[Imported]:
    """The value of each metric in `measured` that `metrics` has: its percentile (at the keys
    `percentile`, read by `number`) divided back, with `where` it sits in file `name`."""
    found = []
    for key, metric in measured.items():
        value = finite(number(step(metrics, key, *percentile)))
        if value is None:
            continue
        evidence = f"{name}: {where}.{key}.{'.'.join(percentile)}"
        if metric.divisor != 1.0:
            value, evidence = value / metric.divisor, f"{evidence} / {metric.divisor:g}"
        found.append(Imported(metric.criterion, number_text(value, metric.unit), evidence, when))
    return found


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
