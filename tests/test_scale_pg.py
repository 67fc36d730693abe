"""Real `db_worker` and `import_articles` processes against the PostgreSQL test database.

The processes see the rows a test commits (hence `transactional_db`) because they are
given the test database's name in DATABASE_URL. Where a race must be provoked rather
than hoped for, the test holds a table lock from its own connection until every
process has reached the write step, then lets them all go at once.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from bibliography.models import Article, Citation, Person, Work
from corpus_import.tasks import import_article_task, requeue_lost_jobs

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not settings.IS_POSTGRES,
        reason="needs PostgreSQL: real db_worker processes, advisory locks (set DATABASE_URL=postgres://...)",
    ),
]

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 40.0
SHARED_TITLE = "Shared security architecture of the Caspian basin"
SHARED_DOI = "10.9999/car.2018.0455"
SHARED = [
    f"Tokayev K.Zh. {SHARED_TITLE} // Journal of Eurasian Strategy. 2019. Vol. 7, No. 2. P. 11-29.",
    f"Baimukhanova A.S. Water diplomacy in the Syr Darya basin // Central Asian Review. 2018. Vol. 4. "
    f"P. 55-70. DOI: {SHARED_DOI}",
]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def article_text(number: int) -> str:
    """A small article: two references every article shares (one with a DOI), one of its own."""
    name = "".join("abcdefghij"[int(digit)] for digit in f"{number:02d}").capitalize()
    own = f"Sultan{name}ov B.B. Transit corridor case {name} // Review of Transit. 2015. Vol. {number + 1}. P. 10-19."
    references = [*SHARED, own]
    body = " ".join(f"Claim {i} rests on earlier research on the region [{i}]." for i in range(1, 4))
    lines = [
        "UDC 327.3",
        "",
        f"<https://doi.org/10.48371/scale.{number}>",
        "",
        f"REGIONAL COOPERATION STUDY {name.upper()}",
        "",
        "Writer A.B.",
        "",
        f"Abstract. This article examines case {name} of regional cooperation.",
        "",
        body,
        "",
        "REFERENCES",
        "",
        *(f"- [{i}] {reference}" for i, reference in enumerate(references, 1)),
    ]
    return "\n".join(lines) + "\n"


def write_articles(folder: Path, numbers: range) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"scale_{number:02d}.txt" for number in numbers]
    for number, path in zip(numbers, paths, strict=True):
        path.write_text(article_text(number), encoding="utf-8")
    return paths


def database_url() -> str:
    """The test database (pytest-django's `test_...`) as a URL for the child processes."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def run(transactional_db: None, tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """Start `manage.py ...` against the test database; every process is killed at the end.

    Jobs left in the queue table by earlier tests of the session are removed first, so
    that the assertions see only the jobs this test queued.
    """
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    children: list[subprocess.Popen[str]] = []
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "database",
        "IMPORT_TASK_RETRY_DELAY": "0",
        "PYTHONUNBUFFERED": "1",
    }

    def start(*args: str) -> subprocess.Popen[str]:
        log = (tmp_path / f"process_{len(children)}.log").open("w")
        child = subprocess.Popen(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=log, text=True
        )
        children.append(child)
        return child

    yield start
    for child in children:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=10)


def worker(run: Callable[..., subprocess.Popen[str]], name: str, *extra: str) -> subprocess.Popen[str]:
    return run(
        "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", "--worker-id", name, "--batch", *extra
    )


def finish(child: subprocess.Popen[str]) -> str:
    """Wait for a process to exit cleanly; its stdout."""
    out, _ = child.communicate(timeout=TIMEOUT)
    assert child.returncode == 0, f"{child.args!r} exited with {child.returncode}"
    return out


def wait_for(condition: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@contextmanager
def table_locked(table: str) -> Iterator[None]:
    """Block every writer of `table` (SHARE mode) from a connection of the test's own, until the block ends."""
    import psycopg

    with psycopg.connect(database_url()) as holder:
        holder.execute(f'LOCK TABLE "{table}" IN SHARE MODE')
        yield
        holder.rollback()


def lock_waiters() -> list[tuple[int, str, Any]]:
    """(pid, query, xid) of the sessions of the test database waiting for a lock.

    Asked on the test's autocommit connection: inside a transaction pg_stat_activity is a snapshot.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, query, backend_xid FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return [tuple(row) for row in cursor.fetchall()]


def queue(run: Callable[..., subprocess.Popen[str]], *paths: Path) -> list[str]:
    """`import_articles PATH... --background --json`: the queued job ids."""
    out = finish(run("import_articles", *map(str, paths), "--background", "--json"))
    lines = [json.loads(line) for line in out.splitlines()]
    assert {line["status"] for line in lines} == {"ready"}
    return [line["task_id"] for line in lines]


def jobs() -> Any:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.order_by("enqueued_at")


def test_three_workers_import_every_queued_article_exactly_once(run: Any, tmp_path: Path, corpus_dir: Path) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, range(10))
    for sample in ("002_53fded65e5fbe7f9.txt", "003_15f913d50bd3e9b4.txt"):
        shutil.copy(corpus_dir / sample, folder / sample)
    ids = queue(run, folder)
    assert len(ids) == 12
    for child in [worker(run, f"w{number}") for number in range(3)]:
        finish(child)
    results = list(jobs())
    assert {str(job.id) for job in results} == set(ids)
    assert {job.status for job in results} == {"SUCCESSFUL"}
    assert all(len(job.worker_ids) == 1 for job in results), "a job was claimed twice"
    assert sorted(Article.objects.values_list("file_name", flat=True)) == sorted(p.name for p in folder.iterdir())
    assert len({job.return_value["article_id"] for job in results}) == 12
    for job in results:
        assert (
            Citation.objects.filter(article_id=job.return_value["article_id"]).count() == job.return_value["references"]
        )
    assert Work.objects.canonical().filter(title=SHARED_TITLE).count() == 1
    assert Work.objects.filter(doi=SHARED_DOI).count() == 1


def test_a_worker_killed_mid_write_leaves_no_partial_article_and_its_job_runs_again(
    run: Any, tmp_path: Path, settings: Any
) -> None:
    (path,) = write_articles(tmp_path / "articles", range(1))
    (job_id,) = queue(run, path)
    with table_locked("bibliography_citation"):
        victim = worker(run, "doomed")
        pid, query, xid = wait_for(lambda: lock_waiters(), "the import to reach its citations")[0]
        assert "bibliography_citation" in query
        assert xid is not None, "the article's transaction should have written rows already"
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
    wait_for(lambda: not session_alive(pid), "the killed worker's session to end")
    assert not Article.objects.exists()
    assert not Work.objects.exists()
    assert not Person.objects.exists()
    job = jobs().get()
    assert job.status == "RUNNING"

    settings.TASKS_LOST_AFTER = 0
    assert requeue_lost_jobs() == [job_id]
    finish(worker(run, "rescuer"))
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"
    assert job.worker_ids == ["doomed", "rescuer"]
    article = Article.objects.get()
    assert article.citations.count() == 3
    assert job.return_value["article_id"] == article.pk


def session_alive(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone() is not None


def test_a_live_job_is_not_requeued(run: Any, tmp_path: Path, settings: Any) -> None:
    (path,) = write_articles(tmp_path / "articles", range(1))
    queue(run, path)
    with table_locked("bibliography_citation"):
        busy = worker(run, "busy")
        wait_for(lambda: lock_waiters(), "the import to start writing")
        settings.TASKS_LOST_AFTER = 0
        assert requeue_lost_jobs() == []
    finish(busy)
    assert jobs().get().worker_ids == ["busy"]


def test_a_failed_job_queues_its_retry_and_the_retry_imports_the_file(run: Any, tmp_path: Path, settings: Any) -> None:
    path = tmp_path / "late" / "scale_00.txt"
    settings.TASKS = DATABASE_TASKS
    first = import_article_task.enqueue(str(path))
    finish(worker(run, "early", "--max-tasks", "1"))
    failed, retry = jobs()
    assert str(failed.id) == first.id
    assert failed.status == "FAILED"
    assert "cannot read" in failed.traceback
    assert retry.status == "READY"
    assert retry.args_kwargs["kwargs"]["previous_attempts"] == 1

    write_articles(path.parent, range(1))
    finish(worker(run, "later"))
    retry.refresh_from_db()
    assert retry.status == "SUCCESSFUL"
    assert Article.objects.get().file_name == path.name


def test_two_concurrent_imports_citing_the_same_new_work_create_it_once(run: Any, tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "articles", range(2))
    with table_locked("bibliography_work"):
        importers = [run("import_articles", str(path), "--json") for path in paths]
        wait_for(lambda: len(lock_waiters()) == 2, "both imports to reach their write step")
    lines = [json.loads(finish(child)) for child in importers]
    assert [line["status"] for line in lines] == ["created", "created"]
    shared = Work.objects.filter(title=SHARED_TITLE)
    assert shared.filter(merged_into__isnull=True).count() == 1
    assert Work.objects.filter(doi=SHARED_DOI).count() == 1
    assert Person.objects.filter(family="Tokayev").count() == 1
    cited = {
        position: {
            Work.objects.get(pk=c.work_id).merged_into_id or c.work_id
            for c in Citation.objects.filter(position=position)
        }
        for position in (1, 2)
    }
    assert all(len(works) == 1 for works in cited.values()), cited
