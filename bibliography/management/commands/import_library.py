"""`python manage.py import_library FILE...`: .bib, .ris and CSL-JSON files into the library."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bibliography.library_import import ImportReport, import_library_file


class Command(BaseCommand):
    help = "Import BibTeX (.bib), RIS (.ris) or CSL-JSON (.json) files as works, one transaction per file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", help="library files")

    def handle(self, *args: Any, **options: Any) -> None:
        rejected = []
        for name in options["files"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: no such file")
            report = import_library_file(path.name, path=path)
            self.print_report(report)
            if report.rejected:
                rejected.append(path.name)
        if rejected:
            raise CommandError(f"rejected, library unchanged for: {', '.join(rejected)}")

    def print_report(self, report: ImportReport) -> None:
        """The summary, then one line per error and warning, naming entry and line."""
        style = self.style.ERROR if report.rejected else self.style.SUCCESS
        self.stdout.write(style(report.summary()))
        for kind, problems in (("error", report.errors), ("warning", report.warnings)):
            for problem in problems:
                where = f"line {problem['line']}" if problem["line"] else "file"
                entry = f" {problem['entry']}" if problem["entry"] else ""
                self.stdout.write(f"  {kind}: {where}{entry}: {problem['message']}")
