"""Step 4 of the pipeline: one reference list -> its entries.

A list is split by the shape of its first entry:
1. numbered (`1.`, `1)`, `[1]`, `- [1]`, `- 1.`): a new entry only at the
   next number, so digits that start a wrapped line (`2007. - 46 p.`) stay;
2. author-year blocks (`Alimbekov, 2020 - Alimbekov K.Zh. ...`);
3. bullets (`- `, `•`);
4. plain lines or paragraphs (each reference on its own line or paragraph,
   wrapped lines recognized by indentation, width and punctuation).

The same walk finds where the list ends: a line after a blank gap that cannot
continue the previous entry and does not start a new one. Page-break debris
(page numbers, running headers) is skipped so that entries broken across a
page break are joined again.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

# `[1]`, `1.`, `1)`, `1 World...`, and ACS's `(1)`.
NUMBERED = re.compile(
    r"^\s*(?:[-–•▪·]\s*)?(?:\[(\d{1,3})\]|(\d{1,3})[.)](?!\d)|(\d{1,3})(?=\s+[^\W\d_])|\((\d{1,3})\)(?=\s))\s*"
)
# What follows a list number: never a dash or a comma (`№\n3. – С. 5–25.` is a wrapped issue number).
NOT_AN_ENTRY = re.compile(r"[–—\-,;:]")
BULLET = re.compile(r"^\s*[-–•▪·◦]\s+")
# `МАС – Словарь русского языка ...`, `ЦГА РК – Центральный государственный архив ...`: a list of sources under
# their sigla (an abbreviation in capitals, cited as `[МАС, т. 1: 112]`), a block labelled as author-year ones are.
SIGLUM = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,10}(?:\s[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,10})?"
AUTHOR_YEAR = re.compile(
    r"^\s*(?P<label>[^\W\d_][\w'’.\-]*(?:\s+[\w'’.\-&]+){0,5}?,?\s+(?:1[5-9]\d\d|20\d\d)[a-zа-я]?"
    rf"|{SIGLUM})\s*[–—-]\s+"
)
# An initial opens with a capital: `Regionais, v. 13, n. 2` (a wrapped ABNT line) is no `Buzan, B.`.
INITIAL = r"[^\W\d_a-zß-ÿа-яёәғқңөұүһі][^\W\d_]?\."
INITIALS_NAME = re.compile(
    rf"^\s*(?:[^\W\d_][\w'’\-]+,?\s+(?:{INITIAL}\s?){{1,3}}"  # Buzan B. / Buzan, B.
    rf"|(?:{INITIAL}\s?){{1,3}}\s*[^\W\d_][\w'’\-]+)"  # B. Buzan
)
# Buzan, Barry; never a place before its publisher (`Cambridge, MA: MIT Press.`, a wrapped line).
GIVEN_NAME = re.compile(r"^\s*[^\W\d_][\w'’\-]+,\s+[^\W\d_][\w'’\-]+(?![\w'’\-]|\s*:)")
NAME_START = re.compile(f"{INITIALS_NAME.pattern}|{GIVEN_NAME.pattern}")
UNFINISHED_END = re.compile(r"(?:[,;:–—\-/(&]|//|\bи|\band|\bof|\bin)$")
# `... / под ред.` (`/ отв. ред.`, `/ сост.`, `/ ed. by`): the editors' names follow on the next line.
EDITORS_END = re.compile(r"/\s*(?:под\s+(?:общ\.\s+|науч\.\s+)?ред\.|отв\.\s+ред\.|ред\.|сост\.|ed\.\s+by|eds?\.)$")
# A line that ends with a URL ending in `/` (`https://stat.gov.kz/`) is finished, unless the next line goes on
# with the URL's path (`industries/energy/`, `index.html`).
ENDS_WITH_URL = re.compile(r"(?:https?://|www\.)\S*/$")
URL_PATH_START = re.compile(r"^\s*[\w\-.~%]+(?:[/?#=&]|\.(?:html?|php|aspx?|pdf)\b)")
CONTINUATION_START = re.compile(
    r"^\s*(?:[a-zа-яёәғқңөұүһі]|\d|[–—/(,.;:)\]»”]|\[(?!\d)|//|https?://|www\.|URL|DOI|doi|Available|Режим|Retrieved)"
)
REFERENCE_LIKE = re.compile(
    r"\b(?:1[6-9]\d\d|20\d\d)[a-zа-я]?\b|https?://|www\.|//|\b(?:p|pp|P|С|с|c|s|S|б|Б|стр|Pp)\.\s*\d|\d\s*(?:p|с|c|б|pp)\.|"
    r"\[(?:Electronic resource|Электронный ресурс)\]|\bISBN\b|\bDOI\b|\bdoi\b",
    re.IGNORECASE,
)
PAGE_NUMBER = re.compile(
    r"^\s*(?:\d{1,4}|(?:page|стр\.?|с\.|p\.)\s*\d{1,4}|-\s*\d{1,4}\s*-"
    r"|(?:page|стр\.?|с\.|p\.)?\s*\d{1,4}\s+(?:of|из)\s+\d{1,4})\s*$",  # `Page 7 of 9`, `Стр. 7 из 9`
    re.IGNORECASE,
)
# A sub-heading inside a list (`Primary sources`, `Архивные источники:`): a few words, no digits, no
# reference punctuation; it divides the list and is no entry (see is_subheading).
SUBHEADING_WORDS = 6


@dataclass(frozen=True)
class Entry:
    """One reference as printed: its label (`17`, `Alimbekov, 2020`) and text."""

    label: str
    text: str
    line: int  # 0-based index of its first line in the document
    parts: tuple[str, ...] = ()  # its printed lines, for a twin printed under it (see twins.interleaved)


@dataclass
class Split:
    """The entries of a list, the line where the list stopped, and why."""

    entries: list[Entry]
    end: int
    style: str
    warnings: list[str] = field(default_factory=list)


@dataclass
class Draft:
    label: str
    line: int
    parts: list[str]

    def finish(self) -> Entry:
        parts = tuple(part.strip() for part in self.parts if part.strip())
        return Entry(label=self.label, text=join_lines(self.parts), line=self.line, parts=parts)

    @property
    def last(self) -> str:
        return self.parts[-1] if self.parts else ""


BLANKS = re.compile(r"[ \t]+")


# `.../carec-transport-` / `strategy-2030.pdf`: a URL is broken after one of its own hyphens (no hyphen is ever
# added inside a URL), so the hyphen stays and no space is put in.
URL_HYPHEN_END = re.compile(r"(?:https?://|www\.)\S*-$")


def join_lines(parts: Sequence[str]) -> str:
    """Join wrapped lines; a word hyphenated at a line end is joined back (`Manage-` / `ment`), a compound
    keeps its hyphen (`Alma-` / `Ata`) and a page range its dash (`365–` / `384`), with no space put in."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if URL_HYPHEN_END.search(text):
            text += part
        elif re.search(r"[^\W\d_]-$", text) and re.match(r"[a-zа-яёәғқңөұүһі]", part) and not part.startswith("http"):
            text = text[:-1] + part if re.search(r"[a-zа-яё]-$", text) else text + part
        elif hyphen_kept(text, part):
            text += part
        else:
            text = f"{text} {part}" if text else part
    return squeeze_blanks(text).strip()


