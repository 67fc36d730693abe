"""Existing libraries (.bib, .ris, CSL-JSON) -> works, through the same dedup.

1. Read at most the size limit (a larger file is rejected before it is read).
2. Decode (BOM, UTF-8, cp1251, latin-1) and detect the format.
3. Parse into CSL-JSON items with `bibliography.formats`; entries that cannot
   be read become errors naming the entry and its line, the rest go on.
4. In one transaction per file: create works, people and contributors in
   bulk (with history), then `bibliography.dedup.process_new_works`. Any
   failure there rolls the whole file back: the library is untouched.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath
from typing import IO, Any

from django.conf import settings
from django.db import DatabaseError, transaction
from simple_history.utils import bulk_create_with_history

from bibliography.csl import person_from_csl, unsaved_work_from_csl
from bibliography.dedup import process_new_works
from bibliography.formats import parse_text
from bibliography.formats.common import ParsedEntry
from bibliography.formats.decoding import decode_bytes, detect_format
from bibliography.models import Contributor, Person, Work, WorkType

MEGABYTE = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * MEGABYTE
BATCH_SIZE = 500
TYPE_ALIASES = {
    "post": "webpage",
    "post-weblog": "webpage",
    "regulation": "legislation",
    "bill": "legislation",
    "entry": "entry-encyclopedia",
    "entry-dictionary": "entry-encyclopedia",
    "review": "article-journal",
    "review-book": "article-journal",
    "pamphlet": "book",
    "periodical": "book",
    "collection": "book",
    "classic": "book",
    "standard": "report",
}
CHANGE_REASON = "import_library"
logger = logging.getLogger(__name__)


class ImportRejected(Exception):
    """The file as a whole cannot be imported (too large, unknown format)."""


@dataclass
class ImportReport:
    """What an import did: counts, and every entry it could not take as it stood."""

    file: str
    format: str = ""
    encoding: str = ""
    imported: int = 0
    skipped: int = 0
    rejected: bool = False
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    work_ids: list[int] = field(default_factory=list)
    dedup: dict[str, Any] = field(default_factory=dict)

    def add_error(self, entry: str, line: int | None, message: str) -> None:
        self.errors.append({"entry": entry, "line": line, "message": message})

    def add_warning(self, entry: str, line: int | None, message: str) -> None:
        self.warnings.append({"entry": entry, "line": line, "message": message})

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        """One line for people: the command prints it, the admin shows it."""
        if self.rejected:
            reason = self.errors[0]["message"] if self.errors else "rejected"
            return f"{self.file}: rejected, nothing imported ({reason})"
        return (
            f"{self.file}: {self.imported} imported, {self.skipped} skipped, "
            f"{len(self.errors)} errors, {len(self.warnings)} warnings ({self.format}, {self.encoding})"
        )


def max_import_bytes() -> int:
    """The size limit (settings.LIBRARY_IMPORT_MAX_BYTES, default 50 MB)."""
    return int(getattr(settings, "LIBRARY_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def import_library_file(
    name: str, data: bytes | IO[bytes] | None = None, path: str | Path | None = None
) -> ImportReport:
    """Import one library file given as bytes, an open binary file, or a path."""
    report = ImportReport(file=PurePath(name).name)
    try:
        raw = read_limited(name, data, path, max_import_bytes())
        text, report.encoding = decode_bytes(raw)
        del raw
        report.format = detect_format(name, text)
        if not report.format:
            raise ImportRejected("not BibTeX, RIS or CSL-JSON (use .bib, .ris or .json)")
    except ImportRejected as error:
        return reject(report, str(error))
    if report.encoding not in ("utf-8", "utf-8-sig"):
        report.add_warning("", None, f"not UTF-8: read as {report.encoding}")
    parsed = parse_text(text, report.format)
    for problem in parsed.problems:
        report.add_error(problem.entry, problem.line, problem.message)
    save_entries(parsed.entries, report)
    report.skipped = len(parsed.entries) - report.imported + len(parsed.problems)
    return report


def reject(report: ImportReport, message: str) -> ImportReport:
    """A report for a file that was not imported at all."""
    report.rejected = True
    report.imported = 0
    report.work_ids = []
    report.add_error("", None, message)
    return report


def read_limited(name: str, data: bytes | IO[bytes] | None, path: str | Path | None, limit: int) -> bytes:
    """The file's bytes, refusing (without reading them) files over the limit."""
    size = declared_size(data, path)
    if size is not None and size > limit:
        raise ImportRejected(too_large(size, limit))
    if isinstance(data, bytes):
        raw = data
    elif data is not None:
        raw = data.read(limit + 1)
    elif path is not None:
        with Path(path).open("rb") as handle:
            raw = handle.read(limit + 1)
    else:
        raise ImportRejected(f"{name}: no data given")
    if len(raw) > limit:
        raise ImportRejected(too_large(len(raw), limit))
    return raw


