"""Background import jobs, retries and lost-job recovery, on whichever database the suite runs."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bibliography.models import Article, DoiResolution
from corpus_import.tasks import find_duplicates_task, import_article_task, requeue_lost_jobs, retry_later

SAMPLE = "003_15f913d50bd3e9b4.txt"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued(settings: Any) -> None:
    """Jobs wait in the database (no worker runs them here)."""
    settings.TASKS = DATABASE_TASKS


def import_json(*args: str) -> list[dict[str, Any]]:
    out = StringIO()
    call_command("import_articles", *args, "--json", stdout=out, stderr=StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def value(result: Any) -> dict[str, Any]:
    """A finished job's return value (a dict for every task here)."""
    assert isinstance(result.return_value, dict)
    return result.return_value


def running_job(started_ago: float, worker_ids: list[str], **kwargs: Any) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": ["/nowhere.txt"], "kwargs": kwargs},
        task_path=import_article_task.module_path,
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now() - timedelta(seconds=started_ago),
        worker_ids=worker_ids,
    )


@pytest.mark.django_db
def test_import_task_imports_a_file_once_and_a_rerun_changes_nothing(corpus_dir: Path) -> None:
    first = import_article_task.enqueue(str(corpus_dir / SAMPLE))
    again = import_article_task.enqueue(str(corpus_dir / SAMPLE))
    assert value(first)["status"] == "created"
    assert value(again)["status"] == "unchanged"
    assert value(again)["article_id"] == value(first)["article_id"]
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_import_task_fails_loudly_on_an_unreadable_file(tmp_path: Path) -> None:
    result = import_article_task.enqueue(str(tmp_path / "missing.txt"))
    assert result.status == "FAILED"
    assert "ImportFailed" in result.errors[0].exception_class_path
    assert "cannot read" in result.errors[0].traceback


@pytest.mark.django_db
def test_background_option_queues_one_job_per_file_by_absolute_path(
    queued: None, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(corpus_dir.parent)
    lines = import_json("corpus/" + SAMPLE, "corpus/no-such-file.txt", "--background")
    assert [line["status"] for line in lines] == ["ready", "failed"]
    assert "no such file" in lines[1]["error"]
    job = DBTaskResult.objects.get()
    assert str(job.id) == lines[0]["task_id"]
    assert job.args_kwargs["args"] == [str(corpus_dir / SAMPLE)]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_import_articles_without_background_still_imports_in_process(queued: None, corpus_dir: Path) -> None:
    (line,) = import_json(str(corpus_dir / SAMPLE))
    assert line["status"] == "created"
    assert Article.objects.filter(pk=line["article_id"]).exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_a_failed_import_queues_a_delayed_retry_until_the_last_attempt(queued: None, settings: Any) -> None:
    settings.IMPORT_TASK_MAX_ATTEMPTS = 3
    settings.IMPORT_TASK_RETRY_DELAY = 10
    second = retry_later("/data/a.txt", None, attempts=1)
    third = retry_later("/data/a.txt", None, attempts=2)
    assert second is not None and third is not None
    assert second.kwargs["previous_attempts"] == 1
    assert third.task.run_after is not None and third.task.run_after > timezone.now() + timedelta(seconds=15)
    assert retry_later("/data/a.txt", None, attempts=3) is None
    assert DBTaskResult.objects.ready().count() == 0  # both wait for their delay


@pytest.mark.django_db
def test_jobs_of_dead_workers_go_back_to_the_queue_until_their_attempts_are_used(settings: Any) -> None:
    settings.TASKS_LOST_AFTER = settings.TASKS_STALE_AFTER = 60
    settings.IMPORT_TASK_MAX_ATTEMPTS = 3
    lost = running_job(120, ["w1"])
    exhausted = running_job(120, ["w1", "w2"], previous_attempts=1)
    just_claimed = running_job(1, ["w3"])
    assert sorted(requeue_lost_jobs()) == sorted([str(lost.id), str(exhausted.id)])
    for job in (lost, exhausted, just_claimed):
        job.refresh_from_db()
    assert lost.status == "READY"
    assert exhausted.status == "FAILED"
    assert "WorkerLost" in exhausted.exception_class_path
    assert just_claimed.status == "RUNNING"


@pytest.mark.django_db
def test_find_duplicates_task_returns_counts_not_every_action(make_work: Any) -> None:
    make_work("Regions and powers of international security", ["Buzan"], issued_year=2003)
    make_work("Regions and powers of international security", ["Buzan"], issued_year=2003)
    result = find_duplicates_task.enqueue(auto_merge=True)
    assert value(result)["works"] == 2
    assert "actions" not in value(result)


@pytest.mark.django_db
def test_resolve_dois_task_takes_the_selected_work_ids(make_work: Any, crossref_client: Any) -> None:
    from bibliography.tasks import resolve_dois_task

    chapter = make_work(
        "Widget Mania: Using a GUI Widget Framework",
        container_title="Practical JavaScript, DOM Scripting, and Ajax Projects",
        page="305-349",
        type="chapter",
    )
    untouched = make_work("Not selected")
    result = resolve_dois_task.enqueue(work_ids=[chapter.pk])
    assert result.status == "SUCCESSFUL"
    assert DoiResolution.objects.filter(work=chapter).exists()
    assert not DoiResolution.objects.filter(work=untouched).exists()
