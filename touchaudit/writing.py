"""Writing an output file safely: never over an input, never half-written (temp, then rename)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from touchaudit.errors import UsageError


def refuse_inputs(output: Path, inputs: Iterable[Path | None]) -> None:
    """Raise UsageError when `output` is one of the input files (same file, any spelling)."""
    for given in inputs:
        if given is None:
            continue
        same = _same_file(output, given)
        if same:
            raise UsageError(f"refusing to write the report over the input file {given}")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # the output does not exist yet: compare the spelled-out paths
        return a.resolve() == b.resolve()


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`; renamed over it when the block succeeds, else removed.

    The temporary file lives in the target's folder so the final `os.replace` is a rename on one
    file system, which readers see happen all at once.
    """
    folder = target.parent
    if not folder.is_dir():
        raise UsageError(f"cannot write {target}: the folder {folder} does not exist")
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    temp = Path(name)
    temp.chmod(0o666 & ~_umask())  # mkstemp makes it private; a report is an ordinary file
    try:
        yield temp
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(target: Path, text: str) -> None:
    """Write `text` (UTF-8) to `target` all at once."""
    with atomic_path(target) as temp, temp.open("w", encoding="utf-8", newline="\n") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
