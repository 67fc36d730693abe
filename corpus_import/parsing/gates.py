"""Expensive patterns behind a cheap substring test.

Why: Python's `re` skips ahead only for a literal, case-sensitive prefix. A case-insensitive
alternation of forty words (`дата обращения|accessed|retrieved|...`), or one that may begin with
optional punctuation, is tried at every position of every reference, and a handful of them cost
more than the rest of the parse (about half of the parser's CPU time before they were gated).
Yet every match of such a pattern contains one of a few plain words, and most references contain
none of them; `str.__contains__` rules those out in microseconds.

The hints must be complete: every possible match of the pattern contains at least one hint
(compared after `casefold`, so hints are written in lower case and a case-sensitive pattern simply
gets a more permissive test). `tests/test_parsing_gates.py` checks that for each alternative.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache


class Gated:
    """A compiled pattern whose `search`/`sub` first check for one of its hint words."""

    __slots__ = ("ascii_hints", "hints", "pattern")

    def __init__(self, pattern: re.Pattern[str], hints: str) -> None:
        self.pattern = pattern
        self.hints = tuple(hints.split())
        self.ascii_hints = tuple(hint for hint in self.hints if hint.isascii())

    def possible(self, text: str) -> bool:
        """False only when no match can exist (no hint word occurs in the text).

        An ASCII text (`isascii` is a flag lookup) cannot contain a Cyrillic hint, so only the others are tried.
        """
        folded, ascii_only = fold(text)
        for hint in self.ascii_hints if ascii_only else self.hints:  # noqa: SIM110 (a loop: no generator)
            if hint in folded:
                return True
        return False

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.possible(text) else None

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self.pattern.sub(repl, text) if self.possible(text) else text


@lru_cache(maxsize=64)
def fold(text: str) -> tuple[str, bool]:
    """The text casefolded, and whether that is ASCII: remembered, as one text passes several gates in a row."""
    folded = text.casefold()
    return folded, folded.isascii()


def gated(pattern: str, hints: str, flags: int = 0) -> Gated:
    """Compile `pattern` behind the whitespace-separated `hints`."""
    return Gated(re.compile(pattern, flags), hints)
