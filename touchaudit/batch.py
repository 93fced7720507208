"""Scoring many audit files: each one loaded, scored and rendered in a worker when that pays.

The rendering happens next to the scoring because a rendered scorecard is one string, which
travels between processes a hundred times faster than the Scorecard objects it comes from.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from touchaudit import scoring
from touchaudit.errors import AuditError, Problem
from touchaudit.library import Library
from touchaudit.loader import check_file, collector_paused
from touchaudit.parallel import map_in_order
from touchaudit.results import Scorecard, score_below
from touchaudit.yamldoc import MAX_BYTES

Render = Callable[[Scorecard], str]


@dataclass(frozen=True, slots=True)
class RenderedScorecard:
    """One scored file: its overall score (for the CI gate) and its scorecard as text."""

    file: str
    score: float | None
    text: str

    def below(self, threshold: float) -> bool:
        """True when the overall score, as shown (one decimal), fails a `--fail-under` gate."""
        return score_below(self.score, threshold)


def score_files(
    files: Sequence[str],
    render: Render,
    *,
    library: Library | None = None,
    max_bytes: int = MAX_BYTES,
    jobs: int = 1,
) -> list[RenderedScorecard]:
    """Score and render every file, in file order; one AuditError with every invalid file's errors.

    `render` must be picklable (a module-level function) when `jobs` is above 1.
    """
    task = functools.partial(_score_one, render=render, library=library, max_bytes=max_bytes)
    outcomes = map_in_order(task, files, jobs=jobs)
    errors = [problem for _, problems in outcomes for problem in problems]
    if errors:
        raise AuditError(errors)
    return [scored for scored, _ in outcomes if scored is not None]


def _score_one(
    file: str, *, render: Render, library: Library | None, max_bytes: int
) -> tuple[RenderedScorecard | None, tuple[Problem, ...]]:
    with collector_paused():
        card, errors = _scorecard(file, library, max_bytes)
        if card is None:
            return None, errors
        return RenderedScorecard(file, card.score, render(card)), ()


def _scorecard(
    file: str, library: Library | None, max_bytes: int
) -> tuple[Scorecard | None, tuple[Problem, ...]]:
    """The file's scorecard; the loaded audit is freed before rendering (large audits)."""
    loaded, problems = check_file(file, library=library, max_bytes=max_bytes)
    if loaded is None:
        return None, tuple(p for p in problems if p.severity == "error")
    return scoring.score_audit(loaded), ()
