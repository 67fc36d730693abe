"""Public, read-only views of the library.

The search of sources is one FilterSet (`bibliography.filters.SourceFilter`)
read by three views: the HTML page, its JSON twin and the exports, so the
same query string always means the same works in the same order.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

from bibliography import exports
from bibliography.csl import work_to_csl
from bibliography.filters import SourceFilter, attach_cited_by, sources_queryset
from bibliography.formats import EXTENSIONS, FORMATS
from bibliography.formats.styled import format_bibliography
from bibliography.lib.reference_text import reference_text
from bibliography.models import (
    BIBLIOGRAPHIC_FIELDS,
    Article,
    Citation,
    Contributor,
    Decision,
    DoiMatch,
    DuplicateCandidate,
    Mention,
    Work,
    WorkType,
)
from bibliography.search import MAX_QUERY_CHARS, newest_matches, parse_query, ranked_ids

PAGE_SIZE = 20
# The search page counts matches up to this many ("more than 1000" past it) and pages through
# at most this many: enough to browse, bounded work per request. Exports and the JSON view are exact.
RESULTS_CAP = 1000
ARTICLES_PAGE_SIZE = 25
JSON_MAX_PAGE_SIZE = 100
# URL suffix (file extension or format name) -> format of bibliography.formats.
EXPORT_SUFFIXES = {**{ext: fmt for fmt, ext in EXTENSIONS.items()}, **{fmt: fmt for fmt in FORMATS}}
FACET_PARAMS = ("type", "year_min", "year_max", "language", "doi", "cited_by", "author", "container")
EXPORT_LABELS = {"bibtex": "BibTeX", "ris": "RIS", "csljson": "CSL-JSON"}
TYPE_LABELS: dict[str, str] = dict(WorkType.choices)
# A pk reversed once per page to learn the shape of a source's URL (see result_rows).
URL_PROBE = 987654321


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Landing page: what the library holds."""
    context = {
        "work_count": Work.objects.canonical().count(),
        "article_count": Article.objects.count(),
        "citation_count": Citation.objects.count(),
    }
    return render(request, "bibliography/home.html", context)


# Sources search -----------------------------------------------------------------


def ordered_contributors() -> Prefetch:
    """Contributors in list order with their people, into `work.ordered_contributors`."""
    contributors = Contributor.objects.select_related("person").order_by("role", "position")
    return Prefetch("contributors", queryset=contributors, to_attr="ordered_contributors")


def with_csl(works: Iterable[Work]) -> list[Work]:
    """Attach each work's CSL item and readable reference (contributors must be prefetched)."""
    works = list(works)
    for work in works:
        work.csl = work_to_csl(work, work.ordered_contributors)  # type: ignore[attr-defined]
        work.reference = reference_text(work.csl)  # type: ignore[attr-defined]
    return works


def result_rows(works: list[Work]) -> list[Work]:
    """Set each result's `url` and `type_label`, which its row shows (the URL twice).

    In the template they cost a `{% url %}` (a reverse()) per link and a
    `get_type_display` (a dict of the choices built per call) per row,
    about a millisecond per page of 20; here it is one reverse() per page.
    """
    head, _, tail = reverse("bibliography:source_detail", args=[URL_PROBE]).rpartition(str(URL_PROBE))
    for work in works:
        work.url = f"{head}{work.pk}{tail}"  # type: ignore[attr-defined]
        work.type_label = TYPE_LABELS.get(work.type, work.type)  # type: ignore[attr-defined]
    return works


def search_notices(filterset: SourceFilter) -> list[str]:
    """Plain-language notes on how a free-text query was read."""
    query = (filterset.form.cleaned_data.get("q") or "") if filterset.is_valid() else ""
    if not query.strip():
        return []
    parsed = parse_query(query)
    if parsed.empty:
        return [f"“{query[:80]}” has no letters or digits to search for, so it was ignored."]
    notices = []
    if parsed.truncated:
        notices.append(f"Only the first {len(parsed.terms)} words (up to {MAX_QUERY_CHARS} characters) were searched.")
    if filterset.fuzzy:
        notices.append("Nothing matched exactly; showing sources with similar words.")
    return notices


