"""The Crossref client against the loopback server, through real HTTP."""

from __future__ import annotations

import threading
from typing import Any

import httpx2
import pytest

from bibliography.crossref.client import CrossrefClient, CrossrefError, encode_doi
from bibliography.crossref.mock_server import Fault, Limits, MockCrossref, max_in_window

DNA_DOI = "10.1016/0160-4120(81)90073-8"
WIDGET_DOI = "10.1109/afrcon.2009.5308146"
SICI_DOI = "10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-0#x?y"


def answered(server: MockCrossref) -> list[Any]:
    return [entry for entry in server.log if entry.status > 0]


def test_work_by_doi_returns_the_real_record(crossref_client: CrossrefClient) -> None:
    record = crossref_client.work(f"https://doi.org/{DNA_DOI.upper()}")
    assert record is not None
    assert record["DOI"] == DNA_DOI
    assert record["title"][0].startswith("The DNA damage activity")


def test_unknown_doi_is_none_and_remembered(crossref_client: CrossrefClient, crossref_server: MockCrossref) -> None:
    assert crossref_client.work("10.9999/not-there") is None
    assert crossref_client.work("10.9999/not-there") is None
    assert len(crossref_server.log) == 1
    assert crossref_server.log[0].status == 404


def test_doi_with_url_special_characters_is_encoded(crossref_records: list[dict], tmp_path: Any) -> None:
    special = {**crossref_records[5], "DOI": SICI_DOI}
    with MockCrossref([*crossref_records, special]) as server:
        client = CrossrefClient(server.url, cache_dir=tmp_path)
        record = client.work(SICI_DOI)
    assert record is not None and record["DOI"] == SICI_DOI
    assert "%3C693%3A%3Aaid-asi4%3E" in server.log[0].path
    assert "%3B2-0%23x%3Fy" in server.log[0].path
    assert encode_doi(SICI_DOI).count("/") == 1


def test_search_ranks_the_referenced_work_first_with_growing_scores(crossref_client: CrossrefClient) -> None:
    short = crossref_client.search("widget landscape", rows=3)
    full = crossref_client.search(
        "A review of the widget landscape and incompatibilities between widget engines. AFRICON 2009", rows=3
    )
    assert full[0]["DOI"] == WIDGET_DOI
    assert len(full) == 3
    assert full[0]["score"] > short[0]["score"]
    assert set(full[0]) <= {"DOI", "title", "author", "container-title", "issued", "page", "publisher", "type"} | {
        "score",
        "published-print",
        "published-online",
        "ISBN",
        "ISSN",
        "volume",
        "issue",
        "editor",
        "subtitle",
        "original-title",
        "short-title",
        "short-container-title",
        "article-number",
    }


def test_batch_lookup_uses_one_request_per_fifty_dois(
    crossref_client: CrossrefClient, crossref_server: MockCrossref, crossref_records: list[dict]
) -> None:
    dois = [record["DOI"] for record in crossref_records[:110]] + ["10.9999/missing"]
    found = crossref_client.works_by_dois(dois)
    assert len(crossref_server.log) == 3
    assert all("doi:" in entry.params["filter"] for entry in crossref_server.log)
    assert found["10.9999/missing"] is None
    assert all((found[record["DOI"].lower()] or {}).get("DOI") == record["DOI"] for record in crossref_records[:110])


def test_cache_answers_a_second_run_without_requests(
    crossref_client: CrossrefClient, crossref_server: MockCrossref, settings: Any
) -> None:
    crossref_client.search("Widget Mania GUI framework")
    crossref_client.works_by_dois([DNA_DOI, WIDGET_DOI, "10.9999/missing"])
    before = len(crossref_server.log)
    second = CrossrefClient.from_settings()
    second.search("Widget Mania GUI framework")
    found = second.works_by_dois([DNA_DOI, WIDGET_DOI, "10.9999/missing"])
    assert second.work(DNA_DOI) is not None
    assert len(crossref_server.log) == before
    assert second.stats.requests == 0 and second.stats.cache_hits == 5
    assert found[WIDGET_DOI] is not None and found["10.9999/missing"] is None


def test_429_with_retry_after_waits_as_told(crossref_client: CrossrefClient, crossref_server: MockCrossref) -> None:
    crossref_server.faults.append(Fault(status=429, retry_after="1"))
    assert crossref_client.work(DNA_DOI) is not None
    first, second = crossref_server.log
    assert (first.status, second.status) == (429, 200)
    assert second.start - first.end >= 1.0


def test_429_without_retry_after_and_with_html_backs_off(
    crossref_client: CrossrefClient, crossref_server: MockCrossref
) -> None:
    crossref_server.faults.extend([Fault(status=429, html=True), Fault(status=429, html=True)])
    assert crossref_client.search("Widget Mania") != []
    assert [entry.status for entry in crossref_server.log] == [429, 429, 200]
    assert crossref_client.stats.throttled == 2


