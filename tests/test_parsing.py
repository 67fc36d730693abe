"""The reference parser on every shape the issue names, in Cyrillic, Latin and romanized forms.

Expected values are written from the printed strings by hand (CSL conventions
of tests/data/parse_gold/README.md), not copied from parser output.
"""

from __future__ import annotations

from typing import Any

import pytest

from corpus_import.parsing import parse_reference
from corpus_import.parsing.names import nominative, parse_name_list, read_name_block
from corpus_import.parsing.normalize import normalize
from corpus_import.parsing.script import repair_lookalikes
from corpus_import.parsing.web import extract_web, parse_date


def year(item: dict[str, Any]) -> int | None:
    parts = (item.get("issued") or {}).get("date-parts") or [[None]]
    return parts[0][0]


def families(item: dict[str, Any], role: str = "author") -> list[str]:
    return [n.get("family") or n.get("literal", "") for n in item.get(role, [])]


# --- GOST 7.1 / 7.0.5 -------------------------------------------------------


def test_gost_journal_article_with_areas_and_double_slash() -> None:
    item = parse_reference(
        "Иванов И.И., Петров П.П. Экономическая интеграция в Евразии // Вопросы экономики. – 2013. "
        "– Т. 51, № 1. – С. 59–79."
    )
    assert item["type"] == "article-journal"
    assert item["author"] == [{"family": "Иванов", "given": "И.И."}, {"family": "Петров", "given": "П.П."}]
    assert item["title"] == "Экономическая интеграция в Евразии"
    assert item["container-title"] == "Вопросы экономики"
    assert (year(item), item["volume"], item["issue"], item["page"]) == (2013, "51", "1", "59-79")
    assert item["language"] == "ru"


def test_gost_latin_article_with_vol_no_p() -> None:
    item = parse_reference(
        "- [8] Allison R. China, Russia and the Post-Western World Order // *International Affairs*. – 2018. "
        "– Vol. 94, No. 6. – P. 1249–1267. [in Eng.]."
    )
    assert item["type"] == "article-journal"
    assert families(item) == ["Allison"]
    assert item["title"] == "China, Russia and the Post-Western World Order"
    assert item["container-title"] == "International Affairs"
    assert (item["volume"], item["issue"], item["page"], year(item)) == ("94", "6", "1249-1267", 2018)
    assert item["language"] == "en"


def test_issue_with_volume_in_parentheses_after_number_sign() -> None:
    item = parse_reference(
        "Baizakova K.I. The SCO's Role in Countering Threats // Russian Politics and Law. – 2013. – №51(1). – P.59-79."
    )
    assert (item["volume"], item["issue"], item["page"]) == ("51", "1", "59-79")


def test_running_issue_number_in_parentheses_is_not_a_volume() -> None:
    item = parse_reference(
        "Никитина Ю. ОДКБ и ШОС как модели взаимодействия // Индекс безопасности. № 2 (97), Том 17. C. 45-53."
    )
    assert (item["issue"], item["volume"], item["page"]) == ("2", "17", "45-53")


def test_vypusk_is_an_issue_and_chinese_names_stay_family_first() -> None:
    item = parse_reference(
        "14. Ян Юнмин, Тан Синьвэй. Меры укрепления доверия и безопасность в АТР // Проблемы и исследования. "
        "– Выпуск 38. – 1999. – С. 19-40."
    )
    assert item["author"] == [{"family": "Ян", "given": "Юнмин"}, {"family": "Тан", "given": "Синьвэй"}]
    assert (item["issue"], item["page"], year(item)) == ("38", "19-40", 1999)
    assert item["container-title"] == "Проблемы и исследования"


def test_gost_book_with_place_and_page_count() -> None:
    item = parse_reference("10. Асанов Ж. Эволюция СВМДА «ТЕ ДНИ». – Дели, 2007. – 46 с.")
    assert item["type"] == "book"
    assert item["title"] == "Эволюция СВМДА «ТЕ ДНИ»"
    assert (item["publisher-place"], year(item), item["number-of-pages"]) == ("Дели", 2007, "46")