def squeeze_blanks(text: str) -> str:
    """Runs of spaces and tabs as one space; a text with neither a double space nor a tab is left as it is
    (the regex rebuilt every entry's text, each single space replaced by itself)."""
    return BLANKS.sub(" ", text) if "  " in text or "\t" in text else text


def hyphen_kept(text: str, part: str) -> bool:
    """A line that ends a compound's first half (`Alma-`) before a capital, or a range's first number
    (`365–`) before a digit: glued to the next line with its hyphen or dash."""
    capital_after_hyphen = re.search(r"[^\W\d_]-$", text) and re.match(r"[^\W\d_]", part)
    digit_after_dash = re.search(r"\d[-–—]$", text) and part[0].isdigit()
    return bool(capital_after_hyphen or digit_after_dash)


def unfinished(last: str, following: str = "") -> bool:
    """The entry's last line asks for more text: it ends with a comma, a dash, `//`, `and`..., or with a
    URL cut at a `/` when the next line goes on with its path."""
    text = last.rstrip()
    if EDITORS_END.search(text):
        return True
    if not UNFINISHED_END.search(text):
        return False
    if ENDS_WITH_URL.search(text):
        return bool(URL_PATH_START.match(following))
    return True


# A table or figure that the conversion floated into the list: its markdown rows and its caption.
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
CAPTION = re.compile(
    r"^\s*(?:table|fig\.|figure|таблица|табл\.|рисунок|рис\.|кесте|сурет|tablo|şekil|tabelle|abbildung)"
    r"\s*\d{1,3}(?:\.\d{1,2})?\s*(?:[–—.:-]|$)",
    re.IGNORECASE,
)


