"""CSL-JSON <-> Work: the one translation every other part relies on.

The parser, the library importers and Crossref all produce CSL-JSON items;
the exporters consume them. Keeping the mapping in one place means a field
added here reaches every format at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import models

from bibliography.lib.skeleton import name_skeleton, skeleton
from bibliography.models import Contributor, Person, Role, Work

# CSL variable -> Work field, for the plain string fields.
STRING_FIELDS = {
    "title": "title",
    "original-title": "original_title",
    "container-title": "container_title",
    "collection-title": "collection_title",
    "volume": "volume",
    "issue": "issue",
    "page": "page",
    "number-of-pages": "number_of_pages",
    "edition": "edition",
    "publisher": "publisher",
    "publisher-place": "publisher_place",
    "URL": "url",
    "ISBN": "isbn",
    "ISSN": "issn",
    "language": "language",
    "note": "note",
}
TRANSLATED_TITLE_KEYS = ("translated-title", "title-translated")
NAME_ROLES = {"author": Role.AUTHOR, "editor": Role.EDITOR, "translator": Role.TRANSLATOR}
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def normalize_doi(value: str | None) -> str:
    """Lower-case bare DOI (`10.x/y`), without resolver prefix or trailing dots."""
    if not value:
        return ""
    doi = DOI_PREFIX.sub("", value.strip()).strip().rstrip(".,;")
    return doi.lower() if doi.startswith("10.") else ""


def first_value(value: Any) -> Any:
    """CSL allows lists (Crossref sends `title: [..]`); take the first."""
    if isinstance(value, list):
        return value[0] if value else ""
    return value


def csl_year(item: dict[str, Any]) -> int | None:
    """Year from `issued` (date-parts or literal/raw)."""
    issued = item.get("issued") or {}
    if isinstance(issued, dict):
        parts = issued.get("date-parts") or [[]]
        if parts and parts[0] and str(parts[0][0]).lstrip("-").isdigit():
            return int(parts[0][0])
        match = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", str(issued.get("raw") or issued.get("literal") or ""))
        return int(match.group(1)) if match else None
    return None


def csl_date(value: Any) -> dt.date | None:
    """A full date from a CSL date object (`accessed`), or None if partial."""
    if not isinstance(value, dict):
        return None
    parts = (value.get("date-parts") or [[]])[0]
    if len(parts) < 3:
        return None
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except (TypeError, ValueError):
        return None


def work_fields_from_csl(item: dict[str, Any]) -> dict[str, Any]:
    """The Work column values a CSL item carries (names excluded)."""
    fields: dict[str, Any] = {"type": item.get("type") or "article-journal"}
    for csl_key, field in STRING_FIELDS.items():
        value = first_value(item.get(csl_key))
        if value not in (None, ""):
            fields[field] = str(value).strip()
    for key in TRANSLATED_TITLE_KEYS:
        if item.get(key):
            fields["translated_title"] = str(first_value(item[key])).strip()
    fields["issued_year"] = csl_year(item)
    fields["accessed"] = csl_date(item.get("accessed"))
    fields["doi"] = normalize_doi(first_value(item.get("DOI"))) or None
    return fields


def names_from_csl(item: dict[str, Any]) -> list[tuple[str, int, dict[str, str]]]:
    """(role, position, name) for every author/editor/translator of an item."""
    names = []
    for csl_role, role in NAME_ROLES.items():
        for position, name in enumerate(item.get(csl_role) or []):
            if isinstance(name, dict) and (name.get("family") or name.get("literal") or name.get("given")):
                names.append((role.value, position, name))
    return names


def person_fields_from_csl(name: dict[str, str]) -> dict[str, str]:
    """The Person column values of a CSL name object, with its matching key, cut to the column widths."""
    family = (name.get("family") or "").strip()
    literal = (name.get("literal") or "").strip()
    given = (name.get("given") or "").strip()
    if not family and not literal:
        family = given
        given = ""
    return {
        "family": family[:255],
        "given": given[:255],
        "literal": literal[:512],
        "name_key": name_skeleton(family or literal),
    }


def person_from_csl(name: dict[str, str]) -> Person:
    """An unsaved Person for a CSL name object, with its matching key."""
    return Person(**person_fields_from_csl(name))


def matching_keys(fields: dict[str, Any], names: list[tuple[str, int, dict[str, str]]]) -> dict[str, str]:
    """title_key, author_key and search_text for a work being created."""
    title = fields.get("title") or ""
    authors = [name for role, _, name in names if role == Role.AUTHOR] or [name for _, _, name in names]
    first_family = (authors[0].get("family") or authors[0].get("literal") or "") if authors else ""
    name_text = " ".join(f"{n.get('family', '')} {n.get('given', '')} {n.get('literal', '')}" for _, _, n in names)
    searchable = " ".join(
        str(fields.get(key) or "")
        for key in ("title", "original_title", "translated_title", "container_title", "publisher")
    )
    return {
        "title_key": skeleton(title)[:255],
        "author_key": name_skeleton(first_family),
        "search_text": f"{searchable} {name_text} {skeleton(searchable)} {skeleton(name_text)}".strip(),
    }


def work_columns_from_csl(item: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, int, dict[str, str]]]]:
    """A CSL item's Work columns (with matching keys) and its names (role, position, CSL name).

    What every importer writes, as a model (`unsaved_work_from_csl`) or as plain values
    (`work_draft_from_csl`). Each fits the values to the columns its own way: the article import
    cuts them silently, the library import says which field of which entry it cut (`fit_work`).
    """
    fields = work_fields_from_csl(item)
    names = names_from_csl(item)
    fields.update(matching_keys(fields, names))
    return fields, names


def unsaved_work_from_csl(item: dict[str, Any]) -> tuple[Work, list[tuple[str, int, dict[str, str]]]]:
    """An unsaved Work and its names, for bulk creation by importers."""
    fields, names = work_columns_from_csl(item)
    return Work(**fields), names


@dataclass
class NameDraft:
    """One name of a work draft: its role, its position in that role, and the Person columns."""

    role: str
    position: int
    person: dict[str, str]

    @property
    def person_key(self) -> tuple[str, str, str]:
        """Two names are one Person when family, given and literal are identical."""
        return self.person["family"], self.person["given"], self.person["literal"]


@dataclass
class WorkDraft:
    """A work to create, as plain column values: everything `unsaved_work_from_csl` computes, without a model.

    Built where the parsing happens (the import's analysis workers), so the
    writing process only turns values into rows.
    """

    fields: dict[str, Any]
    names: list[NameDraft]


def work_draft_from_csl(item: dict[str, Any]) -> WorkDraft:
    """The Work columns (cut to the column widths) and names of a CSL item as plain values."""
    fields, names = work_columns_from_csl(item)
    drafts = [NameDraft(role, position, person_fields_from_csl(name)) for role, position, name in names]
    return WorkDraft(fit_to_columns(Work, fields), drafts)


def fit_to_columns(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    """Strings cut to their column width, so PostgreSQL accepts them as SQLite does."""
    for name, value in values.items():
        limit = _column_widths(model).get(name)
        if limit and isinstance(value, str) and len(value) > limit:
            values[name] = value[:limit]
    return values


@cache
def _column_widths(model: type[models.Model]) -> dict[str, int]:
    widths = {field.attname: getattr(field, "max_length", None) for field in model._meta.concrete_fields}
    return {name: width for name, width in widths.items() if isinstance(width, int)}


def create_work_from_csl(item: dict[str, Any]) -> Work:
    """Create and save one Work with its contributors (non-bulk path)."""
    work, names = unsaved_work_from_csl(item)
    work.save()
    for role, position, name in names:
        person = person_from_csl(name)
        person.save()
        Contributor.objects.create(work=work, person=person, role=role, position=position)
    return work


def refresh_matching_keys(work: Work) -> None:
    """Recompute a saved work's keys after its fields or names changed."""
    names = [
        (c.role, c.position, c.person.as_csl())
        for c in work.contributors.select_related("person").order_by("role", "position")
    ]
    fields = {
        key: getattr(work, key)
        for key in ("title", "original_title", "translated_title", "container_title", "publisher")
    }
    for key, value in matching_keys(fields, names).items():
        setattr(work, key, value)


def date_parts(value: dt.date | None) -> dict[str, Any] | None:
    """CSL date object for a date."""
    return {"date-parts": [[value.year, value.month, value.day]]} if value else None


def work_to_csl(work: Work, contributors: Iterable[Contributor] | None = None) -> dict[str, Any]:
    """The CSL-JSON item of a work; `id` is the work's id, stable across exports.

    Pass `contributors` (ordered) when they were prefetched, to avoid a query.
    """
    item: dict[str, Any] = {"id": str(work.pk), "type": work.type}
    for csl_key, field in STRING_FIELDS.items():
        value = getattr(work, field)
        if value:
            item[csl_key] = value
    if work.translated_title:
        item["translated-title"] = work.translated_title
    if work.issued_year:
        item["issued"] = {"date-parts": [[work.issued_year]]}
    if work.accessed:
        item["accessed"] = date_parts(work.accessed)
    if work.doi:
        item["DOI"] = work.doi
    if contributors is None:
        contributors = work.contributors.select_related("person").order_by("role", "position")
    for contributor in contributors:
        item.setdefault(contributor.role, []).append(contributor.person.as_csl())
    return item
