"""One road per command from resolved options to what the CLI writes: `run_score`,
`run_compare`, `run_report`, `run_portfolio` and `run_badge`, each the one core call of its
command.

`score`: every file loaded, scored and rendered (in workers when that pays), then the gates
judged on what came back. The rendering happens next to the scoring because a rendered scorecard
is one string (or a small piece a format joins), which travels between processes a hundred times
faster than the Scorecard objects it comes from; a worker parks what it rendered as bytes (a
JSON scorecard, SARIF's results) in a file of its own and sends back only where it is
(render/spool.py), and so does this process when it scores several files itself. Every
format, the job summary and every gate take this road.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING, Any

from touchaudit.comparison.baseline import BaselineCheck, BaselineRule, check_baseline
from touchaudit.comparison.gates import FailUnder, NotBehind, Verdict
from touchaudit.library.criteria import Library
from touchaudit.reading.errors import AuditError, Problem, only_errors
from touchaudit.reading.loader import check_file, collector_paused
from touchaudit.reading.parallel import map_in_order
from touchaudit.reading.yamldoc import MAX_BYTES
from touchaudit.render.output import Chunk
from touchaudit.render.spool import parked
from touchaudit.scoring import score as scoring
from touchaudit.scoring.model import DEFAULT_MIN_COVERAGE
from touchaudit.scoring.results import Headline, Scorecard

if TYPE_CHECKING:
    from touchaudit.cli.options import Options
    from touchaudit.comparison.portfolio import Portfolio
    from touchaudit.comparison.report import ReportContext
    from touchaudit.render.formats import ReportFormat
    from touchaudit.render.registry import PerFile


# --------------------------------------------------------------------------- score


@dataclass(frozen=True, slots=True)
class ScoredFile:
    """One scored file: what the gates judge, one rendered piece per renderer, and the baseline
    gate's verdict when it was asked for."""

    headline: Headline
    pieces: tuple[Any, ...]
    baseline: BaselineCheck | None = None


@dataclass(frozen=True)
class ScoreRun:
    """What `touchaudit score` made: the output's chunks, the job summary's Markdown (None when
    not asked for), and the gates' verdicts."""

    chunks: list[Chunk]  # text, UTF-8 bytes written as they are (JSON), or bytes a worker parked
    summary: str | None
    fail_under: FailUnder | None
    baseline: BaselineCheck | None
    # The folder of the parked bytes: removed with the run, once its chunks are written.
    spool: TemporaryDirectory[str] | None = None

    @property
    def gates(self) -> tuple[Verdict, ...]:
        """The verdicts, in the order their messages are printed."""
        return tuple(g for g in (self.fail_under, self.baseline) if g is not None)

    @property
    def passed(self) -> bool:
        return all(g.passed for g in self.gates)

    def __enter__(self) -> ScoreRun:
        return self

    def __exit__(self, *_: object) -> None:
        """Remove the parked bytes: the chunks have been written (or never will be)."""
        if self.spool is not None:
            self.spool.cleanup()


def run_score(
    options: Options, output_format: ReportFormat, *, max_chars: int | None = None
) -> ScoreRun:
    """Score every file of `options` and render it in `output_format` (and the job summary's
    Markdown when one is wanted), in workers when that pays; judge the gates on what came back.
    Markdown is cut to `max_chars` (GitHub's limits when None, none when 0). Use the run as a
    context manager: leaving it removes what the workers parked for its chunks."""
    from touchaudit.render.fit import comment_limit
    from touchaudit.render.registry import per_file, step_summary_per_file
    from touchaudit.render.summary import step_summary

    render = per_file(
        output_format,
        several=len(options.audits) > 1,
        stdout=options.output is None,
        fail_under=options.fail_under,
        strict=options.strict,
        limit=comment_limit(max_chars),
    )
    summary = step_summary_per_file() if options.step_summary else None
    spool = _spool_for(len(options.audits))
    try:
        scored = score_files(
            options.audits,
            (render,) if summary is None else (render, summary),
            library=options.library(),
            max_bytes=options.max_bytes,
            jobs=options.jobs,
            baseline=options.baseline,
            min_coverage=options.min_coverage,
            spool=spool.name if spool else None,
        )
    except BaseException:
        if spool is not None:
            spool.cleanup()
        raise
    threshold = options.fail_under
    headlines = [s.headline for s in scored]
    gate = (
        None if threshold is None else FailUnder.judge(threshold, headlines, strict=options.strict)
    )
    baseline = scored[0].baseline if options.baseline is not None and scored else None
    markdown = None if summary is None else [s.pieces[1] for s in scored]
    return ScoreRun(
        _joined(render, [s.pieces[0] for s in scored]),
        None
        if markdown is None
        else step_summary(gate, markdown, _summary_limit(max_chars), baseline),
        gate,
        baseline,
        spool,
    )


