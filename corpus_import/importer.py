"""The write half of an import: one article, one transaction, bulk inserts.

`import_file(name, data)` is the single entry point for the command and the
admin upload form. It never raises: a bad file becomes a failed
ImportResult whose error names the file.

1. Same sha256 as an imported article: nothing is written (`unchanged`).
2. Otherwise the text is analysed (pure, no database).
3. In one transaction: the article and its own Work (article-journal, with
   title, authors, DOI); if an article of the same file name exists, its
   citations and mentions are replaced (`replaced`), else it is created.
4. Cited works, people, contributors, citations and mentions are written
   with bulk inserts (and their history rows); a cited DOI already in the
   library reuses that work instead of clashing with it.
5. Works created by the previous import of a replaced file and now cited by
   nobody are removed, unless a person curated them.
6. `bibliography.dedup.process_new_works` sees the new works, inside the
   same transaction.

`import_many(paths)` is the command's entry point for many files: step 2
runs in a process pool (`analysis_pool`), a few files ahead of the writes,
while this process writes each article in its own transaction, in input
order, exactly as `import_file` does. A file whose sha256 is already imported
(or already queued in the same batch) is not analysed at all.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath
from typing import Any

from django.db import connection, transaction

from bibliography import dedup
from bibliography.csl import NameDraft, WorkDraft, work_draft_from_csl
from bibliography.dedup.blocking import IDENTITY_PREFIX
from bibliography.dedup.records import Record, with_id
from bibliography.dedup.store import fetch_blocks
from bibliography.models import Article, Citation, Contributor, DoiMatch, Mention, Person, Role, Work
from bibliography.search import IndexRow, search_index_deferred
from corpus_import.analysis_pool import (
    MAX_CHUNK,
    Analysed,
    AnalysisJob,
    analyse_in_order,
    analyse_safely,
    default_workers,
    log_failure,
    started_pool,
)
from corpus_import.bulk import (
    STATISTICS_EVERY,
    analyze_grown_tables,
    bulk_load,
    first_pk,
    insert_values,
    insert_with_history,
    reserve_ids,
    update_row,
)
from corpus_import.locking import lock_library_writes
from corpus_import.pipeline import ArticleAnalysis, ReferenceRecord

logger = logging.getLogger(__name__)
CREATED, UNCHANGED, REPLACED, FAILED = "created", "unchanged", "replaced", "failed"


@dataclass
class ImportResult:
    """What happened to one file (also the JSON line of the command)."""

    file: str
    article_id: int | None = None
    references: int = 0
    mentions: int = 0
    warnings: list[str] = field(default_factory=list)
    status: str = FAILED
    known: int = 0  # cited works the library held already (the same DOI, or printed alike)
    merged: int = 0  # cited works dedup merged into works already in the library
    proposed: int = 0  # pairs of works dedup left to a curator
    error: str = ""

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        if not self.error:
            data.pop("error")
        return data


def import_file(name: str, data: bytes) -> ImportResult:
    """Import one article file; never raises."""
    file = PurePath(name).name or name
    known = Article.objects.filter(sha256=hashlib.sha256(data).hexdigest()).first()
    if known is not None:
        return unchanged(file, known)
    return save(file, analyse_safely(AnalysisJob(file, data, with_index=indexing_in_python())))


def save(file: str, outcome: Analysed) -> ImportResult:
    """Write an analysed article in its own transaction; a failure becomes a failed result."""
    if outcome.analysis is None:
        log_failure(outcome)
        return ImportResult(file=file, error=outcome.error)
    try:
        with transaction.atomic():
            lock_library_writes()
            return write_article(outcome.analysis)
    except Exception as error:
        logger.exception("writing %s failed", file)
        return ImportResult(file=file, error=f"{file}: could not save ({type(error).__name__}: {error})")


@dataclass
class BatchStats:
    """How `import_many` spent its effort (the benchmark reads it)."""

    workers: int = 0
    analysed: int = 0
    analyse_cpu_seconds: float = 0.0


@dataclass
class Planned:
    """One input file before its write: a final result already, or bytes kept for `import_file`, or neither."""

    file: str
    sha256: str = ""
    data: bytes | None = None
    result: ImportResult | None = None


def import_many(
    paths: Sequence[Path], workers: int | None = None, stats: BatchStats | None = None
) -> Generator[ImportResult, None, None]:
    """Import files, yielding one result per path in input order; never raises for a bad file.

    `workers`: analysis processes beside this one; None means one per core
    (`default_workers`); 0 analyses in this process, as `import_file` does.
    """
    count = default_workers(len(paths)) if workers is None else max(0, min(workers, len(paths)))
    chunk = max(1, min(MAX_CHUNK, len(paths) // (max(1, count) * 4)))
    stats = stats if stats is not None else BatchStats()
    stats.workers = count
    # The workers first: forked before bulk_load starts a thread (see corpus_import.analysis_pool).
    with started_pool(count) as pool, bulk_load() as transaction_guard:
        jobs = analyse_in_order(plan_jobs(paths), count, chunk_size=chunk, pool=pool)
        for number, (plan, outcome) in enumerate(jobs, 1):
            if outcome is not None:
                stats.analysed += 1
                stats.analyse_cpu_seconds += outcome.cpu_seconds
            with transaction_guard():
                result = finish(plan, outcome)
            yield result
            if number % STATISTICS_EVERY == 0:
                analyze_grown_tables()


def plan_jobs(paths: Iterable[Path]) -> Iterator[tuple[Planned, AnalysisJob | None]]:
    """Read each file; only bytes not imported yet (and not earlier in this batch) go to analysis."""
    queued: set[str] = set()
    with_index = indexing_in_python()
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as error:
            failed = ImportResult(file=path.name, error=f"{path}: cannot read ({error.strerror or error})")
            yield Planned(path.name, result=failed), None
            continue
        sha = hashlib.sha256(data).hexdigest()
        if sha in queued or first_pk(Article, "sha256", sha) is not None:
            yield Planned(path.name, sha, data=data), None
            continue
        queued.add(sha)
        yield Planned(path.name, sha), AnalysisJob(path.name, data, with_index)


def indexing_in_python() -> bool:
    """SQLite's search index takes rows the analysis computes; PostgreSQL's triggers compute its own."""
    return connection.vendor == "sqlite"


def finish(plan: Planned, outcome: Analysed | None) -> ImportResult:
    """The write step of one planned file, as `import_file` would do it now."""
    if plan.result is not None:
        return plan.result
    if outcome is None:
        assert plan.data is not None
        return import_file(plan.file, plan.data)
    known = first_pk(Article, "sha256", plan.sha256)
    if known is not None:
        return unchanged(plan.file, Article.objects.get(pk=known))
    return save(plan.file, outcome)


def unchanged(file: str, article: Article) -> ImportResult:
    report = article.import_report or {}
    return ImportResult(
        file=file,
        article_id=article.pk,
        references=article.citations.count(),
        mentions=Mention.objects.filter(citation__article=article).count(),
        warnings=list(report.get("warnings", [])),
        status=UNCHANGED,
    )


def write_article(analysis: ArticleAnalysis) -> ImportResult:
    """Steps 3-6 for one analysed article (caller holds the transaction)."""
    reason = f"import {analysis.name}"
    warnings = list(analysis.warnings)
    previous_pk = first_pk(Article, "file_name", analysis.name)
    previous = None if previous_pk is None else Article.objects.select_for_update().get(pk=previous_pk)
    with search_index_deferred() as index:
        if previous is not None:
            old_created = clear_article(previous)
            article = update_article(previous, analysis, warnings)
            new_ids: list[int] = []
            pending: list[Authored] = []
        else:
            article, pending = create_article(analysis, warnings, reason)
            new_ids = [article.work_id]
        written = write_references(article, analysis, reason, pending)
        mention_count = write_mentions(written.citation_ids, analysis)
        if previous is not None:
            remove_orphans(old_created)
        new_ids += written.created_work_ids
        with index.watching() as merged_or_recited:  # their rows are re-read from the tables instead
            dedup_report = dedup.process_new_works(new_ids, created=written.match_records)
        index.index({pk: row for pk, row in written.index_rows.items() if pk not in merged_or_recited})
        changed_otherwise = merged_or_recited | {article.work_id}  # left to the refresh at the block's end
        index.add_citations({pk: texts for pk, texts in written.recited.items() if pk not in changed_otherwise})
    article.import_report = {
        "warnings": warnings,
        "notes": analysis.notes,
        "sections": analysis.sections,
        "created_work_ids": written.created_work_ids,
        "dedup": dedup_report if isinstance(dedup_report, dict) else {},
    }
    update_row(Article, article.pk, {"import_report": article.import_report})
    return ImportResult(
        file=analysis.name,
        article_id=article.pk,
        references=len(written.citation_ids),
        mentions=mention_count,
        warnings=warnings,
        status=REPLACED if previous is not None else CREATED,
        known=written.known,
        merged=int(article.import_report["dedup"].get("merged", 0)),
        proposed=int(article.import_report["dedup"].get("candidates", 0)),
    )


# A work id and the names to write as its contributors.
Authored = tuple[int, list[NameDraft]]


def create_article(analysis: ArticleAnalysis, warnings: list[str], reason: str) -> tuple[Article, list[Authored]]:
    """The Article and its own Work (a Work already holding its DOI is reused).

    Also returns the authors still to write, so that they join the bulk
    insert of the cited works' contributors.
    """
    draft = analysis.work_draft
    doi = draft.fields.get("doi")
    existing = canonical_work_with_doi(doi) if doi else None
    if existing is not None and not hasattr(existing, "article"):
        fill_empty_fields(existing, draft.fields)
        work_id = existing.pk
        pending = [] if existing.contributors.exists() else [(work_id, draft.names)]
    else:
        fields = draft.fields
        if existing is not None:
            warnings.append(f"DOI {doi} already belongs to article {existing.article.pk}; not repeated here")
            fields = {**fields, "doi": None}
        [work_id] = insert_with_history(Work, [fields], reason)
        pending = [(work_id, draft.names)]
    values = {
        "work_id": work_id,
        "file_name": analysis.name,
        "sha256": analysis.sha256,
        "text": analysis.text,
        "languages": analysis.metadata.languages,
    }
    [article_id] = insert_with_history(Article, [values], reason)
    article = Article(pk=article_id, **values)
    article._state.adding, article._state.db = False, connection.alias
    return article, pending


def canonical_work_with_doi(doi: str) -> Work | None:
    """The canonical work holding this DOI, if any (a plain lookup first: there rarely is one)."""
    pk = first_pk(Work, "doi", doi, also="merged_into_id IS NULL")
    return None if pk is None else Work.objects.get(pk=pk)


def fill_empty_fields(target: Work, values: dict[str, Any]) -> None:
    """Give an existing work what it lacks, never overwriting a value."""
    changed = [
        name
        for name in ("title", "language", "type")
        if not getattr(target, name) and values.get(name) and name not in target.curated_fields
    ]
    for name in changed:
        setattr(target, name, values[name])
    if changed:
        target.save()


def update_article(article: Article, analysis: ArticleAnalysis, warnings: list[str]) -> Article:
    """New text and metadata for a changed file; curated fields stay, nothing is erased."""
    draft = analysis.work_draft
    own = article.work
    for name, derived in (("title", ("title_key", "search_text")), ("language", ()), ("doi", ())):
        if name not in own.curated_fields and draft.fields.get(name):
            for column in (name, *derived):
                setattr(own, column, draft.fields.get(column))
    if own.doi and Work.objects.filter(doi=own.doi, merged_into__isnull=True).exclude(pk=own.pk).exists():
        warnings.append(f"DOI {own.doi} already belongs to another work; not repeated here")
        own.doi = None
    own.save()
    if not {"author", "authors"} & set(own.curated_fields):
        own.contributors.filter(role=Role.AUTHOR).delete()
        write_contributors([(own.pk, draft.names)], f"import {analysis.name}")
    article.sha256 = analysis.sha256
    article.text = analysis.text
    article.languages = analysis.metadata.languages
    article.save()
    return article


def clear_article(article: Article) -> list[int]:
    """Drop the old citations and mentions; return the works that import created."""
    Mention.objects.filter(citation__article=article).delete()
    article.citations.all().delete()
    return [int(pk) for pk in (article.import_report or {}).get("created_work_ids", [])]


def remove_orphans(candidates: Sequence[int]) -> None:
    """Delete works this file's previous import created that nothing needs now."""
    if not candidates:
        return
    cited = set(Citation.objects.filter(work_id__in=candidates).values_list("work_id", flat=True))
    reviewed = set(
        DoiMatch.objects.filter(work_id__in=candidates, decided_by_person=True).values_list("work_id", flat=True)
    )
    targets = set(Work.objects.filter(merged_into__in=candidates).values_list("merged_into", flat=True))
    orphans = [
        work.pk
        for work in Work.objects.filter(pk__in=candidates, merged_into__isnull=True, article__isnull=True)
        if not work.curated_fields and work.pk not in cited | reviewed | targets
    ]
    people = set(Contributor.objects.filter(work_id__in=orphans).values_list("person_id", flat=True))
    Contributor.objects.filter(work_id__in=orphans).delete()
    Work.objects.filter(pk__in=orphans).delete()
    Person.objects.filter(pk__in=people, contributions__isnull=True).delete()


