"""BibTeX/biblatex through bibtexparser 2.x: CSL-JSON items out, and back in.

The output targets biblatex (biber) and stays readable by classic BibTeX:
classic field names where biber maps them (`journal`, `address`, `school`),
biblatex ones where classic BibTeX has none (`urldate`, `langid`,
`pagetotal`, `origtitle`, `entrysubtype`). CSL types that BibTeX lacks travel
in `entrysubtype`, so a round trip restores them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    Field,
    ParsingFailedBlock,
)
from bibtexparser.writer import BibtexFormat

from bibliography.formats import latex
from bibliography.formats.citekeys import CiteKeys
from bibliography.formats.common import (
    BABEL_NAMES,
    CSL_TYPES,
    NAME_ROLES,
    ParsedEntry,
    ParseResult,
    Problem,
    batched,
    csl_date,
    date_parts,
    iso_date,
    language_code,
    names,
    normalize_range,
    parse_date_text,
    public_item,
    text_value,
)

# CSL type -> (entry type, entrysubtype).
ENTRY_TYPES: dict[str, tuple[str, str]] = {
    "article-journal": ("article", ""),
    "article-magazine": ("article", "magazine"),
    "article-newspaper": ("article", "newspaper"),
    "book": ("book", ""),
    "chapter": ("incollection", ""),
    "paper-conference": ("inproceedings", ""),
    "thesis": ("phdthesis", ""),
    "report": ("report", ""),
    "webpage": ("online", ""),
    "manuscript": ("unpublished", ""),
    "document": ("misc", ""),
    "entry-encyclopedia": ("incollection", "entry-encyclopedia"),
}
# Entry types of other tools -> CSL type.
CSL_FROM_ENTRY = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "booklet": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "mvreference": "book",
    "periodical": "book",
    "manual": "report",
    "inbook": "chapter",
    "bookinbook": "chapter",
    "suppbook": "chapter",
    "incollection": "chapter",
    "suppcollection": "chapter",
    "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "report": "report",
    "techreport": "report",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "misc": "document",
    "unpublished": "manuscript",
    "dataset": "dataset",
    "software": "software",
    "patent": "patent",
    "legislation": "legislation",
    "legal": "legislation",
    "jurisdiction": "legal_case",
    "standard": "standard",
}
SUBTYPE_TYPES = {(entry, sub): csl for csl, (entry, sub) in ENTRY_TYPES.items() if sub}
NOT_WORKS = {"set", "xdata", "comment", "string", "preamble"}
# Field holding the container title, by entry type (a field valid for that type in biblatex).
CONTAINER_FIELD = {
    "article": "journal",
    "incollection": "booktitle",
    "inproceedings": "booktitle",
    "book": "maintitle",
    "online": "organization",
    "misc": "howpublished",
}
PUBLISHER_FIELD = {"phdthesis": "school", "report": "institution"}
SIMPLE_FIELDS = [
    ("collection-title", "series"),
    ("edition", "edition"),
    ("volume", "volume"),
]
TAIL_FIELDS = [("ISBN", "isbn"), ("ISSN", "issn")]
EXTENDED_NAME = re.compile(r"^\s*(?:family|given|prefix|suffix)\s*=", re.IGNORECASE)
RAW_KEY = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s{}()]*)")
BATCH = 256


def render(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Stream BibTeX: one bibtexparser write per small batch keeps memory flat.

    Values are enclosed in braces here, so the writer needs no unparse
    middleware (which would deep-copy every entry).
    """
    keys = CiteKeys()
    bibtex_format = BibtexFormat()
    bibtex_format.indent = "  "
    bibtex_format.block_separator = "\n"
    for batch in batched(items, BATCH):
        library = Library([entry_from_item(public_item(item), keys) for item in batch])
        yield bibtexparser.write_string(library, unparse_stack=[], bibtex_format=bibtex_format) + "\n"


def entry_from_item(item: dict[str, Any], keys: CiteKeys) -> Entry:
    """The bibtexparser Entry of one CSL item."""
    csl_type = item.get("type") or "document"
    entry_type, subtype = ENTRY_TYPES.get(csl_type, ("misc", csl_type if csl_type in CSL_TYPES else ""))
    fields = [*name_fields(item), *title_fields(item, entry_type), *detail_fields(item, entry_type)]
    if subtype:
        fields.append(("entrysubtype", subtype))
    return Entry(entry_type, keys.assign(item), [Field(key, f"{{{value}}}") for key, value in fields if value])


def name_fields(item: dict[str, Any]) -> list[tuple[str, str]]:
    """author/editor/translator as `Family, Given and {Corporate}`."""
    people = ((role, names(item, role)) for role in NAME_ROLES if item.get(role))
    return [(role, " and ".join(bibtex_name(name) for name in found)) for role, found in people if found]


def bibtex_name(name: dict[str, str]) -> str:
    """One name: corporate bodies in braces so BibTeX never splits them."""
    if name.get("literal"):
        return "{" + latex.escape(name["literal"]) + "}"
    family = latex.escape(name.get("family") or "")
    given = latex.escape(name.get("given") or "")
    if not given:
        return f"{family}, {{}}" if " " in family else family
    return f"{family}, {given}" if family else given