# `228     A. BEKTURGANOVA AND M. SADYKOV`, `CENTRAL ASIAN SURVEY     217`: a page number set apart by a column
# gap from a text in capitals with no digits (the authors or the journal), a running header even when the
# document prints it once.
PAGED_HEADER = re.compile(r"^\s*(?:\d{1,4}\s{3,}(?P<after>\D+?)|(?P<before>\D+?)\s{3,}\d{1,4})\s*$")
MIN_HEADER_LETTERS = 8


def is_debris(line: str, repeated: frozenset[str]) -> bool:
    """Page numbers, running headers and floated tables and figures left by the PDF conversion."""
    stripped = line.strip()
    return bool(stripped) and (
        bool(PAGE_NUMBER.match(stripped) or TABLE_ROW.match(stripped) or CAPTION.match(stripped))
        or stripped in repeated
        or is_paged_header(stripped)
        or is_gapped_header(stripped)
    )


# `Water Resources Management (2022) 36:1871–1889        1889`, `60        Journal of Eurasian Studies 14(1)`:
# a page number and a short text set apart by a wide column gap, which only a page's header or footer has.
WIDE_GAP = re.compile(r"^(?:(?P<text>.+?)\s{5,}\d{1,4}|\d{1,4}\s{5,}(?P<after>.+))$")
MAX_HEADER_WORDS = 10


def is_gapped_header(line: str) -> bool:
    """A running header in mixed case: a page number and at most ten words past a gap of five spaces or more.
    After the number, the text must not open like a reference (`12      Smith J. ...`, a padded list number)."""
    match = WIDE_GAP.match(line)
    if not match:
        return False
    text = (match.group("text") or match.group("after")).strip()
    if match.group("after") and (NAME_START.match(text) or VANCOUVER_NAME.match(text)):
        return False
    return len(text.split()) <= MAX_HEADER_WORDS and not text.endswith((",", "–", "-"))


def is_paged_header(line: str) -> bool:
    """A page number and, past a column gap, two or more words in capitals: a running header."""
    match = PAGED_HEADER.match(line)
    if not match:
        return False
    text = match.group("after") or match.group("before")
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= MIN_HEADER_LETTERS and len(text.split()) >= 2 and all(char.isupper() for char in letters)


def is_all_caps_line(line: str) -> bool:
    """A heading-like line (the title of the next abstract), not a reference."""
    letters = [char for char in line if char.isalpha()]
    return len(letters) >= 20 and len(line.split()) >= 3 and all(char.isupper() for char in letters)


def reference_like(text: str) -> bool:
    """Carries something every reference has: a year, a URL, pages, `//`."""
    return bool(REFERENCE_LIKE.search(text))


def is_subheading(line: str) -> bool:
    """A short capitalised line with no digits and no reference punctuation: a list's sub-heading, when the
    next line opens an entry (`Primary sources` / `Secondary literature` in one list)."""
    text = line.strip().rstrip(":").strip()
    return (
        0 < len(text) <= 60
        and len(text.split()) <= SUBHEADING_WORDS
        and text[0].isupper()
        and not re.search(r"\d|[.,;/–—\-]$|//", text)
        and not reference_like(text)
    )


def list_number(line: str) -> tuple[int, int, str] | None:
    """(number, marker length, form) when the line starts with a list number. The form is how the number
    is written (`[]` for `[1]`, `.` for `1.`, `)` for `1)`, `bare` for `1`): one list keeps one form."""
    match = NUMBERED.match(line)
    if not match or NOT_AN_ENTRY.match(line, match.end()):
        return None
    if match.group(1):
        return int(match.group(1)), match.end(), "[]"
    if match.group(2):
        return int(match.group(2)), match.end(), line[match.end(2)]
    if match.group(4):
        return int(match.group(4)), match.end(), "()"
    return int(match.group(3)), match.end(), "bare"


def numbered_label(line: str) -> tuple[int, int] | None:
    """(number, marker length) when the line starts with a list number."""
    found = list_number(line)
    return (found[0], found[1]) if found else None


