"""The database side of matching: records from works, blocking keys in `WorkKey`.

Keys live on canonical works only (see `blocking`): new works get their own,
a merge moves the merged work's keys to the canonical work, an undo rebuilds
both works' keys from their members. Lookups read at most `MAX_BLOCK + 1` rows
per key, whatever the library holds.

Per process, stop keys are remembered (blocks only grow) and no longer
written: a block is read only while it holds at most `MAX_BLOCK` works, so
rows past that would cost each import a random index insert for nothing.
Records are cached, stamped with the work's `updated_at` (every save changes it) and
whether it is an imported article: a batch of neighbours is validated with one
narrow query. Records missing from the cache are read from `StoredRecord`,
where every record built or adopted here is kept with its stamp; only stale
or unknown ones are rebuilt from the work's rows.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from importlib.metadata import version
from itertools import islice
from pathlib import Path
from typing import Any, Generic, TypeVar

from django.db import connection, models
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from bibliography.csl import WorkDraft
from bibliography.dedup import blocking as blocking_rules
from bibliography.dedup import records as record_rules
from bibliography.dedup.blocking import MAX_BLOCK, index_keys
from bibliography.dedup.records import RECORD_FIELDS, Record, make_record, matching_names
from bibliography.lib import skeleton as skeleton_rules
from bibliography.lib.bound_lists import SQLITE_IN_LIST, sqlite_list
from bibliography.models import STAMP_INDEX, Article, Citation, Contributor, Person, Role, StoredRecord, Work, WorkKey

CHUNK = 500
FETCH_KEYS = 200  # keys per lookup statement: SQLite allows 500 compound SELECTs (PostgreSQL: one LATERAL join)
MAX_CHAIN = 20
# Records kept as objects: ~0.9 GB at ~1.5 kB each, every canonical work of a 600,000-reference
# library. Past it a candidate is unpickled, which made dedup 1.9x as costly per article at
# 600,000 references as at 60,000 when only 100,000 were kept (docs/bench/import.md, session 12).
CACHE_SIZE = 600_000
# Memory for the pickled records behind the cache's objects (`RecordCache.packed`), and what
# each entry costs beyond its pickle (measured: ~200 bytes for the stamp, tuple and dict slot).
PACKED_CACHE_BYTES = 512 * 2**20
PACKED_OVERHEAD = 200
STOP_KEYS_SIZE = 1_000_000
Stamp = tuple[str, bool]  # `updated_at` as text, and whether the work is an imported article
Value = TypeVar("Value")


def record_version() -> str:
    """A digest of the code that turns a work into a record: a stored record made by other code is stale.

    The modules' source and the transliteration library's version: a change to a skeleton rule
    or a blocking key must not leave records built the old way in the library.
    """
    digest = hashlib.blake2b(version("unidecode").encode(), digest_size=6)
    for module in (record_rules, blocking_rules, skeleton_rules):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()


RECORD_VERSION = record_version()


def chunked(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """Lists of at most `size` values (SQLite limits the parameters of one query)."""
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def has_article() -> Exists:
    return Exists(Article.objects.filter(work=OuterRef("pk")))


def works_for_matching() -> QuerySet[Work]:
    """Works with their ordered names and whether they are an imported article, in three queries."""
    names = Contributor.objects.filter(role__in=[Role.AUTHOR, Role.EDITOR]).select_related("person")
    return Work.objects.annotate(has_article=has_article()).prefetch_related(
        Prefetch("contributors", queryset=names.order_by("role", "position"), to_attr="matching_names")
    )


def record_of(work: Work) -> Record:
    """The matching record of a work loaded through `works_for_matching` (or any work)."""
    contributors = getattr(work, "matching_names", None)
    if contributors is None:
        contributors = list(
            work.contributors.filter(role__in=[Role.AUTHOR, Role.EDITOR])
            .select_related("person")
            .order_by("role", "position")
        )
    people = [
        (c.role, {"family": c.person.family, "given": c.person.given, "literal": c.person.literal})
        for c in contributors
    ]
    names = matching_names(people)
    fields = {name: getattr(work, name) for name in RECORD_FIELDS}
    is_article = getattr(work, "has_article", None)
    if is_article is None:
        is_article = Article.objects.filter(work=work).exists()
    return make_record(work.pk, fields, names, is_article=bool(is_article))


def record_of_draft(draft: WorkDraft, work_id: int = 0) -> Record:
    """The record `build_records` will read back once this draft is written as a work (not an article).

    Its blocking keys are made here: an import builds it in an analysis worker, off the writing process.
    """
    names = matching_names([(name.role, name.person) for name in draft.names])
    return make_record(work_id, draft.fields, names).with_keys()


class StampedLru(Generic[Value]):
    """Values kept by work id while the stamp they were made for holds; past `budget` the least recent go.

    `budget` bounds the sum of `cost(value)` over the entries (by default their number).
    """

    def __init__(self, budget: int, cost: Callable[[Value], int] = lambda value: 1) -> None:
        self.budget, self.cost, self.total = budget, cost, 0
        self.entries: OrderedDict[int, tuple[Hashable, Value]] = OrderedDict()

    def __iter__(self) -> Iterator[int]:
        return iter(self.entries)

    def get(self, work_id: int, stamp: Hashable) -> Value | None:
        entry = self.entries.get(work_id)
        if entry is None or entry[0] != stamp:
            return None
        self.entries.move_to_end(work_id)
        return entry[1]

    def put(self, work_id: int, stamp: Hashable, value: Value) -> None:
        old = self.entries.pop(work_id, None)
        if old is not None:
            self.total -= self.cost(old[1])
        self.entries[work_id] = (stamp, value)
        self.total += self.cost(value)
        while self.total > self.budget and self.entries:
            _, (_, dropped) = self.entries.popitem(last=False)
            self.total -= self.cost(dropped)

    def clear(self) -> None:
        self.entries.clear()
        self.total = 0


class RecordCache:
    """Records of recently seen works, valid while the work's stamp is unchanged: two `StampedLru` tiers.

    Behind the `size` records kept as objects (~1.5 kB each, kept `lean`: without their
    blocking keys) sit the pickles of many more (`packed`, ~0.6 kB each, up to `packed_bytes`):
    each as `StoredRecord` holds it, put here whenever a record is stored or read from there.
    A candidate whose record fell out of the first tier is then unpickled (14 µs) rather than
    read from a table whose pages, in a library of millions of works, no cache keeps
    (`stored_records`).
    """

    def __init__(self, size: int = CACHE_SIZE, packed_bytes: int = PACKED_CACHE_BYTES) -> None:
        self.objects: StampedLru[Record] = StampedLru(size)
        self.packed: StampedLru[bytes] = StampedLru(packed_bytes, packed_cost)

    def get(self, work_id: int, stamp: Stamp) -> Record | None:
        return self.objects.get(work_id, stamp)

    def put(self, work_id: int, stamp: Stamp, record: Record) -> None:
        self.objects.put(work_id, stamp, record.lean())

    def get_packed(self, work_id: int, stored: str) -> bytes | None:
        """The pickled record of this work if it was made for the stamp `stored` (as in `StoredRecord`)."""
        return self.packed.get(work_id, stored)

    def put_packed(self, work_id: int, stored: str, data: bytes) -> None:
        self.packed.put(work_id, stored, data)

    def clear(self) -> None:
        self.objects.clear()
        self.packed.clear()


def packed_cost(data: bytes) -> int:
    """Memory one packed entry takes: its pickle and what holds it (stamp, tuple, dict slot)."""
    return len(data) + PACKED_OVERHEAD


CACHE = RecordCache()


def select(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Rows of a plain statement, without the ORM's per-value conversions."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def among(column: str) -> str:
    """`column` is one of the values of a list bound as one parameter (see `as_list`)."""
    return f"{column} {in_list()}"


def in_list() -> str:
    """`IN` a list bound as one parameter: `= ANY(%s)` on PostgreSQL, `IN (... json_each(%s))` on SQLite.

    One parameter instead of one per value keeps the statement's text the same
    whatever the list's length, so that the driver's statement cache serves it,
    and needs no chunks below SQLite's limit on parameters.
    """
    return "= ANY(%s)" if connection.vendor == "postgresql" else SQLITE_IN_LIST


def as_list(values: Sequence[Any]) -> Any:
    """The parameter for `among`: an array on PostgreSQL, a JSON array on SQLite."""
    return list(values) if connection.vendor == "postgresql" else sqlite_list(values)


def stamp_sql(columns: Sequence[str], canonical_only: bool) -> str:
    """`SELECT id, updated_at, columns, <has article> FROM work WHERE id among (...)`: the stamp as stored."""
    quote = connection.ops.quote_name
    work, article = quote(Work._meta.db_table), quote(Article._meta.db_table)
    # The stamp as text: it is only compared, and a datetime column is parsed into an object row by row.
    selected = ", ".join(
        [f"w.{quote('id')}", f"CAST(w.{quote('updated_at')} AS TEXT)"] + [f"w.{quote(c)}" for c in columns]
    )
    exists = f"EXISTS (SELECT 1 FROM {article} a WHERE a.work_id = w.id)"
    where = among("w.id") + (" AND w.merged_into_id IS NULL" if canonical_only else "")
    return f"SELECT {selected}, {exists} FROM {work} w{stamp_index_hint(columns)} WHERE {where}"


def stamp_index_hint(columns: Sequence[str]) -> str:
    """SQLite: read a stamp alone from the narrow `STAMP_INDEX`, never from the row.

    Its planner would find each work through the `merged_into` index and then
    read the row for `updated_at`: one page of a ~1 kB-wide table per candidate,
    which at 600,000 references (a 5 GB file) no cache keeps and which cost
    12 µs a work against 3 µs at 60,000. PostgreSQL plans an index-only scan itself.
    """
    return f" INDEXED BY {STAMP_INDEX}" if connection.vendor == "sqlite" and not columns else ""


def build_records(ids: Iterable[int], canonical_only: bool = False) -> dict[int, Record]:
    """Records of the given works, read from the database (two statements per chunk) and cached."""
    records = {}
    for chunk in chunked(ids):
        rows = select(stamp_sql(RECORD_FIELDS, canonical_only), [as_list(chunk)])
        names = names_of([row[0] for row in rows])
        stamped = []
        for pk, updated_at, *values, article in rows:
            fields = dict(zip(RECORD_FIELDS, values, strict=True))
            record = make_record(pk, fields, matching_names(names[pk]), is_article=bool(article))
            CACHE.put(pk, (updated_at, bool(article)), record)
            records[pk] = record
            stamped.append((updated_at, record))
        store_records(stamped)
    return records


def adopt_records(drafted: Mapping[int, Record], canonical_only: bool = False) -> dict[int, Record]:
    """Records its writer built from the values it has just inserted, checked and cached: one narrow statement.

    An import computes each new work's record from its draft in the analysis
    workers (`make_record` over the same columns and names that
    `build_records` reads back), so the writing process only reads the stamps.
    Works that are gone (or merged, with `canonical_only`) are left out.
    """
    records = {}
    stamped = []
    for chunk in chunked(drafted):
        for pk, updated_at, article in select(stamp_sql((), canonical_only), [as_list(chunk)]):
            record = as_article(drafted[pk], bool(article))
            kept = record.lean()  # once for the cache and the stored pickle; the batch uses the keys
            CACHE.put(pk, (updated_at, bool(article)), kept)
            records[pk] = record
            stamped.append((updated_at, kept))
    store_records(stamped)
    return records


def as_article(record: Record, article: bool) -> Record:
    """The record with `is_article` as the database has it now (an article may cite-import its own work)."""
    return record if record.is_article == article else dataclasses.replace(record, is_article=article)


def names_of(ids: list[int]) -> dict[int, list[tuple[str, dict[str, str]]]]:
    """(role, person columns) of the authors and editors of these works, in order."""
    names: dict[int, list[tuple[str, dict[str, str]]]] = defaultdict(list)
    if not ids:
        return names
    quote = connection.ops.quote_name
    sql = (
        f"SELECT c.work_id, c.role, p.family, p.given, p.literal FROM {quote(Contributor._meta.db_table)} c "
        f"JOIN {quote(Person._meta.db_table)} p ON p.id = c.person_id "
        f"WHERE {among('c.work_id')} AND c.role IN (%s, %s) ORDER BY c.work_id, c.role, c.position"
    )
    for work_id, role, family, given, literal in select(sql, [as_list(ids), Role.AUTHOR.value, Role.EDITOR.value]):
        names[work_id].append((role, {"family": family, "given": given, "literal": literal}))
    return names


def load_records(ids: Iterable[int], canonical_only: bool = False) -> dict[int, Record]:
    """Records of the given works: cached ones after one narrow check, then stored ones, the others rebuilt."""
    records: dict[int, Record] = {}
    uncached: dict[int, Stamp] = {}
    for chunk in chunked(set(ids)):
        for pk, updated_at, article in select(stamp_sql((), canonical_only), [as_list(chunk)]):
            cached = CACHE.get(pk, (updated_at, bool(article)))
            if cached is None:
                uncached[pk] = (updated_at, bool(article))
            else:
                records[pk] = cached
    stored = stored_records(uncached)
    records.update(stored)
    records.update(build_records(uncached.keys() - stored.keys()))
    return records


class RecordUnpickler(pickle.Unpickler):
    """Reads pickled records and nothing else: `find_class` is pickle's only way to reach code."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (Record.__module__, Record.__name__):
            return Record
        raise pickle.UnpicklingError(f"a stored record may not refer to {module}.{name}")


