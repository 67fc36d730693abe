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
from .locators import is_known_place

ROMANIZED_INITIAL = re.compile(r"^(?:Zh|Ch|Sh|Kh|Ts|Yu|Ya|Ye|Yo|Shch|Sch|Dzh|Дж)$")
LOCATOR_START = re.compile(
    rf"(?:\d|№|(?:Т|т|Vol|vol|No|no|Вып|вып|С|с|C|P|p|pp|S|Б|Iss|Bd|Кн|кн|Бр|бр)\.?\s?\d|{YEAR})"
)
# `Қазақ хандығы – 550 жыл`, `– 20 лет`: a number followed by a word (not a unit) belongs to the title.
NUMBER_IN_TITLE = re.compile(
    r"\d+\s?[:»\"”]|\d+\s(?!(?:с|б|бет|бб|стр|стор|л|p|pp|s|S|c|гг|г|жж|ж|рр|р|yy)\b)[а-яёәіңғүұқөһїєґa-z]{2,}"
)
NUMBER_END = re.compile(r"(?<![\d.,/])(\d{1,4})$")
NUMBER_START = re.compile(r"(\d{1,4})(?![\d.,/])")
COUNT_UNIT = re.compile(r"\s?(?:с|c|p|б|pp|стр|стор|бет|s)\.?(?!\w)")
LOWER_AREA = re.compile(r"(?:изд|вид|пер|под|сост|отв|науч|ред|дис|автореф|укл|за\s|режим)")
# `(1991–2011)`, `(1940–50)`: a period the title names, kept in it (the short end as English prints it).
YEAR_SPAN = re.compile(rf"^(?:{YEAR})\s?[-–]\s?(?:{YEAR}|\d\d)(?:\s?(?:гг?|жж|рр?|yy)\.?)?$")
# A thesis named by its degree, and (in parentheses) the genres of report-like works.
DEGREE_THESIS = r"^(?:Doctoral|Master'?s|Ph\.?\s?D\.?|Unpublished|MA|MSc|Diploma)\s(?:dissertation|thesis)"
PAPER_GENRE = DEGREE_THESIS + r"|Report|Working\sPaper"
PAREN_USEFUL = re.compile(
    rf"{YEAR}|\d\s?[-–]\s?\d|(?:Vol|vol|pp|No|С|Т|№|P|p)\.?\s?\d|\d+\s?(?:с|p|pp|б)\.?$|" + PAPER_GENRE
)
# NLM/Vancouver print the genre alone in brackets: `Title [dissertation]. Place: University; 2019.`
BRACKET_GENRE = re.compile(DEGREE_THESIS + r"|^(?:[Dd]issertation|[Tt]hesis|[Mm]aster'?s\sthesis|[Dd]octoral\sthesis)$")
PAREN_CLOSES = re.compile(r"\s?(?:$|[.,:;]|–|//|\(|\[)")
# `Technol. 2 (3–4), 459–473`: a volume's issue numbers stay with the volume, not a segment of their own.
SMALL_NUMBERS = re.compile(r"^\d{1,3}(?:\s?[-–/]\s?\d{1,3})?$")
NUMBER_BEFORE = re.compile(r"\d\s?$")
FULL_DATE = re.compile(r"^\s?\d{1,2}[./]\d{1,2}[./]\d{4}\s?$")
CONTAINER_LEAD = re.compile(
    r"^(?:In|in|В|в|У|Dans|Im)\s?:\s?|^(?:In|Dans|Im)\s(?=[A-ZА-Я\"«“])|^(?:В|в|У|у)\s(?:кн|сб|сборнике|книзі|зб)\.?\s?:?\s?|"
    r"^(?:Paper|Poster|Presentation|Keynote|Talk)\s(?:(?:presented|delivered|given)\s)?(?:at|to)\s(?:the\s)?(?=[A-Z0-9])|"
    r"^(?:V|U)\s(?:kn|sb|knyzi|zb)\.\s?:?\s?"
)
COLON_LEAD = re.compile(
    r"^(?:In|in|В|в|У|Dans|Im)\s?:|^(?:В|в|У|у)\s(?:кн|сб|сборнике|книзі|зб)\b|^(?:V|U)\s(?:kn|sb)\."
)
QUOTES = {"«": "»", "„": "“"}
ORDINAL_BEFORE = re.compile(
    r"(?:^|[\s.])(?:\d+(?:st|nd|rd|th|-?е|-?ге|-?є|-?тє|-?те|-?ое|-?ші|-?шы)|[Rr]ev\.|[Rr]evised|[Ss]econd|[Tt]hird)\s$"
)
DEGREE_END = re.compile(r"(?:канд|д-ра|докт|доктора|kand|d-ra)\.?\s(?:[^\s.]{1,12}\.\s?(?:и\s)?){0,3}$")
IN_LEAD = re.compile(r",\s(?:in|In)(?::\s|\s(?=[A-Z\"“]))(?:the\s)?")
DOTTED_LOWER = re.compile(r"(?:[a-zа-яёіәғқңөұүһ]\.){1,3}[a-zа-яёіәғқңөұүһ]")
ROLE_WORD = re.compile(r"(?:Eds?|Ред|Comp|Trans|Сост)\.")
ABBREVIATED_WORD = re.compile(rf"[{UP}][a-zа-я]{{0,5}}\.(?=\s|,|$)")
ROMAN_PART = re.compile(r"^[IVX]{1,4}$")
PART_BEFORE = re.compile(r"(?:^|\s)(?:Part|Pt\.|Book|Chapter|Часть|Бөлім|Частина)\s$")
# APA's abbreviated journal before its numbers: `Cent. Asian Surv., 27(2)`, `Post-Sov. Aff., 36`.
ABBREVIATED_JOURNAL = re.compile(
    rf"(?:[{UP}][a-z]{{0,9}}(?:-[{UP}][a-z]{{0,6}})?\.?\s){{0,5}}[{UP}][a-z]{{0,6}}\.,\s\(?\d"
)
# ACS/Nature/Science abbreviated journal and its first number: `J. Am. Chem. Soc. 2018,`, `Nat. Clim. Change 9,`.
JOURNAL_CHAIN = re.compile(rf"(?:[{UP}][a-z]{{0,6}}\.\s){{1,5}}(?:[{UP}][a-z]*\s)?\d{{1,4}}[,\s]")
# Elsevier's `J. Hydrol. 590 (2020) 125–139`: a volume and a bracketed year right after an abbreviation.
VOLUME_YEAR = re.compile(rf"\d{{1,4}}\s\({YEAR}\)")
# `A.B.C`: capital initials joined by full stops (compiled once: the pattern string was rebuilt, and hashed
# for re's cache, at every full stop of every reference).
INITIALS_ONLY = re.compile(rf"(?:[{UP}]\.)+[{UP}]")
PLACE_COLON = re.compile(rf"([{UP}][a-zа-яёіїєґәғқңөұүһ]*\.?(?:[\s-][{UP}][a-zа-яёіїєґәғқңөұүһ]+)?)\s?:\s?[{UP}\"«]")
PLACE_YEAR = re.compile(rf"([{UP}][a-zа-яёіїєґәғқңөұүһ]*\.?(?:[\s-][{UP}][a-zа-яёіїєґәғқңөұүһ]+)?)\s?,\s?{YEAR}")
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
    if ROMAN_PART.match(word) and PART_BEFORE.search(text, 0, i - len(word)):
        return True  # `Title. Part I. Journal`: a part's Roman number, not an initial
    if (len(word) == 1 and word.isalpha()) or ROMANIZED_INITIAL.match(word):
        return False
    if _imprint_follows(text, nxt + 1):
        return True
    lowered = word.lower()
    if lowered in ABBREVIATIONS or (lowered in LOCATOR_MARKERS and follower.isdigit()):
        return False
    if DOTTED_LOWER.fullmatch(word):
        return False  # `д.и.н.`, `т.е.`, `e.g.`: a dotted lower-case abbreviation
    if _title_before_journal(text, i, word, nxt + 1):
        return True
    if _abbreviated_journal_follows(word, text, nxt + 1):
        return not _inside_abbreviations(text, i, word)
    if _abbreviation_chain(text, word, nxt + 1):
        return False
    if word[:1].isupper() and len(word) <= 8 and VOLUME_YEAR.match(text, nxt + 1):
        return False
    return not INITIALS_ONLY.fullmatch(word)


