"""Markdown meant for pull-request comments and job summaries always fits GitHub's limits
(65,536 characters a comment, 1 MiB a step's summary): the headline and the first fixes come
first, the detail is folded in <details>, and a cut says what it left out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import bench_generate
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from touchaudit.cli.app import app
from touchaudit.render.fit import COMMENT_LIMIT, STEP_SUMMARY_LIMIT, Block, fit, opening

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = str(ROOT / "audits" / "clinic-many-touchpoints.yaml")
RIVAL = str(ROOT / "audits" / "clinic-contacts-only.yaml")
CUT = "✂️ **Cut here to fit"


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Four generated audits of ~40 touchpoints: over 100,000 characters of Markdown whole."""
    folder = tmp_path_factory.mktemp("many")
    return [str(p) for p in bench_generate().write_corpus(folder, 4, seed=21)]


def markdown(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--format", "markdown"])
    assert result.exit_code == 0, result.output
    return result.stdout


def assert_well_formed(text: str) -> None:
    """Every <details> closed, and no table cut in the middle: the cut falls between blocks, and
    markdown-it (CommonMark with GFM tables, as Rich ships it) reads every table as one."""
    assert text.count("<details>") == text.count("</details>")
    before_cut = text.split(CUT, 1)[0].rstrip("\n").splitlines()
    assert not before_cut[-1].startswith("|") or before_cut[-2].startswith("|")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    tables = sum(1 for t in tokens if t.type == "table_open")
    assert tables == len(re.findall(r"^\|---", text, re.MULTILINE))


def test_a_comment_of_many_audits_fits_github_s_limit(many: list[str]) -> None:
    whole = markdown("score", *many, "--max-chars", "0")
    assert len(whole) > COMMENT_LIMIT  # the case the limit is for
    assert CUT not in whole
    text = markdown("score", *many)
    assert len(text) <= COMMENT_LIMIT
    assert_well_formed(text)
    # Every audit's headline and first fixes come before any detail.
    headlines = [m.start() for m in re.finditer(r"^## ", text, re.MULTILINE)]
    assert len(headlines) == len(many)
    assert max(headlines) < text.index("<details>")
    assert text.count("### Action plan") == len(many)
    # The last line says what was left out.
    last = text.rstrip("\n").splitlines()[-1]
    assert last.startswith(CUT)
    assert "65,536 characters (GitHub's limit for a comment)" in last
    assert "Left out: " in last
    assert "touchpoints" in last


@pytest.mark.parametrize("limit", [1000, 5000, 20_000])
def test_max_chars_sets_the_limit(many: list[str], limit: int) -> None:
    text = markdown("score", *many, "--max-chars", str(limit))
    assert len(text) <= limit
    assert text.startswith("## ")
    assert f"{limit:,} characters (--max-chars)" in text
    assert_well_formed(text)


def test_an_audit_that_fits_is_whole_and_unchanged() -> None:
    text = markdown("score", SAMPLE)
    assert CUT not in text
    assert_well_formed(text)
    assert text == markdown("score", SAMPLE, "--max-chars", "0")
    assert text.index("### Action plan") < text.index("<details>") < text.index("### By stage")
    assert text.rstrip().endswith("</details>")


def test_a_comparison_fits_and_folds_its_detail(many: list[str]) -> None:
    text = markdown("compare", *many[:2], "--max-chars", "3000")
    assert len(text) <= 3000
    assert_well_formed(text)
    assert text.startswith("## ")
    whole = markdown("compare", SAMPLE, RIVAL)
    assert CUT not in whole
    assert whole.index("| Overall |") < whole.index("<details>") < whole.index("### By stage")


def test_a_limit_below_a_headline_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["score", SAMPLE, "--format", "markdown", "--max-chars", "50"])
    assert result.exit_code == 2
    assert "--max-chars must be 0 (no limit) or at least 1,000" in result.stderr


@pytest.mark.parametrize("command", ["score", "compare"])
def test_the_job_summary_fits_the_room_left_in_the_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, many: list[str], command: str
) -> None:
    # An earlier command of the same step left 1 MiB less 4,000 bytes.
    summary = tmp_path / "summary.md"
    summary.write_bytes(b"x" * (STEP_SUMMARY_LIMIT - 4000))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    args = [command, *many[:2]] if command == "compare" else [command, *many]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert summary.stat().st_size <= STEP_SUMMARY_LIMIT
    added = summary.read_bytes()[STEP_SUMMARY_LIMIT - 4000 :].decode("utf-8")
    assert "bytes (GitHub's limit for a job summary)" in added
    assert_well_formed(added)


def test_the_job_summary_of_a_small_audit_is_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert CliRunner().invoke(app, ["score", SAMPLE, "--fail-under", "50"]).exit_code == 0
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("✅ **touchaudit gate**")
    assert CUT not in text
    assert "### Touchpoints" in text


def test_fit_keeps_whole_blocks_and_names_what_it_left_out() -> None:
    blocks = [
        Block("# head\n\n", "head"),
        opening("more"),
        *(Block("x" * 300 + "\n\n", f"part {i}") for i in range(10)),
        Block("\n</details>\n", "", -1),
    ]
    text = fit(blocks, 1500)
    assert len(text) <= 1500
    assert text.count("<details>") == text.count("</details>") == 1
    assert "Left out: part " in text
    assert fit(blocks, None) == "".join(b.text for b in blocks)
