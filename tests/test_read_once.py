"""A command reads each audit file once, however many parts of it need the file.

A comparison reads a competitor's audit for the criteria it defines, then checks it with ours; a
trend reads every audit for its date before comparing them; `report --trend` does both with our
audit. Each file is still parsed once (the slow part), and the answers are those of reading it
afresh each time.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import touchaudit.reading.loader as loader
from touchaudit.comparison.compare import compare_files
from touchaudit.comparison.report import report_files
from touchaudit.comparison.trend import trend_files
from touchaudit.reading.loader import AuditReader, check_file
from touchaudit.render.json.compare import comparison as comparison_json

AUDITS = Path(__file__).resolve().parents[1] / "audits"
BEFORE, AFTER = AUDITS / "electronics-before.yaml", AUDITS / "electronics-after.yaml"
CLINIC, RIVAL = AUDITS / "clinic-contacts-only.yaml", AUDITS / "clinic-many-touchpoints.yaml"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each file is parsed."""
    counted: Counter[str] = Counter()
    parse = loader.read_document

    def counting(raw: bytes, file: str, **kwargs: int) -> loader.Document:
        counted[Path(file).name] += 1
        return parse(raw, file, **kwargs)

    monkeypatch.setattr(loader, "read_document", counting)
    return counted


def test_compare_parses_each_competitor_once(parses: Counter[str]) -> None:
    compare_files(CLINIC, [RIVAL, BEFORE])
    assert parses == {CLINIC.name: 1, RIVAL.name: 1, BEFORE.name: 1}


def test_a_report_with_a_trend_parses_our_audit_once(parses: Counter[str]) -> None:
    report = report_files(AFTER, [CLINIC], earlier_files=[BEFORE])
    assert report.trend is not None
    assert len(report.trend.points) == 2
    assert parses == {AFTER.name: 1, CLINIC.name: 1, BEFORE.name: 1}


def test_a_trend_parses_each_audit_once(parses: Counter[str]) -> None:
    trend_files([AFTER, BEFORE])
    assert parses == {AFTER.name: 1, BEFORE.name: 1}


def test_reading_once_answers_as_reading_afresh() -> None:
    """The same comparison, byte for byte, whether files are parsed once or every time."""
    once = comparison_json(compare_files(CLINIC, [RIVAL, BEFORE]))
    reader = AuditReader()
    for library_first in (None, check_file(CLINIC)[0]):
        library = library_first.library if library_first else None
        shared, problems = reader(str(RIVAL), library=library, keep_library_criteria=True)
        fresh, fresh_problems = check_file(RIVAL, library=library, keep_library_criteria=True)
        assert shared is not None
        assert fresh is not None
        assert shared.measurements == fresh.measurements
        assert problems == fresh_problems
    assert comparison_json(compare_files(CLINIC, [RIVAL, BEFORE])) == once


def test_an_unreadable_file_is_reported_each_time_it_is_read(tmp_path: Path) -> None:
    reader = AuditReader()
    missing = str(tmp_path / "gone.yaml")
    for _ in range(2):
        audit, problems = reader(missing)
        assert audit is None
        assert [p.code for p in problems] == ["unreadable"]


def test_a_large_audit_is_parsed_again_rather_than_kept(
    parses: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A parsed document is many times its file's size: past the reader's budget, memory wins."""
    monkeypatch.setattr(AuditReader, "KEPT_BYTES", AFTER.stat().st_size - 1)
    reader = AuditReader()
    first, _ = reader(str(AFTER))
    second, _ = reader(str(AFTER), keep_library_criteria=True)
    assert first is not None
    assert second is not None
    assert parses == {AFTER.name: 2}
    assert reader(str(AFTER))[0] is first  # a check already made is still answered once
