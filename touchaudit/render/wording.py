"""Wording shared by every output format: scores, deltas, impacts, groups, journey breaks.

Plain text only: no Rich styles, no Markdown escaping (each format applies its own), so that
the terminal, Markdown, JSON and the starter audit say the same thing the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from touchaudit.scoring.results import BreakKind, ChainBreak, GroupScore, NotApplicableKind

if TYPE_CHECKING:
    from touchaudit.comparison.result import Side
    from touchaudit.scoring.results import NotApplicableEntry, Plan, Scorecard

# How many gaps a scorecard or comparison shows (the JSON has them all).
TOP_GAPS = 10
NO_VALUE = "—"
# A row only one side measured has no delta: the two cannot be compared there.
FLAG_TEXT = {
    "only_theirs": "not comparable: only they measured it",
    "only_ours": "not comparable: only we measured it",
}


def rounded(value: float | None) -> float | None:
    """A score, delta or impact as a number in output: one decimal, as `score_text` shows it."""
    return None if value is None else round(value, 1)


def score_text(score: float | None) -> str:
    """`84.3` or `—`."""
    return NO_VALUE if score is None else f"{score:.1f}"


def range_text(low: float | None, high: float | None) -> str:
    """`41.0–77.0`: a score with every unmeasured criterion at 0 and at 100; `—` without one."""
    if low is None or high is None:
        return NO_VALUE
    return f"{low:.1f}–{high:.1f}"


def coverage_text(card: Scorecard) -> str:
    """`range 41.0–77.0, 30% unmeasured`: what stands beside every overall score."""
    return f"range {range_text(card.low, card.high)}, {1 - card.coverage:.0%} unmeasured"


def coverage_cell(card: Scorecard) -> str:
    """`67%`, or `23% (provisional)` below the minimum coverage."""
    return f"{card.coverage:.0%}" + (" (provisional)" if card.provisional else "")


def headline_text(card: Scorecard) -> str:
    """`58.2, range 41.0–77.0, 30% unmeasured`, and `(provisional: …)` when it is."""
    text = f"{score_text(card.score)}, {coverage_text(card)}"
    return f"{text} ({provisional_text(card)})" if card.provisional else text


def provisional_text(card: Scorecard) -> str:
    """Why a score is provisional: `provisional: coverage 23% is below the minimum 50%`."""
    return f"provisional: coverage {card.coverage:.0%} is below the minimum {card.min_coverage:.0%}"


def completeness_text(card: Scorecard) -> str:
    """Whether the score counts the touchpoints the audit lacks, and how many it lacks."""
    if not card.completeness_judged:
        return "completeness not judged: no journey checklist (set business: to judge it)"
    missing = len(card.missing)
    if not missing:
        return "every expected touchpoint is present or does not apply"
    noun = "touchpoint" if missing == 1 else "touchpoints"
    return f"{missing} expected {noun} missing, each counted as a touchpoint scoring 0"


NA_KIND_TEXT = {
    NotApplicableKind.TOUCHPOINT: "touchpoint",
    NotApplicableKind.CRITERION: "criterion",
    NotApplicableKind.EXPECTED_TOUCHPOINT: "expected touchpoint",
}


def not_applicable_text(entry: NotApplicableEntry) -> str:
    """`Delivery (expected touchpoint): dine-in only, until 2027-03-01`."""
    # A reason (a note) may span lines; the entry is shown on one line in every format.
    reason = " ".join(entry.reason.split()) or "no reason given"
    until = f", until {entry.until.isoformat()}" if entry.until else ""
    return f"{entry.label} ({NA_KIND_TEXT[entry.kind]}): {reason}{until}"


def delta_text(delta: float | None) -> str:
    """`+12.5`, `-3.0`, `0.0` or `—`."""
    if delta is None:
        return NO_VALUE
    return f"{delta:+.1f}" if round(delta, 1) != 0 else "0.0"


def points_text(points: float) -> str:
    """A plan step's points, signed: `+3.2`, `-0.4` (a step can lower the mean)."""
    return f"{points:+.1f}"


TOP_MEASURES = 5  # how many of the plan's measurements a scorecard or comparison shows


def plan_title(plan: Plan) -> str:
    """`Action plan (first 10 of 37 fixes; the points add up to "Score after")`."""
    shown = min(TOP_GAPS, len(plan.to_fix))
    return f"Action plan (first {shown} of {len(plan.to_fix)} fixes; points add up to Score after)"


def measure_title(plan: Plan) -> str:
    """`To measure (first 5 of 18; Range: points of the overall's range each settles)`."""
    shown, total = min(TOP_MEASURES, len(plan.to_measure)), len(plan.to_measure)
    return f"To measure (first {shown} of {total}; Range: points of the range each settles)"


def impact_text(points: float) -> str:
    """Points of overall score a gap is worth: `+3.2`."""
    return f"+{points:.1f}"


def group_cell(group: GroupScore | None) -> str:
    """`84.3 (2)`: score and touchpoint count, or `—` when the side lacks it."""
    if group is None or group.touchpoints == 0:
        return NO_VALUE
    return f"{score_text(group.score)} ({group.touchpoints})"


def journey_text(side: Side) -> str:
    """`5 of 15` expected touchpoints, or `—` without a checklist."""
    journey = side.card.journey
    if journey is None or not journey.expected:
        return NO_VALUE
    return f"{journey.present} of {journey.expected}"


def break_text(b: ChainBreak) -> str:
    """`skips comparison between ad and reception` or `goes back from survey to ad`."""
    if b.kind is BreakKind.SKIPS:
        return f"skips {', '.join(b.stages)} between {b.from_step} and {b.to_step}"
    return f"goes back from {b.from_step} to {b.to_step}"
