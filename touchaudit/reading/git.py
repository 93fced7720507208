"""The versions of one audit file in its git history, oldest first: `git log --follow` lists the
commits that changed it (across renames), `git cat-file` gives its bytes at each.

Git as installed, run with fixed argument lists and no shell; the path goes after `--`, every
other argument is ours. Outside a repository, or without git, a UsageError says so.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from touchaudit.reading.errors import UsageError
from touchaudit.reading.visible import first_unsafe, visible

# Each commit's line in `git log`: a mark no path starts with, then hash, short hash, date.
_MARK = "\x01"
_LOG_FORMAT = f"--format={_MARK}%H %h %cs"
_REPOSITORY_VARIABLES = frozenset(("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"))


@dataclass(frozen=True, slots=True)
class Revision:
    """The file as one commit left it: the commit, its date, the file's path then, its bytes."""

    commit: str
    short: str
    committed_on: date
    path: str
    raw: bytes


def file_history(
    file: str | os.PathLike[str], *, max_bytes: int, revs: str | None = None
) -> list[Revision]:
    """Every committed version of `file`, oldest first (a rename keeps the history), or those
    of the revision range `revs` (`v1.0..HEAD`); raises UsageError outside a repository,
    without git, for a range that is not one, or when the file has no commit there."""
    if revs is not None and (not revs or revs.startswith("-") or first_unsafe(revs)):
        raise UsageError(f"--revs {visible(revs)!r} is not a revision range (v1.0..HEAD)")
    path = Path(file).resolve()
    top = Path(_git(path.parent, "rev-parse", "--show-toplevel").decode().strip())
    relative = path.relative_to(top.resolve()).as_posix()
    log = _git(
        top,
        "log",
        "--follow",
        "--diff-filter=d",  # not the commit that deleted it: there is nothing to read there
        "--no-color",
        "-z",
        _LOG_FORMAT,
        "--name-only",
        # Whatever the range says, git reads it as a revision, never as an option.
        *(("--end-of-options", revs) if revs else ()),
        "--",
        relative,
    )
    revisions = [
        _revision(top, commit, short, day, name, max_bytes)
        for commit, short, day, name in reversed(_commits(log.decode("utf-8", "surrogateescape")))
    ]
    if not revisions:
        where = f"the range {visible(revs)}" if revs else visible(str(top))
        raise UsageError(f"{visible(os.fspath(file))} has no commit in {where}")
    return revisions


def _commits(log: str) -> list[tuple[str, str, str, str]]:
    """(hash, short hash, date, path then) per commit of `git log -z --name-only`, newest first;
    a commit that names no path (a merge) is left out."""
    found: list[tuple[str, str, str, str]] = []
    head: list[str] | None = None
    for token in log.split("\0"):
        token = token.lstrip("\n")
        if token.startswith(_MARK):
            head = token[1:].split(" ")
        elif token and head is not None:
            found.append((head[0], head[1], head[2], token))
            head = None
    return found


def _revision(top: Path, commit: str, short: str, day: str, name: str, max_bytes: int) -> Revision:
    size = int(_git(top, "cat-file", "-s", f"{commit}:{name}"))
    if size > max_bytes:
        raise UsageError(
            f"{visible(name)} at {short} is {size} bytes, above the limit of {max_bytes} "
            "(--max-bytes)"
        )
    raw = _git(top, "cat-file", "blob", f"{commit}:{name}")
    return Revision(commit, short, date.fromisoformat(day), name, raw)


def _git(where: Path, *args: str) -> bytes:
    """Run `git -C where args...` and return its output; any failure is a UsageError."""
    # A signature check would print into the log; a GIT_DIR inherited from a hook would point
    # at another repository than the file's.
    command = ["git", "--no-pager", "-c", "log.showSignature=false", "-C", os.fspath(where), *args]
    environment = {k: v for k, v in os.environ.items() if k not in _REPOSITORY_VARIABLES}
    try:
        done = subprocess.run(command, capture_output=True, check=False, env=environment)
    except FileNotFoundError:
        raise UsageError(
            "git is not installed (or not on PATH): --git reads history with it"
        ) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = visible(said[-1]) if said else f"exit {done.returncode}"
        if "not a git repository" in reason:
            raise UsageError(f"{visible(os.fspath(where))} is not in a git repository")
        raise UsageError(f"git {args[0]} failed: {reason}")
    return done.stdout
