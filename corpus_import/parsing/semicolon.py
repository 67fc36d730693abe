"""MDPI and ACS imprints: `Title; Publisher: Place, Year` and `In Book; Name, A., Ed.; Publisher: Place, Year; pp.`

These styles join the areas of a book with `; ` and print the publisher BEFORE the colon and the place after
it, the reverse of `Place: Publisher`. Read as one segment, the publisher and the place end up in the title
or the host. The publisher-colon-place piece is only taken when the place is a known one, so a title that
merely contains `; ` and a colon is left alone.
"""

from __future__ import annotations

import re

from .draft import Draft, Part
from .locators import Imprint, is_known_place
from .names import Name, read_name_block

PUBLISHER_PLACE = re.compile(r"^(?P<pub>[^:;]{2,100}?)\s?:\s?(?P<place>[^:;]{2,60}?)[.,]?$")
EDITORS = re.compile(r"^(?P<names>.+?),?\s(?:Ed|Eds|ed|eds)\.?$")


def split_semicolon_imprints(parts: list[Part], draft: Draft) -> list[Part]:
    """Each text part ending in `; Publisher: Place` loses that piece (and an `Eds.` piece before it)."""
    out: list[Part] = []
    for part in parts:
        out.append(part)
        if part.kind == "text" and "; " in part.text:
            tail = _split_part(part, draft)
            if tail:
                out.append(tail)
    return out


def _split_part(part: Part, draft: Draft) -> Part | None:
    pieces = part.text.split("; ")
    match = PUBLISHER_PLACE.match(pieces[-1])
    if not match or not is_known_place(match.group("place").split(", ")[0]):
        return None
    draft.imprint = Imprint(place=match.group("place"), publisher=match.group("pub").strip(" ,"))
    pieces.pop()
    editors = _editors(pieces[-1]) if len(pieces) > 1 else []
    if editors:
        draft.editors = draft.editors or editors
        pieces.pop()
    raw = part.raw or part.text
    numbers = raw[len(part.text) :].strip(" ,;.") if raw.startswith(part.text) else ""
    part.text = part.raw = "; ".join(pieces)
    loc, part.loc = part.loc, None
    return Part("loc", numbers, "stop", loc=loc) if loc else None


def _editors(piece: str) -> list[Name]:
    """`Jones, K., Lee, M., Eds.`: the names, when the name block reads all of them."""
    match = EDITORS.match(piece)
    if not match:
        return []
    names = match.group("names").rstrip(" ,")
    block = read_name_block(names)
    return block.names if block.end >= len(names) - 1 else []
