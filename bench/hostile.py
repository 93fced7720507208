"""Hostile sizes (issue #11 §5): small files that cost the most, and every command on each.

    python bench/hostile.py                      # write the files, run every command once
    python bench/hostile.py --runs 3             # median of 3 (BENCHMARKS.md "Hostile sizes")
    python bench/hostile.py --only oneline-10k --commands score-table

The files are valid audits under the default 10 MiB limit, each the cheapest way to make one
cost of touchaudit as large as possible. Every command runs as a whole process with the default
limits (no --max-bytes); its wall time and peak RSS come from os.wait4, its stdout goes to a file
whose size is reported. A command that exceeds --timeout is stopped and reported as such. The
target: every command within 30 s and 2 GB. Results go to bench/out/hostile.md and .json.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "hostile"
LIMIT_BYTES = 10 * 1024 * 1024
TARGET_SECONDS = 30.0
TARGET_MIB = 2048.0

_HEAD = "touchaudit: 1\ncompany: Hostile sizes\n"


def oneline(count: int) -> str:
    """`count` one-line touchpoints, one measured criterion each (10,000: ~560 KB)."""
    lines = [_HEAD, "touchpoints:\n"]
    lines += [f"  t{i}: {{channel: website, criteria: {{load_time: 3 s}}}}\n" for i in range(count)]
    return "".join(lines)


def block(count: int) -> str:
    """`count` touchpoints in block style, one measured criterion each (100,000: ~6 MB)."""
    lines = [_HEAD, "touchpoints:\n"]
    for i in range(count):
        lines.append(f"  t{i}:\n    channel: website\n    criteria:\n      load_time: 3 s\n")
    return "".join(lines)


def chain(size: int) -> str:
    """One touchpoint and one chain on a single line of `size` bytes: `[t, t, t, ...]`."""
    head = _HEAD + "touchpoints: {t: {channel: website, criteria: {load_time: 3 s}}}\n"
    start, end = "chains: {c: {steps: [t", "]}}\n"
    steps = (size - len(head) - len(start) - len(end)) // 3
    return head + start + ", t" * steps + end


def flow_max(size: int) -> str:
    """As many touchpoints as fit in `size` bytes, flow style, no criteria (~500,000)."""
    parts = [_HEAD, "touchpoints: {"]
    used = sum(map(len, parts)) + 2
    index = 0
    while True:
        item = f"t{index:x}: {{channel: sms}}, "
        if used + len(item) > size:
            break
        parts.append(item)
        used += len(item)
        index += 1
    parts[-1] = parts[-1].rstrip(", ")
    return "".join(parts) + "}\n"


_POOR_WEBSITE = (
    "delivery_tracking: no, payment_options: 2, self_service: no, easy_returns: no, "
    "loyalty_programme: no, load_time: 5, lcp: 3000, inp: 300, cls: 0.2, "
    "lighthouse_performance: 60, mobile_version: no, design: 3, ease_of_use: 3, "
    "useful_content: 3, product_page_quality: 3, lead_form_fields: 5, callback_request: no, "
    "clickable_phone: no, online_booking: no, question_form: no, chat_widget: no, "
    "feedback_form: no, bounce_rate: 50, conversion_rate: 2"
)


def measured_max(count: int) -> str:
    """`count` touchpoints measuring all 24 website criteria below good: every one a gap."""
    lines = [_HEAD, "touchpoints:\n"]
    lines += [
        f"  t{i}: {{channel: website, criteria: {{{_POOR_WEBSITE}}}}}\n" for i in range(count)
    ]
    return "".join(lines)


FILES: dict[str, Callable[[], str]] = {
    "oneline-10k": lambda: oneline(10_000),
    "block-100k": lambda: block(100_000),
    "chain-10mb": lambda: chain(LIMIT_BYTES - 1024),
    "flow-max": lambda: flow_max(LIMIT_BYTES),
    "measured-max": lambda: measured_max(6_250),  # 150,000 criteria: the limit
}


def commands(path: Path, out: Path) -> dict[str, list[str]]:
    """Every command of the issue on one file; `compare` compares the file with itself."""
    name = path.stem
    cmds: dict[str, list[str]] = {"validate": ["validate", str(path)]}
    for fmt in ("table", "json", "markdown", "sarif", "junit", "github"):
        cmds[f"score-{fmt}"] = ["score", "-f", fmt, str(path)]
    cmds["compare"] = ["compare", str(path), str(path)]
    cmds["report-html"] = ["report", "-f", "html", "-o", str(out / f"{name}.html"), str(path)]
    cmds["report-markdown"] = ["report", "-f", "markdown", str(path)]
    return cmds


def run_once(argv: Sequence[str], stdout: Path, timeout: float) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS in MiB, output bytes and the outcome (exit code or timeout)."""
    start = time.perf_counter()
    with stdout.open("wb") as sink:
        env = {**os.environ, "COLUMNS": "120"}
        env.pop("GITHUB_ACTIONS", None)
        env.pop("GITHUB_STEP_SUMMARY", None)
        process = subprocess.Popen(
            argv, stdout=sink, stderr=subprocess.DEVNULL, env=env, start_new_session=True
        )
        outcome = ""
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                os.killpg(process.pid, signal.SIGKILL)
                _, status, usage = os.wait4(process.pid, 0)
                outcome = "timeout"
                break
            time.sleep(0.02)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    size = stdout.stat().st_size
    if not outcome:
        outcome = f"exit {process.returncode}"
    return wall, usage.ru_maxrss / 1024, size, outcome