def stored_stamp(updated_at: str) -> str:
    return f"{RECORD_VERSION}|{updated_at}"


def store_records(stamped: Sequence[tuple[str, Record]]) -> None:
    """Keep these records with the `updated_at` they were built for (one statement per chunk)."""
    if not stamped:
        return
    table = connection.ops.quote_name(StoredRecord._meta.db_table)
    postgres = connection.vendor == "postgresql"
    # PostgreSQL: one statement of three arrays (a row per statement costs a round trip to the server).
    source = "SELECT * FROM unnest(%s::bigint[], %s::text[], %s::bytea[])" if postgres else "VALUES (%s, %s, %s)"
    sql = (
        f"INSERT INTO {table} (work_id, stamp, data) {source} "
        "ON CONFLICT (work_id) DO UPDATE SET stamp = excluded.stamp, data = excluded.data"
    )
    # One row per work: PostgreSQL refuses to upsert a row twice in one statement.
    latest = {rec.id: (updated_at, rec) for updated_at, rec in stamped}
    rows = [
        (pk, stored_stamp(updated_at), pickle.dumps(rec.lean(), protocol=5)) for pk, (updated_at, rec) in latest.items()
    ]
    for pk, stamp, data in rows:
        CACHE.put_packed(pk, stamp, data)
    with connection.cursor() as cursor:
        for chunk in chunked(rows):
            if postgres:
                cursor.execute(sql, [list(column) for column in zip(*chunk, strict=True)])
            else:
                cursor.executemany(sql, chunk)


