"""The page's parts → the website criteria it meets, each with its evidence, and its links to
other channels."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from touchaudit.library.scanrules import ScanRules, fold
from touchaudit.reading.scan.forms import (
    FieldRead,
    form_names,
    form_words,
    has_contact,
    kinds_of,
    read_fields,
)
from touchaudit.reading.scan.html import Markup, Tag
from touchaudit.reading.scan.links import channel_of, is_url, same_site, service_of, vendor_in
from touchaudit.reading.scan.result import (
    ChannelLink,
    Evidence,
    Finding,
    FormFound,
    FormKind,
)
from touchaudit.reading.visible import visible

_ADDRESS = re.compile(r"//[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:/[^\s\"'<>\\]*)?")
NO_BOOKING = "no booking service's link or embed, no booking form"
MAX_ELEMENT = 120  # characters of an element shown as evidence
_SHOWN_ATTRS = ("href", "data-href", "src", "action", "name", "id", "content", "type", "value")


def element_text(tag: Tag) -> str:
    """`<a href="tel:+1555">`: the tag with the attributes that identify it, shortened."""
    shown = [f'{name}="{tag.attrs[name]}"' for name in _SHOWN_ATTRS if tag.attrs.get(name)][:2]
    text = " ".join([f"<{tag.name}", *shown])
    text = visible(" ".join(text.split()))
    if len(text) > MAX_ELEMENT - 1:
        text = text[: MAX_ELEMENT - 2] + "…"
    return text + ">"


@dataclass(frozen=True, slots=True)
class _Group:
    """A form, or the fields outside any form, read."""

    tag: Tag
    fields: list[FieldRead]
    kinds: tuple[FormKind, ...]
    loose: bool = False


def _widgets(fields: list[FieldRead]) -> list[list[FieldRead]]:
    """Fields outside any form, grouped: a field joins the group before it when they share one
    of their nearest elements (a site builder's widget without a <form> tag)."""
    groups: list[list[FieldRead]] = []
    for read in fields:
        if groups and set(read.tag.parents) & set(groups[-1][0].tag.parents):
            groups[-1].append(read)
        else:
            groups.append([read])
    return groups


class Detector:
    """Reads one page's parts with the rules; `page` names it in the evidence."""

    def __init__(self, rules: ScanRules, page: str) -> None:
        self.rules, self.page = rules, visible(page)

    def evidence(self, tag: Tag) -> Evidence:
        """Where `tag` is."""
        return Evidence(self.page, tag.line, element_text(tag))

    def groups(self, markup: Markup) -> list[_Group]:
        """Each form read, then the fields outside any form as one group (site builders' booking
        widgets), known by the words of the elements around them."""
        found = []
        for form in markup.forms:
            fields = read_fields(self.rules, form.fields)
            kinds = kinds_of(self.rules, fields, form_words(form), form_names(form))
            found.append(_Group(form.tag, fields, kinds))
        loose = read_fields(self.rules, markup.loose_fields)
        in_widget = [f for f in loose if self.rules.booking_containers.find(fold(f.tag.containers))]
        if in_widget:
            found.append(_Group(in_widget[0].tag, in_widget, (FormKind.BOOKING,), loose=True))
        for widget in _widgets([f for f in loose if f not in in_widget]):
            seen = fold(
                " ".join(f"{f.tag.attr('placeholder')} {f.tag.attr('aria-label')}" for f in widget)
            )
            names = fold(" ".join(f.tag.containers for f in widget))
            kinds = kinds_of(self.rules, widget, seen, names)
            # A call-back needs a form or a button: a lone phone field is not one.
            kinds = tuple(k for k in kinds if k in (FormKind.BOOKING, FormKind.QUESTION))
            if kinds:
                found.append(_Group(widget[0].tag, widget, kinds, loose=True))
        return found

    def findings(self, markup: Markup, groups: list[_Group]) -> tuple[Finding, ...]:
        """Every scanned criterion, in SCANNED order."""
        return (
            self.clickable_phone(markup),
            self.callback(markup, groups),
            self.booking(markup, groups),
            self.by_kind("question_form", groups, FormKind.QUESTION, "a form with a message field"),
            self.chat(markup),
            self.viewport(markup),
            self.lead_form_fields(groups),
        )

    def clickable_phone(self, markup: Markup) -> Finding:
        """A `tel:` link."""
        for link in markup.links:
            found = channel_of(self.rules, link.attr("href"))
            if found is not None and found[0] == "phone":
                return Finding("clickable_phone", True, self.evidence(link), "a tel: link")
        return Finding("clickable_phone", False, detail="no tel: link")

    def callback(self, markup: Markup, groups: list[_Group]) -> Finding:
        """A form asking for a phone to call back, or a button offering a call-back."""
        form = self.by_kind("callback_request", groups, FormKind.CALLBACK, "a call-back form")
        if form.value:
            return form
        for button in markup.buttons:
            if button.attr("href").strip().lower().startswith(("tel:", "callto:")):
                continue  # "Order a call" on a tel: link calls: that is clickable_phone
            label = fold(button.text or button.attr("value") or button.attr("aria-label"))
            if label and self.rules.words["callback"].find(label):
                return Finding(
                    "callback_request", True, self.evidence(button), "a call-back button"
                )
        widget = self._embed(markup, self.rules.callback_vendors)
        if widget is not None:
            tag, vendor = widget
            return Finding("callback_request", True, self.evidence(tag), f"{vendor} widget")
        return form

    def booking(self, markup: Markup, groups: list[_Group]) -> Finding:
        """A link, embed or form of a booking service, else an own booking form."""
        for tag, address in self._addresses(markup):
            service = service_of(self.rules, address)
            if service is not None:
                return Finding("online_booking", True, self.evidence(tag), service)
        for script in markup.scripts:
            if script.text and (service := self._service_in_script(script.text)) is not None:
                return Finding("online_booking", True, self.evidence(script), service)
        found = self.by_kind("online_booking", groups, FormKind.BOOKING, "own form")
        return found if found.value else Finding("online_booking", False, detail=NO_BOOKING)

    def by_kind(self, criterion: str, groups: list[_Group], kind: FormKind, what: str) -> Finding:
        """Yes with the first form of `kind`, else no."""
        for group in groups:
            if kind in group.kinds:
                detail = f"{what} (fields outside a form)" if group.loose else what
                return Finding(criterion, True, self.evidence(group.tag), detail)
        return Finding(criterion, False, detail=f"no {what.removeprefix('a ')}")

    def chat(self, markup: Markup) -> Finding:
        """A live-chat or chatbot vendor's embed script or frame."""
        found = self._embed(markup, self.rules.chat_vendors)
        if found is not None:
            return Finding("chat_widget", True, self.evidence(found[0]), found[1])
        return Finding("chat_widget", False, detail="no chat vendor's embed in the page's HTML")

    def _embed(
        self, markup: Markup, vendors: Mapping[str, tuple[str, ...]]
    ) -> tuple[Tag, str] | None:
        """The first script or frame that embeds one of `vendors`, and the vendor."""
        for tag in [*markup.scripts, *markup.frames]:
            vendor = vendor_in(vendors, f"{tag.attr('src')} {tag.attr('data-src')} {tag.text}")
            if vendor is not None:
                return tag, vendor
        return None

    def viewport(self, markup: Markup) -> Finding:
        """A viewport meta tag that fits the page to the device."""
        for meta in markup.metas:
            content = meta.attr("content").lower()
            if meta.attr("name").strip().lower() == "viewport" and (
                "device-width" in content or "initial-scale" in content
            ):
                return Finding("mobile_version", True, self.evidence(meta), "a viewport meta tag")
        return Finding("mobile_version", False, detail="no viewport meta tag for phones")

    def lead_form_fields(self, groups: list[_Group]) -> Finding:
        """The visible fields of the main lead form: the first booking, else call-back, else
        question, else other form (or widget of fields without a form) that asks how to reach
        the person; never a search or sign-up form."""
        for kind in (FormKind.BOOKING, FormKind.CALLBACK, FormKind.QUESTION, FormKind.OTHER):
            for group in groups:
                if kind in group.kinds and has_contact(group.fields):
                    detail = f"the {kind.value} form"
                    return Finding(
                        "lead_form_fields", len(group.fields), self.evidence(group.tag), detail
                    )
        return Finding("lead_form_fields", None, detail="no lead form on the page")

    def channels(self, markup: Markup) -> tuple[ChannelLink, ...]:
        """Links to other channels: messengers, social profiles, email, phone, SMS."""
        found = []
        for tag, address in self._addresses(markup):
            channel = channel_of(self.rules, address)
            if channel is not None:
                kind, service, url = channel
                found.append(ChannelLink(kind, service, visible(url), self.evidence(tag)))
        return tuple(found)

    def forms(self, groups: list[_Group]) -> tuple[FormFound, ...]:
        """Each form (and field group outside forms) with its field count and kinds."""
        return tuple(
            FormFound(g.tag.line, len(g.fields), g.kinds, has_contact(g.fields), g.loose)
            for g in groups
        )

    def to_follow(self, markup: Markup, base_url: str) -> tuple[str, ...]:
        """Same-site pages a customer would open next: links named contact, booking… (by their
        text or address), absolute, without fragment, in page order, each once."""
        found: list[str] = []
        for link in markup.links:
            href = link.attr("href").strip()
            if link.name != "a" or not href or href.startswith("#"):
                continue
            try:
                target = urldefrag(urljoin(base_url, href)).url
            except ValueError:  # a broken address
                continue
            words = fold(f"{link.text} {link.attr('title')} {unquote(urlsplit(target).path)}")
            if (
                is_url(target)
                and same_site(base_url, target)
                and target not in found
                and urldefrag(base_url).url != target
                and self.rules.follow.find(words)
            ):
                found.append(target)
        return tuple(found)

    def _addresses(self, markup: Markup) -> Iterator[tuple[Tag, str]]:
        for link in markup.links:
            for name in ("href", "data-href"):
                if link.attr(name):
                    yield link, link.attr(name)
        for tag in [*markup.scripts, *markup.frames]:
            for name in ("src", "data-src", "data"):
                if tag.attr(name):
                    yield tag, tag.attr(name)
        for form in markup.forms:
            if form.tag.attr("action"):
                yield form.tag, form.tag.attr("action")

    def _service_in_script(self, text: str) -> str | None:
        """A booking service whose address an inline script holds (Cal.com's embed loader)."""
        for found in _ADDRESS.finditer(text):
            service = service_of(self.rules, "https:" + found.group())
            if service is not None:
                return service
        return None
