"""The admin's background task: resolve exactly the works a curator selected.

`bibliography.tasks.resolve_dois_task` resolves the undecided library (or one
article); when it learns to take `work_ids` the action uses it instead.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from bibliography.models import Work


@task()
def resolve_selected_works_task(work_ids: list[int]) -> dict[str, Any]:
    """Crossref resolution of the given works; the Crossref area's summary counts."""
    from bibliography.crossref import CrossrefClient, resolve_works

    client = CrossrefClient.from_settings()
    try:
        return resolve_works(Work.objects.filter(pk__in=work_ids), client).as_dict()
    finally:
        client.close()
