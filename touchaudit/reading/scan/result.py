"""What a scan finds on a page: each website criterion with its value and evidence, the other
channels the page links to, and its forms. Text from the page (its title, elements, links) is
stored with hidden and control characters made visible (`<U+202E>`), so no output carries them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# The website criteria a scan measures, in the order every output lists them.
SCANNED = (
    "clickable_phone",
    "callback_request",
    "online_booking",
    "question_form",
    "chat_widget",
    "mobile_version",
    "lead_form_fields",
)


class Engine(StrEnum):
    """How the page was read."""

    STATIC = "static"
    RENDERED = "rendered"  # Chromium ran the page's scripts (--render)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a finding was seen: the page, the line in its HTML, the element (shortened)."""

    page: str
    line: int
    element: str

    @property
    def text(self) -> str:
        """`site.html:12: <a href="tel:+1555">`."""
        return f"{self.page}:{self.line}: {self.element}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One criterion: its value (None: cannot be told from this page), the evidence, and what
    was found (`Tawk.to`, `own form`, `a form asking for a phone and a call-back`); a lab
    timing of --render has its unit."""

    criterion: str
    value: bool | int | float | None
    evidence: Evidence | None = None
    detail: str = ""
    unit: str = ""  # of a measured number: `s` for load_time

    @property
    def raw(self) -> str | None:
        """The value in the audit's value syntax: `yes`, `no`, `4`; None when unmeasured."""
        if self.value is None:
            return None
        if isinstance(self.value, bool):
            return "yes" if self.value else "no"
        return f"{self.value:g} {self.unit}".strip()


@dataclass(frozen=True, slots=True)
class ChannelLink:
    """A link to another channel: `messenger` / `WhatsApp` / `https://wa.me/1555…`."""

    channel: str  # a channel of library/data/scan.yaml's `channel_hosts`: `messenger`, `sms`…
    service: str  # its service there: `WhatsApp`
    url: str  # whitespace folded, hidden and control characters made visible
    evidence: Evidence


class FormKind(StrEnum):
    """What a form is for, as the scan reads it."""

    BOOKING = "booking"
    CALLBACK = "callback"
    QUESTION = "question"
    SEARCH = "search"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class FormFound:
    """A `<form>` (or the fields outside any form, `loose`): its visible fields and kinds."""

    line: int
    fields: int
    kinds: tuple[FormKind, ...]
    has_contact: bool
    loose: bool = False


@dataclass(frozen=True, slots=True)
class PageScan:
    """Everything one page offers a customer, as `touchaudit scan` found it."""

    page: str
    title: str
    engine: Engine
    findings: tuple[Finding, ...]
    channels: tuple[ChannelLink, ...]
    forms: tuple[FormFound, ...]
    notes: tuple[str, ...] = ()  # what the scan could not read
    follow: tuple[str, ...] = ()  # same-site pages named contact, booking… (fetched pages only)

    def finding(self, criterion: str) -> Finding:
        """The finding of a scanned criterion (KeyError for one the scan does not measure)."""
        for found in self.findings:
            if found.criterion == criterion:
                return found
        raise KeyError(criterion)

    @property
    def measured(self) -> tuple[Finding, ...]:
        """The findings with a value: what a source reader imports."""
        return tuple(f for f in self.findings if f.value is not None)

    @property
    def channel_links(self) -> dict[str, list[str]]:
        """Each linked channel's distinct links, in page order."""
        links: dict[str, list[str]] = {}
        for link in self.channels:
            seen = links.setdefault(link.channel, [])
            if link.url not in seen:
                seen.append(link.url)
        return links

    @property
    def offers(self) -> frozenset[str]:
        """What a customer can do here, for comparing pages: the criteria met (`yes`) and the
        channels linked (`channel:messenger`)."""
        met = {f.criterion for f in self.findings if f.value is True}
        return frozenset(met | {f"channel:{c}" for c in self.channel_links})