def title_fields(item: dict[str, Any], entry_type: str) -> list[tuple[str, str]]:
    """title, the bracketed translation, the original title and the container."""
    translated = text_value(item, "translated-title")
    return [
        ("title", latex.escape(text_value(item, "title"))),
        ("titleaddon", f"[{latex.escape(translated)}]" if translated else ""),
        ("origtitle", latex.escape(text_value(item, "original-title"))),
        (CONTAINER_FIELD.get(entry_type, "booktitle"), latex.escape(text_value(item, "container-title"))),
    ]


def detail_fields(item: dict[str, Any], entry_type: str) -> list[tuple[str, str]]:
    """Numbers, publisher, dates (`month` only when known), identifiers and language."""
    issued = date_parts(item.get("issued"))
    fields = [(bib, latex.escape(text_value(item, csl))) for csl, bib in SIMPLE_FIELDS if item.get(csl)]
    fields += [
        ("number", latex.escape(text_value(item, "issue") or text_value(item, "number"))),
        ("pages", latex.escape(normalize_range(text_value(item, "page"))).replace("-", "--")),
        ("pagetotal", latex.escape(text_value(item, "number-of-pages"))),
        (PUBLISHER_FIELD.get(entry_type, "publisher"), latex.escape(text_value(item, "publisher"))),
        ("address", latex.escape(text_value(item, "publisher-place"))),
        ("year", str(issued[0]) if issued else ""),
        ("month", str(issued[1]) if len(issued) > 1 else ""),
        *[(bib, latex.escape(text_value(item, csl))) for csl, bib in TAIL_FIELDS if item.get(csl)],
        ("doi", latex.verbatim(text_value(item, "DOI"))),
        ("url", latex.verbatim(text_value(item, "URL"))),
        ("urldate", iso_date(date_parts(item.get("accessed")))),
        language_field(text_value(item, "language")),
        ("note", latex.escape(text_value(item, "note"))),
    ]
    return fields


def language_field(code: str) -> tuple[str, str]:
    """`langid` (babel name) when the language is known to babel, else `language`."""
    if not code:
        return ("language", "")
    babel = BABEL_NAMES.get(code.lower())
    return ("langid", babel) if babel else ("language", latex.escape(code))


# Reading -------------------------------------------------------------------


def parse(text: str) -> ParseResult:
    """CSL items from BibTeX text; broken blocks become problems with their line."""
    result = ParseResult()
    try:
        library = bibtexparser.parse_string(text)
    except Exception as error:  # bibtexparser raises on states it calls its own bugs
        result.problems.append(Problem("", None, f"bibtexparser could not read the file: {first_line(error)}"))
        return result
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock)):
            entry = block.ignore_error_block
            if isinstance(entry, Entry):
                parsed = parsed_entry(entry, line)
                parsed.warnings.append(first_line(block.error))
                result.entries.append(parsed)
        elif isinstance(block, ParsingFailedBlock):
            result.problems.append(Problem(raw_key(block.raw or ""), line, first_line(block.error)))
        elif isinstance(block, Entry):
            if block.entry_type.lower() in NOT_WORKS:
                continue
            result.entries.append(parsed_entry(block, line))
    return result


def first_line(error: Exception) -> str:
    """The useful first line of a bibtexparser error (aborted blocks keep it in `abort_reason`)."""
    message = str(getattr(error, "abort_reason", "") or error).strip()
    return (message.splitlines() or [type(error).__name__])[0]


def raw_key(raw: str) -> str:
    """`@type{key` of a block that failed, to name it in the report."""
    match = RAW_KEY.search(raw)
    if not match:
        return raw.strip()[:40]
    return f"@{match.group(1)}{{{match.group(2)}}}" if match.group(2) else f"@{match.group(1)}"


def parsed_entry(entry: Entry, line: int) -> ParsedEntry:
    """One Entry as a CSL item, with what could not be carried over."""
    values = {field.key.lower(): field.value for field in entry.fields if isinstance(field.value, str)}
    csl_type, warnings = csl_type_of(entry.entry_type.lower(), values.get("entrysubtype", "").strip())
    item: dict[str, Any] = {"type": csl_type}
    item.update(names_from_values(values))
    item.update(titles_from_values(values, entry.entry_type.lower()))
    item.update(details_from_values(values, entry.entry_type.lower()))
    return ParsedEntry({key: value for key, value in item.items() if value}, entry.key, line, warnings)


def csl_type_of(entry_type: str, subtype: str) -> tuple[str, list[str]]:
    """The CSL type for an entry type (and our `entrysubtype`), with a warning if unknown."""
    if (entry_type, subtype) in SUBTYPE_TYPES:
        return SUBTYPE_TYPES[entry_type, subtype], []
    if entry_type == "misc" and subtype in CSL_TYPES:
        return subtype, []
    if entry_type in CSL_FROM_ENTRY:
        return CSL_FROM_ENTRY[entry_type], []
    return "document", [f"unknown entry type @{entry_type}: imported as a document"]


