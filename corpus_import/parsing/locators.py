"""Numbers of a reference: year, volume, issue, pages, page count; and the imprint (place: publisher).

Every style prints the same few numeric designators with different markers
(`Т. 51, № 1. – С. 59–79`, `Vol. 94, No. 6, pp. 1249-1267`, `12(3), 45-67`,
`2019;12(3):45-67`, `43-52 (2022)`, `564 p.`, `46 с.`). A segment is a locator
segment only if these tokens consume all of it, which is what separates
`Т. 51` from a title that happens to contain a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .chars import LO, UP, YEAR
from .lexicon import KNOWN_PLACES

NUM = r"\d+[A-Za-zА-Яа-я]?"
RANGE = rf"{NUM}\s?[-–]\s?{NUM}"
MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Spring|Summer|Fall|Autumn|Winter|"
    r"январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|"
    r"декабр[ья]|янв|февр?|апр|авг|сент?|окт|нояб?|дек|"
    r"қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан|"
    r"січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|"
    r"yanvarya|fevralya|marta|aprelya|maya|iyunya|iyulya|avgusta|sentyabrya|oktyabrya|noyabrya|dekabrya)\.?"
)
MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
TOKEN = re.compile(
    "|".join(
        [
            # an event's days (`Moscow, 10-12 May`, `12–14 June`) are a date, never a page range
            rf"(?P<days>\d{{1,2}}\s?[-–]\s?\d{{1,2}}\s{MONTH_NAMES})(?!\w)",
            rf"(?P<dm>\d{{1,2}}\s{MONTHS})",
            rf"(?P<md>{MONTH_NAMES}\s\d{{1,2}})(?![\d(])",
            rf"(?P<date>\d{{1,2}}\.\d{{1,2}}\.{YEAR})(?![\d.]\d)",
            r"(?P<art>(?:Ст|ст|Art|art|Article|article|Стаття|стаття|Статья|статья)\.?\s?\d+)",
            # Kazakh and Kyrgyz print the volume mark after its number: `– 2-т.`, `3-том`
            r"(?P<kvol>\d{1,3})-(?:т|том)\.?(?=$|[\s,;.)\]])",
            r"(?P<count>\d+)\s?(?:с|c|p|pp|стр|стор|б|бет|bet|b|pages|S|s|л|pgs|P)\.?(?=$|[\s,;.)\]])",
            rf"(?P<year>{YEAR})[a-zа-я]?(?=$|[\s,;:.)\]–/])",
            rf"\(\s?(?P<pyear>{YEAR})[a-zа-я]?\s?\)",
            # romanized GOST twins print the Cyrillic `Т.` as a Latin `T.` (with its full stop only)
            rf"(?:(?:Т|т|Том|том|Vol|vol|VOL|Volume|volume|Vols|V|v|Tom|tom|Bd|Band|Кітап|Т)\.?|T\.)\s?"
            rf"(?P<vol>{NUM}(?:[-–/]\d+)?)",
            rf"(?:№|No|no|NO|Nos|nos|N|Nr|nr|Iss|iss|Issue|issue|Вып|вып|Выпуск|выпуск|Вип|вип|Випуск|випуск|Бр|бр|"
            rf"Брой|брой|Кн|кн|Number|number|Num|num|Heft|Sayı|Шығ|шығ)\.?\s?(?P<iss>{NUM}(?:[-–/]\d+)?)"
            rf"(?:\s?\((?P<issx>\d+)\))?",
            # `B.` is Kazakh and Uzbek Latin `бет` (only with its full stop: `Phys. Rev. B 45` is a series)
            rf"(?:С|с|C|c|P|p|pp|Pp|PP|S|s|Б|б|бб|Бб|Стр|стр|Стор|стор|ss|Pages|pages|Page|page|Бет|бет|B\.|Bet|bet)\.?\s?"
            rf"(?P<pages>{RANGE}|{NUM}|[A-Z]\d{{1,4}}\b)(?:\s?(?:ff|f)\.)?",
            r"(?P<vi_v>\d+)\s?\((?P<vi_i>\d+(?:\s?[-–/]\s?\d+)?)\)",
            r"\((?P<piss>\d{1,3}(?:\s?[-–/]\s?\d{1,3})?)\)",
            # Kyrgyz and Kazakh print the page mark after the range: `34–41-б.`, `12–19 бб.`
            rf"(?P<range>{RANGE})(?:[\s-]?(?:б|бб|бет|с|стр|pp?)\.?(?=$|[\s,;.)\]]))?",
            # electronic locators: `e812-e820`, Science Advances `eaaz1234`, BMJ `2021;372:m4501`
            r"(?P<eloc>(?:e[a-z]{0,4}|(?<=:)[a-z])\d{3,}(?:[-–]e\d{3,})?)(?![\w-])",
            r"(?P<bare>\d+)",
            rf"(?P<skip>{MONTHS}|(?:цв\.\s)?(?:ил|табл|схем|карт|портр|рис|ill|illus|fig|tab)\b\.?|Suppl\.?|Spec\.?\s?iss\.?|Ч\.\s?\d+|\([Чч]\.\s?[IVXLC\d]+\)|Part\s\d+|Pt\.?\s?\d+|"
            r"[IVXLC]{1,6}(?=,\s?\d+\s?[сp])|\[\d+\]|(?:гг?|р|ж|g)\.?(?!\w)|year|жыл|от\b)",
        ]
    )
)
GAP = re.compile(r"[\s,;:.–/]*")
SERIES_BEFORE = re.compile(
    r"(?:Серия|серия|Сер\.|сер\.|Series|series|Ser\.|Seriya|seriya|Seriia|Seria|Серія|Серыя|серыя|Сериясы|сериясы|Section|Секция|"
    r"Part|Часть|No\.|Issue)\s?$"
)


@dataclass
class Locators:
    """Designators read from one segment, in print order for the positional ones."""

    year: int | None = None
    volume: str = ""
    issue: str = ""
    page: str = ""
    count: str = ""
    bare: list[str] = field(default_factory=list)
    paren_year: bool = False
    day_month: str = ""
    full_date: str = ""

    def merge(self, other: Locators) -> None:
        """Fill what is still empty from `other` (first occurrence wins)."""
        self.year = self.year or other.year
        self.paren_year = self.paren_year or other.paren_year
        self.day_month = self.day_month or other.day_month
        self.full_date = self.full_date or other.full_date
        for name in ("volume", "issue", "page", "count"):
            if not getattr(self, name):
                setattr(self, name, getattr(other, name))
        self.bare.extend(other.bare)

    def copy(self) -> Locators:
        """A copy its holder may fill in and merge into without touching this one (the remembered reading)."""
        return Locators(
            self.year,
            self.volume,
            self.issue,
            self.page,
            self.count,
            list(self.bare),
            self.paren_year,
            self.day_month,
            self.full_date,
        )

    @property
    def journal_like(self) -> bool:
        return bool(self.volume or self.issue or self.page or self.bare)


def clean_range(value: str) -> str:
    """`59–79` / `59 - 79` -> `59-79`."""
    return re.sub(r"\s?[-–]\s?", "-", value.strip())


def _apply(loc: Locators, match: re.Match[str]) -> None:
    kind = match.lastgroup
    value = match.group(kind) if kind else ""
    if kind == "date":
        loc.year = loc.year or int(value[-4:])
        loc.full_date = loc.full_date or value
    elif kind in ("year", "pyear"):
        if loc.year is None:
            loc.year = int(value)
            loc.paren_year = kind == "pyear"
        else:
            loc.bare.append(value)
    elif kind in ("vol", "kvol"):
        loc.volume = loc.volume or value
    elif kind in ("iss", "issx"):
        _apply_issue(loc, match.group("iss"), match.group("issx"))
    elif kind == "pages" or kind == "range" or kind == "eloc":
        loc.page = loc.page or clean_range(value)
    elif kind == "count":
        loc.count = loc.count or value
    elif kind in ("vi_v", "vi_i"):
        _apply_volume_issue(loc, match.group("vi_v"), match.group("vi_i"))
    elif kind == "piss":
        loc.issue = loc.issue or clean_range(value)
    elif kind == "bare":
        loc.bare.append(value)


def _apply_volume_issue(loc: Locators, volume: str, issue: str) -> None:
    """`12(3)` is volume and issue; Elsevier's `134 (2019) 110923` puts the year in the parentheses."""
    loc.volume = loc.volume or volume
    if re.fullmatch(YEAR, issue) and loc.year is None:
        loc.year, loc.paren_year = int(issue), True
    else:
        loc.issue = loc.issue or clean_range(issue)


