"""Archival sources: `ЦГА РК. Ф. 5. Оп. 1. Д. 12. Л. 3–5.` and `Title // Archive. Ф. 81. Оп. 1. Д. 345.`

Post-Soviet archives cite a document by fonds (`Ф.`), inventory (`Оп.`), file (`Д.`, Ukrainian `Спр.`)
and leaves (`Л.`, `Арк.`). Read as a journal, the fonds looks like a container and the numbers like a
volume and issue; one pattern for the whole locator keeps them out and gives CSL's archive fields instead.
"""

from __future__ import annotations

import re
from typing import Any

from .locators import clean_range
from .script import repair_lookalikes

NUMBER = r"\d+[а-яА-Яa-z]?"
ARCHIVAL = re.compile(
    rf"(?:^|(?<=[\s.,;]))(?P<loc>(?:Ф|Фонд|F|Fond)\.?\s?(?:[А-ЯA-Z]-?)?{NUMBER}[.,;]\s?"
    rf"(?:Оп|Op)\.\s?{NUMBER}[.,;]\s?(?:Д|Дело|Спр|Sp|D|Ед\.\s?хр|Од\.\s?зб)\.?\s?{NUMBER})"
    rf"(?:[.,;]\s?(?:Лл|Л|Арк|L|Ark)\.\s?(?P<leaves>{NUMBER}(?:\s?[-–]\s?{NUMBER})?)(?:\s?об\.?)?)?"
    r"[\s.,;]*$"
)


def archival_item(text: str) -> dict[str, Any] | None:
    """A manuscript item when the reference ends with a fonds-inventory-file locator, else None."""
    if not any(mark in text for mark in ("Оп.", "Op.", "Oп.", "Оp.")):
        return None  # every archival locator names its inventory; most references have none
    text = repair_lookalikes(text)
    match = ARCHIVAL.search(text)
    if not match:
        return None
    head = text[: match.start()].strip(" .,;–")
    title, _, archive = head.rpartition(" // ") if " // " in head else ("", "", head)
    item: dict[str, Any] = {"type": "manuscript"}
    if title.strip(" .,;–"):
        item["title"] = title.strip(" ,;–")
    if archive.strip(" .,;–"):
        item["archive"] = archive.strip(" .,;–")
    item["archive_location"] = match.group("loc")
    if match.group("leaves"):
        item["page"] = clean_range(match.group("leaves"))
    return item
