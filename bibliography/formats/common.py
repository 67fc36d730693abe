"""What every format shares: clean items, names, dates, languages, parse results.

Pure functions on CSL-JSON dicts: `parse_references` renders without a
database, and the importers parse files before touching one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")

# CSL 1.0.2 item types plus the legacy ones still written by tools.
CSL_TYPES_TEXT = (
    "article article-journal article-magazine article-newspaper bill book broadcast chapter classic "
    "collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing "
    "interview legal_case legislation manuscript map motion_picture musical_score pamphlet "
    "paper-conference patent performance periodical personal_communication post post-weblog regulation "
    "report review review-book software song speech standard thesis treaty webpage"
)
CSL_TYPES = frozenset(CSL_TYPES_TEXT.split())
NAME_ROLES = ("author", "editor", "translator")

# ISO 639-1 <-> babel/polyglossia names (biblatex `langid`).
BABEL_NAMES = {
    "ru": "russian",
    "en": "english",
    "kk": "kazakh",
    "uz": "uzbek",
    "ky": "kyrgyz",
    "uk": "ukrainian",
    "bg": "bulgarian",
    "be": "belarusian",
    "de": "ngerman",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pl": "polish",
    "pt": "portuguese",
    "tr": "turkish",
    "cs": "czech",
    "nl": "dutch",
    "sv": "swedish",
    "fi": "finnish",
    "el": "greek",
    "ro": "romanian",
    "hu": "magyar",
    "ja": "japanese",
    "ar": "arabic",
    "fa": "persian",
    "he": "hebrew",
    "ka": "georgian",
    "hy": "armenian",
    "az": "azerbaijani",
    "sr": "serbian",
    "hr": "croatian",
    "lv": "latvian",
    "lt": "lithuanian",
    "et": "estonian",
}
LANGUAGE_ALIASES = {
    "american": "en",
    "british": "en",
    "usenglish": "en",
    "ukenglish": "en",
    "german": "de",
    "austrian": "de",
    "naustrian": "de",
    "kazak": "kk",
    "rus": "ru",
    "eng": "en",
    "kaz": "kk",
    "ukr": "uk",
    "bul": "bg",
    "ger": "de",
    "deu": "de",
    "fre": "fr",
    "fra": "fr",
    "chinese": "zh",
    "korean": "ko",
    "uzbek": "uz",
    "kyrgyz": "ky",
    "tajik": "tg",
    "azeri": "az",
}
LANGUAGE_CODES = {name: code for code, name in BABEL_NAMES.items()} | LANGUAGE_ALIASES
LOCALE_CODE = re.compile(r"^([a-z]{2})(?:[-_][a-z0-9]+)*$")
YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
YMD = re.compile(r"(?<!\d)(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?!\d)")
DMY = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)")


@dataclass
class ParsedEntry:
    """One entry read from a file, with how a person finds it there."""

    item: dict[str, Any]
    label: str
    line: int
    warnings: list[str] = field(default_factory=list)


@dataclass
class Problem:
    """An entry (or the whole file) that could not be read as it stands."""

    entry: str
    line: int | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ParseResult:
    """Everything a reader got from one file."""

    entries: list[ParsedEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Fixed-size chunks, so writers hold only a batch in memory."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def public_item(item: dict[str, Any]) -> dict[str, Any]:
    """The item without private keys (`_confidence`, `_source`...) pipelines attach."""
    return {key: value for key, value in item.items() if not key.startswith("_")}


def text_value(item: dict[str, Any], key: str) -> str:
    """A CSL string variable as one clean line (Crossref sends lists)."""
    value = item.get(key)
    if not value:
        return ""
    if isinstance(value, list):
        value = value[0]
    return " ".join(str(value).split())


def names(item: dict[str, Any], role: str) -> list[dict[str, str]]:
    """The usable name objects of one role."""
    return [
        name
        for name in item.get(role) or []
        if isinstance(name, dict) and (name.get("family") or name.get("given") or name.get("literal"))
    ]


def date_parts(value: Any) -> list[int]:
    """[year, month, day] (as far as known) from a CSL date object."""
    if not isinstance(value, dict):
        return []
    parts = (value.get("date-parts") or [[]])[0] or []
    numbers: list[int] = []
    for part in parts[:3]:
        if not str(part).strip().lstrip("-").isdigit():
            break
        numbers.append(int(part))
    if numbers:
        return numbers
    return parse_date_text(str(value.get("raw") or value.get("literal") or ""))


def year_of(item: dict[str, Any]) -> str:
    """The issued year as text, or ''."""
    parts = date_parts(item.get("issued"))
    return str(parts[0]) if parts else ""


def parse_date_text(text: str) -> list[int]:
    """[y, m, d] from `2023-03-05`, `2023/03/05/`, `05.03.2023`, `2014//`, `2024`."""
    text = text.strip()
    match = DMY.search(text)
    if match:
        day, month, year = (int(group) for group in match.groups())
        return valid_date([year, month, day])
    match = YMD.search(text)
    if match:
        return valid_date([int(group) for group in match.groups() if group])
    return []


def valid_date(parts: list[int]) -> list[int]:
    """Drop month/day that cannot be real, keep the year."""
    if not parts or not 1000 <= parts[0] <= 2999:
        return []
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return parts[:1]
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        return parts[:2]
    return parts


def iso_date(parts: list[int]) -> str:
    """`2023-03-05` (or `2023-03`, `2023`) for date parts."""
    if not parts:
        return ""
    return "-".join([str(parts[0]), *(f"{part:02d}" for part in parts[1:])])


def csl_date(parts: list[int]) -> dict[str, Any]:
    """The CSL date object for date parts."""
    return {"date-parts": [parts]}


def language_code(value: str) -> str:
    """ISO 639-1 code for a code, locale, babel name or English name; else the value."""
    cleaned = value.strip().lower()
    match = LOCALE_CODE.match(cleaned)
    if match:
        return match.group(1)
    cleaned = re.sub(r"[^a-z]", "", cleaned)
    if cleaned in LANGUAGE_CODES:
        return LANGUAGE_CODES[cleaned]
    return value.strip()


def split_pages(page: str) -> tuple[str, str]:
    """(first, last) of `59-79`; a single page or a complex range stays in first."""
    match = re.fullmatch(r"\s*([^\s\-–—,]+)\s*(?:-{1,2}|–|—)\s*([^\s\-–—,]+)\s*", page)
    if match:
        return match.group(1), match.group(2)
    return page.strip(), ""


def join_pages(first: str, last: str) -> str:
    """`59-79` from start and end page, as the CSL convention writes it."""
    first, last = first.strip(), last.strip()
    if last and last != first:
        return f"{first}-{last}" if first else last
    return first


def normalize_range(page: str) -> str:
    """`59--79` or `59–79` -> `59-79` (ASCII hyphen, the CSL convention)."""
    return re.sub(r"\s*(?:-{2,3}|–|—)\s*", "-", page.strip())
