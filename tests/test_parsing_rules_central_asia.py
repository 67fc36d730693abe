"""Rules added from the sixth probe (Uzbek, Kyrgyz, archival, MDPI, Elsevier, Chicago/MLA/IEEE shapes).

One behaviour per test; the expected values are read off the printed reference by hand (CSL conventions of
tests/data/parse_gold/README.md), never copied from the parser's output.
"""

from __future__ import annotations

from typing import Any

import pytest

from corpus_import.parsing import parse_reference
from corpus_import.parsing.language import detect_language, romanized_language, tagged_language


def issued(item: dict[str, Any]) -> list[int]:
    return (item.get("issued") or {}).get("date-parts", [[]])[0]


def families(item: dict[str, Any], role: str = "author") -> list[str]:
    return [n.get("family") or n.get("literal", "") for n in item.get(role, [])]


# --- languages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("Ўзбекистонда фуқаролик жамияти институтлари", "uz"),  # `ў`
        ("Кыргыз тилинин өнүгүү маселелери", "ky"),  # `өү` and no Kazakh-only letter
        ("Қазақ тілінің мәселелері", "kk"),  # Kazakh `әі` keep it Kazakh
    ],
)
def test_central_asian_cyrillic_alphabets(title: str, lang: str) -> None:
    assert detect_language(title) == lang


def test_uzbek_latin_title_is_uzbek_not_english() -> None:
    assert romanized_language("O'zbekiston tarixining dolzarb masalalari va yechimlari") == "uz"


@pytest.mark.parametrize(("tag", "lang"), [("[in Uzbek]", "uz"), ("(In Kyrgyz)", "ky")])
def test_uzbek_and_kyrgyz_language_tags(tag: str, lang: str) -> None:
    code, rest = tagged_language(f"Title [Translation]. Tashkent, 2019. 200 p. {tag}")
    assert (code, tag in rest) == (lang, False)


# --- archives, theses, laws -------------------------------------------------------


def test_archival_fonds_inventory_file_leaves_is_a_manuscript() -> None:
    item = parse_reference("ЦГАРУз. Ф. Р-837. Оп. 32. Д. 1520. Л. 45–47 об.")
    assert item["type"] == "manuscript"
    assert (item.get("page"), item.get("volume"), item.get("issue"), item.get("container-title")) == (
        "45-47",
        None,
        None,
        None,
    )


def test_uzbek_latin_dissertation_statement_leaves_the_title() -> None:
    item = parse_reference(
        "Karimova D. Mustaqillik yillarida ta'lim islohotlari: tarix fanlari doktori (DSc) dissertatsiyasi. "
        "– Toshkent, 2021. – 260 b."
    )
    assert (item["type"], item["title"]) == ("thesis", "Mustaqillik yillarida ta'lim islohotlari")
    assert (item.get("publisher-place"), item.get("number-of-pages")) == ("Toshkent", "260")


def test_uzbek_decree_with_its_date_and_access_note() -> None:
    item = parse_reference(
        "O'zbekiston Respublikasi Prezidentining 2020-yil 5-oktabrdagi PF-6079-son Farmoni. "
        "– URL: https://lex.uz/docs/5030957 (murojaat sanasi: 12.02.2022)."
    )
    assert item["type"] == "legislation"
    assert issued(item) == [2020, 10, 5]
    assert item["accessed"]["date-parts"][0] == [2022, 2, 12]


# --- imprints and numbers ----------------------------------------------------------


def test_romanized_place_comma_publisher_without_publ() -> None:
    item = parse_reference("Abdullaev K. Istoriya Tadzhikistana [History of Tajikistan]. Dushanbe, Irfon, 2009. 420 p.")
    assert (item["type"], item.get("publisher-place"), item.get("publisher")) == ("book", "Dushanbe", "Irfon")


def test_place_comma_country_is_not_a_publisher() -> None:
    item = parse_reference("Abdullaev K. Istoriya Tadzhikistana [History of Tajikistan]. Dushanbe, Tajikistan, 2009.")
    assert item.get("publisher") != "Tajikistan"


