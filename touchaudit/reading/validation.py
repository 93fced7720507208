"""The outcome of checking audit files: each file's problems, and the whole run's (`validate`)."""

from __future__ import annotations

from dataclasses import dataclass

from touchaudit.reading.errors import Problem, only_errors


@dataclass(frozen=True)
class FileReport:
    """The problems found in one checked file."""

    file: str
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that make the file invalid."""
        return tuple(only_errors(self.problems))

    @property
    def valid(self) -> bool:
        """True when the file has no errors (warnings allowed)."""
        return not self.errors


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of `touchaudit validate` over many files."""

    files: tuple[FileReport, ...]

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem of every file, in file order."""
        return tuple(p for f in self.files for p in f.problems)

    @property
    def error_count(self) -> int:
        """How many errors were found in all files."""
        return sum(len(f.errors) for f in self.files)

    @property
    def invalid_files(self) -> int:
        """How many files have at least one error."""
        return sum(1 for f in self.files if not f.valid)

    @property
    def valid(self) -> bool:
        """True when every file is valid."""
        return self.error_count == 0
