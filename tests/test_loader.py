"""The loader, as a user meets it: every mistake in an audit file is named at its line and column.

Most tests start from VALID (five lines, see conftest.py) and add one mistake, so the line
numbers below can be checked by eye: an appended line is line 6.
"""

from __future__ import annotations

import pytest
from conftest import VALID, billion_laughs

from touchaudit.reading.errors import Problem
from touchaudit.reading.loaded import LoadedAudit
from touchaudit.reading.loader import parse_audit


def errors_of(text: str | bytes, **options: int) -> list[Problem]:
    audit, problems = parse_audit(text, "audit.yaml", **options)
    assert audit is None, "the audit should have been refused"
    return [p for p in problems if p.severity == "error"]


def loaded(text: str | bytes) -> LoadedAudit:
    audit, problems = parse_audit(text, "audit.yaml")
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert audit is not None
    return audit


HEAD = "touchaudit: 1\ncompany: Acme Clinic\n"  # VALID's first two lines
PHONE = "  phone:\n    channel: phone\n    criteria:\n"  # lines 6-8 when appended to VALID


def deep_block(levels: int) -> str:
    """`touchpoints:` holding `levels` mappings, each indented one more space."""
    return HEAD + "touchpoints:\n" + "".join(" " * (i + 1) + "k:\n" for i in range(levels))


