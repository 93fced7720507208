"""A script can use touchaudit without the command line: the calls README names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import touchaudit

AUDITS = Path(__file__).resolve().parents[1] / "audits"


def test_a_script_scores_compares_and_reports() -> None:
    ours, theirs = AUDITS / "clinic-many-touchpoints.yaml", AUDITS / "clinic-contacts-only.yaml"
    card = touchaudit.score_audit(touchaudit.load_audit(ours))
    comparison = touchaudit.compare_files(ours, [theirs])
    context = touchaudit.build_report(comparison)
    assert card.score is not None
    assert comparison.ours.card.score == card.score
    whole = touchaudit.report_files(ours, [theirs])
    assert [s.label for s in context.sides] == [s.label for s in whole.sides]
    assert context.gaps == whole.gaps


def test_every_public_name_is_listed_and_unknown_names_fail() -> None:
    assert {"load_audit", "score_audit", "compare_files", "build_report"} <= set(touchaudit.__all__)
    with pytest.raises(AttributeError, match="nothing_here"):
        touchaudit.nothing_here  # noqa: B018


def test_importing_the_package_loads_no_core_module() -> None:
    code = "import sys, touchaudit; print(sorted(m for m in sys.modules if 'touchaudit' in m))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['touchaudit']"
