"""Starter audits for `touchaudit init`: a business type's expected touchpoints, every library
criterion of their channels set to null, with comments saying what to measure and what is good."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, field
from datetime import date

from touchaudit.library.checklists import business_type, with_business
from touchaudit.library.criteria import Library, builtin_library
from touchaudit.library.targets import threshold_text
from touchaudit.reading.errors import UsageError, only_errors
from touchaudit.reading.loader import parse_audit
from touchaudit.reading.models import Checklist, Criterion, ValueKind
from touchaudit.reading.visible import describe, is_hidden

# The schema's file beside the audit (`init -o` writes it; `touchaudit schema -o` refreshes it):
# yaml-language-server resolves a relative $schema from the audit's own folder.
SCHEMA_FILE = "audit.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema={SCHEMA_FILE}"
MAX_COMPANY = 200  # the audit format's limit on `company:`


@dataclass
class _Planned:
    channel: str
    label: str
    stages: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Starter:
    """A starter audit: its YAML text and what it asks the auditor to measure."""

    business: str
    text: str
    touchpoints: int
    criteria: int

    @property
    def summary(self) -> str:
        """`12 touchpoints, 80 criteria to measure`, for the line `init -o` prints."""
        return f"{self.touchpoints} touchpoints, {self.criteria} criteria to measure"


def starter_audit(
    business: str,
    company: str,
    *,
    library: Library | None = None,
    today: date | None = None,
) -> Starter:
    """The starter audit of a business type for a company."""
    checklist = business_type(business)
    check_company(company)
    library, _ = with_business(library or builtin_library(), checklist)
    planned = plan_touchpoints(checklist, library)
    lines = [
        SCHEMA_COMMENT,
        *_comment(
            f"A starter audit for a {checklist.label.lower()}, written by `touchaudit init`. "
            "Every criterion is null (not measured): replace null with what you measure, in "
            "the value syntax ('3.4 s', '45%', '4/5', yes/no), then run `touchaudit validate` "
            "and `touchaudit score` on this file. The touchpoints are the ones the "
            f"{checklist.label.lower()} checklist expects; delete those the company does not "
            "have (the journey check then lists them as missing) and add the ones it has. "
            f"Checklist source: {checklist.source}",
            "",
        ),
        "touchaudit: 1",
        f"company: {_quoted(company)}",
        f"audited_on: {(today or date.today()).isoformat()}",
        "auditor: null  # who walked the customer's path",
        f"business: {business}",
        f"stages: [{', '.join(checklist.stages)}]",
        "",
        "touchpoints:",
    ]
    count = 0
    for tp_id, tp in planned.items():
        # The channel's own criteria first, then those it shares with a main channel.
        # Not those the business type's checklist says do not apply (a restaurant's returns).
        applicable = (
            c for c in library.for_channel(tp.channel) if c.id not in checklist.not_applicable
        )
        criteria = sorted(applicable, key=lambda c: c.channels[0] != tp.channel)
        count += len(criteria)
        lines.append(f"  {tp_id}:")
        lines.extend(
            _comment(f"Expected at {', '.join(tp.stages)}: {'; '.join(tp.items)}.", "    ")
        )
        lines.append(f"    channel: {tp.channel}")
        lines.append(f"    name: {_quoted(tp.label)}")
        lines.append("    owner: null  # who is responsible")
        if not criteria:
            lines.append("    criteria: {}  # the library has no criteria for this channel yet")
            continue
        lines.append("    criteria:")
        for c in criteria:
            # How to measure it, above it: two auditors then measure it the same way.
            if c.description:
                lines.extend(_comment(f"How to measure: {c.description}", "      "))
            lines.append(f"      {c.id}: null  # {criterion_comment(c)}")
    lines.append("")
    text = "\n".join(lines)
    check_starter(text, library)
    return Starter(business, text, len(planned), count)


def check_company(company: str) -> None:
    """Raise UsageError unless `company` makes a valid `company:`: 1 to 200 characters once its
    spaces are joined, none of them invisible or control characters, no byte that is not UTF-8
    (a surrogate escape from a command line in another encoding)."""
    joined = " ".join(company.split())
    if not joined or len(joined) > MAX_COMPANY:
        raise UsageError(f"--company must be 1 to {MAX_COMPANY} characters")
    for char in joined:
        if "\udc80" <= char <= "\udcff":
            raise UsageError(
                f"--company holds the byte 0x{ord(char) - 0xDC00:02x}, which is not UTF-8; "
                "give the name in UTF-8"
            )
        if is_hidden(char):
            raise UsageError(
                f"--company holds {describe(char)}, an invisible or control character; remove it"
            )


def check_starter(text: str, library: Library) -> None:
    """Raise UsageError unless `text` loads as a valid audit, read as `validate` reads it: a
    starter is never written that touchaudit itself would refuse."""
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise UsageError(f"the starter audit would not be UTF-8: {err.reason}") from None
    loaded, problems = parse_audit(raw, "<starter>", library=library)
    if loaded is None:
        first = only_errors(problems)[0]
        raise UsageError(f"the starter audit would not be valid: {first}")


def plan_touchpoints(checklist: Checklist, library: Library) -> dict[str, _Planned]:
    """One touchpoint per expected item with channels (its first channel); an item met by a
    criterion alone (clickable_phone) is met by a touchpoint of a channel that has it, added
    when no planned touchpoint does."""
    planned: dict[str, _Planned] = {}
    by_criterion = []
    for stage, items in checklist.stages.items():
        for item in items:
            if not item.channels:
                by_criterion.append((stage, item.id, item.label, item.criteria))
                continue
            tp = planned.setdefault(item.id, _Planned(item.channels[0], item.label))
            tp.stages.append(stage)
            tp.items.append(item.label)
    for stage, item_id, label, criteria in by_criterion:
        channels = [ch for c in criteria for ch in library.criteria[c].channels]
        # The criterion's first channel is its main one: the website before social pages.
        hosts = (tp for ch in channels for tp in planned.values() if tp.channel == ch)
        host = next(hosts, None)
        if host is None:
            host = planned.setdefault(item_id, _Planned(channels[0], label))
        if stage not in host.stages:
            host.stages.append(stage)
        host.items.append(f"{label} ({', '.join(criteria)})")
    return planned


def criterion_comment(c: Criterion) -> str:
    """`Page load time, s: good ≤ 3 s, poor ≥ 7 s` or `Call-back request: good is yes`."""
    if c.type is ValueKind.BOOLEAN or c.good is None or c.poor is None:
        return f"{c.label}: {threshold_text(c)}"
    return f"{c.label}, {c.unit}: {threshold_text(c)}"


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text, width=96, initial_indent=f"{indent}# ", subsequent_indent=f"{indent}# "
    )


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, whatever the text holds.
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def quoted(text: str) -> str:
    """`text` on one line as a YAML double-quoted scalar (what `init` writes for names)."""
    return _quoted(text)
