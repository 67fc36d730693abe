"""`python manage.py export_bibliography --format bibtex|ris|csljson [--article ID] [--output FILE]`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bibliography.exports import export_article, export_library
from bibliography.formats import FORMATS
from bibliography.models import Article


class Command(BaseCommand):
    help = "Export the library (or one article's reference list, in list order) as BibTeX, RIS or CSL-JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=FORMATS, default="csljson", help="output format")
        parser.add_argument("--article", type=int, help="only this article's references, in list order")
        parser.add_argument("--output", help="write to this file instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        chunks = self.chunks(options["format"], options["article"])
        if options["output"]:
            with Path(options["output"]).open("w", encoding="utf-8", newline="\n") as output:
                output.writelines(chunks)
            return
        for chunk in chunks:
            self.stdout.write(chunk, ending="")
        self.stdout.flush()

    def chunks(self, fmt: str, article_id: int | None) -> Iterator[str]:
        """The streamed export; a missing article is an error before anything is written."""
        if article_id is None:
            return export_library(fmt)
        if not Article.objects.filter(pk=article_id).exists():
            raise CommandError(f"no article with id {article_id}")
        return export_article(article_id, fmt)
