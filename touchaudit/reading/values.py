"""The value syntax of audit files: parse measured values into canonical units and render them."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from touchaudit.reading.models import Criterion, Curve, ValueKind

DURATION_UNITS: dict[str, float] = {
    "ms": 0.001,
    "s": 1.0,
    "min": 60.0,
    "h": 3600.0,
    "d": 86400.0,
    "w": 604800.0,
}

# Each duration unit in milliseconds. Exact integers, and every unit is a whole multiple of
# each smaller one, so conversions round at most once: 90 s, 1.5 min, PT1M30S and 1:30 are
# all exactly 90.0 s, or exactly 0.025 h.
_MS: dict[str, int] = {
    "ms": 1,
    "s": 1_000,
    "min": 60_000,
    "h": 3_600_000,
    "d": 86_400_000,
    "w": 604_800_000,
}
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "ms": ("ms", "msec", "msecs", "millisecond", "milliseconds"),
    "s": ("s", "sec", "secs", "second", "seconds"),
    "min": ("m", "min", "mins", "minute", "minutes"),
    "h": ("h", "hr", "hrs", "hour", "hours"),
    "d": ("d", "day", "days"),
    "w": ("w", "wk", "wks", "week", "weeks"),
}
_UNIT_WORDS: dict[str, str] = {word: unit for unit, words in _SPELLINGS.items() for word in words}
_ISO_UNITS: tuple[str, ...] = ("w", "d", "h", "min", "s")
_BOOLEANS: dict[str, bool] = {
    "yes": True,
    "no": False,
    "true": True,
    "false": False,
    "y": True,
    "n": False,
    "on": True,
    "off": False,
}

_UNUM = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_NUM = rf"[+-]?{_UNUM}"
_ISO_NUM = r"[0-9]+(?:\.[0-9]+)?"
_UNSIGNED_RE = re.compile(_UNUM)
_NUMBER_RE = re.compile(rf"({_NUM})\s*(.*)", re.DOTALL)
_PERCENT_RE = re.compile(rf"({_NUM})\s*%?")
_RATING_RE = re.compile(rf"({_NUM})(?:\s*/\s*({_NUM}))?")
_DURATION_PART_RE = re.compile(rf"\s*({_UNUM})\s*([A-Za-z]+)")
_CLOCK_RE = re.compile(r"([0-9]+):([0-9]{2})(?::([0-9]{2}))?(\.[0-9]+)?")
_ISO_RE = re.compile(
    rf"P(?:({_ISO_NUM})W)?(?:({_ISO_NUM})D)?"
    rf"(?:T(?=[0-9])(?:({_ISO_NUM})H)?(?:({_ISO_NUM})M)?(?:({_ISO_NUM})S)?)?",
    re.IGNORECASE | re.ASCII,
)
_ISO_CALENDAR_RE = re.compile(r"P[^T]*[YM]", re.IGNORECASE | re.ASCII)
_NON_FINITE_RE = re.compile(r"[+-]?\.?(?:nan|inf(?:inity)?)\b", re.IGNORECASE | re.ASCII)
_WHITESPACE_RE = re.compile(r"\s+")
_SLASH_RE = re.compile(r"\s*/\s*")
_FIRST_WORD_RE = re.compile(r"([^/ ]+)(.*)")
_DIGITS = frozenset("0123456789")

# Enum members as module constants: comparing them is several times faster than `ValueKind.X`.
_DURATION = ValueKind.DURATION
_NUMBER = ValueKind.NUMBER
_PERCENT = ValueKind.PERCENT
_RATING = ValueKind.RATING
_BOOLEAN = ValueKind.BOOLEAN
_LOGNORMAL = Curve.LOGNORMAL

_DURATION_HINT = "write it like 3.4 s, 250 ms, 1h 30m or PT2M"
# An uppercase M alone reads as a month as easily as a minute: it is refused, not guessed.
_AMBIGUOUS_UNIT = "M"
# A duration is shown split into parts when it is a whole number of milliseconds (up to this
# many, about 31,700 years); any other value keeps its canonical unit.
_MAX_SPLIT_MS = 10**15
_WHOLE_TOLERANCE = 1e-9
_SEPARATOR_HINT = (
    " (use a point for decimals, and group thousands with spaces or not at all, like 1000,"
    " 1 000 or 3.5)"
)
# Counts as people write them (docs/format.md, "Counts"): groups of three digits after spaces
# (also no-break and thin spaces), scale words; `1,000` is refused with how to write it.
_GROUPED_RE = re.compile(r"([+-]?[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:\.[0-9]+)?)\s*(.*)")
_GROUP_SPACES_RE = re.compile(r"[ \u00a0\u202f]")
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_WORDED_RE = re.compile(rf"({_NUM})\s*(thousand|million|billion)\b\s*(.*)", re.IGNORECASE)
_COMMA_GROUPED_RE = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9,])")
_QUOTE_LIMIT = 40
_DASH = "\N{EN DASH}"  # between the ends of a range


class ValueSyntaxError(ValueError):
    """A measured value that does not follow the value syntax; str() is a one-line message."""


def parse_value(
    raw: str | float | bool,
    kind: ValueKind,
    unit: str,
    *,
    scale: float = 5.0,
    minimum: float | None = None,
    maximum: float | None = None,
) -> float | bool:
    """Parse a measured value written in the audit's value syntax into the criterion's canonical unit."""  # noqa: E501
    if kind is _BOOLEAN:
        return _parse_boolean(raw)
    return _parse_numeric(raw, kind, unit, scale, minimum, maximum)


def parse_measured(criterion: Criterion, raw: str) -> float | bool:
    """A value written in the value syntax, in `criterion`'s unit and within its bounds."""
    kind = criterion.type
    if kind is _BOOLEAN:
        answer = _BOOLEANS.get(raw)  # the common spellings as written: no strip, no lower
        return _parse_boolean(raw) if answer is None else answer
    minimum = criterion.min
    if minimum is None and criterion.curve is _LOGNORMAL:
        minimum = 0.0
    return _parse_numeric(raw, kind, criterion.unit, criterion.scale, minimum, criterion.max)


