"""`touchaudit import`: a source file's values as the YAML of a touchpoint's criteria, printed,
or written into an audit with every comment, key order and style of the file kept.

The YAML is made with ruamel.yaml's round-trip mode, the one well-kept library that loads a YAML
file with its comments, order, quotes and flow styles and dumps it back as it was; only the new
criteria are added. A criterion the audit already has a value for is kept (what is written
wins, as when sources are read), with a warning when the file says otherwise. The new text must
load as a valid audit before it is handed back to be written.
"""

from __future__ import annotations

import difflib
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.util import load_yaml_guess_indent

from touchaudit.library.criteria import Library, builtin_library, suggest
from touchaudit.reading.errors import AuditError, Code, Problem, UsageError, only_errors
from touchaudit.reading.loader import parse_audit
from touchaudit.reading.reads import read_regular
from touchaudit.reading.samples import combine, parse_sample
from touchaudit.reading.sources import Imported, SourceError, SourceKind, parse_source
from touchaudit.reading.values import ValueSyntaxError
from touchaudit.reading.yamldoc import MAX_BYTES


@dataclass(frozen=True)
class ImportResult:
    """What an import gives: the YAML text, and for `--into` the audit's bytes as they were read
    (the file is replaced only if it still holds them)."""

    text: str
    criteria: tuple[str, ...]  # the criteria written (kept ones left out)
    warnings: tuple[str, ...] = ()
    original: bytes | None = None


def import_values(
    kind: SourceKind,
    file: str | os.PathLike[str],
    touchpoint: str,
    *,
    into: str | os.PathLike[str] | None = None,
    library: Library | None = None,
    max_bytes: int = MAX_BYTES,
) -> ImportResult:
    """The values `file` measures for `touchpoint`, as YAML, or the audit `into` with them added."""
    name = os.fspath(file)
    entries, warnings = _entries(kind, name, touchpoint, library or builtin_library(), max_bytes)
    if into is None:
        document = CommentedMap({touchpoint: CommentedMap({"criteria": entries})})
        return ImportResult(_dump(_yaml(), document), tuple(entries), tuple(warnings))
    return _merge_into(Path(into), touchpoint, entries, warnings, library, max_bytes)


def _entries(
    kind: SourceKind, name: str, touchpoint: str, library: Library, max_bytes: int
) -> tuple[CommentedMap, list[str]]:
    """Criterion -> its YAML entry, checked against the library; the file's warnings."""
    try:
        raw = read_regular(name, max_bytes)
    except OSError as err:
        raise UsageError(f"{name}: cannot read the file: {err.strerror or err}") from None
    if len(raw) > max_bytes:
        raise UsageError(f"{name}: larger than --max-bytes ({max_bytes:,} bytes)")
    try:
        parsed = parse_source(kind, raw, name)
    except SourceError as err:
        raise AuditError(
            [Problem(name, err.line, err.column, err.message, Code.BAD_SOURCE)]
        ) from None
    values = [v for v in parsed.values if v.touchpoint in (None, touchpoint)]
    if not values:
        named = sorted({v.touchpoint for v in parsed.values if v.touchpoint})
        listed = f" (it has rows for {', '.join(named)})" if named else ""
        raise UsageError(f"{name}: no values for touchpoint '{touchpoint}'{listed}")
    grouped: dict[str, list[Imported]] = {}
    for value in values:
        grouped.setdefault(value.criterion, []).append(value)
    entries = CommentedMap()
    for criterion_id, rows in grouped.items():
        entries[criterion_id] = _entry(name, library, criterion_id, rows)
    return entries, list(parsed.warnings)


def _entry(
    name: str, library: Library, criterion_id: str, rows: Sequence[Imported]
) -> CommentedMap:
    """`{value: ..., evidence: ..., measured_on: ...}`, or `{samples: [...], ...}` for several."""
    criterion = library.criteria.get(criterion_id)
    first = rows[0]
    if criterion is None:
        message = f"unknown criterion '{criterion_id}'{suggest(criterion_id, library.criteria)}"
        raise AuditError([_at(name, first, "criterion", message)])
    samples = []
    for row in rows:
        try:
            samples.append(parse_sample(criterion, row.raw))
        except ValueSyntaxError as err:
            raise AuditError([_at(name, row, "value", f"{criterion_id}: {err}")]) from None
    entry = CommentedMap()
    if len(rows) == 1 and samples[0] is not None:
        entry["value"] = _plain(first.raw)
        entry["evidence"] = first.evidence
    else:
        entry["samples"] = CommentedSeq(row.raw for row in rows)
        entry["samples"].fa.set_flow_style()
        entry["evidence"] = f"{name} ({len(rows)} rows, {combine(criterion, samples)[1]})"
    dates = [row.measured_on for row in rows if row.measured_on is not None]
    if dates:
        entry["measured_on"] = max(dates)
    if len(rows) == 1 and first.note:
        entry["note"] = first.note
    entry.fa.set_flow_style()
    return entry


