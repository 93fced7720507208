"""Text from an audit file is data: no output interprets it (docs/format.md, "Text from an audit").

One payload table, every output: control and bidirectional characters are refused at validate
(raw or written as YAML escapes); everything else is printed as text, escaped per format, and no
line of any human-facing output can start a GitHub workflow command.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
RIVAL = str(ROOT / "audits" / "clinic-contacts-only.yaml")

# Written as YAML double-quoted escapes: each is refused where it stands.
REFUSED = {
    "clear screen": "\\e[2J",
    "OSC 8 hyperlink": "\\e]8;;https://evil.example/\\e\\\\link\\e]8;;\\e\\\\",
    "NUL": "a\\0b",
    "carriage return": "ok\\rfake",
    "right-to-left override": "abc\\u202Edef",
    "next line": "a\\Nb",
    "line separator": "a\\Lb",
}

# Printed as text everywhere.
SHOWN = {
    "workflow command": "::error file=x::INJECTED",
    "legacy command": "##[error]INJECTED",
    "set-output": "::set-output name=x::y",
    "Rich hyperlink": "[link=https://evil.example/]Official site[/link]",
    "Rich closing tag": "[/]",
    "Mermaid section": "section Pwned",
    "Mermaid title": "title Pwned",
    "HTML": "<script>alert(1)</script>",
}

FIELDS = ("company", "name", "chain", "notes")


def audit_text(field: str, value: str) -> str:
    """A valid audit with `value` (YAML double-quoted text) in one field."""
    quoted = f'"{value}"'
    company = quoted if field == "company" else "Acme Clinic"
    name = quoted if field == "name" else "Web site"
    chain = quoted if field == "chain" else "Booking"
    notes = quoted if field == "notes" else "fine"
    return f"""touchaudit: 1
company: {company}
touchpoints:
  website:
    channel: website
    name: {name}
    notes: {notes}
    criteria:
      load_time: 3 s
      callback_request: no
  phone:
    channel: phone
    criteria:
      answer_time: 40 s
chains:
  booking:
    name: {chain}
    steps: [website, phone]
"""


LINES = {"company": 2, "name": 6, "notes": 7, "chain": 17}


def run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("payload", REFUSED.values(), ids=REFUSED.keys())
def test_control_and_bidi_characters_are_refused_even_as_escapes(
    payload: str, field: str, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(audit_text(field, payload), encoding="utf-8")
    code, out = run(["validate", str(path), "--format", "json"])
    assert code == 1
    located = {(f["code"], f["line"]) for f in json.loads(out.split("\n✗")[0])}
    assert ("invisible-character", LINES[field]) in located


def _commands(path: str, tmp_path: Path) -> dict[str, list[str]]:
    return {
        "validate text": ["validate", path, "--format", "text"],
        "validate github": ["validate", path, "--format", "github"],
        **{
            f"score {f}": ["score", path, "--format", f]
            for f in ("table", "json", "markdown", "github", "sarif", "junit")
        },
        **{
            f"compare {f}": ["compare", path, RIVAL, "--format", f]
            for f in ("table", "json", "markdown", "github", "sarif", "junit")
        },
        "report markdown": ["report", path, "--vs", RIVAL, "--format", "markdown"],
        "report html": ["report", path, "--vs", RIVAL, "-o", str(tmp_path / "r.html")],
    }


def _command_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.match(r"\s*(::|##\[)", line)]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("payload", SHOWN.values(), ids=SHOWN.keys())
def test_text_is_never_interpreted_by_any_output(payload: str, field: str, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(audit_text(field, payload), encoding="utf-8")
    for name, args in _commands(str(path), tmp_path).items():
        code, out = run(args)
        if name == "report html":
            out += (tmp_path / "r.html").read_text(encoding="utf-8")
        assert code in (0, 1), (name, out)
        assert "internal error" not in out, (name, out)
        assert "Traceback" not in out, (name, out)
        assert "\x1b" not in out, name
        if name.endswith("github"):  # our own commands, the data escaped inside them
            assert all(re.match(r"::(error|warning|notice) ", x) for x in _command_lines(out))
            continue
        assert _command_lines(out) == [], (name, _command_lines(out))
        shown_there = {"score table": FIELDS[:3], "compare table": FIELDS[:2]}
        if field in shown_there.get(name, ()):
            assert payload in out, (name, "printed as written, markup and all")


@pytest.mark.parametrize(
    "file_name", ["::error file=x::INJECTED.yaml", "q[/]rival.yaml", "[bold]x[/bold].yaml"]
)
def test_file_names_are_text_too(
    file_name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # relative, as a CI job names them: the name starts each line
    path = Path(file_name)
    path.parent.mkdir(exist_ok=True)  # `q[/]rival.yaml` is a file in a folder `q[`
    path.write_text(audit_text("name", "Site").replace("touchaudit: 1", "touchaudit: 2"), "utf-8")
    for args in (["validate", str(path)], ["score", str(path)], ["compare", RIVAL, str(path)]):
        code, out = run(args)
        assert code == 1, (args, out)
        assert file_name in out
        assert _command_lines(out) == [], out


def test_a_label_with_a_control_character_is_a_usage_error() -> None:
    code, out = run(["compare", RIVAL, RIVAL, "-l", "ours", "-l", "the\x1b[2Jirs"])
    assert code == 2
    assert "U+001B" in out
