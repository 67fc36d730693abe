"""Works -> streamed BibTeX, RIS or CSL-JSON.

Three sources share one path: the whole library, any filtered queryset (the
search page's FilterSet hands its `.qs` here), and one article's reference
list in list order. Works are read in chunks with their contributors
fetched per chunk, turned into the CSL-JSON `bibliography.csl.work_to_csl`
gives (`id` is the Work id, so it is the same in every export) and rendered by
`bibliography.formats`; nothing holds the whole set in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from bibliography.csl import STRING_FIELDS, date_parts
from bibliography.formats import EXTENSIONS, MEDIA_TYPES, render_items
from bibliography.formats.styled import format_bibliography
from bibliography.models import Article, Citation, Contributor, Work

CHUNK_SIZE = 2000
MAX_MERGE_HOPS = 32


WORK_COLUMNS = ("pk", "type", *STRING_FIELDS.values(), "translated_title", "issued_year", "accessed", "doi")
STRING_COLUMNS = [(index, csl_key) for index, csl_key in enumerate(STRING_FIELDS, start=2)]
NAME_COLUMNS = ("work_id", "role", "person__family", "person__given", "person__literal")


def csl_items(queryset: QuerySet[Work], chunk_size: int = CHUNK_SIZE) -> Iterator[dict[str, Any]]:
    """CSL-JSON items of a queryset, by work id (so citation keys are stable).

    Keyset pages of plain rows (no model instances: they cost more than the
    whole formatting), with the page's names fetched in one query.
    """
    ordered = queryset.order_by("pk")
    last = 0
    while rows := list(ordered.filter(pk__gt=last).values_list(*WORK_COLUMNS)[:chunk_size]):
        yield from items_from_rows(rows)
        last = rows[-1][0]


def items_from_rows(rows: list[tuple[Any, ...]]) -> Iterator[dict[str, Any]]:
    """CSL items for value rows of WORK_COLUMNS, names attached."""
    names = names_by_work([row[0] for row in rows])
    for row in rows:
        yield item_from_row(row, names.get(row[0], {}))


def names_by_work(work_ids: list[int]) -> dict[int, dict[str, list[dict[str, str]]]]:
    """work id -> role -> ordered CSL names, as `Person.as_csl` writes them."""
    result: dict[int, dict[str, list[dict[str, str]]]] = {}
    rows = (
        Contributor.objects.filter(work_id__in=work_ids)
        .order_by("work_id", "role", "position")
        .values_list(*NAME_COLUMNS)
    )
    for work_id, role, family, given, literal in rows:
        name = (
            {"literal": literal} if literal else ({"family": family, "given": given} if given else {"family": family})
        )
        result.setdefault(work_id, {}).setdefault(role, []).append(name)
    return result


def item_from_row(row: tuple[Any, ...], names: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    """The item `bibliography.csl.work_to_csl` builds, from a value row (tested equal)."""
    item: dict[str, Any] = {"id": str(row[0]), "type": row[1]}
    for index, csl_key in STRING_COLUMNS:
        if row[index]:
            item[csl_key] = row[index]
    translated, year, accessed, doi = row[-4:]
    if translated:
        item["translated-title"] = translated
    if year:
        item["issued"] = {"date-parts": [[year]]}
    if accessed:
        item["accessed"] = date_parts(accessed)
    if doi:
        item["DOI"] = doi
    item.update(names)
    return item


def canonical_ids(work_ids: Iterable[int]) -> dict[int, int]:
    """Each id -> the id of the work it was (transitively) merged into, or itself."""
    resolved = {work_id: work_id for work_id in work_ids}
    frontier = set(resolved)
    for _ in range(MAX_MERGE_HOPS):
        links = dict(
            Work.objects.filter(pk__in=frontier, merged_into__isnull=False).values_list("pk", "merged_into_id")
        )
        if not links:
            break
        for origin, current in resolved.items():
            resolved[origin] = links.get(current, current)
        frontier = {target for target in links.values() if target is not None}
    return resolved


def article_work_ids(article: Article | int) -> list[int]:
    """The canonical works of an article's reference list, in list order, each once."""
    cited = Citation.objects.filter(article=article).order_by("position").values_list("work_id", flat=True)
    cited_ids = list(cited)
    resolved = canonical_ids(cited_ids)
    return list(dict.fromkeys(resolved[work_id] for work_id in cited_ids))


def article_items(article: Article | int, chunk_size: int = CHUNK_SIZE) -> Iterator[dict[str, Any]]:
    """CSL-JSON items of an article's references, in list order."""
    ids = article_work_ids(article)
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        items = {
            int(item["id"]): item
            for item in items_from_rows(list(Work.objects.filter(pk__in=chunk).values_list(*WORK_COLUMNS)))
        }
        yield from (items[work_id] for work_id in chunk)


def export_queryset(queryset: QuerySet[Work], fmt: str) -> Iterator[str]:
    """A filtered set of works as text chunks."""
    return render_items(csl_items(queryset), fmt)


def export_library(fmt: str) -> Iterator[str]:
    """Every canonical work (merged-away works are represented by their canonical)."""
    return export_queryset(Work.objects.canonical(), fmt)


def export_article(article: Article | int, fmt: str) -> Iterator[str]:
    """One article's reference list, in list order."""
    return render_items(article_items(article), fmt)


def streaming_response(chunks: Iterator[str], fmt: str, filename_stem: str) -> StreamingHttpResponse:
    """A download of streamed chunks, for views (`/sources/` export)."""
    response = StreamingHttpResponse((chunk.encode("utf-8") for chunk in chunks), content_type=MEDIA_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename_stem}.{EXTENSIONS[fmt]}"'
    return response


def formatted_article_bibliography(article: Article | int, style: str = "gost", output: str = "text") -> list[str]:
    """An article's reference list formatted in GOST R 7.0.5-2008 or APA, in list order."""
    return format_bibliography(article_items(article), style=style, output=output)
