"""Step 6 of the pipeline: link in-text citations to reference entries.

Two citation systems are read:
1. numeric brackets: `[17]`, `[7, p.18]` (the locator is kept), `[1; 5]`,
   `[1-3]`, `[1, 5]`; a bracket that holds anything else (`[in Russian]`,
   `[Electronic resource]`) is not a citation;
2. parenthetical author-year: `(K.Zh. Alimbekov, 2020; B.K. Sultanov, 2019)`,
   `(Саидазимова Г. 2006)`, also in square brackets (`[Иванов 2019: 15]`) and
   with several years of one author (`(Brown 2018a, b)`). Names are compared
   through skeletons, so `Ibrayev` in the text finds `Ibraev` in the list.
A numbered-list article with no bracket citations is read for superscripts,
else for numbers in parentheses (`... century (1).`).
The reference lists themselves are skipped: only the running text counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bibliography.lib.skeleton import name_skeleton, skeleton
from corpus_import.entries import SAME_AUTHOR, SIGLUM
from corpus_import.twins import Reference

# A bracket may wrap onto a second line (`[1,` / `2]`, `[7, p.` / `18]`), as PARENS may.
BRACKET = re.compile(r"\[([^\[\]\n]{1,120}(?:\n[ \t]*[^\[\]\s][^\[\]\n]{0,120})?)\]")
# Parts of a work smaller than a page range, as IEEE and law journals cite them: `[14, Sec. 3]`, `[2, Ch. IV]`,
# `[5, Fig. 2]`, `[3, ст. 12]`, `[7, гл. 2]`.
# The words spelled out (`[2, chapter 3]`, `[3, Table 2]`), Russian figures and tables (`[4, рис. 1]`,
# `[5, табл. 2]`), an equation's number in parentheses (`[13, Eq. (5)]`).
PART_KINDS = (
    r"chapter|Chapter|section|Section|figure|Figure|table|Table|Sec|sec|Ch|ch|Chap|chap|Fig|fig|Tab|tab|Eq|eq|Thm"
    r"|App|Art|art|гл|разд|ст|ч|рис|табл|§"
)
LOCATOR = re.compile(
    rf"^(?P<kind>pp?|P{{1,2}}|с|С|c|C|s|S|б|Б|стр|ss|bb|page|pages|vol|т|Т|fol|лл|л|Л|ll|арк|{PART_KINDS})\.?\s*"
    r"(?P<value>\d[\d\s,\-–—]*\w?(?:\.\d+)*(?:\s*(?:об|ob)\.?)?|[IVXLC]{1,6}|\(\d{1,3}\))$"  # a verso: `л. 3 об.`
)
# Kazakh and Russian print the number first: `45-б.`, `112 б.`, `23-25 бб.`, `2-т.`, `45 с.`.
# Kazakh tables, figures and chapters come the same way: `2-кесте`, `1-сурет`, `3-тарау`.
LOCATOR_AFTER = re.compile(
    r"^(?P<value>\d[\d\-–—]*?)\s*-?\s*(?P<kind>бб|б|Б|сс|с|С|pp|p|т|Т|bb|b|ss|п|кесте|сурет|тарау)\.?$"
)
# `т. 2, с. 45`: where a locator's parts meet, a comma before the next part's kind.
LOCATOR_PARTS = re.compile(rf",\s*(?=(?:pp?|P{{1,2}}|с|С|c|C|s|S|б|Б|стр|vol|т|Т|л|Л|лл|ll|fol|арк|{PART_KINDS})\.)")
NUMBER_RUN = re.compile(r"^\d{1,3}(?:\s*[-–—−]\s*\d{1,3})?$")
# A hard-wrapped paragraph breaks a citation where it likes: `(Абдуллаева,` / `2020; Бекова, Жунусов, 2021)`; one
# line break inside the parentheses is read as a space (a blank line ends the paragraph, and the citation).
PARENS = re.compile(r"\(([^()\n]{1,300}(?:\n[ \t]*[^()\s][^()\n]{0,300})?)\)")
YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?:[a-zа-я])?(?!\d)")
# `2018a`: the letter tells apart one author's works of one year.
LETTERED_YEAR = re.compile(r"(?<!\d)((?:1[5-9]|20)\d\d[a-zа-я])(?![\w])")
# A work with no date or not yet out stands in the list with that word for its year: `(n.d.)`, `(s.f.)`, `(б.г.)`,
# `(in press)`, `(en prensa)`, `(w druku)`; a citation names it so: `(Bureau of National Statistics, n.d.)`.
UNDATED = r"n\.\s?d\.|s\.\s?f\.|b\.\s?r\.|б\.\s?г\.|no date|sin fecha|sem data"
IN_PRESS = r"in press|en prensa|no prelo|in stampa|w druku|в печати|im druck|sous presse|forthcoming"
NO_YEAR = re.compile(rf"(?<![^\W\d_])(?:(?P<undated>{UNDATED})|(?P<press>{IN_PRESS}))(?![^\W\d_])", re.IGNORECASE)
# `(Vygotsky, 1934/1986)`: a reprint cited by the first and the used edition's years.
GROUP = re.compile(
    r"^(?P<names>[^\d]{2,120}?)[\s,.]*"
    rf"(?P<year>(?:1[5-9]\d\d|20\d\d)[a-zа-я]?(?:/(?:1[5-9]\d\d|20\d\d))?|{UNDATED}|{IN_PRESS})?"
    rf"(?:[,:]\s*(?P<loc>(?:(?:pp?|P{{1,2}}|с|С|c|s|б|стр)\.\s*|(?:{PART_KINDS})\.?\s+)?\d[\d\-–—]*))?$"
)  # `(Cameron 2018, chap. 3)`, `(Kassymbekova 2016, table 2)`: a part of the work as the locator
HAS_INITIAL = re.compile(r"(?:^|\s)(?:[^\W\d_]{1,2}\.\s?)+(?:\s|$)|[^\W\d_]\.[^\W\d_]")
SENTENCE_END = re.compile(r"[.!?…](?=\s+[«\"“]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]|\s*$)")
INITIAL = re.compile(r"^(?:[^\W\d_]{1,2}\.)+$")
NAME_WORD = re.compile(r"[^\W\d_][\w'’\-]+")
STOP_WORDS = frozenset(
    {"et", "al", "and", "и", "др", "see", "cf", "см", "ibid", "eds", "ed", "под", "ред", "және", "т.б"}
)
MAX_NAME_WORDS = 6
SUPERSCRIPT_CITE = re.compile(r"(?<=[^\s\d¹²³⁴⁵⁶⁷⁸⁹⁰])[¹²³⁴⁵⁶⁷⁸⁹⁰]+(?:[,;⁻][¹²³⁴⁵⁶⁷⁸⁹⁰]+)*")
FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
PROSE_LINE = 120  # superscripts count only in paragraphs, not in author and affiliation lines
# A hard-wrapped paragraph's lines are shorter, but are sentences: several lower-case words, which a line of
# names or an affiliation lacks.
PROSE_WORD = re.compile(r"(?<![\w\-])[a-zа-яёәғқңөұүһі]{3,}(?![\w\-])")
PROSE_WORDS = 6
UNIT_BEFORE = re.compile(r"(?<![^\W\d_])(?:[kcmdμ]?m|ft|га|км|м)$")
LOCATOR_NAMES = {
    "с": "p.",
    "С": "p.",
    "c": "p.",
    "C": "p.",
    "б": "p.",
    "Б": "p.",
    "стр": "p.",
    "P": "p.",
    "s": "p.",
    "сс": "pp.",
    "бб": "pp.",
    "b": "p.",
    "bb": "pp.",
    "ss": "pp.",
    "т": "vol.",
    "Т": "vol.",
    "Table": "tab.",
    "table": "tab.",
    "figure": "fig.",
    "chapter": "ch.",
    "section": "sec.",
    "Figure": "fig.",
    "Chapter": "ch.",
    "Section": "sec.",
    "кесте": "tab.",
    "сурет": "fig.",
    "тарау": "ch.",
    "§": "§",
}


@dataclass(frozen=True)
class MentionItem:
    """One in-text citation: which reference (0-based index), where, and how."""

    reference: int
    marker: str
    locator: str
    sentence: str
    offset: int


def normalize_locator(text: str) -> str:
    """`p.18` -> `p. 18`; Cyrillic `с.` and number-first `45-б.` read as a page too; a bare `12` is a page;
    a volume and a page (`т. 2, с. 45`) each in turn."""
    text = text.strip()
    if text.isdigit() or NUMBER_RUN.match(text):
        return f"p. {text}"
    match = LOCATOR.match(text) or LOCATOR_AFTER.match(text)
    if not match:
        parts = LOCATOR_PARTS.split(text)
        return ", ".join(normalize_locator(part) for part in parts) if len(parts) > 1 else text
    kind = match.group("kind")
    kind = LOCATOR_NAMES.get(kind, kind.lower())
    kind = kind if kind.endswith((".", "§")) else f"{kind}."
    return f"{kind} {match.group('value').strip()}"


def expand_numbers(part: str) -> list[int] | None:
    """`3` -> [3]; `1-3` -> [1, 2, 3]; anything else -> None."""
    part = part.strip()
    if not NUMBER_RUN.match(part):
        return None
    bounds = [int(n) for n in re.findall(r"\d+", part)]
    if len(bounds) == 2 and bounds[0] < bounds[1] <= bounds[0] + 50:
        return list(range(bounds[0], bounds[1] + 1))
    return bounds[:1]


# `[1:12]`, `[2:45-47; 4]`: Kazakh, Uzbek and Turkish journals print the page after a colon.
NUMBER_COLON_PAGE = re.compile(r"^(\d{1,3})\s*:\s*(\d{1,4}(?:\s*[-–—]\s*\d{1,4})?)$")


# `[see 3]`, `[см.: 7]`, `[ср. 4]`, `[қараңыз: 4]` (Kazakh): a pointer to the work before its number.
SEE_FIRST = re.compile(r"^(?:see|cf\.|см\.|ср\.|қараңыз|vgl\.|bkz\.):?\s+", re.IGNORECASE)


def parse_bracket(content: str, count: int) -> list[tuple[int, str]] | None:
    """(number, locator) pairs of a numeric citation, or None if it is not one."""
    cited: list[tuple[int, str]] = []
    for group in re.split(r"\s*;\s*", SEE_FIRST.sub("", content.strip())):
        page = NUMBER_COLON_PAGE.match(group)
        if page and int(page.group(1)) <= count:
            cited.append((int(page.group(1)), normalize_locator(page.group(2))))
            continue
        parts = [part.strip() for part in group.split(",") if part.strip()]
        numbers: list[int] = []
        locator = ""
        for index, part in enumerate(parts):
            expanded = expand_numbers(part)
            if expanded is not None and not locator and (not numbers or max(expanded) <= count):
                numbers += expanded
            elif numbers and (LOCATOR.match(part) or LOCATOR_AFTER.match(part) or expanded is not None):
                locator = normalize_locator(", ".join(parts[index:]))
                break
            else:
                return None
        if not numbers:
            return None
        cited += [(number, locator) for number in numbers]
    return cited


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end], within its line (paragraph)."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end)
    paragraph_end = len(text) if paragraph_end == -1 else paragraph_end
    left = paragraph_start
    for match in SENTENCE_END.finditer(text, paragraph_start, paragraph_end):
        if match.end() > start:
            break
        if not abbreviation_before(text, match.end()):
            left = match.end()
    right = paragraph_end
    for match in SENTENCE_END.finditer(text, end, paragraph_end):
        if not abbreviation_before(text, match.end()):
            right = match.end()
            break
    return text[left:right].strip()


def abbreviation_before(text: str, dot_end: int) -> bool:
    """A period closing an initial or a short abbreviation (`K.Zh.`, `p.`)."""
    word_start = max(text.rfind(" ", 0, dot_end), text.rfind("\n", 0, dot_end)) + 1
    token = text[word_start:dot_end].rstrip(".!?…")
    last = token.split(".")[-1]
    return 0 < len(last) <= 2 and last[:1].isalpha()


@dataclass(frozen=True)
class NameIndex:
    """Skeletons of each reference's first author and of all its words."""

    first: list[str]
    words: list[frozenset[str]]
    years: list[frozenset[str]]
    lettered: list[frozenset[str]]


