"""Plain matching records: what dedup knows about a work, in comparable form.

A record is built once per work from its fields and names (the same way from
a database row, a CSL-JSON item or generated benchmark data), so that the
blocking and scoring code never touches the ORM and is tested on plain data.
Every text is reduced to its scheme-agnostic skeleton here.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from functools import lru_cache
from itertools import chain, pairwise
from typing import Any

from bibliography.lib.skeleton import name_skeleton, name_skeleton_variants, skeleton, word_skeleton

BOOKS = frozenset({"book", "report", "thesis", "manuscript"})
PARTS = frozenset({"chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary", "entry"})
SERIALS = frozenset({"article-journal", "article-magazine", "article-newspaper", "review", "review-book"})
LEGAL = frozenset({"legislation", "legal_case", "treaty", "bill"})
WEB = frozenset({"webpage", "post", "post-weblog"})
# "article" (unspecified) and "document" are what a parser says when it does not know.
WILDCARD_TYPES = frozenset({"article", "document", ""})


def words(text: str) -> list[str]:
    """The words of a space-separated constant."""
    return text.split()


STOP_WORDS = frozenset(
    skeleton(word)
    for word in words(
        "the a an of and in on for to with by at from as its is are "
        "и в во на с со по о об к для из от при как или а "
        "және мен пен бен мен үшін туралы"
    )
)
ENGLISH_ORDINALS = words(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
RUSSIAN_ORDINAL_STEMS = words(
    "перв втор трет четверт пят шест седьм восьм девят десят одиннадцат двенадцат тринадцат "
    "четырнадцат пятнадцат шестнадцат семнадцат восемнадцат девятнадцат двадцат"
)
RUSSIAN_ORDINAL_ENDINGS = words(
    "ый ий ой ого его ому ему ым им ом ем ая яя ой ей ую юю ое ее ые ие ых их ыми ими "
    "ья ье ьи ьего ьей ьему ьим ьем ью ьих ьими"
)
KAZAKH_ORDINALS = words("бірінші екінші үшінші төртінші бесінші алтыншы жетінші сегізінші тоғызыншы оныншы")
REVIEW_MARKERS = frozenset(skeleton(w) for w in words("review reviewed рецензия рецензии отзыв пікір"))
REVIEW_LINKS = frozenset(skeleton(w) for w in words("of on на"))
# Notices about another work (an erratum, a retraction): they repeat its title and authors, yet are not it.
NOTICE_MARKERS = frozenset(
    skeleton(w) for w in words("erratum errata corrigendum corrigenda retraction retracted addendum опечатка опечатки")
)
NOTICE_OPENINGS = frozenset(skeleton(w) for w in words("correction corrections исправление исправления"))
NOTICE_LINKS = frozenset(skeleton(w) for w in words("to for к"))
# Words of the titles that a series repeats every year ("Statistical yearbook", "National human development
# report"): two such works a year apart are two issues, not one work with a slipped year.
PERIODIC_WORDS = frozenset(
    skeleton(w)
    for w in words(
        "annual yearbook almanac report outlook update ежегодник ежегодный годовой альманах доклад отчет обзор "
        "жылнама жылдық баяндама есеп"
    )
)
GENERIC_TITLES = frozenset(
    skeleton(t)
    for t in (
        "introduction",
        "preface",
        "foreword",
        "conclusion",
        "conclusions",
        "editorial",
        "annual report",
        "report",
        "untitled",
        "news",
        "abstracts",
        "proceedings",
        "введение",
        "предисловие",
        "заключение",
        "отчет",
        "годовой отчет",
        "кіріспе",
        "қорытынды",
        # Two-word stock titles: many works of one author and year may bear them (see `is_short`).
        "selected works",
        "collected works",
        "complete works",
        "selected papers",
        "collected papers",
        "lecture notes",
        "book reviews",
        "technical report",
        "final report",
        "progress report",
        "statistical yearbook",
        "conference proceedings",
        "избранные труды",
        "избранные произведения",
        "избранные сочинения",
        "избранные статьи",
        "собрание сочинений",
        "сборник статей",
        "сборник трудов",
        "научные труды",
        "курс лекций",
        "конспект лекций",
        "тезисы докладов",
        "учебное пособие",
        "методические указания",
        "методические рекомендации",
        "статистический ежегодник",
        "шығармалар жинағы",
        "таңдамалы шығармалары",
        "дәрістер курсы",
    )
)
ROMAN = re.compile(r"^(?=[IVXLC]{2,}$)C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
ORDINAL_SUFFIX = re.compile(r"^(\d+)(?:st|nd|rd|th|-?[йяео]|-?ші|-?шы)$", re.IGNORECASE)
DIGITS = re.compile(r"\d+")
WORDS = re.compile(r"[\w’']+", re.UNICODE)
ISBN_CHARS = re.compile(r"[^0-9Xx]")
URL_SCHEME = re.compile(r"^(?:https?://)?(?:www\.)?", re.IGNORECASE)


@lru_cache(maxsize=1)
def ordinal_words() -> dict[str, int]:
    """Skeletons of ordinal words in English, Russian (all case forms) and Kazakh."""
    table: dict[str, int] = {}
    for number, word in enumerate(ENGLISH_ORDINALS, start=1):
        table[skeleton(word)] = number
    for number, stem in enumerate(RUSSIAN_ORDINAL_STEMS, start=1):
        for ending in RUSSIAN_ORDINAL_ENDINGS:
            table.setdefault(skeleton(stem + ending), number)
    for number, word in enumerate(KAZAKH_ORDINALS, start=1):
        table.setdefault(skeleton(word), number)
    return table


def roman_value(token: str) -> int:
    """Value of an upper-case Roman numeral of two or more letters (0 if it is not one)."""
    if not ROMAN.match(token):
        return 0
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for index, char in enumerate(token):
        value = values[char]
        following = values[token[index + 1]] if index + 1 < len(token) else 0
        total += -value if value < following else value
    return total


def title_numbers(title: str) -> frozenset[int]:
    """Numerals, Roman numerals and ordinal words of a title: what tells series volumes apart.

    A single `I`/`V`/`X` is left out: in romanized Russian they are the words `и`, `в`.
    """
    found = map(token_number, WORDS.findall(title))
    return frozenset(number for number in found if number is not None)


@lru_cache(maxsize=65536)
def token_number(token: str) -> int | None:
    """The number one title word stands for (`12`, `3rd`, `XIV`, `second`, `вторая`), else None.

    Remembered: titles repeat their words, and every reference's title is read for its record.
    """
    suffixed = ORDINAL_SUFFIX.match(token)
    if token.isdigit() or suffixed:
        return int(suffixed.group(1) if suffixed else token)
    return roman_value(token) or ordinal_words().get(word_skeleton(token))


TYPE_GROUPS = {
    kind: name
    for name, group in (("web", WEB), ("legal", LEGAL), ("serial", SERIALS), ("part", PARTS), ("book", BOOKS))
    for kind in group
}


def type_group(kind: str) -> str:
    """Coarse family of a CSL type."""
    return TYPE_GROUPS.get(kind) or ("any" if kind in WILDCARD_TYPES else kind)


def significant_words(title_skeleton: str) -> list[str]:
    """Skeleton words that carry meaning (no stop words, no one-letter debris)."""
    return list(_significant_words(title_skeleton))


@lru_cache(maxsize=4096)
def _significant_words(title_skeleton: str) -> tuple[str, ...]:
    """`significant_words`, remembered: a record reads its title's four times (generic, short, two kinds of key)."""
    return tuple(w for w in title_skeleton.split() if w not in STOP_WORDS and len(w) > 1)


