"""The exported schema refuses what `validate` refuses, wherever JSON Schema can say it, and
accepts every valid audit: a table of wrong audits and one of right ones, each checked by
check-jsonschema (as an editor or a CI step would) and by touchaudit itself."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import VALID, bench_generate
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.library.aliases import channel_aliases
from touchaudit.library.criteria import builtin_library
from touchaudit.library.schema import audit_schema, stage_descriptions
from touchaudit.reading.models import DEFAULT_STAGES

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "docs" / "audit.schema.json"
WEBSITE = VALID + "    criteria:\n"  # VALID's website touchpoint, then its criteria

# name -> (the audit, the code validate gives). Each is refused by the schema too.
WRONG: dict[str, tuple[str, str]] = {
    "misspelt channel": (VALID.replace("channel: website", "channel: webiste"), "unknown-channel"),
    "unknown criterion": (WEBSITE + "      lod_time: 3 s\n", "unknown-criterion"),
    "wrong unit": (WEBSITE + "      load_time: 6.8 kg\n", "bad-value"),
    "rating above its scale": (WEBSITE + "      design: 7/5\n", "bad-value"),
    "bare rating above its scale": (WEBSITE + "      design: 6\n", "bad-value"),
    "maybe as yes/no": (WEBSITE + "      callback_request: maybe\n", "bad-value"),
    "a number as yes/no": (WEBSITE + "      callback_request: 1\n", "bad-value"),
    "percent over 100": (WEBSITE + "      bounce_rate: 140%\n", "bad-value"),
    "negative duration": (WEBSITE + "      load_time: -3 s\n", "bad-value"),
    "wrong unit in a mapping": (
        WEBSITE + "      load_time: {value: 6.8 kg, note: stopwatch}\n",
        "bad-value",
    ),
    "a count with another unit": (WEBSITE + "      lead_form_fields: 4 kg\n", "bad-value"),
    "unknown touchpoint stage": (VALID + "    stages: [awarenes]\n", "unknown-stage"),
    "unknown audit stage": (
        VALID.replace("touchpoints:", "stages: [awareness, checkout]\ntouchpoints:"),
        "unknown-stage",
    ),
    "custom criterion on a misspelt channel": (
        VALID.replace(
            "touchpoints:",
            "criteria:\n  greeting:\n    type: boolean\n    channel: stor\ntouchpoints:",
        ),
        "unknown-channel",
    ),
    "not_applicable naming no checklist item": (
        VALID.replace(
            "touchpoints:", "business: clinic\nnot_applicable:\n  drone: none\ntouchpoints:"
        ),
        "unknown-item",
    ),
}

# What JSON Schema cannot say (no reference from one value to other keys of the file): refused
# by validate, passed by the schema. docs/ci.md lists them.
BEYOND_SCHEMA: dict[str, tuple[str, str]] = {
    "chain step naming no touchpoint": (
        VALID + "chains:\n  booking:\n    steps: [website, phone]\n",
        "broken-chain",
    ),
    "touchpoint stage the audit does not list": (
        VALID.replace("touchpoints:", "stages: [awareness]\ntouchpoints:")
        + "    stages: [purchase]\n",
        "unknown-stage",
    ),
}

# Valid audits the strict parts of the schema must let through.
RIGHT: dict[str, str] = {
    "every way of writing a value": WEBSITE
    + "      load_time: PT2M\n      lcp: 2.5 s\n      design: 4/5\n      ease_of_use: 8/10\n"
    + "      callback_request: yes\n      clickable_phone: No\n      bounce_rate: 45 %\n"
    + "      conversion_rate: 3\n      lead_form_fields: 4 fields\n      inp: 1 min 2.5 s\n"
    + "      chat_widget: {value: n/a, note: no staff for it}\n      online_booking: null\n",
    "an audit's own criterion": VALID.replace(
        "touchpoints:",
        "criteria:\n  greeting:\n    type: boolean\n    channel: website\ntouchpoints:",
    )
    + "    criteria:\n      greeting: yes\n",
    "a rating on another scale": VALID.replace(
        "touchpoints:", "criteria:\n  design: {scale: 10, max: 10, unit: /10}\ntouchpoints:"
    )
    + "    criteria:\n      design: 8\n",
    "thresholds of our own": VALID.replace(
        "touchpoints:", "criteria:\n  load_time: {good: 2, poor: 5}\ntouchpoints:"
    )
    + "    criteria:\n      load_time: 3 s\n",
    "an unknown business type (a warning)": VALID.replace(
        "touchpoints:", "business: bakery\ntouchpoints:"
    ),
    "a checklist item that does not apply": VALID.replace(
        "touchpoints:",
        "business: clinic\nnot_applicable:\n  referrals: no patients yet\ntouchpoints:",
    ),
}


def check_jsonschema(folder: Path) -> dict[str, list[str]]:
    """check-jsonschema over every file of `folder`: the messages of each file it refuses."""
    if importlib.util.find_spec("check_jsonschema") is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    files = sorted(str(p) for p in folder.glob("*.yaml"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "-o",
            "json",
            "--schemafile",
            str(SCHEMA_FILE),
            *files,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report: Any = json.loads(result.stdout)
    refused: dict[str, list[str]] = {}
    for error in report["errors"] + report.get("parse_errors", []):
        refused.setdefault(Path(error["filename"]).stem, []).append(error.get("message", ""))
    return refused


def validate_codes(path: Path) -> set[str]:
    result = CliRunner().invoke(app, ["validate", str(path), "--format", "json"])
    return {p["code"] for p in json.loads(result.stdout) if p["severity"] == "error"}


def write_all(folder: Path, table: dict[str, Any]) -> dict[str, Path]:
    paths = {}
    for name, row in table.items():
        text = row[0] if isinstance(row, tuple) else row
        paths[name] = folder / (name.replace(" ", "-").replace("/", "-") + ".yaml")
        paths[name].write_text(text, encoding="utf-8")
    return paths


def test_the_schema_refuses_each_wrong_audit_validate_refuses(tmp_path: Path) -> None:
    paths = write_all(tmp_path, WRONG)
    refused = check_jsonschema(tmp_path)
    for name, (_, code) in WRONG.items():
        assert code in validate_codes(paths[name]), name
        assert paths[name].stem in refused, f"the schema lets through: {name}"


def test_what_json_schema_cannot_say_is_left_to_validate(tmp_path: Path) -> None:
    paths = write_all(tmp_path, BEYOND_SCHEMA)
    refused = check_jsonschema(tmp_path)
    for name, (_, code) in BEYOND_SCHEMA.items():
        assert code in validate_codes(paths[name]), name
        assert paths[name].stem not in refused, name


def test_the_schema_accepts_valid_audits_of_every_shape(tmp_path: Path) -> None:
    paths = write_all(tmp_path, RIGHT)
    for name, path in paths.items():
        assert validate_codes(path) == set(), name
    assert check_jsonschema(tmp_path) == {}


def test_the_schema_accepts_generated_audits(tmp_path: Path) -> None:
    # bench/generate.py writes values in every spelling, and custom criteria in half the files.
    bench_generate().write_corpus(tmp_path, 12, seed=3)
    assert check_jsonschema(tmp_path) == {}


def test_closed_sets_come_from_the_library_with_descriptions() -> None:
    schema = audit_schema()
    channel = schema["$defs"]["Touchpoint"]["properties"]["channel"]
    # The channels, then the names read as one of them (`whatsapp`), as validate reads them.
    assert channel["enum"] == [*builtin_library().channels, *channel_aliases()]
    assert len(channel["enumDescriptions"]) == len(channel["enum"])
    assert all(channel["enumDescriptions"])
    stages = schema["properties"]["stages"]["items"]
    assert stages["enum"] == list(DEFAULT_STAGES) == list(stage_descriptions())
    described = schema["$defs"]["Touchpoint"]["properties"]["criteria"]["properties"]
    assert set(described) == set(builtin_library().criteria)
    assert "load_time" in described
    assert described["load_time"]["description"].startswith("Page load time")
