"""`touchaudit profile`: the effective thresholds of a business type, or of a profile and what
it extends, written as a profile a consultancy can edit and pass back with `--profile`."""

from __future__ import annotations

import json
from dataclasses import dataclass

from touchaudit.library.checklists import LibraryChecklist, business_type, with_business
from touchaudit.library.criteria import Library, builtin_library
from touchaudit.reading.models import Criterion, ValueKind

# What a profile entry sets for a library criterion; a custom one is written in full.
_SCORED = ("unit", "good", "poor", "min", "max", "weight", "critical")
_CUSTOM = (
    "label", "channels", "type", "unit", "scale", "direction", "expected", "good", "poor",
    "min", "max", "curve", "weight", "critical", "effort", "businesses", "aspect",
)  # fmt: skip
_TEXT = ("recommendation", "source", "description")


@dataclass(frozen=True)
class ExportedProfile:
    """A profile's YAML text and how many criteria it sets."""

    text: str
    criteria: int


def export_profile(
    library: Library, business: LibraryChecklist | None, *, made_from: str
) -> ExportedProfile:
    """Every criterion of `library` (under `business`, when given) with its effective
    thresholds, weight and source: loading the text as a profile gives the same criteria."""
    effective, _ = with_business(library, business)
    shipped = builtin_library().criteria
    lines = [
        f"# A touchaudit profile: the effective thresholds of {made_from}, written by",
        "# `touchaudit profile`. Edit the numbers (in each entry's `unit`) and the sources, then",
        "# pass it with --profile FILE or `profile:` in .touchaudit.yaml. It may start with",
        "# `extends: <business type or profile file>` to build on another one.",
        "criteria:",
    ]
    for c in effective.criteria.values():
        lines.append(f"  {c.id}:  # {_one_line(c.label)}")
        lines.extend(f"    {key}: {value}" for key, value in _entry(c, shipped.get(c.id)))
    return ExportedProfile("\n".join(lines) + "\n", len(effective.criteria))


def _entry(c: Criterion, shipped: Criterion | None) -> list[tuple[str, str]]:
    """The keys of `c` a profile must set to give `c` back over the shipped library."""
    if shipped is None:
        keys = [k for k in _CUSTOM if _worth_writing(c, k)]
        keys += [k for k in _TEXT if getattr(c, k)]
    else:
        keys = [k for k in _SCORED if _worth_writing(c, k)]
        if c.critical != shipped.critical and "critical" not in keys:
            keys.append("critical")
        # With thresholds given, the source must be too, or it would read "set in <profile>".
        if c.good is not None or c.source != shipped.source:
            keys.append("source")
        keys += [
            k for k in ("recommendation", "description") if getattr(c, k) != getattr(shipped, k)
        ]
    return [(k, _yaml(getattr(c, k))) for k in keys]


def _worth_writing(c: Criterion, key: str) -> bool:
    value = getattr(c, key)
    if key in {"min", "max"} and c.type is not ValueKind.NUMBER:
        return False  # a percent's and a rating's bounds follow from the type
    if key == "critical":
        return bool(value)
    if key == "unit" and c.type is ValueKind.BOOLEAN:
        return False
    return value is not None and value != ()


def _yaml(value: object) -> str:
    """A value as YAML: numbers exact, text as a JSON string (valid YAML whatever it holds)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def profile_for(
    business: str | None, library: Library | None, profile: str | None
) -> ExportedProfile:
    """`touchaudit profile`: the export for a business type (or none), over `library` (the
    library with a profile and what it extends, or the shipped one)."""
    found = business_type(business) if business is not None else None
    parts = [
        f"business type '{business}'" if business else "",
        f"profile {profile}" if profile else "",
    ]
    made_from = " under ".join(p for p in parts if p) or "the library"
    return export_profile(library or builtin_library(), found, made_from=made_from)
