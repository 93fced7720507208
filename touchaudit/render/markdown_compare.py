"""Markdown of `touchaudit compare`: side-by-side tables for a pull-request comment or a report."""

from __future__ import annotations

from touchaudit.cisafe import guard
from touchaudit.comparison import Comparison, Match, Presence, Side
from touchaudit.limits import SHOWN, more_text
from touchaudit.render.markdown import TOP_GAPS, band_text, escape, gaps_table, score_text, table
from touchaudit.results import GroupScore


def delta_text(delta: float | None) -> str:
    """`+12.5`, `-3.0`, `0.0` or `—`."""
    if delta is None:
        return "—"
    return f"{delta:+.1f}" if round(delta, 1) != 0 else "0.0"


def group_cell(group: GroupScore | None) -> str:
    """`84.3 (2)`: score and touchpoint count, or `—` when the side lacks it."""
    if group is None or group.touchpoints == 0:
        return "—"
    return f"{score_text(group.score)} ({group.touchpoints})"


def journey_text(side: Side) -> str:
    """`5 of 15` expected touchpoints, or `—` without a checklist."""
    journey = side.card.journey
    if journey is None or not journey.expected:
        return "—"
    return f"{journey.present} of {journey.expected}"


FLAG_TEXT = {
    "only_theirs": "only they measured it",
    "only_ours": "only we measured it",
}


def presence_rows(items: tuple[Presence, ...]) -> list[tuple[object, ...]]:
    """Rows of a missing-touchpoint or advantage table."""
    return [
        (
            p.name,
            p.kind.value,
            p.channel + (" (no such channel on the other side)" if p.channel_missing else ""),
            ", ".join(p.stages),
            score_text(p.score),
            f"+{p.impact:.1f}" if p.impact else "",
        )
        for p in items
    ]


def _summary(c: Comparison) -> str:
    sides = c.sides
    headers = ("", *(s.label for s in sides))
    rows: list[tuple[object, ...]] = [
        ("Overall", *(f"{score_text(s.card.score)} ({band_text(s.card.score)})" for s in sides)),
        ("Coverage", *(f"{s.card.coverage:.0%}" for s in sides)),
        ("Touchpoints", *(len(s.card.touchpoints) for s in sides)),
        ("Expected touchpoints present", *(journey_text(s) for s in sides)),
    ]
    stage_rows = [(stage, *(group_cell(s.stage(stage)) for s in sides)) for stage in c.stage_ids]
    channel_rows = [(ch, *(group_cell(s.channel(ch)) for s in sides)) for ch in c.channel_ids]
    return "\n".join(
        [
            table(headers, rows),
            "### By stage: score (touchpoints)\n",
            table(("Stage", *headers[1:]), stage_rows),
            "### By channel: score (touchpoints)\n",
            table(("Channel", *headers[1:]), channel_rows),
        ]
    )


def _match(c: Comparison, match: Match) -> str:
    head = (
        f"#### {escape(match.ours.name)} vs {escape(match.competitor)}: "
        f"{escape(match.theirs.name)} (matched by {match.by.value})\n"
    )
    rows = [
        (
            r.criterion.label,
            r.ours.shown_value if r.ours else "—",
            score_text(r.ours_score),
            r.theirs.shown_value if r.theirs else "—",
            score_text(r.theirs_score),
            delta_text(r.delta),
            FLAG_TEXT.get(r.flag.value, ""),
        )
        for r in c.criteria_of(match)
    ]
    headers = ("Criterion", c.ours.label, "Score", match.competitor, "Score", "Δ", "Note")
    return head + "\n" + table(headers, rows)


def comparison(c: Comparison) -> str:
    """`touchaudit compare --format markdown`."""
    ours = c.ours.label
    names = ", ".join(s.label for s in c.theirs)
    out = [
        f"## {escape(ours)} compared with {escape(names)}\n",
        f"Every audit is scored with one set of thresholds: {escape(ours)}'s.\n",
        _summary(c),
    ]
    headers = ("What", "Kind", "Channel", "Stages", "Their score", "Impact")
    for side in c.theirs:
        missing = tuple(p for p in c.missing if p.competitor == side.label)
        out.append(f"### What {escape(side.label)} has and {escape(ours)} lacks\n")
        out.append(table(headers, presence_rows(missing)) if missing else "Nothing.\n")
        extra = tuple(p for p in c.advantages if p.competitor == side.label)
        out.append(f"### What {escape(ours)} has and {escape(side.label)} lacks\n")
        ahead = table((*headers[:4], "Our score"), [r[:5] for r in presence_rows(extra)])
        out.append(ahead if extra else "Nothing.\n")
        out.append(f"### Touchpoint by touchpoint: {escape(ours)} vs {escape(side.label)}\n")
        pairs = c.matches_of(side.label)
        out.extend(_match(c, m) for m in pairs[:SHOWN])
        if len(pairs) > SHOWN:
            out.append(more_text(len(pairs) - SHOWN, "touchpoint pairs") + "\n")
    out.append(f"### Top gaps ({min(TOP_GAPS, len(c.gaps))} of {len(c.gaps)})\n")
    out.append(gaps_table(c.gaps[:TOP_GAPS]))
    if c.warnings:
        out.append("### Warnings\n")
        out.append("".join(f"- {escape(p.location)}: {escape(p.message)}\n" for p in c.warnings))
    return guard("\n".join(out))
