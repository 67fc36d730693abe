"""Cutting the body of a reference (after its authors) into segments.

GOST 7.1 separates areas with `. – ` and the host document with `//`;
English styles separate elements with `. ` and put translations in `[...]`
and imprints or years in `(...)`. The scanner walks the text once, tracking
bracket depth, and cuts at:
1. `//` and `In:` / `В кн.:` (host document follows);
2. ` – ` after a full stop, a digit or `)`, or before a locator (GOST areas);
3. a full stop (or `?`, `!`) before a capital, unless the word before it is an
   initial or a known abbreviation;
4. `[...]` groups (translations, markers) and `(...)` groups holding a year or
   locators, which become segments of their own.
Commas are not cut here: locator tails are split off later, per segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chars import UP, YEAR
from .lexicon import ABBREVIATIONS, LOCATOR_MARKERS

ROMANIZED_INITIAL = re.compile(r"^(?:Zh|Ch|Sh|Kh|Ts|Yu|Ya|Ye|Yo|Shch|Sch|Dzh|Дж)$")
LOCATOR_START = re.compile(
    rf"(?:\d|№|(?:Т|т|Vol|vol|No|no|Вып|вып|С|с|C|P|p|pp|S|Б|Iss|Bd|Кн|кн|Бр|бр)\.?\s?\d|{YEAR})"
)
NUMBER_IN_TITLE = re.compile(r"\d+\s?[:»\"”]")
YEAR_SPAN = re.compile(rf"^(?:{YEAR})\s?[-–]\s?(?:{YEAR})(?:\s?(?:гг?|жж|рр?|yy)\.?)?$")
PAREN_USEFUL = re.compile(
    rf"{YEAR}|\d\s?[-–]\s?\d|(?:Vol|vol|pp|No|С|Т|№|P|p)\.?\s?\d|\d+\s?(?:с|p|pp|б)\.?$|"
    r"^(?:Doctoral|Master'?s|Ph\.?\s?D\.?|Unpublished|MA|MSc|Diploma)\s(?:dissertation|thesis)|Report|Working\sPaper"
)
BRACKET_GENRE = re.compile(r"^(?:Doctoral|Master'?s|Ph\.?\s?D\.?|Unpublished|MA|MSc|Diploma)\s(?:dissertation|thesis)")
PAREN_CLOSES = re.compile(r"\s?(?:$|[.,:;]|–|//|\(|\[)")
FULL_DATE = re.compile(r"^\s?\d{1,2}[./]\d{1,2}[./]\d{4}\s?$")
CONTAINER_LEAD = re.compile(
    r"^(?:In|in|В|в|У|Dans|Im)\s?:\s?|^(?:In|Dans|Im)\s(?=[A-ZА-Я\"«“])|^(?:В|в|У|у)\s(?:кн|сб|сборнике|книзі|зб)\.?\s?:?\s?"
)
COLON_LEAD = re.compile(r"^(?:In|in|В|в|У|Dans|Im)\s?:|^(?:В|в|У|у)\s(?:кн|сб|сборнике|книзі|зб)\b")
QUOTES = {"«": "»", "„": "“"}
ORDINAL_BEFORE = re.compile(
    r"(?:^|[\s.])(?:\d+(?:st|nd|rd|th|-?е|-?ге|-?є|-?тє|-?те|-?ое|-?ші|-?шы)|[Rr]ev\.|[Rr]evised|[Ss]econd|[Tt]hird)\s$"
)
DEGREE_END = re.compile(r"(?:канд|д-ра|докт|доктора|kand|d-ra)\.?\s(?:[^\s.]{1,12}\.\s?(?:и\s)?){0,3}$")
IN_LEAD = re.compile(r",\s(?:in|In)(?::\s|\s(?=[A-Z\"“]))(?:the\s)?")
ABBREVIATED_WORD = re.compile(rf"[{UP}][a-zа-я]{{0,5}}\.(?=\s|,|$)")
OPENERS = {"(": ")", "[": "]", "«": "»", "“": "”"}


@dataclass
class Segment:
    """One piece of the body and what separated it from the previous piece."""

    text: str
    sep: str


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in '([«"“':
        start -= 1
    return text[start:end]


def _sentence_end(text: str, i: int) -> bool:
    """Is the `.`/`?`/`!` at i the end of an element (not an initial or abbreviation)?"""
    nxt = i + 1
    if nxt >= len(text) or text[nxt] != " " or nxt + 1 >= len(text):
        return False
    follower = text[nxt + 1]
    if not (follower.isupper() or follower.isdigit() or follower in "\"«“'([„"):
        return False
    if text[i] in "?!":
        return True
    word = _word_before(text, i).strip("\"'»”)")
    if word in ("г", "гг") and re.search(r"\d{4}\s?$", text[: i - len(word)]):
        return True
    if word in ("наук", "nauk") and DEGREE_END.search(text[: i - len(word)]):
        return True
    if word in ("ed", "edn", "изд", "вид", "басылым") and ORDINAL_BEFORE.search(text[: i - len(word)]):
        return True
    if (len(word) == 1 and word.isalpha()) or ROMANIZED_INITIAL.match(word):
        return False
    lowered = word.lower()
    if lowered in ABBREVIATIONS or (lowered in LOCATOR_MARKERS and follower.isdigit()):
        return False
    if _abbreviation_chain(text, word, nxt + 1):
        return False
    return not re.fullmatch(rf"(?:[{UP}]\.)+[{UP}]", word)


def _abbreviation_chain(text: str, word: str, nxt: int) -> bool:
    """`Appl. Numer. Math.`: a short capitalized abbreviation followed by another is one journal title."""
    if not (2 <= len(word) <= 5 and word[0].isupper() and word[1:].islower()):
        return False
    following = ABBREVIATED_WORD.match(text, nxt)
    return following is not None


def _dash_cut(text: str, i: int) -> bool:
    """Is the ` – ` starting at the space i a GOST area separator?"""
    before = text[:i].rstrip()
    after = text[i + 3 :].lstrip()
    if not before or not after:
        return False
    if before[-1] in ".)]" or before[-1].isdigit():
        return True
    return bool(LOCATOR_START.match(after)) and not NUMBER_IN_TITLE.match(after)


def _close(text: str, i: int) -> int:
    """Index of the bracket closing the one at i, or -1."""
    opener = text[i]
    closer = OPENERS[opener]
    depth = 0
    for j in range(i, min(len(text), i + 800)):
        if text[j] == opener:
            depth += 1
        elif text[j] == closer:
            depth -= 1
            if depth == 0:
                return j
    return -1


def _emit(out: list[Segment], buf: list[str], sep: str) -> None:
    text = "".join(buf).strip(" .,;:")
    if text:
        out.append(Segment(text, sep))
    buf.clear()


def split_segments(text: str) -> list[Segment]:
    """Segments of the body in reading order."""
    out: list[Segment] = []
    buf: list[str] = []
    sep = "start"
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in "([":
            end = _close(text, i)
            if end > 0:
                inner = text[i + 1 : end]
                closes = PAREN_CLOSES.match(text, end + 1) is not None
                useful = PAREN_USEFUL.search(inner) and not FULL_DATE.match(inner) and not YEAR_SPAN.match(inner)
                if char == "[" or (closes and useful):
                    _emit(out, buf, sep)
                    kind = "bracket" if char == "[" and not BRACKET_GENRE.match(inner) else "paren"
                    out.append(Segment(inner.strip(), kind))
                    sep = "after-group"
                else:
                    buf.append(text[i : end + 1])
                i = end + 1
                continue
        if char in QUOTES:
            end = text.find(QUOTES[char], i + 1, i + 400)
            if end > 0:
                buf.append(text[i : end + 1])
                i = end + 1
                continue
        if char == "," and IN_LEAD.match(text, i):
            _emit(out, buf, sep)
            sep, i = "in", IN_LEAD.match(text, i).end()  # type: ignore[union-attr]
            continue
        if char == "/" and text.startswith("//", i):
            _emit(out, buf, sep)
            sep, i = "//", i + 2
            continue
        if char == " " and text.startswith(" – ", i) and _dash_cut(text, i):
            _emit(out, buf, sep)
            sep, i = "dash", i + 3
            continue
        if char in ".?!" and _sentence_end(text, i):
            buf.append(char if char != "." else "")
            _emit(out, buf, sep)
            sep, i = "stop", i + 2
            continue
        buf.append(char)
        i += 1
    _emit(out, buf, sep)
    return _mark_hosts(out)


def _mark_hosts(segments: list[Segment]) -> list[Segment]:
    """`In: Book` / `В кн.: Сборник` segments: drop the lead word, mark the host boundary."""
    for seg in segments:
        match = CONTAINER_LEAD.match(seg.text)
        if seg.sep == "start" and not COLON_LEAD.match(seg.text):
            continue
        if match and seg.sep in ("stop", "dash", "start", "after-group") and len(seg.text) > match.end() + 2:
            seg.text, seg.sep = seg.text[match.end() :].strip(), "in"
    return segments
