"""What `touchaudit scan` looks for, read from library/data/scan.yaml: vendors, hosts and words,
checked by Pydantic and compiled once into matchers."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Place(_Strict):
    """Where a service lives: a URL scheme (`tel`), or a host and an optional path prefix."""

    host: str | None = None
    path: str = ""
    scheme: str | None = None


class NotProfile(_Strict):
    """Path segments and query keys of share buttons, plugins, embeds and pixels."""

    segments: tuple[str, ...]
    queries: tuple[str, ...]


class ScanRulesFile(_Strict):
    """library/data/scan.yaml."""

    chat_vendors: dict[str, tuple[str, ...]] = Field(description="vendor -> embed markers")
    callback_vendors: dict[str, tuple[str, ...]] = Field(description="vendor -> embed markers")
    booking_services: dict[str, tuple[Place, ...]]
    channel_hosts: dict[str, dict[str, tuple[Place, ...]]] = Field(
        description="channel -> service -> places"
    )
    not_profile: NotProfile
    needs_number: tuple[str, ...]
    words: dict[str, dict[str, tuple[str, ...]]] = Field(description="kind -> language -> words")
    booking_containers: tuple[str, ...]
    fields: dict[str, tuple[str, ...]]
    ignored_fields: tuple[str, ...]
    follow: dict[str, tuple[str, ...]] = Field(description="language -> words of links to follow")


def fold(text: str) -> str:
    """Text as the word matchers read it: NFC, case-folded, camelCase and `-`/`_` split, spaces
    joined (`contactNumber_field` reads as `contact number field`)."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", unicodedata.normalize("NFC", text))
    return " ".join(re.sub(r"[-_]+", " ", text).casefold().split())


class Words:
    """Whole-word matching of a list of words and phrases; `stem*` matches any ending."""

    def __init__(self, words: Iterable[str]) -> None:
        parts = []
        for word in sorted({fold(w.rstrip("*")) + ("*" if w.endswith("*") else "") for w in words}):
            stem = word.rstrip("*")
            body = r"\s+".join(re.escape(piece) for piece in stem.split())
            parts.append(body + (r"\w*" if word.endswith("*") else ""))
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)") if parts else None

    def find(self, folded: str) -> str | None:
        """The first word found in already folded text, or None."""
        if self._pattern is None:
            return None
        found = self._pattern.search(folded)
        return found.group() if found else None


class PlaceIndex:
    """Places by scheme and by host, so that a link is matched in a few dictionary look-ups
    (its host, then each parent domain), whatever the number of services."""

    def __init__(self, places: Iterable[tuple[tuple[str, str], Place]]) -> None:
        self._schemes: dict[str, tuple[str, str]] = {}
        self._hosts: dict[str, list[tuple[str, tuple[str, str]]]] = {}
        for owner, place in places:
            if place.scheme is not None:
                self._schemes.setdefault(place.scheme.lower(), owner)
            elif place.host is not None:
                entry = (place.path.lower(), owner)
                self._hosts.setdefault(place.host.lower(), []).append(entry)

    def find(self, scheme: str, host: str, path: str) -> tuple[str, str] | None:
        """The owner of the place a link's parts are at: a scheme, or a host (or one of its
        parent domains) with a path prefix; None elsewhere."""
        if scheme in self._schemes:
            return self._schemes[scheme]
        if scheme not in ("http", "https"):
            return None
        labels = host.split(".")
        lowered = path.lower()
        for start in range(len(labels) - 1):
            for prefix, owner in self._hosts.get(".".join(labels[start:]), ()):
                if lowered.startswith(prefix):
                    return owner
        return None


@dataclass(frozen=True)
class ScanRules:
    """The rules compiled for matching."""

    chat_vendors: Mapping[str, tuple[str, ...]]
    callback_vendors: Mapping[str, tuple[str, ...]]
    booking_services: PlaceIndex  # owners: ("booking", service)
    channel_hosts: PlaceIndex  # owners: (channel, service)
    not_profile: NotProfile
    needs_number: frozenset[str]
    words: Mapping[str, Words]
    booking_containers: Words
    fields: Mapping[str, Words]
    ignored_fields: frozenset[str]
    follow: Words


def compile_rules(data: ScanRulesFile) -> ScanRules:
    """The matchers of a rules file: one word matcher per kind, all languages together."""
    return ScanRules(
        chat_vendors=_markers(data.chat_vendors),
        callback_vendors=_markers(data.callback_vendors),
        booking_services=PlaceIndex(
            (("booking", service), place)
            for service, places in data.booking_services.items()
            for place in places
        ),
        channel_hosts=PlaceIndex(
            ((channel, service), place)
            for channel, services in data.channel_hosts.items()
            for service, places in services.items()
            for place in places
        ),
        not_profile=NotProfile(
            segments=tuple(s.casefold() for s in data.not_profile.segments),
            queries=tuple(q.casefold() for q in data.not_profile.queries),
        ),
        needs_number=frozenset(data.needs_number),
        words={
            kind: Words(w for words in languages.values() for w in words)
            for kind, languages in data.words.items()
        },
        booking_containers=Words(data.booking_containers),
        fields={kind: Words(words) for kind, words in data.fields.items()},
        ignored_fields=frozenset(f.casefold() for f in data.ignored_fields),
        follow=Words(w for words in data.follow.values() for w in words),
    )


def _markers(vendors: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {vendor: tuple(m.casefold() for m in markers) for vendor, markers in vendors.items()}


@functools.cache
def builtin_scan_rules() -> ScanRules:
    """The rules shipped with touchaudit (read once per process)."""
    raw = resources.files("touchaudit.library.data").joinpath("scan.yaml").read_bytes()
    return compile_rules(ScanRulesFile.model_validate(yaml.load(raw, _Loader)))
