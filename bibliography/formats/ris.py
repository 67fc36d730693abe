"""RIS through rispy: CSL-JSON items out, and back in.

RIS has fewer types than CSL; when several CSL types share one `TY`, the
exact CSL type travels in `M3` (type of work) so a round trip restores it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import rispy

from bibliography.formats.common import (
    CSL_TYPES,
    ParsedEntry,
    ParseResult,
    Problem,
    batched,
    csl_date,
    date_parts,
    join_pages,
    language_code,
    names,
    parse_date_text,
    public_item,
    split_pages,
    text_value,
)

RIS_TYPES = {
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "book": "BOOK",
    "chapter": "CHAP",
    "paper-conference": "CONF",
    "thesis": "THES",
    "report": "RPRT",
    "webpage": "ELEC",
    "legislation": "STAT",
    "legal_case": "CASE",
    "treaty": "LEGAL",
    "regulation": "LEGAL",
    "dataset": "DATA",
    "entry-encyclopedia": "ENCYC",
    "entry-dictionary": "DICT",
    "manuscript": "MANSCPT",
    "document": "GEN",
    "article": "GEN",
    "patent": "PAT",
    "bill": "BILL",
    "standard": "STAND",
    "software": "COMP",
    "map": "MAP",
    "pamphlet": "PAMP",
    "post-weblog": "BLOG",
    "personal_communication": "PCOMM",
    "motion_picture": "MPCT",
    "song": "SOUND",
}
PRIMARY_TYPES = {
    "JOUR": "article-journal",
    "GEN": "document",
    "LEGAL": "treaty",
}
CSL_FROM_RIS = (
    {ris: csl for csl, ris in RIS_TYPES.items()}
    | PRIMARY_TYPES
    | {
        "CPAPER": "paper-conference",
        "EJOUR": "article-journal",
        "INPR": "article-journal",
        "ABST": "article-journal",
        "JFULL": "book",
        "EBOOK": "book",
        "EDBOOK": "book",
        "SER": "book",
        "ECHAP": "chapter",
        "ICOMM": "webpage",
        "WEB": "webpage",
        "UNPB": "manuscript",
        "GOVDOC": "report",
        "HEAR": "document",
        "CTLG": "document",
    }
)
JOURNAL_TYPES = {"JOUR", "MGZN", "NEWS"}
# Parts of a larger item: a lone SP is a page. For every other TY (books, theses,
# reports, proceedings, web pages...) a lone SP is the number of pages, as in the RIS spec.
PART_TYPES = {"JOUR", "MGZN", "NEWS", "EJOUR", "INPR", "ABST", "CHAP", "ECHAP", "ENCYC", "DICT", "CPAPER"}
LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "SN"]
CONTAINER_KEYS = ("secondary_title", "alternate_title3", "journal_name", "alternate_title2", "alternate_title1")
TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])\s{1,2}-(?:\s(.*))?$")
MORE_URLS = re.compile(r";\s*(?=https?://)")
ISSN = re.compile(r"^\d{4}-?\d{3}[\dXx]$")
BATCH = 256


class PlainRisWriter(rispy.RisWriter):
    """rispy's writer without the `1.` counter line some tools choke on, SN as a list."""

    def set_header(self, count: int) -> str:
        return ""


