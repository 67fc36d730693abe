"""From segments to CSL fields: which text is the title, the host, the imprint.

Steps (`build_item`):
1. clean the text (normalize), cut out URL/DOI/ISBN/access date (web),
   repair look-alike letters (script);
2. read the author block (names) or a corporate author, and an author-year year (heading);
3. cut the rest into segments (segments) and classify each (classify): translation,
   locators, editors, edition, genre or text;
4. walk the segments: the first text is the title, text after `//` / `In:` is
   the host, imprints and numbers are read element by element (elements);
5. finish (output): title/host split for journal-shaped lines, positional
   numbers, type, language, confidence, the CSL item.
"""

from __future__ import annotations

import re
from typing import Any

from .archive import archival_item
from .chars import LO, UP, YEAR
from .classify import EDITION, GENRE_START
from .csltype import CONFERENCE, LEGISLATION, REPORT
from .draft import Draft, Part
from .elements import COUNTRY as COUNTRY_NAME
from .elements import SegmentRead, comma_parts, read_segment
from .heading import segment_body
from .language import detect_language, tagged_language
from .locators import (
    CONTAINER_WORDS,
    PUBLISHER_WORDS,
    Imprint,
    Locators,
    is_known_place,
    is_place,
    place_text,
    read_imprint,
)
from .names import (
    Name,
    parse_name_list,
    read_name_block,
)
from .normalize import normalize
from .output import apa_host_or_publisher, finish, split_site, to_csl
from .patent import as_patent, patent_fields
from .patterns import EDITOR_PHRASE, GENITIVE_EDITOR, LAW_HEADING, NO_DATE, TRANSLATOR_SENTENCE
from .script import repair_lookalikes
from .web import extract_web

YEAR_RANGE = re.compile(rf"^({YEAR})-({YEAR})$")
BRACKET_NOT_TRANSLATION = re.compile(
    r"^(?:и|та|і|және)\s(?:др|ін|т\.\s?б)\.?|^et\.?\s?al\.?|^б\.\s?[мги]\.?|^s\.\s?[lan]\.?|^sine\s|^n\.\s?d\.?$|"
    r"^(?:paper|poster)\s(?:presentation|session)|^(?:blog|conference|press|video|audio|online)\s\w+\.?$|"
    r"^(?:podcast|episode|tweet|video|film|lecture|slides|infographic|editorial|abstract|webinar|data\sset)\b|"
    r"^letter\sto\sthe\seditor|^unpublished\s|^computer\s(?:software|program)|^fact\ssheet|^policy\sbrief|"
    # GOST 7.0.100 notes on a law's text: `[с изменениями и дополнениями по состоянию на 01.01.2023]`
    r"^(?:с|зі|із)\s(?:изм|змін)|^по\sсостоянию\sна|^в\sред(?:\.|акции)\s|^өзгерістер\sпен\sтолықтырулар",
    re.IGNORECASE,
)
# GOST 7.0.100 legislation: `[принят Государственной думой 8 июля 2006 года]` dates the act; it translates nothing.
ADOPTION_NOTE = re.compile(
    r"^(?:принят|утвержд[её]н|одобрен|подписан|прийнят|затверджен|қабылданған|бекітілген)\w*\s.*?"
    r"(?P<date>\d{1,2}\s[^\W\d_]{3,}\s(?:1[5-9]|20)\d\d|\d{1,2}\.\d{1,2}\.(?:1[5-9]|20)\d\d)",
    re.IGNORECASE,
)
ENGLISH_TITLE_WORD = re.compile(r"\b(?:the|of|and|in|for|on|with|to|a|an)\b|[’']s\b", re.IGNORECASE)
HOST_RESPONSIBILITY = re.compile(r"\s/\s")
TRAILING_EDS = re.compile(r",\s(?:Eds?|eds?)\.(?=\s|,|$)|\s\((?:Eds?|eds?)\.?\)(?=[\s,.]|$)")
PAREN_EDS = re.compile(r"\s?\(([^()]{3,120}?),\s(?:Eds?|eds?)\.\)")
LOCATOR_AFTER_NAMES = re.compile(r",\s(?=\d|(?:pp?|[СсPS]|Vol|vol|Т|№)\.?\s?\d)")
SERIES_SENTENCE = re.compile(
    r"^(?:[A-Z][\w&'’-]*\s){0,4}(?:Studies|Series|Library|Texts|Monographs)\s(?:in|on|of)\s(?:[A-Z][\w&'’-]*,?\s?|and\s|the\s)+$|"
    r"^(?:[A-Z][\w&'’-]*\s){1,5}Series$"
)
SERIES = re.compile(r"^(?:Серия|Сер\.|Series|Ser\.|Серія|Серыя|Сериясы)\b")


