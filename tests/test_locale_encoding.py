"""On a system whose encoding is not UTF-8 (an ASCII or Latin-1 locale, Windows' cp1252 in a
pipe), every command still works: what goes into a pipe or a file is UTF-8, as JSON, SARIF and
XML must be, and a terminal or stderr gets what it cannot show as escapes, never an error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

AUDITS = Path(__file__).resolve().parents[1] / "audits"
# Its outputs hold characters none of these encodings has (`≥`, `–`, `🔴`).
SAMPLE = str(AUDITS / "clinic-contacts-only.yaml")
ENCODINGS = ["ascii", "latin-1", "cp1252"]


def touchaudit(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """A real process whose streams are in `encoding`, as a non-UTF-8 locale makes them."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    return subprocess.run(
        [sys.executable, "-m", "touchaudit", *args], capture_output=True, check=False, env=env
    )


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "table", "markdown", "github"])
def test_score_into_a_pipe_is_utf8_whatever_the_locale(encoding: str, fmt: str) -> None:
    done = touchaudit(encoding, "score", SAMPLE, "--format", fmt)
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")  # strict
    assert not text.isascii()
    if fmt in ("json", "sarif"):
        json.loads(text)
    if fmt == "junit":
        ElementTree.fromstring(done.stdout)
    # The same bytes as on a UTF-8 system.
    assert done.stdout == touchaudit("utf-8", "score", SAMPLE, "--format", fmt).stdout


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_message_the_terminal_cannot_show_is_escaped_not_fatal(
    encoding: str, tmp_path: Path
) -> None:
    missing = tmp_path / "Köln — 北京.yaml"
    done = touchaudit(encoding, "validate", str(missing))
    assert done.returncode == 2  # the usage error it is, not an internal one (3)
    message = done.stderr.decode(encoding)
    assert "\\u5317\\u4eac.yaml" in message  # 北京, which none of these encodings has
    assert "Traceback" not in message


def test_compare_and_report_to_stdout_work_in_an_ascii_locale() -> None:
    other = str(AUDITS / "clinic-many-touchpoints.yaml")
    compared = touchaudit("ascii", "compare", SAMPLE, other, "--format", "json")
    assert compared.returncode == 0, compared.stderr
    json.loads(compared.stdout.decode("utf-8"))
    report = touchaudit("ascii", "report", SAMPLE, "--vs", other, "--format", "markdown")
    assert report.returncode == 0, report.stderr
    assert "≥" in report.stdout.decode("utf-8")
