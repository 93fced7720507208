"""`--output` never overwrites a file the command reads: audits, the baseline, the profile (also
one named only in the settings), the settings file itself, and every template of --template-dir.

Each row sets up a small project, runs a command whose `-o` names one of those files, and
expects exit 2, one line naming the file, and the file unchanged.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import VALID
from touchaudit.cli.app import app

PROFILE = "criteria:\n  answer_time: {good: 60, poor: 120}\n"
TEMPLATE = "{# the consultancy's own summary #}\n"

# (files of the project: name -> text, command line, the file -o names, its role in the message)
TABLE = [
    (
        {"b.yaml": VALID},
        ["score", "a.yaml", "--baseline", "b.yaml", "-f", "json", "-o", "b.yaml"],
        "b.yaml",
        "the baseline",
    ),
    (
        {".touchaudit.yaml": "baseline: b.yaml\n", "b.yaml": VALID},
        ["score", "a.yaml", "-f", "json", "-o", "b.yaml"],
        "b.yaml",
        "the baseline",
    ),
    (
        {"tpl/_summary.html.jinja2": TEMPLATE},
        ["report", "a.yaml", "--template-dir", "tpl", "-o", "tpl/_summary.html.jinja2"],
        "tpl/_summary.html.jinja2",
        "a template",
    ),
    (
        {"tpl/parts/_extra.md.jinja2": TEMPLATE},
        ["report", "a.yaml", "--template-dir", "tpl", "-o", "tpl/parts/_extra.md.jinja2"],
        "tpl/parts/_extra.md.jinja2",
        "a template",
    ),
    (
        {".touchaudit.yaml": "fail_under: 1\n"},
        ["score", "a.yaml", "-f", "json", "-o", ".touchaudit.yaml"],
        ".touchaudit.yaml",
        "the settings file",
    ),
    (
        {".touchaudit.yaml": "fail_under: 1\n"},
        ["validate", "a.yaml", "-f", "json", "-o", ".touchaudit.yaml"],
        ".touchaudit.yaml",
        "the settings file",
    ),
    (
        {".touchaudit.yaml": "fail_under: 1\n"},
        ["compare", "a.yaml", "a.yaml", "-f", "json", "-o", ".touchaudit.yaml"],
        ".touchaudit.yaml",
        "the settings file",
    ),
    (
        {".touchaudit.yaml": "fail_under: 1\n"},
        ["report", "a.yaml", "-o", ".touchaudit.yaml"],
        ".touchaudit.yaml",
        "the settings file",
    ),
    (
        {"pyproject.toml": "[tool.touchaudit]\nfail_under = 1\n"},
        ["score", "a.yaml", "-f", "json", "-o", "pyproject.toml"],
        "pyproject.toml",
        "the settings file",
    ),
    (
        {".touchaudit.yaml": "profile: house.yaml\n", "house.yaml": PROFILE},
        ["score", "a.yaml", "-f", "json", "-o", "house.yaml"],
        "house.yaml",
        "the profile",
    ),
    (
        {".touchaudit.yaml": "profile: house.yaml\n", "house.yaml": PROFILE},
        ["validate", "a.yaml", "-f", "json", "-o", "house.yaml"],
        "house.yaml",
        "the profile",
    ),
    (
        {".touchaudit.yaml": "profile: house.yaml\n", "house.yaml": PROFILE},
        ["report", "a.yaml", "-o", "house.yaml"],
        "house.yaml",
        "the profile",
    ),
    (
        {"house.yaml": PROFILE},
        ["compare", "a.yaml", "a.yaml", "--profile", "house.yaml", "-o", "house.yaml"],
        "house.yaml",
        "the profile",
    ),
    (
        {},
        ["score", "a.yaml", "-f", "json", "-o", "a.yaml"],
        "a.yaml",
        "an input audit",
    ),
]


@pytest.mark.parametrize(
    ("files", "args", "target", "role"), TABLE, ids=[" ".join(row[1]) for row in TABLE]
)
def test_output_never_replaces_a_file_the_command_reads(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    files: dict[str, str],
    args: list[str],
    target: str,
    role: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    for name, text in {"a.yaml": VALID, **files}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    before = (tmp_path / target).read_bytes()

    result = CliRunner().invoke(app, args)

    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        f"touchaudit: error: --output {target} is one of the input files ({role}); "
        "refusing to overwrite it"
    ]
    assert (tmp_path / target).read_bytes() == before


def test_another_spelling_of_the_baseline_is_refused_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(VALID, encoding="utf-8")
    os.link(tmp_path / "b.yaml", tmp_path / "same.yaml")
    (tmp_path / "alias.yaml").symlink_to(tmp_path / "b.yaml")

    for spelling in ("same.yaml", "alias.yaml", "./sub/../b.yaml"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        args = ["score", "a.yaml", "--baseline", "b.yaml", "-f", "json", "-o", spelling]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2, spelling
    assert (tmp_path / "b.yaml").read_text(encoding="utf-8") == VALID


def test_a_new_output_file_beside_the_inputs_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / ".touchaudit.yaml").write_text("max_bytes: 100000\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", "a.yaml", "-f", "json", "-o", "card.json"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "card.json").read_text(encoding="utf-8").startswith("{")


def test_an_output_through_a_symbolic_link_keeps_the_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "scores.json").write_text("last week's\n", encoding="utf-8")
    (tmp_path / "scores.json").symlink_to(shared / "scores.json")

    result = CliRunner().invoke(app, ["score", "a.yaml", "-f", "json", "-o", "scores.json"])

    assert result.exit_code == 0, result.output
    assert (tmp_path / "scores.json").is_symlink()
    assert json.loads((shared / "scores.json").read_text(encoding="utf-8"))["company"]
