"""The author filter: the same works on either query shape, counted once each, any script.

A common name (at least AUTHOR_SET_LIMIT people) is filtered per work
(EXISTS) and, on PostgreSQL, counted as a join from the people
(`first_contributions_named`); a work with two such authors must still be
one result and one count.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bibliography import filters, views
from bibliography.csl import create_work_from_csl
from bibliography.filters import SourceFilter, first_contributions_named, sources_queryset
from bibliography.models import Work

pytestmark = pytest.mark.django_db


def work(title: str, *families: str, **item: Any) -> Work:
    names = [{"literal": name[1:]} if name.startswith("=") else {"family": name, "given": "A."} for name in families]
    return create_work_from_csl({"type": "article-journal", "title": title, "author": names, **item})


@pytest.fixture
def library() -> dict[str, Any]:
    """Works by Smirnovs in both scripts, one by two of them, a merged one, a corporate one, and others."""
    lib: dict[str, Any] = {
        "latin": work("Regional security", "Smirnov", **{"issued": {"date-parts": [[2001]]}}),
        "cyrillic": work("Региональная безопасность", "Смирнова", "Иванов", language="ru", type="book"),
        "both": work("Two Smirnovs", "Smirnov", "Смирнов", "Petrov"),
        "second": work("Second author", "Petrov", "Smirnoff"),
        "corporate": work("Annual report", "=Smirnov Institute", type="report"),
        "other": work("Unrelated", "Ivanov", "Smirtin"),
    }
    lib["merged"] = work("Regional security (duplicate)", "Smirnov")
    lib["merged"].merged_into = lib["latin"]
    lib["merged"].save()
    for number in range(6):
        work(f"Filler {number}", "Kuznetsov")
    lib["smirn"] = {lib[name].pk for name in ("latin", "cyrillic", "both", "second", "corporate")}
    return lib


def found(params: str) -> SourceFilter:
    return SourceFilter(QueryDict(params), queryset=sources_queryset())


def pks(queryset: Any) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


@pytest.fixture(params=[True, False], ids=["common", "rare"])
def common(request: Any, monkeypatch: Any) -> bool:
    """Both shapes of the filter: a common name (per work, joined to count) and a rare one (id IN)."""
    if request.param:
        monkeypatch.setattr(filters, "AUTHOR_SET_LIMIT", 1)
    return bool(request.param)


@pytest.mark.parametrize("value", ["Smirn", "smirn", "Смирн", "SMIRNOV"])
def test_family_or_corporate_name_starting_with_the_value_in_any_script(
    library: dict[str, Any], common: bool, value: str
) -> None:
    expected = library["smirn"] - ({library["second"].pk} if value == "SMIRNOV" else set())
    filtered = found(f"author={value}")
    assert set(pks(filtered.qs)) == expected
    assert sorted(pks(filtered.count_qs)) == sorted(expected)  # each work once


@pytest.mark.parametrize(
    "params",
    [
        "author=Smirn&type=book",
        "author=Smirn&year_min=2000&year_max=2005",
        "author=Smirn&language=ru",
        "author=Smirn&q=security&sort=-cited",
        "author=Smirn&q=security&sort=title",
        "author=Smirn&q=security",
        "author=Smirn&sort=title",
        "author=Smirn&container=nothing",
    ],
)
def test_the_count_form_finds_the_same_works(library: dict[str, Any], common: bool, params: str) -> None:
    filtered = found(params)
    results = pks(filtered.qs)
    counted = pks(filtered.count_qs)
    assert sorted(counted) == sorted(results)
    assert len(set(results)) == len(results)


def test_the_join_counts_a_work_with_two_matching_authors_once(library: dict[str, Any]) -> None:
    joined = pks(first_contributions_named(sources_queryset(), "smirn"))
    assert sorted(joined) == sorted(library["smirn"])
    assert pks(first_contributions_named(sources_queryset(), "smirnov")).count(library["both"].pk) == 1
    assert len(pks(first_contributions_named(sources_queryset(), "kuznecov"))) == 6
    assert pks(first_contributions_named(Work.objects.all(), "smirn")).count(library["merged"].pk) == 1


@pytest.mark.parametrize("join", [False, True])
def test_both_forms_of_a_common_name_find_each_work_once(library: dict[str, Any], monkeypatch: Any, join: bool) -> None:
    """Either form on either database (each database counts with one of them)."""
    monkeypatch.setattr(filters, "AUTHOR_SET_LIMIT", 1)
    filtered = found("author=Smirn")
    assert filtered.is_valid()
    filtered.author_join = join
    assert sorted(pks(filtered.filter_queryset(sources_queryset()).order_by())) == sorted(library["smirn"])


def test_each_database_counts_a_common_name_in_its_own_form(library: dict[str, Any], monkeypatch: Any) -> None:
    """PostgreSQL joins from the people; SQLite's plan for that join ran the NOT EXISTS per contributor."""
    monkeypatch.setattr(filters, "AUTHOR_SET_LIMIT", 1)
    filtered = found("author=Smirn")
    page, count = str(filtered.qs.query), str(filtered.count_qs.query)
    joined, listed = 'INNER JOIN "bibliography_contributor" ON', '"person_id" IN (SELECT'
    assert joined not in page and listed in page, page
    if connection.vendor == "postgresql":
        assert joined in count, count
    else:
        assert joined not in count and listed in count, count
    assert not filtered.author_join


def test_the_page_counts_a_common_name_up_to_the_cap(client: Client, library: dict[str, Any], monkeypatch: Any) -> None:
    monkeypatch.setattr(filters, "AUTHOR_SET_LIMIT", 1)
    response = client.get("/sources/", {"author": "Smirn"})
    assert response.context["page"].paginator.count == 5
    assert "More than" not in response.content.decode()
    monkeypatch.setattr(views, "RESULTS_CAP", 4)
    response = client.get("/sources/", {"author": "Smirn"})
    assert response.context["page"].paginator.count == 4
    assert "More than 4" in response.content.decode()
    monkeypatch.setattr(views, "RESULTS_CAP", 5)
    response = client.get("/sources/", {"author": "Smirn"})
    assert response.context["page"].paginator.count == 5
    assert "More than" not in response.content.decode()
    assert client.get("/sources.json", {"author": "Smirn"}).json()["count"] == 5


def test_the_people_are_counted_once_per_request(client: Client, library: dict[str, Any], monkeypatch: Any) -> None:
    monkeypatch.setattr(filters, "AUTHOR_SET_LIMIT", 1)
    with CaptureQueriesContext(connection) as queries:
        client.get("/sources/", {"author": "Smirn"})
    people = [query["sql"] for query in queries if 'FROM (SELECT "bibliography_person"' in query["sql"]]
    assert len(people) == 1, people
