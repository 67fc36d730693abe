"""Copying SQLite's write-ahead log back into the database file from a thread of its own.

In WAL mode a commit appends the changed pages to the log; a checkpoint later
copies them into the database file and waits for the disk (`fsync`). With
automatic checkpoints the committing connection does that copy itself, every
`wal_autocheckpoint` pages, and a batch import's single writer stands still
for it: 6% of a 60,000-reference import's wall time and 10-12% of a 600,000
one's, in the kernel's writeback wait, growing with the file because each
checkpoint then writes pages spread wider (`docs/bench/import.md`).

`WalCheckpointer` runs passive checkpoints on a connection of its own while the
writer goes on: a passive checkpoint copies what is committed and never waits
for, nor blocks, the writer. Every RESTART_PAGES pages it also starts the log
over, between two of the writer's transactions (`_restart`), so the log stays
a few seconds of commits long. Durability is what `synchronous=NORMAL` gives
either way: the checkpointer's connection syncs before and after each copy.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from types import TracebackType

log = logging.getLogger(__name__)

# Seconds between checkpoints once the log has been copied back: long enough for a
# page that many commits change (an index's root, a search segment) to be copied once.
CHECKPOINT_EVERY = 1.0
# Pages (4 KiB) in the log past which it is started over (see `_restart`): a few seconds
# of a batch import's commits (an article changes about 500 pages). Each restart holds
# the writer back for tens of milliseconds, the time to sync the last pages to disk.
RESTART_PAGES = 65536
# How long a checkpoint may wait for a lock (another writer than the import's, say)
# before it gives up until the next round.
LOCK_WAIT_SECONDS = 0.5


class WalCheckpointer:
    """A thread that checkpoints one SQLite database file until stopped (a context manager).

    `rounds` counts the checkpoints run, `restarts` the times the log was
    started over. An error stops the thread and is logged, never raised into
    the writer: the caller's own automatic checkpoints still bound the log.
    """

    def __init__(self, path: str, every: float = CHECKPOINT_EVERY, restart_pages: int = RESTART_PAGES) -> None:
        self.path, self.every, self.restart_pages = path, every, restart_pages
        self.rounds = self.restarts = 0
        self.error: Exception | None = None
        self._stop = threading.Event()
        self._between_transactions = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=f"wal-checkpoint {path}", daemon=True)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Wrap each of the writer's transactions, so that restarts happen between them."""
        with self._between_transactions:
            yield

    def __enter__(self) -> WalCheckpointer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            with closing(_connect(self.path)) as database:
                while not self._stop.wait(self.every):
                    if self._catch_up(database) >= self.restart_pages:
                        self._restart(database)
        except sqlite3.Error as error:
            self.error = error
            log.warning("background checkpoints of %s stopped: %s", self.path, error)

    def _catch_up(self, database: sqlite3.Connection) -> int:
        """Checkpoint until the log is all copied back, or the writer keeps it busy, or we stop; its length."""
        logged = 0
        while not self._stop.is_set():
            busy, logged, copied = database.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            self.rounds += 1
            if busy or logged <= 0 or copied >= logged:
                break
        return logged

    def _restart(self, database: sqlite3.Connection) -> None:
        """Copy the last commits between two of the writer's transactions, so that the log starts over.

        A passive checkpoint finishes while the writer is inside a transaction,
        whose commit then adds to the log, and SQLite starts a log over only
        when a transaction begins with all of it copied. So the restart waits
        until the writer is between two transactions (`transaction`) and holds
        the next one back while it copies the little that is left. Waiting
        for SQLite's lock instead would rarely land in the writer's gap of a
        millisecond, and the log would grow (at 600,000 references it reached
        400 MB): each read of a page the cache lacks looks through the log's
        index first.
        """
        with self._between_transactions:
            if self._stop.is_set():
                return
            busy, _logged, _copied = database.execute("PRAGMA wal_checkpoint(RESTART)").fetchone()
            self.restarts += not busy


def _connect(path: str) -> sqlite3.Connection:
    """A connection that only checkpoints: autocommit, the import's durability, no checkpoints of its own."""
    database = sqlite3.connect(path, timeout=LOCK_WAIT_SECONDS, isolation_level=None, check_same_thread=False)
    database.execute("PRAGMA synchronous=NORMAL")
    database.execute("PRAGMA wal_autocheckpoint=0")
    return database
