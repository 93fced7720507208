"""The options most commands share (--profile, --max-bytes, -o, -j, --min-coverage, --strict,
--max-chars), declared once: `@with_flags(...)` adds the ones a command offers to its
signature, and hands the command the values given as one `Flags`.

Typer reads a command's options from its signature and type hints, so the decorated command
shows Typer its own parameters followed by the shared ones, in `Flags`' order.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, Literal, get_type_hints

from touchaudit.cli import params

Command = Callable[..., None]
FlagName = Literal["profile", "max_bytes", "output", "jobs", "min_coverage", "strict", "max_chars"]


@dataclass(frozen=True, slots=True)
class Flags:
    """The shared options as given on the command line: None where not given (or where the
    command does not offer the option). `Options.resolve` turns them into what a command runs
    with."""

    profile: params.ProfileOpt = None
    max_bytes: params.MaxBytesOpt = None
    output: params.OutputOpt = None
    jobs: params.JobsOpt = None
    min_coverage: params.MinCoverageOpt = None
    strict: params.StrictOpt = None
    max_chars: params.MaxCharsOpt = None


def with_flags(*names: FlagName) -> Callable[[Command], Command]:
    """Offer these shared options on a command that takes them as the keyword `flags`."""
    shared = [p for p in _shared_parameters() if p.name in names]

    def decorate(command: Command) -> Command:
        own = inspect.signature(command, eval_str=True)
        if "flags" not in own.parameters:
            raise TypeError(f"{command.__name__} takes no `flags` for its shared options")
        offered = [p for p in own.parameters.values() if p.name != "flags"] + shared

        @functools.wraps(command)
        def run(**given: Any) -> None:
            flags = Flags(**{p.name: given.pop(p.name) for p in shared})
            command(**given, flags=flags)

        signature = own.replace(parameters=offered)
        # What Typer reads (inspect.signature and get_type_hints), in place of the command's.
        run.__signature__ = signature  # type: ignore[attr-defined]  # a function's attribute
        run.__annotations__ = {p.name: p.annotation for p in offered} | {
            "return": signature.return_annotation
        }
        return run

    return decorate


@functools.cache
def _shared_parameters() -> tuple[inspect.Parameter, ...]:
    """Every shared option as a keyword parameter, in `Flags`' order (made once, for all the
    commands)."""
    declared = get_type_hints(Flags, include_extras=True)
    return tuple(
        inspect.Parameter(
            f.name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=declared[f.name]
        )
        for f in fields(Flags)
    )
