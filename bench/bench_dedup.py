"""Dedup benchmark: pairwise precision and recall, and time, on a generated library with known clusters.

Each generated *work* (journal article, book, chapter, conference paper, web
page; Russian, Kazakh or English) is cited several times, each citation being
one *entry* as a parser would hand it over (CSL-JSON): the Cyrillic original,
or romanized in BGN/PCGN, BSI ("Scopus"), LC or GOST 7.79 B, Kazakh also in
the 2021 Kazakh Latin alphabet; with a bracketed translation or not, the
journal abbreviated, fields missing, page counts that differ, an occasional
typo or a year off by one. Hard negatives are generated as distinct works:
volumes of one series, declarations of the second/third/... summit, several
articles by one author in one journal and year, a book and its chapters, a
book and its review, two editions of one book.

The entries are shuffled (the order of imports) and resolved one by one with
`bibliography.dedup.engine.MemoryLibrary`: the same keys, scoring and
decisions as the database path. `--db-size` entries are also run through the
database path (`process_new_works`, per article of 25 entries) on a fresh
SQLite file, to time it and to check that it decides like the in-memory path.

    .venv/bin/python bench/bench_dedup.py [--size 50000] [--db-size 2000] [--seed 7]
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REPORT = ROOT / "docs" / "bench" / "dedup.md"
Item = dict[str, Any]


# ---------------------------------------------------------------- vocabularies
def words(text: str) -> list[str]:
    """The words of a space-separated constant."""
    return text.split()


RU_HEADS = words("Эволюция Роль Проблемы Перспективы Особенности Анализ Стратегия Политика Факторы Механизмы Модели")
RU_WORDS = words(
    """безопасности сотрудничества региональной политики евразийской интеграции Центральной Азии Казахстана
Китая России границы терроризма экстремизма дипломатии многосторонней организации трансформации порядка
многополярного мира архитектуры партнерства экономического развития энергетической транспортного коридора
суверенитета военного доверия конфликта урегулирования диалога интересов соседей миграции водных ресурсов
идентичности легитимности норм институтов Шанхайской СВМДА ОДКБ ЕАЭС внешней торговли инвестиций санкций
государств союза стабильности угроз вызовов современном этапе контексте глобализации ислама молодежи"""
)
KK_HEADS = words("Қазақстанның Азиядағы Аймақтық Өңірлік Халықаралық Сыртқы Жаһандық Ұлттық Қауіпсіздік")
KK_WORDS = words(
    """қауіпсіздік ынтымақтастық саясаты мемлекеттердің интеграциясы дамуы стратегиясы үрдістері мәселелері
ұйымының шекара терроризм экстремизм дипломатия келіссөздер әріптестік экономикалық энергетикалық көлік
дәліз егемендік сенім шаралары қақтығыс диалог мүдделері көршілер көші-қон су ресурстары бірегейлік
құқықтық негіздері жаңа кезең тәуелсіздік жылдарындағы рөлі ықпалы"""
)
EN_HEADS = words("The Rethinking Understanding Explaining Beyond Towards Assessing Reconsidering")
EN_WORDS = words(
    """security cooperation regional policy Eurasian strategy institutional alliance balance power integration
Central Asia Kazakhstan China Russia border terrorism extremism diplomacy multilateral organization
transformation order multipolar architecture partnership economic energy transport corridor development
governance sovereignty military confidence measures conflict settlement dialogue interests neighbours transit
water resources migration identity legitimacy norms institutions Shanghai sanctions trade investment Islam
youth great game hegemony soft rising states small powers hedging"""
)
RU_FAMILIES = words(
    """Иванов Петров Сидоров Кузнецов Смирнов Попов Васильев Соколов Михайлов Новиков Федоров Морозов Волков