def render(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Stream RIS, one rispy write per small batch."""
    writer = PlainRisWriter(list_tags=LIST_TAGS, delimiter_tags_mapping={})
    for index, batch in enumerate(batched(items, BATCH)):
        text = writer.formats([reference(public_item(item)) for item in batch])
        yield text if index == 0 else "\n" + text


def reference(item: dict[str, Any]) -> dict[str, Any]:
    """The rispy dict of one CSL item (keys are rispy's tag names)."""
    csl_type = item.get("type") or "document"
    ris_type = RIS_TYPES.get(csl_type, "GEN")
    ref: dict[str, Any] = {"type_of_reference": ris_type}
    if CSL_FROM_RIS.get(ris_type) != csl_type:
        ref["type_of_work"] = csl_type
    if item.get("id") not in (None, ""):
        ref["id"] = str(item["id"])
    ref.update(name_tags(item))
    ref.update(title_tags(item, ris_type))
    ref.update(page_tags(item, ris_type))
    ref.update(detail_tags(item))
    return {key: value for key, value in ref.items() if value}


def ris_name(name: dict[str, str]) -> str:
    """`Family, Given` (`Family,` alone): a person always has a comma, a corporate body none."""
    if name.get("literal"):
        return " ".join(name["literal"].split())
    family, given = (" ".join((name.get(part) or "").split()) for part in ("family", "given"))
    return f"{family}, {given}" if given else f"{family},"


def name_tags(item: dict[str, Any]) -> dict[str, list[str]]:
    """AU authors, A2 editors, A4 translators."""
    tags = {"author": "authors", "editor": "secondary_authors", "translator": "subsidiary_authors"}
    return {key: [ris_name(name) for name in names(item, role)] for role, key in tags.items()}


def title_tags(item: dict[str, Any], ris_type: str) -> dict[str, str]:
    """TI, TT, OP, and the container in JO (journals) or T2 (books, proceedings)."""
    container_key = "journal_name" if ris_type in JOURNAL_TYPES else "secondary_title"
    return {
        "title": text_value(item, "title"),
        "translated_title": text_value(item, "translated-title"),
        "original_publication": text_value(item, "original-title"),
        container_key: text_value(item, "container-title"),
        "tertiary_title": text_value(item, "collection-title"),
    }


def page_tags(item: dict[str, Any], ris_type: str) -> dict[str, str]:
    """SP/EP; for whole items a lone SP is the number of pages, so a single page repeats in EP."""
    first, last = split_pages(text_value(item, "page"))
    if ris_type not in PART_TYPES:
        if not first:
            return {"start_page": text_value(item, "number-of-pages")}
        last = last or first
    return {"start_page": first, "end_page": last}


def detail_tags(item: dict[str, Any]) -> dict[str, Any]:
    """VL, IS, ET, PY, PB, CY, SN, DO, UR, Y2, LA, N1."""
    issued = date_parts(item.get("issued"))
    accessed = date_parts(item.get("accessed"))
    return {
        "volume": text_value(item, "volume"),
        "number": text_value(item, "issue"),
        "edition": text_value(item, "edition"),
        "year": "/".join(f"{part:02d}" if index else str(part) for index, part in enumerate(issued)),
        "publisher": text_value(item, "publisher"),
        "place_published": text_value(item, "publisher-place"),
        "issn": [value for value in (text_value(item, "ISBN"), text_value(item, "ISSN")) if value],
        "doi": text_value(item, "DOI"),
        "urls": [text_value(item, "URL")] if text_value(item, "URL") else [],
        "access_date": "/".join(f"{part:02d}" if index else str(part) for index, part in enumerate(accessed)),
        "language": text_value(item, "language"),
        "notes": [text_value(item, "note")] if text_value(item, "note") else [],
    }


# Reading -------------------------------------------------------------------


def parse(text: str) -> ParseResult:
    """CSL items from RIS text, one record at a time so each keeps its line."""
    result = ParseResult()
    for line, lines, closed in records(text):
        try:
            record = "\n".join(lines if closed else [*lines, "ER  - "])
            refs = rispy.loads(record, list_tags=LIST_TAGS, delimiter_tags_mapping={})
        except Exception as error:  # rispy raises bare errors on odd input
            result.problems.append(Problem(lines[0][6:].strip(), line, f"unreadable RIS record: {error}"))
            continue
        for ref in refs:
            parsed = parsed_reference(ref, line)
            if not closed:
                parsed.warnings.append("record not closed by ER: read up to the next TY")
            result.entries.append(parsed)
    return result


def records(text: str) -> Iterator[tuple[int, list[str], bool]]:
    """(first line, normalized lines, closed by ER) of every TY..ER record."""
    start, lines = 0, list[str]()
    for number, raw in enumerate(text.splitlines(), 1):
        match = TAG_LINE.match(raw.rstrip())
        if match and match.group(1) == "TY":
            if lines:
                yield start, lines, False
            start, lines = number, []
        if not start:
            continue
        lines.append(f"{match.group(1)}  - {(match.group(2) or '').strip()}" if match else raw)
        if match and match.group(1) == "ER":
            yield start, lines, True
            start, lines = 0, []
    if lines:
        yield start, lines, False


def parsed_reference(ref: dict[str, Any], line: int) -> ParsedEntry:
    """One rispy dict as a CSL item."""
    csl_type, warnings = csl_type_of(str(ref.get("type_of_reference", "")), str(ref.get("type_of_work", "")))
    item: dict[str, Any] = {"id": clean(ref.get("id")), "type": csl_type}
    item.update(names_from_ref(ref))
    item.update(titles_from_ref(ref))
    item.update(details_from_ref(ref, str(ref.get("type_of_reference", ""))))
    label = str(ref.get("id") or item.get("title", ""))[:60]
    return ParsedEntry({key: value for key, value in item.items() if value}, label, line, warnings)


def csl_type_of(ris_type: str, type_of_work: str) -> tuple[str, list[str]]:
    """CSL type from TY (and our M3), with a warning for a TY we do not know."""
    ris_type = ris_type.strip().upper()
    if type_of_work in CSL_TYPES and RIS_TYPES.get(type_of_work) == ris_type:
        return type_of_work, []
    if ris_type in CSL_FROM_RIS:
        return CSL_FROM_RIS[ris_type], []
    return "document", [f"unknown RIS type {ris_type!r}: imported as a document"]


def csl_name(text: str) -> dict[str, str]:
    """`Family, Given` -> parts; a name without a comma is a corporate body (as Zotero writes them)."""
    text = " ".join(text.split())
    if "," not in text:
        return {"literal": text} if text else {}
    family, _, given = text.partition(",")
    name = {"family": family.strip(), "given": given.strip()}
    return {key: value for key, value in name.items() if value}


def names_from_ref(ref: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """AU/A1 authors, A2 editors, A4 translators."""
    roles = {
        "author": [*as_list(ref.get("authors")), *as_list(ref.get("first_authors"))],
        "editor": as_list(ref.get("secondary_authors")),
        "translator": as_list(ref.get("subsidiary_authors")),
    }
    return {role: [csl_name(value) for value in values if value.strip()] for role, values in roles.items()}


def as_list(value: Any) -> list[str]:
    """rispy gives lists for list tags and strings otherwise."""
    if not value:
        return []
    return [str(part) for part in value] if isinstance(value, list) else [str(value)]


def titles_from_ref(ref: dict[str, Any]) -> dict[str, str]:
    """TI/T1/ST, TT, OP, the container (T2, JF, JO, JA, J2) and T3."""
    title = ref.get("title") or ref.get("primary_title") or ref.get("short_title") or ""
    container = next((ref[key] for key in CONTAINER_KEYS if ref.get(key)), "")
    return {
        "title": clean(title),
        "translated-title": clean(ref.get("translated_title")),
        "original-title": clean(ref.get("original_publication")),
        "container-title": clean(container),
        "collection-title": clean(ref.get("tertiary_title")),
    }


def clean(value: Any) -> str:
    """One line of text from a rispy value."""
    if isinstance(value, list):
        value = " ".join(str(part) for part in value)
    return " ".join(str(value or "").split())


def details_from_ref(ref: dict[str, Any], ris_type: str) -> dict[str, Any]:
    """Numbers, pages, publisher, identifiers, dates, language and note."""
    item: dict[str, Any] = {
        "volume": clean(ref.get("volume")),
        "issue": clean(ref.get("number")),
        "edition": clean(ref.get("edition")),
        "publisher": clean(ref.get("publisher")),
        "publisher-place": clean(ref.get("place_published")),
        "DOI": re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", clean(ref.get("doi")), flags=re.IGNORECASE),
        "URL": first_url(as_list(ref.get("urls"))),
        "language": language_code(clean(ref.get("language"))),
        "note": " ".join(clean(note) for note in as_list(ref.get("notes"))),
    }
    item.update(pages_from_ref(ref, ris_type))
    item.update(standard_numbers(as_list(ref.get("issn"))))
    issued = parse_date_text(clean(ref.get("year") or ref.get("publication_year") or ref.get("date")))
    if issued:
        item["issued"] = csl_date(issued)
    accessed = parse_date_text(clean(ref.get("access_date")))
    if accessed:
        item["accessed"] = csl_date(accessed)
    return item


def first_url(values: list[str]) -> str:
    """The first URL; `a;b` lists are split only before another `http`, since URLs may hold `;`."""
    urls = [url.strip() for value in values for url in MORE_URLS.split(value) if url.strip()]
    return urls[0] if urls else ""


def pages_from_ref(ref: dict[str, Any], ris_type: str) -> dict[str, str]:
    """page from SP/EP; a lone SP of a whole item is its number of pages."""
    first, last = clean(ref.get("start_page")), clean(ref.get("end_page"))
    if ris_type.strip().upper() not in PART_TYPES and first and not last:
        return {"number-of-pages": first}
    return {"page": join_pages(first, last)}


def standard_numbers(values: list[str]) -> dict[str, str]:
    """SN lines (or one line with several numbers) split into ISSN and ISBN."""
    numbers = [part for value in values for part in re.split(r"[\s;,]+", value) if part]
    issn = next((number for number in numbers if ISSN.match(number)), "")
    isbn = next((number for number in numbers if not ISSN.match(number)), "")
    return {"ISSN": issn, "ISBN": isbn}
