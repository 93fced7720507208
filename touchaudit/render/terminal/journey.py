"""The journey and chains sections of `touchaudit score` in the terminal."""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from touchaudit.reading.limits import SHOWN, more_text
from touchaudit.render.terminal.parts import score_cell
from touchaudit.render.wording import NO_VALUE, break_text
from touchaudit.scoring.results import ChainScore, ItemStatus, Journey, JourneyStage


def _labels(stage: JourneyStage, status: ItemStatus, style: str) -> Text:
    return Text(", ".join(i.label for i in stage.with_status(status)), style=style)


def journey(journey: Journey | None) -> list[RenderableType]:
    """Per stage: how many touchpoints serve it, and the checklist's present/missing items."""
    if journey is None:
        return []
    if journey.checklist:
        title = (
            f"Journey: {journey.checklist} checklist, "
            f"{journey.present} of {journey.expected} expected touchpoints"
        )
    else:
        title = "Journey (no checklist for this business type)"
    table = Table(title=Text(title), title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Stage")
    table.add_column("Touchpoints", justify="right")
    table.add_column("Present")
    table.add_column("Missing")
    table.add_column("Unmeasured")
    for s in journey.stages:
        count = Text(str(len(s.touchpoints))) if s.touchpoints else Text("none", style="bold red")
        table.add_row(
            s.id,
            count,
            _labels(s, ItemStatus.PRESENT, "green"),
            _labels(s, ItemStatus.MISSING, "red"),
            _labels(s, ItemStatus.UNMEASURED, "dim"),
        )
    return [table]


def chains(items: tuple[ChainScore, ...]) -> list[RenderableType]:
    """Each chain with its score, bounded by the weakest step, and its journey breaks."""
    if not items:
        return []
    table = Table(
        title="Chains (each as strong as its weakest step)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("Chain")
    table.add_column("Score", justify="right")
    table.add_column("Weakest step")
    table.add_column("Steps")
    table.add_column("Journey breaks")
    for c in items[:SHOWN]:
        table.add_row(
            Text(c.name),  # user text: brackets in it are not Rich markup
            score_cell(c.score),
            c.weakest or NO_VALUE,
            " → ".join(s.touchpoint for s in c.steps),
            Text(
                "; ".join(break_text(b) for b in c.breaks) or NO_VALUE,
                style="red" if c.breaks else "",
            ),
        )
    hidden = len(items) - SHOWN
    return [table, Text(more_text(hidden, "chains") + "\n", style="dim")] if hidden > 0 else [table]
