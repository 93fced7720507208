"""Channel aliases shipped as data (data/channel_aliases.yaml): the names consultants write for
a channel (whatsapp, instagram, yelp), accepted in an audit and scored as their channel."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from touchaudit.library.criteria import builtin_library, read_data
from touchaudit.reading.models import Frozen, Id, Line


class ChannelAlias(Frozen):
    """Another name for a channel: `whatsapp: {channel: messenger, label: WhatsApp}`."""

    channel: Id
    label: Line


class AliasesFile(Frozen):
    """data/channel_aliases.yaml."""

    aliases: dict[Id, ChannelAlias]


@functools.cache
def channel_aliases() -> Mapping[str, ChannelAlias]:
    """Every shipped alias, by the name an audit writes (read and checked once)."""
    channels = builtin_library().channels
    aliases = AliasesFile.model_validate(read_data("channel_aliases.yaml")).aliases
    wrong = [f"{a} -> {x.channel}" for a, x in aliases.items() if x.channel not in channels]
    wrong += [f"{a} is a channel" for a in aliases if a in channels]
    if wrong:
        raise ValueError(f"touchaudit/library/data/channel_aliases.yaml: {'; '.join(wrong)}")
    return aliases


def shown_channel(channel: str, alias: str | None) -> str:
    """How outputs name a touchpoint's channel: `WhatsApp (messenger)` for an alias."""
    found = channel_aliases().get(alias) if alias else None
    return f"{found.label} ({channel})" if found else channel


def canonical_channels(data: Any) -> dict[str, str]:
    """Replace each touchpoint's aliased `channel:` in an audit's plain data by its channel, in
    place; return touchpoint id -> the alias it was written with."""
    touchpoints = data.get("touchpoints") if isinstance(data, dict) else None
    if not isinstance(touchpoints, dict):
        return {}
    aliases = channel_aliases()
    written: dict[str, str] = {}
    for tp_id, tp in touchpoints.items():
        channel = tp.get("channel") if isinstance(tp, dict) else None
        if isinstance(channel, str) and channel in aliases:
            tp["channel"] = aliases[channel].channel
            written[str(tp_id)] = channel
    return written
