"""`touchaudit badge`: a small SVG score badge for a README, like a repository's build badge.

The left half names it (`touchaudit`, or `--label`), the right half shows the overall score on
its band's colour (white text on each passes WCAG AA); a provisional score is grey and says so.
The `<title>` (with `role="img"`) tells a screen reader the company, score and band. Every text
is XML-escaped: a company named `<script>` is shown as text, never markup.
"""

from __future__ import annotations

from html import escape

from touchaudit.reading.visible import visible
from touchaudit.render.wording import score_text
from touchaudit.scoring.results import Band, Scorecard

# Background of the score half per band (the report's band ink colours), grey when provisional.
BAND_FILL = {
    Band.GOOD: "#006b00",
    Band.NEEDS_WORK: "#b03000",
    Band.POOR: "#c00000",
    Band.UNMEASURED: "#555555",
}
PROVISIONAL_FILL = "#555555"
LABEL_FILL = "#333333"
# Verdana 11px averages about 7 px a character; 10 px of padding on each side.
CHAR_WIDTH = 7
PADDING = 10
HEIGHT = 20


def _width(text: str) -> int:
    return len(text) * CHAR_WIDTH + 2 * PADDING


def value_text(card: Scorecard) -> str:
    """`72.8`, `72.8 provisional`, or `unscored`."""
    if card.score is None:
        return "unscored"
    return score_text(card.score) + (" provisional" if card.provisional else "")


def badge(card: Scorecard, label: str = "touchaudit") -> str:
    """The SVG badge of one scorecard."""
    label = visible(label)
    value = value_text(card)
    fill = PROVISIONAL_FILL if card.provisional else BAND_FILL[card.band]
    left, right = _width(label), _width(value)
    total = left + right
    title = f"{card.company}: touchaudit score {value} ({card.band.label})"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="{HEIGHT}" '
        f'role="img" aria-labelledby="badge-title">\n'
        f'<title id="badge-title">{escape(visible(title))}</title>\n'
        f'<rect width="{left}" height="{HEIGHT}" fill="{LABEL_FILL}"/>\n'
        f'<rect x="{left}" width="{right}" height="{HEIGHT}" fill="{fill}"/>\n'
        '<g fill="#fff" text-anchor="middle" '
        'font-family="Verdana,DejaVu Sans,Geneva,sans-serif" font-size="11">\n'
        f'<text x="{left / 2:g}" y="14">{escape(label)}</text>\n'
        f'<text x="{left + right / 2:g}" y="14">{escape(value)}</text>\n'
        "</g>\n"
        "</svg>\n"
    )