# (what the user did, the file, expected code, line, column)
ERRORS = [
    # --- YAML that does not parse
    (
        "unclosed bracket",
        VALID + "    stages: [research, comparison\n",
        "yaml-syntax",
        7,
        1,
    ),
    ("bad indentation", VALID + "   name: Site\n", "yaml-syntax", 6, 4),
    ("key indented under a value", HEAD + "  touchpoints: {}\n", "yaml-syntax", 3, 14),
    (
        "unclosed quote",
        'touchaudit: 1\ncompany: "Acme Clinic\ntouchpoints: {}\n',
        "yaml-syntax",
        4,
        1,
    ),
    ("two documents in one file", VALID + "---\ncompany: Other\n", "yaml-syntax", 6, 1),
    (
        "tab indenting a key",
        HEAD + "touchpoints:\n  website:\n\tchannel: website\n",
        "yaml-tab",
        5,
        1,
    ),
    ("tab indenting a sibling key", VALID + "\tname: Site\n", "yaml-tab", 6, 1),
    ("tab after spaces", VALID + "  \tname: Site\n", "yaml-tab", 6, 3),
    # --- files that hold no audit
    ("empty file", "", "empty-file", 1, 1),
    ("only comments", "# to do\n\n# audit here\n", "empty-file", 1, 1),
    ("only whitespace", "   \n\n  \n", "empty-file", 1, 1),
    ("a list instead of a mapping", "# audit\n- website\n- phone\n", "not-a-mapping", 2, 1),
    ("a single value", "# audit\nAcme Clinic\n", "not-a-mapping", 2, 1),
    # --- bytes that are not UTF-8 text
    (
        "Latin-1 byte",
        (VALID + "    name: Café\n").encode("latin-1"),
        "encoding",
        6,
        14,
    ),
    (
        "Latin-1 byte after a BOM and non-ASCII text (columns count characters)",
        b"\xef\xbb\xbf" + "company: Ñandú ".encode() + b"\xe9\n",
        "encoding",
        1,
        16,
    ),
    ("UTF-16 little endian", b"\xff\xfe" + VALID.encode("utf-16-le"), "encoding", 1, 1),
    ("UTF-16 big endian", b"\xfe\xff" + VALID.encode("utf-16-be"), "encoding", 1, 1),
    ("NUL byte", HEAD.replace("Acme", "Ac\x00me") + "touchpoints: {}\n", "encoding", 2, 12),
    # --- hostile YAML
    ("billion laughs", billion_laughs(), "alias-bomb", 6, 26),  # a "lol" being multiplied
    (
        "Python object tag",
        "touchaudit: 1\ncompany: !!python/object/apply:os.system [echo hi]\n",
        "yaml-tag",
        2,
        10,
    ),
    ("Python name tag", VALID + "    name: !!python/name:os.system ''\n", "yaml-tag", 6, 11),
    ("local tag", VALID + "    name: !secret site_name\n", "yaml-tag", 6, 11),
    ("binary tag", VALID + "    name: !!binary aGVsbG8=\n", "yaml-tag", 6, 11),
    ("set tag", VALID + "    criteria: !!set {load_time}\n", "yaml-tag", 6, 15),
    ("ordered-map tag", VALID + "    criteria: !!omap [{load_time: 3 s}]\n", "yaml-tag", 6, 15),
    (
        "10,000 nested flow lists",
        HEAD + "touchpoints: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "too-deep",
        3,
        14 + 63,  # the 64th bracket, the 65th level below the top mapping
    ),
    ("10,000 unclosed flow mappings", "x: " + "{a: " * 10_000 + "\n", "too-deep", 1, 4 + 63 * 4),
    ("1,000 nested block mappings", deep_block(1_000), "too-deep", 67, 65),
    # --- duplicate keys: reported at the second one
    ("top-level key twice", VALID + "company: Other Clinic\n", "duplicate-key", 6, 1),
    ("touchpoint id twice", VALID + "  website:\n    channel: website\n", "duplicate-key", 6, 3),
    (
        "criterion twice in a touchpoint",
        VALID + "    criteria:\n      load_time: 3 s\n      load_time: 4 s\n",
        "duplicate-key",
        8,
        7,
    ),
    (
        "key twice in a flow mapping",
        VALID + "    criteria: {load_time: 3 s, load_time: 4 s}\n",
        "duplicate-key",
        6,
        32,
    ),
    # --- format version and required keys
    ("format version 2", VALID.replace("touchaudit: 1", "touchaudit: 2"), "format-version", 1, 13),
    (
        'format version "1.0"',
        VALID.replace("touchaudit: 1", 'touchaudit: "1.0"'),
        "format-version",
        1,
        13,
    ),
    (
        "format version 1.0",
        VALID.replace("touchaudit: 1", "touchaudit: 1.0"),
        "format-version",
        1,
        13,
    ),
    ("no format version", VALID.replace("touchaudit: 1\n", ""), "missing-key", 1, 1),
    ("no company", VALID.replace("company: Acme Clinic\n", ""), "missing-key", 1, 1),
    ("no touchpoints", HEAD, "missing-key", 1, 1),
    ("touchpoints empty", HEAD + "touchpoints: {}\n", "bad-value", 3, 14),
    ("touchpoints a list", HEAD + "touchpoints: [website]\n", "wrong-type", 3, 14),
    (
        "touchpoint without channel",
        HEAD + "touchpoints:\n  website:\n    name: Site\n",
        "missing-key",
        5,
        5,
    ),
    # --- unknown names
    ("unknown top-level key", VALID + "auditr: Field team\n", "unknown-key", 6, 1),
    ("unknown touchpoint key", VALID + "    ownr: Marketing\n", "unknown-key", 6, 5),
    (
        "unknown channel",
        VALID.replace("channel: website", "channel: websit"),
        "unknown-channel",
        5,
        14,
    ),
    (
        "unknown criterion",
        VALID + "    criteria:\n      load_tme: 3 s\n",
        "unknown-criterion",
        7,
        7,
    ),
    ("unknown stage of a touchpoint", VALID + "    stages: [reserch]\n", "unknown-stage", 6, 14),
    (
        "unknown stage of the audit",
        HEAD + "stages: [awareness, purchas]\n" + VALID[len(HEAD) :],
        "unknown-stage",
        3,
        21,
    ),
    (
        "chain step naming a missing touchpoint",
        VALID + "chains:\n  booking:\n    steps: [website, phon]\n",
        "broken-chain",
        8,
        22,
    ),
    # --- measured values
    ("boolean for a duration", VALID + "    criteria:\n      load_time: yes\n", "bad-value", 7, 18),
    ("rating above its scale", VALID + "    criteria:\n      design: 6/5\n", "bad-value", 7, 15),
    ("percent above 100", VALID + PHONE + "      service_level: 140%\n", "bad-value", 9, 22),
    ("negative duration", VALID + "    criteria:\n      load_time: -3 s\n", "bad-value", 7, 18),
    (
        "list as a value",
        VALID + "    criteria:\n      load_time: [3 s, 4 s]\n",
        "wrong-type",
        7,
        18,
    ),
    (
        "bad value inside {value: ...}",
        VALID + "    criteria:\n      load_time: {value: fast, note: on 4G}\n",
        "bad-value",
        7,
        26,
    ),
    # --- touchpoint fields
    ("weight 0", VALID + "    weight: 0\n", "bad-value", 6, 13),
    ("negative weight", VALID + "    weight: -1\n", "bad-value", 6, 13),
    ("weight as a word", VALID + "    weight: heavy\n", "wrong-type", 6, 13),
    (
        "touchpoint id starting with a digit",
        HEAD + "touchpoints:\n  1site:\n    channel: website\n",
        "bad-value",
        4,
        3,
    ),
    ("date not ISO", HEAD + "audited_on: 14.10.2026\n" + VALID[len(HEAD) :], "bad-value", 3, 13),
    # --- the audit's own criteria section
    (
        "custom criterion without type",
        HEAD + "criteria:\n  doctor_form: {channel: website}\n" + VALID[len(HEAD) :],
        "unknown-criterion",
        4,
        3,
    ),
    (
        "override with good and poor swapped",
        HEAD + "criteria:\n  load_time: {good: 7, poor: 3}\n" + VALID[len(HEAD) :],
        "bad-criterion",
        4,
        21,
    ),
    (
        "custom criterion on an unknown channel",
        HEAD + "criteria:\n  doctor_form: {channel: websit, type: boolean}\n" + VALID[len(HEAD) :],
        "unknown-channel",
        4,
        26,
    ),
]


