"""`touchaudit report`: golden files for both formats, determinism, safe writes, inert payloads.

The golden files in tests/golden/ are the reports of the sample audits. After a deliberate change
to the report, regenerate them and review the diff:

    TOUCHAUDIT_UPDATE_GOLDEN=1 pytest tests/test_report.py
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from touchaudit.cli.app import DocumentFormat, app
from touchaudit.comparison import report as core
from touchaudit.comparison.compare import compare_loaded, load_comparison
from touchaudit.comparison.result import Comparison, PresenceKind
from touchaudit.reading.errors import UsageError
from touchaudit.render import pdf, templated
from touchaudit.render.output import write_atomic

ROOT = Path(__file__).resolve().parents[1]
AUDITS = ROOT / "audits"
GOLDEN = Path(__file__).parent / "golden"
TEMPLATES = ROOT / "templates"
OURS = AUDITS / "clinic-contacts-only.yaml"
THEIRS = AUDITS / "clinic-many-touchpoints.yaml"
SINGLE = AUDITS / "electronics-before.yaml"
UPDATE = os.environ.get("TOUCHAUDIT_UPDATE_GOLDEN") == "1"


def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run `touchaudit` in-process: exit code, stdout, stderr."""
    result = CliRunner().invoke(app, [str(a) for a in args], env=env)
    return result.exit_code, result.stdout, result.stderr


def report_text(tmp_path: Path, fmt: str, *args: str | Path) -> str:
    """A report written with -o, read back."""
    out = tmp_path / f"report.{'md' if fmt == 'markdown' else fmt}"
    code, _, err = run("report", *args, "--format", fmt, "-o", out)
    assert code == 0, err
    return out.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- golden files

# Relative paths, run from the repository root: the report names the file that defines a custom
# criterion as it was given, and the golden files must not depend on where the checkout lives.
CASES = {
    "clinic-vs": (
        "audits/clinic-contacts-only.yaml",
        "--vs",
        "audits/clinic-many-touchpoints.yaml",
    ),
    "single": ("audits/electronics-before.yaml",),
    # last quarter's audit of the same company, under the labels the reader knows them by
    "before-after": (
        "audits/electronics-after.yaml",
        "--vs",
        "audits/electronics-before.yaml",
        "-l",
        "after",
        "-l",
        "before",
    ),
    # the same audits as its progress over time (--trend): a chart and the trend's tables
    "progress": (
        "audits/electronics-after.yaml",
        "--trend",
        "audits/electronics-before.yaml",
        "-l",
        "after",
        "-l",
        "before",
    ),
}


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.usefixtures("in_root")
@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_report_matches_golden_file(tmp_path: Path, case: str, fmt: str) -> None:
    text = report_text(tmp_path, fmt, *CASES[case])
    golden = GOLDEN / f"{case}.{'md' if fmt == 'markdown' else 'html'}"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.exists(), f"no golden file: run TOUCHAUDIT_UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.usefixtures("in_root")
def test_markdown_goes_to_stdout_without_output() -> None:
    code, out, _ = run("report", *CASES["clinic-vs"])
    assert code == 0
    assert out == (GOLDEN / "clinic-vs.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- labels

AFTER, BEFORE = AUDITS / "electronics-after.yaml", AUDITS / "electronics-before.yaml"


def test_two_audits_of_one_company_are_told_apart_by_file_name() -> None:
    code, out, err = run("report", AFTER, "--vs", BEFORE)
    assert code == 0, err
    assert "| electronics-after (this audit) |" in out
    assert "| electronics-before |" in out
    assert "| Realme (case study) |" not in out


def test_last_quarters_audit_is_not_called_a_competitor(tmp_path: Path) -> None:
    html = report_text(tmp_path, "html", AFTER, "--vs", BEFORE, "-l", "after", "-l", "before")
    assert "<strong>after</strong> (this audit)" in html
    assert "<strong>before</strong> (another audit of ours)" in html
    assert "(competitor)" not in html


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        (["after"], "give one --label per audit: 2 audits, 1 labels"),
        (["same", "same"], "each --label must be different"),
        (["after", "be\x1bfore"], "contains"),
    ],
)
def test_report_labels_follow_the_rules_of_compare(labels: list[str], message: str) -> None:
    given = [arg for label in labels for arg in ("-l", label)]
    code, out, err = run("report", AFTER, "--vs", BEFORE, *given)
    assert code == 2
    assert out == ""
    assert message in err


