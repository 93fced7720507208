"""The job summary `score` appends to GITHUB_STEP_SUMMARY: the gate, then the scorecards."""

from __future__ import annotations

from collections.abc import Sequence

from touchaudit.render import markdown
from touchaudit.results import Scorecard


def step_summary(cards: Sequence[Scorecard], threshold: float | None) -> str:
    """Markdown for a GitHub job summary; it shows everything, annotations only ten."""
    parts = []
    if threshold is not None:
        failing = [c for c in cards if c.below(threshold)]
        if failing:
            names = ", ".join(
                f"`{c.file.replace('`', '')}` ({markdown.score_text(c.score)})" for c in failing
            )
            parts.append(
                f"❌ **touchaudit gate**: {len(failing)} of {len(cards)} below {threshold:g}: "
                f"{names}\n"
            )
        else:
            parts.append(f"✅ **touchaudit gate**: every audit scores at least {threshold:g}\n")
    parts.append(markdown.scorecards(cards))
    return "\n".join(parts)
