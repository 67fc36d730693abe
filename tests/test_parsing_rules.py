"""General rules of the reference parser, one behaviour per test.

Each test pins a rule written to generalize (not a sample string): the expected values are read off
the printed reference by hand, following the CSL conventions of tests/data/parse_gold/README.md.
"""

from __future__ import annotations

from typing import Any

import pytest

from corpus_import.parsing import parse_reference
from corpus_import.parsing.language import detect_language
from corpus_import.parsing.locators import is_known_place, read_locators
from corpus_import.parsing.names import is_organization, parse_name_list


def issued(item: dict[str, Any]) -> list[int]:
    return (item.get("issued") or {}).get("date-parts", [[]])[0]


def families(item: dict[str, Any], role: str = "author") -> list[str]:
    return [n.get("family") or n.get("literal", "") for n in item.get(role, [])]


# --- numbers and dates --------------------------------------------------------


def test_month_and_day_before_the_year_are_a_date_not_a_volume() -> None:
    loc = read_locators("May 12, 2019")
    assert loc is not None and (loc.year, loc.volume, loc.day_month) == (2019, "", "May 12")


def test_article_number_of_a_law_gazette_is_neither_volume_nor_page() -> None:
    item = parse_reference(
        "Федеральный закон от 05.04.2013 № 44-ФЗ «О контрактной системе» // Собрание законодательства РФ. "
        "– 2013. – № 14. – Ст. 1652."
    )
    assert item["type"] == "legislation"
    assert (item.get("issue"), item.get("volume"), item.get("page")) == ("14", None, None)
    assert issued(item) == [2013, 4, 5]


def test_newspaper_page_may_be_a_letter_and_a_number() -> None:
    item = parse_reference("Smith, J. (2020, May 3). Oil prices fall again. The Washington Post, p. B4.")
    assert (item["type"], item["page"], item["container-title"]) == ("article-newspaper", "B4", "The Washington Post")
    assert issued(item) == [2020, 5, 3]


@pytest.mark.parametrize(
    ("raw", "page", "count"),
    [("Almaty, 2019. 150 b.", None, "150"), ("Алматы, 2019. – 45–50 б.", "45-50", None)],
)
def test_kazakh_page_units_after_a_count_or_a_range(raw: str, page: str | None, count: str | None) -> None:
    item = parse_reference(f"Omarov B.K. Some title of a book. {raw}")
    assert (item.get("page"), item.get("number-of-pages")) == (page, count)


def test_issue_of_a_gazette_dated_with_from() -> None:
    item = parse_reference("Закон за енергетиката. – Държавен вестник, бр. 107 от 09.12.2003 г.")
    assert (item["type"], item["container-title"], item["issue"]) == ("legislation", "Държавен вестник", "107")
    assert issued(item) == [2003, 12, 9]
    assert item["title"] == "Закон за енергетиката"


def test_gost_newspaper_article_is_dated_by_day_and_abbreviated_month() -> None:
    item = parse_reference("Петров А. Новые горизонты // Российская газета. – 2019. – 14 нояб.")
    assert item["type"] == "article-newspaper"
    assert issued(item) == [2019, 11, 14]


def test_kazakh_law_date_in_the_title() -> None:
    item = parse_reference(
        "Қазақстан Республикасының 2015 жылғы 23 қарашадағы № 414-V «Қазақстан Республикасының мемлекеттік "
        "қызметі туралы» Заңы. – URL: https://adilet.zan.kz/kaz/docs/Z1500000414 (қаралған күні: 01.03.2021)."
    )
    assert item["type"] == "legislation"
    assert issued(item) == [2015, 11, 23]


def test_cited_date_in_vancouver_year_month_day_order() -> None:
    item = parse_reference(
        "World Bank. Poverty report [Internet]. Washington: World Bank; 2020 [cited 2022 Feb 7]. "
        "Available from: https://www.worldbank.org/report"
    )
    assert item["accessed"] == {"date-parts": [[2022, 2, 7]]}
    assert (item["title"], item["publisher-place"], item["publisher"]) == ("Poverty report", "Washington", "World Bank")
    assert issued(item) == [2020]


