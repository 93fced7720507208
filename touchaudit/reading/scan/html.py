"""A saved page's markup → the parts a customer meets: links, scripts, frames, meta tags, forms
and their fields, buttons, each with its line.

The standard library's `html.parser` reads it: a tokenizer only (no script runs, no address is
fetched, no DTD, so no entity can expand into more than its few characters), with the line of
every tag, which the evidence needs. Browsers' rules are followed where they change the answer:
`<form/>` opens a form, a form inside a form is ignored, comments are not markup.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    ]
)
FIELD_TAGS = frozenset(("input", "select", "textarea"))
# Input types a person does not fill in.
NOT_FIELDS = frozenset(("hidden", "submit", "button", "reset", "image"))
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "legend"))
TEXT_TAGS = frozenset(("a", "button", "title")) | HEADINGS
MAX_DEPTH = 512  # open elements tracked; deeper ones still count, without their class words
MAX_TEXT = 2_000  # characters kept of one element's or form's text
MAX_SCRIPT_TEXT = 2_000_000  # characters kept of all inline scripts together
MAX_PARTS = 20_000  # links, scripts, forms, fields... kept of each kind; a real page has hundreds
CHUNK = 256 * 1024  # characters fed between two looks at the clock
PARENTS = 4  # fields sharing one of their 4 nearest elements belong to one widget


class ParseTimeout(Exception):
    """The page took longer to read than its time limit."""


@dataclass(slots=True)
class Tag:
    """One element: its name, attributes (names lower-case, entities decoded) and line."""

    name: str
    attrs: dict[str, str]
    line: int
    text: str = ""
    form: int | None = None  # the index of the form it sits in
    containers: str = ""  # the class and id words of the elements around it
    parents: tuple[int, ...] = ()  # the nearest elements around it, by their order of opening

    def attr(self, name: str) -> str:
        """An attribute's value, '' when absent."""
        return self.attrs.get(name, "")

    @property
    def is_field(self) -> bool:
        """A field a person fills in: a select, a textarea, an input that is not a button."""
        if self.name == "input":
            return self.attr("type").strip().lower() not in NOT_FIELDS
        return self.name in FIELD_TAGS


@dataclass(slots=True)
class Form:
    """A `<form>`: its tag, fields, buttons, text, and the heading just before it."""

    tag: Tag
    heading: str
    fields: list[Tag] = field(default_factory=list)
    buttons: list[Tag] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    size: int = 0


