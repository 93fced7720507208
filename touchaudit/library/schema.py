"""The exported JSON Schema of the audit format: the models' schema (reading/models.py) with the
library's closed sets as enums that editors describe on hover, and each library criterion's value
syntax as a pattern.

What JSON Schema cannot say is left to `touchaudit validate`: a chain step naming no touchpoint,
a touchpoint stage the audit does not list, and the values of audits whose `criteria:` section
defines criteria of its own or changes a criterion's type, unit, scale or range (their criteria
are then checked for shape only, so that every valid audit stays valid).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from touchaudit.library.aliases import channel_aliases
from touchaudit.library.checklists import builtin_checklists
from touchaudit.library.criteria import Library, builtin_library, read_data
from touchaudit.library.targets import threshold_text
from touchaudit.reading.checks import MAX_VALUE_CHARS
from touchaudit.reading.models import DEFAULT_STAGES, Criterion, ValueKind, audit_json_schema
from touchaudit.reading.values import value_pattern

# Overrides that change how a criterion's value is written: with one, values keep their shape only.
_SYNTAX_FIELDS = ("type", "unit", "scale", "min", "max")


def audit_schema(library: Library | None = None) -> dict[str, Any]:
    """The JSON Schema of the audit format with the library's channels, stages, business types
    and criteria (the built-in library by default)."""
    library = library or builtin_library()
    schema = audit_json_schema()
    defs, audit = schema["$defs"], schema["properties"]
    described = {i: f"{c.label}: {c.description}".rstrip(": ") for i, c in library.channels.items()}
    # The names consultants write for a channel (`whatsapp`) are read as that channel.
    for alias, to in channel_aliases().items():
        described[alias] = f"{to.label}: read as {to.channel}"
    channels = _closed(described)
    stages = _closed(stage_descriptions())
    touchpoint = defs["Touchpoint"]["properties"]
    _narrow(touchpoint["channel"], channels)
    _narrow(touchpoint["stages"]["anyOf"][0]["items"], stages)
    _narrow(audit["stages"]["items"], stages)
    fields = defs["CriterionFields"]["properties"]
    _narrow(fields["channel"]["anyOf"][0], channels)
    _narrow(fields["channels"]["anyOf"][0]["items"], channels)
    # An unknown business type is only a warning: the known ones are offered, any id passes.
    checklists = builtin_checklists()
    business = _closed({b: c.label for b, c in checklists.items()})
    audit["business"]["anyOf"].insert(0, business)
    criteria = library.criteria
    touchpoint["criteria"]["properties"] = {
        i: {"description": _described(c)} for i, c in criteria.items()
    }
    values = _value_defs(criteria.values())
    defs.update(values)
    schema["allOf"] = [
        _known_criteria_only(criteria),
        _library_values(criteria),
        *_not_applicable_items(),
    ]
    return schema


@functools.cache
def stage_descriptions() -> Mapping[str, str]:
    """Each journey stage with what happens there (library/data/stages.yaml)."""
    described: dict[str, str] = read_data("stages.yaml")
    if tuple(described) != DEFAULT_STAGES:
        raise ValueError("touchaudit/library/data/stages.yaml: not the stages, in journey order")
    return described


def _closed(described: Mapping[str, str]) -> dict[str, Any]:
    """A closed set of ids, each described (yaml-language-server and VS Code show
    `enumDescriptions` on hover and in completion)."""
    return {
        "type": "string",
        "enum": list(described),
        "enumDescriptions": list(described.values()),
    }


def _narrow(node: dict[str, Any], closed: dict[str, Any]) -> None:
    """An id field becomes the closed set, keeping its own description."""
    node.pop("pattern", None)
    node.update(closed)


def _described(c: Criterion) -> str:
    text = f"{c.label} ({c.type.value}, {c.unit}; {threshold_text(c)})"
    return f"{text}: {c.description}" if c.description else text


def _value_def_name(c: Criterion) -> str:
    parts = [c.type.value.capitalize(), "Value"]
    if c.type is ValueKind.NUMBER:
        parts.append(re.sub(r"[^A-Za-z0-9]+", "_", c.unit))
    if c.type is ValueKind.RATING:
        parts.append(f"{c.scale:g}".replace(".", "_"))
    if c.min is not None or c.max is not None:
        parts.append(f"{c.min:g}_{c.max:g}".replace("-", "minus").replace(".", "_"))
    return "_".join(parts)


def _value_defs(criteria: Any) -> dict[str, Any]:
    """One definition per way of writing a value (kind, unit, scale, range) the library uses."""
    return {_value_def_name(c): _value(c) for c in criteria}


def _value(c: Criterion) -> dict[str, Any]:
    """A measured value of `c`: null, its text in the value syntax, a number in range, or the
    `{value: ..., note: ...}` mapping holding one of those."""
    text = {
        "type": "string",
        "maxLength": MAX_VALUE_CHARS,
        "pattern": value_pattern(c.type, c.unit, c.scale),
    }
    scalar: list[dict[str, Any]] = [{"type": "null"}, text]
    if c.type is ValueKind.BOOLEAN:
        scalar.append({"type": "boolean"})
    else:
        scalar.append({"type": "number", **_number_range(c)})
    return {
        "anyOf": [
            *scalar,
            {"$ref": "#/$defs/MeasuredEntry", "properties": {"value": {"anyOf": scalar}}},
        ]
    }


def _number_range(c: Criterion) -> dict[str, float]:
    """The range of a value written as a bare number, in the criterion's unit."""
    low = {ValueKind.DURATION: 0.0, ValueKind.PERCENT: 0.0, ValueKind.RATING: 0.0}.get(c.type)
    high = {ValueKind.PERCENT: 100.0, ValueKind.RATING: c.scale}.get(c.type)
    if c.min is not None:
        low = c.min if low is None else max(low, c.min)
    if c.max is not None:
        high = c.max if high is None else min(high, c.max)
    bounds = {"minimum": low, "maximum": high}
    return {k: v for k, v in bounds.items() if v is not None}


