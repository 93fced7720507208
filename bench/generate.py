"""The benchmark corpus: realistic audits written deterministically from a seed.

`python bench/generate.py` writes to bench/out/ (git-ignored):
- corpus/audit-0000.yaml ... : N audits of about 40 touchpoints and 200 measured criteria each,
  like a consultancy's portfolio of client audits;
- large-1k.yaml, large-10k.yaml, large-100k.yaml: one audit with that many touchpoints, like a
  retail chain auditing every store.

Channel and criterion ids come from the built-in library; values are valid for their criterion
and written in every syntax the format accepts (3.4 s, 250 ms, 1h 30m, PT2M, 1:30, 45%, 4/5,
8/10, yes/NO/true, null, {value: ..., note: ...}), so that the benchmarks exercise the real parser.
The same seed always gives the same bytes.
"""

from __future__ import annotations

import argparse
import math
import random
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path

from touchaudit.library.criteria import Library, builtin_library
from touchaudit.reading.models import Criterion, Curve, ValueKind

OUT = Path(__file__).resolve().parent / "out"
LARGE_SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}

# How often each channel appears: shops, sites and phone lines dominate real audits.
_CHANNEL_WEIGHTS = {
    "website": 6,
    "store": 6,
    "phone": 5,
    "email": 4,
    "social": 4,
    "reviews": 3,
    "messenger": 3,
    "landing_page": 3,
    "mobile_app": 3,
    "support": 3,
    "delivery": 3,
    "newsletter": 2,
    "marketplace": 2,
    "callback": 2,
    "sms": 2,
    "survey": 2,
    "live_chat": 2,
    "chatbot": 1,
    "billing": 1,
    "loyalty": 1,
    "events": 1,
    "search": 1,
    "ads": 1,
    "blog": 1,
    "referral": 1,
}
_CITIES = ("Lyon", "Kraków", "Porto", "Zürich", "Malmö", "Gent", "Brno", "Köln", "Turin", "Cork")
_OWNERS = ("Marketing", "Reception", "Contact centre", "E-commerce team", "Store manager", "CX")
_NOTES = (
    "Audited on a mid-range Android phone over 4G.",
    "Five test calls on weekdays between 9:00 and 19:00.",
    "Mystery shopper visit, Saturday afternoon.",
    "Figures from the last quarter's dashboard.",
    "Replies slower in the evening, when the team is off shift.",
)
_BOOLEAN_WORDS = {True: ("yes", "Yes", "true", "y", "on"), False: ("no", "NO", "false", "n", "off")}


def channel_pool(library: Library) -> tuple[list[str], list[int]]:
    """Channels that have criteria, and how often the generator picks each."""
    channels = [c for c in library.channels if library.for_channel(c)]
    return channels, [_CHANNEL_WEIGHTS.get(c, 1) for c in channels]


# --------------------------------------------------------------------------- values


def _number(value: float) -> str:
    """A short decimal: 3.4, 12, 0.05."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def _sample(rng: random.Random, c: Criterion) -> float:
    """A plausible value in the criterion's unit: mostly between good and poor, some beyond."""
    assert c.good is not None
    assert c.poor is not None
    low, high = sorted((c.good, c.poor))
    if c.curve is Curve.LOGNORMAL:
        value = math.exp(rng.uniform(math.log(low / 3), math.log(high * 2)))
    else:
        span = high - low
        value = rng.uniform(low - span, high + span)
    if c.min is not None:
        value = max(value, c.min)
    if c.max is not None:
        value = min(value, c.max)
    return value