def is_review(title_skeleton: str) -> bool:
    """A review of another work ("Review of ...", "Рецензия на ...", "... [Review]")."""
    tokens = title_skeleton.split()
    if not tokens:
        return False
    if tokens[0] in REVIEW_MARKERS or tokens[-1] in REVIEW_MARKERS:
        return True
    return any(w in REVIEW_MARKERS and nxt in REVIEW_LINKS for w, nxt in pairwise(tokens))


def is_notice(title_skeleton: str) -> bool:
    """A notice about another work, printed with its title: "Erratum: ...", "Correction to: ...".

    Only the opening words count: "Corrections of the Caspian shelf survey" is a work of its own.
    """
    tokens = title_skeleton.split()
    if not tokens:
        return False
    if tokens[0] in NOTICE_MARKERS:
        return True
    return tokens[0] in NOTICE_OPENINGS and len(tokens) > 1 and tokens[1] in NOTICE_LINKS


def is_short(title_skeleton: str) -> bool:
    """A two-word title that is not a stock one ("Казахстанский путь", not "Annual report").

    Two words identify a work only together with its author and year; see `scoring.score_title`.
    """
    meaningful = significant_words(title_skeleton)
    return len(meaningful) == 2 and " ".join(meaningful) not in GENERIC_TITLES


