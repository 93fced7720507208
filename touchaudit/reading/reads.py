"""The files a command reads: declared once where its options are resolved, read safely.

A command lists every file it reads (audits, baseline, profile, settings, templates) in one
`Reads`; the CLI checks that collection once: each file must be a regular file (a FIFO would
block the read forever, a device never ends), and none may be the `--output` (output.py).
Files are opened without blocking and checked again once open, so a FIFO that appears later
still cannot hang a command.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from touchaudit.reading.errors import UsageError

# The largest --max-bytes (and `max_bytes` setting): 1 TiB. More makes no sense for a YAML
# file, and values beyond the C sizes Python reads with would fail inside the read.
MAX_BYTES_CEILING = 1 << 40


@dataclass(frozen=True, slots=True)
class Input:
    """One file a command reads, and what it is to the command ("the baseline")."""

    role: str
    path: Path


@dataclass(frozen=True)
class Reads:
    """Every file a command reads; unset options (None) are left out."""

    inputs: tuple[Input, ...] = ()

    @classmethod
    def declare(
        cls,
        *,
        audits: Iterable[str | os.PathLike[str]] = (),
        baseline: Path | None = None,
        profile: Path | None = None,
        settings: Path | None = None,
        template_dirs: Iterable[Path] = (),
    ) -> Reads:
        """The files of a command, by role; every file under each template folder."""
        found = [Input("an input audit", Path(a)) for a in audits]
        found += [Input(role, p) for role, p in _named(baseline, profile, settings) if p]
        found += [Input("a template", p) for d in template_dirs for p in _files_under(d)]
        return cls(tuple(found))

    def require_regular(self) -> None:
        """Raise UsageError naming the first input that exists and is not a regular file."""
        for given in self.inputs:
            require_regular(given.path, given.role)


def _named(
    baseline: Path | None, profile: Path | None, settings: Path | None
) -> list[tuple[str, Path | None]]:
    return [("the baseline", baseline), ("the profile", profile), ("the settings file", settings)]


def _files_under(folder: Path) -> Iterator[Path]:
    """Every entry of `folder` and its subfolders that is not a folder itself."""
    for parent, _dirs, names in os.walk(folder):
        for name in sorted(names):
            yield Path(parent) / name


def require_regular(path: Path, role: str = "an input file") -> None:
    """Raise UsageError when `path` exists and is not a regular file (missing: the reader says)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode):
        raise UsageError(not_regular_message(path, role, mode))


def not_regular_message(path: Path | str, role: str, mode: int) -> str:
    """`f.yaml: an input audit must be a regular file, not a FIFO (named pipe)`."""
    return f"{path}: {role} must be a regular file, not {file_kind(mode)}"


def file_kind(mode: int) -> str:
    """What a file that is not regular is, for messages."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((kind for test, kind in kinds if test(mode)), "a special file")


class NotRegularFile(OSError):
    """Raised by `read_regular` for a FIFO, a device or a socket; an OSError, as a read fails."""

    def __init__(self, path: str | os.PathLike[str], mode: int) -> None:
        super().__init__(0, f"not a regular file but {file_kind(mode)}", os.fspath(path))
        self.mode = mode


def read_regular(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """At most `max_bytes + 1` bytes of a regular file (one more tells it is too large).

    The file is opened without blocking (a FIFO opens at once) and refused unless regular.
    The buffer is sized by the file, never by `max_bytes`, which may be far larger.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, info.st_mode)
        limit = max_bytes + 1
        data = handle.read(min(limit, info.st_size + 1))
        if len(data) > info.st_size and len(data) < limit:  # it grew while we read
            data += handle.read(limit - len(data))
        return data
