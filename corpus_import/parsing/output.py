"""Finishing a parse: title/host decisions that need the whole reference, then the CSL item.

Some decisions can only be made once every segment has been seen: whether
the sentences after the title are its host (journal-shaped numbers follow)
or part of it (a book), how bare numbers map to volume/issue/pages, the
responsibility statement inside a GOST title, the type, the language, and
how sure the parse is.
"""

from __future__ import annotations

import re
from typing import Any

from .chars import UP, YEAR_RE, is_cyrillic
from .classify import EVENT_DATE
from .csltype import NEWSPAPER, PREPRINT, REPORT, Evidence, infer_type
from .draft import Draft
from .language import detect_language, romanized_language, uzbek_with_host
from .locators import CONTAINER_WORDS, PUBLISHER_WORDS, Locators, is_known_place
from .names import is_organization, parse_name_list
from .patterns import COMPILER_PHRASE, EDITOR_PHRASE, GENITIVE_EDITOR
from .web import WebParts, parse_date

MAX_FIELD = {"volume": 64, "issue": 64, "page": 64, "number-of-pages": 32, "publisher-place": 255}


EDITION_PAREN = re.compile(r"\s?\((\d+(?:st|nd|rd|th|-?е|-?ге)\s?(?:ed|edn|изд)\.?|[Rr]ev\.\s?ed\.?)\)")
# IEEE and Vancouver print the edition after the title and a comma: `Digital Communications, 5th ed.`;
# Nature after a space: `Reinforcement Learning: An Introduction 2nd edn (MIT Press, 2018)`.
EDITION_TRAIL = re.compile(
    r"(?:,\s|\s(?=\d+(?:st|nd|rd|th)\s(?:ed|edn)\.?$))((?:\d+(?:st|nd|rd|th)|[Rr]ev(?:ised)?\.?|[Ss]econd|[Tt]hird|[Nn]ew)\s(?:ed|edn|edition)\.?)$"
)
TRANSLATOR_NOTE = re.compile(
    r"\s?\([^()]{2,80}?,\s?(?:Trans|trans|Transl|transl)\.(?:;\s?(?P<edition>[^()]{2,40}?\b(?:ed|edn)\.?))?\)$"
)
THESIS_TAIL = re.compile(
    r"\s?:\s?(?=(?:(?:PhD|Ph\.\s?D\.|доктор\w*|магистр\w*)\s(?:\.\.\.\s|…\s)?)?"
    r"(?:дис+|автореф|дисерт|диссерт|dis+|avtoref|thesis|dissertation)(?:\b|\.)|диссертаци[яи]\sна\sсоискание|"
    # the full GOST 7.0.100 and RSCI forms: `: автореферат диссертации на ...`, `: Abstract of Cand. Sci. ... Diss.`
    r"(?:автореферат|avtoreferat)\s(?:диссертации|дисертації|dissertatsii)\b|"
    r"(?:extended\s)?abstract\sof\s(?:the\s)?(?:cand|dr|doct|candidate|doctoral|ph\.?\s?d)\w*\.?\s)|"
    # Kazakh, Russian and Uzbek statements that end in the genre: `: PhD докторлық диссертация`,
    # `: siyosiy fanlar doktori (DSc) dissertatsiyasi`
    r"\s?:\s?(?=[^:]{0,80}\s(?:диссертация|диссертациясы|дисертація|dissertatsiyasi|dissertatsiya)\.?$)",
    re.IGNORECASE,
)
# `/ авт. кол.: Б. К. Султанов, М. Т. Лаумулин`: the collective's members are the authors.
AUTHOR_COLLECTIVE = re.compile(
    r"^(?:[Аа]вт\.\s?кол\.|[Аа]вторский\sколлектив|[Аа]вт\.\s?колектив|[Аа]вторський\sколектив|"
    r"[Аа]вторлар\sұжымы)\s?:?\s?"
)
ACRONYM = re.compile(rf"[{UP}]{{2,8}}(?:\s[{UP}]{{2,8}})?")
RESPONSIBILITY = re.compile(r"\s/\s?|\s?/\s")


