"""Loader fixes found by the hostile corpus, as a table: input -> code, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from touchaudit.reading import yamldoc
from touchaudit.reading.errors import Problem
from touchaudit.reading.loader import parse_audit
from touchaudit.reading.yamldoc import PureParser

AUDITS = Path(__file__).resolve().parents[1] / "audits"

BASE = """touchaudit: 1
company: Acme
touchpoints:
  website:
    channel: website
    criteria:
      load_time: 3 s
"""


def _merge_chain(levels: int) -> str:
    """`kN: {<<: [*kN-1] x 10}`: 10**levels pairs if every merge is expanded again."""
    lines = ["k0: &k0 {x: 1}"]
    lines += [f"k{i}: &k{i} {{<<: [{', '.join([f'*k{i - 1}'] * 10)}]}}" for i in range(1, levels)]
    return BASE + "\n".join(lines) + "\n"


CASES = [
    # (name, text, code, line, column)
    ("tab on a blank line", "  \n\t\n", "empty-file", 1, 1),
    ("control character", BASE.replace("Acme", "Ac\x07me"), "encoding", 2, 12),
    ("line separator", BASE.replace("Acme", "Ac\u2028me"), "invisible-character", 2, 12),
    ("next line", BASE.replace("Acme", "Ac\x85me"), "invisible-character", 2, 12),
    ("right-to-left override", BASE.replace("Acme", "Ac\u202eme"), "invisible-character", 2, 12),
    ("control character after CR", "a: 1\rb: \x01\r", "encoding", 2, 4),
    ("self merge", BASE + "x: &x {<<: *x}\n", "unknown-key", 8, 1),
    ("merge of a scalar", BASE.replace("channel: website", "channel: website\n    <<: 5"),
     "bad-merge", 6, 9),
    ("merge bomb", _merge_chain(40), "unknown-key", 8, 1),
    ("key over 1024 characters", BASE.replace("website:", "w" * 2000 + ":"), "yaml-syntax", 4, 1),
    ("date as a Unix time", BASE + "audited_on: 86400\n", "bad-value", 8, 13),
    ("date with a time", BASE + "audited_on: 2026-10-14T10:00:00\n", "bad-value", 8, 13),
    ("zero-width space in an id", BASE.replace("website:", "web\u200bsite:"), "bad-value", 4, 3),
    ("empty touchpoints", BASE.split("touchpoints:")[0] + "touchpoints: {}\n", "bad-value", 3, 14),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "code", "line", "column"), CASES, ids=[c[0] for c in CASES]
)
def test_hostile_input_is_one_located_error(
    name: str, text: str, code: str, line: int, column: int
) -> None:
    audit, problems = parse_audit(text, "f.yaml")
    assert audit is None
    first = problems[0]
    assert (first.code, first.line, first.column) == (code, line, column), first


def test_invisible_character_in_an_id_is_named_and_shown() -> None:
    _, problems = parse_audit(BASE.replace("load_time", "load\u200b_time"), "f.yaml")
    assert len(problems) == 1  # not also "unknown criterion" for the same key
    message = problems[0].message
    assert "load<U+200B>_time" in message
    assert "U+200B (ZERO WIDTH SPACE), an invisible character, right after 'load'" in message
    assert problems[0].path == "touchpoints.website.criteria.load<U+200B>_time"


def test_right_to_left_letters_in_an_id_are_named() -> None:
    _, problems = parse_audit(BASE.replace("website:", "\u05d0\u05ea\u05e8:"), "f.yaml")
    assert "U+05D0 (HEBREW LETTER ALEF) at its start" in problems[0].message


def test_long_id_names_the_limit() -> None:
    _, problems = parse_audit(BASE.replace("website:", "w" * 70 + ":"), "f.yaml")
    assert problems[0].message.endswith("it has 70 characters, at most 64")


def test_chain_with_an_invalid_step_has_no_spurious_length_error() -> None:
    text = BASE + "chains:\n  c:\n    steps: [web\u200bsite]\n"
    _, problems = parse_audit(text, "f.yaml")
    assert [(p.code, p.path) for p in problems] == [("bad-value", "chains.c.steps[0]")]


def test_many_problems_are_all_reported() -> None:
    # Each problem used to scan the whole mapping for its position: quadratic in the file size.
    body = "".join(f"  t{i}:\n    channel: webstie\n" for i in range(3000))
    _, problems = parse_audit(BASE.split("touchpoints:")[0] + "touchpoints:\n" + body, "f.yaml")
    assert len(problems) == 3000
    assert problems[-1].line == 3 + 2 * 3000


def test_problem_text_stays_on_one_visible_line() -> None:
    problem = Problem("f.yaml", 1, 1, "unknown key 'a\nb\u202ec'", "unknown-key", "x.a\nb")
    assert problem.message == "unknown key 'a<U+000A>b<U+202E>c'"
    assert problem.path == "x.a<U+000A>b"


class _ParserWithItsOwnLimit(PureParser):
    """A parser that gives up at 100 levels, reading ahead as libyaml does: ours must speak."""

    def fetch_flow_collection_start(self, *args: object) -> None:
        if self.flow_level >= 100:
            raise yaml.scanner.ScannerError(
                "while increasing flow level",
                None,
                "exceeded maximum nesting depth",
                self.get_mark(),
            )
        super().fetch_flow_collection_start(*args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "column"),
    [("[" * 10_000, 65), ("x: " + "{a: " * 10_000, 4 + 63 * 4)],
    ids=["flow lists", "flow mappings under a key"],
)
def test_nesting_limit_is_ours_whatever_the_parser_limit(
    text: str, column: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yamldoc, "EventParser", _ParserWithItsOwnLimit)
    _, problems = parse_audit(text + "\n", "f.yaml")
    assert [(p.code, p.line, p.column) for p in problems] == [("too-deep", 1, column)]


def test_a_syntax_error_is_not_taken_for_depth_when_the_parser_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yamldoc, "EventParser", _ParserWithItsOwnLimit)
    _, problems = parse_audit(BASE + "x: [a, b\n", "f.yaml")
    assert [p.code for p in problems] == ["yaml-syntax"]


@pytest.mark.parametrize("sample", sorted(AUDITS.glob("*.yaml")), ids=lambda p: p.name)
def test_both_parsers_read_a_sample_alike(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = sample.read_bytes()
    fast = yamldoc.read_document(raw, sample.name)
    monkeypatch.setattr(yamldoc, "EventParser", yamldoc.PureParser)
    pure = yamldoc.read_document(raw, sample.name)
    assert fast.problems == pure.problems == []
    assert fast.data == pure.data
    paths = [("touchpoints",), ("company",), ("touchpoints", next(iter(fast.data["touchpoints"])))]
    assert [fast.position(p) for p in paths] == [pure.position(p) for p in paths]
