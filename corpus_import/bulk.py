"""Bulk inserts for the import, with their audit-history records.

An import writes ~250 rows per article. Model instances and Django's
`bulk_create` cost more than the insert itself (each instance's `__init__`,
per-value expression checks when compiling). The import's rows are plain
column values computed in its analysis workers, so `insert_values` turns each
value into its database form with the field's own `get_db_prep_save` and
sends one multi-row `INSERT ... RETURNING id` per chunk.

simple_history's bulk helper would rebuild every row in Python a second time;
the rows are already in the table, so the database copies them into the
history table with one `INSERT ... SELECT` per model and article: the same
`+` records, a fraction of the work.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from functools import cache
from typing import Any

import psycopg
from django.db import connection, models
from django.utils import timezone

from bibliography.dedup.bulk import history_insert, history_now
from bibliography.dedup.store import as_list, in_list
from corpus_import.checkpoint import WalCheckpointer

# Write-ahead log pages (4 KiB) past which a batch import's writer copies them back itself: only
# when the background checkpointer (corpus_import.checkpoint) has fallen that far behind.
BULK_WAL_PAGES = 262144
# SQLite page cache (KiB) a batch import may fill: the pages its index inserts keep revisiting.
BULK_CACHE_KIB = 1048576
# Bytes of the file SQLite reads through a memory map instead of copying pages (capped at 2 GiB by
# SQLite's default build): the pages of a large library's indexes cost no system call once mapped.
BULK_MMAP_BYTES = 2**31
BULK_PRAGMAS = {"wal_autocheckpoint": BULK_WAL_PAGES, "cache_size": -BULK_CACHE_KIB, "mmap_size": BULK_MMAP_BYTES}
CHUNK = 500
# What wraps each transaction of a batch import (see `bulk_load`).
TransactionGuard = Callable[[], AbstractContextManager[None]]
MAX_PARAMETERS = 30000


def record_creation(model: type[models.Model], ids: Sequence[int], reason: str) -> None:
    """Write the `+` history records of freshly inserted rows of `model`."""
    if not ids:
        return
    sql = f"{history_insert(model, '%s, %s, %s, NULL')} {in_list()}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [history_now(model), reason[:100], "+", as_list(ids)])


PLAIN_FIELDS = (models.CharField, models.TextField, models.IntegerField, models.FloatField, models.BooleanField)


@dataclass(frozen=True)
class Column:
    """One inserted column: its field, and whether its Python value goes to the driver as is."""

    field: models.Field  # type: ignore[type-arg]
    plain: bool
    stamped: bool  # auto_now / auto_now_add: the time of the insert


@cache
def insert_columns(model: type[models.Model]) -> tuple[Column, ...]:
    """Every concrete column but the primary key, in table order."""
    columns = []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        plain = isinstance(field, PLAIN_FIELDS) or (field.is_relation and not field.many_to_many)
        stamped = bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))
        columns.append(Column(field, plain, stamped))
    return tuple(columns)


def row_params(columns: Sequence[Column], row: Mapping[str, Any], defaults: Sequence[Any]) -> list[Any]:
    """The database values of one row; a column the row lacks (or leaves None, if stamped) takes its default."""
    params = []
    for column, default in zip(columns, defaults, strict=True):
        value = row.get(column.field.attname)
        if value is None and (column.stamped or column.field.attname not in row):
            params.append(default)
        else:
            params.append(value if column.plain else column.field.get_db_prep_save(value, connection))
    return params


def column_defaults(columns: Sequence[Column]) -> list[Any]:
    """Each column's default, in its database form, for one insert (stamped columns: the time now)."""
    now = timezone.now()
    values = [now if column.stamped else column.field.get_default() for column in columns]
    return [
        value if column.plain else column.field.get_db_prep_save(value, connection)
        for column, value in zip(columns, values, strict=True)
    ]


