"""Time and peak memory of loading each file of the hostile corpus, one fresh process per file.

    python bench/corpus.py            # a table, slowest first, and a summary line
    python bench/corpus.py --check    # also exit 1 when a file takes 1 s or more

The issue's bound is "under one second, bounded memory" per file. Unit tests assert no time
(machines differ); this script measures: `load` is the time of `check_file` alone, `rss` the
process's peak resident memory, and `+rss` what loading the file added to it after imports.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "corpus" / "bad"
LIMIT_SECONDS = 1.0


def _generators() -> dict[str, object]:
    spec = importlib.util.spec_from_file_location("corpus_generated", BAD.parent / "generated.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.GENERATORS)


def measure_one(path: str) -> None:
    """In the child: load one file and print its measures as JSON."""
    from touchaudit.library.criteria import builtin_library
    from touchaudit.reading.loader import check_file

    builtin_library()  # read once per process: not the file's cost
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    _audit, problems = check_file(path)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    first = problems[0].code if problems else "valid"
    print(
        json.dumps({"seconds": seconds, "rss_kib": peak, "added_kib": peak - before, "code": first})
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a file is too slow")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        measure_one(args.one)
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        files = sorted(p for p in BAD.glob("*.yaml"))
        for name, generate in _generators().items():
            target = Path(folder) / name[1:]
            target.write_bytes(generate())  # type: ignore[operator]
            files.append(target)
        for path in files:
            done = subprocess.run(
                [sys.executable, __file__, "--one", str(path)],
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            )
            rows.append((path.name, json.loads(done.stdout)))
    rows.sort(key=lambda r: -r[1]["seconds"])
    print(f"{'file':44} {'load':>8} {'rss':>9} {'+rss':>9}  code")
    for name, m in rows:
        print(
            f"{name:44} {m['seconds'] * 1000:6.1f}ms {m['rss_kib'] / 1024:7.1f}MB "
            f"{m['added_kib'] / 1024:7.1f}MB  {m['code']}"
        )
    slow = [name for name, m in rows if m["seconds"] >= LIMIT_SECONDS]
    worst_rss = max(m["rss_kib"] for _, m in rows) / 1024
    print(
        f"corpus bench: {len(rows)} files, slowest {rows[0][1]['seconds'] * 1000:.0f} ms, "
        f"peak RSS {worst_rss:.0f} MB, {len(slow)} at or over {LIMIT_SECONDS:g} s"
    )
    return 1 if args.check and slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
