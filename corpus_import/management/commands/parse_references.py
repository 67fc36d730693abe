"""Parse printed references, one per line, into CSL-JSON, BibTeX or RIS.

`python manage.py parse_references [FILE|-] [--format csljson|bibtex|ris]`

No database is touched, so it works on a fresh checkout before `migrate`: a
curator can check what the parser makes of a reference list before importing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bibliography.formats import render_items
from corpus_import.parsing import parse_reference

FORMATS = ("csljson", "bibtex", "ris")


def decode_lines(data: bytes, source: str) -> list[tuple[int, str]]:
    """(line number, text) of the non-blank lines; undecodable input names its line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CommandError(f"{source}, line {line}: not UTF-8 text ({error.reason})") from None
    return [(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]


def read_input(path: str) -> tuple[bytes, str]:
    """The raw bytes of FILE (or stdin for `-`) and the name to use in messages."""
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    file = Path(path)
    try:
        return file.read_bytes(), path
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{path}: is a directory, expected a text file") from None
    except OSError as error:
        raise CommandError(f"{path}: cannot read ({error.strerror})") from None


def parsed_items(lines: list[tuple[int, str]]) -> Iterator[dict[str, Any]]:
    """One CSL item per line, with a stable id naming the input line."""
    for number, line in lines:
        item = parse_reference(line)
        yield {"id": f"line-{number}", **item}


class Command(BaseCommand):
    help = "Parse references (one per line) from FILE or stdin into CSL-JSON, BibTeX or RIS."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default="-", help="text file, one reference per line; - for stdin")
        parser.add_argument("--format", choices=FORMATS, default="csljson", help="output format (default csljson)")

    def handle(self, *args: Any, **options: Any) -> None:
        data, source = read_input(options["file"])
        items = list(parsed_items(decode_lines(data, source)))
        last = ""
        try:
            for chunk in render_items(items, options["format"]):
                self.stdout.write(chunk, ending="")
                last = chunk or last
        except NotImplementedError:
            raise CommandError(f"format {options['format']!r} is not available yet") from None
        if last and not last.endswith("\n"):
            self.stdout.write("")