def _split_title(draft: Draft) -> None:
    """Journal-shaped references without `//`: the first sentence(s) are the title, the rest the journal."""
    if draft.container or draft.host or len(draft.title) < 2:
        return
    if _publisher_sentence(draft):
        return
    loc = draft.loc
    if not (loc.volume or loc.issue or loc.page or loc.bare) or draft.imprint.publisher or loc.count:
        return
    cut = 1
    for k in range(2, len(draft.title)):
        if CONTAINER_WORDS.search(draft.title[k]) and not CONTAINER_WORDS.search(draft.title[1]):
            cut = k
            break
    if cut == 1 and _sentence_case_run(draft.title):
        cut = len(draft.title) - 1
    if _report_series(draft, draft.title[cut:]):
        draft.title = draft.title[:cut]
        return
    draft.container = draft.title[cut:]
    draft.title = draft.title[:cut]


REPORT_NUMBER_PIECE = re.compile(
    r"^(?:[A-Z][\w-]*\s){0,4}(?:Report|Paper|Publication|Brief)\s(?:No\.?|Number|#)\s?[A-Z\d][\w/.-]*$"
)


def _report_number_piece(draft: Draft) -> None:
    """`Title. Country Economic Memorandum. Report No. 122222-KZ. Washington, DC: World Bank` and AMA
    `Title. Report No. PEP20-07-01-001. Agency; 2020`: the report's number ends the title area.

    Why: an alphanumeric report number is no journal issue, so nothing else cuts it from the title; a short
    title-case series just before it (`Country Economic Memorandum`) is the report's genre, and AMA prints
    the publishing agency right after it.
    """
    if draft.container or draft.host or len(draft.title) < 2:
        return
    found = [k for k, piece in enumerate(draft.title) if k and REPORT_NUMBER_PIECE.match(piece)]
    if not found:
        return
    k = found[0]
    after = draft.title[k + 1 :]
    start = k - 1 if k > 1 and _series_name(draft.title[k - 1]) else k
    draft.genre = draft.genre or join_sentences(draft.title[start : k + 1])
    if len(after) == 1 and not draft.imprint.publisher and not draft.imprint.place:
        draft.imprint.publisher = after[0]
    draft.title = draft.title[:start]


def _series_name(piece: str) -> bool:
    """A short series name in title case without a subtitle (`Country Economic Memorandum`)."""
    words = piece.split()
    return 2 <= len(words) <= 4 and ":" not in piece and _capitalised_share(piece) >= 0.99


DATABASE_SENTENCE = re.compile(r"^(?:Retrieved|Available|Obtainable)\sfrom\s.{2,80}?\b(?:[Dd]atabase|repository)$")


def _database_sentence(draft: Draft) -> None:
    """APA 6 `Title (Doctoral dissertation). Retrieved from ProQuest Dissertations and Theses database.`:
    the database a copy was retrieved from (no URL printed) is an archive note, not part of the title."""
    if len(draft.title) > 1 and DATABASE_SENTENCE.match(draft.title[-1]):
        draft.title.pop()


def _report_number(draft: Draft) -> None:
    """`Title. IMF Country Report No. 22/13. Washington, DC: IMF`: a numbered report series after the title
    of a published report; the number is the report's, not a journal issue."""
    if draft.container or draft.host or len(draft.title) < 2 or draft.loc.volume or draft.loc.page:
        return
    if not draft.loc.issue or not (draft.imprint.publisher or draft.imprint.place):
        return
    if _report_series(draft, draft.title[-1:]):
        draft.title.pop()


def _report_series(draft: Draft, pieces: list[str]) -> bool:
    """`Central Asia: Water and Conflict. Asia Report No. 34`: a numbered report series, not a journal.

    The series names the genre (a report) and its number is not a journal issue.
    """
    series = join_sentences(pieces)
    if not REPORT.search(series) or draft.loc.volume or draft.loc.page or len(series.split()) > 6:
        return False
    draft.genre = draft.genre or series
    draft.loc.issue, draft.loc.bare = "", []
    return True


def _sentence_case_run(pieces: list[str]) -> bool:
    """`How ideas spread: Whose norms matter? Norm localization and ... regionalism. International Organization`.

    Why: APA and Harvard print English titles in sentence case and journal names in title case, so
    sentence-case pieces between the first and a title-case last one continue the title (after a `?`
    or a full stop inside it), they do not begin the journal.
    """
    if len(pieces) < 3 or not pieces[-1].isascii():
        return False
    return _capitalised_share(pieces[-1]) >= 0.99 and all(_capitalised_share(p) < 0.5 for p in pieces[1:-1])