def window_notice(results: SearchResults) -> list[str]:
    """Say so when relevance ranked only a window of the matches."""
    if not results.windowed:
        return []
    return [
        f"More than {results.cap} sources match: relevance ranks the {results.cap} most recently added. "
        "Add words or filters to rank among all of them, or sort by citations, year or title."
    ]


def paginate(request: HttpRequest, queryset: QuerySet[Any] | SearchResults, per_page: int) -> Page:
    """The requested page (bad numbers fall back to the first or last), with an elided page range."""
    # SearchResults has what Paginator reads (count() and slices), not the whole Sequence protocol.
    paged: Any = queryset
    page = Paginator(paged, per_page).get_page(request.GET.get("page"))
    page.elided_range = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)  # type: ignore[attr-defined]
    return page


class SearchResults:
    """What the search page pages through: a filtered, ordered queryset, counted up to a cap.

    Counting every match of a common word, or the whole library, costs more
    than showing a page, and nobody reads a thousand results: like a search
    engine the page says "more than 1000" and offers the first `cap`
    results. A relevance order ranks the matches `newest_matches` found
    while counting, at most `cap` of them (`bibliography.search.ranked_ids`),
    and reads the page's works by primary key. Paginator reads `count()` and
    slices.
    """

    ordered = True

    def __init__(self, queryset: QuerySet[Work], count_queryset: QuerySet[Work], cap: int = RESULTS_CAP) -> None:
        self.queryset = queryset
        self.count_queryset = count_queryset
        self.cap = cap
        self.window: list[tuple[int, float]] | None = None

    @cached_property
    def matches(self) -> int:
        """Matches up to cap + 1 (one more tells "more than cap" from "exactly cap")."""
        newest = newest_matches(self.queryset, self.cap + 1)
        if newest is None:
            return self.count_queryset.values("pk")[: self.cap + 1].count()
        self.window = newest[: self.cap]
        return len(newest)

    @property
    def capped(self) -> bool:
        return self.matches > self.cap

    @property
    def windowed(self) -> bool:
        """Whether relevance ranked only a window of the matches (more of them than the cap)."""
        return self.capped and self.window is not None

    def count(self) -> int:
        return min(self.matches, self.cap)

    def __getitem__(self, window: slice) -> list[Work]:
        if not self.count():  # also lists the window of a ranked search
            return []
        if self.window is None:
            return list(self.queryset.prefetch_related(ordered_contributors())[window])
        ids = ranked_ids(self.window)[window]
        works = Work.objects.all().prefetch_related(ordered_contributors()).in_bulk(ids)
        return [works[pk] for pk in ids if pk in works]  # a work deleted since the count is left out


def available_formats() -> list[str]:
    """Export formats offered, in button order."""
    return [fmt for fmt in ("bibtex", "ris", "csljson") if fmt in FORMATS]


def options_html(choices: Iterable[tuple[Any, Any]], current: str) -> SafeString:
    """`<option>` elements, escaped with the standard library: format_html per option cost
    about ten milliseconds for a thousand articles, more than the whole search."""
    rows = []
    for value, label in choices:
        text = str(value)
        selected = " selected" if text == current else ""
        rows.append(f'<option value="{html.escape(text)}"{selected}>{html.escape(str(label))}</option>')
    return mark_safe("".join(rows))


def select_options(filterset: SourceFilter, facets: bool = True) -> dict[str, SafeString]:
    """Option lists of the search form's selects, the current choice selected.

    `facets=False` for the results region alone, which shows only the sort
    select: the facet lists (every article of the library, every language)
    cost queries and were built for nothing on each htmx search.
    """
    form = filterset.form
    options = {"sort": options_html(form["sort"].field.choices, filterset.sort_key)}
    if not facets:
        return options
    choices = {
        "type": form["type"].field.choices,
        "language": filterset.language_options,
        "doi": form["doi"].field.choices,
        "cited_by": filterset.article_options,
    }
    options.update({name: options_html(values, str(form[name].value() or "")) for name, values in choices.items()})
    return options


