"""The job summaries `score` and `compare` append to GITHUB_STEP_SUMMARY: the gate, then the
Markdown of the command."""

from __future__ import annotations

from collections.abc import Sequence

from touchaudit.comparison import Comparison
from touchaudit.render import markdown
from touchaudit.render.wording import score_text
from touchaudit.results import Scorecard


def step_summary(cards: Sequence[Scorecard], threshold: float | None) -> str:
    """Markdown for a GitHub job summary; it shows everything, annotations only ten."""
    parts = []
    if threshold is not None:
        failing = [c for c in cards if c.below(threshold)]
        if failing:
            names = ", ".join(
                f"`{c.file.replace('`', '')}` ({score_text(c.score)})" for c in failing
            )
            parts.append(
                f"❌ **touchaudit gate**: {len(failing)} of {len(cards)} below {threshold:g}: "
                f"{names}\n"
            )
        else:
            parts.append(f"✅ **touchaudit gate**: every audit scores at least {threshold:g}\n")
    parts.append(markdown.scorecards(cards))
    return "\n".join(parts)


def comparison_summary(c: Comparison, fail_if_behind: bool) -> str:
    """The comparison's Markdown, after the --fail-if-behind verdict when that gate is on."""
    parts = []
    if fail_if_behind:
        if c.behind:
            parts.append(f"❌ **touchaudit gate**: {markdown.escape(c.behind_message)}\n")
        else:
            ours, *theirs = (f"{s.label} ({s.card.score or 0.0:.1f})" for s in c.sides)
            verdict = f"{ours} is not behind {', '.join(theirs)}"
            parts.append(f"✅ **touchaudit gate**: {markdown.escape(verdict)}\n")
    parts.append(markdown.comparison(c))
    return "\n".join(parts)
