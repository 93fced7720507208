"""The regression gate: did the overall score or a stage score drop too far against a baseline?

The baseline (last quarter's audit of the same company) is scored with the current audit's
thresholds, as `touchaudit compare` does, so a drop is a change in what was measured.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from touchaudit.reading.errors import AuditError, Problem, UsageError, only_errors
from touchaudit.reading.loaded import LoadedAudit
from touchaudit.reading.loader import check_file
from touchaudit.reading.yamldoc import MAX_BYTES
from touchaudit.scoring.results import Scorecard
from touchaudit.scoring.score import score_audit


@dataclass(frozen=True, slots=True)
class Drop:
    """A score that fell by more than allowed; `after` is None when it has no score any more."""

    what: str
    before: float
    after: float | None

    @property
    def points(self) -> float:
        """How many points it lost (scores as shown, one decimal)."""
        return self.before - (self.after or 0.0)

    def message(self, max_drop: float) -> str:
        """One line for people: what dropped, from what to what, against what allowance."""
        after = "no score" if self.after is None else f"{self.after:.1f}"
        return (
            f"{self.what} dropped {self.points:.1f} points ({self.before:.1f} → {after}), "
            f"more than the {max_drop:g} allowed"
        )


@dataclass(frozen=True)
class BaselineCheck:
    """The outcome of the gate for one audit."""

    file: str
    baseline: str
    max_drop: float
    drops: tuple[Drop, ...]
    warnings: tuple[Problem, ...] = ()

    @property
    def passed(self) -> bool:
        """True when nothing dropped by more than `max_drop`."""
        return not self.drops

    @property
    def messages(self) -> tuple[str, ...]:
        """One line per drop: `x.yaml: overall score dropped ... against last.yaml`."""
        return tuple(
            f"{self.file}: {d.message(self.max_drop)} against {self.baseline}" for d in self.drops
        )


@dataclass(frozen=True, slots=True)
class BaselineRule:
    """The gate to run: against which baseline, with which allowance."""

    path: Path
    max_drop: float


def baseline_rule(
    given: Path | None,
    max_drop: float | None,
    *,
    settings_baseline: Path | None,
    settings_max_drop: float | None,
    files: int,
) -> BaselineRule | None:
    """The gate of `--baseline`/`--max-drop` (flags win over the settings), None without one.

    Raises UsageError for --max-drop without a baseline, or --baseline with several files; the
    settings' baseline belongs to single-file runs and is left out of the others.
    """
    if given is None and max_drop is not None and settings_baseline is None:
        raise UsageError("--max-drop needs --baseline (or 'baseline' in the settings)")
    path = given or settings_baseline
    if path is None:
        return None
    if files != 1:
        if given is not None:
            raise UsageError("--baseline gates one audit: give one file to score")
        return None
    return BaselineRule(path, max_drop if max_drop is not None else settings_max_drop or 0.0)


def score_drops(current: Scorecard, baseline: Scorecard, max_drop: float) -> tuple[Drop, ...]:
    """The overall score and each of the baseline's stage scores that dropped by more than
    `max_drop` points, compared as shown (one decimal) so the gate agrees with the report."""
    now = {s.id: s.score for s in current.stages}
    pairs = [("overall score", baseline.score, current.score)]
    pairs.extend((f"stage '{s.id}'", s.score, now.get(s.id)) for s in baseline.stages)
    drops = []
    for what, before, after in pairs:
        if before is None:
            continue
        shown_before = round(before, 1)
        shown_after = None if after is None else round(after, 1)
        if round(shown_before - (shown_after or 0.0), 1) > max_drop:
            drops.append(Drop(what, shown_before, shown_after))
    return tuple(drops)


def check_baseline(
    current: LoadedAudit,
    card: Scorecard,
    baseline_file: str | os.PathLike[str],
    *,
    max_drop: float,
    max_bytes: int = MAX_BYTES,
) -> BaselineCheck:
    """Load the baseline with the current audit's criteria, score it, and compare."""
    name = os.fspath(baseline_file)
    loaded, problems = check_file(
        name, library=current.library, max_bytes=max_bytes, keep_library_criteria=True
    )
    if loaded is None:
        raise AuditError(only_errors(problems))
    drops = score_drops(card, score_audit(loaded), max_drop)
    warnings = tuple(p for p in problems if p.severity == "warning")
    return BaselineCheck(card.file, name, max_drop, drops, warnings)
