"""Citation keys: `family` + `year` + first significant title word, ASCII.

Keys are a pure function of the item and of the items before it in the
stream, so the same set exported in the same order (works by id) gets the
same keys every time. Clashes get `a`, `b`, `c`... in stream order (the
first item keeps the bare key, because a stream cannot look ahead).
"""

from __future__ import annotations

import re
from typing import Any

from bibliography.formats.common import names, text_value, year_of
from bibliography.lib.skeleton import to_latin

# English, Russian, Kazakh function words that never identify a title.
STOPWORDS_TEXT = (
    "a an the of on in at to for and or with from by about into over under between as is are der die das "
    "ein eine und le la les des du un une et el los las y в во на о об обо и или к ко с со по за из от "
    "до для при про под над как что это мен және үшін туралы бойынша арқылы мен пен бен"
)
STOPWORDS = frozenset(STOPWORDS_TEXT.split())
WORD = re.compile(r"\w+", re.UNICODE)
NON_ASCII_ALNUM = re.compile(r"[^a-z0-9]")


def ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits of a word (Cyrillic transliterated)."""
    return NON_ASCII_ALNUM.sub("", to_latin(text))


def name_part(item: dict[str, Any]) -> str:
    """First author's (else editor's) family name, or a corporate body's first word."""
    people = names(item, "author") or names(item, "editor")
    if not people:
        return "anon"
    first = people[0]
    if first.get("family"):
        return ascii_word(first["family"])[:24] or "anon"
    words = WORD.findall(first.get("literal") or first.get("given") or "")
    significant = [word for word in words if word.lower() not in STOPWORDS]
    return ascii_word((significant or words or ["anon"])[0])[:24] or "anon"


def title_part(item: dict[str, Any]) -> str:
    """First title word that is not a function word."""
    for word in WORD.findall(text_value(item, "title")):
        if word.lower() not in STOPWORDS and not word.isdigit():
            latin = ascii_word(word)
            if latin:
                return latin[:24]
    return ""


def base_key(item: dict[str, Any]) -> str:
    """`buzan2013security`; `nd` stands for no date."""
    return f"{name_part(item)}{year_of(item) or 'nd'}{title_part(item)}"


def suffix(number: int) -> str:
    """a, b, ..., z, aa, ab, ... for the 1st, 2nd... clash."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


class CiteKeys:
    """Assigns unique keys in stream order; memory is one set entry per key."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.clashes: dict[str, int] = {}

    def assign(self, item: dict[str, Any]) -> str:
        """The next unique key for this item."""
        base = base_key(item)
        key = base
        while key in self.used:
            self.clashes[base] = self.clashes.get(base, 0) + 1
            key = base + suffix(self.clashes[base])
        self.used.add(key)
        return key