@pytest.mark.parametrize(
    ("what", "text", "code", "line", "column"), ERRORS, ids=[row[0] for row in ERRORS]
)
def test_each_mistake_is_named_at_its_line_and_column(
    what: str, text: str | bytes, code: str, line: int, column: int
) -> None:
    assert [(p.code, p.line, p.column) for p in errors_of(text)] == [(code, line, column)]


def test_a_file_over_the_size_limit_is_refused_before_parsing() -> None:
    [problem] = errors_of(VALID, max_bytes=len(VALID) - 1)
    assert problem.code == "too-large"
    assert (problem.line, problem.column) == (None, None)  # about the whole file
    assert "--max-bytes" in problem.message
    loaded_audit, _ = parse_audit(VALID, "audit.yaml", max_bytes=len(VALID))
    assert loaded_audit is not None


def test_a_utf8_bom_is_accepted() -> None:
    assert loaded(b"\xef\xbb\xbf" + VALID.encode()).audit.company == "Acme Clinic"


# --------------------------------------------------------------------------- messages


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (VALID + "auditr: Field team\n", "did you mean 'auditor'?"),
        (VALID.replace("channel: website", "channel: websit"), "did you mean 'website'?"),
        (VALID + "    criteria:\n      load_tme: 3 s\n", "did you mean 'load_time'?"),
        (VALID + "    stages: [reserch]\n", "did you mean 'research'?"),
        (VALID + "    criteria:\n      load_time: yes\n", "is not a duration; write it like 3.4 s"),
        (VALID + "    criteria:\n      design: 6/5\n", "6/5 is above the top of its scale"),
        (VALID + PHONE + "      service_level: 140%\n", "140% is out of range 0\N{EN DASH}100%"),
        (VALID + "    criteria:\n      load_time: -3 s\n", "durations cannot be negative"),
        (VALID + "    weight: 0\n", "greater than 0"),
        (VALID.replace("touchaudit: 1", "touchaudit: 2"), "this touchaudit reads 'touchaudit: 1'"),
        (VALID + "company: Other\n", "duplicate key 'company' (first at line 2)"),
        ('company: "Acme\n', "quoted scalar at line 1, column 10"),
        (VALID + "    stages: [research\n", "flow sequence at line 6, column 13"),
        (HEAD + "touchpoints: {}\n", "needs at least 1 item"),
        (HEAD + "criteria:\n  load_time: {good: 7, poor: 3}\n" + VALID[len(HEAD) :], "lower"),
    ],
)
def test_messages_say_what_to_write_instead(text: str, words: str) -> None:
    [problem] = errors_of(text)
    assert words in problem.message