@pytest.mark.parametrize(
    ("tail", "page"),
    [("– 2021. – № 2. – B. 40–48.", "40-48"), ("– 2019. – № 4. – 112–118-б.", "112-118")],
)
def test_latin_b_and_kyrgyz_trailing_b_page_marks(tail: str, page: str) -> None:
    item = parse_reference(f"Ergashev A. Ta'lim sifati // Xalq ta'limi. {tail}")
    assert (item["type"], item.get("page"), item.get("publisher")) == ("article-journal", page, None)


def test_mdpi_book_prints_publisher_colon_place() -> None:
    item = parse_reference("Starr, S.F. Lost Enlightenment; Princeton University Press: Princeton, NJ, USA, 2013.")
    assert (item["type"], item["title"]) == ("book", "Lost Enlightenment")
    assert (item.get("publisher"), item.get("publisher-place")) == ("Princeton University Press", "Princeton, NJ, USA")


def test_mdpi_chapter_with_editors_before_the_imprint() -> None:
    item = parse_reference(
        "Lee, K. Dams and rivers. In Rivers of Asia; Park, S., Chen, L., Eds.; Springer: Cham, Switzerland, "
        "2020; pp. 101–120."
    )
    assert (item["type"], item.get("container-title"), item.get("page")) == ("chapter", "Rivers of Asia", "101-120")
    assert families(item, "editor") == ["Park", "Chen"]
    assert (item.get("publisher"), item.get("publisher-place")) == ("Springer", "Cham, Switzerland")


def test_elsevier_year_in_parentheses_after_the_volume() -> None:
    item = parse_reference("A. Ivanov, B. Li, Soil salinity in Karakalpakstan, Geoderma 402 (2021) 115–124.")
    assert (item.get("container-title"), item.get("volume"), item.get("issue")) == ("Geoderma", "402", None)
    assert issued(item) == [2021]


def test_translator_sentence_is_neither_title_nor_publisher() -> None:
    item = parse_reference(
        "Auezov, Mukhtar. Abai. Translated by L. Navrozov and D. Skvirsky. Moscow: Progress Publishers, 1975."
    )
    assert (item["title"], item.get("publisher")) == ("Abai", "Progress Publishers")


def test_edition_after_the_title_comma() -> None:
    item = parse_reference("S. Haykin, Neural Networks, 2nd ed. Upper Saddle River, NJ, USA: Prentice Hall, 1999.")
    assert item["title"] == "Neural Networks"


def test_nlm_place_with_state_in_parentheses() -> None:
    item = parse_reference(
        "Porta M, editor. A dictionary of epidemiology. New York (NY): Oxford University Press; 2014."
    )
    assert (item.get("publisher-place"), item.get("publisher")) == ("New York (NY)", "Oxford University Press")


def test_multivolume_statement_stays_in_the_title() -> None:
    item = parse_reference(
        "Кляшторный, С. Г. История Центральной Азии. В 3 т. Т. 1. Древность / С. Г. Кляшторный. – Санкт-Петербург : "
        "СПбГУ, 2004. – 360 с."
    )
    assert item["title"] == "История Центральной Азии. В 3 т. Т. 1. Древность"
    assert item.get("volume") is None


def test_gost_2018_law_heading_and_adoption_note() -> None:
    item = parse_reference(
        "Республика Казахстан. Законы. О языках в Республике Казахстан : закон Республики Казахстан № 151-I : "
        "[принят 11 июля 1997 года]. – Алматы : Юрист, 2019. – 24 с."
    )
    assert item["type"] == "legislation"
    assert item["title"].startswith("О языках в Республике Казахстан")
    assert "translated-title" not in item
    assert issued(item) == [1997, 7, 11]


def test_mla_site_then_publishing_body_on_a_dated_page() -> None:
    item = parse_reference(
        '"Uzbekistan." Encyclopaedia Britannica, Britannica Foundation, 2 Feb. 2024, '
        "www.britannica.com/place/Uzbekistan."
    )
    assert item["type"] == "webpage"
    assert (item.get("container-title"), item.get("publisher")) == ("Encyclopaedia Britannica", "Britannica Foundation")
    assert issued(item) == [2024, 2, 2]


