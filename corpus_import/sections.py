"""Step 3 of the pipeline: find every reference list and where it ends.

1. A list starts under a heading line naming it, in English, Russian or
   Kazakh (`REFERENCES`, `Literature:`, `Список литературы`, `Әдебиеттер`...).
2. It ends at the first of: the next list heading; an end marker (author
   information, another abstract or keywords block, copyright, funding);
   or the first line that neither continues an entry nor starts one
   (decided by `entries.split_entries`: site boilerplate, the title of the
   next abstract...).
3. When no heading is found, the last numbered run that reads like
   references (years, URLs, pages) is taken: a trailing list with no heading.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from corpus_import.entries import (
    PAGE_NUMBER,
    Entry,
    Split,
    median_length,
    numbered_label,
    reference_like,
    split_entries,
)

HEADING_NAMES = frozenset(
    {
        # English
        "references",
        "reference",
        "reference list",
        "list of references",
        "references cited",
        "literature",
        "literature cited",
        "cited literature",
        "bibliography",
        "sources",
        "list of sources",
        "sources and literature",
        "works cited",
        "list of literature",
        "list of used literature",
        "list of used sources",
        # Russian
        "список литературы",
        "литература",
        "список использованной литературы",
        "список использованных источников",
        "список источников",
        "список источников и литературы",
        "источники и литература",
        "источники",
        "использованная литература",
        "библиографический список",
        "библиография",
        "список литературы и источников",
        # Kazakh
        "әдебиеттер",
        "әдебиеттер тізімі",
        "пайдаланылған әдебиеттер",
        "пайдаланылған әдебиеттер тізімі",
        "пайдаланылған дереккөздер",
        "пайдаланылған дереккөздер тізімі",
        "қолданылған әдебиеттер",
        "қолданылған әдебиеттер тізімі",
        "дереккөздер",
        "дереккөздер тізімі",
        # Ukrainian, Kyrgyz, Uzbek (Latin and Cyrillic)
        "список використаних джерел",
        "список використаної літератури",
        "список літератури",
        "література",
        "колдонулган адабияттар",
        "адабияттар",
        "адабияттар тизмеси",
        "adabiyotlar",
        "foydalanilgan adabiyotlar",
        "адабиётлар",
        "фойдаланилган адабиётлар",
        # German, French
        "literaturverzeichnis",
        "literatur",
        "quellen- und literaturverzeichnis",
        "bibliographie",
        "références",
        "références bibliographiques",
        # Spanish, Portuguese, Italian, Polish, Czech (accents folded: `Referências`, `Bibliografía`)
        "referencias",
        "referencias bibliograficas",
        "referencias citadas",
        "bibliografia",
        "bibliografia citada",
        "literatura citada",
        "obras citadas",
        "riferimenti bibliografici",
        "literatura",
        "seznam literatury",
        # Science
        "references and notes",
        # Turkish
        "kaynakça",
        "kaynaklar",
        "kaynakça listesi",
        # Kazakh in the Latin alphabet (2018 and 2021 spellings meet once accents are folded: see fold)
        "adebietter",
        "adebietter tizimi",
        "paidalanylgan adebietter",
        "paidalanylgan adebietter tizimi",
        "qoldanylgan adebietter",
        "derekkozder",
    }
)
# `Литература и источники`, `Literature and sources`, `Әдебиеттер мен дереккөздер`: list names joined in any order.
JOINED_NAMES = re.compile(r"\s+(?:и|and|&|мен|және|ve|und|et)\s+|\s*,\s*")
HEADING_PREFIX = re.compile(r"^\s*(?:\d{1,2}\.?|[IVX]{1,4}\.)\s+")
END_MARKER = re.compile(
    r"^\s*(?:information about (?:the )?authors?|about the authors?|authors?'? information|author information"
    r"|сведения об авторах?|информация об авторах?|об авторах?|авторлар туралы(?: мәлімет| ақпарат)?"
    r"|автор туралы(?: мәлімет| ақпарат)?|contribution of the authors|authors?'? contributions?|вклад авторов"
    r"|авторлардың үлесі|funding|acknowledg(?:e)?ments?|conflicts? of interest|конфликт интересов"
    r"|data availability(?: statement)?|(?:declaration|statement) of (?:competing )?interests?|competing interests?"
    r"|declarations of interests?|disclosure statement|ethics statement|ethical approval"
    r"|supplementary (?:materials?|data)|credit authorship contribution statement|orcid(?: ids?)?"
    r"|received|accepted|copyright|©|abstract|annotation|summary|аннотация|аңдатпа|андатпа|түйіндеме|резюме"
    r"|keywords|key words|ключевые слова|кілт сөздер|түйін сөздер|түйінді сөздер|тірек сөздер"
    r"|anahtar (?:kelimeler|sözcükler)|öz|ańdatpa|túıin sózder|kilt sózder"
    r"|appendix|приложение|примечания|notes on contributors|notes|footnotes"
    r"|author biograph(?:y|ies)|biographical notes?|how to cite(?: this article)?|publisher['’]?s note"
    r"|disclaimer(?:/publisher['’]?s note)?|supporting information|supplementary material"
    # Spanish, Portuguese, Italian, Polish back matter and abstract labels
    r"|(?:sobre|acerca de) (?:los|las|el|la|os|as|o|a) autor(?:es|as|a)?|informaci[oó]n sobre (?:los )?autores"
    r"|(?:informacje|noty?) o autorach|agradecimientos|agradecimentos|ringraziamenti|podziękowania"
    r"|financiamiento|financiación|financiamento|finanziamento|finansowanie|conflicto de intereses"
    r"|conflito de interesses|recibido|aceptado|recebido|aprovado|aceito|resumen|resumo|riassunto|streszczenie"
    r"|palabras clave|palavras-chave|parole chiave|słowa kluczowe)\s*(?:[.:/—–-]|$)",
    re.IGNORECASE,
)
MIN_TRAILING_ENTRIES = 2
# `[Electronic resource].`, `(accessed 12.03.2021).`: a line in brackets is part of an entry, not a running
# header, however often the list repeats it.
ENCLOSED = re.compile(r"^[\[(].*[\])]\.?$")


@dataclass
class Section:
    """One reference list: where it is, how it is marked, and its entries."""

    heading: str
    heading_line: int | None
    start: int
    end: int
    style: str
    entries: list[Entry]
    warnings: list[str] = field(default_factory=list)


def heading_name(line: str) -> str | None:
    """The normalized list heading on this line, if it is one."""
    text = HEADING_PREFIX.sub("", line.strip()).strip(" \t:.;*_#")
    if not text or len(text) > 80:
        return None
    parts = [re.sub(r"\s+", " ", part).strip(" :.").lower() for part in re.split(r"\s*/\s*|\s+\|\s+", text)]
    return text if any(is_list_name(part) for part in parts) else None


def is_list_name(name: str) -> bool:
    """A list's name, with or without accents (Kazakh Latin `Paıdalanylǵan ádebıetter`), or list names joined
    by `и`, `and`... (`Литература и источники`)."""
    if name in HEADING_NAMES or fold(name) in HEADING_NAMES:
        return True
    words = JOINED_NAMES.split(name)
    return len(words) > 1 and all(word in HEADING_NAMES or fold(word) in HEADING_NAMES for word in words)


def fold(name: str) -> str:
    """Latin letters without their accents, dotless `ı` as `i`: `ádebıetter`, `ädebietter` -> `adebietter`."""
    if re.search(r"[а-яё]", name):
        return name
    decomposed = unicodedata.normalize("NFKD", name.replace("ı", "i"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# `Поступила в редакцию 14.02.2022`, `Мақала редакцияға түсті 03.05.2021`: the date of receipt after a list,
# followed by a date rather than by the punctuation END_MARKER asks for.
RECEIPT = re.compile(
    r"^\s*(?:(?:статья\s+)?поступила\s+в\s+редакцию|дата\s+поступления|мақала\s+редакцияға\s+түсті)\b",
    re.IGNORECASE,
)


def is_end_marker(line: str) -> bool:
    return bool(END_MARKER.match(line) or RECEIPT.match(line))


# `ISSN 1563-0285, eISSN 2617-8338   Journal of ...`: a journal's masthead line; no reference opens with an ISSN.
MASTHEAD = re.compile(r"^(?:p|e|print|online)?[-\s]?ISSN\b", re.IGNORECASE)


def repeated_lines(lines: Sequence[str]) -> frozenset[str]:
    """Running headers and footers: lines printed three times or more, or
    twice when one copy sits next to a page number (a short article, or a
    header that alternates between even and odd pages) or when the line opens
    with an ISSN (a masthead repeated on a short article's last page)."""
    counts = Counter(line.strip() for line in lines if len(line.strip()) >= 8)
    by_page = beside_page_numbers(lines)
    return frozenset(
        line
        for line, count in counts.items()
        if (count >= 3 or (count == 2 and (line in by_page or MASTHEAD.match(line) or COLUMN_GAP.search(line))))
        and not heading_name(line)
        and not ENCLOSED.match(line)
    ) | numbered_footers(lines)


# `A. Serikbayeva et al.        Energy Policy 156 (2021) 112418`: two texts set apart by a column gap of five spaces.
# Running text is reflowed by the conversion; only a page's header or footer keeps such a gap, so a line with
# one printed twice is a running header even with no page number beside it.
COLUMN_GAP = re.compile(r"\S {5,}\S")


# `47   ISSN 1563-0285 • Journal ... 2021` / `Journal ... 2021   46`: a running footer with the page number.
PAGE_BEFORE = re.compile(r"^(\d{1,4})\s+(.+)$")
PAGE_AFTER = re.compile(r"^(.+?)\s+(\d{1,4})$")
MIN_FOOTER = 20
MIN_PAGE_GAP = 5  # lines between two copies: a footer comes once a page, archival shelfmarks line after line


def numbered_footers(lines: Sequence[str]) -> frozenset[str]:
    """Lines that carry a page number before or after a text printed elsewhere with another page number.
    No two copies are equal, so the count of equal lines misses them. One reference printed twice (in twin
    lists) keeps its number or has none, and `Ф. 5. Оп. 1. Д. 112` / `Д. 113` sit on neighbouring lines,
    so neither is taken."""
    numbers: dict[str, set[str]] = {}
    where: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        for text, number in page_numbered(line.strip()):
            numbers.setdefault(text, set()).add(number)
            where.setdefault(text, []).append(index)
    return frozenset(
        lines[index].strip()
        for text, indexes in where.items()
        if len(numbers[text]) >= 2 and all(b - a >= MIN_PAGE_GAP for a, b in pairwise(indexes))
        for index in indexes
    )


# `PLOS ONE | https://doi.org/... January 20, 2022 10 / 11`: the page of the count of pages at the line's end;
# `Frontiers in Psychology | www.frontiersin.org     7     May 2021 | ...`: the number between two column gaps.
PAGE_OF = re.compile(r"^(.+?)\s+(\d{1,4})\s*(?:/|of|из)\s*\d{1,4}$")
PAGE_BETWEEN = re.compile(r"^(.+?\S)\s{3,}(\d{1,4})\s{3,}(\S.+)$")


def page_numbered(line: str) -> list[tuple[str, str]]:
    """(text, page number) for a number that opens or closes the line, on either side when both could be one,
    or that stands between two column gaps, or before the count of pages (`10 / 11`)."""
    if not (line[:1].isdigit() or line[-1:].isdigit() or "   " in line):
        return []  # every shape below puts its number at an end or between column gaps
    found = []
    before, after = PAGE_BEFORE.match(line), PAGE_AFTER.match(line)
    if before:
        found.append((re.sub(r"\s+", " ", before.group(2)), before.group(1)))
    if after:
        found.append((re.sub(r"\s+", " ", after.group(1)), after.group(2)))
    of, between = PAGE_OF.match(line), PAGE_BETWEEN.match(line)
    if of:
        found.append((re.sub(r"\s+", " ", of.group(1)), of.group(2)))
    if between:
        found.append((re.sub(r"\s+", " ", f"{between.group(1)} # {between.group(3)}"), between.group(2)))
    return [(text, number) for text, number in found if len(text) >= MIN_FOOTER]


def beside_page_numbers(lines: Sequence[str]) -> set[str]:
    """Lines whose nearest non-blank neighbour is a bare page number."""
    content = [(index, line.strip()) for index, line in enumerate(lines) if line.strip()]
    found = set()
    for position, (_, line) in enumerate(content):
        neighbours = content[max(position - 1, 0) : position] + content[position + 1 : position + 2]
        if any(PAGE_NUMBER.match(other) for _, other in neighbours):
            found.add(line)
    return found


def hard_end(lines: Sequence[str], start: int, limit: int) -> int:
    """The first end-marker line in [start, limit), else limit."""
    for index in range(start, limit):
        if is_end_marker(lines[index]):
            return index
    return limit


def headed_sections(lines: Sequence[str], repeated: frozenset[str]) -> tuple[list[Section], list[str]]:
    """The lists under headings, and a warning for each heading whose list was skipped as not references."""
    heads = [index for index, line in enumerate(lines) if heading_name(line)]
    sections, skipped = [], []
    for number, head in enumerate(heads):
        limit = heads[number + 1] if number + 1 < len(heads) else len(lines)
        split = split_entries(lines, head + 1, hard_end(lines, head + 1, limit), repeated)
        if not split.entries:
            continue
        reason = implausible(split)
        if reason:
            skipped.append(f'list under "{lines[head].strip()}" (line {head + 1}) skipped: {reason}')
        else:
            sections.append(to_section(split, lines[head].strip(), head, head + 1))
    return sections, skipped


# `(Kindler 2018, 45–47; ...)`, `(Cameron, 2018)`, `[9, с. 45]`: a citation inside a paragraph. A body section
# named like a list (`Sources` on a history article's archives) is running text that cites the list; an entry
# prints its own year bare or after its authors (`Smith, J. (2019)`), never `(Name Year` nor a bracketed number.
IN_TEXT_CITATION = re.compile(
    r"\([A-ZА-ЯЁ][\w'’-]+(?: et al\.| и др\.)?,? (?:1[5-9]|20)\d\d[a-z]?[,;)]"
    r"|\[\d{1,3}(?:[,;–-]\s*\d{1,3})*(?:, [^\]]{1,20})?\]"
)


def implausible(split: Split) -> str | None:
    """Why the entries do not read like references (prose under a matching heading), or None if they do."""
    if split.style != "plain":
        return None
    like = sum(1 for entry in split.entries if reference_like(entry.text))
    if like < 0.5 * len(split.entries):
        return f"only {like} of {len(split.entries)} entries read like references"
    median = median_length(split.entries)
    if median >= 600:
        return f"entries too long for references (median {median:.0f} characters)"
    citing = sum(1 for entry in split.entries if IN_TEXT_CITATION.search(entry.text))
    if len(split.entries) >= 2 and citing >= 0.5 * len(split.entries):
        return f"{citing} of {len(split.entries)} entries cite other works (running text)"
    return None


def to_section(split: Split, heading: str, heading_line: int | None, start: int) -> Section:
    return Section(
        heading=heading,
        heading_line=heading_line,
        start=start,
        end=split.end,
        style=split.style,
        entries=split.entries,
        warnings=list(split.warnings),
    )


def trailing_section(lines: Sequence[str], repeated: frozenset[str]) -> Section | None:
    """The last numbered run starting at 1 that reads like references."""
    best = None
    index = 0
    while index < len(lines):
        found = numbered_label(lines[index])
        if found and found[0] == 1 and opens_block(lines, index):
            split = split_entries(lines, index, hard_end(lines, index, len(lines)), repeated)
            if looks_like_reference_list(split):
                best = to_section(split, "", None, index)
                index = max(split.end, index + 1)
                continue
        index += 1
    return best


def opens_block(lines: Sequence[str], index: int) -> bool:
    """A line after a blank line or after a finished sentence, not inside a paragraph."""
    previous = lines[index - 1].rstrip() if index else ""
    return not previous or previous.endswith((".", ":", "!", "?", ")"))


def looks_like_reference_list(split: Split) -> bool:
    entries = split.entries
    if len(entries) < MIN_TRAILING_ENTRIES:
        return False
    like = sum(1 for entry in entries if reference_like(entry.text))
    return like >= 0.7 * len(entries) and median_length(entries) < 400


def find_lists(lines: Sequence[str]) -> tuple[list[Section], list[str]]:
    """Every reference list of the document, in order, and why each list under a heading was skipped."""
    repeated = repeated_lines(lines)
    sections, skipped = headed_sections(lines, repeated)
    if not sections:
        trailing = trailing_section(lines, repeated)
        sections = [trailing] if trailing else []
    return sections, skipped


def find_sections(lines: Sequence[str]) -> list[Section]:
    """Every reference list of the document, in order; the skipped lists' reasons lead the first one's warnings."""
    sections, skipped = find_lists(lines)
    if sections and skipped:
        sections[0].warnings[:0] = skipped
    return sections
