"""Two roads to the same node tree: libyaml composes a simple text itself (no anchor, tag or
directive), our loop over its events composes the rest and answers every error. Whatever a
text holds, the first road gives the tree the second would, or leaves the text to it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from touchaudit.reading import yamldoc

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted([*(ROOT / "audits").glob("*.yaml"), *(ROOT / "tests" / "corpus").rglob("*.yaml")])


def _by_events(text: str) -> tuple[yaml.Node | None, bool] | str:
    """The event loop's answer: the tree and the merge flag, or the error's name."""
    try:
        saved, yamldoc.CParser = yamldoc.CParser, None  # no libyaml road
        try:
            return yamldoc.compose(text)
        finally:
            yamldoc.CParser = saved
    except Exception as err:
        return type(err).__name__


def _shape(node: yaml.Node | None) -> object:
    """Everything the reader uses of a node: kind, tag, value, style and both positions."""
    if node is None:
        return None
    marks = tuple((m.index, m.line, m.column) for m in (node.start_mark, node.end_mark))
    head = (
        type(node).__name__,
        node.tag,
        node.style if isinstance(node, yaml.ScalarNode) else node.flow_style,
        marks,
    )
    if isinstance(node, yaml.ScalarNode):
        return (*head, node.value)
    if isinstance(node, yaml.MappingNode):
        return (*head, [(_shape(k), _shape(v)) for k, v in node.value])
    return (*head, [_shape(item) for item in node.value])


def _same_road(text: str) -> bool:
    """Whether libyaml's road took the text; asserts it gives the event loop's answer."""
    fast = yamldoc._compose_in_libyaml(text) if yamldoc._is_simple(text) else None
    if fast is None:
        return False
    slow = _by_events(text)
    assert not isinstance(slow, str), f"the event loop refuses what libyaml composed: {slow}"
    assert (_shape(fast[0]), fast[1]) == (_shape(slow[0]), slow[1])
    return True


@pytest.mark.skipif(yamldoc.CParser is None, reason="PyYAML was built without libyaml")
def test_every_sample_and_corpus_file_composes_the_same_on_both_roads() -> None:
    taken = [f for f in FILES if _same_road(f.read_bytes().decode("utf-8", "replace"))]
    assert len(taken) > len(FILES) // 2  # most audits are simple texts


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # an anchor
        "a: !!str 1\n",  # a tag
        "!t\na: 1\n",  # a tag at the start
        '{"a":!t b}\n',  # a tag right after a colon
        "[&x a, *x]\n",  # an anchor after a flow indicator
        "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n",  # a directive
        "a: 1\u2028!t b\n",  # after a line separator (a break in YAML 1.1)
    ],
)
def test_anchors_tags_and_directives_take_the_event_loop(text: str) -> None:
    assert not yamldoc._is_simple(text)


@pytest.mark.parametrize("text", ["a: Call us!\n", "rate: 45 %\n", "team: R&D\n", "a: 'x!y'\n"])
def test_exclamation_marks_and_ampersands_in_words_stay_simple(text: str) -> None:
    assert yamldoc._is_simple(text)


@pytest.mark.skipif(yamldoc.CParser is None, reason="PyYAML was built without libyaml")
@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000 + "]" * 100_000,  # libyaml would recurse 100,000 levels deep
        "- " * 70 + "x\n",
        "a: *undefined\n",  # an error: the event loop words it
        "a: 1\n---\nb: 2\n",
    ],
)
def test_deep_or_wrong_text_is_left_to_the_event_loop(text: str) -> None:
    assert yamldoc._compose_in_libyaml(text) is None


_PIECES = st.sampled_from(
    [*"abc:-?[]{},'\"#|>\n \t1<", "<<: ", "- ", ": ", "\n  ", "\n    ", "{a: b}", '"a":b', "- - "]
)


@pytest.mark.skipif(yamldoc.CParser is None, reason="PyYAML was built without libyaml")
@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_text_libyaml_composes_is_the_event_loops_tree(text: str) -> None:
    _same_road(text)
