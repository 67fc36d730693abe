"""Patents in GOST 7.1 / 7.0.100: `Пат. 2345678 Рос. Федерация, МПК G01N 33/00. Title / Inventors ; ...`.

A patent opens with its number, country and classification, so read generally its number looks like a
title and `33/00` like a volume and pages. The shape is fixed by the standard: the title follows the
classification sentence and runs to ` / ` (inventors) or ` : №`; the date that matters is `опубл.`.
"""

from __future__ import annotations

import re
from typing import Any

from .names import read_name_block

PATENT_START = re.compile(r"^(?:Пат\.|Патент|Инновациялық\sпатент|Свидетельство)\s(?:на\s[а-яё\s]+?\s)?(?:№\s?)?\d")
CLASS_END = re.compile(r"(?:МПК|МКИ|IPC)\s[^.]+?\.\s(?=[^\W\d_])")
NUMBER_END = re.compile(r"\d[^.]*?\.\s(?=[^\W\d_]{4})")
PATENT_TITLE = re.compile(r"^(?P<title>.+?)(?=\s/\s|\s:\s№|\s[;–—]\s|\.\s[–—]|$)")
INVENTORS = re.compile(r"\s/\s(?P<people>[^;–—/]+)")
PUBLISHED = re.compile(r"(?:[Оо]публ\.|жарияланды)\s?(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)")
PAGES = re.compile(r"[–—]\s(?P<n>\d+)\s[сб]\.")


def patent_fields(text: str) -> dict[str, Any] | None:
    """Type, title, inventors, publication date and page count of a patent, or None for other references."""
    if not PATENT_START.match(text):
        return None
    head = CLASS_END.search(text) or NUMBER_END.search(text)
    body = PATENT_TITLE.match(text[head.end() :]) if head else None
    if not head or not body:
        return None
    rest = text[head.end() :]
    fields: dict[str, Any] = {"type": "patent", "title": body.group("title").strip(" .,:")}
    people = INVENTORS.search(rest)
    inventors = read_name_block(people.group("people").strip() + " ").names if people else []
    if inventors:
        fields["author"] = inventors
    published = PUBLISHED.search(rest)
    if published:
        fields["issued"] = {"date-parts": [[int(published["y"]), int(published["m"]), int(published["d"])]]}
    pages = PAGES.search(rest)
    if pages:
        fields["number-of-pages"] = pages["n"]
    return fields


def as_patent(item: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """The general item with the patent's own fields; numbers read as journal locators are dropped."""
    for key in ("volume", "issue", "page", "container-title", "author", "editor", "publisher", "publisher-place"):
        item.pop(key, None)
    item.update(fields)
    return item
