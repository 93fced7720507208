"""Lighthouse reports (LHR JSON, any version): lab metrics and the performance score.

Each metric is read from `audits[<id>].numericValue` (Lighthouse 3+), else from the `metrics`
audit's first item (Lighthouse 4 in PageSpeed Insights has only that). A metric the report does
not have (LCP before Lighthouse 6, a metric whose audit errored) stays unmeasured, never 0.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from touchaudit.reading.sources.base import (
    Imported,
    Parsed,
    SourceError,
    another_kind,
    day_of,
    finite,
    load_json,
    number_text,
    step,
)

WHAT = "a Lighthouse report"


class Metric(NamedTuple):
    """A Lighthouse metric and the criterion it measures."""

    criterion: str
    audit: str  # the id in `audits`
    item: str  # the key in the `metrics` audit's first item
    unit: str  # the value-syntax unit of numericValue ('' for a unitless score)


# load_time is Time to Interactive: the library's load_time is "the page looks ready and usable"
# with 3 s / 7 s, and TTI ("fully interactive") has Lighthouse's mobile control points 3.8 s /
# 7.3 s, the closest of the lab metrics (docs/measurements.md).
METRICS: tuple[Metric, ...] = (
    Metric("lcp", "largest-contentful-paint", "largestContentfulPaint", "ms"),
    Metric("cls", "cumulative-layout-shift", "cumulativeLayoutShift", ""),
    Metric("fcp", "first-contentful-paint", "firstContentfulPaint", "ms"),
    Metric("tbt", "total-blocking-time", "totalBlockingTime", "ms"),
    Metric("load_time", "interactive", "interactive", "ms"),
)
PERFORMANCE = "lighthouse_performance"


def parse_lighthouse(raw: bytes, name: str) -> Parsed:
    """The values of a Lighthouse report file."""
    return read_report(load_json(raw, WHAT), name)


def read_report(report: Any, name: str, prefix: str = "") -> Parsed:
    """The values of a parsed report; `prefix` is where it sits in a larger file (PSI)."""
    if not isinstance(report, dict) or not isinstance(report.get("lighthouseVersion"), str):
        raise SourceError(
            f"not {WHAT}: no lighthouseVersion{another_kind(report) if not prefix else ''}"
        )
    failed = report.get("runtimeError")
    if isinstance(failed, dict) and failed.get("code") not in (None, "NO_ERROR"):
        message = str(failed.get("message") or "")[:200]
        raise SourceError(f"the Lighthouse run failed ({failed.get('code')}): {message}")
    audits = report.get("audits")
    if not isinstance(audits, dict):
        raise SourceError(f"not {WHAT}: no audits")
    when = day_of(report.get("fetchTime"))
    values = [v for m in METRICS if (v := _metric(audits, m, name, prefix, when)) is not None]
    score = _performance(report, name, prefix, when)
    if score is not None:
        values.append(score)
    return Parsed(tuple(values), _form_factor_warnings(report))


def _metric(
    audits: dict[str, Any], metric: Metric, name: str, prefix: str, when: Any
) -> Imported | None:
    audit = audits.get(metric.audit)
    if isinstance(audit, dict) and audit.get("scoreDisplayMode") == "error":
        return None
    value = finite(step(audit, "numericValue"))
    field = f"audits.{metric.audit}.numericValue"
    if value is None:
        items = step(audits, "metrics", "details", "items")
        first = items[0] if isinstance(items, list) and items else None
        value = finite(step(first, metric.item))
        field = f"audits.metrics.details.items[0].{metric.item}"
    if value is None:
        return None
    return Imported(
        metric.criterion, number_text(value, metric.unit), f"{name}: {prefix}{field}", when
    )


def _performance(report: dict[str, Any], name: str, prefix: str, when: Any) -> Imported | None:
    score = finite(step(report, "categories", "performance", "score"))
    if score is None or score > 1:
        return None
    points = round(score * 100, 6)  # 0.29 * 100 is 28.999999999999996
    field = "categories.performance.score x 100"
    return Imported(PERFORMANCE, number_text(points), f"{name}: {prefix}{field}", when)


def _form_factor_warnings(report: dict[str, Any]) -> tuple[str, ...]:
    settings = report.get("configSettings")
    factor = step(settings, "formFactor") or step(settings, "emulatedFormFactor")
    if factor == "desktop":
        return ("a desktop run: the library's web thresholds are for mobile, so it scores high",)
    return ()
