"""Names for people: a channel's or criterion's label in client-facing text, never its id."""

from __future__ import annotations

from touchaudit.library.criteria import builtin_library

# Letters whose name starts with a vowel sound: "an SMS", "an FAQ", but "a CRM".
_VOWEL_SOUND_LETTERS = "AEFHILMNORSX"


def channel_label(channel: str) -> str:
    """A channel's name ("Store or office"); the id itself for a channel the library lacks."""
    known = builtin_library().channels.get(channel)
    return known.label if known else channel


def channel_with_article(channel: str) -> str:
    """A channel's name after its article, as in "add an SMS touchpoint"."""
    return with_article(channel_label(channel))


def criterion_label(criterion_id: str) -> str:
    """A library criterion's name ("Referral programme"); the id itself for another one."""
    known = builtin_library().criteria.get(criterion_id)
    return known.label if known else criterion_id


def with_article(phrase: str) -> str:
    """The phrase after "a" or "an" as it is said: "an Email", "an SMS", "a Phone"."""
    first = phrase.split(maxsplit=1)[0] if phrase.strip() else ""
    if len(first) > 1 and first.isupper():  # an abbreviation, said letter by letter
        vowel = first[0] in _VOWEL_SOUND_LETTERS
    else:
        vowel = first[:1].lower() in ("a", "e", "i", "o", "u")
    return f"{'an' if vowel else 'a'} {phrase}"
