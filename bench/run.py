"""Run every benchmark of touchaudit and print medians, ratios and peak memory (BENCHMARKS.md).

    python bench/run.py                 # everything, 5 runs each (cold start: 20)
    python bench/run.py --only cold     # one group: corpus, scale, cold, sources
    python bench/run.py --hyperfine     # timings by hyperfine instead of the built-in runner

Run it with the Python of a virtual environment where touchaudit (the console script) and
check-jsonschema are installed; BENCHMARKS.md gives the one command that sets this up. Every
measurement is a whole process, as a user runs it. The built-in runner interleaves the commands
of a group round by round, so that load from other processes hits them all alike, and reads
each child's CPU time and peak RSS from os.wait4. The corpus is generated on first use.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
BIG = str(1 << 30)  # --max-bytes for the large audits (100k touchpoints is ~28 MiB)


@dataclass(frozen=True)
class Command:
    """One command line of a benchmark."""

    name: str
    argv: tuple[str, ...]
    exit_codes: tuple[int, ...] = (0,)  # the exit codes of a successful run


@dataclass
class Sample:
    """The runs of one command."""

    command: Command
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    @property
    def peak_mib(self) -> float:
        return max(self.rss_mib) if self.rss_mib else float("nan")


@dataclass(frozen=True)
class Target:
    """`numerator / denominator` (median wall times; with `cpu`, median CPU times) must be
    `<=` or `>=` `limit`."""

    label: str
    numerator: str
    denominator: str
    op: str
    limit: float
    cpu: bool = False

    def check(self, samples: dict[str, Sample]) -> tuple[float, bool]:
        top, bottom = samples[self.numerator], samples[self.denominator]
        ratio = top.cpu_median / bottom.cpu_median if self.cpu else top.median / bottom.median
        met = {"<": ratio < self.limit, "<=": ratio <= self.limit, ">=": ratio >= self.limit}
        return ratio, met[self.op]


@dataclass
class Group:
    """Commands measured together, the baseline their ratios are against, and the targets."""

    name: str
    title: str
    commands: list[Command]
    baseline: str
    targets: list[Target]
    runs: int
    notes: list[str] = field(default_factory=list)
    samples: dict[str, Sample] = field(default_factory=dict)


# --------------------------------------------------------------------------- measuring


def run_once(argv: Sequence[str], exit_codes: Sequence[int] = (0,)) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, children included) and peak RSS in MiB."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in exit_codes:
        raise SystemExit(
            f"benchmark command failed ({process.returncode}): {shlex.join(argv)}\n"
            + errors.decode(errors="replace")[-2000:]
        )
    # ru_maxrss is in KiB on Linux: the largest of the process and its waited-for children.
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(group: Group) -> None:
    """One warm-up round, then `runs` rounds; each round runs every command once, rotated."""
    group.samples = {c.name: Sample(c) for c in group.commands}
    commands = group.commands
    for round_number in range(group.runs + 1):
        shift = round_number % len(commands)
        for command in commands[shift:] + commands[:shift]:
            wall, cpu, rss = run_once(command.argv, command.exit_codes)
            if round_number:  # round 0 warms the disk cache and the .pyc files
                sample = group.samples[command.name]
                sample.wall.append(wall)
                sample.cpu.append(cpu)
                sample.rss_mib.append(rss)
        print(f"  {group.name}: round {round_number}/{group.runs} done", file=sys.stderr)


def measure_hyperfine(group: Group) -> None:
    """Timings by hyperfine (its medians); CPU and peak RSS from one run of each command."""
    group.samples = {c.name: Sample(c) for c in group.commands}
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "hyperfine.json"
        argv = ["hyperfine", "-N", "--warmup", "1", "--runs", str(group.runs)]
        argv += ["--export-json", str(export), "--style", "basic"]
        for command in group.commands:
            argv += ["--command-name", command.name, shlex.join(command.argv)]
        subprocess.run(argv, check=True, stdout=sys.stderr)
        results = json.loads(export.read_text(encoding="utf-8"))["results"]
    for command, result in zip(group.commands, results, strict=True):
        sample = group.samples[command.name]
        sample.wall = list(result["times"])
        _, cpu, rss = run_once(command.argv, command.exit_codes)
        sample.cpu, sample.rss_mib = [cpu], [rss]


# --------------------------------------------------------------------------- the benchmarks


def tool(name: str) -> str:
    """A console script of this Python's environment, else of the PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"'{name}' is not installed; see BENCHMARKS.md for the set-up command")
    return found


