"""The loading boundary: a file's bytes become a checked `LoadedAudit` or every problem in it."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import string
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from touchaudit.library.aliases import canonical_channels
from touchaudit.library.checklists import builtin_checklists, checklist_for
from touchaudit.library.criteria import Library, builtin_library, suggest
from touchaudit.reading.checks import apply_criteria_section, check_audit, mark_stale
from touchaudit.reading.errors import AuditError, Code, Problem, UsageError, has_errors, only_errors
from touchaudit.reading.imports import SourceReader, import_sources
from touchaudit.reading.limits import Limits, count_problems, criteria_problem
from touchaudit.reading.loaded import LoadedAudit
from touchaudit.reading.models import (
    Audit,
    Chain,
    CriterionFields,
    MeasuredEntry,
    ProfileFile,
    Source,
    Touchpoint,
)
from touchaudit.reading.parallel import map_in_order
from touchaudit.reading.reads import read_regular
from touchaudit.reading.validation import FileReport, ValidationReport
from touchaudit.reading.visible import first_foreign
from touchaudit.reading.yamldoc import (
    MAX_BYTES,
    Document,
    Path,
    Position,
    Positions,
    dotted,
    position_of,
    read_document,
)

FORMAT_VERSION = 1


def load_audit(
    path: str | os.PathLike[str],
    *,
    library: Library | None = None,
    max_bytes: int = MAX_BYTES,
) -> LoadedAudit:
    """Load and check one audit file; raise AuditError listing every problem found."""
    audit, problems = check_file(path, library=library, max_bytes=max_bytes)
    if audit is None:
        raise AuditError(only_errors(problems))
    return audit


def check_file(
    path: str | os.PathLike[str],
    *,
    library: Library | None = None,
    max_bytes: int = MAX_BYTES,
    keep_library_criteria: bool = False,
    positions: bool = True,
) -> tuple[LoadedAudit | None, list[Problem]]:
    """Load one audit file: the audit when it is valid, and every problem (errors, warnings).

    `keep_library_criteria` loads a file to be scored with someone else's thresholds (a
    competitor's audit, a baseline): its `criteria:` section may add custom criteria, but its
    settings for criteria `library` already has are replaced by warnings where they differ.
    `positions=False` keeps no positions for the gaps (outputs that do not locate them).
    """
    name = os.fspath(path)
    try:
        raw = read_regular(name, max_bytes)
    except OSError as err:
        return None, [Problem(name, None, None, _os_message(err), Code.UNREADABLE)]
    return parse_audit(
        raw,
        name,
        library=library,
        max_bytes=max_bytes,
        keep_library_criteria=keep_library_criteria,
        positions=positions,
    )


def parse_audit(
    raw: bytes | str,
    name: str = "<audit>",
    *,
    library: Library | None = None,
    max_bytes: int = MAX_BYTES,
    keep_library_criteria: bool = False,
    positions: bool = True,
) -> tuple[LoadedAudit | None, list[Problem]]:
    """Like `check_file`, for an audit already in memory."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    with collector_paused():
        return _parse(data, name, library, max_bytes, keep_library_criteria, positions)


# An audit when it is valid, and every problem found in it.
CheckResult = tuple[LoadedAudit | None, list[Problem]]