def test_romanized_candidate_dissertation_genre() -> None:
    item = parse_reference(
        "Nurmaganbetova Z.K. Sovremennaya migratsionnaya politika Kazakhstana [Modern migration policy of "
        "Kazakhstan]. Cand. Diss. Astana, 2016. 170 p. (In Russ.)"
    )
    assert (item["type"], item.get("container-title"), item.get("publisher-place")) == ("thesis", None, "Astana")


def test_sentences_before_the_slash_are_one_title_area() -> None:
    item = parse_reference("Радлов В.В. Из Сибири. Страницы дневника / В.В. Радлов. – М.: Наука, 1989. – 749 с.")
    assert item["title"] == "Из Сибири. Страницы дневника"
    assert families(item) == ["Радлов"]


def test_elsevier_multiword_abbreviated_journal() -> None:
    item = parse_reference("D. Kim, Salt dust transport, Atmos. Environ. 198 (2019) 45–53.")
    assert (item["title"], item.get("container-title", "").rstrip(".")) == ("Salt dust transport", "Atmos. Environ")


def test_part_of_a_gazette_issue_is_not_a_title() -> None:
    item = parse_reference(
        "Федеральный закон от 31.07.2020 № 248-ФЗ «О государственном контроле» // Собрание законодательства РФ. "
        "– 2020. – № 31 (ч. I). – Ст. 5007."
    )
    assert (item["type"], item.get("container-title"), item.get("issue")) == (
        "legislation",
        "Собрание законодательства РФ",
        "31",
    )


def test_acronym_after_the_slash_is_a_corporate_author() -> None:
    item = parse_reference("Образование для всех: доклад о мониторинге / ЮНЕСКО. – Париж, 2015. – 96 с.")
    assert item.get("author") == [{"literal": "ЮНЕСКО"}]


def test_springer_et_al_without_stop_ends_the_name_list() -> None:
    item = parse_reference(
        "Kim J (2020) Oases. In: Abdullaev I, Kazbekov J, Manthritilake H et al (eds) Water in Central Asia. "
        "Springer, Cham, pp 5–20"
    )
    assert families(item, "editor") == ["Abdullaev", "Kazbekov", "Manthritilake"]
    assert item.get("container-title") == "Water in Central Asia"


@pytest.mark.parametrize("number", ["1567", "1999"])
def test_mdpi_article_number_that_looks_like_a_year(number: str) -> None:
    item = parse_reference(f"Bekov, K.; Li, Y. Steppe fires. Fire 2022, 5, {number}.")
    assert (issued(item), item.get("volume"), item.get("page")) == ([2022], "5", number)


def test_no_date_marker_and_a_lone_gost_place() -> None:
    item = parse_reference("Бейсембиев К. Б. Очерки истории общественной мысли. – Алматы, [б. г.]. – 120 с.")
    assert (item["title"], item.get("publisher-place"), item.get("issued")) == (
        "Очерки истории общественной мысли",
        "Алматы",
        None,
    )


def test_author_collective_after_the_slash() -> None:
    item = parse_reference(
        "Этнополитика Казахстана / авт. кол.: А. Б. Иванов, С. К. Омаров. – Астана : ЕНУ, 2020. – 150 с."
    )
    assert families(item) == ["Иванов", "Омаров"]


@pytest.mark.parametrize(
    ("text", "server"),
    [
        (
            "Kenzhebek, A., & Sato, R. (2022). Kazakh speech recognition with transformers. "
            "arXiv preprint arXiv:2205.01234.",
            "arXiv preprint arXiv:2205.01234",
        ),
        ("Omarov B. Informal economy in Bishkek. SSRN. 2021. doi:10.2139/ssrn.3800000", "SSRN"),
    ],
)
def test_preprint_server_is_the_host_not_the_title(text: str, server: str) -> None:
    item = parse_reference(text)
    assert (item["type"], item.get("container-title")) == ("article", server)
    assert server not in item["title"]