def _capitalised_share(text: str) -> float:
    """Share of the content words (four letters or more) that begin with a capital."""
    words = [w for w in re.findall(r"[A-Za-z][a-z'’-]*|[A-Z]+", text) if len(w) > 3 or w.isupper()]
    if len(words) < 2:
        return 1.0 if words and words[0][:1].isupper() else 0.0
    return sum(w[:1].isupper() for w in words) / len(words)


SITE_WORDS = re.compile(
    r"\b(?:[Сс]айт\w*|[Ss]ite|[Ww]ebsite|[Пп]ортал\w*|[Pp]ortal|[Вв]еб-сайт\w*|[Іі]нтернет-\w+|[Ii]nternet\sportal)\b|"
    r"\w\.(?:kz|ru|com|org|net|ua|bg|uz|kg|gov|info)\b"
)


# DOIs of journal articles: Elsevier `10.1016/j.`, Springer `10.1007/s11`, an ISSN (`10.1080/10758216.2017.…`,
# `10.1177/0022002719…`), or a year between dots; a book's DOI carries its ISBN (`10.1007/978-3-…`).
ARTICLE_DOI = re.compile(r"^10\.\d{4,9}/(?!978)(?:j\.|s\d|\d{7}[\dXx]|\d{4}-\d{3}[\dXx]|.*\.(?:19|20)\d\d\.)")


def apa_host_or_publisher(draft: Draft, web: WebParts) -> None:
    """APA prints a book's publisher and an unnumbered article's journal in the same place, after the title.

    `Title [Words and meanings]. ROSSPEN.` (no numbers, no link) names a publisher; `Title. Problems of
    Post-Communism. https://doi.org/10.1080/10758216.2017.1345313` (an article DOI, no publisher word) and
    `Title. Journal of Democracy.` a journal.
    Only for author-year references (the year after the names) without a host marker or a date of day.
    """
    if draft.year is None or draft.host or draft.dated or draft.quoted_title:
        return
    if draft.loc.issue or draft.loc.page or draft.imprint.place or (draft.loc.volume and not draft.paren_volume):
        return
    if draft.paren_volume and not draft.container and len(draft.leftovers) == 1:
        draft.container = draft.leftovers  # `Title (Vol. 2). Publisher.`: the sentence after the volume
        draft.leftovers = []
    if len(draft.container) == 1 and not draft.imprint.publisher and not (web.urls or web.doi):
        if _publisher_name(draft.container[0]):
            draft.imprint.publisher = draft.container.pop()
    elif not draft.container and _journal_name(draft.imprint.publisher, web.doi):
        draft.container.append(draft.imprint.publisher)
        draft.imprint.publisher = ""


def _publisher_name(name: str) -> bool:
    """A short name that calls itself neither a journal nor a preprint server."""
    if len(name.split()) > 5 or PREPRINT.match(name):
        return False
    return not CONTAINER_WORDS.search(name) and not JOURNAL_WORD.search(name)


def _journal_name(name: str, doi: str) -> bool:
    """A name with no publishing word (`Press`, `Springer`, `Institute`) is the journal when it calls itself one
    (`Journal of Democracy`) or the DOI is an article's."""
    if not name or PUBLISHER_WORDS.search(name):
        return False
    return bool(ARTICLE_DOI.match(doi) or JOURNAL_WORD.search(name))


JOURNAL_WORD = re.compile(r"\b(?:Journal|Review|Studies|Survey|Affairs|Quarterly|Bulletin)\b", re.IGNORECASE)


def split_site(draft: Draft, has_url: bool) -> None:
    """`Title. Official site of the President. URL: ...`: the last sentence names the website (the host).

    Only when that sentence calls itself a site or portal, is a domain name, or is a short title-case
    name in a Latin reference (`BBC News`): otherwise a web page's title may well have several sentences.
    A lone publisher or unknown place read from the imprint is the site too (`_site_from_imprint`).
    """
    _find_site(draft, has_url)
    if has_url and draft.quoted_title and len(draft.container) == 1 and not draft.imprint.publisher:
        _site_and_publisher(draft)