def _parse_numeric(
    raw: str | float | bool,
    kind: ValueKind,
    unit: str,
    scale: float,
    minimum: float | None,
    maximum: float | None,
) -> float:
    """`parse_value` for every kind but yes/no."""
    if kind is _DURATION and unit not in _MS:
        raise ValueSyntaxError(
            f"{_quote(unit)} is not a duration unit; use one of {', '.join(DURATION_UNITS)}"
        )
    if isinstance(raw, str):
        text = raw.strip()
        # Only a text starting with a sign, a point or a letter can name a non-finite number.
        if text[:1] not in _DIGITS and _NON_FINITE_RE.match(text):
            raise _not_finite(text)
        value = _TEXT_PARSERS[kind](text, unit, scale)
    else:
        value = _from_number(raw, kind, unit, scale)
    if (minimum is not None and not value >= minimum) or (
        maximum is not None and not value <= maximum
    ):
        raise _out_of_range(value, kind, unit, minimum, maximum)
    return value


def format_value(value: float | bool, kind: ValueKind, unit: str) -> str:
    """Render a parsed value with its unit for humans: 3.4 s, 45%, 4.2/5, yes, 3 rings."""
    if isinstance(value, bool) or kind is _BOOLEAN:
        return "yes" if value else "no"
    if value == math.inf:
        return "unanswered"  # the worst value an unanswered call stands for (samples.py)
    if kind is _PERCENT:
        return _short(value) + "%"
    if kind is _DURATION and unit in _MS:
        return " ".join(f"{number} {part}" for number, part in duration_parts(value, unit))
    return _with_unit(_short(value), unit)