def has_report_command(touchaudit: str) -> bool:
    """True once `touchaudit report` exists (the report issue); until then it is skipped."""
    probe = subprocess.run([touchaudit, "report", "--help"], capture_output=True, check=False)
    return probe.returncode == 0


def corpus_group(out: Path, runs: int) -> Group:
    touchaudit = tool("touchaudit")
    corpus = out / "corpus"
    files = sorted(str(p) for p in corpus.glob("*.yaml"))
    schema = out / "audit.schema.json"
    schema.write_bytes(subprocess.run([touchaudit, "schema"], capture_output=True).stdout)
    jobs = str(os.cpu_count() or 1)
    commands = [
        Command("yaml-floor", (sys.executable, str(HERE / "floor.py"), str(corpus))),
        Command("validate", (touchaudit, "validate", str(corpus))),
        Command("validate-jobs1", (touchaudit, "validate", "--jobs", "1", str(corpus))),
        Command("score-json", (touchaudit, "score", "--format", "json", *files)),
        Command("score-json-jobs1", (touchaudit, "score", "-f", "json", "--jobs", "1", *files)),
        # Issue 15: the league table of the same files, streamed through score's workers.
        Command("portfolio-json", (touchaudit, "portfolio", "--format", "json", *files)),
        Command("score-sarif", (touchaudit, "score", "-f", "sarif", *files)),
        Command("score-sarif-jobs1", (touchaudit, "score", "-f", "sarif", "--jobs", "1", *files)),
        Command(
            "check-jsonschema",
            (tool("check-jsonschema"), "--schemafile", str(schema), *files),
        ),
    ]
    return Group(
        "corpus",
        f"{len(files):,} audits (~40 touchpoints, ~200 criteria each)",
        commands,
        "yaml-floor",
        [
            Target("check-jsonschema / validate", "check-jsonschema", "validate", ">=", 8),
            Target("validate / yaml-floor", "validate", "yaml-floor", "<=", 1.5),
            Target("validate --jobs 1 / yaml-floor", "validate-jobs1", "yaml-floor", "<=", 1.5),
            Target("score --format json / yaml-floor", "score-json", "yaml-floor", "<=", 1.5),
            Target("score --jobs 1 / yaml-floor", "score-json-jobs1", "yaml-floor", "<=", 1.5),
            # Issue 15: a portfolio within 1.5x of scoring the same files, memory bounded.
            Target("portfolio / score --format json", "portfolio-json", "score-json", "<=", 1.5),
            # Issue 12: SARIF as fast as JSON (within noise).
            Target(
                "score sarif / json (--jobs 1)", "score-sarif-jobs1", "score-json-jobs1", "<=", 1.1
            ),
            Target("score sarif / json", "score-sarif", "score-json", "<=", 1.1),
        ],
        runs,
        [f"validate and score use --jobs {jobs} (the default: the cores) unless named jobs1"],
    )


def sources_group(out: Path, runs: int) -> Group:
    """Issue 14: an audit naming 40 Lighthouse reports of 1.5 MB, against json.load of them."""
    sys.path.insert(0, str(HERE))
    import sources  # bench/sources.py: makes the reports

    audit = sources.make(out / "sources")
    reports = audit.parent / "reports"
    commands = [
        Command("json-floor", (sys.executable, str(HERE / "sources.py"), "--floor", str(reports))),
        Command(
            "validate-sources", (tool("touchaudit"), "validate", str(audit), "--max-bytes", BIG)
        ),
        Command(
            "score-sources",
            (tool("touchaudit"), "score", "-f", "json", str(audit), "--max-bytes", BIG),
        ),
    ]
    return Group(
        "sources",
        f"an audit whose {sources.TOUCHPOINTS} touchpoints each name a 1.5 MB Lighthouse report",
        commands,
        "json-floor",
        [
            Target(
                "validate / json.load of the reports", "validate-sources", "json-floor", "<=", 2
            ),
            Target("score / json.load of the reports", "score-sources", "json-floor", "<=", 2),
        ],
        runs,
    )