def first_author(reference: Reference) -> str:
    """Family name that opens the entry (or its author-year label)."""
    source = reference.label if reference.label and not reference.label.isdigit() else reference.text
    for match in NAME_WORD.finditer(source):
        word = match.group(0)
        if not INITIAL.match(word + ".") or len(word) > 2 or acronym(source, match):
            return name_skeleton(word)
    return ""


def acronym(text: str, match: re.Match[str]) -> bool:
    """`BP (2021)`, `(IEA, 2022; BP, 2021)`: two capitals without a point are a body's acronym, not initials."""
    return match.group(0).isupper() and text[match.end() : match.end() + 1] != "."


def first_authors(references: Sequence[Reference]) -> list[str]:
    """Each entry's first family name; an entry that opens with a rule repeats the one above it."""
    first: list[str] = []
    for reference in references:
        repeated = SAME_AUTHOR.match(reference.text) and not reference.label and first
        first.append(first[-1] if repeated else first_author(reference))
    return first


def build_index(references: Sequence[Reference]) -> NameIndex:
    return NameIndex(
        first=first_authors(references),
        words=[frozenset(skeleton(f"{ref.label} {ref.text} {ref.alt_text}").split()) for ref in references],
        years=[entry_years(f"{ref.label} {ref.text} {ref.alt_text}") for ref in references],
        lettered=[frozenset(LETTERED_YEAR.findall(f"{ref.label} {ref.text} {ref.alt_text}")) for ref in references],
    )


