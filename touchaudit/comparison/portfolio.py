"""A portfolio of audits side by side: a league table, the spread, each audit's percentile, the
gaps most common across it and subtotals per group.

Each audit is scored on its own (in worker processes, cli/batch.py) and kept only as a small
`PortfolioRow`, so that memory does not grow with every scorecard; `build_portfolio` is pure.
The same company and location audited on several dates is one entry: its newest audit, with
the change since its previous dated audit. docs/trend.md states the rules.
"""

from __future__ import annotations

import bisect
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from touchaudit.reading.models import DEFAULT_STAGES
from touchaudit.scoring.results import Band, Scorecard

# How many of the most common gaps a portfolio keeps.
COMMON_GAPS = 10


@dataclass(frozen=True, slots=True)
class PortfolioRow:
    """What a portfolio keeps of one scored audit: small and flat, it travels back from the
    worker processes. `gaps` are (key, wording) pairs, each once per audit."""

    file: str
    company: str
    location: str | None
    group: str | None
    audited_on: date | None
    score: float | None
    coverage: float
    provisional: bool
    stages: tuple[tuple[str, float | None], ...]
    gaps: tuple[tuple[str, str], ...]

    @property
    def key(self) -> tuple[str, str | None]:
        """What is audited: a company, at a location."""
        return self.company, self.location

    def stage(self, stage_id: str) -> float | None:
        """The stage's score; None when the audit has no score there."""
        return next((score for sid, score in self.stages if sid == stage_id), None)


def portfolio_row(card: Scorecard) -> PortfolioRow:
    """The row of one scorecard: its scores, and what it lacks (missing expected touchpoints,
    criteria scoring poor anywhere). A module-level function: workers call it."""
    gaps: dict[str, str] = {}
    for item in card.missing:
        gaps.setdefault(f"missing:{item.id}", f"have no {item.label}")
    for tp in card.touchpoints:
        for c in tp.criteria:
            if c.band is Band.POOR:
                gaps.setdefault(f"poor:{c.id}", f"score poor on {c.criterion.label}")
    return PortfolioRow(
        file=card.file,
        company=card.company,
        location=card.location,
        group=card.group,
        audited_on=card.audited_on,
        score=card.score,
        coverage=card.coverage,
        provisional=card.provisional,
        stages=tuple((s.id, s.score) for s in card.stages),
        gaps=tuple(gaps.items()),
    )