@dataclass
class WrittenReferences:
    """What `write_references` inserted: citation ids in list order, the works it created, their index rows."""

    citation_ids: list[int]
    created_work_ids: list[int]
    index_rows: dict[int, IndexRow]
    match_records: dict[int, Record]
    known: int  # entries citing a work the library held already
    recited: dict[int, list[str]]  # such a work -> its new citations' texts (printed, then romanized), in order


def write_references(
    article: Article, analysis: ArticleAnalysis, reason: str, pending: list[Authored]
) -> WrittenReferences:
    """Cited works (bulk), their contributors, and the citations in list order.

    A DOI already in the library, or earlier in the same list, reuses that
    work; so does a reference whose fields and names are exactly those of a
    work in the library (its identity key, `records.identity_of`). The new
    works' ids are reserved first and the citations written before the
    works, so that each work row is written once, complete: its citation
    count and (PostgreSQL) its search vector, which holds the citing text,
    are computed as it is inserted, not by an update after.
    A created work cited once gets the search-index row the analysis
    computed (SQLite), a work the library held gets its new citing texts
    (`recited`, for the deferral's `add_citations`); the others are indexed
    when the deferral ends.
    """
    records = analysis.references
    drafts = [record.draft or work_draft_from_csl(record.parsed) for record in records]
    by_doi = works_by_doi({draft.fields["doi"] for draft in drafts if draft.fields.get("doi")})
    plan = plan_works(drafts, by_doi, works_printed_alike(records))
    created = dict(zip(plan.fresh, reserve_ids(Work, len(plan.fresh)), strict=True))
    work_ids = [plan.known.get(i) or created[plan.owner.get(i, i)] for i in range(len(records))]
    citation_rows = [citation_row(article, record, work_id) for record, work_id in zip(records, work_ids, strict=True)]
    citation_ids = insert_with_history(Citation, citation_rows, reason)
    fresh_rows = [{**drafts[i].fields, "cited_by_count": 1} for i in plan.fresh]
    insert_with_history(Work, fresh_rows, reason, ids=[created[i] for i in plan.fresh])
    write_contributors([(created[i], drafts[i].names) for i in plan.fresh] + pending, reason)
    cited_once = set(plan.fresh) - set(plan.owner.values())
    index_rows = {created[i]: row for i in cited_once if (row := records[i].index_row) is not None}
    match_records = {created[i]: with_id(rec, created[i]) for i in plan.fresh if (rec := records[i].match_record)}
    created_ids = [created[i] for i in plan.fresh]
    recited: dict[int, list[str]] = {}
    for i, work_id in sorted(plan.known.items()):
        recited.setdefault(work_id, []).append(f"{records[i].raw_text} {records[i].raw_text_alt}")
    return WrittenReferences(citation_ids, created_ids, index_rows, match_records, len(plan.known), recited)


