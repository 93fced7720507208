"""The report's template context: a comparison laid out as plain, documented data.

Pure apart from `report_files`, which reads the audits. docs/templates.md documents every
variable; the templates in `templates/` render this context as Markdown or HTML. The comparison
(comparison/compare.py) supplies the labelled sides, the touchpoint pairs and their criterion
rows, the gaps, and through the scorecards the journey, the chains and the heatmap scores; the
report adds only its layout, the gap ranks and the date. A report without competitors is built
from a comparison without them. With earlier audits of ours (`--trend`), the report also carries
their trend (comparison/trend.py), computed once for its "Progress over time" section.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from touchaudit import __version__
from touchaudit.comparison.compare import compare_loaded, load_comparison
from touchaudit.comparison.result import Comparison, PresenceKind, Side, TouchpointView
from touchaudit.comparison.trend import trend_files
from touchaudit.comparison.trend_result import Trend
from touchaudit.library.criteria import Library
from touchaudit.library.targets import good_target, poor_value
from touchaudit.reading.errors import Code, Problem, UsageError
from touchaudit.reading.limits import REPORT_WHERE, SHOWN, SHOWN_GAPS, more_text
from touchaudit.reading.loader import AuditReader
from touchaudit.reading.models import Criterion
from touchaudit.reading.visible import visible
from touchaudit.reading.yamldoc import MAX_BYTES
from touchaudit.scoring.model import CRITICAL_CAP, DEFAULT_MIN_COVERAGE
from touchaudit.scoring.results import (
    Band,
    ChainScore,
    Gap,
    GroupScore,
    ItemStatus,
    JourneyItem,
    Plan,
    Scorecard,
    TouchpointScore,
)

TOP_GAPS = 3
UNDATED = "undated"


def label_of(identifier: str) -> str:
    """A stage or channel id as people read it: `post_purchase` → `Post purchase`."""
    return identifier.replace("_", " ").replace("-", " ").capitalize()


@dataclass(frozen=True, slots=True)
class Labelled:
    """A stage or channel id with its label."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Row(Labelled):
    """A stage or channel with one score per side, in `sides` order (None: nothing scored)."""

    cells: tuple[GroupScore, ...]


@dataclass(frozen=True, slots=True)
class Heatmap:
    """One side's stage-by-channel scores: one row per channel, one cell per stage."""

    side: Side
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Hole:
    """A touchpoint the journey checklist expects in a stage and the audit lacks: the
    scorecard's missing journey item, with a note for the reader."""

    stage: str
    item: JourneyItem
    note: str = ""

    @property
    def label(self) -> str:
        """The expected touchpoint, as the checklist names it."""
        return self.item.label

    @property
    def channel(self) -> str | None:
        """The first channel that would fill the hole, if the checklist names one."""
        return self.item.channels[0] if self.item.channels else None


@dataclass(frozen=True, slots=True)
class SideTouchpoint:
    """A touchpoint of one side (a competitor's touchpoint we have no match for)."""

    side: Side
    touchpoint: TouchpointScore


@dataclass(frozen=True, slots=True)
class StageView(Labelled):
    """A stage of our journey, in order: our touchpoints, holes, and what only competitors have."""

    touchpoints: tuple[TouchpointScore, ...]
    holes: tuple[Hole, ...]
    their_only: tuple[SideTouchpoint, ...]
    more: str = ""  # "… and 950 more touchpoints (…)" when `touchpoints` holds the first SHOWN
    # The touchpoints whose first stage of the journey this is: a diagram draws each once.
    first_here: tuple[TouchpointScore, ...] = ()
    their_first_here: tuple[SideTouchpoint, ...] = ()

    @property
    def empty(self) -> bool:
        """True when none of our touchpoints serves this stage."""
        return not self.touchpoints

    @property
    def from_earlier(self) -> int:
        """How many of our touchpoints here already serve an earlier stage (of those shown)."""
        return len(self.touchpoints) - len(self.first_here)


@dataclass(frozen=True, slots=True)
class GapView:
    """A ranked gap with the names the reader needs beside the ids."""

    rank: int
    gap: Gap
    touchpoint: str
    stages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StepView(GapView):
    """A fix of the action plan: its points after the fixes above it, and the overall then."""

    points: float
    score_after: float


@dataclass(frozen=True, slots=True)
class MeasureView(GapView):
    """An unmeasured criterion worth measuring: the points of the overall range it settles."""

    range_share: float


@dataclass(frozen=True, slots=True)
class Threshold:
    """A criterion that scored a value on some side, with its thresholds as people read them."""

    criterion: Criterion
    good: str
    poor: str


