"""Cross-process locks for the library's write step and for background jobs.

Two imports running at once (two `db_worker`s, two `import_articles`) that
cite the same new work must create it once. The unique DOI constraint alone
would turn that race into a failed import, and a work without a DOI has no
constraint to lean on: dedup only sees committed rows, so two transactions
would each miss the other's new work. So the write step of every article
(DOI reuse, people reuse, inserts, `process_new_works`) runs under one lock;
parsing, which is most of an import's CPU, stays parallel.

- PostgreSQL: a transaction-level advisory lock (`pg_advisory_xact_lock`),
  released by the commit or rollback, so a killed process cannot leave it
  behind; it works across machines because it lives in the database.
- SQLite: every transaction already begins with `BEGIN IMMEDIATE`
  (`transaction_mode` in settings), which takes the database's write lock.

Job liveness uses the two-key advisory form, whose key space does not
overlap the one-key form: a running job holds a session lock on its own id,
so whoever can take that lock knows the job's worker is gone.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections

LIBRARY_WRITE_KEY = 0x6C69625F77726974  # "lib_writ": one bigint shared by every writer
JOB_NAMESPACE = 0x6A6F62  # "job": first key of the two-key liveness locks


def is_postgres(using: str = DEFAULT_DB_ALIAS) -> bool:
    return connections[using].vendor == "postgresql"


def lock_library_writes(using: str = DEFAULT_DB_ALIAS) -> None:
    """Wait for, then hold until the end of the current transaction, the library write lock.

    Call it first thing inside the transaction that writes an article, so
    every read the write step makes already sees what the previous holder
    committed.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    if not connection.in_atomic_block:
        raise RuntimeError("lock_library_writes() needs a transaction: it is released at commit")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LIBRARY_WRITE_KEY])


@contextmanager
def library_writes_locked(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Hold the library write lock across many transactions (a whole-library job such as find_duplicates).

    A session lock: the database releases it if the process dies.
    """
    if not is_postgres(using):
        yield
        return
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LIBRARY_WRITE_KEY])
    try:
        yield
    finally:
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LIBRARY_WRITE_KEY])


@contextmanager
def job_alive(job_id: str, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Hold the liveness lock of a running job for as long as it runs (PostgreSQL; a no-op elsewhere)."""
    if not is_postgres(using):
        yield
        return
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", [JOB_NAMESPACE, job_id])
    try:
        yield
    finally:
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", [JOB_NAMESPACE, job_id])


def job_is_orphaned(job_id: str, using: str = DEFAULT_DB_ALIAS) -> bool:
    """True when no live session holds the job's liveness lock (call inside a transaction).

    The probe lock is transaction-scoped, so it is let go at commit and a
    worker that claims the job afterwards can take it.
    """
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s, hashtext(%s))", [JOB_NAMESPACE, job_id])
        return bool(cursor.fetchone()[0])
