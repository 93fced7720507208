"""Where a command's output goes: stdout, a file written atomically, GitHub's job summary.

The one module that writes output files: `validate`, `score` and `compare --output`,
`report -o` (its PDF too) and `init -o` all check their target here and write it through
`atomic_path`.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from touchaudit.reading.errors import UsageError
from touchaudit.reading.reads import Reads, file_kind, read_regular
from touchaudit.render.spool import ParkedFiles, Spooled

# A piece of an output: text, UTF-8 bytes, or UTF-8 bytes a worker parked (render/spool.py).
Chunk = str | bytes | Spooled

STEP_SUMMARY = "GITHUB_STEP_SUMMARY"


def refuse_inputs(output: Path, reads: Reads) -> None:
    """Raise UsageError when `--output` names a folder or any file the command reads (the same
    file under any spelling: a link, another path); the one rule for every command."""
    if output.is_dir():
        raise UsageError(f"--output {output} is a folder; name a file")
    if not output.exists():
        return
    for given in reads.inputs:
        if _same_file(output, given.path):
            raise UsageError(
                f"--output {output} is one of the input files ({given.role}); "
                "refusing to overwrite it"
            )


def refuse_existing(output: Path) -> None:
    """Raise UsageError when `output` exists (`init` replaces a file only with --force); a
    stream (a device, a FIFO, /dev/stdout) replaces nothing."""
    if output.exists() and not is_stream(output):
        raise UsageError(f"{output} already exists; use --force to overwrite it")


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist: then they are not the same file
        return False


def is_stream(target: Path) -> bool:
    """True for an output written in place, never replaced: a device (/dev/null), a FIFO, a
    socket, or a name of an open file descriptor (/dev/stdout, /dev/fd/1, /proc/self/fd/1),
    even when that descriptor is a regular file (`-o /dev/stdout >> log`)."""
    try:
        mode = os.stat(target).st_mode
    except OSError:  # a new file (or a dangling link): written atomically
        return False
    if stat.S_ISREG(mode):
        return _names_a_descriptor(target)
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def _refuse_special(target: Path) -> None:
    """Neither replaced nor written into: a folder, a block device (a disk) and the like."""
    with contextlib.suppress(OSError):
        mode = os.stat(target).st_mode
        if not stat.S_ISREG(mode):
            raise UsageError(f"--output {target} is {file_kind(mode)}; name a file")


# The folders whose entries are the open files of a process, once every link is resolved.
_DESCRIPTOR_FOLDER = re.compile(r"/proc/[^/]+(/task/[^/]+)?/fd|/dev/fd")


def _names_a_descriptor(target: Path) -> bool:
    path = os.path.abspath(target)
    for _ in range(40):  # as many links as the kernel follows
        folder = os.path.realpath(os.path.dirname(path))
        if _DESCRIPTOR_FOLDER.fullmatch(folder):
            return True
        path = os.path.join(folder, os.path.basename(path))
        if not os.path.islink(path):
            return False
        path = os.path.normpath(os.path.join(folder, os.readlink(path)))
    return False


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`, renamed over it when the block succeeds, else removed.

    A reader (or a crash) never sees half a file: it is the old one or the new one. The
    temporary file lives in the target's folder so that `os.replace` is a rename on one file
    system. A symbolic link is followed: the file it names is replaced, the link kept. A stream
    (`is_stream`) is never replaced: the temporary file is then made in the
    temporary folder and copied into it. A file that cannot be written (no folder, no
    permission, a full disk) is a UsageError naming it, as the documented exit code 2 says.
    """
    if is_stream(target):
        with tempfile.TemporaryDirectory(prefix="touchaudit-") as work:
            temp = Path(work) / "output"
            yield temp
            with temp.open("rb") as written:
                _write_in_place(target, iter(lambda: written.read(_SLICE), b""))
        return
    if target.is_symlink():  # the link stays; the file it names gets the output
        target = Path(os.path.realpath(target))
    _refuse_special(target)
    folder = target.parent
    if not folder.is_dir():
        raise UsageError(f"cannot write --output {target}: the folder {folder} does not exist")
    mode = _mode_for(target)
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise _cannot_write(target, err) from None
    os.close(fd)
    temp = Path(name)
    try:
        os.chmod(temp, mode)
        yield temp
        os.replace(temp, target)
    except OSError as err:
        raise _cannot_write(target, err) from None
    finally:
        temp.unlink(missing_ok=True)


def write_atomic(target: Path, text: str | bytes) -> None:
    """Write `text` (UTF-8; bytes are written as they are) to `target` through `atomic_path`,
    or in place to a stream."""
    write_atomic_chunks(target, [text])


