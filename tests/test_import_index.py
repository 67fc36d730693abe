"""The import's cheap index upkeep: deferred FTS5 rows, rows computed in the analysis, reserved ids."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bibliography import search
from bibliography.models import Article, Citation, Work
from corpus_import import analysis_pool, importer
from corpus_import.bulk import insert_values, reserve_ids
from corpus_import.importer import BatchStats, import_file, import_many

pytestmark = pytest.mark.django_db
SAMPLE = "001_01154a80a1a890ff.txt"  # a Cyrillic list printed twice, romanized the second time
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")


def fts_rows() -> dict[int, tuple[Counter[str], Counter[str], Counter[str]]]:
    """rowid -> the token multisets of doc, skel and cited (token order is not part of the index's meaning)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid, doc, skel, cited FROM {search.FTS_TABLE}")
        rows = cursor.fetchall()
    return {pk: (Counter(doc.split()), Counter(skel.split()), Counter(cited.split())) for pk, doc, skel, cited in rows}


@sqlite_only
def test_rows_written_by_an_import_equal_a_rebuild_from_sql(corpus_dir: Path) -> None:
    """The Python mirror of the index row (`index_texts`) must agree with the SQL one, token for token."""
    import_file(SAMPLE, (corpus_dir / SAMPLE).read_bytes())
    imported = fts_rows()
    assert set(imported) == set(Work.objects.values_list("pk", flat=True))
    search.rebuild_sqlite_index(connection)
    assert fts_rows() == imported


@sqlite_only
def test_a_new_work_is_found_by_its_citing_text_in_either_script(corpus_dir: Path) -> None:
    result = import_file(SAMPLE, (corpus_dir / SAMPLE).read_bytes())
    assert result.article_id is not None, result.error
    citation = Citation.objects.filter(article_id=result.article_id).exclude(raw_text_alt="").first()
    assert citation is not None
    romanized_word = max(citation.raw_text_alt.split(), key=len).strip(".,:;()[]")
    assert Work.objects.search(romanized_word).filter(pk=citation.work_id).exists()


@sqlite_only
def test_deferral_indexes_once_at_the_end_and_forgets_on_rollback() -> None:
    with transaction.atomic(), search.search_index_deferred():
        work = Work.objects.create(title="Deferred indexing of bibliographies")
        assert work.pk not in fts_rows()
    assert work.pk in fts_rows()
    with pytest.raises(RuntimeError), transaction.atomic(), search.search_index_deferred():
        Work.objects.create(title="Rolled back")
        raise RuntimeError("abort")
    with transaction.atomic(), search.search_index_deferred() as deferred:
        assert not deferred.work_ids
        with search.search_index_deferred():
            inner = Work.objects.create(title="Nested scopes index at the outer end")
        assert inner.pk not in fts_rows()
    assert inner.pk in fts_rows()
    assert Work.objects.search("nested").filter(pk=inner.pk).exists()


@sqlite_only
def test_updates_inside_a_deferral_are_indexed_once_at_the_end() -> None:
    """A title edit and a citation moved between works (as a dedup merge does) reach the index when the block ends."""
    article = Article.objects.create(work=Work.objects.create(title="Citing article"), file_name="a.txt", sha256="a")
    old, new = Work.objects.create(title="Original wording"), Work.objects.create(title="Canonical record")
    citation = Citation.objects.create(article=article, work=old, position=1, raw_text="Zelvarov A. Original wording.")
    with transaction.atomic(), search.search_index_deferred() as deferred:
        Work.objects.filter(pk=old.pk).update(title="Corrected wording")
        Citation.objects.filter(pk=citation.pk).update(work=new)
        assert not Work.objects.search("corrected").exists()  # not yet: noted, not written
        assert {old.pk, new.pk} <= deferred.work_ids
    assert list(Work.objects.search("corrected")) == [old]
    assert list(Work.objects.search("zelvarov")) == [new]  # the citing text moved with the citation
    indexed = fts_rows()
    search.rebuild_sqlite_index(connection)
    assert fts_rows() == indexed


@sqlite_only
def test_updates_outside_a_deferral_are_indexed_at_once() -> None:
    work = Work.objects.create(title="Original wording")
    Work.objects.filter(pk=work.pk).update(title="Corrected wording")
    assert Work.objects.search("corrected").filter(pk=work.pk).exists()


def test_reserved_ids_are_never_handed_out_again() -> None:
    with transaction.atomic():
        first = reserve_ids(Work, 3)
        later = Work.objects.create(title="Inserted after the reservation")
        second = reserve_ids(Work, 2)
    assert first == sorted(first) and len(set(first + second + [later.pk])) == 6
    assert later.pk > max(first) and min(second) > later.pk
    ids = insert_values(Work, [{"title": "one"}, {"title": "two"}, {"title": "three"}], ids=first)
    assert ids == first
    assert list(Work.objects.filter(pk__in=first).order_by("pk").values_list("title", flat=True)) == [
        "one",
        "two",
        "three",
    ]


def test_citations_written_before_their_works_leave_counts_right(corpus_dir: Path) -> None:
    """The import writes citations first (foreign keys are checked at commit); the counts come out as if not."""
    result = import_file(SAMPLE, (corpus_dir / SAMPLE).read_bytes())
    assert result.article_id is not None, result.error
    article = Article.objects.get(pk=result.article_id)
    cited = Work.objects.filter(citations__article=article).distinct()
    assert cited.count() > 20
    assert set(cited.values_list("cited_by_count", flat=True)) == {1}
    assert Work.objects.get(pk=article.work_id).cited_by_count == 0


def test_spawned_analysis_workers_set_django_up(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where workers cannot be forked they start empty; the drafts still need the models."""
    import multiprocessing

    monkeypatch.setattr(analysis_pool, "pool_context", lambda: multiprocessing.get_context("spawn"))
    for name in ("000_ea43db7e61330016.txt", SAMPLE):
        (tmp_path / name).write_bytes((corpus_dir / name).read_bytes())
    stats = BatchStats()
    results = list(import_many(sorted(tmp_path.glob("*.txt")), workers=2, stats=stats))
    assert [result.status for result in results] == ["created", "created"], [result.error for result in results]
    assert stats.analysed == 2 and sum(result.references for result in results) == 19 + 28


def test_cited_text_keeps_only_the_words_the_work_does_not_index_already() -> None:
    printed = "Buzan B. Regions and Powers. Cambridge, 2003. 564 p. Buzan"
    own = "Regions and Powers Cambridge University Press Buzan Barry"
    cited = search.cited_text(printed, f"{own} {search.skeleton(own)}").split()
    assert sorted(cited) == ["2003", "564", "b", "p"]  # each once; title, place and name are in the own columns
    alone = search.cited_text(printed).split()
    assert alone[:4] == ["buzan", "b", "regions", "and"] and len(alone) == len(set(alone))
    assert {"regens", "povers"} <= set(alone)  # skeletons that differ from the printed words
    printed = "Воронович А.А. Шанхайская организация [Voronovic A.A. Sanhaiska organizaca]"
    twin = search.cited_text(printed).split()
    assert "voronovic" in twin and twin.count("voronovic") == 1  # the twin spells the skeleton: indexed once


@sqlite_only
def test_a_batch_import_lengthens_the_sqlite_log_and_cache_only_while_it_runs() -> None:
    from corpus_import.bulk import BULK_CACHE_KIB, BULK_WAL_PAGES, bulk_load, sqlite_pragma

    def settings() -> tuple[int, int]:
        return sqlite_pragma("wal_autocheckpoint"), sqlite_pragma("cache_size")

    before = settings()
    with bulk_load():
        inside = settings()
    assert settings() == before
    assert inside == (BULK_WAL_PAGES, -BULK_CACHE_KIB) != before


@sqlite_only
def test_a_batch_import_maps_a_database_file_into_memory_only_while_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The test database lives in memory, where SQLite maps nothing: a file database of its own."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from corpus_import import bulk

    database = DatabaseWrapper({**connection.settings_dict, "NAME": str(tmp_path / "mapped.sqlite3")}, alias="mapped")
    monkeypatch.setattr(bulk, "connection", database)
    try:
        before = bulk.sqlite_pragma("mmap_size")
        with bulk.sqlite_bulk_load():
            inside = bulk.sqlite_pragma("mmap_size")
        after = bulk.sqlite_pragma("mmap_size")
    finally:
        database.close()
    sqlite_build_limit = 0x7FFF0000  # SQLite's default build maps at most this much
    assert inside == min(bulk.BULK_MMAP_BYTES, sqlite_build_limit) != before == after


def test_a_batch_import_runs_the_cycle_collector_less_often_only_while_it_runs() -> None:
    import gc

    from corpus_import.bulk import BULK_GC_THRESHOLDS, bulk_load

    before = gc.get_threshold()
    try:
        with bulk_load():
            inside = gc.get_threshold()
            raise RuntimeError("an import that fails half-way")
    except RuntimeError:
        pass
    assert gc.get_threshold() == before
    assert inside == BULK_GC_THRESHOLDS != before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's commit setting")
def test_a_batch_import_commits_without_waiting_for_the_disk_only_while_it_runs() -> None:
    from corpus_import.bulk import bulk_load

    def synchronous_commit() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return str(cursor.fetchone()[0])

    before = synchronous_commit()
    with bulk_load():
        inside = synchronous_commit()
    assert (before, inside, synchronous_commit()) == ("on", "off", "on")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
@pytest.mark.django_db(transaction=True)  # the statistics count committed rows only
def test_a_table_that_doubled_since_its_statistics_is_analysed_once(corpus_dir: Path) -> None:
    from corpus_import.bulk import analyze_grown_tables

    for path in sorted(corpus_dir.glob("*.txt")):  # 84 citations: past the base threshold of 50 changed rows
        import_file(path.name, path.read_bytes())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")
    grown = analyze_grown_tables()
    assert {"bibliography_work", "bibliography_citation"} <= set(grown)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")
    assert analyze_grown_tables() == []


def fts_setting(name: str) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT v FROM {search.FTS_TABLE}_config WHERE k = %s", [name])
        row = cursor.fetchone()
    return None if row is None else int(row[0])


@sqlite_only
def test_the_fts_table_merges_sixteen_segments_at_a_time_also_once_recreated() -> None:
    assert fts_setting("automerge") == search.FTS_AUTOMERGE == 16
    search.recreate_sqlite_table(connection)
    assert fts_setting("automerge") == 16
    search.install_sqlite_index(connection)  # triggers back, for the other tests


@sqlite_only
def test_the_index_can_be_rebuilt_after_fts5_wrote_through_the_same_connection() -> None:
    """SQLite refuses to re-register a function then: registration happens once per connection."""
    work = Work.objects.create(title="Multilateral diplomacy in Central Asia", type="book")
    search.register_sqlite_functions(connection)
    search.rebuild_sqlite_index(connection)
    assert set(fts_rows()) == {work.pk}


@sqlite_only
def test_a_merged_work_leaves_the_index_and_its_undo_brings_it_back() -> None:
    from bibliography.dedup.merge import merge_into, undo_merge

    canonical = Work.objects.create(title="Regional security complexes", type="book")
    merged = Work.objects.create(title="Regional security complexes revisited", type="book")
    record = merge_into(merged, canonical, reason="test")
    assert merged.pk not in fts_rows() and canonical.pk in fts_rows()
    undo_merge(record)
    assert {merged.pk, canonical.pk} <= set(fts_rows())
    assert Work.objects.search("revisited").filter(pk=merged.pk).exists()


def test_a_works_row_holds_the_words_of_its_first_citing_references_only() -> None:
    cited = Work.objects.create(title="Much cited monograph", type="book")
    for number in range(search.MAX_CITED_TEXTS + 1):
        article = Article.objects.create(
            work=Work.objects.create(title=f"Citing article {number}"), file_name=f"{number}.txt", sha256=str(number)
        )
        Citation.objects.create(article=article, work=cited, position=1, raw_text=f"Much cited monograph word{number}x")
    assert Work.objects.search(f"word{search.MAX_CITED_TEXTS - 1}x").filter(pk=cited.pk).exists()
    past_the_cap = Work.objects.search(f"word{search.MAX_CITED_TEXTS}x")
    assert search.is_fuzzy(past_the_cap) or not past_the_cap.exists()  # PostgreSQL falls back to similar words


@sqlite_only
@pytest.mark.parametrize("looked_up", [False, True], ids=["merged", "printed-alike"])
def test_an_import_whose_references_merge_indexes_like_a_rebuild(
    corpus_dir: Path, looked_up: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second copy's references cite the first's works: found printed alike, or (lookup off) created and
    merged by dedup. Either way no rows for merged works, and the re-cited canonical works re-read."""
    if not looked_up:
        monkeypatch.setattr(importer, "works_printed_alike", lambda records: {})
    data = (corpus_dir / SAMPLE).read_bytes()
    import_file(SAMPLE, data)
    second = import_file("copy_" + SAMPLE, data + b"\n")
    assert second.article_id is not None, second.error
    merged = set(Work.objects.filter(merged_into__isnull=False).values_list("pk", flat=True))
    assert (second.known, bool(merged)) == ((second.references, False) if looked_up else (0, True))
    indexed = fts_rows()
    assert not merged & set(indexed)
    assert set(indexed) == set(Work.objects.canonical().values_list("pk", flat=True))
    search.rebuild_sqlite_index(connection)
    assert fts_rows() == indexed


@sqlite_only
def test_a_refresh_rewrites_only_the_rows_whose_text_changed() -> None:
    same, edited = Work.objects.create(title="Unchanged title"), Work.objects.create(title="Old title")
    Work.objects.filter(pk=edited.pk).update(title="Edited title")  # outside a deferral: indexed at once
    assert rewritten_by_refresh([same.pk, edited.pk]) == []
    with transaction.atomic(), search.search_index_deferred():
        Work.objects.filter(pk=edited.pk).update(title="Edited twice")
        Work.objects.filter(pk=same.pk).update(title="Unchanged title")
    assert list(Work.objects.search("twice")) == [edited]
    Work.objects.filter(pk=edited.pk).update(title="Edited thrice")  # the trigger writes it at once again
    with connection.cursor() as cursor:  # make the stored row stale behind the triggers' back
        cursor.execute(f"UPDATE {search.FTS_TABLE} SET doc = 'stale' WHERE rowid = %s", [same.pk])
    assert rewritten_by_refresh([same.pk, edited.pk]) == [same.pk]
    assert list(Work.objects.search("unchanged")) == [same]


def rewritten_by_refresh(work_ids: list[int]) -> list[int]:
    """The rows `refresh_sqlite_works` deletes and writes again."""
    with CaptureQueriesContext(connection) as queries:
        search.refresh_sqlite_works(connection, work_ids)
    deletes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(f"DELETE FROM {search.FTS_TABLE}")]
    # The ids are one JSON array parameter, which the captured text shows quoted: json_each('[1, 2]').
    return [int(pk) for sql in deletes for pk in json.loads(sql.split("json_each('", 1)[1].split("')", 1)[0])]


def listed(title: str, entries: list[str]) -> bytes:
    """An article text with a numbered reference list."""
    lines = [f"{n}. {entry}" for n, entry in enumerate(entries, 1)]
    return f"{title}\n\nZelvarova A.B.\n\nIntroduction\n\nText.\n\nReferences\n\n".encode() + "\n".join(lines).encode()


FIRST_PRINTING = [
    "Zelvarov A.B. Water politics in Central Asia // Journal of Eurasian Studies. 2019. Vol. 5. P. 10-20. "
    "DOI: 10.1234/bench.1",
    "Kurmanova S. Transit corridors of the Caspian // Caspian Review. 2020. No. 2. P. 3-9. DOI: 10.1234/bench.2",
]
SECOND_PRINTING = [
    "Zelvarov, A. (2019). Water politics in Central Asia. Journal of Eurasian Studies, 5, 10-20. "
    "Quintessential. https://doi.org/10.1234/bench.1",
    "Kurmanova, S. (2020). Transit corridors of the Caspian. Caspian Review, (2), 3-9. https://doi.org/10.1234/bench.2",
]


@sqlite_only
def test_works_cited_again_in_other_words_gain_them_like_a_rebuild() -> None:
    """Re-cited works get the new words added to their stored rows, not rebuilt: the same rows as a rebuild."""
    first = import_file("first.txt", listed("Water and transit in Central Asia", FIRST_PRINTING))
    second = import_file("second.txt", listed("Caspian transit revisited", SECOND_PRINTING))
    assert (first.known, second.known) == (0, 2), second.error
    assert second.article_id is not None
    cited = Citation.objects.get(article_id=second.article_id, position=1).work
    assert list(Work.objects.search("quintessential")) == [cited]
    indexed = fts_rows()
    search.rebuild_sqlite_index(connection)
    assert fts_rows() == indexed


@sqlite_only
def test_a_work_past_its_cited_texts_is_not_rewritten_when_cited_again() -> None:
    import_file("first.txt", listed("Water and transit in Central Asia", FIRST_PRINTING))
    cited = Citation.objects.get(position=1).work
    for number in range(search.MAX_CITED_TEXTS - 1):
        article = Article.objects.create(
            work=Work.objects.create(title=f"Citing article {number}"), file_name=f"{number}.txt", sha256=str(number)
        )
        Citation.objects.create(article=article, work=cited, position=1, raw_text=f"Zelvarov A.B. word{number}x")
    with CaptureQueriesContext(connection) as queries:
        second = import_file("second.txt", listed("Caspian transit revisited", SECOND_PRINTING))
    assert second.known == 2, second.error
    rewritten = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(f"DELETE FROM {search.FTS_TABLE}")]
    assert not any(str(cited.pk) in sql.rsplit("(", 1)[1] for sql in rewritten)
    assert not Work.objects.search("quintessential").exists()
    indexed = fts_rows()
    search.rebuild_sqlite_index(connection)
    assert fts_rows() == indexed