def insert_values(
    model: type[models.Model], rows: Sequence[Mapping[str, Any]], ids: Sequence[int] | None = None
) -> list[int]:
    """Insert rows given as {attname: value}; return their primary keys, in order.

    `ids`: primary keys reserved beforehand (`reserve_ids`), one per row;
    otherwise the database assigns them.
    """
    if not rows:
        return []
    columns = insert_columns(model)
    defaults = column_defaults(columns)
    values = [row_params(columns, row, defaults) for row in rows]
    if ids is not None:
        values = [[pk, *row] for pk, row in zip(ids, values, strict=True)]
    fields = ([model._meta.pk] if ids is not None else []) + [column.field for column in columns]
    if connection.vendor == "postgresql":
        return insert_arrays(model, fields, values)
    return insert_rows(model, fields, values)


def insert_rows(model: type[models.Model], fields: Sequence[models.Field], values: list[list[Any]]) -> list[int]:  # type: ignore[type-arg]
    """One multi-row `INSERT ... VALUES ... RETURNING` per chunk (SQLite)."""
    quote = connection.ops.quote_name
    pk = quote(model._meta.pk.column)
    names = ", ".join(quote(field.column) for field in fields)
    placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, min(CHUNK, MAX_PARAMETERS // len(fields)))
    inserted: list[int] = []
    for start in range(0, len(values), size):
        chunk = values[start : start + size]
        sql = (
            f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES {', '.join([placeholders] * len(chunk))} "
            f"RETURNING {pk}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for row in chunk for value in row])
            inserted += [found[0] for found in cursor.fetchall()]
    return inserted


def insert_arrays(model: type[models.Model], fields: Sequence[models.Field], values: list[list[Any]]) -> list[int]:  # type: ignore[type-arg]
    """One `INSERT ... SELECT * FROM unnest(arrays) RETURNING` (PostgreSQL): one array per column.

    The arrays go to the server as parameters, in binary, through a
    server-side-binding cursor on the same connection (and transaction).
    Django's cursors bind on the client: they quote every value into the
    statement's text in Python, which took a third of the importing
    process's time (sampled with py-spy over 1,000 articles), and the
    text, kilobytes long, was scanned for placeholders again each time.
    Django's own `bulk_create` inserts through `unnest` on PostgreSQL too.
    """
    sql = unnest_insert_sql(model, tuple(fields))
    connection.ensure_connection()
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, [list(column) for column in zip(*values, strict=True)])
        return [found[0] for found in cursor.fetchall()]


@cache
def unnest_insert_sql(model: type[models.Model], fields: tuple[models.Field, ...]) -> str:  # type: ignore[type-arg]
    """The text of `insert_arrays`' statement (each column's type is looked up once)."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(field.column) for field in fields)
    arrays = ", ".join(f"%b::{field.db_type(connection)}[]" for field in fields)
    return (
        f"INSERT INTO {quote(model._meta.db_table)} ({names}) SELECT * FROM unnest({arrays}) "
        f"RETURNING {quote(model._meta.pk.column)}"
    )


def first_pk(model: type[models.Model], column: str, value: Any, also: str = "") -> int | None:
    """The smallest primary key of a `model` row whose `column` equals `value` (and `also`, SQL), or None.

    For the checks an import makes of every article (is this file's text, or its
    name, known already?): the answer is almost always no, and a queryset's
    compilation cost ten times the indexed lookup it compiles to.
    """
    quote = connection.ops.quote_name
    pk = quote(model._meta.pk.column)
    condition = f"{quote(column)} = %s" + (f" AND {also}" if also else "")
    sql = f"SELECT MIN({pk}) FROM {quote(model._meta.db_table)} WHERE {condition}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [value])
        row = cursor.fetchone()
    return row[0] if row else None


def update_row(model: type[models.Model], pk: int, values: Mapping[str, Any]) -> None:
    """`UPDATE` one row's columns given as {attname: value} (as `QuerySet.update`, without compiling one)."""
    quote = connection.ops.quote_name
    columns = {field.attname: field for field in model._meta.concrete_fields}
    assignments = ", ".join(f"{quote(columns[name].column)} = %s" for name in values)
    params = [columns[name].get_db_prep_save(value, connection) for name, value in values.items()]
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, pk])


