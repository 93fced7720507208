"""Stopped while writing a report (SIGTERM from CI's timeout, or Ctrl-C), touchaudit leaves no
temporary file behind and exits as a stopped program does: 143 (128 + 15) or 130 (128 + 2).

The signal arrives at a point the test controls: a probe process runs the real command with
`os.fsync` made to announce that the whole report sits in the temporary file, then wait.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
AUDIT = ROOT / "audits" / "electronics-after.yaml"
GUARD_SECONDS = 60  # not a timing assertion: only so that a regression cannot hang the suite

PROBE = """
import os, sys, time
from touchaudit.cli import app as cli

def written_then_wait(fd):
    sys.stderr.write("written\\n")
    sys.stderr.flush()
    time.sleep(600)  # the signal ends this

os.fsync = written_then_wait
sys.argv = ["touchaudit", *sys.argv[1:]]
cli.main()
"""


@pytest.mark.parametrize(
    ("sent", "code", "said"),
    [(signal.SIGTERM, 143, "touchaudit: terminated\n"), (signal.SIGINT, 130, "")],
)
def test_a_stopped_report_leaves_no_temporary_file(
    tmp_path: Path, sent: signal.Signals, code: int, said: str
) -> None:
    target = tmp_path / "report.html"
    command = [sys.executable, "-c", PROBE, "report", str(AUDIT), "-o", str(target)]
    with subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE, text=True) as process:
        assert process.stderr is not None
        assert process.stderr.readline() == "written\n"
        assert [p.name for p in tmp_path.iterdir()] != []  # the temporary file is there
        process.send_signal(sent)
        rest = process.stderr.read()
        assert process.wait(timeout=GUARD_SECONDS) == code
    assert rest == said  # Typer ends Ctrl-C quietly; no traceback either way
    assert list(tmp_path.iterdir()) == []  # neither the temporary file nor a half report