def _find_site(draft: Draft, has_url: bool) -> None:
    """The site hosting a web reference, from its last title sentence or its lone imprint name."""
    if not has_url or draft.container or draft.host:
        return
    if _site_from_imprint(draft) or len(draft.title) < 2:
        return
    last = draft.title[-1]
    named = SITE_WORDS.search(last) is not None and not SITE_WORDS.search(draft.title[0])
    if named or (_site_name(last) and not draft.imprint.publisher and not draft.loc.count):
        if not named and _publishing_body(last):
            draft.imprint.publisher = draft.title.pop()
        else:
            draft.container.append(draft.title.pop())


def _site_and_publisher(draft: Draft) -> None:
    """MLA `"Title." The World Factbook, Central Intelligence Agency, 15 Mar. 2023, URL`: site, then the body
    that publishes it (a publisher's word or an organization's name, never a journal's)."""
    pieces = [p.strip() for p in draft.container[0].split(", ")]
    if len(pieces) == 2 and _publishing_body(pieces[1]) and not CONTAINER_WORDS.search(pieces[1]):
        draft.container[0], draft.imprint.publisher = pieces[0], pieces[1]


def _publishing_body(name: str) -> bool:
    """A publisher or an organization that issues reports, not a site or newspaper (`The Diplomat`)."""
    body = PUBLISHER_WORDS.search(name) is not None or is_organization(name)
    return body and not NEWSPAPER.search(name)


def _site_from_imprint(draft: Draft) -> bool:
    """`Title. The Diplomat. Available at: URL`, `Title. Eurasianet, 19 March 2019. URL`: a lone name that was
    read as the publisher (or an unknown place) of a web reference is the site or periodical hosting it.

    A book or report put online keeps its publisher: a place beside it, a page count, an edition, a
    publisher's word (`Press`, `University`) or a body's name (`Carnegie Endowment for International Peace`)
    says so, unless the item is dated to the day or the name is a newspaper's.
    """
    imprint, loc = draft.imprint, draft.loc
    if loc.count or loc.volume or loc.issue or loc.page or draft.edition or (imprint.place and imprint.publisher):
        return False
    if REPORT.search(draft.genre):
        return False  # a numbered report put online (`Report No. PEP20-07-01-001`) keeps its publishing agency
    dated = bool(loc.day_month or draft.dated)  # books are not dated to the day
    if imprint.publisher and (dated or not _publishing_body(imprint.publisher)):
        draft.container.append(imprint.publisher)
        imprint.publisher = ""
        return True
    if imprint.place and not imprint.publisher and not is_known_place(imprint.place) and " " in imprint.place:
        draft.container.append(imprint.place)
        imprint.place = ""
        return True
    return False


def _site_name(text: str) -> bool:
    """`BBC News`, `Worldometer`, `Carnegie Endowment for International Peace`: a short title-case name."""
    words = text.split()
    if not text.isascii() or not 1 <= len(words) <= 6 or any(c.isdigit() for c in text) or text.endswith("?"):
        return False
    return all(w[:1].isupper() or w in ("for", "of", "and", "the", "on", "&") for w in words)


def _publisher_sentence(draft: Draft) -> bool:
    """Author-year books end `Title. Publisher.`: a short capitalized last sentence is the publisher."""
    last = draft.title[-1]
    words = last.split()
    named = PUBLISHER_WORDS.search(last) is not None and not CONTAINER_WORDS.search(last)
    longest = 10 if named and is_organization(last) else 7 if named else 5
    if draft.loc.journal_like or draft.imprint.publisher or not draft.year or len(words) > longest:
        return False
    if draft.dated:
        draft.container.append(draft.title.pop())
        return True
    if not all(w[:1].isupper() or w in ("&", "and", "of", "und", "for", "the", "on", "in") for w in words):
        return False
    draft.imprint.publisher = last.strip(" .")
    draft.title.pop()
    return True


def _resolve_numbers(loc: Locators) -> None:
    """Assign bare numbers by position: `Journal, 38, 19-40` is volume 38, pages 19-40.

    A seven-digit number is kept only after another (Science's article numbers: `Science 347, 1259855`).
    """
    bare = [b for k, b in enumerate(loc.bare) if len(b) <= 6 or (k and len(b) == 7)]
    if not bare:
        return
    if not loc.volume and not loc.issue:
        if len(bare) == 1 and not loc.page:
            if loc.paren_year:
                loc.page = bare[0]
            else:
                loc.volume = bare[0]
        elif len(bare) == 1 or loc.page:
            loc.volume, loc.issue = bare[0], (bare[1] if len(bare) > 1 else "")
        elif len(bare) == 2:
            loc.volume, loc.page = bare
        else:
            loc.volume, loc.issue, loc.page = bare[0], bare[1], bare[2]
    elif not loc.volume:
        loc.volume = bare[0]
    elif not loc.page:
        loc.page = bare[-1]


