"""An item written for a nesting level is the text json.dumps gives it in place, at any level."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from touchaudit.render.jsontext import dumps, items

scalars = st.none() | st.booleans() | st.integers() | st.text()
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(documents, st.integers(0, 4))
def test_an_item_at_a_level_is_indented_as_in_place(data: Any, level: int) -> None:
    in_place = json.dumps(data, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)
    assert dumps(data, level=level) == in_place


def test_a_list_of_items_at_level_one_is_the_list() -> None:
    items = [{"a": [1, {"b": None}]}, [], {}, "x"]
    joined = "[\n  " + ",\n  ".join(dumps(item, level=1) for item in items) + "\n]"
    assert joined == json.dumps(items, indent=2)


def test_a_surrogate_at_a_level_takes_the_standard_path() -> None:
    assert dumps({"f": "caf\udce9"}, level=1) == '{\n    "f": "caf\\udce9"\n  }'


@given(
    st.lists(st.lists(documents, min_size=1, max_size=3), min_size=1, max_size=3),
    st.integers(1, 4),
)
def test_the_items_of_lists_written_one_after_another_are_their_joined_list(
    lists: list[list[Any]], level: int
) -> None:
    # SARIF writes each audit's results this way, one audit after the other, as one list.
    indent = "  " * level
    joined = [item for part in lists for item in part]
    separator = (",\n" + indent).encode()
    assert separator.join(items(part, indent) for part in lists) == items(joined, indent)
    in_place = f"[\n{indent}{items(joined, indent).decode()}\n{'  ' * (level - 1)}]"
    assert in_place == dumps(joined, level=level - 1)
