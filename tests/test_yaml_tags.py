"""Plain scalars stay text whatever YAML 1.1 would make of them; merges work; tags are refused."""

from __future__ import annotations

import pytest

from touchaudit.reading.yamldoc import read_document


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a: 1:30", {"a": "1:30"}),
        ("a: NO", {"a": "NO"}),
        ("a: 1.10", {"a": "1.10"}),
        ("a: 2026-10-14", {"a": "2026-10-14"}),
        ("a: =", {"a": "="}),
        ("a: ~", {"a": None}),
        ("a: null", {"a": None}),
        ("a:", {"a": None}),
        ("a: 'null'", {"a": "null"}),
        ("a: !!str 5", {"a": "5"}),
        ("a: !!int 5", {"a": "5"}),
        (
            "base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3",
            {"base": {"x": "1", "y": "2"}, "c": {"y": "3", "x": "1"}},
        ),
        ("'<<': 1", {"<<": "1"}),
    ],
)
def test_plain_scalars_are_text(source: str, expected: object) -> None:
    doc = read_document(source.encode(), "t.yaml")
    assert doc.problems == []
    assert doc.data == expected


@pytest.mark.parametrize(
    ("source", "line", "column"),
    [
        ("a: !!python/object:os.system x", 1, 4),
        ("a: !!binary aGk=", 1, 4),
        ("a:\n  - !custom x", 2, 5),
    ],
)
def test_explicit_tags_are_refused(source: str, line: int, column: int) -> None:
    doc = read_document(source.encode(), "t.yaml")
    assert [(p.line, p.column, p.code) for p in doc.problems] == [(line, column, "yaml-tag")]
