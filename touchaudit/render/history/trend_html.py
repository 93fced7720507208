"""`touchaudit trend --format html`: one self-contained page (templates/trend.html.jinja2) with an
inline SVG line chart of the overall and stage scores, its data table beside it; laid out by
trend_view.py, which the report's "Progress over time" section shares."""

from __future__ import annotations

from touchaudit.comparison.trend_result import Trend
from touchaudit.render.history.trend_view import view
from touchaudit.render.templated import render

TEMPLATE = "trend.html.jinja2"


def trend(t: Trend) -> str:
    """`touchaudit trend --format html`."""
    return render(TEMPLATE, view(t))