def _apply_issue(loc: Locators, issue: str, extra: str | None) -> None:
    """`№ 2 (97)`: issue 2 (running number 97); `№51(1)`: volume 51, issue 1."""
    if extra and issue.isdigit() and int(extra) < int(issue):
        loc.volume = loc.volume or issue
        loc.issue = loc.issue or extra
    else:
        loc.issue = loc.issue or clean_range(issue)


def read_locators(text: str) -> Locators | None:
    """Locators if the tokens consume the whole text, else None.

    Read once per text and handed out as copies: the parser asks about the same segment three or four
    times over (classifying it, splitting an imprint, trying each tail), and callers change their Locators.
    """
    loc = _read_locators(text)
    return loc.copy() if loc else None


@lru_cache(maxsize=1024)
def _read_locators(text: str) -> Locators | None:
    """`read_locators`, remembered; the Locators returned must not be changed.

    The tokens are read first: most texts are not locators, and need no Locators made for them.
    """
    tokens = []
    pos = GAP.match(text).end()  # type: ignore[union-attr]
    while pos < len(text):
        match = TOKEN.match(text, pos)
        if not match or match.end() == pos:
            return None
        tokens.append(match)
        pos = GAP.match(text, match.end()).end()  # type: ignore[union-attr]
    return locators_of(tokens) if tokens else None


