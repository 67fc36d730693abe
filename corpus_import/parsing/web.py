"""Web resources: URL, DOI, ISBN, access date and the words around them.

They are read before anything else and cut out of the text, because a URL
is full of dots, slashes and digits that the area and locator patterns would
otherwise misread as separators, pages or years.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .gates import gated

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12, "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7,
    "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12, "січ": 1, "лют": 2, "бер": 3, "кві": 4, "тра": 5,
    "чер": 6, "лип": 7, "сер": 8, "вер": 9, "жов": 10, "лис": 11, "гру": 12, "яну": 1, "юни": 6, "юли": 7,
    "апр.": 4, "қаң": 1, "ақп": 2, "нау": 3, "сәу": 4, "мам": 5, "мау": 6, "шіл": 7, "там": 8, "қыр": 9,
    "қаз": 10, "қар": 11, "жел": 12, "yan": 1, "fev": 2, "avg": 8, "sen": 9, "okt": 10, "noy": 11, "dek": 12,
}  # fmt: skip
# Romanized Russian months whose first three letters are shared (`iyunya`, `iyulya`) or read as English.
MONTHS4 = {"iyun": 6, "iyul": 7, "mart": 3, "apre": 4, "maya": 5, "sent": 9}

URL = re.compile(r"(?:(?:https?|ftp)://|www\.)[^\s<>\"«»]+", re.IGNORECASE)
URL_CONTINUATION = re.compile(r"[\w\-./?=&%#~:;+@!$,*']+")
URL_JOINERS = "-_/=.?&%~"
DOI_BODY = r"10\.\d{4,9}/[^\s\"<>«»\[\]]+"
DOI = re.compile(
    rf"(?:https?://)?(?:dx\.)?doi\.org/({DOI_BODY})|(?:\bdoi\s*:?\s*)?(?<![\w/.=-])({DOI_BODY})",
    re.IGNORECASE,
)
ISBN = re.compile(r"\bISBN(?:[- ]?1[03])?\s*:?\s*((?:97[89][\s-]?)?\d[\d\s-]{7,14}[\dXx])\b")
ISSN = re.compile(r"\bISSN\s*:?\s*\d{4}-?\d{3}[\dXx]\b\.?")
DATE_NUMERIC = r"\d{1,2}\s?[./-]\s?\d{1,2}\s?[./-]\s?\d{2,4}|\d{4}-\d{1,2}-\d{1,2}"
DATE_WORDS = (
    r"\d{1,2}\s+[A-Za-zА-Яа-яЁёІіЇїЄєҚқ]{3,}\.?,?\s+\d{4}|[A-Za-z]{3,}\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{4}\s+[A-Za-z]{3,}\.?\s+\d{1,2}\b"
)
ACCESS_WORDS = (
    r"дата\s+обращения|дата\s+звернення|дата\s+доступа|дата\s+доступу|дата\s+на\s+достъп|дата\s+посещения|"
    r"посетено|посещено|қаралған\s+күні|қаралды|accessed(?:\s+on)?|last\s+accessed|date\s+of\s+access|"
    r"date\s+of\s+treatment|date\s+of\s+appeal|date\s+of\s+application|retrieved(?:\s+on)?|viewed|"
    r"access\s+date|cited|дата\s+звертання|звернення|посетен(?:о)?\s+на|последно\s+посетен(?:о)?(?:\s+на)?|"
    r"жүгінген\s+күні|кірген\s+күні|қаралған\s+уақыты|дата\s+обращения\s+к\s+ресурсу|"
    # romanized twins: `data obrashcheniya`, `data zvernennya`, `qaralghan kuni`
    r"data\s+obrashch?eni(?:ya|ia|ja)|data\s+obrashhenija|data\s+zvernennya|data\s+dostupa|qaral(?:gh|g)?an\s+kuni|"
    # Uzbek `murojaat sanasi` / `мурожаат санаси`, Kyrgyz `кирген күнү` / `каралган күнү`
    r"murojaat\s+(?:sanasi|qilingan\s+sana)|мурожаат\s+(?:санаси|қилинган\s+сана)|(?:кирген|каралган)\s+күнү"
)
LATIN_ACCESS = re.compile(r"[A-Za-z]{4}")
# The lookahead (the first character any match can start with) spares the alternation at most positions.
ACCESSED = gated(
    rf"(?=[(\[\sдпқaldrvcзжкqmм])[(\[]?\s*(?P<words>{ACCESS_WORDS})\s*[:.–-]?\s*(?P<date>{DATE_NUMERIC}|{DATE_WORDS})\s*(?:г\.|р\.|ж\.)?\.?\s*[)\]]?(?:,?\s*from\b)?",
    "дата посет посещ қарал access date retrieved viewed cited звернення жүгінген кірген data qaral murojaat "
    "мурожаат күнү",
    re.IGNORECASE,
)
ELECTRONIC = re.compile(
    r"\s*\[\s*(?:Электронный\s+ресурс|Електронний\s+ресурс|Електронен\s+ресурс|Электрондық\s+ресурс|"
    r"Электронды\s+ресурс|Electronic\s+resource|Electronic\s+source|Online|Internet|Web|Текст|Text|"
    r"Электронный\s+документ|Видеозапись|Digital|Elektronn(?:yi|yy|yj|iy|ii|ij)\s+resurs|Elektrondyq\s+resurs|"
    r"Elektronnyi\s+dokument)\s*\]\.?",
    re.IGNORECASE,
)
# The lookaheads of URL_LEADS and CONTENT_AREA list every character a match can begin with: `re` then drops
# most positions after one class test instead of trying each alternative there (the patterns may begin with
# optional punctuation or spaces, so `re` cannot skip ahead by itself); a match is found where it was before.
URL_LEADS = gated(
    r"(?=[UARРҚКДOSИLWС/–])(?:(?:\b(?:URL|Available(?:\s+(?:at|from|online))?|Retrieved\s+from|Режим\s+доступа|Режим\s+доступу|Access\s+mode|"
    r"Қол\s+жеткізу\s+режимі|Кіру\s+режимі|"
    r"Достъпно\s+на|(?:Online|Source|Источник|Link|Web|Access|Доступно|Сайт|Site|Website)\s*:)\s*:?\s*)+$|/\s*$|–\s*$)",
    "url available retrieved режим режимі access достъпно online source источник link web доступно сайт site",
    re.IGNORECASE,
)
CONTENT_AREA = gated(
    r"(?=[.–,\sТМИЭРEсЗTСБ\d])(?:[.–]?\s*(?:Текст|Мәтін|Изображение|Электронная\s+копия)\s*:\s*(?:электронный|непосредственный|електронний|"
    r"безпосередній|электрондық|тікелей|электронное|непосредственное)\.?|"
    r"[.–]?\s*Режим\s+доступа\s*:\s*(?:для|по)\s+[^.–]{3,60}\.?|"
    r"[.–]?\s*\bEDN\s*:?\s*[A-Z]{6}\b\.?|,?\s*свободный\.?|[.–]?\s*Загл\.\s*с\s*экрана\.?|"
    r"[.–]?\s*Title\s+from\s+(?:the\s+)?screen\.?|[.–]?\s*Электрон\.\s*дан\.?|"
    r"[.–]?\s*Систем\.\s*требования\s*:[^.–]{0,80}\.?|[.–]?\s*Библиогр(?:\.|афия\b)\s*(?::|в\s).{0,80}?(?=\s–\s|$)|[.–]?\s*\d+\s*экз\.)",
    "текст мәтін изображение электрон режим edn свободный загл title систем библиогр экз",
    re.IGNORECASE,
)
EMPTY_PARENS = re.compile(r"\(\s*[.,;]?\s*\)|\[\s*[.,;]?\s*\]")


@dataclass
class WebParts:
    """What the web stage took out of the text."""

    urls: list[str] = field(default_factory=list)
    doi: str = ""
    isbn: str = ""
    accessed: list[int] = field(default_factory=list)
    electronic: bool = False


def lead_possible(text: str) -> bool:
    """Could `URL_LEADS` match? Its words are gated; its `/` and `–` alternatives end the text."""
    return text.rstrip().endswith(("/", "–")) or URL_LEADS.possible(text)


def strip_leads(text: str) -> str:
    """Drop `URL:`, `Available at:`, ` / `, ` – ` left dangling before a cut-out URL."""
    for _ in range(4):
        trimmed = text.rstrip(" .,;:")
        stripped = URL_LEADS.pattern.sub("", trimmed) if lead_possible(trimmed) else trimmed
        if stripped == text:
            break
        text = stripped
    return text


def _trim_url(url: str) -> str:
    """No trailing punctuation, no unbalanced closing bracket."""
    for _ in range(6):
        before = url
        url = url.rstrip(".,;:'\"»")
        for opener, closer in (("(", ")"), ("[", "]"), ("<", ">")):
            if url.endswith(closer) and url.count(closer) > url.count(opener):
                url = url[:-1]
        if url == before:
            break
    return url


def _continues(url: str, text: str, pos: int) -> int:
    """End of a URL piece separated by a space from `url` (PDF line break), else `pos`."""
    if not url or url[-1] not in URL_JOINERS or pos >= len(text) or text[pos] != " ":
        return pos
    piece = URL_CONTINUATION.match(text, pos + 1)
    if not piece:
        return pos
    word = piece.group(0)
    if word[0] in "(/" or not word.isascii() or not re.search(r"[-_./=?&%\d]", word):
        return pos
    return piece.end()


def take_urls(text: str, parts: WebParts) -> str:
    """Cut every URL out (repairing those broken by a space)."""
    pieces: list[str] = []
    pos = 0
    for match in URL.finditer(text):
        if match.start() < pos:
            continue
        url, end = match.group(0), match.end()
        for _ in range(4):
            nxt = _continues(url, text, end)
            if nxt == end:
                break
            url, end = url + text[end + 1 : nxt], nxt
        trimmed = _trim_url(url)
        end -= len(url) - len(trimmed)
        parts.urls.append(trimmed)
        pieces.append(strip_leads(text[pos : match.start()]))
        pieces.append(" ")
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _year4(value: int) -> int:
    return value + 2000 if value < 50 else value + 1900 if value < 100 else value


def _month(word: str) -> int | None:
    lowered = word.lower()
    return MONTHS4.get(lowered[:4]) or MONTHS.get(lowered[:3])


def parse_date(raw: str, month_first: bool = False) -> list[int]:
    """`05.03.2023` (day first), `11/27/2020` (month first), `5 March 2023`, `2023-03-05`."""
    nums = [int(n) for n in re.findall(r"\d+", raw)]
    words = re.findall(r"[^\W\d_]{3,}", raw)
    if words and len(nums) == 2:
        month = next((_month(w) for w in words if _month(w)), None)
        day, year = (nums[0], nums[1]) if nums[1] > 31 else (nums[1], nums[0])
        return _valid([year, month, day]) if month else []
    if len(nums) != 3:
        return []
    if nums[0] > 31:
        return _valid([nums[0], nums[1], nums[2]])
    first, second, year = nums[0], nums[1], _year4(nums[2])
    if (month_first and first <= 12) or second > 12:
        first, second = second, first
    return _valid([year, second, first])


def _valid(parts: list[int | None]) -> list[int]:
    try:
        dt.date(*[int(p or 0) for p in parts])
    except (ValueError, TypeError):
        return []
    return [int(p or 0) for p in parts]


def take_accessed(text: str, parts: WebParts) -> str:
    """Cut the access date out; slashes mean month/day/year, dots day.month.year."""
    match = ACCESSED.search(text)
    if not match:
        return text
    raw = match.group("date")
    english = LATIN_ACCESS.search(match.group("words")) is not None
    parts.accessed = parse_date(raw, month_first="/" in raw and english)
    return text[: match.start()] + " " + text[match.end() :]


def take_identifiers(text: str, parts: WebParts) -> str:
    """Cut DOI, ISBN, ISSN and the electronic-resource marker out (each only if its literal mark occurs)."""
    match = DOI.search(text) if "10." in text else None
    if match:
        parts.doi = _trim_url(match.group(1) or match.group(2))
        text = text[: match.start()] + " " + text[match.end() :]
    match = ISBN.search(text) if "ISBN" in text else None
    if match:
        parts.isbn = re.sub(r"\s+", "", match.group(1))
        text = text[: match.start()] + " " + text[match.end() :]
    if "ISSN" in text:
        text = ISSN.sub(" ", text)
    if "[" in text and ELECTRONIC.search(text):
        parts.electronic = True
        text = ELECTRONIC.sub(lambda m: "." if m.group(0).endswith(".") else " ", text).strip()
    return text


def extract_web(text: str) -> tuple[str, WebParts]:
    """The text without its web and identifier parts, and those parts."""
    parts = WebParts()
    if "10." in text or "ISBN" in text or "ISSN" in text or "[" in text:
        text = take_identifiers(text, parts)
    if "://" in text or "www." in text:
        text = take_urls(text, parts)
    text = take_accessed(text, parts)
    text = CONTENT_AREA.sub(" ", text)
    parts.urls = [u for u in parts.urls if not re.search(r"doi\.org/10\.", u, re.IGNORECASE)]
    text = strip_leads(EMPTY_PARENS.sub(" ", text)).rstrip(" .,;:–/")
    while text.endswith((")", "]")) and text.count(text[-1]) > text.count("(" if text[-1] == ")" else "["):
        text = text[:-1].rstrip(" .,;:–/")
    return text, parts
