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

from .chars import YEAR_RE, is_cyrillic
from .csltype import Evidence, infer_type
from .draft import Draft
from .language import detect_language, romanized_language
from .locators import CONTAINER_WORDS, PUBLISHER_WORDS, Locators
from .names import is_organization, parse_name_list
from .patterns import EDITOR_PHRASE, GENITIVE_EDITOR
from .web import WebParts, parse_date

MAX_FIELD = {"volume": 64, "issue": 64, "page": 64, "number-of-pages": 32, "publisher-place": 255}


EDITION_PAREN = re.compile(r"\s?\((\d+(?:st|nd|rd|th|-?е|-?ге)\s?(?:ed|edn|изд)\.?|[Rr]ev\.\s?ed\.?)\)")
THESIS_TAIL = re.compile(
    r"\s?:\s?(?=(?:(?:PhD|Ph\.\s?D\.|доктор\w*|магистр\w*)\s(?:\.\.\.\s|…\s)?)?"
    r"(?:дис+|автореф|дисерт|диссерт|dis+|avtoref|thesis|dissertation)(?:\b|\.))",
    re.IGNORECASE,
)
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
    draft.container = draft.title[cut:]
    draft.title = draft.title[:cut]


SITE_WORDS = re.compile(
    r"\b(?:[Сс]айт\w*|[Ss]ite|[Ww]ebsite|[Пп]ортал\w*|[Pp]ortal|[Вв]еб-сайт\w*|[Іі]нтернет-\w+|[Ii]nternet\sportal)\b|"
    r"\w\.(?:kz|ru|com|org|net|ua|bg|uz|kg|gov|info)\b"
)


def split_site(draft: Draft, has_url: bool) -> None:
    """`Title. Official site of the President. URL: ...`: the last sentence names the website (the host).

    Only when that sentence calls itself a site or portal or is a domain name: otherwise a web page's
    title may well have several sentences.
    """
    if not has_url or draft.container or draft.host or len(draft.title) < 2:
        return
    if SITE_WORDS.search(draft.title[-1]) and not SITE_WORDS.search(draft.title[0]):
        draft.container.append(draft.title.pop())


def _publisher_sentence(draft: Draft) -> bool:
    """Author-year books end `Title. Publisher.`: a short capitalized last sentence is the publisher."""
    last = draft.title[-1]
    words = last.split()
    named = PUBLISHER_WORDS.search(last) is not None and not CONTAINER_WORDS.search(last)
    if draft.loc.journal_like or draft.imprint.publisher or not draft.year or len(words) > (7 if named else 5):
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
    """Assign bare numbers by position: `Journal, 38, 19-40` is volume 38, pages 19-40."""
    bare = [b for b in loc.bare if len(b) <= 6]
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
        resp = RESPONSIBILITY.search(text)
        if not resp:
            continue
        draft.container[index] = text[: resp.start()]
        for piece in text[resp.end() :].split(";"):
            match = EDITOR_PHRASE.match(piece.strip())
            if match:
                genitive = bool(GENITIVE_EDITOR.match(piece.strip()))
                draft.editors.extend(parse_name_list(piece.strip()[match.end() :], genitive=genitive))
        break


EDITOR_INSIDE = re.compile(r"\s(?=(?:под|за)\s(?:общ(?:ей)?\.?\s|науч(?:ной)?\.?\s|заг\.\s)?ред(?:акцией|\.))")


def _responsibility_piece(draft: Draft, piece: str) -> None:
    """One `;`-piece after ` / `: authors, editors (also after `пер. с англ.`) or a corporate author."""
    inside = EDITOR_INSIDE.search(piece)
    if inside and not EDITOR_PHRASE.match(piece):
        piece = piece[inside.end() :]
    match = EDITOR_PHRASE.match(piece)
    if match:
        genitive = bool(GENITIVE_EDITOR.match(piece))
        draft.editors.extend(parse_name_list(piece[match.end() :], genitive=genitive))
        return
    names = parse_name_list(piece)
    if len(names) > len(draft.authors):
        draft.authors = names
    elif not names and not draft.authors and is_organization(piece.strip(" ."), sentence_case=True):
        draft.authors = [{"literal": piece.strip(" .")}]


def _title_and_responsibility(draft: Draft) -> None:
    """GOST `Title / Authors ; ed. by` and `Title : дис. ...` inside the title area."""
    _container_responsibility(draft)
    if not draft.title:
        return
    first = draft.title[0]
    thesis = THESIS_TAIL.search(first)
    if thesis:
        draft.genre = draft.genre or first[thesis.end() :]
        first = first[: thesis.start()]
    first = first.split(" = ", 1)[0]
    resp = RESPONSIBILITY.search(first)
    if resp:
        statement = first[resp.end() :]
        first = first[: resp.start()]
        for piece in statement.split(";"):
            _responsibility_piece(draft, piece.strip())
    edition = EDITION_PAREN.search(first)
    if edition:
        draft.edition = draft.edition or edition.group(1)
        first = first[: edition.start()] + first[edition.end() :]
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
    r"листопада|грудня)\s(?:1[5-9]|20)\d\d|\b(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s\d{1,2},\s(?:1[5-9]|20)\d\d|\b\d{1,2}\s(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December)\s(?:1[5-9]|20)\d\d|"
    r"\b(?:1[5-9]|20)\d\d\sжылғы\s\d{1,2}\s(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|"
    r"қараша|желтоқсан)\w*"
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


def finish(draft: Draft) -> None:
    """Decisions that need every segment seen, in dependency order."""
    _title_and_responsibility(draft)
    _edited_host(draft)
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
    return item
