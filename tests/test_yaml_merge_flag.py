"""A document in which no node has the merge tag is read without looking for `<<` keys
(Document.merges); one in which any node has it is read as before, whatever the spelling."""

from __future__ import annotations

from typing import Any

import pytest

from touchaudit.reading import yamldoc
from touchaudit.reading.loader import gap_positions

SOURCES = [
    "a: 1\nb: {c: 2}\n",
    "base: &b {x: 1, y: 2}\nuse: {<<: *b, y: 3}\n",
    "base: &b {x: 1}\nuse: {<<: [*b, {z: 2}], x: 5}\n",
    "base: &b {x: 1}\nuse:\n  !!merge <<: *b\n  y: 2\n",
    "base: &b {x: 1}\nuse:\n  !<tag:yaml.org,2002:merge> <<: *b\n",
    "base: &b {x: 1}\nuse:\n  !!m%65rge <<: *b\n",
    "%TAG !m! tag:yaml.org,2002:\n---\nbase: &b {x: 1}\nuse: {!m!merge <<: *b}\n",
    "use: {!!merge key: 1}\n",
    "use: {? !!merge [a]: 1}\n",
    "use: {<<: {x: 1}, x: 2, x: 3}\n",
    "use: {'<<': {x: 1}}\n",
    "touchpoints:\n  t: {<<: {criteria: {a: 1}}, channel: website}\n",
]


def _read(source: str) -> tuple[Any, list[Any], dict[Any, Any]]:
    doc = yamldoc.read_document(source.encode(), "a.yaml")
    positions = dict(gap_positions(doc).at) if doc.root is not None else {}
    return doc.data, doc.problems, positions


@pytest.mark.parametrize("source", SOURCES)
def test_the_merge_flag_changes_nothing_but_speed(
    source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _read(source)
    compose = yamldoc.compose
    monkeypatch.setattr(yamldoc, "compose", lambda text: (compose(text)[0], True))
    assert found == _read(source)


@pytest.mark.parametrize(
    ("source", "merges"),
    [
        (SOURCES[0], False),
        (SOURCES[1], True),
        (SOURCES[3], True),
        (SOURCES[5], True),
        (SOURCES[6], True),
        (SOURCES[8], True),
        (SOURCES[10], False),
    ],
)
def test_the_composer_sees_every_merge_tag(source: str, merges: bool) -> None:
    assert yamldoc.compose(source)[1] is merges
