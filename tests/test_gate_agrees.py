"""A file that validates always scores; one that does not never passes a gate.

`validate` is the CI gate teams rely on: if it says a file is valid, `score`, `compare` and
`report` must all read it; if it says invalid, no command may pass that file, and each says
where the problem is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.test_corpus import INDEX
from touchaudit.cli.app import app
from touchaudit.reading.loader import parse_audit
from touchaudit.scoring.score import score_audit

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "audits" / "clinic-many-touchpoints.yaml"
RIVAL = str(ROOT / "audits" / "clinic-contacts-only.yaml")
BASE: dict[str, Any] = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))

# Any shape a hand-written YAML value can take.
SHAPES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False)
    | st.sampled_from(["3 s", "yes", "4/5", "40%", "", "website", "n/a", "2026-01-01"])
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["value", "note", "a", "channel", "criteria"]), inner,
                      max_size=3),
    max_leaves=6,
)  # fmt: skip


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key and list index path in `data`."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(BASE)


def _replaced(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(BASE, default=str))
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), value=SHAPES)
def test_any_shape_at_any_key_is_either_valid_and_scored_or_a_located_error(
    path: tuple[Any, ...], value: Any
) -> None:
    text = yaml.safe_dump(_replaced(path, value), allow_unicode=True, sort_keys=False)
    loaded, problems = parse_audit(text, "audit.yaml")
    errors = [p for p in problems if p.severity == "error"]
    assert (loaded is None) == bool(errors), problems
    for problem in errors:
        assert problem.line is not None, problem
        assert problem.column is not None, problem
    if loaded is not None:
        card = score_audit(loaded)
        assert card.score is None or 0 <= card.score <= 100


def _exit(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize("index", range(len(INDEX)), ids=[r.file for r in INDEX])
def test_no_command_passes_a_file_that_validate_refuses(index: int, tmp_path: Path) -> None:
    path = str(INDEX[index].path(tmp_path))
    assert _exit(["validate", path])[0] == 1
    for args in (
        ["score", path, "--fail-under", "0"],
        ["score", RIVAL, path, "--format", "json"],
        ["compare", RIVAL, path],
        ["report", path, "-o", str(tmp_path / "r.html")],
    ):
        code, output = _exit(args)
        assert code == 1, args
        assert f"{path}:" in output or f"{path} " in output, output  # says which file


@pytest.mark.parametrize("sample", sorted((ROOT / "audits").glob("*.yaml")), ids=lambda p: p.name)
def test_every_command_reads_a_file_that_validates(sample: Path, tmp_path: Path) -> None:
    path = str(sample)
    assert _exit(["validate", path])[0] == 0
    assert _exit(["score", path, "--fail-under", "0"])[0] == 0
    assert _exit(["compare", path, RIVAL])[0] == 0
    assert _exit(["report", path, "-o", str(tmp_path / "r.html")])[0] == 0
