"""The background checkpointer a batch import runs beside its SQLite writer (corpus_import.checkpoint)."""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import nullcontext
from pathlib import Path

import pytest
from django.db import connection

from corpus_import.bulk import TransactionGuard
from corpus_import.checkpoint import WalCheckpointer

PAGE = 4096
ROWS_PER_COMMIT = 12  # about a dozen pages each, as an article's commit touches hundreds
COMMITS = 150


def writer(path: Path) -> sqlite3.Connection:
    """A writer like the import's: WAL, synchronous=NORMAL, and no checkpoints of its own."""
    database = sqlite3.connect(path, isolation_level=None)
    database.execute("PRAGMA journal_mode=WAL")
    database.execute("PRAGMA synchronous=NORMAL")
    database.execute("PRAGMA wal_autocheckpoint=0")
    database.execute("CREATE TABLE IF NOT EXISTS page (id INTEGER PRIMARY KEY, body BLOB)")
    return database


def write_commits(database: sqlite3.Connection, guard: TransactionGuard = nullcontext, start: int = 0) -> None:
    """Commit COMMITS transactions of fresh pages, from number `start`, each inside `guard` (as `import_many`)."""
    for commit in range(start, start + COMMITS):
        with guard():
            database.execute("BEGIN IMMEDIATE")
            rows = [(commit * ROWS_PER_COMMIT + i, os.urandom(PAGE)) for i in range(ROWS_PER_COMMIT)]
            database.executemany("INSERT INTO page VALUES (?, ?)", rows)
            time.sleep(0.001)  # the rest of an article's work
            database.execute("COMMIT")


def log_bytes(path: Path) -> int:
    return Path(f"{path}-wal").stat().st_size


def restarted_short(checkpointer: WalCheckpointer, path: Path, commits: int) -> bool:
    """The log was started over and is shorter than 80% of the pages of `commits` commits."""
    return checkpointer.restarts > 0 and log_bytes(path) < commits * ROWS_PER_COMMIT * PAGE * 0.8


def test_without_checkpoints_the_log_holds_every_commit(tmp_path: Path) -> None:
    """The control for the test below: a writer that never checkpoints keeps appending."""
    path = tmp_path / "library.sqlite3"
    database = writer(path)
    write_commits(database)
    assert log_bytes(path) > COMMITS * ROWS_PER_COMMIT * PAGE
    database.close()


def test_the_checkpointer_copies_the_log_back_and_starts_it_over(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    database = writer(path)
    written = 0
    with WalCheckpointer(str(path), every=0.01, restart_pages=ROWS_PER_COMMIT * 4) as checkpointer:
        # On a loaded machine the thread may not get its turn during the first batch (CI runs a database
        # server beside the tests): write more until the log has been started over, within a deadline.
        deadline = time.monotonic() + 60
        while not written or (not restarted_short(checkpointer, path, written) and time.monotonic() < deadline):
            write_commits(database, checkpointer.transaction, start=written)
            written += COMMITS
    assert checkpointer.error is None
    assert checkpointer.rounds > 0 and checkpointer.restarts > 0
    # The log restarted from its beginning again and again: shorter than all that was written (at most
    # half when the thread keeps pace; when it falls behind for a while, more, so a margin).
    assert restarted_short(checkpointer, path, written)
    database.close()
    reader = sqlite3.connect(path)
    assert reader.execute("SELECT count(*), count(DISTINCT body) FROM page").fetchone() == (
        written * ROWS_PER_COMMIT,
        written * ROWS_PER_COMMIT,
    )
    assert reader.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    reader.close()


def test_a_checkpointer_that_cannot_open_the_file_stops_quietly(tmp_path: Path) -> None:
    """The writer never sees its error: its own automatic checkpoints still bound the log."""
    with WalCheckpointer(str(tmp_path / "missing" / "library.sqlite3"), every=0.01) as checkpointer:
        time.sleep(0.05)
    assert isinstance(checkpointer.error, sqlite3.Error)
    assert checkpointer.rounds == 0


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write-ahead log")
def test_a_batch_import_checkpoints_a_database_file_in_the_background_only_while_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from corpus_import import bulk

    with bulk.checkpoints_in_background() as in_memory:
        assert in_memory is None  # the test database lives in memory: no log, nothing to copy
    database = DatabaseWrapper({**connection.settings_dict, "NAME": str(tmp_path / "file.sqlite3")}, alias="file")
    monkeypatch.setattr(bulk, "connection", database)
    try:
        with bulk.checkpoints_in_background() as checkpointer:
            assert checkpointer is not None and checkpointer.path == str(tmp_path / "file.sqlite3")
            assert checkpointer.running
        assert not checkpointer.running
    finally:
        database.close()