@dataclass(frozen=True, slots=True)
class BandRange:
    """A score band and the scores it covers, for the method appendix and legends."""

    band: Band
    scores: str


BANDS = (
    BandRange(Band.GOOD, "90 to 100"),
    BandRange(Band.NEEDS_WORK, "50 to 89"),
    BandRange(Band.POOR, "0 to 49"),
    BandRange(Band.UNMEASURED, "no value"),
)


@dataclass(frozen=True)
class ReportContext:
    """Everything a report template receives, and nothing else (docs/templates.md)."""

    generator: str
    title: str
    date: str
    date_source: str
    ours: Side
    theirs: tuple[Side, ...]
    sides: tuple[Side, ...]
    stages: tuple[Labelled, ...]
    channels: tuple[Labelled, ...]
    channel_names: Mapping[str, str]
    journey: tuple[StageView, ...]
    stage_rows: tuple[Row, ...]
    channel_rows: tuple[Row, ...]
    heatmaps: tuple[Heatmap, ...]
    touchpoints: tuple[TouchpointView, ...]
    their_only: tuple[SideTouchpoint, ...]
    gaps: tuple[GapView, ...]
    plan: tuple[StepView, ...]
    to_measure: tuple[MeasureView, ...]
    top_gaps: tuple[StepView, ...]
    chains: tuple[ChainScore, ...]
    more: Mapping[str, str]
    thresholds: tuple[Threshold, ...]
    bands: tuple[BandRange, ...]
    critical_cap: float
    warnings: tuple[Problem, ...] = ()
    trend: Trend | None = None

    @property
    def printed_warnings(self) -> tuple[Problem, ...]:
        """The warnings `touchaudit report` prints on stderr: thresholds a compared (or earlier)
        file set differently from ours (its values were judged by ours), each once."""
        found = (*self.warnings, *(self.trend.warnings if self.trend else ()))
        return tuple(dict.fromkeys(w for w in found if w.code == Code.THRESHOLD_DIFFERS))

    def as_dict(self) -> dict[str, Any]:
        """The template variables: one per field, not copied deeper."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


# --------------------------------------------------------------------------- the core calls


def report_files(
    ours_file: str | os.PathLike[str],
    theirs_files: Sequence[str | os.PathLike[str]] = (),
    *,
    earlier_files: Sequence[str | os.PathLike[str]] = (),
    labels: Sequence[str] | None = None,
    library: Library | None = None,
    max_bytes: int = MAX_BYTES,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    date_given: date | None = None,
    source_date_epoch: str | None = None,
) -> ReportContext:
    """Load, score, compare and lay out: the whole `touchaudit report` without the rendering.

    Competitors are loaded with our criteria (the one-threshold rule of `compare`). With
    `earlier_files` (earlier audits of ours), the trend from them to ours, of which ours must be
    the newest; `labels` then name ours, each competitor, then each earlier audit.
    """
    ours_name = os.fspath(ours_file)
    side_names, trend_names = _split_labels(labels, len(theirs_files), len(earlier_files))
    reader = AuditReader()  # ours is in the comparison and in the trend: parsed once
    ours, theirs = load_comparison(
        ours_name,
        [os.fspath(f) for f in theirs_files],
        library=library,
        max_bytes=max_bytes,
        check=reader,
    )
    trend = None
    if earlier_files:
        trend = trend_files(
            [ours_name, *(os.fspath(f) for f in earlier_files)],
            labels=trend_names,
            library=library,
            max_bytes=max_bytes,
            min_coverage=min_coverage,
            reader=reader,
        )
        _check_newest(trend, ours_name)
    return build_report(
        compare_loaded(ours, theirs, labels=side_names, min_coverage=min_coverage),
        channel_labels={k: c.label for k, c in ours.library.channels.items()},
        date_given=date_given,
        source_date_epoch=source_date_epoch,
        trend=trend,
    )


def _split_labels(
    labels: Sequence[str] | None, theirs: int, earlier: int
) -> tuple[Sequence[str] | None, Sequence[str] | None]:
    """The labels of the report's sides and of the trend's audits (ours in both): one per
    audit given, ours first, then each competitor, then each earlier audit."""
    if not labels or not earlier:
        return labels, None
    count = 1 + theirs + earlier
    if len(labels) != count:
        raise UsageError(
            f"give one --label per audit (ours, each --vs, then each --trend): {count} audits, "
            f"{len(labels)} labels"
        )
    return labels[: 1 + theirs], [labels[0], *labels[1 + theirs :]]


def _check_newest(trend: Trend, ours: str) -> None:
    """The report is of the newest audit: its trend leads up to it."""
    newest = trend.newest
    if newest.file != ours:
        raise UsageError(
            f"{visible(newest.file)} (audited_on {newest.audited_on}) is newer than "
            f"{visible(ours)}: report the newest audit and give the earlier ones with --trend"
        )


def build_report(
    comparison: Comparison,
    *,
    channel_labels: Mapping[str, str] | None = None,
    date_given: date | None = None,
    source_date_epoch: str | None = None,
    trend: Trend | None = None,
) -> ReportContext:
    """The report's context for a comparison (without competitors for a plain report), with
    the trend of our audits when there is one.

    Raises UsageError for a SOURCE_DATE_EPOCH that is not a whole number of seconds.
    """
    try:
        shown, source = report_date(date_given, comparison.ours.card.audited_on, source_date_epoch)
    except ValueError:
        raise UsageError("SOURCE_DATE_EPOCH must be a whole number of seconds") from None
    return build_context(
        comparison,
        date_shown=shown,
        date_source=source,
        channel_labels=channel_labels,
        trend=trend,
    )


def report_date(
    given: date | None, audited_on: date | None, source_date_epoch: str | None
) -> tuple[str, str]:
    """The date shown and where it came from: --date, else audited_on, else SOURCE_DATE_EPOCH.

    Never the clock: the same inputs must give the same bytes. With none of the three the
    report says `undated`. Raises ValueError for a SOURCE_DATE_EPOCH that is not an integer.
    """
    if given is not None:
        return given.isoformat(), "--date"
    if audited_on is not None:
        return audited_on.isoformat(), "audited_on"
    if source_date_epoch:
        try:
            stamp = datetime.fromtimestamp(int(source_date_epoch), tz=UTC)
        except (OverflowError, OSError) as err:  # out of the platform's range
            raise ValueError(f"SOURCE_DATE_EPOCH out of range: {source_date_epoch}") from err
        return stamp.date().isoformat(), "SOURCE_DATE_EPOCH"
    return UNDATED, "none"


def build_context(
    comparison: Comparison,
    *,
    date_shown: str = UNDATED,
    date_source: str = "none",
    channel_labels: Mapping[str, str] | None = None,
    trend: Trend | None = None,
) -> ReportContext:
    """The template context: the comparison's sides, pairs and gaps, laid out for the report
    (and the trend of our audits, as computed)."""
    labels = channel_labels or {}
    ours, rivals, sides = comparison.ours, comparison.theirs, comparison.sides
    card = ours.card
    stage_ids = _union([s.id for s in side.card.stages] for side in sides)
    stages = tuple(Labelled(s, label_of(s)) for s in stage_ids)
    channels = tuple(Labelled(c, labels.get(c, label_of(c))) for c in comparison.channel_ids)
    their_only = _their_only(comparison)
    gaps = comparison.gaps
    ranked = tuple(_gap_views(card, gaps[:SHOWN_GAPS]))
    plan = tuple(_step_views(card, comparison.plan))
    chains = card.chains
    more = {
        "touchpoints": _more(card.touchpoints, "touchpoints"),
        "their_only": _more(their_only, "competitor touchpoints"),
        "gaps": more_text(len(gaps) - SHOWN_GAPS, "gaps", REPORT_WHERE),
        "chains": _more(chains, "chains"),
    }
    return ReportContext(
        generator=f"touchaudit {__version__}",
        title=f"Customer touchpoint audit: {card.company}",
        date=date_shown,
        date_source=date_source,
        ours=ours,
        theirs=rivals,
        sides=sides,
        stages=stages,
        channels=channels,
        channel_names={c.id: c.label for c in channels},
        journey=_journey(card, stages, journey_holes(card, labels), their_only),
        stage_rows=tuple(_row(stage, [side.card.stages for side in sides]) for stage in stages),
        channel_rows=tuple(_row(c, [side.card.channels for side in sides]) for c in channels),
        heatmaps=tuple(_heatmap(side, stages, channels) for side in sides),
        touchpoints=comparison.touchpoints[:SHOWN],
        their_only=their_only[:SHOWN],
        gaps=ranked,
        plan=plan,
        to_measure=tuple(_measure_views(card, comparison.plan)),
        top_gaps=plan[:TOP_GAPS],
        chains=chains[:SHOWN],
        more=more,
        thresholds=_thresholds(sides),
        bands=BANDS,
        critical_cap=CRITICAL_CAP,
        warnings=comparison.warnings,
        trend=trend,
    )


def journey_holes(card: Scorecard, channel_labels: Mapping[str, str]) -> tuple[Hole, ...]:
    """The checklist's expected touchpoints the audit lacks, stage by stage."""
    if card.journey is None:
        return ()
    business = card.journey.business or "this business"
    return tuple(
        Hole(
            stage.id,
            item,
            f"expected for a {label_of(business).lower()}"
            + (
                f" ({', '.join(channel_labels.get(c, c) for c in item.channels)})"
                if item.channels
                else ""
            ),
        )
        for stage in card.journey.stages
        for item in stage.with_status(ItemStatus.MISSING)
    )


