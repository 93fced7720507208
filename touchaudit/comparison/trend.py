"""The trend of one company's audits: put in time order, scored with one set of thresholds (the
newest audit's, the rule of `compare`), and the change from each audit to the next.

Pure, apart from reading the audits. Files are ordered by `audited_on`; the versions of a file
taken from git history (reading/git.py) come in commit order, oldest first. docs/trend.md.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from touchaudit.comparison.baseline import score_drops
from touchaudit.comparison.compare import (
    Check,
    criterion_rows,
    load_comparison,
    match_touchpoints,
    side_labels,
)
from touchaudit.comparison.trend_result import DropCheck, Move, Trend, TrendPoint, TrendStep
from touchaudit.library.criteria import Library
from touchaudit.reading.errors import AuditError, Problem, UsageError, only_errors
from touchaudit.reading.git import file_history
from touchaudit.reading.loaded import LoadedAudit
from touchaudit.reading.loader import AuditReader
from touchaudit.reading.models import DEFAULT_STAGES
from touchaudit.reading.visible import visible
from touchaudit.reading.yamldoc import MAX_BYTES
from touchaudit.scoring.model import DEFAULT_MIN_COVERAGE
from touchaudit.scoring.results import Scorecard
from touchaudit.scoring.score import score_audit

# How many criteria that moved each step keeps, largest change first.
MOVES_KEPT = 10


@dataclass(frozen=True, slots=True)
class Version:
    """One audit of a trend: a file (`raw` None), or a file as a commit left it (its bytes, the
    commit's short hash and date); `name` is what messages and outputs call it."""

    name: str
    raw: bytes | None = None
    commit: str | None = None
    committed_on: date | None = None


def trend_files(
    files: Sequence[str | os.PathLike[str]],
    *,
    git: bool = False,
    revs: str | None = None,
    labels: Sequence[str] | None = None,
    library: Library | None = None,
    max_bytes: int = MAX_BYTES,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    max_drop: float | None = None,
    reader: AuditReader | None = None,
) -> Trend:
    """The whole `touchaudit trend` without the output: the files in `audited_on` order, or
    with `git` the one file's versions through its git history (each commit that changed it,
    oldest first, or those of the revision range `revs`, named `path@commit` in messages and
    by its commit in outputs). `reader` reads the files: one shared with another part of the
    same command parses each file once for both."""
    if revs is not None and not git:
        raise UsageError("--revs chooses commits of the --git file: give --git FILE")
    if git:
        if len(files) != 1:
            raise UsageError("--git follows one audit file")
        versions = [
            Version(f"{r.path}@{r.short}", r.raw, r.short, r.committed_on)
            for r in file_history(files[0], max_bytes=max_bytes, revs=revs)
        ]
    else:
        versions = [Version(os.fspath(f)) for f in files]
    return trend_versions(
        versions,
        labels=labels,
        library=library,
        max_bytes=max_bytes,
        min_coverage=min_coverage,
        max_drop=max_drop,
        reader=reader,
    )


def trend_versions(
    versions: Sequence[Version],
    *,
    labels: Sequence[str] | None = None,
    library: Library | None = None,
    max_bytes: int = MAX_BYTES,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    max_drop: float | None = None,
    reader: AuditReader | None = None,
) -> Trend:
    """The trend of `versions` (files, or commits of one file oldest first); `labels` name them
    in the order given. With `max_drop`, the newest audit is gated against the one before it.
    Each version is parsed once (`reader`, or one made here), though it is read for its date
    and then compared.

    Raises AuditError with the errors of every invalid audit, UsageError for audits that cannot
    form one company's timeline (no date, two on one date, several companies)."""
    if not versions:
        raise UsageError("a trend needs at least one audit")
    if len({v.name for v in versions}) != len(versions):
        raise UsageError("each audit of a trend must be given once")
    check = reader or AuditReader()
    check.keep({v.name: v.raw for v in versions if v.raw is not None})
    first = _load_each(versions, check, library, max_bytes)
    order = _time_order(versions, first)
    ordered = [versions[i] for i in order]
    newest, earlier = ordered[-1], ordered[:-1]
    ours, theirs = load_comparison(
        newest.name, [v.name for v in earlier], library=library, max_bytes=max_bytes, check=check
    )
    audits = [*theirs, ours]
    cards = [score_audit(a, min_coverage=min_coverage) for a in audits]
    names = _labels(versions, order, cards, labels)
    points = [_point(n, v, c) for n, v, c in zip(names, ordered, cards, strict=True)]
    stage_ids, channel_ids = _group_ids(cards)
    steps = tuple(
        _step(points[i], points[i + 1], cards[i], cards[i + 1], stage_ids, channel_ids)
        for i in range(len(points) - 1)
    )
    gate = None
    if max_drop is not None and len(cards) > 1:
        drops = score_drops(cards[-1], cards[-2], max_drop)
        gate = DropCheck(points[-2].label, points[-1].label, max_drop, drops)
    return Trend(
        company=cards[-1].company,
        points=tuple(points),
        steps=steps,
        stage_ids=stage_ids,
        channel_ids=channel_ids,
        warnings=tuple(p for a in audits for p in a.warnings if not p.is_error),
        gate=gate,
    )


def _load_each(
    versions: Sequence[Version], check: Check, library: Library | None, max_bytes: int
) -> list[LoadedAudit]:
    """Every version read on its own (for its date and company); one AuditError for all."""
    loaded: list[LoadedAudit] = []
    errors: list[Problem] = []
    for version in versions:
        audit, problems = check(version.name, library=library, max_bytes=max_bytes)
        errors.extend(only_errors(problems))
        if audit is not None:
            loaded.append(audit)
    if errors:
        raise AuditError(errors)
    return loaded


def _time_order(versions: Sequence[Version], loaded: Sequence[LoadedAudit]) -> list[int]:
    """The indexes of `versions` oldest first: commit order for versions from git, else
    `audited_on`, which every file must have, one audit per date, all of one company."""
    if all(v.commit is not None for v in versions):
        return list(range(len(versions)))
    undated = [v.name for v, a in zip(versions, loaded, strict=True) if a.audit.audited_on is None]
    if undated:
        raise UsageError(
            f"{visible(undated[0])} has no audited_on: a trend orders audits by their date "
            "(add audited_on: YYYY-MM-DD)"
        )
    companies = dict.fromkeys(a.audit.company for a in loaded)
    if len(companies) > 1:
        named = ", ".join(repr(visible(c)) for c in companies)
        raise UsageError(
            f"a trend follows one company, these audits name {len(companies)}: {named} "
            "(touchaudit portfolio sets different companies side by side)"
        )
    seen: dict[date, str] = {}
    for version, audit in zip(versions, loaded, strict=True):
        day = audit.audit.audited_on
        assert day is not None  # checked above
        if day in seen:
            raise UsageError(
                f"{visible(seen[day])} and {visible(version.name)} are both dated {day}: "
                "a trend needs one audit per date"
            )
        seen[day] = version.name
    dates = [a.audit.audited_on for a in loaded]
    return sorted(range(len(versions)), key=lambda i: dates[i] or date.min)


def _labels(
    versions: Sequence[Version],
    order: Sequence[int],
    cards: Sequence[Scorecard],
    given: Sequence[str] | None,
) -> list[str]:
    """The labels given (in command-line order, as `compare` takes them), else each audit's
    commit or date, in time order."""
    if given:
        by_given = [cards[order.index(i)] for i in range(len(versions))]
        named = side_labels(by_given, given)
        return [named[i] for i in order]
    ordered = [versions[i] for i in order]
    defaults = [_default_label(v, c) for v, c in zip(ordered, cards, strict=True)]
    if len(set(defaults)) == len(defaults):
        return defaults
    return [visible(Path(v.name).name) for v in ordered]


def _default_label(version: Version, card: Scorecard) -> str:
    if version.commit is not None:
        return version.commit
    return card.audited_on.isoformat() if card.audited_on else visible(Path(card.file).stem)


def _point(label: str, version: Version, card: Scorecard) -> TrendPoint:
    return TrendPoint(
        label=label,
        file=card.file,
        audited_on=card.audited_on or version.committed_on,
        commit=version.commit,
        score=card.score,
        low=card.low,
        high=card.high,
        coverage=card.coverage,
        provisional=card.provisional,
        stages={s.id: s.score for s in card.stages},
        channels={c.id: c.score for c in card.channels},
    )


def _group_ids(cards: Sequence[Scorecard]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every stage any audit has (journey order, then the audits' own), every channel (order of
    appearance, newest audit first)."""
    stages = dict.fromkeys(s.id for c in cards for s in c.stages)
    ordered = [s for s in DEFAULT_STAGES if s in stages] + [
        s for s in stages if s not in DEFAULT_STAGES
    ]
    channels = dict.fromkeys(ch.id for c in reversed(cards) for ch in c.channels)
    return tuple(ordered), tuple(channels)


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


def _step(
    before: TrendPoint,
    after: TrendPoint,
    before_card: Scorecard,
    after_card: Scorecard,
    stage_ids: Sequence[str],
    channel_ids: Sequence[str],
) -> TrendStep:
    return TrendStep(
        before=before.label,
        after=after.label,
        overall=_delta(before.score, after.score),
        stages={s: _delta(before.stages.get(s), after.stages.get(s)) for s in stage_ids},
        channels={c: _delta(before.channels.get(c), after.channels.get(c)) for c in channel_ids},
        moves=moves(before_card, after_card),
    )


def moves(before: Scorecard, after: Scorecard) -> tuple[Move, ...]:
    """The criteria whose score changed (as shown, one decimal) on touchpoints matched as
    `compare` matches them (same id, else same channel), largest change first."""
    found: list[Move] = []
    for match in match_touchpoints(after.touchpoints, before.touchpoints, ""):
        for row in criterion_rows(match):
            now, then = row.ours, row.theirs
            if now is None or then is None or now.score is None or then.score is None:
                continue
            if round(now.score, 1) == round(then.score, 1):
                continue
            found.append(
                Move(
                    touchpoint=match.ours.id,
                    touchpoint_name=match.ours.name,
                    criterion=row.criterion.id,
                    criterion_label=row.criterion.label,
                    before_value=then.shown_value,
                    after_value=now.shown_value,
                    before=then.score,
                    after=now.score,
                )
            )
    found.sort(key=lambda m: -abs(m.delta))
    return tuple(found[:MOVES_KEPT])