def names_from_values(values: dict[str, str]) -> dict[str, list[dict[str, str]]]:
    """CSL name lists of author/editor/translator."""
    result = {}
    for role in NAME_ROLES:
        if values.get(role, "").strip():
            result[role] = [csl_name(name) for name in split_multiple_persons_names(values[role])]
    return {role: [name for name in people if name] for role, people in result.items()}


def csl_name(name: str) -> dict[str, str]:
    """`{Corporate}` -> literal; `Family, Given` / `Given Family` / biblatex `family=..` -> parts."""
    name = name.strip()
    if is_braced_group(name):
        return {"literal": latex.decode(name[1:-1])}
    if EXTENDED_NAME.match(name):
        return extended_name(name)
    parts = parse_single_name_into_parts(name, strict=False)
    family = latex.decode(" ".join(parts.von + parts.last + parts.jr))
    given = latex.decode(" ".join(parts.first))
    csl = {"family": family, "given": given} if given else {"family": family}
    return csl if family or given else {}


def is_braced_group(text: str) -> bool:
    """True when one brace pair encloses the whole text (`{World Bank}`)."""
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and index < len(text) - 1:
            return False
    return True


def extended_name(name: str) -> dict[str, str]:
    """biblatex's `given=Sam, family=Researcher, prefix=von`."""
    parts = {
        key.strip().lower(): latex.decode(value.strip().strip('"'))
        for key, _, value in (chunk.partition("=") for chunk in name.split(","))
    }
    family = " ".join(part for part in (parts.get("prefix", ""), parts.get("family", "")) if part)
    return {key: value for key, value in (("family", family), ("given", parts.get("given", ""))) if value}


def titles_from_values(values: dict[str, str], entry_type: str) -> dict[str, str]:
    """title (+subtitle), the bracketed translation, original title, container."""
    title = latex.decode(values.get("title", ""))
    if values.get("subtitle"):
        title = f"{title}: {latex.decode(values['subtitle'])}"
    addon = latex.decode(values.get("titleaddon", ""))
    translated = ""
    if addon.startswith("[") and addon.endswith("]"):
        translated = addon[1:-1].strip()
    elif addon:
        title = f"{title}. {addon}"
    return {
        "title": title,
        "translated-title": translated,
        "original-title": latex.decode(values.get("origtitle", "")),
        "container-title": container_from_values(values, entry_type),
    }


def container_from_values(values: dict[str, str], entry_type: str) -> str:
    """The container from whichever field this tool used."""
    candidates = ["journaltitle", "journal", "booktitle", "maintitle"]
    if entry_type == "online":
        candidates.append("organization")
    if entry_type == "misc" and "\\url" not in values.get("howpublished", ""):
        candidates.append("howpublished")
    return next((latex.decode(values[key]) for key in candidates if values.get(key, "").strip()), "")


def details_from_values(values: dict[str, str], entry_type: str) -> dict[str, Any]:
    """Numbers, publisher, dates, identifiers, language and note."""
    item: dict[str, Any] = {
        "collection-title": latex.decode(values.get("series", "")),
        "edition": latex.decode(values.get("edition", "")),
        "volume": latex.decode(values.get("volume", "")),
        "issue": latex.decode(values.get("number", "") or values.get("issue", "")),
        "page": normalize_range(latex.decode(values.get("pages", ""))),
        "number-of-pages": latex.decode(values.get("pagetotal", "")),
        "publisher": publisher_from_values(values, entry_type),
        "publisher-place": latex.decode(values.get("address", "") or values.get("location", "")),
        "ISBN": latex.decode(values.get("isbn", "")),
        "ISSN": latex.decode(values.get("issn", "")),
        "DOI": re.sub(r"^https?://(dx\.)?doi\.org/", "", latex.decode_verbatim(values.get("doi", ""))),
        "URL": latex.decode_verbatim(values.get("url", "")),
        "language": language_code(latex.decode(values.get("langid", "") or values.get("language", ""))),
        "note": latex.decode(values.get("note", "")),
    }
    issued = issued_from_values(values)
    if issued:
        item["issued"] = csl_date(issued)
    accessed = parse_date_text(values.get("urldate", ""))
    if accessed:
        item["accessed"] = csl_date(accessed)
    return item


def publisher_from_values(values: dict[str, str], entry_type: str) -> str:
    """publisher, or the school/institution that stands for it."""
    keys = ["publisher", "school", "institution"] + ([] if entry_type == "online" else ["organization"])
    return next((latex.decode(values[key]) for key in keys if values.get(key, "").strip()), "")


def issued_from_values(values: dict[str, str]) -> list[int]:
    """[year(, month)] from `date`, or from `year` and a numeric `month`."""
    if values.get("date"):
        parts = parse_date_text(values["date"].split("/")[0])
        if parts:
            return parts
    year = parse_date_text(values.get("year", ""))[:1]
    month = values.get("month", "").strip()
    if year and month.isdigit() and 1 <= int(month) <= 12:
        return [year[0], int(month)]
    return year
