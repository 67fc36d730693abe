"""The head of a reference: who is responsible for it, its author-year date and a quoted title.

Steps 2 and 3 of `assemble.build_item`: the author block (`names`), a body named as author (a corporate
author before the title, a site before a web page, a name before a quoted title), the year printed
right after the authors, then the rest cut into classified segments.
"""

from __future__ import annotations

import re

from .chars import UP, YEAR
from .classify import classify, edition_first
from .draft import Draft, Part
from .elements import COUNTRY as COUNTRY_NAME
from .lexicon import DOCUMENT_WORDS
from .locators import is_known_place
from .names import (
    COMPOUND_FAMILY_INITIALS,
    FAMILY_INITIALS,
    Name,
    NameBlock,
    compact_initials,
    is_organization,
    read_name_block,
)
from .segments import split_segments
from .semicolon import split_semicolon_imprints

LEADING_YEAR = re.compile(
    rf"^\s?[.,:]?\s?\(\s?(?P<y1>{YEAR})[a-zа-я]?(?P<md>,\s?[A-Za-zА-Яа-я]+\.?(?:\s\d{{1,2}})?)?(?:[–-]\d{{1,2}})?\s?\)"
    r"[.,:]?\s?"
    rf"|^\s?[.,]?\s?(?P<y2>{YEAR})[a-zа-я]?(?:[.,:]\s|\s(?=[{UP}\"“«]))|^\s?[.,]?\s?\(\s?(?:n\.\s?d\.|б\.\s?г\.|s\.\s?a\.)\s?\)\.?\s?"
)

QUOTED_TITLE = re.compile(
    r"^[\"“„«]([^\"”“»]{3,500}?)(?:[,.?!][\"”“»][,.:]?|[\"”“»][,.]|[\"”“»](?=\s(?://|In\b|in\b|\[|\()))(?:\s|$)|"
    r"^[‘']([^‘’']{3,500}?)(?:[,.?!][’'][,.:]?|[’'][,.]|[’'](?=\s(?://|In\b|in\b|\[|\()))(?:\s|$)"
)

AUTHOR_BEFORE_YEAR = re.compile(
    rf"^([{UP}][^.()]{{2,80}}?)\.?\s\((?:(?:{YEAR})[a-z]?(?:,\s?[A-Za-z]+\.?(?:\s\d{{1,2}})?)?|n\.\s?d\.|б\.\s?г\.)\)"
    r"[.,]?\s(?=\S)"
)

# `Body, "Title"` (IEEE), and `Eurasianet. "Title."` (Chicago, MLA): a name before a quoted title is its author.
BODY_BEFORE_QUOTE = re.compile(
    rf"^([^,\"“”«»‘]{{3,100}}),\s(?=[\"“«‘])|^((?:[{UP}][\w&'’-]*\s){{0,4}}[{UP}][\w&'’-]+)\.\s(?=[\"“«])"
)

IN_AFTER_QUOTE = re.compile(r"^(?:in|In)\s(?=[A-Z\"“])")
# A standard's designation (`ГОСТ Р 7.0.100–2018.`, `СТ РК 1.5–2019`, `ISO 690:2010`) opens its title: its
# numbers are neither pages nor a volume, and its title sentences run to the first `. – ` area separator.
STANDARD_TITLE = re.compile(
    r"^(?:ГОСТ(?:\s(?:Р|ISO|IEC|EN))?|СТ\sРК|ДСТУ(?:\sISO)?|СТБ|СНиП|ISO(?:/IEC)?|IEC)\s\d[\d.:]*(?:[–—-]\d{2,4})?"
    r"\.?\s.+?(?=\.?\s[–—]\s|\s//?\s|\s\[|$)"
)

PERIODICAL = re.compile(
    r"Journal|Bulletin|Review|Proceedings|Quarterly|Annals|Herald|Magazine|Vestnik|Вестник|Вісник|Известия|Вопросы|"
    r"Журнал|Хабаршы|Жаршысы|Списание"
)

YEAR_IN_NAME = re.compile(rf"\b{YEAR}\b")

ACRONYM = re.compile(rf"^[{UP}]{{2,8}}$")
# The institution word that leads a Cyrillic body's name (nominative, so a title's `Министерству ...` is not one);
# words that also open titles (`Центр и периферия`, `Институт президентства`, `Управление рисками`) are left out.
ORG_LEAD = re.compile(
    r"^(?:Бюро|Министерство|Міністерство|Комитет|Комітет|Агентство|Департамент|Правительство|Администрация)$"
)


