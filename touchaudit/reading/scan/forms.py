"""What each form is for: booking, call-back, question, search, or other, read from its words
(its text, labels, placeholders, buttons, the heading before it) and from what its fields ask.

Call-back is read from visible words only: a modal's id says what the developer first meant
(`id="callback"` on an ask-a-question modal), its title what the customer sees.
"""

from __future__ import annotations

from dataclasses import dataclass

from touchaudit.library.scanrules import ScanRules, fold
from touchaudit.reading.scan.html import Form, Tag
from touchaudit.reading.scan.result import FormKind

_DESCRIBING = ("type", "name", "id", "placeholder", "aria-label", "autocomplete", "title")


@dataclass(frozen=True, slots=True)
class FieldRead:
    """A visible field and what it asks for (`phone`, `email`, `date`, `name`, `message`)."""

    tag: Tag
    asks: frozenset[str]


def read_fields(rules: ScanRules, tags: list[Tag]) -> list[FieldRead]:
    """The fields a person fills in, each with what it asks; machine fields left out."""
    read = []
    for tag in tags:
        names = {tag.attr("name").casefold(), tag.attr("id").casefold()}
        if names & rules.ignored_fields:
            continue
        described = fold(" ".join(tag.attr(a) for a in _DESCRIBING))
        asks = {kind for kind, words in rules.fields.items() if words.find(described)}
        if tag.name == "textarea":
            asks.add("message")
        if tag.attr("type").strip().lower() in ("checkbox", "radio"):
            asks = {"choice"}
        read.append(FieldRead(tag, frozenset(asks)))
    return read


def form_words(form: Form) -> str:
    """What a customer reads of a form: the heading before it, its text, its buttons' labels,
    its fields' placeholders and labels (folded for the word matchers)."""
    parts = [form.heading, *form.text]
    parts += [b.text or b.attr("value") for b in form.buttons]
    parts += [f.attr("placeholder") + " " + f.attr("aria-label") for f in form.fields]
    return fold(" ".join(parts))


def form_names(form: Form) -> str:
    """The form's and its fields' names, ids and classes, and its action (folded)."""
    tag = form.tag
    parts = [tag.attr(a) for a in ("id", "name", "class", "action")]
    parts += [f.attr("name") + " " + f.attr("id") for f in form.fields]
    return fold(" ".join(parts) + " " + tag.containers)


def kinds_of(
    rules: ScanRules, fields: list[FieldRead], seen: str, names: str
) -> tuple[FormKind, ...]:
    """What a group of fields is for, from what a customer reads (`seen`) and the markup's
    names (`names`); empty fields are nothing."""
    if not fields:
        return ()
    asks = frozenset().union(*(f.asks for f in fields))
    words = rules.words
    if "message" not in asks and "phone" not in asks and words["search"].find(seen):
        return (FormKind.SEARCH,)
    if any(f.tag.attr("type").strip().lower() == "search" for f in fields):
        return (FormKind.SEARCH,)
    kinds = []
    booking = bool(words["booking"].find(seen) or rules.booking_containers.find(names))
    if booking or ("date" in asks and asks & {"phone", "email"}):
        kinds.append(FormKind.BOOKING)
    if "phone" in asks and (words["callback"].find(seen) or (not kinds and _phone_only(fields))):
        kinds.append(FormKind.CALLBACK)
    if "message" in asks and FormKind.BOOKING not in kinds:
        kinds.append(FormKind.QUESTION)
    return tuple(kinds) or (FormKind.OTHER,)


def _phone_only(fields: list[FieldRead]) -> bool:
    """A form asking only a phone (and a name, a consent box): a call-back form."""
    return all(f.asks <= {"phone", "name", "choice"} for f in fields) and any(
        "phone" in f.asks for f in fields
    )


def has_contact(fields: list[FieldRead]) -> bool:
    """Whether the fields ask how to reach the person (a phone, an email, a name)."""
    return any(f.asks & {"phone", "email", "name"} for f in fields)
