"""Where a command's output goes: stdout, a file written atomically, GitHub's job summary."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from touchaudit.errors import UsageError

STEP_SUMMARY = "GITHUB_STEP_SUMMARY"


def refuse_inputs(output: Path, inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Raise UsageError when `--output` names a folder or one of the files the command reads."""
    if output.is_dir():
        raise UsageError(f"--output {output} is a folder; name a file")
    if not output.exists():
        return
    for given in inputs:
        with contextlib.suppress(OSError):
            if os.path.samefile(output, given):
                raise UsageError(
                    f"--output {output} is one of the input files; refusing to overwrite it"
                )


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it over `path`.

    A reader (or a crash) never sees half a report: the file is the old one or the new one.
    """
    folder = path.parent
    mode = _mode_for(path)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # surrogateescape: a file name that is not UTF-8 is written back as its own bytes.
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode_for(path: Path) -> int:
    # mkstemp creates 0600: keep the mode of the file replaced, or what the umask allows.
    with contextlib.suppress(OSError):
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def emit(text: str, output: Path | None) -> None:
    """Write a rendered report to stdout, or atomically to `output`."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_atomic(output, text)
    except OSError as err:
        raise UsageError(f"cannot write --output {output}: {err.strerror or err}") from None


def append_step_summary(markdown: str) -> bool:
    """Append to the file named by GITHUB_STEP_SUMMARY, when set; False when not written.

    A summary that cannot be written is a warning, never a failed gate.
    """
    target = os.environ.get(STEP_SUMMARY)
    if not target:
        return False
    try:
        with open(target, "a", encoding="utf-8", errors="surrogateescape") as out:
            out.write(markdown if markdown.endswith("\n") else markdown + "\n")
    except OSError as err:
        sys.stderr.write(
            f"touchaudit: warning: cannot append to {STEP_SUMMARY} ({target}): "
            f"{err.strerror or err}\n"
        )
        return False
    return True
