"""The hostile corpus: every broken or hostile file in tests/corpus/bad/ is one clear error.

tests/corpus/bad/index.tsv gives each file's expected code, line and column. Each file must
make `touchaudit validate` exit 1 with that error and no traceback; a sample runs in a real
subprocess, the rest through CliRunner. The run ends with one summary line in pytest's output
(`corpus: N files tried, M failures`, from conftest.py). Time and memory are measured by
bench/corpus.py, not asserted here.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import corpus_generated
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.library.rules import builtin_rules
from touchaudit.reading import yamldoc

BAD = Path(__file__).parent / "corpus" / "bad"
SCHEMA_FILE = Path(__file__).resolve().parents[1] / "docs" / "audit.schema.json"
SUBPROCESS_EVERY = 16  # every 16th file, and these, run as a real process (slower to start)
SUBPROCESS_FILES = {"@huge-20mb.yaml", "@deep-flow-10000.yaml", "@merge-bomb-40.yaml"}


GENERATORS = dict(corpus_generated().GENERATORS)


@dataclass(frozen=True)
class Row:
    """One line of index.tsv."""

    file: str
    code: str
    line: int | None
    column: int | None
    schema: bool

    @property
    def generated(self) -> bool:
        return self.file.startswith("@")

    def path(self, folder: Path) -> Path:
        """The committed file, or the generated one written into `folder`."""
        if not self.generated:
            return BAD / self.file
        target = folder / self.file[1:]
        target.write_bytes(GENERATORS[self.file]())
        return target


def _index() -> list[Row]:
    text = (BAD / "index.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = []
    for record in csv.DictReader(lines, delimiter="\t"):
        rows.append(
            Row(
                record["file"],
                record["code"],
                None if record["line"] == "-" else int(record["line"]),
                None if record["column"] == "-" else int(record["column"]),
                record["schema"] == "yes",
            )
        )
    return rows


INDEX = _index()


def test_index_lists_every_file_once() -> None:
    committed = {p.name for p in BAD.iterdir() if p.name != "index.tsv"}
    listed = [r.file for r in INDEX if not r.generated]
    assert len(listed) == len(set(listed))
    assert set(listed) == committed
    assert {r.file for r in INDEX if r.generated} == set(GENERATORS)
    assert len(INDEX) >= 40
    assert {r.code for r in INDEX} <= set(builtin_rules().rules)


def _run_cli(path: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["validate", str(path), "--format", "json"])
    return result.exit_code, result.stdout, result.stderr


def _run_process(path: Path) -> tuple[int, str, str]:
    command = [sys.executable, "-m", "touchaudit", "validate", str(path), "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("index", range(len(INDEX)), ids=[r.file for r in INDEX])
def test_bad_file(index: int, tmp_path: Path, record_property: pytest.RecordProperty) -> None:
    row = INDEX[index]
    record_property("corpus", row.file)  # counted by conftest.py for the summary line
    path = row.path(tmp_path)
    in_process = row.file not in SUBPROCESS_FILES and index % SUBPROCESS_EVERY
    code, stdout, stderr = _run_cli(path) if in_process else _run_process(path)
    assert code == 1, stderr
    assert "Traceback" not in stdout + stderr
    findings = json.loads(stdout)
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors, "no error reported"
    expected = {"code": row.code, "line": row.line, "column": row.column}
    located = [{k: f[k] for k in ("code", "line", "column")} for f in errors]
    assert expected in located
    for finding in findings:
        message = finding["message"]
        assert message
        assert message.isprintable()
        assert len(message) < 500


@pytest.mark.parametrize("index", range(len(INDEX)), ids=[r.file for r in INDEX])
def test_bad_file_gives_the_same_error_with_the_pure_python_parser(
    index: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Our limits are ours: libyaml's own (newer releases stop at 1,000 levels) never speak."""
    row = INDEX[index]
    path = row.path(tmp_path)
    monkeypatch.setattr(yamldoc, "EventParser", yamldoc.PureParser)
    code, stdout, stderr = _run_cli(path)
    assert code == 1, stderr
    located = [(f["code"], f["line"], f["column"]) for f in json.loads(stdout)]
    expected = PURE_PARSER_DIFFERS.get(row.file, (row.code, row.line, row.column))
    assert expected in located


# Where PyYAML's pure-Python scanner itself differs from libyaml (not a limit of ours).
PURE_PARSER_DIFFERS = {
    # It accepts the lone surrogate escape `\ud800`; our value check then refuses the value.
    "syntax-bad-escape.yaml": ("bad-value", 2, 10),
}


def test_schema_level_files_fail_check_jsonschema(tmp_path: Path) -> None:
    """The exported schema refuses what the loader refuses for its shape, not only the loader."""
    if importlib.util.find_spec("check_jsonschema") is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    rows = [r for r in INDEX if r.schema]
    paths = {str(r.path(tmp_path)): r.file for r in rows}
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA_FILE)]
    done = subprocess.run(
        [*command, "-o", "json", *paths],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(done.stdout)
    refused = {paths[e["filename"]] for e in report["errors"]}
    unparsed = {paths[e["filename"]] for e in report["parse_errors"]}
    assert unparsed == set()  # refused by the schema, not by the YAML parser
    assert refused == set(paths.values())
