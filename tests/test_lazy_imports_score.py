"""`score` in a machine format imports no terminal renderer: Rich only when something is shown."""

from __future__ import annotations

from test_lazy_imports import SAMPLE, imported_by


def test_score_json_does_not_import_rich() -> None:
    loaded = imported_by("score", "--format", "json", "--jobs", "1", str(SAMPLE))
    assert "rich" not in loaded
    assert "jinja2" not in loaded
