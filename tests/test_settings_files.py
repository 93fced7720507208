"""The settings file: a pyproject.toml that holds [tool.touchaudit] but is not valid TOML is
reported (file, line and column) instead of being silently skipped, which dropped the gate it
set; another project's broken pyproject.toml on the way up is still none of our business.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import VALID
from touchaudit.cli.app import app

BROKEN = [
    # (pyproject.toml, the one line expected after "touchaudit: error: <path>")
    (
        "[tool.touchaudit]\nfail_under = \n",
        ":2:14: cannot read [tool.touchaudit]: Invalid value",
    ),
    (
        '[project]\nname = "x"\n[tool.touchaudit]\nfail_under = 70\n[tool.touchaudit]\n',
        ":5:17: cannot read [tool.touchaudit]: Cannot declare ('tool', 'touchaudit') twice",
    ),
    (
        '[project\nname = "x"\n\n[tool.touchaudit]\nfail_under = 70\n',
        ":1:9: cannot read [tool.touchaudit]: Expected ']' at the end of a table declaration",
    ),
    (
        "tool.touchaudit.fail_under = 70\ntool.touchaudit.fail_under = 71\n",
        ":2:32: cannot read [tool.touchaudit]: Cannot overwrite a value",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN, ids=[e for _, e in BROKEN])
def test_a_broken_pyproject_with_our_table_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["score", "a.yaml"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"touchaudit: error: {tmp_path / 'pyproject.toml'}{expected}"
    ]


def test_another_projects_broken_pyproject_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = "[tool.touchaudit]\nfail_under = 99\nmin_coverage = 0\n"
    (tmp_path / "pyproject.toml").write_text(settings, "utf-8")
    vendored = tmp_path / "vendor" / "lib"
    vendored.mkdir(parents=True)
    (vendored / "pyproject.toml").write_text("[project\nname = \n", encoding="utf-8")
    (vendored / "a.yaml").write_text(VALID, encoding="utf-8")
    monkeypatch.chdir(vendored)
    result = CliRunner().invoke(app, ["score", "a.yaml"])
    assert result.exit_code == 1  # the settings above were found: the gate of 99 applies
    assert "is below 99" in result.stderr


def test_a_settings_yaml_beside_a_broken_pyproject_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Today's search order: .touchaudit.yaml first, so the pyproject.toml is not read at all.
    (tmp_path / ".touchaudit.yaml").write_text("max_bytes: 100000\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.touchaudit]\nfail_under = \n", "utf-8")
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, ["score", "a.yaml"]).exit_code == 0
