"""GitHub-flavoured Markdown: tables that read well in a pull-request comment or a job summary.

The scorecard of `score` (with its journey and chains) and the comparison of `compare`: the
headline and the first fixes, then the detail folded in `<details>`, built of blocks that
render/fit.py cuts to GitHub's limits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from touchaudit.reading.limits import SHOWN, more_text
from touchaudit.reading.visible import visible
from touchaudit.render.cisafe import guard
from touchaudit.render.fit import CLOSING, COMMENT_LIMIT, Block, fit, opening
from touchaudit.render.wording import (
    FLAG_TEXT,
    NO_VALUE,
    TOP_GAPS,
    TOP_MEASURES,
    break_text,
    completeness_text,
    coverage_cell,
    delta_text,
    group_cell,
    headline_text,
    impact_text,
    journey_text,
    measure_title,
    not_applicable_text,
    plan_title,
    points_text,
    range_text,
    score_text,
)
from touchaudit.scoring.results import Band, ItemStatus, Plan, band_of

if TYPE_CHECKING:
    from touchaudit.comparison.result import Comparison, Match, Presence
    from touchaudit.scoring.results import (
        ChainScore,
        GroupScore,
        Journey,
        JourneyStage,
        Scorecard,
        TouchpointScore,
    )

BAND_ICON = {
    Band.GOOD: "🟢 good",
    Band.NEEDS_WORK: "🟠 needs work",
    Band.POOR: "🔴 poor",
    Band.UNMEASURED: "⚪ unmeasured",
}
_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~])")


def escape(text: object) -> str:
    """Text safe inside a table cell: no pipes, no newlines, no markup, no HTML."""
    flat = " ".join(str(text).split()).replace("&", "&amp;")
    return _SPECIAL.sub(r"\\\1", flat)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A GFM table; every cell is escaped."""
    lines = [
        "| " + " | ".join(escape(h) for h in headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    lines.extend("| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def band_text(score: float | None) -> str:
    """The band with a coloured mark and its name (never colour alone)."""
    return BAND_ICON[band_of(score)]


def groups_table(title: str, groups: tuple[GroupScore, ...]) -> str:
    """Stage or channel scores."""
    rows = [
        (
            g.id,
            score_text(g.score),
            range_text(g.low, g.high),
            band_text(g.score),
            str(g.touchpoints) + (f" + {g.missing} missing" if g.missing else ""),
        )
        for g in groups
    ]
    return table((title, "Score", "Range", "Band", "Touchpoints"), rows)


def plan_sections(plan: Plan) -> list[str]:
    """The action plan's first fixes (points after those above, score after) and measurements:
    a title and a table for each."""
    fixes = [
        (
            points_text(s.impact),
            score_text(s.score_after),
            s.gap.message,
            s.gap.effort or "",
            s.gap.owner or "",
            s.gap.recommendation,
        )
        for s in plan.to_fix[:TOP_GAPS]
    ]
    measures = [
        (score_text(m.range_share), m.gap.message, m.gap.owner or "", m.gap.recommendation)
        for m in plan.to_measure[:TOP_MEASURES]
    ]
    return [
        f"### {escape(plan_title(plan))}\n",
        table(("Points", "Score after", "Fix", "Effort", "Owner", "Recommendation"), fixes),
        f"### {escape(measure_title(plan))}\n",
        table(("Range", "What", "Owner", "Recommendation"), measures),
    ]


def _blocks(section: str, *texts: str) -> Block:
    """Texts kept or left out together, as the lines of the Markdown they were joined into."""
    return Block("".join(t + "\n" for t in texts), section)


def scorecard_blocks(card: Scorecard) -> list[Block]:
    """`touchaudit score --format markdown` for one audit, as blocks: the headline and the first
    fixes, then the detail folded."""
    company = escape(card.company)
    fixes_title, fixes, measures_title, measures = plan_sections(card.plan)
    out = [
        _blocks(
            company,
            f"## {company}: {score_text(card.score)} ({band_text(card.score)})\n",
            f"Coverage {card.coverage:.0%}: {card.measured} of {card.expected} criteria measured. "
            f"File `{visible(card.file).replace('`', '')}`.\n",
            f"Score {escape(headline_text(card))}; {escape(completeness_text(card))}.\n",
        ),
        _blocks(f"{company}: fixes", fixes_title, fixes),
        opening(f"{company}: stages, channels, touchpoints and what to measure"),
        _blocks(f"{company}: stages", "### By stage\n", groups_table("Stage", card.stages)),
        _blocks(f"{company}: channels", "### By channel\n", groups_table("Channel", card.channels)),
        _blocks(f"{company}: touchpoints", "### Touchpoints\n"),
    ]
    for tp in card.touchpoints[:SHOWN]:
        out.append(_blocks(f"{company}: touchpoints", *_touchpoint(tp)))
    if len(card.touchpoints) > SHOWN:
        more = more_text(len(card.touchpoints) - SHOWN, "touchpoints")
        out.append(_blocks(f"{company}: touchpoints", more + "\n"))
    for name, text in (
        ("journey", journey(card.journey)),
        ("chains", chains(card.chains)),
        ("not applicable", not_applicable(card)),
    ):
        if text:
            out.append(_blocks(f"{company}: {name}", text))
    out.append(_blocks(f"{company}: what to measure", measures_title, measures))
    return [*out, CLOSING]


def _touchpoint(tp: TouchpointScore) -> list[str]:
    out = [
        f"#### {escape(tp.name)} ({escape(tp.channel_shown)}): "
        f"{score_text(tp.score)} ({band_text(tp.score)})\n"
    ]
    if tp.capped_by:
        out.append(f"Capped at 49: critical criterion `{tp.capped_by}` is poor.\n")
    rows = [
        (c.criterion.label, c.shown_value, score_text(c.score), band_text(c.score))
        for c in tp.criteria
    ]
    out.append(table(("Criterion", "Value", "Score", "Band"), rows))
    return out


def scorecard(card: Scorecard) -> str:
    """`touchaudit score --format markdown` for one audit, whole."""
    return guard(fit(scorecard_blocks(card), None))


def not_applicable(card: Scorecard) -> str:
    """What was left out of every score because it does not apply, and why."""
    if not card.not_applicable:
        return ""
    lines = [f"- {escape(not_applicable_text(e))}" for e in card.not_applicable[:SHOWN]]
    if len(card.not_applicable) > SHOWN:
        lines.append(f"- {more_text(len(card.not_applicable) - SHOWN, 'entries')}")
    return "### Not applicable\n\n" + "\n".join(lines) + "\n"


def scorecards(cards: Sequence[Scorecard], limit: int | None = COMMENT_LIMIT) -> str:
    """Several scorecards, one after the other, cut to `limit` characters (None: whole)."""
    return "".join(join_scorecards([scorecard_blocks(c) for c in cards], limit))


def join_scorecards(
    pieces: Sequence[Sequence[Block]], limit: int | None = COMMENT_LIMIT
) -> Iterator[str]:
    """The document of `scorecards` from the blocks of each scorecard, in file order."""
    yield guard(fit(joined_blocks(pieces), limit))


def joined_blocks(pieces: Sequence[Sequence[Block]]) -> list[Block]:
    """The blocks of several documents, one after the other: every headline and first fixes
    come before any detail, so that a cut leaves out detail first."""
    heads = [piece[:2] for piece in pieces]
    details = [piece[2:] for piece in pieces]
    return [b for part in (*heads, *details) for b in part]


# --------------------------------------------------------------------------- journey and chains


def _labels(stage: JourneyStage, status: ItemStatus) -> str:
    return ", ".join(i.label for i in stage.with_status(status)) or NO_VALUE


def journey(journey: Journey | None) -> str:
    """Expected touchpoints per stage: present, missing, unmeasured; empty stages marked."""
    if journey is None:
        return ""
    if journey.checklist:
        head = (
            f"### Journey: {escape(journey.checklist)} checklist, {journey.present} of "
            f"{journey.expected} expected touchpoints\n"
        )
    else:
        head = "### Journey (no checklist for this business type)\n"
    rows = [
        (
            s.id,
            len(s.touchpoints) or "none: a hole in the journey",
            _labels(s, ItemStatus.PRESENT),
            _labels(s, ItemStatus.MISSING),
            _labels(s, ItemStatus.UNMEASURED),
        )
        for s in journey.stages
    ]
    return head + "\n" + table(("Stage", "Touchpoints", "Present", "Missing", "Unmeasured"), rows)


def chains(items: tuple[ChainScore, ...]) -> str:
    """Each chain: its weakest step bounds it; breaks in the journey flagged."""
    if not items:
        return ""
    rows = [
        (
            c.name,
            score_text(c.score),
            band_text(c.score),
            c.weakest or NO_VALUE,
            " → ".join(s.touchpoint for s in c.steps),
            "; ".join(break_text(b) for b in c.breaks) or NO_VALUE,
        )
        for c in items[:SHOWN]
    ]
    more = more_text(len(items) - SHOWN, "chains")
    return (
        "### Chains (each as strong as its weakest step)\n\n"
        + table(("Chain", "Score", "Band", "Weakest step", "Steps", "Journey breaks"), rows)
        + (f"\n{more}\n" if more else "")
    )


# --------------------------------------------------------------------------- compare


def presence_rows(items: tuple[Presence, ...]) -> list[tuple[object, ...]]:
    """Rows of a missing-touchpoint or advantage table."""
    return [
        (
            p.name,
            p.kind.value,
            p.channel + (" (no such channel on the other side)" if p.channel_missing else ""),
            ", ".join(p.stages),
            score_text(p.score),
            impact_text(p.impact) if p.impact else "",
        )
        for p in items
    ]


def _summary(c: Comparison) -> tuple[str, str]:
    """The overall table, then the stage and channel tables."""
    sides = c.sides
    headers = ("", *(s.label for s in sides))
    rows: list[tuple[object, ...]] = [
        ("Overall", *(f"{score_text(s.card.score)} ({band_text(s.card.score)})" for s in sides)),
        ("Range", *(range_text(s.card.low, s.card.high) for s in sides)),
        ("Coverage", *(coverage_cell(s.card) for s in sides)),
        ("Touchpoints", *(len(s.card.touchpoints) for s in sides)),
        ("Expected touchpoints present", *(journey_text(s) for s in sides)),
    ]
    stage_rows = [(stage, *(group_cell(s.stage(stage)) for s in sides)) for stage in c.stage_ids]
    channel_rows = [(ch, *(group_cell(s.channel(ch)) for s in sides)) for ch in c.channel_ids]
    groups = "\n".join(
        [
            "### By stage: score (touchpoints)\n",
            table(("Stage", *headers[1:]), stage_rows),
            "### By channel: score (touchpoints)\n",
            table(("Channel", *headers[1:]), channel_rows),
        ]
    )
    return table(headers, rows), groups


def _match(c: Comparison, match: Match) -> str:
    head = (
        f"#### {escape(match.ours.name)} vs {escape(match.competitor)}: "
        f"{escape(match.theirs.name)} (matched by {match.by.value})\n"
    )
    rows = [
        (
            r.criterion.label,
            r.ours.shown_value if r.ours else NO_VALUE,
            score_text(r.ours_score),
            r.theirs.shown_value if r.theirs else NO_VALUE,
            score_text(r.theirs_score),
            delta_text(r.delta),
            FLAG_TEXT.get(r.flag.value, ""),
        )
        for r in c.criteria_of(match)
    ]
    headers = ("Criterion", c.ours.label, "Score", match.competitor, "Score", "Δ", "Note")
    return head + "\n" + table(headers, rows)


def comparison_blocks(c: Comparison) -> list[Block]:
    """`touchaudit compare --format markdown` as blocks: the scores side by side and the first
    fixes, then the detail folded."""
    ours = escape(c.ours.label)
    names = ", ".join(s.label for s in c.theirs)
    overall, groups = _summary(c)
    fixes_title, fixes, measures_title, measures = plan_sections(c.plan)
    out = [
        _blocks(
            "scores",
            f"## {ours} compared with {escape(names)}\n",
            f"Every audit is scored with one set of thresholds: {ours}'s.\n",
            overall,
        ),
        _blocks("fixes", fixes_title, fixes),
    ]
    if c.warnings:
        warnings = "".join(f"- {escape(p.location)}: {escape(p.message)}\n" for p in c.warnings)
        out.append(_blocks("warnings", "### Warnings\n", warnings))
    out += [
        opening("Stages, channels, touchpoint by touchpoint, what to measure"),
        _blocks("stages and channels", groups),
    ]
    headers = ("What", "Kind", "Channel", "Stages", "Their score", "Impact")
    for side in c.theirs:
        theirs = escape(side.label)
        missing = tuple(p for p in c.missing if p.competitor == side.label)
        has = table(headers, presence_rows(missing)) if missing else "Nothing.\n"
        out.append(_blocks(f"what {theirs} has", f"### What {theirs} has and {ours} lacks\n", has))
        extra = tuple(p for p in c.advantages if p.competitor == side.label)
        ahead = table((*headers[:4], "Our score"), [r[:5] for r in presence_rows(extra)])
        out.append(
            _blocks(
                f"what {theirs} lacks",
                f"### What {ours} has and {theirs} lacks\n",
                ahead if extra else "Nothing.\n",
            )
        )
        pairs_of = f"touchpoints vs {theirs}"
        out.append(_blocks(pairs_of, f"### Touchpoint by touchpoint: {ours} vs {theirs}\n"))
        pairs = c.matches_of(side.label)
        out.extend(_blocks(pairs_of, _match(c, m)) for m in pairs[:SHOWN])
        if len(pairs) > SHOWN:
            out.append(_blocks(pairs_of, more_text(len(pairs) - SHOWN, "touchpoint pairs") + "\n"))
    out.append(_blocks("what to measure", measures_title, measures))
    return [*out, CLOSING]


def comparison(c: Comparison, limit: int | None = COMMENT_LIMIT) -> str:
    """`touchaudit compare --format markdown`, cut to `limit` characters (None: whole)."""
    return guard(fit(comparison_blocks(c), limit))
