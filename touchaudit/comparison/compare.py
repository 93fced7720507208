"""Comparison: our audit against competitors' (or last quarter's), judged by one set of thresholds.

Pure, apart from `load_comparison`, which reads the files. docs/compare.md states the rules:
matching by id then channel, the one-threshold rule, and how each gap's impact is recomputed.
"""

from __future__ import annotations

import collections
import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from touchaudit.comparison.result import (
    Comparison,
    CriterionDelta,
    Match,
    MatchedBy,
    Presence,
    PresenceKind,
    Side,
    TouchpointView,
)
from touchaudit.library.checklists import feature_criteria
from touchaudit.library.criteria import Library, builtin_library, with_defined
from touchaudit.library.labels import channel_label, channel_with_article
from touchaudit.reading.errors import AuditError, Problem, UsageError, only_errors
from touchaudit.reading.loaded import LoadedAudit
from touchaudit.reading.loader import AuditReader
from touchaudit.reading.models import Criterion
from touchaudit.reading.visible import describe, first_unsafe, visible
from touchaudit.reading.yamldoc import MAX_BYTES
from touchaudit.scoring.impact import Overall
from touchaudit.scoring.model import DEFAULT_MIN_COVERAGE
from touchaudit.scoring.plan import action_plan
from touchaudit.scoring.results import (
    Band,
    CriterionScore,
    Fix,
    Gap,
    GapKind,
    Scorecard,
    TouchpointScore,
)
from touchaudit.scoring.score import (
    criterion_gap,
    overall_terms,
    rank_gaps,
    score_audit,
    touchpoint_score,
    with_absent,
)

# How an audit is read by its name, with the signature of `check_file`: an `AuditReader`, which
# parses each audit once however often it is checked (files, or versions from git history).
Check = Callable[..., tuple[LoadedAudit | None, list[Problem]]]


def load_comparison(
    ours_file: str,
    theirs_files: Sequence[str],
    *,
    library: Library | None = None,
    max_bytes: int = MAX_BYTES,
    check: Check | None = None,
) -> tuple[LoadedAudit, list[LoadedAudit]]:
    """Load our audit, then theirs with OUR criteria (the one-threshold rule).

    The criteria a competitor's audit defines and ours does not are added to ours first (marked
    as theirs by their source), so that our audit may record them without defining them again.
    `check` reads each audit (a fresh `AuditReader` when None: each file is parsed once).
    Raises one AuditError with the errors of every invalid file.
    """
    check = check or AuditReader()
    base = library or builtin_library()
    ours, problems = check(ours_file, library=base, max_bytes=max_bytes)
    own = ours.library if ours else base
    extra = [
        c for c in _their_criteria(theirs_files, base, max_bytes, check) if c.id not in own.criteria
    ]
    if extra:  # read again, with their criteria to record: rarely needed
        ours, problems = check(ours_file, library=with_defined(base, extra), max_bytes=max_bytes)
    errors = only_errors(problems)
    theirs: list[LoadedAudit] = []
    for file in theirs_files:
        loaded, problems = check(
            file,
            library=ours.library if ours else library,
            max_bytes=max_bytes,
            keep_library_criteria=ours is not None,
        )
        errors.extend(only_errors(problems))
        if loaded is not None:
            theirs.append(loaded)
    if errors or ours is None:
        raise AuditError(errors)
    return ours, theirs


def _their_criteria(
    theirs_files: Sequence[str], base: Library, max_bytes: int, check: Check
) -> list[Criterion]:
    """The criteria the competitors' audits define beyond `base` (first definition wins); an
    invalid file defines none here and is reported when it is loaded for the comparison."""
    found: dict[str, Criterion] = {}
    for file in theirs_files:
        loaded, _ = check(file, library=base, max_bytes=max_bytes)
        if loaded is None:
            continue
        for criterion in loaded.library.criteria.values():
            if criterion.id not in base.criteria:
                found.setdefault(criterion.id, criterion)
    return list(found.values())


