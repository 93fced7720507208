"""Rich tables of `touchaudit compare`, and its warnings for stderr."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from touchaudit.comparison import Comparison, Match, Presence
from touchaudit.errors import Problem
from touchaudit.limits import SHOWN, more_text
from touchaudit.render.markdown_compare import FLAG_TEXT, delta_text, group_cell, journey_text
from touchaudit.render.terminal import BAND_STYLE, TOP_GAPS, gaps_table
from touchaudit.results import band_of


def _score(score: float | None) -> Text:
    return Text("—" if score is None else f"{score:.1f}", style=BAND_STYLE[band_of(score)])


def _delta(delta: float | None) -> Text:
    style = "" if delta is None or round(delta, 1) == 0 else ("green" if delta > 0 else "red")
    return Text(delta_text(delta), style=style)


def _table(title: str, *columns: str, right: tuple[int, ...] = ()) -> Table:
    """A table whose title is plain text (ids such as [website] are not Rich markup);
    the columns at the `right` indexes hold numbers."""
    table = Table(title=Text(title), title_justify="left", box=box.SIMPLE_HEAD)
    for index, name in enumerate(columns):
        table.add_column(Text(name), justify="right" if index in right else "left")
    return table


def _summary(c: Comparison) -> list[RenderableType]:
    sides = c.sides
    labels = [s.label for s in sides]
    every = tuple(range(1, len(labels) + 1))
    summary = _table("Summary (one set of thresholds: ours)", "", *labels, right=every)
    summary.add_row("Overall", *(_score(s.card.score) for s in sides))
    summary.add_row("Coverage", *(f"{s.card.coverage:.0%}" for s in sides))
    summary.add_row("Touchpoints", *(str(len(s.card.touchpoints)) for s in sides))
    summary.add_row("Expected touchpoints present", *(journey_text(s) for s in sides))
    stages = _table("By stage: score (touchpoints)", "Stage", *labels, right=every)
    for stage in c.stage_ids:
        stages.add_row(stage, *(group_cell(s.stage(stage)) for s in sides))
    channels = _table("By channel: score (touchpoints)", "Channel", *labels, right=every)
    for channel in c.channel_ids:
        channels.add_row(channel, *(group_cell(s.channel(channel)) for s in sides))
    return [summary, stages, channels]


def _presence(title: str, items: tuple[Presence, ...], *, with_impact: bool) -> RenderableType:
    if not items:
        return Text(f"{title}: nothing\n")
    columns = ["What", "Kind", "Channel", "Stages", "Score"] + (["Impact"] if with_impact else [])
    table = _table(title, *columns, right=(4, 5))
    for p in items:
        channel = Text(p.channel)
        if p.channel_missing:
            channel.append(" (whole channel)", style="bold")
        row: list[Text | str] = [Text(p.name), p.kind.value, channel, ", ".join(p.stages)]
        row.append(_score(p.score))
        if with_impact:
            row.append(f"+{p.impact:.1f}")
        table.add_row(*row)
    return table


def _match(c: Comparison, match: Match) -> Table:
    title = (
        f"{match.ours.name} [{match.ours.id}] vs {match.competitor}: "
        f"{match.theirs.name} [{match.theirs.id}], matched by {match.by.value}"
    )
    columns = ("Criterion", c.ours.label, "Score", match.competitor, "Score", "Δ", "Note")
    table = _table(title, *columns, right=(1, 2, 3, 4, 5))
    for r in c.criteria_of(match):
        table.add_row(
            Text(r.criterion.label),
            r.ours.shown_value if r.ours else "—",
            _score(r.ours_score),
            r.theirs.shown_value if r.theirs else "—",
            _score(r.theirs_score),
            _delta(r.delta),
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
    parts.append(gaps_table(c.gaps[:TOP_GAPS], f"Top gaps (of {len(c.gaps)})"))
    return Group(*parts)


def warnings(problems: tuple[Problem, ...]) -> Table:
    """The warnings of the compared files, as a table for stderr."""
    table = _table("Warnings", "Where", "Warning", "Code")
    for p in problems:
        table.add_row(p.location, Text(p.message, style="yellow"), Text(p.code, style="dim"))
    return table