def test_gost_book_edited_in_genitive_with_publisher() -> None:
    item = parse_reference(
        "- 12. Международные отношения в Центральной Азии. События и документы. Под ред. А. Богатурова. "
        "М.: Аспект Пресс, 2011. 549 с."
    )
    assert item["type"] == "book"
    assert "author" not in item
    assert item["editor"] == [{"family": "Богатуров", "given": "А."}]
    assert item["title"] == "Международные отношения в Центральной Азии. События и документы"
    assert (item["publisher-place"], item["publisher"], year(item)) == ("М.", "Аспект Пресс", 2011)
    assert item["number-of-pages"] == "549"


def test_gost_host_with_place_area_keeps_container_and_place_apart() -> None:
    item = parse_reference(
        "11. Макашева К.Н. Роль СВМДА в обеспечении региональной безопасности // Вестник КазНУ. "
        "– Международные отношения. – Алматы. – 2022. – С.43-52."
    )
    assert item["container-title"] == "Вестник КазНУ. Международные отношения"
    assert item["publisher-place"] == "Алматы"
    assert (item["page"], year(item)) == ("43-52", 2022)


def test_conference_proceedings_are_paper_conference() -> None:
    item = parse_reference(
        "13. Лазутин Л.А. Каталог мер доверия в Азии (СВМДА) // Материалы III межд. науч.-практ. конф. "
        "– Улан-Удэ. – 2010. – С. 14-24."
    )
    assert item["type"] == "paper-conference"
    assert item["container-title"].startswith("Материалы III межд. науч.-практ. конф")
    assert (item["publisher-place"], item["page"]) == ("Улан-Удэ", "14-24")


def test_collection_with_editor_is_chapter() -> None:
    item = parse_reference(
        "Петрова Е.В. Интеграционные процессы // Евразийская интеграция: сборник статей / под ред. В.В. Иванова. "
        "– М.: Логос, 2016. – С. 45–60."
    )
    assert item["type"] == "chapter"
    assert item["container-title"] == "Евразийская интеграция: сборник статей"
    assert item["editor"] == [{"family": "Иванов", "given": "В.В."}]
    assert (item["publisher"], item["page"]) == ("Логос", "45-60")


def test_dissertation_abstract_is_thesis() -> None:
    item = parse_reference(
        "Кузнецов В.А. Политика России в Центральной Азии : автореф. дис. ... канд. полит. наук. – М., 2009. – 24 с."
    )
    assert item["type"] == "thesis"
    assert item["title"] == "Политика России в Центральной Азии"
    assert (item["number-of-pages"], year(item)) == ("24", 2009)


def test_english_dissertation_abstract_after_double_slash_is_thesis() -> None:
    item = parse_reference(
        "9. Chukalova R.R. Military-political cooperation of Kazakhstan // Abstract of a dissertation ... "
        "degree of doctor (PhD). - Astana, 2019 - 30 p."
    )
    assert item["type"] == "thesis"
    assert "container-title" not in item
    assert (item["publisher-place"], year(item), item["number-of-pages"]) == ("Astana", 2019, "30")


def test_newspaper_article_keeps_its_full_date() -> None:
    item = parse_reference("Иванов И. Новая стратегия // Казахстанская правда. – 2020. – 12 марта.")
    assert item["type"] == "article-newspaper"
    assert item["issued"] == {"date-parts": [[2020, 3, 12]]}
    assert "volume" not in item


def test_laws_and_decrees_are_legislation() -> None:
    law = parse_reference(
        "Федеральный закон от 12.01.1996 № 7-ФЗ «О некоммерческих организациях» // Собрание законодательства РФ. "
        "– 1996. – № 3. – Ст. 145."
    )
    decree = parse_reference(
        "Указ Президента Республики Казахстан от 29 марта 2021 года № 538 «О Концепции внешней политики» "
        "[Электронный ресурс]. – URL: https://adilet.zan.kz/rus/docs/U2100000538 (дата обращения: 12.04.2022)."
    )
    assert law["type"] == decree["type"] == "legislation"
    assert law["issued"] == {"date-parts": [[1996, 1, 12]]}
    assert decree["issued"] == {"date-parts": [[2021, 3, 29]]}
    assert decree["accessed"] == {"date-parts": [[2022, 4, 12]]}


