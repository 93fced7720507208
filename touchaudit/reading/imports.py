"""The `sources:` of an audit's touchpoints: files read safely, parsed, and their values merged
under the ones written in the YAML.

A source path is relative to the audit's folder and may not leave it (absolute, `..`, a symbolic
link out), so that an audit in a pull request cannot make CI read other files; every source
counts towards `--max-bytes` with the audit. The first source listed wins for a criterion; the
rows of one measurement log for one criterion are samples. A value written in the YAML wins over
an imported one, with a warning when they differ.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path as FsPath
from typing import Any

from touchaudit.library.criteria import suggest
from touchaudit.reading.checks import Checked, warning
from touchaudit.reading.errors import Code, Problem
from touchaudit.reading.models import SOURCE_KINDS, Aggregate, Criterion, Measurement
from touchaudit.reading.reads import read_regular
from touchaudit.reading.samples import combine, parse_sample
from touchaudit.reading.sources import Imported, SourceError, SourceKind, parse_source
from touchaudit.reading.values import ValueSyntaxError, format_value
from touchaudit.reading.yamldoc import Document, Path

_SHARES = (Aggregate.SHARE_YES, Aggregate.SHARE_UNANSWERED)
_DRIVE = re.compile(r"[A-Za-z]:[\\/]")


class SourceRefused(Exception):
    """A source path that may not or cannot be read; `code` says which."""

    def __init__(self, message: str, code: Code) -> None:
        super().__init__(message)
        self.message, self.code = message, code


@dataclass
class SourceReader:
    """Reads the sources of one audit: inside its folder, within what --max-bytes leaves."""

    folder: FsPath  # the audit's folder, symbolic links resolved
    shown: str  # the audit's folder as the user named it, for `file.csv:row:col`
    budget: int  # bytes left under --max-bytes
    max_bytes: int
    seen: set[FsPath] = field(default_factory=set)

    @classmethod
    def for_audit(cls, file: str, max_bytes: int, used: int) -> SourceReader:
        """The reader for the audit `file`, whose own `used` bytes count towards `max_bytes`."""
        folder = os.path.dirname(file)
        real = FsPath(os.path.realpath(folder or "."))
        return cls(real, folder, max(0, max_bytes - used), max_bytes)

    def resolve(self, written: str) -> FsPath:
        """The file `written` names inside the audit's folder; SourceRefused if it leaves it."""
        if not written.strip():
            raise SourceRefused("an empty path: name a file beside the audit", Code.BAD_SOURCE)
        if os.path.isabs(written) or written.startswith("\\") or _DRIVE.match(written):
            message = (
                f"'{written}' is an absolute path: name the file relative to the audit's folder"
            )
            raise SourceRefused(message, Code.SOURCE_OUTSIDE)
        joined = self.folder / written
        if not FsPath(os.path.normpath(joined)).is_relative_to(self.folder):
            message = f"'{written}' leads out of the audit's folder ('..'): keep sources beside it"
            raise SourceRefused(message, Code.SOURCE_OUTSIDE)
        real = FsPath(os.path.realpath(joined))
        if not real.is_relative_to(self.folder):
            message = f"'{written}' is a symbolic link out of the audit's folder"
            raise SourceRefused(message, Code.SOURCE_OUTSIDE)
        return real

    def read(self, real: FsPath, written: str) -> bytes:
        """The file's bytes, charged to the budget; SourceRefused when over it or unreadable."""
        try:
            data = read_regular(real, self.budget)
        except (OSError, ValueError) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            raise SourceRefused(f"cannot read '{written}': {reason}", Code.UNREADABLE) from None
        if len(data) > self.budget:
            message = (
                f"'{written}' brings the audit and its sources over --max-bytes "
                f"({self.max_bytes:,} bytes); raise --max-bytes to read it"
            )
            raise SourceRefused(message, Code.TOO_LARGE)
        self.budget -= len(data)
        return data


@dataclass(frozen=True, slots=True)
class _Entry:
    """One `sources:` item of a touchpoint, as written."""

    touchpoint: str
    index: int
    kind: SourceKind
    written: str
    measured_on: date | None

    @property
    def path(self) -> Path:
        return ("touchpoints", self.touchpoint, "sources", self.index, self.kind.value)


@dataclass
class _Found:
    """The values one source gives one touchpoint's criterion (several: a log's samples)."""

    entry: _Entry
    values: list[Imported]


def import_sources(doc: Document, checked: Checked, reader: SourceReader) -> None:
    """Read every touchpoint's sources into `checked`: measurements, errors and warnings."""
    found: dict[str, dict[str, _Found]] = {}
    for entry in _entries(doc):
        for value in _read(doc, entry, checked, reader):
            target = value.touchpoint or entry.touchpoint
            by_criterion = found.setdefault(target, {})
            if value.criterion not in by_criterion:
                by_criterion[value.criterion] = _Found(entry, [value])
            elif by_criterion[value.criterion].entry == entry:
                by_criterion[value.criterion].values.append(value)  # a sample of a log
    touchpoints = _touchpoints(doc)
    for tp_id, by_criterion in found.items():
        for criterion_id, one in by_criterion.items():
            if _known(doc, tp_id, criterion_id, one, touchpoints, checked):
                _merge(doc, tp_id, checked.library.criteria[criterion_id], one, checked)


def _touchpoints(doc: Document) -> dict[str, Any]:
    data = doc.data if isinstance(doc.data, dict) else {}
    touchpoints = data.get("touchpoints")
    return touchpoints if isinstance(touchpoints, dict) else {}


