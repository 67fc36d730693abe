"""What one more article costs the writer of a library that has grown: the import's growth, at the margin.

A whole 20,000-article import takes a quarter of an hour or more, and its
figure mixes every size from empty to full. This tool measures the cost at
one size: it copies a library that `bench_import.py` built (SQLite), brings
it up to date (`migrate`), warms the dedup caches as a long import leaves
them, then imports the next articles of the same generated stream
(`--articles`, after `--warm` more that are not measured) through
`importer.import_many` with dedup, as `import_articles` does.

Build a library first, e.g. the 20,000-article one:

    python -c "import sys; sys.path.insert(0, 'bench'); import bench_import as b; \\
        from pathlib import Path; p = Path('/tmp/c20000'); p.mkdir(); b.generate(p, 20000, 30)"
    python bench/bench_import.py --worker /tmp/c20000 --database-url sqlite:////tmp/lib20k.sqlite3 --with-dedup
    python bench/marginal_import.py /tmp/lib20k.sqlite3 --size 20000

Prints one JSON line of milliseconds per article: the writer's CPU (`main_cpu_ms`, the
importing process's, its result-receiving thread included), dedup's share of it, the commit's,
and the analysis workers' CPU. `--sql` adds each statement's CPU; `--wal` keeps the write-ahead
log whole (no checkpoints) and says which tables and indexes the pages each commit writes
belong to; `--counts` adds what dedup handled per article (`DedupCounts`). Not part of
`make bench`: a tool for finding what grows.
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import os
import resource
import shutil
import sqlite3
import struct
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_import  # noqa: E402

WAL_HEADER, FRAME_HEADER = 32, 24


def continuation(size: int, count: int, folder: Path) -> list[Path]:
    """Articles `size` .. `size + count - 1` of the stream `bench_import.generate(_, size, 30)` starts."""
    folder.mkdir(parents=True, exist_ok=True)
    generator = bench_import.Generator(seed=size, refs=30)
    for number in range(size + count):
        text = generator.article(number)  # the generator is a stream: every earlier article is drawn
        if number >= size:
            (folder / f"bench_{number:06d}.txt").write_text(text, encoding="utf-8")
    return sorted(folder.glob("*.txt"))


def copy_library(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copy(source, target)


def warm_caches() -> None:
    """Fill the record caches as a long import leaves them: every stored pickle, the newest records."""
    from bibliography.dedup import store
    from bibliography.models import StoredRecord, Work

    table = StoredRecord._meta.db_table
    for pk, stamp, data in store.select(f"SELECT work_id, stamp, data FROM {table} ORDER BY work_id", []):
        store.CACHE.put_packed(pk, stamp, bytes(data))
    newest = list(Work.objects.order_by("-id").values_list("id", flat=True)[: store.CACHE.objects.budget])
    store.load_records(newest)


class CommitTimer:
    """CPU (user and system) of every commit, and the write-ahead log's growth across it."""

    def __init__(self, wal: Path) -> None:
        self.wal, self.cpu, self.system, self.count, self.frames = wal, 0.0, 0.0, 0, 0

    def wrap(self, commit: Callable[[Any], None]) -> Callable[[Any], None]:
        def timed(connection: Any) -> None:
            size = self.wal.stat().st_size if self.wal.exists() else 0
            started, usage = time.thread_time(), resource.getrusage(resource.RUSAGE_THREAD)
            try:
                commit(connection)
            finally:
                self.cpu += time.thread_time() - started
                self.system += resource.getrusage(resource.RUSAGE_THREAD).ru_stime - usage.ru_stime
                self.count += 1
                grown = (self.wal.stat().st_size if self.wal.exists() else 0) - size
                self.frames += max(0, grown) // (4096 + FRAME_HEADER)

        return timed

    def reset(self) -> None:
        self.cpu = self.system = 0.0
        self.count = self.frames = 0


class StatementTimer:
    """CPU of each statement (by its first 90 characters), an `execute_wrapper` of Django's."""

    def __init__(self) -> None:
        self.totals: dict[str, list[float]] = {}

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.thread_time()
        try:
            return execute(sql, params, many, context)
        finally:
            entry = self.totals.setdefault(" ".join(sql.split())[:90], [0.0, 0.0])
            entry[0] += time.thread_time() - started
            entry[1] += 1


class DedupCounts:
    """How much dedup handles per article: the counts behind its cost, wrapped around its functions.

    `candidates`: pairs the loop weighs (`assess`); `fully_scored`: those that pass the cheap
    screen and have their titles compared; `records_checked`: candidate records whose stamps are
    read (`load_records`); `unpickled` and `rebuilt`: records not in the objects tier, read from
    their stored pickles or rebuilt from their rows; `key_rows_offered`: blocking-key rows given to
    `add_keys`, `key_rows`: those it sends to `WorkKey` (the others are rows of known stop keys).
    """

    NAMES = ("candidates", "fully_scored", "records_checked", "unpickled", "rebuilt", "key_rows_offered", "key_rows")

    def __init__(self) -> None:
        self.counts = dict.fromkeys(self.NAMES, 0)

    def install(self) -> None:
        from bibliography.dedup import engine, merge, pipeline, scoring, store

        self.count(engine, "assess", "candidates")
        self.count(scoring, "score_title", "fully_scored")
        self.count(pipeline, "load_records", "records_checked", sized=True)
        self.count(store, "cache_unpickled", "unpickled")
        self.count(store, "build_records", "rebuilt", sized=True)
        self.count(store, "add_keys", "key_rows_offered", sized=True)
        self.count(merge, "add_keys", "key_rows_offered", sized=True)
        self.count(store, "key_params", "key_rows", sized=True)

    def count(self, owner: Any, name: str, counter: str, sized: bool = False) -> None:
        """Wrap `owner.name`: one per call, or (`sized`) the distinct items of its first argument."""
        original = getattr(owner, name)

        def counted(first: Any, *args: Any, **kwargs: Any) -> Any:
            if sized:
                first = list(first)  # ids may come as a generator: read once, passed on as a list
                self.counts[counter] += len(set(first))
            else:
                self.counts[counter] += 1
            return original(first, *args, **kwargs)

        setattr(owner, name, counted)

    def reset(self) -> None:
        self.counts = dict.fromkeys(self.NAMES, 0)


