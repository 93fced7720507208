"""The fast JSON writer gives exactly the text of json.dumps(indent=2, ensure_ascii=False)."""

from __future__ import annotations

import json
import math
from enum import IntEnum, StrEnum
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from touchaudit.jsontext import dumps


def reference(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


class Colour(StrEnum):
    RED = "red"


class Level(IntEnum):
    HIGH = 3


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
keys = st.text() | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none()
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(keys, inner, max_size=5)
    ),
    max_leaves=40,
)


@given(documents)
def test_same_text_as_json_dumps(data: Any) -> None:
    assert dumps(data) == reference(data)


@pytest.mark.parametrize(
    "data",
    [
        {},
        [],
        {"a": {}, "b": [], "c": [[]], "d": [{}]},
        {"band": Colour.RED, "effort": Level.HIGH, Colour.RED: 1},
        [math.nan, math.inf, -math.inf, -0.0, 1e100, 0.1],
        {"quote": 'say "hi"\n\ttab', "unicode": "Zürich — ✓", "control": "\x00\x1f"},
        {"deep": [{"x": [1, {"y": None}]}]},
    ],
)
def test_same_text_on_edge_cases(data: Any) -> None:
    assert dumps(data) == reference(data)


def test_unknown_objects_are_refused() -> None:
    with pytest.raises(TypeError):
        dumps({"a": object()})
    with pytest.raises(TypeError):
        dumps({(1, 2): "tuple key"})


def test_scorecards_are_the_json_of_their_dicts() -> None:
    from pathlib import Path

    from touchaudit.loader import load_audits
    from touchaudit.render import json as render_json
    from touchaudit.scoring import score_audit

    samples = sorted(str(p) for p in (Path(__file__).parent.parent / "audits").glob("*.yaml"))
    cards = [score_audit(a) for a in load_audits(samples)]
    one, many = render_json.scorecards(cards[:1]), render_json.scorecards(cards)
    assert one == reference(render_json.scorecard_dict(cards[0])) + "\n"
    assert many == reference([render_json.scorecard_dict(c) for c in cards]) + "\n"
