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
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath
from typing import Any

from django.db import models, transaction

from bibliography import dedup
from bibliography.csl import person_from_csl, unsaved_work_from_csl
from bibliography.lib.skeleton import name_skeleton
from bibliography.models import Article, Citation, Contributor, DoiMatch, Mention, Person, Role, Work, WorkType
from corpus_import.analysis_pool import (
    MAX_CHUNK,
    Analysed,
    AnalysisJob,
    analyse_in_order,
    analyse_safely,
    default_workers,
    log_failure,
)
from corpus_import.bulk import bulk_create_with_history, insert_rows
from corpus_import.locking import lock_library_writes
from corpus_import.pipeline import ArticleAnalysis

logger = logging.getLogger(__name__)
CREATED, UNCHANGED, REPLACED, FAILED = "created", "unchanged", "replaced", "failed"
Name = tuple[str, int, dict[str, str]]


@dataclass
class ImportResult:
    """What happened to one file (also the JSON line of the command)."""

    file: str
    article_id: int | None = None
    references: int = 0
    mentions: int = 0
    warnings: list[str] = field(default_factory=list)
    status: str = FAILED
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
    return save(file, analyse_safely(AnalysisJob(file, data)))


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

    `workers` None means one per core (at most one per file); 1 analyses in
    this process, as `import_file` does.
    """
    count = default_workers(len(paths)) if workers is None else max(1, min(workers, len(paths)))
    chunk = max(1, min(MAX_CHUNK, len(paths) // (count * 4)))
    stats = stats if stats is not None else BatchStats()
    stats.workers = count
    for plan, outcome in analyse_in_order(plan_jobs(paths), count, chunk_size=chunk):
        if outcome is not None:
            stats.analysed += 1
            stats.analyse_cpu_seconds += outcome.cpu_seconds
        yield finish(plan, outcome)


def plan_jobs(paths: Iterable[Path]) -> Iterator[tuple[Planned, AnalysisJob | None]]:
    """Read each file; only bytes not imported yet (and not earlier in this batch) go to analysis."""
    queued: set[str] = set()
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as error:
            failed = ImportResult(file=path.name, error=f"{path}: cannot read ({error.strerror or error})")
            yield Planned(path.name, result=failed), None
            continue
        sha = hashlib.sha256(data).hexdigest()
        if sha in queued or Article.objects.filter(sha256=sha).exists():
            yield Planned(path.name, sha, data=data), None
            continue
        queued.add(sha)
        yield Planned(path.name, sha), AnalysisJob(path.name, data)


def finish(plan: Planned, outcome: Analysed | None) -> ImportResult:
    """The write step of one planned file, as `import_file` would do it now."""
    if plan.result is not None:
        return plan.result
    if outcome is None:
        assert plan.data is not None
        return import_file(plan.file, plan.data)
    known = Article.objects.filter(sha256=plan.sha256).first()
    if known is not None:
        return unchanged(plan.file, known)
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
    previous = Article.objects.select_for_update().filter(file_name=analysis.name).first()
    if previous is not None:
        old_created = clear_article(previous)
        article = update_article(previous, analysis, warnings)
        new_ids: list[int] = []
        pending: list[tuple[Work, list[Name]]] = []
    else:
        article, pending = create_article(analysis, warnings, reason)
        new_ids = [article.work_id]
    citations, created_ids = write_references(article, analysis, reason, pending)
    mention_count = write_mentions(citations, analysis)
    if previous is not None:
        remove_orphans(old_created)
    new_ids += created_ids
    dedup_report = dedup.process_new_works(new_ids)
    article.import_report = {
        "warnings": warnings,
        "notes": analysis.notes,
        "sections": analysis.sections,
        "created_work_ids": created_ids,
        "dedup": dedup_report if isinstance(dedup_report, dict) else {},
    }
    Article.objects.filter(pk=article.pk).update(import_report=article.import_report)
    return ImportResult(
        file=analysis.name,
        article_id=article.pk,
        references=len(citations),
        mentions=mention_count,
        warnings=warnings,
        status=REPLACED if previous is not None else CREATED,
    )


def article_csl(analysis: ArticleAnalysis) -> dict[str, Any]:
    metadata = analysis.metadata
    item: dict[str, Any] = {"type": WorkType.ARTICLE_JOURNAL.value, "title": metadata.title or analysis.name}
    if metadata.authors:
        item["author"] = metadata.authors
    if metadata.doi:
        item["DOI"] = metadata.doi
    if metadata.languages:
        item["language"] = metadata.languages[0]
    return item


def create_article(
    analysis: ArticleAnalysis, warnings: list[str], reason: str
) -> tuple[Article, list[tuple[Work, list[Name]]]]:
    """The Article and its own Work (a Work already holding its DOI is reused).

    Also returns the authors still to write, so that they join the bulk
    insert of the cited works' contributors.
    """
    work, names = unsaved_work_from_csl(article_csl(analysis))
    fit_to_columns(work)
    existing = Work.objects.filter(doi=work.doi, merged_into__isnull=True).first() if work.doi else None
    reused = existing is not None and not hasattr(existing, "article")
    if existing is not None and reused:
        fill_empty_fields(existing, work)
        work = existing
    else:
        if existing is not None:
            warnings.append(f"DOI {work.doi} already belongs to article {existing.article.pk}; not repeated here")
            work.doi = None
        work._change_reason = reason  # type: ignore[attr-defined]
        work.save()
    pending = [] if reused and work.contributors.exists() else [(work, names)]
    article = Article.objects.create(
        work=work,
        file_name=analysis.name,
        sha256=analysis.sha256,
        text=analysis.text,
        languages=analysis.metadata.languages,
    )
    return article, pending


def fill_empty_fields(target: Work, source: Work) -> None:
    """Give an existing work what it lacks, never overwriting a value."""
    changed = [
        name
        for name in ("title", "language", "type")
        if not getattr(target, name) and getattr(source, name) and name not in target.curated_fields
    ]
    for name in changed:
        setattr(target, name, getattr(source, name))
    if changed:
        target.save()


def update_article(article: Article, analysis: ArticleAnalysis, warnings: list[str]) -> Article:
    """New text and metadata for a changed file; curated fields stay, nothing is erased."""
    work, names = unsaved_work_from_csl(article_csl(analysis))
    fit_to_columns(work)
    own = article.work
    for name, derived in (("title", ("title_key", "search_text")), ("language", ()), ("doi", ())):
        if name not in own.curated_fields and getattr(work, name):
            for column in (name, *derived):
                setattr(own, column, getattr(work, column))
    if own.doi and Work.objects.filter(doi=own.doi, merged_into__isnull=True).exclude(pk=own.pk).exists():
        warnings.append(f"DOI {own.doi} already belongs to another work; not repeated here")
        own.doi = None
    own.save()
    if not {"author", "authors"} & set(own.curated_fields):
        own.contributors.filter(role=Role.AUTHOR).delete()
        write_contributors([(own, names)], f"import {analysis.name}")
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


def fit_to_columns(instance: models.Model) -> None:
    """Trim strings to their column width so PostgreSQL accepts them."""
    for column in instance._meta.concrete_fields:
        limit = getattr(column, "max_length", None)
        value = getattr(instance, column.attname, None)
        if limit and isinstance(value, str) and len(value) > limit:
            setattr(instance, column.attname, value[:limit])


def write_references(
    article: Article, analysis: ArticleAnalysis, reason: str, pending: list[tuple[Work, list[Name]]]
) -> tuple[list[Citation], list[int]]:
    """Cited works (bulk), their contributors, and the citations in list order."""
    drafts = [unsaved_work_from_csl(record.parsed) for record in analysis.references]
    for work, _ in drafts:
        fit_to_columns(work)
    reuse = works_by_doi({work.doi for work, _ in drafts if work.doi})
    fresh: list[tuple[Work, list[Name]]] = []
    chosen: list[Work] = []
    for work, names in drafts:
        if work.doi and work.doi in reuse:
            chosen.append(reuse[work.doi])
            continue
        if work.doi:
            reuse[work.doi] = work
        fresh.append((work, names))
        chosen.append(work)
    bulk_create_with_history([work for work, _ in fresh], Work, reason)
    write_contributors(fresh + pending, reason)
    citations = [
        Citation(
            article=article,
            work=work,
            position=record.position,
            label=record.label[:255],
            raw_text=record.raw_text,
            raw_text_alt=record.raw_text_alt,
            parsed=record.parsed,
            confidence=record.confidence,
        )
        for record, work in zip(analysis.references, chosen, strict=True)
    ]
    citations = bulk_create_with_history(citations, Citation, reason)
    return citations, [work.pk for work, _ in fresh]


def works_by_doi(dois: set[str]) -> dict[str, Work]:
    """Canonical works already holding these DOIs (one indexed query)."""
    if not dois:
        return {}
    return {work.doi: work for work in Work.objects.filter(doi__in=dois, merged_into__isnull=True) if work.doi}


def write_contributors(works: Iterable[tuple[Work, list[Name]]], reason: str) -> None:
    """People (an identical name is reused) and their places in each work."""
    rows = [(work, role, position, name) for work, names in works for role, position, name in names]
    if not rows:
        return
    people = people_for([name for _, _, _, name in rows], reason)
    contributors = [
        Contributor(work=work, person_id=people[person_key(name)], role=role, position=position)
        for work, role, position, name in rows
    ]
    bulk_create_with_history(contributors, Contributor, reason)


def person_key(name: dict[str, str]) -> tuple[str, str, str]:
    person = person_from_csl(name)
    return person.family, person.given, person.literal


def people_for(names: Sequence[dict[str, str]], reason: str) -> dict[tuple[str, str, str], int]:
    """Ids of existing people with exactly these names, and of new ones for the rest.

    One query on the indexed name key; what it returns is bounded by how many
    people share those family names, not by the size of the library.
    """
    wanted = {person_key(name): name for name in names}
    found: dict[tuple[str, str, str], int] = {}
    keys = {name_skeleton(family or literal) for family, _, literal in wanted}
    existing = Person.objects.filter(name_key__in=keys).order_by().values_list("family", "given", "literal", "pk")
    for family, given, literal, pk in existing:
        found.setdefault((family, given, literal), pk)
    missing = [person_from_csl(name) for key, name in wanted.items() if key not in found]
    for person in bulk_create_with_history(missing, Person, reason):
        found[(person.family, person.given, person.literal)] = person.pk
    return found


def write_mentions(citations: Sequence[Citation], analysis: ArticleAnalysis) -> int:
    mentions = [
        Mention(
            citation=citations[item.reference],
            marker=item.marker[:255],
            locator=item.locator[:64],
            sentence=item.sentence,
            offset=item.offset,
        )
        for item in analysis.mentions
        if item.reference < len(citations)
    ]
    insert_rows(mentions, Mention)
    return len(mentions)