def _next_has_year(parts: list[Part], index: int) -> bool:
    part = parts[index]
    if part.loc and part.loc.year:
        return True
    nxt = parts[index + 1] if index + 1 < len(parts) else None
    return bool(nxt and nxt.kind == "loc" and nxt.loc and nxt.loc.year)


# GOST multi-volume statement inside the title area: `В 9 т. Т. 2, ч. 1`, `В 2 т. Т. 2`, `3 томдық. 2-том`.
MULTIVOLUME = re.compile(
    r"^(?:В|У|У)\s\d+\s(?:т|тт|кн|ч)\.(?:\s(?:Т|Кн|Ч)\.\s?[\dIVXLC]+(?:,\s(?:ч|кн|вып)\.\s?\d+)?)?$"
)


# A volume (and part) statement alone: `Т. II, ч. 1`, `Т. 3`, `Кн. 2`, `Vol. II, Part 1`.
VOLUME_STATEMENT = re.compile(
    r"^(?:Т|Кн|Ч|Том|Vol|T|Tom)\.?\s?[\dIVXLC]+(?:,\s(?:ч|кн|вып|Ч|Part|pt|ch|chast')\.?\s?[\dIVXLC]+)?$"
)

VOLUME_WITH_TITLE = re.compile(
    rf"^(?:Т|Кн|Ч|Том|Vol|T|Tom)\.?\s?[\dIVXLC]+(?:,\s(?:ч|кн|Part)\.?\s?[\dIVXLC]+)?\s?:\s[{UP}]"
)


def _took_volume_title(draft: Draft, part: Part, raw: str, own_title_next: bool = False) -> bool:
    """`Сочинения. В 9 т. Т. 2, ч. 1. Общие работы / В. В. Бартольд`: the multi-volume statement, the volume
    number and the volume's own title (the next sentence) belong to the title area, not to the locators.

    Without `В 9 т.` a volume statement (`Сочинения. Т. II, ч. 1. Общие работы`) is taken only when the
    volume's own title follows it, so `Title. Т. 2. – М., 2010` keeps its volume number.
    """
    if draft.volume_title_next and part.sep == "stop":
        draft.volume_title_next = False
    elif draft.container or draft.host or draft.locs_seen:
        return False
    elif MULTIVOLUME.match(raw) or (own_title_next and part.sep == "stop" and VOLUME_STATEMENT.match(raw)):
        draft.volume_title_next = True
    elif not (part.sep == "stop" and VOLUME_WITH_TITLE.match(raw)):
        return False  # taken: `Title. Т. V: Центральная Азия в XXI столетии. – Алматы`, the volume and its title
    draft.title[-1] = f"{draft.title[-1]}. {raw}"
    return True


PUBLICATION_STATUS = re.compile(
    r"^(?:Published\sonline|Online\sfirst|Epub\sahead\sof\sprint|Ahead\sof\sprint|In\spress|Early\sview|"
    r"Advance\sonline\spublication|Article\sin\spress|В\sпечати|Принято\sв\sпечать|Онлайн-публикация)\.?$",
    re.IGNORECASE,
)


def _own_title_next(parts: list[Part], index: int) -> bool:
    """The next part is a plain sentence (a volume's own title), not an imprint, host or locator."""
    nxt = parts[index + 1] if index + 1 < len(parts) else None
    if not nxt or nxt.kind != "text" or nxt.sep != "stop" or nxt.loc:
        return False
    return not is_known_place(nxt.text.split(":")[0])


