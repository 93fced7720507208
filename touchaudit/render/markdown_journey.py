"""Markdown of the journey and chains sections of `touchaudit score`."""

from __future__ import annotations

from touchaudit.limits import SHOWN, more_text
from touchaudit.render.markdown import band_text, escape, score_text, table
from touchaudit.results import BreakKind, ChainBreak, ChainScore, ItemStatus, Journey, JourneyStage


def _labels(stage: JourneyStage, status: ItemStatus) -> str:
    return ", ".join(i.label for i in stage.with_status(status)) or "—"


def journey(journey: Journey | None) -> str:
    """Expected touchpoints per stage: present, missing, unmeasured; empty stages marked."""
    if journey is None:
        return ""
    if journey.checklist:
        head = (
            f"### Journey: {escape(journey.checklist)} checklist, {journey.present} of "
            f"{journey.expected} expected touchpoints\n"
        )
    else:
        head = "### Journey (no checklist for this business type)\n"
    rows = [
        (
            s.id,
            len(s.touchpoints) or "none: a hole in the journey",
            _labels(s, ItemStatus.PRESENT),
            _labels(s, ItemStatus.MISSING),
            _labels(s, ItemStatus.UNMEASURED),
        )
        for s in journey.stages
    ]
    return head + "\n" + table(("Stage", "Touchpoints", "Present", "Missing", "Unmeasured"), rows)


def break_text(b: ChainBreak) -> str:
    """`skips comparison between ad and reception` or `goes back from survey to ad`."""
    if b.kind is BreakKind.SKIPS:
        return f"skips {', '.join(b.stages)} between {b.from_step} and {b.to_step}"
    return f"goes back from {b.from_step} to {b.to_step}"


def chains(items: tuple[ChainScore, ...]) -> str:
    """Each chain: its weakest step bounds it; breaks in the journey flagged."""
    if not items:
        return ""
    rows = [
        (
            c.name,
            score_text(c.score),
            band_text(c.score),
            c.weakest or "—",
            " → ".join(s.touchpoint for s in c.steps),
            "; ".join(break_text(b) for b in c.breaks) or "—",
        )
        for c in items[:SHOWN]
    ]
    more = more_text(len(items) - SHOWN, "chains")
    return (
        "### Chains (each as strong as its weakest step)\n\n"
        + table(("Chain", "Score", "Band", "Weakest step", "Steps", "Journey breaks"), rows)
        + (f"\n{more}\n" if more else "")
    )
