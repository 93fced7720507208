"""The hostile sources: every audit in tests/corpus/sources/ names a source file that must be
one clear error (code, file, line, column), exit 1, no traceback; index.tsv says which.

The sources are read only inside the audit's folder and within --max-bytes, so the 1 GiB sparse
file costs at most the limit's read; time and memory are measured by bench/, not here.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import corpus_generated
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.library.rules import builtin_rules

SOURCES = Path(__file__).parent / "corpus" / "sources"


GENERATORS = dict(corpus_generated().SOURCE_GENERATORS)


@dataclass(frozen=True)
class Row:
    """One line of index.tsv."""

    audit: str
    file: str
    code: str
    line: int
    column: int


def _index() -> list[Row]:
    text = (SOURCES / "index.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [
        Row(r["audit"], r["file"], r["code"], int(r["line"]), int(r["column"]))
        for r in csv.DictReader(lines, delimiter="\t")
    ]


INDEX = _index()


def test_index_lists_every_audit_once_and_every_code_is_a_rule() -> None:
    committed = {p.name for p in SOURCES.glob("*.yaml")}
    listed = [r.audit for r in INDEX if not r.audit.startswith("@")]
    assert sorted(listed) == sorted(committed)
    assert {r.audit for r in INDEX if r.audit.startswith("@")} == set(GENERATORS)
    assert {r.code for r in INDEX} <= set(builtin_rules().rules)


def _audit(row: Row, folder: Path) -> Path:
    if row.audit.startswith("@"):
        make = GENERATORS[row.audit]
        assert callable(make)
        path = make(folder)
        assert isinstance(path, Path)
        return path
    return SOURCES / row.audit


@pytest.mark.parametrize("row", INDEX, ids=[r.audit for r in INDEX])
def test_a_hostile_source_is_one_clear_error(row: Row, tmp_path: Path) -> None:
    audit = _audit(row, tmp_path)
    result = CliRunner().invoke(app, ["validate", str(audit), "--format", "json"])
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    errors = [f for f in json.loads(result.stdout) if f["severity"] == "error"]
    expected = str(audit) if row.file == "audit" else str(audit.parent / row.file)
    located = [(f["file"], f["code"], f["line"], f["column"]) for f in errors]
    assert (expected, row.code, row.line, row.column) in located
    for finding in errors:
        assert finding["message"].isprintable()
        assert len(finding["message"]) < 500