def stored_records(stamps: Mapping[int, Stamp]) -> dict[int, Record]:
    """The stored records of these works that are still valid for their stamps, put in the cache.

    Pickles the cache holds (`RecordCache.packed`) are read from there, the others from the table.
    One that cannot be read (damaged) counts as stale: it is rebuilt from the rows, never trusted.
    """
    found = {}
    unpacked = []
    for pk, stamp in stamps.items():
        data = CACHE.get_packed(pk, stored_stamp(stamp[0]))
        if data is None:
            unpacked.append(pk)
        elif (record := cache_unpickled(pk, data, stamp)) is not None:
            found[pk] = record
    table = connection.ops.quote_name(StoredRecord._meta.db_table)
    sql = f"SELECT work_id, stamp, data FROM {table} WHERE {among('work_id')}"
    for chunk in chunked(unpacked):
        for pk, stored, data in select(sql, [as_list(chunk)]):
            data = bytes(data)
            if stored != stored_stamp(stamps[pk][0]) or (record := cache_unpickled(pk, data, stamps[pk])) is None:
                continue
            CACHE.put_packed(pk, stored, data)
            found[pk] = record
    return found


def cache_unpickled(pk: int, data: bytes, stamp: Stamp) -> Record | None:
    """The record pickled in `data`, cached for `stamp`, if it is this work's (None if damaged or foreign)."""
    try:
        record = RecordUnpickler(io.BytesIO(data)).load()
    except (pickle.UnpicklingError, EOFError, TypeError, ValueError):
        return None
    if not isinstance(record, Record) or record.id != pk:
        return None
    record = as_article(record, stamp[1])
    CACHE.put(pk, stamp, record)
    return record


