"""How a criterion's thresholds read: `≤ 3 s`, `good ≤ 3 s, poor ≥ 7 s`, `good is yes`.

Core wording, not a renderer's: scoring writes it into gap messages, the starter into its
comments, and every output format shows it the same way.
"""

from __future__ import annotations

from touchaudit.reading.models import Criterion, Direction, ValueKind
from touchaudit.reading.values import format_value


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _has_thresholds(c: Criterion) -> bool:
    return c.type is not ValueKind.BOOLEAN and c.good is not None and c.poor is not None


def good_target(c: Criterion) -> str:
    """What `good` means for a criterion, as people read it: `≤ 3 s`, `≥ 4/5`, `yes`."""
    if c.type is ValueKind.BOOLEAN or c.good is None:
        return _yes_no(c.expected)
    sign = "≤" if c.direction is Direction.LOWER else "≥"
    return f"{sign} {format_value(c.good, c.type, c.unit)}"


def poor_value(c: Criterion) -> str:
    """The `poor` threshold without its sign: `7 s`, or `no` for a criterion expected `yes`."""
    if c.type is ValueKind.BOOLEAN or c.poor is None:
        return _yes_no(not c.expected)
    return format_value(c.poor, c.type, c.unit)


def threshold_text(c: Criterion) -> str:
    """`good ≤ 3 s, poor ≥ 7 s`, or `good is yes` for a criterion without a scale."""
    if not _has_thresholds(c):
        return f"good is {good_target(c)}"
    sign = "≥" if c.direction is Direction.LOWER else "≤"
    return f"good {good_target(c)}, poor {sign} {poor_value(c)}"


def threshold_cells(c: Criterion) -> tuple[str, str]:
    """The good and poor thresholds as two table cells, without signs (`3 s`, `7 s`)."""
    if c.good is not None and c.poor is not None:
        return format_value(c.good, c.type, c.unit), format_value(c.poor, c.type, c.unit)
    if c.type is ValueKind.BOOLEAN:
        return _yes_no(c.expected), _yes_no(not c.expected)
    return "", ""