def test_same_inputs_give_identical_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    for out in (first, second):
        assert run("report", OURS, "--vs", THEIRS, "-o", out)[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_every_format_has_a_shipped_template() -> None:
    assert set(templated.TEMPLATES) == {f.value for f in DocumentFormat}
    for name in templated.TEMPLATES.values():
        assert (TEMPLATES / name).is_file()


def test_templates_are_found_in_the_checkout_or_the_package() -> None:
    dirs = templated.template_dirs()
    assert dirs, "no template folder found"
    assert all((d / "report.html.jinja2").is_file() for d in dirs)


# --------------------------------------------------------------------------- the date


def undated_copy(tmp_path: Path) -> Path:
    """The single sample without its `audited_on` line."""
    lines = SINGLE.read_text(encoding="utf-8").splitlines(keepends=True)
    copy = tmp_path / "undated.yaml"
    copy.write_text("".join(x for x in lines if not x.startswith("audited_on:")), "utf-8")
    return copy


@pytest.mark.parametrize(
    ("given", "audited_on", "epoch", "expected"),
    [
        ("2026-01-02", "2024-02-05", "1700000000", ("2026-01-02", "--date")),
        (None, "2024-02-05", "1700000000", ("2024-02-05", "audited_on")),
        (None, None, "1700000000", ("2023-11-14", "SOURCE_DATE_EPOCH")),
        (None, None, None, ("undated", "none")),
        (None, None, "", ("undated", "none")),
    ],
)
def test_report_date_never_comes_from_the_clock(
    given: str | None, audited_on: str | None, epoch: str | None, expected: tuple[str, str]
) -> None:
    from datetime import date

    parse = date.fromisoformat
    shown = core.report_date(
        parse(given) if given else None, parse(audited_on) if audited_on else None, epoch
    )
    assert shown == expected


def test_source_date_epoch_is_respected(tmp_path: Path) -> None:
    audit = undated_copy(tmp_path)
    code, out, _ = run("report", audit, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert code == 0
    assert "Report date: 2023-11-14" in out
    code, out, _ = run("report", audit, env={"SOURCE_DATE_EPOCH": ""})
    assert "Report date: undated" in out
    code, out, _ = run("report", audit, "--date", "2025-03-04", env={"SOURCE_DATE_EPOCH": "1"})
    assert "Report date: 2025-03-04" in out


@pytest.mark.parametrize("epoch", ["yesterday", "1.5", "99999999999999999999"])
def test_bad_source_date_epoch_is_a_usage_error(tmp_path: Path, epoch: str) -> None:
    code, _, err = run("report", undated_copy(tmp_path), env={"SOURCE_DATE_EPOCH": epoch})
    assert code == 2
    assert "SOURCE_DATE_EPOCH" in err


# --------------------------------------------------------------------------- writing


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_html_and_pdf_need_an_output_file(fmt: str) -> None:
    code, out, err = run("report", OURS, "--format", fmt)
    assert code == 2
    assert out == ""
    assert "needs -o PATH" in err


@pytest.mark.parametrize(
    ("output", "fmt"),
    [
        (OURS, "markdown"),
        (THEIRS, "html"),
        (AUDITS / ".." / "audits" / OURS.name, "html"),  # the same file, spelled differently
    ],
)
def test_refuses_to_write_over_an_input(output: Path, fmt: str) -> None:
    before = OURS.read_bytes(), THEIRS.read_bytes()
    code, _, err = run("report", OURS, "--vs", THEIRS, "--format", fmt, "-o", output)
    assert code == 2
    assert "is one of the input files (an input audit); refusing to overwrite it" in err
    assert (OURS.read_bytes(), THEIRS.read_bytes()) == before


def test_format_follows_the_output_suffix(tmp_path: Path) -> None:
    assert report_text(tmp_path, "html", OURS).startswith("<!DOCTYPE html>")
    out = tmp_path / "plain.md"
    assert run("report", OURS, "-o", out)[0] == 0
    assert out.read_text(encoding="utf-8").startswith("# Customer touchpoint audit")


def test_a_failed_render_leaves_the_old_report_alone(tmp_path: Path) -> None:
    broken = tmp_path / "brand"
    broken.mkdir()
    (broken / "_method.html.jinja2").write_text("{{ no_such_variable }}", encoding="utf-8")
    out = tmp_path / "out" / "report.html"
    out.parent.mkdir()
    out.write_text("the previous report", encoding="utf-8")
    code, _, err = run("report", OURS, "-o", out, "--template-dir", broken)
    assert code == 1
    assert "_method.html.jinja2:1" in err
    assert "no_such_variable" in err
    assert out.read_text(encoding="utf-8") == "the previous report"
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]


def test_atomic_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(UsageError, match=r"cannot write --output .*: No space"):
        write_atomic(target, "new " * 100_000)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_written_report_is_readable_by_others(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    assert run("report", OURS, "-o", out)[0] == 0
    assert out.stat().st_mode & 0o044 == 0o044 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_missing_output_folder_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("report", OURS, "-o", tmp_path / "nowhere" / "report.html")
    assert code == 2
    assert "does not exist" in err


# --------------------------------------------------------------------------- templates


def test_template_dir_overrides_one_partial(tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "_method.md.jinja2").write_text(
        "## Method\n\nAsk Acme Consulting about {{ thresholds|length|md }} thresholds.\n",
        encoding="utf-8",
    )
    code, out, _ = run("report", OURS, "--template-dir", brand)
    assert code == 0
    assert "Ask Acme Consulting about" in out
    assert "## Action plan" in out  # the other shipped partials still render


MARKDOWN_SAFE_FILTERS = {
    *("md", "mermaid", "mermaid_score", "score", "pct", "impact", "band_md"),
    "int",  # a number the template counts (the diagram's node ids)
    *("score_range", "completeness", "provisional", "points"),  # numbers and our own words
    "trend_md",  # trend --format markdown's sections: each text escaped there (md, mermaid)
}


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.md.jinja2")))
def test_every_markdown_expression_is_escaped(template: str) -> None:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    for expression in re.findall(r"{{(.*?)}}", text):
        last = expression.rsplit("|", 1)[-1] if "|" in expression else ""
        last_filter = re.sub(r"\(\d+\)$", "", last.strip())  # `mermaid(30)`: a length
        if expression.strip().startswith('"') and "if" in expression:
            continue  # a literal chosen by a condition, like {{ "; " if not loop.last else "" }}
        assert last_filter in MARKDOWN_SAFE_FILTERS, f"{template}: {{{{{expression}}}}}"


# --------------------------------------------------------------------------- filters and core


@pytest.mark.parametrize(
    ("score", "task"),
    [(None, 1), (0.0, 1), (19.9, 1), (20.0, 2), (49.9, 3), (59.9, 3), (80.0, 5), (100.0, 5)],
)
def test_mermaid_task_scores_run_from_one_to_five(score: float | None, task: int) -> None:
    assert templated.mermaid_score(score) == task


@pytest.mark.parametrize(
    ("words", "conjunction", "text"),
    [
        ([], "or", ""),
        (["before"], "or", "before"),
        (["A", "B"], "or", "A or B"),
        (["A", "B", "C"], "and", "A, B and C"),
    ],
)
def test_joined_lists_the_sides_labels_as_a_sentence(
    words: list[str], conjunction: str, text: str
) -> None:
    assert templated.joined_text(words, conjunction) == text


def test_a_before_after_report_names_the_audits_by_their_labels() -> None:
    text = (GOLDEN / "before-after.md").read_text(encoding="utf-8")
    assert "| Only before has |" in text
    assert "before is scored with the same thresholds as after." in text
    assert "competitor" not in text.lower()


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("Call: back; now # 1\nnext", "Call back now 1 next"),
        ('<script>alert("x")</script>', "script alert( x ) /script"),
        ("a, b", "a b"),
        (":;#", "untitled"),
        ('x"] --> y["end', "x -- y end"),
    ],
)
def test_mermaid_text_drops_what_breaks_a_journey_line(text: str, safe: str) -> None:
    assert templated.mermaid_text(text) == safe