@dataclass
class WorkPlan:
    """Which entries of a list create a work, and which point at another one.

    `fresh`: the entries that create their work; `owner`: entry -> the
    earlier entry of the list with the same DOI, whose new work it shares;
    `known`: entry -> the library's work holding its DOI, or else its identity.
    """

    fresh: list[int]
    owner: dict[int, int]
    known: dict[int, int]


def plan_works(drafts: Sequence[WorkDraft], library: dict[str, int], alike: Mapping[int, int]) -> WorkPlan:
    """Which work each entry cites; `library`: DOI -> work, `alike`: entry -> work printed alike."""
    plan = WorkPlan([], {}, {})
    first_with_doi: dict[str, int] = {}
    for index, draft in enumerate(drafts):
        doi = draft.fields.get("doi")
        if doi and doi in library:
            plan.known[index] = library[doi]
        elif index in alike:
            plan.known[index] = alike[index]
        elif doi and doi in first_with_doi:
            plan.owner[index] = first_with_doi[doi]
        else:
            plan.fresh.append(index)
            if doi:
                first_with_doi[doi] = index
    return plan


def citation_row(article: Article, record: ReferenceRecord, work_id: int) -> dict[str, Any]:
    return {
        "article_id": article.pk,
        "work_id": work_id,
        "position": record.position,
        "label": record.label[:255],
        "raw_text": record.raw_text,
        "raw_text_alt": record.raw_text_alt,
        "parsed": record.parsed,
        "confidence": record.confidence,
    }