def _spool_for(files: int) -> TemporaryDirectory[str] | None:
    """A folder for the rendered bytes of several files, by workers or by this process: they
    wait for the output on disk, not in memory (1,000 corpus scorecards are 390 MB)."""
    if files == 1:
        return None
    return TemporaryDirectory(prefix="touchaudit-")


def _joined(render: PerFile[Any], pieces: list[Any]) -> list[Chunk]:
    # The pieces of every file (SARIF's: each finding) are joined without collector passes.
    with collector_paused():
        return list(render.join(pieces))


def _summary_limit(max_chars: int | None) -> int:
    """What the job summary may take: the room left in the step's, at most `max_chars`."""
    from touchaudit.render.fit import STEP_SUMMARY_LIMIT, summary_limit
    from touchaudit.render.output import step_summary_room

    return summary_limit(max_chars, step_summary_room(STEP_SUMMARY_LIMIT))


def score_files(
    files: Sequence[str],
    formats: Sequence[PerFile[Any]],
    *,
    library: Library | None = None,
    max_bytes: int = MAX_BYTES,
    jobs: int = 1,
    baseline: BaselineRule | None = None,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
    spool: str | None = None,
) -> list[ScoredFile]:
    """Score every file and render it in each of `formats`, in file order; one AuditError with
    every invalid file's errors. With several jobs, the formats' functions must be picklable
    (module-level functions, or partials of them). With a `spool` folder, a piece rendered as
    bytes is parked there by the process that made it (render/spool.py) and comes back as
    `Spooled`."""
    located = any(f.located for f in formats)
    task = _ScoreTask(tuple(formats), library, max_bytes, baseline, min_coverage, located, spool)
    with collector_paused():  # what the workers send back holds no cycles either
        outcomes = map_in_order(task, files, jobs=jobs)
    errors = [problem for _, problems in outcomes for problem in problems]
    if errors:
        raise AuditError(errors)
    return [scored for scored, _ in outcomes if scored is not None]


@dataclass(frozen=True, slots=True)
class _ScoreTask:
    """What `score` does to each file, the same for all of them (sent once to each worker)."""

    formats: tuple[PerFile[Any], ...]
    library: Library | None
    max_bytes: int
    baseline: BaselineRule | None
    min_coverage: float
    positions: bool  # a format points at lines of the audit: the load keeps the gaps' positions
    spool: str | None = None  # where pieces rendered as bytes are parked

    def __call__(self, file: str) -> tuple[ScoredFile | None, tuple[Problem, ...]]:
        # The scorecard is freed inside the pause: the collector, back on, never walks its
        # objects.
        with collector_paused():
            card, check, errors = self.scorecard(file)
            if card is None:
                return None, errors
            pieces = tuple(self._piece(f, card, check) for f in self.formats)
            if self.spool is not None:
                pieces = tuple(parked(self.spool, p) for p in pieces)
            return ScoredFile(card.headline, pieces, check), ()

    @staticmethod
    def _piece(fmt: PerFile[Any], card: Scorecard, check: BaselineCheck | None) -> Any:
        piece = fmt.render(card)
        if check is not None and not check.passed and fmt.gated is not None:
            return fmt.gated(piece, card, check)
        return piece

    def scorecard(
        self, file: str
    ) -> tuple[Scorecard | None, BaselineCheck | None, tuple[Problem, ...]]:
        """The file's scorecard and baseline verdict; the loaded audit is freed before
        rendering (large audits)."""
        loaded, problems = check_file(
            file, library=self.library, max_bytes=self.max_bytes, positions=self.positions
        )
        if loaded is None:
            return None, None, tuple(only_errors(problems))
        card = scoring.score_audit(loaded, min_coverage=self.min_coverage)
        if self.baseline is None:
            return card, None, ()
        check = check_baseline(
            loaded,
            card,
            self.baseline.path,
            max_drop=self.baseline.max_drop,
            max_bytes=self.max_bytes,
        )
        return card, check, ()