@pytest.mark.parametrize(
    ("text", "limit", "label"),
    [
        ("Clinic website", 30, "Clinic website"),
        ("Search ad laser treatment of varicose veins", 30, "Search ad laser treatment of…"),
        ("Supercalifragilisticexpialidocious", 12, "Supercalifr…"),
        ("Call-back from the (site) form", 22, "Call-back from the…"),
    ],
)
def test_mermaid_labels_are_cut_after_a_whole_word(text: str, limit: int, label: str) -> None:
    assert templated.mermaid_text(text, limit) == label
    assert len(label) <= limit


def clinics(labels: list[str] | None = None) -> Comparison:
    """The two clinic samples compared, the way `report OURS --vs THEIRS` compares them."""
    ours, theirs = load_comparison(str(OURS), [str(THEIRS)])
    return compare_loaded(ours, theirs, labels=labels)


def test_context_of_the_clinics() -> None:
    context = core.build_report(clinics())
    assert [s.company for s in context.sides] == ["Vein Line Medical Centre", "VenaCare Clinic"]
    assert [s.label for s in context.sides] == ["Vein Line Medical Centre", "VenaCare Clinic"]
    assert [s.id for s in context.journey] == [
        "awareness",
        "research",
        "comparison",
        "purchase",
        "post_purchase",
    ]
    only = {o.touchpoint.id for o in context.their_only}
    assert {"live_chat", "telegram", "callback", "doctor_consultation"} <= only
    assert all(m is not None and m.by == "id" for v in context.touchpoints for m in v.matches)
    assert len(context.top_gaps) == 3
    assert context.gaps[0].gap.impact >= context.gaps[-1].gap.impact
    (booking,) = context.chains
    assert booking.weakest == "contextual_ad"  # the ad to the home page scores lowest
    assert booking.weakest_step is not None
    assert booking.weakest_step.name == 'Search ad "laser treatment of varicose veins"'
    assert booking.score == min(s.score for s in booking.steps if s.score is not None)