def _take_text(draft: Draft, parts: list[Part], index: int) -> None:
    """Place one text part: title, host, imprint or leftover."""
    part = parts[index]
    raw = part.raw or part.text
    if not draft.title:
        if _comma_style(parts, index):
            _take_comma_title(draft, raw, _journal_numbers_next(parts, index))
        else:
            draft.title.append(_title_text(part))
            if part.loc and (part.loc.volume or part.loc.issue):
                # `Экономика Казахстана: Т. 2`: the volume of the work itself (a bare range stays title text)
                draft.loc.merge(Locators(volume=part.loc.volume, issue=part.loc.issue))
        return
    if part.sep in ("//", "in") and not draft.container and not draft.host_closed:
        _start_host(draft, raw)
        return
    if _took_responsibility(draft, part):
        return
    if PUBLICATION_STATUS.match(raw):
        return  # `– Published online.`, `Epub ahead of print`: a note on the state of the article, no field
    if _took_volume_title(draft, part, raw, _own_title_next(parts, index)):
        return
    if _took_paren_series(draft, raw):
        return
    if _series_sentence(draft, parts, index):
        draft.collection = raw
        return
    nxt = parts[index + 1] if index + 1 < len(parts) else None
    journal_next = bool(nxt and nxt.kind == "loc" and nxt.loc and nxt.loc.journal_like)
    if _took_imprint(
        draft, part, _next_has_year(parts, index), strong_only=journal_next or _journal_later(parts, index)
    ):
        return
    if draft.container or draft.host:
        seg = read_segment(raw, lead_may_be_place=bool(draft.container) and _place_may_follow(part))
        _merge_segment(draft, seg, "leftover" if draft.host_closed else "container")
        return
    seg = read_segment(raw)
    if draft.quoted_title and not draft.container and _publisher_not_host(seg):
        seg.imprint.publisher, seg.lead = seg.lead, ""
    if draft.title_closed or draft.quoted_title:
        role = "leftover" if draft.host_closed else "container"
    elif draft.imprint.place or draft.imprint.publisher or draft.locs_seen:
        role = "leftover"
    else:
        role = "title"
    _merge_segment(draft, seg, role)


def _took_responsibility(draft: Draft, part: Part) -> bool:
    """`Title. [Рецензия] / Козыбаев И.М. // Journal`: a statement of responsibility cut off from the title by a
    bracket; its people join the authors (once each), never the title text."""
    if part.sep != "after-group" or not part.text.startswith("/ ") or draft.container or draft.host:
        return False
    statement = part.text[2:]
    names = read_name_block(statement + ("." if statement[-1:].isupper() else ""), loose=True).names
    if not names:
        return False
    draft.authors.extend(n for n in names if n not in draft.authors)
    return True


def _took_paren_series(draft: Draft, raw: str) -> bool:
    """`– (Серия «Учебник для вузов»).` is the series even when `[и др.]` closed the title: it must not
    become a host and turn the book into a chapter."""
    if draft.collection or draft.container or not raw.startswith("(") or not SERIES.match(raw.lstrip("( ")):
        return False
    draft.collection = raw.strip("() ")
    return True


def _series_sentence(draft: Draft, parts: list[Part], index: int) -> bool:
    """`Title. Cambridge Studies in Comparative Politics. Cambridge: CUP, 2006`: a book series between title
    and imprint (a journal called `Studies in ...` carries volume or issue numbers instead)."""
    part = parts[index]
    if draft.container or draft.host or draft.collection or part.loc or not SERIES_SENTENCE.match(part.text):
        return False
    return not any(p.kind == "loc" and p.loc and (p.loc.volume or p.loc.issue) for p in parts[index + 1 :])


def _journal_later(parts: list[Part], index: int) -> bool:
    """A bare word before a separate year, with a volume or issue further on, names the journal.

    Why: `Title. Demokratizatsiya. 2012. Vol. 20, No. 4` and `... университета. История. 2017. Т. 62`
    print the journal (or its series) where a book would print its place.
    """
    part = parts[index]
    if part.loc and part.loc.year:
        return False
    return any(p.kind == "loc" and p.loc and (p.loc.volume or p.loc.issue) for p in parts[index + 1 :])