@dataclass(slots=True)
class Markup:
    """Everything the detectors read from one page."""

    title: str = ""
    links: list[Tag] = field(default_factory=list)  # any element with href or data-href
    scripts: list[Tag] = field(default_factory=list)
    frames: list[Tag] = field(default_factory=list)
    metas: list[Tag] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    loose_fields: list[Tag] = field(default_factory=list)  # fields outside any form
    buttons: list[Tag] = field(default_factory=list)  # a, button and input buttons
    truncated: bool = False  # more parts of a kind than MAX_PARTS: the rest were not read

    def keep(self, parts: list[Tag], tag: Tag) -> None:
        """Add `tag` to `parts` unless MAX_PARTS are there already."""
        if len(parts) < MAX_PARTS:
            parts.append(tag)
        else:
            self.truncated = True


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.markup = Markup()
        self._open: list[tuple[str, str, int]] = []  # (tag, its class and id words, serial)
        self._serial = 0
        self._form: Form | None = None
        self._texts: list[tuple[Tag, list[str], list[int]]] = []  # text being read, its size
        self._heading = ""
        self._script: Tag | None = None
        self._script_chars = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values: dict[str, str] = {}
        for name, value in attrs:
            values.setdefault(name, value or "")
        found = Tag(tag, values, self.getpos()[0])
        self._place(found)
        if tag not in VOID:
            self._push(tag, found)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # As browsers do: the slash of `<div/>` or `<form/>` is ignored; the element opens.
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._close_form()
        if tag == "script":
            self._script = None
        for index in range(len(self._open) - 1, max(-1, len(self._open) - 64), -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break
        while self._texts and self._texts[-1][0].name == tag:
            element, parts, _size = self._texts.pop()
            element.text = " ".join(" ".join(parts).split())[:MAX_TEXT]
            if element.name in HEADINGS:
                self._heading = element.text
            elif element.name == "title" and not self.markup.title:
                self.markup.title = element.text

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            room = MAX_SCRIPT_TEXT - self._script_chars
            if room > 0:
                self._script.text += data[:room]
                self._script_chars += min(room, len(data))
            return
        if self._form is not None and self._form.size < MAX_TEXT:
            self._form.text.append(data)
            self._form.size += len(data)
        for _element, parts, size in self._texts[-8:]:
            if size[0] < MAX_TEXT:
                parts.append(data)
                size[0] += len(data)

    def _place(self, found: Tag) -> None:
        tag, markup = found.name, self.markup
        if tag == "form":
            if self._form is None and len(markup.forms) >= MAX_PARTS:
                markup.truncated = True
            elif self._form is None:  # a form inside a form is ignored, as browsers do
                found.containers = self._containers()
                self._form = Form(found, self._heading)
                found.form = len(markup.forms)
                markup.forms.append(self._form)
            return
        if self._form is not None:
            found.form = len(markup.forms) - 1
        # <link> and <base> are resources and the page's address, not something to follow.
        if tag not in ("link", "base") and ("href" in found.attrs or "data-href" in found.attrs):
            markup.keep(markup.links, found)
        if tag == "script":
            markup.keep(markup.scripts, found)
            self._script = None if found.attr("src") else found
        elif tag in ("iframe", "frame", "embed", "object"):
            markup.keep(markup.frames, found)
        elif tag == "meta":
            markup.keep(markup.metas, found)
        elif tag in FIELD_TAGS or (tag == "button"):
            self._field(found)
        if (tag in TEXT_TAGS or tag == "button") and len(self._texts) < 64:
            self._texts.append((found, [], [0]))

    def _field(self, found: Tag) -> None:
        kind = found.attr("type").strip().lower()
        if found.name == "button" or (found.name == "input" and kind in ("submit", "button")):
            self.markup.keep(self.markup.buttons, found)
            if self._form is not None:
                self.markup.keep(self._form.buttons, found)
            return
        if not found.is_field:
            return
        found.containers = self._containers()
        found.parents = tuple(serial for _tag, _words, serial in self._open[-PARENTS:])
        if self._form is not None:
            self.markup.keep(self._form.fields, found)
        else:
            self.markup.keep(self.markup.loose_fields, found)

    def _containers(self) -> str:
        # The nearest elements only: a field's widget is a few levels up, not at the root.
        return " ".join(words for _tag, words, _serial in self._open[-24:] if words)

    def _push(self, tag: str, found: Tag) -> None:
        if len(self._open) < MAX_DEPTH:
            words = f"{found.attr('class')} {found.attr('id')}".strip()
            self._serial += 1
            self._open.append((tag, words[:200], self._serial))
        if tag == "a":
            self.markup.keep(self.markup.buttons, found)

    def _close_form(self) -> None:
        if self._form is not None:
            self._form.text = [" ".join(" ".join(self._form.text).split())[:MAX_TEXT]]
        self._form = None

    def finish(self) -> Markup:
        self.close()
        self._close_form()
        for element, parts, _size in self._texts:  # elements never closed
            element.text = " ".join(" ".join(parts).split())[:MAX_TEXT]
        return self.markup


def read_markup(text: str, *, deadline: float | None = None) -> Markup:
    """The parts of a page; ParseTimeout when `time.monotonic()` passes `deadline`."""
    reader = _Reader()
    for start in range(0, len(text), CHUNK):
        if deadline is not None and time.monotonic() > deadline:
            raise ParseTimeout
        reader.feed(text[start : start + CHUNK])
    return reader.finish()