def test_the_report_lays_out_the_comparison_it_is_given() -> None:
    comparison = clinics(["us", "them"])
    context = core.build_report(comparison)
    assert context.sides == comparison.sides
    assert [s.label for s in context.sides] == ["us", "them"]
    shown = [m for view in context.touchpoints for m in view.matches if m is not None]
    assert all(any(m is pair for pair in comparison.matches) for m in shown)  # matched once
    assert [g.gap for g in context.gaps] == list(comparison.gaps)
    unmatched = [p.touchpoint for p in comparison.missing if p.kind is PresenceKind.TOUCHPOINT]
    assert [o.touchpoint.id for o in context.their_only] == unmatched
    assert {o.side.label for o in context.their_only} == {"them"}


def test_the_criterion_rows_are_the_comparisons_every_criterion_measured_or_not() -> None:
    comparison = clinics()
    context = core.build_report(comparison)
    pairs = zip(context.touchpoints, comparison.touchpoints, strict=True)
    assert all(shown is view for shown, view in pairs)  # made once, by the comparison
    rows = [r for view in comparison.touchpoints for r in view.rows]
    unmeasured = [r for r in rows if all(c is None or c.score is None for c in r.cells)]
    assert unmeasured  # shown in the report, though no delta has them
    deltas = {(d.match.ours.id, d.criterion.id) for d in comparison.criteria}
    for view in comparison.touchpoints:
        (match,) = view.matches
        measured = {
            r.criterion.id
            for r in view.rows
            if any(c is not None and c.score is not None for c in r.cells)
        }
        expected = {(view.touchpoint.id, c) for c in measured} if match else set()
        assert {d for d in deltas if d[0] == view.touchpoint.id} == expected


def test_a_report_without_competitors_shows_our_gaps_and_journey_holes() -> None:
    ours, _ = load_comparison(str(OURS), [])
    comparison = compare_loaded(ours, [])
    context = core.build_report(comparison)
    assert context.theirs == ()
    assert [g.gap for g in context.gaps] == list(comparison.ours.card.gaps)
    purchase = next(s for s in context.journey if s.id == "purchase")
    assert [h.label for h in purchase.holes] == ["Online appointment booking"]
    (booking,) = purchase.holes
    journey = comparison.ours.card.journey
    assert journey is not None
    assert booking.item in next(s for s in journey.stages if s.id == "purchase").items
    assert all(view.matches == () for view in context.touchpoints)