def export_choices() -> list[tuple[str, str]]:
    """(URL suffix, label) of each export button."""
    return [(EXTENSIONS[fmt], EXPORT_LABELS[fmt]) for fmt in available_formats()]


def wants_results_only(request: HttpRequest) -> bool:
    """An htmx request that swaps just the results region (not a history restore)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request and htmx.target == "results"  # type: ignore[union-attr]


@require_safe
def sources(request: HttpRequest) -> HttpResponse:
    """Search page: the whole page, or only the results region for htmx."""
    filterset = SourceFilter(request.GET, queryset=sources_queryset())
    valid = filterset.is_valid()
    results = SearchResults(
        filterset.qs if valid else Work.objects.none(),
        filterset.count_qs if valid else Work.objects.none(),
        RESULTS_CAP,
    )
    page = paginate(request, results, PAGE_SIZE)
    results_only = wants_results_only(request)
    context = {
        "filter": filterset,
        "page": page,
        "more_results": results.capped,
        "works": result_rows(attach_cited_by(with_csl(page.object_list))),
        "notices": search_notices(filterset) + window_notice(results),
        "export_formats": export_choices(),
        "filters_active": any(request.GET.get(name) for name in FACET_PARAMS),
        "options": select_options(filterset, facets=not results_only),
    }
    template = "bibliography/_source_results.html" if results_only else "bibliography/sources.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@require_safe
def sources_json(request: HttpRequest) -> JsonResponse:
    """The same search as CSL-JSON items, paginated (`page`, `page_size` up to 100)."""
    filterset = SourceFilter(request.GET, queryset=sources_queryset())
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    page_size = min(max(_int(request.GET.get("page_size"), PAGE_SIZE), 1), JSON_MAX_PAGE_SIZE)
    page = Paginator(filterset.qs.prefetch_related(ordered_contributors()), page_size).get_page(request.GET.get("page"))
    works = with_csl(page.object_list)
    return JsonResponse(
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": _page_url(request, page.previous_page_number()) if page.has_previous() else None,
            "notices": search_notices(filterset),
            "items": [work.csl for work in works],  # type: ignore[attr-defined]
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


def _page_url(request: HttpRequest, number: int) -> str:
    params = request.GET.copy()
    params["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


# Exports ------------------------------------------------------------------------


def export_format(suffix: str) -> str:
    """The format for a URL suffix (`bib`, `ris`, `json` or a format name), or 404."""
    fmt = EXPORT_SUFFIXES.get(suffix.lower(), "")
    if fmt not in available_formats():
        raise Http404(f"No export format “{suffix}”.")
    return fmt


@require_safe
def sources_export(request: HttpRequest, suffix: str) -> HttpResponseBase:
    """Exactly the works the search page finds for the same query string, every page of them.

    Written in work-id order (bibliography.exports keeps citation keys stable that way).
    """
    fmt = export_format(suffix)
    filterset = SourceFilter(request.GET, queryset=sources_queryset())
    if not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
    return exports.streaming_response(exports.export_queryset(filterset.qs, fmt), fmt, "sources")


@require_safe
def article_export(request: HttpRequest, pk: int, suffix: str) -> HttpResponseBase:
    """An article's reference list in list order (each work once, as its canonical work)."""
    fmt = export_format(suffix)
    article = get_object_or_404(Article, pk=pk)
    return exports.streaming_response(exports.export_article(article, fmt), fmt, f"article-{article.pk}-references")


# Source detail ------------------------------------------------------------------