def _corporate_author(parts: list[Part], body: str, web_page: bool) -> Name | None:
    """`NATO. Title...` / `Shanghai Cooperation Organization. Title...`: a body as author."""
    texts = [p for p in parts if p.kind == "text"]
    if len(texts) < 2 or parts[0].kind != "text" or parts[0].loc or parts[1].kind == "bracket":
        return None
    if parts[1].sep in ("//", "in"):
        return None  # `Хартия ШОС // Дипломатический вестник`: what comes before the host is the title
    first = parts[0].text.strip()
    if " / " in first:
        return None
    words = first.split()
    if not words or len(words) > 12 or words[0].lower() in DOCUMENT_WORDS or YEAR_IN_NAME.search(first):
        return None
    if not _title_follows(parts):
        return None
    if ACRONYM.match(first) or _acronym_with_place(words) or _body_before_report(words, parts):
        return {"literal": first}
    if _institution_last(words, parts):
        return {"literal": first}
    sentence_case = web_page or _institution_sentence(words, parts)
    if is_organization(first, sentence_case=sentence_case) and not PERIODICAL.search(first):
        return {"literal": first}
    if _named_again(first, body) or (web_page and _site_name(words)):
        return {"literal": first}
    return None


# A serial report of a body: `Annual Report 2018`, `Sustainability Report`, `Годовой отчет за 2019 год`.
REPORT_TITLE = re.compile(
    r"^(?:(?:Annual|Integrated|Sustainability|Corporate|Activity|Progress|Financial)(?:\sand\s\w+)?\s(?:Report|Review)|"
    r"(?:Годовой|Ежегодный|Годишен|Річний|Интегрированный)\s(?:отч[её]т|доклад|звіт)|Жылдық\sесеп)\b"
)


def _acronym_with_place(words: list[str]) -> bool:
    """`UNDP Kazakhstan`, `OSCE Kyrgyzstan`: a body's acronym and the country of its office."""
    if len(words) < 2 or not ACRONYM.match(words[0]) or len(words[0]) < 3:
        return False
    rest = " ".join(words[1:])
    return bool(COUNTRY_NAME.match(rest)) or is_known_place(rest)


def _body_before_report(words: list[str], parts: list[Part]) -> bool:
    """`KazMunayGas. Annual Report 2018`: a short capitalized name before a report's title is its author.

    Why: a report title never continues a title sentence; without this the name is the title and the
    report words the publisher.
    """
    if len(words) > 5 or not all(w[:1].isupper() for w in words) or any(c.isdigit() for w in words for c in w):
        return False
    nxt = parts[1]
    return nxt.kind == "text" and nxt.sep == "stop" and bool(REPORT_TITLE.match(nxt.raw or nxt.text))


def _institution_sentence(words: list[str], parts: list[Part]) -> bool:
    """`Бюро национальной статистики. Статистический ежегодник`: a Cyrillic body name in sentence case,
    led by its institution word and ended by a full stop, before a title sentence.

    Why: `is_organization` trusts sentence-case bodies only where a body is expected; a sentence that
    begins with the institution word itself (not `Шанхайская организация ...`) and holds no colon is a
    body as often as a title only when a second title sentence follows it.
    """
    if not 2 <= len(words) <= 8 or ":" in parts[0].text or not ORG_LEAD.match(words[0]) or words[1] == "и":
        return False
    nxt = parts[1]
    return nxt.kind == "text" and nxt.sep == "stop"


# Kazakh, Kyrgyz and Uzbek name a body with its institution word last, in the possessive
# (`Ұлттық статистика бюросы`, `Сыртқы істер министрлігі`, `Davlat statistika qo'mitasi`).
BODY_LAST_WORD = re.compile(
    r"^(?:бюросы|агенттігі|комитеті|министрлігі|институты|орталығы|академиясы|университеті|басқармасы|"
    r"департаменті|палатасы|комитети|министрлиги|агенттиги|борбору|qo['ʻ‘’]mitasi|vazirligi|agentligi|"
    r"instituti|markazi|akademiyasi|universiteti|boshqarmasi)$"
)


def _institution_last(words: list[str], parts: list[Part]) -> bool:
    """`Ұлттық статистика бюросы. Қазақстан халқының саны`: a body in Kazakh, Kyrgyz or Uzbek word order
    (institution word last) before a title sentence."""
    if len(words) < 2 or ":" in parts[0].text or not BODY_LAST_WORD.match(words[-1].lower()):
        return False
    nxt = parts[1]
    return nxt.kind == "text" and nxt.sep == "stop"


