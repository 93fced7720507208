"""The Markdown report's journey diagram in Mermaid's own renderer, as GitHub draws it.

`@mermaid-js/mermaid-cli` (npm; `.ci/run` installs it into .ci/node) renders each diagram with
the system Chromium. Skipped, with the reason, when mmdc or Chromium is missing. Set
TOUCHAUDIT_MMDC to use another mmdc.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_report import GOLDEN, PAYLOADS, hostile_audit, report_text
from touchaudit.library.criteria import builtin_library
from touchaudit.render.pdf import find_chromium

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = find_chromium()
# GitHub shows a diagram in a column about 880 px wide and scales a wider one down to fit:
# up to 1,400 px the labels stay readable (the journey of 55 tasks was 10,256 px).
MAX_WIDTH = 1400


def find_mmdc() -> str | None:
    """$TOUCHAUDIT_MMDC, else the one .ci/run installs, else mmdc on PATH."""
    given = os.environ.get("TOUCHAUDIT_MMDC")
    if given:
        return shutil.which(given)
    installed = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "mmdc"
    return str(installed) if installed.exists() else shutil.which("mmdc")


MMDC = find_mmdc()

pytestmark = [
    pytest.mark.skipif(
        MMDC is None,
        reason="mermaid-cli not found: npm install --prefix .ci/node @mermaid-js/mermaid-cli "
        "(as .ci/run does), or set TOUCHAUDIT_MMDC",
    ),
    pytest.mark.skipif(
        CHROMIUM is None, reason="no Chromium for mermaid-cli (apt-get install chromium)"
    ),
]


def diagrams(markdown: str) -> list[str]:
    """The Mermaid fences of a Markdown text."""
    return re.findall(r"^```mermaid\n(.*?)^```$", markdown, re.MULTILINE | re.DOTALL)


def render(markdown: str, folder: Path) -> list[str]:
    """Every diagram of `markdown` rendered by mmdc in one browser session: their SVGs."""
    assert MMDC is not None
    assert CHROMIUM is not None
    config = folder / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": CHROMIUM, "args": ["--no-sandbox"]}))
    source = folder / "diagrams.md"
    source.write_text(markdown, encoding="utf-8")
    done = subprocess.run(
        [MMDC, "--quiet", "-p", str(config), "-i", str(source), "-o", str(folder / "out.md")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    count = len(diagrams(markdown))
    return [(folder / f"out-{i}.svg").read_text(encoding="utf-8") for i in range(1, count + 1)]


def width(svg: str) -> float:
    """The width Mermaid gives the diagram (its style's max-width)."""
    found = re.search(r'<svg[^>]*style="max-width: ([\d.]+)px', svg)
    assert found, svg[:300]
    return float(found.group(1))


@pytest.mark.parametrize("golden", ["single.md", "clinic-vs.md", "before-after.md"])
def test_the_sample_reports_journeys_render_and_fit_githubs_column(
    tmp_path: Path, golden: str
) -> None:
    markdown = (GOLDEN / golden).read_text(encoding="utf-8")
    [svg] = render(markdown, tmp_path)
    assert 'aria-roledescription="flowchart' in svg
    assert width(svg) <= MAX_WIDTH
    stages = re.findall(r'^  subgraph s\d+\["(.*)"\]$', diagrams(markdown)[0], re.MULTILINE)
    assert stages
    for stage in stages:
        assert stage in svg


def test_audit_text_is_never_mermaid_syntax(tmp_path: Path) -> None:
    markdown = ""
    for number, payload in enumerate(PAYLOADS):
        folder = tmp_path / str(number)
        folder.mkdir()
        ours = hostile_audit(folder, payload)
        theirs = hostile_audit(folder, payload, " rival")
        report = report_text(folder, "markdown", ours, "--vs", theirs)
        markdown += "".join(f"```mermaid\n{d}```\n\n" for d in diagrams(report))
    svgs = render(markdown, tmp_path)
    assert len(svgs) == len(PAYLOADS)
    for fence, svg in zip(diagrams(markdown), svgs, strict=True):
        # The nodes drawn are exactly the ones the template wrote: the text made none.
        written = set(re.findall(r"\b(n\d+)\[", fence))
        assert set(re.findall(r'id="[^"]*flowchart-(n\d+)-\d+"', svg)) == written
        assert "<script" not in svg
        assert "javascript:" not in svg
        assert "onerror=" not in svg
        assert "<img" not in svg


def generated_audit(folder: Path, company: str, seed: int, touchpoints: int) -> Path:
    """An audit from the benchmark's generator (bench/generate.py), written to `folder`."""
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    text = generate.audit_text(
        random.Random(seed),
        builtin_library(),
        company=company,
        touchpoints=touchpoints,
        criteria=touchpoints * 5,
    )
    path = folder / f"{company}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_large_audits_journey_still_renders_and_fits(tmp_path: Path) -> None:
    # 300 touchpoints a side: within Mermaid's limits on text and edges, and no wider.
    ours = generated_audit(tmp_path, "ours", 5, 300)
    theirs = generated_audit(tmp_path, "theirs", 6, 300)
    [svg] = render(report_text(tmp_path, "markdown", ours, "--vs", theirs), tmp_path)
    assert "Maximum text size" not in svg
    assert width(svg) <= MAX_WIDTH


def test_the_progress_report_draws_its_trend_line(tmp_path: Path) -> None:
    markdown = (GOLDEN / "progress.md").read_text(encoding="utf-8")
    svgs = render(markdown, tmp_path)
    assert any('aria-roledescription="xychart' in svg for svg in svgs), [s[:200] for s in svgs]
    assert all(width(svg) <= MAX_WIDTH for svg in svgs)
