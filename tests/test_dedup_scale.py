"""Dedup at scale: keys stay on canonical works, lookups are bounded, import merges are lean and exact."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bibliography import dedup
from bibliography.csl import create_work_from_csl
from bibliography.dedup.blocking import MAX_BLOCK, index_keys
from bibliography.dedup.merge import merge_into, undo_merge
from bibliography.dedup.pipeline import rebuild_keys
from bibliography.dedup.store import CACHE, STOP_KEYS, add_keys, build_records, fetch_blocks, write_keys
from bibliography.models import Article, Citation, Decision, DuplicateCandidate, MergeRecord, Work, WorkKey

pytestmark = pytest.mark.django_db

TITLE = "Regional security complexes and the Shanghai Cooperation Organisation"


def book(**extra: Any) -> Work:
    """A saved work, printed the way many articles cite it (`extra`: more CSL fields)."""
    item = {
        "type": "book",
        "title": TITLE,
        "author": [{"family": "Alimbekov", "given": "K.Zh."}],
        "issued": {"date-parts": [[2019]]},
        "publisher": "Nauka",
    }
    return create_work_from_csl(item | extra)


def citing_article(number: int) -> Article:
    citing = Work.objects.create(title=f"Citing article {number}")
    return Article.objects.create(work=citing, file_name=f"a{number}.txt", sha256=str(number).rjust(64, "0"))


def split_words(text: str) -> list[str]:
    return text.split()


def own_keys(work: Work) -> set[str]:
    return set(index_keys(build_records([work.pk])[work.pk]))


def keys_of(work: Work) -> set[str]:
    return set(WorkKey.objects.filter(work=work).values_list("key", flat=True))


def test_a_work_cited_by_500_articles_is_still_found_and_keeps_one_row_per_key() -> None:
    canonical = book()
    dedup.process_new_works([canonical.pk])
    article = citing_article(0)
    for position in range(1, 501):
        fresh = book()
        Citation.objects.create(article=article, work=fresh, position=position, raw_text=TITLE)
        report = dedup.process_new_works([fresh.pk])
        assert report["merged"] == 1, f"citation {position} was not recognised"
    assert Work.objects.filter(merged_into=canonical).count() == 500
    assert Citation.objects.filter(work=canonical).count() == 500
    assert keys_of(canonical) == own_keys(canonical), "the key table holds each key of the work once"
    assert not WorkKey.objects.exclude(work=canonical).exists(), "merged works hold no keys"
    assert all(blocks == {canonical.pk} for blocks in fetch_blocks(keys_of(canonical)).values())


def test_a_key_lookup_reads_a_bounded_number_of_rows() -> None:
    works = Work.objects.bulk_create(Work(title=f"Work {n}") for n in range(MAX_BLOCK + 40))
    WorkKey.objects.bulk_create(WorkKey(work=work, key="a:ivanov:a:2015") for work in works)
    WorkKey.objects.create(work=works[0], key="t:rare")
    STOP_KEYS.clear()
    blocks = fetch_blocks(["a:ivanov:a:2015", "t:rare", "t:absent"])
    assert len(blocks["a:ivanov:a:2015"]) == MAX_BLOCK + 1, "one row past the cap marks a stop key"
    assert blocks["t:rare"] == {works[0].pk}
    assert "t:absent" not in blocks
    with CaptureQueriesContext(connection) as captured:
        assert fetch_blocks(["a:ivanov:a:2015"]) == {}
    assert len(captured) == 0, "a known stop key is not read again"
    STOP_KEYS.clear()


def test_a_known_stop_key_is_not_written_again_until_the_keys_are_rebuilt() -> None:
    shared = "w:cooper organ regio"
    works = Work.objects.bulk_create(Work(title=f"Work {n}") for n in range(MAX_BLOCK + 1))
    WorkKey.objects.bulk_create(WorkKey(work=work, key=shared) for work in works)
    newcomer = book()
    STOP_KEYS.clear()
    try:
        add_keys([(newcomer.pk, shared)])
        assert shared in keys_of(newcomer), "a process that has not read the block yet writes to it"
        WorkKey.objects.filter(work=newcomer).delete()
        assert len(fetch_blocks([shared])[shared]) == MAX_BLOCK + 1
        add_keys([(newcomer.pk, shared), (newcomer.pk, "t:rarely")])
        assert keys_of(newcomer) == {"t:rarely"}, "a known stop key's block stops growing; other keys are written"
        own = sorted(own_keys(newcomer))
        STOP_KEYS.add(own[0])
        rebuild_keys()
        assert keys_of(newcomer) == set(own), "a rebuilt key table is complete, stop keys included"
        assert not STOP_KEYS.keys
    finally:
        STOP_KEYS.clear()


def test_merge_hands_the_keys_to_the_canonical_work_and_undo_takes_them_back() -> None:
    canonical = book()
    other = book(title=TITLE + ": the argument restated", ISBN="9780521891110")
    write_keys(list(build_records([canonical.pk, other.pk]).values()))
    before_canonical, before_other = own_keys(canonical), own_keys(other)
    assert before_other - before_canonical, "the other rendering brings keys of its own"
    record = merge_into(other, canonical, reason="test")
    assert not keys_of(other)
    assert keys_of(canonical) >= before_canonical | before_other
    undo_merge(record)
    assert keys_of(other) == own_keys(other)
    assert keys_of(canonical) == own_keys(canonical)


def test_an_import_merge_is_recorded_like_a_manual_one_and_undone_exactly() -> None:
    canonical = book()
    dedup.process_new_works([canonical.pk])
    authors = [{"family": "Alimbekov", "given": "K.Zh."}, {"family": "Sultanov", "given": "B.K."}]
    fresh = book(author=authors, **{"number-of-pages": "312"})
    citation = Citation.objects.create(article=citing_article(1), work=fresh, position=1, raw_text=TITLE)
    before = Work.objects.values().get(pk=canonical.pk)
    fresh_keys = own_keys(fresh)  # before the merge moves its contributors, whom its identity key names
    report = dedup.process_new_works([fresh.pk])
    assert report["merged"] == 1
    canonical.refresh_from_db()
    assert canonical.number_of_pages == "312", "an empty field is filled"
    assert Citation.objects.get(pk=citation.pk).work_id == canonical.pk
    record = MergeRecord.objects.get(merged=fresh)
    assert record.snapshot["citations"] == [citation.pk]
    assert record.snapshot["filled"]["number_of_pages"] == ""
    pair = DuplicateCandidate.objects.get(work_a=canonical, work_b=fresh)
    assert pair.decision == Decision.MERGED and "title" in pair.evidence["agreed"]
    assert "merged into" in (Work.history.filter(id=fresh.pk).first().history_change_reason or "")
    assert "merged into" in (Citation.history.filter(id=citation.pk).first().history_change_reason or "")
    assert keys_of(canonical) >= fresh_keys and not keys_of(fresh)
    assert [c.person.family for c in canonical.contributors.order_by("position")] == ["Alimbekov", "Sultanov"]
    assert "absorbed" in (Work.history.filter(id=canonical.pk).first().history_change_reason or "")
    undo_merge(record)
    assert [c.person.family for c in canonical.contributors.all()] == ["Alimbekov"]
    assert [c.person.family for c in fresh.contributors.order_by("position")] == ["Alimbekov", "Sultanov"]
    after = Work.objects.values().get(pk=canonical.pk)
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
    assert Citation.objects.get(pk=citation.pk).work_id == fresh.pk
    assert Work.objects.get(pk=fresh.pk).merged_into_id is None
    assert DuplicateCandidate.objects.get(pk=pair.pk).decision == Decision.NOT_DUPLICATE
    assert keys_of(fresh) == own_keys(fresh)


def test_the_statements_of_one_batch_do_not_grow_with_its_size() -> None:
    vocabulary = split_words(
        "water energy transit borders migration trade railways pipelines customs labour uranium grain "
        "cotton steppe glaciers rivers tariffs banking pensions schools hospitals mining tourism fishing "
        "aviation shipping textiles fertilizer telecom satellites archives museums theatres novels poetry "
        "cinema football wrestling chess nomads villages mountains deserts forests lakes islands harbours "
        "bridges tunnels canals dams reservoirs orchards vineyards bazaars caravans monasteries mosques "
        "libraries printing newspapers radio television cartography census elections parliaments courts "
        "prisons police militaries navies treaties embassies consulates visas passports refugees diasporas "
        "languages alphabets dialects folklore epics rituals cuisine spices horses camels sheep falcons"
    )
    titles = [" ".join(vocabulary[n : n + 3]).capitalize() for n in range(0, 75, 3)]
    originals = [book(title=title) for title in titles]
    dedup.process_new_works([work.pk for work in originals])

    def statements(count: int, offset: int) -> int:
        new = [book(title=title) for title in titles[offset : offset + count]]
        CACHE.clear()
        with CaptureQueriesContext(connection) as captured:
            report = dedup.process_new_works([work.pk for work in new])
        assert report["merged"] == count
        return len(captured)

    assert statements(20, 5) <= statements(5, 0)


def test_the_migration_hands_legacy_keys_of_merged_works_to_their_canonical_work() -> None:
    canonical, middle, merged = book(), book(), book()
    Work.objects.filter(pk=middle.pk).update(merged_into=canonical)
    Work.objects.filter(pk=merged.pk).update(merged_into=middle)
    WorkKey.objects.bulk_create(
        [WorkKey(work=canonical, key="t:a"), WorkKey(work=middle, key="t:a"), WorkKey(work=merged, key="n:b")]
    )
    migration = importlib.import_module("bibliography.migrations.0007_dedup_perf")
    migration.move_keys_to_canonical_works(django_apps, None)
    assert sorted(WorkKey.objects.values_list("work_id", "key")) == [(canonical.pk, "n:b"), (canonical.pk, "t:a")]


def test_undoing_an_old_merge_files_the_keys_with_the_work_that_now_stands_for_them() -> None:
    first, second, third = book(), book(), book(title=TITLE + ": the argument restated")
    write_keys(list(build_records([first.pk, second.pk, third.pk]).values()))
    old = merge_into(first, second, reason="test")
    merge_into(second, third, reason="test")
    undo_merge(old)
    assert keys_of(first) == own_keys(first)
    assert not keys_of(second), "the undone merge's canonical work is merged itself"
    assert keys_of(third) >= own_keys(second) | own_keys(third)


def test_blocks_are_read_from_a_covering_index_and_no_index_repeats_the_unique_one() -> None:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, WorkKey._meta.db_table)
    indexed = (c for c in constraints.values() if (c["index"] or c["unique"]) and not c["primary_key"])
    indexes = {tuple(c["columns"]) for c in indexed}
    assert indexes == {("work_id", "key"), ("key", "work_id")}