def scale_group(out: Path, runs: int, sizes: Sequence[str]) -> Group:
    touchaudit = tool("touchaudit")
    commands = []
    for label in sizes:
        path = str(out / f"large-{label}.yaml")
        commands.append(
            Command(f"score-{label}", (touchaudit, "score", "-f", "json", "--max-bytes", BIG, path))
        )
    notes = []
    # HOOK (report issue): `touchaudit report --format html` joins this group once the command
    # exists on the branch being measured; until then the benchmark says it was skipped.
    # HTML goes to a file only (-o), as on the report branch.
    if has_report_command(touchaudit):
        for label in sizes:
            path = str(out / f"large-{label}.yaml")
            html = str(out / f"report-{label}.html")
            argv = (touchaudit, "report", "-f", "html", "-o", html, "--max-bytes", BIG, path)
            commands.append(Command(f"report-html-{label}", argv))
    else:
        notes.append("report --format html: skipped, this touchaudit has no report command yet")
    targets = []
    for kind in ("score", "report-html"):
        names = [f"{kind}-{label}" for label in sizes]
        if not all(any(c.name == n for c in commands) for n in names):
            continue
        for small, large in itertools.pairwise(names):
            targets.append(Target(f"{large} / {small}", large, small, "<=", 12))
    return Group(
        "scale",
        "one audit of 1k / 10k / 100k touchpoints (~5 criteria each)",
        commands,
        commands[0].name,
        targets,
        runs,
        notes,
    )


def cold_group(runs: int) -> Group:
    touchaudit = tool("touchaudit")
    small = str(ROOT / "audits" / "clinic-contacts-only.yaml")
    before, after = (str(ROOT / "audits" / f"electronics-{w}.yaml") for w in ("before", "after"))
    commands = [
        Command("import-typer", (sys.executable, "-c", "import typer")),
        Command("version", (touchaudit, "--version")),
        Command("validate-one", (touchaudit, "validate", small)),
        # The least a validate on Typer + Pydantic + PyYAML + Rich does (bench/stack_floor.py).
        Command("stack-floor", (sys.executable, str(HERE / "stack_floor.py"), small)),
        Command("score-one", (touchaudit, "score", "-f", "json", after)),
        Command(
            "score-one-baseline", (touchaudit, "score", "-f", "json", "--baseline", before, after)
        ),
    ]
    targets = [
        Target("--version / import typer", "version", "import-typer", "<", 1.3),
        # Ours, not an issue's: what touchaudit adds to a cold validate above its stack's floor.
        Target("validate one / stack floor (CPU)", "validate-one", "stack-floor", "<=", 1.5, True),
        # Issue 12: the baseline gate takes score's one road; it reads and scores a second audit.
        Target(
            "score --baseline / score (one audit)", "score-one-baseline", "score-one", "<=", 1.2
        ),
    ]
    notes = ["score-one: audits/electronics-after.yaml; --baseline audits/electronics-before.yaml"]
    yamllint = _optional_tool("yamllint")
    if yamllint is None:
        notes.append("yamllint: skipped, not installed (pip install yamllint)")
    else:
        # Issue 12: a pre-commit hook validates one audit; yamllint is what it is compared with.
        # Its default rules find long lines and truthy values in the sample: exit 1.
        commands.append(Command("yamllint-one", (yamllint, small), (0, 1)))
        targets.append(
            Target("validate one / yamllint (CPU)", "validate-one", "yamllint-one", "<=", 2, True)
        )
        # What the fixed stack alone costs against yamllint: issue 12's 2x is out of reach
        # when this floor is at 2x or more.
        targets.append(
            Target("stack floor / yamllint (CPU)", "stack-floor", "yamllint-one", "<=", 2, True)
        )
    return Group("cold", "cold start", commands, "import-typer", targets, runs, notes)


def _optional_tool(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def compile_touchaudit() -> None:
    """Write touchaudit's bytecode, as installing a wheel does for every other package measured.

    An editable install is compiled on first import, unless PYTHONDONTWRITEBYTECODE is set:
    then every start compiles all of touchaudit's modules again (~45 ms), and the tools it is
    compared with (installed with their bytecode) do not.
    """
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "touchaudit")],
        check=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    )


