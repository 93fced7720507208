"""The terminal output of `touchaudit scan`: each page's criteria with their evidence and its
links to other channels; with --compare, what each page offers beside the others."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from touchaudit.comparison.pages import PageComparison
from touchaudit.reading.scan import PageScan
from touchaudit.render.terminal import console_text, plain
from touchaudit.render.terminal.parts import new_table

_VALUE_STYLE = {"yes": "green", "no": "red", "True": "green", "False": "red"}


def _page(scan: PageScan) -> RenderableType:
    title = f"{scan.page} ({scan.title})" if scan.title else scan.page
    criteria = new_table(title, "Criterion", "Value", "Found", "Where")
    for finding in scan.findings:
        raw = finding.raw or "—"
        where = (
            f"line {finding.evidence.line}: {finding.evidence.element}" if finding.evidence else ""
        )
        criteria.add_row(
            Text(finding.criterion),
            Text(raw, style=_VALUE_STYLE.get(raw, "")),
            Text(finding.detail),
            Text(where),
        )
    parts: list[RenderableType] = [criteria]
    if scan.channels:
        links = new_table("Links to other channels", "Channel", "Service", "Link", "Line")
        seen = set()
        for link in scan.channels:
            if (link.channel, link.url) not in seen:
                seen.add((link.channel, link.url))
                links.add_row(
                    Text(link.channel), Text(link.service), Text(link.url), str(link.evidence.line)
                )
        parts.append(links)
    parts += [Text(f"note: {note}") for note in scan.notes]
    return Group(*parts)


def _pages(pages: tuple[PageScan, ...]) -> RenderableType:
    return Group(*(_page(page) for page in pages))


def _comparison(comparison: PageComparison) -> RenderableType:
    labels = comparison.labels
    table = new_table("What each page offers", "Offer", *labels)
    for offer in comparison.offers:
        cells = [
            Text("yes", style="green") if has else Text("no", style="red") for has in offer.pages
        ]
        table.add_row(Text(offer.label), *cells)
    lines = []
    for index, label in enumerate(labels):
        lines.append(Text(comparison.summary(index, label)))
    return Group(table, *lines)


def pages_text(pages: tuple[PageScan, ...]) -> str:
    """The pages for the terminal (colours when it has them)."""
    return console_text(_pages(pages))


def pages_plain(pages: tuple[PageScan, ...]) -> str:
    """The pages as plain text, for a file."""
    return plain(_pages(pages))


def comparison_text(comparison: PageComparison) -> str:
    """The pages side by side for the terminal."""
    return console_text(_comparison(comparison))


def comparison_plain(comparison: PageComparison) -> str:
    """The pages side by side as plain text."""
    return plain(_comparison(comparison))