def works_by_doi(dois: set[str]) -> dict[str, int]:
    """Ids of the canonical works already holding these DOIs (one indexed query)."""
    if not dois:
        return {}
    rows = Work.objects.filter(doi__in=dois, merged_into__isnull=True).values_list("doi", "pk")
    return {doi: pk for doi, pk in rows if doi}


def works_printed_alike(records: Sequence[ReferenceRecord]) -> dict[int, int]:
    """Entry index -> the canonical work whose identity key the entry's record has (one indexed lookup).

    Identity keys are written with the other blocking keys, when dedup has seen
    a work, and a merge hands them to the canonical work; the oldest holder wins.
    """
    wanted = {
        index: IDENTITY_PREFIX + rec.identity
        for index, record in enumerate(records)
        if (rec := record.match_record) is not None and rec.identity
    }
    blocks = fetch_blocks(set(wanted.values())) if wanted else {}
    return {index: min(blocks[key]) for index, key in wanted.items() if blocks.get(key)}


def write_contributors(works: Iterable[Authored], reason: str) -> None:
    """People (an identical name is reused) and their places in each work."""
    rows = [(work_id, name) for work_id, names in works for name in names]
    if not rows:
        return
    people = people_for([name for _, name in rows], reason)
    contributors = [
        {"work_id": work_id, "person_id": people[name.person_key], "role": name.role, "position": name.position}
        for work_id, name in rows
    ]
    insert_with_history(Contributor, contributors, reason)


