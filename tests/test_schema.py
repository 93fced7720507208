"""The exported JSON Schema: in sync with docs/, and agreeing with the loader."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "docs" / "audit.schema.json"
SAMPLES = sorted((ROOT / "audits").glob("*.yaml"))


def test_docs_schema_is_in_sync() -> None:
    exported = CliRunner().invoke(app, ["schema"]).stdout
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json.loads(exported), (
        "docs/audit.schema.json is out of date; regenerate it with: "
        "touchaudit schema > docs/audit.schema.json"
    )


def check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    """Run check-jsonschema, as another CI tool would, with the exported schema."""
    if importlib.util.find_spec("check_jsonschema") is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA_FILE), *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_the_schema_each_sample_names_exists(sample: Path) -> None:
    first = sample.read_text(encoding="utf-8").splitlines()[0]
    target = first.removeprefix("# yaml-language-server: $schema=")
    assert target != first
    assert (sample.parent / target).resolve() == SCHEMA_FILE


def test_every_sample_audit_passes_check_jsonschema() -> None:
    result = check_jsonschema(*SAMPLES)
    assert result.returncode == 0, result.stdout + result.stderr