def entry_years(text: str) -> frozenset[str]:
    """The years an entry prints, and `n.d.` / `in press` for an undated or forthcoming work."""
    found = set(YEAR.findall(text))
    found |= {year_key(match.group(0)) for match in NO_YEAR.finditer(text)}
    return frozenset(found)


def year_key(year: str) -> str:
    """What a citation's year is compared by: `2018` of `2018a`, the used edition `1986` of `1934/1986`, and
    `n.d.` or `in press` for each language's word for these."""
    no_year = NO_YEAR.fullmatch(year)
    if no_year:
        return "n.d." if no_year.group("undated") else "in press"
    return year.split("/")[-1][:4]


def surnames(names: str) -> list[str]:
    """Family-name skeletons of `K.Zh. Alimbekov`, `Алшанов Р., Ашимбаева А.`."""
    found = []
    for match in NAME_WORD.finditer(names):
        word = match.group(0)
        if word.lower().strip(".") in STOP_WORDS or (len(word) < 3 and not acronym(names, match)):
            continue
        if not word[0].isupper():
            continue
        found.append(name_skeleton(word))
    return found


def match_group(names: list[str], year: str, index: NameIndex) -> int | None:
    """The reference an author-year group cites, scored on names and year."""
    best, best_score = None, 1.5
    for position, first in enumerate(index.first):
        score = 0.0
        if names[0] == first:
            score += 3
        elif year and names[0] in index.words[position]:
            score += 1
        else:
            continue
        score += 0.5 * sum(1 for name in names[1:] if name in index.words[position])
        if year:
            score += 2 if year_key(year) in index.years[position] else (-1 if index.years[position] else 0)
            score += 0.5 if year in index.lettered[position] else 0
        if score > best_score:
            best, best_score = position, score
    return best


