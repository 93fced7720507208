"""How much one audit may ask of touchaudit: counts of touchpoints, scored criteria, chain steps.

A small file can describe a large audit: 10,000 one-line touchpoints fit in 560 KB and score
240,000 criteria (every criterion of a touchpoint's channel is scored or listed as unmeasured).
These limits keep every command within 30 s and 2 GB on a 2-core machine for any file the
default limits accept (BENCHMARKS.md, "Hostile sizes"). They grow with `--max-bytes`: a limit of
100 MiB allows ten times as many.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from touchaudit.library.criteria import Library
from touchaudit.reading.errors import Code, Problem
from touchaudit.reading.yamldoc import MAX_BYTES, Document

MAX_TOUCHPOINTS = 10_000
MAX_CRITERIA = 150_000  # criteria scored: each touchpoint's measured ones and its channel's others
MAX_CHAIN_STEPS = 100_000  # in all chains together


@dataclass(frozen=True)
class Limits:
    """The count limits for one file size limit."""

    touchpoints: int = MAX_TOUCHPOINTS
    criteria: int = MAX_CRITERIA
    chain_steps: int = MAX_CHAIN_STEPS

    @classmethod
    def for_bytes(cls, max_bytes: int) -> Limits:
        """The defaults, scaled up by how far `max_bytes` exceeds the default 10 MiB."""
        scale = max(1.0, max_bytes / MAX_BYTES)
        return cls(
            int(MAX_TOUCHPOINTS * scale), int(MAX_CRITERIA * scale), int(MAX_CHAIN_STEPS * scale)
        )


def _hint(kind: str) -> str:
    return f"; split the audit, or raise --max-bytes (the {kind} limit grows with it)"


def count_problems(doc: Document, limits: Limits) -> list[Problem]:
    """Too many touchpoints or chain steps, counted on the plain data before any validation."""
    data = doc.data if isinstance(doc.data, dict) else {}
    problems = []
    touchpoints = data.get("touchpoints")
    if isinstance(touchpoints, dict) and len(touchpoints) > limits.touchpoints:
        message = f"{len(touchpoints):,} touchpoints, at most {limits.touchpoints:,}" + _hint(
            "touchpoint"
        )
        problems.append(doc.problem(("touchpoints",), message, Code.TOO_MANY_TOUCHPOINTS, key=True))
    chains = data.get("chains")
    if isinstance(chains, dict):
        steps = sum(
            len(c["steps"])
            for c in chains.values()
            if isinstance(c, dict) and isinstance(c.get("steps"), list)
        )
        if steps > limits.chain_steps:
            message = f"{steps:,} chain steps in all, at most {limits.chain_steps:,}" + _hint(
                "step"
            )
            problems.append(doc.problem(("chains",), message, Code.TOO_MANY_STEPS, key=True))
    return problems


def criteria_problem(
    doc: Document,
    library: Library,
    measurements: Mapping[str, Mapping[str, Any]],
    limits: Limits,
) -> Problem | None:
    """Too many criteria to score: measured ones plus each channel's unmeasured ones."""
    data = doc.data if isinstance(doc.data, dict) else {}
    touchpoints = data.get("touchpoints")
    if not isinstance(touchpoints, dict):
        return None
    channels = [
        (tp.get("channel") if isinstance(tp, dict) else None, measurements.get(str(tp_id), {}))
        for tp_id, tp in touchpoints.items()
    ]
    expected = sum(len(library.for_channel(c)) for c, _ in channels if isinstance(c, str))
    if expected + sum(len(measured) for _, measured in channels) <= limits.criteria:
        return None  # within the limit even if none of the measured ones were expected
    total = expected + sum(
        1
        for channel, measured in channels
        for c in measured
        if c not in library.criteria or channel not in library.criteria[c].channels
    )
    if total <= limits.criteria:
        return None
    message = (
        f"{total:,} criteria to score (each touchpoint's measured criteria and the other criteria "
        f"of its channel), at most {limits.criteria:,}" + _hint("criteria")
    )
    return doc.problem(("touchpoints",), message, Code.TOO_MANY_CRITERIA, key=True)


# What the human-facing outputs (the terminal table, Markdown, the HTML and Markdown report)
# show of a large audit: the first SHOWN touchpoints and chains and the report's first
# SHOWN_GAPS gaps (its action plan; a usual audit has a few hundred), in their usual order, then
# one line with the count of the rest. JSON, SARIF, JUnit and GitHub annotations stay complete.
SHOWN = 50
SHOWN_GAPS = 500


def more_text(hidden: int, noun: str, where: str = "use --format json for all") -> str:
    """`… and 9,950 more touchpoints (use --format json for all)`; empty when none is hidden."""
    if hidden <= 0:
        return ""
    return f"… and {hidden:,} more {noun} ({where})"


REPORT_WHERE = "touchaudit score --format json lists all"
