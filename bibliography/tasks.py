"""Background tasks (django-tasks): what the admin starts instead of a shell command."""

from __future__ import annotations

from django_tasks import task

from bibliography.crossref.client import CrossrefClient
from bibliography.crossref.resolve import resolve_library, resolve_works
from bibliography.models import Work


@task()
def resolve_dois_task(
    article_id: int | None = None,
    limit: int | None = None,
    retry_failed: bool = False,
    work_ids: list[int] | None = None,
) -> dict:
    """Resolve undecided works through Crossref; returns the summary counts.

    Safe to enqueue twice: decided works are skipped, so a second run only
    picks up what the first did not reach. With `work_ids` (a curator's
    selection in the admin) exactly those works are resolved, decided or not.
    """
    if work_ids is not None:
        return resolve_selected(work_ids, limit)
    return resolve_library(article_id=article_id, limit=limit, retry_failed=retry_failed).as_dict()


def resolve_selected(work_ids: list[int], limit: int | None) -> dict:
    works = Work.objects.filter(pk__in=work_ids).order_by("id")
    client = CrossrefClient.from_settings()
    try:
        return resolve_works(works[:limit] if limit is not None else works, client).as_dict()
    finally:
        client.close()