# --------------------------------------------------------------------------- reporting


def table(group: Group) -> str:
    """The group as a Markdown table, then its targets."""
    base = group.samples[group.baseline]
    lines = [
        f"### {group.name}: {group.title}",
        "",
        f"| command | median wall (s) | min (s) | median CPU (s) | peak RSS (MiB) "
        f"| vs {group.baseline} |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for sample in group.samples.values():
        ratio = sample.median / base.median
        lines.append(
            f"| `{sample.command.name}` | {sample.median:.3f} | {min(sample.wall):.3f} "
            f"| {sample.cpu_median:.3f} | {sample.peak_mib:.0f} | {ratio:.2f}x |"
        )
    lines.append("")
    for target in group.targets:
        ratio, met = target.check(group.samples)
        verdict = "met" if met else "MISSED"
        lines.append(
            f"- {target.label} = **{ratio:.2f}x** (target {target.op} {target.limit:g}x): {verdict}"
        )
    lines.extend(f"- {note}" for note in group.notes)
    return "\n".join(lines) + "\n"


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores ({model}); "
        f"Python {platform.python_version()}; {platform.platform()}; load average before "
        f"the run {os.getloadavg()[0]:.2f}"
    )


def ensure_corpus(out: Path, audits: int, sizes: Sequence[str]) -> None:
    """Generate what is missing, in a child process: this one stays small.

    A child's peak RSS starts at its parent's (fork copies it, and Linux keeps the high-water
    mark across exec), so a runner that imported touchaudit would inflate every small reading.
    """
    corpus = out / "corpus"
    missing_corpus = len(list(corpus.glob("*.yaml"))) != audits
    missing_sizes = [label for label in sizes if not (out / f"large-{label}.yaml").exists()]
    if not missing_corpus and not missing_sizes:
        return
    if missing_corpus:
        shutil.rmtree(corpus, ignore_errors=True)
    argv = [sys.executable, str(HERE / "generate.py"), "--out", str(out)]
    argv += ["--audits", str(audits if missing_corpus else 0), "--sizes", *missing_sizes]
    subprocess.run(argv, check=True, stdout=sys.stderr)


def main(argv: Sequence[str] | None = None) -> None:
    """Generate the corpus if needed, measure the groups, print and save the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=("corpus", "scale", "cold", "sources"))
    parser.add_argument("--runs", type=int, default=5, help="measured runs per command (5)")
    parser.add_argument("--cold-runs", type=int, default=20, help="runs of the cold starts (20)")
    parser.add_argument("--sizes", nargs="*", default=["1k", "10k", "100k"])
    parser.add_argument("--audits", type=int, default=1000, help="audits in the corpus (1000)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--hyperfine", action="store_true", help="time with hyperfine")
    args = parser.parse_args(argv)
    chosen = args.only or ["corpus", "scale", "cold", "sources"]

    ensure_corpus(args.out, args.audits, args.sizes)
    compile_touchaudit()

    groups = []
    if "corpus" in chosen:
        groups.append(corpus_group(args.out, args.runs))
    if "scale" in chosen:
        groups.append(scale_group(args.out, args.runs, args.sizes))
    if "cold" in chosen:
        groups.append(cold_group(args.cold_runs))
    if "sources" in chosen:
        groups.append(sources_group(args.out, args.runs))
    header = f"Measured {machine()}; runner: {'hyperfine' if args.hyperfine else 'bench/run.py'}"
    print(header, file=sys.stderr)
    parts = [header + "\n"]
    for group in groups:
        (measure_hyperfine if args.hyperfine else measure)(group)
        text = table(group)
        print("\n" + text)
        parts.append(text)
    results = args.out / "results.md"
    results.write_text("\n".join(parts), encoding="utf-8")
    raw = {
        g.name: {
            s.command.name: {"wall": s.wall, "cpu": s.cpu, "rss_mib": s.rss_mib}
            for s in g.samples.values()
        }
        for g in groups
    }
    (args.out / "results.json").write_text(json.dumps(raw, indent=2), encoding="utf-8")
    print(f"saved {results} and results.json", file=sys.stderr)


if __name__ == "__main__":
    main()