def detect_style(line: str) -> str:
    if numbered_label(line):
        return "numbered"
    if AUTHOR_YEAR.match(line):
        return "author-year"
    if BULLET.match(line):
        return "bullet"
    return "plain"


def continues(line: str, draft: Draft, blank_before: bool) -> bool:
    """Whether a line that starts no entry belongs to the current one."""
    if not draft.parts or not draft.last.strip():
        return True
    if not blank_before:
        return not (is_all_caps_line(line) and not unfinished(draft.last, line))
    return bool(unfinished(draft.last, line) or CONTINUATION_START.match(line))


def content_lines(
    lines: Sequence[str], start: int, stop: int, repeated: frozenset[str]
) -> Iterator[tuple[int, str, bool]]:
    """(index, line, blank gap before it) for the non-empty, non-debris lines."""
    blank = False
    for index in range(start, stop):
        line = lines[index]
        if not line.strip():
            blank = True
            continue
        if is_debris(line, repeated):
            continue
        yield index, line, blank
        blank = False


def split_marked(
    lines: Sequence[str],
    start: int,
    stop: int,
    repeated: frozenset[str],
    starter: Callable[[str, int], tuple[str, int] | None],
) -> tuple[list[Draft], int]:
    """Walk a list whose entries begin with a recognizable marker.

    `starter(line, count)` returns (label, marker length) when the line opens
    entry number `count + 1`.
    """
    drafts: list[Draft] = []
    end = stop
    rows = list(content_lines(lines, start, stop, repeated))
    for position, (index, line, blank) in enumerate(rows):
        opened = starter(line, len(drafts))
        if opened and drafts and opened[0] == drafts[-1].label and unfinished(drafts[-1].last, line):
            opened = None  # the number printed again opens no entry while the last one asks for more
        if not opened and drafts and divides(rows, position, drafts[-1], starter):
            continue
        if opened:
            label, length = opened
            drafts.append(Draft(label=label, line=index, parts=[line[length:]]))
        elif drafts and (continues(line, drafts[-1], blank) or next_entry_follows(rows, position, starter)):
            drafts[-1].parts.append(line)
        else:
            end = index
            break
    else:
        end = last_content_line(lines, start, stop) + 1
    return drafts, end


LOOKAHEAD = 4


def divides(rows: Sequence[tuple[int, str, bool]], position: int, draft: Draft, starter: object) -> bool:
    """A sub-heading between two entries: the entry before it is finished and the next line opens one."""
    if not is_subheading(rows[position][1]) or unfinished(draft.last):
        return False
    following = rows[position + 1][1] if position + 1 < len(rows) else ""
    return bool(following) and opens_entry(starter, following)


def opens_entry(starter: object, line: str) -> bool:
    """Whether `line` opens the next entry, without moving a numbered starter on."""
    if isinstance(starter, NumberedStarter):
        return starter.opens_next(line)
    return callable(starter) and starter(line, 1) is not None


def next_entry_follows(rows: Sequence[tuple[int, str, bool]], position: int, starter: object) -> bool:
    """A numbered list goes on when its next number comes within a few lines.

    A line that seems to end the list (a capitalised wrap after a blank gap,
    a running header at a page break) is part of the entry when the list's
    next number follows it closely: the list has not ended.
    """
    if not isinstance(starter, NumberedStarter):
        return False
    return any(starter.opens_next(line) for _, line, _ in rows[position + 1 : position + 1 + LOOKAHEAD])


def last_content_line(lines: Sequence[str], start: int, stop: int) -> int:
    index = stop - 1
    while index > start and not lines[index].strip():
        index -= 1
    return index


class NumberedStarter:
    """Opens an entry at the next number; tolerates a skip of one or two."""

    def __init__(self, first: int, warnings: list[str], form: str) -> None:
        self.last = first - 1
        self.warnings = warnings
        self.form = form

    def number(self, line: str) -> tuple[int, int] | None:
        """(number, marker length) when the line starts with a list number written in this list's form."""
        found = list_number(line)
        return (found[0], found[1]) if found and found[2] == self.form else None

    def opens_next(self, line: str) -> bool:
        """The line carries exactly the next number, in the list's form (no side effects)."""
        found = self.number(line)
        return found is not None and found[0] == self.last + 1

    def __call__(self, line: str, count: int) -> tuple[str, int] | None:
        found = self.number(line)
        if not found:
            return None
        number, length = found
        expected = self.last + 1
        if count and number == self.last and opens_reference(line[length:]):
            self.warnings.append(f"list number {number} printed twice")
            return str(number), length
        if count and not expected <= number <= expected + 2:
            return None
        if count and number > expected:
            self.warnings.append(f"list numbering skips from {self.last} to {number}")
        self.last = number
        return str(number), length


