"""The terminal output of `touchaudit compare`, and its warnings for stderr."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from touchaudit.comparison.result import Comparison, Match, Presence
from touchaudit.reading.errors import Problem
from touchaudit.reading.limits import SHOWN, more_text
from touchaudit.render.terminal import console_text, plain
from touchaudit.render.terminal.parts import delta_cell, new_table, plan_tables, score_cell
from touchaudit.render.wording import (
    FLAG_TEXT,
    NO_VALUE,
    coverage_cell,
    group_cell,
    impact_text,
    journey_text,
    range_text,
)


def _summary(c: Comparison) -> list[RenderableType]:
    sides = c.sides
    labels = [s.label for s in sides]
    every = tuple(range(1, len(labels) + 1))
    summary = new_table("Summary (one set of thresholds: ours)", "", *labels, right=every)
    summary.add_row("Overall", *(score_cell(s.card.score) for s in sides))
    summary.add_row("Range", *(range_text(s.card.low, s.card.high) for s in sides))
    summary.add_row("Coverage", *(coverage_cell(s.card) for s in sides))
    summary.add_row("Touchpoints", *(str(len(s.card.touchpoints)) for s in sides))
    summary.add_row("Expected touchpoints present", *(journey_text(s) for s in sides))
    stages = new_table("By stage: score (touchpoints)", "Stage", *labels, right=every)
    for stage in c.stage_ids:
        stages.add_row(stage, *(group_cell(s.stage(stage)) for s in sides))
    channels = new_table("By channel: score (touchpoints)", "Channel", *labels, right=every)
    for channel in c.channel_ids:
        channels.add_row(channel, *(group_cell(s.channel(channel)) for s in sides))
    return [summary, stages, channels]


def _presence(title: str, items: tuple[Presence, ...], *, with_impact: bool) -> RenderableType:
    if not items:
        return Text(f"{title}: nothing\n")
    columns = ["What", "Kind", "Channel", "Stages", "Score"] + (["Impact"] if with_impact else [])
    table = new_table(title, *columns, right=(4, 5))
    for p in items:
        channel = Text(p.channel)
        if p.channel_missing:
            channel.append(" (whole channel)", style="bold")
        row: list[Text | str] = [Text(p.name), p.kind.value, channel, ", ".join(p.stages)]
        row.append(score_cell(p.score))
        if with_impact:
            row.append(impact_text(p.impact))
        table.add_row(*row)
    return table


def _match(c: Comparison, match: Match) -> Table:
    title = (
        f"{match.ours.name} [{match.ours.id}] vs {match.competitor}: "
        f"{match.theirs.name} [{match.theirs.id}], matched by {match.by.value}"
    )
    columns = ("Criterion", c.ours.label, "Score", match.competitor, "Score", "Δ", "Note")
    table = new_table(title, *columns, right=(1, 2, 3, 4, 5))
    for r in c.criteria_of(match):
        table.add_row(
            Text(r.criterion.label),
            r.ours.shown_value if r.ours else NO_VALUE,
            score_cell(r.ours_score),
            r.theirs.shown_value if r.theirs else NO_VALUE,
            score_cell(r.theirs_score),
            delta_cell(r.delta),
            Text(FLAG_TEXT.get(r.flag.value, ""), style="yellow"),
        )
    return table


def comparison(c: Comparison) -> RenderableType:
    """`touchaudit compare`: summary, what each side lacks, criteria side by side, top gaps."""
    ours = c.ours.label
    head = Text()
    head.append(ours, style="bold")
    head.append(" compared with ")
    head.append(", ".join(s.label for s in c.theirs), style="bold")
    parts: list[RenderableType] = [head, *_summary(c)]
    for side in c.theirs:
        missing = tuple(p for p in c.missing if p.competitor == side.label)
        extra = tuple(p for p in c.advantages if p.competitor == side.label)
        parts.append(
            _presence(f"What {side.label} has and {ours} lacks", missing, with_impact=True)
        )
        parts.append(_presence(f"What {ours} has and {side.label} lacks", extra, with_impact=False))
        pairs = c.matches_of(side.label)
        parts.extend(_match(c, m) for m in pairs[:SHOWN])
        if len(pairs) > SHOWN:
            parts.append(
                Text(more_text(len(pairs) - SHOWN, "touchpoint pairs") + "\n", style="dim")
            )
    parts.extend(plan_tables(c.plan))
    return Group(*parts)


def comparison_text(c: Comparison) -> str:
    """The comparison as the stdout console prints it."""
    return console_text(comparison(c))


def comparison_plain(c: Comparison) -> str:
    """The comparison without colours, for `--output FILE`."""
    return plain(comparison(c))


def warnings(problems: tuple[Problem, ...]) -> Table:
    """The warnings of the compared files, as a table for stderr."""
    table = new_table("Warnings", "Where", "Warning", "Code")
    for p in problems:
        table.add_row(p.location, Text(p.message, style="yellow"), Text(p.code, style="dim"))
    return table


def warnings_text(problems: tuple[Problem, ...]) -> str:
    """The warnings table as the stderr console prints it; nothing without warnings."""
    return console_text(warnings(problems), err=True) if problems else ""