def columns_of(model: type[models.Model], alias: str) -> str:
    """The model's concrete columns, qualified: what a raw query selects to build instances."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields)


def locked_works(ids: Sequence[int]) -> dict[int, Work]:
    """The works, row-locked on PostgreSQL: `select_for_update().in_bulk()` without compiling a query.

    A raw query of fixed text costs a tenth of the ORM's compilation, which an import pays once per
    article for the few works it merges.
    """
    table = connection.ops.quote_name(Work._meta.db_table)
    lock = " FOR UPDATE" if connection.vendor == "postgresql" else ""
    sql = f"SELECT {columns_of(Work, 'w')} FROM {table} w WHERE {among('w.id')}{lock}"
    return {work.pk: work for work in Work.objects.raw(sql, [as_list(list(ids))])}


def contributors_with_people(work_ids: Sequence[int]) -> dict[int, list[Contributor]]:
    """Each work's contributors in role and position order, their people attached (two raw queries)."""
    quote = connection.ops.quote_name
    contributor_table, person_table = quote(Contributor._meta.db_table), quote(Person._meta.db_table)
    order = f"c.{quote('role')}, c.{quote('position')}"
    sql = (
        f"SELECT {columns_of(Contributor, 'c')} FROM {contributor_table} c WHERE {among('c.work_id')} ORDER BY {order}"
    )
    contributors = list(Contributor.objects.raw(sql, [as_list(list(work_ids))]))
    people_ids = sorted({contributor.person_id for contributor in contributors})
    people_sql = f"SELECT {columns_of(Person, 'p')} FROM {person_table} p WHERE {among('p.id')}"
    people = {person.pk: person for person in Person.objects.raw(people_sql, [as_list(people_ids)])}
    names: dict[int, list[Contributor]] = defaultdict(list)
    for contributor in contributors:
        contributor.person = people[contributor.person_id]
        names[contributor.work_id].append(contributor)
    return names