@dataclass(frozen=True, slots=True)
class Spread:
    """The overall scores' spread: quartiles by the inclusive method (None without scores)."""

    count: int
    minimum: float | None = None
    lower_quartile: float | None = None
    median: float | None = None
    upper_quartile: float | None = None
    maximum: float | None = None

    @classmethod
    def of(cls, scores: Sequence[float]) -> Spread:
        """The spread of `scores`."""
        if not scores:
            return cls(0)
        if len(scores) == 1:
            return cls(1, *(scores[0],) * 5)
        q1, median, q3 = statistics.quantiles(scores, n=4, method="inclusive")
        return cls(len(scores), min(scores), q1, median, q3, max(scores))


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the league table: its rank (ties share one), its percentile (the share of
    the others it scores above), the change since its previous dated audit."""

    row: PortfolioRow
    rank: int | None
    percentile: float | None
    change: float | None = None
    previous: date | None = None


@dataclass(frozen=True, slots=True)
class CommonGap:
    """A gap and how many entries of the portfolio have it."""

    key: str
    text: str
    count: int
    total: int


@dataclass(frozen=True, slots=True)
class GroupTotal:
    """The subtotal of one group (`group:` in the audits): its spread and stage means."""

    group: str
    spread: Spread
    stages: tuple[tuple[str, float | None], ...]


@dataclass(frozen=True)
class Portfolio:
    """The league table best first, the spread of the overall scores, the stage ids, the gaps
    most common across the entries, the subtotals per group (none when no audit has a group),
    and how many earlier audits served only for the change."""

    league: tuple[Entry, ...]
    spread: Spread
    stage_ids: tuple[str, ...]
    gaps: tuple[CommonGap, ...]
    groups: tuple[GroupTotal, ...]
    earlier: int = 0


def build_portfolio(rows: Iterable[PortfolioRow]) -> Portfolio:
    """The portfolio of `rows` (in file order)."""
    entries, earlier = _entries(list(rows))
    ranked = _ranked(entries)
    scores = [e.row.score for e in ranked if e.row.score is not None]
    return Portfolio(
        league=ranked,
        spread=Spread.of(scores),
        stage_ids=_stage_ids(e.row for e in ranked),
        gaps=_common_gaps([e.row for e in ranked]),
        groups=_groups([e.row for e in ranked]),
        earlier=earlier,
    )


def _entries(rows: list[PortfolioRow]) -> tuple[list[Entry], int]:
    """One entry per company and location: its newest audit, with the change since the one
    before, when every audit of it is dated and no two share a date; otherwise (they cannot
    be ordered) every audit is an entry of its own. Also how many audits were set aside."""
    by_key: dict[tuple[str, str | None], list[PortfolioRow]] = {}
    for row in rows:
        by_key.setdefault(row.key, []).append(row)
    entries: list[Entry] = []
    earlier = 0
    for same in by_key.values():
        dates = [r.audited_on for r in same]
        if len(same) == 1 or None in dates or len(set(dates)) != len(dates):
            entries.extend(Entry(r, None, None) for r in same)
            continue
        ordered = sorted(same, key=lambda r: r.audited_on or date.min)
        newest, previous = ordered[-1], ordered[-2]
        change = (
            None
            if newest.score is None or previous.score is None
            else newest.score - previous.score
        )
        entries.append(Entry(newest, None, None, change, previous.audited_on))
        earlier += len(same) - 1
    return entries, earlier


def _ranked(entries: list[Entry]) -> tuple[Entry, ...]:
    """Best first (unscored last, by company then file); ties share a rank; the percentile is
    the share of the other scored entries scoring below (100: the best, 0: the last)."""
    order = sorted(
        entries,
        key=lambda e: (e.row.score is None, -(e.row.score or 0.0), e.row.company, e.row.file),
    )
    scores = sorted(e.row.score for e in order if e.row.score is not None)
    ranked: list[Entry] = []
    for entry in order:
        score = entry.row.score
        if score is None:
            ranked.append(entry)
            continue
        below = bisect.bisect_left(scores, score)
        above = len(scores) - bisect.bisect_right(scores, score)
        percentile = 100.0 * below / (len(scores) - 1) if len(scores) > 1 else 100.0
        ranked.append(Entry(entry.row, above + 1, percentile, entry.change, entry.previous))
    return tuple(ranked)


def _stage_ids(rows: Iterable[PortfolioRow]) -> tuple[str, ...]:
    present = dict.fromkeys(sid for r in rows for sid, _ in r.stages)
    own = [s for s in present if s not in DEFAULT_STAGES]
    return tuple(s for s in DEFAULT_STAGES if s in present) + tuple(own)


def _common_gaps(rows: Sequence[PortfolioRow]) -> tuple[CommonGap, ...]:
    """The gaps most entries share, most common first (then by wording)."""
    counts: Counter[str] = Counter()
    texts: dict[str, str] = {}
    for row in rows:
        for key, text in row.gaps:
            counts[key] += 1
            texts.setdefault(key, text)
    common = sorted(counts.items(), key=lambda kv: (-kv[1], texts[kv[0]]))[:COMMON_GAPS]
    return tuple(CommonGap(key, texts[key], n, len(rows)) for key, n in common)


def _groups(rows: Sequence[PortfolioRow]) -> tuple[GroupTotal, ...]:
    """A subtotal per group, in name order (`(no group)` last); none when no row has a group."""
    if all(r.group is None for r in rows):
        return ()
    by_group: dict[str | None, list[PortfolioRow]] = {}
    for row in rows:
        by_group.setdefault(row.group, []).append(row)
    stage_ids = _stage_ids(rows)
    totals = []
    for group in sorted(by_group, key=lambda g: (g is None, g or "")):
        members = by_group[group]
        scores = [r.score for r in members if r.score is not None]
        stages = tuple((sid, _mean([r.stage(sid) for r in members])) for sid in stage_ids)
        totals.append(GroupTotal(group or "(no group)", Spread.of(scores), stages))
    return tuple(totals)


def _mean(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.fmean(known) if known else None
