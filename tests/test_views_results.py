"""The search page's rows, and what the view spares itself: per-row URLs, facet lists, ranking twice, trigram scans."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import clear_script_prefix, reverse, set_script_prefix

from bibliography import search, views
from bibliography.filters import SourceFilter, sources_queryset
from bibliography.models import Work
from bibliography.views import URL_PROBE, result_rows

pytestmark = pytest.mark.django_db

HTMX_RESULTS = {"HX-Request": "true", "HX-Target": "results"}


@pytest.fixture
def script_prefix() -> Iterator[str]:
    """A deployment under a sub-path whose name holds the digits the URL probe uses."""
    prefix = f"/lib{URL_PROBE}/"
    set_script_prefix(prefix)
    yield prefix
    clear_script_prefix()


def test_result_urls_are_the_detail_pages(web_library: dict[str, Any], script_prefix: str) -> None:
    works = result_rows(list(Work.objects.order_by("pk")))
    assert works
    for work in works:
        assert work.url == reverse("bibliography:source_detail", args=[work.pk])  # type: ignore[attr-defined]
        assert work.url.startswith(script_prefix)  # type: ignore[attr-defined]


def test_type_label_is_the_display_name_or_the_raw_type() -> None:
    known, unknown = Work(pk=1, type="book"), Work(pk=2, type="not-a-csl-type")
    result_rows([known, unknown])
    assert known.type_label == known.get_type_display() == "Book"  # type: ignore[attr-defined]
    assert unknown.type_label == unknown.get_type_display() == "not-a-csl-type"  # type: ignore[attr-defined]


def test_row_links_title_and_count_to_the_detail_page(client: Client, web_library: dict[str, Any]) -> None:
    buzan = web_library["buzan"]
    html = client.get("/sources/", {"q": "Regions and Powers"}).content.decode()
    url = reverse("bibliography:source_detail", args=[buzan.pk])
    assert f'<a class="ref-title" href="{url}">Regions and Powers: The Structure of International Security</a>' in html
    assert '<span class="ref-authors">Buzan B., Wæver O.</span> <span class="ref-year">(2003)</span>' in html
    assert f'href="{url}#citing">\n      <strong>2</strong> <span>citing articles</span>' in html
    assert '<span class="badge">Book</span>' in html


def test_htmx_results_do_not_build_the_facet_lists(client: Client, web_library: dict[str, Any]) -> None:
    with CaptureQueriesContext(connection) as full:
        page = client.get("/sources/", {"q": "buzan"}).content.decode()
    with CaptureQueriesContext(connection) as partial:
        results = client.get("/sources/", {"q": "buzan"}, headers=HTMX_RESULTS).content.decode()
    article_option = f'<option value="{web_library["article_en"].pk}">'
    assert article_option in page and article_option not in results
    assert any("bibliography_article" in query["sql"] for query in full.captured_queries)
    assert not any("bibliography_article" in query["sql"] for query in partial.captured_queries)
    assert '<option value="relevance" selected>Relevance</option>' in results


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram vocabulary is PostgreSQL's")
@pytest.mark.parametrize("typed", ["Ikenburry", "secuirty", "Воронович", "Voronowich", "nato", "zzzzqqq"])
def test_similar_words_are_those_of_the_or_query(web_library: dict[str, Any], typed: str) -> None:
    """The united per-form lookups find the same words, in the same order, as `word % text OR word % skeleton`."""
    (term,) = search.parse_query(typed).terms
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word FROM {search.PG_WORDS_TABLE} WHERE word %% %s OR word %% %s "
            "ORDER BY greatest(similarity(word, %s), similarity(word, %s)) DESC, word LIMIT %s",
            [term.text, term.skeleton, term.text, term.skeleton, search.SIMILAR_WORDS],
        )
        expected = [row[0] for row in cursor.fetchall()]
        assert search._similar_words(cursor, term) == expected


def test_ranked_ids_order_by_rank_then_id() -> None:
    assert search.ranked_ids([(7, 0.5), (3, 2.0), (9, 2.0), (1, -1.0)]) == [3, 9, 7, 1]


RANKED_TITLES = [
    "Steppe",
    "Steppe steppe nomads",
    "Nomads of the steppe and the steppe towns",
    "Steppe",  # a tie: ordered by id
    "Rivers of the steppe, steppe lakes, steppe roads",
    "A history of rivers, lakes and towns on the steppe",
    "Steppe steppe",
    "Steppe",
]


@pytest.mark.parametrize("cap", [5, 1000])
def test_relevance_pages_are_the_database_order_of_the_window(
    client: Client, monkeypatch: pytest.MonkeyPatch, cap: int
) -> None:
    """Ranks scored while counting order the pages exactly as the database orders the ranked search."""
    for title in RANKED_TITLES:
        Work.objects.create(title=title)
    monkeypatch.setattr(views, "RESULTS_CAP", cap)
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    ranked = SourceFilter({"q": "steppe"}, queryset=sources_queryset()).qs
    window = set(sorted(ranked.values_list("pk", flat=True), reverse=True)[:cap])
    expected = [pk for pk in ranked.values_list("pk", flat=True) if pk in window]
    shown: list[int] = []
    for page in range(1, 5):
        response = client.get("/sources/", {"q": "steppe", "page": str(page)})
        if response.context["page"].number == page:
            shown += [work.pk for work in response.context["works"]]
    assert shown == expected
    assert len({rank for _pk, rank in search.newest_matches(ranked, cap) or []}) >= 3