Алексеев Лебедев Семенов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев
Соловьев Борисов Яковлев Григорьев Романов Воробьев Сергеев Кузьмин Фролов Александров Дмитриев Королев
Гусев Киселев Ильин Максимов Поляков Сорокин Виноградов Ковалев Белов Медведев Антонов Тарасов Жуков Баранов
Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоренко Матвеев Титов Марков Миронов Крылов
Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин
Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышев Быков Маслов Родионов Коновалов
Лазарев Воронин Климов Филатов Пономарев Голубев Кудрявцев Прохоров Наумов Потапов Журавлев Овчинников Трофимов
Леонов Соболев Ермаков Колесников Гончаров Емельянов Никифоров Грачев Котов Гришин Ефремов Архипов Громов
Кириллов Малышев Панов Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов Еремин Тихомиров Галкин
Лукьянов Михеев Скворцов Юдин Белоусов Нестеров Симонов Прокофьев Харитонов Князев Цветков Левин Митрофанов
Воронов Аксенов Софронов Мальцев Логинов Горшков Савин Краснов Майоров Демидов Елисеев Рыбаков Сафонов
Плотников Демин Хохлов Жданов Щукин Шестаков Хрущев Цыганков Чижов Щеглов Юрьев Яшин Ёлкин Шишкин"""
)
KK_FAMILIES = words(
    """Әлімбеков Қасымов Нұрланов Жақсылықов Өмірзақов Ұлықбеков Үсенов Ғалымов Тоқаев Сейітқали Бөкейханов