def test_the_heatmap_shows_the_scorecards_own_channel_in_stage_scores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each scorecard scores its channel-in-stage cells once, when a report first shows them
    (no output of `score` does); the heatmap shows those, and a second report reuses them."""
    from touchaudit.scoring import score as scoring

    comparison = clinics()
    made = []
    group_score = scoring.group_score
    monkeypatch.setattr(scoring, "group_score", lambda *a: made.append(a) or group_score(*a))
    context = core.build_report(comparison)
    assert len(made) == sum(len(side.card.channel_stages) for side in comparison.sides)
    for heatmap, side in zip(context.heatmaps, comparison.sides, strict=True):
        assert heatmap.side is side
        for row in heatmap.rows:
            for stage, cell in zip(context.stages, row.cells, strict=True):
                assert cell == side.card.channel_stage(row.id, stage.id)
    made.clear()
    core.build_report(comparison)
    assert made == []


# --------------------------------------------------------------------------- PDF without Chromium


def test_pdf_without_chromium_says_how_to_get_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "KNOWN_PATHS", ())
    out = tmp_path / "report.pdf"
    code, _, err = run("report", OURS, "-o", out, env={"PATH": str(tmp_path)})
    assert code == 2
    assert "apt-get install chromium" in err
    assert "--format html" in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_chromium_override_must_exist(tmp_path: Path) -> None:
    code, _, err = run(
        "report",
        OURS,
        "-o",
        tmp_path / "r.pdf",
        env={"TOUCHAUDIT_CHROMIUM": str(tmp_path / "none")},
    )
    assert code == 2
    assert "TOUCHAUDIT_CHROMIUM" in err


def test_a_browser_that_fails_is_one_line_and_no_file(tmp_path: Path) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'Missing X server or $DISPLAY' >&2\nexit 3\n")
    fake.chmod(0o755)
    out = tmp_path / "report.pdf"
    code, _, err = run("report", OURS, "-o", out, env={"TOUCHAUDIT_CHROMIUM": str(fake)})
    assert code == 1
    assert err.strip() == (
        f"touchaudit: error: {fake} stopped with exit code 3: Missing X server or $DISPLAY"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chromium"]


# --------------------------------------------------------------------------- HTML structure


class Outline(HTMLParser):
    """Headings, tables, SVGs and every tag and attribute of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.lang: str | None = None
        self.svgs: list[dict[str, str | None]] = []
        self.svg_titles = 0
        self.th_scopes: list[str | None] = []
        self.tables = 0
        self._in_svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag == "svg":
            self.svgs.append(dict(attrs))
            self._in_svg += 1
        if tag == "title" and self._in_svg:
            self.svg_titles += 1
        if tag == "th":
            self.th_scopes.append(dict(attrs).get("scope"))
        if tag == "table":
            self.tables += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._in_svg -= 1


@pytest.fixture(scope="module")
def clinic_html() -> str:
    return (GOLDEN / "clinic-vs.html").read_text(encoding="utf-8")


def test_html_is_self_contained(clinic_html: str) -> None:
    assert "<script" not in clinic_html
    assert "://" not in clinic_html
    # One link: the icon, inline, so a served report asks for no /favicon.ico.
    [link] = re.findall(r"<link\b[^>]*>", clinic_html)
    assert link.startswith('<link rel="icon" href="data:image/svg+xml,')
    assert "@import" not in clinic_html
    assert "url(" not in clinic_html


def test_html_is_accessible(clinic_html: str) -> None:
    page = Outline()
    page.feed(clinic_html)
    assert page.lang == "en"
    assert page.headings[0] == 1
    assert page.headings.count(1) == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, "a heading level is skipped"
    assert len(page.svgs) == 3  # a heatmap per company and the stage bars
    for svg in page.svgs:
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby")
    assert page.svg_titles >= len(page.svgs)
    assert page.tables > 0
    assert all(scope in {"col", "row", "colgroup"} for scope in page.th_scopes)


def _luminance(colour: str) -> float:
    hex_digits = colour.lstrip("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("band", ["good", "needs", "poor", "none"])
def test_band_colours_pass_wcag_aa(band: str) -> None:
    css = (TEMPLATES / "_style.html.jinja2").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})", css))
    assert contrast(colours[f"{band}-ink"], colours[f"{band}-bg"]) >= 4.5
    assert contrast(colours[f"{band}-ink"], colours["paper"]) >= 4.5


@pytest.mark.parametrize("fill", ["#0c6", "#fa3", "#f33", "#f2f2f2"])
def test_heatmap_text_passes_wcag_aa_on_every_fill(fill: str) -> None:
    assert fill in (TEMPLATES / "_heatmap.html.jinja2").read_text(encoding="utf-8")
    assert contrast("#000", fill) >= 4.5


# --------------------------------------------------------------------------- payloads

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "a | b || c",
    "line one\nline two\r\n# heading",
    "`code` *bold* _em_ ~~strike~~ <b>bold</b>",
    "<!-- comment --> &amp; &lt;script&gt;",
    "He said \"hi\" & 'bye'; x: y # z",
    "section Pwned",
    "title Pwned",
    "::error file=x::INJECTED",
    "Site\n::error file=x::INJECTED\n::add-mask::secret\n::stop-commands::tok",
    "[link=https://evil.example/]Official site[/link]",
    "[/]",
    "%%{init: {'theme': 'dark'}}%%",
    'end"] --> x["subgraph evil',
    "click n0 href javascript:alert(1)",
    "style n0 fill:#f00 ~~~ n1 --> n2",
]


