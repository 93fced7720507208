"""Rendered pieces parked in files by the worker processes that made them.

A worker of `score` appends each audit's rendered bytes to its own file in a folder the main
process made, and sends back only where they are (`Spooled`). The main process then copies them
to the output in file order: a thousand scorecards neither travel through pipes nor wait in its
memory. The run that made the folder removes it once its output is written, or when it fails
(`cli/batch.ScoreRun`, a context manager). The output copies the pieces through one
`ParkedFiles`: each file opened once, its bytes moved by the kernel where it can (`sendfile`).
"""

from __future__ import annotations

import errno
import io
import os
from dataclasses import dataclass
from typing import Any, BinaryIO, Protocol, runtime_checkable

from touchaudit.reading.errors import UsageError

# This process's open spool file and its size, by path: a worker writes only to its own.
_files: dict[str, tuple[BinaryIO, int]] = {}


@dataclass(frozen=True, slots=True)
class Spooled:
    """Bytes a worker parked: which file, where in it, how many."""

    path: str
    offset: int
    size: int

    def read(self) -> bytes:
        """The bytes, as the worker wrote them."""
        with ParkedFiles() as files:
            return files.read(self)


# What `sendfile` answers for an output it cannot write to (a file opened to append, a
# terminal on some systems): the bytes are then read and written as usual.
_NO_SENDFILE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EAGAIN}


class ParkedFiles:
    """The files pieces are parked in, each opened once however many pieces it holds (one file
    per worker, a thousand pieces): a context manager that closes them."""

    def __init__(self) -> None:
        self._files: dict[str, io.FileIO] = {}

    def __enter__(self) -> ParkedFiles:
        return self

    def __exit__(self, *_: object) -> None:
        for file in self._files.values():
            file.close()
        self._files.clear()

    def read(self, piece: Spooled, start: int = 0) -> bytes:
        """The piece's bytes from `start` on."""
        file = self._file(piece.path)
        file.seek(piece.offset + start)
        parts, left = [], piece.size - start
        while left > 0:
            part = file.read(left)
            if not part:
                raise OSError(errno.EIO, "a parked piece was cut short", piece.path)
            parts.append(part)
            left -= len(part)
        return b"".join(parts)

    def copy(self, piece: Spooled, out: BinaryIO) -> None:
        """Write the piece to `out`, after what `out` holds. The kernel copies it to a file or
        a pipe where it can (`sendfile`: no pass through this process); else it is read and
        written."""
        out.flush()  # what `out` holds goes first
        sent = 0
        try:
            source, target = self._file(piece.path).fileno(), out.fileno()
            while sent < piece.size:
                done = os.sendfile(target, source, piece.offset + sent, piece.size - sent)
                if not done:
                    break
                sent += done
        except (AttributeError, ValueError):  # no sendfile here, or no file behind `out`
            pass
        except OSError as err:
            if err.errno not in _NO_SENDFILE:
                raise  # a full disk or a closed pipe, as a write would have said
        if sent < piece.size:
            out.write(self.read(piece, sent))

    def _file(self, path: str) -> io.FileIO:
        file = self._files.get(path)
        if file is None:
            file = self._files[path] = io.FileIO(path, "r")
        return file


def park(folder: str, data: bytes) -> Spooled:
    """Append `data` to this process's file in `folder`; where it now stands. UsageError when
    the temporary folder cannot take it (a full disk)."""
    path = os.path.join(folder, f"{os.getpid()}.part")
    try:
        file, size = _files.get(path) or (open(path, "ab"), 0)  # noqa: SIM115 - kept open
        file.write(data)
        file.flush()  # with the system before the pool stops this worker
    except OSError as err:
        raise UsageError(
            f"cannot write a temporary file in {os.path.dirname(folder)}: "
            f"{err.strerror or err} (free some space there, or point TMPDIR elsewhere)"
        ) from None
    _files[path] = (file, size + len(data))
    return Spooled(path, size, len(data))


@runtime_checkable
class Parkable(Protocol):
    """A piece that holds rendered bytes beside what the main process reads (SARIF's results
    beside their rules): it parks its bytes itself."""

    def parked(self, folder: str) -> Any: ...


def parked(folder: str, piece: Any) -> Any:
    """`piece` with its rendered bytes parked in `folder`: bytes become `Spooled`, a `Parkable`
    parks its own; anything else (text, objects) travels back as it is."""
    if isinstance(piece, bytes):
        return park(folder, piece)
    if isinstance(piece, Parkable):
        return piece.parked(folder)
    return piece