def test_retrieved_date_leaves_no_from_in_the_title() -> None:
    item = parse_reference("Eurostat. (2021). Energy balances. Retrieved June 1, 2022, from https://ec.europa.eu/x")
    assert item["title"] == "Energy balances"
    assert item["accessed"] == {"date-parts": [[2022, 6, 1]]}


# --- places and publishers ----------------------------------------------------


def test_gazetteer_knows_cities_and_gost_abbreviations() -> None:
    assert is_known_place("Алматы") and is_known_place("М.; СПб.") and is_known_place("New York")
    assert not is_known_place("Политология") and not is_known_place("Bloomsbury")


def test_subtitle_of_a_journal_after_a_full_stop_is_not_a_place() -> None:
    item = parse_reference(
        "Иванов А.А. Выборы в регионах // Вестник Томского университета. Философия. – 2018. – № 2. – С. 5–14."
    )
    assert item["container-title"] == "Вестник Томского университета. Философия"
    assert "publisher-place" not in item


def test_bare_word_before_a_separate_year_and_a_volume_is_the_journal() -> None:
    item = parse_reference("Lewis D. Tajikistan after the war. Survival. 2016. Vol. 58, No. 5. P. 31–46.")
    assert (item["type"], item["container-title"], item.get("publisher-place")) == ("article-journal", "Survival", None)


def test_place_with_state_and_publisher_across_a_comma() -> None:
    item = parse_reference(
        "Lake, D. (1997) 'Regional security complexes', in Lake, D. and Morgan, P. (eds.) Regional Orders. "
        "University Park, PA: Penn State Press, pp. 45–67."
    )
    assert (item["publisher-place"], item["publisher"]) == ("University Park, PA", "Penn State Press")
    assert families(item, "editor") == ["Lake", "Morgan"]
    assert item["container-title"] == "Regional Orders"


def test_place_with_state_and_country_in_a_comma_run() -> None:
    item = parse_reference(
        '[4] A. B. Lee, "Entity linking at scale," in Proc. ACL, Vancouver, BC, Canada, 2017, pp. 1–10.'
    )
    assert item["publisher-place"] == "Vancouver, BC, Canada"
    assert item["container-title"] == "Proc. ACL"


def test_publisher_then_known_place_in_elsevier_harvard_order() -> None:
    item = parse_reference(
        "Ambrosio, T., 2009. Authoritarian backlash. In: Ambrosio, T. (Ed.), Russia and democracy. "
        "Ashgate Publishing, Farnham, pp. 1–20."
    )
    assert (item["publisher"], item["publisher-place"]) == ("Ashgate Publishing", "Farnham")
    assert item["container-title"] == "Russia and democracy"


def test_apa_chapter_ends_with_its_publisher_after_the_pages() -> None:
    item = parse_reference(
        "Kim, S. (2017). Soft power. In J. Doe & A. Roe (Eds.), Power in Asia (pp. 10–29). Palgrave Macmillan."
    )
    assert (item["type"], item["publisher"], item["page"]) == ("chapter", "Palgrave Macmillan", "10-29")


def test_vancouver_year_after_a_semicolon_is_not_part_of_the_publisher() -> None:
    item = parse_reference("Lee K, Kim J. Chapter title. In: Park S, editor. Book title. Seoul: Hanul; 2015. p. 11-20.")
    assert (item["publisher"], item["page"], issued(item)) == ("Hanul", "11-20", [2015])


def test_ieee_body_before_its_place_is_the_publisher_not_a_journal() -> None:
    item = parse_reference('[2] United Nations, "World population prospects," UN, New York, NY, USA, 2019.')
    assert families(item) == ["United Nations"]
    assert (item["publisher"], item.get("container-title")) == ("UN", None)


# --- segments, titles and hosts -----------------------------------------------


def test_quoted_name_in_a_publisher_is_not_cut_at_its_abbreviation() -> None:
    item = parse_reference(
        "Петков, П. История на идеите. Пловдив : Университетско издателство „Паисий Хилендарски“, 2015."
    )
    assert item["publisher"] == "Университетско издателство „Паисий Хилендарски“"
    assert item["title"] == "История на идеите"


