"""The pieces the terminal's score and compare output share: band colours, score and delta
cells, plain-titled tables, the gaps table."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from touchaudit.render.wording import delta_text, impact_text, score_text
from touchaudit.scoring.results import Band, Gap, band_of

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


def gaps_table(gaps: tuple[Gap, ...], title: str) -> Table:
    """Gaps ranked by impact, with what to do about each."""
    made = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_lines=False)
    made.add_column("Impact", justify="right")
    made.add_column("Gap")
    made.add_column("Effort")
    made.add_column("Recommendation")
    for gap in gaps:
        made.add_row(impact_text(gap.impact), gap.message, gap.effort or "", gap.recommendation)
    return made
