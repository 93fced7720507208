"""The terminal output of `touchaudit validate`: findings for stdout, a closing line for stderr."""

from __future__ import annotations

from rich.text import Text

from touchaudit.reading.validation import ValidationReport
from touchaudit.render.cisafe import guard
from touchaudit.render.terminal import console_text

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}


def findings(report: ValidationReport) -> Text:
    """One `file:line:col: message` line per problem."""
    out = Text()
    for problem in report.problems:
        out.append(problem.location, style="bold")
        out.append(": ")
        out.append(problem.severity, style=_SEVERITY_STYLE[problem.severity])
        out.append(f": {problem.message} ")
        out.append(f"[{problem.code}]", style="dim")
        out.append("\n")
    return out


def findings_text(report: ValidationReport) -> str:
    """The findings as the stdout console prints them (colours included when it would)."""
    return console_text(findings(report), end="") if report.problems else ""


def findings_plain(report: ValidationReport) -> str:
    """The findings without colours, for `--output FILE`."""
    return guard(findings(report).plain)


def summary_text(report: ValidationReport) -> str:
    """The closing line as the stderr console prints it."""
    return console_text(validation_summary(report), err=True)


def validation_summary(report: ValidationReport) -> Text:
    """The closing line of `touchaudit validate`, for stderr."""
    files = len(report.files)
    noun = "file" if files == 1 else "files"
    if report.valid:
        return Text(f"✓ {files} {noun} valid", style="green")
    errors = report.error_count
    return Text(
        f"✗ {errors} error{'s' if errors != 1 else ''} in {report.invalid_files} of {files} {noun}",
        style="red",
    )
