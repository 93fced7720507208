"""Rendered pieces parked in files by the worker processes that made them.

A worker of `score` appends each audit's rendered bytes to its own file in a folder the main
process made, and sends back only where they are (`Spooled`). The main process then copies them
to the output in file order: a thousand scorecards neither travel through pipes nor wait in its
memory. The run that made the folder removes it once its output is written, or when it fails
(`cli/batch.ScoreRun`, a context manager).
"""

from __future__ import annotations

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
        with open(self.path, "rb") as file:
            file.seek(self.offset)
            return file.read(self.size)


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
