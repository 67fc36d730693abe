"""CSL-JSON, the interchange format of Zotero and pandoc: a JSON array of items.

Written item by item, and read item by item with `raw_decode`, so a broken
file still yields the items before the break and the break's line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from bibliography.formats.common import ParsedEntry, ParseResult, Problem, public_item

DECODER = json.JSONDecoder()
WHITESPACE = " \t\r\n"


def render(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Stream a JSON array, one item per chunk."""
    separator = "[\n"
    for item in items:
        yield separator + json.dumps(public_item(item), ensure_ascii=False)
        separator = ",\n"
    yield "[]\n" if separator == "[\n" else "\n]\n"


def parse(text: str) -> ParseResult:
    """Items of a CSL-JSON array (or a single item, or `{"items": [...]}`)."""
    start = skip_space(text, 0)
    if text.startswith("{", start):
        return parse_object(text, start)
    if not text.startswith("[", start):
        return ParseResult(problems=[Problem("", line_at(text, start), "not CSL-JSON: expected '[' or '{'")])
    return parse_array(text, start + 1)


def parse_object(text: str, start: int) -> ParseResult:
    """A single item, or a wrapper holding `items`."""
    try:
        value, _ = DECODER.raw_decode(text, start)
    except json.JSONDecodeError as error:
        return ParseResult(problems=[Problem("", error.lineno, f"invalid JSON: {error.msg}")])
    if isinstance(value.get("items"), list):
        return parse_array(json.dumps(value["items"], ensure_ascii=False)[1:], 0)
    return collect([(value, line_at(text, start))])


def parse_array(text: str, position: int) -> ParseResult:
    """Decode the array's elements one at a time, tracking lines incrementally."""
    found: list[tuple[Any, int]] = []
    line, counted = 1, 0
    while True:
        position = skip_space(text, position)
        if position >= len(text):
            result = collect(found)
            result.problems.append(Problem("", line, "invalid JSON: the array is not closed"))
            return result
        if text[position] == "]":
            return collect(found)
        line += text.count("\n", counted, position)
        counted = position
        try:
            value, position = DECODER.raw_decode(text, position)
        except json.JSONDecodeError as error:
            result = collect(found)
            result.problems.append(Problem(f"item {len(found) + 1}", error.lineno, f"invalid JSON: {error.msg}"))
            return result
        found.append((value, line))
        position = skip_space(text, position)
        if text.startswith(",", position):
            position += 1


def collect(found: list[tuple[Any, int]]) -> ParseResult:
    """Turn decoded values into entries; non-objects are problems."""
    result = ParseResult()
    for index, (value, line) in enumerate(found, 1):
        if not isinstance(value, dict):
            result.problems.append(Problem(f"item {index}", line, "not a CSL item (expected an object)"))
            continue
        label = str(value.get("id") or value.get("citation-key") or f"item {index}")
        result.entries.append(ParsedEntry(public_item(value), label, line))
    return result


def skip_space(text: str, position: int) -> int:
    """Index of the next non-whitespace character."""
    while position < len(text) and text[position] in WHITESPACE:
        position += 1
    return position


def line_at(text: str, position: int) -> int:
    """1-based line of a character offset."""
    return text.count("\n", 0, position) + 1
