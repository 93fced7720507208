"""GitHub Actions workflow commands: annotations on the lines of the audit files."""

from __future__ import annotations

from touchaudit.errors import Problem
from touchaudit.results import ValidationReport


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """One `::error file=...,line=...,col=...::message` line."""
    props = [f"file={_escape_property(problem.file)}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
        props.append(f"col={problem.column or 1}")
    props.append(f"title={_escape_property('touchaudit ' + problem.code)}")
    return f"::{problem.severity} {','.join(props)}::{_escape_data(problem.message)}"


def findings(report: ValidationReport) -> str:
    """`touchaudit validate --format github`."""
    return "".join(annotation(p) + "\n" for p in report.problems)
