"""Why only double-quoted scalars are checked for unsafe characters after parsing (yamldoc).

Every character that `visible.first_unsafe` refuses in text is either refused in the raw file
before parsing, or (the carriage return) a line break that YAML turns into a line feed in every
scalar style. Only a double-quoted scalar's escapes can write one; each is refused there.
"""

from __future__ import annotations

import re

import pytest

from touchaudit.reading import visible, yamldoc
from touchaudit.reading.errors import Code

UNSAFE = [chr(c) for c in range(0x110000) if visible.first_unsafe(chr(c), one_line=False)]
STYLES = {
    "plain": "a: x{c}y\n",
    "plain key": "x{c}y: a\n",
    "single-quoted": "a: 'x{c}y'\n",
    "double-quoted": 'a: "x{c}y"\n',
    "literal": "a: |\n  x{c}y\n",
    "folded": "a: >\n  x{c}y\n",
    "flow": "a: [x{c}y]\n",
}


@pytest.fixture(params=[yamldoc.EventParser, yamldoc.PureParser], ids=["libyaml", "pure"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamldoc, "EventParser", request.param)


def _texts(data: object) -> list[str]:
    if isinstance(data, dict):
        return [*data, *(t for v in data.values() for t in _texts(v))]
    if isinstance(data, list):
        return [t for v in data for t in _texts(v)]
    return [data] if isinstance(data, str) else []


def test_the_unsafe_characters_are_the_ones_expected() -> None:
    assert "\r" in UNSAFE
    assert "\t" not in UNSAFE
    assert "\n" not in UNSAFE
    assert len(UNSAFE) == 76


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize("style", sorted(STYLES))
def test_no_unsafe_character_reaches_the_data_of_any_style_from_raw_text(style: str) -> None:
    for char in UNSAFE:
        doc = yamldoc.read_document(STYLES[style].format(c=char).encode(), "a.yaml")
        if doc.problems:
            continue  # refused: before parsing, or as a YAML error
        for text in _texts(doc.data):
            assert visible.first_unsafe(text, one_line=False) is None, (style, hex(ord(char)))


@pytest.mark.usefixtures("parser")
@pytest.mark.parametrize("escape", ["\\e", "\\r", "\\0", "\\x85", "\\u202e", "\\u2028", "\\x7f"])
def test_an_escape_in_a_double_quoted_value_or_key_is_refused(escape: str) -> None:
    for source in (f'a: "x{escape}y"\n', f'"x{escape}y": a\n'):
        doc = yamldoc.read_document(source.encode(), "a.yaml")
        assert [p.code for p in doc.problems] == [Code.INVISIBLE_CHARACTER], source
        assert re.search(r"U\+[0-9A-F]{4}", doc.problems[0].message)
