"""The public pages: search of sources, detail pages, JSON view, exports, htmx partials."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from bibliography.filters import SourceFilter, sources_queryset
from bibliography.models import Work
from bibliography.views import available_formats

pytestmark = pytest.mark.django_db

FILLERS = 24


def titles(response: Any) -> list[str]:
    return [work.title for work in response.context["works"]]


def ids(response: Any) -> list[int]:
    return [work.pk for work in response.context["works"]]


def search(client: Client, **params: Any) -> Any:
    response = client.get("/sources/", params)
    assert response.status_code == 200
    return response


def downloaded(response: Any) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


# Pages ---------------------------------------------------------------------------


def test_home_links_to_sources_and_articles(client: Client, web_library: dict) -> None:
    html = client.get("/").content.decode()
    assert 'href="/sources/"' in html
    assert 'href="/articles/"' in html


def test_sources_page_lists_canonical_works_with_citation_counts(client: Client, web_library: dict) -> None:
    response = search(client)
    assert response.context["page"].paginator.count == Work.objects.canonical().count()
    first, second = response.context["works"][:2]
    assert [first.cited_by, second.cited_by] == [2, 2]
    # Equally cited works in the order they were added (the sort index's order), not by title.
    assert [first.pk, second.pk] == sorted([web_library["buzan"].pk, web_library["voronovich"].pk])
    assert web_library["buzan_dup"].pk not in ids(response)


def test_result_shows_formatted_reference_doi_link_and_count(client: Client, web_library: dict) -> None:
    html = search(client, q="liberal international order").content.decode()
    assert "Ikenberry G.J." in html
    assert "International Affairs" in html
    assert 'href="https://doi.org/10.1093/ia/iiy220"' in html
    assert "<strong>1</strong> <span>citing article</span>" in html


def test_sources_page_has_no_n_plus_one(client: Client, web_library: dict, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(8):
        response = search(client)
    assert len(response.context["works"]) == 20


# Free text -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Voronovich", "voronovich"),
        ("Воронович", "voronovich"),
        ("shankhaiskoi evolyutsiya", "voronovich"),
        ("Ибраев", "ibrayev"),
        ("Бузан", "buzan"),
        ("Wæver", "buzan"),
        ("waever", "buzan"),
        ("Cambridge University Press", "buzan"),
        ("Вестник МГИМО", "voronovich"),
        ("NATO strategic", "nato"),
    ],
)
def test_free_text_matches_across_scripts(client: Client, web_library: dict, query: str, expected: str) -> None:
    assert web_library[expected].pk in ids(search(client, q=query))


def test_free_text_searches_the_reference_as_printed(client: Client, web_library: dict) -> None:
    found = ids(search(client, q="Electronic resource accessed"))
    assert found == [web_library["nato"].pk]


def test_free_text_needs_every_word(client: Client, web_library: dict) -> None:
    assert ids(search(client, q="Buzan Ikenberry")) == []


def test_free_text_finds_a_doi(client: Client, web_library: dict) -> None:
    assert web_library["doi_work"].pk in ids(search(client, q="https://doi.org/10.1093/IA/IIY220"))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="raw-text skeletons are indexed by the SQLite FTS5 table")
def test_printed_cyrillic_reference_is_found_by_romanized_words(client: Client, web_library: dict) -> None:
    assert ids(search(client, q="mnogovektornaya vneshnyaya")) == [web_library["ibrayev"].pk]


def test_search_method_is_a_queryset_method(web_library: dict) -> None:
    found = Work.objects.canonical().search("Regions Powers")
    assert list(found.values_list("pk", flat=True)) == [web_library["buzan"].pk]


def test_search_index_follows_edits(web_library: dict) -> None:
    work = web_library["ibrayev"]
    work.title = "Zhetysu archaeology"
    work.save()
    assert list(Work.objects.search("Zhetysu").values_list("pk", flat=True)) == [work.pk]
    web_library["cite_article_en_3"].delete()
    assert not Work.objects.search("Electronic resource").exists()


HOSTILE = [
    '"',
    '""',
    "*",
    "NEAR(",
    "NEAR(buzan powers, 2)",
    "(((buzan",
    "buzan)))",
    "AND OR NOT",
    "title:buzan",
    "buzan*",
    "^buzan",
    "'; DROP TABLE bibliography_work; --",
    "\\",
    "\x00buzan",
    "buzan" + " buzan" * 3000,
    "x" * 10_000,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_fail(client: Client, web_library: dict, query: str) -> None:
    response = client.get("/sources/", {"q": query})
    assert response.status_code == 200
    json_response = client.get("/sources.json", {"q": query})
    assert json_response.status_code in (200, 400)
    assert Work.objects.filter(pk=web_library["buzan"].pk).exists()


def test_operators_are_searched_as_words(client: Client, web_library: dict) -> None:
    assert ids(search(client, q="NEAR(buzan powers")) == []
    assert ids(search(client, q="(((buzan")) == [web_library["buzan"].pk]


def test_query_without_words_is_explained_and_ignored(client: Client, web_library: dict) -> None:
    response = search(client, q='"*()')
    assert "has no letters or digits" in response.content.decode()
    assert response.context["page"].paginator.count == Work.objects.canonical().count()


def test_very_long_query_gets_a_clear_message(client: Client, web_library: dict) -> None:
    response = search(client, q="x" * 10_000)
    html = response.content.decode()
    assert "The search could not run" in html
    assert "at most" in html
    assert response.context["works"] == []


def test_many_words_are_cut_with_a_notice(client: Client, web_library: dict) -> None:
    response = search(client, q="buzan regions powers " + " ".join(f"w{n}" for n in range(40)))
    assert "Only the first" in response.content.decode()


# Filters -------------------------------------------------------------------------


def test_filter_by_type(client: Client, web_library: dict) -> None:
    assert set(ids(search(client, type="book"))) == {web_library["buzan"].pk}


def test_filter_by_year_range(client: Client, web_library: dict) -> None:
    found = search(client, year_min=2018, year_max=2020)
    years = {work.issued_year for work in found.context["works"]}
    assert years == {2018, 2019, 2020}


def test_filter_by_language(client: Client, web_library: dict) -> None:
    assert set(ids(search(client, language="kk"))) == {web_library["review_work"].pk}


@pytest.mark.parametrize(
    ("status", "expected"),
    [("has_doi", {"doi_work"}), ("accepted", {"doi_work"}), ("review", {"review_work"})],
)
def test_filter_by_doi_status(client: Client, web_library: dict, status: str, expected: set[str]) -> None:
    assert set(ids(search(client, doi=status))) == {web_library[key].pk for key in expected}


def test_filter_unmatched_and_no_doi_exclude_works_with_doi(client: Client, web_library: dict) -> None:
    for status in ("no_doi", "unmatched"):
        found = ids(search(client, doi=status))
        assert web_library["doi_work"].pk not in found
        assert web_library["buzan"].pk in found


def test_filter_cited_by_article(client: Client, web_library: dict) -> None:
    found = set(ids(search(client, cited_by=web_library["article_en"].pk)))
    expected = {web_library[key].pk for key in ("voronovich", "buzan", "nato", "doi_work")}
    assert found == expected


def test_filter_by_author_in_any_script(client: Client, web_library: dict) -> None:
    assert web_library["voronovich"].pk in ids(search(client, author="Voronovich"))
    assert set(ids(search(client, author="Бузан"))) == {web_library["buzan"].pk}
    assert set(ids(search(client, author="nato"))) == {web_library["nato"].pk}


def test_filter_by_container(client: Client, web_library: dict) -> None:
    assert set(ids(search(client, container="international aff"))) == {web_library["doi_work"].pk}


def test_filters_combine_with_text(client: Client, web_library: dict) -> None:
    assert ids(search(client, q="Buzan", type="article-journal")) == []
    assert ids(search(client, q="Buzan", type="book", year_min=2000)) == [web_library["buzan"].pk]


def test_invalid_filter_value_is_reported_not_raised(client: Client, web_library: dict) -> None:
    response = search(client, year_min="nineteen")
    assert "Enter a number" in response.content.decode()
    assert response.context["works"] == []


# Ordering ------------------------------------------------------------------------


def test_relevance_puts_own_fields_before_cited_text(client: Client, web_library: dict) -> None:
    found = ids(search(client, q="International Affairs", sort="relevance"))
    assert found[0] == web_library["doi_work"].pk


def test_text_search_defaults_to_relevance(client: Client, web_library: dict) -> None:
    response = search(client, q="filler study 7")
    assert response.context["filter"].sort_key == "relevance"
    assert titles(response)[0] == "Filler study 7"


def test_order_by_citation_count(client: Client, web_library: dict) -> None:
    counts = [work.cited_by for work in search(client, sort="-cited").context["works"]]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == 2


@pytest.mark.parametrize("sort", ["year", "-year"])
def test_order_by_year_puts_missing_years_last(client: Client, web_library: dict, sort: str) -> None:
    response = client.get("/sources.json", {"sort": sort, "page_size": "100"})
    years = [item.get("issued", {}).get("date-parts", [[None]])[0][0] for item in response.json()["items"]]
    known = [year for year in years if year is not None]
    assert known == sorted(known, reverse=sort.startswith("-"))
    assert years[-1] is None


def test_order_by_title(client: Client, web_library: dict) -> None:
    found = titles(search(client, sort="title", q="filler"))
    assert found == sorted(found)


# Pagination ----------------------------------------------------------------------


def test_pagination_keeps_the_query(client: Client, web_library: dict) -> None:
    first = search(client, q="filler", sort="title")
    assert first.context["page"].paginator.count == FILLERS
    html = first.content.decode()
    assert "?q=filler&amp;sort=title&amp;page=2" in html
    second = search(client, q="filler", sort="title", page=2)
    assert len(second.context["works"]) == FILLERS - 20
    assert not set(ids(first)) & set(ids(second))


def test_out_of_range_page_shows_the_last_page(client: Client, web_library: dict) -> None:
    assert search(client, q="filler", page=99).context["page"].number == 2
    assert search(client, q="filler", page="abc").context["page"].number == 1


# htmx ----------------------------------------------------------------------------


def test_htmx_request_gets_only_the_results(client: Client, web_library: dict) -> None:
    response = client.get("/sources/", {"q": "buzan"}, headers={"HX-Request": "true", "HX-Target": "results"})
    html = response.content.decode()
    assert "<html" not in html
    assert "Regions and Powers" in html
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client: Client, web_library: dict) -> None:
    headers = {"HX-Request": "true", "HX-Target": "results", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get("/sources/", {"q": "buzan"}, headers=headers).content.decode()


def test_page_works_without_javascript(client: Client, web_library: dict) -> None:
    html = search(client).content.decode()
    assert '<form id="source-search"' in html
    assert 'method="get" action="/sources/"' in html
    assert 'type="submit"' in html
    assert "/static/vendor/htmx/htmx.min.js" in html
    assert "unpkg.com" not in html and "cdn" not in html.lower()


def test_form_fields_have_labels(client: Client, web_library: dict) -> None:
    html = search(client).content.decode()
    for field_id in (
        "id_q",
        "id_type",
        "id_year_min",
        "id_year_max",
        "id_language",
        "id_doi",
        "id_cited_by",
        "id_author",
        "id_container",
        "id_sort",
    ):
        assert f'for="{field_id}"' in html, field_id


# Detail pages --------------------------------------------------------------------


def test_source_detail_shows_citing_articles_with_printed_and_romanized_text(client: Client, web_library: dict) -> None:
    html = client.get(f"/sources/{web_library['voronovich'].pk}/").content.decode()
    assert "Эволюция Шанхайской организации сотрудничества // Вестник МГИМО" in html
    assert "Evolyutsiya Shankhaiskoi organizatsii" in html
    assert "Security cooperation in Central Asia" in html
    assert "Безопасность в Центральной Азии" in html
    assert "from a border commission into a regional organisation" in html
    assert "Possible duplicates" in html
    assert f"/sources/{web_library['pending_dup'].pk}/" in html


def test_source_detail_shows_doi_and_match_status(client: Client, web_library: dict) -> None:
    html = client.get(f"/sources/{web_library['review_work'].pk}/").content.decode()
    assert "10.1000/maybe" in html
    assert "Needs review" in html
    html = client.get(f"/sources/{web_library['doi_work'].pk}/").content.decode()
    assert "https://doi.org/10.1093/ia/iiy220" in html
    assert "Accepted" in html


def test_source_detail_shows_the_reference_in_citation_styles(client: Client, web_library: dict) -> None:
    html = client.get(f"/sources/{web_library['doi_work'].pk}/").content.decode()
    assert "GOST R 7.0.5-2008" in html and "APA 7th" in html
    assert "Ikenberry G.J. The liberal international order and its discontents // International Affairs. 2018" in html


def test_merged_work_redirects_to_its_canonical_work(client: Client, web_library: dict) -> None:
    response = client.get(f"/sources/{web_library['buzan_dup'].pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/sources/{web_library['buzan'].pk}/"


def test_unknown_source_is_404(client: Client, web_library: dict) -> None:
    assert client.get("/sources/999999/").status_code == 404


def test_articles_page_lists_articles_with_reference_counts(client: Client, web_library: dict) -> None:
    response = client.get("/articles/")
    html = response.content.decode()
    assert "Security cooperation in Central Asia" in html
    counts = {article.file_name: article.reference_count for article in response.context["page"].object_list}
    assert counts == {"en.txt": 4, "ru.txt": 4 + FILLERS}


def test_article_detail_lists_references_in_order_linked_to_works(client: Client, web_library: dict) -> None:
    article = web_library["article_en"]
    response = client.get(f"/articles/{article.pk}/")
    positions = [citation.position for citation in response.context["citations"]]
    assert positions == [1, 2, 3, 4]
    html = response.content.decode()
    assert html.index("Воронович В.В.") < html.index("Buzan B., Wæver O.") < html.index("NATO. Strategic")
    assert f'href="/sources/{web_library["buzan"].pk}/"' in html
    assert "parsed well" in html and "parse uncertain" not in html
    assert "doi:10.1093/ia/iiy220" in html


# JSON and exports ----------------------------------------------------------------


def test_json_view_returns_csl_items_paginated(client: Client, web_library: dict) -> None:
    payload = client.get("/sources.json", {"q": "filler", "sort": "title", "page_size": "10"}).json()
    assert payload["count"] == FILLERS
    assert payload["pages"] == 3
    assert len(payload["items"]) == 10
    assert payload["items"][0]["type"] == "article-journal"
    assert payload["items"][0]["author"] == [{"family": "Filler01"}]
    assert "q=filler" in payload["next"] and "page=2" in payload["next"]


def test_json_view_rejects_invalid_filters(client: Client, web_library: dict) -> None:
    response = client.get("/sources.json", {"year_min": "x"})
    assert response.status_code == 400
    assert "year" in response.json()["errors"]


def test_export_is_exactly_the_filtered_set_across_pages(client: Client, web_library: dict) -> None:
    params: dict[str, str] = {"q": "filler", "sort": "-year"}
    response = client.get("/sources/export.json", params)
    assert response["Content-Disposition"] == 'attachment; filename="sources.json"'
    items = json.loads(downloaded(response))
    filterset = SourceFilter(params, queryset=sources_queryset())
    assert [int(item["id"]) for item in items] == sorted(filterset.qs.values_list("pk", flat=True))
    assert len(items) == FILLERS


def test_export_without_filters_has_every_canonical_work(client: Client, web_library: dict) -> None:
    items = json.loads(downloaded(client.get("/sources/export.csljson")))
    assert {int(item["id"]) for item in items} == set(Work.objects.canonical().values_list("pk", flat=True))


def test_article_export_keeps_list_order(client: Client, web_library: dict) -> None:
    article = web_library["article_en"]
    response = client.get(f"/articles/{article.pk}/export.json")
    assert f"article-{article.pk}-references.json" in response["Content-Disposition"]
    items = json.loads(downloaded(response))
    expected = [web_library[key].pk for key in ("voronovich", "buzan", "nato", "doi_work")]
    assert [int(item["id"]) for item in items] == expected
    assert items[0]["title"] == "Эволюция Шанхайской организации сотрудничества"


def test_unknown_export_format_is_404(client: Client, web_library: dict) -> None:
    assert client.get("/sources/export.docx").status_code == 404


@pytest.mark.parametrize("suffix", ["bib", "ris"])
def test_bibtex_and_ris_exports_parse_back(client: Client, web_library: dict, suffix: str) -> None:
    fmt = {"bib": "bibtex", "ris": "ris"}[suffix]
    if fmt not in available_formats():
        pytest.skip(f"{fmt} writer not landed yet in bibliography.formats")
    text = downloaded(client.get(f"/sources/export.{suffix}", {"type": "book"})).decode()
    if fmt == "bibtex":
        import bibtexparser

        entries = bibtexparser.parse_string(text).entries
        assert len(entries) == 1
        assert "Regions and Powers" in entries[0]["title"]
    else:
        import rispy

        entries = rispy.loads(text)
        assert len(entries) == 1
        assert "Regions and Powers" in (entries[0].get("title") or entries[0].get("primary_title"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram fallback runs on PostgreSQL (pg_trgm)")
def test_typo_falls_back_to_similar_words_with_a_notice(client: Client, web_library: dict) -> None:
    response = search(client, q="Ikenburry")
    assert ids(response) == [web_library["doi_work"].pk]
    assert "Nothing matched exactly" in response.content.decode()
