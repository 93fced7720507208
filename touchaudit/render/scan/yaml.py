"""A scanned page as the YAML of a `website` touchpoint, to paste under `touchpoints:`.

Values are written in the audit's value syntax (`yes`, `no`, `4`); what the page says (its
title) is a JSON string, which is a valid YAML double-quoted scalar whatever it holds; evidence
and links are comments, their hidden characters already made visible by the scan (no line
break can end a comment early).
"""

from __future__ import annotations

from touchaudit.comparison.pages import PageComparison
from touchaudit.library.starter import quoted
from touchaudit.reading.scan import Engine, PageScan
from touchaudit.render.cisafe import guard

INDENT = "  "  # as under `touchpoints:`
ENGINES = {
    Engine.STATIC: "static HTML: scripts not run",
    Engine.RENDERED: "rendered by Chromium: scripts run",
}


def touchpoint_yaml(scan: PageScan, touchpoint: str = "website") -> str:
    """The page's touchpoint block, indented to sit under `touchpoints:`, with a comment that
    says where it comes from and which other channels the page links to."""
    lines = [
        f"# touchaudit scan {scan.page} ({ENGINES[scan.engine]}).",
        "# Paste under `touchpoints:`; each value's evidence is in its comment.",
        f"{INDENT}{touchpoint}:",
        f"{INDENT * 2}channel: website",
    ]
    if scan.title:
        lines.append(f"{INDENT * 2}name: {quoted(scan.title)}")
    lines.append(f"{INDENT * 2}criteria:")
    for finding in scan.findings:
        value = finding.raw if finding.raw is not None else "null"
        why = finding.evidence.text if finding.evidence else finding.detail
        if finding.evidence and finding.detail:
            why = f"{finding.detail}: {why}"
        lines.append(f"{INDENT * 3}{finding.criterion}: {value}  # {why}")
    links = scan.channel_links
    if links:
        lines.append(f"{INDENT * 2}# The page also links to (touchpoints to add):")
        lines += [
            f"{INDENT * 2}#   {channel}: {link}"
            for channel, found in links.items()
            for link in found
        ]
    lines += [f"{INDENT * 2}# note: {note}" for note in scan.notes]
    return guard("\n".join(lines) + "\n")


def pages_yaml(pages: tuple[PageScan, ...]) -> str:
    """Each page's touchpoint, one block after another."""
    return "\n".join(touchpoint_yaml(page) for page in pages)


def comparison_yaml(comparison: PageComparison) -> str:
    """Each page's touchpoint, then what each offers and lacks beside the others, as comments."""
    lines = [pages_yaml(comparison.pages)]
    for index, page in enumerate(comparison.pages):
        lines.append(f"# {comparison.summary(index, page.page)}\n")
    return guard("".join(lines))
