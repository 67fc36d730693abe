"""Scheme-agnostic Latin skeletons of names and titles.

A Cyrillic entry and its romanized twin (BGN, BSI/Scopus, LC, GOST 7.79,
the 2021 Kazakh Latin alphabet) must compare equal without guessing which
scheme the romanizer used. The skeleton maps both sides onto a coarse Latin
alphabet in which the letters that schemes disagree on collapse together
(kh/h/x, ts/c, yu/iu/ju, y/i/j, soft signs dropped, doubled letters single).
It is a matching key, never shown to people.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

# 1. Cyrillic (Russian, Kazakh, Ukrainian, Bulgarian) onto one Latin choice.
CYRILLIC_TO_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ъ": "",
    "ы": "i",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
    "ә": "a",
    "ғ": "g",
    "қ": "k",
    "ң": "n",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
    "і": "i",
    "ї": "i",
    "є": "e",
    "ґ": "g",
    "ў": "u",
    "ј": "i",
}

# 2. Latin digraphs and letters that romanization schemes spell differently.
LATIN_COLLAPSES = [
    ("shch", "sh"),
    ("shh", "sh"),
    ("sch", "sh"),
    ("kh", "h"),
    ("gh", "g"),
    ("zh", "z"),
    ("ch", "c"),
    ("sh", "s"),
    ("tsz", "c"),
    ("ts", "c"),
    ("tc", "c"),
    ("cz", "c"),
    ("q", "k"),
    ("w", "v"),
    ("x", "h"),
    ("y", "i"),
    ("j", "i"),
    ("ng", "n"),
    ("ph", "f"),
]
APOSTROPHES = re.compile(r"['’ʹʺ`ʼ\"]")
NON_ALNUM = re.compile(r"[^a-z0-9]+")
DOUBLED = re.compile(r"([a-z])\1+")
# Letters only the Kazakh Latin alphabets use; in a word that has one, `j` stands for `ж`, not `й`.
KAZAKH_LATIN_TELLS = frozenset("äğñöūüşıq")
# `я ю е` after a consonant are `ia/ya`, `iu/yu/ju`, `ie/ye`; `ё` is `e`, `ë`, `yo`, `io`: all collapse.
IOTATED = re.compile(r"i([aeou])")
IOTATED_VOWEL = {"a": "a", "e": "e", "u": "u", "o": "e"}


def to_latin(text: str) -> str:
    """Lower-case Latin transliteration (one fixed scheme) of any text."""
    lowered = unicodedata.normalize("NFC", text.lower())
    mapped = "".join(CYRILLIC_TO_LATIN.get(char, char) for char in lowered)
    return unidecode(mapped).lower()


@lru_cache(maxsize=65536)
def word_skeleton(word: str) -> str:
    """Skeleton of one word: the collapsed Latin spelling."""
    lowered = word.lower()
    if "j" in lowered and not KAZAKH_LATIN_TELLS.isdisjoint(lowered):
        lowered = lowered.replace("j", "zh")
    latin = APOSTROPHES.sub("", to_latin(lowered))
    for variant, canonical in LATIN_COLLAPSES:
        latin = latin.replace(variant, canonical)
    latin = DOUBLED.sub(r"\1", NON_ALNUM.sub("", latin))
    return DOUBLED.sub(r"\1", IOTATED.sub(lambda m: IOTATED_VOWEL[m.group(1)], latin))


# What parts words: whitespace (`str.split`'s, the same characters as the regex `\s`), hyphens, dashes, slashes.
# Splitting with `re` cost half of a skeleton (a regex step per character); replace and split are C loops.
WORD_BREAKS = ("-", "–", "—", "/")


@lru_cache(maxsize=32768)
def skeleton(text: str) -> str:
    """Skeleton of a phrase: word skeletons joined by single spaces.

    A phrase with a letter only the Kazakh Latin alphabets use is read as Kazakh Latin throughout,
    so its `j` is `ж` in every word. Remembered: one reference's title, authors and journal are
    reduced for its work's matching keys, its dedup record and its search-index row.
    """
    lowered = text.lower()
    if "j" in lowered and not KAZAKH_LATIN_TELLS.isdisjoint(lowered):
        lowered = lowered.replace("j", "zh")
    # map/filter, not generator expressions: every cache miss of a long text paid a Python frame per word.
    return " ".join(filter(None, map(word_skeleton, split_words(lowered))))


def split_words(text: str) -> list[str]:
    """The words of a text parted by whitespace, hyphens, dashes and slashes (no empty ones)."""
    for mark in WORD_BREAKS:
        text = text.replace(mark, " ")
    return text.split()


@lru_cache(maxsize=32768)
def name_skeleton(family: str) -> str:
    """Skeleton of a family name, for the first-author blocking key (remembered: a name recurs in every
    record, matching key and person row of its references)."""
    return skeleton(family).replace(" ", "")[:64]


# A Latin `h` that is not the second letter of a digraph (kh, zh, ch, sh, th, ph, gh, wh, ts-h):
# Ukrainian and Belarusian romanizations write `г` so (`Hnatiuk` is `Гнатюк`, `Honcharenko` is `Гончаренко`).
LONE_H = re.compile(r"(?<![kzcstpgw])h")
# Read so only in a name with a Ukrainian or Belarusian ending: `Hill` and `Gill`, `Hall` and `Gall` stay apart.
EAST_SLAVIC_ENDING = re.compile(r"(?:uk|iuk|yuk|chuk|enko|ko|ych|vych|skyi|skyy|skyj|tskyi|iv|ak|yk|ets|ets')$")


def name_skeleton_variants(family: str) -> tuple[str, ...]:
    """The name's skeleton, and a second reading where the name's alphabet is ambiguous.

    A name alone rarely shows which alphabet it is in: `Nyjabaev` is `Ныжабаев` in 2021 Kazakh Latin,
    `Majorov` is `Майоров` in GOST 7.79, so `j` is also read as `ж`; `Hnatiuk` is `Гнатюк` in the
    Ukrainian national romanization, so in a name with a Ukrainian or Belarusian ending a lone `h` is
    also read as `г` (never the `h` of `kh`: `Khasanov` and `Gasanov` are two names; nor in `Hill`).
    Both readings are kept and compared.
    """
    primary = name_skeleton(family)
    lowered = family.lower()
    read_h = "h" in lowered and bool(EAST_SLAVIC_ENDING.search(lowered.strip(" .")))
    if "j" not in lowered and not read_h:
        return (primary,)
    other = lowered.replace("j", "zh")
    other = name_skeleton(LONE_H.sub("g", other) if read_h else other)
    return (primary, other) if other != primary else (primary,)
