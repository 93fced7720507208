"""The terminal output of `touchaudit score`: overall, stages, channels, touchpoints, top gaps."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from touchaudit.reading.limits import SHOWN, more_text
from touchaudit.reading.visible import visible
from touchaudit.render.terminal import console_text, plain
from touchaudit.render.terminal.journey import chains, journey
from touchaudit.render.terminal.parts import band_cell, plan_tables, score_cell
from touchaudit.render.wording import (
    completeness_text,
    coverage_text,
    not_applicable_text,
    provisional_text,
    range_text,
)
from touchaudit.scoring.results import GroupScore, Scorecard, TouchpointScore


def scorecard(card: Scorecard) -> RenderableType:
    """Overall, stages, channels, touchpoints, journey, chains, top gaps."""
    head = Text()
    head.append(f"{card.company}", style="bold")
    head.append(f"  ({visible(card.file)})\n", style="dim")
    head.append("Overall score ")
    head.append_text(score_cell(card.score))
    head.append("  ")
    head.append_text(band_cell(card.band))
    head.append(f"   coverage {card.coverage:.0%} ({card.measured} of {card.expected} criteria)")
    head.append(f"\n{coverage_text(card)}; {completeness_text(card)}")
    if card.provisional:
        head.append(f"\n{provisional_text(card)}", style="yellow")
    parts: list[RenderableType] = [head, _groups("Stage", card.stages)]
    parts.append(_groups("Channel", card.channels))
    parts.extend(_touchpoint(tp) for tp in card.touchpoints[:SHOWN])
    hidden = len(card.touchpoints) - SHOWN
    if hidden > 0:
        parts.append(Text(more_text(hidden, "touchpoints") + "\n", style="dim"))
    parts.extend(journey(card.journey))
    parts.extend(chains(card.chains))
    if card.not_applicable:
        parts.append(_not_applicable(card))
    parts.extend(plan_tables(card.plan))
    return Group(*parts)


def scorecard_text(card: Scorecard) -> str:
    """The scorecard as the stdout console prints it (in a worker too: see `console_text`)."""
    return console_text(scorecard(card))


def scorecards_plain(cards: Sequence[Scorecard]) -> str:
    """The scorecards without colours, for `--output FILE`."""
    return "".join(scorecard_plain(card) for card in cards)


def scorecard_plain(card: Scorecard) -> str:
    """One scorecard without colours, for `--output FILE` (in a worker too)."""
    return plain(scorecard(card))


def _groups(title: str, groups: tuple[GroupScore, ...]) -> Table:
    table = Table(title=f"By {title.lower()}", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column(title)
    table.add_column("Score", justify="right")
    table.add_column("Range", justify="right")
    table.add_column("Band")
    table.add_column("Touchpoints", justify="right")
    for group in groups:
        count = str(group.touchpoints) + (f" + {group.missing} missing" if group.missing else "")
        table.add_row(
            group.id,
            score_cell(group.score),
            range_text(group.low, group.high),
            band_cell(group.band),
            count,
        )
    return table


def _not_applicable(card: Scorecard) -> Text:
    lines = [not_applicable_text(entry) for entry in card.not_applicable[:SHOWN]]
    hidden = len(card.not_applicable) - SHOWN
    if hidden > 0:
        lines.append(more_text(hidden, "entries"))
    return Text("Not applicable (left out of every score)\n  " + "\n  ".join(lines) + "\n")


def _touchpoint(tp: TouchpointScore) -> Table:
    title = Text(f"{tp.name} [{tp.id}, {tp.channel_shown}]  ")
    title.append_text(score_cell(tp.score))
    if tp.capped_by:
        title.append(f"  capped at 49: {tp.capped_by} is poor", style="red")
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Criterion")
    table.add_column("Value", justify="right")
    table.add_column("Score", justify="right")
    table.add_column("Band")
    for c in tp.criteria:
        table.add_row(c.criterion.label, c.shown_value, score_cell(c.score), band_cell(c.band))
    return table