def main(argv: Sequence[str] | None = None) -> None:
    """Write the hostile files and measure every command on each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--runs", type=int, default=1, help="runs per command (median; 1)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run (120)")
    parser.add_argument("--only", nargs="*", default=list(FILES), help="files: " + " ".join(FILES))
    parser.add_argument("--commands", nargs="*", default=None, help="commands (default: all)")
    parser.add_argument("--touchaudit", default=str(Path(sys.executable).parent / "touchaudit"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    lines = [
        "| file | command | median wall (s) | peak RSS (MiB) | output | outcome | 30 s / 2 GB |",
        "| --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for name in args.only:
        path = args.out / f"{name}.yaml"
        if not path.exists():
            path.write_text(FILES[name](), encoding="utf-8")
        size = path.stat().st_size
        print(f"{name}: {size:,} bytes", file=sys.stderr)
        for label, cmd in commands(path, args.out).items():
            if args.commands and label not in args.commands:
                continue
            samples = [
                run_once([args.touchaudit, *cmd], args.out / "stdout", args.timeout)
                for _ in range(args.runs)
            ]
            wall = statistics.median(s[0] for s in samples)
            rss = max(s[1] for s in samples)
            output = samples[-1][2]
            if label == "report-html":
                html = args.out / f"{name}.html"
                output = html.stat().st_size if html.exists() else 0
                html.unlink(missing_ok=True)
            outcome = samples[-1][3]
            met = outcome != "timeout" and wall <= TARGET_SECONDS and rss <= TARGET_MIB
            shown = f">{args.timeout:.0f}" if outcome == "timeout" else f"{wall:.2f}"
            row = f"| {name} | {label} | {shown} | {rss:.0f} | {output / 1e6:.1f} MB | {outcome}"
            lines.append(row + f" | {'met' if met else 'MISSED'} |")
            print(lines[-1], file=sys.stderr)
            rows.append(
                {
                    "file": name,
                    "bytes": size,
                    "command": label,
                    "wall": wall,
                    "rss_mib": rss,
                    "output_bytes": output,
                    "outcome": outcome,
                    "met": met,
                    "argv": shlex.join(cmd),
                }
            )
    (args.out / "stdout").unlink(missing_ok=True)
    text = "\n".join(lines) + "\n"
    print(text)
    (args.out.parent / "hostile.md").write_text(text, encoding="utf-8")
    (args.out.parent / "hostile.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
