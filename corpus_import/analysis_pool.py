"""Article analysis in worker processes, handed back in input order.

The analysis (read, sections, entries, parser, mentions) is pure CPU and
touches no database, so it can run on every core while the importing process
does the one thing that must stay serial: the write step, one transaction
per article, in input order.

- `analyse_safely` never raises: a bad file becomes an `Analysed` holding
  the same error message the single-file import gives, and the traceback as
  text (exceptions do not always survive pickling).
- `analyse_in_order` sends jobs in chunks (fewer round trips between
  processes) to a `ProcessPoolExecutor`, keeps only a few chunks in flight
  (bounded memory however many files there are), and yields the outcomes in
  the order of its input. Items without a job pass through in place.
- A worker process that dies (a segfault, the OOM killer) breaks the pool and
  every chunk in flight with it. Those chunks are sent once more to a fresh
  pool; a chunk whose pool breaks a second time is analysed file by file,
  each in a process of its own, so only the file that kills its process is
  reported failed and the others are imported.
- Workers are forked on Linux when the importing process runs a single
  thread: they start in milliseconds and inherit the loaded parser (and any
  test double). Elsewhere they are spawned, import the analysis modules and
  set Django up (`prepare_worker`: the work drafts read model metadata).
  Workers never use the parent's database connection, and they leave
  through `os._exit`, so the inherited connection is never closed by them.
  A batch import starts its workers (`started_pool`) before the threads of
  its write step (the SQLite log's checkpointer), so that they are forked:
  spawned ones cost the import about a second before its first write.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from typing import Generic, TypeVar

from corpus_import import pipeline
from corpus_import.reading import ReadError

logger = logging.getLogger(__name__)
T = TypeVar("T")
MAX_CHUNK = 8
CHUNKS_PER_WORKER = 3
# How much lower than the writer's the analysis workers' priority is (see `lower_priority`).
ANALYSIS_NICENESS = 10


@dataclass(frozen=True)
class AnalysisJob:
    """One file to analyse: its base name and bytes, and whether to compute search-index rows (SQLite)."""

    name: str
    data: bytes
    with_index: bool = False


@dataclass
class Analysed:
    """The analysis of one job, or the reason there is none."""

    analysis: pipeline.ArticleAnalysis | None
    error: str = ""
    traceback: str = ""
    cpu_seconds: float = 0.0


def analyse_safely(job: AnalysisJob) -> Analysed:
    """`pipeline.analyse_article` with every failure turned into an error message naming the file."""
    started = time.process_time()
    try:
        analysis = pipeline.analyse_article(job.name, job.data, job.with_index)
    except ReadError as error:
        return Analysed(None, f"{job.name}: {error}", cpu_seconds=time.process_time() - started)
    except Exception as error:
        return Analysed(
            None,
            f"{job.name}: could not analyse the text ({type(error).__name__}: {error})",
            traceback.format_exc(),
            time.process_time() - started,
        )
    return Analysed(analysis, cpu_seconds=time.process_time() - started)


def analyse_chunk(jobs: Sequence[AnalysisJob]) -> list[Analysed]:
    """What a worker runs: one outcome per job, a bad file never spoiling the rest of its chunk."""
    return [analyse_safely(job) for job in jobs]


def log_failure(outcome: Analysed) -> None:
    """Log an unexpected analysis failure in the importing process (where logging is configured)."""
    if outcome.traceback:
        logger.error("analysis failed: %s\n%s", outcome.error, outcome.traceback)


def default_workers(files: int) -> int:
    """One analysis process per usable core; none for a single file or a single core.

    The writes are serial, so the writer must never wait for a core: the
    workers run at a lower priority (`ANALYSIS_NICENESS`), and take the
    writer's core only while it waits for the next analysis. With one
    worker per core but one, the writer's core idled whenever the analysis
    was the slower half (measured: 1.3 of 2 cores busy over a 2,000-article
    import). On one core, or for one file, the analysis runs in-process.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return 0 if cores < 2 or files < 2 else min(cores, files)


def prepare_worker() -> None:
    """Yield the CPU to the writer; set Django up in a spawned worker (the work drafts read model metadata)."""
    lower_priority()
    from django.apps import apps

    if not apps.ready:
        import django

        django.setup()


def lower_priority() -> None:
    """Make this worker yield to the writing process when both want the same core.

    The kernel then gives a waiting writer the core at once, and the
    workers every cycle the writer leaves (niceness 10 weighs about a tenth
    of 0). Where niceness is not supported, the worker runs as is.
    """
    with contextlib.suppress(AttributeError, OSError):
        os.nice(ANALYSIS_NICENESS)