def opens_reference(text: str) -> bool:
    """Text that reads as a whole reference's opening: a name first, and a year, pages or a URL. A list number
    printed twice (`17.` / `17.`) opens an entry only before such a text."""
    return bool(NAME_START.match(text) or VANCOUVER_NAME.match(text)) and reference_like(text)


# `Borisov S, Danila E`: Vancouver initials without dots.
VANCOUVER_NAME = re.compile(r"^\s*[^\W\d_][\w'’\-]+\s+[A-ZА-ЯЁ]{1,3}[,.]\s")
# `... 188 p. [in Russian] 10. Abishev M.E. Rezhim ...`: the next entry run into the line of the one before,
# its number after the end of a reference and before a name.
RUN_ON = r"(?<=[.\]\)])\s+{number}\.\s+(?=\S)"


def separate_run_on(entries: list[Entry], warnings: list[str]) -> list[Entry]:
    """Split an entry that holds the next one: the list skips a number (9, then 11) and entry 9 carries
    `10.` after a finished reference and before a name. A skip without such a number stays a skip."""
    result: list[Entry] = []
    for entry, following in zip(entries, [*entries[1:], None], strict=True):
        result.append(entry)
        if not (entry.label.isdigit() and following and following.label == str(int(entry.label) + 2)):
            continue
        missing = int(entry.label) + 1
        for match in re.finditer(RUN_ON.format(number=missing), entry.text):
            rest = entry.text[match.end() :]
            if opens_reference(rest) and reference_like(entry.text[: match.start()]):
                result[-1] = Entry(entry.label, entry.text[: match.start()], entry.line, (entry.text[: match.start()],))
                result.append(Entry(str(missing), rest, entry.line, (rest,)))
                warnings.remove(f"list numbering skips from {entry.label} to {following.label}")
                break
    return result


def author_year_starter(line: str, count: int) -> tuple[str, int] | None:
    match = AUTHOR_YEAR.match(line)
    return (match.group("label").strip(), match.end()) if match else None


def bullet_starter(line: str, count: int) -> tuple[str, int] | None:
    match = BULLET.match(line)
    return ("", match.end()) if match else None


def split_entries(lines: Sequence[str], start: int, stop: int, repeated: frozenset[str] = frozenset()) -> Split:
    """Split lines[start:stop] into entries; `end` is where the list stopped."""
    rows = content_lines(lines, start, stop, repeated)
    first = next(rows, None)
    if first is None:
        return Split(entries=[], end=stop, style="empty")
    if is_subheading(first[1]):  # a list that opens with its first part's sub-heading
        second = next(rows, None)
        if second is not None and detect_style(second[1]) != "plain":
            first = second
    style = detect_style(first[1])
    if style == "author-year" and sum(1 for _, line, _ in rows if AUTHOR_YEAR.match(line)) == 0:
        style = "plain"  # one labelled line (`WHO – World Health Organization ...`) makes no labelled list
    warnings: list[str] = []
    if style == "plain":
        return split_plain(lines, first[0], stop, repeated)
    if style == "numbered":
        opening = list_number(first[1])
        assert opening is not None
        starter: Callable[[str, int], tuple[str, int] | None] = NumberedStarter(opening[0], warnings, opening[2])
    else:
        starter = author_year_starter if style == "author-year" else bullet_starter
    drafts, end = split_marked(lines, first[0], stop, repeated, starter)
    entries = [draft.finish() for draft in drafts]
    if style == "numbered":
        entries = separate_run_on(entries, warnings)
    return Split(entries=entries, end=end, style=style, warnings=warnings)