def _container_responsibility(draft: Draft) -> None:
    """`// Сборник / под ред. В.В. Иванова`: the editors of the host, not part of its title."""
    for index, text in enumerate(draft.container):
        resp = RESPONSIBILITY.search(text) if "/" in text else None
        if not resp:
            continue
        draft.container[index] = _drop_event_paren(text[: resp.start()])
        for piece in text[resp.end() :].split(";"):
            match = EDITOR_PHRASE.match(piece.strip())
            if match:
                genitive = bool(GENITIVE_EDITOR.match(piece.strip()))
                draft.editors.extend(parse_name_list(piece.strip()[match.end() :], genitive=genitive))
        break


TRAILING_EVENT_PAREN = re.compile(r"\s\([^()]{3,80}\)\.?\s*$")


def _drop_event_paren(text: str) -> str:
    """`материалы конф. (Семей, 10 авг. 2020 г.) / отв. ред.`: once the host's responsibility is cut off, the
    event's place and date close its title; they are not part of the container."""
    match = TRAILING_EVENT_PAREN.search(text)
    if not match or not EVENT_DATE.search(match.group(0)):
        return text
    return text[: match.start()].rstrip(" ,.:")


EDITOR_INSIDE = re.compile(r"\s(?=(?:под|за)\s(?:общ(?:ей)?\.?\s|науч(?:ной)?\.?\s|заг\.\s)?ред(?:акцией|\.))")


def _responsibility_piece(draft: Draft, piece: str) -> None:
    """One `;`-piece after ` / `: authors, editors (also after `пер. с англ.`) or a corporate author."""
    if COMPILER_PHRASE.match(piece):
        return
    inside = EDITOR_INSIDE.search(piece)
    if inside and not EDITOR_PHRASE.match(piece):
        piece = piece[inside.end() :]
    match = EDITOR_PHRASE.match(piece)
    if match:
        genitive = bool(GENITIVE_EDITOR.match(piece))
        draft.editors.extend(parse_name_list(piece[match.end() :], genitive=genitive))
        return
    piece = AUTHOR_COLLECTIVE.sub("", piece)
    names = parse_name_list(piece)
    if len(names) > len(draft.authors):
        draft.authors = names
    elif not names and not draft.authors and _corporate(piece.strip(" .")):
        draft.authors = [{"literal": piece.strip(" .")}]


def _corporate(name: str) -> bool:
    """A body's name, or its acronym (`/ ПРООН`, `/ UNDP`, `/ ОБСЕ`), standing as the responsible party."""
    return is_organization(name, sentence_case=True) or ACRONYM.fullmatch(name) is not None


def _title_area_to_slash(draft: Draft) -> None:
    """`Древние тюрки. В 2 кн. Кн. 1 / Л.Н. Гумилев`: every sentence up to the ` / ` is one title area."""
    if "/" in draft.title[0]:
        return
    for k in range(1, len(draft.title)):
        if " / " in draft.title[k]:
            draft.title[: k + 1] = [join_sentences(draft.title[: k + 1])]
            return


def _title_and_responsibility(draft: Draft) -> None:
    """GOST `Title / Authors ; ed. by` and `Title : дис. ...` inside the title area."""
    _container_responsibility(draft)
    if not draft.title:
        return
    _title_area_to_slash(draft)
    first = draft.title[0]
    thesis = THESIS_TAIL.search(first)
    if thesis:
        draft.genre = draft.genre or first[thesis.end() :]
        first = first[: thesis.start()]
    first = first.split(" = ", 1)[0]
    resp = RESPONSIBILITY.search(first) if "/" in first else None
    if resp:
        statement = first[resp.end() :]
        first = first[: resp.start()]
        for piece in statement.split(";"):
            _responsibility_piece(draft, piece.strip())
    note = TRANSLATOR_NOTE.search(first)
    if note:
        draft.edition = draft.edition or (note.group("edition") or "")
        first = first[: note.start()]
    edition = EDITION_PAREN.search(first)
    if edition:
        draft.edition = draft.edition or edition.group(1)
        first = first[: edition.start()] + first[edition.end() :]
    trail = EDITION_TRAIL.search(first.rstrip(" ."))
    if trail:
        draft.edition = draft.edition or trail.group(1)
        first = first[: trail.start()]
    draft.title[0] = first.strip(" .,:;/")


