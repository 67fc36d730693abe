"""Reference strings rendered from Crossref records, for tests and the benchmark.

Real reference lists print the same work in many ways; rendering recorded
real records in APA-like, GOST (`//`) and Vancouver-like styles, with typos
and missing fields, gives strings whose right answer (the DOI) is known.
`parsed_item` is what a good parser would extract from such a string, so
validation can be measured independently of the parser.
"""

from __future__ import annotations

import random
from typing import Any

from bibliography.crossref.records import csl_type, first, record_year

STYLES = ("apa", "gost", "vancouver")


def names(record: dict[str, Any]) -> list[dict[str, str]]:
    people = record.get("author") or record.get("editor") or []
    return [
        {"family": person.get("family") or person.get("name") or "", "given": person.get("given") or ""}
        for person in people
    ]


def initials(given: str) -> str:
    return "".join(f"{part[0]}." for part in given.replace("-", " ").split() if part)


def typo(text: str, rng: random.Random) -> str:
    """One dropped, doubled or swapped letter inside a longer word."""
    words = text.split()
    long_words = [index for index, word in enumerate(words) if len(word) > 5 and word.isalpha()]
    if not long_words:
        return text
    index = rng.choice(long_words)
    word, cut = words[index], rng.randrange(1, len(words[index]) - 2)
    variants = [word[:cut] + word[cut + 1 :], word[:cut] + word[cut] + word[cut:]]
    variants.append(word[:cut] + word[cut + 1] + word[cut] + word[cut + 2 :])
    words[index] = rng.choice(variants)
    return " ".join(words)


def parsed_item(record: dict[str, Any], rng: random.Random | None = None, drop: float = 0.0) -> dict[str, Any]:
    """The CSL item a parser would get from a rendering of the record (fields dropped at rate `drop`)."""
    rng = rng or random.Random(0)
    title = first(record.get("title"))
    subtitle = first(record.get("subtitle"))
    item: dict[str, Any] = {
        "type": csl_type(record),
        "title": f"{title}: {subtitle}" if subtitle else title,
        "author": names(record)[:6],
        "container-title": first(record.get("container-title")),
        "volume": first(record.get("volume")),
        "issue": first(record.get("issue")),
        "page": first(record.get("page")) or first(record.get("article-number")),
        "publisher": first(record.get("publisher")),
    }
    year = record_year(record)
    if year:
        item["issued"] = {"date-parts": [[year]]}
    for key in ("container-title", "volume", "issue", "page", "publisher"):
        if rng.random() < drop:
            item.pop(key, None)
    return {key: value for key, value in item.items() if value}


def render(item: dict[str, Any], style: str) -> str:
    """One printed reference for a parsed item."""
    return {"apa": render_apa, "gost": render_gost, "vancouver": render_vancouver}[style](item)


def year_of(item: dict[str, Any]) -> str:
    parts = (item.get("issued") or {}).get("date-parts") or [[""]]
    return str(parts[0][0] or "")


def render_apa(item: dict[str, Any]) -> str:
    authors = ", ".join(f"{a['family']}, {initials(a['given'])}".strip(", ") for a in item.get("author", [])[:6])
    text = f"{authors} ({year_of(item) or 'n.d.'}). {item.get('title', '')}."
    if item.get("container-title"):
        text += f" {item['container-title']}"
        text += f", {item['volume']}" if item.get("volume") else ""
        text += f"({item['issue']})" if item.get("issue") else ""
        text += f", {item['page']}" if item.get("page") else ""
        text += "."
    elif item.get("publisher"):
        text += f" {item['publisher']}."
    return text


def render_gost(item: dict[str, Any]) -> str:
    people = item.get("author", [])
    lead = f"{people[0]['family']} {initials(people[0]['given'])} " if people else ""
    others = ", ".join(f"{initials(a['given'])} {a['family']}".strip() for a in people[:4])
    text = f"{lead}{item.get('title', '')}"
    text += f" / {others}" if others else ""
    if item.get("container-title"):
        text += f" // {item['container-title']}."
        text += f" – {year_of(item)}." if year_of(item) else ""
        text += f" – Vol. {item['volume']}" if item.get("volume") else ""
        text += f", № {item['issue']}" if item.get("issue") else ""
        text += f". – P. {item['page'].replace('-', '–')}" if item.get("page") else ""
        return text + "."
    return text + f". – {item.get('publisher', '')}, {year_of(item)}."


def render_vancouver(item: dict[str, Any]) -> str:
    authors = ", ".join(
        f"{a['family']} {initials(a['given']).replace('.', '')}".strip() for a in item.get("author", [])
    )
    text = f"{authors}. {item.get('title', '')}. "
    if item.get("container-title"):
        text += f"{item['container-title']}. {year_of(item)}"
        text += f";{item['volume']}" if item.get("volume") else ""
        text += f"({item['issue']})" if item.get("issue") else ""
        text += f":{item['page']}" if item.get("page") else ""
        return text + "."
    return text + f"{item.get('publisher', '')}; {year_of(item)}."


def noisy(item: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A typo in the title, sometimes in the container too (what OCR and hurried typing do)."""
    item = dict(item)
    item["title"] = typo(item.get("title", ""), rng)
    if item.get("container-title") and rng.random() < 0.5:
        item["container-title"] = typo(item["container-title"], rng)
    return item


UNKNOWN_RU = [
    "Алимбеков К.Ж. Правовое регулирование цифровой экономики // Вестник КазНУ. – 2020. – № 3. – С. 45–52.",
    "Иванов А.А., Петров Б.Б. Экологические проблемы Каспийского региона. – Алматы: Наука, 2015. – 320 с.",
    "Сулейменова Э.Д. Языковая политика Казахстана // Вопросы языкознания. – 2018. – № 2. – С. 101–118.",
    "Нұрғалиева А. Қазақ әдебиетіндегі дәстүр мен жаңашылдық // ҚазҰУ Хабаршысы. – 2019. – Т. 4. – Б. 12–19.",
    "Смирнов В.П. Теория виджетов в информационных системах // Информатика. – 2011. – № 7. – С. 5–9.",
]


def unknown_references() -> list[str]:
    """Russian and Kazakh references of works Crossref does not hold."""
    return list(UNKNOWN_RU)
