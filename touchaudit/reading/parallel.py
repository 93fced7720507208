"""Work on many files across processes when that pays, with results in the order of the files.

A function is applied to every item; with several jobs the items are split into chunks that
worker processes take in turn, and `Pool.map` hands the results back in the items' order, so
the output never depends on which worker finished first. Below a few items per worker the
processes cost more than they save, and the work stays in this process.
"""

from __future__ import annotations

import math
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

Item = TypeVar("Item")
Result = TypeVar("Result")

# Fewer items than this per worker: a worker's start (a fork, a few ms) outweighs the work.
MIN_ITEMS_PER_JOB = 4
# Chunks per worker: small enough to balance uneven files, large enough to batch the transfers.
CHUNKS_PER_JOB = 4


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        return os.cpu_count() or 1


def workers_for(items: int, jobs: int) -> int:
    """How many worker processes `jobs` becomes for `items` items: 1 means no workers."""
    return max(1, min(jobs, items // MIN_ITEMS_PER_JOB))


def map_in_order(
    function: Callable[[Item], Result], items: Sequence[Item], *, jobs: int
) -> list[Result]:
    """`[function(item) for item in items]`, spread over up to `jobs` processes when it pays.

    `function` must be picklable (a module-level function, or a functools.partial of one), and
    so must its results, which travel back from the workers.
    """
    workers = workers_for(len(items), jobs)
    if workers == 1:
        return [function(item) for item in items]
    chunk = math.ceil(len(items) / (workers * CHUNKS_PER_JOB))
    with _context().Pool(workers, initializer=_ignore_interrupts) as pool:
        # Leaving the block terminates the workers, also on Ctrl-C or an error in one of them.
        return pool.map(function, items, chunksize=chunk)


def _context() -> BaseContext:
    # Imported here: one file, the common case, never pays for importing multiprocessing.
    import multiprocessing

    # A fork starts a worker in milliseconds with the modules and the library already loaded;
    # elsewhere (macOS, Windows) fork is unsafe or missing, and the platform default applies.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()  # pragma: no cover - not Linux


def _ignore_interrupts() -> None:
    """Ctrl-C is the main process's to handle: it stops the pool, workers print nothing. A
    worker ends quietly on SIGTERM (how the pool stops it), not through the CLI's handler."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
