"""Reading one segment element by element (comma-separated styles).

Many styles put the host, its numbers and its imprint in one comma-separated
run (`Proc. of X, San Jose, CA, pp. 12-24, October 1994`; `J. Symbolic
Logic, 27, 259-316`). A segment is split at top-level commas; each element is
a locator, an imprint (`Place: Publisher`, `City, ST`, a publisher name) or
text, and the text before the first non-text element is the segment's lead
(title continuation or host title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .locators import (
    CONTAINER_WORDS,
    PUBLISHER_WORDS,
    Imprint,
    Locators,
    is_known_place,
    is_place,
    place_text,
    read_imprint,
    read_locators,
    split_trailing,
)
from .names import Name, parse_name_list

STATE_CODE = re.compile(r"^(?:[A-Z]{2}|[A-Z]\.\s?[A-Z]\.|[A-Z][a-z]{1,4}\.|USA|UK|U\.S\.A\.|U\.K\.)\.?$")
COUNTRY = re.compile(
    r"^(?:USA|UK|United States(?: of America)?|United Kingdom|Russian Federation|"
    r"England|Germany|France|Italy|Japan|China|Canada|Australia|Russia|Kazakhstan|Netherlands|Spain|"
    r"Switzerland|Sweden|Austria|India|Poland|Belgium|Denmark|Norway|Finland|Israel|Brazil|Korea|Singapore|"
    r"Greece|Portugal|Turkey|Ukraine|Bulgaria|Hungary|Ireland|Scotland|Czech Republic|New Zealand|Wales|"
    r"Morocco|Egypt|Mexico|Argentina|Chile|Colombia|Peru|South Africa|Nigeria|Kenya|Iran|Iraq|Pakistan|"
    r"Indonesia|Malaysia|Thailand|Vietnam|Philippines|Taiwan|Hong Kong|Uzbekistan|Kyrgyzstan|Tajikistan|"
    r"Turkmenistan|Azerbaijan|Georgia|Armenia|Belarus|Moldova|Latvia|Lithuania|Estonia|Romania|Serbia|Croatia|"
    r"Slovenia|Slovakia|Luxembourg|Iceland|Cyprus|Malta|Qatar|UAE|Saudi Arabia|Lebanon|Jordan|Tunisia|"
    r"The Netherlands|Alabama|Arizona|California|Colorado|Connecticut|Florida|Illinois|Indiana|Maryland|"
    r"Massachusetts|Michigan|Minnesota|New Jersey|New York|North Carolina|Ohio|Oregon|Pennsylvania|Texas|"
    r"Virginia|Washington|Wisconsin|Ontario|Quebec|British Columbia|"
    r"Россия|Казахстан|Україна|България|Кыргызстан|Узбекистан|Беларусь)\.?$"
)
MONTH_DAY = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\s\d{1,2}$"
)
YEAR_ONLY = re.compile(r"^\d{4}$")
SERIES_STATEMENT = re.compile(
    r"^(?:vol(?:ume)?\.?\s?(?P<num>\d+)\s(?:of|in)\s(?:the\s)?(?P<name>[A-Z][^,]{3,80})|"
    r"(?P<name2>Lecture\sNotes\sin\s[A-Z][\w ]+|[A-Z][\w&' ]*\bSeries\b(?:\sin\s[\w ]+)?)"
    r"(?:,?\s(?:vol\.?\s?|volume\s|no\.\s?)(?P<num2>\d+))?)$"
)
SERIES_NUMBER = re.compile(r"^(?:vol|Vol|volume|Volume|no|No)\.?\s?\d+$")
CONFERENCE_WORDS = re.compile(r"\b(?:Proc|Conf|Symp|Workshop|Congress|Meeting|Colloquium)\b")
STATE_COLON = re.compile(r"^(?:[A-Z]{2,3}|[A-Z][a-z]{1,4}\.|U\.\s?[KS]\.(?:\s?A\.)?)\s?:\s?\S")
EDITED_BY = re.compile(
    r"^(?:edited|Edited|ed\.|Ed\.|eds\.|Eds\.)\sby\s|^(?:ed|eds|Ed|Eds)\.\s(?=[A-Z])|^(?:под|Под)\sред\.\s|"
    r"^(?:за|За)\sред\.\s"
)
# `Rev. ed., Verso, 2006` (MLA), `2nd ed., L. Johanson, Eds.` (IEEE): an edition inside a comma run.
EDITION_PART = re.compile(
    r"^(?:\d+(?:st|nd|rd|th|-?е|-?ге|-?є|-?те)?\s?|(?:[Rr]ev(?:ised)?|[Ss]econd|[Tt]hird|[Nn]ew|[Ee]xpanded)\.?\s)"
    r"(?:ed|edn|edition|изд|вид|басылым)\.?$"
)
LOWER_START = re.compile(r"^(?:and|or|of|the|in|for|und|et|и|і|та)\b")


@dataclass
class SegmentRead:
    """What one segment holds, element by element."""

    lead: str = ""
    loc: Locators | None = None
    imprint: Imprint = field(default_factory=Imprint)
    rest: list[str] = field(default_factory=list)
    editors: list[Name] = field(default_factory=list)
    collection: str = ""
    edition: str = ""


def comma_parts(text: str) -> list[str]:
    """Split at `, ` outside brackets and quotes; a part starting `and ...` rejoins its predecessor."""
    if ";" in text or any(opener in text for opener in "([«“"):
        parts = _split_outside_brackets(text)
    else:
        parts = text.split(", ")  # nothing to nest or to split at `; `: the common case, without a Python loop
    merged: list[str] = []
    for part in (p.strip() for p in parts):
        if merged and (LOWER_START.match(part) or not part or (MONTH_DAY.search(merged[-1]) and YEAR_ONLY.match(part))):
            merged[-1] = f"{merged[-1]}, {part}".rstrip(", ")
        elif part:
            merged.append(part)
    return merged


def _split_outside_brackets(text: str) -> list[str]:
    """Cut at `, ` (and at `; ` before a number) where no bracket or quote is open."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, char in enumerate(text):
        if char in "([«“":
            depth += 1
        elif char in ")]»”" and depth:
            depth -= 1
        elif (
            char in ",;" and not depth and text[i + 1 : i + 2] == " " and (char == "," or text[i + 2 : i + 3].isdigit())
        ):
            parts.append(text[start:i])
            start = i + 2
    parts.append(text[start:])
    return parts


