"""The criteria library: channels and criteria shipped as data, and overrides applied on top."""

from __future__ import annotations

import contextlib
import difflib
import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from touchaudit.reading.errors import Code, UsageError
from touchaudit.reading.models import (
    Channel,
    ChannelsFile,
    CriteriaFile,
    Criterion,
    CriterionFields,
    Curve,
    Direction,
    ValueKind,
)
from touchaudit.reading.values import DURATION_UNITS

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_DEFAULT_UNIT = {
    ValueKind.DURATION: "s",
    ValueKind.NUMBER: "",
    ValueKind.PERCENT: "%",
    ValueKind.RATING: "/5",
    ValueKind.BOOLEAN: "yes/no",
}


class CriterionError(ValueError):
    """A criterion definition or override that cannot be used; `field` names the culprit."""

    def __init__(self, field: str | None, message: str, code: Code = Code.BAD_CRITERION) -> None:
        super().__init__(message)
        self.field, self.message, self.code = field, message, code


def suggest(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` when a close match exists, else ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass(frozen=True)
class Library:
    """The channels and criteria an audit is validated and scored against."""

    channels: Mapping[str, Channel]
    criteria: Mapping[str, Criterion]
    _by_channel: dict[str, tuple[Criterion, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def listed(self, channel: str | None = None) -> list[Criterion]:
        """`touchaudit criteria`: every criterion, or a channel's; UsageError for an unknown one."""
        if channel is None:
            return list(self.criteria.values())
        if channel not in self.channels:
            raise UsageError(f"unknown channel '{channel}'{suggest(channel, self.channels)}")
        return list(self.for_channel(channel))

    def for_channel(self, channel: str) -> tuple[Criterion, ...]:
        """The criteria the library expects for a channel, in library order."""
        found = self._by_channel.get(channel)
        if found is None:
            found = tuple(c for c in self.criteria.values() if channel in c.channels)
            self._by_channel[channel] = found
        return found

    def with_criteria(
        self, fields: Mapping[str, CriterionFields], *, origin: str
    ) -> tuple[Library, dict[str, CriterionError]]:
        """A library with overrides and custom criteria applied, and the ones that failed."""
        if not fields:
            return self, {}
        criteria = dict(self.criteria)
        failed: dict[str, CriterionError] = {}
        for criterion_id, patch in fields.items():
            try:
                criteria[criterion_id] = resolve_criterion(
                    criterion_id, self.criteria.get(criterion_id), patch, self.channels, origin
                )
            except CriterionError as err:
                failed[criterion_id] = err
        return Library(self.channels, criteria), failed


def with_defined(library: Library, criteria: Iterable[Criterion]) -> Library:
    """`library` plus fully specified criteria it does not have (a competitor's own)."""
    added = {c.id: c for c in criteria if c.id not in library.criteria}
    if not added:
        return library
    return Library(library.channels, {**library.criteria, **added})


def resolve_criterion(
    criterion_id: str,
    base: Criterion | None,
    patch: CriterionFields,
    channels: Mapping[str, Channel],
    origin: str,
) -> Criterion:
    """Merge `patch` over `base` (or define a custom criterion) and check the result holds."""
    given = patch.model_dump(exclude_none=True)
    if "channel" in given:
        given["channels"] = (given.pop("channel"),)
    if base is None:
        merged = _custom_defaults(criterion_id, given, origin)
    else:
        merged = base.model_dump()
        if "unit" in given and "good" not in given and base.type is ValueKind.DURATION:
            _rescale_thresholds(merged, base.unit, given["unit"])
        if ({"good", "poor"} & given.keys()) and "source" not in given:
            merged["source"] = f"set in {origin}"
        merged.update(given)
    _fill_type_defaults(merged, given)
    for channel in merged["channels"]:
        if channel not in channels:
            raise CriterionError(
                "channels",
                f"unknown channel '{channel}'{suggest(channel, channels)}",
                Code.UNKNOWN_CHANNEL,
            )
    criterion = Criterion.model_validate(merged)
    check_criterion(criterion)
    return criterion


def _custom_defaults(criterion_id: str, given: dict[str, Any], origin: str) -> dict[str, Any]:
    if "type" not in given:
        raise CriterionError(
            None,
            f"'{criterion_id}' is not a library criterion; a custom criterion needs 'type' "
            "(duration, number, percent, rating or boolean) and 'channel'",
            Code.UNKNOWN_CRITERION,
        )
    if "channels" not in given:
        raise CriterionError(None, f"custom criterion '{criterion_id}' needs 'channel'")
    if given["type"] == ValueKind.DURATION and "unit" not in given:
        raise CriterionError(
            "type",
            f"custom duration '{criterion_id}' needs 'unit' (one of {', '.join(DURATION_UNITS)}):"
            " without it, a bare number such as 5 could mean seconds or minutes",
        )
    merged: dict[str, Any] = {
        "id": criterion_id,
        "label": criterion_id.replace("_", " ").capitalize(),
        "source": f"custom criterion defined in {origin}",
        "custom": True,
    }
    merged.update(given)
    if "direction" not in given and "good" in given and "poor" in given:
        merged["direction"] = "lower" if given["good"] < given["poor"] else "higher"
    return merged


def _fill_type_defaults(merged: dict[str, Any], given: dict[str, Any]) -> None:
    kind = ValueKind(merged["type"])
    if kind is ValueKind.RATING and "unit" not in merged and merged.get("scale"):
        merged["unit"] = f"/{merged['scale']:g}"
    merged.setdefault("unit", _DEFAULT_UNIT[kind])
    if kind is ValueKind.RATING and "scale" not in given and merged["unit"].startswith("/"):
        with contextlib.suppress(ValueError):
            merged["scale"] = float(merged["unit"][1:])
    if kind is ValueKind.PERCENT:
        merged.setdefault("min", 0.0)
        merged.setdefault("max", 100.0)
    elif kind is ValueKind.RATING:
        merged.setdefault("min", 0.0)
        merged.setdefault("max", merged.get("scale", 5.0))
    if "curve" not in merged or merged["curve"] is None:
        merged["curve"] = _default_curve(kind, merged.get("max"))


def _default_curve(kind: ValueKind, maximum: float | None) -> Curve:
    if kind is ValueKind.BOOLEAN:
        return Curve.BOOLEAN
    if kind is ValueKind.DURATION or (kind is ValueKind.NUMBER and maximum is None):
        return Curve.LOGNORMAL
    return Curve.LINEAR


def _rescale_thresholds(merged: dict[str, Any], old_unit: str, new_unit: str) -> None:
    if old_unit in DURATION_UNITS and new_unit in DURATION_UNITS:
        factor = DURATION_UNITS[old_unit] / DURATION_UNITS[new_unit]
        for key in ("good", "poor", "min", "max"):
            if merged.get(key) is not None:
                merged[key] *= factor


def check_criterion(c: Criterion) -> None:
    """Raise CriterionError when thresholds, unit and curve of `c` do not fit together."""
    if c.type is ValueKind.BOOLEAN:
        if c.curve is not Curve.BOOLEAN:
            raise CriterionError("curve", "a boolean criterion uses the boolean curve")
        return
    if c.curve is Curve.BOOLEAN:
        raise CriterionError("curve", f"the boolean curve needs type boolean, not {c.type}")
    if c.type is ValueKind.DURATION and c.unit not in DURATION_UNITS:
        units = ", ".join(DURATION_UNITS)
        raise CriterionError("unit", f"a duration's unit is one of {units}, not '{c.unit}'")
    if c.good is None or c.poor is None:
        missing = "good" if c.good is None else "poor"
        raise CriterionError(missing, f"'{c.id}' needs both 'good' and 'poor' thresholds")
    better, worse = ("lower", "higher") if c.direction is Direction.LOWER else ("higher", "lower")
    if not (c.good < c.poor if c.direction is Direction.LOWER else c.good > c.poor):
        raise CriterionError(
            "good",
            f"good ({c.good:g}) must be {better} than poor ({c.poor:g}) because "
            f"{better} is better for '{c.id}' (set direction: {worse} to flip it)",
        )
    if c.curve is Curve.LOGNORMAL and min(c.good, c.poor) <= 0:
        raise CriterionError("good", "the lognormal curve needs good and poor above 0")
    if c.curve is Curve.LINEAR:
        if c.min is None or c.max is None:
            raise CriterionError("curve", "the linear curve needs 'min' and 'max'")
        low, high = sorted((c.good, c.poor))
        if not c.min <= low < high <= c.max:
            raise CriterionError(
                "good",
                f"good and poor must lie within min {c.min:g} and max {c.max:g}",
            )


def read_data(name: str) -> Any:
    """One YAML file of the shipped data (library/data/), parsed."""
    return yaml.load(
        resources.files("touchaudit.library.data").joinpath(name).read_bytes(), _Loader
    )


def data_files(folder: str) -> Iterator[tuple[str, Any]]:
    """Each `*.yaml` of a folder of the shipped data, by name: (file name, parsed data)."""
    root = resources.files("touchaudit.library.data").joinpath(folder)
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            yield entry.name, yaml.load(entry.read_bytes(), _Loader)


@functools.cache
def builtin_library() -> Library:
    """The library shipped with touchaudit (read once per process)."""
    channels = ChannelsFile.model_validate(read_data("channels.yaml")).channels
    criteria: dict[str, Criterion] = {}
    for name, raw in data_files("criteria"):
        data = CriteriaFile.model_validate(raw)
        for criterion_id, patch in data.criteria.items():
            if criterion_id in criteria:
                raise ValueError(f"criterion '{criterion_id}' is defined twice in the library")
            criterion = resolve_criterion(
                criterion_id, None, patch, channels, f"touchaudit/library/data/criteria/{name}"
            )
            criteria[criterion_id] = criterion.model_copy(update={"custom": False})
    return Library(channels, criteria)
