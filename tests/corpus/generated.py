"""The hostile files too big or too deep to commit, made on demand (index.tsv rows '@name').

Used by tests/test_corpus.py and bench/corpus.py; each generator returns the file's bytes.
"""

from __future__ import annotations

from collections.abc import Callable

_HEAD = b"touchaudit: 1\ncompany: Acme\ntouchpoints:\n  website:\n    channel: website\n"
_BASE = _HEAD + b"    criteria:\n      load_time: 3 s\n" + b"  phone:\n    channel: phone\n"
_BASE += b"    criteria:\n      answer_time: 40 s\n      rings_before_answer: 2\n"  # 12 lines


def huge_20mb() -> bytes:
    """A valid start, then 20 MiB of notes: refused by size before it is read whole."""
    return _HEAD + b"    notes: " + b"x" * (20 * 1024 * 1024) + b"\n"


def deep_flow() -> bytes:
    """10,000 nested flow sequences."""
    return b"[" * 10_000 + b"]" * 10_000 + b"\n"


def deep_block_sequence() -> bytes:
    """10,000 nested block sequences on one line: `- - - ... x`."""
    return b"- " * 10_000 + b"x\n"


def deep_block_mapping() -> bytes:
    """4,000 nested block mappings (8 MB of indentation; 10,000 levels would be 50 MB)."""
    return b"".join(b" " * i + b"a:\n" for i in range(4000))


def deep_mixed_flow() -> bytes:
    """5,000 levels of `[{a: ` never closed."""
    return b"a: " + b"[{a: " * 5000 + b"\n"


def company_1mb() -> bytes:
    """A company name of one million characters."""
    return (
        b"touchaudit: 1\ncompany: " + b"A" * 1_000_000 + b"\n" + _HEAD[_HEAD.index(b"touch", 5) :]
    )


def merge_bomb() -> bytes:
    """40 mappings, each merging the previous one ten times: 10**40 pairs if expanded naively."""
    lines = [b"k0: &k0 {x: 1}"]
    for i in range(1, 40):
        sources = b", ".join([b"*k%d" % (i - 1)] * 10)
        lines.append(b"k%d: &k%d {<<: [%s]}" % (i, i, sources))
    return _BASE + b"\n".join(lines) + b"\n"


def measured_value_5mb() -> bytes:
    """A measured value of five million characters (parsing time grows with the text)."""
    return _HEAD + b"    criteria:\n      load_time: 1." + b"5" * 5_000_000 + b"/5\n"


GENERATORS: dict[str, Callable[[], bytes]] = {
    "@huge-20mb.yaml": huge_20mb,
    "@deep-flow-10000.yaml": deep_flow,
    "@deep-block-sequence-10000.yaml": deep_block_sequence,
    "@deep-block-mapping-4000.yaml": deep_block_mapping,
    "@deep-mixed-flow-5000.yaml": deep_mixed_flow,
    "@company-1mb.yaml": company_1mb,
    "@merge-bomb-40.yaml": merge_bomb,
    "@measured-value-5mb.yaml": measured_value_5mb,
}
