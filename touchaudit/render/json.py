"""JSON output: stable keys, for scripts and other tools."""

from __future__ import annotations

import json
from typing import Any

from touchaudit.errors import Problem
from touchaudit.results import ValidationReport


def dumps(data: Any) -> str:
    """Pretty, stable JSON text with a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def problem_dict(problem: Problem) -> dict[str, Any]:
    """One finding as a JSON object."""
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
        "code": problem.code,
        "path": problem.path,
        "severity": problem.severity,
    }


def findings(report: ValidationReport) -> str:
    """`touchaudit validate --format json`: a list of findings."""
    return dumps([problem_dict(p) for p in report.problems])
