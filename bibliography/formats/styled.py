"""Formatted bibliographies (GOST R 7.0.5-2008, APA 7th) through citeproc-py.

The styles are CSL files shipped in `bibliography/csl_styles/` (CC BY-SA 3.0,
see the NOTICE there). Entries come out in the order given, which is the
list order of an article; pass `sort=True` to let the style sort them.
citeproc-py's HTML formatter does not escape variable text, so values are
HTML-escaped before they reach it.
"""

from __future__ import annotations

import html
import warnings
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from bibliography.formats.common import public_item

STYLE_DIR = Path(__file__).resolve().parent.parent / "csl_styles"
STYLES = {"gost": "gost-r-7-0-5-2008.csl", "apa": "apa.csl"}
OUTPUTS = {"text": formatter.plain, "html": formatter.html}
# Variables citeproc-py renders; others (translated-title, _private keys) are dropped.
SKIPPED_KEYS = {"translated-title", "title-translated", "citation-key", "curated_fields"}


@lru_cache(maxsize=len(STYLES))
def load_style(style: str) -> CitationStylesStyle:
    """Parse a style once per process (the XML parse dominates small bibliographies)."""
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; expected one of {', '.join(STYLES)}")
    return CitationStylesStyle(str(STYLE_DIR / STYLES[style]), validate=False)


def format_bibliography(
    items: Iterable[dict[str, Any]], style: str = "gost", output: str = "text", sort: bool = False
) -> list[str]:
    """One formatted entry per item, as plain text or HTML."""
    if output not in OUTPUTS:
        raise ValueError(f"unknown output {output!r}; expected text or html")
    prepared = [prepare(item, index, escape=output == "html") for index, item in enumerate(items, 1)]
    if not prepared:
        return []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(load_style(style), CiteProcJSON(prepared), OUTPUTS[output])
        for item in prepared:
            bibliography.register(Citation([CitationItem(item["id"])]))
        if sort:
            bibliography.sort()
        return [" ".join(str(entry).split()) for entry in bibliography.bibliography()]


def prepare(item: dict[str, Any], index: int, escape: bool) -> dict[str, Any]:
    """A copy citeproc-py accepts: a unique id, no private keys, escaped text for HTML."""
    clean = {key: value for key, value in public_item(item).items() if key not in SKIPPED_KEYS}
    clean["id"] = f"{index}-{item.get('id', '')}"
    clean.setdefault("type", "document")
    return escaped(clean) if escape else clean


def escaped(value: Any) -> Any:
    """HTML-escape every string inside an item, leaving keys and numbers alone."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [escaped(part) for part in value]
    if isinstance(value, dict):
        return {key: value if key in ("id", "type") else escaped(value) for key, value in value.items()}
    return value