def test_guillemets_keep_a_dash_inside_the_title() -> None:
    item = parse_reference("Алиев Р. «Запад – Восток»: диалог культур // Мысль. – 2016. – № 4. – С. 3–9.")
    assert item["title"] == "«Запад – Восток»: диалог культур"
    assert item["container-title"] == "Мысль"


def test_dash_before_a_year_with_a_colon_stays_in_the_title() -> None:
    item = parse_reference("Сапаров Б. Россия – 2030: сценарии развития // Полис. – 2015. – № 1. – С. 8–20.")
    assert item["title"] == "Россия – 2030: сценарии развития"


def test_year_span_in_parentheses_belongs_to_the_title() -> None:
    item = parse_reference("Мусин Т. Политика Казахстана (1991–2011 гг.) // Саясат. – 2012. – № 2. – С. 5–9.")
    assert item["title"] == "Политика Казахстана (1991–2011 гг.)"
    assert (issued(item), item.get("volume")) == ([2012], None)


def test_year_span_at_the_end_of_a_title_is_not_a_page_range() -> None:
    item = parse_reference("Abenov K. Migration in Kazakhstan, 1999-2009. Almaty: Arys, 2011. 120 p.")
    assert item["title"] == "Migration in Kazakhstan, 1999-2009"
    assert "page" not in item


def test_title_beginning_with_in_is_not_a_host() -> None:
    item = parse_reference("Doe, J. (2018, June 2). In Almaty, a new metro line opens. The Guardian, p. 12.")
    assert item["title"] == "In Almaty, a new metro line opens"
    assert item["container-title"] == "The Guardian"


def test_lowercase_in_after_a_quoted_title_opens_the_host() -> None:
    item = parse_reference("Doe, J. (2001) 'Borders', in Roe, A. (ed.) Frontiers. London: Verso, pp. 3–9.")
    assert item["container-title"] == "Frontiers"
    assert families(item, "editor") == ["Roe"]


def test_quote_followed_by_a_colon_opens_a_title_not_closes_it() -> None:
    item = parse_reference('Doe, J. (2015). "Never again": Memory politics in Ukraine. Slavic Review, 74(2), 1–20.')
    assert item["title"] == '"Never again": Memory politics in Ukraine'
    assert item["container-title"] == "Slavic Review"


def test_last_sentence_that_names_a_website_is_the_host() -> None:
    item = parse_reference(
        "Итоги года. Официальный сайт Правительства РК. – URL: https://gov.kz/a (дата обращения: 01.02.2022)."
    )
    assert (item["title"], item["container-title"]) == ("Итоги года", "Официальный сайт Правительства РК")


def test_access_conditions_and_title_source_notes_are_dropped() -> None:
    item = parse_reference(
        "Доклад о развитии [Электронный ресурс]. – Режим доступа: http://x.kz/d, свободный. – Загл. с экрана."
    )
    assert item["title"] == "Доклад о развитии"


def test_number_after_a_preposition_stays_in_the_book_title() -> None:
    item = parse_reference("Doe, J. (2019). Trade. In A. Roe (Ed.), Europe at 60 (pp. 5–20). Brill.")
    assert item["container-title"] == "Europe at 60"
    assert "volume" not in item


def test_degree_phrase_ends_before_the_place_of_a_thesis() -> None:
    item = parse_reference("Бондар О. В. Політика безпеки : автореф. дис. ... канд. політ. наук. Львів, 2018. 20 с.")
    assert (item["type"], item["publisher-place"], item["title"]) == ("thesis", "Львів", "Політика безпеки")


