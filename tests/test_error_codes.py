"""Every problem code is a member of `errors.Code` (mypy holds every use), documented once in
docs/format.md, and a SARIF rule."""

from __future__ import annotations

import re
from pathlib import Path

from touchaudit.library.rules import builtin_rules
from touchaudit.reading.errors import Code

ROOT = Path(__file__).resolve().parents[1]


def documented_codes() -> list[str]:
    """The codes in the first column of docs/format.md's 'Error codes' table."""
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    section = text.split("\n## Error codes\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z-]+)` \|", section, re.MULTILINE)


def test_every_code_is_documented_once() -> None:
    documented = documented_codes()
    assert len(documented) == len(set(documented)), "a code has two rows"
    assert sorted(set(Code) - set(documented)) == [], "missing from docs/format.md"


def test_every_documented_code_is_a_code() -> None:
    assert sorted(set(documented_codes()) - set(Code)) == [], "a stale row"


def test_every_code_is_a_sarif_rule() -> None:
    assert sorted(set(Code) - set(builtin_rules().rules)) == []


def test_no_code_is_written_as_a_bare_string() -> None:
    # mypy refuses a str where a Code goes; this catches a literal slipped past as `Code("...")`.
    for path in sorted((ROOT / "touchaudit").rglob("*.py")):
        assert 'Code("' not in path.read_text(encoding="utf-8"), path