def yaml_text(text: str) -> str:
    """A YAML double-quoted scalar."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r") + '"'


def hostile_audit(folder: Path, payload: str, company_suffix: str = "") -> Path:
    """An audit with the payload in every free-text field.

    Fields shown on one line refuse line breaks (docs/format.md): they get the payload on one
    line; notes, note and recommendation get it whole. A carriage return is refused everywhere.
    """
    payload = payload.replace("\r", "")
    p = yaml_text(payload)
    line = " ".join(payload.split("\n"))
    c = yaml_text(line[:150] + company_suffix)
    p, many = yaml_text(line), p
    text = f"""touchaudit: 1
company: {c}
audited_on: 2026-01-01
auditor: {p}
criteria:
  hostile_check:
    label: {p}
    channel: website
    type: boolean
    recommendation: {many}
touchpoints:
  site:
    channel: website
    name: {p}
    owner: {p}
    notes: {many}
    criteria:
      load_time: {{value: 4 s, note: {many}, evidence: {p}}}
      hostile_check: no
  phone:
    channel: phone
    name: {p}
    criteria:
      answer_time: 30 s
chains:
  path:
    name: {p}
    steps: [site, phone]
"""
    path = folder / f"hostile{company_suffix}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


class Markup(HTMLParser):
    """Every tag and attribute, and the text, of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs.extend((k, v or "") for k, v in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


SHIPPED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "nav", "ol",
    "ul", "li", "a", "section", "h1", "h2", "h3", "p", "strong", "em", "span", "br", "div",
    "table", "caption", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "svg",
    "desc", "text", "g", "rect", "code", "link",
}  # fmt: skip


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_inert_in_html(tmp_path: Path, payload: str) -> None:
    ours = hostile_audit(tmp_path, payload)
    theirs = hostile_audit(tmp_path, payload, " rival")
    html = report_text(tmp_path, "html", ours, "--vs", theirs)
    page = Markup()
    page.feed(html)
    assert page.tags <= SHIPPED_TAGS
    assert not [k for k, _ in page.attrs if k.startswith("on")]
    links = [v for k, v in page.attrs if k == "href"]
    # Only anchors within the page, and the shipped icon (an image: no script, no request).
    assert not [v for v in links if not v.startswith(("#", "data:image/svg+xml,%3Csvg "))]
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    first_line = payload.splitlines()[0]
    assert any(first_line in t for t in page.text), "the payload is shown as text"


def table_blocks(markdown: str) -> list[list[str]]:
    """The GFM tables of a Markdown text, as lists of lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks + ([current] if current else [])


def cells(line: str) -> int:
    """Unescaped pipes in a table line."""
    return len(re.findall(r"(?<!\\)\|", line))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_inert_in_markdown(tmp_path: Path, payload: str) -> None:
    ours = hostile_audit(tmp_path, payload)
    theirs = hostile_audit(tmp_path, payload, " rival")
    md = report_text(tmp_path, "markdown", ours, "--vs", theirs)
    assert not re.search(r"(?<!\\)<", md), "raw HTML in the Markdown"
    assert not re.search(r"(?<!\\)\]\(javascript", md), "a live link"
    assert not re.search(r"^\s*#+ ?heading", md, re.MULTILINE)
    blocks = table_blocks(md)
    assert blocks
    for block in blocks:
        assert re.fullmatch(r"\|(-{3}:?\|)+", block[1]), block[1]
        assert {cells(line) for line in block} == {cells(block[1])}, block
    fence = md.split("```mermaid\n", 1)[1].split("```", 1)[0]
    # Audit text only ever sits in a quoted label or the accessible title, and cannot close
    # either: no quote, bracket, markup, comment, link or new statement (a leading Mermaid
    # entity such as `#115;` hides a journey keyword).
    text = r'(?:[^"\[\]<>{}|`#;&%\n]|#\d+;)+'
    node = rf'n\d+\["{text}"\](:::(hole|theirs|earlier))?'
    statements = [
        rf"flowchart LR|  accTitle: {text}|  accDescr: [\w ,]+|  classDef \w+ [\w :-]+",
        rf'  subgraph s\d+\["{text}"\]|    direction TB|  end|  s1( ~~~ s\d+)*',
        rf"    (n\d+ ~~~ )?{node}",
    ]
    for line in fence.splitlines():
        assert re.fullmatch("|".join(statements), line), line