def declared_size(data: bytes | IO[bytes] | None, path: str | Path | None) -> int | None:
    """Size known without reading: bytes length, upload `.size`, or the file's stat."""
    if isinstance(data, bytes):
        return len(data)
    if data is not None:
        size = getattr(data, "size", None)
        return size if isinstance(size, int) else None
    return os.stat(path).st_size if path is not None else None


def too_large(size: int, limit: int) -> str:
    return (
        f"file is {size / MEGABYTE:.1f} MB, over the {limit / MEGABYTE:.0f} MB limit for library imports; "
        "split it into smaller files"
    )


def save_entries(entries: list[ParsedEntry], report: ImportReport) -> None:
    """Create the works of all readable entries in one transaction, then dedup them."""
    prepared = prepare(entries, report)
    if not prepared:
        return
    try:
        with transaction.atomic():
            works = create_works(prepared)
            report.work_ids = [work.pk for work in works]
            report.dedup = process_new_works(report.work_ids) or {}
    except Exception as error:
        logger.exception("library import of %s rolled back", report.file)
        kind = "database error" if isinstance(error, DatabaseError) else type(error).__name__
        reject(report, f"{kind}, nothing imported: {error}")
        return
    report.imported = len(report.work_ids)


Prepared = tuple[ParsedEntry, Work, list[tuple[str, int, dict[str, str]]]]


def prepare(entries: Iterable[ParsedEntry], report: ImportReport) -> list[Prepared]:
    """Unsaved works that fit the columns; DOIs already in the library are skipped."""
    prepared: list[Prepared] = []
    for entry in entries:
        for message in entry.warnings:
            report.add_warning(entry.label, entry.line, message)
        if not any(entry.item.get(key) for key in ("title", "author", "editor", "container-title", "DOI", "URL")):
            report.add_error(entry.label, entry.line, "entry has no title, names, DOI or URL: skipped")
            continue
        work, names = unsaved_work_from_csl(entry.item)
        for message in fit_work(work):
            report.add_warning(entry.label, entry.line, message)
        prepared.append((entry, work, names))
    return drop_known_dois(prepared, report)


def fit_work(work: Work) -> list[str]:
    """Make values fit their columns (PostgreSQL enforces lengths); say what changed."""
    messages = []
    if work.type not in WorkType.values:
        fitted = TYPE_ALIASES.get(work.type, WorkType.DOCUMENT.value)
        messages.append(f"CSL type {work.type!r} stored as {fitted!r}")
        work.type = fitted
    if work.issued_year is not None and not 1 <= work.issued_year <= 32767:
        messages.append(f"year {work.issued_year} out of range: dropped")
        work.issued_year = None
    for model_field in Work._meta.concrete_fields:
        limit = getattr(model_field, "max_length", None)
        value = getattr(work, model_field.attname)
        if limit and isinstance(value, str) and len(value) > limit:
            setattr(work, model_field.attname, value[:limit])
            messages.append(f"{model_field.name} longer than {limit} characters: cut")
    return messages


def drop_known_dois(prepared: list[Prepared], report: ImportReport) -> list[Prepared]:
    """A DOI is unique among canonical works: an entry whose DOI is known is skipped."""
    dois = [work.doi for _, work, _ in prepared if work.doi]
    known: dict[str, int] = {}
    for start in range(0, len(dois), BATCH_SIZE):
        rows = Work.objects.canonical().filter(doi__in=dois[start : start + BATCH_SIZE]).values_list("doi", "pk")
        known.update({doi: pk for doi, pk in rows if doi})
    kept, seen = [], set()
    for entry, work, names in prepared:
        if work.doi and (work.doi in known or work.doi in seen):
            where = f"work {known[work.doi]}" if work.doi in known else "an earlier entry of this file"
            report.add_error(entry.label, entry.line, f"DOI {work.doi} is already in the library ({where}): skipped")
            continue
        if work.doi:
            seen.add(work.doi)
        kept.append((entry, work, names))
    return kept


def create_works(prepared: list[Prepared]) -> list[Work]:
    """Bulk-create works, people and contributors, with history rows."""
    works = bulk_create_with_history(
        [work for _, work, _ in prepared], Work, batch_size=BATCH_SIZE, default_change_reason=CHANGE_REASON
    )
    links = [
        (work, role, position, name)
        for work, (_, _, names) in zip(works, prepared, strict=True)
        for role, position, name in names
    ]
    persons = bulk_create_with_history(
        [person_from_csl(name) for _, _, _, name in links],
        Person,
        batch_size=BATCH_SIZE,
        default_change_reason=CHANGE_REASON,
    )
    contributors = [
        Contributor(work=work, person=person, role=role, position=position)
        for (work, role, position, _), person in zip(links, persons, strict=True)
    ]
    bulk_create_with_history(contributors, Contributor, batch_size=BATCH_SIZE, default_change_reason=CHANGE_REASON)
    return list(works)
