"""The schemas: the audit file (format version 1) and the library's channels and criteria."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from touchaudit.records import value_record

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_\-]{0,63}$"
_ID_RE = re.compile(ID_PATTERN)

Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="An identifier: a letter, then letters, digits, '_' or '-' (at most 64).",
    ),
]
Text = Annotated[str, Field(max_length=2000)]


def _one_line(text: str) -> str:
    if "\n" in text or "\r" in text:
        raise ValueError("a line break is not allowed here: this text is shown on one line")
    return text


# Names, labels and other text shown on one line (in a table cell, a heading, a CI log line).
Line = Annotated[str, Field(max_length=2000), AfterValidator(_one_line)]
Weight = Annotated[
    float,
    Field(gt=0, le=1000, allow_inf_nan=False, description="Relative importance, > 0."),
]

_ISO_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: Any) -> Any:
    # Pydantic would read 0 or 86400 as a Unix time (1970-01-01): only YYYY-MM-DD is a date here.
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE_RE.fullmatch(value):
        return value
    raise ValueError("expected a date like 2026-10-14")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]

DEFAULT_STAGES: tuple[str, ...] = (
    "awareness",
    "research",
    "comparison",
    "purchase",
    "post_purchase",
)


def is_id(text: str) -> bool:
    """True when `text` is a valid touchaudit identifier."""
    return bool(_ID_RE.fullmatch(text))


@value_record  # made for every value of every audit: a frozen dataclass's init cost 0.1 ms of 2.7
class Measurement:
    """One measured criterion: the parsed value in the criterion's canonical unit, and its text."""

    value: float | bool | None
    raw: str | None
    note: str | None = None
    evidence: str | None = None
    # Set when the criterion does not apply here (`n/a`): the reason, "" when none is given.
    not_applicable: str | None = None
    # When it was measured (`measured_on:`, or the date a source file gives), and whether that
    # is older than the audit's staleness limit (docs/measurements.md).
    measured_on: date | None = None
    stale: bool = False
    # How several samples were combined into `value`: `median of 6 calls (2 unanswered)`.
    samples: str | None = None


class Frozen(BaseModel):
    """Base of every schema: unknown keys are errors and parsed objects never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ValueKind(StrEnum):
    """How a criterion's measured value is written and parsed."""

    DURATION = "duration"
    NUMBER = "number"
    PERCENT = "percent"
    RATING = "rating"
    BOOLEAN = "boolean"


class Direction(StrEnum):
    """Which way is better for a numeric criterion."""

    LOWER = "lower"
    HIGHER = "higher"


class Curve(StrEnum):
    """The scoring curve that turns a measured value into 0-100."""

    LOGNORMAL = "lognormal"
    LINEAR = "linear"
    BOOLEAN = "boolean"


class Aggregate(StrEnum):
    """How a criterion's samples combine into its value (docs/measurements.md)."""

    MEDIAN = "median"
    P75 = "p75"
    MEAN = "mean"
    MAX = "max"
    SHARE_YES = "share_yes"
    SHARE_UNANSWERED = "share_unanswered"


