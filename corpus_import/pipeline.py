"""The pure half of an import: bytes -> everything the database will hold.

`analyse_article` runs read -> metadata -> sections -> entries -> twins ->
fields (the parser) -> mentions, touching no database, so every rule can be
tested on plain strings and the write step stays a short bulk insert.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bibliography.search import IndexRow, index_texts
from corpus_import import parsing
from corpus_import.entries import SAME_AUTHOR
from corpus_import.mentions import MentionItem, find_mentions
from corpus_import.metadata import Metadata, extract_metadata
from corpus_import.reading import read_article
from corpus_import.sections import Section, find_lists
from corpus_import.twins import Reference, combine

if TYPE_CHECKING:
    from bibliography.csl import WorkDraft
    from bibliography.dedup.records import Record

LONG_ENTRY = 1500
ARTICLE_TYPE = "article-journal"


@dataclass
class ReferenceRecord:
    """One citation to write: the entry as printed and as parsed."""

    position: int
    label: str
    raw_text: str
    raw_text_alt: str
    parsed: dict[str, Any]
    confidence: float
    line: int
    draft: WorkDraft | None = None
    index_row: IndexRow | None = None
    match_record: Record | None = None  # dedup's record of the draft (id 0), built here, off the writer


@dataclass
class ArticleAnalysis:
    """Everything found in one article file."""

    name: str
    sha256: str
    text: str
    metadata: Metadata
    work_draft: WorkDraft
    references: list[ReferenceRecord]
    mentions: list[MentionItem]
    sections: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def line_offsets(lines: Sequence[str]) -> list[int]:
    """Character offset of the start of each line (and of the end)."""
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    return offsets


def parse_entry(text: str) -> tuple[dict[str, Any], float]:
    """The parser's item and its confidence; a parser failure is not fatal."""
    try:
        item = dict(parsing.parse_reference(text))
    except Exception:  # the parser promises never to raise; guard anyway
        return {"type": "article", "title": text}, 0.0
    confidence = item.pop("_confidence", None)
    return item, float(confidence) if isinstance(confidence, int | float) else 0.0


def parse_reference(reference: Reference, authors_above: list[Any] | None = None) -> tuple[dict[str, Any], float]:
    """Parse the printed entry; its romanized twin fills what the original lacks.

    An entry that opens with a rule (`———. 1951. American Diplomacy ...`) is by the authors of the
    entry above (`authors_above`): the rest of it is parsed, and those authors given to it.
    """
    rule = SAME_AUTHOR.match(reference.text)
    item, confidence = parse_entry(reference.text[rule.end() :].lstrip() if rule else reference.text)
    if reference.alt_text:
        alt, _ = parse_entry(reference.alt_text)
        for key, value in alt.items():
            item.setdefault(key, value)
    if rule and authors_above and "author" not in item:
        item["author"] = copy.deepcopy(authors_above)
    return item, confidence


def to_records(references: Sequence[Reference], with_index: bool = False) -> list[ReferenceRecord]:
    """Each entry parsed, with the work it would create, and that work's search-index row if asked for."""
    from bibliography.csl import work_draft_from_csl  # reads model metadata: only once Django is set up
    from bibliography.dedup.store import record_of_draft

    records: list[ReferenceRecord] = []
    for position, reference in enumerate(references, start=1):
        parsed, confidence = parse_reference(reference, records[-1].parsed.get("author") if records else None)
        draft = work_draft_from_csl(parsed)
        records.append(
            ReferenceRecord(
                position=position,
                label=reference.label,
                raw_text=reference.text,
                raw_text_alt=reference.alt_text,
                parsed=parsed,
                confidence=confidence,
                line=reference.line,
                draft=draft,
                index_row=draft_index_row(draft, [f"{reference.text} {reference.alt_text}"]) if with_index else None,
                match_record=record_of_draft(draft),
            )
        )
    return records


def draft_index_row(draft: WorkDraft, citing: list[str]) -> IndexRow:
    return index_texts(draft.fields, [name.person for name in draft.names], citing)


def article_csl(metadata: Metadata, name: str) -> dict[str, Any]:
    """The article's own work: an article-journal with its title, authors, DOI and language."""
    item: dict[str, Any] = {"type": ARTICLE_TYPE, "title": metadata.title or name}
    if metadata.authors:
        item["author"] = metadata.authors
    if metadata.doi:
        item["DOI"] = metadata.doi
    if metadata.languages:
        item["language"] = metadata.languages[0]
    return item


def section_summary(section: Section) -> dict[str, Any]:
    return {
        "heading": section.heading,
        "line": list_start(section) + 1,
        "end_line": section.end,
        "style": section.style,
        "entries": len(section.entries),
    }


def list_warnings(sections: Sequence[Section], references: Sequence[Reference], skipped: Sequence[str]) -> list[str]:
    """Why lists under headings were skipped, then each list's own warnings, then the import's."""
    warnings = [*skipped, *(warning for section in sections for warning in section.warnings)]
    if not sections:
        warnings.append("no reference list found")
    for position, reference in enumerate(references, start=1):
        if len(reference.text) > LONG_ENTRY:
            warnings.append(f"entry {position} (line {reference.line + 1}) is very long: several references?")
    return warnings


def list_start(section: Section) -> int:
    return section.heading_line if section.heading_line is not None else section.start


def analyse_article(name: str, data: bytes, with_index: bool = False) -> ArticleAnalysis:
    """Read one article file and find all it holds; raises ReadError for non-text.

    `with_index`: also compute the SQLite search-index rows of the works the
    references would create (the writer inserts them as they are).
    """
    from bibliography.csl import work_draft_from_csl

    text = read_article(data)
    lines = text.split("\n")
    sections, skipped = find_lists(lines)
    spans = [range(list_start(section), section.end) for section in sections]
    metadata = extract_metadata(lines, spans)
    references, notes = combine(sections)
    offsets = line_offsets(lines)
    skip = [(offsets[span.start], offsets[span.stop]) for span in spans]
    mentions, mention_warnings = find_mentions(text, references, skip)
    warnings = list_warnings(sections, references, skipped) + mention_warnings
    if not metadata.title:
        warnings.append("no article title found")
    return ArticleAnalysis(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        metadata=metadata,
        work_draft=work_draft_from_csl(article_csl(metadata, name)),
        references=to_records(references, with_index),
        mentions=mentions,
        sections=[section_summary(section) for section in sections],
        warnings=warnings,
        notes=notes,
    )
