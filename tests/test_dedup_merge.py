"""Merging, undoing, remembered decisions and incremental dedup against the database."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from bibliography import dedup
from bibliography.csl import create_work_from_csl
from bibliography.dedup import engine
from bibliography.dedup.merge import mark_not_duplicate, merge_into, undo_merge
from bibliography.dedup.records import Record
from bibliography.dedup.scoring import Match
from bibliography.models import (
    Article,
    Citation,
    Decision,
    DoiMatch,
    DuplicateCandidate,
    MergeRecord,
    Work,
    WorkKey,
)

pytestmark = pytest.mark.django_db

BUZAN_TITLE = "Regions and Powers: The Structure of International Security"


def work(*names: str, **item: Any) -> Work:
    """A saved work from `Family G.` names and CSL fields."""
    authors = []
    for name in names:
        family, _, given = name.partition(" ")
        authors.append({"family": family, "given": given})
    year = item.pop("year", None)
    if year:
        item["issued"] = {"date-parts": [[year]]}
    return create_work_from_csl({"author": authors, **item})


def cite(cited: Work, position: int = 1, file_name: str = "a.txt") -> Citation:
    """A citation of `cited` from a (new or existing) article."""
    article = Article.objects.filter(file_name=file_name).first()
    if article is None:
        citing = Work.objects.create(title=f"Citing {file_name}")
        article = Article.objects.create(work=citing, file_name=file_name, sha256=file_name.ljust(64, "0"))
    return Citation.objects.create(article=article, work=cited, position=position, raw_text=str(cited))


def buzan_pair() -> tuple[Work, Work]:
    first = work(
        "Buzan B.",
        "Waever O.",
        type="book",
        title=BUZAN_TITLE,
        year=2003,
        publisher="Cambridge University Press",
        **{"number-of-pages": "588", "publisher-place": "Cambridge"},
    )
    second = work(
        "Buzan B.",
        type="book",
        title=BUZAN_TITLE,
        year=2003,
        publisher="CUP",
        ISBN="0521891116",
        **{"number-of-pages": "564"},
    )
    return first, second


def fields(item: Work) -> dict[str, Any]:
    item.refresh_from_db()
    return {f.attname: getattr(item, f.attname) for f in Work._meta.concrete_fields if f.attname != "updated_at"}


def test_merge_fills_only_empty_fields_and_keeps_conflicts() -> None:
    canonical, other = buzan_pair()
    record = merge_into(other, canonical, reason="same book")
    canonical.refresh_from_db()
    assert canonical.isbn == "0521891116", "empty field filled"
    assert canonical.publisher == "Cambridge University Press", "existing value kept"
    assert record.snapshot["conflicts"]["publisher"] == {"canonical": "Cambridge University Press", "merged": "CUP"}
    assert record.snapshot["conflicts"]["number_of_pages"]["merged"] == "564"


def test_curated_fields_are_never_overwritten() -> None:
    canonical, other = buzan_pair()
    canonical.curated_fields = ["isbn"]
    canonical.save()
    record = merge_into(other, canonical, reason="same book")
    canonical.refresh_from_db()
    assert canonical.isbn == ""
    assert record.snapshot["conflicts"]["isbn"]["merged"] == "0521891116"


def test_merge_moves_citations_names_doi_matches_and_candidates() -> None:
    canonical, other = buzan_pair()
    third = work("Someone S.", title="Unrelated but proposed", type="book")
    citation = cite(other)
    DoiMatch.objects.create(work=other, doi="10.1017/cbo9780511491252", score=0.9)
    DuplicateCandidate.objects.create(work_a=other, work_b=third, score=0.6)
    canonical_only = work("Buzan B.", title="Only one author here", type="book")
    merge_into(other, canonical_only, reason="test")
    assert Citation.objects.get(pk=citation.pk).work_id == canonical_only.pk
    assert DoiMatch.objects.get(doi="10.1017/cbo9780511491252").work_id == canonical_only.pk
    low, high = sorted((canonical_only.pk, third.pk))
    assert DuplicateCandidate.objects.filter(work_a=low, work_b=high).exists()
    names = [c.person.family for c in canonical_only.contributors.order_by("position")]
    assert names == ["Buzan"], "Buzan was already there and is not duplicated"
    merge_into(canonical, canonical_only, reason="test")
    names = [c.person.family for c in canonical_only.contributors.order_by("position")]
    assert names == ["Buzan", "Waever"], "the missing co-author is appended"


def test_merged_work_stays_resolvable_and_the_history_says_why() -> None:
    canonical, other = buzan_pair()
    other.merge_into(canonical, reason="same book")
    other.refresh_from_db()
    assert other.merged_into_id == canonical.pk
    assert other.canonical_work() == canonical
    assert Work.objects.canonical().filter(pk=other.pk).count() == 0
    assert "same book" in (other.history.first().history_change_reason or "")
    assert "same book" in (canonical.history.first().history_change_reason or "")


def test_a_doi_moves_to_the_canonical_work_without_breaking_uniqueness() -> None:
    canonical = work("Gleason G.", title="Collective Security and Non-State Actors in Eurasia", year=2005)
    other = work("Gleason G.", title="Collective Security and Non-State Actors in Eurasia", DOI="10.1111/isp.2005.6")
    merge_into(other, canonical, reason="test")
    canonical.refresh_from_db()
    assert canonical.doi == "10.1111/isp.2005.6"


def test_undo_restores_both_works_exactly() -> None:
    canonical, other = buzan_pair()
    citation = cite(other)
    DoiMatch.objects.create(work=other, doi="10.1017/x", score=0.5)
    before = (fields(canonical), fields(other))
    contributors_before = sorted(other.contributors.values_list("id", "work_id", "position"))
    record = merge_into(other, canonical, reason="oops")
    undo_merge(record)
    assert (fields(canonical), fields(other)) == before
    assert sorted(other.contributors.values_list("id", "work_id", "position")) == contributors_before
    assert Citation.objects.get(pk=citation.pk).work_id == other.pk
    assert DoiMatch.objects.get(doi="10.1017/x").work_id == other.pk
    assert MergeRecord.objects.get(pk=record.pk).undone_at is not None
    assert WorkKey.objects.filter(work=other).exists()


def test_an_undone_merge_is_remembered_as_not_a_duplicate() -> None:
    canonical, other = buzan_pair()
    undo_merge(merge_into(other, canonical, reason="oops"))
    assert dedup.process_new_works([other.pk])["merged"] == 0
    assert Work.objects.get(pk=other.pk).merged_into_id is None


def test_new_works_are_merged_into_the_library_automatically() -> None:
    canonical, other = buzan_pair()
    dedup.process_new_works([canonical.pk])
    report = dedup.process_new_works([other.pk])
    assert report["merged"] == 1
    assert Work.objects.get(pk=other.pk).merged_into_id == canonical.pk
    pair = DuplicateCandidate.objects.get(work_a=canonical, work_b=other)
    assert pair.decision == Decision.MERGED
    assert "first_author" in pair.evidence["agreed"]


def test_uncertain_pairs_become_candidates_with_evidence() -> None:
    title = "Regional security in Central Asia after the withdrawal"
    a = work("Ivanov A.", title=title, year=2015)
    b = work("Ivanov S.", title=title, year=2015)
    report = dedup.process_new_works([a.pk, b.pk])
    assert report == {"merged": 0, "candidates": 1, "actions": report["actions"]}
    candidate = DuplicateCandidate.objects.get()
    assert (candidate.work_a_id, candidate.work_b_id) == (a.pk, b.pk)
    assert candidate.decision == Decision.PENDING
    assert "initials" in candidate.evidence["differed"]


def test_not_duplicate_is_remembered_and_never_proposed_again() -> None:
    title = "Regional security in Central Asia after the withdrawal"
    a = work("Ivanov A.", title=title, year=2015)
    b = work("Ivanov S.", title=title, year=2015)
    dedup.process_new_works([a.pk, b.pk])
    mark_not_duplicate(DuplicateCandidate.objects.get())
    dedup.process_new_works([a.pk, b.pk])
    assert DuplicateCandidate.objects.get().decision == Decision.NOT_DUPLICATE
    out = StringIO()
    call_command("find_duplicates", "--json", stdout=out, stderr=StringIO())
    assert [json.loads(line) for line in out.getvalue().splitlines()] == []


def test_look_alikes_stay_apart_in_the_database() -> None:
    second = work(type="webpage", title="Declaration of the Second Summit of the CICA", URL="https://s-cica.org/2")
    third = work(type="webpage", title="Declaration of the Third Summit of the CICA", URL="https://s-cica.org/3")
    vol2 = work("Abylkhozhin Zh.B.", type="book", title="History of Kazakhstan", volume="2", year=2010)
    vol3 = work("Abylkhozhin Zh.B.", type="book", title="History of Kazakhstan", volume="3", year=2010)
    dedup.process_new_works([second.pk, third.pk, vol2.pk, vol3.pk])
    assert Work.objects.canonical().count() == 4


def test_incremental_processing_compares_only_blocking_neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    library = [
        work(f"Author{i} A.", title=f"Completely distinct study number {i} of topic", year=2000) for i in range(60)
    ]
    dedup.process_new_works([w.pk for w in library])
    calls = []
    original = engine.assess

    def counting(a: Record, b: Record) -> Match | None:
        calls.append((a.id, b.id))
        return original(a, b)

    monkeypatch.setattr(engine, "assess", counting)
    canonical, other = buzan_pair()
    dedup.process_new_works([canonical.pk])
    dedup.process_new_works([other.pk])
    assert calls == [(other.pk, canonical.pk)]


def test_find_duplicates_reports_and_auto_merges_the_whole_library() -> None:
    canonical, other = buzan_pair()
    out, err = StringIO(), StringIO()
    call_command("find_duplicates", "--json", stdout=out, stderr=err)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(x["action"], x["work"], x["canonical"]) for x in lines] == [("merge", other.pk, canonical.pk)]
    assert "works" in err.getvalue()
    assert Work.objects.get(pk=other.pk).merged_into_id is None, "no merge without --auto-merge"
    assert DuplicateCandidate.objects.get().evidence["auto_merge_eligible"] is True
    call_command("find_duplicates", "--auto-merge", stdout=StringIO(), stderr=StringIO())
    assert Work.objects.get(pk=other.pk).merged_into_id == canonical.pk
