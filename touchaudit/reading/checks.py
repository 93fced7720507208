"""The rules an audit must follow beyond its shape: known channels, criteria, stages and chains.

The checks read the plain data, not the validated model, so that one misshapen touchpoint does
not hide the mistakes in the others: a user sees every problem of a file in one run.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from touchaudit.library.aliases import channel_aliases
from touchaudit.library.checklists import (
    LibraryChecklist,
    builtin_checklists,
    checklist_for,
    with_business,
)
from touchaudit.library.criteria import Library, suggest
from touchaudit.library.thresholds import differing_threshold
from touchaudit.reading.errors import Code, Problem
from touchaudit.reading.models import (
    DEFAULT_STAGES,
    Criterion,
    CriterionFields,
    Measurement,
    NotApplicable,
    is_id,
)
from touchaudit.reading.samples import Sample, combine, parse_sample
from touchaudit.reading.values import ValueSyntaxError, parse_measured
from touchaudit.reading.yamldoc import Document, Path

MAX_VALUE_CHARS = 200

# How a measured value says that the criterion does not apply (compared in lower case).
NOT_APPLICABLE_VALUES = frozenset({"n/a", "not applicable"})


@dataclass
class Checked:
    """What the checks learned: the effective library, parsed values and stages per touchpoint,
    and what does not apply (touchpoints and checklist items, by id, still in force)."""

    library: Library
    measurements: dict[str, dict[str, Measurement]] = field(default_factory=dict)
    stages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    na_touchpoints: dict[str, NotApplicable] = field(default_factory=dict)
    na_items: dict[str, NotApplicable] = field(default_factory=dict)
    today: datetime.date = field(default_factory=datetime.date.today)
    # The ids the audit's `criteria:` section names: one that cannot be used is reported there,
    # once, not again as an unknown criterion wherever it is measured.
    defined: frozenset[str] = frozenset()
    # The criteria the business type's checklist says do not apply, with the reason.
    business_na: Mapping[str, str] = field(default_factory=dict)


def check_audit(
    doc: Document,
    base: Library,
    *,
    origin: str | None = None,
    keep_library_criteria: bool = False,
) -> Checked:
    """Check the document's data against `base` plus the audit's own `criteria:` section.

    With `keep_library_criteria`, the section may only add criteria: its settings for criteria
    `base` already has are not applied, and a warning names each one that differs.
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    business = data.get("business")
    checklist = checklist_for(business) if isinstance(business, str) else None
    base, business_problems = _business_layer(doc, base, checklist, keep_library_criteria)
    library, problems = apply_criteria_section(
        doc,
        data.get("criteria"),
        base,
        origin or doc.file,
        keep_library_criteria=keep_library_criteria,
    )
    section = data.get("criteria")
    defined = frozenset(map(str, section)) if isinstance(section, dict) else frozenset()
    today = _reference_date(data.get("audited_on"))
    checked = Checked(
        library,
        problems=business_problems + problems,
        today=today,
        defined=defined,
        business_na=checklist.not_applicable if checklist else {},
    )
    _check_business(doc, data.get("business"), checked)
    _check_items_not_applicable(doc, checklist, data.get("not_applicable"), checked)
    stages = _audit_stages(doc, data.get("stages"), checked)
    touchpoints = data.get("touchpoints")
    if isinstance(touchpoints, dict):
        for tp_id, tp in touchpoints.items():
            if isinstance(tp, dict):
                _check_touchpoint(doc, str(tp_id), tp, stages, checked)
    _check_chains(doc, data.get("chains"), touchpoints, checked)
    return checked


def _business_layer(
    doc: Document, base: Library, business: LibraryChecklist | None, scored_as_other: bool
) -> tuple[Library, list[Problem]]:
    """`base` with the business type's thresholds beneath its profile; none for an audit scored
    with another audit's criteria (the one-threshold rule: theirs already hold ours)."""
    if scored_as_other:
        return base, []
    library, failed = with_business(base, business)
    return library, [
        doc.problem(
            ("business",),
            f"the profile's '{criterion_id}' cannot apply over {business.origin}: {err.message}",
            err.code,
        )
        for criterion_id, err in failed.items()
        if business is not None
    ]


