"""Profile one touchaudit command in this process with cProfile (BENCHMARKS.md summarises one).

    python bench/profile_cmd.py score --format json --jobs 1 bench/out/large-10k.yaml
    python bench/profile_cmd.py validate --jobs 1 bench/out/corpus --sort cumulative

The command's own output is discarded; the functions that took the most time are printed, and
the full profile is saved to bench/out/profile.prof (open it with snakeviz or pstats). Use
`--jobs 1`: cProfile sees only this process, not the workers.
"""

from __future__ import annotations

import contextlib
import cProfile
import io
import pstats
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def main(argv: list[str]) -> None:
    """Run `touchaudit ARGS...` under cProfile and print the top 25 functions."""
    sort = "tottime"
    if "--sort" in argv:
        index = argv.index("--sort")
        sort = argv[index + 1]
        del argv[index : index + 2]
    from touchaudit.cli.app import main as touchaudit

    sys.argv = ["touchaudit", *argv]
    profiler = cProfile.Profile()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        profiler.runcall(touchaudit)
    OUT.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(OUT / "profile.prof")
    pstats.Stats(profiler).sort_stats(sort).print_stats(25)


if __name__ == "__main__":
    main(sys.argv[1:])
