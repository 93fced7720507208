"""A file named with a byte that is not UTF-8 (`caf\\xe9.yaml`, from a Latin-1 system): every JSON,
SARIF and JUnit output stays valid UTF-8, and spells the byte as `\\udce9` (its JSON escape), so a
script reading the JSON gets the very name back with os.fsencode; SARIF's URIs percent-encode it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from tests.conftest import VALID
from touchaudit.cli.app import app
from touchaudit.render.jsontext import dumps

NAME = os.fsdecode(b"caf\xe9.yaml")  # Python's spelling: "caf\udce9.yaml"
INVALID = VALID + "    criteria:\n      load_time: fast\n"

# (command, whether the audit is valid for it)
COMMANDS = [
    (["validate", NAME, "-f", "json"], INVALID),
    (["validate", NAME, "-f", "sarif"], INVALID),
    (["validate", NAME, "-f", "junit"], INVALID),
    (["score", NAME, "-f", "json"], VALID),
    (["score", NAME, NAME, "-f", "json"], VALID),
    (["score", NAME, "-f", "sarif"], VALID),
    (["score", NAME, "-f", "junit"], VALID),
    (["compare", NAME, NAME, "-f", "json"], VALID),
    (["compare", NAME, NAME, "-f", "sarif"], VALID),
    (["compare", NAME, NAME, "-f", "junit"], VALID),
]


@pytest.mark.parametrize(("args", "audit"), COMMANDS, ids=[" ".join(a) for a, _ in COMMANDS])
def test_outputs_are_valid_utf8_and_spell_the_byte_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], audit: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(NAME).write_text(audit, encoding="utf-8")
    CliRunner().invoke(app, [*args, "-o", "out"])
    raw = (tmp_path / "out").read_bytes()
    text = raw.decode("utf-8")  # strict: raises on the raw byte 0xe9
    if "junit" in args:
        ElementTree.fromstring(raw)
        assert "caf\\udce9.yaml" in text
    elif "sarif" in args:
        json.loads(text)
        assert "caf%E9.yaml" in text  # a URI: the byte percent-encoded, as RFC 3986 says
    else:
        json.loads(text)
        assert "caf\\udce9.yaml" in text


def test_json_gives_the_name_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path(NAME).write_text(INVALID, encoding="utf-8")
    # A real process: its stdout is a pipe of bytes, as in CI.
    done = subprocess.run(
        [sys.executable, "-m", "touchaudit", "validate", NAME, "-f", "json"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1
    [problem] = json.loads(done.stdout.decode("utf-8"))
    assert os.fsencode(problem["file"]) == b"caf\xe9.yaml"


def test_the_json_writer_escapes_lone_surrogates_only() -> None:
    assert dumps(["caf\udce9", "café ≥ 😀"]) == '[\n  "caf\\udce9",\n  "café ≥ 😀"\n]'
    assert json.loads(dumps({"f": "\udce9"})) == {"f": "\udce9"}