class Effort(StrEnum):
    """How much work fixing a criterion usually takes."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ChannelKind(StrEnum):
    """Where the customer meets the channel."""

    ONLINE = "online"
    OFFLINE = "offline"


# --------------------------------------------------------------------------- library


class Channel(Frozen):
    """A kind of touchpoint (website, phone, store...) with the stages it serves by default."""

    label: str
    kind: ChannelKind
    stages: tuple[Id, ...] = Field(min_length=1)
    description: str = ""


class CriterionFields(Frozen):
    """Every field of a criterion, all optional: the shape of an override or a custom criterion."""

    label: Line | None = None
    channels: tuple[Id, ...] | None = Field(default=None, min_length=1)
    channel: Id | None = Field(default=None, description="Shorthand for a single channel.")
    type: ValueKind | None = None
    unit: Annotated[str, Field(max_length=32), AfterValidator(_one_line)] | None = None
    scale: Annotated[float, Field(gt=0, le=1000, allow_inf_nan=False)] | None = Field(
        default=None, description="The top of a rating scale (4/5 has scale 5)."
    )
    direction: Direction | None = None
    expected: bool | None = Field(
        default=None, description="The answer that scores 100 for a boolean criterion."
    )
    good: Annotated[float, Field(allow_inf_nan=False)] | None = Field(
        default=None, description="The value that scores 90 (canonical unit)."
    )
    poor: Annotated[float, Field(allow_inf_nan=False)] | None = Field(
        default=None, description="The value that scores 50 (canonical unit)."
    )
    min: Annotated[float, Field(allow_inf_nan=False)] | None = None
    max: Annotated[float, Field(allow_inf_nan=False)] | None = None
    curve: Curve | None = None
    aggregate: Aggregate | None = Field(
        default=None, description="How samples combine: median (default), p75, mean, max..."
    )
    weight: Weight | None = None
    critical: bool | None = Field(
        default=None, description="When poor, caps the touchpoint's score at 49."
    )
    effort: Effort | None = None
    recommendation: Text | None = None
    source: Line | None = None
    description: Text | None = Field(
        default=None, description="How to measure it: the protocol two auditors follow alike."
    )
    businesses: tuple[Id, ...] | None = Field(
        default=None,
        description="Expected only in audits of these business types (any audit may measure it).",
    )
    aspect: Id | None = Field(
        default=None,
        description="The aspect it measures with others (page_speed): they share one weight.",
    )

    @model_validator(mode="after")
    def _one_way_to_name_channels(self) -> CriterionFields:
        if self.channel is not None and self.channels is not None:
            raise ValueError("give either 'channel' or 'channels', not both")
        return self


class Criterion(Frozen):
    """A fully specified criterion of the library, after overrides are applied."""

    id: Id
    label: str
    channels: tuple[Id, ...]
    type: ValueKind
    unit: str
    scale: float = 5.0
    direction: Direction = Direction.HIGHER
    expected: bool = True
    good: float | None = None
    poor: float | None = None
    min: float | None = None
    max: float | None = None
    curve: Curve
    aggregate: Aggregate = Aggregate.MEDIAN
    weight: float = 1.0
    critical: bool = False
    effort: Effort = Effort.MEDIUM
    recommendation: str = ""
    source: str = "touchaudit default"
    businesses: tuple[Id, ...] = ()
    aspect: Id | None = None
    description: str = ""
    custom: bool = Field(default=False, description="Defined by an audit or profile.")


class CriteriaFile(Frozen):
    """A criteria data file of the library."""

    criteria: dict[Id, CriterionFields]


class ProfileFile(Frozen):
    """A shared profile: criteria settings over the library, or over what it extends."""

    extends: Line | None = Field(
        default=None,
        description="A business type (restaurant) or another profile file (relative to this "
        "one), applied first; chains may be any length, a cycle is an error.",
    )
    criteria: dict[Id, CriterionFields] = Field(default_factory=dict)


class ChannelsFile(Frozen):
    """The channels data file of the library."""

    channels: dict[Id, Channel]


class ExpectedTouchpoint(Frozen):
    """A touchpoint customers of a business type expect at a stage, and what counts as having it.

    The audit has it when any touchpoint is of one of `channels`, or when any touchpoint has one
    of the yes/no `criteria` measured at its expected answer (a call-back request on the website).
    """

    id: Id
    label: Text
    channels: tuple[Id, ...] = Field(
        default=(), description="A touchpoint of any of these channels satisfies it."
    )
    criteria: tuple[Id, ...] = Field(
        default=(),
        description="Or a touchpoint where one of these yes/no criteria has its expected answer.",
    )
    description: Text = ""
    weight: Weight = Field(
        default=1.0, description="How much a missing one counts, as a touchpoint scoring 0."
    )

    @model_validator(mode="after")
    def _something_satisfies_it(self) -> ExpectedTouchpoint:
        if not self.channels and not self.criteria:
            raise ValueError(f"'{self.id}' needs 'channels' or 'criteria' that satisfy it")
        return self


class Checklist(Frozen):
    """A business type's journey checklist: the expected touchpoints per stage (data/businesses)."""

    business: Id = Field(description="The `business:` value of the audits it applies to.")
    label: Text
    source: Text = Field(description="Where the list comes from.")
    stages: dict[Id, tuple[ExpectedTouchpoint, ...]] = Field(
        description="Stage id -> the touchpoints expected there, in journey order."
    )