def apply_criteria_section(
    doc: Document,
    section: Any,
    base: Library,
    origin: str,
    *,
    keep_library_criteria: bool = False,
) -> tuple[Library, list[Problem]]:
    """Apply a `criteria:` section (audit or profile) to `base`, with what cannot apply."""
    if not isinstance(section, dict):
        return base, []
    patches: dict[str, CriterionFields] = {}
    kept: list[str] = []  # criteria of `base` the section may not change here
    problems = []
    for criterion_id, raw in section.items():
        try:
            patches[criterion_id] = CriterionFields.model_validate(raw)
        except ValidationError:
            continue  # the schema validation reports it, with its position
        if keep_library_criteria and criterion_id in base.criteria:
            kept.append(criterion_id)
            problems.extend(
                differing_threshold(doc, criterion_id, patches[criterion_id], base, origin)
            )
    # Every entry is checked, also one that is not applied: an invalid file is invalid everywhere.
    library, failed = base.with_criteria(patches, origin=origin)
    if kept:
        applied = {k: v for k, v in patches.items() if k not in kept}
        library = base.with_criteria(applied, origin=origin)[0]
    for criterion_id, err in failed.items():
        path: Path = ("criteria", criterion_id)
        given = section[criterion_id]
        if err.field and isinstance(given, dict) and err.field in given:
            path += (err.field,)
        elif err.field == "channels" and isinstance(given, dict) and "channel" in given:
            path += ("channel",)
        key = len(path) == 2
        if err.code == Code.UNKNOWN_CRITERION:
            err.message += suggest(criterion_id, base.criteria)
        problems.append(doc.problem(path, err.message, err.code, key=key))
    return library, problems


def _check_business(doc: Document, business: Any, checked: Checked) -> None:
    known = builtin_checklists()
    if isinstance(business, str) and business not in known:
        message = (
            f"no journey checklist for business '{business}'{suggest(business, known)}; "
            f"the journey check is skipped (checklists: {', '.join(known)})"
        )
        checked.problems.append(warning(doc.problem(("business",), message, Code.UNKNOWN_BUSINESS)))


def _reference_date(audited_on: Any) -> datetime.date:
    """The day `until:` dates are judged against: the audit's own date, else today."""
    return _as_date(audited_on) or datetime.date.today()


def _not_applicable(doc: Document, path: Path, raw: Any, checked: Checked) -> NotApplicable | None:
    """A `not_applicable:` entry still in force; an expired one is a warning and counts again.

    Shapes the schema refuses are left to it (None here)."""
    if isinstance(raw, str) and raw.strip():
        return NotApplicable.model_construct(reason=raw, until=None)
    if not isinstance(raw, dict) or not isinstance(raw.get("reason"), str):
        return None
    if _expired(doc, (*path, "until"), raw.get("until"), checked):
        return None
    return NotApplicable.model_construct(reason=raw["reason"], until=_as_date(raw.get("until")))


def _expired(doc: Document, path: Path, until: Any, checked: Checked) -> bool:
    """True (and an `na-expired` warning at `path`) when the `until` date has passed."""
    end = _as_date(until)
    if end is None or end >= checked.today:
        return False
    message = (
        f"not applicable until {end.isoformat()}, which has passed "
        f"({checked.today.isoformat()}): it counts again; measure it or give a new date"
    )
    checked.problems.append(warning(doc.problem(path, message, Code.NA_EXPIRED)))
    return True


def _check_items_not_applicable(
    doc: Document, checklist: LibraryChecklist | None, section: Any, checked: Checked
) -> None:
    if not isinstance(section, dict):
        return
    items = {i.id for stage in checklist.stages.values() for i in stage} if checklist else set()
    for item_id, raw in section.items():
        path: Path = ("not_applicable", item_id)
        if checklist is None:
            message = (
                "not_applicable names expected touchpoints of a journey checklist, but this "
                "audit's 'business:' has none"
            )
            checked.problems.append(doc.problem(path, message, Code.UNKNOWN_ITEM, key=True))
        elif item_id not in items:
            hint = suggest(str(item_id), items) or f" (its items: {', '.join(sorted(items))})"
            business = checklist.business
            message = f"'{item_id}' is not an expected touchpoint of the {business} checklist{hint}"
            checked.problems.append(doc.problem(path, message, Code.UNKNOWN_ITEM, key=True))
        elif (found := _not_applicable(doc, path, raw, checked)) is not None:
            checked.na_items[item_id] = found


