"""How a criterion's thresholds read: `≤ 3 s`, `good ≤ 3 s, poor ≥ 7 s`, `good is yes`, and
its recommendation with the thresholds in words: "Deliver within 2 days".

Core wording, not a renderer's: scoring writes it into gap messages, the starter into its
comments, and every output format shows it the same way.
"""

from __future__ import annotations

import functools
import re

from touchaudit.library.criteria import builtin_library
from touchaudit.reading.models import Criterion, Direction, ValueKind
from touchaudit.reading.values import duration_parts, format_value

# Only these two names are placeholders; any other brace is text. Substituted by a regular
# expression, never str.format, so `{0.__class__}` in an audit stays what it is.
_PLACEHOLDER_RE = re.compile(r"\{(good|poor)\}")
_DURATION_WORDS: dict[str, tuple[str, str]] = {
    "ms": ("millisecond", "milliseconds"),
    "s": ("second", "seconds"),
    "min": ("minute", "minutes"),
    "h": ("hour", "hours"),
    "d": ("day", "days"),
    "w": ("week", "weeks"),
}


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _has_thresholds(c: Criterion) -> bool:
    return c.type is not ValueKind.BOOLEAN and c.good is not None and c.poor is not None


def good_target(c: Criterion) -> str:
    """What `good` means for a criterion, as people read it: `≤ 3 s`, `≥ 4/5`, `yes`."""
    if c.type is ValueKind.BOOLEAN or c.good is None:
        return _yes_no(c.expected)
    return _at_most_or_least(c.good, c.type, c.unit, c.direction)


@functools.lru_cache(maxsize=1024)  # every gap of a criterion says it, in every audit
def _at_most_or_least(good: float, kind: ValueKind, unit: str, direction: Direction) -> str:
    sign = "≤" if direction is Direction.LOWER else "≥"
    return f"{sign} {format_value(good, kind, unit)}"


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


def recommendation_text(c: Criterion) -> str:
    """The criterion's recommendation with `{good}` and `{poor}` in its effective thresholds.

    "Deliver within {good}" reads "Deliver within 14 days" for an audit that sets `good: 14 d`.
    Any other text in braces, and a stray brace, is kept as written.
    """
    if "{" not in c.recommendation:
        return c.recommendation
    return _filled(c.recommendation, c.type, c.unit, c.good, c.poor, c.expected)


@functools.lru_cache(maxsize=1024)
def _filled(
    text: str, kind: ValueKind, unit: str, good: float | None, poor: float | None, expected: bool
) -> str:
    """`text` with its placeholders replaced (cached: every gap of a criterion says the same)."""
    said = {
        "good": _said(good, kind, unit, expected),
        "poor": _said(poor, kind, unit, not expected),
    }
    return _PLACEHOLDER_RE.sub(lambda m: said[m[1]] or m[0], text)


def is_library_recommendation(criterion_id: str, text: str) -> bool:
    """True when `text` is the library's recommendation for the criterion, whatever thresholds
    fill its placeholders; False for an audit's or a profile's own words."""
    pattern = _library_pattern(criterion_id)
    return pattern is not None and pattern.fullmatch(text) is not None


@functools.cache
def _library_pattern(criterion_id: str) -> re.Pattern[str] | None:
    criterion = builtin_library().criteria.get(criterion_id)
    if criterion is None:
        return None
    # split() keeps the placeholder names at the odd positions: text, name, text, name, text.
    parts = _PLACEHOLDER_RE.split(criterion.recommendation)
    return re.compile(
        "".join(".+?" if odd % 2 else re.escape(part) for odd, part in enumerate(parts)),
        re.DOTALL,
    )


def said_value(value: float, kind: ValueKind, unit: str) -> str:
    """A value as a sentence says it: `2 days`, `1 hour 30 minutes`, `80%`, `4/5`, `3 rings`."""
    if kind is ValueKind.DURATION and unit in _DURATION_WORDS:
        return " ".join(
            f"{number} {_word(number, _DURATION_WORDS[part])}"
            for number, part in duration_parts(value, unit)
        )
    return format_value(value, kind, unit)


def _said(value: float | None, kind: ValueKind, unit: str, answer: bool) -> str:
    """A threshold in words; `yes`/`no` for a boolean; '' (keep the placeholder) when unset."""
    if kind is ValueKind.BOOLEAN:
        return _yes_no(answer)
    return "" if value is None else said_value(value, kind, unit)


def _word(number: str, forms: tuple[str, str]) -> str:
    return forms[0] if number == "1" else forms[1]