def split_plain(lines: Sequence[str], start: int, stop: int, repeated: frozenset[str]) -> Split:
    """Unmarked entries: one per paragraph, or one per line with wrapped lines joined.

    A line opens a new entry when the previous one looks finished and the
    line is not indented under it, and either starts like a name or follows
    a line that did not run to the full width of the list (a wrapped line
    always does).
    """
    rows = list(content_lines(lines, start, stop, repeated))
    widths = [len(line.rstrip()) for _, line, _ in rows]
    full_width = float("inf") if whole_lines(rows) else 0.8 * max(widths, default=0)
    base_indent = min((indent(line) for _, line, _ in rows), default=0)
    year_first = bool(rows) and bool(YEAR_OPENING.match(rows[0][1]))
    drafts: list[Draft] = []
    for index, line, blank in rows:
        if not drafts or opens_plain_entry(line, drafts[-1], blank, full_width, base_indent, year_first):
            drafts.append(Draft(label="", line=index, parts=[line]))
        else:
            drafts[-1].parts.append(line)
    drafts = [
        draft
        for number, draft in enumerate(drafts)
        if not (len(draft.parts) == 1 and is_subheading(draft.parts[0]) and number + 1 < len(drafts))
    ]
    entries = trim_non_references([draft.finish() for draft in drafts])
    end = stop
    if len(entries) < len(drafts):
        end = drafts[len(entries)].line
    elif rows:
        end = rows[-1][0] + 1
    return Split(entries=entries, end=end, style="plain")


def whole_lines(rows: Sequence[tuple[int, str, bool]]) -> bool:
    """Every line of the list reads as a finished reference (a year, pages or URL, and a closing `.`, `)` or
    `]`): one entry per line, so a line that runs to the list's full width is no wrapped one."""
    return len(rows) >= 3 and all(
        reference_like(line) and line.rstrip().endswith((".", ")", "]")) for _, line, _ in rows
    )


def indent(line: str) -> int:
    return len(line) - len(line.lstrip())


YEAR_OPENING = re.compile(r"^\s*(?:1[5-9]\d\d|20\d\d)[a-z]?[.,:]?\s+[\"«“]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")
# A URL may end in `/`: only punctuation that asks for more text keeps a year-led line inside the entry.
OPEN_END = re.compile(r"(?:[,;:–—\-(&]|//|\bи|\band|\bof|\bin)$")


# `van der Berg R., Smit J.`, `de Vries, A.`: a family name after lower-case particles, then initials or a comma
# and a given name; after a finished line it opens an entry, though it starts in lower case like a wrapped line.
PARTICLE_NAME = re.compile(
    r"^\s*(?:(?:van|von|de|der|den|du|da|dos|das|del|della|di|le|la|ten|ter)\s+){1,3}"
    r"[A-Z][\w'’\-]+(?:,\s*[A-Z]|\s+(?:[A-Z]{1,2}\.\s?){1,3}[,\s])"
)


def opens_plain_entry(
    line: str, draft: Draft, blank: bool, full_width: float, base_indent: int, year_first: bool = False
) -> bool:
    if year_first and YEAR_OPENING.match(line) and not OPEN_END.search(draft.last.rstrip()):
        return True
    if SAME_AUTHOR.match(line) and not unfinished(draft.last, line):
        return True
    if (
        PARTICLE_NAME.match(line)
        and indent(line) <= base_indent + 1
        and FINISHED_END.search(draft.last.rstrip())
        and reference_like(" ".join(draft.parts))
    ):
        return True
    if blank:
        return not (unfinished(draft.last, line) or CONTINUATION_START.match(line))
    if indent(line) > base_indent + 1 or CONTINUATION_START.match(line):
        return False
    if unfinished(draft.last, line) or wrapped_fragment(line, draft):
        return False
    if host_without_year(draft) and not INITIALS_NAME.match(line):
        return False
    if GOST_PAGES_END.search(draft.last.rstrip()) and WORD_START.match(line):
        return True
    if INITIALS_NAME.match(line) or len(draft.last.rstrip()) < full_width or names_then_year(line, draft):
        return True
    return bool(GIVEN_NAME.match(line)) and finished(draft.last)


def wrapped_fragment(line: str, draft: Draft) -> bool:
    """`Press.`, `Bank.`, `University Press.` after `..., Oxford` or `... Asian Development`: the last words of
    a publisher wrapped alone, after a line that does not end a reference. No entry is three bare words."""
    text = line.strip()
    return len(text.split()) <= 3 and text.endswith(".") and not reference_like(text) and not finished(draft.last)


YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")
HOST = re.compile(r"(?<![:/])//(?!/)")  # GOST's `//` before the host; never a URL's `https://`


def host_without_year(draft: Draft) -> bool:
    """A GOST entry `Title // Journal. Year. ...` goes on until its host's year: after `// Мир России.
    Социология.` the line `Этнология. 2010. Т. 19.` is the journal's name wrapped, not an entry of its own."""
    hosts = HOST.split(" ".join(draft.parts))
    return len(hosts) > 1 and not YEAR.search(hosts[-1])


