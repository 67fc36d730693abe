"""Bulk actions on the work list: merge (with confirmation), not duplicates, DOIs, export, re-parse."""

from __future__ import annotations

import json
import sys
import types
from typing import Any

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client

from bibliography.models import (
    Article,
    Citation,
    Decision,
    DoiMatch,
    DoiResolution,
    DuplicateCandidate,
    MergeRecord,
    Work,
)

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/bibliography/work/"


def act(client: Client, action: str, works: list[Work], **extra: Any) -> Any:
    return client.post(
        CHANGELIST, {"action": action, ACTION_CHECKBOX_NAME: [w.pk for w in works], **extra}, follow=True
    )


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def twins(make_work: Any) -> list[Work]:
    a = make_work("Security complexes", ["Buzan"], issued_year=2003, publisher="CUP")
    b = make_work("Security complexes.", ["Buzan"], issued_year=2004, page="12-30")
    return [a, b]


def test_merge_action_first_shows_a_confirmation_with_conflicts(curator_client: Client, twins: list[Work]) -> None:
    response = act(curator_client, "merge_works", twins)
    assert response.templates[0].name == "admin/bibliography/work/merge_confirmation.html"
    body = response.content.decode()
    rows = {row.label: row for row in response.context["rows"]}
    assert rows["Year"].conflict
    assert rows["Title"].variant and not rows["Title"].conflict  # only a trailing period apart
    assert rows["Pages"].partial and not rows["Authors"].conflict
    assert body.count('name="canonical"') == 2
    assert not Work.objects.filter(merged_into__isnull=False).exists()


def test_confirmed_merge_keeps_the_chosen_work_and_reports(curator_client: Client, twins: list[Work]) -> None:
    keep, drop = twins[1], twins[0]
    response = act(
        curator_client, "merge_works", twins, confirm_merge="yes", canonical=keep.pk, reason="same book, typo"
    )
    drop.refresh_from_db()
    assert drop.merged_into_id == keep.pk
    assert MergeRecord.objects.get().reason == "same book, typo"
    assert any(f"into #{keep.pk}" in message for message in messages_of(response))
    keep.refresh_from_db()
    assert keep.publisher == "CUP"  # the empty field was filled from the merged work


def test_merge_needs_two_canonical_works(curator_client: Client, twins: list[Work]) -> None:
    response = act(curator_client, "merge_works", twins[:1])
    assert any("at least two" in message for message in messages_of(response))


def test_merge_failure_is_reported_and_nothing_changes(curator_client: Client, twins: list[Work]) -> None:
    for work in twins:
        Article.objects.create(work=work, file_name=f"{work.pk}.txt", sha256=str(work.pk) * 10)
    response = act(curator_client, "merge_works", twins, confirm_merge="yes", canonical=twins[0].pk)
    assert any(message.startswith("Nothing merged") for message in messages_of(response))
    assert not Work.objects.filter(merged_into__isnull=False).exists()


def test_not_duplicates_action_remembers_every_pair(curator_client: Client, make_work: Any) -> None:
    works = [make_work(f"W{i}") for i in range(3)]
    DuplicateCandidate.objects.create(work_a=works[0], work_b=works[1], score=0.6)
    response = act(curator_client, "mark_not_duplicates", works)
    assert set(DuplicateCandidate.objects.values_list("decision", flat=True)) == {Decision.NOT_DUPLICATE}
    assert DuplicateCandidate.objects.count() == 3
    assert "Marked 3 pairs" in messages_of(response)[0]
    again = act(curator_client, "mark_not_duplicates", works)
    assert "Marked 0 pairs as not duplicates (3 already were)" in messages_of(again)[0]


def test_resolve_dois_action_prefers_a_library_task_that_takes_work_ids(
    curator_client: Client, twins: list[Work], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []

    def func(work_ids: list[int]) -> None: ...

    class FakeTask:
        def enqueue(self, **kwargs: Any) -> Any:
            calls.append(kwargs)
            return types.SimpleNamespace(id="task-1")

    fake = FakeTask()
    fake.func = func  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bibliography.tasks", types.SimpleNamespace(resolve_dois_task=fake))
    response = act(curator_client, "resolve_dois", twins)
    assert sorted(calls[0]["work_ids"]) == sorted(w.pk for w in twins)
    assert "Queued DOI resolution of 2 works (task task-1)" in messages_of(response)[0]


def test_resolve_dois_action_resolves_only_the_selected_works(
    curator_client: Client, make_work: Any, crossref_client: Any
) -> None:
    chapter = make_work(
        "Widget Mania: Using a GUI Widget Framework",
        container_title="Practical JavaScript, DOM Scripting, and Ajax Projects",
        page="305-349",
        type="chapter",
    )
    untouched = make_work("Not selected")
    response = act(curator_client, "resolve_dois", [chapter])
    assert "Queued DOI resolution of 1 works" in messages_of(response)[0]
    assert DoiResolution.objects.filter(work=chapter).exists()  # the immediate backend ran it
    assert not DoiResolution.objects.filter(work=untouched).exists()
    assert DoiMatch.objects.filter(work=chapter, doi="10.1007/978-1-4302-0197-7_9").exists()


@pytest.mark.parametrize(
    ("fmt", "content_type", "marker"),
    [
        ("csljson", "application/vnd.citationstyles.csl+json", '"Buzan"'),
        ("bibtex", "application/x-bibtex", "@book"),
        ("ris", "application/x-research-info-systems", "TY  -"),
    ],
)
def test_export_action_downloads_the_selected_works(
    curator_client: Client, twins: list[Work], make_work: Any, fmt: str, content_type: str, marker: str
) -> None:
    make_work("Not selected")
    for work in twins:
        work.type = "book"
        work.save()
    response = act(curator_client, f"export_{fmt}", twins)
    assert response["Content-Type"].startswith(content_type)
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    assert marker in text and "Not selected" not in text
    if fmt == "csljson":
        assert [item["id"] for item in json.loads(text)] == [str(w.pk) for w in twins]


def test_reparse_fills_uncurated_fields_and_keeps_curated_ones(
    curator_client: Client, make_work: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = make_work("Curated title", ["Old"], issued_year=1999, curated_fields=["title"])
    article = Article.objects.create(work=make_work("Citing"), file_name="x.txt", sha256="x" * 64)
    Citation.objects.create(article=article, work=work, position=1, raw_text="Newman A. Parsed title. 2001.")
    parsed = {
        "type": "book",
        "title": "Parsed title",
        "issued": {"date-parts": [[2001]]},
        "author": [{"family": "Newman"}],
    }
    monkeypatch.setattr("corpus_import.parsing.parse_reference", lambda text: parsed)
    response = act(curator_client, "reparse_from_printed_text", [work])
    work.refresh_from_db()
    assert work.title == "Curated title"
    assert (work.type, work.issued_year) == ("book", 2001)
    assert work.first_author_name() == "Newman"
    assert work.history.latest().history_change_reason == "Re-parsed from the printed text in the admin"
    assert "Re-parsed 1 works (3 fields changed)" in messages_of(response)[0]


def test_reparse_reports_works_without_printed_text(curator_client: Client, make_work: Any) -> None:
    response = act(curator_client, "reparse_from_printed_text", [make_work("Typed by hand")])
    assert "1 had no printed text" in messages_of(response)[0]
