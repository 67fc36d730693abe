"""Background jobs of the import: one job per article file, and whole-library dedup.

With `TASKS_BACKEND=database` the jobs wait in the database and any number
of `manage.py db_worker` processes, on any machine that sees the same
database and the same files, share them: a worker claims a job with
`SELECT ... FOR UPDATE SKIP LOCKED` and marks it RUNNING in that
transaction, so no two workers take the same job. Otherwise the immediate
backend runs each job where it is enqueued.

django-tasks-db 0.12 neither retries a failed job nor notices a worker that
died mid-job (the row stays RUNNING). Both are handled here, which is safe
because an import job is idempotent: the article's write is one transaction
(a killed job leaves nothing), and a file already imported is recognized by
its sha256 and left alone.

1. A job that fails enqueues its own retry (`previous_attempts` + 1) with an
   exponential delay, up to `IMPORT_TASK_MAX_ATTEMPTS` attempts in all.
2. While it runs, a job holds a liveness lock on its id (PostgreSQL). A
   RUNNING job whose lock nobody holds lost its worker: `requeue_lost_jobs`
   puts it back to READY (FAILED once it has used its attempts). Jobs run it
   now and then, `import_articles --background` runs it before enqueuing,
   and `manage.py requeue_lost_tasks` runs it from cron. Without PostgreSQL
   a RUNNING job is presumed lost after `TASKS_STALE_AFTER` seconds.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskContext, TaskResult, TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from corpus_import.importer import FAILED, ImportResult, import_file
from corpus_import.locking import is_postgres, job_alive, job_is_orphaned, library_writes_locked

REQUEUE_EVERY = 60.0  # seconds between a worker process's checks for lost jobs
_last_requeue = 0.0


class ImportFailed(Exception):
    """The import job did not import its file (the message is the importer's error)."""


class WorkerLost(Exception):
    """Recorded on a job whose worker died too many times while running it."""


def max_attempts() -> int:
    return int(getattr(settings, "IMPORT_TASK_MAX_ATTEMPTS", 3))


def read_and_import(path: str, text: str | None) -> ImportResult:
    """Import a file by path, or `text` under that file name when the caller sent the content along."""
    name = Path(path).name or path
    if text is not None:
        return import_file(name, text.encode("utf-8"))
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return ImportResult(file=name, error=f"{path}: cannot read ({error.strerror or error})")
    return import_file(name, data)


@task(takes_context=True)
def import_article_task(
    context: TaskContext, path: str, previous_attempts: int = 0, text: str | None = None
) -> dict[str, Any]:
    """Import one article file; the importer's JSON line is the result.

    Raises ImportFailed (so the job is marked failed) after enqueuing a retry.
    """
    with job_alive(context.task_result.id):
        maybe_requeue_lost_jobs()
        result = read_and_import(path, text)
        if result.status == FAILED:
            attempts = previous_attempts + context.attempt
            retry_later(path, text, attempts)
            raise ImportFailed(f"attempt {attempts} of {max_attempts()}: {result.error}")
        return result.as_json()


def retry_later(path: str, text: str | None, attempts: int) -> TaskResult[Any] | None:
    """Enqueue the next attempt after 1x, 2x, 4x ... `IMPORT_TASK_RETRY_DELAY` (deferring backends only)."""
    backend = import_article_task.get_backend()
    if attempts >= max_attempts() or not backend.supports_defer:
        return None
    delay = float(getattr(settings, "IMPORT_TASK_RETRY_DELAY", 30.0)) * 2 ** (attempts - 1)
    later = import_article_task.using(run_after=timezone.now() + timedelta(seconds=delay))
    return later.enqueue(path, previous_attempts=attempts, text=text)


@task(takes_context=True)
def find_duplicates_task(context: TaskContext, auto_merge: bool = False) -> dict[str, Any]:
    """Whole-library dedup; imports' write steps wait for it (it rebuilds every work's keys).

    Returns the counts (the per-pair actions stay in the database as candidates and merges).
    """
    from bibliography.dedup.pipeline import find_duplicates

    with job_alive(context.task_result.id), library_writes_locked():
        summary = find_duplicates(auto_merge_pairs=auto_merge)
    return {key: value for key, value in summary.items() if key != "actions"}


def enqueue_imports(paths: Iterable[Path]) -> list[TaskResult[Any]]:
    """One import job per file, by absolute path (the workers may run elsewhere, on shared storage)."""
    requeue_lost_jobs()
    return [import_article_task.enqueue(str(path.resolve())) for path in paths]


GUARDED_TASKS = [import_article_task.module_path, find_duplicates_task.module_path]


def maybe_requeue_lost_jobs() -> list[str]:
    """`requeue_lost_jobs` at most once a minute per process (it scans the RUNNING jobs)."""
    global _last_requeue
    if time.monotonic() - _last_requeue < REQUEUE_EVERY and _last_requeue:
        return []
    _last_requeue = time.monotonic()
    return requeue_lost_jobs()


def requeue_lost_jobs() -> list[str]:
    """Give the jobs of dead workers back to the queue; return their ids.

    Only this module's jobs, which hold a liveness lock while they run; a
    job claimed less than `TASKS_LOST_AFTER` seconds ago is left alone (its
    worker may not have taken the lock yet).
    """
    postgres = is_postgres()
    grace = float(getattr(settings, "TASKS_LOST_AFTER" if postgres else "TASKS_STALE_AFTER", 30 if postgres else 3600))
    cutoff = timezone.now() - timedelta(seconds=grace)
    lost = []
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING, task_path__in=GUARDED_TASKS, started_at__lt=cutoff
        )
        for job in running:
            if postgres and not job_is_orphaned(str(job.id)):
                continue
            give_back(job)
            lost.append(str(job.id))
    return lost