def duration_parts(value: float, unit: str) -> list[tuple[str, str]]:
    """A duration in the largest units that keep it readable: (number text, unit) pairs.

    Whole days are days (`3 d`); any other duration of a second or more is hours, minutes and
    seconds, each part left out when 0 (`26 h`, `1 h 30 min`, `1 min 2.5 s`); below a second,
    milliseconds (`250 ms`). A value that is not a whole number of milliseconds keeps its
    canonical unit (`3.14 s`, `0.5 ms`), so that nothing shown is rounded more than before.
    """
    total = value * _MS[unit]
    ms = round(total) if math.isfinite(total) else 0
    if not 0 < ms <= _MAX_SPLIT_MS or abs(total - ms) > _WHOLE_TOLERANCE * total:
        return [(_short(value), unit)]
    if ms < _MS["s"]:
        return [(str(ms), "ms")]
    days, rest = divmod(ms, _MS["d"])
    if not rest:
        return [(str(days), "d")]
    hours, rest = divmod(ms, _MS["h"])
    minutes, rest = divmod(rest, _MS["min"])
    parts = [(str(hours), "h"), (str(minutes), "min"), (_exact(rest / _MS["s"]), "s")]
    return [(number, part) for number, part in parts if number != "0"]


# --------------------------------------------------------------------------- per kind


def _parse_boolean(raw: str | float | bool) -> bool:
    if isinstance(raw, bool):
        return raw
    text = raw.strip() if isinstance(raw, str) else _show_number(raw)
    answer = _BOOLEANS.get(text.lower())
    if answer is None:
        raise ValueSyntaxError(f"{_quote(text)} is not yes or no")
    return answer


def _parse_duration(text: str, unit: str, scale: float) -> float:
    negative = text.startswith("-")
    value = _duration(text[1:].lstrip() if negative else text, unit, text)
    if negative and value:
        raise _negative(text, "durations")
    return value + 0.0  # -0.0 becomes 0.0


def _duration(body: str, unit: str, text: str) -> float:
    """The unsigned duration `body` in `unit`; `text` is what the user wrote, for messages."""
    if _UNSIGNED_RE.fullmatch(body):  # ends in a digit or a point: no unit word
        return _float(body, text)  # a bare number is in the criterion's unit
    single = _DURATION_PART_RE.fullmatch(body)
    # A unit word as listed (`s`, `min`) is one; `_duration_unit` reads any other.
    single_unit = (
        (_UNIT_WORDS.get(single[2]) or _duration_unit(single[2], text)) if single else None
    )
    if single and single_unit:  # the common case, `3.4 s`: no list of parts
        return _finite(_convert(_float(single[1], text), single_unit, unit), text)
    if body[:1] in ("P", "p"):
        return _in_unit(_iso_parts(body, text), unit, text)
    if ":" in body:
        return _in_unit(_clock_parts(body, text), unit, text)
    return _in_unit(_compound_parts(body, text), unit, text)


def _parse_number(text: str, unit: str, scale: float) -> float:
    match = _NUMBER_RE.fullmatch(text)
    if match is not None and (not match[2] or _is_unit(match[2], unit)):
        return _float(match[1], text)
    return _count(text, unit)


def _count(text: str, unit: str) -> float:
    """A count written as people write them: `500 000` (grouped with spaces), `1.2 million`.

    `500,000` is refused, showing how to write it: a comma is a decimal mark in half the world.
    """
    grouped = _GROUPED_RE.fullmatch(text)
    if grouped and (not grouped[2] or _is_unit(grouped[2], unit)):
        return _float(_GROUP_SPACES_RE.sub("", grouped[1]), text)
    worded = _WORDED_RE.fullmatch(text)
    if worded and (not worded[3] or _is_unit(worded[3], unit)):
        return _finite(_float(worded[1], text) * _SCALE_WORDS[worded[2].lower()], text)
    comma = _COMMA_GROUPED_RE.match(text)
    if comma:
        digits = comma[0].replace(",", "")
        spaced = comma[0].replace(",", " ")
        raise ValueSyntaxError(
            f"{_quote(text)}: a comma may be a decimal mark or a thousands separator; "
            f"write {digits} or {spaced}"
        )
    raise _syntax_error(_NUMBER, text, unit)


