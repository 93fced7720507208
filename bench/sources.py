"""The sources benchmark: an audit whose 40 touchpoints each name a 1.5 MB Lighthouse report,
loaded by touchaudit against `json.load` of those reports (the floor: any tool must parse them).

    python bench/sources.py                 # make the files, time both in this process, print
    python bench/sources.py --floor FOLDER  # only json.load every report in FOLDER (run.py's floor)

The reports are made here (bench/out/sources/), shaped like real ones: the metric audits, a
network-requests table of a few thousand rows and base64 screenshots, about 1.5 MB each.
bench/run.py measures the same files as whole processes (group `sources`).
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "sources"
TOUCHPOINTS = 40
REPORT_BYTES = 1_500_000
BIG = 1 << 30  # --max-bytes: 40 reports are 60 MB, over the default 10 MiB
_ROW_BYTES = 260  # a network-requests row as JSON, about


def report(seed: int) -> dict[str, object]:
    """A Lighthouse 12 report of about REPORT_BYTES, its numbers drawn from `seed`."""
    rng = random.Random(seed)
    metrics = {
        "largest-contentful-paint": rng.uniform(1500, 9000),
        "cumulative-layout-shift": rng.uniform(0, 0.4),
        "first-contentful-paint": rng.uniform(900, 5000),
        "total-blocking-time": rng.uniform(0, 3000),
        "interactive": rng.uniform(2000, 20000),
    }
    audits: dict[str, object] = {
        key: {"id": key, "score": 0.5, "scoreDisplayMode": "numeric", "numericValue": value}
        for key, value in metrics.items()
    }
    shot = base64.b64encode(rng.randbytes(30_000)).decode("ascii")
    audits["screenshot-thumbnails"] = {
        "details": {"items": [{"timing": i * 300, "data": shot} for i in range(20)]}
    }
    rows = []
    for _ in range((REPORT_BYTES - len(json.dumps(audits))) // _ROW_BYTES):
        rows.append(
            {
                "url": f"https://cdn.example.com/assets/{rng.getrandbits(64):x}.js",
                "protocol": "h2",
                "startTime": rng.uniform(0, 9000),
                "endTime": rng.uniform(0, 9000),
                "transferSize": rng.randrange(100, 900_000),
                "resourceSize": rng.randrange(100, 3_000_000),
                "statusCode": 200,
                "mimeType": "application/javascript",
                "resourceType": "Script",
            }
        )
    audits["network-requests"] = {"details": {"type": "table", "items": rows}}
    return {
        "lighthouseVersion": "12.0.0",
        "fetchTime": "2026-10-01T09:00:00.000Z",
        "configSettings": {"formFactor": "mobile"},
        "categories": {"performance": {"score": round(rng.uniform(0.2, 0.99), 2)}},
        "audits": audits,
    }


def make(out: Path = OUT) -> Path:
    """The audit and its reports under `out` (made once); the audit's path."""
    audit = out / "audit.yaml"
    if audit.exists():
        return audit
    (out / "reports").mkdir(parents=True, exist_ok=True)
    lines = ["touchaudit: 1", "company: Bench", "touchpoints:"]
    for index in range(TOUCHPOINTS):
        name = f"reports/site-{index:02}.json"
        (out / name).write_text(json.dumps(report(index)), encoding="utf-8")
        lines += [f"  site{index:02}:", "    channel: website", "    sources:"]
        lines.append(f"      - lighthouse: {name}")
    audit.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return audit


def floor(folder: Path) -> None:
    """json.load every report under `folder`: the least any reader of them does."""
    print(f"parsed {floor_quiet(folder)} reports")


def _time(function: object) -> float:
    assert callable(function)
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    """Time load_audit against json.load of the reports, interleaved, and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--floor", type=Path, help="only json.load the reports in this folder")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if args.floor is not None:
        floor(args.floor)
        return
    from touchaudit import load_audit

    audit = make()
    size = sum(p.stat().st_size for p in (audit.parent / "reports").glob("*.json"))
    loaded = load_audit(audit, max_bytes=BIG)
    assert len(loaded.measurements) == TOUCHPOINTS
    load: list[float] = []
    parse: list[float] = []
    for _ in range(args.runs):
        parse.append(_time(lambda: floor_quiet(audit.parent / "reports")))
        load.append(_time(lambda: load_audit(audit, max_bytes=BIG)))
    ratio = statistics.median(load) / statistics.median(parse)
    print(
        f"{TOUCHPOINTS} reports, {size / 1e6:.1f} MB: load_audit {statistics.median(load):.3f} s, "
        f"json.load {statistics.median(parse):.3f} s, ratio {ratio:.2f} (target <= 2)"
    )


def floor_quiet(folder: Path) -> int:
    """json.load every report under `folder`; how many there were."""
    files = sorted(folder.rglob("*.json"))
    for file in files:
        with file.open("rb") as handle:
            json.load(handle)
    return len(files)


if __name__ == "__main__":
    main(sys.argv[1:])
