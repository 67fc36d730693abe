"""`manage.py requeue_lost_tasks`: give the import jobs of dead workers back to the queue (run from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from corpus_import.tasks import requeue_lost_jobs


class Command(BaseCommand):
    help = "Put RUNNING import/dedup jobs whose db_worker died back to READY (FAILED after their last attempt)."

    def handle(self, *args: Any, **options: Any) -> None:
        lost = requeue_lost_jobs()
        for job_id in lost:
            self.stdout.write(f"requeued {job_id}")
        self.stdout.write(f"{len(lost)} lost jobs")