def _duration_text(rng: random.Random, c: Criterion) -> str:
    seconds = round(_sample(rng, c) * _SECONDS[c.unit], 1)
    if c.unit == "ms":
        seconds = round(seconds, 3)
    forms = [f"{_number(seconds / _SECONDS[c.unit])}"]  # a bare number: the canonical unit
    if seconds < 10:
        forms += [f"{_number(seconds * 1000)} ms", f"{_number(seconds)} s", f"{_number(seconds)}s"]
    whole = max(1, round(seconds))
    if seconds < 600:
        forms += [f"{whole} sec", f"{whole} seconds", f"PT{whole}S"]
    if 60 <= whole < 3600:
        forms += [f"{whole // 60}:{whole % 60:02d}", f"{_number(whole / 60)} min"]
        forms += [f"PT{whole // 60}M{whole % 60}S" if whole % 60 else f"PT{whole // 60}M"]
    if whole >= 3600:
        hours, minutes = divmod(whole // 60, 60)
        forms += [f"{hours}h {minutes}m" if minutes else f"{hours} h", f"PT{hours}H{minutes}M"]
        forms += [f"{_number(whole / 3600)} hours"]
    if whole >= 86400:
        forms += [f"{_number(whole / 86400)} days", f"P{round(whole / 86400)}D"]
    return rng.choice(forms)


_SECONDS = {"ms": 0.001, "s": 1.0, "min": 60.0, "h": 3600.0, "d": 86400.0, "w": 604800.0}


def _value_text(rng: random.Random, c: Criterion) -> str:
    """The criterion's value as an auditor would write it."""
    if c.type is ValueKind.BOOLEAN:
        answer = rng.random() < 0.7 if c.expected else rng.random() < 0.3
        return rng.choice(_BOOLEAN_WORDS[answer])
    if c.type is ValueKind.DURATION:
        return _duration_text(rng, c)
    value = _sample(rng, c)
    if c.type is ValueKind.PERCENT:
        return rng.choice((f"{round(value)}%", f"{_number(value)}%", f"{_number(value)} %"))
    if c.type is ValueKind.RATING:
        points = round(value * 2) / 2
        if c.scale == 10:
            return rng.choice((f"{round(points)}/10", f"{_number(points)}"))
        return rng.choice(
            (f"{round(points)}/5", f"{_number(points)}/5", f"{round(points * 2)}/10", f"{points}")
        )
    if float(c.good).is_integer() and float(c.poor).is_integer():  # counts: rings, fields
        value = round(value)
    shown = _number(value)
    return rng.choice((shown, f"{shown} {c.unit}")) if c.unit else shown


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _entry(rng: random.Random, c: Criterion) -> str:
    """One `criterion: value` line, sometimes null, sometimes the mapping form with a note."""
    roll = rng.random()
    if roll < 0.05:
        return f"{c.id}: null"
    text = _value_text(rng, c)
    if roll < 0.15:
        note = rng.choice(_NOTES)
        evidence = f", evidence: screenshots/{c.id}.png" if roll < 0.08 else ""
        return f"{c.id}: {{value: {_quoted(text)}, note: {_quoted(note)}{evidence}}}"
    return f"{c.id}: {text}"


# --------------------------------------------------------------------------- audits


def _allocate(rng: random.Random, capacities: Sequence[int], total: int) -> list[int]:
    """How many criteria each touchpoint measures: at least one, about `total` in all."""
    counts = [1] * len(capacities)
    room = [i for i, cap in enumerate(capacities) if cap > 1]
    for _ in range(max(0, total - len(capacities))):
        if not room:
            break
        slot = rng.randrange(len(room))
        index = room[slot]
        counts[index] += 1
        if counts[index] >= capacities[index]:
            room[slot] = room[-1]  # swap-remove: O(1), so 100k touchpoints stay fast
            room.pop()
    return counts


def _touchpoint_lines(
    rng: random.Random, tp_id: str, channel: str, criteria: Sequence[Criterion], count: int
) -> Iterator[str]:
    yield f"  {tp_id}:"
    yield f"    channel: {channel}"
    if rng.random() < 0.8:
        label = channel.replace("_", " ").title()
        yield f"    name: {_quoted(label + ' — ' + rng.choice(_CITIES))}"
    if rng.random() < 0.6:
        yield f"    owner: {rng.choice(_OWNERS)}"
    if rng.random() < 0.3:
        yield f"    weight: {rng.choice((2, 3, 0.5, 1.5))}"
    if rng.random() < 0.2:
        yield f"    notes: {rng.choice(_NOTES)}"
    yield "    criteria:"
    for c in rng.sample(list(criteria), count):
        yield f"      {_entry(rng, c)}"


def audit_text(
    rng: random.Random,
    library: Library,
    *,
    company: str,
    touchpoints: int,
    criteria: int,
) -> str:
    """One valid audit with `touchpoints` touchpoints and about `criteria` measured criteria."""
    channels, weights = channel_pool(library)
    picked = rng.choices(channels, weights, k=touchpoints)
    capacities = [len(library.for_channel(c)) for c in picked]
    counts = _allocate(rng, capacities, criteria)
    audited = date(2026, 1, 1) + timedelta(days=rng.randrange(365))
    lines = [
        "# yaml-language-server: $schema=../audit.schema.json",
        f"# Generated by bench/generate.py: {touchpoints} touchpoints.",
        "touchaudit: 1",
        f"company: {_quoted(company)}",
        f"audited_on: {audited.isoformat()}",
        "auditor: Field team (mystery shopper + desk review)",
        "business: retail",
    ]
    if rng.random() < 0.5:
        lines += [
            "",
            "criteria:",
            "  rings_before_answer: {good: 1, poor: 3}",
            "  greeting_script:",
            "    label: Greets with the shop's name",
            "    channel: store",
            "    type: boolean",
            "    weight: 2",
            "    recommendation: Greet every visitor with the shop's name within 30 seconds.",
        ]
    lines += ["", "touchpoints:"]
    ids = []
    for index, (channel, count) in enumerate(zip(picked, counts, strict=True)):
        tp_id = f"{channel}_{index:05d}" if touchpoints > 99_999 else f"{channel}_{index:04d}"
        ids.append(tp_id)
        lines.extend(_touchpoint_lines(rng, tp_id, channel, library.for_channel(channel), count))
    lines += ["", "chains:"]
    for number in range(max(1, touchpoints // 20)):
        steps = rng.sample(ids, min(len(ids), rng.randint(2, 6)))
        lines += [f"  path_{number}:", f"    name: Customer path {number}"]
        lines += [f"    steps: [{', '.join(steps)}]"]
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, *, seed: int = 7) -> list[Path]:
    """`count` audits of ~40 touchpoints and ~200 criteria into `folder`; the paths written."""
    library = builtin_library()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        rng = random.Random(f"{seed}-corpus-{index}")
        text = audit_text(
            rng,
            library,
            company=f"Client {index:04d} ({rng.choice(_CITIES)})",
            touchpoints=rng.randint(36, 44),
            criteria=200,
        )
        path = folder / f"audit-{index:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def write_large(folder: Path, label: str, touchpoints: int, *, seed: int = 7) -> Path:
    """One audit of `touchpoints` touchpoints, five criteria each on average."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}-large-{label}")
    text = audit_text(
        rng,
        builtin_library(),
        company=f"Retail chain ({touchpoints:,} touchpoints)",
        touchpoints=touchpoints,
        criteria=touchpoints * 5,
    )
    path = folder / f"large-{label}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> None:
    """Write the corpus and the large audits."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (bench/out)")
    parser.add_argument("--audits", type=int, default=1000, help="audits in corpus/ (1000)")
    parser.add_argument(
        "--sizes", nargs="*", default=list(LARGE_SIZES), help="large audits: 1k 10k 100k"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    corpus = write_corpus(args.out / "corpus", args.audits, seed=args.seed)
    print(f"wrote {len(corpus)} audits to {args.out / 'corpus'}")
    for label in args.sizes:
        path = write_large(args.out, label, LARGE_SIZES[label], seed=args.seed)
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