Байзакова Кукеева Нұрдәулетова Байсалбек Қайратұлы Есенова Жұмабаев Сәрсенбаев Әбдіхалықов Ахметов Ибраев
Мұхамеджанов Төлеубаев Шаймерденов Қуанышев Ізбасаров Жанұзақов Серікбаева Айтмұхамбетова Бекмұратов
Ержанов Оспанов Тәжібаев Әуезов Мәмбетов Құдайбергенов Ысқақов Ілиясов Дәулетбаев Жолдасбеков Рысқұлов
Қалиев Молдабеков Нәбиев Сыздықов Тұрсынов Шәріпов Әлиева Бейсенова Ғабдуллина Жүсіпова Қожахметова
Ұзақбаева Нұрмағамбетов Абылхожин Асанов Кадекова Макашева Рахманов Сұлтанов Тілеуов Ыбырайымов"""
)
EN_FAMILIES = words(
    """Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson White
Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell
Roberts Carter Phillips Evans Turner Parker Collins Edwards Stewart Morris Murphy Cook Rogers Morgan Cooper
Peterson Bailey Reed Kelly Howard Cox Ward Richardson Watson Brooks Wood James Bennett Gray Hughes Price Sanders
Myers Long Ross Foster Buzan Waever Acharya Gleason Cooley Laruelle Allison Rumer Olcott Jones-Luong
Collins"""
)
INITIALS_RU = "АБВГДЕЖЗИКЛМНОПРСТФЭЮЯ"
INITIALS_EN = "ABCDEFGHJKLMNOPRSTW"
RU_JOURNALS = [
    "Вестник КазНУ. Серия международные отношения и международное право",
    "Журнал международного права и международных отношений",
    "Вестник Московского университета. Серия 18. Социология и политология",
    "Мировая экономика и международные отношения",
    "Полис. Политические исследования",
    "Проблемы Дальнего Востока",
    "Казахстан-Спектр",
    "Вестник Евразийского национального университета",
    "Центральная Азия и Кавказ",
    "Международные процессы",
    "Вопросы истории",
    "Россия в глобальной политике",
]
KK_JOURNALS = ["ҚазҰУ Хабаршысы. Халықаралық қатынастар сериясы", "Қоғам және дәуір", "Саясат", "Ақиқат"]
EN_JOURNALS = [
    "International Affairs",
    "Central Asian Survey",
    "Europe-Asia Studies",
    "Journal of Eurasian Studies",
    "Problems of Post-Communism",
    "Post-Soviet Affairs",
    "Security Dialogue",
    "The Pacific Review",
    "Eurasian Geography and Economics",
    "Russian Politics and Law",
    "International Studies Perspectives",
    "Asian Survey",
    "Foreign Affairs",
    "Journal of Contemporary China",
]
RU_PUBLISHERS = [("Москва", "Наука"), ("Алматы", "Қазақ университеті"), ("Москва", "МГИМО"), ("Астана", "КИСИ")]
EN_PUBLISHERS = [
    ("Cambridge", "Cambridge University Press"),
    ("Oxford", "Oxford University Press"),
    ("London", "Routledge"),
    ("New York", "Palgrave Macmillan"),
]
ORGANIZATIONS = [
    ("Conference on Interaction and Confidence Building Measures in Asia", "СВМДА"),
    ("Shanghai Cooperation Organization", "ШОС"),
    ("Collective Security Treaty Organization", "ОДКБ"),
    ("Organization of Turkic States", "ОТГ"),
]
EN_ORDINALS = words("First Second Third Fourth Fifth Sixth Seventh")
RU_ORDINALS_GEN = words("первого второго третьего четвертого пятого шестого седьмого")

# Synthetic words for the long tail of a real vocabulary, built from each language's syllables.
SYLLABLES = {
    "ru": (
        words("ка ми ро ще цы ю жа хо ль ёв бе ви гу де зо ли мя ны пу ре си то фе чу ша эк"),
        words("ости ции ного ской ения ства ов ий"),
    ),
    "kk": (words("қа ғы ңі өр ұл үй әл бі ке та са жа ме ші ды ны лы ту ба"), words("лық дың ның тар лері ды ті")),
    "en": (words("ka ri to ne ve lo mi sa pe di co fu ra ge bi na te ho"), words("ation ity ism al ic ment ness")),
}
SURNAME_ENDINGS = {"ru": words("ов ев ин ский енко"), "kk": words("ов бек ұлы баев ова"), "en": words("son ley man er")}
LEXICON_SIZE = 4000
ORGANIZATION_LIMIT = 60


def lexicon(lang: str, rng: random.Random) -> list[str]:
    """A few thousand distinct pseudo-words of one language."""
    syllables, endings = SYLLABLES[lang]
    out: set[str] = set()
    while len(out) < LEXICON_SIZE:
        stem = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3)))
        out.add(stem + rng.choice(endings))
    return sorted(out)


# --------------------------------------------------------------- romanization
COMMON = dict(zip("абвгдзиклмнопрстуф", "abvgdziklmnoprstuf", strict=True))
SCHEMES: dict[str, dict[str, str]] = {
    "bgn": COMMON
    | {"е": "e", "ё": "ë", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch"}
    | {"ъ": '"', "ы": "y", "ь": "'", "э": "e", "ю": "yu", "я": "ya"}
    | {"ә": "ä", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "ö", "ұ": "u", "ү": "ü", "һ": "h", "і": "i"},
    "bsi": COMMON
    | {"е": "e", "ё": "e", "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch"}
    | {"ъ": "", "ы": "y", "ь": "'", "э": "e", "ю": "yu", "я": "ya"}
    | {"ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i"},
    "lc": COMMON
    | {"е": "e", "ё": "e", "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch"}
    | {"ъ": '"', "ы": "y", "ь": "'", "э": "e", "ю": "iu", "я": "ia"}
    | {"ә": "a", "ғ": "gh", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i"},
    "gost": COMMON
    | {"е": "e", "ё": "yo", "ж": "zh", "й": "j", "х": "x", "ц": "cz", "ч": "ch", "ш": "sh", "щ": "shh"}
    | {"ъ": "``", "ы": "y`", "ь": "`", "э": "e`", "ю": "yu", "я": "ya"}
    | {"ә": "a`", "ғ": "g`", "қ": "q", "ң": "n`", "ө": "o`", "ұ": "u`", "ү": "u", "һ": "h", "і": "i"},
    "kz2021": COMMON
    | {"е": "e", "ё": "io", "ж": "j", "й": "i", "х": "h", "ц": "ts", "ч": "ch", "ш": "ş", "щ": "şş"}
    | {"ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia"}
    | {"ә": "ä", "ғ": "ğ", "қ": "q", "ң": "ñ", "ө": "ö", "ұ": "ū", "ү": "ü", "һ": "h", "і": "ı"},
}
RU_SCHEMES = ["bgn", "bsi", "lc", "gost"]
KK_SCHEMES = ["bgn", "bsi", "kz2021", "kz2021"]
VOWELS = set("аеёиоуыэюяәөұүі")


def romanize(text: str, scheme: str) -> str:
    """Romanize Cyrillic text in one scheme (BGN's word-initial `ye`, GOST's `c` before hard vowels)."""
    table = SCHEMES[scheme]
    out = []
    for index, char in enumerate(text):
        lower = char.lower()
        if lower not in table and lower not in "её":
            out.append(char)
            continue
        previous = text[index - 1].lower() if index else " "
        latin = table.get(lower, "e")
        if scheme == "bgn" and lower in "её" and (previous in VOWELS or previous in ' ъь-«"('):
            latin = "ye" if lower == "е" else "yë"
        if scheme == "gost" and lower == "ц" and text[index + 1 : index + 2].lower() not in set("еиыйя"):
            latin = "c"
        out.append(latin.capitalize() if char != lower and latin else latin)
    return "".join(out)


def translate(words: list[str], rng: random.Random) -> str:
    """A stand-in English translation: deterministic per title, words from the English vocabulary."""
    local = random.Random(" ".join(words))
    return " ".join(local.choice(EN_WORDS) for _ in words).capitalize()


def abbreviate(name: str, rng: random.Random) -> str:
    """An ISO-4-like abbreviation: long words cut to 3-6 letters with a dot, short words kept."""
    out = []
    for word in name.replace(".", "").split():
        if len(word) > 5 and word[0].isalpha():
            out.append(word[: rng.randint(3, 6)] + ".")
        elif word.lower() not in {"of", "the", "and", "и", "серия"}:
            out.append(word)
    return " ".join(out)


# ------------------------------------------------------------------ works
@dataclass
class Work:
    """A true work: its canonical fields, language and cluster id."""

    cluster: int
    lang: str
    item: Item
    renderings: int


class Generator:
    """Builds works (with hard-negative families) and renders each into several entries."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.clusters = 0
        self.organizations = list(ORGANIZATIONS)
        self.invented = 0
        self.lexicons = {lang: lexicon(lang, random.Random(seed + index)) for index, lang in enumerate(SYLLABLES)}

    def organization(self) -> tuple[str, str] | None:
        """An organization whose summits have not been generated yet (each declaration exists once).

        A library cites the summits of a few dozen organizations at most, so there are `ORGANIZATION_LIMIT`.
        """
        if self.organizations:
            return self.organizations.pop()
        if self.invented >= ORGANIZATION_LIMIT:
            return None
        self.invented += 1
        words = [self.rng.choice(EN_WORDS).capitalize() for _ in range(3)]
        name = f"Council for {words[0]} {words[1]} and {words[2]}"
        acronym = "".join(self.rng.choice(INITIALS_RU) for _ in range(4))
        return name, acronym

    def next_cluster(self) -> int:
        self.clusters += 1
        return self.clusters

    def renderings(self) -> int:
        return self.rng.choices([1, 2, 3, 4, 5, 6], weights=[40, 28, 15, 9, 5, 3])[0]

    def person(self, lang: str) -> dict[str, str]:
        """A name: a common surname, or (as often in a large library) a rarer one."""
        rng = self.rng
        if lang == "en":
            given = "".join(f"{rng.choice(INITIALS_EN)}." for _ in range(rng.randint(1, 2)))
            family = rng.choice(EN_FAMILIES) if rng.random() < 0.5 else self.rare_surname("en")
            return {"family": family, "given": given}
        kazakh = lang == "kk" and rng.random() < 0.7
        if rng.random() < 0.5:
            family = rng.choice(KK_FAMILIES if kazakh else RU_FAMILIES)
        else:
            family = self.rare_surname("kk" if kazakh else "ru")
        given = "".join(f"{rng.choice(INITIALS_RU)}." for _ in range(2))
        return {"family": family, "given": given}

    def rare_surname(self, lang: str) -> str:
        """A surname from the language's syllables and surname endings."""
        syllables = SYLLABLES[lang][0]
        stem = "".join(self.rng.choice(syllables) for _ in range(self.rng.randint(2, 3)))
        return (stem + self.rng.choice(SURNAME_ENDINGS[lang])).capitalize()

    def word(self, lang: str) -> str:
        """A title word: half the time a common domain word, else one from a long Zipf-like tail."""
        rng = self.rng
        if rng.random() < 0.5:
            return rng.choice({"ru": RU_WORDS, "kk": KK_WORDS, "en": EN_WORDS}[lang])
        tail = self.lexicons[lang]
        return tail[int(len(tail) * rng.random() ** 2)]

    def title(self, lang: str) -> str:
        rng = self.rng
        heads = {"ru": RU_HEADS, "kk": KK_HEADS, "en": EN_HEADS}[lang]
        body = [self.word(lang) for _ in range(rng.randint(3, 9))]
        title = " ".join([rng.choice(heads), *body])
        if rng.random() < 0.3:
            title += ": " + " ".join(self.word(lang) for _ in range(rng.randint(2, 4)))
        return title[0].upper() + title[1:]

    def base(self, lang: str, kind: str) -> Item:
        rng = self.rng
        item: Item = {
            "type": kind,
            "title": self.title(lang),
            "author": [self.person(lang) for _ in range(rng.choices([1, 2, 3], weights=[60, 30, 10])[0])],
            "issued": {"date-parts": [[rng.randint(1995, 2024)]]},
            "language": lang,
        }
        if kind in ("article-journal", "paper-conference", "chapter"):
            journals = {"ru": RU_JOURNALS, "kk": KK_JOURNALS, "en": EN_JOURNALS}[lang]
            start = rng.randint(1, 400)
            item["page"] = f"{start}-{start + rng.randint(5, 30)}"
            item["container-title"] = rng.choice(journals) if kind == "article-journal" else self.title(lang)
            if kind == "article-journal":
                item["volume"], item["issue"] = str(rng.randint(1, 80)), str(rng.randint(1, 6))
        if kind == "book":
            place, publisher = rng.choice(EN_PUBLISHERS if lang == "en" else RU_PUBLISHERS)
            item |= {"publisher": publisher, "publisher-place": place, "number-of-pages": str(rng.randint(80, 700))}
        if kind == "webpage":
            item["author"] = []
            item["URL"] = f"https://www.example-{rng.randint(1, 400)}.kz/docs/{rng.getrandbits(40):x}.pdf"
        return item

    def work(self, item: Item) -> Work:
        return Work(self.next_cluster(), item["language"], item, self.renderings())

    def plain(self) -> list[Work]:
        lang = self.rng.choices(["ru", "kk", "en"], weights=[45, 15, 40])[0]
        kind = self.rng.choices(
            ["article-journal", "book", "chapter", "paper-conference", "webpage"], weights=[55, 20, 10, 8, 7]
        )[0]
        return [self.work(self.base(lang, kind))]

    def series(self) -> list[Work]:
        """Volumes of one multi-volume book: same title, authors, publisher; volume in a field or the title."""
        lang = self.rng.choice(["ru", "en", "kk"])
        book = self.base(lang, "book")
        in_title = self.rng.random() < 0.5
        volumes = []
        for number in range(1, self.rng.randint(3, 5)):
            item = dict(book)
            if in_title:
                label = {"ru": "Том", "kk": "Том", "en": "Vol."}[lang]
                item["title"] = f"{book['title']}. {label} {number}"
            else:
                item["volume"] = str(number)
            volumes.append(self.work(item))
        return volumes

    def summits(self) -> list[Work]:
        """Declarations of successive summits of one organization, each its own web page."""
        organization = self.organization()
        if organization is None:
            return self.series()
        name, acronym = organization
        year = self.rng.randint(1999, 2010)
        works = []
        for index in range(self.rng.randint(3, 6)):
            if self.rng.random() < 0.5:
                title = f"Declaration of the {EN_ORDINALS[index]} Summit of the {name}"
                lang = "en"
            else:
                title = f"Декларация {RU_ORDINALS_GEN[index]} саммита {acronym}"
                lang = "ru"
            item = {
                "type": "webpage",
                "title": title,
                "language": lang,
                "issued": {"date-parts": [[year + 2 * index]]},
                "URL": f"https://www.s-org.org/docs/{self.rng.getrandbits(48):x}.pdf",
            }
            works.append(self.work(item))
        return works

    def same_author_journal(self) -> list[Work]:
        """Several articles of one author in one journal and year, on one topic."""
        lang = self.rng.choice(["ru", "en", "kk"])
        first = self.base(lang, "article-journal")
        works = [self.work(first)]
        for _ in range(self.rng.randint(1, 3)):
            item = dict(first) | {"title": self.title(lang)}
            start = self.rng.randint(1, 400)
            item["page"] = f"{start}-{start + self.rng.randint(5, 30)}"
            shared = first["title"].split()[:2]
            item["title"] = " ".join([*shared, *item["title"].split()[2:]])
            works.append(self.work(item))
        return works

    def book_family(self) -> list[Work]:
        """A book, its chapters, its review, and its second edition."""
        lang = self.rng.choice(["ru", "en"])
        book = self.base(lang, "book")
        works = [self.work(book)]
        for _ in range(self.rng.randint(1, 2)):
            chapter = self.base(lang, "chapter") | {"author": book["author"], "issued": book["issued"]}
            chapter["container-title"] = book["title"]
            works.append(self.work(chapter))
        review = self.base(lang, "article-journal")
        prefix = "Review of" if lang == "en" else "Рецензия на книгу:"
        review["title"] = f"{prefix} {book['title']}"
        works.append(self.work(review))
        year = book["issued"]["date-parts"][0][0]
        works.append(self.work(book | {"issued": {"date-parts": [[year + self.rng.randint(3, 8)]]}, "edition": "2"}))
        return works

    def works(self, entries: int) -> list[Work]:
        """Works until their renderings reach `entries`; about a fifth come from hard-negative families."""
        families: list[Callable[[], list[Work]]] = [self.series, self.summits, self.same_author_journal]
        families.append(self.book_family)
        works: list[Work] = []
        total = 0
        while total < entries:
            batch = self.rng.choice(families)() if self.rng.random() < 0.2 else self.plain()
            works.extend(batch)
            total += sum(w.renderings for w in batch)
        return works


