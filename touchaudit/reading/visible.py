"""Text made safe to show: invisible and control characters become visible `<U+200B>` marks.

Messages quote what the user wrote. A zero-width space inside an id, a right-to-left mark or a
line break would otherwise be invisible in the message, reorder the terminal line, or split one
finding over two lines.
"""

from __future__ import annotations

import re
import unicodedata

# Control, format (zero-width, bidirectional), private-use, surrogate and unassigned characters,
# line and paragraph separators, and every space other than the plain one.
_HIDDEN_CATEGORIES = frozenset(("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp", "Zs"))


def is_hidden(char: str) -> bool:
    """True for a character a reader cannot see or that changes how the text around it shows."""
    return char != " " and unicodedata.category(char) in _HIDDEN_CATEGORIES


def visible(text: str) -> str:
    """`text` with each hidden character written as `<U+XXXX>`."""
    if text.isascii() and text.isprintable():
        return text  # the common case, without a pass over every character
    return "".join(f"<U+{ord(c):04X}>" if is_hidden(c) else c for c in text)


# Characters no output may carry: controls (terminal escapes, carriage return, NUL), the
# bidirectional overrides and isolates that make text display in another order than it reads,
# hidden line breaks and non-characters. Tab and line feed only where text may run over lines.
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff"
_UNSAFE_IN_TEXT = re.compile(f"[{_UNSAFE}]")
_UNSAFE_ON_ONE_LINE = re.compile(f"[\t\n{_UNSAFE}]")


def first_unsafe(text: str, *, one_line: bool = True) -> str | None:
    """The first character of `text` no output may carry (with `one_line`, tab and line feed
    too), if any: the loader refuses them in audits, the CLI in labels."""
    found = (_UNSAFE_ON_ONE_LINE if one_line else _UNSAFE_IN_TEXT).search(text)
    return found.group() if found else None


def describe(char: str) -> str:
    """`U+200B (ZERO WIDTH SPACE)`, or `U+0007` for a character without a name."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def first_foreign(text: str, allowed: str) -> tuple[int, str] | None:
    """The position and a description of the first character of `text` not in `allowed`."""
    for index, char in enumerate(text):
        if char not in allowed:
            kind = ", an invisible character," if is_hidden(char) else ""
            return index, f"{describe(char)}{kind}"
    return None