def _publisher_not_host(seg: SegmentRead) -> bool:
    """IEEE `"Title," WHO, Geneva, Switzerland, 2020`: a body before a place, with no journal numbers."""
    if not seg.lead or seg.imprint.publisher or not seg.imprint.place:
        return False
    if seg.loc and (seg.loc.volume or seg.loc.issue or seg.loc.page):
        return False
    return not CONTAINER_WORDS.search(seg.lead) and not CONFERENCE.search(seg.lead)


def _place_may_follow(part: Part) -> bool:
    """A bare place right after the host title: after a GOST ` – `, or a place the gazetteer knows.

    Why: after a plain full stop a capitalized word is as often the host's own subtitle or series
    (`Вестник ... университета. Политология. – 2018`, `IEEE Trans. Knowl. Data Eng., vol. 33`).
    """
    if part.loc and (part.loc.volume or part.loc.issue):
        return False
    if part.sep in ("dash", "after-group") or (part.loc and part.loc.year):
        return True
    first = comma_parts(part.raw or part.text)
    return bool(first) and is_known_place(first[0].split(":")[0])


def _comma_style(parts: list[Part], index: int) -> bool:
    """`Title, Journal, 27, 259-316`: the title segment is the only text and carries the rest after commas."""
    raw = parts[index].raw or parts[index].text
    if ", " not in raw or any(p.kind == "text" for p in parts[index + 1 :]):
        return False
    return len(comma_parts(raw)) > 1


def _journal_numbers_next(parts: list[Part], index: int) -> bool:
    """The next part holds only journal numbers: Elsevier's `Title, J. Hydrol. 590 (2020) 125–139` breaks at the
    abbreviation's full stop, leaving the journal at the end of the comma-separated title segment."""
    nxt = parts[index + 1] if index + 1 < len(parts) else None
    return bool(nxt and nxt.kind == "loc" and nxt.loc and (nxt.loc.volume or nxt.loc.issue) and nxt.loc.page)


def _take_comma_title(draft: Draft, raw: str, journal_next: bool = False) -> None:
    """`Title, Journal, 27, 259-316`: the first comma piece is the title, the rest the host and its numbers."""
    # with the numbers in the next part, the last comma piece is the journal, never an imprint (`J. Hydrol`)
    seg = SegmentRead(lead=raw) if journal_next else read_segment(raw)
    pieces = comma_parts(seg.lead) or [raw]
    strong = bool(seg.loc and (seg.loc.journal_like or seg.loc.count)) or (journal_next and len(pieces) > 1)
    dated = bool((seg.loc and seg.loc.year) or draft.year)
    with_imprint = dated and bool(seg.imprint.place or seg.imprint.publisher)
    if not (strong or with_imprint or (seg.loc and len(pieces) > 1)):
        draft.title.append(raw)
        return
    draft.title.append(pieces[0])
    if len(pieces) > 1:
        draft.container.append(", ".join(pieces[1:]))
    _merge_segment(draft, SegmentRead(loc=seg.loc, imprint=seg.imprint, rest=seg.rest), "leftover")


def _lone_gost_place(draft: Draft, part: Part) -> bool:
    """`Title. – Алматы, [б. г.]. – 88 с.`: a known city alone in a GOST area is the place even without a year."""
    return (
        part.sep == "dash"
        and not part.loc
        and bool(draft.title)
        and not draft.imprint.place
        and is_known_place(part.text)
    )


def _took_imprint(draft: Draft, part: Part, has_year: bool, strong_only: bool = False) -> bool:
    """A whole segment that is an imprint (`М.: Наука, 2011`, `Бишкек, 2011`, GOST `– Алматы. –`)."""
    if part.loc and part.loc.journal_like:
        return False
    if (draft.container or draft.host) and not draft.container:
        return False
    imprint = read_imprint(part.text, has_year and not strong_only)
    if imprint and imprint.place and not imprint.publisher and draft.container and not _place_may_follow(part):
        imprint = None
    if imprint and imprint.place and not imprint.publisher and draft.quoted_title and _dated_site(part):
        imprint = None
    if imprint and imprint.place and not imprint.publisher and _publisher_before_year(draft, part):
        imprint = Imprint(publisher=imprint.place)
    if (
        not imprint
        and draft.container
        and is_place(part.text)
        and has_year
        and not strong_only
        and (_place_may_follow(part))
    ):
        imprint = Imprint(place=place_text(part.text))
    if not imprint and _lone_gost_place(draft, part):
        imprint = Imprint(place=place_text(part.text))
    if not imprint:
        return False
    _set_imprint(draft, imprint)
    if part.loc:
        draft.loc.merge(part.loc)
        part.loc = None
    return True