class AuditReader:
    """`check_file` for the audits of one command that reads some of them more than once: each
    file is parsed once, and checked once per library it is judged by. A comparison reads a
    competitor's audit for the criteria it defines, then checks it with ours; a trend reads
    every version for its date before comparing them; a report with a trend does both.

    Audits that are not files (versions from git) are read from the bytes given to `keep`.
    A parsed document takes ~30 times its file's size in memory: documents are kept up to
    `KEPT_BYTES` of files in all, and a larger audit is parsed again when it is checked again.
    """

    KEPT_BYTES = 4 * 1024 * 1024

    def __init__(self) -> None:
        self._raw: dict[str, bytes] = {}
        self._kept = 0
        self._documents: dict[tuple[str, int], tuple[Document, int] | Problem] = {}
        # By (name, max_bytes, id of the library, keep_library_criteria); the library is kept
        # with the answer, so that its id cannot be taken by another library meanwhile.
        self._checked: dict[tuple[str, int, int, bool], tuple[Library, CheckResult]] = {}

    def keep(self, raw: Mapping[str, bytes]) -> None:
        """Read the audits named here from these bytes, not from files."""
        self._raw.update(raw)

    def __call__(
        self,
        name: str,
        *,
        library: Library | None = None,
        max_bytes: int = MAX_BYTES,
        keep_library_criteria: bool = False,
    ) -> tuple[LoadedAudit | None, list[Problem]]:
        """The audit `name` checked against `library` (the built-in one when None)."""
        library = library or builtin_library()
        key = (name, max_bytes, id(library), keep_library_criteria)
        found = self._checked.get(key)
        if found is None:
            document = self._document(name, max_bytes)
            if isinstance(document, Problem):
                result: CheckResult = (None, [document])
            else:
                with collector_paused():
                    result = _check_document(
                        *document, library, max_bytes, keep_library_criteria, True
                    )
            found = self._checked[key] = (library, result)
        audit, problems = found[1]
        return audit, list(problems)

    def _document(self, name: str, max_bytes: int) -> tuple[Document, int] | Problem:
        """The file's document and size, parsed once (or why it cannot be read)."""
        key = (name, max_bytes)
        found = self._documents.get(key)
        if found is not None:
            return found
        raw = self._raw.get(name)
        try:
            if raw is None:
                raw = read_regular(name, max_bytes)
        except OSError as err:
            found = Problem(name, None, None, _os_message(err), Code.UNREADABLE)
        else:
            with collector_paused():
                found = (read_document(raw, name, max_bytes=max_bytes), len(raw))
            if self._kept + len(raw) > self.KEPT_BYTES:
                return found  # too large to keep: parsed again if it is checked again
            self._kept += len(raw)
        self._documents[key] = found
        return found


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while an audit's objects are made (or scored, rendered).

    They hold no reference cycles, yet every full pass of the collector walks all of them: on an
    audit of 10k touchpoints those passes took more than half of the loading time. Whatever
    cyclic garbage the block makes is collected after it, as usual.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _parse(
    data: bytes,
    name: str,
    library: Library | None,
    max_bytes: int,
    keep_library_criteria: bool,
    positions: bool,
) -> tuple[LoadedAudit | None, list[Problem]]:
    doc = read_document(data, name, max_bytes=max_bytes)
    return _check_document(doc, len(data), library, max_bytes, keep_library_criteria, positions)


def _check_document(
    doc: Document,
    size: int,
    library: Library | None,
    max_bytes: int,
    keep_library_criteria: bool,
    positions: bool,
) -> tuple[LoadedAudit | None, list[Problem]]:
    """A parsed audit (of `size` bytes) checked against `library`; the document is only read,
    so that one parse may be checked against several libraries (`AuditReader`)."""
    name = doc.file
    if doc.problems:
        return None, list(doc.problems)
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        message = f"an audit is a mapping of keys (touchaudit, company, touchpoints...), not {kind}"
        return None, [doc.problem((), message, Code.NOT_A_MAPPING)]
    version_problem = _check_version(doc)
    if version_problem:
        return None, [version_problem]
    limits = Limits.for_bytes(max_bytes)
    too_many = count_problems(doc, limits)
    if too_many:  # refused before the costs that grow with the counts
        return None, too_many
    problems = list(doc.problems)
    aliases = canonical_channels(doc.data)  # `channel: whatsapp` is scored as a messenger
    audit: Audit | None = None
    try:
        audit = Audit.model_validate(doc.data)
    except ValidationError as err:
        problems.extend(schema_problems(doc, err))
    checked = check_audit(
        doc, library or builtin_library(), keep_library_criteria=keep_library_criteria
    )
    import_sources(doc, checked, SourceReader.for_audit(name, max_bytes, size))
    if audit is not None:
        mark_stale(doc, checked, audit.stale_after_days)
    problems.extend(checked.problems)
    if not has_errors(problems):
        too_costly = criteria_problem(doc, checked.library, checked.measurements, limits)
        if too_costly:
            return None, [too_costly]
    problems.sort(key=_position)
    if audit is None or has_errors(problems):
        return None, problems
    loaded = LoadedAudit(
        name,
        audit,
        checked.library,
        checked.measurements,
        checked.stages,
        tuple(problems),
        gap_positions(doc) if positions else Positions(),
        na_touchpoints=checked.na_touchpoints,
        na_items=checked.na_items,
        channel_aliases=aliases,
    )
    return loaded, problems


