"""Scoring results are values: equal when their fields are, usable as keys, sent between
processes intact, and never changed once made (mypy --strict refuses the assignment; at run time
they are plain slotted dataclasses, which scoring makes faster: touchaudit/records.py)."""

from __future__ import annotations

import pickle
from pathlib import Path

from mypy import api

from touchaudit.reading.loader import load_audit
from touchaudit.scoring.score import score_audit

ROOT = Path(__file__).resolve().parents[1]
AFTER = ROOT / "audits" / "electronics-after.yaml"


def test_results_compare_and_hash_by_value_and_survive_pickling() -> None:
    card = score_audit(load_audit(AFTER))
    again = score_audit(load_audit(AFTER))
    assert again.gaps == card.gaps
    assert {*card.gaps} == {*again.gaps}
    sent = pickle.loads(pickle.dumps(card))
    assert sent.gaps == card.gaps
    assert sent.plan == card.plan
    assert sent.touchpoints == card.touchpoints


def test_code_that_changes_a_result_does_not_type_check(tmp_path: Path) -> None:
    code = tmp_path / "changes_a_result.py"
    code.write_text(
        "from touchaudit.scoring.results import CriterionScore, Gap, GapKind\n"
        "gap = Gap(GapKind.UNMEASURED, 'site', 'lcp', 1.0, 'LCP is not measured')\n"
        "gap.impact = 2.0\n"
        "def raise_score(c: CriterionScore) -> None:\n"
        "    c.score = 100.0\n"
        "from touchaudit.reading.errors import Problem\n"
        "from touchaudit.render.findings import Finding\n"
        "def move(p: Problem, f: Finding) -> None:\n"
        "    p.line = 3\n"
        "    f.message = 'fine'\n",
        encoding="utf-8",
    )
    out, _, status = api.run(["--strict", "--no-incremental", "--follow-imports=silent", str(code)])
    assert status == 1, out
    assert 'Property "impact" defined in "Gap" is read-only' in out
    assert 'Property "score" defined in "CriterionScore" is read-only' in out
    assert 'Property "line" defined in "Problem" is read-only' in out
    assert 'Property "message" defined in "Finding" is read-only' in out