def pool_context() -> BaseContext:
    """Fork where it is safe and cheap (Linux, one thread), else spawn."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@dataclass
class Chunk:
    """Jobs sent together, and where their outcomes are (once known)."""

    jobs: list[AnalysisJob] = field(default_factory=list)
    future: Future[list[Analysed]] | None = None
    generation: int = 0
    attempts: int = 0
    outcomes: list[Analysed] | None = None
    taken: int = 0


@dataclass
class Slot(Generic[T]):
    tag: T
    chunk: Chunk | None
    index: int = 0


class OrderedPool:
    """A process pool that survives its workers' deaths; see the module docstring."""

    def __init__(self, workers: int, analyse: Callable[[Sequence[AnalysisJob]], list[Analysed]]) -> None:
        self.workers = workers
        self.analyse = analyse
        self.context = pool_context()  # kept for the pools that replace a broken one
        self.generation = 0
        self.executor = self.new_executor()

    def new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=self.context, initializer=prepare_worker)

    def start(self) -> OrderedPool:
        """Start the worker processes now rather than with the first chunk (a forking pool starts them all)."""
        self.executor.submit(int)
        return self

    def submit(self, chunk: Chunk) -> None:
        """Send a chunk (to a fresh pool if a worker died since the last look)."""
        chunk.attempts += 1
        try:
            chunk.future = self.executor.submit(self.analyse, chunk.jobs)
        except BrokenProcessPool:
            self.replace_broken(self.generation)
            chunk.future = self.executor.submit(self.analyse, chunk.jobs)
        chunk.generation = self.generation

    def outcomes(self, chunk: Chunk) -> list[Analysed]:
        """The chunk's outcomes, resending or isolating its jobs when a worker died."""
        while chunk.outcomes is None:
            assert chunk.future is not None
            try:
                chunk.outcomes = chunk.future.result()
            except BrokenProcessPool:
                self.replace_broken(chunk.generation)
                if chunk.attempts < 2:
                    self.submit(chunk)
                else:
                    chunk.outcomes = [self.isolated(job) for job in chunk.jobs]
        return chunk.outcomes

    def replace_broken(self, generation: int) -> None:
        if generation == self.generation:
            logger.warning("an analysis worker process died; starting new ones")
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.generation += 1
            self.executor = self.new_executor()

    def isolated(self, job: AnalysisJob) -> Analysed:
        """Analyse one job in a process of its own: if that process dies, this file is the cause."""
        with ProcessPoolExecutor(1, mp_context=self.context, initializer=prepare_worker) as alone:
            try:
                return alone.submit(self.analyse, [job]).result()[0]
            except BrokenProcessPool:
                return Analysed(None, f"{job.name}: could not analyse the text (the analysis process died)")

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def started_pool(workers: int) -> Iterator[OrderedPool | None]:
    """An `OrderedPool` of `workers` processes, started on entry and closed on exit (None for no workers)."""
    if workers <= 0:
        yield None
        return
    pool = OrderedPool(workers, analyse_chunk).start()
    try:
        yield pool
    finally:
        pool.close()


def analyse_in_order(
    items: Iterable[tuple[T, AnalysisJob | None]],
    workers: int,
    analyse: Callable[[Sequence[AnalysisJob]], list[Analysed]] = analyse_chunk,
    chunk_size: int | None = None,
    pool: OrderedPool | None = None,
) -> Iterator[tuple[T, Analysed | None]]:
    """(tag, outcome) for each (tag, job) in input order; `workers` 0 analyses in this process.

    `items` is consumed lazily, a few chunks ahead of what has been yielded.
    `pool`: one the caller started and will close (`started_pool`); else one
    is started here, with the first chunk, and closed at the end.
    """
    if workers <= 0:
        for tag, job in items:
            yield tag, None if job is None else analyse([job])[0]
        return
    size = chunk_size or MAX_CHUNK
    window = workers * CHUNKS_PER_WORKER
    source = iter(items)
    queue: deque[Slot[T]] = deque()
    owned = pool is None
    pool = OrderedPool(workers, analyse) if pool is None else pool
    open_chunk = Chunk()
    in_flight = 0
    exhausted = False
    try:
        while True:
            while not exhausted and in_flight < window and len(queue) < window * size * 4:
                try:
                    tag, job = next(source)
                except StopIteration:
                    exhausted = True
                    break
                if job is None:
                    queue.append(Slot(tag, None))
                    continue
                queue.append(Slot(tag, open_chunk, len(open_chunk.jobs)))
                open_chunk.jobs.append(job)
                if len(open_chunk.jobs) >= size:
                    pool.submit(open_chunk)
                    open_chunk, in_flight = Chunk(), in_flight + 1
            if exhausted and open_chunk.jobs:
                pool.submit(open_chunk)
                open_chunk, in_flight = Chunk(), in_flight + 1
            if not queue:
                return
            slot = queue.popleft()
            if slot.chunk is None:
                yield slot.tag, None
                continue
            if slot.chunk is open_chunk:
                pool.submit(open_chunk)
                open_chunk, in_flight = Chunk(), in_flight + 1
            outcome = pool.outcomes(slot.chunk)[slot.index]
            slot.chunk.taken += 1
            if slot.chunk.taken == len(slot.chunk.jobs):
                in_flight -= 1
            yield slot.tag, outcome
    finally:
        if owned:
            pool.close()
