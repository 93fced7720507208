"""Every error code the package uses is documented in docs/format.md and is a SARIF rule.

The codes are found in the source, not listed here, so that a new code cannot be added without
its row in the documentation: every kebab-case string literal (`bad-merge`), and every literal
passed where a code goes (`Problem(..., "unreadable")`, `doc.problem(path, message, "encoding")`).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from touchaudit.findings import RULES

ROOT = Path(__file__).resolve().parents[1]
KEBAB = re.compile(r"[a-z]+(?:-[a-z]+)+")
# Callables that take a code, and the position of the code among their arguments.
CODE_ARGUMENT = {"Problem": 4, "problem": 2, "_add": 2, "CriterionError": 2, "_LimitExceeded": 2}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _codes_in(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if KEBAB.fullmatch(node.value):
                found.add(node.value)
        elif isinstance(node, ast.Call) and _name(node.func) in CODE_ARGUMENT:
            index = CODE_ARGUMENT[_name(node.func)]
            given = [k.value for k in node.keywords if k.arg == "code"]
            if len(node.args) > index:
                given.append(node.args[index])
            found.update(
                g.value for g in given if isinstance(g, ast.Constant) and isinstance(g.value, str)
            )
    return found


def package_codes() -> set[str]:
    """Every error code in touchaudit/*.py."""
    codes: set[str] = set()
    for path in sorted((ROOT / "touchaudit").glob("*.py")):
        codes |= _codes_in(ast.parse(path.read_text(encoding="utf-8"), str(path)))
    return codes


def documented_codes() -> list[str]:
    """The codes in the first column of docs/format.md's 'Error codes' table."""
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = text.split("\n## Error codes\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z-]+)` \|", section, re.MULTILINE)


def test_the_search_finds_codes_however_they_are_passed() -> None:
    # A literal positional code, a code returned in a tuple, a keyword default, a warning.
    assert {
        "unreadable",
        "encoding",
        "invisible-character",
        "bad-criterion",
        "bad-merge",
        "threshold-differs",
        "unknown-business",
    } <= package_codes()


def test_every_code_is_documented_once() -> None:
    documented = documented_codes()
    assert len(documented) == len(set(documented)), "a code has two rows"
    assert sorted(package_codes() - set(documented)) == [], "missing from docs/format.md"


def test_every_documented_code_is_used() -> None:
    assert sorted(set(documented_codes()) - package_codes()) == [], "a stale row"


def test_every_code_is_a_sarif_rule() -> None:
    assert sorted(package_codes() - set(RULES)) == []