def _parse_percent(text: str, unit: str, scale: float) -> float:
    match = _PERCENT_RE.fullmatch(text)
    if match is None:
        share = _RATING_RE.fullmatch(text)
        if share is None or share[2] is None:
            raise _syntax_error(_PERCENT, text, unit)
        return _share(_float(share[1], text), _float(share[2], text), text)
    return _bare_percent(_float(match[1], text), unit, scale, text)


def _share(part: float, whole: float, text: str) -> float:
    """`11/50` on a percent criterion: 11 of 50, 22%."""
    if whole <= 0 or part < 0 or part > whole:
        raise ValueSyntaxError(
            f"{_quote(text)} is not a share: write it as part/whole, like 11/50 (22%)"
        )
    return part / whole * 100.0


def _parse_rating(text: str, unit: str, scale: float) -> float:
    match = _RATING_RE.fullmatch(text)
    if match is None:
        raise _syntax_error(_RATING, text, unit)
    points = _float(match[1], text)
    if match[2] is None:
        return _bare_rating(points, unit, scale, text)
    top = _float(match[2], text)
    if top <= 0:
        raise ValueSyntaxError(f"{_quote(text)} has no scale: the number after / must be above 0")
    if points < 0:
        raise _negative(text, "ratings")
    if points > top:
        raise ValueSyntaxError(f"{_exact(points)}/{_exact(top)} is above the top of its scale")
    if top == scale:
        return points
    value = points * scale / top
    return value if math.isfinite(value) else points / top * scale


_TEXT_PARSERS: dict[ValueKind, Callable[[str, str, float], float]] = {
    ValueKind.DURATION: _parse_duration,
    ValueKind.NUMBER: _parse_number,
    ValueKind.PERCENT: _parse_percent,
    ValueKind.RATING: _parse_rating,
}


# --------------------------------------------------------------------------- bare numbers


def _from_number(raw: float | bool, kind: ValueKind, unit: str, scale: float) -> float:
    """A Python number (or bool) given through the API: the same meaning as its text."""
    if isinstance(raw, bool):
        raise _syntax_error(kind, "true" if raw else "false", unit)
    try:
        value = float(raw)
    except OverflowError:
        raise ValueSyntaxError("the integer is too large: not a finite number") from None
    if not math.isfinite(value):
        raise _not_finite(repr(raw))
    return _BARE[kind](value, unit, scale, repr(raw))


def _bare_duration(value: float, unit: str, scale: float, text: str) -> float:
    if value < 0:
        raise _negative(text, "durations")
    return value + 0.0


def _bare_number(value: float, unit: str, scale: float, text: str) -> float:
    return value


def _bare_percent(value: float, unit: str, scale: float, text: str) -> float:
    if not 0 <= value <= 100:
        raise ValueSyntaxError(f"{_exact(value)}% is out of range 0{_DASH}100%")
    return value


def _bare_rating(value: float, unit: str, scale: float, text: str) -> float:
    if value < 0:
        raise _negative(text, "ratings")
    if value > scale:
        raise ValueSyntaxError(f"{_exact(value)}/{_exact(scale)} is above the top of its scale")
    return value


_BARE: dict[ValueKind, Callable[[float, str, float, str], float]] = {
    ValueKind.DURATION: _bare_duration,
    ValueKind.NUMBER: _bare_number,
    ValueKind.PERCENT: _bare_percent,
    ValueKind.RATING: _bare_rating,
}


# --------------------------------------------------------------------------- durations

_Parts = list[tuple[float, str]]


