"""A mistake on the command line is one line on stderr, `touchaudit: error: …`, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

AUDIT = str(Path(__file__).resolve().parents[1] / "audits" / "clinic-contacts-only.yaml")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["score", "no-such.yaml"], "'no-such.yaml' does not exist"),
        (["score", AUDIT, "--fail-under", "101"], "--fail-under"),
        (["score", AUDIT, "--format", "xml"], "--format"),
        (["nosuch"], "No such command 'nosuch'"),
        (["validate", AUDIT, "--no-such-option"], "--no-such-option"),
    ],
)
def test_a_usage_error_is_one_line(args: list[str], said: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "touchaudit", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("touchaudit: error: ")
    assert said in line
    assert "--help" in line  # where to read more