# --------------------------------------------------------------- rendering
NAME_KEYS = ("author",)


def render(work: Work, rng: random.Random) -> Item:
    """One citation of a work, as a parser would return it from some list in some style."""
    item = dict(work.item)
    item["author"] = [dict(name) for name in work.item.get("author", [])]
    if work.lang in ("ru", "kk") and rng.random() < 0.6:
        scheme = rng.choice(RU_SCHEMES if work.lang == "ru" else KK_SCHEMES)
        romanize_item(item, scheme, rng)
    drop_fields(item, rng)
    vary_text(item, rng)
    return item


def romanize_item(item: Item, scheme: str, rng: random.Random) -> None:
    """The romanized twin of a Cyrillic entry, usually with a bracketed English translation."""
    original = item["title"]
    item["title"] = romanize(original, scheme)
    if rng.random() < 0.7:
        item["translated-title"] = translate(original.split(), rng)
    for name in item["author"]:
        name["family"] = romanize(name["family"], scheme)
        name["given"] = romanize(name.get("given", ""), scheme)
    for key in ("container-title", "publisher", "publisher-place"):
        if key in item:
            item[key] = romanize(item[key], scheme)


def drop_fields(item: Item, rng: random.Random) -> None:
    """Fields lists leave out: year, pages, issue, container, publisher, co-authors, initials."""
    for key, chance in (("page", 0.2), ("issue", 0.25), ("publisher", 0.3), ("publisher-place", 0.3)):
        if key in item and rng.random() < chance:
            del item[key]
    if item.get("type") == "article-journal" and rng.random() < 0.1:
        item.pop("volume", None)
    if rng.random() < 0.08:
        item.pop("issued", None)
    if "container-title" in item and rng.random() < 0.08:
        del item["container-title"]
    if len(item["author"]) > 1 and rng.random() < 0.3:
        item["author"] = item["author"][:1]
    if item["author"] and rng.random() < 0.05:
        item["author"][0].pop("given", None)