def gap_positions(doc: Document) -> Positions:
    """Where a gap can sit in a valid audit: the stages, the touchpoints, each touchpoint and
    each of its criteria (findings.gap_path)."""
    top: list[Path] = [(), ("stages",), ("touchpoints",)]
    at: dict[Path, Position] = {path: doc.position(path) for path in top}
    # One walk over the touchpoints' nodes: a lookup per path from the root would index every
    # mapping it passes (a fifth of `score`'s time on the bench corpus).
    for tp_id, tp_node in doc.mapping_items(doc.node(("touchpoints",))):
        at.setdefault(("touchpoints", tp_id), position_of(tp_node))
        for key, section in doc.mapping_items(tp_node):
            if key != "criteria":
                continue
            at.setdefault(("touchpoints", tp_id, "criteria"), position_of(section))
            for criterion, value in doc.mapping_items(section):
                at.setdefault(("touchpoints", tp_id, "criteria", criterion), position_of(value))
            break
    return Positions(at)


def load_profile(
    path: str | os.PathLike[str],
    *,
    library: Library | None = None,
    chain: tuple[str, ...] = (),
) -> Library:
    """A shared profile: its `criteria:` applied on top of the library, or of what it
    `extends:` (a business type, or another profile file, itself read this way). `chain` holds
    the files that extend this one, to refuse a cycle."""
    name = os.fspath(path)
    try:
        raw = read_regular(name, MAX_BYTES)
    except OSError as err:
        raise AuditError([Problem(name, None, None, _os_message(err), Code.UNREADABLE)]) from None
    doc = read_document(raw, name)
    base = library or builtin_library()
    if not doc.problems:
        try:
            ProfileFile.model_validate(doc.data)
        except ValidationError as err:
            doc.problems.extend(schema_problems(doc, err))
    if doc.problems:
        raise AuditError(doc.problems)
    assert isinstance(doc.data, dict)
    if doc.data.get("extends"):
        base = _extended(doc, doc.data["extends"], base, (*chain, name))
    section = doc.data.get("criteria") or {}
    _, problems = apply_criteria_section(doc, section, base, name)
    if problems:
        raise AuditError(problems)
    patches = {k: CriterionFields.model_validate(v) for k, v in section.items()}
    return base.with_profile(patches, name)


def _extended(doc: Document, extends: str, base: Library, chain: tuple[str, ...]) -> Library:
    """The library a profile's `extends:` names: a business type's thresholds as a layer, or
    another profile file (relative to this one) loaded over `base`."""
    business = checklist_for(extends)
    if business is not None:
        return base.with_profile(business.criteria, business.origin)
    target = FsPath(doc.file).parent / extends
    if not target.is_file():
        known = ", ".join(builtin_checklists())
        message = (
            f"extends '{extends}': no such profile file next to this one, nor a business type"
            f"{suggest(extends, builtin_checklists())} (business types: {known})"
        )
        raise AuditError([doc.problem(("extends",), message, Code.BAD_EXTENDS)])
    resolved = [os.path.realpath(f) for f in chain]
    if os.path.realpath(target) in resolved:
        cycle = " -> ".join([*chain[resolved.index(os.path.realpath(target)) :], str(target)])
        message = f"extends '{extends}' makes a cycle: {cycle}"
        raise AuditError([doc.problem(("extends",), message, Code.BAD_EXTENDS)])
    return load_profile(target, library=base, chain=chain)


def _os_message(err: OSError) -> str:
    return f"cannot read the file: {err.strerror or err}"


def _position(problem: Problem) -> tuple[int, int]:
    return (problem.line or 0, problem.column or 0)


def _check_version(doc: Document) -> Problem | None:
    assert isinstance(doc.data, dict)
    if "touchaudit" not in doc.data:
        return None  # the schema reports the missing key with every other problem
    version = doc.data["touchaudit"]
    if version == str(FORMAT_VERSION):  # scalars are read as text; the model wants the number
        doc.data["touchaudit"] = FORMAT_VERSION  # and a second check of this document sees it
        return None
    if version == FORMAT_VERSION and type(version) is int:
        return None
    shown = _shown(version)
    message = (
        f"unsupported format version {shown}: this touchaudit reads 'touchaudit: {FORMAT_VERSION}'"
    )
    return doc.problem(("touchaudit",), message, Code.FORMAT_VERSION)


# --------------------------------------------------------------------------- schema errors