@contextmanager
def no_checkpoints() -> Iterator[None]:
    """Keep every frame in the log: no background checkpointer (automatic ones start past 1 GiB)."""
    from corpus_import import bulk

    original = bulk.checkpoints_in_background

    @contextmanager
    def none() -> Iterator[None]:
        yield None

    bulk.checkpoints_in_background = none  # type: ignore[assignment]
    try:
        yield
    finally:
        bulk.checkpoints_in_background = original


def pages_by_owner(database: Path, wal: Path) -> collections.Counter[str]:
    """How many frames of the log belong to each table or index (`dbstat` maps pages to their b-tree)."""
    with sqlite3.connect(database) as connection:
        owner = dict(connection.execute("SELECT pageno, name FROM dbstat").fetchall())
    counts: collections.Counter[str] = collections.Counter()
    with wal.open("rb") as log:
        page_size = struct.unpack(">I", log.read(WAL_HEADER)[8:12])[0]
        while len(header := log.read(FRAME_HEADER)) == FRAME_HEADER:
            counts[owner.get(struct.unpack(">I", header[:4])[0], "?")] += 1
            log.seek(page_size, 1)
    return counts


def measure(args: argparse.Namespace, files: list[Path], database: Path) -> dict[str, Any]:
    """Import `files` into the prepared library; the first `args.warm` are not measured."""
    from django.db import connection
    from django.db.backends.base import base

    from corpus_import import importer

    commits = CommitTimer(Path(f"{database}-wal"))
    base.BaseDatabaseWrapper._commit = commits.wrap(base.BaseDatabaseWrapper._commit)  # type: ignore[attr-defined]
    timers = {"dedup": 0.0}
    bench_import.wrap(importer.dedup, "process_new_works", timers, "dedup")
    statements = StatementTimer()
    counts = DedupCounts()
    if args.counts:
        counts.install()
    stats = importer.BatchStats()
    measured, analysed_before = 0, 0.0
    gc.collect()
    timing = connection.execute_wrapper(statements) if args.sql else nullcontext()
    with timing, no_checkpoints() if args.wal else nullcontext():
        started, cpu = time.perf_counter(), time.process_time()
        for number, result in enumerate(importer.import_many(files, None, stats), 1):
            if number == args.warm:
                started, cpu, analysed_before = time.perf_counter(), time.process_time(), stats.analyse_cpu_seconds
                commits.reset()
                timers.update(dedup=0.0, dedup_cpu=0.0)
                statements.totals.clear()
                counts.reset()
            elif number > args.warm and result.status != "failed":
                measured += 1
        wall, main_cpu = time.perf_counter() - started, time.process_time() - cpu
    per = 1000 / max(1, measured)
    report: dict[str, Any] = {
        "articles": measured,
        "wall_ms": wall * per,
        "main_cpu_ms": main_cpu * per,
        "dedup_cpu_ms": timers.get("dedup_cpu", 0.0) * per,
        "commit_cpu_ms": commits.cpu / max(1, commits.count) * 1000,
        "commit_system_ms": commits.system / max(1, commits.count) * 1000,
        "analyse_cpu_ms": (stats.analyse_cpu_seconds - analysed_before) * per,
    }
    if args.sql:
        ranked = sorted(statements.totals.items(), key=lambda item: -item[1][0])[:25]
        report["statements"] = [
            [round(cpu * per, 2), round(count / max(1, measured), 1), sql] for sql, (cpu, count) in ranked
        ]
    if args.counts:
        report["per_article"] = {name: round(count / max(1, measured), 1) for name, count in counts.counts.items()}
    if args.wal:
        report["frames_per_commit"] = commits.frames / max(1, commits.count)
        owners = pages_by_owner(database, Path(f"{database}-wal"))
        report["frames_per_article"] = {
            name: round(count / max(1, measured), 1) for name, count in owners.most_common(25)
        }
    return {key: round(value, 2) if isinstance(value, float) else value for key, value in report.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("library", type=Path, help="SQLite file of a library bench_import.py built (not changed)")
    parser.add_argument("--size", type=int, required=True, help="articles in that library (where its stream goes on)")
    parser.add_argument("--articles", type=int, default=300, help="articles measured (default 300)")
    parser.add_argument("--warm", type=int, default=300, help="articles imported first, not measured (default 300)")
    parser.add_argument("--sql", action="store_true", help="also time each statement")
    parser.add_argument("--wal", action="store_true", help="also attribute the log's pages (no checkpoints)")
    parser.add_argument("--counts", action="store_true", help="also count what dedup handles per article")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="marginal-") as scratch:
        folder = Path(scratch)
        files = continuation(args.size, args.warm + args.articles, folder / "articles")
        database = folder / "library.sqlite3"
        copy_library(args.library, database)
        os.environ.update(DATABASE_URL=f"sqlite:///{database}", DEBUG="0")
        os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        warm_caches()
        print(json.dumps(measure(args, files, database)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