# `Brown 2018a, 2018b`, `Brown 2018a, b`, `Smith 2019, 2020`: one author's several works in one group.
YEARS = re.compile(
    r"^(?P<names>[^\d]{2,120}?)[\s,]*(?P<first>(?:1[5-9]\d\d|20\d\d)[a-zа-я]?)"
    r"(?P<more>(?:\s*,\s*(?:(?:1[5-9]\d\d|20\d\d)[a-zа-я]?|[a-zа-я])(?![\w.]))+)$"
)


def one_year_each(part: str) -> list[str]:
    """A group naming one author with several years, as one group per year; other groups as they are."""
    match = YEARS.match(part.strip())
    if not match or titled(match.group("names"), match.group("more")):
        return [part]
    names, year = match.group("names").strip(" ,"), match.group("first")
    years = [year]
    for item in re.split(r"\s*,\s*", match.group("more").strip(" ,")):
        years.append(item if item[0].isdigit() else year[:4] + item)
    return [f"{names} {each}" for each in years]


TITLE_WORD = re.compile(r"(?<![\w.])[a-zа-яёәғқңөұүһі]{4,}(?![\w.])")


def titled(names: str, more: str) -> bool:
    """`(Annual report 2020, 2021)`, `(Strategic plan 2050, 2012)`: a work without an author cited by its title,
    which ends in a year, then by its year; a title's lower-case words are none of an author's (`et al.`)."""
    words = [word for word in TITLE_WORD.findall(names) if word not in STOP_WORDS and word not in JOINING_WORDS]
    return bool(words) and more.count(",") == 1


