"""Markdown that always fits where it is posted: GitHub refuses a pull-request comment over
65,536 characters and a job summary over 1 MiB.

A document is a sequence of blocks (a heading, a paragraph, a table, the opening or closing of a
`<details>`), most important first. `fit` keeps whole blocks in order while they fit, closes any
`<details>` left open, and ends with one line that says what was left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from touchaudit.reading.errors import UsageError

COMMENT_LIMIT = 65_536  # characters of a pull-request or issue comment
STEP_SUMMARY_LIMIT = 1024 * 1024  # bytes of one step's job summary
_CLOSE = "\n</details>\n"
_NOTICE_ROOM = 600  # the closing line, with room for the sections it names
_NAMED = 6  # sections named in the closing line; the rest are counted


class Block(NamedTuple):
    """A piece of a document that is kept or left out whole. `section` names what a reader
    misses without it; `fold` is 1 where a `<details>` opens, -1 where it closes."""

    text: str
    section: str = ""
    fold: int = 0


def opening(summary: str, section: str = "") -> Block:
    """The start of a folded part: `summary` is shown, the rest opens on a click."""
    return Block(f"<details><summary>{summary}</summary>\n\n", section, 1)


CLOSING = Block(_CLOSE, "", -1)


MIN_LIMIT = 1000  # room for a headline and the closing line


def comment_limit(max_chars: int | None) -> int | None:
    """`--max-chars` for Markdown output: GitHub's comment limit by default, 0 for none."""
    if max_chars and max_chars < MIN_LIMIT:
        raise UsageError(f"--max-chars must be 0 (no limit) or at least {MIN_LIMIT:,}")
    return COMMENT_LIMIT if max_chars is None else max_chars or None


def summary_limit(max_chars: int | None, room: int) -> int:
    """The job summary's limit: the `room` left in the step's summary, less with `--max-chars`."""
    return min(room, max_chars) if max_chars else room


def utf8_size(text: str) -> int:
    """The size GitHub counts for a job summary: bytes of UTF-8."""
    return len(text.encode("utf-8", "surrogateescape"))


def fit(
    blocks: Sequence[Block],
    limit: int | None,
    *,
    size: Callable[[str], int] = len,
    what: str | None = None,
    unit: str = "characters",
) -> str:
    """The blocks joined, cut before the first block that would take it over `limit` (None: no
    limit), with open `<details>` closed and a closing line naming what was left out."""
    whole = "".join(b.text for b in blocks)
    if limit is None or size(whole) <= limit:
        return whole
    kept: list[str] = []
    used = depth = cut = 0
    for cut, block in enumerate(blocks):  # noqa: B007 - `cut` is where the rest starts
        after = depth + block.fold
        if used + size(block.text) + size(_CLOSE) * after + _NOTICE_ROOM > limit:
            break
        kept.append(block.text)
        used += size(block.text)
        depth = after
    kept.append(_CLOSE * depth)
    if what is None:
        what = "GitHub's limit for a comment" if limit == COMMENT_LIMIT else "--max-chars"
    kept.append(_notice(blocks[cut:], f"{limit:,} {unit} ({what})"))
    return "".join(kept)


def _notice(left: Sequence[Block], limit: str) -> str:
    sections = list(dict.fromkeys(b.section for b in left if b.section))
    named = ", ".join(sections[:_NAMED])
    if len(sections) > _NAMED:
        named += f" and {len(sections) - _NAMED} more"
    line = (
        f"\n✂️ **Cut here to fit {limit}**. Left out: {named or 'the rest'}. "
        "`--format json` has everything; `--max-chars` sets the limit.\n"
    )
    return line if len(line) <= _NOTICE_ROOM else line[: _NOTICE_ROOM - 2] + "…\n"