def test_every_finding_carries_its_data_path() -> None:
    [problem] = errors_of(VALID + "    criteria:\n      load_time: yes\n")
    assert problem.path == "touchpoints.website.criteria.load_time"
    [missing] = errors_of(HEAD + "touchpoints:\n  website:\n    name: Site\n")
    assert missing.path == "touchpoints.website.channel"


def test_all_errors_of_a_file_are_reported_in_line_order() -> None:
    text = (
        HEAD
        + "stages: [awareness, purchas]\n"  # 3  unknown stage
        + "touchpoints:\n"
        + "  website:\n"
        + "    channel: website\n"
        + "    weight: 0\n"  # 7  bad weight (schema)
        + "    criteria:\n"
        + "      load_time: yes\n"  # 9  bad value (checks)
        + "      bogus: 1\n"  # 10 unknown criterion
        + "  desk:\n"
        + "    channel: stor\n"  # 12 unknown channel
        + "chains:\n"
        + "  visit:\n"
        + "    steps: [website, shop]\n"  # 15 broken chain
        + "extra: 1\n"  # 16 unknown key
    )
    found = [(p.line, p.code) for p in errors_of(text)]
    assert found == [
        (3, "unknown-stage"),
        (7, "bad-value"),
        (9, "bad-value"),
        (10, "unknown-criterion"),
        (12, "unknown-channel"),
        (15, "broken-chain"),
        (16, "unknown-key"),
    ]


def test_every_duplicate_key_is_reported() -> None:
    text = VALID + (
        "    name: A\n"
        "    name: B\n"  # 7
        "  website:\n"  # 8
        "    channel: phone\n"
        "company: Other\n"  # 10
    )
    found = [(p.line, p.column, p.code) for p in errors_of(text)]
    assert found == [(7, 5, "duplicate-key"), (8, 3, "duplicate-key"), (10, 1, "duplicate-key")]


# --------------------------------------------------------------------------- YAML 1.1 scalars


def test_yaml_11_surprises_keep_the_text_the_user_wrote() -> None:
    audit = loaded(
        "touchaudit: 1\n"
        "company: NO\n"  # Norway, not False
        "auditor: 1.10\n"  # a version, not 1.1
        "touchpoints:\n"
        "  website:\n"
        "    channel: website\n"
        '    notes: "null"\n'  # the word, not nothing
        "    name: 1:30\n"  # text, not 90
        "  phone:\n"
        "    channel: phone\n"
        "    criteria:\n"
        "      answer_time: 1:30\n"  # m:ss
        "      hold_music: NO\n"
    )
    assert audit.audit.company == "NO"
    assert audit.audit.auditor == "1.10"
    website = audit.audit.touchpoints["website"]
    assert (website.notes, website.name) == ("null", "1:30")
    phone = audit.measurements["phone"]
    assert phone["answer_time"].value == 90.0
    assert phone["answer_time"].raw == "1:30"
    assert phone["hold_music"].value is False


@pytest.mark.parametrize(
    "written", ["null", "~", "", "Null", "NULL", "{value: null, note: skipped}"]
)
def test_unquoted_null_means_not_measured(written: str) -> None:
    audit = loaded(VALID + PHONE + f"      hold_music: {written}\n")
    measurement = audit.measurements["phone"]["hold_music"]
    assert measurement.value is None


@pytest.mark.parametrize("written", ["'null'", '"~"'])
def test_quoted_null_is_text(written: str) -> None:
    [problem] = errors_of(VALID + PHONE + f"      hold_music: {written}\n")
    assert problem.code == "bad-value"  # the text 'null' is not yes or no


