"""Wording shared by every output format: scores, deltas, impacts, groups, journey breaks.

Plain text only: no Rich styles, no Markdown escaping (each format applies its own), so that
the terminal, Markdown, JSON and the starter audit say the same thing the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from touchaudit.scoring.results import BreakKind, ChainBreak, GroupScore

if TYPE_CHECKING:
    from touchaudit.comparison.result import Side

# How many gaps a scorecard or comparison shows (the JSON has them all).
TOP_GAPS = 10
NO_VALUE = "—"
FLAG_TEXT = {
    "only_theirs": "only they measured it",
    "only_ours": "only we measured it",
}


def rounded(value: float | None) -> float | None:
    """A score, delta or impact as a number in output: one decimal, as `score_text` shows it."""
    return None if value is None else round(value, 1)


def score_text(score: float | None) -> str:
    """`84.3` or `—`."""
    return NO_VALUE if score is None else f"{score:.1f}"


def delta_text(delta: float | None) -> str:
    """`+12.5`, `-3.0`, `0.0` or `—`."""
    if delta is None:
        return NO_VALUE
    return f"{delta:+.1f}" if round(delta, 1) != 0 else "0.0"


def impact_text(points: float) -> str:
    """Points of overall score a gap is worth: `+3.2`."""
    return f"+{points:.1f}"


def group_cell(group: GroupScore | None) -> str:
    """`84.3 (2)`: score and touchpoint count, or `—` when the side lacks it."""
    if group is None or group.touchpoints == 0:
        return NO_VALUE
    return f"{score_text(group.score)} ({group.touchpoints})"


def journey_text(side: Side) -> str:
    """`5 of 15` expected touchpoints, or `—` without a checklist."""
    journey = side.card.journey
    if journey is None or not journey.expected:
        return NO_VALUE
    return f"{journey.present} of {journey.expected}"


def break_text(b: ChainBreak) -> str:
    """`skips comparison between ad and reception` or `goes back from survey to ad`."""
    if b.kind is BreakKind.SKIPS:
        return f"skips {', '.join(b.stages)} between {b.from_step} and {b.to_step}"
    return f"goes back from {b.from_step} to {b.to_step}"
