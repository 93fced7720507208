"""The terminal output of `touchaudit trend`: the overall per audit, stages and channels over
time, and what moved most between consecutive audits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from rich.console import Group, RenderableType
from rich.text import Text

from touchaudit.comparison.trend_result import Trend, TrendStep
from touchaudit.render.history.words import point_coverage, trend_title
from touchaudit.render.terminal import console_text, plain
from touchaudit.render.terminal.parts import BAND_STYLE, delta_cell, new_table, score_cell
from touchaudit.render.wording import NO_VALUE, delta_text, range_text, score_text
from touchaudit.scoring.results import band_of


def _overall(trend: Trend) -> RenderableType:
    table = new_table("Overall", "Audit", "Date", "Overall", "Δ", "Range", "Coverage", right=(2, 3))
    deltas: Sequence[float | None] = [None, *(s.overall for s in trend.steps)]
    for point, delta in zip(trend.points, deltas, strict=True):
        table.add_row(
            Text(point.label),
            point.audited_on.isoformat() if point.audited_on else NO_VALUE,
            score_cell(point.score),
            delta_cell(delta),
            range_text(point.low, point.high),
            point_coverage(point),
        )
    return table


def _cell(score: float | None, delta: float | None) -> Text:
    """`72.1 (+3.0)`: the score in its band's colour, the change since the audit before."""
    cell = Text(score_text(score), style=BAND_STYLE[band_of(score)])
    if delta is not None:
        cell.append(f" ({delta_text(delta)})")
    return cell


def _groups(t: Trend, kind: Literal["stages", "channels"], title: str) -> RenderableType:
    labels = [p.label for p in t.points]
    table = new_table(title, "", *labels, right=tuple(range(1, len(labels) + 1)))
    for group, cells in t.rows(kind):
        table.add_row(Text(group), *(_cell(score, delta) for score, delta in cells))
    return table


def _moves(step: TrendStep) -> RenderableType:
    title = f"What moved most, {step.before} → {step.after}"
    if not step.moves:
        return Text(f"{title}: no criterion score changed\n")
    table = new_table(title, "Criterion", "Touchpoint", "Before", "After", "Δ", right=(4,))
    for move in step.moves:
        table.add_row(
            Text(move.criterion_label),
            Text(move.touchpoint_name),
            Text(f"{move.before_value} ({score_text(move.before)})"),
            Text(f"{move.after_value} ({score_text(move.after)})"),
            delta_cell(move.delta),
        )
    return table


def trend(t: Trend) -> RenderableType:
    """`touchaudit trend`: overall per audit, stages and channels with changes, what moved."""
    parts: list[RenderableType] = [
        Text(trend_title(t), style="bold"),
        _overall(t),
        _groups(t, "stages", "By stage: score (change since the audit before)"),
        _groups(t, "channels", "By channel: score (change since the audit before)"),
    ]
    parts.extend(_moves(step) for step in t.steps)
    return Group(*parts)


def trend_text(t: Trend) -> str:
    """The trend as the stdout console prints it."""
    return console_text(trend(t))


def trend_plain(t: Trend) -> str:
    """The trend without colours, for `--output FILE`."""
    return plain(trend(t))