def _plain(raw: str) -> str | int | float:
    """A bare number as a YAML number (`34`, not `'34'`); any other value as its text."""
    if _BARE_NUMBER.fullmatch(raw):
        number = float(raw)
        return int(number) if number.is_integer() and "." not in raw else number
    return raw


_BARE_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?")


def _at(name: str, row: Imported, column: str, message: str) -> Problem:
    return Problem(name, row.line, row.cells.get(column), message, Code.BAD_SOURCE)


# --------------------------------------------------------------------------- --into


def _merge_into(
    target: Path,
    touchpoint: str,
    entries: CommentedMap,
    warnings: list[str],
    library: Library | None,
    max_bytes: int,
) -> ImportResult:
    try:
        original = read_regular(target, max_bytes)
    except OSError as err:
        raise UsageError(f"{target}: cannot read the file: {err.strerror or err}") from None
    _, before = parse_audit(original, os.fspath(target), library=library, max_bytes=max_bytes)
    if only_errors(before):
        raise AuditError(only_errors(before))
    yaml = _yaml()
    text = original.decode("utf-8-sig")
    _, indent, offset = load_yaml_guess_indent(text)  # its `yaml=` argument is newer than 0.18
    indent, offset = indent or 2, offset or 0
    document = yaml.load(text)
    yaml.indent(mapping=indent, sequence=indent + offset, offset=offset)
    criteria = _criteria_of(document, touchpoint, target)
    written = []
    last = next(reversed(criteria), None)
    for criterion_id, entry in entries.items():
        present = criteria.get(criterion_id)
        if present is None or _value_of(present) is None:
            criteria[criterion_id] = entry
            written.append(criterion_id)
        else:
            warnings.append(_kept(criterion_id, present, entry))
    _keep_trailing_lines(criteria, last)
    text = _dump(yaml, document)
    if original.startswith(b"\xef\xbb\xbf"):
        text = "\ufeff" + text
    _only_added(original.decode("utf-8"), text, target)
    _, after = parse_audit(text, os.fspath(target), library=library, max_bytes=max_bytes)
    if only_errors(after):
        raise AuditError(only_errors(after))
    return ImportResult(text, tuple(written), tuple(warnings), original)


def _criteria_of(document: Any, touchpoint: str, target: Path) -> CommentedMap:
    touchpoints = document.get("touchpoints") if isinstance(document, dict) else None
    tp = touchpoints.get(touchpoint) if isinstance(touchpoints, dict) else None
    if not isinstance(tp, dict):
        known = list(touchpoints) if isinstance(touchpoints, dict) else []
        raise UsageError(f"{target} has no touchpoint '{touchpoint}'{suggest(touchpoint, known)}")
    if tp.get("criteria") is None:
        tp["criteria"] = CommentedMap()
    criteria = tp["criteria"]
    assert isinstance(criteria, CommentedMap)  # a valid audit's criteria are a mapping
    return criteria


def _keep_trailing_lines(criteria: CommentedMap, last: Any) -> None:
    """The blank lines and comments after the mapping's last entry stay after it when entries
    are added at its end (ruamel.yaml keeps them with the entry they followed)."""
    now = next(reversed(criteria), None)
    if last is None or now == last or last not in criteria.ca.items:
        return
    criteria.ca.items[now] = criteria.ca.items.pop(last)


def _value_of(present: Any) -> Any:
    if isinstance(present, dict):
        return present.get("value", present.get("samples"))
    return present


def _kept(criterion_id: str, present: Any, entry: CommentedMap) -> str:
    given = entry.get("value", "its samples")
    return f"{criterion_id}: kept {_value_of(present)} written in the audit, not {given}"


def _only_added(before: str, after: str, target: Path) -> None:
    """Refuse (UsageError) a text that changes a line of `before` other than a criterion's null.

    The round trip keeps comments, order, quotes and flow styles, but not every spelling (an
    empty value, odd indentation): rather than change what the user wrote, nothing is written.
    """
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, start, end, _, _ in matcher.get_opcodes():
        changed = [line for line in old[start:end] if not _NULL_ENTRY.fullmatch(line)]
        if tag in ("replace", "delete") and changed:
            line = start + old[start:end].index(changed[0]) + 1
            raise UsageError(
                f"{target}:{line}: writing into the file would also change this line; nothing "
                "was written: paste the YAML that `touchaudit import` prints without --into"
            )


# A criterion written as a place to fill: `lcp: null`, `lcp: ~`, `lcp:` (with a comment).
_NULL_ENTRY = re.compile(r"\s*[A-Za-z][A-Za-z0-9_-]*:(?:\s+(?:null|Null|NULL|~))?\s*(?:#.*)?")


def _null(representer: Any, _: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.representer.add_representer(type(None), _null)
    yaml.representer.ignore_aliases = lambda _data: True  # one date in many entries: no &id001
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the user wrote
    return yaml


def _dump(yaml: YAML, document: Any) -> str:
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()
