"""A short, readable rendering of a CSL-JSON item for result lists.

Not a citation style: the exports and the citeproc styles do that. This is
what a person scans in a list of hundreds: who, when, what, where. It is
split into parts so that a template can link the title.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_LISTED_AUTHORS = 3


@dataclass(frozen=True)
class ReferenceParts:
    authors: str
    year: str
    title: str
    details: str

    @property
    def text(self) -> str:
        """The whole reference as one line of plain text."""
        head = " ".join(part for part in (self.authors, f"({self.year})" if self.year else "") if part)
        pieces = [head, _sentence(self.title), _sentence(self.details)]
        return " ".join(piece for piece in pieces if piece)


def reference_text(item: dict[str, Any]) -> ReferenceParts:
    """Parts of the short reference of a CSL item."""
    return ReferenceParts(
        authors=name_list(item.get("author") or item.get("editor") or []),
        year=_year(item),
        title=str(item.get("title") or item.get("original-title") or "Untitled"),
        details=_details(item),
    )


def name_list(names: list[dict[str, str]]) -> str:
    """`Family G., Family G. et al.` (corporate names as they are)."""
    shown = [_name(name) for name in names[:MAX_LISTED_AUTHORS]]
    shown = [name for name in shown if name]
    if len(names) > MAX_LISTED_AUTHORS:
        shown.append("et al.")
    return ", ".join(shown)


def _name(name: dict[str, str]) -> str:
    if name.get("literal"):
        return name["literal"]
    return " ".join(part for part in (name.get("family", ""), name.get("given", "")) if part)


def _year(item: dict[str, Any]) -> str:
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return str(parts[0][0]) if parts and parts[0] else ""


def _details(item: dict[str, Any]) -> str:
    """Container with volume(issue), pages; else publisher and place; else the URL's site."""
    container = str(item.get("container-title") or "")
    volume, issue, page = item.get("volume"), item.get("issue"), item.get("page")
    numbering = f"{volume or ''}{f'({issue})' if issue else ''}"
    pages = str(page).replace("-", "–") if page else ""
    publisher = ", ".join(str(item[key]) for key in ("publisher-place", "publisher") if item.get(key))
    if container:
        return ", ".join(part for part in (container, numbering, pages) if part)
    extent = f"{item['number-of-pages']} p." if item.get("number-of-pages") else ""
    return ", ".join(part for part in (publisher, pages, extent) if part)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else f"{text}."
