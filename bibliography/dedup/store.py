"""The database side of matching: records from works, blocking keys in `WorkKey`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from bibliography.dedup.blocking import MAX_BLOCK, index_keys, usable_blocks
from bibliography.dedup.records import Record, make_record
from bibliography.models import Article, Contributor, Role, Work, WorkKey

CHUNK = 500
MAX_CHAIN = 20
RECORD_FIELDS = (
    "type",
    "title",
    "original_title",
    "translated_title",
    "container_title",
    "issued_year",
    "volume",
    "issue",
    "edition",
    "page",
    "number_of_pages",
    "publisher",
    "doi",
    "isbn",
    "url",
)


def chunked(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """Lists of at most `size` values (SQLite limits the parameters of one query)."""
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def works_for_matching() -> QuerySet[Work]:
    """Works with their ordered names and whether they are an imported article, in three queries."""
    names = Contributor.objects.filter(role__in=[Role.AUTHOR, Role.EDITOR]).select_related("person")
    return Work.objects.annotate(has_article=Exists(Article.objects.filter(work=OuterRef("pk")))).prefetch_related(
        Prefetch("contributors", queryset=names.order_by("role", "position"), to_attr="matching_names")
    )


def record_of(work: Work) -> Record:
    """The matching record of a work loaded through `works_for_matching` (or any work)."""
    contributors = getattr(work, "matching_names", None)
    if contributors is None:
        contributors = list(
            work.contributors.filter(role__in=[Role.AUTHOR, Role.EDITOR])
            .select_related("person")
            .order_by("role", "position")
        )
    authors = [c.person.as_csl() for c in contributors if c.role == Role.AUTHOR]
    names = authors or [c.person.as_csl() for c in contributors]
    fields = {name: getattr(work, name) for name in RECORD_FIELDS}
    is_article = getattr(work, "has_article", None)
    if is_article is None:
        is_article = Article.objects.filter(work=work).exists()
    return make_record(work.pk, fields, names, is_article=bool(is_article))


def load_records(ids: Iterable[int]) -> dict[int, Record]:
    """Records of the given works."""
    records = {}
    for chunk in chunked(ids):
        for work in works_for_matching().filter(pk__in=chunk):
            records[work.pk] = record_of(work)
    return records


def write_keys(records: Sequence[Record]) -> None:
    """Replace the stored blocking keys of these works."""
    ids = [rec.id for rec in records]
    for chunk in chunked(ids):
        WorkKey.objects.filter(work_id__in=chunk).delete()
    rows = [WorkKey(work_id=rec.id, key=key) for rec in records for key in sorted(index_keys(rec))]
    WorkKey.objects.bulk_create(rows, batch_size=CHUNK)


def refresh_keys(*works: Work) -> None:
    """Recompute the keys of works whose fields just changed (merge, undo)."""
    write_keys([record_of(work) for work in works])


def canonical_ids(ids: Iterable[int]) -> dict[int, int]:
    """Map work ids to the canonical work that stands for them (following merge chains)."""
    resolved = {i: i for i in ids}
    for _ in range(MAX_CHAIN):
        hops: dict[int, int] = {}
        for chunk in chunked(set(resolved.values())):
            rows = Work.objects.filter(pk__in=chunk, merged_into__isnull=False).values_list("pk", "merged_into")
            hops.update((work_id, target) for work_id, target in rows if target is not None)
        if not hops:
            break
        resolved = {work_id: hops.get(target, target) for work_id, target in resolved.items()}
    return resolved


def neighbour_ids(keys: Iterable[str], cap: int = MAX_BLOCK) -> set[int]:
    """Canonical works sharing one of the keys, through the `WorkKey` index; stop keys skipped."""
    rows: list[tuple[str, int]] = []
    for chunk in chunked(sorted(set(keys))):
        rows.extend(WorkKey.objects.filter(key__in=chunk).values_list("key", "work_id"))
    ids = usable_blocks(rows, cap)
    return set(canonical_ids(ids).values())
