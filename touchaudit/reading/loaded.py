"""What the loading boundary hands on: a valid audit with its library, parsed values and stages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from touchaudit.library.criteria import Library
from touchaudit.reading.errors import Problem
from touchaudit.reading.models import Audit, Measurement, NotApplicable
from touchaudit.reading.yamldoc import Positions


@dataclass(frozen=True)
class LoadedAudit:
    """A valid audit with what scoring needs: the effective library and the parsed values.

    `positions` locates its stages, touchpoints and their criteria in the file, for the gaps
    CI outputs show: kept from the load, so no one reads the file again. `na_touchpoints` and
    `na_items` hold the touchpoints and checklist items marked not applicable whose `until`
    has not passed (by id)."""

    file: str
    audit: Audit
    library: Library
    measurements: Mapping[str, Mapping[str, Measurement]]
    stages: Mapping[str, tuple[str, ...]]
    warnings: tuple[Problem, ...] = ()
    positions: Positions = field(default_factory=Positions)
    na_touchpoints: Mapping[str, NotApplicable] = field(default_factory=dict)
    na_items: Mapping[str, NotApplicable] = field(default_factory=dict)
    # Touchpoint id -> the channel alias it was written with (`whatsapp`), its channel canonical.
    channel_aliases: Mapping[str, str] = field(default_factory=dict)