def _publisher_before_year(draft: Draft, part: Part) -> bool:
    """MLA `Title. Bloomsbury, 2015.`: an unknown name before the year, after a full stop, is the publisher.

    A GOST area (`– Osh, 2015`), a known place or a Cyrillic name stays a place.
    """
    if part.sep != "stop" or not draft.title or not part.loc or not part.loc.year or not part.text.isascii():
        return False
    return ", " not in part.text and not is_known_place(part.text) and not COUNTRY_NAME.match(part.text)


def _dated_site(part: Part) -> bool:
    """`"Title." Eurasianet, April 14, 2021`: an unknown name dated to the day is a periodical or site.

    Books are dated by year, so a month and day next to the name mean it is not a publishing place.
    """
    return bool(part.loc and part.loc.day_month) and not is_known_place(part.text)


def _merge_segment(draft: Draft, seg: SegmentRead, role: str) -> None:
    if seg.lead:
        if role == "title":
            draft.title.append(seg.lead)
        elif role == "container":
            draft.container.append(seg.lead)
        elif draft.container and not draft.imprint.publisher and _publisher_like(seg.lead):
            draft.imprint.publisher = seg.lead.strip(" .")
        else:
            _leftover(draft, seg.lead)
    draft.editors.extend(n for n in seg.editors if n not in draft.editors)
    draft.collection = draft.collection or seg.collection
    draft.edition = draft.edition or seg.edition
    if seg.loc:
        draft.loc.merge(seg.loc)
        draft.locs_seen = True
        if draft.container:
            draft.host_closed = True
    _set_imprint(draft, seg.imprint)
    for text in seg.rest:
        _leftover(draft, text)


def _publisher_like(text: str) -> bool:
    """`Routledge`, `Association for Computational Linguistics`: what ends an APA chapter after its pages."""
    words = text.split()
    if not words or len(words) > 6 or re.search(r"\d", text):
        return False
    if PUBLISHER_WORDS.search(text) and not CONTAINER_WORDS.search(text):
        return True
    return all(w[:1].isupper() or w in ("&", "and", "of", "for", "the", "und") for w in words)


def _title_text(part: Part) -> str:
    """The title keeps a weak numeric tail (`... of July 6, 2005`); only marked locators leave it.

    A law keeps its date and number (`... от 31.12.2015 № 683`), and a bare span of years
    (`Tuberculosis incidence in Kazakhstan, 2000-2015`) is the period the title names, not pages.
    """
    loc = part.loc
    if not loc or not part.raw:
        return part.text
    weak = not (loc.volume or loc.issue or loc.page or loc.count)
    years = YEAR_RANGE.match(loc.page)
    span = bool(years and int(years.group(1)) < int(years.group(2))) and not (loc.volume or loc.issue or loc.count)
    if weak or span or LEGISLATION.search(part.raw):
        part.loc = None
        return part.raw
    return part.text


def _start_host(draft: Draft, text: str) -> None:
    """The host document after `//` or `In:`: editors first (`In: A. Smith (ed.) Book`), then its title."""
    draft.host = True
    block = read_name_block(text, loose=True)
    if block.names and block.editors and not _mixed_names(block.names):
        draft.editors.extend(block.names)
        text = text[block.end :].strip(" ,.:;")
    text = _trailing_editors(draft, _host_responsibility(draft, text))
    if GENRE_START.match(text):
        _take_genre(draft, text)
        return
    seg = read_segment(text)
    _merge_segment(draft, seg, "container")


