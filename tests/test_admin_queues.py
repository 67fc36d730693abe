"""The two review queues: duplicates and DOI matches, decided with one POST each."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bibliography.models import (
    Article,
    Citation,
    Decision,
    DoiMatch,
    DuplicateCandidate,
    MatchStatus,
    MergeRecord,
    Work,
)

pytestmark = pytest.mark.django_db
DUPLICATES = "/admin/bibliography/duplicatereview/"
DOIS = "/admin/bibliography/doireview/"
CROSSREF_RECORD: dict[str, Any] = {
    "DOI": "10.1093/ia/iiy220",
    "type": "journal-article",
    "title": ["Regional security complexes revisited"],
    "author": [{"family": "Buzan", "given": "Barry"}],
    "container-title": ["International Affairs"],
    "issued": {"date-parts": [[2019, 1]]},
    "volume": "95",
    "page": "59-79",
}


@pytest.fixture
def pair(make_work: Any) -> DuplicateCandidate:
    a = make_work("Эволюция Шанхайской организации", ["Воронович"], issued_year=2013, volume="5")
    b = make_work("Evolyutsiya Shankhaiskoi organizatsii", ["Voronovich"], issued_year=2013, volume="6")
    article = Article.objects.create(work=make_work("Citing"), file_name="c.txt", sha256="c" * 64)
    Citation.objects.create(article=article, work=b, position=1, raw_text="Voronovich V.V. Evolyutsiya... 2013.")
    return DuplicateCandidate.objects.create(
        work_a=a, work_b=b, score=0.83, evidence={"title": 0.97, "year": "same", "authors": ["voronovic"]}
    )


@pytest.fixture
def match(make_work: Any) -> DoiMatch:
    work = make_work("Regional security complexes", ["Buzan"], issued_year=2019, container_title="Int. Affairs")
    article = Article.objects.create(work=make_work("Citing"), file_name="d.txt", sha256="d" * 64)
    Citation.objects.create(
        article=article, work=work, position=3, raw_text="Buzan B. Regional security complexes // Int. Affairs. 2019."
    )
    return DoiMatch.objects.create(
        work=work,
        doi=CROSSREF_RECORD["DOI"],
        score=0.64,
        crossref_score=71.5,
        evidence={"title": 0.88, "year": True, "container": 0.4},
        record=CROSSREF_RECORD,
    )


# --- duplicates ---------------------------------------------------------------------


def test_duplicate_queue_shows_both_works_side_by_side_with_evidence(
    curator_client: Client, pair: DuplicateCandidate
) -> None:
    body = curator_client.get(DUPLICATES).content.decode()
    assert "Эволюция Шанхайской организации" in body and "Evolyutsiya Shankhaiskoi organizatsii" in body
    assert 'class="conflict"' in body  # volume 5 vs 6
    assert "0.97" in body  # the title evidence
    assert "Voronovich V.V. Evolyutsiya... 2013." in body  # printed text
    assert f"{DUPLICATES}{pair.pk}/merge/" in body and f"{DUPLICATES}{pair.pk}/not-duplicate/" in body


def test_duplicate_queue_suggests_keeping_the_cited_work(curator_client: Client, pair: DuplicateCandidate) -> None:
    card = curator_client.get(DUPLICATES).context["cards"][0]
    assert card["keep"].pk == pair.work_b_id


def test_duplicate_queue_query_count_does_not_grow_with_the_number_of_pairs(
    curator_client: Client, make_work: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(15):
        DuplicateCandidate.objects.create(work_a=make_work(f"A{i}", ["X"]), work_b=make_work(f"B{i}", ["Y"]), score=0.5)
    with django_assert_max_num_queries(12):
        assert curator_client.get(DUPLICATES).status_code == 200


def test_merge_button_merges_into_the_chosen_work(curator_client: Client, pair: DuplicateCandidate) -> None:
    response = curator_client.post(f"{DUPLICATES}{pair.pk}/merge/", {"canonical": pair.work_a_id, "next": DUPLICATES})
    assert response.status_code == 302 and response["Location"] == DUPLICATES
    merged = Work.objects.get(pk=pair.work_b_id)
    assert merged.merged_into_id == pair.work_a_id
    record = MergeRecord.objects.get()
    assert f"#{pair.pk}" in record.reason
    pair.refresh_from_db()
    assert pair.decision == Decision.MERGED
    assert "Merged #" in curator_client.get(DUPLICATES).content.decode()
    assert curator_client.get(DUPLICATES).context["total"] == 0


def test_merge_button_rejects_a_work_outside_the_pair(
    curator_client: Client, pair: DuplicateCandidate, make_work: Any
) -> None:
    stranger = make_work("Stranger")
    curator_client.post(f"{DUPLICATES}{pair.pk}/merge/", {"canonical": stranger.pk})
    assert not Work.objects.filter(merged_into__isnull=False).exists()


def test_not_duplicate_button_remembers_the_decision_with_its_author(
    curator_client: Client, pair: DuplicateCandidate
) -> None:
    assert curator_client.post(f"{DUPLICATES}{pair.pk}/not-duplicate/").status_code == 302
    pair.refresh_from_db()
    assert pair.decision == Decision.NOT_DUPLICATE and pair.decided_at is not None
    assert pair.history.latest().history_user.username == "curator"
    assert curator_client.get(DUPLICATES).context["total"] == 0


def test_decisions_need_post_and_a_csrf_token(pair: DuplicateCandidate, match: DoiMatch) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_superuser("boss", password="x"))
    assert client.get(f"{DUPLICATES}{pair.pk}/not-duplicate/").status_code == 405
    assert client.post(f"{DUPLICATES}{pair.pk}/not-duplicate/").status_code == 403
    assert client.post(f"{DOIS}{match.pk}/accept/").status_code == 403
    pair.refresh_from_db()
    assert pair.decision == Decision.PENDING


def test_staff_outside_the_curator_group_cannot_decide(client: Client, pair: DuplicateCandidate) -> None:
    client.force_login(User.objects.create_user("intern", is_staff=True))
    assert client.get(DUPLICATES).status_code == 403
    assert client.post(f"{DUPLICATES}{pair.pk}/not-duplicate/").status_code == 403


def test_single_candidate_page_and_filter_by_work(curator_client: Client, pair: DuplicateCandidate) -> None:
    assert len(curator_client.get(f"{DUPLICATES}{pair.pk}/change/").context["cards"]) == 1
    assert curator_client.get(DUPLICATES, {"work": pair.work_a_id}).context["total"] == 1
    assert curator_client.get(DUPLICATES, {"work": 999999}).context["total"] == 0


def test_queues_are_listed_on_the_admin_index(curator_client: Client) -> None:
    body = curator_client.get("/admin/").content.decode()
    assert "Duplicates to review" in body and "DOI matches to review" in body


# --- DOI matches -------------------------------------------------------------------------


def test_doi_queue_shows_printed_reference_next_to_the_crossref_record(curator_client: Client, match: DoiMatch) -> None:
    body = curator_client.get(DOIS).content.decode()
    assert "Buzan B. Regional security complexes // Int. Affairs. 2019." in body
    assert "Regional security complexes revisited" in body and "International Affairs" in body
    assert "Buzan, Barry" in body
    assert "0.88" in body and "71.5" in body
    assert f"{DOIS}{match.pk}/accept/" in body and f"{DOIS}{match.pk}/reject/" in body


def test_accepting_a_match_puts_the_doi_on_the_work(curator_client: Client, match: DoiMatch) -> None:
    assert curator_client.post(f"{DOIS}{match.pk}/accept/").status_code == 302
    match.refresh_from_db()
    assert match.status == MatchStatus.ACCEPTED and match.decided_by_person
    assert Work.objects.get(pk=match.work_id).doi == "10.1093/ia/iiy220"
    assert curator_client.get(DOIS).context["total"] == 0


def test_rejecting_a_match_leaves_the_work_without_doi(curator_client: Client, match: DoiMatch) -> None:
    assert curator_client.post(f"{DOIS}{match.pk}/reject/").status_code == 302
    match.refresh_from_db()
    assert match.status == MatchStatus.REJECTED
    assert not Work.objects.get(pk=match.work_id).doi


def test_deciding_an_already_decided_match_is_a_404(curator_client: Client, match: DoiMatch) -> None:
    match.status = MatchStatus.REJECTED
    match.save()
    assert curator_client.post(f"{DOIS}{match.pk}/accept/").status_code == 404
