"""Bytes of an uploaded library file -> text and format.

Files come from Zotero, Mendeley, EndNote and old Windows tools: UTF-8 with
or without a BOM, UTF-16 from EndNote, cp1251 from Russian Windows, latin-1
from western ones. cp1251 and latin-1 both decode any byte, so they are told
apart by how the high letters sit: Cyrillic words are runs of high bytes,
while accented Latin letters sit alone between ASCII letters.
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath

BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
EXTENSIONS = {
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".biblatex": "bibtex",
    ".ris": "ris",
    ".json": "csljson",
    ".csljson": "csljson",
}
RIS_START = re.compile(r"^TY\s{1,2}-", re.MULTILINE)
BIB_START = re.compile(r"^\s*@\s*\w+\s*[{(]", re.MULTILINE)
HIGH_LETTER = 0xC0
CYRILLIC_RUN_SHARE = 0.6


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """(text, encoding used): BOM, then strict UTF-8, then cp1251 or latin-1."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace"), encoding
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if looks_cyrillic(raw):
        try:
            return raw.decode("cp1251"), "cp1251"
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1"), "latin-1"


def looks_cyrillic(raw: bytes, sample: int = 1 << 20) -> bool:
    """True when most high letters (>= 0xC0) neighbour another high letter.

    In cp1251 every Cyrillic letter is such a byte and they form words; in
    latin-1 text `é`, `ü` are single high bytes inside ASCII words.
    """
    data = raw[:sample]
    high = in_runs = 0
    for index, byte in enumerate(data):
        if byte < HIGH_LETTER:
            continue
        high += 1
        before = data[index - 1] if index else 0
        after = data[index + 1] if index + 1 < len(data) else 0
        if before >= HIGH_LETTER or after >= HIGH_LETTER:
            in_runs += 1
    return high > 0 and in_runs / high >= CYRILLIC_RUN_SHARE


def detect_format(name: str, text: str) -> str:
    """`bibtex`, `ris` or `csljson` from the extension, else from the content; '' if neither."""
    by_extension = EXTENSIONS.get(PurePath(name).suffix.lower())
    if by_extension:
        return by_extension
    head = text.lstrip("\ufeff \t\r\n")[:1]
    if head in "[{" and head:
        return "csljson"
    sample = text[:65536]
    if RIS_START.search(sample):
        return "ris"
    if BIB_START.search(sample):
        return "bibtex"
    return ""