def people_for(names: Sequence[NameDraft], reason: str) -> dict[tuple[str, str, str], int]:
    """Ids of existing people with exactly these names, and of new ones for the rest."""
    wanted = {name.person_key: name.person for name in names}
    found = existing_people(list(wanted))
    missing = [key for key in wanted if key not in found]
    found.update(zip(missing, insert_with_history(Person, [wanted[key] for key in missing], reason), strict=True))
    return found


def existing_people(keys: Sequence[tuple[str, str, str]]) -> dict[tuple[str, str, str], int]:
    """The id of the first person with each of these exact names: one probe per name, on the name index.

    Matching on the family name's key instead fetched everyone of that
    family name, a number that grows with the library: a fifth of the
    writing process's time once the library held 450,000 references.
    """
    if not keys:
        return {}
    table = connection.ops.quote_name(Person._meta.db_table)
    # An OR of exact names, not a row-value IN list: SQLite reads each OR branch through the index,
    # but scans the whole table for `(family, given, literal) IN (VALUES ...)`.
    names = " OR ".join(["(family = %s AND given = %s AND literal = %s)"] * len(keys))
    sql = f"SELECT family, given, literal, id FROM {table} WHERE {names} ORDER BY id"
    found: dict[tuple[str, str, str], int] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [part for key in keys for part in key])
        for family, given, literal, pk in cursor.fetchall():
            found.setdefault((family, given, literal), pk)
    return found


def write_mentions(citation_ids: Sequence[int], analysis: ArticleAnalysis) -> int:
    mentions = [
        {
            "citation_id": citation_ids[item.reference],
            "marker": item.marker[:255],
            "locator": item.locator[:64],
            "sentence": item.sentence,
            "offset": item.offset,
        }
        for item in analysis.mentions
        if item.reference < len(citation_ids)
    ]
    insert_values(Mention, mentions)
    return len(mentions)