def _mixed_names(names: list[Name]) -> bool:
    """`In Central Asia Today, K. Jones (ed.)`: a given-first "name" before initialled ones is the book's title."""
    dotted = [("." in n.get("given", "")) for n in names if n.get("given")]
    return len(set(dotted)) > 1 and not dotted[0]


def _trailing_editors(draft: Draft, text: str) -> str:
    """IEEE `in Book, 2nd ed., L. Johanson and É. Á. Csató, Eds. London: Routledge`: names before `Eds.`.

    Why: without this the names read as a place list and `Eds. London` as an editor called London.
    """
    paren = PAREN_EDS.search(text)
    if paren:  # APA `In Book title (K. Jones, Ed.) (pp. 1–20)`
        draft.editors.extend(parse_name_list(paren.group(1), given_first=True))
        return text[: paren.start()] + text[paren.end() :]
    marker = TRAILING_EDS.search(text)
    if not marker:
        return text
    before = comma_parts(text[: marker.start()])
    block = read_name_block(before[-1], loose=True) if len(before) > 1 else None
    if not block or not block.names or block.end < len(before[-1].rstrip(" .")):
        return text
    draft.editors.extend(block.names)
    kept = before[:-1]
    if len(kept) > 1 and EDITION.match(kept[-1]):
        draft.edition = draft.edition or kept.pop()
    rest = text[marker.end() :].strip(" ,.")
    return ", ".join(kept + ([rest] if rest else []))


def _host_responsibility(draft: Draft, text: str) -> str:
    """`Book / ed. by K. Brown, L. Green`: the host's editors, before their commas are read as places.

    A statement without commas is left to the finishing step (`output._container_responsibility`).
    """
    resp = HOST_RESPONSIBILITY.search(text)
    if not resp:
        return text
    statement = text[resp.end() :]
    cut = LOCATOR_AFTER_NAMES.search(statement)
    if not EDITOR_PHRASE.match(statement) or ", " not in statement[: cut.start() if cut else len(statement)]:
        return text
    for piece in statement[: cut.start() if cut else len(statement)].split(";"):
        match = EDITOR_PHRASE.match(piece.strip())
        if match:
            names = piece.strip()[match.end() :]
            draft.editors.extend(parse_name_list(names, genitive=bool(GENITIVE_EDITOR.match(piece.strip()))))
    return text[: resp.start()] + (statement[cut.start() :] if cut else "")


def _take_genre(draft: Draft, text: str) -> None:
    """`Ph.D. thesis, Rice University, 1990` / `дис. ... канд. наук. – М., 2010`: genre, then institution."""
    seg = read_segment(text)
    pieces = comma_parts(seg.lead)
    draft.genre = draft.genre or (pieces[0] if pieces else text)
    if seg.loc and REPORT.search(text):
        seg.loc.volume = seg.loc.issue = ""
    for piece in pieces[1:]:
        if is_place(piece) and not draft.imprint.place:
            draft.imprint.place = place_text(piece)
        elif not draft.imprint.publisher:
            draft.imprint.publisher = piece
    if seg.loc:
        draft.loc.merge(seg.loc)
    _set_imprint(draft, seg.imprint)


def _set_imprint(draft: Draft, imprint: Imprint) -> None:
    draft.imprint.place = draft.imprint.place or imprint.place
    draft.imprint.publisher = draft.imprint.publisher or imprint.publisher


def _leftover(draft: Draft, text: str) -> None:
    if SERIES.match(text.lstrip("(")) and not draft.collection:
        draft.collection = text.strip("() ")
    else:
        draft.leftovers.append(text)


# A season with its year names an issue of a serial report (`Economic Update. Spring 2019`, `Осень 2020`).
SEASON_YEAR = re.compile(
    rf"^(?:Spring|Summer|Fall|Autumn|Winter|[Вв]есна|[Лл]ето|[Оо]сень|[Зз]има|[Кк]өктем|[Кк]үз|[Жж]аз|[Ққ]ыс|[Лл]іто|[Оо]сінь)\s{YEAR}$"
)
PART_SENTENCE = re.compile(r"^(?:Part|Pt\.|Часть|Ч\.|Частина|Бөлім|Chast')\s?(?:[IVX]{1,4}|\d{1,2})$")
YEAR_SPAN_TEXT = re.compile(rf"^({YEAR})\s?[-–]\s?({YEAR})(?:\s?(?:гг?|жж|рр?|yy)\.?)?$")


