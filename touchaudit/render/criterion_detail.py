"""`touchaudit criteria ID`: one criterion in full, as plain text or JSON."""

from __future__ import annotations

import textwrap

from touchaudit.library.detail import CriterionDetail
from touchaudit.library.targets import recommendation_text, threshold_text
from touchaudit.reading.models import Aggregate, Criterion
from touchaudit.reading.visible import visible
from touchaudit.render.json import dumps

_COMBINED = {
    Aggregate.MEDIAN: "their median",
    Aggregate.P75: "their 75th percentile",
    Aggregate.MEAN: "their mean",
    Aggregate.MAX: "their largest",
    Aggregate.SHARE_YES: "the share answered yes",
    Aggregate.SHARE_UNANSWERED: "the share unanswered",
}


def _scale(c: Criterion) -> str:
    parts = [f"type {c.type.value}", f"unit {c.unit}"]
    if c.good is not None:
        parts.append(f"{c.direction.value} is better")
    parts += [f"curve {c.curve.value}", f"weight {c.weight:g}", f"effort {c.effort.value}"]
    return ", ".join(parts) + (", critical" if c.critical else "")


def text(detail: CriterionDetail) -> str:
    """The criterion as labelled paragraphs, each wrapped to 100 columns."""
    c = detail.criterion
    rows = [
        ("", f"{c.id}: {c.label} ({', '.join(c.channels)})"),
        ("scale", _scale(c)),
        ("thresholds", threshold_text(c)),
        ("source", c.source),
        ("how to measure", c.description or "not described"),
        ("samples", f"several measurements combine into {_COMBINED[c.aggregate]}"),
        ("recommendation", recommendation_text(c)),
        (
            "expected in",
            "audits of " + ", ".join(c.businesses) if c.businesses else "every audit",
        ),
    ]
    if detail.aspect_label:
        rows.append(
            (
                "aspect",
                f"{detail.aspect_label}: shares one weight with "
                f"{', '.join(detail.aspect_members) or 'no other criterion'}",
            )
        )
    for s in detail.settings:
        said = threshold_text(s.criterion) if {"good", "poor", "unit"} & set(s.fields) else ""
        setting = f"{s.label} sets {', '.join(s.fields)}" + (f": {said}" if said else "")
        if "source" in s.fields:
            setting += f" (source: {s.criterion.source})"
        rows.append((f"business {s.business}", setting))
    out = []
    for name, value in rows:
        head = f"{name}: " if name else ""
        out.append(
            textwrap.fill(visible(head + value), width=100, subsequent_indent="    ")
            if value
            else visible(head.rstrip())
        )
    return "\n".join(out) + "\n"


def json(detail: CriterionDetail) -> str:
    """The criterion's fields, its aspect and the business types that set it."""
    c = detail.criterion
    data = c.model_dump(mode="json", exclude={"custom"})
    data["aspect_members"] = list(detail.aspect_members)
    data["set_by_businesses"] = {
        s.business: s.criterion.model_dump(mode="json", include=set(s.fields) - {"channel"})
        for s in detail.settings
    }
    return dumps(data)