@pytest.mark.parametrize(
    "text",
    [
        "Ахметов А.А. Саяси жүйе: PhD ... дис. – Астана, 2020. – 150 б.",
        "Sidorov A.A. Politika Rossii: dis. ... kand. polit. nauk [Russian policy: PhD thesis]. Moscow, 2011. 200 p.",
        "Petrov, I. (2019). Energy and power [Doctoral dissertation, University of Bonn].",
        "Petrov, I. (2019). Energy and power (Master's thesis, University of Bonn).",
    ],
)
def test_dissertations_in_every_printed_form_are_theses(text: str) -> None:
    item = parse_reference(text)
    assert item["type"] == "thesis"
    assert ":" not in item["title"] and "[" not in item["title"] and "(" not in item["title"]


def test_apa_dissertation_names_its_university_as_publisher() -> None:
    item = parse_reference("Petrov, I. (2019). Energy and power [Doctoral dissertation, University of Bonn].")
    assert (item["publisher"], item["language"]) == ("University of Bonn", "en")


def test_report_number_in_parentheses_is_not_an_issue() -> None:
    item = parse_reference("RAND. (2018). Central Asia after 2014 (Research Report No. 123). https://www.rand.org/x")
    assert (item["type"], item.get("issue"), item.get("container-title")) == ("report", None, None)


def test_edition_statements_in_ukrainian_and_english_vancouver() -> None:
    uk = parse_reference("Бойко О. Д. Історія України : посібник. 3-тє вид. Київ : Академвидав, 2008. 688 с.")
    assert uk["title"] == "Історія України : посібник"
    en = parse_reference("Doe J. Clinical medicine. 5th ed. London: Saunders; 2012. 900 p.")
    assert (en["publisher-place"], en["publisher"]) == ("London", "Saunders")


def test_et_al_in_brackets_is_not_a_translated_title() -> None:
    item = parse_reference("Экономика региона / А.А. Иванов [и др.]. – М. : Наука, 2015. – 300 с.")
    assert "translated-title" not in item
    assert families(item) == ["Иванов"]


# --- types --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Қазақстан Республикасының Конституциясы. – Алматы: Жеті жарғы, 2008. – 48 б.",
        "Про освіту : Закон України від 05.09.2017 № 2145-VIII. URL: https://zakon.rada.gov.ua/laws/show/2145-19",
        "Концепция развития туризма : утв. постановлением Правительства РК от 30.06.2017 № 406. – URL: http://x.kz",
    ],
)
def test_laws_named_after_their_title_or_by_their_approval_are_legislation(text: str) -> None:
    assert parse_reference(text)["type"] == "legislation"


def test_romanized_conference_materials_are_a_conference_paper() -> None:
    item = parse_reference(
        "Ivanov I.I. Rol' ShOS [The role of the SCO]. Materialy mezhdunarodnoi konferentsii «Evraziya». "
        "Almaty, 2016, pp. 5-9. [in Russian]"
    )
    assert item["type"] == "paper-conference"


# --- names and bodies -----------------------------------------------------------


def test_full_cyrillic_names_with_patronymic_are_authors() -> None:
    item = parse_reference("Сидоров Петр Иванович. Внешняя политика : дис. ... канд. полит. наук. – М., 2010. – 180 с.")
    assert item["author"] == [{"family": "Сидоров", "given": "Петр Иванович"}]
    assert item["title"] == "Внешняя политика"


def test_family_comma_initial_and_given_name() -> None:
    item = parse_reference("Starr, S. Frederick. 2004. Xinjiang. Armonk, NY: M.E. Sharpe.")
    assert item["author"] == [{"family": "Starr", "given": "S. Frederick"}]
    assert item["title"] == "Xinjiang"


def test_given_first_editors_after_edited_by_in_a_comma_run() -> None:
    item = parse_reference(
        'Doe, John. "Borders." In Eurasia Today, edited by Mary K. Smith and S. Frederick Starr, 1–20. '
        "London: Hurst, 2010."
    )
    assert item["editor"] == [{"family": "Smith", "given": "Mary K."}, {"family": "Starr", "given": "S. Frederick"}]
    assert (item["container-title"], item["type"]) == ("Eurasia Today", "chapter")


def test_given_first_name_with_a_middle_initial_is_a_person() -> None:
    item = parse_reference("Stephen H. Kellert, In the Wake of Chaos, Chicago: University of Chicago Press, 1993.")
    assert item["author"] == [{"family": "Kellert", "given": "Stephen H."}]
    assert item["title"] == "In the Wake of Chaos"