def schema_problems(doc: Document, err: ValidationError) -> list[Problem]:
    """Pydantic's errors, placed at the YAML key or value they are about, one per place."""
    seen: dict[str, Problem] = {}
    details = err.errors(include_url=False)
    nested = {d["loc"][:-1] for d in details if d["loc"]}
    inner = _paths_with_errors_inside(doc, details)
    for detail in details:
        loc = detail["loc"]
        if detail["type"] == "too_short" and loc in nested:
            continue  # pydantic counts only the items that were valid: the items' errors say it
        if _scalar_member_error(detail) and _real_path(doc.data, loc)[0] in inner:
            continue  # the mapping member of the union reports what is wrong inside it
        problem = _schema_problem(doc, detail)
        if problem.path in seen:
            message = _criterion_value_message(problem.path)
            if message:
                seen[problem.path] = replace(problem, message=message, code=Code.WRONG_TYPE)
            continue
        seen[problem.path] = problem
    if not seen:  # never let an invalid file pass silently, whatever pydantic said
        seen[""] = doc.problem((), "invalid audit: " + " ".join(str(err).split()), Code.WRONG_TYPE)
    return list(seen.values())


def _scalar_member_error(detail: ErrorDetails) -> bool:
    """A union's text/number/yes-no member refusing a mapping (the mapping member may explain)."""
    loc = detail["loc"]
    return bool(loc) and loc[-1] in _SCALAR_MEMBERS and isinstance(detail.get("input"), dict)


def _paths_with_errors_inside(doc: Document, details: Sequence[ErrorDetails]) -> set[Path]:
    """Every path that has an error somewhere below it: there, the deeper error says what is
    wrong (`load_time: {value: {value: 9 s}}` is wrong at the inner `value`)."""
    inside: set[Path] = set()
    for detail in details:
        path = _real_path(doc.data, detail["loc"])[0]
        inside.update(path[:end] for end in range(len(path)))
    return inside


# The names pydantic puts in `loc` for the members of a union such as a measured value.
_SCALAR_MEMBERS = frozenset(("str", "float", "bool", "int", "none"))
_UNION_MEMBERS = _SCALAR_MEMBERS | {"MeasuredEntry", "CriterionFields"}


def _criterion_value_message(path: str) -> str | None:
    """What a measured value may be, for the path of a criterion or of its `value:`."""
    parts = path.split(".")
    if len(parts) < 4 or parts[0] != "touchpoints" or parts[2] != "criteria":
        return None
    if len(parts) == 4:
        return (
            "a measured value is text such as '3.4 s', a number, yes/no, null, "
            "or a mapping with 'value' (and 'note', 'evidence')"
        )
    if len(parts) == 5 and parts[4] == "value":
        return "a measured 'value' is text such as '3.4 s', a number, yes/no or null"
    return None


def _schema_problem(doc: Document, detail: ErrorDetails) -> Problem:
    path, on_key = _real_path(doc.data, detail["loc"])
    kind = detail["type"]
    if kind == "missing":
        parent, key = path[:-1], path[-1] if path else ""
        where = f" in '{dotted(parent)}'" if parent else ""
        problem = doc.problem(parent, f"missing required key '{key}'{where}", Code.MISSING_KEY)
        return replace(problem, path=dotted(path))  # placed at the parent, named in full
    if kind == "extra_forbidden":
        key = str(path[-1])
        hint = suggest(key, _allowed_keys(path[:-1]))
        return doc.problem(path, f"unknown key '{key}'{hint}", Code.UNKNOWN_KEY, key=True)
    message = _message(detail)
    if on_key:
        message = f"the key {message}"
    code = Code.WRONG_TYPE if kind in _TYPE_WORDS else Code.BAD_VALUE
    return doc.problem(path, message, code, key=on_key)


def _real_path(data: Any, loc: Sequence[int | str]) -> tuple[Path, bool]:
    """Drop the union-member names pydantic adds to `loc`; say whether the error is on a key."""
    path: list[str | int] = []
    node = data
    for index, step in enumerate(loc):
        if step == "[key]":
            return tuple(path), True
        found, child = _step_into(node, step)
        if found:
            node = child
        elif isinstance(step, str) and (step in _UNION_MEMBERS or "[" in step):
            continue
        elif index == len(loc) - 1:
            node = None  # a missing key: the problem points at its parent
        else:
            continue
        path.append(step)
    return tuple(path), False


def _step_into(node: Any, step: int | str) -> tuple[bool, Any]:
    if isinstance(node, dict) and step in node:
        return True, node[step]
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return True, node[step]
    return False, None


_MODELS_BY_SHAPE: dict[tuple[str, ...], type[BaseModel]] = {
    (): Audit,
    ("touchpoints", "*"): Touchpoint,
    ("chains", "*"): Chain,
    ("criteria", "*"): CriterionFields,
    ("touchpoints", "*", "criteria", "*"): MeasuredEntry,
    ("touchpoints", "*", "sources", "*"): Source,
}


def _allowed_keys(parent: Path) -> list[str]:
    shape = tuple("*" if i % 2 else str(p) for i, p in enumerate(parent))
    model = _MODELS_BY_SHAPE.get(shape)
    return list(model.model_fields) if model else []


