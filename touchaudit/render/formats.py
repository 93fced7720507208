"""The output formats of each command, as the command line offers them (`--format`).

Light on purpose (the standard library only): the CLI imports these at start-up to build its
options. render/registry.py maps every member to its renderer.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class FindingsFormat(StrEnum):
    """Output formats of `validate`."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"


class ReportFormat(StrEnum):
    """Output formats of `score` and `compare`."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"


class DocumentFormat(StrEnum):
    """Output formats of `report`."""

    HTML = "html"
    MARKDOWN = "markdown"
    PDF = "pdf"


class TrendFormat(StrEnum):
    """Output formats of `trend`."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


class PortfolioFormat(StrEnum):
    """Output formats of `portfolio`."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"
    HTML = "html"


class ScanFormat(StrEnum):
    """Output formats of `scan`."""

    YAML = "yaml"
    JSON = "json"
    TABLE = "table"


class ListFormat(StrEnum):
    """Output formats of `criteria`."""

    TABLE = "table"
    JSON = "json"


def default_findings_format(environ: Mapping[str, str]) -> FindingsFormat:
    """`github` inside GitHub Actions (annotations on the files), else `text`."""
    if environ.get("GITHUB_ACTIONS") == "true":
        return FindingsFormat.GITHUB
    return FindingsFormat.TEXT