def _add_loc(read: SegmentRead, loc: Locators) -> None:
    """Merge a comma part's numbers; a second year-like number after the volume is a page or article number
    (`Journal, 2019, 12(3), 1850`), not a year to drop."""
    if read.loc is None:
        read.loc = Locators()
    if read.loc.year and loc.year and not loc.full_date and (read.loc.volume or read.loc.issue):
        loc.bare.append(str(loc.year))
        loc.year = None
    read.loc.merge(loc)


def _place_at(parts: list[str], i: int) -> tuple[str, int]:
    """`San Jose, CA` / `Williamstown, MA, USA` starting at i: the place and the index after it."""
    if not is_place(parts[i]):
        return "", i
    place, j = place_text(parts[i]), i + 1
    while j < len(parts) and j < i + 3 and (STATE_CODE.match(parts[j]) or COUNTRY.match(parts[j])):
        place, j = f"{place}, {parts[j].rstrip('.')}", j + 1
    if j > i + 1 or j >= len(parts) or read_locators(parts[j]):
        return place, j
    return "", i


def _split_imprint(parts: list[str], i: int, place_first: bool) -> tuple[Imprint | None, int]:
    """Imprints printed across a comma: `Cambridge, MA: MIT Press` and `Edward Elgar, Cheltenham`.

    Why: the comma run is cut before the elements are read, so a place with its state, or a publisher
    followed by its (known) place in Elsevier-Harvard order, arrives as two parts.
    """
    if i + 1 >= len(parts) or read_locators(parts[i + 1]) or read_locators(parts[i]):
        return None, i
    for k in (2, 3):  # `Cambridge, MA: MIT Press`, `Red Hook, NY, USA: Curran Associates`
        if i + k > len(parts) or not (STATE_COLON.match(parts[i + k - 1]) or (place_first and k == 2)):
            continue
        if k == 3 and not (STATE_CODE.match(parts[i + 1]) or COUNTRY.match(parts[i + 1])):
            continue
        joined = read_imprint(", ".join(parts[i : i + k]), has_year=False)
        if joined and joined.place and joined.publisher:
            return joined, i + k
    if not is_known_place(parts[i + 1]) or is_known_place(parts[i]) or not _publisher_name(parts[i]):
        return None, i
    place, after = _place_at(parts, i + 1)
    if place:
        return Imprint(place=place, publisher=parts[i].strip(" .")), after
    return None, i


def _publisher_name(text: str) -> bool:
    """A publisher's name, not a host title (`Proc. ACL`, `Journal of ...`)."""
    if len(text.split()) > 6 or not text[:1].isupper():
        return False
    return not CONTAINER_WORDS.search(text) and not CONFERENCE_WORDS.search(text)


