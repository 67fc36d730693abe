"""The CSL type of a parsed reference, from the evidence the fields give.

Order matters: the genre words of a thesis or a law outrank the shape (a
dissertation abstract is printed like a chapter, a law like a web page), then
the host document decides between journal, proceedings and collection, and
only a reference with nothing but a URL is a web page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

THESIS = re.compile(
    r"дис+\.|(?<![а-яё])дис(?![а-яё])|дис+ертац|автореф|dissertation|\bthesis\b|\bdiss\.|Ph\.?\s?D\.?\s(?:thesis|diss)|кандидатск|"
    r"докторск\w*\sдис|магистерск|дисертац|диссертац|master'?s\sthesis|\bdis\.\s?(?:\.\.\.|…)|"
    r"\bkand\.\s\w+\.?\s?nauk|\bavtoref\.|\bd-ra\s\w+\.?\s?nauk",
    re.IGNORECASE,
)
LEGISLATION = re.compile(
    r"^(?:(?:Федеральный|Федеральный конституционный|Конституционный|Гражданский|Уголовный|Налоговый|Трудовой)\s"
    r"(?:закон|кодекс)|Закон\s(?:Республики|РФ|Российской|Украины|України|Кыргызской|о|об|от|за|№|\"|«)|Указ\s|Постановлени[ея]\s|Постанова\s|"
    r"Распоряжение\s|Розпорядження\s|Приказ\s|Наказ\s|Кодекс\s|Конституция\s|Конституція\s|Наредба\s|Решение\sна\s|"
    r"Указ Президента|Қаулы|Жарлығы|Constitution\sof|(?:The\s)?Code\sof\s|"
    r"(?:Federal\s|The\s)?Law\s(?:of|on|No)|Decree\s|Presidential\sDecree|Executive\sOrder|Resolution\s(?:of|No)|"
    r"(?:Civil|Criminal|Tax|Labor|Labour)\sCode)|\bЗаңы\b|\bзаңы\b|\bҚаулысы\b|\bқаулысы\b|\bЖарлығы\b|"
    r"закон(?:а)?\sот\s\d|\bLaw\sNo\.|^(?:Конституция|Конституці|Конституция)\w*|Конституциясы|\bКодексі\b|"
    r":\s?(?:Закон|Указ|Постанова|Постановление|Федеральный\sзакон|Наредба)\s|"
    r"(?:утв\.|утвержден\w*|затверджен\w*|бекітілген)\s(?:Указом|указом|Постановлением|постановлением|Законом|"
    r"приказом|Приказом|Наказом|наказом|Постановою|постановою|Жарлығымен)",
)
REPORT = re.compile(
    r"\b(?:report|working\spaper|policy\sbrief|white\spaper|technical\sreport|доклад|отч[её]т|звіт|баяндама)\b",
    re.IGNORECASE,
)
CONFERENCE = re.compile(
    r"conference|proceedings|\bproc\.|symposium|congress|workshop|colloquium|конференц|конф\.|симпозиум|"
    r"конгресс|конгрес|форум|forum|семинар|seminar|чтени[йя]|материалы|матеріали|тезис|summit|konferen|"
    r"\bmaterialy\b|simpozium|kongress|конференциясы|конференция\sматериал",
    re.IGNORECASE,
)
COLLECTION = re.compile(
    r"сборник|сб\.|збірник|зб\.|handbook|encyclopedia|энциклопеди|companion|reader|антология|collection|"
    r"сборник\sстатей|жинақ|монограф",
    re.IGNORECASE,
)
JOURNAL = re.compile(
    r"journal|bulletin|review|quarterly|annals|letters|transactions|magazine|herald|vestnik|izvestiya|voprosy|"
    r"zhurnal|хабаршы|жаршысы|вестник|вісник|известия|вопросы|журнал|списание|проблемы|studies|affairs|"
    r"perspectives|acta|revue|zeitschrift|survival|science|research|economics|politics|policy|law|history",
    re.IGNORECASE,
)
NEWSPAPER = re.compile(r"газета|newspaper|\bnews\b|times|post\b|правда|известия\s\d|gazette", re.IGNORECASE)


@dataclass
class Evidence:
    """What the field assembly saw, in the terms the type rules need."""

    title: str = ""
    container: str = ""
    genre: str = ""
    host: bool = False
    volume_or_issue: bool = False
    volume: bool = False
    pages: bool = False
    count: bool = False
    imprint: bool = False
    url: bool = False
    editors: bool = False
    day_month: bool = False
    collection: bool = False
    all_text: str = ""


def infer_type(ev: Evidence) -> str:
    """One CSL type for the evidence."""
    if THESIS.search(ev.genre) or THESIS.search(ev.container) or THESIS.search(ev.title[:200]):
        return "thesis"
    if LEGISLATION.search(ev.title):
        return "legislation"
    if ev.container:
        return _hosted_type(ev)
    if REPORT.search(ev.title) or REPORT.search(ev.genre):
        return "report"
    if ev.imprint or ev.count:
        return "book"
    if ev.url:
        return "webpage"
    if ev.volume_or_issue or ev.pages:
        return "article-journal"
    return "document"


def _hosted_type(ev: Evidence) -> str:
    """Journal article, conference paper or chapter, by the host document."""
    if NEWSPAPER.search(ev.container) and not ev.volume_or_issue:
        return "article-newspaper"
    if ev.day_month and not ev.url and not ev.volume and not ev.pages and not CONFERENCE.search(ev.container):
        return "article-newspaper"
    if CONFERENCE.search(ev.container):
        return "paper-conference"
    if COLLECTION.search(ev.container) or (ev.editors and (ev.collection or not ev.volume_or_issue)):
        return "chapter"
    if ev.url and not (ev.volume_or_issue or ev.pages or ev.imprint):
        return "webpage"
    if ev.volume_or_issue or JOURNAL.search(ev.container):
        return "article-journal"
    if ev.imprint:
        return "chapter"
    if ev.pages:
        return "article-journal"
    if ev.url and not ev.host:
        return "webpage"
    return "article-journal" if not ev.host else "chapter"
