"""The journey checklists shipped as data: the touchpoints each business type should have."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import Field

from touchaudit.library.criteria import Library, builtin_library, data_files
from touchaudit.reading.models import (
    DEFAULT_STAGES,
    Checklist,
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
    """A checklist shipped with touchaudit: its items may carry a `recommendation`."""

    # A narrower item type than Checklist's: every LibraryChecklist is still a Checklist.
    stages: dict[Id, tuple[ChecklistItem, ...]] = Field(  # type: ignore[assignment]
        description="Stage id -> the touchpoints expected there, in journey order."
    )
    not_applicable: dict[Id, Text] = Field(
        default_factory=dict,
        description="Library criteria that do not apply to this business type, with the reason: "
        "left out of its audits unless an audit measures them.",
    )


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
    for name, raw in data_files("checklists"):
        checklist = LibraryChecklist.model_validate(raw)
        problems = check_checklist(checklist, library)
        problems.extend(
            f"not_applicable: unknown criterion '{c}'"
            for c in checklist.not_applicable
            if c not in library.criteria
        )
        if checklist.business in found:
            problems.append(f"business '{checklist.business}' has two checklists")
        if problems:
            raise ValueError(f"touchaudit/library/data/checklists/{name}: {'; '.join(problems)}")
        found[checklist.business] = checklist
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
