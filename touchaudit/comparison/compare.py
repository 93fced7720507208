"""Comparison: our audit against competitors' (or last quarter's), judged by one set of thresholds.

Pure, apart from `load_comparison`, which reads the files. docs/compare.md states the rules:
matching by id then channel, the one-threshold rule, and how each gap's impact is recomputed.
"""

from __future__ import annotations

import collections
import os
from collections.abc import Sequence
from pathlib import Path

from touchaudit.comparison.result import (
    Comparison,
    CriterionDelta,
    Match,
    MatchedBy,
    Presence,
    PresenceKind,
    Side,
)
from touchaudit.library.checklists import feature_criteria
from touchaudit.library.criteria import Library
from touchaudit.library.labels import channel_with_article
from touchaudit.reading.errors import AuditError, Problem, UsageError, only_errors
from touchaudit.reading.loaded import LoadedAudit
from touchaudit.reading.loader import check_file
from touchaudit.reading.visible import describe, first_unsafe, visible
from touchaudit.reading.yamldoc import MAX_BYTES
from touchaudit.scoring.impact import Overall
from touchaudit.scoring.results import CriterionScore, Gap, GapKind, Scorecard, TouchpointScore
from touchaudit.scoring.score import criterion_gap, rank_gaps, score_audit, touchpoint_score


def load_comparison(
    ours_file: str,
    theirs_files: Sequence[str],
    *,
    library: Library | None = None,
    max_bytes: int = MAX_BYTES,
) -> tuple[LoadedAudit, list[LoadedAudit]]:
    """Load our audit, then theirs with OUR criteria (the one-threshold rule).

    Raises one AuditError with the errors of every invalid file.
    """
    ours, problems = check_file(ours_file, library=library, max_bytes=max_bytes)
    errors = only_errors(problems)
    theirs: list[LoadedAudit] = []
    for file in theirs_files:
        loaded, problems = check_file(
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
) -> Comparison:
    """Load, score and compare: the whole `touchaudit compare` without the output."""
    ours, theirs = load_comparison(
        os.fspath(ours_file),
        [os.fspath(f) for f in theirs_files],
        library=library,
        max_bytes=max_bytes,
    )
    return compare_loaded(ours, theirs, labels=labels)


def compare_loaded(
    ours: LoadedAudit, theirs: Sequence[LoadedAudit], *, labels: Sequence[str] | None = None
) -> Comparison:
    """Score the loaded audits, label them (side_labels) and compare ours with the others.

    With no others, the comparison holds our scorecard, its gaps and nothing to compare.
    """
    cards = [score_audit(a) for a in (ours, *theirs)]
    names = side_labels(cards, labels)
    warnings = tuple(p for a in (ours, *theirs) for p in a.warnings if not p.is_error)
    sides = [
        Side(label, card, index)
        for index, (label, card) in enumerate(zip(names, cards, strict=True))
    ]
    return compare(sides[0], sides[1:], warnings=warnings)


def compare(ours: Side, theirs: Sequence[Side], *, warnings: Sequence[Problem] = ()) -> Comparison:
    """Match touchpoints, line up criteria, list what each side lacks, and rank our gaps."""
    matches: list[Match] = []
    missing: list[Presence] = []
    advantages: list[Presence] = []
    rows: list[CriterionDelta] = []
    gaps: list[Gap] = []
    overall = Overall.of(ours.card.touchpoints)  # once: per pair it made compare quadratic
    for side in theirs:
        pairs = match_touchpoints(ours.card.touchpoints, side.card.touchpoints, side.label)
        matches.extend(pairs)
        lacking, extra = _unmatched(ours.card, side, pairs, overall)
        missing.extend(lacking)
        advantages.extend(extra)
        for match in pairs:
            pair_rows = criterion_rows(match)
            rows.extend(pair_rows)
            behind = behind_gaps(pair_rows, overall)
            gaps.extend(behind)
            features, ahead = _features(pair_rows, behind)
            missing.extend(features)
            advantages.extend(ahead)
        gaps.extend(_missing_gap(p) for p in lacking)
    return Comparison(
        ours=ours,
        theirs=tuple(theirs),
        matches=tuple(matches),
        missing=tuple(missing),
        advantages=tuple(advantages),
        criteria=tuple(rows),
        gaps=rank_gaps([*_not_subsumed(ours.card.gaps, gaps), *gaps]),
        warnings=tuple(warnings),
    )


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

    `overall` is `Overall.of` our touchpoints."""
    gaps = []
    for row in rows:
        if row.delta is None or row.delta >= 0 or row.ours is None or row.theirs is None:
            continue
        tp = row.match.ours
        improved = [
            CriterionScore(c.criterion, c.measurement, row.theirs_score)
            if c.id == row.criterion.id
            else c
            for c in tp.criteria
        ]
        new_score, _ = touchpoint_score(improved)
        impact = overall.gain_if_rescored(tp, new_score)
        gaps.append(_behind_gap(row, impact))
    return gaps


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
    return criterion_gap(GapKind.BEHIND_COMPETITOR, tp, criterion, impact, message, competitor)


def _unmatched(
    ours: Scorecard, side: Side, pairs: Sequence[Match], overall: Overall
) -> tuple[list[Presence], list[Presence]]:
    """Their touchpoints without a partner (what we lack), and ours (our advantages).

    What we lack is worth what adding it would add to our overall (`overall`: our sums)."""
    paired_ours = {m.ours.id for m in pairs}
    paired_theirs = {m.theirs.id for m in pairs}
    our_channels = {t.channel for t in ours.touchpoints}
    their_channels = {t.channel for t in side.card.touchpoints}
    lacking = [
        _presence(
            side.label,
            tp,
            impact=overall.gain_if_added(tp.score, tp.weight),
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
        holder = row.match.theirs if we_lack else row.match.ours
        presence = Presence(
            competitor=row.match.competitor,
            kind=PresenceKind.FEATURE,
            touchpoint=holder.id,
            name=row.criterion.label,
            channel=holder.channel,
            stages=holder.stages,
            score=row.theirs_score if we_lack else row.ours_score,
            weight=row.criterion.weight,
            impact=impacts.get(row.criterion.id, 0.0) if we_lack else 0.0,
            criterion=row.criterion.id,
        )
        (lacking if we_lack else extra).append(presence)
    return lacking, extra


def _missing_gap(p: Presence) -> Gap:
    shown = "unscored" if p.score is None else f"score {p.score:.0f}"
    where = f"no {p.channel} touchpoint at all" if p.channel_missing else "no such touchpoint"
    return Gap(
        kind=GapKind.MISSING_TOUCHPOINT,
        touchpoint=None,
        criterion=None,
        impact=p.impact,
        message=f"{p.competitor} has {p.name} ({p.channel}, {shown}); we have {where}",
        recommendation=(
            f"Add {channel_with_article(p.channel)} touchpoint like {p.competitor}'s {p.name}."
        ),
        stages=p.stages,
        competitor=p.competitor,
    )


def _not_subsumed(own: Sequence[Gap], behind: Sequence[Gap]) -> list[Gap]:
    """Our own gaps, without those that a 'they are better' gap on the same criterion of the
    same touchpoint already covers with at least the same impact."""
    best: dict[tuple[str | None, str | None], float] = {}
    for gap in behind:
        place = (gap.touchpoint, gap.criterion)
        best[place] = max(best.get(place, 0.0), gap.impact)
    return [
        g
        for g in own
        if (g.touchpoint, g.criterion) not in best or best[(g.touchpoint, g.criterion)] < g.impact
    ]