def _entries(doc: Document) -> Iterator[_Entry]:
    """The `sources:` items well-formed enough to read (the schema reports the others)."""
    for tp_id, tp in _touchpoints(doc).items():
        sources = tp.get("sources") if isinstance(tp, dict) else None
        if not isinstance(sources, list):
            continue
        for index, item in enumerate(sources):
            kinds = [k for k in SOURCE_KINDS if isinstance(item, dict) and k in item]
            if len(kinds) != 1 or not isinstance(item[kinds[0]], str):
                continue
            when = item.get("measured_on")
            yield _Entry(
                str(tp_id),
                index,
                SourceKind(kinds[0]),
                item[kinds[0]],
                when if isinstance(when, date) else _iso(when),
            )


def _iso(text: Any) -> date | None:
    try:
        return date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None  # the schema reports it


def _read(doc: Document, entry: _Entry, checked: Checked, reader: SourceReader) -> list[Imported]:
    """The values of one source, dated; none (and the problem) when it cannot be used."""
    try:
        real = reader.resolve(entry.written)
        if entry.kind is SourceKind.CSV and real in reader.seen:
            return []  # a log named by several touchpoints: its rows were read once
        reader.seen.add(real)
        raw = reader.read(real, entry.written)
    except SourceRefused as err:
        checked.problems.append(doc.problem(entry.path, err.message, err.code))
        return []
    try:
        parsed = parse_source(entry.kind, raw, entry.written)
    except SourceError as err:
        checked.problems.append(_source_problem(doc, entry, reader, err))
        return []
    for remark in parsed.warnings:
        message = f"{entry.written}: {remark}"
        checked.problems.append(warning(doc.problem(entry.path, message, Code.SOURCE_NOTE)))
    if entry.measured_on is None:
        return list(parsed.values)
    return [
        v if v.measured_on else replace(v, measured_on=entry.measured_on) for v in parsed.values
    ]


def _source_problem(
    doc: Document, entry: _Entry, reader: SourceReader, err: SourceError
) -> Problem:
    if entry.kind is SourceKind.CSV and err.line is not None:
        return _row_problem(reader, entry, err.line, err.column, err.message)
    where = f" (line {err.line}, column {err.column})" if err.line is not None else ""
    return doc.problem(entry.path, f"{entry.written}: {err.message}{where}", Code.BAD_SOURCE)


def _row_problem(
    reader: SourceReader, entry: _Entry, line: int | None, column: int | None, message: str
) -> Problem:
    """A problem inside a measurement log, at `file.csv:row:column`."""
    file = os.path.join(reader.shown, entry.written)
    return Problem(file, line, column, message, Code.BAD_SOURCE)


def _known(
    doc: Document,
    tp_id: str,
    criterion_id: str,
    one: _Found,
    touchpoints: dict[str, Any],
    checked: Checked,
) -> bool:
    """True when the touchpoint and the criterion exist; else an error at the first row."""
    first = one.values[0]
    if tp_id not in touchpoints:
        message = f"unknown touchpoint '{tp_id}'{suggest(tp_id, touchpoints)}: not in the audit"
        checked.problems.append(_at_cell(doc, one, first, "touchpoint", message, checked))
        return False
    if criterion_id not in checked.library.criteria:
        hint = suggest(criterion_id, checked.library.criteria)
        message = f"unknown criterion '{criterion_id}'{hint}"
        checked.problems.append(_at_cell(doc, one, first, "criterion", message, checked))
        return False
    return True


def _at_cell(
    doc: Document, one: _Found, value: Imported, column: str, message: str, checked: Checked
) -> Problem:
    """A problem at a log's cell, or at the `sources:` line for a report."""
    if value.line is None:
        return doc.problem(one.entry.path, f"{one.entry.written}: {message}", Code.BAD_SOURCE)
    reader_folder = os.path.dirname(doc.file)
    file = os.path.join(reader_folder, one.entry.written)
    return Problem(file, value.line, value.cells.get(column), message, Code.BAD_SOURCE)


def _merge(doc: Document, tp_id: str, criterion: Criterion, one: _Found, checked: Checked) -> None:
    """Put the imported measurement in place, unless the YAML has one (a warning if they differ)."""
    parsed: list[float | bool | None] = []
    for value in one.values:
        try:
            parsed.append(parse_sample(criterion, value.raw))
        except ValueSyntaxError as err:
            message = f"{criterion.id}: {err}"
            checked.problems.append(_at_cell(doc, one, value, "value", message, checked))
            return
    measurement = _measurement(criterion, one, parsed)
    measured = checked.measurements.setdefault(tp_id, {})
    written = measured.get(criterion.id)
    if written is None or (written.value is None and written.not_applicable is None):
        measured[criterion.id] = measurement
    elif written.value != measurement.value and written.not_applicable is None:
        path: Path = ("touchpoints", tp_id, "criteria", criterion.id)
        message = (
            f"{criterion.id}: {_shown(criterion, written.value)} written in the audit is scored, "
            f"not {_shown(criterion, measurement.value)} from {measurement.evidence}"
        )
        checked.problems.append(warning(doc.problem(path, message, Code.SOURCE_DIFFERS)))


def _measurement(
    criterion: Criterion, one: _Found, parsed: list[float | bool | None]
) -> Measurement:
    first = one.values[0]
    dates = [v.measured_on for v in one.values if v.measured_on is not None]
    when = max(dates) if dates else None
    if len(parsed) == 1 and parsed[0] is not None and criterion.aggregate not in _SHARES:
        return Measurement(parsed[0], first.raw, first.note, first.evidence, measured_on=when)
    value, how = combine(criterion, parsed)
    evidence = f"{one.entry.written} ({len(parsed)} rows)"
    return Measurement(value, how, None, evidence, measured_on=when, samples=how)


def _shown(criterion: Criterion, value: float | bool | None) -> str:
    if value is None:
        return "nothing"
    return format_value(value, criterion.type, criterion.unit)