def _imprint_follows(text: str, start: int) -> bool:
    """`зб. наук. пр. Київ : Ін-т...`, `доп. К. : Академвидав`: an abbreviation ends the area before `Place :`.

    Why: DSTU and GOST lists without ` – ` separators run the title information (`навч. посіб.`,
    `зб. наук. пр.`) straight into the imprint, and those abbreviations never end a sentence otherwise.
    """
    match = PLACE_COLON.match(text, start)
    return match is not None and is_known_place(match.group(1))


def _abbreviated_journal_follows(word: str, text: str, nxt: int) -> bool:
    """APA `Title in Central Asia. Cent. Asian Surv., 27(2)`: an abbreviated journal runs up to its numbers.

    Only a capitalized short word (one that could open or continue such a journal) is tested.
    """
    if not (2 <= len(word) <= 8 and word[0].isupper() and word[1:].islower()):
        return False
    return ABBREVIATED_JOURNAL.match(text, nxt) is not None


def _title_before_journal(text: str, i: int, word: str, nxt: int) -> bool:
    """ACS/Nature/Science `Conversion of Biomass to Fuels. J. Am. Chem. Soc. 2018, 140`: a full word ends the
    title when an abbreviated journal and its first number follow.

    Why: a short capitalised word (`Fuels`, `Asia`) before `J.`/`Sci.` looks like the start of an
    abbreviation chain; it is the end of a title when it closes a run of three or more words or a run
    with a lower-case word, which an abbreviated journal name (`Earth Planet. Sci. Lett.`) never has.
    """
    if not word[:1].isalpha() or not JOURNAL_CHAIN.match(text, nxt):
        return False
    run: list[str] = []
    for token in reversed(text[: i - len(word)].split()):
        if token.endswith((".", ":", "?", "!")):
            break
        run.append(token)
    return len(run) >= 2 or any(token[:1].islower() for token in run)


