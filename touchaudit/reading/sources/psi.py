"""PageSpeed Insights API v5 responses: field data (CrUX, p75) preferred over the lab run.

Field data comes from `loadingExperience.metrics` (this URL), else `originLoadingExperience`
(the whole origin); each metric's `percentile` is its 75th percentile, and CLS is given x 100
(read as CrUX's field metrics are, crux.py). The lab part, `lighthouseResult`, is a Lighthouse
report (lighthouse.py). A criterion measured
both ways keeps the field value: it is what real visitors got, and what Core Web Vitals judge.
"""

from __future__ import annotations

from typing import Any

from touchaudit.reading.sources.base import (
    Imported,
    Parsed,
    SourceError,
    another_kind,
    day_of,
    load_json,
    step,
)
from touchaudit.reading.sources.crux import FieldMetric, field_values
from touchaudit.reading.sources.lighthouse import read_report

WHAT = "a PageSpeed Insights response"

# PSI field metric -> what it measures.
FIELD: dict[str, FieldMetric] = {
    "LARGEST_CONTENTFUL_PAINT_MS": FieldMetric("lcp", "ms"),
    "INTERACTION_TO_NEXT_PAINT": FieldMetric("inp", "ms"),
    "CUMULATIVE_LAYOUT_SHIFT_SCORE": FieldMetric("cls", "", 100.0),  # PSI reports CLS x 100
    "FIRST_CONTENTFUL_PAINT_MS": FieldMetric("fcp", "ms"),
}
_EXPERIENCES = ("loadingExperience", "originLoadingExperience")


def parse_psi(raw: bytes, name: str) -> Parsed:
    """The values of a PageSpeed Insights v5 response file."""
    response = load_json(raw, WHAT)
    if not isinstance(response, dict) or not any(
        isinstance(response.get(key), dict) for key in ("lighthouseResult", *_EXPERIENCES)
    ):
        raise SourceError(
            f"not {WHAT}: no lighthouseResult or loadingExperience{another_kind(response)}"
        )
    when = day_of(response.get("analysisUTCTimestamp"))
    chosen: dict[str, Imported] = {}
    warnings: tuple[str, ...] = ()
    has_field = any(isinstance(step(response, e, "metrics"), dict) for e in _EXPERIENCES)
    if isinstance(response.get("lighthouseResult"), dict):
        try:
            lab = read_report(response["lighthouseResult"], name, "lighthouseResult.")
        except SourceError as err:
            if not has_field:
                raise
            lab = Parsed((), (f"its lab run is not read: {err.message}",))
        chosen.update((v.criterion, v) for v in lab.values)
        warnings = lab.warnings
        when = when or next((v.measured_on for v in lab.values if v.measured_on), None)
    # The page's own field data wins over its origin's, and field data over the lab run.
    field = [v for e in reversed(_EXPERIENCES) for v in _field(response, e, name, when)]
    chosen.update((v.criterion, v) for v in field)
    return Parsed(tuple(chosen.values()), warnings)


def _field(response: dict[str, Any], experience: str, name: str, when: Any) -> list[Imported]:
    metrics = step(response, experience, "metrics")
    if not isinstance(metrics, dict):
        return []
    where = f"{experience}.metrics"
    return field_values(
        metrics, FIELD, name=name, where=where, percentile=("percentile",), when=when
    )