def _language(tag: str | None, draft: Draft, text: str) -> str:
    if tag:
        return tag
    title = " ".join(draft.title) or text
    sample = title if len(title.split()) >= 3 else title + " " + " ".join(draft.container)
    lang = detect_language(sample, context=text)
    if lang == "en" and not is_cyrillic(title):
        romanized = romanized_language(title)
        if romanized:
            return romanized
        host = " ".join([*draft.container, draft.imprint.publisher, draft.imprint.place])
        if uzbek_with_host(title, host):
            return "uz"
        if draft.translated:
            return "ru"
    return lang


def _confidence(item: dict[str, Any], draft: Draft) -> float:
    score = 0.0
    title = item.get("title", "")
    score += 0.3 if 3 <= len(title) <= 300 else 0.1 if title else 0.0
    score += 0.2 if item.get("author") or item.get("editor") or item["type"] in ("webpage", "legislation") else 0.0
    score += 0.15 if item.get("issued") or item.get("accessed") else 0.0
    hosts = ("container-title", "publisher", "publisher-place", "URL", "number-of-pages")
    score += 0.15 if any(item.get(k) for k in hosts) else 0.0
    score += 0.1 if item["type"] != "document" else 0.0
    score += 0.1 if not draft.leftovers else 0.0
    return round(max(0.0, min(1.0, score)), 2)


TITLE_DATE = re.compile(
    r"\b\d{1,2}\.\d{1,2}\.(?:1[5-9]|20)\d\d\b|\b\d{1,2}\s(?:января|февраля|марта|апреля|мая|июня|июля|августа|"
    r"сентября|октября|ноября|декабря|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|"
    r"листопада|грудня|yanvarya|fevralya|marta|aprelya|maya|iyunya|iyulya|avgusta|sentyabrya|oktyabrya|noyabrya|"
    r"dekabrya)\s(?:1[5-9]|20)\d\d|\b(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s\d{1,2},\s(?:1[5-9]|20)\d\d|\b\d{1,2}\s(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December)\s(?:1[5-9]|20)\d\d|"
    r"\b(?:1[5-9]|20)\d\d\sжылғы\s\d{1,2}\s(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|"
    r"қараша|желтоқсан)\w*|"
    # Uzbek `2022-yil 28-yanvardagi`, `2019 йил 5 мартдаги`; Kyrgyz `2021-жылдын 5-майындагы`
    r"\b(?:1[5-9]|20)\d\d[-\s](?:yil|йил|жылдын|жылы)\s\d{1,2}[-\s][^\W\d_]{3,}"
)
DATED_KINDS = ("legislation", "webpage", "document", "article-newspaper")


def _edited_host(draft: Draft) -> None:
    """`Chapter. Book. Edited by K. Brown. London: Routledge, 2015. P. 45-67`: the sentence the editors
    follow is the book, when the reference has pages (a whole edited book has none)."""
    if draft.container or draft.host or draft.editors_after < 2 or not draft.loc.page:
        return
    draft.container = draft.title[1 : draft.editors_after]
    draft.title = draft.title[:1] + draft.title[draft.editors_after :]
    draft.host = True


def _preprint_server(draft: Draft) -> None:
    """`Title. arXiv preprint arXiv:1810.04805`: the server's sentence after the title is the host, not title."""
    if draft.container or draft.host or not draft.title:
        return
    if len(draft.title) > 1 and PREPRINT.match(draft.title[-1]):
        draft.container.append(draft.title.pop())
        return
    head, stop, tail = draft.title[-1].rpartition(". ")
    if stop and head and PREPRINT.match(tail):
        draft.title[-1] = head
        draft.container.append(tail)