def test_gost_electronic_resource_with_url_and_access_date() -> None:
    item = parse_reference(
        "12. Кадекова Ж.М. Институционализация СВМДА: перспективы трансформации в Азии [Электронный ресурс]. "
        "– URL: <https://repository.apa.kz/bitstream/handle/123/1191/x.pdf?sequence=1&isAllowed=y> "
        "(дата обращения: 05.03.2023.)"
    )
    assert item["type"] == "webpage"
    assert item["title"] == "Институционализация СВМДА: перспективы трансформации в Азии"
    assert item["URL"] == "https://repository.apa.kz/bitstream/handle/123/1191/x.pdf?sequence=1&isAllowed=y"
    assert item["accessed"] == {"date-parts": [[2023, 3, 5]]}


def test_latin_lookalikes_inside_cyrillic_text_are_repaired() -> None:
    item = parse_reference(" - 6. Цели HATO в Кыргызстане // http://polit.kg/conference/5/274.")
    assert item["title"] == "Цели НАТО в Кыргызстане"
    assert item["URL"] == "http://polit.kg/conference/5/274"
    assert item["type"] == "webpage"


def test_lookalike_repair_keeps_latin_acronyms_and_roman_numerals() -> None:
    assert repair_lookalikes("Роль NATO и ШОС в XXI веке, C. 45") == "Роль NATO и ШОС в XXI веке, С. 45"


def test_ukrainian_bulgarian_and_kazakh_references() -> None:
    uk = parse_reference(
        "Іванов І.І. Зовнішня політика України // Вісник Київського університету. – 2019. – Вип. 3. – С. 10–20."
    )
    bg = parse_reference("Петров, П. Българската външна политика след 1989 г. София: Изток-Запад, 2015. 320 с.")
    kk = parse_reference("Әбенов Қ.Б. Қазақстанның сыртқы саясаты. – Алматы: Қазақ университеті, 2018. – 250 б.")
    assert (uk["language"], uk["issue"], uk["page"]) == ("uk", "3", "10-20")
    assert (bg["language"], bg["publisher-place"], bg["publisher"], year(bg)) == ("bg", "София", "Изток-Запад", 2015)
    assert (kk["language"], kk["number-of-pages"], kk["publisher"]) == ("kk", "250", "Қазақ университеті")


def test_gost_2018_content_type_edn_and_bibliography_notes_are_not_fields() -> None:
    item = parse_reference(
        "Сидоров, А. А. Геополитика : учебник / А. А. Сидоров ; под редакцией Б. Б. Петрова. – 2-е изд. – "
        "Москва : Юрайт, 2019. – 300 с. : ил. – Библиогр.: с. 290–299. – ISBN 978-5-534-00000-0. "
        "– Текст : непосредственный."
    )
    assert item["title"] == "Геополитика : учебник"
    assert item["editor"] == [{"family": "Петров", "given": "Б.Б."}]
    assert (item["publisher-place"], item["publisher"], item["number-of-pages"]) == ("Москва", "Юрайт", "300")
    assert "page" not in item


def test_gost_2018_electronic_article_with_day_first_slashes() -> None:
    item = parse_reference(
        "Иванов, И. И. Название статьи / И. И. Иванов, П. П. Петров. – Текст : электронный // Вопросы истории. "
        "– 2020. – № 3. – С. 5–17. – URL: https://vi.ru/a (дата обращения: 05/03/2021). – EDN ABCDEF."
    )
    assert families(item) == ["Иванов", "Петров"]
    assert (item["container-title"], item["issue"], item["page"]) == ("Вопросы истории", "3", "5-17")
    assert item["accessed"] == {"date-parts": [[2021, 3, 5]]}


# --- romanized twins --------------------------------------------------------


