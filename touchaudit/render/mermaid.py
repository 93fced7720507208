"""Text safe inside a Mermaid diagram: what the report's journey and the trend's xychart write
from an audit or a label (the templates' `mermaid` filter, trend_markdown.py)."""

from __future__ import annotations

import re

_MERMAID_UNSAFE = re.compile(r"[^\w .()'/+\-]")
# The words that open a statement in a `journey` diagram (its lexer ignores case).
_MERMAID_KEYWORD = re.compile(r"(?i)(title|section|journey|acctitle|accdescr)(\s|$)")


def mermaid_text(text: object, limit: int | None = None) -> str:
    """Text safe in a Mermaid line or quoted label: no colons, semicolons, `#`, quotes,
    newlines or markup; with `limit`, cut after a whole word to at most that many characters
    and ended with `…` (diagram labels stay short; the tables below give the full names).

    A text that starts with one of the journey diagram's keywords (`section Pwned`) would
    start a section or replace the title: its first letter becomes a Mermaid entity code
    (`#115;`), which Mermaid shows as the letter itself.
    """
    cleaned = " ".join(_MERMAID_UNSAFE.sub(" ", str(text)).split())
    if limit is not None and len(cleaned) > limit:
        cut = cleaned[: limit - 1]
        cleaned = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" .(/+-") + "…"
    if _MERMAID_KEYWORD.match(cleaned):
        cleaned = f"#{ord(cleaned[0])};{cleaned[1:]}"
    return cleaned or "untitled"
