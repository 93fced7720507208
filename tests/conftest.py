"""Shared test set-up: a clean CI environment, and the corpus summary line."""

from __future__ import annotations

import pytest

_corpus = {"tried": 0, "failed": 0}


@pytest.fixture(autouse=True)
def _no_ci_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests behave the same inside GitHub Actions: no default format, no job summary."""
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


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
