"""Reading Crossref work records: year, first page, names, CSL types.

Crossref's JSON is close to CSL-JSON but not the same (lists for titles,
its own type names, `article-number` for electronic pages); these helpers
are the one place that knows the differences.
"""

from __future__ import annotations

import re
from typing import Any

# Crossref type -> CSL type (what Work.type stores).
CSL_TYPES = {
    "journal-article": "article-journal",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "book-set": "book",
    "book-series": "book",
    "proceedings-article": "paper-conference",
    "dissertation": "thesis",
    "report": "report",
    "report-component": "report",
    "dataset": "dataset",
    "posted-content": "article",
    "reference-entry": "entry-encyclopedia",
    "standard": "document",
    "component": "document",
    "journal-issue": "document",
    "journal": "document",
    "other": "document",
}
BOOK_TYPES = {"book"}
CHAPTER_TYPES = {"chapter", "entry-encyclopedia"}
NUMBER = re.compile(r"\d+")


def first(value: Any) -> str:
    """First string of a Crossref list field (`title: [..]`), or the value itself."""
    if isinstance(value, list):
        return str(value[0]).strip() if value else ""
    return str(value).strip() if value else ""


def record_year(record: dict[str, Any]) -> int | None:
    """Publication year: issued, else print, else online (`[[null]]` means unknown)."""
    for key in ("issued", "published-print", "published-online", "published"):
        parts = (record.get(key) or {}).get("date-parts") or [[None]]
        if parts and parts[0] and parts[0][0]:
            return int(parts[0][0])
    return None


def csl_type(record: dict[str, Any]) -> str:
    return CSL_TYPES.get(str(record.get("type") or ""), "document")


def first_page(page: str | None) -> str:
    """The first page of `305-349`, `e1234`, `S12–S19` (digits only, for comparison)."""
    match = NUMBER.search(page or "")
    return match.group(0).lstrip("0") or "0" if match else ""


def record_first_page(record: dict[str, Any]) -> str:
    return first_page(first(record.get("page")) or first(record.get("article-number")))


def record_families(record: dict[str, Any]) -> list[str]:
    """Family names (or corporate names) of the authors, else the editors, in order."""
    people = record.get("author") or record.get("editor") or []
    return [str(person.get("family") or person.get("name") or "").strip() for person in people if person]


def record_titles(record: dict[str, Any]) -> list[str]:
    """Every title form: main, main + subtitle, original, short."""
    title, subtitle = first(record.get("title")), first(record.get("subtitle"))
    forms = [title, f"{title}: {subtitle}" if subtitle else "", first(record.get("original-title"))]
    forms.append(first(record.get("short-title")))
    return [form for form in forms if form]


def record_containers(record: dict[str, Any]) -> list[str]:
    containers = [*(record.get("container-title") or []), *(record.get("short-container-title") or [])]
    return [str(value) for value in containers if value]


def plain_number(value: str | None) -> str:
    """`Vol. 51` -> `51`; `1-2` -> `1-2`: the designator without words or leading zeros."""
    numbers = NUMBER.findall(value or "")
    return "-".join(number.lstrip("0") or "0" for number in numbers)
