"""How every command ends: errors become exit codes and one-line messages, once for all.

0 ok, 1 findings (an invalid audit, a failed gate), 2 usage (a bad option, a missing file),
3 internal error (a bug: one line asks for a report, `--debug` shows the traceback).
"""

from __future__ import annotations

import codecs
import errno
import functools
import io
import os
import signal
import sys
import traceback
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from typer.core import TyperGroup

from touchaudit.reading.errors import Problem, TouchauditError, UsageError
from touchaudit.reading.visible import visible
from touchaudit.render.cisafe import guard

if TYPE_CHECKING:
    from touchaudit.comparison.gates import Verdict

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class Commands(TyperGroup):
    """Maps errors to exit codes once, for every command: 1 input, 2 usage, 3 internal."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Usage errors on one line, `touchaudit: error: …` (Click prints usage, hint, error)."""
        run = functools.partial(
            super().main,
            args,
            prog_name,
            complete_var,
            standalone_mode=False,
            windows_expand_args=windows_expand_args,
            **extra,
        )
        if not standalone_mode:
            return run()
        try:
            code = run()
        except typer.TyperException as err:  # Click's errors: a bad option, a missing file
            if type(err).__name__ == "NoArgsIsHelpError":  # `touchaudit` alone: the help
                err.show()  # type: ignore[attr-defined]
                raise SystemExit(EXIT_USAGE) from None
            _usage_error(err)
        except typer.Abort:
            sys.stderr.write("touchaudit: interrupted\n")
            raise SystemExit(128 + signal.SIGINT) from None
        raise SystemExit(code if isinstance(code, int) else EXIT_OK)

    # Any: Typer's own Context type lives in a private module (typer._click).
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.TyperException, typer.Exit, typer.Abort):
            raise
        except TouchauditError as err:
            _fail(err)
        except BrokenPipeError:
            _closed_output()
        except OSError as err:
            if err.errno not in _UNWRITABLE:
                _internal(ctx)
            unwritable_output(err)
        except Exception:
            _internal(ctx)


def _internal(ctx: Any) -> NoReturn:
    debug = bool(ctx.params.get("debug"))
    if debug:
        traceback.print_exc()
    _internal_error(sys.exc_info()[0], debug=debug)


# What a write answers when the output cannot take it: a full disk or quota, a file over its
# size limit, stdout closed before the command started (`>&-`). An output named with -o says
# so itself (render/output.py); these come from stdout.
_UNWRITABLE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EBADF}


def print_problems(problems: Iterable[Problem]) -> None:
    """`file:line:col: message` on stderr, one line each; a file name starts each line, so the
    lines go through `cisafe.guard` (a file named `::error….yaml` is no CI command)."""
    sys.stderr.write(guard("".join(f"{problem}\n" for problem in problems)))


def _fail(err: TouchauditError) -> NoReturn:
    from touchaudit.reading.errors import AuditError

    problems = err.problems if isinstance(err, AuditError) else []
    if problems:
        print_problems(problems)
    else:
        sys.stderr.write(f"touchaudit: error: {err}\n")
    raise SystemExit(EXIT_USAGE if isinstance(err, UsageError) else err.exit_code)


def _internal_error(kind: type[BaseException] | None, *, debug: bool = False) -> NoReturn:
    command = " ".join(["touchaudit", *sys.argv[1:]])
    name = kind.__name__ if kind else "error"
    where = "the traceback is above" if debug else "run it again with --debug for the traceback"
    sys.stderr.write(
        f"touchaudit: internal error ({name}); this is a bug, please report it with the "
        f"command '{command}' ({where})\n"
    )
    raise SystemExit(EXIT_INTERNAL)


def _closed_output() -> NoReturn:
    # The reader went away (`touchaudit ... | head`): not a bug. Exit as Rich does.
    _silence_stdout()
    raise SystemExit(EXIT_FINDINGS)


def unwritable_output(err: OSError) -> NoReturn:
    """stdout cannot take the output (a full disk, a closed stdout): one line, exit 2."""
    sys.stderr.write(f"touchaudit: error: cannot write the output: {err.strerror or err}\n")
    _silence_stdout()
    raise SystemExit(EXIT_USAGE)


def _silence_stdout() -> None:
    # Point stdout at /dev/null, so that the interpreter's final flush of what it still holds
    # does not fail again (a second message, and exit code 120).
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # no stdout at all (`>&-`): nothing to flush
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def refuse_closed_stdout() -> None:
    """When the command started without stdout (`>&-`), Python gives None, where a write would
    fail as a bug: stdout becomes `_ClosedStdout`, whose writes fail as a closed descriptor's
    do, which the commands report in one line. A command that writes only to -o never notices."""
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()


class _ClosedStdout(io.TextIOBase):
    """stdout that was closed before the command started."""

    def write(self, text: str) -> int:
        """Refuse, as a closed descriptor does."""
        raise OSError(errno.EBADF, "stdout is closed")

    def writable(self) -> bool:
        return True


class Terminated(BaseException):
    """SIGTERM, raised wherever the program is, so that every `finally` runs (as on Ctrl-C): a
    temporary output file is removed. Not an Exception, so no handler mistakes it for a bug."""


def terminate(signum: int, frame: object) -> NoReturn:
    """The SIGTERM handler: raise `Terminated` where the program is."""
    raise Terminated


def _usage_error(err: Exception) -> NoReturn:
    """One line for an error Click found in the command line, with where to read more."""
    message = " ".join(str(getattr(err, "format_message", err.__str__)()).split())
    ctx = getattr(err, "ctx", None)
    hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    sys.stderr.write(f"touchaudit: error: {visible(message)}{hint}\n")
    raise SystemExit(getattr(err, "exit_code", EXIT_USAGE))


def say(gate: Verdict | None) -> bool:
    """Print a gate's messages on stderr; whether it passed (no gate: True)."""
    for message in gate.messages if gate else ():
        sys.stderr.write(f"touchaudit: {message}\n")
    return gate is None or gate.passed


def warn(problems: tuple[Problem, ...]) -> None:
    """Print warnings on stderr, as the terminal shows them."""
    if not problems:
        return  # without importing Rich
    from touchaudit.render.terminal.compare import warnings_text

    sys.stderr.write(warnings_text(problems))


def utf8_output() -> None:
    """Output that never fails on the locale's encoding. Into a pipe or a file, stdout is UTF-8
    whatever the locale: JSON, SARIF and XML must be, and `> out.json` on a Latin-1 or ASCII
    system would otherwise stop at the first `—`. On a terminal, and on stderr, what the
    terminal's encoding cannot show is written as a `\\u2014` escape instead of failing."""
    out, err = sys.stdout, sys.stderr
    if isinstance(out, io.TextIOWrapper) and not _is_utf8(out):
        if out.isatty():
            out.reconfigure(errors="backslashreplace")
        else:
            out.reconfigure(encoding="utf-8", errors="surrogateescape")
    if isinstance(err, io.TextIOWrapper) and not _is_utf8(err):
        err.reconfigure(errors="backslashreplace")


def _is_utf8(stream: io.TextIOWrapper) -> bool:
    return codecs.lookup(stream.encoding).name == "utf-8"