def _audit_stages(doc: Document, raw: Any, checked: Checked) -> tuple[str, ...]:
    if not isinstance(raw, list):
        return DEFAULT_STAGES
    seen: list[str] = []
    for index, stage in enumerate(raw):
        if not isinstance(stage, str):
            continue
        if stage not in DEFAULT_STAGES:
            message = f"unknown stage '{stage}'{suggest(stage, DEFAULT_STAGES)}"
            checked.problems.append(doc.problem(("stages", index), message, Code.UNKNOWN_STAGE))
        elif stage in seen:
            message = f"stage '{stage}' is listed twice"
            checked.problems.append(doc.problem(("stages", index), message, Code.DUPLICATE_STAGE))
        else:
            seen.append(stage)
    return tuple(s for s in DEFAULT_STAGES if s in seen) or DEFAULT_STAGES


def _check_touchpoint(
    doc: Document, tp_id: str, tp: dict[str, Any], stages: tuple[str, ...], checked: Checked
) -> None:
    base: Path = ("touchpoints", tp_id)
    library = checked.library
    given = tp.get("channel")
    channel = given if isinstance(given, str) and is_id(given) else None
    # a channel that is not an identifier (or not a string) is the schema's to report
    if channel is not None and channel not in library.channels:
        known = [*library.channels, *channel_aliases()]
        message = f"unknown channel '{channel}'{suggest(channel, known)}"
        checked.problems.append(doc.problem((*base, "channel"), message, Code.UNKNOWN_CHANNEL))
        channel = None
    own = tp.get("stages")
    if isinstance(own, list):
        for index, stage in enumerate(own):
            if isinstance(stage, str) and stage not in stages:
                hint = suggest(stage, stages) or f" (this audit's stages: {', '.join(stages)})"
                checked.problems.append(
                    doc.problem(
                        (*base, "stages", index),
                        f"unknown stage '{stage}'{hint}",
                        Code.UNKNOWN_STAGE,
                    )
                )
        checked.stages[tp_id] = tuple(s for s in stages if s in own)
    elif isinstance(channel, str):
        served = _served(library.channels[channel].stages, stages)
        if not served:
            message = (
                f"a {channel} touchpoint serves none of this audit's stages by default; "
                "give it 'stages:'"
            )
            checked.problems.append(doc.problem((*base, "channel"), message, Code.NO_STAGE))
        checked.stages[tp_id] = served
    if "not_applicable" in tp:
        found = _not_applicable(doc, (*base, "not_applicable"), tp["not_applicable"], checked)
        if found is not None:
            checked.na_touchpoints[tp_id] = found
    criteria = tp.get("criteria")
    if isinstance(criteria, dict):
        checked.measurements[tp_id] = _measure(doc, base, channel, criteria, checked)


@functools.lru_cache(maxsize=1024)
def _served(channel_stages: tuple[str, ...], stages: tuple[str, ...]) -> tuple[str, ...]:
    """The stages of an audit's `stages` a channel serves by default (once per pair)."""
    return tuple(s for s in channel_stages if s in stages)


def _measure(
    doc: Document,
    base: Path,
    channel: str | None,
    criteria: dict[str, Any],
    checked: Checked,
) -> dict[str, Measurement]:
    known = checked.library.criteria
    business_na = checked.business_na
    out: dict[str, Measurement] = {}
    for criterion_id, raw in criteria.items():
        criterion = known.get(criterion_id)
        # The common entries, a value (or none) of a criterion meant for this channel, in one
        # step; any other (n/a, samples, a mistake, a warning) is measured in full.
        if (
            criterion is not None
            and criterion_id not in business_na
            and (channel is None or channel in criterion.channels)
        ):
            if raw is None:
                out[criterion_id] = Measurement(None, None)
                continue
            if isinstance(raw, str) and len(raw) <= MAX_VALUE_CHARS:
                try:
                    out[criterion_id] = Measurement(parse_measured(criterion, raw), raw)
                    continue
                except ValueSyntaxError:
                    pass  # n/a (no value parses as it), or a mistake to report
            elif isinstance(raw, dict) and (found := _measured_entry(criterion, raw)):
                out[criterion_id] = found
                continue
        path: Path = (*base, "criteria", criterion_id)
        found = _measure_entry(doc, path, channel, criterion_id, criterion, raw, checked)
        if found is not None:
            out[criterion_id] = found
    return out


