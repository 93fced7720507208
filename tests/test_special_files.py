"""Special files. A FIFO or a device given as an input is refused at once (never read, so never
waited on), whatever its role: audit, baseline, profile, settings or template. Given as the
output, a device, a FIFO or /dev/stdout is written into, never replaced by a regular file, and a
full disk is a usage error.

Input tests run touchaudit as a real process with a generous timeout: code that reads the FIFO
would block forever, and the timeout turns that into a failure instead of a hung test run.
Output tests never touch /dev: they use a FIFO, copies of /dev/null and /dev/full made with
mknod in tmp_path (as root; skipped otherwise) and a link to /proc/self/fd/1, so that a
regression replaces a file of the test, never one of the machine.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import VALID
from touchaudit.cli.app import app
from touchaudit.reading.reads import NotRegularFile, read_regular

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
        "from touchaudit.reading.reads import NotRegularFile, read_regular\n"
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


# ----------------------------------------------------------------------------- outputs

# Every command that writes -o, writing to the file named "{out}".
WRITERS = [
    ["validate", "a.yaml", "-f", "json", "-o", "{out}"],
    ["score", "a.yaml", "-f", "json", "-o", "{out}"],
    ["compare", "a.yaml", "a.yaml", "-f", "json", "-o", "{out}"],
    ["report", "a.yaml", "-f", "markdown", "-o", "{out}"],
    ["init", "-b", "clinic", "-c", "Acme", "-o", "{out}"],
]
WRITER_IDS = [args[0] for args in WRITERS]


def invoke(args: list[str], out: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [a.format(out=out) for a in args])
    return result.exit_code, result.stderr


def _device(folder: Path, name: str, kind: int, major: int, minor: int) -> Path:
    path = folder / name
    try:
        os.mknod(path, kind | 0o666, os.makedev(major, minor))
    except PermissionError:
        pytest.skip("making a device file needs root")
    return path


@pytest.fixture
def in_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)
    return project


@pytest.mark.parametrize("args", WRITERS, ids=WRITER_IDS)
def test_a_character_device_output_stays_a_device(in_project: Path, args: list[str]) -> None:
    null = _device(in_project, "null", stat.S_IFCHR, 1, 3)  # a private /dev/null
    code, err = invoke(args, "null")
    assert code == 0, err
    assert stat.S_ISCHR(os.stat(null).st_mode)


@pytest.mark.parametrize("args", WRITERS, ids=WRITER_IDS)
def test_a_full_disk_is_a_one_line_usage_error(in_project: Path, args: list[str]) -> None:
    full = _device(in_project, "full", stat.S_IFCHR, 1, 7)  # a private /dev/full: ENOSPC
    code, err = invoke(args, "full")
    assert code == 2
    assert err.splitlines() == [
        "touchaudit: error: cannot write --output full: No space left on device"
    ]
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_a_block_device_is_never_written(in_project: Path) -> None:
    disk = _device(in_project, "disk", stat.S_IFBLK, 7, 250)  # a loop device, unused
    code, err = invoke(["init", "-b", "clinic", "-c", "Acme", "-o", "{out}", "--force"], "disk")
    assert code == 2
    assert err.splitlines() == ["touchaudit: error: --output disk is a block device; name a file"]
    assert stat.S_ISBLK(os.stat(disk).st_mode)


def test_a_fifo_output_receives_the_report(in_project: Path) -> None:
    fifo = in_project / "out.json"
    os.mkfifo(fifo)
    # A reader opened first (without waiting), so that the command's open does not wait either.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        code, err = invoke(["score", "a.yaml", "-f", "json", "-o", "{out}"], "out.json")
        received = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert code == 0, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(received)["file"] == "a.yaml"


def test_a_link_to_stdout_prints_and_stays_a_link(project: Path) -> None:
    (project / "out").symlink_to("/proc/self/fd/1")  # what /dev/stdout is
    done = touchaudit("validate", "a.yaml", "-f", "json", "-o", "out", cwd=project)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[]\n"
    assert (project / "out").is_symlink()


def test_stdout_appended_to_a_log_keeps_the_log(project: Path) -> None:
    (project / "out").symlink_to("/proc/self/fd/1")
    log = project / "ci.log"
    log.write_text("earlier steps\n", encoding="utf-8")
    with log.open("ab") as appended:  # `touchaudit ... -o /dev/stdout >> ci.log`
        done = subprocess.run(
            [sys.executable, "-m", "touchaudit", "validate", "a.yaml", "-f", "json", "-o", "out"],
            cwd=project,
            stdout=appended,
            timeout=GUARD_SECONDS,
            check=False,
        )
    assert done.returncode == 0
    assert log.read_text(encoding="utf-8") == "earlier steps\n[]\n"
    assert (project / "out").is_symlink()
