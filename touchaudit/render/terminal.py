"""Terminal output with Rich: the only renderer that knows about colours."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from touchaudit.cisafe import guard
from touchaudit.console import stdout
from touchaudit.limits import SHOWN, more_text
from touchaudit.models import Criterion, ValueKind
from touchaudit.results import (
    Band,
    Gap,
    GroupScore,
    Scorecard,
    TouchpointScore,
    ValidationReport,
    band_of,
)
from touchaudit.values import format_value
from touchaudit.visible import visible

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}


def findings(report: ValidationReport) -> Text:
    """`touchaudit validate`: one `file:line:col: message` line per problem."""
    out = Text()
    for problem in report.problems:
        out.append(problem.location, style="bold")
        out.append(": ")
        out.append(problem.severity, style=_SEVERITY_STYLE[problem.severity])
        out.append(f": {problem.message} ")
        out.append(f"[{problem.code}]", style="dim")
        out.append("\n")
    return out


def validation_summary(report: ValidationReport) -> Text:
    """The closing line of `touchaudit validate`, for stderr."""
    files = len(report.files)
    noun = "file" if files == 1 else "files"
    if report.valid:
        return Text(f"✓ {files} {noun} valid", style="green")
    errors = report.error_count
    return Text(
        f"✗ {errors} error{'s' if errors != 1 else ''} in {report.invalid_files} of {files} {noun}",
        style="red",
    )


BAND_STYLE = {
    Band.GOOD: "green",
    Band.NEEDS_WORK: "yellow",
    Band.POOR: "red",
    Band.UNMEASURED: "dim",
}
TOP_GAPS = 10


def _score(score: float | None) -> Text:
    band = band_of(score)
    if score is None:
        return Text("—", style=BAND_STYLE[band])
    return Text(f"{score:.1f}", style=BAND_STYLE[band])


def _band(band: Band) -> Text:
    return Text(band.label, style=BAND_STYLE[band])


def scorecard(card: Scorecard) -> RenderableType:
    """`touchaudit score`: overall, stages, channels, touchpoints, journey, chains, top gaps."""
    from touchaudit.render import terminal_journey  # it builds on this module's styles

    head = Text()
    head.append(f"{card.company}", style="bold")
    head.append(f"  ({visible(card.file)})\n", style="dim")
    head.append("Overall score ")
    head.append_text(_score(card.score))
    head.append("  ")
    head.append_text(_band(card.band))
    head.append(f"   coverage {card.coverage:.0%} ({card.measured} of {card.expected} criteria)")
    parts: list[RenderableType] = [head, _groups("Stage", card.stages)]
    parts.append(_groups("Channel", card.channels))
    parts.extend(_touchpoint(tp) for tp in card.touchpoints[:SHOWN])
    hidden = len(card.touchpoints) - SHOWN
    if hidden > 0:
        parts.append(Text(more_text(hidden, "touchpoints") + "\n", style="dim"))
    parts.extend(terminal_journey.journey(card.journey))
    parts.extend(terminal_journey.chains(card.chains))
    parts.append(gaps_table(card.gaps[:TOP_GAPS], f"Top gaps (of {len(card.gaps)})"))
    return Group(*parts)


def scorecard_text(card: Scorecard) -> str:
    """The scorecard as the stdout console prints it (colours included when it would use them).

    Text can be made in a worker process and printed by the main one; the worker's console
    sees the same stdout and environment, so it makes the same choices.
    """
    console = stdout()
    with console.capture() as captured:
        console.print(scorecard(card))
    return guard(captured.get())


def _groups(title: str, groups: tuple[GroupScore, ...]) -> Table:
    table = Table(title=f"By {title.lower()}", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column(title)
    table.add_column("Score", justify="right")
    table.add_column("Band")
    table.add_column("Touchpoints", justify="right")
    for group in groups:
        table.add_row(group.id, _score(group.score), _band(group.band), str(group.touchpoints))
    return table


def _touchpoint(tp: TouchpointScore) -> Table:
    title = Text(f"{tp.name} [{tp.id}, {tp.channel}]  ")
    title.append_text(_score(tp.score))
    if tp.capped_by:
        title.append(f"  capped at 49: {tp.capped_by} is poor", style="red")
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Criterion")
    table.add_column("Value", justify="right")
    table.add_column("Score", justify="right")
    table.add_column("Band")
    for c in tp.criteria:
        table.add_row(c.criterion.label, c.shown_value, _score(c.score), _band(c.band))
    return table


def gaps_table(gaps: tuple[Gap, ...], title: str) -> Table:
    """Gaps ranked by impact, with what to do about each."""
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_lines=False)
    table.add_column("Impact", justify="right")
    table.add_column("Gap")
    table.add_column("Effort")
    table.add_column("Recommendation")
    for gap in gaps:
        table.add_row(f"+{gap.impact:.1f}", gap.message, gap.effort or "", gap.recommendation)
    return table


def criteria_table(items: list[Criterion]) -> Table:
    """`touchaudit criteria`: the library with thresholds, weights and sources."""
    table = Table(box=box.SIMPLE_HEAD, show_lines=True)
    for name in ("Criterion", "Channels", "Type", "Good", "Poor", "Weight", "Source"):
        table.add_column(name)
    for c in items:
        good = poor = "yes" if c.type is ValueKind.BOOLEAN else ""
        if c.good is not None and c.poor is not None:
            good = format_value(c.good, c.type, c.unit)
            poor = format_value(c.poor, c.type, c.unit)
        elif c.type is ValueKind.BOOLEAN:
            good, poor = ("yes", "no") if c.expected else ("no", "yes")
        label = f"{c.id}\n{c.label}" + (" (critical)" if c.critical else "")
        table.add_row(
            label, ", ".join(c.channels), c.type.value, good, poor, f"{c.weight:g}", c.source
        )
    return table


def plain(renderable: RenderableType, width: int = 120) -> str:
    """A renderable as plain text without colours, for `--output FILE`."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, markup=False, highlight=False).print(
        renderable
    )
    return guard("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()))