def _in_every_touchpoint(criteria: dict[str, Any]) -> dict[str, Any]:
    return {
        "properties": {
            "touchpoints": {"additionalProperties": {"properties": {"criteria": criteria}}}
        }
    }


def _known_criteria_only(criteria: Mapping[str, Criterion]) -> dict[str, Any]:
    """Unless the audit defines criteria of its own, every measured criterion is the library's."""
    known = {"propertyNames": {"enum": list(criteria)}}
    return {
        "if": {"properties": {"criteria": known}},
        "then": _in_every_touchpoint(known),
    }


def _library_values(criteria: Mapping[str, Criterion]) -> dict[str, Any]:
    """Unless the audit changes how some criterion is written, each library criterion's value
    follows its syntax."""
    changes = {"anyOf": [{"required": [f]} for f in _SYNTAX_FIELDS]}
    refs = {i: {"$ref": f"#/$defs/{_value_def_name(c)}"} for i, c in criteria.items()}
    return {
        "if": {"properties": {"criteria": {"additionalProperties": {"not": changes}}}},
        "then": _in_every_touchpoint({"properties": refs}),
    }


def _not_applicable_items() -> list[dict[str, Any]]:
    """The top-level `not_applicable:` names expected touchpoints of the business's checklist."""
    rules = []
    for business, checklist in builtin_checklists().items():
        items = [item.id for stage in checklist.stages.values() for item in stage]
        rules.append(
            {
                "if": {"properties": {"business": {"const": business}}, "required": ["business"]},
                "then": {"properties": {"not_applicable": {"propertyNames": {"enum": items}}}},
            }
        )
    without = {"properties": {"not_applicable": {"maxProperties": 0}}}
    rules.append({"if": {"not": {"required": ["business"]}}, "then": without})
    return rules