_TYPE_WORDS = {
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)",
    "list_type": "a list",
    "tuple_type": "a list",
    "string_type": "text",
    "float_type": "a number",
    "float_parsing": "a number",
    "int_parsing": "a whole number",
    "bool_parsing": "yes or no",
    "bool_type": "yes or no",
}


def _message(detail: ErrorDetails) -> str:
    kind = detail["type"]
    given = detail.get("input")
    shown = _shown(given)
    if kind in _TYPE_WORDS:
        return f"expected {_TYPE_WORDS[kind]}, got {shown}"
    if kind == "string_pattern_mismatch":
        return f"{shown} is not a valid identifier: {_id_trouble(str(given))}"
    if kind == "string_too_long":
        limit = detail.get("ctx", {}).get("max_length")
        return f"text too long: {len(str(given)):,} characters, at most {limit}"
    if kind in ("too_short", "string_too_short") and isinstance(given, str):
        return "must not be empty" if not given else f"too short: {shown}"
    if kind in ("too_short", "too_long"):
        ctx = detail.get("ctx", {})
        if kind == "too_short":
            least, actual = ctx.get("min_length", 1), ctx.get("actual_length", 0)
            items = "item" if least == 1 else "items"
            return f"needs at least {least} {items}, got {actual or 'none'}"
        return f"takes at most {ctx.get('max_length')} items, got {ctx.get('actual_length')}"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"expected a date like 2026-10-14, got {shown}"
    if kind == "finite_number":
        return f"expected a finite number, got {shown}"
    if kind == "too_short":
        least = detail.get("ctx", {}).get("min_length", 1)
        return f"expected at least {least} entr{'y' if least == 1 else 'ies'}, got none"
    if kind == "enum" or kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        return f"{shown} is not one of {expected}"
    text = detail["msg"]
    if text.startswith("Value error, "):
        text = text[len("Value error, ") :]
    return f"{text[:1].lower()}{text[1:]} (got {shown})"


_ID_FIRST = string.ascii_letters
_ID_REST = string.ascii_letters + string.digits + "_-"


def _id_trouble(text: str) -> str:
    """What is wrong with an identifier, naming an invisible or foreign character."""
    rule = "identifiers use only ASCII letters, digits, '_' and '-'"
    if not text:
        return "it is empty"
    foreign = first_foreign(text, _ID_REST)
    if foreign is not None:
        index, char = foreign
        where = f" right after '{text[:index]}'" if index else " at its start"
        return f"it contains {char}{where}; {rule}"
    if text[0] not in _ID_FIRST:
        return f"it must start with a letter; {rule}"
    return f"it has {len(text)} characters, at most 64"


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


# --------------------------------------------------------------------------- many files

AUDIT_SUFFIXES = (".yaml", ".yml")


def find_audit_files(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """The files named, and every *.yaml / *.yml under the folders named, in a stable order."""
    found: list[str] = []
    for given in paths:
        path = FsPath(given)
        if path.is_dir():
            inside = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in AUDIT_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not inside:
                raise UsageError(f"no *.yaml or *.yml files in {path}")
            found.extend(os.fspath(p) for p in inside)
        else:
            found.append(os.fspath(path))
    return list(dict.fromkeys(found))


def validate_files(
    files: Sequence[str],
    *,
    library: Library | None = None,
    max_bytes: int = MAX_BYTES,
    jobs: int = 1,
) -> ValidationReport:
    """Check every file, across up to `jobs` processes; never stops at the first invalid one."""
    check = functools.partial(_file_report, library=library, max_bytes=max_bytes)
    return ValidationReport(tuple(map_in_order(check, files, jobs=jobs)))


def _file_report(file: str, *, library: Library | None, max_bytes: int) -> FileReport:
    _, problems = check_file(file, library=library, max_bytes=max_bytes, positions=False)
    return FileReport(file, tuple(problems))


def load_audits(
    files: Sequence[str],
    *,
    library: Library | None = None,
    max_bytes: int = MAX_BYTES,
) -> list[LoadedAudit]:
    """Load several audits; raise one AuditError with the errors of every invalid file."""
    loaded: list[LoadedAudit] = []
    errors: list[Problem] = []
    for file in files:
        audit, problems = check_file(file, library=library, max_bytes=max_bytes)
        if audit is None:
            errors.extend(only_errors(problems))
        else:
            loaded.append(audit)
    if errors:
        raise AuditError(errors)
    return loaded