def give_back(job: DBTaskResult) -> None:
    """READY again, or FAILED when the worker died on its last allowed attempt."""
    attempts = len(job.worker_ids) + int(job.args_kwargs.get("kwargs", {}).get("previous_attempts", 0))
    if attempts < max_attempts():
        job.status = TaskResultStatus.READY
        job.save(update_fields=["status"])
        return
    job.status = TaskResultStatus.FAILED
    job.finished_at = timezone.now()
    job.exception_class_path = f"{__name__}.{WorkerLost.__name__}"
    job.traceback = f"{WorkerLost.__name__}: the worker stopped during each of {attempts} attempts\n"
    job.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])


def queue_files(command: Any, files: list[tuple[Path, str]], as_json: bool) -> None:
    """`import_articles --background`: one job per file, one line per job (JSON with `--json`).

    The immediate backend has run each job by the time it is queued; its line then carries the import's result.
    """
    from django.core.management.base import CommandError

    progress = command.stderr if as_json else command.stdout
    readable = [path for path, problem in files if not problem]
    jobs = iter(enqueue_imports(readable))
    for number, (path, problem) in enumerate(files, start=1):
        line: dict[str, Any] = {"file": path.name or str(path), "status": FAILED, "error": f"{path}: {problem}"}
        if not problem:
            line = job_line(path, next(jobs))
        if as_json:
            command.stdout.write(json.dumps(line, ensure_ascii=False))
        progress.write(
            f"[{number}/{len(files)}] {line['file']}: " + (line.get("error") or f"queued as task {line['task_id']}")
        )
    progress.write(f"{len(readable)} of {len(files)} files queued")
    if files and not readable:
        raise CommandError("no file could be queued")


def job_line(path: Path, job: TaskResult[Any]) -> dict[str, Any]:
    """What `--background` says about a queued job (with the import's own fields once it has run)."""
    line: dict[str, Any] = {"file": path.name, "task_id": str(job.id), "status": job.status.lower()}
    if job.status == TaskResultStatus.SUCCESSFUL and isinstance(job.return_value, dict):
        line |= job.return_value
    elif job.status == TaskResultStatus.FAILED and job.errors:
        line["error"] = job.errors[-1].traceback.strip().splitlines()[-1]
    return line