def _inside_abbreviations(text: str, i: int, word: str) -> bool:
    """`Cent.` in `Cent. Asian Surv.` continues the journal; `Asia.` after a full word ends the title."""
    before = text[: i - len(word)].split()
    return len(word) <= 5 and (not before or before[-1].endswith("."))


def _abbreviation_chain(text: str, word: str, nxt: int) -> bool:
    """`Appl. Numer. Math.`: a short capitalized abbreviation followed by another is one journal title."""
    if not (2 <= len(word) <= 5 and word[0].isupper() and word[1:].islower()):
        return False
    following = ABBREVIATED_WORD.match(text, nxt)
    return following is not None and not ROLE_WORD.match(text, nxt)  # `Today. Ed. by`: an editor follows


def _dash_cut(text: str, i: int) -> bool:
    """Is the ` – ` starting at the space i a GOST area separator?"""
    before = text[:i].rstrip()
    after = text[i + 3 :].lstrip()
    if not before or not after:
        return False
    if _number_range(before, after):
        return False
    if after[0].islower() and not LOCATOR_START.match(after) and not LOWER_AREA.match(after):
        return False  # `(1991–2011) – двадцать лет независимости`: an area never opens with a plain word
    if before[-1] in ".)]" or before[-1].isdigit():
        return True
    if _imprint_follows(text, i + 3) or _place_year_follows(text, i + 3):
        return True  # `Title – Алматы: КИСИ, 2010`: the full stop before the dash was left out
    return bool(LOCATOR_START.match(after)) and not NUMBER_IN_TITLE.match(after)