def _numbered(series: re.Match[str], parts: list[str], i: int) -> bool:
    """A series statement opening a segment carries its number (`Lecture Notes in ..., vol 3408`)."""
    if series.group("num") or series.group("num2"):
        return True
    return i + 1 < len(parts) and SERIES_NUMBER.match(parts[i + 1]) is not None


def _publisher_after_editors(read: SegmentRead, parts: list[str], i: int) -> bool:
    """MLA 9 `Theory, edited by Francis Barker et al., Methuen, 1986, pp. 210-29`: the part between the
    editors and the year is the publisher; MLA prints no place, so an unknown one-word name is not one."""
    if not read.editors or read.imprint.publisher or read.loc or i + 1 >= len(parts):
        return False
    year_next = read_locators(parts[i + 1])
    if not year_next or not year_next.year or year_next.volume or year_next.page:
        return False
    return parts[i][:1].isupper() and not is_known_place(parts[i]) and len(parts[i].split()) <= 6


TRAILING_ET_AL = re.compile(r",?\s(?:et\s?al|and\sothers)\.?$")


def _editor_part(part: str) -> list[Name]:
    """`edited by Roald Z. Sagdeev and Susan Eisenhower` inside a comma run (Chicago, MLA)."""
    match = EDITED_BY.match(part)
    if not match:
        return []
    names = TRAILING_ET_AL.sub("", part[match.end() :])  # MLA `edited by Francis Barker et al.` adds nobody
    return parse_name_list(names, given_first=match.group(0)[:1] in "edE")


def read_segment(text: str, lead_may_be_place: bool = False) -> SegmentRead:
    """Elements of a non-title segment."""
    read = SegmentRead()
    parts = comma_parts(text)
    lead: list[str] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        loc = read_locators(part)
        if loc:
            _add_loc(read, loc)
            i += 1
            continue
        series = SERIES_STATEMENT.match(part)
        if series and not read.collection and (lead or i or _numbered(series, parts, i)):
            read.collection = (series.group("name") or series.group("name2")).strip(" ,.")
            number = series.group("num") or series.group("num2")
            if number:
                _add_loc(read, Locators(volume=number))
            i += 1
            continue
        if EDITION_PART.match(part):
            read.edition = read.edition or part
            i += 1
            continue
        editors = _editor_part(part) if lead else []
        if editors:
            read.editors.extend(editors)
            i += 1
            continue
        split, after = _split_imprint(parts, i, place_first=bool(lead) or lead_may_be_place)
        if split:
            read.imprint.place = read.imprint.place or split.place
            read.imprint.publisher = read.imprint.publisher or split.publisher
            i = after
            continue
        if _publisher_after_editors(read, parts, i):
            read.imprint.publisher = parts[i].strip(" .")
            i += 1
            continue
        if lead or lead_may_be_place:
            place, after = _place_at(parts, i)
            imprint = read_imprint(part, has_year=False)
            if place or imprint:
                read.imprint.place = read.imprint.place or place or (imprint.place if imprint else "")
                read.imprint.publisher = read.imprint.publisher or (imprint.publisher if imprint else "")
                i = max(after, i + 1)
                continue
            if lead and PUBLISHER_WORDS.search(part) and not CONTAINER_WORDS.search(part) and len(part.split()) < 8:
                read.imprint.publisher = read.imprint.publisher or part.strip(" .")
                i += 1
                continue
        (read.rest if read.loc or read.imprint.place or read.imprint.publisher else lead).append(part)
        i += 1
    head, tail = split_trailing(", ".join(lead))
    if tail:
        _year_printed_first(read, tail)
        _add_lead_numbers(read, tail)
    read.lead = head
    return read


def _add_lead_numbers(read: SegmentRead, tail: Locators) -> None:
    """Science `Science 371, 112 (2021)`: the number after the journal's name was printed before the
    later comma parts, so its bare numbers go first (positional numbers are volume, then page)."""
    later = list(read.loc.bare) if read.loc else []
    _add_loc(read, tail)
    assert read.loc is not None
    read.loc.bare = read.loc.bare[len(later) :] + later


def _year_printed_first(read: SegmentRead, tail: Locators) -> None:
    """MDPI `Energies 2021, 14, 1567`: the year after the journal's name is the year; a later four-digit
    number that also looks like one (article 1567, 1999) is the article number, read like any bare number."""
    if read.loc and read.loc.year and tail.year and not read.loc.full_date:
        read.loc.bare.append(str(read.loc.year))
        read.loc.year, read.loc.paren_year = None, False