def test_romanized_twin_with_translation_and_language_tag() -> None:
    item = parse_reference(
        "11. Makasheva K.N. Rol' SVMDA v obespechenii regional'noi bezopasnosti [The role of the CICA in ensuring "
        "regional security] Vestnik KazNU. Mezhdunarodnye otnosheniya [KazNU Bulletin. International relations], "
        "43-52 (2022). [in Russian]"
    )
    assert item["type"] == "article-journal"
    assert item["author"] == [{"family": "Makasheva", "given": "K.N."}]
    assert item["title"] == "Rol' SVMDA v obespechenii regional'noi bezopasnosti"
    assert item["translated-title"] == "The role of the CICA in ensuring regional security"
    assert item["container-title"] == "Vestnik KazNU. Mezhdunarodnye otnosheniya"
    assert (item["page"], year(item), item["language"]) == ("43-52", 2022, "ru")


def test_romanized_book_with_parenthesized_imprint() -> None:
    item = parse_reference(
        '10. Asanov Zh. Evolyutsiya SVMDA "TE DNI" [The evolution of the CICA "THOSE DAYS"] (Deli, 2007, 46 p.). '
        "[in Russian]"
    )
    assert item["author"] == [{"family": "Asanov", "given": "Zh."}]
    assert item["type"] == "book"
    assert (item["publisher-place"], year(item), item["number-of-pages"]) == ("Deli", 2007, "46")
    assert item["translated-title"] == 'The evolution of the CICA "THOSE DAYS"'


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Abdrakhmanova G. Kazakhstan i ShOS: problemy i perspektivy. Almaty: KISI, 2015. 180 p.", "ru"),
        ("Tokaev K. Kazakhstannyn syrtky sayasaty zhane ulttyk kauipsizdik. Almaty, 2010. 200 p.", "kk"),
        ("Nye J.S. Soft Power: The Means to Success in World Politics. New York: Public Affairs, 2004. 191 p.", "en"),
    ],
)
def test_untagged_romanized_titles_get_the_original_language(text: str, language: str) -> None:
    assert parse_reference(text)["language"] == language


def test_romanized_volume_and_pages_before_parenthesized_year() -> None:
    item = parse_reference(
        "21. Voronovich V.V. Evolyutsiya ShOS [The evolution of the SCO], Zhurnal mezhdunarodnogo prava "
        "[Journal of International Law], 2, 33-46 (2007). [in Russian]"
    )
    assert item["container-title"] == "Zhurnal mezhdunarodnogo prava"
    assert (item["volume"], item["page"], year(item)) == ("2", "33-46", 2007)


# --- English styles ---------------------------------------------------------


def test_author_year_journal_article_with_doi() -> None:
    item = parse_reference(
        "Chen, X., & Wang, Y. (2019). Belt and Road Initiative in Central Asia. Journal of Eurasian Studies, 10(2), "
        "123–135. https://doi.org/10.1177/1879366519850712"
    )
    assert item["type"] == "article-journal"
    assert item["author"] == [{"family": "Chen", "given": "X."}, {"family": "Wang", "given": "Y."}]
    assert item["container-title"] == "Journal of Eurasian Studies"
    assert (item["volume"], item["issue"], item["page"], year(item)) == ("10", "2", "123-135", 2019)
    assert item["DOI"] == "10.1177/1879366519850712"
    assert "URL" not in item


def test_author_year_label_and_italic_author_are_stripped() -> None:
    item = parse_reference(
        "Alimbekov, 2020 – *Alimbekov K.Zh.* SCO as a factor of regional security: challenges and prospects for "
        "Kazakhstan. Bulletin of the Kazakh National University named after al-Farabi. International relations, "
        "(2), p. 45-58."
    )
    assert item["author"] == [{"family": "Alimbekov", "given": "K.Zh."}]
    assert item["title"] == "SCO as a factor of regional security: challenges and prospects for Kazakhstan"
    assert item["container-title"] == (
        "Bulletin of the Kazakh National University named after al-Farabi. International relations"
    )
    assert (item["issue"], item["page"]) == ("2", "45-58")
    assert "issued" not in item, "the label's year is the citation key, not a printed field"
    assert item["_label_year"] == 2020


