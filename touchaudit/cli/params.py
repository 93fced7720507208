"""The command line's parameters: every Typer argument and option, declared once as a type.

Light on purpose (Typer and the standard library): the CLI imports these at start-up.
"""

from __future__ import annotations

import math
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from touchaudit import __version__
from touchaudit.reading.reads import MAX_BYTES_CEILING
from touchaudit.reading.source_kinds import SourceKind
from touchaudit.render.formats import (
    DocumentFormat,
    FindingsFormat,
    ListFormat,
    PortfolioFormat,
    ReportFormat,
    ScanFormat,
    TrendFormat,
)


def _points(value: float | None) -> float | None:
    """A number of points, 0 to 100: `nan` passes the range check of some Typer releases."""
    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a number of points from 0 to 100")
    return value


def _existing_files(help: str, metavar: str) -> Any:
    """An argument naming files that must exist (folders refused), without a default shown."""
    return typer.Argument(
        help=help, exists=True, dir_okay=False, show_default=False, metavar=metavar
    )


def _existing_file_option(name: str, help: str, metavar: str) -> Any:
    """An option naming a file that must exist (folders refused), without a default shown."""
    return typer.Option(
        name, help=help, exists=True, dir_okay=False, show_default=False, metavar=metavar
    )


VERSION = f"touchaudit {__version__}\n"


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(VERSION)
        raise typer.Exit()


