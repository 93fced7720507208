"""One criterion in full, for `touchaudit criteria ID`: its thresholds and their source, how to
measure it, the aspect it shares a weight with, and the business types that set it their way."""

from __future__ import annotations

from dataclasses import dataclass

from touchaudit.library.checklists import builtin_checklists, with_business
from touchaudit.library.criteria import Library, aspects, suggest
from touchaudit.reading.errors import UsageError
from touchaudit.reading.models import Criterion


@dataclass(frozen=True)
class BusinessSetting:
    """A business type that sets the criterion its own way, and the criterion as it then reads."""

    business: str
    label: str
    fields: tuple[str, ...]  # what it sets: good, poor, unit, recommendation...
    criterion: Criterion


@dataclass(frozen=True)
class CriterionDetail:
    """Everything `touchaudit criteria ID` shows of one criterion."""

    criterion: Criterion
    aspect_label: str | None
    aspect_members: tuple[str, ...]  # the other criteria of its aspect
    settings: tuple[BusinessSetting, ...]


def criterion_detail(library: Library, criterion_id: str) -> CriterionDetail:
    """The criterion `criterion_id` of `library` in full; UsageError for an unknown one."""
    criterion = library.criteria.get(criterion_id)
    if criterion is None:
        raise UsageError(
            f"unknown criterion '{criterion_id}'{suggest(criterion_id, library.criteria)}"
        )
    aspect = aspects().get(criterion.aspect) if criterion.aspect else None
    members = tuple(
        c.id for c in library.criteria.values() if c.aspect == criterion.aspect and c != criterion
    )
    settings = []
    for business, found in builtin_checklists().items():
        patch = found.criteria.get(criterion_id)
        if patch is None:
            continue
        under, _ = with_business(library, found)
        fields = tuple(patch.model_dump(exclude_none=True))
        settings.append(
            BusinessSetting(business, found.label, fields, under.criteria[criterion_id])
        )
    return CriterionDetail(
        criterion,
        aspect.label if aspect else criterion.aspect,
        members if criterion.aspect else (),
        tuple(settings),
    )