def test_english_book_with_place_publisher_and_page_count() -> None:
    item = parse_reference(
        "- [1] Buzan B. *Regions and Powers: The Structure of International Security*. Cambridge: Cambridge "
        "University Press, 2003. 564 p. [in Eng.]."
    )
    assert item["type"] == "book"
    assert item["title"] == "Regions and Powers: The Structure of International Security"
    assert (item["publisher-place"], item["publisher"]) == ("Cambridge", "Cambridge University Press")
    assert (year(item), item["number-of-pages"]) == (2003, "564")


def test_apa_book_with_publisher_sentence_and_edition() -> None:
    item = parse_reference("Goldstein, J. S., & Pevehouse, J. C. (2014). International relations (10th ed.). Pearson.")
    assert item["type"] == "book"
    assert item["author"][0] == {"family": "Goldstein", "given": "J.S."}
    assert (item["title"], item["publisher"]) == ("International relations", "Pearson")


def test_apa_chapter_with_editor_and_pages() -> None:
    item = parse_reference(
        "Laruelle, M. (2018). Russia and Central Asia. In R. Kanet (Ed.), Routledge Handbook of Russian Security "
        "(pp. 212–223). London: Routledge."
    )
    assert item["type"] == "chapter"
    assert item["editor"] == [{"family": "Kanet", "given": "R."}]
    assert item["container-title"] == "Routledge Handbook of Russian Security"
    assert (item["page"], item["publisher-place"], item["publisher"]) == ("212-223", "London", "Routledge")


def test_chicago_author_date_volume_issue_pages() -> None:
    item = parse_reference(
        "Marat, E. 2016. Post-Soviet Security Cooperation. Problems of Post-Communism 63 (2): 87–98."
    )
    assert (item["title"], item["container-title"]) == (
        "Post-Soviet Security Cooperation",
        "Problems of Post-Communism",
    )
    assert (item["volume"], item["issue"], item["page"], year(item)) == ("63", "2", "87-98", 2016)


def test_chicago_notes_style_with_quoted_title() -> None:
    item = parse_reference(
        'Mearsheimer, John J. "Why the Ukraine Crisis Is the West\'s Fault." Foreign Affairs 93, no. 5 (2014): 77–89.'
    )
    assert item["author"] == [{"family": "Mearsheimer", "given": "John J."}]
    assert (item["title"], item["container-title"]) == ("Why the Ukraine Crisis Is the West's Fault", "Foreign Affairs")
    assert (item["volume"], item["issue"], item["page"], year(item)) == ("93", "5", "77-89", 2014)


def test_harvard_single_quoted_title_and_ieee_place_with_state() -> None:
    harvard = parse_reference(
        "Kembayev, Z. (2020) 'Development of China–Kazakhstan cooperation', Problems of Post-Communism, 67(3), "
        "pp. 204–216."
    )
    ieee = parse_reference(
        "[3] A. Cooley and J. Heathershaw, Dictators Without Borders. New Haven, CT, USA: Yale Univ. Press, 2017."
    )
    assert harvard["title"] == "Development of China–Kazakhstan cooperation"
    assert harvard["container-title"] == "Problems of Post-Communism"
    assert (ieee["publisher-place"], ieee["publisher"]) == ("New Haven, CT, USA", "Yale Univ. Press")


def test_corporate_author_before_a_parenthesized_year() -> None:
    item = parse_reference(
        "Freedom House. (2021). Nations in transit 2021: Kazakhstan. https://freedomhouse.org/country/kazakhstan"
    )
    assert item["author"] == [{"literal": "Freedom House"}]
    assert (item["title"], year(item), item["type"]) == ("Nations in transit 2021: Kazakhstan", 2021, "webpage")


def test_vancouver_numbers_after_semicolon() -> None:
    item = parse_reference("Peters OA, Smith J, Brown K. Cyclic fatigue of instruments. J Endod. 2014;40(9):1477-81.")
    assert families(item) == ["Peters", "Smith", "Brown"]
    assert item["container-title"] == "J Endod"
    assert (year(item), item["volume"], item["issue"], item["page"]) == (2014, "40", "9", "1477-81")