def is_periodic(title_skeleton: str) -> bool:
    """A title of the kind a series repeats every year: a report, a yearbook, an outlook."""
    return not PERIODIC_WORDS.isdisjoint(title_skeleton.split())


def is_generic(title_skeleton: str) -> bool:
    """Titles that many different works share: agreement on them proves little."""
    meaningful = significant_words(title_skeleton)
    return len(meaningful) <= 2 or " ".join(meaningful) in GENERIC_TITLES


def normalize_isbn(value: str) -> str:
    """ISBN-13 digits of an ISBN-10 or ISBN-13 (the first one, if several are listed)."""
    digits = ISBN_CHARS.sub("", (value or "").split(",")[0].split(";")[0]).upper()
    if len(digits) == 10:
        core = "978" + digits[:9]
        check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(core)) % 10) % 10
        return core + str(check)
    return digits if len(digits) == 13 else ""


def normalize_url(value: str) -> str:
    """URL without scheme, `www.`, fragment and trailing slash: the same page printed twice."""
    url = URL_SCHEME.sub("", (value or "").strip()).split("#")[0].rstrip("/.)")
    return url.lower()


def page_span(page: str) -> tuple[int | None, int | None]:
    """First and last page of a page field ("59-79", "P.59-79", "С. 43-52", "284")."""
    numbers = [int(n) for n in DIGITS.findall(page or "")[:2]]
    if not numbers:
        return None, None
    end = numbers[1] if len(numbers) > 1 else None
    if end is not None and end < numbers[0]:
        end = int(str(numbers[0])[: -len(str(end))] + str(end)) if len(str(end)) < len(str(numbers[0])) else None
    return numbers[0], end


def first_int(value: Any) -> int | None:
    """The first integer in a field ("588 p." -> 588)."""
    match = DIGITS.search(str(value or ""))
    return int(match.group()) if match else None


def designator(value: Any) -> str:
    """Volume/issue designator comparable across scripts ("Т. 5", "vol. 5" -> "5")."""
    text = str(value or "").strip()
    numbers = DIGITS.findall(text)
    return numbers[0].lstrip("0") or "0" if numbers else skeleton(text)


