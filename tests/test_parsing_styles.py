"""Style variants of the reference parser, one rule per test (APA, Chicago, MLA, IEEE, GOST, DSTU, RSCI twins).

Like tests/test_parsing_rules.py these pin rules written to generalize; the references are written for
the tests, and the expected values are read off them by hand (tests/data/parse_gold/README.md conventions).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from corpus_import.parsing import parse_reference
from corpus_import.parsing.assemble import build_item
from corpus_import.parsing.language import detect_language


def issued(item: dict[str, Any]) -> list[int]:
    return (item.get("issued") or {}).get("date-parts", [[]])[0]


def families(item: dict[str, Any], role: str = "author") -> list[str]:
    return [n.get("family") or n.get("literal", "") for n in item.get(role, [])]


# --- titles and hosts ------------------------------------------------------------


def test_sentence_case_sentences_after_a_question_continue_an_apa_title() -> None:
    item = parse_reference(
        "Noor, A. (2011). Who sets the rules? Norm diffusion and regional change in Eurasia. "
        "Comparative Politics Review, 12(2), 45–67."
    )
    assert item["title"] == "Who sets the rules? Norm diffusion and regional change in Eurasia"
    assert item["container-title"] == "Comparative Politics Review"


def test_paper_presented_at_an_event_names_the_event_as_host() -> None:
    item = parse_reference(
        "Baker, T. (2015). Borders and trade in Central Asia. Paper presented at the Annual Meeting of the "
        "Eurasian Studies Society, Boston, MA."
    )
    assert (item["type"], item["title"]) == ("paper-conference", "Borders and trade in Central Asia")
    assert item["container-title"] == "Annual Meeting of the Eurasian Studies Society"


def test_apa_descriptor_in_brackets_is_not_a_translation() -> None:
    item = parse_reference("Lee, K. (2021, June 2). Water diplomacy today [Blog post]. Asia Watch. https://aw.org/1")
    assert "translated-title" not in item
    assert (item["title"], item["container-title"]) == ("Water diplomacy today", "Asia Watch")


def test_translator_and_edition_note_leave_the_apa_title() -> None:
    item = parse_reference("Weber, M. (1978). Economy and society (G. Roth, Trans.; 2nd ed.). University Press.")
    assert (item["title"], item["type"]) == ("Economy and society", "book")


def test_a_book_series_sentence_is_the_collection() -> None:
    item = parse_reference(
        "Brown, Kate. Steppe Empires and Their Neighbours. Studies in Central Eurasian History. Leiden: Brill, 2014."
    )
    assert item["title"] == "Steppe Empires and Their Neighbours"
    assert item["collection-title"] == "Studies in Central Eurasian History"


def test_numbered_report_series_is_neither_title_nor_issue() -> None:
    item = parse_reference(
        "Asian Bank. Kyrgyz Republic: Public Finance Review. Country Report No. 19/7. Manila: AB, 2019."
    )
    assert (item["title"], item["type"], item.get("issue")) == (
        "Kyrgyz Republic: Public Finance Review",
        "report",
        None,
    )


def test_a_web_reference_names_its_site_not_a_publisher() -> None:
    item = parse_reference(
        "Ross, D. (2019) Caspian deal signed. The Steppe Diary. Available at: https://steppe.org/a "
        "(Accessed: 3 May 2019)."
    )
    assert (item["type"], item["container-title"], item.get("publisher")) == ("webpage", "The Steppe Diary", None)


def test_a_site_sentence_after_a_web_title_is_its_host() -> None:
    item = parse_reference("Population of Uzbekistan. Worldometer. URL: https://example.info/uz (accessed 1 May 2021).")
    assert (item["title"], item["container-title"]) == ("Population of Uzbekistan", "Worldometer")


def test_event_place_and_date_in_parentheses_give_no_pages() -> None:
    item = parse_reference(
        "Ахмедов Р. Водные ресурсы // Материалы конференции «Вода и мир» (Ташкент, 10–11 апреля 2017 г.). – "
        "Ташкент: ТГУ, 2017. – С. 23–29."
    )
    assert (item["page"], item["type"]) == ("23-29", "paper-conference")


def test_a_volumes_issue_range_in_parentheses_stays_with_the_volume() -> None:
    item = parse_reference("Ivanov, P., 2004. Trade routes revisited. Asian Econ. Rev. 7 (1–2), 101–119.")
    assert (item["volume"], item["issue"], item["page"]) == ("7", "1-2", "101-119")


# --- GOST areas --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Петров И. Реформы в 1995 – 2005 гг. – Алматы, 2007. – 120 с.", "Реформы в 1995 – 2005 гг"),
        ("Сейтов А. Казахстан (1991–2001) – годы перемен // Полис. – 2002. – № 3. – С. 5–9.", None),
        ("Иванова Е. **Миграция и рынок труда** – Алматы: КИСИ, 2011. – 210 с.", "Миграция и рынок труда"),
        ("Омаров Б. Степные города.-Алматы:Білім, 2006.-180 с.", "Степные города"),
    ],
)
def test_a_gost_dash_cuts_areas_not_ranges_or_title_words(text: str, title: str | None) -> None:
    item = parse_reference(text)
    assert item["title"] == (title or "Казахстан (1991–2001) – годы перемен")


def test_an_abbreviation_before_place_and_colon_ends_the_title_area() -> None:
    item = parse_reference("Мельник О. О. Регіональна безпека : зб. наук. пр. Київ : Наукова думка, 2018. 240 с.")
    assert (item["title"], item["publisher-place"], item["publisher"]) == (
        "Регіональна безпека : зб. наук. пр",
        "Київ",
        "Наукова думка",
    )


def test_compilers_are_not_editors() -> None:
    item = parse_reference("Дипломатия Казахстана : сб. документов / сост. А.Б. Серикова. – Алматы, 2015. – 300 с.")
    assert "editor" not in item and item["title"] == "Дипломатия Казахстана : сб. документов"


@pytest.mark.parametrize(
    ("statement", "editors"),
    [
        ("/ отв. ред. Б.К. Ахметов, науч. ред. М.Т. Сейтов", ["Ахметов", "Сейтов"]),
        ("/ под ред. проф. А.А. Громова", ["Громов"]),
        ("/ гол. ред. І. М. Петренко", ["Петренко"]),
        ("/ pod red. A.V. Volkova", ["Volkov"]),
    ],
)
def test_editor_statements_of_several_languages(statement: str, editors: list[str]) -> None:
    item = parse_reference(f"Политика и право {statement}. – Алматы: КИСИ, 2011. – 420 с.")
    assert families(item, "editor") == editors


@pytest.mark.parametrize(
    "text",
    [
        'Order of the Minister of Health of the Republic of Kazakhstan No. 12 of 3 May 2019 "On rules".',
        "Решение Высшего Евразийского экономического совета от 1 мая 2019 года № 5 «О бюджете».",
        "Қазақстан Республикасы Қаржы министрінің 2019 жылғы 3 мамырдағы № 12 бұйрығы.",
        "Zakon Respubliki Kazakhstan ot 6 yanvarya 2012 goda № 527-IV «O natsional'noi bezopasnosti».",
        "Про захист даних : постанова від 12.02.2020 № 100.",
    ],
)
def test_numbered_acts_are_legislation(text: str) -> None:
    assert parse_reference(text)["type"] == "legislation"


def test_a_textbook_on_constitutional_law_is_not_a_constitution() -> None:
    item = parse_reference("Шаповал В. М. Конституційне право : підручник. Київ : Юрінком, 2018. 480 с.")
    assert item["type"] == "book"


# --- names ---------------------------------------------------------------------------


def test_chicago_inverts_only_the_first_name() -> None:
    item = parse_reference("Allen, Mark, and Dana W. Price, eds. Frontier States. New York: Norton, 2004.")
    assert families(item, "editor") == ["Allen", "Price"]


def test_ieee_editors_before_eds_are_the_hosts_editors() -> None:
    item = parse_reference(
        '[2] K. Lin, "Parsing Kazakh," in Turkic NLP, 2nd ed., L. Adams and B. Cole, Eds. London, U.K.: Academic, '
        "2020, pp. 10–20."
    )
    assert families(item, "editor") == ["Adams", "Cole"]
    assert (item["container-title"], item["publisher-place"]) == ("Turkic NLP", "London, U.K.")


def test_a_name_before_a_quoted_title_is_its_author() -> None:
    assert families(parse_reference('Steppewatch. "Border talks resume." Steppewatch, May 2, 2021.')) == ["Steppewatch"]
    assert families(parse_reference("Aigul Sarsen, ‘Nomads’, in Tom Reed (ed.), Steppe (London: Hurst, 2003).")) == [
        "Sarsen"
    ]


def test_long_pinyin_given_names_stay_family_first() -> None:
    item = parse_reference("Zhang Guangcheng, Li Xiaoming. Silk roads today. Beijing: Xinhua Press, 2015. 300 p.")
    assert families(item) == ["Zhang", "Li"]


# --- imprints, web, language -----------------------------------------------------


def test_mla_publisher_before_the_year_after_an_edition() -> None:
    item = parse_reference("Hale, Ann. Nomad Empires. 3rd ed., Steppewood, 2011.")
    assert (item.get("publisher"), item.get("publisher-place"), item["title"]) == ("Steppewood", None, "Nomad Empires")


@pytest.mark.parametrize(
    ("imprint", "place", "publisher"),
    [
        ("Almaty, Gylym Publ., 2012.", "Almaty", "Gylym Publ"),
        ("London and New York: Routledge, 2003.", "London and New York", "Routledge"),
    ],
)
def test_imprints_without_the_usual_colon(imprint: str, place: str, publisher: str) -> None:
    item = parse_reference(f"Sultanov B.K. Istoriya stepi [History of the steppe]. {imprint}")
    assert (item["publisher-place"], item["publisher"]) == (place, publisher)


def test_romanized_electronic_resource_and_access_date() -> None:
    item = parse_reference(
        "Strategiya razvitiya [Elektronnyi resurs]. URL: http://example.kz/a (data obrashcheniya: 12.05.2020)."
    )
    assert "translated-title" not in item and item["accessed"]["date-parts"][0] == [2020, 5, 12]


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("Kazakhstan's election: what's next for Astana?", "en"),
        ("Мемлекеттік тіл саясаты", "kk"),
        ("Енергийната политика на ЕС в Централна Азия", "bg"),
    ],
)
def test_language_of_short_titles(title: str, lang: str) -> None:
    if title.isascii():
        assert parse_reference(f"Smith J. {title}. The Review. 2019. URL: https://x.org/a")["language"] == lang
    else:
        assert detect_language(title) == lang


def test_a_reference_without_type_evidence_is_a_book() -> None:
    assert parse_reference("Khan, Ali. The Steppe Frontier. U of Nowhere P, 2007.")["type"] == "book"


@pytest.mark.parametrize(
    ("statement", "editors"),
    [
        ("/ ред.-сост. В.В. Петров", ["Петров"]),
        ("/ под ред. д.и.н. А.Б. Смирнова", ["Смирнов"]),
        ("/ под ред. д-ра полит. наук, проф. А.Б. Иванова", ["Иванов"]),
        ("/ за ред. Т. Шевченка", ["Шевченко"]),
    ],
)
def test_editor_roles_titles_and_genitives(statement: str, editors: list[str]) -> None:
    assert families(parse_reference(f"Политика {statement}. – М., 2012. – 100 с."), "editor") == editors


@pytest.mark.parametrize(
    "host",
    [
        "In Steppe Today (K. Jones, Ed.) (pp. 1–20). Springer.",
        "In Steppe Today, K. Jones (ed.), 1–20. Berlin: Springer.",
        "In: Steppe Today. Ed. by K. Jones. Berlin: Springer, 2010. P. 1–20.",
    ],
)
def test_editors_printed_after_the_host_title(host: str) -> None:
    item = parse_reference(f"Smith, J. (2010). Water politics. {host}")
    assert (families(item, "editor"), item["container-title"]) == (["Jones"], "Steppe Today")


def test_a_one_word_translation_of_a_romanized_title() -> None:
    item = parse_reference("Ivanov I. Bezopasnost' [Security]. Almaty: KISI, 2010. 200 p.")
    assert item["translated-title"] == "Security"


def test_a_volume_printed_inside_the_title_area_is_kept() -> None:
    item = parse_reference("Кошанов А.К. Экономика Казахстана: Т. 2. – Алматы, 2005. – 400 с.")
    assert (item["title"], item["volume"]) == ("Экономика Казахстана", "2")


def test_every_development_reference_parses_without_the_safety_net() -> None:
    """`parse_reference` hides a crash behind a zero-confidence item; a rule that raises must still fail here."""
    texts = [
        json.loads(line)["text"]
        for path in sorted((Path(__file__).parent / "data" / "parse_dev").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(texts) > 600
    for text in texts:
        assert build_item(text)["type"]