def _place_year_follows(text: str, start: int) -> bool:
    """`– М., 2010`, `– Алматы, 2015`: a known place and the year open the imprint area."""
    match = PLACE_YEAR.match(text, start)
    return match is not None and is_known_place(match.group(1))


def _number_range(before: str, after: str) -> bool:
    """`в 1991 – 2001 гг.`, `С. 12 – 15`: a range of rising numbers; `2010 – 200 с.` (a year, then pages) is not."""
    if not before[-1].isdigit() or not after[0].isdigit():
        return False
    low, high = NUMBER_END.search(before, max(0, len(before) - 5)), NUMBER_START.match(after)
    if not low or not high or int(high.group(1)) <= int(low.group(1)):
        return False
    return not COUNT_UNIT.match(after, high.end())


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


SPECIAL = re.compile(r"[(\[«„.?!]|,\s|//| – ")


def split_segments(text: str) -> list[Segment]:
    """Segments of the body in reading order.

    The scanner jumps from one character that may cut (a bracket, a quote, a stop, `, `, `//`, ` – `)
    to the next; the plain text between them goes to the buffer in one piece.
    """
    out: list[Segment] = []
    buf: list[str] = []
    sep = "start"
    i, n = 0, len(text)
    while i < n:
        found = SPECIAL.search(text, i)
        if not found:
            buf.append(text[i:])
            break
        if found.start() > i:
            buf.append(text[i : found.start()])
        i = found.start()
        sep, i = _at_special(text, i, out, buf, sep)
    _emit(out, buf, sep)
    return _mark_hosts(out)


def _at_special(text: str, i: int, out: list[Segment], buf: list[str], sep: str) -> tuple[str, int]:
    """Handle the character at i that may cut: (separator of the next segment, index to go on from)."""
    char = text[i]
    if char in "([":
        end = _close(text, i)
        if end > 0:
            inner = text[i + 1 : end]
            closes = PAREN_CLOSES.match(text, end + 1) is not None
            useful = PAREN_USEFUL.search(inner) and not FULL_DATE.match(inner) and not YEAR_SPAN.match(inner)
            useful = useful and not (SMALL_NUMBERS.match(inner) and NUMBER_BEFORE.search(text, 0, i))
            if char == "[" or (closes and useful):
                _emit(out, buf, sep)
                kind = "bracket" if char == "[" and not BRACKET_GENRE.match(inner) else "paren"
                out.append(Segment(inner.strip(), kind))
                sep = "after-group"
            else:
                buf.append(text[i : end + 1])
            return sep, end + 1
    if char in QUOTES:
        end = text.find(QUOTES[char], i + 1, i + 400)
        if end > 0:
            buf.append(text[i : end + 1])
            return sep, end + 1
    if char == ",":
        lead = IN_LEAD.match(text, i)
        if lead:
            _emit(out, buf, sep)
            return "in", lead.end()
    if char == "/" and text.startswith("//", i):
        _emit(out, buf, sep)
        return "//", i + 2
    if char == " " and text.startswith(" – ", i) and _dash_cut(text, i):
        _emit(out, buf, sep)
        return "dash", i + 3
    if char in ".?!" and _sentence_end(text, i):
        buf.append(char if char != "." else "")
        _emit(out, buf, sep)
        return "stop", i + 2
    buf.append(char)
    return sep, i + 1


def _mark_hosts(segments: list[Segment]) -> list[Segment]:
    """`In: Book` / `В кн.: Сборник` segments: drop the lead word, mark the host boundary."""
    for seg in segments:
        match = CONTAINER_LEAD.match(seg.text)
        if seg.sep == "start" and not COLON_LEAD.match(seg.text):
            continue
        if match and seg.sep in ("stop", "dash", "start", "after-group") and len(seg.text) > match.end() + 2:
            seg.text, seg.sep = seg.text[match.end() :].strip(), "in"
    return segments