@dataclass(frozen=True, slots=True)
class Record:
    """A work reduced to the skeletons and numbers that matching compares."""

    id: int
    type: str
    titles: tuple[str, ...]
    translations: tuple[str, ...]
    numbers: frozenset[int]
    review: bool  # a review of another work, or a notice about one (erratum, retraction)
    generic: bool
    authors: tuple[str, ...]
    initials: tuple[str, ...]
    author_alts: tuple[str, ...]
    year: int | None
    volume: str
    issue: str
    edition: str
    page_start: int | None
    page_end: int | None
    pages_total: int | None
    container: str
    container_raw: str
    publisher: str
    doi: str
    isbn: str
    url: str
    is_article: bool = False
    # The fields and names exactly as printed (`identity_of`), or "" when they say too little to identify a work.
    identity: str = ""
    # Derived in __post_init__ (so `dataclasses.replace` recomputes them) and left out of equality and
    # hashing: scoring reads them for every compared pair, a record is built once and compared many times.
    # Tuples of strings, not sets: the garbage collector soon stops tracking them.
    group: str = field(init=False, compare=False, repr=False)
    readings: tuple[tuple[str, ...], ...] = field(init=False, compare=False, repr=False)
    all_readings: tuple[str, ...] = field(init=False, compare=False, repr=False)
    # The blocking keys (`blocking.record_keys`), made on first use (`keys`, `probes`). A new work's
    # are made where its record is built (`with_keys`), which for an import is its analysis workers,
    # not the writing process. A record kept for later comparisons is kept `lean`, without them: a
    # candidate's keys are read only when it absorbs a merge, and they are half of its memory.
    _keys: frozenset[str] | None = field(init=False, compare=False, repr=False, default=None)
    _probes: frozenset[str] | None = field(init=False, compare=False, repr=False, default=None)

    def __post_init__(self) -> None:
        """Fill the derived fields: the type's family and every author's name readings."""
        pairs = zip(self.authors, self.author_alts, strict=True)
        readings = tuple([(family, alternative) if alternative else (family,) for family, alternative in pairs])
        object.__setattr__(self, "group", type_group(self.type))
        object.__setattr__(self, "readings", readings)
        object.__setattr__(self, "all_readings", tuple(chain.from_iterable(readings)))

    @property
    def keys(self) -> frozenset[str]:
        """The blocking keys this work is stored under."""
        return self.with_keys()._keys or frozenset()

    @property
    def probes(self) -> frozenset[str]:
        """The blocking keys to look up for this work (its own and its first author's neighbouring years)."""
        return self.with_keys()._probes or frozenset()

    def with_keys(self) -> Record:
        """This record, its blocking keys made if they were not yet."""
        if self._keys is None:
            from bibliography.dedup.blocking import record_keys  # blocking builds on this module

            keys, probes = record_keys(self)
            object.__setattr__(self, "_keys", keys)
            object.__setattr__(self, "_probes", probes)
        return self

    def lean(self) -> Record:
        """This record without its blocking keys (a copy if it has them): what a cache keeps."""
        if self._keys is None:
            return self
        copied = copy.copy(self)
        object.__setattr__(copied, "_keys", None)
        object.__setattr__(copied, "_probes", None)
        return copied

    def name_keys(self, index: int) -> tuple[str, ...]:
        """The skeleton readings of the index-th author's family name."""
        return self.readings[index]

    def __getstate__(self) -> tuple[Any, ...]:
        """Every field's value, derived ones included, in `RECORD_SLOTS` order (a tuple: pickles smaller)."""
        return tuple([getter(self) for getter in _SLOT_GETTERS])

    def __setstate__(self, state: Sequence[Any]) -> None:
        """Fill the slots straight from their descriptors.

        Pickling is how a record crosses from an analysis worker to the writer and how it is read back
        from `StoredRecord`, a few hundred times per imported article. The dataclass default looks the
        fields up anew and calls `object.__setattr__` for each of them: twice as slow (24 against 12 µs).
        """
        for setter, value in zip(_SLOT_SETTERS, state, strict=True):
            setter(self, value)


RECORD_SLOTS = tuple(f.name for f in dataclass_fields(Record))
_SLOT_GETTERS = tuple(getattr(Record, name).__get__ for name in RECORD_SLOTS)
_SLOT_SETTERS = tuple(getattr(Record, name).__set__ for name in RECORD_SLOTS)


def with_id(rec: Record, work_id: int) -> Record:
    """The record under another work id. A copy, not `dataclasses.replace`: the derived fields (blocking keys
    included) do not depend on the id, and recomputing them is what building records off the writer saves."""
    copied = copy.copy(rec)
    object.__setattr__(copied, "id", work_id)
    return copied