# `(Moscow: Nauka, 1994)`, `(Berlin: Klaus Schwarz, 2002)`: a place and a publisher, as a footnote or an
# in-text book mention prints them; a colon after a word other than `see` never follows an author's name.
IMPRINT = re.compile(r"([^\W\d_]+)\s*:\s")
SEE_WORDS = frozenset({"see", "cf", "см", "ср", "қараңыз", "vgl", "bkz", "voir", "по", "after"})


def is_imprint(names: str) -> bool:
    return any(word.lower() not in SEE_WORDS for word in IMPRINT.findall(names))


# `(Ministry of Education and Science of the Republic of Kazakhstan, 2011)`: a body's name, longer than any list of
# authors, but its lower-case words only join its capitalised ones.
JOINING_WORDS = frozenset({"of", "and", "the", "for", "on", "in", "at", "de", "du", "des", "la", "и", "по", "при"})
MAX_CORPORATE_WORDS = 14


def too_long(names: str) -> bool:
    """More words than a citation's names: prose in brackets, unless it reads as the name of a body."""
    words = names.replace(",", " ").split()
    if len(words) <= MAX_NAME_WORDS:
        return False
    corporate = all(word.lstrip("[(")[:1].isupper() or word in JOINING_WORDS for word in words)
    return not corporate or len(words) > MAX_CORPORATE_WORDS


YEAR_ALONE = re.compile(r"^(?P<year>(?:1[5-9]\d\d|20\d\d)[a-zа-я]?)$")


def author_year_groups(content: str) -> list[tuple[list[str], str, str]] | None:
    """(surnames, year, locator) per `;` group; None if not a citation at all."""
    groups: list[tuple[list[str], str, str]] = []
    parts = [each for part in re.split(r"\s*;\s*", content.strip()) for each in one_year_each(part)]
    for part in parts:
        alone = YEAR_ALONE.match(part.strip())
        if alone and groups:  # `(EBRD 2016; 2020)`: another work of the names before
            groups.append((groups[-1][0], alone.group("year"), ""))
            continue
        match = GROUP.match(part.strip())
        if not match:
            continue
        names = surnames(match.group("names"))
        if not names or too_long(match.group("names")) or is_imprint(match.group("names")):
            continue
        if not match.group("year") and not HAS_INITIAL.search(match.group("names")):
            continue
        locator = normalize_locator(match.group("loc")) if match.group("loc") else ""
        groups.append((names, match.group("year") or "", locator))
    return groups or None


