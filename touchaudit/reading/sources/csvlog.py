"""Measurement logs (CSV): one row per measured value, several rows of a criterion are samples.

Columns `touchpoint, criterion, value` (required) and `measured_on, note, evidence`, named in a
header row, in any order; UTF-8 with or without a BOM; `,` or `;` between fields (whichever the
header uses). Each row's value is in the audit's value syntax (`35 s`, `unanswered`). Rows and
columns are counted from 1 as a spreadsheet shows them: errors read `file.csv:4:3: ...`.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from touchaudit.reading.sources.base import Imported, Parsed, SourceError
from touchaudit.reading.visible import describe, first_unsafe

COLUMNS = ("touchpoint", "criterion", "value", "measured_on", "note", "evidence")
REQUIRED = COLUMNS[:3]
MAX_FIELD_CHARS = 2000  # as a note in an audit
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_csv(raw: bytes, name: str) -> Parsed:
    """The rows of a measurement log, each an Imported value naming its touchpoint."""
    text = _decode(raw)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise SourceError("a measurement log needs a header row: " + ",".join(COLUMNS), 1, 1)
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        while True:
            start = reader.line_num + 1
            try:
                rows.append((start, next(reader)))
            except StopIteration:
                break
    except csv.Error as err:
        raise SourceError(f"not a CSV file: {err}", reader.line_num or 1, 1) from None
    header = _header(rows[0][1])
    columns = {key: index + 1 for key, index in header.items()}
    values = tuple(
        _row(name, header, columns, line, fields) for line, fields in rows[1:] if any(fields)
    )
    return Parsed(values)


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, column = _position(raw[: err.start].decode("utf-8", "replace"))
        raise SourceError("not UTF-8 text: save the log as UTF-8", line, column) from None
    text = text.replace("\r\n", "\n")
    if "\x00" in text:
        line, column = _position(text[: text.index("\x00")])
        raise SourceError("a NUL byte: this is not a text file", line, column)
    return text


def _position(before: str) -> tuple[int, int]:
    """The 1-based line and column just after `before`."""
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1


def _header(fields: list[str]) -> dict[str, int]:
    """Column name -> its index, checked: known names, each once, the required ones present."""
    at: dict[str, int] = {}
    for index, field in enumerate(fields):
        key = field.strip().lower()
        if key not in COLUMNS:
            message = f"unknown column {field.strip()[:40]!r}: the columns are {', '.join(COLUMNS)}"
            raise SourceError(message, 1, index + 1)
        if key in at:
            raise SourceError(f"column {key!r} appears twice", 1, index + 1)
        at[key] = index
    missing = [c for c in REQUIRED if c not in at]
    if missing:
        message = f"the header has no {', '.join(missing)} column (it needs {', '.join(REQUIRED)})"
        raise SourceError(message, 1, 1)
    return at


def _row(
    name: str, header: dict[str, int], columns: dict[str, int], line: int, fields: list[str]
) -> Imported:
    if len(fields) > len(header):
        raise SourceError(
            f"{len(fields)} fields, the header has {len(header)}", line, len(header) + 1
        )
    for index, field in enumerate(fields):
        _check_field(field, line, index + 1, one_line=index != header.get("note"))

    def cell(column: str) -> str:
        index = header.get(column)
        return fields[index].strip() if index is not None and index < len(fields) else ""

    for column in REQUIRED:
        if not cell(column):
            raise SourceError(f"empty {column}", line, header[column] + 1)
    evidence = f"{name}:{line}" + (f" ({cell('evidence')})" if cell("evidence") else "")
    return Imported(
        cell("criterion"),
        cell("value"),
        evidence,
        _date(cell("measured_on"), line, header.get("measured_on")),
        touchpoint=cell("touchpoint"),
        note=cell("note") or None,
        line=line,
        cells=columns,
    )


def _check_field(field: str, line: int, column: int, *, one_line: bool) -> None:
    if len(field) > MAX_FIELD_CHARS:
        raise SourceError(f"{len(field):,} characters, at most {MAX_FIELD_CHARS}", line, column)
    unsafe = first_unsafe(field, one_line=one_line)
    if unsafe is not None:
        raise SourceError(f"the field contains {describe(unsafe)}; delete it", line, column)


def _date(text: str, line: int, index: int | None) -> date | None:
    if not text or index is None:
        return None
    try:
        if _DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise SourceError(f"measured_on {text[:40]!r} is not a date like 2026-10-14", line, index + 1)
