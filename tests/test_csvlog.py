"""Measurement logs (CSV) read row by row: header, BOM, `;`, and every error at row:column."""

from __future__ import annotations

import pytest

from touchaudit.reading.sources import SourceError, SourceKind, parse_source

HEADER = "touchpoint,criterion,value,measured_on,note,evidence\n"


def _parse(text: str | bytes) -> list[tuple[str | None, str, str, int | None]]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    parsed = parse_source(SourceKind.CSV, raw, "calls.csv")
    return [(v.touchpoint, v.criterion, v.raw, v.line) for v in parsed.values]


def test_each_row_is_a_value_of_its_touchpoint_with_its_row_as_evidence() -> None:
    text = HEADER + "phone,answer_time,12 s,2026-09-01,,call-17.mp3\nphone,answer_time,35 s,,,\n"
    parsed = parse_source(SourceKind.CSV, text.encode(), "calls.csv")
    first, second = parsed.values
    assert (first.touchpoint, first.criterion, first.raw) == ("phone", "answer_time", "12 s")
    assert str(first.measured_on) == "2026-09-01"
    assert first.evidence == "calls.csv:2 (call-17.mp3)"
    assert (second.evidence, second.measured_on, second.cells["value"]) == ("calls.csv:3", None, 3)


def test_a_bom_semicolons_any_column_order_and_blank_lines_are_read() -> None:
    text = "\ufeffvalue;Criterion;touchpoint\n12 s;answer_time;phone\n\n3,5 s;answer_time;phone\n"
    assert _parse(text) == [
        ("phone", "answer_time", "12 s", 2),
        ("phone", "answer_time", "3,5 s", 4),
    ]


def test_a_note_keeps_its_line_breaks_and_a_formula_stays_text() -> None:
    text = HEADER + 'phone,answer_time,9 s,,"=HYPERLINK(""http://x"")\nsecond line",\n'
    (value,) = parse_source(SourceKind.CSV, text.encode(), "calls.csv").values
    assert value.note == '=HYPERLINK("http://x")\nsecond line'


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("", "needs a header row", 1, 1),
        ("phone,answer_time,12 s\n", "unknown column 'phone'", 1, 1),
        ("touchpoint,criterion\n", "no value column", 1, 1),
        ("touchpoint,value,criterion,value\n", "column 'value' appears twice", 1, 4),
        (HEADER + "phone,,12 s\n", "empty criterion", 2, 2),
        (HEADER + "phone,answer_time,12 s,2026-13-01\n", "is not a date", 2, 4),
        (HEADER + "phone,answer_time,12 s,,,,extra\n", "7 fields, the header has 6", 2, 7),
        (HEADER + "phone,answer_time,1\x002 s\n", "a NUL byte", 2, 20),
        (HEADER + "phone,answer_time,12\x1b[31m s\n", "U+001B", 2, 3),
        (HEADER + "phone,answer_\u202etime,12 s\n", "U+202E", 2, 2),
        (HEADER + 'phone,answer_time,"12 s\n', "not a CSV file", 2, 1),
    ],
)
def test_a_broken_log_is_one_error_at_its_row_and_column(
    text: str, message: str, line: int, column: int
) -> None:
    with pytest.raises(SourceError) as caught:
        _parse(text)
    assert message in caught.value.message
    assert (caught.value.line, caught.value.column) == (line, column)


def test_a_log_that_is_not_utf8_is_refused_where_the_first_bad_byte_is() -> None:
    with pytest.raises(SourceError) as caught:
        _parse(HEADER.encode() + "phone,note_é,1\n".encode("latin-1"))
    assert "not UTF-8" in caught.value.message
    assert (caught.value.line, caught.value.column) == (2, 12)
