"""Look-alike letters: Latin `HATO` inside Cyrillic text is `НАТО`.

PDF extraction and careless typing put Latin letters that look Cyrillic
(`HATO`, `C. 45`) into Cyrillic text and the reverse; every comparison
downstream (dedup skeletons, Crossref matching) then fails. A word is
repaired towards the script of its context, and only when every foreign
letter in it has a twin in the other alphabet.
"""

from __future__ import annotations

import re

from .chars import CYR_LO, CYR_UP, LAT_LO, LAT_UP, count_scripts

LAT_TO_CYR = str.maketrans("ABCEHKMOPTXYaceopxy", "АВСЕНКМОРТХУасеорху")
CYR_TO_LAT = str.maketrans("АВСЕНКМОРТХасеорхуіІј", "ABCEHKMOPTXaceopxyiIj")
LAT_LOOKALIKE = set("ABCEHKMOPTXYaceopxy")
CYR_LOOKALIKE = set("АВСЕНКМОРТХасеорхуіІј")
ROMAN = re.compile(r"^[IVXLCDM]+$")
LETTERS = f"{LAT_UP}{LAT_LO}{CYR_UP}{CYR_LO}"
# A whole word (maximal run of letters) holding a Latin letter: the only words a repair can change.
WORD_WITH_LATIN = re.compile(f"(?<![{LETTERS}])[{CYR_UP}{CYR_LO}]*+[{LAT_UP}{LAT_LO}][{LETTERS}]*")
LAT_LETTER = re.compile(f"[{LAT_UP}{LAT_LO}]")
CYR_LETTER = re.compile(f"[{CYR_UP}{CYR_LO}]")
LATIN_MARKER = re.compile(r"(?<![\w.])([CT])\.(?=\s?\d)")
CYRILLIC_MARKERS = {"C": "С", "T": "Т"}


def _repair_word(word: str, cyrillic_context: bool) -> str:
    has_lat = LAT_LETTER.search(word) is not None
    has_cyr = CYR_LETTER.search(word) is not None
    if has_lat and has_cyr:
        lat = len(LAT_LETTER.findall(word))
        cyr = len(word) - lat
        if cyr >= lat and all(c in LAT_LOOKALIKE for c in word if LAT_LETTER.match(c)):
            return word.translate(LAT_TO_CYR)
        if lat > cyr and all(c in CYR_LOOKALIKE for c in word if CYR_LETTER.match(c)):
            return word.translate(CYR_TO_LAT)
        return word
    lookalike = has_lat and all(c in LAT_LOOKALIKE for c in word) and word.isupper()
    if lookalike and cyrillic_context and len(word) > 1 and not ROMAN.match(word):
        return word.translate(LAT_TO_CYR)
    return word


def repair_lookalikes(text: str) -> str:
    """Rewrite look-alike letters to the script of the surrounding text."""
    cyr, lat = count_scripts(text)
    if not cyr or not lat:
        return text
    cyrillic_context = cyr > lat
    if cyrillic_context:
        text = LATIN_MARKER.sub(lambda m: CYRILLIC_MARKERS[m.group(1)] + ".", text)
    return WORD_WITH_LATIN.sub(lambda m: _repair_word(m.group(0), cyrillic_context), text)