# --------------------------------------------------------------------------- helpers


def _more(items: Sequence[object], noun: str) -> str:
    """The line after the first SHOWN items of a long list; empty for a short one."""
    return more_text(len(items) - SHOWN, noun, REPORT_WHERE)


def _their_only(comparison: Comparison) -> tuple[SideTouchpoint, ...]:
    """The competitors' touchpoints the comparison paired with none of ours, side by side."""
    sides = {side.label: side for side in comparison.theirs}
    found = []
    for presence in comparison.missing:
        if presence.kind is not PresenceKind.TOUCHPOINT:
            continue
        side = sides[presence.competitor]
        tp = side.card.touchpoint(presence.touchpoint)
        assert tp is not None  # the comparison took it from that scorecard
        found.append(SideTouchpoint(side, tp))
    return tuple(found)


def _union(groups: Iterable[Iterable[str]]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        seen.update(dict.fromkeys(group))
    return tuple(seen)


def _row(item: Labelled, groups: Sequence[tuple[GroupScore, ...]]) -> Row:
    """The scorecards' own stage or channel scores; a side without the item scores nothing."""
    cells = (
        next((g for g in found if g.id == item.id), GroupScore(item.id, None, 0))
        for found in groups
    )
    return Row(item.id, item.label, tuple(cells))


def _heatmap(side: Side, stages: Sequence[Labelled], channels: Sequence[Labelled]) -> Heatmap:
    """The scorecard's own channel-in-stage scores, laid out as rows of channels."""
    card = side.card
    rows = (
        Row(channel.id, channel.label, tuple(card.channel_stage(channel.id, s.id) for s in stages))
        for channel in channels
    )
    return Heatmap(side, tuple(rows))


def _journey(
    card: Scorecard,
    stages: Sequence[Labelled],
    holes: Sequence[Hole],
    their_only: Sequence[SideTouchpoint],
) -> tuple[StageView, ...]:
    own = {s.id for s in card.stages}
    journey = []
    drawn: set[tuple[int, str]] = set()  # (side index, touchpoint id) of earlier stages
    for stage in stages:
        if stage.id not in own:
            continue
        serving = tuple(t for t in card.touchpoints if stage.id in t.stages)
        mine = serving[:SHOWN]
        theirs = tuple(o for o in their_only if stage.id in o.touchpoint.stages)[:SHOWN]
        first_here = tuple(t for t in mine if (0, t.id) not in drawn)
        their_first_here = tuple(o for o in theirs if (o.side.index, o.touchpoint.id) not in drawn)
        drawn.update((0, t.id) for t in mine)
        drawn.update((o.side.index, o.touchpoint.id) for o in theirs)
        journey.append(
            StageView(
                stage.id,
                stage.label,
                mine,
                tuple(h for h in holes if h.stage == stage.id),
                theirs,
                _more(serving, "touchpoints"),
                first_here,
                their_first_here,
            )
        )
    return tuple(journey)


def _gap_views(card: Scorecard, gaps: Sequence[Gap]) -> list[GapView]:
    return [GapView(*_named(card, rank, gap)) for rank, gap in enumerate(gaps, start=1)]


def _step_views(card: Scorecard, plan: Plan) -> list[StepView]:
    return [
        StepView(*_named(card, rank, s.gap), s.impact, s.score_after)
        for rank, s in enumerate(plan.to_fix, start=1)
    ]


def _measure_views(card: Scorecard, plan: Plan) -> list[MeasureView]:
    return [
        MeasureView(*_named(card, rank, m.gap), m.range_share)
        for rank, m in enumerate(plan.to_measure, start=1)
    ]


def _named(card: Scorecard, rank: int, gap: Gap) -> tuple[int, Gap, str, tuple[str, ...]]:
    """A ranked gap with the names the reader needs: its touchpoint's and its stages'."""
    tp = card.touchpoint(gap.touchpoint) if gap.touchpoint else None
    name = tp.name if tp else (gap.touchpoint or "")
    return rank, gap, name, tuple(label_of(s) for s in gap.stages)


def _thresholds(sides: Sequence[Side]) -> tuple[Threshold, ...]:
    used: dict[str, Criterion] = {}
    for side in sides:
        for tp in side.card.touchpoints:
            for c in tp.criteria:
                if c.score is not None:
                    used.setdefault(c.id, c.criterion)
    return tuple(Threshold(c, good_target(c), poor_value(c)) for c in used.values())