def test_vancouver_names_before_a_parenthesized_year() -> None:
    item = parse_reference("Olcott MB (2010) Kazakhstan. Carnegie, Washington")
    assert item["author"] == [{"family": "Olcott", "given": "MB"}]


def test_two_word_surname_before_an_apa_year_is_a_person() -> None:
    item = parse_reference("Van Der Berg, T. (2014). Oil and the state. Routledge.")
    assert item["author"] == [{"family": "Van Der Berg", "given": "T."}]


@pytest.mark.parametrize(
    ("text", "literal", "title"),
    [
        (
            "Statista. (2021, June 3). Users of social media. https://www.statista.com/x",
            "Statista",
            "Users of social media",
        ),
        ("UNDP. (n.d.). Kazakhstan. https://www.undp.org/kazakhstan", "UNDP", "Kazakhstan"),
        (
            "Міністерство освіти і науки України. Офіційний сайт. URL: https://mon.gov.ua (дата звернення: 01.02.22).",
            "Міністерство освіти і науки України",
            "Офіційний сайт",
        ),
        (
            "Агентство по статистике РК. Численность населения. – URL: https://stat.gov.kz (дата обращения 01.02.22).",
            "Агентство по статистике РК",
            "Численность населения",
        ),
    ],
)
def test_bodies_before_the_title(text: str, literal: str, title: str) -> None:
    item = parse_reference(text)
    assert (families(item), item["title"]) == ([literal], title)


def test_body_in_the_responsibility_area_is_the_author() -> None:
    item = parse_reference("Статистический ежегодник / Агентство по статистике РК. – Астана, 2019. – 400 с.")
    assert families(item) == ["Агентство по статистике РК"]


def test_title_that_begins_with_an_institution_is_not_a_body() -> None:
    assert not is_organization("Шанхайская организация сотрудничества")
    assert is_organization("Шанхайская организация сотрудничества", sentence_case=True)
    assert not is_organization("Международные отношения в Центральной Азии", sentence_case=True)


def test_editor_after_a_translator_in_the_responsibility_area() -> None:
    item = parse_reference("Бек У. Общество риска / пер. с нем. под ред. А. Филиппова. – М. : Прогресс, 2000. – 384 с.")
    assert item["editor"] == [{"family": "Филиппов", "given": "А."}]


def test_given_first_reading_of_an_editor_list() -> None:
    names = parse_name_list("Roald Z. Sagdeev and Susan Eisenhower", given_first=True)
    assert names == [{"family": "Sagdeev", "given": "Roald Z."}, {"family": "Eisenhower", "given": "Susan"}]


# --- language -------------------------------------------------------------------


def test_short_bulgarian_title_is_recognised_from_the_rest_of_the_reference() -> None:
    assert detect_language("След Европа", context="Кръстев, И. След Европа. София") == "bg"
    assert detect_language("Геополитиката на Балканите") == "bg"


def test_old_spelling_and_kazakh_publishers_do_not_change_a_russian_title() -> None:
    assert detect_language("Россия и Европа", context="Данилевский Н.Я. Россия и Европа. СПб.: Глаголъ, 1995") == "ru"
    assert detect_language("О стратегии развития", context="// Әділет : информационно-правовая система") == "ru"


# --- English hosts and editors --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Smith J. Regional order. In: Brown K, Green L (eds) Asian security. Springer, Cham, pp 45–67",
        "Smith, J. 2015. Regional order. In Asian security, ed. K. Brown and L. Green, 45–67. London: Routledge.",
        "Smith J. Regional order // Asian security / ed. by K. Brown, L. Green. – London: Routledge, 2015. – P. 45–67.",
        "Smith J. Regional order. In Asian security, eds. K. Brown and L. Green. London: Routledge, 2015, pp. 45–67.",
        "Smith, J. (2015). Regional order. In K. Brown, & L. Green (Eds.), Asian security (2nd ed., pp. 45–67). Wiley.",
        "Smith J. Regional order. Asian security. Edited by K. Brown and L. Green. London: Routledge, 2015. P. 45-67.",
    ],
)
def test_editors_of_the_host_in_every_english_style(text: str) -> None:
    item = parse_reference(text)
    assert (item["type"], item["container-title"], item["page"]) == ("chapter", "Asian security", "45-67")
    assert families(item, "editor") == ["Brown", "Green"]


