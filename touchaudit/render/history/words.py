"""Wording the trend and portfolio outputs share, in every format: plain text only (each format
escapes it its own way), so that the table, Markdown, CSV, HTML and JSON say the same thing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from touchaudit.render.wording import NO_VALUE, delta_text, score_text

if TYPE_CHECKING:
    from touchaudit.comparison.portfolio import CommonGap, Entry, Portfolio, PortfolioRow, Spread
    from touchaudit.comparison.trend_result import Move, Trend, TrendPoint


def entry_name(row: PortfolioRow) -> str:
    """`Acme Stores, Leeds`: the company, and where when the audit names a location."""
    return f"{row.company}, {row.location}" if row.location else row.company


def percentile_text(percentile: float | None) -> str:
    """`87`: the share of the other entries it scores above, or `—`."""
    return NO_VALUE if percentile is None else f"{percentile:.0f}"


def rank_text(entry: Entry) -> str:
    """`3`, or `—` without a score."""
    return NO_VALUE if entry.rank is None else str(entry.rank)


def common_gap_text(gap: CommonGap) -> str:
    """`31 of 40 have no Call-back request`."""
    return f"{gap.count} of {gap.total} {gap.text}"


def spread_text(spread: Spread) -> str:
    """`median 64.2, quartiles 51.0–77.5, from 12.0 to 95.1 (40 scored)`."""
    if spread.count == 0:
        return "no audit has a score"
    return (
        f"median {score_text(spread.median)}, quartiles {score_text(spread.lower_quartile)}–"
        f"{score_text(spread.upper_quartile)}, from {score_text(spread.minimum)} to "
        f"{score_text(spread.maximum)} ({spread.count} scored)"
    )


def portfolio_title(p: Portfolio) -> str:
    """`Portfolio of 40 audits` (and how many earlier ones served for the change)."""
    count = len(p.league)
    text = f"Portfolio of {count} audit{'s' if count != 1 else ''}"
    if p.earlier:
        text += f" (and {p.earlier} earlier, for the change)"
    return text


def trend_title(trend: Trend) -> str:
    """`Ledgerly, 3 audits from 2026-03-31 to 2026-12-15, scored with the newest audit's
    thresholds`: what every trend output opens with."""
    first, last = trend.points[0], trend.newest
    span = "" if len(trend.points) == 1 else f" from {first.label} to {last.label}"
    noun = "audit" if len(trend.points) == 1 else "audits"
    return (
        f"{trend.company}, {len(trend.points)} {noun}{span}, "
        "scored with the newest audit's thresholds"
    )


def point_coverage(point: TrendPoint) -> str:
    """`67%`, or `23% (provisional)`, for one audit of a trend."""
    return f"{point.coverage:.0%}" + (" (provisional)" if point.provisional else "")


def move_text(move: Move) -> str:
    """`Chat on the site on Official website: no → yes`."""
    return (
        f"{move.criterion_label} on {move.touchpoint_name}: "
        f"{move.before_value} → {move.after_value}"
    )


def move_cells(move: Move) -> tuple[str, str, str, str, str]:
    """A row of what moved most: criterion, touchpoint, before and after (each value with its
    score), and the change: `Chat on the site`, …, `no (0.0)`, `yes (100.0)`, `+100.0`."""
    return (
        move.criterion_label,
        move.touchpoint_name,
        f"{move.before_value} ({score_text(move.before)})",
        f"{move.after_value} ({score_text(move.after)})",
        delta_text(move.delta),
    )
