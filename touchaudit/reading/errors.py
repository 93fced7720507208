"""The error hierarchy: each problem carries its file, line, column, data path and a stable code."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Literal

from touchaudit.reading.visible import visible
from touchaudit.records import value_record


@value_record
class Located:
    """A place in a file. Lines and columns are 1-based; None when unknown."""

    file: str
    line: int | None
    column: int | None

    @property
    def location(self) -> str:
        """`file:line:col`, shortened when the position is unknown."""
        file = visible(self.file)  # a file name is the user's text too
        if self.line is None:
            return file
        return f"{file}:{self.line}:{self.column or 1}"


Severity = Literal["error", "warning"]


class Code(StrEnum):
    """Every problem code: stable, documented in docs/format.md, one SARIF rule each."""

    ALIAS_BOMB = "alias-bomb"
    BAD_CRITERION = "bad-criterion"
    BAD_EXTENDS = "bad-extends"
    BAD_KEY = "bad-key"
    BAD_MERGE = "bad-merge"
    BAD_SOURCE = "bad-source"
    BAD_VALUE = "bad-value"
    BROKEN_CHAIN = "broken-chain"
    CRITERION_CHANNEL = "criterion-channel"
    DUPLICATE_KEY = "duplicate-key"
    DUPLICATE_STAGE = "duplicate-stage"
    EMPTY_FILE = "empty-file"
    ENCODING = "encoding"
    FORMAT_VERSION = "format-version"
    INVISIBLE_CHARACTER = "invisible-character"
    MISSING_KEY = "missing-key"
    NA_EXPIRED = "na-expired"
    NA_FOR_BUSINESS = "na-for-business"
    NA_WITHOUT_REASON = "na-without-reason"
    NO_STAGE = "no-stage"
    NOT_A_MAPPING = "not-a-mapping"
    SOURCE_DIFFERS = "source-differs"
    SOURCE_NOTE = "source-note"
    SOURCE_OUTSIDE = "source-outside"
    STALE_VALUE = "stale-value"
    THRESHOLD_DIFFERS = "threshold-differs"
    TOO_DEEP = "too-deep"
    TOO_LARGE = "too-large"
    TOO_MANY_CRITERIA = "too-many-criteria"
    TOO_MANY_STEPS = "too-many-steps"
    TOO_MANY_TOUCHPOINTS = "too-many-touchpoints"
    UNKNOWN_BUSINESS = "unknown-business"
    UNKNOWN_CHANNEL = "unknown-channel"
    UNKNOWN_CRITERION = "unknown-criterion"
    UNKNOWN_ITEM = "unknown-item"
    UNKNOWN_KEY = "unknown-key"
    UNKNOWN_STAGE = "unknown-stage"
    UNREADABLE = "unreadable"
    WRONG_TYPE = "wrong-type"
    YAML_SYNTAX = "yaml-syntax"
    YAML_TAB = "yaml-tab"
    YAML_TAG = "yaml-tag"


@value_record
class Problem(Located):
    """One finding in one file, at its place."""

    message: str
    code: Code
    path: str = ""
    severity: Severity = "error"

    def __post_init__(self) -> None:
        # Messages and paths quote the user's text: keep hidden characters visible, one line.
        object.__setattr__(self, "message", visible(self.message))
        object.__setattr__(self, "path", visible(self.path))

    @property
    def is_error(self) -> bool:
        """True for an error (the file is invalid), False for a warning."""
        return self.severity == "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def only_errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that make a file invalid, in their order; the warnings left out."""
    return [p for p in problems if p.is_error]


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when one of the problems is an error."""
    return any(p.is_error for p in problems)


class TouchauditError(Exception):
    """Base class of every error the user can cause; the CLI catches it once."""

    exit_code = 1


class AuditError(TouchauditError):
    """An input file is invalid; `problems` lists every error found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0] if problems else None
        super().__init__(str(first) if first else "invalid audit")


class UsageError(TouchauditError):
    """The command line asks for something impossible (missing file, clashing options)."""

    exit_code = 2
