"""The pieces the terminal's score and compare output share: band colours, score and delta
cells, plain-titled tables, the gaps table."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from touchaudit.render.wording import (
    TOP_GAPS,
    TOP_MEASURES,
    delta_text,
    measure_title,
    plan_title,
    points_text,
    score_text,
)
from touchaudit.scoring.results import Band, Plan, band_of

BAND_STYLE = {
    Band.GOOD: "green",
    Band.NEEDS_WORK: "yellow",
    Band.POOR: "red",
    Band.UNMEASURED: "dim",
}


def score_cell(score: float | None) -> Text:
    """`84.3` or `—`, coloured by its band."""
    return Text(score_text(score), style=BAND_STYLE[band_of(score)])


def band_cell(band: Band) -> Text:
    """The band's name in its colour."""
    return Text(band.label, style=BAND_STYLE[band])


def delta_cell(delta: float | None) -> Text:
    """`+12.5` in green, `-3.0` in red, `0.0` and `—` plain."""
    style = "" if delta is None or round(delta, 1) == 0 else ("green" if delta > 0 else "red")
    return Text(delta_text(delta), style=style)


def new_table(title: str, *columns: str, right: tuple[int, ...] = ()) -> Table:
    """A table whose title is plain text (ids such as [website] are not Rich markup);
    the columns at the `right` indexes hold numbers."""
    made = Table(title=Text(title), title_justify="left", box=box.SIMPLE_HEAD)
    for index, name in enumerate(columns):
        made.add_column(Text(name), justify="right" if index in right else "left")
    return made


def plan_tables(plan: Plan) -> list[Table]:
    """The action plan's first fixes (points after those above, score after) and measurements."""
    fixes = Table(title=plan_title(plan), title_justify="left", box=box.SIMPLE_HEAD)
    for name, right in (("Points", True), ("Score after", True), ("Fix", False)):
        fixes.add_column(name, justify="right" if right else "left")
    fixes.add_column("Effort")
    fixes.add_column("Recommendation")
    for step in plan.to_fix[:TOP_GAPS]:
        gap = step.gap
        fixes.add_row(
            points_text(step.impact),
            score_text(step.score_after),
            gap.message,
            gap.effort or "",
            gap.recommendation,
        )
    measures = Table(title=measure_title(plan), title_justify="left", box=box.SIMPLE_HEAD)
    measures.add_column("Range", justify="right")
    measures.add_column("What")
    measures.add_column("Recommendation")
    for m in plan.to_measure[:TOP_MEASURES]:
        measures.add_row(score_text(m.range_share), m.gap.message, m.gap.recommendation)
    return [fixes, measures]
