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
from pydantic import Field

from touchaudit.reading.errors import Code, UsageError
from touchaudit.reading.models import (
    Channel,
    ChannelsFile,
    CriteriaFile,
    Criterion,
    CriterionFields,
    Curve,
    Direction,
    Frozen,
    Id,
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
class Layer:
    """A profile's `criteria:` section, kept so that a business type can slide in beneath it."""

    patches: Mapping[str, CriterionFields]
    origin: str
    # The unit each patched criterion had beneath the layer: its bare numbers are in that unit.
    units: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Library:
    """The channels and criteria an audit is validated and scored against."""

    channels: Mapping[str, Channel]
    criteria: Mapping[str, Criterion]
    # The profile layers applied on top of `below` (the shipped library) to make this one.
    layers: tuple[Layer, ...] = ()
    below: Library | None = field(default=None, compare=False, repr=False)
    # The audit's business type: its own criteria (`businesses:`) are expected, no other's.
    business: str | None = None
    _by_channel: dict[str, tuple[Criterion, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # The library this one was made from by patching criteria, when none of them moved to other
    # channels or businesses: its lists by channel hold, with `_added` (new criteria) after them.
    _placed_as: Library | None = field(default=None, compare=False, repr=False)
    _added: tuple[Criterion, ...] = field(default=(), compare=False, repr=False)

    def listed(self, channel: str | None = None) -> list[Criterion]:
        """`touchaudit criteria`: every criterion, or a channel's; UsageError for an unknown one."""
        if channel is None:
            return list(self.criteria.values())
        from touchaudit.library.aliases import channel_aliases  # it reads this module's data

        aliases = channel_aliases()
        if channel in aliases:
            channel = aliases[channel].channel
        if channel not in self.channels:
            known = [*self.channels, *aliases]
            raise UsageError(f"unknown channel '{channel}'{suggest(channel, known)}")
        return list(self.for_channel(channel))

    def for_channel(self, channel: str) -> tuple[Criterion, ...]:
        """The criteria the library expects for a channel, in library order."""
        found = self._by_channel.get(channel)
        if found is None:
            if self._placed_as is not None:  # an audit's section: ~5 lookups, not ~120 tests
                criteria = self.criteria
                placed = (criteria[c.id] for c in self._placed_as.for_channel(channel))
                found = (*placed, *(c for c in self._added if self._expects(c, channel)))
            else:
                found = tuple(c for c in self.criteria.values() if self._expects(c, channel))
            self._by_channel[channel] = found
        return found

    def _expects(self, criterion: Criterion, channel: str) -> bool:
        """Whether the criterion is one of the channel's for this library's business."""
        return channel in criterion.channels and (
            not criterion.businesses or self.business in criterion.businesses
        )

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
        # New criteria come last in library order (dict order): only a moved one needs a scan.
        added = tuple(criteria[k] for k in fields if k in criteria and k not in self.criteria)
        moved = any(_moved(self.criteria[k], criteria[k]) for k in fields if k in self.criteria)
        library = Library(
            self.channels,
            criteria,
            self.layers,
            self.below,
            self.business,
            _placed_as=None if moved else self,
            _added=() if moved else added,
        )
        return library, failed

    def for_business(self, business: str) -> Library:
        """The same criteria, expected as in an audit of `business` (its own criteria too)."""
        return Library(self.channels, self.criteria, self.layers, self.below, business)

    def with_profile(self, patches: Mapping[str, CriterionFields], origin: str) -> Library:
        """`self` with a profile's section applied (it must apply) and remembered as a layer."""
        applied, failed = self.with_criteria(patches, origin=origin)
        if failed:
            raise next(iter(failed.values()))
        units = {k: self.criteria[k].unit for k in patches if k in self.criteria}
        layer = Layer(patches, origin, units)
        below = self.below or self
        return Library(self.channels, applied.criteria, (*self.layers, layer), below, self.business)

    def beneath_profile(
        self, patches: Mapping[str, CriterionFields], origin: str
    ) -> tuple[Library, dict[str, CriterionError]]:
        """`self` with `patches` (a business type's) applied beneath its profile layers.

        A profile's number without `unit:` stays in the unit it was written over (the shipped
        library's, for a profile that extends no business type), converted when the business
        type changed the unit."""
        if self.below is None:
            return self.with_criteria(patches, origin=origin)
        shipped = self.below
        library, failed = shipped.with_criteria(patches, origin=origin)
        for layer in self.layers:
            in_units = {k: _in_unit(p, layer.units.get(k)) for k, p in layer.patches.items()}
            library, more = library.with_criteria(in_units, origin=layer.origin)
            failed.update(more)
        extra = {k: c for k, c in self.criteria.items() if k not in library.criteria}
        criteria = {**library.criteria, **extra}
        return Library(self.channels, criteria, self.layers, shipped, self.business), failed


def _moved(before: Criterion, after: Criterion) -> bool:
    """Whether a patched criterion is expected on other channels or by other businesses."""
    return before.channels != after.channels or before.businesses != after.businesses


def with_defined(library: Library, criteria: Iterable[Criterion]) -> Library:
    """`library` plus fully specified criteria it does not have (a competitor's own)."""
    added = {c.id: c for c in criteria if c.id not in library.criteria}
    if not added:
        return library
    merged = {**library.criteria, **added}
    return Library(library.channels, merged, library.layers, library.below, library.business)


def _in_unit(patch: CriterionFields, unit: str | None) -> CriterionFields:
    """A profile's patch with the unit it was written in stated, when it gives numbers but no
    unit (a criterion it defines has none beneath it)."""
    numbers = any(getattr(patch, key) is not None for key in ("good", "poor", "min", "max"))
    if unit is None or patch.unit is not None or not numbers:
        return patch
    return patch.model_copy(update={"unit": unit})


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
        if "unit" in given and base.type is ValueKind.DURATION:
            # Every threshold moves to the new unit; those the patch gives then replace theirs.
            _rescale_thresholds(merged, base.unit, given["unit"])
        if ({"good", "poor"} & given.keys()) and "source" not in given:
            merged["source"] = f"set in {origin}"
        merged.update(given)
    _fill_type_defaults(merged, given)
    merged["channels"] = tuple(
        dict.fromkeys(_known_channel(c, channels) for c in merged["channels"])
    )
    criterion = Criterion.model_validate(merged)
    check_criterion(criterion)
    return criterion


def _known_channel(channel: str, channels: Mapping[str, Channel]) -> str:
    """`channel`, or the channel an alias stands for (`whatsapp` is a messenger), as a
    touchpoint's `channel:` is read; CriterionError for neither."""
    if channel in channels:
        return channel
    from touchaudit.library.aliases import channel_aliases  # it reads this module's data

    aliases = channel_aliases()
    if channel in aliases:
        return aliases[channel].channel
    raise CriterionError(
        "channels",
        f"unknown channel '{channel}'{suggest(channel, [*channels, *aliases])}",
        Code.UNKNOWN_CHANNEL,
    )


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
    for aspect_id, aspect in aspects().items():
        for criterion_id in aspect.criteria:
            if criterion_id not in criteria:
                raise ValueError(f"aspect '{aspect_id}': unknown criterion '{criterion_id}'")
            criteria[criterion_id] = criteria[criterion_id].model_copy(update={"aspect": aspect_id})
    return Library(channels, criteria)


class Aspect(Frozen):
    """Criteria that measure one thing in several ways and so share one weight."""

    label: str
    criteria: tuple[Id, ...] = Field(min_length=2)
    description: str


class AspectsFile(Frozen):
    """data/aspects.yaml."""

    aspects: dict[Id, Aspect]


@functools.cache
def aspects() -> Mapping[str, Aspect]:
    """The aspects shipped with touchaudit, by id (read once)."""
    return AspectsFile.model_validate(read_data("aspects.yaml")).aspects
