"""Background tasks (django-tasks): what the admin starts instead of a shell command."""

from __future__ import annotations

from django_tasks import task

from bibliography.crossref.resolve import resolve_library


@task()
def resolve_dois_task(article_id: int | None = None, limit: int | None = None, retry_failed: bool = False) -> dict:
    """Resolve undecided works through Crossref; returns the summary counts.

    Safe to enqueue twice: decided works are skipped, so a second run only
    picks up what the first did not reach.
    """
    return resolve_library(article_id=article_id, limit=limit, retry_failed=retry_failed).as_dict()