def skip_ranges(text: str, ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of the running text: everything outside `ranges`."""
    spans, last = [], 0
    for start, end in sorted(ranges):
        if start > last:
            spans.append((last, start))
        last = max(last, end)
    spans.append((last, len(text)))
    return spans


def find_mentions(
    text: str, references: Sequence[Reference], skip: Sequence[tuple[int, int]] = ()
) -> tuple[list[MentionItem], list[str]]:
    """Every in-text citation outside the `skip` spans (the lists themselves)."""
    by_label = label_map(references)
    index = LazyIndex(references)
    mentions: list[MentionItem] = []
    warnings: list[str] = []
    spans = skip_ranges(text, skip)
    for start, end in spans:
        mentions += numeric_mentions(text, start, end, by_label, warnings)
        mentions += author_year_mentions(text, start, end, index)
    numbered = bool(references) and all(ref.label.isdigit() for ref in references)
    superscripts = (
        [item for start, end in spans for item in superscript_mentions(text, start, end, by_label)] if numbered else []
    )
    if numbered and any(item.marker.startswith("[") for item in mentions):
        # Brackets and superscripts mixed (`children¹⁻³ ... as reported before [1-3]`): the superscripts are
        # citations too when one of them is a list or a range, as a footnote marker never is.
        if any(re.search(r"[,;⁻]", item.marker) for item in superscripts):
            mentions += superscripts
    elif numbered:
        mentions += superscripts or [
            item for start, end in spans for item in parenthesized_mentions(text, start, end, by_label)
        ]
    mentions.sort(key=lambda item: (item.offset, item.reference))
    return mentions, warnings


def label_map(references: Sequence[Reference]) -> dict[int, int]:
    """Printed number -> reference index (position when the list is unnumbered)."""
    mapping: dict[int, int] = {}
    for position, ref in enumerate(references):
        number = int(ref.label) if ref.label.isdigit() else position + 1
        mapping.setdefault(number, position)
    return mapping


# `[1]–[3]`: IEEE prints a range as two bracketed numbers.
BRACKET_RANGE = re.compile(r"\[(\d{1,3})\]\s*[–—-]\s*\[(\d{1,3})\]")


def numeric_mentions(
    text: str, start: int, end: int, by_label: dict[int, int], warnings: list[str]
) -> list[MentionItem]:
    found = []
    ranges = list(BRACKET_RANGE.finditer(text, start, end))
    matches = [
        *ranges,
        *(m for m in BRACKET.finditer(text, start, end) if not any(r.start() <= m.start() < r.end() for r in ranges)),
    ]
    for match in sorted(matches, key=lambda m: m.start()):
        content = f"{match.group(1)}–{match.group(2)}" if match.re is BRACKET_RANGE else match.group(1)
        cited = parse_bracket(content, max(by_label, default=0))
        if not cited:
            continue
        sentence = sentence_at(text, match.start(), match.end())
        marker = " ".join(match.group(0).split())  # one line, as printed when it is not wrapped
        for number, locator in cited:
            if number not in by_label:
                warnings.append(
                    f"in-text citation {marker} at line {line_number(text, match.start())} has no entry {number}"
                )
                continue
            found.append(MentionItem(by_label[number], marker, locator, sentence, match.start()))
    return found


# `...of the twentieth century (1).`, `(2, 3),`, `(4–6)`: numbers in parentheses after a word, closing a clause.
# A conjunction after it closes a clause too (`from 21 stations (7) and soil maps (8).`): an enumeration's `(1)`
# is followed by its item, never by `and`.
PAREN_CITE = re.compile(
    r"(?<=[^\W_]\s)\(([\d\s,;\-–—]{1,40})\)(?=[.,;:]|\s*$|\s+(?:and|or|but|и|или|а|но|және)\s)", re.MULTILINE
)


def parenthesized_mentions(text: str, start: int, end: int, by_label: dict[int, int]) -> list[MentionItem]:
    """Numeric citations in parentheses, read in a numbered-list article that has none in brackets. Only
    after a word and before punctuation, and only numbers of the list: `stages: (1) ...` enumerates."""
    found = []
    for match in PAREN_CITE.finditer(text, start, end):
        cited = parse_bracket(match.group(1), max(by_label, default=0))
        if not cited or any(number not in by_label for number, _ in cited):
            continue
        sentence = sentence_at(text, match.start(), match.end())
        found += [MentionItem(by_label[number], match.group(0), "", sentence, match.start()) for number, _ in cited]
    return found


def superscript_mentions(text: str, start: int, end: int, by_label: dict[int, int]) -> list[MentionItem]:
    """`...the median line²,³.`: superscript numbers in paragraphs of a numbered-list article."""
    found = []
    for match in SUPERSCRIPT_CITE.finditer(text, start, end):
        if match.group(0) in ("²", "³") and UNIT_BEFORE.search(text, max(0, match.start() - 4), match.start()):
            continue  # `120 km²`, `5 m³`: a unit's power
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : line_end if line_end != -1 else len(text)]
        if len(line) < PROSE_LINE and len(PROSE_WORD.findall(line)) < PROSE_WORDS:
            continue
        cited = parse_bracket(match.group(0).translate(FROM_SUPERSCRIPT), max(by_label, default=0))
        sentence = sentence_at(text, match.start(), match.end())
        for number, locator in cited or []:
            if number in by_label:
                found.append(MentionItem(by_label[number], match.group(0), locator, sentence, match.start()))
    return found


class LazyIndex:
    """Builds the name index on first use: most numeric articles never need it."""

    def __init__(self, references: Sequence[Reference]) -> None:
        self.references = references
        self.built: NameIndex | None = None

    def get(self) -> NameIndex:
        if self.built is None:
            self.built = build_index(self.references)
        return self.built


# `[СРНГ, вып. 3: 98]`, `[МАС, т. 1: 112]`, `[НКРЯ]`: a source cited by the siglum it is listed under.
SIGLUM_ITEM = re.compile(rf"^(?P<key>{SIGLUM})(?:\s*,\s*(?P<loc>[^;]{{1,40}}))?$")


def siglum_map(references: Sequence[Reference]) -> dict[str, int]:
    """Siglum -> reference index, for the entries listed under a siglum (`МАС – Словарь ...`)."""
    return {ref.label: position for position, ref in enumerate(references) if re.fullmatch(SIGLUM, ref.label)}


def siglum_items(content: str, sigla: dict[str, int]) -> list[tuple[int, str]]:
    """(reference, locator) for each `;` part of a citation that names a listed siglum. Only a siglum the list
    prints as a label counts: `(ВВП)`, `(OECD)` in the text spell out a name, they cite nothing."""
    found = []
    for part in re.split(r"\s*;\s*", content.strip()):
        match = SIGLUM_ITEM.match(part)
        if match and match.group("key") in sigla:
            found.append((sigla[match.group("key")], (match.group("loc") or "").strip()))
    return found


def author_year_mentions(text: str, start: int, end: int, index: LazyIndex) -> list[MentionItem]:
    found = []
    sigla = siglum_map(index.references)
    matches = sorted([*PARENS.finditer(text, start, end), *BRACKET.finditer(text, start, end)], key=lambda m: m.start())
    for match in matches:  # `(Alimbekov, 2020)`, and `[Иванов 2019: 15]` as Russian journals print it
        content = match.group(1).replace("\n", " ")
        groups = author_year_groups(content)
        listed = siglum_items(content, sigla) if sigla else []
        if not groups and not listed:
            continue
        marker = re.sub(r"\s*\n\s*", " ", match.group(0))
        sentence = sentence_at(text, match.start(), match.end()) if listed else ""
        found += [MentionItem(position, marker, locator, sentence, match.start()) for position, locator in listed]
        for names, year, locator in groups or []:
            position = match_group(names, year, index.get())
            if position is None:
                continue
            sentence = sentence or sentence_at(text, match.start(), match.end())
            found.append(MentionItem(position, marker, locator, sentence, match.start()))
    return found


def line_number(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
