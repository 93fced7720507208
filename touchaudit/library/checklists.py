"""The business types shipped as data (data/businesses/): each one's journey checklist, the
thresholds it sets for itself and its wording for recommendations."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import Field

from touchaudit.library.criteria import (
    CriterionError,
    Library,
    builtin_library,
    data_files,
    suggest,
)
from touchaudit.reading.errors import UsageError
from touchaudit.reading.models import (
    DEFAULT_STAGES,
    Checklist,
    CriterionFields,
    ExpectedTouchpoint,
    Id,
    Text,
    ValueKind,
)


class ChecklistItem(ExpectedTouchpoint):
    """An expected touchpoint of a shipped checklist, with advice in the business's own words."""

    recommendation: Text = Field(
        default="",
        description="How to add or fix it, worded for this business type; replaces the advice "
        "of the item's criteria in this business's gaps.",
    )


class LibraryChecklist(Checklist):
    """A business type shipped with touchaudit: its checklist (whose items may carry a
    `recommendation`), the criteria that do not apply and its own thresholds."""

    # A narrower item type than Checklist's: every LibraryChecklist is still a Checklist.
    stages: dict[Id, tuple[ChecklistItem, ...]] = Field(  # type: ignore[assignment]
        description="Stage id -> the touchpoints expected there, in journey order."
    )
    not_applicable: dict[Id, Text] = Field(
        default_factory=dict,
        description="Library criteria that do not apply to this business type, with the reason: "
        "left out of its audits unless an audit measures them.",
    )
    criteria: dict[Id, CriterionFields] = Field(
        default_factory=dict,
        description="Library criteria this business type judges by its own thresholds or words "
        "(`delivery_time: {unit: min, good: 30, poor: 60, source: ...}`): applied over the "
        "library, beneath a profile and the audit's own `criteria:`. New thresholds need a source.",
    )

    @property
    def origin(self) -> str:
        """How the sources of its overrides name it: `business type 'restaurant'`."""
        return f"business type '{self.business}'"


def check_checklist(checklist: Checklist, library: Library) -> list[str]:
    """What is wrong with a checklist against a library: unknown stages, channels, criteria."""
    problems: list[str] = []
    for stage, items in checklist.stages.items():
        if stage not in DEFAULT_STAGES:
            problems.append(f"unknown stage '{stage}'")
        seen: set[str] = set()
        for item in items:
            where = f"{stage}.{item.id}"
            if item.id in seen:
                problems.append(f"{where}: listed twice in the stage")
            seen.add(item.id)
            problems.extend(
                f"{where}: unknown channel '{c}'"
                for c in item.channels
                if c not in library.channels
            )
            for criterion_id in item.criteria:
                criterion = library.criteria.get(criterion_id)
                if criterion is None:
                    problems.append(f"{where}: unknown criterion '{criterion_id}'")
                elif criterion.type is not ValueKind.BOOLEAN:
                    problems.append(f"{where}: '{criterion_id}' is not a yes/no criterion")
    return problems


@functools.cache
def builtin_checklists() -> Mapping[str, LibraryChecklist]:
    """Every checklist shipped with touchaudit, by business type (read and checked once)."""
    library = builtin_library()
    found: dict[str, LibraryChecklist] = {}
    for name, raw in data_files("businesses"):
        checklist = LibraryChecklist.model_validate(raw)
        problems = check_checklist(checklist, library)
        problems.extend(
            f"not_applicable: unknown criterion '{c}'"
            for c in checklist.not_applicable
            if c not in library.criteria
        )
        problems.extend(check_overrides(checklist, library))
        if checklist.business in found:
            problems.append(f"business '{checklist.business}' has two files")
        if problems:
            raise ValueError(f"touchaudit/library/data/businesses/{name}: {'; '.join(problems)}")
        found[checklist.business] = checklist
    unknown = {
        f"criterion '{c.id}': unknown business type '{b}'"
        for c in library.criteria.values()
        for b in c.businesses
        if b not in found
    }
    if unknown:
        raise ValueError("touchaudit/library/data/criteria: " + "; ".join(sorted(unknown)))
    return found


def check_overrides(business: LibraryChecklist, library: Library) -> list[str]:
    """What is wrong with a business type's own thresholds: unknown criteria, thresholds
    without a source, overrides that do not hold."""
    problems = [
        f"criteria.{c}: new thresholds need a 'source'"
        for c, patch in business.criteria.items()
        if (patch.good is not None or patch.poor is not None) and patch.source is None
    ]
    problems.extend(
        f"criteria.{c}: a business type only adjusts library criteria"
        for c in business.criteria
        if c not in library.criteria
    )
    _, failed = library.with_criteria(business.criteria, origin=business.origin)
    problems.extend(f"criteria.{c}: {err.message}" for c, err in failed.items())
    return problems


def with_business(
    library: Library, business: LibraryChecklist | None
) -> tuple[Library, dict[str, CriterionError]]:
    """The library with a business type's thresholds and words applied beneath its profile
    (library -> business type -> profile), and the profile entries that then cannot apply."""
    if business is None:
        return library, {}
    if library is builtin_library():
        return _shipped_with(business.business), {}
    layered, failed = library.beneath_profile(business.criteria, business.origin)
    return layered.for_business(business.business), failed


@functools.cache
def _shipped_with(business: str) -> Library:
    checklist = builtin_checklists()[business]
    library = builtin_library().with_criteria(checklist.criteria, origin=checklist.origin)[0]
    return library.for_business(business)


def business_type(business: str) -> LibraryChecklist:
    """The shipped business type `business`; UsageError (with a suggestion) for another name."""
    known = builtin_checklists()
    found = known.get(business)
    if found is None:
        raise UsageError(
            f"no business type '{business}'{suggest(business, known)}; "
            f"choose one of {', '.join(known)}"
        )
    return found


def checklist_for(business: str | None) -> LibraryChecklist | None:
    """The checklist of a business type; None without `business:` or for an unknown type."""
    return builtin_checklists().get(business) if business else None


@functools.cache
def feature_criteria() -> frozenset[str]:
    """The yes/no criteria that stand for a contact point of their own in some checklist."""
    return frozenset(
        criterion
        for checklist in builtin_checklists().values()
        for items in checklist.stages.values()
        for item in items
        for criterion in item.criteria
    )


@dataclass(frozen=True)
class BusinessAdvice:
    """A business type's own recommendations, from the items of its checklist that give one."""

    items: Mapping[str, str]  # checklist item id -> its recommendation
    criteria: Mapping[str, str]  # criterion id -> the recommendation of the item listing it


@functools.cache
def business_advice(business: str | None) -> BusinessAdvice:
    """The recommendations a business type's checklist words for itself; a criterion listed in
    two items that give one keeps the first item's."""
    checklist = builtin_checklists().get(business) if business else None
    items: dict[str, str] = {}
    criteria: dict[str, str] = {}
    for stage_items in checklist.stages.values() if checklist else ():
        for item in stage_items:
            if item.recommendation:
                items.setdefault(item.id, item.recommendation)
                for criterion in item.criteria:
                    criteria.setdefault(criterion, item.recommendation)
    return BusinessAdvice(items, criteria)
