"""The working state of one parse: classified segments and the fields collected so far."""

from __future__ import annotations

from dataclasses import dataclass, field

from .locators import Imprint, Locators
from .names import Name


@dataclass
class Part:
    """One classified segment."""

    kind: str
    text: str
    sep: str
    loc: Locators | None = None
    names: list[Name] = field(default_factory=list)
    raw: str = ""


@dataclass
class Draft:
    """Fields collected while walking the parts."""

    authors: list[Name] = field(default_factory=list)
    editors: list[Name] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    translated: str = ""
    container: list[str] = field(default_factory=list)
    collection: str = ""
    imprint: Imprint = field(default_factory=Imprint)
    loc: Locators = field(default_factory=Locators)
    genre: str = ""
    edition: str = ""
    host: bool = False
    quoted_title: bool = False
    title_closed: bool = False
    leftovers: list[str] = field(default_factory=list)
    year: int | None = None
    host_closed: bool = False
    locs_seen: bool = False
    dated: bool = False
    full_date: str = ""
    editors_after: int = 0
    volume_title_next: bool = False
    paren_volume: bool = False  # APA `Title (Vol. 2). Publisher.`: the volume of a book, printed after its title
