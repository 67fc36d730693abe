"""`manage.py import_articles PATH... [--json] [--workers N]`: import article texts.

Files or folders (their `*.txt` and `*.md`, READMEs excluded). One progress
line per file and a summary; with `--json`, one JSON object per file per line
on stdout and the progress on stderr. A file that cannot be read is reported
by name and skipped; the exit status is non-zero only when every file failed.
The analysis runs in `--workers` processes beside this one (default: one
per core, at a lower priority than the writes; 0: all in this process), the
writes in this one, and the lines come in input order either way.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from corpus_import.importer import FAILED, ImportResult, import_many
from corpus_import.tasks import queue_files

SUFFIXES = {".txt", ".md"}


def expand(paths: list[str]) -> list[tuple[Path, str]]:
    """(path, problem) for every file to import, in a stable order."""
    found: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                child
                for child in path.rglob("*")
                if child.is_file() and child.suffix.lower() in SUFFIXES and not child.name.lower().startswith("readme")
            )
            found += [(child, "") for child in files] or [(path, "folder holds no .txt or .md file")]
        elif path.exists():
            found.append((path, ""))
        else:
            found.append((path, "no such file or folder"))
    return found


def missing(path: Path, problem: str) -> ImportResult:
    return ImportResult(file=path.name or str(path), error=f"{path}: {problem}")


def not_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


def progress_line(number: int, total: int, result: ImportResult) -> str:
    prefix = f"[{number}/{total}] {result.file}:"
    if result.status == FAILED:
        return f"{prefix} FAILED {result.error}"
    return (
        f"{prefix} {result.status} article {result.article_id}, {result.references} references, "
        f"{result.mentions} mentions, {duplicates(result.known, result.merged, result.proposed)}"
        f"{len(result.warnings)} warnings"
        + (
            f" ({'; '.join(result.warnings[:3])}{'; ...' if len(result.warnings) > 3 else ''})"
            if result.warnings
            else ""
        )
    )


def duplicates(known: int, merged: int, proposed: int) -> str:
    """Cited works found in the library and what dedup did, when anything.

    `2 already in the library, 3 works merged, 1 pair to review, `.
    """
    parts = [f"{known} already in the library"] if known else []
    parts += [f"{merged} {'work' if merged == 1 else 'works'} merged"] if merged else []
    parts += [f"{proposed} {'pair' if proposed == 1 else 'pairs'} to review"] if proposed else []
    return "".join(f"{part}, " for part in parts)


def summary(results: list[ImportResult]) -> str:
    statuses = Counter(result.status for result in results)
    imported = [result for result in results if result.status != FAILED]
    known, merged = sum(r.known for r in imported), sum(r.merged for r in imported)
    proposed = sum(r.proposed for r in imported)
    return (
        f"{len(results)} files: {len(imported)} articles "
        f"({statuses['created']} created, {statuses['replaced']} replaced, {statuses['unchanged']} unchanged), "
        f"{statuses[FAILED]} failed; {sum(r.references for r in imported)} references, "
        f"{sum(r.mentions for r in imported)} mentions, {duplicates(known, merged, proposed)}"
        f"{sum(len(r.warnings) for r in imported)} warnings"
        + ("; review the pairs under Duplicate candidates in the admin" if proposed else "")
    )


class Command(BaseCommand):
    help = "Import article texts (files or folders of .txt/.md): reference lists, citations, mentions."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
        parser.add_argument("--json", action="store_true", help="one JSON object per file on stdout")
        parser.add_argument("--background", action="store_true", help="queue one import job per file for db_worker")
        parser.add_argument(
            "--workers",
            type=not_negative,
            default=None,
            metavar="N",
            help="processes analysing the texts beside the writing one (default: one per core; 0: all in this one)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_json = bool(options["json"])
        progress = self.stderr if as_json else self.stdout
        files = expand(list(options["paths"]))
        if options["background"]:
            return queue_files(self, files, as_json)
        results = []
        readable = [path for path, problem in files if not problem]
        with closing(import_many(readable, options["workers"])) as imported:
            for number, (path, problem) in enumerate(files, start=1):
                result = missing(path, problem) if problem else next(imported)
                results.append(result)
                if as_json:
                    self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
                progress.write(progress_line(number, len(files), result))
        progress.write(summary(results))
        if results and all(result.status == FAILED for result in results):
            raise CommandError("no file could be imported")
