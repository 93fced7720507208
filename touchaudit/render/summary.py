"""The job summaries `score` and `compare` append to GITHUB_STEP_SUMMARY: the gate, then the
Markdown of the command."""

from __future__ import annotations

from collections.abc import Iterable

from touchaudit.comparison.gates import FailUnder
from touchaudit.comparison.result import Comparison
from touchaudit.render import markdown
from touchaudit.render.wording import score_text


def step_summary(gate: FailUnder | None, scorecards: Iterable[str]) -> str:
    """Markdown for a GitHub job summary: the --fail-under verdict, then the scorecards' Markdown
    (in chunks); it shows everything, annotations only ten."""
    parts = []
    if gate is not None:
        if gate.failing:
            names = ", ".join(
                f"`{h.file.replace('`', '')}` ({score_text(h.judged(gate.strict))}"
                + (", provisional)" if h.provisional else ")")
                for h in gate.failing
            )
            parts.append(
                f"❌ **touchaudit gate**: {len(gate.failing)} of {gate.total} below "
                f"{gate.threshold:g}: {names}\n"
            )
        else:
            parts.append(
                f"✅ **touchaudit gate**: every audit scores at least {gate.threshold:g}\n"
            )
    parts.append("".join(scorecards))
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
