"""What keeps the search page fast: trigger-kept citation counts, index-ordered sorts, capped counts.

The counts are kept by database triggers (bibliography/search.py), so they are
tested through the write paths that bypass Python: bulk_create, QuerySet.update
(what merges do), cascading deletes, and a stale instance saved over them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bibliography import filters, search, views
from bibliography.filters import SourceFilter, sources_queryset
from bibliography.models import Article, Citation, Work

pytestmark = pytest.mark.django_db


def make_article(name: str) -> Article:
    work = Work.objects.create(title=f"Citing {name}")
    return Article.objects.create(work=work, file_name=f"{name}.txt", sha256=name.ljust(64, "0"))


def cite(article: Article, work: Work, position: int) -> Citation:
    return Citation.objects.create(article=article, work=work, position=position, raw_text=work.title)


def count_of(work: Work) -> int:
    return Work.objects.values_list("cited_by_count", flat=True).get(pk=work.pk)


@pytest.fixture
def cited() -> dict[str, Any]:
    one, two = make_article("one"), make_article("two")
    alpha, beta = Work.objects.create(title="Alpha"), Work.objects.create(title="Beta")
    return {"one": one, "two": two, "alpha": alpha, "beta": beta}


# Citation counts -----------------------------------------------------------------


def test_count_is_distinct_citing_articles(cited: dict[str, Any]) -> None:
    cite(cited["one"], cited["alpha"], 1)
    cite(cited["one"], cited["alpha"], 2)
    assert count_of(cited["alpha"]) == 1
    cite(cited["two"], cited["alpha"], 1)
    assert count_of(cited["alpha"]) == 2
    assert count_of(cited["beta"]) == 0


def test_bulk_create_counts_each_article_once(cited: dict[str, Any]) -> None:
    Citation.objects.bulk_create(
        [
            Citation(article=cited["one"], work=cited["alpha"], position=1, raw_text="a"),
            Citation(article=cited["one"], work=cited["alpha"], position=2, raw_text="a again"),
            Citation(article=cited["two"], work=cited["alpha"], position=1, raw_text="a"),
            Citation(article=cited["two"], work=cited["beta"], position=2, raw_text="b"),
        ]
    )
    assert (count_of(cited["alpha"]), count_of(cited["beta"])) == (2, 1)


def test_moving_citations_with_update_moves_the_counts(cited: dict[str, Any]) -> None:
    """What a merge does: `Citation.objects.filter(work=merged).update(work=canonical)`."""
    cite(cited["one"], cited["beta"], 1)
    cite(cited["two"], cited["beta"], 1)
    cite(cited["one"], cited["alpha"], 2)
    Citation.objects.filter(work=cited["beta"]).update(work=cited["alpha"])
    assert (count_of(cited["alpha"]), count_of(cited["beta"])) == (2, 0)


def test_changing_the_citing_article_recounts(cited: dict[str, Any]) -> None:
    first = cite(cited["one"], cited["alpha"], 1)
    cite(cited["one"], cited["alpha"], 2)
    Citation.objects.filter(pk=first.pk).update(article=cited["two"])
    assert count_of(cited["alpha"]) == 2


def test_deleting_citations_and_articles_decrements(cited: dict[str, Any]) -> None:
    citation = cite(cited["one"], cited["alpha"], 1)
    cite(cited["two"], cited["alpha"], 1)
    citation.delete()
    assert count_of(cited["alpha"]) == 1
    cited["two"].delete()
    assert count_of(cited["alpha"]) == 0


def test_a_stale_instance_saved_later_keeps_the_true_count(cited: dict[str, Any]) -> None:
    stale = Work.objects.get(pk=cited["alpha"].pk)
    cite(cited["one"], cited["alpha"], 1)
    stale.title = "Alpha, edited"
    stale.save()
    assert count_of(cited["alpha"]) == 1
    Work.objects.filter(pk=cited["alpha"].pk).update(cited_by_count=42)
    assert count_of(cited["alpha"]) == 1


def test_counts_inside_a_rolled_back_transaction_roll_back(cited: dict[str, Any]) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        cite(cited["one"], cited["alpha"], 1)
        raise RuntimeError
    assert count_of(cited["alpha"]) == 0


def test_reinstalling_the_triggers_recounts(cited: dict[str, Any]) -> None:
    """After a SQLite table rebuild dropped them, post_migrate puts them back and repairs the counts."""
    search.uninstall_citation_counts(connection)
    cite(cited["one"], cited["alpha"], 1)
    assert count_of(cited["alpha"]) == 0
    search.install_citation_counts(connection)
    assert count_of(cited["alpha"]) == 1
    cite(cited["two"], cited["alpha"], 1)
    assert count_of(cited["alpha"]) == 2


def test_most_cited_order_follows_new_citations(client: Client, web_library: dict) -> None:
    filler = Work.objects.get(title="Filler study 3")
    for position, name in enumerate(("x", "y", "z"), start=1):
        cite(make_article(name), filler, position)
    works = client.get("/sources/", {"sort": "-cited"}).context["works"]
    assert works[0].pk == filler.pk
    assert works[0].cited_by == 4  # and once by article_ru


# Sort indexes ----------------------------------------------------------------------


def query_plan(queryset: Any) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="PostgreSQL plans a tiny test table by its statistics (any index will do); the bench measures it",
)
@pytest.mark.parametrize(("sort", "index"), [("-cited", "work_canonical_cited"), ("title", "work_canonical_title")])
def test_whole_library_sorts_read_an_index(web_library: dict, sort: str, index: str) -> None:
    """SQLite without ANALYZE statistics (Django never runs it) must still pick the sort index."""
    plan = query_plan(SourceFilter({"sort": sort}, queryset=sources_queryset()).qs[:20])
    assert index in plan, plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan.replace("RIGHT PART OF ORDER BY", "")


def test_title_order_is_the_title_order(client: Client, web_library: dict) -> None:
    payload = client.get("/sources.json", {"sort": "title", "page_size": "100"}).json()
    titles = [item.get("title", "") for item in payload["items"]]
    assert titles == sorted(titles)


# Capped counts and the relevance window --------------------------------------------


def test_search_page_runs_a_fixed_number_of_queries(client: Client, web_library: dict) -> None:
    for params in ({}, {"q": "filler"}, {"q": "filler", "sort": "-cited"}, {"author": "filler"}):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/sources/", params)
        assert len(response.context["works"]) == 20
        assert len(queries) <= 6, (params, [query["sql"][:300] for query in queries])


def test_past_the_cap_the_page_says_more_than(client: Client, web_library: dict, monkeypatch: Any) -> None:
    monkeypatch.setattr(views, "RESULTS_CAP", 5)
    response = client.get("/sources/", {"q": "filler", "sort": "title"})
    html = response.content.decode()
    assert "More than 5" in html
    assert response.context["page"].paginator.count == 5
    assert [work.title for work in response.context["works"]] == sorted(
        Work.objects.filter(title__startswith="Filler").values_list("title", flat=True)
    )[:5]


def test_exports_and_json_stay_exact_past_the_cap(client: Client, web_library: dict, monkeypatch: Any) -> None:
    monkeypatch.setattr(views, "RESULTS_CAP", 5)
    response: Any = client.get("/sources/export.json", {"q": "filler"})
    exported = json.loads(b"".join(response.streaming_content))
    assert len(exported) == 24
    assert client.get("/sources.json", {"q": "filler"}).json()["count"] == 24


def test_below_the_cap_the_count_is_exact(client: Client, web_library: dict) -> None:
    response = client.get("/sources/", {"q": "filler"})
    assert response.context["page"].paginator.count == 24
    assert "More than" not in response.content.decode()


def test_relevance_past_the_cap_ranks_the_newest_matches(client: Client, web_library: dict, monkeypatch: Any) -> None:
    monkeypatch.setattr(views, "RESULTS_CAP", 5)
    response = client.get("/sources/", {"q": "filler"})
    newest = list(Work.objects.filter(title__startswith="Filler").order_by("-pk").values_list("pk", flat=True)[:5])
    assert {work.pk for work in response.context["works"]} == set(newest)
    assert "most recently added" in response.content.decode()


# Filters on both query shapes --------------------------------------------------------


def test_common_author_names_filter_per_work_with_the_same_result(web_library: dict, monkeypatch: Any) -> None:
    as_set = set(SourceFilter({"author": "filler"}, queryset=sources_queryset()).qs.values_list("pk", flat=True))
    monkeypatch.setattr(filters, "AUTHOR_SET_LIMIT", 1)
    per_work = set(SourceFilter({"author": "filler"}, queryset=sources_queryset()).qs.values_list("pk", flat=True))
    assert as_set == per_work
    assert len(as_set) == 24


@pytest.mark.parametrize("sort", ["-cited", "title", "year", "relevance"])
def test_every_order_finds_the_same_matches(web_library: dict, sort: str) -> None:
    found = SourceFilter({"q": "international", "sort": sort}, queryset=sources_queryset())
    assert set(found.qs.values_list("pk", flat=True)) == set(found.count_qs.values_list("pk", flat=True))
    assert {web_library["buzan"].pk, web_library["doi_work"].pk} <= set(found.qs.values_list("pk", flat=True))
