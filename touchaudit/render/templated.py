"""Reports rendered from Jinja2 templates: the one strict environment, its filters, and where
the templates live (the wheel's `touchaudit/templates`, else the checkout's `templates/`).

A `--template-dir` is searched first, so a consultancy can replace any template or partial.
HTML templates (`*.html.jinja2`) are autoescaped; Markdown templates escape explicitly with the
`md` and `mermaid` filters (tests/test_report.py checks that every expression does).
"""

from __future__ import annotations

import math
import traceback
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from touchaudit.comparison.trend_result import Trend
from touchaudit.reading.errors import TouchauditError
from touchaudit.render.cisafe import guard, guard_html
from touchaudit.render.history.trend_markdown import sections as trend_sections
from touchaudit.render.history.trend_view import view as trend_view
from touchaudit.render.markdown import BAND_ICON, escape
from touchaudit.render.mermaid import mermaid_text
from touchaudit.render.wording import (
    completeness_text,
    not_applicable_text,
    points_text,
    provisional_text,
    range_text,
    score_text,
)
from touchaudit.scoring.results import Band

TEMPLATES = {
    "html": "report.html.jinja2",
    "markdown": "report.md.jinja2",
    "pdf": "report.html.jinja2",  # the HTML report, printed by Chromium
}


def template_dirs(template_dir: Path | None = None) -> list[Path]:
    """Where templates are looked up, first match wins: the override, then the shipped ones."""
    dirs = [template_dir] if template_dir is not None else []
    packaged = resources.files("touchaudit").joinpath("templates")
    if packaged.is_dir():
        dirs.append(Path(str(packaged)))
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if checkout.is_dir():
        dirs.append(checkout)
    return dirs


def _autoescape(name: str | None) -> bool:
    return name is not None and ".html" in name


def environment(template_dir: Path | None = None) -> jinja2.Environment:
    """The strict environment: unknown variables are errors, HTML templates are autoescaped."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(str(d)) for d in template_dirs(template_dir)]
        ),
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        score=score_text,
        score_range=range_of,
        completeness=completeness_text,
        provisional=provisional_text,
        not_applicable=not_applicable_text,
        pct=percent_text,
        impact=impact_text,
        points=points_text,
        md=escape,
        band_md=band_markdown,
        mermaid=mermaid_text,
        mermaid_score=mermaid_score,
        joined=joined_text,
        trend_view=trend_view,
        trend_md=trend_markdown,
    )
    return env


def render(name: str, context: Mapping[str, Any], template_dir: Path | None = None) -> str:
    """Render one template; a broken or unknown template is a TouchauditError naming it."""
    try:
        text = environment(template_dir).get_template(name).render(context)
        return guard_html(text) if name.endswith(".html.jinja2") else guard(text)
    except jinja2.TemplateSyntaxError as err:
        where = f"{err.filename or err.name}:{err.lineno}"
        raise TouchauditError(f"template {where}: {err.message}") from None
    except jinja2.TemplateNotFound as err:
        raise TouchauditError(f"template not found: {err.name}") from None
    except jinja2.UndefinedError as err:
        raise TouchauditError(f"template {_where(err) or name}: {err.message}") from None


def _where(err: Exception) -> str | None:
    """`file:line` of the template line that failed (Jinja puts template frames in tracebacks)."""
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.endswith(".jinja2")]
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else None


# --------------------------------------------------------------------------- filters


def range_of(scored: Any) -> str:
    """`41.0–77.0`: the range of a scorecard, stage, channel or touchpoint (`low`, `high`)."""
    return range_text(scored.low, scored.high)


def percent_text(share: float) -> str:
    """A 0-1 share as a whole percentage: `0.537` → `54%`."""
    return f"{share:.0%}"


def impact_text(points: float) -> str:
    """Points of overall score: `+3.2`."""
    return f"+{points:.1f}"


def joined_text(words: Iterable[object], conjunction: str) -> str:
    """Words as a sentence lists them: `A`, `A or B`, `A, B or C` (the sides' labels)."""
    items = [str(w) for w in words]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def trend_markdown(trend: Trend) -> str:
    """A trend's Mermaid chart and tables in Markdown, every text escaped (trend_markdown.py)."""
    return "\n".join(trend_sections(trend))


def band_markdown(band: Band) -> str:
    """A band in Markdown: a coloured mark and its name (never colour alone)."""
    return BAND_ICON[band]


def mermaid_score(score: float | None) -> int:
    """A 0-100 score as a Mermaid journey task score, 1-5: 1 + ⌊score / 20⌋, at most 5.

    Unscored touchpoints get 1, the bottom of the scale.
    """
    if score is None:
        return 1
    return min(5, 1 + math.floor(score / 20))
