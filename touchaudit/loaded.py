"""What the loading boundary hands on: a valid audit with its library, parsed values and stages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from touchaudit.errors import Problem
from touchaudit.library import Library
from touchaudit.models import Audit, Measurement


@dataclass(frozen=True)
class LoadedAudit:
    """A valid audit with what scoring needs: the effective library and the parsed values."""

    file: str
    audit: Audit
    library: Library
    measurements: Mapping[str, Mapping[str, Measurement]]
    stages: Mapping[str, tuple[str, ...]]
    warnings: tuple[Problem, ...] = ()