def _title_follows(parts: list[Part]) -> bool:
    """A body is the author only when a title follows it, not just an imprint (`Concept ... – Astana, 2014`)."""
    for part in parts[1:]:
        if part.kind == "text":
            return not is_known_place(part.text.split(":")[0])
    return False


def _named_again(first: str, body: str) -> bool:
    """`Freedom House. Nations in Transit 2020. Washington, DC: Freedom House, 2020`: the body publishes itself."""
    return len(first) > 3 and first[:1].isupper() and body.count(first) > 1 and not PERIODICAL.search(first)


def _site_name(words: list[str]) -> bool:
    """`Akorda. Address of the President...`, `Eurasianet. Title. URL`: a short capitalized name before a web page.

    Why: web references lead with the site or agency that publishes the page, as an author; a place
    (`Kazakhstan. Country profile`) or a numbered phrase is more likely the start of the title.
    """
    if len(words) > 3 or not all(w[:1].isupper() for w in words) or any(c.isdigit() for w in words for c in w):
        return False
    name = " ".join(words)
    return not is_known_place(name) and not COUNTRY_NAME.match(name) and not PERIODICAL.search(name)


def _body_or_person(text: str) -> Name:
    """`Jones Luong, P.` (a two-word surname) is a person; `World Bank` before its year is a body."""
    match = COMPOUND_FAMILY_INITIALS.fullmatch(text + ("." if text[-1:].isupper() else ""))
    match = match or FAMILY_INITIALS.fullmatch(text + ("." if text[-1:].isupper() else ""))
    if match:
        return {"family": match.group("fam"), "given": compact_initials(match.group("ini"))}
    return {"literal": text}


def _names_before_quote(body: str, quote: re.Match[str], draft: Draft) -> NameBlock | None:
    """Who wrote a quoted title: `Candice Nelson, ‘Elections’`, `World Bank, "Title"`, `Eurasianet. "Title."`.

    Why: a quoted title right after them is evidence enough for given-first names nobody knows.
    """
    people = read_name_block(body, loose=True) if quote.group(1) else NameBlock([], 0)
    if people.names and people.end == quote.end(1):
        draft.authors = people.names
        return NameBlock([], quote.end())
    if quote.group(2) or is_organization(quote.group(1)):
        draft.authors = [{"literal": (quote.group(1) or quote.group(2)).strip()}]
        return NameBlock([], quote.end())
    return None


def segment_body(body: str, draft: Draft, web_page: bool = False) -> list[Part]:
    head = read_name_block(body)
    before_year = None if head.names else AUTHOR_BEFORE_YEAR.match(body)
    if before_year:
        draft.authors = [_body_or_person(before_year.group(1).strip())]
        head = NameBlock([], before_year.end(1))
    body_quote = None if head.names or before_year else BODY_BEFORE_QUOTE.match(body)
    if body_quote:
        head = _names_before_quote(body, body_quote, draft) or head
    if head.editors:
        draft.editors = head.names
    elif head.names:
        draft.authors = head.names
    rest = body[head.end :]
    match = LEADING_YEAR.match(rest)
    if match:
        year = match.group("y1") or match.group("y2")
        draft.year = int(year) if year else None
        draft.dated = bool(match.group("md"))
        if draft.dated and year:
            draft.full_date = f"{match.group('md').strip(' ,')} {year}"
        rest = rest[match.end() :]
    rest = rest.strip(" .,:;")
    rest = _standard_title(rest, draft)
    quoted = None if draft.title else QUOTED_TITLE.match(rest)
    if quoted:
        draft.title.append((quoted.group(1) or quoted.group(2)).strip(" ,."))
        draft.quoted_title = True
        rest = IN_AFTER_QUOTE.sub("In: ", rest[quoted.end() :].strip(" .,:;"), count=1)
    parts = [classify(piece) for seg in split_segments(rest) for piece in edition_first(seg)]
    parts = split_semicolon_imprints(parts, draft)
    if not draft.authors and not draft.editors and not draft.title:
        body_author = _corporate_author(parts, body, web_page)
        if body_author:
            draft.authors = [body_author]
            parts = parts[1:]
    return parts


def _standard_title(rest: str, draft: Draft) -> str:
    """Take a standard's designation and title sentences as one title, before segmenting splits them."""
    match = STANDARD_TITLE.match(rest)
    if not match:
        return rest
    draft.title.append(match.group(0).strip(" ."))
    draft.title_closed = True
    return rest[match.end() :].strip(" .,:;–—")