@pytest.mark.parametrize(
    ("criterion", "written", "value"),
    [
        ("answer_time", "1:30", 90.0),
        ("answer_time", "1:02:03", 3723.0),
        ("answer_time", "PT2M", 120.0),
        ("answer_time", "1h 30m", 5400.0),
        ("answer_time", "90", 90.0),
        ("answer_time", "250 ms", 0.25),
        ("hold_music", "NO", False),
        ("hold_music", "Yes", True),
        ("hold_music", "off", False),
        ("operator_courtesy", "8/10", 4.0),
        ("service_level", "45%", 45.0),
        ("rings_before_answer", "3 rings", 3.0),
    ],
)
def test_measured_values_are_parsed_from_their_text(
    criterion: str, written: str, value: float | bool
) -> None:
    audit = loaded(VALID + PHONE + f"      {criterion}: {written}\n")
    assert audit.measurements["phone"][criterion].value == value


def test_the_version_may_be_quoted() -> None:
    assert loaded(VALID.replace("touchaudit: 1", "touchaudit: '1'")).audit.touchaudit == 1


def test_standard_scalar_tags_are_plain_text() -> None:
    audit = loaded(VALID + "    name: !!str 1.10\n")
    assert audit.audit.touchpoints["website"].name == "1.10"


# --------------------------------------------------------------------------- anchors and merges

MERGED = HEAD + (
    "touchpoints:\n"
    "  website: &site\n"
    "    channel: website\n"
    "    owner: Marketing\n"
    "  landing:\n"
    "    <<: *site\n"
    "    name: Spring offer\n"
    "    owner: Sales\n"  # overrides the merged owner: allowed
)


def test_merge_keys_fill_in_touchpoint_fields() -> None:
    touchpoints = loaded(MERGED).audit.touchpoints
    assert touchpoints["landing"].channel == "website"
    assert touchpoints["landing"].owner == "Sales"
    assert touchpoints["website"].owner == "Marketing"


def test_a_key_written_twice_next_to_a_merge_is_still_an_error() -> None:
    [problem] = errors_of(MERGED + "    name: Autumn offer\n")
    assert (problem.code, problem.line, problem.column) == ("duplicate-key", 11, 5)


def test_merged_values_are_checked_at_the_place_they_are_written() -> None:
    text = MERGED.replace("channel: website", "channel: websit")
    found = [(p.path, p.line, p.column) for p in errors_of(text)]
    assert found == [
        ("touchpoints.website.channel", 5, 14),
        ("touchpoints.landing.channel", 5, 14),  # merged from line 5
    ]


def test_nested_merges_cannot_blow_up() -> None:
    lines = ["    notes:", "      m0: &m0 {a: 1}"]
    lines += [f"      m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}]}}" for i in range(1, 60)]
    problems = errors_of(VALID + "\n".join(lines) + "\n")
    # Each merged mapping is read once: the file loads at once, with only its real mistake.
    assert {(p.code, p.path) for p in problems} == {("wrong-type", "touchpoints.website.notes")}


def test_a_long_chain_of_merges_is_read_without_recursion() -> None:
    lines = ["    notes:", "      m0: &m0 {}"]
    lines += [f"      m{i}: &m{i} {{<<: *m{i - 1}}}" for i in range(1, 64)]
    [problem] = errors_of(VALID + "\n".join(lines) + "\n")
    assert (problem.code, problem.line) == ("wrong-type", 7)  # notes must be text, not a mapping


def test_a_chain_of_more_than_64_merges_is_too_deep_at_the_65th() -> None:
    lines = ["    notes:", "      m0: &m0 {}"]
    lines += [f"      m{i}: &m{i} {{<<: *m{i - 1}}}" for i in range(1, 2_000)]
    [problem] = errors_of(VALID + "\n".join(lines) + "\n")
    # at `&m65`, where that mapping starts
    assert (problem.code, problem.line, problem.column) == ("too-deep", 7 + 65, 12)
    assert problem.message == "merges of merges nesting deeper than 64 levels"


def test_brackets_in_comments_and_quotes_are_not_nesting() -> None:
    text = "# " + "[" * 70 + "\n" + VALID + '    notes: "' + "{" * 70 + '"\n'
    assert loaded(text).audit.touchpoints["website"].notes == "{" * 70


def test_an_aliased_mistake_is_reported_once() -> None:
    text = VALID + "    name: &n !secret x\n    owner: *n\n"
    assert [(p.code, p.line) for p in errors_of(text)] == [("yaml-tag", 6)]