def _title_area_dates(draft: Draft, parts: list[Part], index: int) -> bool:
    """A sentence of dates (or a part number) right after the title is part of it: `История ... 1945–2008.
    М.: Аспект, 2010`, `Kazakhstan Economic Update. Spring 2019. Washington, DC`, `Title. Part II. Journal`.

    Why: read as locators, a span gives a year and a volume, and a season drops out, so two issues of one
    serial report look identical. Only before any host, imprint or locator, and for a span only when a
    later part dates the work itself (a lone span may be the pages); never before a journal's numbers.
    """
    part = parts[index]
    if part.sep != "stop" or not draft.title or draft.container or draft.host or draft.locs_seen:
        return False
    if draft.imprint.place or draft.imprint.publisher or draft.title_closed or draft.quoted_title:
        return False
    if PART_SENTENCE.match(part.raw or part.text):  # `Title. Part II. Journal`: the part is of the title
        draft.title[-1] = f"{draft.title[-1]}. {part.raw or part.text}"
        return True
    if any(p.loc and (p.loc.volume or p.loc.issue) for p in parts[index + 1 :]):
        return False  # `Title. Journal. Spring 2019. Vol. 27, No. 2`: the season dates the journal issue
    if SEASON_YEAR.match(part.raw or part.text):
        part.text = part.raw or part.text
        draft.title[-1] = f"{draft.title[-1]}. {part.text}"
        if part.loc and part.loc.year and not draft.year:
            draft.loc.merge(Locators(year=part.loc.year))
        return True
    span = YEAR_SPAN_TEXT.match(part.text)
    later_year = any(p.loc and p.loc.year for p in parts[index + 1 :]) or bool(draft.year)
    if not span or int(span.group(1)) >= int(span.group(2)) or not later_year:
        return False
    draft.title[-1] = f"{draft.title[-1]}. {part.text}"
    return True


KAZAKH_VOLUME = re.compile(r"^\d{1,3}-(?:т|том)\.?$")


def _took_kazakh_volume_title(draft: Draft, part: Part) -> bool:
    """`Шығармалар жинағы. 3 томдық. 2-том. – Алматы`: a volume sentence inside the title area is part of the
    title (like `В 3 т. Т. 2`); only after the imprint (`– 2-т.`) is it the volume locator."""
    if part.sep != "stop" or not draft.title or draft.container or draft.host or draft.locs_seen:
        return False
    if draft.imprint.place or draft.imprint.publisher or not KAZAKH_VOLUME.match(part.text.strip(" .")):
        return False
    draft.title[-1] = f"{draft.title[-1]}. {part.text.strip(' .')}"
    return True


def _book_volume(draft: Draft, part: Part) -> bool:
    """`Sochineniya (Vol. 2, Pt. 1). Vostochnaya literatura.`: a volume alone in parentheses right after the title."""
    loc = part.loc
    if part.sep != "paren" or not loc or not loc.volume or loc.issue or loc.page or loc.year:
        return False
    return bool(draft.title) and not (draft.container or draft.host or draft.locs_seen)


def _walk(parts: list[Part], draft: Draft) -> None:
    for index, part in enumerate(parts):
        if part.kind in ("loc", "text") and _title_area_dates(draft, parts, index):
            continue
        if part.kind == "loc" and _took_kazakh_volume_title(draft, part):
            continue
        if part.kind == "text":
            _take_text(draft, parts, index)
        elif part.kind == "bracket":
            _take_bracket(draft, part.text)
        elif part.kind == "editor":
            draft.editors.extend(part.names)
            draft.editors_after = draft.editors_after or len(draft.title)
        elif part.kind == "edition":
            draft.edition = draft.edition or part.text
        elif part.kind == "genre":
            _take_genre(draft, part.text)
        if part.kind == "loc" and part.loc:
            draft.paren_volume = draft.paren_volume or _book_volume(draft, part)
            draft.loc.merge(part.loc)
            draft.locs_seen = True
            if draft.container:
                draft.host_closed = True
        if part.kind == "loc" and part.sep in ("//", "in"):
            draft.host = True


