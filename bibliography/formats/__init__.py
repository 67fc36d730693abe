"""Writers and readers of BibTeX, RIS and CSL-JSON, on plain CSL-JSON items.

Nothing here touches the database: `parse_references` renders parser output
with it, `bibliography.exports` feeds it works, `bibliography.library_import`
reads files with it before writing anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from bibliography.formats import bibtex, csljson, ris
from bibliography.formats.common import ParsedEntry, ParseResult, Problem

FORMATS = ("csljson", "bibtex", "ris")
MEDIA_TYPES = {
    "csljson": "application/vnd.citationstyles.csl+json; charset=utf-8",
    "bibtex": "application/x-bibtex; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
}
EXTENSIONS = {"csljson": "json", "bibtex": "bib", "ris": "ris"}
RENDERERS: dict[str, Callable[[Iterable[dict[str, Any]]], Iterator[str]]] = {
    "csljson": csljson.render,
    "bibtex": bibtex.render,
    "ris": ris.render,
}
PARSERS: dict[str, Callable[[str], ParseResult]] = {
    "csljson": csljson.parse,
    "bibtex": bibtex.parse,
    "ris": ris.parse,
}

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "MEDIA_TYPES",
    "ParseResult",
    "ParsedEntry",
    "Problem",
    "parse_text",
    "render_items",
]


def render_items(items: Iterable[dict[str, Any]], fmt: str) -> Iterator[str]:
    """Stream CSL-JSON items as text chunks in the given format.

    Keys starting with `_` are private to pipelines and never written.
    """
    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return RENDERERS[fmt](items)


def parse_text(text: str, fmt: str) -> ParseResult:
    """CSL-JSON items (with file lines) and problems from a file's text."""
    if fmt not in PARSERS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return PARSERS[fmt](text)