VersionOpt = Annotated[
    bool,
    typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
]
DebugOpt = Annotated[
    bool, typer.Option("--debug", help="Show the full traceback of an internal error.")
]
# The many-file arguments: Typer checks each as a path (it exists; for score, it is no folder).
# With path_type=str, Typer 0.29 hands it over as the str given (0.28 still makes a Path); their
# readers (Options.for_score, find_audit_files) take either. Made into a Path, each value cost
# Typer 0.29 a Pydantic TypeAdapter: 64 ms of score's start for 1,000 files (12 ms for one).
PathsArg = Annotated[
    list[Path],
    typer.Argument(
        help="Audit files, or folders searched for *.yaml and *.yml.",
        exists=True,
        show_default=False,
        path_type=str,
    ),
]
FilesArg = Annotated[
    list[Path],
    typer.Argument(help="Audit files to score.", exists=True, dir_okay=False, path_type=str),
]
OursArg = Annotated[Path, _existing_files("Our audit.", "OURS")]
TheirsArg = Annotated[
    list[Path],
    _existing_files("Competitors' audits, or an earlier audit of ours (before/after).", "THEIRS"),
]
ReportOursArg = Annotated[Path, _existing_files("Our audit file.", "OURS")]
ProfileOpt = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        help="A shared file with a 'criteria:' section applied before each audit's own.",
        exists=True,
        dir_okay=False,
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the output to this file (atomically) instead of stdout; never an input.",
        dir_okay=False,
        show_default=False,
    ),
]
MaxBytesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        min=1,
        max=MAX_BYTES_CEILING,
        help=(
            "Refuse audit files larger than this, with their sources (default 10 MiB, at most "
            "1 TiB)."
        ),
    ),
]
LabelOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--label",
        "-l",
        help="A name for each audit in the output, ours first (repeat it once per audit).",
        show_default=False,
        metavar="LABEL",
    ),
]
MaxCharsOpt = Annotated[
    int | None,
    typer.Option(
        "--max-chars",
        min=0,
        help=(
            "Cut Markdown (and the job summary) to this many characters, saying what was left "
            "out (default: GitHub's limits, 65,536 for a comment and 1 MiB for a job summary; "
            "0: no limit)."
        ),
        show_default=False,
    ),
]
ReportLabelOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--label",
        "-l",
        help="A name for each audit in the report: ours, then each --vs, then each --trend.",
        show_default=False,
        metavar="LABEL",
    ),
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Processes for many files (default: the number of cores; 1: no extra processes).",
        show_default=False,
    ),
]
FindingsFormatOpt = Annotated[
    FindingsFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="text, json, github (the default when GITHUB_ACTIONS=true), sarif or junit.",
        show_default=False,
    ),
]
ReportFormatOpt = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help="table, json, markdown, github, sarif or junit."),
]
ListFormatOpt = Annotated[ListFormat, typer.Option("--format", "-f", help="table or json.")]
FailUnderOpt = Annotated[
    float | None,
    typer.Option(
        "--fail-under",
        min=0,
        max=100,
        callback=_points,
        help="Exit 1 when an overall score is below this (a CI gate).",
    ),
]
BaselineOpt = Annotated[
    Path | None,
    typer.Option(
        "--baseline",
        help="An earlier audit to gate against (with --max-drop); scored with this audit's "
        "thresholds.",
        exists=True,
        dir_okay=False,
    ),
]
MaxDropOpt = Annotated[
    float | None,
    typer.Option(
        "--max-drop",
        min=0,
        max=100,
        callback=_points,
        help="Exit 1 when the overall or a stage score dropped by more than this many points "
        "against --baseline (default 0).",
    ),
]
FailIfBehindOpt = Annotated[
    bool,
    typer.Option(
        "--fail-if-behind", help="Exit 1 when our overall score is below any competitor's."
    ),
]
MinCoverageOpt = Annotated[
    float | None,
    typer.Option(
        "--min-coverage",
        min=0,
        max=100,
        callback=_points,
        help="Below this share of criteria measured (percent, default 50) a score is "
        "provisional and fails the gates.",
        show_default=False,
    ),
]
StrictOpt = Annotated[
    bool | None,
    typer.Option(
        "--strict/--no-strict",
        help="Gates judge the low end of the score's range (unmeasured criteria at 0).",
        show_default=False,
    ),
]
ChannelOpt = Annotated[
    str | None, typer.Option("--channel", "-c", help="Only the criteria of this channel.")
]
CriterionArg = Annotated[
    str | None,
    typer.Argument(help="One criterion to show in full: thresholds, source, how to measure."),
]
BusinessOpt = Annotated[
    str,
    typer.Option(
        "--business",
        "-b",
        help="Business type: restaurant, clinic, saas, furniture, hotel... (init lists them).",
        show_default=False,
    ),
]
CompanyOpt = Annotated[
    str, typer.Option("--company", "-c", help="The company audited.", show_default=False)
]
InitOutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write the audit to this file (default: stdout).", dir_okay=False
    ),
]
ProfileBusinessOpt = Annotated[
    str | None,
    typer.Option("--business", "-b", help="Export the thresholds of this business type."),
]
ProfileOutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write the profile to this file (default: stdout).", dir_okay=False
    ),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Overwrite the --output file if it exists.")
]
VsOpt = Annotated[
    list[Path] | None,
    _existing_file_option(
        "--vs", "A competitor's (or last quarter's) audit; repeat for several.", "THEIRS"
    ),
]
EarlierOpt = Annotated[
    list[Path] | None,
    _existing_file_option(
        "--trend",
        "An earlier audit of ours, for a 'Progress over time' section (a chart and its table); "
        "repeat for each. Any order: each needs its audited_on.",
        "EARLIER",
    ),
]
DocumentFormatOpt = Annotated[
    DocumentFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="html, markdown or pdf (default: from the -o suffix, else markdown).",
        show_default=False,
    ),
]
DocumentOutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write here (atomically) instead of stdout; html and pdf need it.",
        dir_okay=False,
        show_default=False,
    ),
]
TemplateDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--template-dir",
        help="Templates here replace the shipped ones of the same name (docs/templates.md).",
        exists=True,
        file_okay=False,
        show_default=False,
    ),
]
DateOpt = Annotated[
    datetime | None,
    typer.Option(
        "--date",
        formats=["%Y-%m-%d"],
        metavar="YYYY-MM-DD",
        help="The report date (default: audited_on, else SOURCE_DATE_EPOCH, else undated).",
        show_default=False,
    ),
]
TrendFilesArg = Annotated[
    list[Path] | None,
    _existing_files(
        "Audits of one company, each with its audited_on date (any order); or none with --git.",
        "AUDITS",
    ),
]
TrendFormatOpt = Annotated[
    TrendFormat, typer.Option("--format", "-f", help="table, json, markdown or html.")
]
FailOnDropOpt = Annotated[
    float | None,
    typer.Option(
        "--fail-on-drop",
        min=0,
        max=100,
        callback=_points,
        help="Exit 1 when the newest audit's overall or a stage score fell by more than this "
        "many points since the audit before it.",
        show_default=False,
    ),
]
TrendLabelOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--label",
        "-l",
        help="A name for each audit, in the order given (default: its date).",
        show_default=False,
        metavar="LABEL",
    ),
]
GitOpt = Annotated[
    Path | None,
    _existing_file_option(
        "--git",
        "Take the versions of this audit file from its git history, one per commit.",
        "FILE",
    ),
]
PortfolioFormatOpt = Annotated[
    PortfolioFormat,
    typer.Option("--format", "-f", help="table, json, markdown, csv or html."),
]
BadgeFileArg = Annotated[Path, _existing_files("The audit to make a badge for.", "FILE")]
BadgeLabelOpt = Annotated[
    str,
    typer.Option("--label", "-l", help="The badge's left-hand text."),
]
RevsOpt = Annotated[
    str | None,
    typer.Option(
        "--revs",
        help="With --git: only the commits of this revision range (v1.0..HEAD, main~5..).",
        show_default=False,
        metavar="RANGE",
    ),
]
SourceKindArg = Annotated[
    SourceKind,
    typer.Argument(
        help="The kind of file: lighthouse, psi, crux, csv or page (a saved HTML page).",
        show_default=False,
    ),
]
SourceFileArg = Annotated[
    Path, _existing_files("The report, response or measurement log to import.", "FILE")
]
TouchpointOpt = Annotated[
    str,
    typer.Option(
        "--touchpoint", "-t", help="The touchpoint the values measure.", show_default=False
    ),
]
IntoOpt = Annotated[
    Path | None,
    typer.Option(
        "--into",
        help="Add the values to this audit (comments and order kept; written values kept).",
        exists=True,
        dir_okay=False,
        metavar="AUDIT",
    ),
]


# --------------------------------------------------------------------------- scan
PagesArg = Annotated[
    list[str],
    typer.Argument(
        help="Saved HTML files or http(s) URLs of the pages to scan.",
        show_default=False,
        metavar="PAGE",
    ),
]
ScanFormatOpt = Annotated[
    ScanFormat,
    typer.Option(
        "--format",
        "-f",
        help="yaml: a website touchpoint to paste under touchpoints:; json; table.",
    ),
]
CompareOpt = Annotated[
    bool,
    typer.Option(
        "--compare", help="Side by side: what each page offers and the others lack (2+ pages)."
    ),
]
FollowOpt = Annotated[
    int,
    typer.Option(
        "--follow",
        min=0,
        max=20,
        help="After a URL, also scan up to N same-site pages it links to as contact, booking...",
    ),
]
RenderOpt = Annotated[
    bool,
    typer.Option(
        "--render",
        help="Run the page's scripts in headless Chromium (touchaudit[scan]) to see injected "
        "widgets; with a URL, also the page's load time and LCP as lab numbers.",
    ),
]
PageMaxBytesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        min=1,
        max=MAX_BYTES_CEILING,
        help="Refuse pages larger than this (default 5 MiB).",
        show_default=False,
    ),
]