def _one_word_translation(draft: Draft, words: list[str]) -> bool:
    """`Bezopasnost' [Security]`: a one-word rendering of a short title that is not itself English."""
    if len(words) != 1 or len(words[0]) < 4 or not draft.title or draft.container:
        return False
    title = " ".join(draft.title)
    return (
        len(title.split()) <= 3
        and not ENGLISH_TITLE_WORD.search(title)
        and BRACKET_NOT_TRANSLATION.match(words[0]) is None
    )


REVIEW_MARK = re.compile(
    r"^(?:Рецензия|Рецензія|Рец\.|Пікір|Сын-пікір|Review|Book\sreview|Rev\.|Retsenziya|Retsenziia)(?:\sна)?\.?$",
    re.IGNORECASE,
)


REVIEW_OF = re.compile(r"^(?:Review\sof|Рецензия\sна|Рецензія\sна|Рец\.\sна|Retsenziya\sna)\b", re.IGNORECASE)


def _take_bracket(draft: Draft, text: str) -> None:
    """A bracketed English (or other) rendering: the first one after the title translates it."""
    if REVIEW_OF.match(text.strip()) and not draft.container:
        # APA `[Review of the book Title, by E. Schatz]`: it describes the review; untitled, it stands for the title
        if not draft.title:
            draft.title.append(text.strip(" ."))
        draft.genre = draft.genre or text.strip(" .")
        draft.title_closed = True
        return
    if REVIEW_MARK.match(text.strip()):
        # `[Рецензия]`, `[Book review]`: the genre tells a review from the book it reviews
        draft.genre = draft.genre or text.strip(" .")
        draft.title_closed = draft.title_closed or bool(draft.title and not draft.container)
        if not draft.container and not draft.host:
            # `Book. – М.: Наука, 2006. – 372 с. [Рецензия] // Журнал. – 2007`: the reviewed book's imprint and
            # numbers are not the review's; the host's numbers follow
            draft.imprint, draft.loc, draft.locs_seen = Imprint(), Locators(), False
        return
    words = re.findall(f"[{UP}{LO}]+", text)
    if len(words) < 2 and not _one_word_translation(draft, words):
        return
    adopted = ADOPTION_NOTE.match(text.strip())
    if adopted:
        draft.full_date = draft.full_date or adopted.group("date")
        return
    if BRACKET_NOT_TRANSLATION.match(text.strip()):
        # APA's `[Paper presentation]`, `[Blog post]` describe the work and, like a translation, close its title.
        draft.title_closed = draft.title_closed or bool(draft.title and not draft.container and len(words) < 5)
        return
    if draft.title and not draft.translated and not draft.container:
        draft.translated = text.strip(" .")
        draft.title_closed = True
    elif draft.container:
        draft.host_closed = True


def build_item(text: str) -> dict[str, Any]:
    """The CSL-JSON item for one reference string."""
    clean, label_year = normalize(text)
    tag, clean = tagged_language(clean)
    archival = archival_item(clean)
    if archival:
        return _archival(archival, tag, clean)
    body, web = extract_web(clean)
    body = repair_lookalikes(body)
    body = LAW_HEADING.sub("", body, count=1)
    body = NO_DATE.sub("", body) if "[" in body else body
    if "by " in body:
        body = TRANSLATOR_SENTENCE.sub("", body)
    draft = Draft()
    parts = segment_body(body, draft, web_page=bool(web.urls))
    _walk(parts, draft)
    finish(draft)
    apa_host_or_publisher(draft, web)
    split_site(draft, bool(web.urls))
    item = to_csl(draft, web, tag, label_year, body)
    patent = patent_fields(body)
    return as_patent(item, patent) if patent else item


def _archival(item: dict[str, Any], tag: str | None, text: str) -> dict[str, Any]:
    """An archival item gets its language like any other and a confidence by what it names."""
    item["language"] = tag or detect_language(item.get("title") or text)
    item["_confidence"] = 0.9 if item.get("archive") else 0.6
    return item
