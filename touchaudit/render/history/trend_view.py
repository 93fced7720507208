"""The HTML trend laid out for a template: an inline SVG line chart of the overall and stage
scores and the tables beside it, shared by `touchaudit trend --format html` (trend_html.py) and
the report's "Progress over time" section (the `trend_view` filter, render/templated.py).

The chart is laid out here, in numbers the template only writes: each line's segments (a line
breaks where an audit has no score there), its points, the axes. Lines differ by dash pattern
as well as colour, and every point carries its value in a `<title>`; the SVG has a title and a
description, and the table holds the same numbers for anyone who cannot see the chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from touchaudit import __version__
from touchaudit.comparison.trend_result import Trend
from touchaudit.render.history.words import move_cells, point_coverage, trend_title
from touchaudit.render.wording import NO_VALUE, delta_text, range_text, score_text

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 44, 150, 16, 48  # margins: the y axis, the legend, the x labels
INSET = 40
# One style per line: colour and dash, so that lines never differ by colour alone.
STYLES = (
    ("#1a1a1a", ""),
    ("#1f77b4", "6 3"),
    ("#d62728", "2 3"),
    ("#2ca02c", "8 3 2 3"),
    ("#9467bd", "12 4"),
    ("#8c564b", "4 4"),
    ("#e377c2", "1 2"),
)


class ChartPoint(NamedTuple):
    """One value of a line, where it is drawn and what its tooltip says."""

    x: float
    y: float
    title: str


@dataclass(frozen=True, slots=True)
class ChartLine:
    """One series: its name, stroke, the runs of `x,y` pairs it is drawn as, and its points."""

    name: str
    colour: str
    dash: str
    width: float
    segments: tuple[str, ...]
    points: tuple[ChartPoint, ...]
    legend_y: float


def _x(index: int, count: int) -> float:
    # Points stay INSET from the plot's edges, so that the first and last labels fit.
    inner = WIDTH - LEFT - RIGHT - 2 * INSET
    return LEFT + INSET + (inner / 2 if count == 1 else inner * index / (count - 1))


def _y(score: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (100 - score) / 100


def _line(index: int, name: str, labels: list[str], scores: list[float | None]) -> ChartLine:
    colour, dash = STYLES[index % len(STYLES)]
    segments: list[list[str]] = [[]]
    points = []
    for i, (label, score) in enumerate(zip(labels, scores, strict=True)):
        if score is None:
            segments.append([])
            continue
        x, y = _x(i, len(labels)), _y(score)
        segments[-1].append(f"{x:.1f},{y:.1f}")
        points.append(ChartPoint(x, y, f"{name}, {label}: {score_text(score)}"))
    return ChartLine(
        name,
        colour,
        dash,
        3.0 if index == 0 else 1.5,
        tuple(" ".join(s) for s in segments if s),
        tuple(points),
        TOP + 8 + 18 * index,
    )


def chart(t: Trend) -> dict[str, Any]:
    """The chart's lines (overall, then each stage), axes and accessible texts."""
    labels = [p.label for p in t.points]
    series: list[tuple[str, list[float | None]]] = [("overall", [p.score for p in t.points])]
    series += [(s, [p.stages.get(s) for p in t.points]) for s in t.stage_ids]
    lines = [_line(i, name, labels, scores) for i, (name, scores) in enumerate(series)]
    first, last = t.points[0], t.newest
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "lines": lines,
        "legend_x": WIDTH - RIGHT + 12,
        "grid": [(score, _y(score)) for score in (0, 50, 90, 100)],
        "plot_left": LEFT,
        "plot_right": WIDTH - RIGHT,
        "x_labels": [(_x(i, len(labels)), label) for i, label in enumerate(labels)],
        "x_label_y": HEIGHT - BOTTOM + 18,
        "title": f"{t.company}: overall and stage scores over {len(labels)} audits",
        "desc": (
            f"A line chart of the overall score and each stage's score, from {first.label} "
            f"({score_text(first.score)} overall) to {last.label} ({score_text(last.score)} "
            "overall), on a scale of 0 to 100; the table beside it has every value."
        ),
    }


def view(t: Trend) -> dict[str, Any]:
    """What the trend's templates receive: the page's title, the chart, the table of overall
    and stage scores with the overall's change, ranges, channels and what moved most."""
    deltas = [None, *(s.overall for s in t.steps)]
    return {
        "generator": f"touchaudit {__version__}",
        "title": f"Trend: {trend_title(t)}",
        "chart": chart(t),
        "table_head": ["Audit", "Date", "Overall", "Δ", *t.stage_ids],
        "table_rows": [
            [
                p.label,
                p.audited_on.isoformat() if p.audited_on else NO_VALUE,
                score_text(p.score),
                delta_text(d),
                *(score_text(p.stages.get(s)) for s in t.stage_ids),
            ]
            for p, d in zip(t.points, deltas, strict=True)
        ],
        "ranges": [(p.label, range_text(p.low, p.high), point_coverage(p)) for p in t.points],
        "channel_head": ["Channel", *(p.label for p in t.points)],
        "channel_rows": [
            [group, *(score_text(score) for score, _ in cells)]
            for group, cells in t.rows("channels")
        ],
        "steps": [
            {
                "title": f"What moved most, {step.before} → {step.after}",
                "moves": [move_cells(m) for m in step.moves],
            }
            for step in t.steps
        ],
    }
