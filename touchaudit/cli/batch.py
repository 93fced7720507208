"""The `score` command's one road: every file loaded, scored and rendered (in workers when that
pays), then the gates judged on what came back.

The rendering happens next to the scoring because a rendered scorecard is one string (or a small
piece a format joins), which travels between processes a hundred times faster than the
Scorecard objects it comes from. Every format, the job summary and every gate take this road.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from touchaudit.comparison.baseline import BaselineCheck, BaselineRule, check_baseline
from touchaudit.comparison.gates import FailUnder, Verdict
from touchaudit.library.criteria import Library
from touchaudit.reading.errors import AuditError, Problem, only_errors
from touchaudit.reading.loader import check_file, collector_paused
from touchaudit.reading.parallel import map_in_order
from touchaudit.reading.yamldoc import MAX_BYTES
from touchaudit.scoring import score as scoring
from touchaudit.scoring.results import Scorecard, score_below

if TYPE_CHECKING:
    from touchaudit.cli.options import Options
    from touchaudit.render.registry import PerFile

Render = Callable[[Scorecard], Any]


@dataclass(frozen=True, slots=True)
class ScoredFile:
    """One scored file: its overall score (for the gates), one rendered piece per renderer, and
    the baseline gate's verdict when it was asked for."""

    file: str
    score: float | None
    pieces: tuple[Any, ...]
    baseline: BaselineCheck | None = None

    def below(self, threshold: float) -> bool:
        """True when the overall score, as shown (one decimal), fails a `--fail-under` gate."""
        return score_below(self.score, threshold)


@dataclass(frozen=True)
class ScoreRun:
    """What `touchaudit score` made: the output's chunks, the job summary's Markdown chunks
    (None when not asked for), and the gates' verdicts."""

    chunks: list[str]
    summary: list[str] | None
    fail_under: FailUnder | None
    baseline: BaselineCheck | None

    @property
    def gates(self) -> tuple[Verdict, ...]:
        """The verdicts, in the order their messages are printed."""
        return tuple(g for g in (self.fail_under, self.baseline) if g is not None)

    @property
    def passed(self) -> bool:
        return all(g.passed for g in self.gates)


def run_score(
    options: Options, render: PerFile[Any], *, summary: PerFile[str] | None = None
) -> ScoreRun:
    """Score and render every file of `options` (`summary`: the job summary's Markdown too),
    in workers when that pays, and judge the gates on what came back."""
    renders = (render.render,) if summary is None else (render.render, summary.render)
    scored = score_files(
        options.audits,
        renders,
        library=options.library(),
        max_bytes=options.max_bytes,
        jobs=options.jobs,
        baseline=options.baseline,
    )
    threshold = options.fail_under
    return ScoreRun(
        _joined(render, [s.pieces[0] for s in scored]),
        None if summary is None else _joined(summary, [s.pieces[1] for s in scored]),
        None if threshold is None else FailUnder.judge(threshold, scored),
        scored[0].baseline if options.baseline is not None and scored else None,
    )


def _joined(render: PerFile[Any], pieces: list[Any]) -> list[str]:
    return list(render.join(pieces))


def score_files(
    files: Sequence[str],
    renders: Iterable[Render],
    *,
    library: Library | None = None,
    max_bytes: int = MAX_BYTES,
    jobs: int = 1,
    baseline: BaselineRule | None = None,
) -> list[ScoredFile]:
    """Score and render every file, in file order; one AuditError with every invalid file's errors.

    Each of `renders` must be picklable (a module-level function) when `jobs` is above 1.
    """
    task = functools.partial(
        _score_one,
        renders=tuple(renders),
        library=library,
        max_bytes=max_bytes,
        baseline=baseline,
    )
    outcomes = map_in_order(task, files, jobs=jobs)
    errors = [problem for _, problems in outcomes for problem in problems]
    if errors:
        raise AuditError(errors)
    return [scored for scored, _ in outcomes if scored is not None]


def _score_one(
    file: str,
    *,
    renders: tuple[Render, ...],
    library: Library | None,
    max_bytes: int,
    baseline: BaselineRule | None,
) -> tuple[ScoredFile | None, tuple[Problem, ...]]:
    # The scorecard is freed inside the pause: the collector, back on, never walks its objects.
    with collector_paused():
        return _scored(file, renders, library, max_bytes, baseline)


def _scored(
    file: str,
    renders: tuple[Render, ...],
    library: Library | None,
    max_bytes: int,
    baseline: BaselineRule | None,
) -> tuple[ScoredFile | None, tuple[Problem, ...]]:
    card, check, errors = _scorecard(file, library, max_bytes, baseline)
    if card is None:
        return None, errors
    return ScoredFile(file, card.score, tuple(r(card) for r in renders), check), ()


def _scorecard(
    file: str, library: Library | None, max_bytes: int, baseline: BaselineRule | None
) -> tuple[Scorecard | None, BaselineCheck | None, tuple[Problem, ...]]:
    """The file's scorecard and baseline verdict; the loaded audit is freed before rendering
    (large audits)."""
    loaded, problems = check_file(file, library=library, max_bytes=max_bytes)
    if loaded is None:
        return None, None, tuple(only_errors(problems))
    card = scoring.score_audit(loaded)
    if baseline is None:
        return card, None, ()
    check = check_baseline(
        loaded, card, baseline.path, max_drop=baseline.max_drop, max_bytes=max_bytes
    )
    return card, check, ()
