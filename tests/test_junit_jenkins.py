"""JUnit XML that Jenkins reads: every file valid against the xUnit plugin's junit-10.xsd.

The plugin skips a report that fails its schema ("The result file … is not valid"), so every
JUnit touchaudit writes is checked with the vendored schema (tests/consumers/README.md): the
sample audits, the hostile corpus through `validate`, and generated audits of ~40 touchpoints.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import bench_generate
from typer.testing import CliRunner

from touchaudit.cli.app import app

xmlschema = pytest.importorskip("xmlschema")

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SAMPLES = sorted(str(p) for p in (ROOT / "audits").glob("*.yaml"))
BAD = sorted(str(p) for p in (TESTS / "corpus" / "bad").glob("*.yaml"))


@pytest.fixture(scope="module")
def jenkins() -> Any:
    """The xUnit plugin's schema of JUnit reports."""
    return xmlschema.XMLSchema(str(TESTS / "consumers" / "junit-10.xsd"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Three audits of bench/generate.py's corpus (~40 touchpoints, ~200 criteria each)."""
    folder = tmp_path_factory.mktemp("generated")
    return [str(p) for p in bench_generate().write_corpus(folder, 3, seed=16)]


def junit(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--format", "junit"])
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.startswith("<?xml")
    return result.stdout


def problems(schema: Any, text: str) -> Iterator[str]:
    for error in schema.iter_errors(text):
        yield f"{error.path}: {error.reason}"


def test_validate_junit_of_the_samples_and_the_hostile_corpus_is_valid(jenkins: Any) -> None:
    # Passed and failed cases alike, with every kind of text the corpus holds in its errors.
    assert list(problems(jenkins, junit("validate", *SAMPLES, *BAD))) == []


@pytest.mark.parametrize("gate", [[], ["--fail-under", "99"]], ids=["passing", "failing"])
def test_score_junit_of_every_sample_is_valid(jenkins: Any, gate: list[str]) -> None:
    for sample in SAMPLES:
        assert list(problems(jenkins, junit("score", sample, *gate))) == [], sample


def test_compare_junit_of_the_samples_is_valid(jenkins: Any) -> None:
    for ours in SAMPLES:
        theirs = [s for s in SAMPLES if s != ours]
        text = junit("compare", ours, *theirs, "--fail-if-behind")
        assert list(problems(jenkins, text)) == [], ours


def test_junit_of_generated_audits_is_valid(jenkins: Any, generated: list[str]) -> None:
    for args in (
        ["validate", *generated],
        ["score", *generated, "--fail-under", "70"],
        ["compare", *generated, "--fail-if-behind"],
    ):
        assert list(problems(jenkins, junit(*args))) == [], args[0]