def locators_of(tokens: list[re.Match[str]]) -> Locators | None:
    """The Locators the tokens of a text give, None if they are all skipped words."""
    loc = Locators()
    found = False
    for match in tokens:
        if match.lastgroup in ("dm", "md"):
            loc.day_month = loc.day_month or match.group(match.lastgroup)
            found = True
        elif match.lastgroup == "art":
            found = True
        elif match.lastgroup != "skip":
            _apply(loc, match)
            found = True
    return loc if found else None


HAS_DIGIT = re.compile(r"\d")
YEAR_ONLY_TAIL = re.compile(rf"{YEAR}$")
EVENT_NAME = re.compile(r"Proceedings|Proc\.|Conference|Conf\.|Symposium|Workshop|Congress|Forum|Olympiad|Summit")
NUMBER_IN_PHRASE = re.compile(r"\s(?:at|in|of|on|to|for|after|before|since|until|the|and|в|на|до|после|к|и|у|від|до)$")
DAY_MONTH_END = re.compile(rf"\d{{1,2}}\s{MONTHS}$|{MONTH_NAMES}\s\d{{1,2}}$")
BOUNDARY = re.compile(r",\s|\s(?=[\d(№NnVvTtТтCcСсPpSs])")


def split_trailing(text: str) -> tuple[str, Locators | None]:
    """`Journal, 12(3), 45-67` -> (`Journal`, locators); the longest locator tail wins.

    Remembered like `read_locators` (the same segment is split three times over), and copied out.
    """
    head, tail = _split_trailing(text)
    return head, tail.copy() if tail else None


@lru_cache(maxsize=1024)
def _split_trailing(text: str) -> tuple[str, Locators | None]:
    """`split_trailing`, remembered; the Locators returned must not be changed."""
    if not HAS_DIGIT.search(text):
        return text, None
    for match in BOUNDARY.finditer(text):
        head = text[: match.start()].rstrip(" ,:;")
        if not head or SERIES_BEFORE.search(head) or (match.group(0) == " " and NUMBER_IN_PHRASE.search(head)):
            continue
        if match.group(0) == " " and YEAR_ONLY_TAIL.match(text, match.end()) and EVENT_NAME.search(head):
            continue
        if YEAR_ONLY_TAIL.match(text, match.end()) and DAY_MONTH_END.search(head):
            continue  # `Adopted on 30 August 1995`: the year completes a date
        tail = read_locators(text[match.end() :])
        if tail:
            return head, tail
    return text, None


