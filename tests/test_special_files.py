"""Special files: a FIFO or a device given as an input is refused at once (never read, so never
waited on), whatever its role: audit, baseline, profile, settings or template.

These run touchaudit as a real process with a generous timeout: code that reads the FIFO would
block forever, and the timeout turns that into a failure instead of a hung test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import VALID
from touchaudit.reads import NotRegularFile, read_regular

GUARD_SECONDS = 60  # not a timing assertion: only so that a regression cannot hang the suite


def touchaudit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "touchaudit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=GUARD_SECONDS,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "tpl").mkdir()
    return tmp_path


# (the FIFO's name, the command line, the role in the message)
FIFO_TABLE = [
    ("f.yaml", ["validate", "f.yaml"], "an input audit"),
    ("f.yaml", ["score", "a.yaml", "f.yaml"], "an input audit"),
    ("f.yaml", ["compare", "a.yaml", "f.yaml"], "an input audit"),
    ("f.yaml", ["report", "a.yaml", "--vs", "f.yaml"], "an input audit"),
    ("f.yaml", ["score", "a.yaml", "--baseline", "f.yaml"], "the baseline"),
    ("f.yaml", ["validate", "a.yaml", "--profile", "f.yaml"], "the profile"),
    ("f.yaml", ["criteria", "--profile", "f.yaml"], "the profile"),
    ("tpl/_summary.md.jinja2", ["report", "a.yaml", "--template-dir", "tpl"], "a template"),
]


@pytest.mark.parametrize(
    ("fifo", "args", "role"), FIFO_TABLE, ids=[" ".join(a) for _, a, _ in FIFO_TABLE]
)
def test_a_fifo_input_is_refused_without_waiting(
    project: Path, fifo: str, args: list[str], role: str
) -> None:
    os.mkfifo(project / fifo)
    done = touchaudit(*args, cwd=project)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        f"touchaudit: error: {fifo}: {role} must be a regular file, not a FIFO (named pipe)"
    ]


@pytest.mark.parametrize("name", [".touchaudit.yaml", "pyproject.toml"])
def test_a_fifo_settings_file_is_refused_without_waiting(project: Path, name: str) -> None:
    os.mkfifo(project / name)
    done = touchaudit("validate", "a.yaml", cwd=project)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        f"touchaudit: error: {project / name}: the settings file must be a regular file, "
        "not a FIFO (named pipe)"
    ]


def test_a_fifo_named_in_the_settings_is_refused(project: Path) -> None:
    os.mkfifo(project / "house.yaml")
    (project / ".touchaudit.yaml").write_text("profile: house.yaml\n", encoding="utf-8")
    done = touchaudit("score", "a.yaml", cwd=project)
    assert done.returncode == 2
    assert "house.yaml: the profile must be a regular file, not a FIFO" in done.stderr


def test_a_device_is_no_audit(project: Path) -> None:
    done = touchaudit("validate", os.devnull, cwd=project)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"touchaudit: error: {os.devnull}: an input audit must be a regular file, "
        "not a character device"
    ]


def test_a_fifo_in_an_audit_folder_is_skipped(project: Path) -> None:
    os.mkfifo(project / "tpl" / "pipe.yaml")
    (project / "tpl" / "b.yaml").write_text(VALID, encoding="utf-8")
    done = touchaudit("validate", "tpl", cwd=project)
    assert done.returncode == 0, done.stderr


def test_the_reader_itself_never_blocks_on_a_fifo(tmp_path: Path) -> None:
    # The second line of defence, for a file that became a FIFO after the command's check.
    os.mkfifo(tmp_path / "late.yaml")
    probe = (
        "import sys\n"
        "from touchaudit.reads import NotRegularFile, read_regular\n"
        "try:\n"
        "    read_regular(sys.argv[1], 100)\n"
        "except NotRegularFile as err:\n"
        "    print(err.strerror)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "late.yaml")],
        capture_output=True,
        text=True,
        timeout=GUARD_SECONDS,
        check=True,
    )
    assert done.stdout == "not a regular file but a FIFO (named pipe)\n"


def test_the_reader_sizes_its_buffer_by_the_file_not_the_limit(tmp_path: Path) -> None:
    small = tmp_path / "small.yaml"
    small.write_text(VALID, encoding="utf-8")
    # A limit of a terabyte used to allocate a terabyte (MemoryError, exit 3).
    assert read_regular(small, 1 << 40) == VALID.encode()
    assert read_regular(small, 3) == VALID.encode()[:4]  # one byte more: too large
    with pytest.raises(NotRegularFile):
        read_regular(os.devnull, 10)
