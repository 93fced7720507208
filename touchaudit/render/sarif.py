"""SARIF 2.1.0: findings for code scanning (GitHub, GitLab, Azure DevOps), located in the files.

One run per invocation; the rules are the error codes (validate), gap kinds (score, compare) and
failed gates that occur, with their texts from library/data/rules.yaml (GitHub requires `help`
and `fullDescription`). Files under the source root (the checkout holding the working folder,
else the working folder) are relative to `%SRCROOT%`; a file outside it keeps its absolute
`file:` URI. Columns count Unicode code points, as the loader's do, so the run says
`columnKind: unicodeCodePoints` (SARIF's default is UTF-16 code units).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any
from urllib.parse import quote

from touchaudit import __version__
from touchaudit.comparison.baseline import BaselineCheck
from touchaudit.comparison.gates import NotBehind
from touchaudit.comparison.result import Comparison
from touchaudit.library.rules import builtin_rules, help_uri
from touchaudit.reading.validation import ValidationReport
from touchaudit.render.findings import (
    Finding,
    Level,
    from_baseline,
    from_comparison,
    from_fail_under,
    from_not_behind,
    from_problem,
    from_scorecard,
)
from touchaudit.render.jsontext import encode, items
from touchaudit.render.spool import Spooled, park
from touchaudit.scoring.results import Scorecard

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT = "touchauditDataPath/v1"
SRCROOT = "%SRCROOT%"
_SEVERITY = {"error": 0, "warning": 1, "note": 2}
# GitHub's `problem.severity` for a rule of each level (it ranks alerts by it).
_PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}


def render(findings: Sequence[Finding]) -> str:
    """A SARIF log with one run holding every finding."""
    return b"".join(_chunks(render_pieces([results(findings)]))).decode()


@dataclass(frozen=True, slots=True)
class Results:
    """Some results of a run (one audit's, say) as the run's text writes them, made where the
    findings are (in a worker too): `levels` is the most severe level of each of their rules,
    sorted by rule, and each result's `ruleIndex` points into that list, the piece's own; the
    run's rules may be more, and then the indexes are mended as the run is written."""

    levels: tuple[tuple[str, Level], ...]
    text: bytes | Spooled  # the results without brackets, at the run's indent; b"" for none

    def parked(self, folder: str) -> Results:
        """The same results, their text parked in `folder` (render/spool.py)."""
        if not isinstance(self.text, bytes):
            return self
        return Results(self.levels, park(folder, self.text))


def results(findings: Sequence[Finding], root: Path | None = None) -> Results:
    """The findings as results of a run (the text of their `ruleIndex`es their own)."""
    if not findings:
        return Results((), b"")
    severest = _severest(findings)
    levels = tuple(sorted(severest.items()))
    index = {rule: i for i, (rule, _) in enumerate(levels)}
    root = root or source_root()
    locations: dict[str, dict[str, str]] = {}  # each file's, made once for all its results
    text = items(
        [
            _result(f, index[f.rule], locations.get(f.file) or _located(f.file, root, locations))
            for f in findings
        ],
        _RESULTS_INDENT,
        str_keys=True,  # a result's keys are plain str: 0.11 ms less per corpus audit
    )
    return Results(levels, text)


def joined(first: Results, second: Results) -> Results:
    """The results of both, `first`'s first (their indexes mended to the rules of both)."""
    if not first.levels:
        return second
    if not second.levels:
        return first
    severest = dict(first.levels)
    _merge(severest, second.levels)
    levels = tuple(sorted(severest.items()))
    text = _reindexed(first, levels) + _SEPARATOR + _reindexed(second, levels)
    return Results(levels, text)


def render_pieces(pieces: Sequence[Results]) -> Iterator[bytes | Spooled]:
    """`render` of the results of every piece (one file's, say), in order, as chunks of UTF-8
    (or parked bytes, copied as they are): the run's head with its rules, each piece's results,
    the tail. A piece's results are text already, so a run of a thousand audits never holds
    their results as objects; a piece whose rules are not all of the run's has its indexes
    mended."""
    severest: dict[str, Level] = {}
    for piece in pieces:
        _merge(severest, piece.levels)
    rule_ids = sorted(severest)
    root = source_root()
    run = {
        "tool": {
            "driver": {
                "name": "touchaudit",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": builtin_rules().home,
                "rules": [_rule(rule, severest[rule]) for rule in rule_ids],
            }
        },
        "originalUriBaseIds": {
            SRCROOT: {
                "uri": "file://" + _encoded(root.as_posix().rstrip("/") + "/"),
                "description": {"text": "The checkout touchaudit ran in, else its working folder"},
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_RESULTS] if severest else [],
    }
    text = encode({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, end="\n")
    if not severest:
        yield text
        return
    # The results stand where the placeholder was written, at their indent.
    head, tail = text.split(_RESULTS_TEXT)
    levels = tuple(sorted(severest.items()))
    yield head
    first = True
    for piece in pieces:
        if piece.levels:
            if not first:
                yield _SEPARATOR
            yield piece.text if _rules(piece.levels) == rule_ids else _reindexed(piece, levels)
            first = False
    yield tail


# A placeholder for the results in the run's text. The text around it holds only our rules and
# the percent-encoded source root, never a NUL, so the placeholder is found exactly once.
_RESULTS = "\0results\0"
_RESULTS_TEXT = b'"\\u0000results\\u0000"'
# Where a result stands in the run's text: {"runs": [{"results": [ -- four levels deep.
_RESULTS_INDENT = "  " * 4
_SEPARATOR = (",\n" + _RESULTS_INDENT).encode()
# A result's `ruleIndex` and its value. Only the key itself can match: in a string of the text
# (a message from the audit), every quote is written `\"`, so `"ruleIndex": ` never occurs. The
# pattern opens with its literal text, which the regex engine looks for as a whole: 7x faster
# than a lookbehind tried at every byte (2.4 -> 0.32 ms for a corpus audit's results).
_RULE_INDEX = re.compile(rb'"ruleIndex": (\d+)')


def _located(file: str, root: Path, locations: dict[str, dict[str, str]]) -> dict[str, str]:
    location = locations[file] = artifact_location(file, root)
    return location


def _severest(findings: Iterable[Finding]) -> dict[str, Level]:
    severest: dict[str, Level] = {}
    # The few distinct pairs, merged once each: 0.015 ms less per corpus audit (~340 findings).
    _merge(severest, {(f.rule, f.level) for f in findings})
    return severest


def _merge(severest: dict[str, Level], levels: Iterable[tuple[str, Level]]) -> None:
    for rule, level in levels:
        known = severest.get(rule)
        if known is None or _SEVERITY[level] < _SEVERITY[known]:
            severest[rule] = level


def _reindexed(piece: Results, levels: tuple[tuple[str, Level], ...]) -> bytes:
    """The piece's text with each `ruleIndex` pointing into `levels` (which hold its rules)."""
    text = piece.text.read() if isinstance(piece.text, Spooled) else piece.text
    if _rules(piece.levels) == _rules(levels):
        return text
    index = {rule: i for i, (rule, _) in enumerate(levels)}
    new = [b'"ruleIndex": %d' % index[rule] for rule, _ in piece.levels]
    return _RULE_INDEX.sub(lambda m: new[int(m[1])], text)


def _rules(levels: tuple[tuple[str, Level], ...]) -> list[str]:
    return [rule for rule, _ in levels]


def _chunks(chunks: Iterable[bytes | Spooled]) -> Iterator[bytes]:
    return (c.read() if isinstance(c, Spooled) else c for c in chunks)


def findings(report: ValidationReport) -> str:
    """`touchaudit validate --format sarif`: every problem of every file."""
    return render([from_problem(p) for p in report.problems])


def scorecards(
    cards: Sequence[Scorecard], threshold: float | None = None, *, strict: bool = False
) -> str:
    """`touchaudit score --format sarif`: every gap of every audit, located at its criterion,
    and the `--fail-under` gate of each audit it fails."""
    return render([f for c in cards for f in scorecard_findings(c, threshold, strict=strict)])


def scorecard_findings(
    card: Scorecard, threshold: float | None = None, *, strict: bool = False
) -> list[Finding]:
    """One audit's part of `scorecards`: its gaps, located, and the `--fail-under` gate when it
    fails the audit."""
    gate = [] if threshold is None else from_fail_under(card, threshold, strict=strict)
    return gate + from_scorecard(card)


def scorecard_results(
    card: Scorecard, threshold: float | None = None, *, strict: bool = False
) -> Results:
    """`scorecard_findings` as results (in the worker that scored the audit)."""
    return results(scorecard_findings(card, threshold, strict=strict))


def with_baseline(piece: Results, card: Scorecard, check: BaselineCheck) -> Results:
    """One audit's results with the failed `--baseline` gate as results of their own, first."""
    return joined(results(from_baseline(card, check)), piece)


def join_results(pieces: list[Results]) -> Iterator[bytes | Spooled]:
    """`scorecards` from the results of each audit, in file order."""
    return render_pieces(pieces)


def comparison(c: Comparison, gate: NotBehind | None = None) -> str:
    """`touchaudit compare --format sarif`: every gap of the comparison, located in our file,
    and the `--fail-if-behind` gate when it fails."""
    return render(from_not_behind(c, gate) + from_comparison(c))


def source_root(cwd: Path | None = None) -> Path:
    """The folder SARIF's `%SRCROOT%` stands for: the nearest folder at or above the working
    folder that is a checkout (holds `.git`), else the working folder."""
    here = (cwd or Path.cwd()).absolute()
    return next((p for p in (here, *here.parents) if (p / ".git").exists()), here)


def artifact_location(file: str, root: Path) -> dict[str, str]:
    """The file relative to `%SRCROOT%`, percent-encoded; its absolute `file:` URI when it lies
    outside the source root (code scanning cannot show it; other viewers open it)."""
    absolute = os.path.abspath(file)
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        relative = ".."
    if relative == ".." or relative.startswith(".." + os.sep):
        return {"uri": "file://" + _encoded(Path(absolute).as_posix())}
    return {"uri": _encoded(relative.replace(os.sep, "/")), "uriBaseId": SRCROOT}


def _encoded(path: str) -> str:
    # Percent-encode the UTF-8 bytes (or the raw bytes of a name that is not UTF-8).
    return quote(os.fsencode(path), safe="/")


def _rule(rule_id: str, level: Level) -> dict[str, Any]:
    """A rule of the run, at the most severe level of its results."""
    rule = builtin_rules().rules[rule_id]
    uri = help_uri(rule)
    return {
        "id": rule_id,
        "name": rule.name,
        "shortDescription": {"text": rule.short},
        "fullDescription": {"text": rule.full},
        "help": {"text": f"{rule.help} See {uri}", "markdown": f"{rule.help}\n\n[More]({uri})"},
        "helpUri": uri,
        "defaultConfiguration": {"level": level},
        "properties": {
            "tags": ["touchaudit"],
            "precision": "very-high",
            "problem.severity": _PROBLEM_SEVERITY[level],
        },
    }


def _result(finding: Finding, rule_index: int, location: dict[str, str]) -> dict[str, Any]:
    """A finding as a SARIF result, in the file at `location` (shared by the file's results:
    never changed)."""
    message = finding.message
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": finding.level,
        "message": {"text": f"{message}. {finding.help}" if finding.help else message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    # Code scanning needs a line: a problem with the whole file sits on line 1.
                    "region": {
                        "startLine": finding.line or 1,
                        "startColumn": finding.column or 1,
                    },
                }
            }
        ],
    }
    path = finding.path
    if path:
        # Keyed by the data path, not the line: an alert follows its criterion when lines move.
        key = f"{location['uri']}\0{finding.rule}\0{path}"
        if finding.identity:
            key += f"\0{finding.identity}"
        digest = sha256(key.encode("utf-8", "surrogateescape")).hexdigest()
        result["partialFingerprints"] = {FINGERPRINT: digest[:32]}
    if finding.properties:
        result["properties"] = finding.properties  # the path last already, never changed
    return result