def test_server_errors_are_retried(crossref_client: CrossrefClient, crossref_server: MockCrossref) -> None:
    crossref_server.faults.extend([Fault(status=500), Fault(status=503, html=True), Fault(status=502)])
    assert crossref_client.work(WIDGET_DOI) is not None
    assert [entry.status for entry in crossref_server.log] == [500, 503, 502, 200]


def test_persistent_errors_raise_one_error_type(crossref_server: MockCrossref, tmp_path: Any) -> None:
    client = CrossrefClient(crossref_server.url, cache_dir=tmp_path, max_retries=2, backoff_base=0.01)
    crossref_server.faults.extend([Fault(status=503)] * 3)
    with pytest.raises(CrossrefError) as raised:
        client.work(WIDGET_DOI)
    assert raised.value.status == 503
    assert len(crossref_server.log) == 3
    assert client.cache.get("anything") is None


def test_timeouts_are_retried(crossref_server: MockCrossref, tmp_path: Any) -> None:
    client = CrossrefClient(crossref_server.url, cache_dir=tmp_path, timeout=0.3, backoff_base=0.01)
    crossref_server.faults.append(Fault(hang=True, delay=1.0))
    assert client.work(WIDGET_DOI) is not None
    assert [entry.status for entry in answered(crossref_server)] == [200]
    assert client.stats.retries == 1


def test_slow_server_within_the_timeout_is_waited_for(crossref_records: list[dict], tmp_path: Any) -> None:
    with MockCrossref(crossref_records, latency=0.4) as server:
        client = CrossrefClient(server.url, cache_dir=tmp_path, timeout=2.0)
        assert client.search("widget engines review") != []
    assert client.stats.retries == 0


def test_bad_parameters_fail_fast_with_the_server_message(
    crossref_client: CrossrefClient, crossref_server: MockCrossref
) -> None:
    with pytest.raises(CrossrefError) as raised:
        crossref_client.search("widget", rows=5000)
    assert raised.value.status == 400
    assert len(crossref_server.log) == 1
    response = httpx2.get(f"{crossref_server.url}/works", params={"rows": "x", "filter": "nope:1"})
    body = response.json()
    assert response.status_code == 400
    assert body["message-type"] == "validation-failure"
    assert body["message"][0]["type"] == "integer-not-valid"


def test_server_speaks_crossref(crossref_server: MockCrossref) -> None:
    missing = httpx2.get(f"{crossref_server.url}/works/10.9999/none")
    assert (missing.status_code, missing.text) == (404, "Resource not found.")
    polite = httpx2.get(f"{crossref_server.url}/works", params={"mailto": "a@b.org", "rows": "1", "query": "x"})
    public = httpx2.get(f"{crossref_server.url}/works", params={"rows": "0"})
    assert polite.headers["x-api-pool"] == "polite" and public.headers["x-api-pool"] == "public"
    assert {"x-rate-limit-limit", "x-rate-limit-interval", "x-concurrency-limit"} <= set(public.headers)
    assert polite.json()["message-type"] == "work-list"


def hammer(client: CrossrefClient, queries: list[str], threads: int) -> None:
    """Run searches from several threads at once."""
    chunks = [queries[index::threads] for index in range(threads)]
    workers = [threading.Thread(target=lambda part=part: [client.search(q) for q in part]) for part in chunks]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("mailto", "pool", "limits", "requests"),
    [("", "public", Limits(5, 1.0, 1), 12), ("me@example.org", "polite", Limits(10, 1.0, 3), 24)],
)
def test_limiter_never_exceeds_advertised_rate_or_concurrency(
    crossref_records: list[dict], mailto: str, pool: str, limits: Limits, requests: int
) -> None:
    with MockCrossref(crossref_records, public=Limits(5, 1.0, 1), polite=Limits(10, 1.0, 3)) as server:
        client = CrossrefClient(server.url, mailto=mailto, cache_dir=None)
        hammer(client, [f"widget engine {number}" for number in range(requests)], threads=5)
    starts = [entry.start for entry in server.log]
    assert len(starts) == requests
    assert {entry.pool for entry in server.log} == {pool}
    assert server.over_limit == 0 and server.over_concurrency == 0
    assert max_in_window(starts, limits.interval) <= limits.limit
    assert max(entry.concurrent for entry in server.log) <= limits.concurrency
    assert (client.limiter.limit, client.limiter.concurrency) == (limits.limit, limits.concurrency)


def test_limiter_starts_with_one_request_at_a_time(crossref_server: MockCrossref) -> None:
    client = CrossrefClient(crossref_server.url)
    assert (client.limiter.limit, client.limiter.concurrency, client.limiter.learned) == (1, 1, False)
    client.search("widget")
    assert client.limiter.learned and client.limiter.limit == 100