def _measured_entry(criterion: Criterion, entry: dict[str, Any]) -> Measurement | None:
    """The measurement of a `{value: 4/5, note: ...}` entry (no samples, no until) whose value
    parses; None for any other, to be measured in full."""
    if "samples" in entry or "until" in entry:
        return None
    raw = entry.get("value")
    if not isinstance(raw, str) or len(raw) > MAX_VALUE_CHARS:
        return None
    try:
        value = parse_measured(criterion, raw)
    except ValueSyntaxError:
        return None  # n/a (no value parses as it), or a mistake to report
    note, evidence = _text(entry.get("note")), _text(entry.get("evidence"))
    return Measurement(value, raw, note, evidence, measured_on=_as_date(entry.get("measured_on")))


def _measure_entry(
    doc: Document,
    path: Path,
    channel: str | None,
    criterion_id: str,
    criterion: Criterion | None,
    raw: Any,
    checked: Checked,
) -> Measurement | None:
    """One entry of a touchpoint's `criteria:` at `path`, with its problems; None when it
    gives no measurement (its problems say why)."""
    library = checked.library
    if criterion is None and (not is_id(criterion_id) or criterion_id in checked.defined):
        return None  # the schema, or the `criteria:` section, says what is wrong with it
    if criterion is None:
        candidates = [c.id for c in library.for_channel(channel)] if channel else []
        hint = suggest(criterion_id, candidates) or suggest(criterion_id, library.criteria)
        message = f"unknown criterion '{criterion_id}'{hint}"
        checked.problems.append(doc.problem(path, message, Code.UNKNOWN_CRITERION, key=True))
        return None
    if criterion_id in checked.business_na:
        message = (
            f"'{criterion_id}' does not apply to this business type "
            f"({checked.business_na[criterion_id]}): it is not scored"
        )
        checked.problems.append(warning(doc.problem(path, message, Code.NA_FOR_BUSINESS, key=True)))
    if channel is not None and channel not in criterion.channels:
        message = (
            f"criterion '{criterion_id}' is meant for {', '.join(criterion.channels)}, "
            f"not {channel}; it is scored all the same"
        )
        checked.problems.append(
            warning(doc.problem(path, message, Code.CRITERION_CHANNEL, key=True))
        )
    note = evidence = until = when = samples = None
    if isinstance(raw, dict):
        note, evidence, until = raw.get("note"), raw.get("evidence"), raw.get("until")
        when, samples = _as_date(raw.get("measured_on")), raw.get("samples")
        raw = raw.get("value")
        path = (*path, "value")
    if isinstance(samples, list) and raw is not None:
        message = f"{criterion_id}: give 'value' or 'samples', not both"
        checked.problems.append(doc.problem((*path[:-1], "samples"), message, Code.BAD_VALUE))
        return None
    if isinstance(samples, list):
        combined = _from_samples(doc, path[:-1], criterion, samples, checked)
        if combined is None:
            return None
        value, how = combined
        return Measurement(value, how, _text(note), _text(evidence), measured_on=when, samples=how)
    if isinstance(raw, str) and raw.strip().lower() in NOT_APPLICABLE_VALUES:
        return _criterion_not_applicable(
            doc, path, raw, _text(note), _text(evidence), until, checked
        )
    if until is not None:
        message = f"{criterion_id}: 'until' is only for a value that does not apply (n/a)"
        checked.problems.append(doc.problem((*path[:-1], "until"), message, Code.BAD_VALUE))
    if raw is None:
        return Measurement(None, None, _text(note), _text(evidence))
    if not isinstance(raw, str):
        return None  # a list or mapping: the schema validation reports it
    if len(raw) > MAX_VALUE_CHARS:
        # Parsing time grows with the text; a real value is a few characters long.
        message = (
            f"{criterion_id}: a measured value of {len(raw):,} characters, at most "
            f"{MAX_VALUE_CHARS}; write it like 3.4 s or 4/5, and remarks under 'note'"
        )
        checked.problems.append(doc.problem(path, message, Code.BAD_VALUE))
        return None
    try:
        value = parse_measured(criterion, raw)
    except ValueSyntaxError as err:
        checked.problems.append(doc.problem(path, f"{criterion_id}: {err}", Code.BAD_VALUE))
        return None
    return Measurement(value, raw, _text(note), _text(evidence), measured_on=when)