def _compound_parts(body: str, text: str) -> _Parts:
    """`3.4 s`, `1h 30m`, `1 hour 30 minutes`: units descend, each at most once."""
    parts: _Parts = []
    position = 0
    while position < len(body):
        match = _DURATION_PART_RE.match(body, position)
        unit = _duration_unit(match[2], text) if match else None
        if match is None or unit is None:
            raise _syntax_error(_DURATION, text, "")
        if parts and _MS[unit] >= _MS[parts[-1][1]]:
            raise ValueSyntaxError(
                f"{_quote(text)} is not a duration; write units from largest to smallest,"
                " each once, like 1h 30m"
            )
        parts.append((_float(match[1], text), unit))
        position = match.end()
    if not parts:
        raise _syntax_error(_DURATION, text, "")
    return parts


def _iso_parts(body: str, text: str) -> _Parts:
    """ISO 8601 durations without years or months: `PT2H30M`, `P1DT2H`, `P1W`."""
    match = _ISO_RE.fullmatch(body)
    if match is None:
        if _ISO_CALENDAR_RE.match(body):
            raise ValueSyntaxError(
                f"{_quote(text)} uses years or months, whose length varies;"
                " write days or weeks instead, like P30D or P4W"
            )
        raise _syntax_error(_DURATION, text, "")
    parts = [
        (_float(number, text), unit)
        for number, unit in zip(match.groups(), _ISO_UNITS, strict=True)
        if number is not None
    ]
    if not parts:
        raise _syntax_error(_DURATION, text, "")
    return parts


def _clock_parts(body: str, text: str) -> _Parts:
    """Clock notation: `1:30` is m:ss, `1:02:03` is h:mm:ss."""
    match = _CLOCK_RE.fullmatch(body)
    if match is None:
        raise _syntax_error(_DURATION, text, "")
    first, second, third, fraction = match.groups()
    if third is None:
        parts = [(_float(first, text), "min"), (float(second + (fraction or "")), "s")]
    else:
        seconds = float(third + (fraction or ""))
        parts = [(_float(first, text), "h"), (float(second), "min"), (seconds, "s")]
    if any(value >= 60 for value, _ in parts[1:]):
        raise ValueSyntaxError(
            f"{_quote(text)} is not a clock time: minutes and seconds must be below 60"
        )
    return parts


def _duration_unit(word: str, text: str) -> str | None:
    """The canonical unit a unit word names (`hrs` is h), None for an unknown word.

    An uppercase `M` alone is refused: `1M` may mean a month (or a million) as well as a minute.
    """
    if word == _AMBIGUOUS_UNIT:
        raise ValueSyntaxError(
            f"{_quote(text)} is ambiguous: M may mean a month or a minute;"
            " write minutes as min and months in days, like 1 min or 30 d"
        )
    return _UNIT_WORDS.get(word.lower())


def _in_unit(parts: _Parts, unit: str, text: str) -> float:
    """Sum the descending parts in the last (smallest) one's unit, then convert to `unit`."""
    smallest = parts[-1][1]
    total = 0.0
    for value, part_unit in parts:
        total += _convert(value, part_unit, smallest)
    return _finite(_convert(total, smallest, unit), text)