@require_safe
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything known about a work; a merged work's old URL leads to the canonical one.

    The redirect is temporary (302): a merge can be undone, and browsers cache 301s.
    """
    work = get_object_or_404(Work, pk=pk)
    work.cited_by = work.cited_by_count  # type: ignore[attr-defined]
    if work.merged_into_id:
        return redirect("bibliography:source_detail", pk=work.canonical_work().pk)
    work.ordered_contributors = list(work.contributors.select_related("person").order_by("role", "position"))  # type: ignore[attr-defined]
    with_csl([work])
    context = {
        "work": work,
        "fields": work_fields(work),
        "citations": citing(work),
        "doi_matches": list(DoiMatch.objects.filter(work=work).order_by("-score")),
        "duplicates": possible_duplicates(work),
        "merged_from": list(work.merged_works.order_by("id")),
        "article": Article.objects.filter(work=work).first(),
        "styled": styled_references(work.csl),  # type: ignore[attr-defined]
        "export_formats": export_choices(),
    }
    return render(request, "bibliography/source_detail.html", context)


CITATION_STYLES = (("gost", "GOST R 7.0.5-2008"), ("apa", "APA 7th"))
LIST_NUMBER = re.compile(r"^\d+\.\s+")


def styled_references(item: dict[str, Any]) -> list[tuple[str, str]]:
    """(style name, HTML) of one work in the citation styles (citeproc; escaped by the formats module).

    Only on detail pages: citeproc costs milliseconds per entry, too slow for a result list.
    """
    rendered: list[tuple[str, str]] = []
    for style, label in CITATION_STYLES:
        entries = format_bibliography([item], style=style, output="html")
        if entries:
            rendered.append((label, mark_safe(LIST_NUMBER.sub("", entries[0]))))
    return rendered


# The DOI is shown with its match status, apart from the other fields.
DETAIL_FIELDS = ("type", *(name for name in BIBLIOGRAPHIC_FIELDS if name != "doi"))


def work_fields(work: Work) -> list[tuple[str, Any, str]]:
    """(label, value, field name) for every filled field, in a reading order."""
    rows = []
    for name in DETAIL_FIELDS:
        value = work.get_type_display() if name == "type" else getattr(work, name)
        if value not in (None, ""):
            label = str(Work._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
            rows.append((label[:1].upper() + label[1:], value, name))
    return rows


def citing(work: Work) -> list[Citation]:
    """The citations of a work with their article and in-text mentions."""
    return list(
        Citation.objects.filter(work=work)
        .select_related("article__work")
        .prefetch_related(Prefetch("mentions", queryset=Mention.objects.order_by("offset")))
        .order_by("article__work__title", "position")
    )


def possible_duplicates(work: Work) -> list[tuple[DuplicateCandidate, Work]]:
    """Pending duplicate candidates involving the work, each with the other work."""
    pairs = DuplicateCandidate.objects.filter(Q(work_a=work) | Q(work_b=work), decision=Decision.PENDING)
    pairs = pairs.select_related("work_a", "work_b").order_by("-score")
    return [(pair, pair.work_b if pair.work_a_id == work.pk else pair.work_a) for pair in pairs]


# Articles -----------------------------------------------------------------------


@require_safe
def articles(request: HttpRequest) -> HttpResponse:
    """Imported articles with how many references each lists."""
    queryset = (
        Article.objects.select_related("work")
        .prefetch_related(
            Prefetch("work__contributors", queryset=Contributor.objects.select_related("person").order_by("position"))
        )
        .annotate(reference_count=Count("citations"))
        .order_by("-work__issued_year", "work__title", "id")
    )
    page = paginate(request, queryset, ARTICLES_PAGE_SIZE)
    return render(request, "bibliography/articles.html", {"page": page})


@require_safe
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An article's metadata and its reference list in order, linked to the works."""
    article = get_object_or_404(Article.objects.select_related("work"), pk=pk)
    work = article.work
    work.ordered_contributors = list(work.contributors.select_related("person").order_by("role", "position"))  # type: ignore[attr-defined]
    with_csl([work])
    citations = list(
        article.citations.select_related("work").prefetch_related("work__doi_matches", "mentions").order_by("position")
    )
    for citation in citations:
        citation.doi_status = doi_status(citation.work)  # type: ignore[attr-defined]
    context = {
        "article": article,
        "work": work,
        "citations": citations,
        "export_formats": export_choices(),
    }
    return render(request, "bibliography/article_detail.html", context)


def doi_status(work: Work) -> str:
    """`doi`, or the best candidate's status (accepted/review/rejected), or `none`."""
    if work.doi:
        return "doi"
    statuses = {match.status for match in work.doi_matches.all()}
    for status in ("accepted", "review", "rejected"):
        if status in statuses:
            return status
    return "none"
