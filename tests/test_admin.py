"""The work list, the work form and the curators' permissions in the admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bibliography.lib.skeleton import name_skeleton, skeleton
from bibliography.models import (
    Article,
    Citation,
    Contributor,
    DoiMatch,
    DuplicateCandidate,
    MatchStatus,
    Person,
    Role,
    Work,
)

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/bibliography/work/"


def cite(work: Work, article: Article, position: int, text: str = "printed entry") -> Citation:
    return Citation.objects.create(article=article, work=work, position=position, raw_text=text)


@pytest.fixture
def article(make_work: Any) -> Article:
    return Article.objects.create(work=make_work("The citing article"), file_name="a.txt", sha256="a" * 64)


# --- permissions -------------------------------------------------------------------


def test_curator_group_exists_after_migrate_without_delete_rights() -> None:
    codenames = set(Group.objects.get(name="curator").permissions.values_list("codename", flat=True))
    assert {"view_work", "add_work", "change_work", "change_duplicatereview", "change_doireview"} <= codenames
    assert not any(codename.startswith("delete_") for codename in codenames)


def test_setup_curators_command_makes_a_user_a_staff_curator() -> None:
    user = User.objects.create_user("editor")
    call_command("setup_curators", user=["editor"])
    user.refresh_from_db()
    assert user.is_staff
    assert user.groups.filter(name="curator").exists()


def test_curator_edits_but_cannot_delete_a_work(curator_client: Client, make_work: Any) -> None:
    work = make_work("Deletable?")
    assert curator_client.get(f"{CHANGELIST}{work.pk}/change/").status_code == 200
    assert curator_client.get(f"{CHANGELIST}{work.pk}/delete/").status_code == 403
    assert curator_client.post(f"{CHANGELIST}{work.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Work.objects.filter(pk=work.pk).exists()
    assert "delete_selected" not in curator_client.get(CHANGELIST).content.decode()


def test_superuser_may_delete_a_work(admin_client: Client, make_work: Any) -> None:
    work = make_work("Delete me")
    response = admin_client.post(f"{CHANGELIST}{work.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Work.objects.filter(pk=work.pk).exists()


def test_staff_without_the_group_sees_no_works(client: Client) -> None:
    client.force_login(User.objects.create_user("intern", is_staff=True))
    assert client.get(CHANGELIST).status_code == 403


def test_public_site_has_no_write_path(client: Client, make_work: Any) -> None:
    make_work("Public")
    assert client.get(CHANGELIST).status_code == 302  # to the admin login
    assert client.post("/", {"title": "x"}).status_code in {403, 405}


# --- the list ------------------------------------------------------------------------


def test_changelist_shows_first_author_citations_doi_status_and_duplicate_flag(
    curator_client: Client, make_work: Any, article: Article
) -> None:
    work = make_work("Evolution of the SCO", ["Voronovich", "Second"], issued_year=2013, container_title="Polis")
    twin = make_work("Evolution of SCO", ["Voronovich"])
    cite(work, article, 1)
    DuplicateCandidate.objects.create(work_a=work, work_b=twin, score=0.8)
    DoiMatch.objects.create(work=work, doi="10.1/x", status=MatchStatus.REVIEW)
    body = curator_client.get(CHANGELIST).content.decode()
    assert "Voronovich" in body and "Second" not in body
    assert "needs review" in body
    assert "⚑ review" in body
    changelist = curator_client.get(CHANGELIST, {"o": "-8"}).context["cl"]
    counts = {w.pk: (w.citation_count, w.has_duplicate, w.doi_status) for w in changelist.result_list}
    assert counts[work.pk] == (1, True, "review")
    assert counts[twin.pk] == (0, True, "none")


def changelist_queries(client: Client, per_page: int, monkeypatch: Any) -> int:
    from bibliography.admin.works import WorkAdmin

    monkeypatch.setattr(WorkAdmin, "list_per_page", per_page)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == per_page
    return len(queries)


def bulk_library(size: int, article: Article) -> None:
    """`size` works, each with an author, a citation, and every fifth one a pending duplicate."""
    works = Work.objects.bulk_create(Work(title=f"Work {i}", issued_year=1990 + i % 30) for i in range(size))
    people = Person.objects.bulk_create(Person(family=f"Author{i}") for i in range(size))
    Contributor.objects.bulk_create(Contributor(work=w, person=p) for w, p in zip(works, people, strict=True))
    Citation.objects.bulk_create(
        Citation(article=article, work=w, position=i + 1, raw_text=f"entry {i}") for i, w in enumerate(works)
    )
    DuplicateCandidate.objects.bulk_create(
        DuplicateCandidate(work_a=works[i], work_b=works[i + 1], score=0.5) for i in range(0, size - 1, 5)
    )


def test_changelist_query_count_does_not_grow_with_page_size(
    curator_client: Client, article: Article, monkeypatch: Any
) -> None:
    bulk_library(1000, article)
    at_100 = changelist_queries(curator_client, 100, monkeypatch)
    at_1000 = changelist_queries(curator_client, 1000, monkeypatch)
    assert at_100 == at_1000
    assert at_1000 <= 12


@pytest.mark.parametrize("size", [100, 1000])
def test_changelist_query_count_is_the_same_at_100_and_1000_works(
    curator_client: Client, article: Article, monkeypatch: Any, size: int
) -> None:
    bulk_library(size, article)
    assert changelist_queries(curator_client, 100, monkeypatch) <= 12


def test_search_matches_cyrillic_title_from_romanized_query(curator_client: Client, make_work: Any) -> None:
    wanted = make_work("Эволюция Шанхайской организации сотрудничества", ["Воронович"])
    make_work("Something else entirely")
    found = curator_client.get(CHANGELIST, {"q": "Evolyutsiya Shankhaiskoi"}).context["cl"].result_list
    assert [w.pk for w in found] == [wanted.pk]
    by_name = curator_client.get(CHANGELIST, {"q": "Voronovich"}).context["cl"].result_list
    assert [w.pk for w in by_name] == [wanted.pk]


def test_search_matches_the_printed_reference_text(curator_client: Client, make_work: Any, article: Article) -> None:
    wanted = make_work("Short title")
    cite(wanted, article, 1, "Ivanov I.I. Short title // Journal of Odd Words. 2001. No. 3.")
    found = curator_client.get(CHANGELIST, {"q": "Journal of Odd Words"}).context["cl"].result_list
    assert [w.pk for w in found] == [wanted.pk]


def result_ids(client: Client, **params: str) -> set[int]:
    return {w.pk for w in client.get(CHANGELIST, params).context["cl"].result_list}


def test_filters_by_doi_status_duplicates_and_citing_article(
    curator_client: Client, make_work: Any, article: Article
) -> None:
    with_doi = make_work("Has DOI", doi="10.5/abc")
    review = make_work("In review")
    DoiMatch.objects.create(work=review, doi="10.5/def", status=MatchStatus.REVIEW)
    plain = make_work("Plain")
    DuplicateCandidate.objects.create(work_a=review, work_b=plain, score=0.7)
    cite(plain, article, 1)
    assert result_ids(curator_client, doi_status="doi") == {with_doi.pk}
    assert result_ids(curator_client, doi_status="review") == {review.pk}
    assert result_ids(curator_client, duplicates="yes") == {review.pk, plain.pk}
    assert result_ids(curator_client, cited_by=str(article.pk)) == {plain.pk}


def test_merged_works_are_hidden_unless_asked_for(curator_client: Client, make_work: Any) -> None:
    canonical = make_work("Kept")
    merged = make_work("Gone", merged_into=canonical)
    assert merged.pk not in result_ids(curator_client)
    assert result_ids(curator_client, merged="yes") == {merged.pk}
    assert {canonical.pk, merged.pk} <= result_ids(curator_client, merged="all")


# --- the form and its history ------------------------------------------------------


def work_form(work: Work, **changes: Any) -> dict[str, Any]:
    """The change form's POST data for a work without inline rows, with `changes` applied."""
    data: dict[str, Any] = {
        "type": work.type,
        "title": work.title,
        "language": work.language,
        "issued_year": work.issued_year or "",
        "contributors-TOTAL_FORMS": "0",
        "contributors-INITIAL_FORMS": "0",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_saving_a_work_marks_the_edited_fields_curated_with_a_reason(curator_client: Client, make_work: Any) -> None:
    work = make_work("Tyop in title", issued_year=2001)
    response = curator_client.post(f"{CHANGELIST}{work.pk}/change/", work_form(work, title="Typo in title"))
    assert response.status_code == 302, response.content.decode()[:2000]
    work.refresh_from_db()
    assert work.title == "Typo in title"
    assert work.curated_fields == ["title"]
    assert work.title_key == skeleton("Typo in title")
    latest = work.history.latest()
    assert latest.history_user.username == "curator"
    assert latest.history_change_reason == "Edited in the admin: title"


def test_editing_the_author_list_marks_contributors_curated(curator_client: Client, make_work: Any) -> None:
    work = make_work("Authored", ["Wrong"])
    contributor = work.contributors.get()
    right = Person.objects.create(family="Right")
    data = work_form(
        work,
        **{
            "contributors-TOTAL_FORMS": "1",
            "contributors-INITIAL_FORMS": "1",
            "contributors-0-id": contributor.pk,
            "contributors-0-work": work.pk,
            "contributors-0-role": Role.AUTHOR,
            "contributors-0-position": "0",
            "contributors-0-person": right.pk,
        },
    )
    assert curator_client.post(f"{CHANGELIST}{work.pk}/change/", data).status_code == 302
    work.refresh_from_db()
    assert "contributors" in work.curated_fields
    assert work.author_key == name_skeleton("Right")


def test_history_page_shows_who_and_why_and_reverts(curator_client: Client, make_work: Any) -> None:
    work = make_work("Original title")
    curator_client.post(f"{CHANGELIST}{work.pk}/change/", work_form(work, title="Bad edit"))
    page = curator_client.get(f"{CHANGELIST}{work.pk}/history/").content.decode()
    assert "Edited in the admin: title" in page and "curator" in page
    first = work.history.earliest()
    revert_url = f"{CHANGELIST}{work.pk}/history/{first.history_id}/"
    assert curator_client.get(revert_url).status_code == 200
    response = curator_client.post(revert_url, work_form(work, title="Original title"))
    assert response.status_code == 302
    work.refresh_from_db()
    assert work.title == "Original title"
    assert work.history.latest().history_change_reason == "Reverted in the admin to an earlier version"


def test_work_change_page_lists_citations_as_printed(curator_client: Client, make_work: Any, article: Article) -> None:
    work = make_work("Cited work", ["Alimbekov"])
    cite(work, article, 7, "Alimbekov K.Zh. Cited work. Almaty, 2020.")
    body = curator_client.get(f"{CHANGELIST}{work.pk}/change/").content.decode()
    assert "Alimbekov K.Zh. Cited work. Almaty, 2020." in body
    assert "The citing article" in body


def test_person_autocomplete_finds_people_by_family_name(curator_client: Client, make_work: Any) -> None:
    work = make_work("W", ["Sultanov"])
    response = curator_client.get(
        "/admin/autocomplete/",
        {"term": "Sultan", "app_label": "bibliography", "model_name": "contributor", "field_name": "person"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [str(work.contributors.get().person)]
