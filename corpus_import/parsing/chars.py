"""Character classes shared by every stage of the parser.

Python's `re` has no Unicode letter categories, so the alphabets the parser
meets (Latin with diacritics and Kazakh Latin `ǵ`; Russian, Ukrainian, Bulgarian, Kazakh, Uzbek `ҳ` and
Tajik `ҷӣӯ` Cyrillic) are spelled out once here and spliced into the patterns of the other modules.
"""

from __future__ import annotations

import re
from functools import lru_cache

CYR_UP = "А-ЯЁЂЃЄЅІЇЈЉЊЋЌЎЏҐҒҚҢҮҰҺӘӨҲҶӢӮ"
CYR_LO = "а-яёђѓєѕіїјљњћќўџґғқңүұһәөҳҷӣӯ"
LAT_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĬİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽǴ"
LAT_LO = "a-zß-öø-ÿāăąćčďđēėęěğĭıłńňōőœřśşšţťūůűźżžǵ"
UP = LAT_UP + CYR_UP
LO = LAT_LO + CYR_LO
LETTER = UP + LO
APOS = "'’ʼ`"
DASHES = "–—−‒―"

CYRILLIC_RE = re.compile(f"[{CYR_UP}{CYR_LO}]")
LATIN_RE = re.compile(f"[{LAT_UP}{LAT_LO}]")
NOT_CYRILLIC = re.compile(f"[^{CYR_UP}{CYR_LO}]+")
NOT_LATIN = re.compile(f"[^{LAT_UP}{LAT_LO}]+")
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
YEAR_RE = re.compile(rf"(?<![\d/.-]){YEAR}(?![\d/])")


@lru_cache(maxsize=256)
def count_scripts(text: str) -> tuple[int, int]:
    """(Cyrillic letters, Latin letters) in the text.

    Deleting the rest is twice as fast as `findall`; an ASCII text (a flag lookup) has no Cyrillic at all;
    the cache serves the title, which the language and script checks each count.
    """
    if text.isascii():
        return 0, len(NOT_LATIN.sub("", text))
    return len(NOT_CYRILLIC.sub("", text)), len(NOT_LATIN.sub("", text))


def is_cyrillic(text: str) -> bool:
    """Mostly Cyrillic text (decides GOST conventions and look-alike repair)."""
    cyr, lat = count_scripts(text)
    return cyr > lat