def name_parts(names: Sequence[Mapping[str, str]]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Family-name skeletons, first-initial skeletons and alternative family skeletons ("" if none), in order."""
    families, initials, alternatives = [], [], []
    for name in names:
        family = name.get("family") or name.get("literal") or name.get("given") or ""
        variants = name_skeleton_variants(family)
        if not variants[0]:
            continue
        given = name.get("given") if name.get("family") else ""
        families.append(variants[0])
        alternatives.append(variants[1] if len(variants) > 1 else "")
        initials.append(name_skeleton(given or "")[:1])
    return tuple(families), tuple(initials), tuple(alternatives)


def csl_name(person: Mapping[str, str]) -> dict[str, str]:
    """The CSL-JSON name of a person's columns (family, given, literal), as `Person.as_csl` writes it."""
    if person.get("literal"):
        return {"literal": person["literal"]}
    name = {"family": person.get("family") or ""}
    if person.get("given"):
        name["given"] = person["given"]
    return name


MATCHED_ROLES = ("author", "editor")


def matching_names(names: Sequence[tuple[str, Mapping[str, str]]]) -> list[dict[str, str]]:
    """The names matching compares, from (role, person columns) in role then position order.

    The authors; a work without authors (an edited volume) is known by its editors.
    Translators and other roles are left out.
    """
    authors = [csl_name(person) for role, person in names if role == MATCHED_ROLES[0]]
    return authors or [csl_name(person) for role, person in names if role in MATCHED_ROLES]


# The Work fields a record is made of (`make_record` reads them; so does an identity, unreduced).
RECORD_FIELDS = (
    "type",
    "title",
    "original_title",
    "translated_title",
    "container_title",
    "issued_year",
    "volume",
    "issue",
    "edition",
    "page",
    "number_of_pages",
    "publisher",
    "doi",
    "isbn",
    "url",
)


def identity_of(fields: Mapping[str, Any], names: Sequence[Mapping[str, str]], main_title: str) -> str:
    """A digest of the fields and names as printed, when they identify a work; else "".

    Two references whose every field and name agree exactly are one work: the
    importer cites the work already holding this digest (a blocking key, `x:`)
    instead of creating a second one for dedup to merge. That needs a title of
    at least two meaningful words and something beside it (a name, a year, a
    container, a publisher), or an identifier: "Ibid." or a bare "Annual
    report" printed alike in two articles are not known to be one work.
    """
    identifier = any(fields.get(name) for name in ("doi", "isbn", "url"))
    context = names or any(fields.get(name) for name in ("issued_year", "container_title", "publisher"))
    if not identifier and not (context and len(significant_words(main_title)) >= 2):
        return ""
    parts = [str(fields.get(name) or "") for name in RECORD_FIELDS]
    parts += [f"{name.get('family') or ''}|{name.get('given') or ''}|{name.get('literal') or ''}" for name in names]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def make_record(
    work_id: int, fields: Mapping[str, Any], names: Sequence[Mapping[str, str]], is_article: bool = False
) -> Record:
    """Build the record of one work from Work-named fields and its ordered author (or editor) names."""
    raw_titles = [t for t in (fields.get("title"), fields.get("original_title")) if t]
    titles = tuple(dict.fromkeys(s for s in (skeleton(t) for t in raw_titles) if s))
    translated = skeleton(fields.get("translated_title") or "")
    main = titles[0] if titles else translated
    start, end = page_span(fields.get("page") or "")
    families, initials, alternatives = name_parts(names)
    return Record(
        id=work_id,
        type=fields.get("type") or "",
        titles=titles,
        translations=(translated,) if translated and translated not in titles else (),
        numbers=frozenset().union(*(title_numbers(t) for t in raw_titles)) if raw_titles else frozenset(),
        # A review and a notice are both about another work, whose title they repeat.
        review=is_review(main) or is_notice(main),
        generic=is_generic(main),
        authors=families,
        initials=initials,
        author_alts=alternatives,
        year=fields.get("issued_year"),
        volume=designator(fields.get("volume")),
        issue=designator(fields.get("issue")),
        edition=designator(fields.get("edition")),
        page_start=start,
        page_end=end,
        pages_total=first_int(fields.get("number_of_pages")),
        container=skeleton(fields.get("container_title") or ""),
        container_raw=fields.get("container_title") or "",
        publisher=skeleton(fields.get("publisher") or ""),
        doi=(fields.get("doi") or "").lower(),
        isbn=normalize_isbn(fields.get("isbn") or ""),
        url=normalize_url(fields.get("url") or ""),
        is_article=is_article,
        identity=identity_of(fields, names, main),
    )
