"""GitHub-flavoured Markdown: tables that read well in a pull-request comment or a job summary."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from touchaudit.cisafe import guard
from touchaudit.limits import SHOWN, more_text
from touchaudit.results import Band, Gap, GroupScore, Scorecard, band_of
from touchaudit.visible import visible

TOP_GAPS = 10
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


def score_text(score: float | None) -> str:
    """`84.3` or `—`."""
    return "—" if score is None else f"{score:.1f}"


def band_text(score: float | None) -> str:
    """The band with a coloured mark and its name (never colour alone)."""
    return BAND_ICON[band_of(score)]


def groups_table(title: str, groups: tuple[GroupScore, ...]) -> str:
    """Stage or channel scores."""
    rows = [(g.id, score_text(g.score), band_text(g.score), g.touchpoints) for g in groups]
    return table((title, "Score", "Band", "Touchpoints"), rows)


def gaps_table(gaps: Sequence[Gap]) -> str:
    """Gaps ranked by impact, with effort, owner and recommendation."""
    rows = [
        (
            f"+{g.impact:.1f}",
            g.message,
            g.effort or "",
            g.owner or "",
            g.recommendation,
        )
        for g in gaps
    ]
    return table(("Impact", "Gap", "Effort", "Owner", "Recommendation"), rows)


def scorecard(card: Scorecard) -> str:
    """`touchaudit score --format markdown` for one audit."""
    out = [
        f"## {escape(card.company)}: {score_text(card.score)} ({band_text(card.score)})\n",
        f"Coverage {card.coverage:.0%}: {card.measured} of {card.expected} criteria measured. "
        f"File `{visible(card.file).replace('`', '')}`.\n",
        "### By stage\n",
        groups_table("Stage", card.stages),
        "### By channel\n",
        groups_table("Channel", card.channels),
        "### Touchpoints\n",
    ]
    for tp in card.touchpoints[:SHOWN]:
        out.append(
            f"#### {escape(tp.name)} ({escape(tp.channel)}): "
            f"{score_text(tp.score)} ({band_text(tp.score)})\n"
        )
        if tp.capped_by:
            out.append(f"Capped at 49: critical criterion `{tp.capped_by}` is poor.\n")
        rows = [
            (c.criterion.label, c.shown_value, score_text(c.score), band_text(c.score))
            for c in tp.criteria
        ]
        out.append(table(("Criterion", "Value", "Score", "Band"), rows))
    if len(card.touchpoints) > SHOWN:
        out.append(more_text(len(card.touchpoints) - SHOWN, "touchpoints") + "\n")
    from touchaudit.render import markdown_journey  # it builds on this module's tables

    sections = (markdown_journey.journey(card.journey), markdown_journey.chains(card.chains))
    out.extend(section for section in sections if section)
    out.append(f"### Top gaps ({min(TOP_GAPS, len(card.gaps))} of {len(card.gaps)})\n")
    out.append(gaps_table(card.gaps[:TOP_GAPS]))
    return guard("\n".join(out))


def scorecards(cards: Sequence[Scorecard]) -> str:
    """Several scorecards, one after the other."""
    return "".join(join_scorecards([scorecard(c) for c in cards]))


def join_scorecards(pieces: Sequence[str]) -> Iterator[str]:
    """The document of `scorecards` from the scorecards rendered one by one, in chunks."""
    for index, piece in enumerate(pieces):
        if index:
            yield "\n"
        yield piece
