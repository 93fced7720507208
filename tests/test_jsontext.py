"""The JSON writer (orjson) gives the text of json.dumps(indent=2, ensure_ascii=False): the same
data, the same layout, always valid UTF-8 and always JSON (no NaN)."""

from __future__ import annotations

import json
import math
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from touchaudit.render.jsontext import dumps, encode


def reference(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


class Colour(StrEnum):
    RED = "red"


class Level(IntEnum):
    HIGH = 3


# What our outputs hold: text, whole numbers, rounded scores, yes/no, null.
scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(-1e15, 1e15, allow_nan=False).map(lambda x: round(x, 2))
    | st.text(st.characters(exclude_categories=("Cs",)))
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(), inner, max_size=5)
    ),
    max_leaves=40,
)


@given(documents)
def test_same_text_as_json_dumps(data: Any) -> None:
    assert dumps(data) == reference(data)
    # Data whose keys are all str (a scorecard's) is written alike on the faster road.
    assert encode(data, str_keys=True) == encode(data) == reference(data).encode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        [],
        {"a": {}, "b": [], "c": [[]], "d": [{}]},
        {"band": Colour.RED, "effort": Level.HIGH, Colour.RED: 1},
        [-0.0, 0.1, 100.0, 12345.67],
        {"quote": 'say "hi"\n\ttab', "unicode": "Zürich — ✓", "control": "\x00\x1f"},
        {"deep": [{"x": [1, {"y": None}]}]},
    ],
)
def test_same_text_on_edge_cases(data: Any) -> None:
    assert dumps(data) == reference(data)


def test_not_a_number_is_null_and_every_text_is_json() -> None:
    assert json.loads(dumps([math.nan, math.inf, -math.inf])) == [None, None, None]
    assert json.loads(dumps([1e100, 5e-05])) == [1e100, 5e-05]


def test_a_file_name_that_is_not_utf8_is_written_as_its_escape() -> None:
    text = dumps({"file": "caf\udce9.yaml", "nested": ["\udce9"]})
    assert "caf\\udce9.yaml" in text
    text.encode("utf-8")  # valid UTF-8
    assert json.loads(text)["file"] == "caf\udce9.yaml"


def test_nested_text_is_indented_for_its_level() -> None:
    assert dumps({"a": 1}, level=1) == '{\n    "a": 1\n  }'


def test_unknown_objects_are_refused() -> None:
    with pytest.raises(TypeError):
        dumps({"a": object()})


def test_scorecards_are_the_json_of_their_dicts() -> None:
    from touchaudit.reading.loader import load_audits
    from touchaudit.render import json as render_json
    from touchaudit.scoring.score import score_audit

    samples = sorted(str(p) for p in (Path(__file__).parent.parent / "audits").glob("*.yaml"))
    cards = [score_audit(a) for a in load_audits(samples)]
    one, many = render_json.scorecards(cards[:1]), render_json.scorecards(cards)
    assert one == reference(render_json.scorecard_dict(cards[0])) + "\n"
    assert many == reference([render_json.scorecard_dict(c) for c in cards]) + "\n"