# --------------------------------------------------------------------------- audit


def _samples_without_value(data: Any) -> Any:
    # `value` is required, unless `samples` stand in for it (then they are the value).
    if isinstance(data, dict) and "samples" in data and "value" not in data:
        return {**data, "value": None}
    return data


def _value_or_samples(schema: dict[str, Any]) -> None:
    schema["required"] = [key for key in schema.get("required", []) if key != "value"]
    schema["anyOf"] = [{"required": ["value"]}, {"required": ["samples"]}]
    schema["not"] = {"required": ["value", "samples"]}


Sample = str | float | bool


class MeasuredEntry(Frozen):
    """A measured value with its provenance: `{value: yes, note: ..., evidence: ...}`, or the
    samples it is combined from: `{samples: [8 s, 12 s, unanswered]}`."""

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=_value_or_samples)

    value: str | float | bool | None = Field(
        description="The measured value, written in the value syntax."
    )
    samples: tuple[Sample, ...] | None = Field(
        default=None,
        min_length=1,
        max_length=10_000,
        description=(
            "Several measurements (or 'unanswered'), combined as the criterion's aggregate says "
            "(median by default) instead of a value."
        ),
    )
    note: Text | None = Field(
        default=None, description="A remark; for an n/a value, the reason it does not apply."
    )
    evidence: Line | None = Field(default=None, description="A file or link that shows it.")
    measured_on: IsoDate | None = Field(
        default=None, description="When it was measured; older than stale_after_days is stale."
    )
    until: IsoDate | None = Field(
        default=None, description="For an n/a value: after this date it counts again."
    )

    @model_validator(mode="before")
    @classmethod
    def _samples_stand_for_value(cls, data: Any) -> Any:
        return _samples_without_value(data)


RawValue = Annotated[
    str | float | bool | MeasuredEntry | None,
    Field(
        description=(
            "A measured value: '3.4 s', 'PT2M', '45%', '4/5', 'yes', a number, or null"
            " for not measured."
        )
    ),
]


# A reason is never empty: the report says why something is left out of every score.
Reason = Annotated[Line, Field(min_length=1)]


class NotApplicable(Frozen):
    """Why something does not apply, and (optionally) until when: `{reason: ..., until: ...}`."""

    reason: Reason = Field(description="Why it does not apply to this business.")
    until: IsoDate | None = Field(
        default=None,
        description="After this date (judged against audited_on, or today) it counts again.",
    )


def _reason_as_mapping(value: Any) -> Any:
    # `not_applicable: REASON` is short for `{reason: REASON}`: one shape, one set of errors.
    return {"reason": value} if isinstance(value, str) else value


NotApplicableField = Annotated[
    NotApplicable | None,
    BeforeValidator(_reason_as_mapping, json_schema_input_type=Reason | NotApplicable | None),
    Field(
        description=(
            "Marks it as not applicable, with the reason: a text, or {reason: ..., until: "
            "YYYY-MM-DD}. It then leaves every score, coverage and the gaps."
        )
    ),
]


SOURCE_KINDS = ("lighthouse", "psi", "crux", "csv", "page")


