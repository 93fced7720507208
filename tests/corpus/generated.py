"""The hostile files too big or too deep to commit, made on demand (index.tsv rows '@name').

Used by tests/test_corpus.py and bench/corpus.py; each generator returns the file's bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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


# --------------------------------------------------------------------------- sources
# The hostile sources (tests/corpus/sources/index.tsv rows '@name'): each generator writes an
# audit and the files it names into a folder and returns the audit's path.

_SOURCES_HEAD = _HEAD + b"    sources:\n"  # the source entry is on line 7


def _audit_naming(folder: Path, entry: bytes) -> Path:
    audit = folder / "audit.yaml"
    audit.write_bytes(_SOURCES_HEAD + b"      - " + entry + b"\n")
    return audit


def symlink_out(folder: Path) -> Path:
    """A source that is a symbolic link to a file outside the audit's folder."""
    inside = folder / "audit"
    inside.mkdir()
    (folder / "secret.json").write_bytes(b'{"lighthouseVersion": "12.0.0", "audits": {}}')
    (inside / "report.json").symlink_to(folder / "secret.json")
    return _audit_naming(inside, b"lighthouse: report.json")


def sparse_1gb(folder: Path) -> Path:
    """A 1 GiB sparse report: refused by --max-bytes after reading at most the limit."""
    with (folder / "huge.json").open("wb") as handle:
        handle.truncate(1 << 30)
    return _audit_naming(folder, b"lighthouse: huge.json")


def deep_json(folder: Path) -> Path:
    """A report of 100,000 nested lists."""
    (folder / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    return _audit_naming(folder, b"psi: deep.json")


def huge_number_json(folder: Path) -> Path:
    """A Lighthouse metric of 400,000 digits."""
    number = b"9" * 400_000
    report = b'{"lighthouseVersion": "12.0.0", "audits": {"interactive": {"numericValue": '
    (folder / "big.json").write_bytes(report + number + b"}}}")
    return _audit_naming(folder, b"lighthouse: big.json")


SOURCE_GENERATORS: dict[str, Callable[[Path], Path]] = {
    "@symlink-out": symlink_out,
    "@sparse-1gb": sparse_1gb,
    "@deep-json": deep_json,
    "@huge-number-json": huge_number_json,
}
