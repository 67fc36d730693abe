"""Stored dedup records: read instead of rebuilt while valid, rebuilt when stale, damaged or foreign."""

from __future__ import annotations

import io
import pickle
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from test_dedup_scale import book

from bibliography import dedup
from bibliography.csl import work_draft_from_csl
from bibliography.dedup import store
from bibliography.dedup.store import CACHE, RecordUnpickler, load_records
from bibliography.lib.skeleton import skeleton
from bibliography.models import STAMP_INDEX, Article, StoredRecord, Work

pytestmark = pytest.mark.django_db


@pytest.fixture
def rebuilt(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids of the works whose records `load_records` rebuilt from their rows (the cache emptied first)."""
    built: list[int] = []
    original = store.build_records

    def counting(ids: Any, canonical_only: bool = False) -> Any:
        ids = list(ids)
        built.extend(ids)
        return original(ids, canonical_only)

    monkeypatch.setattr(store, "build_records", counting)
    CACHE.clear()
    return built


def test_a_record_built_once_is_read_back_from_the_library_not_rebuilt(rebuilt: list[int]) -> None:
    work = book()
    dedup.process_new_works([work.pk])
    assert StoredRecord.objects.filter(work=work).exists()
    CACHE.clear()
    rebuilt.clear()
    records = load_records([work.pk])
    assert rebuilt == []
    assert records[work.pk] == store.build_records([work.pk])[work.pk]


def test_a_changed_work_has_its_record_rebuilt_with_the_new_values(rebuilt: list[int]) -> None:
    work = book()
    load_records([work.pk])
    work.title = "Water and energy in the Syr Darya basin"
    work.save()
    CACHE.clear()
    rebuilt.clear()
    records = load_records([work.pk])
    assert rebuilt == [work.pk]
    assert records[work.pk].titles == (skeleton("Water and energy in the Syr Darya basin"),)


def test_a_record_stored_by_other_matching_code_is_stale(rebuilt: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    work = book()
    load_records([work.pk])
    monkeypatch.setattr(store, "RECORD_VERSION", "another")
    CACHE.clear()
    rebuilt.clear()
    load_records([work.pk])
    assert rebuilt == [work.pk]


def test_a_damaged_record_is_rebuilt_not_trusted(rebuilt: list[int]) -> None:
    work = book()
    load_records([work.pk])
    StoredRecord.objects.filter(work=work).update(data=b"\x80\x05not a pickle")
    CACHE.clear()
    rebuilt.clear()
    records = load_records([work.pk])
    assert rebuilt == [work.pk]
    assert records[work.pk].publisher == "nauka"


def test_stored_data_naming_anything_but_a_record_is_refused() -> None:
    payload = pickle.dumps(Work, protocol=5)
    with pytest.raises(pickle.UnpicklingError, match="may not refer to"):
        RecordUnpickler(io.BytesIO(payload)).load()


def test_a_stored_record_follows_the_work_becoming_an_imported_article(rebuilt: list[int]) -> None:
    work = book()
    load_records([work.pk])
    Article.objects.create(work=work, file_name="a.txt", sha256="0" * 64)
    CACHE.clear()
    rebuilt.clear()
    assert load_records([work.pk])[work.pk].is_article
    assert rebuilt == []


def test_a_pickled_record_reads_back_equal_with_its_derived_fields() -> None:
    record = store.record_of(book())
    again = RecordUnpickler(io.BytesIO(pickle.dumps(record, protocol=5))).load()
    assert again == record
    assert (again.keys, again.probes, again.readings, again.group) == (
        record.keys,
        record.probes,
        record.readings,
        record.group,
    )


def test_a_record_is_kept_and_stored_lean_and_makes_its_keys_again_when_asked() -> None:
    work = book()
    full = store.record_of(work).with_keys()
    load_records([work.pk])
    kept = CACHE.objects.entries[work.pk][1]
    stored = RecordUnpickler(io.BytesIO(bytes(StoredRecord.objects.get(work=work).data))).load()
    assert (kept._keys, kept._probes, stored._keys, stored._probes) == (None, None, None, None)
    assert len(pickle.dumps(stored, protocol=5)) < len(pickle.dumps(full, protocol=5))
    assert (kept.keys, kept.probes) == (stored.keys, stored.probes) == (full.keys, full.probes)
    assert full.keys and full.probes > full.keys


def test_a_new_works_record_from_the_analysis_crosses_with_its_keys_made() -> None:
    item = {"type": "book", "title": "Water resources of Central Asia", "issued": {"date-parts": [[2011]]}}
    drafted = store.record_of_draft(work_draft_from_csl(item | {"author": [{"family": "Ivanov", "given": "I."}]}))
    crossed = RecordUnpickler(io.BytesIO(pickle.dumps(drafted, protocol=5))).load()
    assert crossed._keys is not None and crossed._keys == drafted.keys


def test_a_record_gone_from_the_object_cache_is_unpickled_from_memory_without_reading_the_table(
    rebuilt: list[int],
) -> None:
    work = book()
    first = load_records([work.pk])[work.pk]
    CACHE.objects.clear()  # as when a hundred thousand other records have pushed it out
    rebuilt.clear()
    with CaptureQueriesContext(connection) as queries:
        again = load_records([work.pk])[work.pk]
    assert again == first and again is not first
    assert rebuilt == []
    assert not [q for q in queries.captured_queries if StoredRecord._meta.db_table in q["sql"]]


def test_a_pickle_kept_in_memory_for_an_older_stamp_is_not_used(rebuilt: list[int]) -> None:
    work = book()
    load_records([work.pk])
    work.title = "Water and energy in the Syr Darya basin"
    work.save()
    CACHE.objects.clear()
    rebuilt.clear()
    records = load_records([work.pk])
    assert rebuilt == [work.pk]
    assert records[work.pk].titles == (skeleton("Water and energy in the Syr Darya basin"),)


def test_the_pickles_kept_in_memory_stay_within_their_budget_dropping_the_least_recent() -> None:
    cache = store.RecordCache(size=10, packed_bytes=3 * (100 + store.PACKED_OVERHEAD))
    for work_id in (1, 2, 3):
        cache.put_packed(work_id, "stamp", b"x" * 100)
    assert cache.get_packed(1, "stamp") == b"x" * 100  # now the most recent
    cache.put_packed(4, "stamp", b"y" * 100)
    assert list(cache.packed) == [3, 1, 4]
    assert cache.packed.total <= cache.packed.budget
    assert cache.get_packed(4, "another stamp") is None
    cache.put_packed(4, "stamp", b"z" * 50)  # replacing an entry gives its memory back
    assert cache.packed.total == 100 + 100 + 50 + 3 * store.PACKED_OVERHEAD


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL plans an index-only scan by itself")
def test_the_stamp_check_reads_the_narrow_index_not_the_work_rows() -> None:
    work = book()
    sql = store.stamp_sql((), canonical_only=True)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", [store.as_list([work.pk])])
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert f"COVERING INDEX {STAMP_INDEX}" in plan
    assert load_records([work.pk], canonical_only=True)[work.pk].id == work.pk
