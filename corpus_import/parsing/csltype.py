"""The CSL type of a parsed reference, from the evidence the fields give.

Order matters: the genre words of a thesis or a law outrank the shape (a
dissertation abstract is printed like a chapter, a law like a web page), then
the host document decides between journal, proceedings and collection, and
only a reference with nothing but a URL is a web page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gates import gated

THESIS = gated(
    r"дис+\.|(?<![а-яё])дис(?![а-яё])|дис+ертац|автореф|dissertation|\bthesis\b|\bdiss(?:\.|$)|Ph\.?\s?D\.?\s(?:thesis|diss)|кандидатск|"
    r"докторск\w*\sдис|магистерск|дисертац|диссертац|master'?s\sthesis|\bdis\.\s?(?:\.\.\.|…)|"
    r"\bkand\.\s\w+\.?\s?nauk|\bavtoref\.|\bd-ra\s\w+\.?\s?nauk|\bdissertatsiya",
    "дис автореф diss thesis кандидатск магистерск dis. kand. avtoref. d-ra",
    re.IGNORECASE,
)
LEGISLATION = gated(
    r"^(?:(?:Федеральный|Федеральный конституционный|Конституционный|Гражданский|Уголовный|Налоговый|Трудовой)\s"
    r"(?:закон|кодекс)|Закон\s(?:Республики|РФ|Российской|Украины|України|Кыргызской|о|об|от|за|№|\"|«)|Указ\s|Постановлени[ея]\s|Постанова\s|"
    r"Распоряжение\s|Розпорядження\s|Приказ\s|Наказ\s|Кодекс\s|Конституция\s|Конституція\s|Наредба\s|Решение\sна\s|"
    r"Указ Президента|Қаулы|Жарлығы|Constitution\sof|(?:The\s)?Code\sof\s|"
    r"(?:Federal\s|The\s)?Law\s(?:of|on|No)|Decree\s|Presidential\sDecree|Executive\sOrder|Resolution\s(?:of|No)|"
    r"(?:Civil|Criminal|Tax|Labor|Labour)\sCode|Order\sof\sthe\s(?:Minister|Ministry|President|Government|Chairman)|"
    r"Regulation\s(?:\(E[CU]\)|No|of)|Directive\s(?:\(E[CU]\)|\d)|Нормативное\sпостановление|"
    r"Решение\s(?:Высшего|Совета|Коллегии|Комиссии|Межгосударственного|Евразийского|Конституционного))|"
    r"\bбұйрығы\b|\bБұйрығы\b|^(?:Zakon|Ukaz|Postanovlenie|Postanova|Rasporyazhenie|Prikaz|Nakaz|Kodeks)\s"
    r"(?:Respubliki|Prezidenta|Pravitel'stva|Kabinetu|Ministra|Ukrainy|Ukrayiny|RF|Rossiiskoi|Kyrgyzskoi|ot|o|ob)\b|"
    r"^Konstitutsi(?:ya|ia)\b|\b(?:Zany|Zharlygy|Qaulysy)\b|"
    # Uzbek decree, resolution, law (`...to'g'risida"gi Farmoni`); Kyrgyz law, decree, resolution
    r"(?<!\w)(?:Farmoni|Qarori|Qonuni|Фармони|Қарори|Қонуни|Мыйзамы|Жарлыгы|[Тт]октому)(?!\w)|\bЗаңы\b|\bзаңы\b|\bҚаулысы\b|\bқаулысы\b|\bЖарлығы\b|"
    r"закон(?:а)?\sот\s\d|\bLaw\sNo\.|^Конституци(?:я|и|ю|ей)\b|^Конституці(?:я|ї|ю|єю)\b|Конституциясы|\bКодексі\b|"
    r":\s?(?:[Зз]акон|[Уу]каз|[Пп]останова|[Пп]остановление|[Фф]едеральный\sзакон|[Нн]аредба|[Рр]озпорядження|"
    r"[Рр]аспоряжение|[Нн]аказ|[Пп]риказ)\s|"
    r"(?:утв\.|утвержден\w*|затверджен\w*|бекітілген)\s(?:Указом|указом|Постановлением|постановлением|Законом|"
    r"приказом|Приказом|Наказом|наказом|Постановою|постановою|Жарлығымен)",
    "закон кодекс указ постанов распоряжение розпорядження приказ наказ конституц наредба решение қаулы жарлығы "
    "constitution code law decree executive resolution order regulation directive заңы утв. утвержден затверджен "
    "бекітілген бұйрығы zakon ukaz postanov rasporyazh prikaz nakaz kodeks konstituts zany zharlyg qaulys "
    "farmon qaror qonun фармон қарор қонун мыйзам жарлыгы токтом",
)
REPORT = gated(
    r"\b(?:reports?|(?:working|discussion|occasional|research|policy|briefing|background)\spapers?|policy\sbrief|"
    r"issue\sbrief|white\spaper|technical\sreport|доклад|отч[её]т|звіт|баяндама)\b",
    "report working discussion occasional research policy briefing background issue white доклад отчет отчёт звіт "
    "баяндама",
    re.IGNORECASE,
)
CONFERENCE = gated(
    r"conference|proceedings|\bproc\.|symposium|congress|workshop|colloquium|конференц|конф\.|симпозиум|"
    r"конгресс|конгрес|форум|forum|семинар|seminar|чтени[йя]|материалы|матеріали|тезис|summit|konferen|"
    r"\bmaterialy\b|simpozium|kongress|конференциясы|конференция\sматериал|\bmeeting\b",
    "conference proceedings proc. symposium congress workshop colloquium конф симпозиум конгрес форум forum "
    "семинар seminar чтени материалы матеріали тезис summit konferen materialy simpozium kongress meeting",
    re.IGNORECASE,
)
# A journal may be called a forum or a bulletin of a seminar; with a volume number it is the journal.
WEAK_EVENT = re.compile(r"\b(?:[Ff]orum|[Фф]орум|[Ss]eminar|[Сс]еминар|[Ss]ummit)\b")
# Preprint servers printed where a journal would be: `arXiv preprint arXiv:1810.04805`, `SSRN`, `bioRxiv`.
PREPRINT = re.compile(
    r"^(?:arXiv|bioRxiv|medRxiv|ChemRxiv|SocArXiv|PsyArXiv|EarthArXiv|SSRN|Research\sSquare|Preprints|OSF\sPreprints|"
    r"TechRxiv|Authorea)\b(?:\spreprint)?(?:\s(?:arXiv:)?\d{4}\.\d{4,5}(?:v\d+)?)?(?:\sElectron(?:ic)?\sJ(?:ournal)?\.?)?\.?$",
    re.IGNORECASE,
)
COLLECTION = gated(
    r"сборник|сб\.|збірник|зб\.|handbook|encyclopedia|энциклопеди|companion|reader|антология|collection|"
    r"сборник\sстатей|жинақ|монограф",
    "сборник сб. збірник зб. handbook encyclopedia энциклопеди companion reader антология collection жинақ монограф",
    re.IGNORECASE,
)
JOURNAL = gated(
    r"journal|bulletin|review|quarterly|annals|letters|transactions|magazine|herald|vestnik|izvestiya|voprosy|"
    r"zhurnal|хабаршы|жаршысы|вестник|вісник|известия|вопросы|журнал|списание|проблемы|studies|affairs|"
    r"perspectives|acta|revue|zeitschrift|survival|science|research|economics|politics|policy|law|history",
    "journal bulletin review quarterly annals letters transactions magazine herald vestnik izvestiya voprosy "
    "zhurnal хабаршы жаршысы вестник вісник известия вопросы журнал списание проблемы studies affairs "
    "perspectives acta revue zeitschrift survival science research economics politics policy law history",
    re.IGNORECASE,
)
NEWSPAPER = gated(
    r"газета|newspaper|\bnews\b|\btimes\b|\bpost\b(?!-)|правда|известия\s\d|gazette|\bguardian\b|\btelegraph\b|"
    r"wall\sstreet\sjournal|\bgazeta\b|\bpravda\b|kommersant|коммерсант|vedomosti|ведомости|газеті|"
    r"егемен\sқазақстан|egemen\sqazaqstan|жас\sалаш|аргументы\sи\sфакты",
    "газета newspaper news times post правда известия gazette guardian telegraph wall gazeta pravda kommersant "
    "коммерсант vedomosti ведомости газеті егемен egemen алаш аргументы",
    re.IGNORECASE,
)


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
    edition: bool = False
    all_text: str = ""


def _thesis(ev: Evidence) -> bool:
    """A dissertation named in the genre, the host or the title (one hint test for the three)."""
    texts = (ev.genre, ev.container, ev.title[:200])
    return THESIS.possible(" ".join(texts)) and any(THESIS.pattern.search(text) for text in texts)


def infer_type(ev: Evidence) -> str:
    """One CSL type for the evidence."""
    if _thesis(ev):
        return "thesis"
    if LEGISLATION.search(ev.title):
        return "legislation"
    if ev.container:
        return _hosted_type(ev)
    if REPORT.search(ev.title) or REPORT.search(ev.genre):
        return "report"
    if ev.imprint or ev.count or ev.edition:
        return "book"
    if ev.url:
        return "webpage"
    if ev.volume_or_issue or ev.pages:
        return "article-journal"
    return "document"


def _conference(ev: Evidence) -> bool:
    """Proceedings or materials of an event; `International Affairs Forum 1 (1)` is a journal."""
    if not CONFERENCE.search(ev.container):
        return False
    return not ev.volume or CONFERENCE.search(WEAK_EVENT.sub(" ", ev.container)) is not None


def _hosted_type(ev: Evidence) -> str:
    """Journal article, conference paper or chapter, by the host document."""
    if PREPRINT.match(ev.container) and not ev.volume_or_issue:
        return "article"  # CSL's type for a preprint
    if NEWSPAPER.search(ev.container) and not ev.volume:
        return "article-newspaper"
    if ev.day_month and not ev.url and not ev.volume and not CONFERENCE.search(ev.container):
        return "article-newspaper"
    if _conference(ev):
        return "paper-conference"
    if COLLECTION.search(ev.container) or (ev.editors and (ev.collection or not ev.volume_or_issue)):
        return "chapter"
    if ev.url and not (ev.volume_or_issue or ev.pages or (ev.imprint and not ev.day_month)):
        return "webpage"  # a site's publisher beside a day-dated page (MLA) does not make it a book chapter
    if ev.volume_or_issue or JOURNAL.search(ev.container):
        return "article-journal"
    if ev.imprint:
        return "chapter"
    if ev.pages:
        return "article-journal"
    if ev.url and not ev.host:
        return "webpage"
    return "article-journal" if not ev.host else "chapter"
