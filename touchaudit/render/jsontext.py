"""Indented JSON text for every JSON output (and SARIF): orjson, always valid UTF-8.

orjson writes the text of `json.dumps(data, indent=2, ensure_ascii=False)` about six times
faster than our own writer did (BENCHMARKS.md), keys in order, enums as their values. Two
differences, both for the better: NaN and infinities become `null` (json.dumps writes `NaN`,
which is not JSON), and very large or small floats use the shortest exponent form (`1e+16`,
`0.00005`). A string that is not valid UTF-8 — a file name byte Python keeps as a lone
surrogate — takes the standard library's path, with the surrogate written as its JSON escape.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
# For data whose keys are all plain `str`: orjson checks them faster (15% of a scorecard's).
_STR_KEY_OPTIONS = orjson.OPT_INDENT_2
_INDENT = "  "


def dumps(data: Any, *, level: int = 0, end: str = "") -> str:
    """`data` as indented JSON text, then `end`.

    With `level`, the text is indented as an item nested that deep in a larger document.
    """
    return encode(data, level=level, end=end).decode()


def encode(data: Any, *, level: int = 0, end: str = "", str_keys: bool = False) -> bytes:
    """`dumps` as UTF-8 bytes, for an output written as it is: a large document is then never
    held as text as well (a scorecard of 100k touchpoints is 700 MB). `str_keys`: every key in
    `data` is a plain `str` (no enum, number or subclass), which is written faster."""
    option = _STR_KEY_OPTIONS if str_keys else _OPTIONS
    try:
        if not level and end == "\n":
            # orjson writes the newline: appending it would copy the whole document.
            return orjson.dumps(data, option=option | orjson.OPT_APPEND_NEWLINE)
        encoded = _nested(data, level, option)
    except TypeError:  # a lone surrogate (orjson refuses it), or a type orjson does not know
        text = escape_surrogates(json.dumps(data, indent=2, ensure_ascii=False))
        if level:
            text = text.replace("\n", "\n" + _INDENT * level)
        return (text + end).encode()
    return encoded + end.encode() if end else encoded


def items(data: list[Any], indent: str, *, str_keys: bool = False) -> bytes:
    """The items of a non-empty list as they stand in a larger document, where the list's items
    are indented by `indent`: joined, without the brackets, as UTF-8 bytes, so that several
    lists' items can be written one after the other as one list. `str_keys` as for `encode`."""
    level = len(indent) // len(_INDENT)
    text = encode(data, level=level - 1, str_keys=str_keys)
    return text[2 + len(indent) : len(text) - 2 - len(_INDENT) * (level - 1)]


def _nested(data: Any, level: int, option: int = _OPTIONS) -> bytes:
    """orjson's text of `data` as an item `level` lists deep, without those lists' brackets.

    orjson has no starting indent: the item is written inside `level` lists, which indents it
    as it would be in place, and the brackets around it are cut off (faster than indenting
    every line of the text again).
    """
    for _ in range(level):
        data = [data]
    encoded = orjson.dumps(data, option=option)
    if not level:
        return encoded
    # Around the item, the list at depth d (from 0) opens with `[`, a line break and the
    # item's indent at d + 1, and closes with a line break, its own indent and `]`.
    head = sum(2 + len(_INDENT) * (depth + 1) for depth in range(level))
    tail = sum(2 + len(_INDENT) * depth for depth in range(level))
    return encoded[head : len(encoded) - tail]


_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """Lone surrogates written as the six characters of their JSON escape (`\\udce9`).

    Python keeps a byte of a file name (or an argument) that is not UTF-8 as a lone surrogate;
    written as such it would make the output invalid UTF-8. In JSON the escape reads back as the
    same surrogate (`os.fsencode` gives the byte again); formats that cannot hold it at all
    (XML) write the same six characters, so every output spells it alike.
    """
    if text.isascii():  # the common case, without a pass over the text
        return text
    return _SURROGATE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
