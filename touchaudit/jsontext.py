"""Indented JSON text, fast: the very bytes of `json.dumps(data, indent=2, ensure_ascii=False)`,
except that lone surrogates are escaped, so that the text is always valid UTF-8.

With `indent`, Python's json module leaves its C encoder aside and encodes through a chain of
generators, one per nesting level: most of the time of `touchaudit score --format json` went
there. This writer appends to one list and encodes scalars with the C functions json uses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

# The same string encoder json.dumps uses with ensure_ascii=False (C when available).
_encode_str: Callable[[str], str] = json.encoder.encode_basestring
_INDENT = "  "


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _true(_: object) -> str:
    return "true"


def _false(_: object) -> str:
    return "false"


def _null(_: object) -> str:
    return "null"


def _bool(value: bool) -> str:
    return "true" if value else "false"


# Exact types only: subclasses (a StrEnum, an IntEnum) take the slower, general path.
_SCALARS: dict[type, Callable[[Any], str]] = {
    str: _encode_str,
    int: int.__repr__,
    float: _float,
    bool: _bool,
    type(None): _null,
}


def dumps(data: Any, *, level: int = 0, end: str = "") -> str:
    """`json.dumps(data, indent=2, ensure_ascii=False) + end`, faster for large nested data.

    With `level`, the text is indented as an item nested that deep in a larger document.
    """
    out: list[str] = []
    _write(data, out, "\n" + _INDENT * level)
    out.append(end)  # here rather than after: a second copy of a large text costs its size
    return escape_surrogates("".join(out))


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


def _write(value: Any, out: list[str], newline: str) -> None:
    """Append `value` at the indentation that `newline` ("\\n" + spaces) carries."""
    kind = type(value)
    if kind is dict:
        _write_dict(value, out, newline)
        return
    if kind is list:
        _write_list(value, out, newline)
        return
    scalar = _SCALARS.get(kind)
    if scalar is not None:
        out.append(scalar(value))
    elif isinstance(value, str):
        out.append(_encode_str(value))
    elif value is None or isinstance(value, bool | int | float):
        out.append(_scalar(value))
    elif isinstance(value, list | tuple):
        _write_list(value, out, newline)
    elif isinstance(value, dict):
        _write_dict(value, out, newline)
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    return _float(float(value))


def _write_list(items: list[Any] | tuple[Any, ...], out: list[str], newline: str) -> None:
    if not items:
        out.append("[]")
        return
    inner = newline + _INDENT
    flat = _FLAT
    for item in items:
        if type(item) not in flat:
            break
    else:
        out.append("[" + inner + _flat_text(items, inner)[1:-1] + newline + "]")
        return
    separator = "," + inner
    out.append("[" + inner)
    first = True
    for item in items:
        if first:
            first = False
        else:
            out.append(separator)
        _write(item, out, inner)
    out.append(newline + "]")


def _write_dict(mapping: dict[Any, Any], out: list[str], newline: str) -> None:
    if not mapping:
        out.append("{}")
        return
    inner = newline + _INDENT
    flat = _FLAT
    for item in mapping.values():
        if type(item) not in flat:
            break
    else:
        out.append("{" + inner + _flat_text(mapping, inner)[1:-1] + newline + "}")
        return
    separator = "," + inner
    scalars = _SCALARS
    out.append("{" + inner)
    first = True
    for key, item in mapping.items():
        if first:
            first = False
        else:
            out.append(separator)
        name = _encode_str(key) if type(key) is str else _key(key)
        scalar = scalars.get(type(item))
        if scalar is not None:
            out.append(name + ": " + scalar(item))
        else:
            out.append(name + ": ")
            _write(item, out, inner)
    out.append(newline + "}")


def _key(key: Any) -> str:
    """Keys as json.dumps turns them into strings (skipkeys off: others are an error)."""
    if isinstance(key, str):
        return _encode_str(key)
    if key is None or isinstance(key, bool | int | float):
        return _encode_str(_scalar(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


# --------------------------------------------------------------------------- flat containers

# Containers holding only these (exact) types are encoded in one call of json's C encoder.
_FLAT = frozenset(_SCALARS)
_flat_encoders: dict[str, Callable[[Any], str]] = {}


def _flat_text(container: Any, inner: str) -> str:
    """`[a, b]` or `{"k": v}` with `,` + `inner` between the items; the caller fixes the ends."""
    encode = _flat_encoders.get(inner)
    if encode is None:
        encode = _flat_encoders[inner] = _flat_encoder("," + inner)
    return encode(container)


def _refuse(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _flat_encoder(separator: str) -> Callable[[Any], str]:
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - a Python built without the _json accelerator
        python = json.JSONEncoder(ensure_ascii=False, separators=(separator, ": "))
        return python.encode
    # Without indent, the C encoder writes the item separator we give it between items; the
    # same floats (repr, NaN, Infinity), strings and keys as json.dumps.
    c_encoder = make(None, _refuse, _encode_str, None, ": ", separator, False, False, True)

    def encode(container: Any) -> str:
        return "".join(c_encoder(container, 0))

    return encode
