"""Step 2 of the pipeline: the article's own title, authors, DOI, languages.

The header of a converted article is a handful of short lines: codes (UDC,
IRSTI), a DOI link, the title, the author line, affiliations, e-mails, then
the abstract. The abstract (or, without one, the first author line) anchors
the search: the title is the best-scoring line just before it, the authors
are the name lines around the title. A file that is a whole journal issue
has its board and contents before the article; anchoring on the first
abstract skips them, since a board has no abstract.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from corpus_import.sections import END_MARKER

# Latin letters with accents (Turkish `Ş`, `ı`; Kazakh Latin `Ǵ`, `ń`; `Järup`) are letters of names too.
ACCENTED = [chr(code) for code in range(0xC0, 0x250) if chr(code).isalpha()]
UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ" + "".join(char for char in ACCENTED if char.isupper())
LOWER = "a-zа-яёәғқңөұүһі" + "".join(char for char in ACCENTED if char.islower())
INITIALS = rf"(?:[{UPPER}][{LOWER}]?\.\s?){{1,3}}"
SURNAME = rf"[{UPPER}][{LOWER}'’]+(?:-[{UPPER}]?[{LOWER}'’]+)?"
# `Ж.Т. ТОҚТАРОВА`: a family name in capitals, read only after initials (see person).
CAPS_SURNAME = rf"[{UPPER}]{{3,}}(?:-[{UPPER}]{{2,}})?"
# `Жумабекова Айгерим Сериковна`, `Rahimova Dilnoza Akmalovna`: family name, given name, patronymic.
PATRONYMIC = (
    rf"[{UPPER}][{LOWER}'’‘]*(?:ович|евич|ьич|овна|евна|ична|ұлы|қызы|улы|кызы|uly|qyzy|kyzy|ovich|evich|ovna"
    r"|evna|ichna|o‘g‘li|qizi)"
)
# Where a given-name-first name must stop: the line's end, a separator, or an affiliation/footnote mark.
NAME_END = r"(?=\s*(?:$|[,;&·|\d*†‡]|(?:and|AND|и|және|und|et)\s)|\s+[a-h](?:,\s?[a-h])*(?:[\s,;]|$))"
# `Aruzhan K. Bekova`, `Aigerim Nurlanova`: one full given name, maybe initials, then the family name. Tried
# first, since `Kairat Zh.` alone would read as family-first; NAME_END keeps `Iskakov A.N. Kozhirova S.B.` out.
# `Pieter van den Bosch`, `Ursula von der Leyen`: a Dutch or German particle opens the family name.
PARTICLES = r"(?:(?:van|von)\s+(?:(?:der|den|de|dem|het)\s+)?)"
# `Mariana Costa Pereira`, `Tomás Ibáñez Rojas`: Portuguese and Spanish names carry a second given name or a
# mother's family name before the last one, which is the family name as indexes print it (`PEREIRA, M. C.`).
# `Dana SULTANBEKOVA`: some journals print the family name alone in capitals (Eurasian Research Journal, Scopus
# forms); NAME_END still asks for a mark, a separator or the line's end after it.
FULL_NAME = (
    rf"(?P<e>{SURNAME}(?:\s+{SURNAME})?)\s+(?:(?P<f>{INITIALS})\s*)?"
    rf"(?P<g>{PARTICLES}?(?:{SURNAME}|{CAPS_SURNAME})){NAME_END}"
)
# `КУЗНЕЦОВА Елена Андреевна – кандидат социологических наук, ...` (Социологические исследования): the family name
# in capitals and the author's degrees after a dash; the patronymic tells the name from a heading.
FAMILY_FIRST = rf"(?P<h>{SURNAME}|{CAPS_SURNAME})\s+(?P<i>{SURNAME}\s+{PATRONYMIC})(?:{NAME_END}|(?=\s+[–—]\s))"
# `Бекзат Серикович Абдрахманов`: given name, patronymic, family name (Russian journals since GOST R 7.0.7-2021).
PATRONYMIC_FIRST = rf"(?P<j>{SURNAME}\s+{PATRONYMIC})\s+(?P<k>{SURNAME}){NAME_END}"
# `ASSEL K. ZHANABAYEVA`, `DANIYAR RAKHIMOV,`: an IEEE author line in capitals, given name first. Without a middle
# initial only before a comma or a mark, so that two words of a title in capitals are no name.
CAPS_GIVEN = rf"[{UPPER}]{{2,}}(?:-[{UPPER}]{{2,}})?"
CAPS_FULL = (
    rf"(?P<m>{CAPS_GIVEN})\s+(?:(?P<n>{INITIALS})\s*(?P<o>{CAPS_SURNAME}){NAME_END}"
    rf"|(?P<p>{CAPS_SURNAME})(?=\s*[,;\d*†‡]))"
)
NAME = re.compile(
    rf"{FAMILY_FIRST}|{PATRONYMIC_FIRST}|{FULL_NAME}|{CAPS_FULL}"
    rf"|(?P<a>{INITIALS})\s*(?P<b>{SURNAME}|{CAPS_SURNAME}{NAME_END})\.?"
    rf"|(?P<c>{SURNAME})\s+(?P<d>{INITIALS})"
)
SEPARATOR = re.compile(r"^[\s,;*·|]*(?:(?:and|AND|и|және|und|et|&)\s+)?")
# `Абдрахманов1, Мадина ...`, `ZHANABAYEVA1, DANIYAR`: affiliation numbers printed as plain digits after a name;
# `Akhmetova 1,*, Jan Novák 2` (MDPI) and `Serikbayeva a,*, Thomas Müller b` (Elsevier) print them apart, the
# latter as letters.
PLAIN_MARKS = re.compile(r"^\s*(?:\d{1,2}|[a-h](?=[\s,;]|$))(?:,\s?(?:\d{1,2}|[a-h](?=[\s,;]|$)))*(?=[\s,;]|$)")
# What may follow the last name of a line of names: affiliation and footnote marks.
ONLY_MARKS = re.compile(r"[\s\d,;.*†‡§]*")
# Capitalised header words that two-word lines (`Research Article`, `Open Access`) share with names.
HEADER_WORD = re.compile(
    r"(?:article|paper|review|access|research|stud(?:y|ies)|journal|volume|issue|section|editorial|contents?"
    r"|introduction|conclusions?|references|keywords|abstract|summary|works|cited|literature|sources|notes"
    r"|appendix|table|figure|press|edition|original)",
    re.IGNORECASE,
)
ABSTRACT_NAMES = (
    r"(?:abstract|annotation|summary|аннотация|анотація|annotatsiya|аңдатпа|андатпа|түйіндеме|резюме|résumé"
    r"|zusammenfassung|öz|ańdatpa|resumen|resumo|riassunto|sommario|streszczenie|abstrakt)"
)
ABSTRACT = re.compile(rf"^\s*{ABSTRACT_NAMES}\s*[.:—–-]", re.I)
# `Abstract` alone on its line: a heading, trusted only before the running text (see abstract_line).
ABSTRACT_HEADING = re.compile(rf"^\s*{ABSTRACT_NAMES}\s*$", re.I)
# `ABSTRACT The paper ...` (IEEE and others): the word in capitals, run into a sentence with no mark between.
RUN_IN_HEADING = re.compile(r"^\s*([^\W\d_]+)\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]")


def opens_abstract(line: str) -> bool:
    """`Abstract.`, `Аннотация:`, `Abstract—`, or a capital `ABSTRACT` run into its first sentence.

    The run-in form must be in capitals and followed by a capitalised word: `ABSTRACT ART IN ...` (a title in
    capitals) and `Abstract art is ...` (a sentence) are not abstracts.
    """
    if ABSTRACT.match(line):
        return True
    run_in = RUN_IN_HEADING.match(line)
    return bool(run_in and run_in.group(1).isupper() and ABSTRACT_HEADING.match(run_in.group(1)))


LONG_PARAGRAPH = 300
# A journal's issue line (`2021, VOL. 40, NO. 2, 211–229`, `№ 3 (29), 2022. С. 61–74`, `ISSN ...`): the line
# printed right above it is the journal's name, never the article's title.
ISSUE_LINE = re.compile(r"\b(?:vol|volume|no|issue|т|том|вып)\.?\s*\d|№\s*\d|\bISSN\b", re.IGNORECASE)
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
# `DOI: 10.32523/2616-7255` in a masthead: the journal's DOI (its ISSN as the suffix); the article's own DOI,
# printed below it, extends it (`10.32523/2616-7255-2023-143-2-55-70`).
JOURNAL_DOI = re.compile(r"10\.\d{4,9}/\d{4}-\d{3}[\dXx]")
HEADER_WINDOW = 25
AUTHOR_WINDOW = 10
NOT_TITLE = re.compile(
    r"@|\b(?:UDC|УДК|IRSTI|МРНТИ|ГРНТИ|ISSN|ISBN|DOI|ORCID|E-mail|Email|e-mail)\b|https?://|\bvol\.\s*\d|"
    r"\b(?:universit\w*|universidad\w*|uniwersytet\w*|üniversite\w*|университет\w*|университеті|institute|instituto|институт\w*|academy|академи\w*|faculty|факультет\w*"
    r"|department|кафедр\w*|scientific article|research article|original article|научная статья|ғылыми мақала"
    r"|received|accepted|published|grant\s*/\s*award)\b",
    re.IGNORECASE,
)
# An affiliation or address that opens with a person's name (`L.N. Gumilyov Eurasian National University`,
# `K. Satpayev str. 2`): the name belongs to the institution or the street, not to an author.
AFFILIATION = re.compile(
    r"\b(?:universit\w*|universidad\w*|uniwersytet\w*|üniversite\w*|университет\w*|institut\w*|институт\w*|academ\w*|академи\w*|college|колледж\w*"
    r"|cent(?:er|re)|центр\w*|орталығы|hospital|больниц\w*|clinic\w*|клиник\w*"
    r"|school|faculty|факультет\w*|department|кафедр\w*|laborator\w*|лаборатор\w*|ministry|министерств\w*|office"
    r"|атындағы|named after|имени|street|avenue|улица|проспект\w*|көшесі|даңғылы)\b"
    r"|\b(?:им|str|ave|ул|пр)\.|\b\d{5,6}\b",
    re.IGNORECASE,
)
KAZAKH = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN = re.compile(r"[a-z]", re.IGNORECASE)


@dataclass
class Metadata:
    """What the article says about itself."""

    title: str = ""
    authors: list[dict[str, str]] = field(default_factory=list)
    doi: str = ""
    languages: list[str] = field(default_factory=list)
    title_line: int | None = None


# `Arman S. Tokhtarov, Member, IEEE, ...`: a society's membership grade after a name.
MEMBER_GRADE = re.compile(r",\s*(?:(?:Student|Senior|Life|Graduate Student)\s+)?(?:Member|Fellow),\s*IEEE\b")
# Two sentences on one line: the running text has begun (an article with neither an abstract nor a long
# paragraph, as a letter to Nature or Science prints it).
PROSE = re.compile(r"[^\W\d_]{3,}[^\s.!?]*(?:\s\([^()]{1,20}\))?[.!?]\s+[A-ZА-ЯЁ].*[.!?]$")
PROSE_LINE = 120


# `2Institute of ...`: an affiliation's number printed as a plain digit glued to its first word.
GLUED_MARK = re.compile(rf"^\s*\d{{1,2}}(?=[{UPPER}][{LOWER}])")


# Footnote and author marks: `☆` on an Elsevier title, `☯` and `‡` (equal contribution) after PLOS names.
MARKS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰*☆★✩⁎☯‡†§¶]+")


def clean(line: str) -> str:
    return MEMBER_GRADE.sub("", GLUED_MARK.sub("", MARKS.sub("", line))).strip()


def abstract_line(lines: Sequence[str]) -> int | None:
    """The first abstract line. A bare `Abstract` heading counts only before the first long paragraph:
    further down, a bare `Summary` or `Резюме` is more often a section of the body or a closing abstract."""
    in_header = True
    for index, line in enumerate(lines):
        if opens_abstract(line) or (in_header and ABSTRACT_HEADING.match(line)):
            return index
        in_header = in_header and len(line) <= LONG_PARAGRAPH
    return None


def read_names(line: str) -> tuple[list[dict[str, str]], str, int | None]:
    """The names a line opens with, what is left after them, and the position of the first one printed
    given-name first (None if there is none)."""
    names: list[dict[str, str]] = []
    rest, first_given = clean(line), None
    while rest:
        rest = SEPARATOR.sub("", rest, count=1)
        match = NAME.match(rest)
        if not match or header_words(match) or heading_in_capitals(match) or caps_after_two_words(match):
            break
        if (match.group("e") or match.group("j") or match.group("m")) and first_given is None:
            first_given = len(names)
        names.append(person(match))
        rest = PLAIN_MARKS.sub("", rest[match.end() :], count=1)
    return names, rest, first_given


def person(match: re.Match[str]) -> dict[str, str]:
    """Family and given name; full given names keep their spacing (`Aruzhan K.`), initials lose it (`K.Zh.`)."""
    if match.group("h"):
        return {"family": as_indexed(match.group("h")), "given": re.sub(r"\s+", " ", match.group("i"))}
    if match.group("j"):
        return {"family": match.group("k"), "given": re.sub(r"\s+", " ", match.group("j"))}
    if match.group("m"):
        family, initials = match.group("o") or match.group("p"), re.sub(r"\s+", "", match.group("n") or "")
        return {"family": family.title(), "given": f"{match.group('m').title()} {initials}".strip()}
    if match.group("e"):
        initials = re.sub(r"\s+", "", match.group("f") or "")
        return {"family": as_indexed(match.group("g")), "given": f"{match.group('e')} {initials}".strip()}
    given = match.group("a") or match.group("d")
    family = (match.group("b") or match.group("c")).rstrip(".")
    return {"family": as_indexed(family), "given": re.sub(r"\s+", "", given)}


def as_indexed(family: str) -> str:
    """A family name printed in capitals (`SULTANBEKOVA`, `КУЗНЕЦОВА`) as indexes print it; others as printed."""
    return family.title() if family.isupper() else family


def heading_in_capitals(match: re.Match[str]) -> bool:
    """`I. INTRODUCTION`, `2. RESULTS`: a numbered heading, not initials before a family name in capitals."""
    family = match.group("b") or ""
    return family.isupper() and (
        bool(re.fullmatch(r"[IVX.\s]+", match.group("a"))) or bool(HEADER_WORD.fullmatch(family.lower()))
    )


def caps_after_two_words(match: re.Match[str]) -> bool:
    """`Central Asian SURVEY`: a family name in capitals follows one given name, never two capitalised words."""
    family = match.group("g") or ""
    return family.isupper() and len((match.group("e") or "").split()) > 1


def header_words(match: re.Match[str]) -> bool:
    """`Research Article` has the shape of `Aigerim Nurlanova`; header vocabulary tells them apart."""
    words = [word for group in ("e", "g", "m", "o", "p") for word in (match.group(group) or "").split()]
    return any(HEADER_WORD.fullmatch(word) for word in words)


# `DANIYAR NURMANOV and KAMILA ABENOVA`: Taylor & Francis prints its authors in capitals and joins them with a
# lower-case `and`, which a title in capitals would print as `AND`.
CAPS_WORDS = rf"{CAPS_GIVEN}(?:\s+(?:{INITIALS}\s*)?{CAPS_SURNAME})+"
CAPS_JOINED = re.compile(rf"{CAPS_WORDS}(?:,\s+{CAPS_WORDS})*,?\s+and\s+{CAPS_WORDS}")


def caps_joined_names(text: str) -> list[dict[str, str]]:
    """The names of a line of capitals joined by a lower-case `and`, given names first; [] for other lines."""
    if not CAPS_JOINED.fullmatch(text):
        return []
    names = []
    for name in re.split(r",?\s+and\s+|,\s+", text):
        *given, family = name.split()
        names.append({"family": family.title(), "given": " ".join(part.title() for part in given)})
    return names


# `Name¹* iD`, `Name², ORCID 0000-0001-7720-1942`, `Name https://orcid.org/0000-...`: an ORCID iD (or the text of its
# icon) printed beside a name on the author line; it separates names, it is none.
ORCID = re.compile(
    r"(?:\bORCID(?:\s*iD)?:?\s*)?(?:https?://orcid\.org/)?(?<![\d-])\d{4}-\d{4}-\d{4}-\d{3}[\dX](?![\d-])"
    r"|(?<=[^\W\d_¹²³⁴⁵⁶⁷⁸⁹⁰*,])?\s+iD\b"
)


def parse_names(line: str) -> list[dict[str, str]]:
    """The names an author line opens with, in printed order; [] if it opens otherwise.

    Two capitalised words are a given-name-first name only on a line of names and marks alone: in
    `Memory Politics and the Famine` or `and World Languages, Almaty` they are a title or an affiliation,
    in `Iskakov A.N. Senior Lecturer, ...` a position after the one name.
    """
    line = ORCID.sub("", line)
    joined = caps_joined_names(clean(line))
    if joined:
        return joined
    names, rest, first_given = read_names(line)
    if first_given is not None and not ONLY_MARKS.fullmatch(rest):
        return names[:first_given]
    return names


def is_author_line(line: str) -> bool:
    text = clean(ORCID.sub("", line))
    if not 0 < len(text) < 250 or "@" in text or END_MARKER.match(text) or is_affiliation(text):
        return False
    return bool(parse_names(text))


# `Doç. Dr., Ahmet Yesevi Üniversitesi`, `Dr. Öğr. Üyesi, ...`: a position line opens with academic titles only.
TITLES_ONLY = re.compile(r"(?:(?:prof|doç|doc|dr|assoc|assist|öğr|üyesi|phd|ph\.d|dsc|d\.sc)\.?\s*)+", re.I)


def is_affiliation(text: str) -> bool:
    """An institution or address in the line's first clause: there a name is part of the institution's
    (`L.N. Gumilyov Eurasian National University`), while `A.N. Iskakov, Kazakh University` keeps its author;
    or a first clause of academic titles alone (a position line)."""
    first = re.split(r"[,;(]", text, maxsplit=1)[0]
    return bool(AFFILIATION.search(first) or TITLES_ONLY.fullmatch(first.strip()))


# `☯ These authors contributed equally`, `‡ HL also contributed ...`, `☆ This article is part of ...`: a line that
# opens with a footnote mark is the note, not the title the mark sits on.
FOOTNOTE_LINE = re.compile(r"^\s*[☆★✩☯‡†§¶]")


def title_score(lines: Sequence[str], index: int, anchor: int) -> float:
    """How much a header line looks like the article title."""
    text = clean(lines[index])
    words = text.split()
    if FOOTNOTE_LINE.match(lines[index]):
        return -1.0
    if len(text) < 15 or len(words) < 3 or len(text) > 400 or NOT_TITLE.search(text) or is_author_line(text):
        return -1.0
    if re.fullmatch(r"[\d\s.,:;()\-–/№]+", text) or END_MARKER.match(text) or opens_abstract(text):
        return -1.0
    if is_affiliation(text) and text.count(",") >= 2:  # `National Center of ..., Almaty, Kazakhstan`
        return -1.0
    if index + 1 < len(lines) and ISSUE_LINE.search(lines[index + 1]):  # `JOURNAL OF ...` / `2023, VOL. 14(2)`
        return -1.0
    letters = [char for char in text if char.isalpha()]
    score = 1.0 + (2.0 if letters and all(char.isupper() for char in letters) else 0.0)
    score += 1.0 if len(words) >= 5 else 0.0
    score += (
        2.0 if any(index != other and lines[other].strip().endswith(text) for other in window(lines, anchor)) else 0
    )
    score -= 0.05 * (anchor - index)
    score -= 3.0 if text.endswith(".") and len(words) > 25 else 0.0
    return score


def window(lines: Sequence[str], anchor: int, size: int = HEADER_WINDOW) -> range:
    return range(max(0, anchor - size), anchor)


# PLOS and Frontiers print a column of labelled notes (`Citation:`, `Editor:`, `Received:`, `Copyright:`,
# `Funding:`...) between the authors and the abstract: when none of the lines just above the abstract can be
# the title, it is looked for further up.
WIDE_HEADER_WINDOW = 60


def find_title(lines: Sequence[str], anchor: int) -> int | None:
    for size in (HEADER_WINDOW, WIDE_HEADER_WINDOW):
        scored = [
            (title_score(lines, index, anchor), index) for index in window(lines, anchor, size) if lines[index].strip()
        ]
        scored = [(score, index) for score, index in scored if score > 0]
        if scored:
            return max(scored)[1]
    return None


def title_lines(lines: Sequence[str], title: int | None, anchor: int) -> range:
    """The title line and the capitals-only lines printed right above and below it with no blank line
    between: an all-caps title wrapped over two or three lines (`REGIONAL INTEGRATION IN CENTRAL ASIA:` /
    `THE CONSULTATIVE MEETINGS`)."""
    if title is None:
        return range(0)
    block = title_block(lines, title, anchor)
    if block:
        return block
    if not all_caps(lines[title]):
        return wrapped_title(lines, title, anchor)
    first, last = title, title
    while first - 1 >= 0 and title - first < 2 and title_part(lines[first - 1]):
        first -= 1
    while last + 1 < anchor and last - title < 2 and title_part(lines[last + 1]):
        last += 1
    return range(first, last + 1)


MAX_TITLE_LINES = 3


def title_block(lines: Sequence[str], title: int, anchor: int) -> range | None:
    """A title set as its own paragraph, two or three lines between blank lines (`Prevalence of ... Association` /
    `with Metabolic ... Rural` / `Regions of Southern Kazakhstan`): the whole block, when every line of it reads
    as a title; a line below the title line may be one word (`ҰЛТТЫҚ-МӘДЕНИ` / `СЕМАНТИКАСЫ`), one above may
    not (a rubric such as `ЭКОНОМИКА` printed over the title)."""
    first, last = title, title
    while first > 0 and lines[first - 1].strip() and title - first < MAX_TITLE_LINES:
        first -= 1
    while last + 1 < anchor and lines[last + 1].strip() and last - first < MAX_TITLE_LINES:
        last += 1
    if not (first == 0 or not lines[first - 1].strip()) or not (last + 1 >= anchor or not lines[last + 1].strip()):
        return None
    if not 1 < last - first + 1 <= MAX_TITLE_LINES or all_caps(lines[first]) != all_caps(lines[last]):
        return None
    parts = [clean(lines[index]) for index in range(first, last + 1)]
    fits = all(
        (title_line(text) or (index > title and len(text.split()) == 1 and not NOT_TITLE.search(text)))
        and not text.endswith(".")
        for index, text in zip(range(first, last + 1), parts, strict=True)
    )
    return range(first, last + 1) if fits else None


# A title line that asks for more: it ends with a colon, a dash or a joining word.
OPEN_TITLE_END = re.compile(
    r"(?:[:,–—-]|\b(?:of|and|in|on|for|the|to|a|an|и|в|на|о|об|по|для|және|мен|men|ve)\b)$", re.I
)


def wrapped_title(lines: Sequence[str], title: int, anchor: int) -> range:
    """A mixed-case title wrapped over two lines with no blank between (`Water Diplomacy ... after 1991:` /
    `From Soviet Quotas to Basin Councils`): the upper line ends asking for more, or the lower one opens
    in lower case."""
    first, last = title, title
    if title > 0 and joins_title(lines[title - 1], lines[title]):
        first = title - 1
    if last + 1 < anchor and joins_title(lines[last], lines[last + 1]):
        last += 1
    return range(first, last + 1)


def joins_title(upper: str, lower: str) -> bool:
    upper_text, lower_text = clean(upper), clean(lower)
    if not upper_text or not lower_text or not all(title_line(text) for text in (upper_text, lower_text)):
        return False
    return bool(OPEN_TITLE_END.search(upper_text) or lower_text[0].islower())


def title_line(text: str) -> bool:
    return (
        len(text.split()) >= 2
        and not NOT_TITLE.search(text)
        and not END_MARKER.match(text)
        and not opens_abstract(text)
        and not is_author_line(text)
    )


def all_caps(line: str) -> bool:
    letters = [char for char in clean(line) if char.isalpha()]
    return len(letters) >= 3 and all(char.isupper() for char in letters)


def title_part(line: str) -> bool:
    text = clean(line)
    return (
        all_caps(text)
        and len(text.split()) >= 2
        and not NOT_TITLE.search(text)
        and not END_MARKER.match(text)
        and not is_author_line(text)
    )


def find_authors(lines: Sequence[str], title: int | None, anchor: int) -> list[dict[str, str]]:
    """Names on the author lines after the title, else on those just above it."""
    if title is None:
        return names_in(lines, range(max(0, anchor - AUTHOR_WINDOW), anchor))
    below = names_in(lines, range(title + 1, min(anchor, title + AUTHOR_WINDOW)))
    return below or names_in(lines, range(max(0, title - AUTHOR_WINDOW), title))


def names_in(lines: Sequence[str], indexes: range) -> list[dict[str, str]]:
    authors: list[dict[str, str]] = []
    for index in indexes:
        if is_author_line(lines[index]):
            authors += [name for name in parse_names(lines[index]) if name not in authors]
    return authors


def find_doi(lines: Sequence[str], anchor: int, exclude: Sequence[range] = ()) -> str:
    """The DOI printed in the header (before the abstract or within 40 lines), never one of a short
    article's reference list, which can start within those 40 lines, nor one printed after that list
    (a data-availability statement)."""
    limit = min([max(anchor, 40), *(span.start for span in exclude if span.start > anchor)])
    found = [
        match.group(1).rstrip(".,;)")
        for index, line in enumerate(lines[:limit])
        if not any(index in span for span in exclude)
        for match in DOI.finditer(line)
    ]
    articles = [doi for doi in found if not JOURNAL_DOI.fullmatch(doi)]
    return (articles or found or [""])[0]


@lru_cache(maxsize=1024)
def line_language(line: str) -> str | None:
    """kk, ru or en for a line with enough letters, else None; remembered, as the same lines are weighed again."""
    if KAZAKH.search(line) and CYRILLIC.search(line):
        return "kk"
    cyrillic, latin = len(CYRILLIC.findall(line)), len(LATIN.findall(line))
    if cyrillic + latin < 20:
        return None
    return "ru" if cyrillic > latin else "en"


def detect_languages(lines: Sequence[str], exclude: Sequence[range] = ()) -> list[str]:
    """Languages with a real share of the running text, the main one first."""
    weights: dict[str, int] = {}
    for index, line in enumerate(lines):
        if any(index in span for span in exclude):
            continue
        language = line_language(line)
        if language:
            weights[language] = weights.get(language, 0) + len(line)
    total = sum(weights.values()) or 1
    ranked = sorted(weights.items(), key=lambda item: -item[1])
    return [language for language, weight in ranked if weight >= 0.03 * total]


def extract_metadata(lines: Sequence[str], exclude: Sequence[range] = ()) -> Metadata:
    """Title, authors, DOI and languages of the article in `lines`."""
    anchor = abstract_line(lines)
    if anchor is None:
        anchor = next((index for index, line in enumerate(lines) if is_author_line(line)), min(len(lines), 30))
        anchor = first_paragraph_after(lines, anchor)
    title = find_title(lines, anchor)
    return Metadata(
        title=" ".join(clean(lines[index]) for index in title_lines(lines, title, anchor)),
        authors=find_authors(lines, title, anchor),
        doi=find_doi(lines, anchor, exclude),
        languages=detect_languages(lines, exclude),
        title_line=title,
    )


def first_paragraph_after(lines: Sequence[str], start: int) -> int:
    """Without an abstract, the header ends at the first long paragraph, or the first of two sentences."""
    for index in range(start, len(lines)):
        if len(lines[index]) > LONG_PARAGRAPH or (len(lines[index]) > PROSE_LINE and PROSE.search(lines[index])):
            return index
    return len(lines)