# --------------------------------------------------------------------------- compare, report


@dataclass(frozen=True)
class CompareRun:
    """What `touchaudit compare` made: the output, the job summary's Markdown (None when not
    asked for), the warnings for stderr, and the --fail-if-behind verdict (None without it)."""

    text: str
    summary: str | None
    warnings: tuple[Problem, ...]
    gate: NotBehind | None


def run_compare(
    options: Options,
    output_format: ReportFormat,
    *,
    labels: Sequence[str] | None = None,
    fail_if_behind: bool = False,
    max_chars: int | None = None,
) -> CompareRun:
    """Compare the first audit of `options` with the others and render it in `output_format`
    (Markdown cut to `max_chars`: GitHub's limits when None, none when 0)."""
    from touchaudit.comparison.compare import compare_files
    from touchaudit.render.fit import comment_limit
    from touchaudit.render.registry import Compared, comparison_renderer
    from touchaudit.render.summary import comparison_summary

    ours, *theirs = options.audits
    comparison = compare_files(
        ours,
        theirs,
        labels=labels,
        library=options.library(),
        max_bytes=options.max_bytes,
        min_coverage=options.min_coverage,
    )
    render = comparison_renderer(output_format, stdout=options.output is None)
    gate = NotBehind.judge(comparison, strict=options.strict) if fail_if_behind else None
    return CompareRun(
        render(Compared(comparison, fail_if_behind, gate, comment_limit(max_chars))),
        comparison_summary(comparison, fail_if_behind, _summary_limit(max_chars))
        if options.step_summary
        else None,
        comparison.warnings,
        gate,
    )


def run_report(
    options: Options,
    *,
    earlier: int = 0,
    labels: Sequence[str] | None = None,
    date: datetime | None = None,
) -> ReportContext:
    """The report of the first audit of `options` beside the others, the last `earlier` of
    them earlier audits of ours for its trend (--date, else the audit's date, else
    SOURCE_DATE_EPOCH)."""
    from touchaudit.comparison.report import report_files

    ours, *others = options.audits
    split = len(others) - earlier
    return report_files(
        ours,
        others[:split],
        earlier_files=others[split:],
        labels=labels,
        library=options.library(),
        max_bytes=options.max_bytes,
        min_coverage=options.min_coverage,
        date_given=date.date() if date else None,
        source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH"),
    )


# --------------------------------------------------------------------------- portfolio, badge


def run_portfolio(options: Options) -> Portfolio:
    """Score every file of `options` on score's road (in workers when that pays), keeping only
    each one's portfolio row, and build the portfolio from the rows."""
    from touchaudit.comparison.portfolio import build_portfolio, portfolio_row
    from touchaudit.render.registry import PerFile

    scored = score_files(
        options.audits,
        (PerFile(portfolio_row, iter),),
        library=options.library(),
        max_bytes=options.max_bytes,
        jobs=options.jobs,
        min_coverage=options.min_coverage,
    )
    return build_portfolio(s.pieces[0] for s in scored)


def run_badge(options: Options, *, label: str) -> str:
    """The SVG badge of the one file of `options`, scored on score's road."""
    from touchaudit.render.history.badge import badge
    from touchaudit.render.registry import PerFile

    (scored,) = score_files(
        options.audits,
        (PerFile(functools.partial(badge, label=label), iter),),
        library=options.library(),
        max_bytes=options.max_bytes,
        jobs=1,
        min_coverage=options.min_coverage,
    )
    text: str = scored.pieces[0]
    return text
