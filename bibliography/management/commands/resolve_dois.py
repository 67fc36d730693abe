"""`manage.py resolve_dois [--article ID] [--limit N] [--retry-failed]`."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from bibliography.crossref.client import CrossrefClient
from bibliography.crossref.resolve import Summary, resolve_works, works_to_resolve
from bibliography.models import Article


class Progress:
    """A one-line progress bar on a terminal; a line every tenth of the run otherwise."""

    WIDTH = 30

    def __init__(self, stream: OutputWrapper, total: int, summary: Summary, tty: bool) -> None:
        self.stream, self.total, self.summary, self.tty = stream, total, summary, tty
        self.done = 0
        self.started = time.monotonic()

    def step(self, work_id: int, outcome: str) -> None:
        self.done += 1
        self.summary.add(outcome)
        if self.tty or self.done == self.total or self.done % max(1, self.total // 10) == 0:
            self.show()

    def show(self) -> None:
        filled = self.WIDTH * self.done // max(self.total, 1)
        counts = " ".join(f"{name} {value}" for name, value in self.summary.as_dict().items())
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        line = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done}/{self.total} {counts} ({rate:.1f}/s)"
        self.stream.write(f"\r{line}" if self.tty else f"{line}\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Resolve DOIs through Crossref with validated matching; resumable (decided works are skipped)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--article", type=int, help="Only this article's references (and the article).")
        parser.add_argument("--limit", type=int, help="Resolve at most N works in this run.")
        parser.add_argument(
            "--retry-failed", action="store_true", help="Also retry works that ended with no DOI or an error."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        article_id = options.get("article")
        if article_id is not None and not Article.objects.filter(pk=article_id).exists():
            raise CommandError(f"no article with id {article_id}")
        works = works_to_resolve(article_id, options["retry_failed"])
        if options.get("limit") is not None:
            works = works[: options["limit"]]
        total = works.count()
        if not total:
            self.stdout.write("Nothing to resolve: every selected work is already decided.")
            return
        shown = Summary()
        progress = Progress(self.stdout, total, shown, self.stdout.isatty())
        with CrossrefClient.from_settings() as client:
            try:
                resolve_works(works, client, progress=progress.step)
            except KeyboardInterrupt:
                self.stdout.write("\nInterrupted: decided works are saved; run again to continue.")
            stats = client.stats
        if progress.tty:
            self.stdout.write("")
        counts = ", ".join(f"{name}: {value}" for name, value in shown.as_dict().items())
        self.stdout.write(
            f"{counts} ({shown.total} works; {stats.requests} requests, {stats.cache_hits} cache hits, "
            f"{stats.retries} retries)"
        )
