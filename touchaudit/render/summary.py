"""The job summaries `score` and `compare` append to GITHUB_STEP_SUMMARY: the gate, then the
Markdown of the command."""

from __future__ import annotations

from collections.abc import Sequence

from touchaudit.comparison.baseline import BaselineCheck
from touchaudit.comparison.gates import FailUnder
from touchaudit.comparison.result import Comparison
from touchaudit.render import markdown
from touchaudit.render.cisafe import guard
from touchaudit.render.fit import STEP_SUMMARY_LIMIT, Block, fit, utf8_size
from touchaudit.render.output import step_summary_room
from touchaudit.render.wording import score_text


def _what(limit: int) -> str:
    """Why the summary is cut where it is: --max-chars, or the room GitHub leaves."""
    room = step_summary_room(STEP_SUMMARY_LIMIT)
    return "--max-chars" if limit < room else "GitHub's limit for a job summary"


def step_summary(
    gate: FailUnder | None,
    scorecards: Sequence[Sequence[Block]],
    limit: int,
    baseline: BaselineCheck | None = None,
) -> str:
    """Markdown for a GitHub job summary: the --fail-under and --baseline verdicts, then the
    scorecards' Markdown (the blocks of each), cut to `limit` bytes; it shows everything that
    fits, annotations only ten."""
    parts = [] if baseline is None else [_baseline_verdict(baseline)]
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
    verdict = [Block(part + "\n") for part in parts]
    blocks = [*verdict, *markdown.joined_blocks(scorecards)]
    return guard(fit(blocks, limit, size=utf8_size, what=_what(limit), unit="bytes"))


def _baseline_verdict(check: BaselineCheck) -> str:
    if check.passed:
        verdict = (
            f"no score dropped more than {check.max_drop:g} against "
            f"`{check.baseline.replace('`', '')}`"
        )
        return f"✅ **touchaudit gate**: {verdict}\n"
    drops = "; ".join(markdown.escape(m) for m in check.messages)
    return f"❌ **touchaudit gate**: {drops}\n"


def comparison_summary(c: Comparison, fail_if_behind: bool, limit: int) -> str:
    """The comparison's Markdown, after the --fail-if-behind verdict when that gate is on, cut
    to `limit` bytes."""
    parts = []
    if fail_if_behind:
        if c.behind:
            parts.append(f"❌ **touchaudit gate**: {markdown.escape(c.behind_message)}\n")
        else:
            ours, *theirs = (f"{s.label} ({s.card.score or 0.0:.1f})" for s in c.sides)
            verdict = f"{ours} is not behind {', '.join(theirs)}"
            parts.append(f"✅ **touchaudit gate**: {markdown.escape(verdict)}\n")
    blocks = [*(Block(part + "\n") for part in parts), *markdown.comparison_blocks(c)]
    return guard(fit(blocks, limit, size=utf8_size, what=_what(limit), unit="bytes"))
