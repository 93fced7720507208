"""`touchaudit trend --format markdown`: a Mermaid line chart of the overall score (GitHub draws
it) and the same figures as tables, for a pull-request comment or a wiki page.

Every text from an audit or a label is escaped: `markdown.escape` in tables and headings,
`mermaid.mermaid_text` in the chart (no quotes, colons or markup can leave its strings).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from touchaudit.comparison.trend_result import Trend, TrendStep
from touchaudit.render.cisafe import guard
from touchaudit.render.history.words import move_cells, point_coverage, trend_title
from touchaudit.render.markdown import band_text, escape, table
from touchaudit.render.mermaid import mermaid_text
from touchaudit.render.wording import NO_VALUE, delta_text, range_text, score_text


def chart(t: Trend) -> str:
    """The overall score over time as a Mermaid `xychart-beta` line; none when an audit has no
    overall score (a gap in a line cannot be drawn there)."""
    scores = [p.score for p in t.points]
    if any(s is None for s in scores):
        return "The chart is left out: an audit has no overall score.\n"
    labels = ", ".join(f'"{mermaid_text(p.label)}"' for p in t.points)
    values = ", ".join(f"{s:.1f}" for s in scores if s is not None)
    return (
        "```mermaid\n"
        "xychart-beta\n"
        f'  title "{mermaid_text(t.company)} overall score"\n'
        f"  x-axis [{labels}]\n"
        '  y-axis "Score" 0 --> 100\n'
        f"  line [{values}]\n"
        "```\n"
    )


def _overall(t: Trend) -> str:
    deltas: Sequence[float | None] = [None, *(s.overall for s in t.steps)]
    rows = [
        (
            p.label,
            p.audited_on.isoformat() if p.audited_on else NO_VALUE,
            f"{score_text(p.score)} ({band_text(p.score)})",
            delta_text(d),
            range_text(p.low, p.high),
            point_coverage(p),
        )
        for p, d in zip(t.points, deltas, strict=True)
    ]
    return table(("Audit", "Date", "Overall", "Δ", "Range", "Coverage"), rows)


def _cell(score: float | None, delta: float | None) -> str:
    return score_text(score) + ("" if delta is None else f" ({delta_text(delta)})")


def _groups(t: Trend, kind: Literal["stages", "channels"], first: str) -> str:
    rows = [
        (group, *(_cell(score, delta) for score, delta in cells)) for group, cells in t.rows(kind)
    ]
    return table((first, *(p.label for p in t.points)), rows)


def _moves(step: TrendStep) -> str:
    head = f"### What moved most, {escape(step.before)} → {escape(step.after)}\n\n"
    if not step.moves:
        return head + "No criterion score changed.\n"
    rows = [move_cells(m) for m in step.moves]
    return head + table(("Criterion", "Touchpoint", "Before", "After", "Δ"), rows)


def sections(t: Trend) -> list[str]:
    """The chart, the overall, stage and channel tables and what moved most, each a block of
    its own under `###` headings: the trend output's body and the report's "Progress over
    time" section."""
    out = [
        chart(t),
        _overall(t),
        "### By stage: score (change since the audit before)\n",
        _groups(t, "stages", "Stage"),
        "### By channel: score (change since the audit before)\n",
        _groups(t, "channels", "Channel"),
    ]
    out.extend(_moves(step) for step in t.steps)
    return out


def trend(t: Trend) -> str:
    """`touchaudit trend --format markdown`."""
    out = [f"## Trend: {escape(trend_title(t))}\n", *sections(t)]
    if t.warnings:
        out.append("### Warnings\n")
        out.append("".join(f"- {escape(p.location)}: {escape(p.message)}\n" for p in t.warnings))
    return guard("\n".join(out))