def citations_of(work_ids: Sequence[int]) -> list[tuple[int, int]]:
    """(citation id, work id) of these works' citations, in id order."""
    table = connection.ops.quote_name(Citation._meta.db_table)
    sql = f"SELECT c.id, c.work_id FROM {table} c WHERE {among('c.work_id')} ORDER BY c.id"
    return [(pk, work_id) for pk, work_id in select(sql, [as_list(list(work_ids))])]


class StopKeys:
    """Keys seen with more than `MAX_BLOCK` works: blocks only grow, so they are not read again.

    Nor written (`add_keys`): their rows in `WorkKey` stop at about `MAX_BLOCK + 1`. Should merges
    bring such a block back to the cap, it is read, compared like any block, and written to
    until it is past the cap once more.
    """

    def __init__(self, size: int = STOP_KEYS_SIZE) -> None:
        self.size = size
        self.keys: set[str] = set()

    def add(self, key: str) -> None:
        if len(self.keys) >= self.size:
            self.keys.clear()
        self.keys.add(key)

    def clear(self) -> None:
        self.keys.clear()


STOP_KEYS = StopKeys()


def fetch_blocks(keys: Iterable[str], limit: int = MAX_BLOCK + 1) -> dict[str, set[int]]:
    """The works holding each key, at most `limit` per key, in one statement per `FETCH_KEYS` keys.

    A key with `limit` rows is a stop key: it is returned (so callers see it is one) and remembered,
    and not read again. Reading no more than that keeps a lookup's cost independent of how many
    works share a common surname or title word.
    """
    blocks: dict[str, set[int]] = defaultdict(set)
    wanted = sorted(set(keys) - STOP_KEYS.keys)
    for chunk in chunked(wanted, FETCH_KEYS):
        for key, work_id in block_rows(chunk, limit):
            blocks[key].add(work_id)
    for key, ids in blocks.items():
        if len(ids) >= limit:
            STOP_KEYS.add(key)
    return dict(blocks)