class Source(Frozen):
    """A file the touchpoint's measurements come from: `{lighthouse: reports/site.json}`."""

    lighthouse: Line | None = Field(default=None, description="A Lighthouse report (JSON).")
    psi: Line | None = Field(default=None, description="A PageSpeed Insights v5 response.")
    crux: Line | None = Field(default=None, description="A CrUX API response.")
    csv: Line | None = Field(default=None, description="A measurement log (CSV).")
    page: Line | None = Field(
        default=None, description="A saved web page (HTML), read as `touchaudit scan` reads it."
    )
    measured_on: IsoDate | None = Field(
        default=None, description="When it was measured, if the file does not say."
    )

    @model_validator(mode="after")
    def _one_file(self) -> Source:
        named = [kind for kind in SOURCE_KINDS if getattr(self, kind) is not None]
        if len(named) != 1:
            raise ValueError(f"name one file, as one of {', '.join(SOURCE_KINDS)}: path")
        return self


class Touchpoint(Frozen):
    """One point where the customer meets the business."""

    channel: Id = Field(description="A known channel: website, phone, email, store...")
    name: Line | None = None
    stages: tuple[Id, ...] | None = Field(
        default=None, min_length=1, description="Journey stages; defaults to the channel's."
    )
    owner: Line | None = Field(default=None, description="Who is responsible.")
    weight: Weight = 1.0
    notes: Text | None = None
    not_applicable: NotApplicableField = None
    criteria: dict[Id, RawValue] = Field(default_factory=dict)
    sources: tuple[Source, ...] = Field(
        default=(),
        description=(
            "Files the measurements come from, relative to the audit's folder; a value written "
            "under criteria wins over an imported one."
        ),
    )


class Chain(Frozen):
    """An ordered customer path through touchpoints."""

    name: Line | None = None
    steps: tuple[Id, ...] = Field(min_length=1)


class Audit(Frozen):
    """An audit file, format version 1."""

    touchaudit: Literal[1] = Field(description="Format version: 1.")
    company: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_one_line)]
    audited_on: IsoDate | None = None
    auditor: Line | None = None
    location: Line | None = Field(
        default=None,
        description="Where the audit was made, when the company has several places: a store, "
        "a branch (the portfolio's entries).",
    )
    group: Line | None = Field(
        default=None,
        description="A group to total the portfolio by: a region, a brand, a client.",
    )
    business: Id | None = Field(default=None, description="Business type, e.g. clinic, retail.")
    stages: tuple[Id, ...] = Field(default=DEFAULT_STAGES, min_length=1)
    criteria: dict[Id, CriterionFields] = Field(
        default_factory=dict, description="Overrides of library criteria and custom criteria."
    )
    touchpoints: dict[Id, Touchpoint] = Field(min_length=1)
    stale_after_days: int = Field(
        default=180,
        ge=1,
        le=36_500,
        description="A value measured more days than this before audited_on is flagged stale.",
    )
    chains: dict[Id, Chain] = Field(default_factory=dict)
    not_applicable: dict[Id, NotApplicableField] = Field(
        default_factory=dict,
        description=(
            "Expected touchpoints of the business's journey checklist that do not apply, by "
            "checklist item id, with the reason."
        ),
    )


def audit_json_schema() -> dict[str, Any]:
    """The JSON Schema of the audit format, for editors and CI tools."""
    schema = Audit.model_json_schema()
    _require_id_keys(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://touchaudit.dev/schema/audit-v1.json"
    schema["title"] = "touchaudit audit (format version 1)"
    return schema


def _require_id_keys(node: Any) -> None:
    """Make every id-keyed mapping refuse other keys, as the loader does.

    Pydantic puts the id pattern in `patternProperties` only, which checks the values of
    matching keys and lets any other key through (a zero-width space in a touchpoint id).
    """
    if isinstance(node, dict):
        if ID_PATTERN in node.get("patternProperties", {}):
            node["propertyNames"] = {**node.get("propertyNames", {}), "pattern": ID_PATTERN}
        for child in node.values():
            _require_id_keys(child)
    elif isinstance(node, list):
        for child in node:
            _require_id_keys(child)