def finish(draft: Draft) -> None:
    """Decisions that need every segment seen, in dependency order."""
    _title_and_responsibility(draft)
    _preprint_server(draft)
    _edited_host(draft)
    _database_sentence(draft)
    _report_number(draft)
    _report_number_piece(draft)
    _split_title(draft)
    _resolve_numbers(draft.loc)


def _issued(kind: str, draft: Draft, title: str, year: int) -> list[int]:
    """Date parts at the precision printed: laws, newspapers and dated documents carry a full date."""
    candidates: list[str] = []
    if draft.full_date:
        candidates.append(draft.full_date)
    if kind in DATED_KINDS:
        if draft.loc.day_month:
            candidates.append(f"{draft.loc.day_month} {year}")
        if draft.loc.full_date:
            candidates.append(draft.loc.full_date)
        candidates.extend(m.group(0) for m in TITLE_DATE.finditer(title))
    for raw in candidates:
        parts = parse_date(raw)
        if (parts and parts[0] == year) or (parts and kind == "legislation"):
            return parts
    return [year]


def _title_year(kind: str, title: str) -> int | None:
    """`Declaration ... of July 6, 2005`: a dated document's own date is its year of issue."""
    match = TITLE_DATE.search(title) if kind in ("legislation", "webpage", "document") else None
    parts = parse_date(match.group(0)) if match else []
    return parts[0] if parts else None


def _fallback_year(body: str, title: str) -> int | None:
    """A year printed somewhere outside the title (`Princeton University Press 1988`)."""
    rest = body.replace(title, " ", 1) if title else body
    match = YEAR_RE.search(rest)
    return int(match.group(0)) if match else None


def join_sentences(pieces: list[str]) -> str:
    """Rejoin segments cut at full stops: `A. B`, but `Why? B` keeps its own mark."""
    out = ""
    for piece in pieces:
        piece = piece.strip(" ,:;")
        piece = piece[:-1] if piece.endswith(".") and not re.search(r"(?:^|[\s.])\w{1,3}\.$", piece) else piece
        if not piece:
            continue
        out = piece if not out else out + (" " if out[-1] in ".?!" else ". ") + piece
    return out


def to_csl(draft: Draft, web: WebParts, tag: str | None, label_year: int | None, body: str) -> dict[str, Any]:
    loc = draft.loc
    container = join_sentences(draft.container)
    title = join_sentences(draft.title).strip(" /")
    evidence = Evidence(
        title=title,
        container=container,
        genre=draft.genre,
        host=draft.host,
        volume_or_issue=bool(loc.volume or loc.issue),
        volume=bool(loc.volume),
        day_month=bool(loc.day_month),
        collection=bool(draft.collection),
        pages=bool(loc.page),
        count=bool(loc.count),
        imprint=bool(draft.imprint.place or draft.imprint.publisher),
        url=bool(web.urls),
        editors=bool(draft.editors),
        edition=bool(draft.edition),
        all_text=body,
    )
    item: dict[str, Any] = {"type": infer_type(evidence)}
    year = draft.year or loc.year or _fallback_year(body, title) or _title_year(item["type"], title)
    values: dict[str, Any] = {
        "author": draft.authors,
        "editor": draft.editors,
        "title": title,
        "translated-title": draft.translated,
        "container-title": container,
        "collection-title": draft.collection,
        "issued": {"date-parts": [_issued(item["type"], draft, title, year)]} if year else None,
        "volume": loc.volume,
        "issue": loc.issue,
        "page": loc.page,
        "number-of-pages": loc.count,
        "edition": draft.edition,
        "genre": draft.genre,
        "publisher": draft.imprint.publisher,
        "publisher-place": draft.imprint.place,
        "URL": web.urls[0] if web.urls else "",
        "accessed": {"date-parts": [web.accessed]} if web.accessed else None,
        "DOI": web.doi,
        "ISBN": web.isbn,
    }
    for key, value in values.items():
        if value:
            item[key] = value[: MAX_FIELD[key]] if key in MAX_FIELD else value
    item["language"] = _language(tag, draft, body)
    if label_year:
        item["_label_year"] = label_year
    item["_confidence"] = _confidence(item, draft)
    if item["type"] == "document":
        # No evidence for any type: a titled work standing alone is most often a book whose publisher went
        # unrecognised (`Title. U of California P, 2007`); the low confidence already says the parse is unsure.
        item["type"] = "book"
    return item