def _convert(value: float, unit: str, target: str) -> float:
    """Convert with one rounding: units are whole multiples of each other in milliseconds."""
    if unit == target:
        return value
    source_ms, target_ms = _MS[unit], _MS[target]
    if source_ms > target_ms:
        return value * (source_ms // target_ms)
    return value / (target_ms // source_ms)


# --------------------------------------------------------------------------- helpers


def _float(number: str, text: str) -> float:
    """Convert the text of a matched number, rejecting overflow to infinity."""
    value = float(number)
    if not math.isfinite(value):
        raise _not_finite(text)
    return value


def _finite(value: float, text: str) -> float:
    if not math.isfinite(value):
        raise _not_finite(text)
    return value


def _is_unit(suffix: str, unit: str) -> bool:
    forms = _unit_forms(unit)
    return suffix.lower() in forms or _normal_unit(suffix) in forms


def _normal_unit(unit: str) -> str:
    return _SLASH_RE.sub("/", _WHITESPACE_RE.sub(" ", unit.strip().lower()))


@lru_cache(maxsize=256)
def _unit_forms(unit: str) -> frozenset[str]:
    """The unit and the singular or plural of its first word: rings, ring; posts/week, post/week."""
    normal = _normal_unit(unit)
    match = _FIRST_WORD_RE.match(normal)
    if match is None:
        return frozenset()
    word, rest = match.groups()
    return frozenset({normal, *(other + rest for other in _inflections(word))})


def _inflections(word: str) -> tuple[str, ...]:
    """The other obvious forms of an English noun: rings/ring, replies/reply, boxes/box."""
    if word.endswith("ies"):
        return (word[:-3] + "y",)
    if word.endswith("es"):
        return (word[:-2], word[:-1])
    if word.endswith(("s", "x", "z", "ch", "sh")) and not word.endswith("ss"):
        return (word[:-1], word + "es")
    if word.endswith("ss"):
        return (word + "es",)
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return (word[:-1] + "ies", word + "s")
    return (word + "s",)


def _out_of_range(
    value: float, kind: ValueKind, unit: str, low: float | None, high: float | None
) -> ValueSyntaxError:
    """The error of a value outside the criterion's inclusive bounds, naming them."""
    unit = "%" if kind is _PERCENT else _one_line(unit)
    if low is not None and high is not None:
        problem = f"is out of range {_exact(low)}{_DASH}{_with_unit(_exact(high), unit)}"
    elif low is not None:
        problem = f"is below the minimum of {_with_unit(_exact(low), unit)}"
    else:
        assert high is not None  # a value is out of range only against a bound
        problem = f"is above the maximum of {_with_unit(_exact(high), unit)}"
    return ValueSyntaxError(f"{_with_unit(_exact(value), unit)} {problem}")


def _syntax_error(kind: ValueKind, text: str, unit: str) -> ValueSyntaxError:
    quoted = _quote(text)
    if kind is _DURATION:
        message = f"{quoted} is not a duration; {_DURATION_HINT}"
    elif kind is _NUMBER:
        example = f"3 or 3 {_one_line(unit)}" if unit.strip() else "3 or 2.5"
        message = f"{quoted} is not a number; write it like {example}"
    elif kind is _PERCENT:
        message = f"{quoted} is not a percentage; write it like 45% or 45.5%"
    else:
        message = f"{quoted} is not a rating; write it like 4/5, 8/10 or 4.5"
    if "," in text or "_" in text:
        message += _SEPARATOR_HINT
    return ValueSyntaxError(message)


def _not_finite(text: str) -> ValueSyntaxError:
    return ValueSyntaxError(f"{_quote(text)} is not a finite number")


def _negative(text: str, what: str) -> ValueSyntaxError:
    return ValueSyntaxError(f"{_quote(text)} is negative; {what} cannot be negative")


def _quote(text: str) -> str:
    """The user's text in quotes, on one line, at most 40 characters."""
    if len(text) > _QUOTE_LIMIT:
        text = text[: _QUOTE_LIMIT - 1] + "…"
    return "'" + _WHITESPACE_RE.sub(" ", text) + "'"


def _show_number(value: float) -> str:
    try:
        return repr(value)
    except ValueError:  # an integer with thousands of digits
        return "a very long integer"


def _one_line(text: str) -> str:
    return _WHITESPACE_RE.sub(" ", text).strip()


def _with_unit(number: str, unit: str) -> str:
    if not unit:
        return number
    if unit[0] in "/%":
        return number + unit
    if number == "1":
        unit = _singular(unit)
    return f"{number} {unit}"


_PLURAL_WORD_RE = re.compile(r"([a-z]{3,}[^s])s(\b.*)", re.DOTALL)


def _singular(unit: str) -> str:
    """A counted unit for one: `rings` -> `ring`, `posts/week` -> `post/week`; a unit that is
    not a plain plural word (`EUR`, `ms`, `class`) as written."""
    match = _PLURAL_WORD_RE.fullmatch(unit)
    return unit if match is None else match[1] + match[2]


def _exact(value: float) -> str:
    """The shortest text that reads back as `value`: 140, 4.25, 1e+20."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _short(value: float) -> str:
    """Two decimals, trimmed (3.4, 3, 1234.57); two significant digits below 0.1 (0.025)."""
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1e15:
        return f"{value:.6g}"
    if magnitude >= 0.1:
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{value:.2g}"


# --------------------------------------------------------------------------- JSON Schema

# ECMA-262 patterns (JSON Schema's regex dialect, which Python's re reads the same way) for the
# exported schema. They accept every common spelling the parsers above accept and refuse the
# usual mistakes (a wrong unit, 7/5, 140%, maybe); `touchaudit validate` stays the authority.
_JS_NUMBER = r"([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?"
_JS_SPECIAL = set("\\^$.|?*+()[]{}-")


def _any_case(text: str) -> str:
    """`text` as a pattern matching it in any case, with any run of spaces, around slashes too."""
    out = []
    for char in _normal_unit(text):
        if char.isalpha():
            out.append(f"[{char.lower()}{char.upper()}]" if char.lower() != char.upper() else char)
        elif char == " ":
            out.append(r"\s+")
        elif char == "/":
            out.append(r"\s*/\s*")
        else:
            out.append("\\" + char if char in _JS_SPECIAL else char)
    return "".join(out)


def _one_of(words: Iterable[str]) -> str:
    return "|".join(_any_case(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _up_to(scale: float) -> str | None:
    """A number from 0 to a whole `scale` of 1 to 10; None for another scale."""
    if scale != int(scale) or not 1 <= scale <= 10:
        return None
    top = int(scale)
    return rf"0*([0-{top - 1}](\.[0-9]*)?|\.[0-9]+|{top}(\.0*)?)"


def value_pattern(kind: ValueKind, unit: str, scale: float = 5.0) -> str:
    """The pattern of a measured value written as text, for a criterion of `kind` in `unit`."""
    if kind is _BOOLEAN:
        body = _one_of(_BOOLEANS)
    elif kind is _DURATION:
        words = _one_of(_UNIT_WORDS)
        part = rf"{_JS_NUMBER}\s*({words})"
        body = "|".join(
            (
                _JS_NUMBER,
                rf"{part}(\s*{part})*",
                r"[Pp][0-9.,TtWwDdHhMmSs]+",
                r"[0-9]+:[0-9]{2}(:[0-9]{2})?(\.[0-9]+)?",
                rf"-\s*(0+(\.0*)?|\.0+)(\s*({words}))?",  # minus zero is zero
            )
        )
    elif kind is _PERCENT:
        in_range = r"0*(100(\.0*)?|[0-9]{1,2}(\.[0-9]*)?|\.[0-9]+)"
        exponent = r"([0-9]+(\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+"  # 1e1%: left to validate
        body = rf"\+?({in_range}|{exponent})\s*%?"
    elif kind is _RATING:
        top = _up_to(scale)
        if top is None:
            body = rf"\+?{_JS_NUMBER}(\s*/\s*\+?{_JS_NUMBER})?"
        else:
            same = rf"0*{int(scale)}(\.0*)?"
            body = (
                rf"\+?{top}(\s*/\s*\+?{same})?"
                rf"|\+?{_JS_NUMBER}\s*/\s*\+?(?!{same}\s*$){_JS_NUMBER}"
            )
    else:
        suffix = rf"(\s*({_one_of(_unit_forms(unit))}))?" if _unit_forms(unit) else ""
        body = rf"[+-]?{_JS_NUMBER}{suffix}"
    not_applicable = _one_of(("n/a", "not applicable"))
    return rf"^\s*({body}|{not_applicable})\s*$"