def write_atomic_chunks(target: Path, chunks: Iterable[Chunk]) -> None:
    """`write_atomic` for an output made in chunks, written one after the other (never joined
    into a second copy of the whole)."""
    if is_stream(target):
        _write_in_place(target, chunks)
        return
    with atomic_path(target) as temp, temp.open("wb") as out:
        _write_chunks(out, chunks)
        out.flush()
        os.fsync(out.fileno())


def replace_if_unchanged(target: Path, text: str, original: bytes) -> None:
    """Write `text` over `target` atomically, unless it no longer holds `original` (changed since
    it was read): then UsageError, and the file as it is."""
    with atomic_path(target) as temp:
        temp.write_bytes(text.encode("utf-8"))
        try:
            now = read_regular(target, len(original))
        except OSError:
            now = b""
        if now != original:
            raise UsageError(
                f"{target} changed since it was read: nothing was written; run the command again"
            )


_SLICE = 1 << 20


def _write_chunks(out: BinaryIO, chunks: Iterable[Chunk]) -> None:
    """Every chunk to `out` as UTF-8: text a slice at a time (encoding it whole would hold a
    second copy), bytes as they are, parked bytes copied from where they are parked.
    surrogateescape: a file name that is not UTF-8, quoted in the text, keeps its own bytes."""
    with ParkedFiles() as parked:
        for chunk in chunks:
            if isinstance(chunk, Spooled):
                parked.copy(chunk, out)
            elif isinstance(chunk, bytes):
                out.write(chunk)
            else:
                for start in range(0, len(chunk), _SLICE):
                    out.write(chunk[start : start + _SLICE].encode("utf-8", "surrogateescape"))


def _write_in_place(target: Path, chunks: Iterable[Chunk]) -> None:
    """Write to a stream without replacing it: no temporary file, no rename. Appending, so that
    a regular file behind /dev/stdout (`>> log`) keeps what it held."""
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(target, flags)
        with os.fdopen(fd, "wb") as out:
            _write_chunks(out, chunks)
    except OSError as err:  # ENOSPC from /dev/full, EPIPE from a FIFO's reader gone...
        raise _cannot_write(target, err) from None


def _cannot_write(target: Path, err: OSError) -> UsageError:
    return UsageError(f"cannot write --output {target}: {err.strerror or err}")


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
    else:
        write_atomic(output, text)


def emit_chunks(chunks: Iterable[Chunk], output: Path | None) -> None:
    """`emit` for a report made in chunks of text or of UTF-8 bytes: stdout gets a slice at a
    time (encoding the whole would hold a second copy), bytes as they are, and bytes a worker
    parked read back one piece at a time."""
    if output is not None:
        write_atomic_chunks(output, chunks)
        return
    buffer = _utf8_buffer()
    with ParkedFiles() as parked:
        for chunk in chunks:
            if isinstance(chunk, str):
                for start in range(0, len(chunk), _SLICE):
                    sys.stdout.write(chunk[start : start + _SLICE])
            elif buffer is None:  # stdout takes text in its own encoding
                data = parked.read(chunk) if isinstance(chunk, Spooled) else chunk
                sys.stdout.write(data.decode("utf-8", "surrogateescape"))
            else:
                sys.stdout.flush()  # what was written as text goes first
                if isinstance(chunk, Spooled):
                    parked.copy(chunk, buffer)
                else:
                    buffer.write(chunk)


def _utf8_buffer() -> BinaryIO | None:
    """stdout's bytes when it is UTF-8 (cli/exits.utf8_output makes a pipe or a file so), for
    UTF-8 bytes written as they are; else None: they go as text in stdout's encoding."""
    buffer: BinaryIO | None = getattr(sys.stdout, "buffer", None)
    if buffer is None or codecs.lookup(sys.stdout.encoding or "ascii").name != "utf-8":
        return None
    return buffer


def wants_step_summary(output: Path | None) -> bool:
    """GITHUB_STEP_SUMMARY is set, and the output did not go to that file already."""
    return bool(os.environ.get(STEP_SUMMARY)) and not goes_to_step_summary(output)


def goes_to_step_summary(output: Path | None) -> bool:
    """True when the command's output is GITHUB_STEP_SUMMARY's file already: `--output` names
    it, or stdout is appended to it (`>> "$GITHUB_STEP_SUMMARY"`). Then appending the summary
    as well would write it twice."""
    target = os.environ.get(STEP_SUMMARY)
    if not target:
        return False
    if output is not None:
        return _same_file(output, target)
    try:
        return os.path.samestat(os.fstat(sys.stdout.fileno()), os.stat(target))
    except (OSError, ValueError):  # stdout is no file (a test's buffer), or the target is gone
        return False


def step_summary_room(limit: int) -> int:
    """What is left of `limit` bytes in this step's job summary (earlier steps' text counts)."""
    try:
        return max(0, limit - os.path.getsize(os.environ.get(STEP_SUMMARY, "")))
    except OSError:  # not written yet
        return limit


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
