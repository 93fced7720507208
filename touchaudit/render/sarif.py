"""SARIF 2.1.0: findings for code scanning (GitHub, GitLab, Azure DevOps), located in the files.

One run per invocation; the rules are the error codes (validate) or gap kinds (score,
compare) that occur. Columns count Unicode code points, as the loader's do, so the run says
`columnKind: unicodeCodePoints` (SARIF's default is UTF-16 code units).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from typing import Any

from touchaudit import __version__
from touchaudit.comparison.result import Comparison
from touchaudit.reading.validation import ValidationReport
from touchaudit.render.findings import (
    RULES,
    Finding,
    from_comparison,
    from_problem,
    from_scorecard,
    relative_uri,
)
from touchaudit.render.json import dumps
from touchaudit.scoring.results import Scorecard

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT = "touchauditDataPath/v1"


def render(findings: Sequence[Finding]) -> str:
    """A SARIF log with one run holding every finding."""
    rule_ids = sorted({f.rule for f in findings})
    index = {rule: i for i, rule in enumerate(rule_ids)}
    run = {
        "tool": {
            "driver": {
                "name": "touchaudit",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(rule, findings) for rule in rule_ids],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule]) for f in findings],
    }
    return dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]})


def findings(report: ValidationReport) -> str:
    """`touchaudit validate --format sarif`: every problem of every file."""
    return render([from_problem(p) for p in report.problems])


def scorecards(cards: Sequence[Scorecard]) -> str:
    """`touchaudit score --format sarif`: every gap of every audit, located at its criterion."""
    return render([f for card in cards for f in from_scorecard(card)])


def scorecard_findings(card: Scorecard) -> list[Finding]:
    """One audit's part of `scorecards`: its gaps, located (in a worker too)."""
    return from_scorecard(card)


def join_findings(pieces: list[list[Finding]]) -> Iterator[str]:
    """`scorecards` from the findings of each audit, in file order."""
    yield render([f for piece in pieces for f in piece])


def comparison(c: Comparison) -> str:
    """`touchaudit compare --format sarif`: every gap of the comparison, located in our file."""
    return render(from_comparison(c))


def _rule(rule: str, findings: Sequence[Finding]) -> dict[str, Any]:
    level = "error" if any(f.level == "error" for f in findings if f.rule == rule) else "warning"
    return {
        "id": rule,
        "name": "".join(part.capitalize() for part in rule.replace("_", "-").split("-")),
        "shortDescription": {"text": RULES.get(rule, rule)},
        "defaultConfiguration": {"level": level},
    }


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    uri = relative_uri(finding.file)
    text = finding.message
    if finding.help:
        text += f". {finding.help}"
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": finding.level,
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    # Code scanning needs a line: a problem with the whole file sits on line 1.
                    "region": {
                        "startLine": finding.line or 1,
                        "startColumn": finding.column or 1,
                    },
                }
            }
        ],
    }
    if finding.path:
        # Keyed by the data path, not the line: an alert follows its criterion when lines move.
        key = f"{uri}\0{finding.rule}\0{finding.path}"
        if finding.identity:
            key += f"\0{finding.identity}"
        key_bytes = key.encode("utf-8", "surrogateescape")
        result["partialFingerprints"] = {FINGERPRINT: hashlib.sha256(key_bytes).hexdigest()[:32]}
    properties = {k: v for k, v in finding.properties.items() if v is not None}
    if finding.path:
        properties["path"] = finding.path
    if properties:
        result["properties"] = properties
    return result