# A GOST entry's last element, its pages (`– С. 41–48.`, `– 276 б.`, `. С. 54–68.`, `2007. 576 с.`): after it a
# line opening with a capitalised word opens an entry even if it is a title or a body's name (`Қазақстан
# Республикасы Білім және ғылым министрлігі. ...`), though the line before ran to the list's full width.
GOST_PAGES_END = re.compile(
    r"(?:[–—]\s*(?:[СБPSсб]|pp?)\.\s*\d+(?:\s*[–—-]\s*\d+)?|[–—]\s*\d+\s*(?:с|б|p|pp|s|S)"
    r"|[.,]\s*[СБ]\.\s*\d+(?:\s*[–—-]\s*\d+)?|(?:1[5-9]\d\d|20\d\d)\.\s*\d+\s*[сб])\.$"
)
WORD_START = re.compile(r"^\s*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][a-zа-яёәғқңөұүһі]")


def finished(last: str) -> bool:
    """A line that may end a reference: a point, a bracket, a number or a URL. `Buzan, Barry` opens an entry only
    after one: after `..., Oficyna` run to the list's width, `Naukowa, Warszawa.` is the publisher's name wrapped."""
    text = last.rstrip()
    return bool(FINISHED_END.search(text) or re.search(r"(?:https?://|www\.)\S+$", text))


# `———. 2020.`, `——, ed. 2014.`, `— — —.`: the author of the entry above, printed again as a rule (Chicago, MLA).
SAME_AUTHOR = re.compile(r"^\s*[—–-](?: ?[—–-])+\s*[.,]")
# `Kan S (2018) ...`, `Bureau of National Statistics, 2020a.`, `Polese, Abel. 2008.`: names (capitalised words,
# initials, `and`, `et al.`, particles), then the year in brackets or closed by a point or comma.
NAMES_YEAR = re.compile(
    r"^\s*[^\W\d_][\w'’\-]*\.?"
    r"(?:[\s,&]+(?:and|et al\.|of|the|for|de|van|von|der|du|la|[^\W\d_a-zа-яё][\w'’\-]*\.?)){0,14}"
    r"[\s,.]*(?:\((?:1[5-9]\d\d|20\d\d)[a-z]?\)|(?:1[5-9]\d\d|20\d\d)[a-z]?[.,:](?=\s))"
)
FINISHED_END = re.compile(r"[.)\]\d]$")


def names_then_year(line: str, draft: Draft) -> bool:
    """An author-year entry's opening after a line that ends a whole reference: the entry before printed
    on one line that runs to the list's full width, so the width tells nothing (Springer, SAGE, Elsevier
    Harvard put each entry on a line of its own)."""
    last = draft.last.rstrip()
    return bool(FINISHED_END.search(last) and reference_like(" ".join(draft.parts)) and NAMES_YEAR.match(line))


def trim_non_references(entries: list[Entry]) -> list[Entry]:
    """Cut a plain list before two non-references in a row, or at its tail; after a reference, also before a
    non-reference followed by prose (an English title and its abstract after a Polish or Russian list: the
    abstract may carry a year)."""
    for index in range(1, len(entries)):
        pair = entries[index : index + 2]
        if (
            len(pair) == 2
            and not reference_like(pair[0].text)
            and (
                not reference_like(pair[1].text)
                or (reference_like(entries[index - 1].text) and opens_as_prose(pair[1].text))
            )
        ):
            entries = entries[:index]
            break
    while entries and not reference_like(entries[-1].text):
        entries = entries[:-1]
    return entries


# A sentence's lower-case words; a reference opens with names, initials and a capitalised title.
PROSE_OPENING_WORD = re.compile(r"^[a-zа-яёәғқңөұүһі]{4,}[,.;:]?$")
PROSE_OPENING = 6


def opens_as_prose(text: str) -> bool:
    """Three lower-case words of four letters or more among the first six: `The article analyses the
    repatriation of ...`."""
    words = text.split()[:PROSE_OPENING]
    return sum(1 for word in words if PROSE_OPENING_WORD.match(word)) >= 3


def median_length(entries: Sequence[Entry]) -> float:
    return statistics.median(len(entry.text) for entry in entries) if entries else 0.0