def vary_text(item: Item, rng: random.Random) -> None:
    """Printing differences: abbreviated journals, page counts, quotes, case, typos, year slips."""
    if "container-title" in item and item["type"] == "article-journal" and rng.random() < 0.35:
        item["container-title"] = abbreviate(item["container-title"], rng)
    if "number-of-pages" in item and rng.random() < 0.5:
        pages = int(item["number-of-pages"])
        item["number-of-pages"] = str(pages + rng.randint(-pages // 20, pages // 20))
    title = item["title"]
    if ": " in title and rng.random() < 0.3:
        title = title.replace(": ", " – ", 1)
    if rng.random() < 0.15:
        title = title.lower()
    if rng.random() < 0.1:
        title = f"«{title}»" if rng.random() < 0.5 else f'"{title}"'
    if rng.random() < 0.05 and len(title) > 20:
        position = rng.randint(5, len(title) - 2)
        title = title[:position] + title[position + 1 :]
    item["title"] = title
    if "issued" in item and rng.random() < 0.03:
        year = item["issued"]["date-parts"][0][0]
        item["issued"] = {"date-parts": [[year + rng.choice((-1, 1))]]}


def entries_for(size: int, seed: int) -> tuple[list[Item], list[int]]:
    """`size` shuffled entries and their true cluster ids."""
    generator = Generator(seed)
    rng = random.Random(seed + 1)
    rows = [(render(w, rng), w.cluster) for w in generator.works(size) for _ in range(w.renderings)]
    rng.shuffle(rows)
    rows = rows[:size]
    return [r[0] for r in rows], [r[1] for r in rows]


# ---------------------------------------------------------------- measuring
def pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(predicted: Iterable[int], truth: list[int]) -> tuple[int, int, int]:
    """(true positive pairs, predicted pairs, true pairs) of a clustering."""
    groups: dict[int, Counter[int]] = {}
    for label, true in zip(predicted, truth, strict=True):
        groups.setdefault(label, Counter())[true] += 1
    tp = sum(pairs(n) for counter in groups.values() for n in counter.values())
    predicted_pairs = sum(pairs(sum(counter.values())) for counter in groups.values())
    true_pairs = sum(pairs(n) for n in Counter(truth).values())
    return tp, predicted_pairs, true_pairs


def components(n: int, edges: Iterable[tuple[int, int]], parent_of: Callable[[int], int]) -> list[int]:
    """Cluster labels after merges plus review edges (what a curator accepting every candidate gets)."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(n):
        parent[find(i)] = find(parent_of(i))
    for a, b in edges:
        parent[find(a)] = find(b)
    return [find(i) for i in range(n)]


def run_memory(items: list[Item], truth: list[int]) -> dict[str, Any]:
    """Resolve all entries in memory; precision/recall of merges and of candidates; time."""
    from bibliography.csl import names_from_csl, work_fields_from_csl
    from bibliography.dedup.engine import MemoryLibrary
    from bibliography.dedup.records import make_record

    started, cpu = time.perf_counter(), time.process_time()
    library = MemoryLibrary()
    for index, item in enumerate(items):
        names = [name for role, _, name in names_from_csl(item) if role == "author"]
        library.add(make_record(index, work_fields_from_csl(item), names))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    merged = [library.canonical(i) for i in range(len(items))]
    tp, predicted, true_pairs = pairwise(merged, truth)
    candidates = [(a.work, a.other) for a in library.actions if a.kind == "candidate"]
    good = sum(truth[a] == truth[b] for a, b in candidates)
    reviewed = components(len(items), candidates, library.canonical)
    tp_review, _, _ = pairwise(reviewed, truth)
    return {
        "entries": len(items),
        "clusters": len(set(truth)),
        "true_pairs": true_pairs,
        "merge_precision": tp / predicted if predicted else 1.0,
        "merge_recall": tp / true_pairs if true_pairs else 1.0,
        "false_merge_pairs": predicted - tp,
        "candidates": len(candidates),
        "candidate_precision": good / len(candidates) if candidates else 1.0,
        "recall_with_review": tp_review / true_pairs if true_pairs else 1.0,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "false_merges": false_merge_examples(library, items, truth),
    }


def false_merge_examples(library: Any, items: list[Item], truth: list[int], limit: int = 5) -> list[str]:
    """A few wrongly merged entries, for the report."""
    out: list[str] = []
    for action in library.actions:
        if action.kind == "merge" and truth[action.work] != truth[action.other] and len(out) < limit:
            out.append(f"{items[action.work]['title']!r} ~ {items[action.other]['title']!r}")
    return out


def run_database(items: list[Item], truth: list[int], per_article: int = 25) -> dict[str, Any]:
    """The importer's path: works bulk-created per article, then `process_new_works` on them."""
    from django.core.management import call_command
    from django.db import transaction

    from bibliography.csl import person_from_csl, unsaved_work_from_csl
    from bibliography.dedup import process_new_works
    from bibliography.models import Contributor, Person, Work

    call_command("migrate", verbosity=0)
    ids: list[int] = []
    seconds = 0.0
    for start in range(0, len(items), per_article):
        with transaction.atomic():
            batch = [unsaved_work_from_csl(item) for item in items[start : start + per_article]]
            works = Work.objects.bulk_create([work for work, _ in batch])
            people, links = [], []
            for work, names in zip(works, (names for _, names in batch), strict=True):
                for role, position, name in names:
                    people.append(person_from_csl(name))
                    links.append((work, role, position))
            Person.objects.bulk_create(people)
            Contributor.objects.bulk_create(
                Contributor(work=w, person=p, role=r, position=pos)
                for (w, r, pos), p in zip(links, people, strict=True)
            )
            ticking = time.perf_counter()
            process_new_works([w.pk for w in works])
            seconds += time.perf_counter() - ticking
        ids.extend(w.pk for w in works)
    canonical = {w.pk: w.canonical_work().pk for w in Work.objects.all()}
    tp, predicted, true_pairs = pairwise([canonical[i] for i in ids], truth)
    return {
        "entries": len(items),
        "merge_precision": tp / predicted if predicted else 1.0,
        "merge_recall": tp / true_pairs if true_pairs else 1.0,
        "seconds": seconds,
        "ms_per_article": 1000 * seconds / math.ceil(len(items) / per_article),
        **key_table_shape(),
    }


def key_table_shape() -> dict[str, Any]:
    """Blocking-key rows per canonical work, the largest block, and keys left on merged works (should be 0)."""
    from django.db.models import Count

    from bibliography.models import Work, WorkKey

    canonical = Work.objects.filter(merged_into__isnull=True).count()
    largest = WorkKey.objects.values("key").annotate(n=Count("id")).order_by("-n").values_list("n", flat=True)[:1]
    return {
        "keys_per_work": WorkKey.objects.count() / max(1, canonical),
        "largest_block": next(iter(largest), 0),
        "keys_on_merged_works": WorkKey.objects.filter(work__merged_into__isnull=False).count(),
    }


# ----------------------------------------------------------------- reporting
def table(rows: list[dict[str, Any]]) -> str:
    head = "| entries | clusters | true pairs | merge precision | merge recall | false-merge pairs | candidates "
    head += "| candidate precision | recall incl. review | wall s | CPU s | CPU µs/entry |\n|" + "---|" * 12 + "\n"
    lines = [
        f"| {r['entries']:,} | {r['clusters']:,} | {r['true_pairs']:,} | {r['merge_precision']:.4f} "
        f"| {r['merge_recall']:.4f} | {r['false_merge_pairs']} | {r['candidates']:,} "
        f"| {r['candidate_precision']:.3f} | {r['recall_with_review']:.4f} | {r['seconds']:.1f} "
        f"| {r['cpu_seconds']:.1f} | {1e6 * r['cpu_seconds'] / r['entries']:.0f} |"
        for r in rows
    ]
    return head + "\n".join(lines)


def growth(small: dict[str, Any], large: dict[str, Any]) -> str:
    n1, n2 = small["entries"], large["entries"]
    ratio = large["cpu_seconds"] / small["cpu_seconds"]
    nlogn = (n2 * math.log(n2)) / (n1 * math.log(n1))
    return (
        f"CPU time x{ratio:.2f} for entries x{n2 / n1:.1f} (n log n predicts x{nlogn:.2f}, n^2 x{(n2 / n1) ** 2:.1f})"
    )


def write_report(rows: list[dict[str, Any]], db: dict[str, Any] | None, command: str) -> str:
    text = "# Dedup benchmark\n\n"
    text += (
        "Generated library (see `bench/bench_dedup.py`): Russian, Kazakh and English works rendered as parsed "
        "entries in Cyrillic and in BGN, BSI, LC, GOST 7.79 B and 2021 Kazakh Latin romanizations, with "
        "translations, abbreviated journals, missing fields, page-count and year slips and typos; about a fifth "
        "of the works belong to hard-negative families (series volumes, summit ordinals, same author + journal "
        "+ year, book/chapter/review/second edition). Entries are resolved one by one in random order with "
        "the in-memory index (same keys, scoring and decisions as the database path). Pairwise measures over "
        "entries; *recall incl. review* counts pairs joined by merges or by a candidate a curator would accept.\n\n"
    )
    text += table(rows) + "\n\n" + growth(rows[0], rows[-1]) + "\n\n"
    if db:
        text += (
            f"Database path (`process_new_works` per article of 25 entries, fresh SQLite): {db['entries']:,} "
            f"entries, merge precision {db['merge_precision']:.4f}, recall {db['merge_recall']:.4f}, "
            f"{db['seconds']:.1f} s ({db['ms_per_article']:.0f} ms per article); key table: "
            f"{db['keys_per_work']:.1f} rows per canonical work, largest block {db['largest_block']}, "
            f"{db['keys_on_merged_works']} rows on merged works.\n\n"
        )
    examples = rows[-1]["false_merges"]
    if examples:
        text += "False merges at the largest size (first few):\n\n" + "\n".join(f"- {e}" for e in examples) + "\n\n"
    text += f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs.  \n"
    text += f"Command: `{command}`\n"
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--db-size", type=int, default=2_000, help="entries for the database path (0: skip)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    database = Path(tempfile.mkdtemp()) / "bench_dedup.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    rows = []
    for size in (args.size // 4, args.size):
        items, truth = entries_for(size, args.seed)
        rows.append(run_memory(items, truth))
        print(table(rows[-1:]), flush=True)
    db = None
    if args.db_size:
        items, truth = entries_for(args.db_size, args.seed)
        db = run_database(items, truth)
        print(f"database path: {db}", flush=True)
    print(growth(rows[0], rows[-1]))
    command = "bench/bench_dedup.py " + " ".join(sys.argv[1:])
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(write_report(rows, db, command.strip()), encoding="utf-8")
    print(f"wrote {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
