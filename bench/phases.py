"""Where one corpus audit's CPU goes in `score`, step by step, in one process.

`python bench/phases.py [--audits N] [--runs R]`: for the first N audits of the bench corpus
(bench/out/corpus, generated when missing), the CPU time per audit of each step a worker of
`touchaudit score` takes, the least of R runs (each step timed around the same calls the
workers make, with the cyclic collector paused as they pause it):

- load: read, parse, validate and check the file (`check_file`), without the gaps' positions
  (what JSON needs) and with them (what SARIF, GitHub annotations and JUnit need);
- score: `score_audit`;
- json: the scorecard as `score --format json` writes it for several files;
- sarif: the audit's SARIF results as a worker parks them.

Whole commands are measured by bench/run.py; this splits them, and compares two trees when
run once with `PYTHONPATH` set to each (from a folder that holds no `touchaudit/` package, so
that the path decides which code runs).
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from touchaudit.library.criteria import builtin_library
from touchaudit.reading.loader import check_file
from touchaudit.render.json import scorecard_item
from touchaudit.render.sarif import scorecard_results
from touchaudit.scoring.score import score_audit

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "out" / "corpus"


def corpus_files(audits: int) -> list[str]:
    """The first `audits` files of the bench corpus, generated (all 1,000) when missing."""
    files = sorted(CORPUS.glob("*.yaml"))
    if len(files) < audits:
        argv = [sys.executable, str(HERE / "generate.py"), "--out", str(CORPUS.parent)]
        subprocess.run([*argv, "--audits", "1000", "--sizes"], check=True, stdout=sys.stderr)
        files = sorted(CORPUS.glob("*.yaml"))
    return [str(path) for path in files[:audits]]


def least_per_audit(step: Callable[[], object], audits: int, runs: int) -> float:
    """The least CPU time of `runs` calls of `step`, in milliseconds per audit."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        step()
        best = min(best, time.process_time() - start)
    return best / audits * 1000


def main(argv: Sequence[str] | None = None) -> None:
    """Print the CPU per audit of each step, and their sum for JSON and for SARIF."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audits", type=int, default=150)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    files = corpus_files(args.audits)
    library = builtin_library()
    loaded = [check_file(f, library=library, positions=False)[0] for f in files]
    located = [check_file(f, library=library, positions=True)[0] for f in files]
    cards = [score_audit(a) for a in loaded if a is not None]
    sarif_cards = [score_audit(a) for a in located if a is not None]
    gc.disable()  # as the workers do around each audit (reading/loader.collector_paused)
    steps = {
        "load": lambda: [check_file(f, library=library, positions=False) for f in files],
        "load with positions": lambda: [
            check_file(f, library=library, positions=True) for f in files
        ],
        "score": lambda: [score_audit(a) for a in loaded if a is not None],
        "json": lambda: [scorecard_item(c) for c in cards],
        "sarif": lambda: [scorecard_results(c) for c in sarif_cards],
    }
    ms = {name: least_per_audit(step, len(files), args.runs) for name, step in steps.items()}
    gc.enable()
    for name, value in ms.items():
        print(f"{name:<20} {value:6.3f} ms per audit")
    json_road = ms["load"] + ms["score"] + ms["json"]
    sarif_road = ms["load with positions"] + ms["score"] + ms["sarif"]
    print(f"{'JSON road':<20} {json_road:6.3f} ms per audit")
    print(f"{'SARIF road':<20} {sarif_road:6.3f} ms per audit ({sarif_road / json_road:.2f}x)")
    print(f"({len(files)} corpus audits, least of {args.runs} runs, CPU time)")


if __name__ == "__main__":
    main()
