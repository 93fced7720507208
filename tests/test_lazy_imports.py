"""Start-up stays light: a command imports only what it needs (no timing, only module lists)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "audits" / "clinic-contacts-only.yaml"
HEAVY = ("pydantic", "yaml", "rich", "jinja2", "multiprocessing")

PROBE = """
import json, sys
sys.argv = ["touchaudit", *json.loads(sys.argv[1])]
from touchaudit.cli.app import main
try:
    main()
except SystemExit:
    pass
loaded = sorted({name.split(".")[0] for name in sys.modules})
sys.stderr.write("\\nMODULES " + json.dumps(loaded) + "\\n")
"""


def imported_by(*args: str) -> set[str]:
    """The top-level packages a touchaudit command has imported when it ends."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
    )
    line = done.stderr.rsplit("MODULES ", 1)[1]
    return set(json.loads(line))


# Not `validate --help`: Typer itself builds Pydantic adapters for a command's parameters.
@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_no_heavy_import_before_a_command_runs(args: tuple[str, ...]) -> None:
    assert imported_by(*args).isdisjoint(HEAVY)


def test_validate_does_not_import_the_report_engine() -> None:
    loaded = imported_by("validate", "--jobs", "1", str(SAMPLE))
    assert "jinja2" not in loaded
    assert "multiprocessing" not in loaded  # one file: no worker processes