PLACE_WORD = rf"[{UP}](?:[{UP}]?[{LO}]+(?:[{UP}][{LO}]+)?)?\.?(?:-[{UP}]?[{LO}]+\.?)*"
PLACE = (
    # NLM/Vancouver put the state in parentheses: `Cambridge (MA): Harvard University Press`
    rf"{PLACE_WORD}(?:\s{PLACE_WORD}){{0,2}}(?:,\s?D\.\s?C\.|\sн/Д|\s\([A-Z]{{2}}\))?"
    rf"(?:,\s?(?:[A-Z]{{2,3}}|U\.\s?[KS]\.(?:\s?A\.)?)(?=\s?[:,]|\.?$)"
    rf"|,\s?(?:[A-Z][a-z]{{1,4}}\.|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?=\s?[:,])){{0,2}}"
)
PLACES = rf"{PLACE}(?:\s?;\s?{PLACE})*"
PLACE_PUBLISHER = re.compile(rf"^(?P<place>{PLACES})\s?:\s?(?P<pub>[^:]{{2,}}?)[.,]?$")
PLACE_ONLY = re.compile(rf"^(?P<place>{PLACES})\.?$")
PUBLISHER_WORDS = re.compile(
    r"\b(?:Press|UP\b|U\.\s?P\.|Publish\w*|Publ\b|U\sof\s|Verlag|Books|Wiley|Springer|Elsevier|Routledge|Palgrave|Sage|SAGE|Macmillan|Pearson|"
    r"Blackwell|Francis|Inc|Ltd|GmbH|LLC|Secretariat|Institute|Institution|Centre|Center|Foundation|Academy|"
    r"Council|Office|Bank|Organization|Organisation|Agency|Ministry|University|"
    r"Изд|изд|Издательство|издательство|Наука|Пресс|Просвещение|Юрайт|Питер|Видавництво|видавництво|"
    r"Университет|университет|Баспа|баспа|баспасы|Институт|институт|Мысль|Экономика|Книга|Прогресс|Академия|"
    r"Центр|центр|Фонд|Литература|ИНФРА|Инфра|Логос|Норма|Статут|Дрофа|Вагриус|АСТ|Эксмо|КИСИ|Қазақ|Атамұра|"
    r"Фолиант|Мектеп|Жазушы|Ғылым|Университети|Изток|Запад|Сиела|Просвета)"
)
CONTAINER_WORDS = re.compile(
    r"(?:Journal|Bulletin|Review|Proceedings|Quarterly|Annals|Letters|Transactions|Magazine|Herald|Studies|"
    r"Affairs|Perspectives|Survival|Acta|Revue|Zeitschrift|Vestnik|Izvestiya|Voprosy|Trudy|Zhurnal|Habarshy|"
    r"Хабаршы|Хабаршысы|Жаршысы|Вестник|Вісник|Известия|Вопросы|Журнал|журнал|Труды|Записки|Проблемы|Ученые|"
    r"Науковий|Научный|научный|Сборник|сборник|Материалы|материалы|Списание|списание|Годишник|Известия|"
    r"Conference|conference|Symposium|Congress|Workshop|Forum|конференц|конф\.|симпозиум|Конгресс|Форум)"
)


INITIALS_IN_NAME = re.compile(r"^[A-Z]\.\s?(?:[A-Z]\.\s?)*[A-Z][a-z]{2,}")
SERIES_WORD = re.compile(r"^(?:Серия|Сер\.|Series|Ser\.|Seriya|Seriia|Серія|Серыя|Сериясы|Section|Part|Часть)\b")


@dataclass
class Imprint:
    """Place and publisher of a book or collection."""

    place: str = ""
    publisher: str = ""


def read_imprint(text: str, has_year: bool) -> Imprint | None:
    """`Place: Publisher`, `Place` or `Publisher` (the latter two only next to a year)."""
    text = text.strip(" ,;")
    match = PLACE_PUBLISHER.match(text) if ":" in text else None
    if match and not SERIES_WORD.match(text):
        return Imprint(place_text(match.group("place")), match.group("pub").strip(" ,."))
    comma = _place_comma_publisher(text, has_year) if ", " in text else None
    comma = comma or (_places_and_publisher(text) if ":" in text else None)
    if comma:
        return comma
    if not has_year:
        return None
    match = PLACE_ONLY.match(text)
    if match and INITIALS_IN_NAME.search(text):
        return Imprint(publisher=text.strip(" ,"))
    if match and len(text.split()) <= 3 and not PUBLISHER_WORDS.search(text) and not SERIES_WORD.match(text):
        return Imprint(place=place_text(match.group("place")))
    if PUBLISHER_WORDS.search(text) and not CONTAINER_WORDS.search(text) and len(text.split()) <= 10:
        return Imprint(publisher=text.strip(" ."))
    return None