def block_rows(keys: list[str], limit: int) -> Iterator[tuple[str, int]]:
    """(key, work id) for at most `limit` works per key, in one statement whose text never changes.

    PostgreSQL joins each key laterally to its first rows; SQLite, which has no
    lateral join, reads each key's first rows in a correlated subquery.
    """
    table = connection.ops.quote_name(WorkKey._meta.db_table)
    key_column = connection.ops.quote_name("key")
    first_rows = f"SELECT work_id FROM {table} WHERE {key_column} = wanted.k LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = (
                "SELECT wanted.k, block.work_id FROM unnest(%s::text[]) AS wanted(k) "
                f"CROSS JOIN LATERAL ({first_rows}) AS block"
            )
            cursor.execute(sql, [keys])
            yield from cursor.fetchall()
            return
        sql = (
            f"SELECT wanted.k, (SELECT group_concat(work_id) FROM ({first_rows})) "
            "FROM (SELECT value AS k FROM json_each(%s)) AS wanted"
        )
        cursor.execute(sql, [sqlite_list(keys)])
        for key, ids in cursor.fetchall():
            if ids:
                yield from ((key, int(work_id)) for work_id in ids.split(","))


def add_keys(rows: Iterable[tuple[int, str]]) -> None:
    """Store (work, key) rows, one statement per `CHUNK`; a key a work already holds is kept once.

    Rows of the stop keys this process has met are left out. Their blocks already hold more
    than `MAX_BLOCK` works, so no lookup reads them, and in a large library they are a good
    share of all keys (a common title word, a site's URL): each row would be one more random
    insert into the key index, the largest share of the pages an article's commit writes.
    """
    table = connection.ops.quote_name(WorkKey._meta.db_table)
    key_column = connection.ops.quote_name("key")
    if connection.vendor == "postgresql":
        source = "SELECT * FROM unnest(%s::bigint[], %s::text[])"
    else:  # `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT
        source = "SELECT value ->> 0, value ->> 1 FROM json_each(%s) WHERE true"
    sql = f"INSERT INTO {table} (work_id, {key_column}) {source} ON CONFLICT DO NOTHING"
    with connection.cursor() as cursor:
        for chunk in chunked(sorted({row for row in rows if row[1] not in STOP_KEYS.keys})):
            cursor.execute(sql, key_params(chunk))


def key_params(rows: list[tuple[int, str]]) -> list[Any]:
    """`add_keys`'s parameters: two arrays on PostgreSQL, one JSON array of pairs on SQLite."""
    if connection.vendor == "postgresql":
        return [[work_id for work_id, _ in rows], [key for _, key in rows]]
    return [sqlite_list(rows)]


def write_keys(records: Sequence[Record]) -> None:
    """Add the blocking keys of these works (their existing keys stay)."""
    add_keys((rec.id, key) for rec in records for key in index_keys(rec))


def move_keys(moves: Mapping[int, int], extra: Iterable[tuple[int, str]] = ()) -> None:
    """Hand merged works' keys to their canonical works (plus `extra` rows); merged works keep none."""
    rows = set(extra)
    for chunk in chunked(moves):
        pairs = WorkKey.objects.filter(work_id__in=chunk).values_list("work_id", "key")
        rows.update((moves[work_id], key) for work_id, key in pairs)
    add_keys(rows)
    for chunk in chunked(moves):
        WorkKey.objects.filter(work_id__in=chunk).delete()


def member_ids(work_id: int) -> set[int]:
    """The work and every work merged into it, directly or through a chain."""
    members, frontier = {work_id}, [work_id]
    for _ in range(MAX_CHAIN):
        if not frontier:
            break
        found = set(Work.objects.filter(merged_into__in=frontier).values_list("pk", flat=True)) - members
        members |= found
        frontier = list(found)
    return members


def refresh_keys(*works: Work) -> None:
    """Rebuild the keys of works from their own fields and those of their members (undo).

    A work that is itself merged by now (an old merge undone) files them under its canonical work.
    """
    for work in works:
        holder = canonical_ids([work.pk])[work.pk]
        WorkKey.objects.filter(work_id=work.pk).delete()
        records = build_records(member_ids(work.pk))
        add_keys((holder, key) for rec in records.values() for key in index_keys(rec))


def canonical_ids(ids: Iterable[int]) -> dict[int, int]:
    """Map work ids to the canonical work that stands for them (following merge chains)."""
    resolved = {i: i for i in ids}
    for _ in range(MAX_CHAIN):
        hops: dict[int, int] = {}
        for chunk in chunked(set(resolved.values())):
            rows = Work.objects.filter(pk__in=chunk, merged_into__isnull=False).values_list("pk", "merged_into")
            hops.update((work_id, target) for work_id, target in rows if target is not None)
        if not hops:
            break
        resolved = {work_id: hops.get(target, target) for work_id, target in resolved.items()}
    return resolved