def _from_samples(
    doc: Document, entry: Path, criterion: Criterion, samples: list[Any], checked: Checked
) -> tuple[float | bool, str] | None:
    """`{samples: [...]}` combined as the criterion says; None (and the errors) if one is bad."""
    parsed: list[Sample] = []
    for index, sample in enumerate(samples):
        if not isinstance(sample, str):
            return None  # a list or mapping: the schema validation reports it
        try:
            if len(sample) > MAX_VALUE_CHARS:
                raise ValueSyntaxError(f"a sample of {len(sample):,} characters")
            parsed.append(parse_sample(criterion, sample))
        except ValueSyntaxError as err:
            message = f"{criterion.id}: {err}"
            checked.problems.append(
                doc.problem((*entry, "samples", index), message, Code.BAD_VALUE)
            )
    if len(parsed) < len(samples) or not parsed:
        return None
    return combine(criterion, parsed)


def mark_stale(doc: Document, checked: Checked, days: int) -> None:
    """Flag every value measured more than `days` (the audit's `stale_after_days`) before the
    audit's date: a `stale-value` warning each, and `stale` for the reports."""
    if checked.today.toordinal() <= days:
        return  # an audit dated in year 1: nothing can be older
    oldest = checked.today - datetime.timedelta(days=days)
    for tp_id, measured in checked.measurements.items():
        for criterion_id, found in measured.items():
            if found.measured_on is None or found.measured_on >= oldest:
                continue
            measured[criterion_id] = dataclasses.replace(found, stale=True)
            message = (
                f"{criterion_id}: measured on {found.measured_on.isoformat()}, more than {days} "
                f"days before {checked.today.isoformat()}: measure it again"
            )
            path: Path = ("touchpoints", tp_id, "criteria", criterion_id)
            if doc.node(path) is None:
                path = ("touchpoints", tp_id, "sources")
            checked.problems.append(warning(doc.problem(path, message, Code.STALE_VALUE)))


def _criterion_not_applicable(
    doc: Document,
    path: Path,
    raw: str,
    note: str | None,
    evidence: str | None,
    until: Any,
    checked: Checked,
) -> Measurement:
    """An `n/a` value; its note is the reason (a warning without one). Past its `until` date it
    is unmeasured again, with a warning."""
    entry: Path = path[:-1] if path[-1] == "value" else path
    if _expired(doc, (*entry, "until"), until, checked):
        return Measurement(None, None, note, evidence)
    if not note:
        message = (
            f"{entry[-1]}: n/a without a reason; write {{value: n/a, note: why it does not "
            "apply}} so that the report can say why"
        )
        checked.problems.append(warning(doc.problem(path, message, Code.NA_WITHOUT_REASON)))
    return Measurement(None, raw, note, evidence, not_applicable=note or "")


def _as_date(value: Any) -> datetime.date | None:
    """A date written in the file (YYYY-MM-DD), or None (the schema reports a bad one)."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _check_chains(doc: Document, chains: Any, touchpoints: Any, checked: Checked) -> None:
    if not isinstance(chains, dict):
        return
    known: Mapping[str, Any] = touchpoints if isinstance(touchpoints, dict) else {}
    for chain_id, chain in chains.items():
        steps = chain.get("steps") if isinstance(chain, dict) else None
        if not isinstance(steps, list):
            continue
        for index, step in enumerate(steps):
            if isinstance(step, str) and is_id(step) and step not in known:
                message = (
                    f"chain '{chain_id}' names touchpoint '{step}', which this audit does not "
                    f"have{suggest(step, known)}"
                )
                checked.problems.append(
                    doc.problem(("chains", chain_id, "steps", index), message, Code.BROKEN_CHAIN)
                )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def warning(problem: Problem) -> Problem:
    """The same problem as a warning."""
    return dataclasses.replace(problem, severity="warning")