PLACE_COMMA_PUBLISHER = re.compile(rf"^(?P<place>{PLACE_WORD}(?:\s{PLACE_WORD}){{0,2}}),\s?(?P<pub>[^,:;]{{2,80}})$")
PUBL = re.compile(r"\bPubl\.?$")


def _place_comma_publisher(text: str, has_year: bool) -> Imprint | None:
    """RSCI romanized twins print `Almaty, KISI Publ.` (place, comma, publisher marked `Publ.`).

    Without the `Publ.` mark only a known place before a publisher's name next to a year qualifies; the
    name is known by a publisher word, or is one or two capitalized words that are not a place or country
    (`Bishkek, Uchkun, 2015`; `Almaty, Kazakhstan, 2021` is a place).
    """
    match = PLACE_COMMA_PUBLISHER.match(text)
    if not match:
        return None
    place, publisher = match.group("place"), match.group("pub").strip(" .")
    marked = PUBL.search(match.group("pub")) is not None
    named = has_year and is_known_place(place) and (PUBLISHER_WORDS.search(publisher) or _bare_publisher(publisher))
    if not (marked or named) or CONTAINER_WORDS.search(publisher):
        return None
    return Imprint(place_text(place), publisher)


BARE_PUBLISHER = re.compile(rf"^[{UP}][{LO}]+(?:[-\s][{UP}][{LO}]+)?$")
NOT_PUBLISHER = re.compile(
    r"^(?:USA|UK|Russia|Kazakhstan|Uzbekistan|Kyrgyzstan|Tajikistan|Turkmenistan|Ukraine|Belarus|Germany|France|"
    r"China|Japan|Korea|Turkey|Italy|Spain|Poland|Canada|Australia|India|Iran|Azerbaijan|Georgia|Armenia|"
    r"Россия|Казахстан|Узбекистан|Кыргызстан|Таджикистан|Украина|Беларусь|РФ|РК)$"
)


def _bare_publisher(name: str) -> bool:
    """One or two capitalized words (`Uchkun`, `Adolat`) that name neither a known place nor a country."""
    return bool(BARE_PUBLISHER.match(name)) and not NOT_PUBLISHER.match(name) and not is_known_place(name)


PLACES_AND = re.compile(rf"^(?P<place>{PLACE}\s(?:and|&|и)\s{PLACE})\s?:\s?(?P<pub>[^:]{{2,}}?)[.,]?$")


def _places_and_publisher(text: str) -> Imprint | None:
    """`London and New York: Routledge`: two known places joined by `and` share the publisher."""
    match = PLACES_AND.match(text)
    if not match or not all(is_known_place(p) for p in re.split(r"\s(?:and|&|и)\s", match.group("place"))):
        return None
    return Imprint(match.group("place"), match.group("pub").strip(" ,."))


def place_text(place: str) -> str:
    """A place as printed: abbreviations keep their full stop (`М.`, `СПб.`), names lose it."""
    place = place.strip(" ,;:")
    last = place.rstrip(".").split()[-1] if place.rstrip(".") else ""
    return place if place.endswith(".") and len(last) <= 3 else place.rstrip(".")


def is_place(text: str) -> bool:
    """A bare place name (`Алматы`, `М.`, `Улан-Удэ`, `New York`) standing alone in a GOST area."""
    text = text.strip(" ,;")
    if SERIES_WORD.match(text) or CONTAINER_WORDS.search(text) or PUBLISHER_WORDS.search(text):
        return False
    return bool(PLACE_ONLY.match(text)) and len(text.split()) <= 2


ABBREVIATED_PLACE = re.compile(rf"^[{UP}][{LO}]{{0,2}}\.$|^[{UP}][{LO}]?[{UP}][{LO}]?\.$")


def is_known_place(text: str) -> bool:
    """A place the gazetteer knows, or an abbreviated one (`М.`, `СПб.`); `М.; СПб.` needs every part known.

    Why: a bare capitalized word is ambiguous (`Алматы`, `Политология`, `Bloomsbury`); only known names and
    the abbreviations GOST prints for cities are safe to read as a place without a publisher next to them.
    """
    pieces = [p.strip() for p in re.split(r"\s?;\s?|,\s", text.strip(" ,;:")) if p.strip()]
    known = (ABBREVIATED_PLACE.match(p) or p.rstrip(".").lower() in KNOWN_PLACES for p in pieces)
    return bool(pieces) and all(known)