def side_labels(cards: Sequence[Scorecard], given: Sequence[str] | None) -> list[str]:
    """The labels given (one per file), or the company names, or the file names if they clash."""
    if given:
        if len(given) != len(cards):
            raise UsageError(
                f"give one --label per audit: {len(cards)} audits, {len(given)} labels"
            )
        if len(set(given)) != len(given):
            raise UsageError("each --label must be different")
        for label in given:
            if (char := first_unsafe(label)) is not None:
                raise UsageError(f"--label {visible(label)!r} contains {describe(char)}")
        return list(given)
    companies = [c.company for c in cards]
    if len(set(companies)) == len(companies):
        return companies
    stems = [visible(Path(c.file).stem) for c in cards]
    if len(set(stems)) == len(stems):
        return stems
    return [f"{stem} ({index})" for index, stem in enumerate(stems, start=1)]


def compare_files(
    ours_file: str | os.PathLike[str],
    theirs_files: Sequence[str | os.PathLike[str]],
    *,
    labels: Sequence[str] | None = None,
    library: Library | None = None,
    max_bytes: int = MAX_BYTES,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> Comparison:
    """Load, score and compare: the whole `touchaudit compare` without the output."""
    ours, theirs = load_comparison(
        os.fspath(ours_file),
        [os.fspath(f) for f in theirs_files],
        library=library,
        max_bytes=max_bytes,
    )
    return compare_loaded(ours, theirs, labels=labels, min_coverage=min_coverage)


def compare_loaded(
    ours: LoadedAudit,
    theirs: Sequence[LoadedAudit],
    *,
    labels: Sequence[str] | None = None,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> Comparison:
    """Score the loaded audits, label them (side_labels) and compare ours with the others.

    With no others, the comparison holds our scorecard, its gaps and nothing to compare.
    Below `min_coverage` a side's score is provisional."""
    cards = [score_audit(a, min_coverage=min_coverage) for a in (ours, *theirs)]
    names = side_labels(cards, labels)
    warnings = tuple(p for a in (ours, *theirs) for p in a.warnings if not p.is_error)
    sides = [
        Side(label, card, index)
        for index, (label, card) in enumerate(zip(names, cards, strict=True))
    ]
    return compare(sides[0], sides[1:], warnings=warnings)


def compare(ours: Side, theirs: Sequence[Side], *, warnings: Sequence[Problem] = ()) -> Comparison:
    """Match touchpoints, line up criteria, list what each side lacks, and rank our gaps.

    Each side is scored against the touchpoints of the other (docs/compare.md): a touchpoint
    the other side has and this one lacks counts for it as a touchpoint scoring 0."""
    paired = [
        (side, match_touchpoints(ours.card.touchpoints, side.card.touchpoints, side.label))
        for side in theirs
    ]
    ours = Side(ours.label, with_absent(ours.card, _we_lack(ours.card, paired)), ours.index)
    theirs = [
        Side(
            side.label, with_absent(side.card, _they_lack(ours.card, side.card, pairs)), side.index
        )
        for side, pairs in paired
    ]
    pairs = [side_pairs for _, side_pairs in paired]
    missing: list[Presence] = []
    advantages: list[Presence] = []
    rows: list[CriterionDelta] = []
    gaps: list[Gap] = []
    card = ours.card
    # Once: per pair it made compare quadratic.
    overall = Overall.of(overall_terms(card.touchpoints, card.journey, card.absent))
    for side, side_pairs in zip(theirs, pairs, strict=True):
        lacking, extra = _unmatched(card, side, side_pairs, overall)
        missing.extend(lacking)
        advantages.extend(extra)
        for match in side_pairs:
            pair_rows = criterion_rows(match)
            rows.extend(pair_rows)
            behind = behind_gaps(pair_rows, overall)
            gaps.extend(behind)
            extras = competitor_only(pair_rows, overall)
            gaps.extend(gap for _, gap in extras)
            missing.extend(_feature(row, True, gap.impact) for row, gap in extras)
            features, ahead = _features(pair_rows, behind)
            missing.extend(features)
            advantages.extend(ahead)
        gaps.extend(_missing_gap(p, card) for p in lacking)
    ranked = rank_gaps([*_not_subsumed(card.gaps, gaps), *gaps])
    return Comparison(
        ours=ours,
        theirs=tuple(theirs),
        matches=tuple(m for side_pairs in pairs for m in side_pairs),
        missing=tuple(missing),
        advantages=tuple(advantages),
        criteria=tuple(rows),
        touchpoints=touchpoint_views(card.touchpoints, pairs),
        gaps=ranked,
        warnings=tuple(warnings),
        plan=action_plan(card.touchpoints, overall, ranked, card.journey, card.absent),
    )


def _we_lack(
    ours: Scorecard, paired: Sequence[tuple[Side, Sequence[Match]]]
) -> list[TouchpointScore]:
    """The competitors' touchpoints we lack, counted once across competitors: per channel as
    many as the competitor that has the most of them; none for a channel the checklist already
    counts as missing."""
    most: dict[str, list[TouchpointScore]] = {}
    for side, pairs in paired:
        per_channel: dict[str, list[TouchpointScore]] = {}
        for tp in _unpaired(side.card.touchpoints, {m.theirs.id for m in pairs}):
            per_channel.setdefault(tp.channel, []).append(tp)
        for channel, found in per_channel.items():
            if len(found) > len(most.get(channel, ())):
                most[channel] = found
    counted = _missing_channels(ours)
    return [tp for channel, found in most.items() if channel not in counted for tp in found]


def _they_lack(ours: Scorecard, theirs: Scorecard, pairs: Sequence[Match]) -> list[TouchpointScore]:
    """Our touchpoints a competitor lacks (not those its checklist already counts as missing)."""
    counted = _missing_channels(theirs)
    unpaired = _unpaired(ours.touchpoints, {m.ours.id for m in pairs})
    return [tp for tp in unpaired if tp.channel not in counted]


def _unpaired(touchpoints: Sequence[TouchpointScore], paired: set[str]) -> list[TouchpointScore]:
    return [tp for tp in touchpoints if tp.id not in paired]


def _missing_channels(card: Scorecard) -> set[str]:
    """The channels of the expected touchpoints an audit lacks: already counted as 0."""
    return {channel for item in card.missing for channel in item.channels}


def match_touchpoints(
    ours: Sequence[TouchpointScore], theirs: Sequence[TouchpointScore], competitor: str
) -> list[Match]:
    """Pairs by the same id first; then each of theirs, in file order, takes our first unmatched
    touchpoint of its channel. One-to-one. Returned in our file order."""
    by_id = {t.id: t for t in ours}
    taken: set[str] = set()
    pairs: list[Match] = []
    for tp in theirs:
        if tp.id in by_id:
            pairs.append(Match(competitor, by_id[tp.id], tp, MatchedBy.ID))
            taken.add(tp.id)
    paired_theirs = {m.theirs.id for m in pairs}
    # Our untaken touchpoints per channel, in file order: a scan of `ours` per competitor
    # touchpoint made matching quadratic on large audits.
    free: dict[str, collections.deque[TouchpointScore]] = {}
    for t in ours:
        if t.id not in taken:
            free.setdefault(t.channel, collections.deque()).append(t)
    for tp in theirs:
        if tp.id in paired_theirs:
            continue
        queue = free.get(tp.channel)
        mine = queue.popleft() if queue else None
        if mine is not None:
            pairs.append(Match(competitor, mine, tp, MatchedBy.CHANNEL))
            taken.add(mine.id)
    order = {t.id: index for index, t in enumerate(ours)}
    return sorted(pairs, key=lambda m: order[m.ours.id])


def touchpoint_views(
    ours: Sequence[TouchpointScore], pairs: Sequence[Sequence[Match]]
) -> tuple[TouchpointView, ...]:
    """Each of our touchpoints, in file order, beside its match with each other side (`pairs`:
    the matches with each side, in side order)."""
    by_side = [{m.ours.id: m for m in side_pairs} for side_pairs in pairs]
    return tuple(TouchpointView(tp, tuple(found.get(tp.id) for found in by_side)) for tp in ours)


def criterion_rows(match: Match) -> list[CriterionDelta]:
    """Every criterion measured on either touchpoint of the pair: ours in order, then theirs."""
    mine = {c.id: c for c in match.ours.criteria}
    other = {c.id: c for c in match.theirs.criteria}
    rows = []
    for criterion_id in dict.fromkeys([*mine, *other]):
        ours, theirs = mine.get(criterion_id), other.get(criterion_id)
        if (ours is None or ours.score is None) and (theirs is None or theirs.score is None):
            continue
        either = ours or theirs
        assert either is not None  # one of them has a score
        rows.append(CriterionDelta(match, either.criterion, ours, theirs))
    return rows


def behind_gaps(rows: Sequence[CriterionDelta], overall: Overall) -> list[Gap]:
    """A gap for each criterion they score better on: the points of our overall score gained by
    matching their score there (our touchpoint rescored with it, then the overall, in O(1)).

    `overall` is `Overall.of` our overall's terms."""
    gaps = []
    for row in rows:
        if row.delta is None or row.delta >= 0 or row.ours is None or row.theirs is None:
            continue
        gaps.append(_behind_gap(row, _gain_at_their_score(row, overall)))
    return gaps


def competitor_only(
    rows: Sequence[CriterionDelta], overall: Overall
) -> list[tuple[CriterionDelta, Gap]]:
    """The criteria only they measured, or only their audit defines, where their value is good:
    what they have and we lack (or have not recorded). Each is our gap of kind
    `competitor_only`, worth our touchpoint rescored with their score there."""
    found = []
    for row in rows:
        theirs = row.theirs
        if row.ours_score is not None or theirs is None or theirs.band is not Band.GOOD:
            continue
        tp, competitor, criterion = row.match.ours, row.match.competitor, row.criterion
        message = (
            f"{competitor} has {criterion.label} on {row.match.theirs.name} "
            f"({theirs.shown_value}, good); {tp.name} does not record it"
        )
        gap = criterion_gap(
            GapKind.COMPETITOR_ONLY,
            tp,
            criterion,
            _gain_at_their_score(row, overall),
            message,
            competitor,
            fix=Fix(criterion_score=row.theirs_score),
        )
        found.append((row, gap))
    return found


def _gain_at_their_score(row: CriterionDelta, overall: Overall) -> float:
    """Points of our overall gained with our touchpoint's criterion at their score (added to the
    touchpoint when our audit does not have it there)."""
    tp = row.match.ours
    theirs = CriterionScore.of(row.criterion, None, row.theirs_score)
    improved = [theirs if c.id == row.criterion.id else c for c in tp.criteria]
    if row.ours is None:
        improved.append(theirs)
    new_score, _ = touchpoint_score(improved)
    return overall.gain_if_rescored(tp, new_score)


def _feature(row: CriterionDelta, theirs: bool, impact: float) -> Presence:
    """The criterion of a matched pair as a feature one side has (`theirs`: their side) and
    the other lacks, with that side's score."""
    holder = row.match.theirs if theirs else row.match.ours
    return Presence(
        competitor=row.match.competitor,
        kind=PresenceKind.FEATURE,
        touchpoint=holder.id,
        name=row.criterion.label,
        channel=holder.channel,
        stages=holder.stages,
        score=row.theirs_score if theirs else row.ours_score,
        weight=row.criterion.weight,
        impact=impact,
        criterion=row.criterion.id,
    )


def _behind_gap(row: CriterionDelta, impact: float) -> Gap:
    assert row.ours is not None
    assert row.theirs is not None
    tp, competitor = row.match.ours, row.match.competitor
    criterion = row.criterion
    message = (
        f"{criterion.label} on {tp.name}: ours {row.ours.shown_value} "
        f"(score {row.ours_score:.0f}), {competitor} {row.theirs.shown_value} "
        f"(score {row.theirs_score:.0f})"
    )
    fix = Fix(criterion_score=row.theirs_score)
    return criterion_gap(
        GapKind.BEHIND_COMPETITOR, tp, criterion, impact, message, competitor, fix=fix
    )


def _unmatched(
    ours: Scorecard, side: Side, pairs: Sequence[Match], overall: Overall
) -> tuple[list[Presence], list[Presence]]:
    """Their touchpoints without a partner (what we lack), and ours (our advantages).

    What we lack counts as 0 in our overall (`overall`: our sums); it is worth what having it
    as they have it would add."""
    paired_ours = {m.ours.id for m in pairs}
    paired_theirs = {m.theirs.id for m in pairs}
    our_channels = {t.channel for t in ours.touchpoints}
    their_channels = {t.channel for t in side.card.touchpoints}
    lacking = [
        _presence(
            side.label,
            tp,
            impact=overall.gain(((0.0, tp.weight), (tp.score, tp.weight))),
            channel_missing=tp.channel not in our_channels,
        )
        for tp in side.card.touchpoints
        if tp.id not in paired_theirs
    ]
    extra = [
        _presence(side.label, tp, impact=0.0, channel_missing=tp.channel not in their_channels)
        for tp in ours.touchpoints
        if tp.id not in paired_ours
    ]
    return lacking, extra


def _presence(
    competitor: str, tp: TouchpointScore, *, impact: float, channel_missing: bool
) -> Presence:
    return Presence(
        competitor=competitor,
        kind=PresenceKind.TOUCHPOINT,
        touchpoint=tp.id,
        name=tp.name,
        channel=tp.channel,
        stages=tp.stages,
        score=tp.score,
        weight=tp.weight,
        impact=impact,
        channel_missing=channel_missing,
    )


def _features(
    rows: Sequence[CriterionDelta], behind: Sequence[Gap]
) -> tuple[list[Presence], list[Presence]]:
    """Contact features (checklist criteria such as callback_request) one side offers and the
    other answers `no`: what we lack on a matched touchpoint, and what only we offer."""
    impacts = {g.criterion: g.impact for g in behind}
    lacking: list[Presence] = []
    extra: list[Presence] = []
    for row in rows:
        if row.criterion.id not in feature_criteria() or row.delta is None or row.delta == 0:
            continue
        we_lack = row.delta < 0
        impact = impacts.get(row.criterion.id, 0.0) if we_lack else 0.0
        (lacking if we_lack else extra).append(_feature(row, we_lack, impact))
    return lacking, extra


def _missing_gap(p: Presence, ours: Scorecard) -> Gap:
    """Their touchpoint we lack: its fix puts it in place of its 0 (or of the 0 of the missing
    checklist item whose channel it has: then it is that item's fix too)."""
    shown = "unscored" if p.score is None else f"score {p.score:.0f}"
    channel = channel_label(p.channel)
    where = f"no {channel} touchpoint at all" if p.channel_missing else "no such touchpoint"
    item = next((i for i in ours.missing if p.channel in i.channels), None)
    counted = any(a.id == p.touchpoint and a.channel == p.channel for a in ours.absent)
    zero = item.weight if item else (p.weight if counted else 0.0)
    return Gap(
        kind=GapKind.MISSING_TOUCHPOINT,
        touchpoint=None,
        criterion=None,
        impact=p.impact,
        message=f"{p.competitor} has {p.name} ({channel}, {shown}); we have {where}",
        recommendation=(
            f"Add {channel_with_article(p.channel)} touchpoint like {p.competitor}'s {p.name}."
        ),
        stages=p.stages,
        competitor=p.competitor,
        fix=Fix(zero=zero, added=(p.score, p.weight)),
        item=item.id if item else None,
    )


def _not_subsumed(own: Sequence[Gap], theirs: Sequence[Gap]) -> list[Gap]:
    """Our own gaps, without those that a gap against a competitor on the same criterion of the
    same touchpoint already covers: with at least the same impact, or as what only they have."""
    best: dict[tuple[str | None, str | None], float] = {}
    for gap in theirs:
        place = (gap.touchpoint, gap.criterion)
        impact = math.inf if gap.kind is GapKind.COMPETITOR_ONLY else gap.impact
        best[place] = max(best.get(place, 0.0), impact)
    return [
        g
        for g in own
        if (g.touchpoint, g.criterion) not in best or best[(g.touchpoint, g.criterion)] < g.impact
    ]