def insert_with_history(
    model: type[models.Model], rows: Sequence[Mapping[str, Any]], reason: str, ids: Sequence[int] | None = None
) -> list[int]:
    """Insert the rows, then have the database copy them into the history table."""
    inserted = insert_values(model, rows, ids)
    record_creation(model, inserted, reason)
    return inserted


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys no other row has or will get, before inserting the rows.

    For writing rows that point at rows not inserted yet: the foreign keys are
    checked at commit (Django declares them DEFERRABLE INITIALLY DEFERRED).
    PostgreSQL takes them from the table's sequence. SQLite's AUTOINCREMENT
    counter is the documented, writable `sqlite_sequence` row, which this
    advances; the caller holds SQLite's write lock (`BEGIN IMMEDIATE`), so
    nothing else inserts in between.
    """
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, model._meta.pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor != "sqlite":
            raise NotImplementedError(f"reserving ids on {connection.vendor}")
        cursor.execute("UPDATE sqlite_sequence SET seq = seq + %s WHERE name = %s RETURNING seq", [count, table])
        found = cursor.fetchone()
        if found is None:
            quote = connection.ops.quote_name
            cursor.execute(f"SELECT COALESCE(MAX({quote(model._meta.pk.column)}), 0) FROM {quote(table)}")
            last = cursor.fetchone()[0] + count
            cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, last])
        else:
            last = found[0]
    return list(range(last - count + 1, last + 1))


# CPython's cycle collector during a batch import: allocations between two collections of the youngest
# generation (default 700), young collections per middle one (default 10), middle ones per full one (10).
BULK_GC_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cycle collector less often during a batch import; its thresholds are restored after.

    Writing one article allocates hundreds of thousands of objects that live as long as that
    article's transaction (its rows, the dedup records of its candidates read back from storage)
    and die by reference counting. With the default thresholds the collector examines them a
    thousand times per article and moves the survivors into the oldest generation, whose full
    collections then traverse the whole record cache: a cost that grows with the library. With
    300 articles imported into a library of 20,000 the writer spent 99-101 ms of CPU per article,
    85-88 ms with these thresholds; into one of 2,000, about 1 ms less (docs/bench/import.md).
    Cycles are still collected, only later.
    """
    previous = gc.get_threshold()
    gc.set_threshold(*BULK_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


@contextmanager
def bulk_load() -> Iterator[TransactionGuard]:
    """Settings for a batch of article transactions, restored after it; each article still commits alone.

    The cycle collector runs less often (`fewer_collections`), and the database's own settings
    change (`database_bulk_load`).
    """
    with fewer_collections(), database_bulk_load() as guard:
        yield guard


@contextmanager
def database_bulk_load() -> Iterator[TransactionGuard]:
    """The database's settings for a batch of article transactions (see `bulk_load`).

    Yields what must wrap each of the batch's transactions (`WalCheckpointer.transaction`
    for a SQLite file, else nothing).

    SQLite: see `sqlite_bulk_load`. PostgreSQL: commits do not wait for the
    log to reach the disk (`synchronous_commit = off`): each commit waited
    about 2 ms for an fsync, a tenth of an article's write. A crash of the
    machine can lose the last fraction of a second of committed articles,
    never part of one (the server's log writer flushes every 200 ms), and
    importing the files again brings them back; SQLite's write-ahead log with
    `synchronous=NORMAL` makes the same trade. Nothing else in the
    connection changes.
    """
    if connection.vendor == "sqlite":
        with sqlite_bulk_load() as guard:
            yield guard
        return
    if connection.vendor != "postgresql":
        yield nullcontext
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield nullcontext
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


@contextmanager
def sqlite_bulk_load() -> Iterator[TransactionGuard]:
    """Let SQLite copy its write-ahead log back less often, and cache more, during a batch import.

    Each commit appends the pages it changed to the log, and every 1,000
    pages (the default) SQLite copies them back into the database file. An
    import changes hundreds of pages per article, many of them the same
    ones each time (index interiors, the search index's newest segments):
    with a longer log each is copied back once per batch of commits rather
    than once per commit. Durability is unchanged.

    Each article inserts into a dozen indexes at places spread over the
    whole key range, so the pages an import keeps touching grow with the
    library: past the connection's usual cache every insert re-reads index
    pages from the operating system. For the batch the cache may grow to
    BULK_CACHE_KIB (allocated only as pages are read), and the first
    BULK_MMAP_BYTES of the file are read through a memory map, which costs
    no system call and no copy per page once mapped (at 600,000 references
    the file is 5 GB; in one run each, the writer's CPU per article grew 11%
    over the 1x run with the map and 17% without, though the machine itself
    slowed 7% during the latter: docs/bench/import.md).

    A file database's log is copied back by a `WalCheckpointer` thread, so
    the writer does not wait for the disk; BULK_WAL_PAGES (1 GiB) only
    bounds the log should that thread fall behind.
    """
    previous = {pragma: sqlite_pragma(pragma) for pragma in BULK_PRAGMAS}
    for pragma, value in BULK_PRAGMAS.items():
        sqlite_pragma(pragma, value)
    try:
        with checkpoints_in_background() as checkpointer:
            yield nullcontext if checkpointer is None else checkpointer.transaction
    finally:
        for pragma, value in previous.items():
            sqlite_pragma(pragma, value)


@contextmanager
def checkpoints_in_background() -> Iterator[WalCheckpointer | None]:
    """A `WalCheckpointer` for the connection's database file while the block runs; None in memory."""
    path = sqlite_file()
    if path is None:
        yield None
        return
    with WalCheckpointer(path) as checkpointer:
        yield checkpointer


def sqlite_file() -> str | None:
    """The connection's database file if it is one in write-ahead-log mode (not an in-memory database)."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
        cursor.execute("PRAGMA database_list")
        files = {name: file for _seq, name, file in cursor.fetchall()}
    return files.get("main") or None if str(mode).lower() == "wal" else None


def sqlite_pragma(name: str, value: int | None = None) -> int:
    """Read a numeric pragma, or set it and return the new value (0 where it does not apply: `mmap_size` in memory)."""
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}" if value is None else f"PRAGMA {name}={int(value)}")
        if value is not None:
            cursor.execute(f"PRAGMA {name}")
        row = cursor.fetchone()
        return int(row[0]) if row else 0


# The tables an import grows, and how often (in articles) a batch import looks at their statistics.
IMPORT_TABLES = (
    "bibliography_work",
    "bibliography_citation",
    "bibliography_person",
    "bibliography_contributor",
    "bibliography_mention",
    "bibliography_workkey",
    "bibliography_search_word",
)
STATISTICS_EVERY = 100


def analyze_grown_tables() -> list[str]:
    """PostgreSQL: ANALYZE the import's tables that grew by a tenth since their statistics were taken.

    Autovacuum's rule, applied by the import itself: a batch import can
    multiply a table's size in minutes, and plans made on the old statistics
    go bad (a sequential scan chosen for a table that was small). Trigger
    functions keep their plans until the statistics change, so one made on
    an empty table would scan every row of the grown one for each article.
    Returns the tables analysed; does nothing on SQLite, whose planner
    prefers indexes without statistics.
    """
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE relname = ANY(%s) "
            "AND n_mod_since_analyze > 50 + greatest(n_live_tup - n_mod_since_analyze, 0)",
            [list(IMPORT_TABLES)],
        )
        grown = [row[0] for row in cursor.fetchall()]
        for table in grown:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return grown
