"""Large audits: the count limits refuse what no command could handle, and the outputs for
people show the first touchpoints and chains with a count of the rest (no timing here:
BENCHMARKS.md measures speed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.reading.limits import MAX_CHAIN_STEPS, MAX_TOUCHPOINTS, SHOWN, Limits
from touchaudit.reading.loader import parse_audit
from touchaudit.reading.yamldoc import MAX_BYTES

HEAD = "touchaudit: 1\ncompany: Acme\n"


def audit(touchpoints: int, *, chains: int = 0, steps: int = 2, custom: int = 0) -> str:
    """`touchpoints` one-line website touchpoints, `chains` chains, `custom` website criteria."""
    lines = [HEAD]
    if custom:
        lines.append("criteria:\n")
        lines += [f"  c{i}: {{channel: website, type: boolean}}\n" for i in range(custom)]
    lines.append("touchpoints:\n")
    lines += [
        f"  t{i}: {{channel: website, criteria: {{load_time: 3 s}}}}\n" for i in range(touchpoints)
    ]
    if chains:
        lines.append("chains:\n")
        lines += [f"  c{i}: {{steps: [{', '.join(['t0'] * steps)}]}}\n" for i in range(chains)]
    return "".join(lines)


def codes(text: str, max_bytes: int = MAX_BYTES) -> list[str]:
    _, problems = parse_audit(text, max_bytes=max_bytes)
    return [p.code for p in problems]


# --------------------------------------------------------------------------- count limits


def test_the_limits_grow_with_max_bytes() -> None:
    assert Limits.for_bytes(1000) == Limits()
    assert Limits.for_bytes(MAX_BYTES * 10).touchpoints == MAX_TOUCHPOINTS * 10


def test_too_many_touchpoints_is_refused_at_the_touchpoints_key() -> None:
    loaded, problems = parse_audit(audit(MAX_TOUCHPOINTS + 1))
    assert loaded is None
    [problem] = problems
    assert (problem.code, problem.line, problem.column) == ("too-many-touchpoints", 3, 1)
    assert "10,001 touchpoints, at most 10,000" in problem.message


def test_a_larger_max_bytes_accepts_more_touchpoints() -> None:
    assert codes(audit(MAX_TOUCHPOINTS + 1), max_bytes=MAX_BYTES * 2) == []


def test_too_many_chain_steps() -> None:
    text = audit(1, chains=MAX_CHAIN_STEPS // 1000 + 1, steps=1000)
    assert codes(text) == ["too-many-steps"]


def test_too_many_criteria_counts_the_unmeasured_ones() -> None:
    # 26 library criteria and 100 custom ones per website touchpoint: 1,300 x 126 > 150,000.
    assert codes(audit(1_300, custom=100)) == ["too-many-criteria"]
    assert codes(audit(1_150, custom=100)) == []


# --------------------------------------------------------------------------- caps


def run(*args: str | Path) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def big(tmp_path: Path) -> Path:
    path = tmp_path / "big.yaml"
    path.write_text(audit(SHOWN + 10, chains=SHOWN + 3), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_score_shows_the_first_touchpoints_and_counts_the_rest(big: Path, fmt: str) -> None:
    # Whole, not cut to a comment's size (tests/test_markdown_fits.py).
    text = run("score", "-f", fmt, big, *(["--max-chars", "0"] if fmt == "markdown" else []))
    assert "… and 10 more touchpoints (use --format json for all)" in text
    assert "… and 3 more chains (use --format json for all)" in text
    assert "t49 [t49, website]" in text or "#### t49 (website)" in text
    assert "t50 [t50" not in text
    assert "#### t50 " not in text


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_report_shows_the_first_touchpoints_and_counts_the_rest(
    big: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"report.{fmt}"
    run("report", "-f", fmt, "-o", out, big)
    text = out.read_text(encoding="utf-8")
    where = "(touchaudit score --format json lists all)"
    assert f"… and 10 more touchpoints {where}" in text
    assert f"… and 3 more chains {where}" in text
    headings = re.findall(r"<h3[^>]*>t(\d+)\b|^### t(\d+):", text, flags=re.MULTILINE)
    assert len(headings) == SHOWN


def test_json_stays_complete(big: Path) -> None:
    import json

    card = json.loads(run("score", "-f", "json", big))
    assert len(card["touchpoints"]) == SHOWN + 10
    assert len(card["chains"]) == SHOWN + 3
