"""Scanned pages side by side: what each page offers a customer that another lacks (the domain
texts' two clinics: one with call-back, booking, a question form and chats, one with contacts
only)."""

from __future__ import annotations

from dataclasses import dataclass

from touchaudit.reading.scan import SCANNED, PageScan


@dataclass(frozen=True, slots=True)
class PageOffer:
    """One thing a customer can do on a page: a criterion met, or a channel linked."""

    key: str  # `callback_request`, `channel:messenger`
    pages: tuple[bool, ...]  # offered on each page, in the pages' order

    @property
    def label(self) -> str:
        """`callback_request`, or `messenger link` for a channel."""
        return (
            f"{self.key.removeprefix('channel:')} link"
            if self.key.startswith("channel:")
            else self.key
        )


@dataclass(frozen=True, slots=True)
class PageComparison:
    """Pages side by side: every offer any of them has, and each page's own."""

    pages: tuple[PageScan, ...]
    offers: tuple[PageOffer, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        """Each page by its file name (or the last part of its address) when those differ, else
        as given."""
        names = tuple(page.page.rstrip("/").rsplit("/", 1)[-1] or page.page for page in self.pages)
        return names if len(set(names)) == len(names) else tuple(p.page for p in self.pages)

    def only_on(self, index: int) -> tuple[str, ...]:
        """What the page at `index` offers and at least one other page lacks."""
        return tuple(o.label for o in self.offers if o.pages[index] and not all(o.pages))

    def lacks(self, index: int) -> tuple[str, ...]:
        """What another page offers and the page at `index` lacks."""
        return tuple(o.label for o in self.offers if not o.pages[index])

    def summary(self, index: int, label: str) -> str:
        """`ours.html offers callback_request; lacks messenger link.`"""
        own = ", ".join(self.only_on(index)) or "nothing the others lack"
        lacks = ", ".join(self.lacks(index)) or "nothing the others offer"
        return f"{label} offers {own}; lacks {lacks}."


def compare_pages(pages: tuple[PageScan, ...]) -> PageComparison:
    """What each page offers, criteria in the scan's order, then channels by name."""
    offered = [page.offers for page in pages]
    channels = sorted({key for keys in offered for key in keys if key.startswith("channel:")})
    keys = [c for c in SCANNED if any(c in keys for keys in offered)] + channels
    return PageComparison(
        pages, tuple(PageOffer(key, tuple(key in keys for keys in offered)) for key in keys)
    )