def test_names_printed_given_first() -> None:
    item = parse_reference(
        "28. Gregory Gleason and Marat E. Shaihtudinov. Collective Security and Non-State Actors in Eurasia // "
        "International Studies Perspectives. – Vol. 6, No. 2. – 2005. – pp. 284."
    )
    assert item["author"] == [
        {"family": "Gleason", "given": "Gregory"},
        {"family": "Shaihtudinov", "given": "Marat E."},
    ]
    assert item["title"] == "Collective Security and Non-State Actors in Eurasia"
    assert item["page"] == "284"


def test_romanized_chinese_names() -> None:
    item = parse_reference(
        "Zhang Wei, Li Ming. Energy cooperation between China and Kazakhstan // Central Asia and the Caucasus. "
        "2018. Vol. 19, no. 3. P. 45–56."
    )
    assert item["author"] == [{"family": "Zhang", "given": "Wei"}, {"family": "Li", "given": "Ming"}]


@pytest.mark.parametrize(
    ("text", "literal", "title"),
    [
        (
            "- [4] NATO. *NATO 2022 Strategic Concept*. Madrid: North Atlantic Treaty Organization, 2022. 14 p.",
            "NATO",
            "NATO 2022 Strategic Concept",
        ),
        (
            '- [6] Shanghai Cooperation Organization. Joint anti-terrorism exercises "Sahand-2025". SCO Secretariat, '
            "2025. Available at: <https://eng.sectSCO.org/20251205/2093981.html> [in Eng.].",
            "Shanghai Cooperation Organization",
            'Joint anti-terrorism exercises "Sahand-2025"',
        ),
        (
            "World Bank. Kazakhstan Economic Update. Washington, DC: World Bank, 2021. 56 p.",
            "World Bank",
            "Kazakhstan Economic Update",
        ),
    ],
)
def test_corporate_authors_are_literal_names(text: str, literal: str, title: str) -> None:
    item = parse_reference(text)
    assert item["author"] == [{"literal": literal}]
    assert item["title"] == title


def test_document_titled_after_an_organization_is_not_a_corporate_author() -> None:
    item = parse_reference(
        "17. Charter of the Shanghai Cooperation Organization [Electronic resource]. Available at: "
        "<https://www.iri.edu.ar/charter.pdf> (Accessed: 05.03.2024)."
    )
    assert "author" not in item
    assert item["title"] == "Charter of the Shanghai Cooperation Organization"


# --- web resources ----------------------------------------------------------


def test_electronic_resource_available_at_with_accessed_date() -> None:
    item = parse_reference(
        "2. Almaty Act [Electronic resource]. Available at: <https://www.s-cica.org/docs/1127838236637b541b9ef48.pdf>"
        " (Accessed: 05.03.2024)."
    )
    assert item == {
        "type": "webpage",
        "title": "Almaty Act",
        "URL": "https://www.s-cica.org/docs/1127838236637b541b9ef48.pdf",
        "accessed": {"date-parts": [[2024, 3, 5]]},
        "language": "en",
        "_confidence": item["_confidence"],
    }


def test_date_of_treatment_is_month_first_and_broken_url_is_rejoined() -> None:
    item = parse_reference(
        "2.Five years after the denunciation of the agreement on the US airbase / https://knews.kg/2018/06/25/"
        "pyat-let-posle- ili-kak-izmenilsya-kontekst / (date of treatment 11/28/2020)"
    )
    assert item["URL"] == "https://knews.kg/2018/06/25/pyat-let-posle-ili-kak-izmenilsya-kontekst"
    assert item["accessed"] == {"date-parts": [[2020, 11, 28]]}
    assert item["title"] == "Five years after the denunciation of the agreement on the US airbase"


def test_url_loses_trailing_bracket_and_full_stop() -> None:
    item = parse_reference(
        "- 8. Бекиев Ж. Великий Туран без армии // http://easttime.ru/analytics/kyrgyzstan/velikii-turan/4358)."
    )
    assert item["URL"] == "http://easttime.ru/analytics/kyrgyzstan/velikii-turan/4358"
    assert item["title"] == "Великий Туран без армии"


