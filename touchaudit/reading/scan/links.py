"""Addresses a page points at, matched against the rules: which channel a link leads to, which
booking service or chat vendor an address or embed snippet belongs to."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import parse_qs, unquote, urlsplit

from touchaudit.library.scanrules import ScanRules

_DIGITS = re.compile(r"[0-9]{5,}")


def split_url(url: str) -> tuple[str, str, str, str]:
    """(scheme, host, path, query) of a link, lower-case host; '' parts where absent or broken."""
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:  # an invalid port or IPv6 address
        return "", "", "", ""
    return parts.scheme.lower(), host, parts.path, parts.query


def host_matches(host: str, domain: str) -> bool:
    """`www.calendly.com` is under `calendly.com`; `notcalendly.com` is not."""
    domain = domain.lower()
    return host == domain or host.endswith("." + domain)


def service_of(rules: ScanRules, url: str) -> str | None:
    """The booking service `url` leads to, or None."""
    scheme, host, path, _query = split_url(url)
    found = rules.booking_services.find(scheme, host, path)
    return found[1] if found else None


def channel_of(rules: ScanRules, url: str) -> tuple[str, str, str] | None:
    """(channel, service, link) of a link to another channel, or None (a share button, an
    empty `mailto:`, a link elsewhere); a plugin showing a profile gives the profile's link."""
    scheme, host, path, query = split_url(url)
    if scheme in ("mailto", "tel", "callto", "sms", "smsto") and not _has_target(url):
        return None
    if scheme in ("http", "https") and not _is_profile(rules, host, path, query):
        return _plugin_target(rules, host, path, query)
    found = rules.channel_hosts.find(scheme, host, path)
    return (*found, " ".join(url.split())) if found else None


def vendor_in(vendors: Mapping[str, tuple[str, ...]], text: str) -> str | None:
    """The vendor whose embed marker `text` (a script or frame address, an inline script)
    holds, or None."""
    folded = text.casefold()
    for vendor, markers in vendors.items():
        if any(marker in folded for marker in markers):
            return vendor
    return None


def _has_target(url: str) -> bool:
    target = unquote(url.split(":", 1)[1]).split("?", 1)[0].strip()
    return bool(target)


def _is_profile(rules: ScanRules, host: str, path: str, query: str) -> bool:
    if any(host_matches(host, domain) for domain in rules.needs_number):
        return bool(_DIGITS.search(path + "?" + query)) or "/invite/" in path
    if _segments(path) & set(rules.not_profile.segments):
        return False
    keys = {key.casefold() for key in parse_qs(query, keep_blank_values=True)}
    return not keys & set(rules.not_profile.queries)


def _plugin_target(
    rules: ScanRules, host: str, path: str, query: str
) -> tuple[str, str, str] | None:
    """A plugin that shows a profile (the Facebook Page plugin's `href=`): that profile."""
    if "plugins" not in _segments(path):
        return None
    shown = parse_qs(query).get("href", [""])[0]
    if not shown.startswith(("http://", "https://")) or "/plugins/" in shown:
        return None
    return channel_of(rules, shown)


def _segments(path: str) -> set[str]:
    return {segment.casefold() for segment in path.split("/") if segment}


def is_url(page: str) -> bool:
    """Whether a PAGE argument is an http(s) address rather than a file."""
    return page.lower().startswith(("http://", "https://"))


def same_site(url: str, other: str) -> bool:
    """The same host, `www.` aside (`example.com` and `www.example.com` are one site)."""
    return _site(url) == _site(other)


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")