def test_host_editors_separated_by_commas_in_a_gost_responsibility_area() -> None:
    item = parse_reference(
        "Иванов И.И. Глава // Сборник / под ред. А.Б. Петрова, В.Г. Сидорова. – М. : Наука, 2010. – С. 5–10."
    )
    assert families(item, "editor") == ["Петров", "Сидоров"]
    assert (item["container-title"], item["publisher-place"]) == ("Сборник", "М.")


def test_compiler_abbreviation_does_not_end_the_host() -> None:
    item = parse_reference("Иванов И.И. Глава // Сборник / сост. С.С. Сидоров. – Алматы, 2012. – С. 10–20.")
    assert item["container-title"] == "Сборник"


def test_tex_quotes_delimit_a_title() -> None:
    item = parse_reference("J. Kam, ``Monotone data flow analysis,'' Acta Informatica, vol. 7, pp. 305-317, 1977.")
    assert (item["title"], item["container-title"], item["volume"]) == (
        "Monotone data flow analysis",
        "Acta Informatica",
        "7",
    )


def test_technical_report_statement_is_a_genre_with_its_institution() -> None:
    item = parse_reference("W. Li. Descent methods. Technical Report TR93-3, Old Dominion University, 1993.")
    assert (item["type"], item["title"], item.get("publisher")) == (
        "report",
        "Descent methods",
        "Old Dominion University",
    )


def test_comma_title_followed_by_a_publisher_in_an_author_year_reference() -> None:
    item = parse_reference("Horn, B. (1986). Robot Vision, MIT Press.")
    assert (item["title"], item["publisher"]) == ("Robot Vision", "MIT Press")


def test_publisher_named_with_initials_is_not_a_place() -> None:
    item = parse_reference("Mearsheimer, John J. The Tragedy of Great Power Politics. W. W. Norton, 2001.")
    assert (item["publisher"], item.get("publisher-place")) == ("W. W. Norton", None)


def test_apa_report_names_its_publisher_before_the_url() -> None:
    item = parse_reference(
        "Cooley, A. (2017). Whose rules? Russian influence in post-Soviet states. "
        "Carnegie Endowment for International Peace. https://carnegieendowment.org/x"
    )
    assert item["title"] == "Whose rules? Russian influence in post-Soviet states"
    assert item["publisher"] == "Carnegie Endowment for International Peace"


def test_initials_before_an_organization_word_are_not_a_person() -> None:
    item = parse_reference("U.S. Department of State. Country strategy: Kazakhstan. 2022. URL: https://www.state.gov/x")
    assert families(item) == ["U.S. Department of State"]
    assert item["title"] == "Country strategy: Kazakhstan"


@pytest.mark.parametrize(
    "text",
    [
        "Doe J (2005) Parsing. In: Proceedings of ECIR 2005. Lecture Notes in Computer Science, vol 3408. "
        "Springer, Berlin, pp 100–110",
        "J. Doe. Parsing. In A. Roe, editor, Proceedings of ECIR 2005, volume 3408 of Lecture Notes in Computer "
        "Science, pages 100-110. Springer, 2005.",
    ],
)
def test_numbered_book_series_is_the_collection_title(text: str) -> None:
    item = parse_reference(text)
    assert (item["collection-title"], item["volume"]) == ("Lecture Notes in Computer Science", "3408")
    assert item["container-title"] == "Proceedings of ECIR 2005"


def test_journal_series_stays_in_the_container_title() -> None:
    item = parse_reference(
        "Doe, A. (2021). Migration. Bulletin of KazNU. International Relations Series, 93(1), 20-29."
    )
    assert item["container-title"] == "Bulletin of KazNU. International Relations Series"
    assert "collection-title" not in item