def test_markdown_link_with_unbalanced_parenthesis_in_url() -> None:
    url = "https://dppa.un.org/en/sco#:~:text=The%20Organization%20(SCO,Shanghai%20on%2015%20June%202001"
    item = parse_reference(
        f"24. Shanghai Cooperation Organization [Electronic resource]. Available at: "
        f"[{url.replace('(', chr(92) + '(')}]({url}). (Accessed: 05.03.2023)."
    )
    assert item["URL"] == url
    assert item["title"] == "Shanghai Cooperation Organization"


def test_escaped_underscores_in_link_text_do_not_leak() -> None:
    item = parse_reference(
        "25. Безопасность в Азии [Электронный ресурс]. – URL: [https://online.zakon.kz/Document/?doc\\\\_id=1](https://"
        "online.zakon.kz/Document/?doc_id=1) (дата обращения: 05.03.2023)."
    )
    assert item["URL"] == "https://online.zakon.kz/Document/?doc_id=1"


@pytest.mark.parametrize(
    ("raw", "month_first", "expected"),
    [
        ("05.03.2023", False, [2023, 3, 5]),
        ("11/27/2020", True, [2020, 11, 27]),
        ("11.30.2020", False, [2020, 11, 30]),
        ("5 March 2023", False, [2023, 3, 5]),
        ("March 5, 2023", False, [2023, 3, 5]),
        ("2023-03-05", False, [2023, 3, 5]),
        ("12 марта 2021", False, [2021, 3, 12]),
        ("31.02.2020", False, []),
    ],
)
def test_access_dates_in_every_printed_order(raw: str, month_first: bool, expected: list[int]) -> None:
    assert parse_date(raw, month_first=month_first) == expected


def test_isbn_and_doi_are_cut_out_of_the_text() -> None:
    text, web = extract_web(
        "Кембаев Ж.М. Правовые аспекты. – Алматы, 2010. – 232 с. – ISBN 978-601-7217-08-2. "
        "doi:10.26577/irilj.2021.v95.i3.02"
    )
    assert (web.isbn, web.doi) == ("978-601-7217-08-2", "10.26577/irilj.2021.v95.i3.02")
    assert "ISBN" not in text and "10.26577" not in text


# --- building blocks --------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("- [1] Buzan B. Title.", "Buzan B. Title."),
        ("[15] Kazakhstan Institute. Title.", "Kazakhstan Institute. Title."),
        ("12. **Иванов И.И.** *Название*", "Иванов И.И. Название"),
        ("2.Five years after", "Five years after"),
        ("Alimbekov, 2020 – *Alimbekov K.Zh.* SCO as a factor", "Alimbekov K.Zh. SCO as a factor"),
        ("2019. Annual report of the bank", "2019. Annual report of the bank"),
    ],
)
def test_labels_and_markup_are_stripped(raw: str, expected: str) -> None:
    assert normalize(raw)[0] == expected


@pytest.mark.parametrize(
    ("genitive", "nominative_form"),
    [("Богатурова", "Богатуров"), ("Иванова", "Иванов"), ("Петровской", "Петровская"), ("Ивановой", "Иванова")],
)
def test_editor_surnames_return_to_nominative(genitive: str, nominative_form: str) -> None:
    assert nominative(genitive) == nominative_form


def test_name_list_in_responsibility_statement() -> None:
    assert parse_name_list("И. И. Иванов, П.П. Петров") == [
        {"family": "Иванов", "given": "И.И."},
        {"family": "Петров", "given": "П.П."},
    ]


def test_title_words_are_not_read_as_given_first_names() -> None:
    assert read_name_block("Regions and Powers. Cambridge: CUP, 2003").names == []
    assert read_name_block("Almaty Act").names == []
    assert read_name_block("The United States is showing a military interest").names == []


def test_confidence_is_higher_for_a_complete_reference_than_for_noise() -> None:
    good = parse_reference("Buzan B. Regions and Powers. Cambridge: Cambridge University Press, 2003. 564 p.")
    noise = parse_reference("Перейти к архиву")
    assert 0 <= noise["_confidence"] < good["_confidence"] <= 1
