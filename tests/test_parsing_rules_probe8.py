"""Rules added from the eighth probe (English-language styles in depth: ACS, Nature, Science, AMA, MLA).

One behaviour per test; the expected values are read off the printed reference by hand (CSL conventions of
tests/data/parse_gold/README.md), never copied from the parser's output.
"""

from __future__ import annotations

import pytest

from corpus_import.parsing import parse_reference

# --- abbreviated journal after a title that ends in a short capitalised word ------


@pytest.mark.parametrize(
    ("text", "title", "container"),
    [
        (
            "Ibrahim, K.; Lee, P. Hydrogen Storage in Porous Carbons. Ind. Eng. Chem. Res. 2019, 58, 110–118.",
            "Hydrogen Storage in Porous Carbons",
            "Ind. Eng. Chem. Res.",
        ),
        (
            "Brown, T. & Ortiz, L. Drought propagation in southern Africa. Nat. Geosci. 11, 301–306 (2018).",
            "Drought propagation in southern Africa",
            "Nat. Geosci.",
        ),
        (
            "R. Singh, P. Kumar, Heat waves over South Asia. Sci. Rep. 8, 1032 (2018).",
            "Heat waves over South Asia",
            "Sci. Rep.",
        ),
    ],
)
def test_title_ends_before_abbreviated_journal(text: str, title: str, container: str) -> None:
    item = parse_reference(text)
    assert item["title"] == title
    assert item.get("container-title", "").rstrip(".") == container.rstrip(".")


def test_abbreviated_journal_of_two_title_words_stays_whole() -> None:
    item = parse_reference("Lee, K. Mantle plumes revisited. Earth Planet. Sci. Lett. 512, 1–10 (2019).")
    assert item["title"] == "Mantle plumes revisited"
    assert item.get("container-title", "").rstrip(".") == "Earth Planet. Sci. Lett"


# --- Science/Nature positional numbers ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "volume", "page"),
    [
        ("A. Ruiz, B. Kato, Coral bleaching and heat stress. Science 359, 80 (2018).", "359", "80"),
        ("Hughes, T. P. et al. Global warming and coral reefs. Nature 543, 373–377 (2017).", "543", "373-377"),
        ("L. Ortega et al., Soil microbes under drought. Sci. Adv. 7, eabc4567 (2021).", "7", "eabc4567"),
        ("D. Klein, Permafrost carbon feedback. Science 362, 1234567 (2018).", "362", "1234567"),
    ],
)
def test_journal_name_number_is_the_volume_then_page(text: str, volume: str, page: str) -> None:
    item = parse_reference(text)
    assert (item.get("volume"), item.get("page")) == (volume, page)


# --- truncated author lists ----------------------------------------------------------


def test_and_others_ends_the_author_list() -> None:
    text = "Baker, R., Cho, S. and others (2016). Flood risk in delta cities. Water Policy, 18(3), 55-70."
    item = parse_reference(text)
    assert [n["family"] for n in item["author"]] == ["Baker", "Cho"]
    assert item["title"] == "Flood risk in delta cities"
    assert item["container-title"] == "Water Policy"


@pytest.mark.parametrize("ellipsis", [". . .", "...", "…"])
def test_apa7_ellipsis_keeps_the_last_author(ellipsis: str) -> None:
    text = (
        f"Adams, A., Brandt, B., Costa, C., {ellipsis} Zeller, Z. (2021). Wind farms and birds. Ibis, 163(2), 400-412."
    )
    item = parse_reference(text)
    assert [n["family"] for n in item["author"]] == ["Adams", "Brandt", "Costa", "Zeller"]
    assert item["title"] == "Wind farms and birds"


# --- AMA/Vancouver hyphenated initials and e-page ranges ---------------------------------


def test_vancouver_hyphenated_initials() -> None:
    text = "Leclerc J-P, Ha-Nguyen T-M, Bauer K. Sepsis in intensive care. Crit Care Med. 2020;48(9):1201-1209."
    item = parse_reference(text)
    assert [(n["family"], n["given"].rstrip(".")) for n in item["author"]] == [
        ("Leclerc", "J-P"),
        ("Ha-Nguyen", "T-M"),
        ("Bauer", "K"),
    ]
    assert item["title"] == "Sepsis in intensive care"
    assert item["container-title"].rstrip(".") == "Crit Care Med"


def test_electronic_page_range() -> None:
    item = parse_reference("Osei K, Mensah A. Malaria vaccines. Lancet Infect Dis. 2023;23(4):e101-e110.")
    assert (item.get("volume"), item.get("issue"), item.get("page")) == ("23", "4", "e101-e110")


# --- MLA 9 chapters -----------------------------------------------------------------------


def test_mla_editors_with_et_al_then_publisher() -> None:
    text = (
        'Mohanty, Chandra. "Under Western Eyes." Third World Women and the Politics of Feminism, '
        "edited by Ann Russo et al., Indiana UP, 1991, pp. 51-80."
    )
    item = parse_reference(text)
    assert item["type"] == "chapter"
    assert [(n["family"], n["given"]) for n in item["editor"]] == [("Russo", "Ann")]
    assert item["container-title"] == "Third World Women and the Politics of Feminism"
    assert item.get("publisher") == "Indiana UP"
    assert "publisher-place" not in item
    assert item["page"] == "51-80"


def test_mla_one_word_publisher_after_editors() -> None:
    text = 'Said, Edward. "Traveling Theory." Critical Theory, edited by Mary Lowe, Routledge, 1999, pp. 9-30.'
    item = parse_reference(text)
    assert item.get("publisher") == "Routledge"
    assert "publisher-place" not in item


# --- numbered reports and Nature editions ---------------------------------------------------


def test_alphanumeric_report_number_ends_the_title() -> None:
    text = (
        "Asian Development Bank. Water Security in Central Asia. Sector Assessment Note. Report No. ADB-45-2021. "
        "Manila: Asian Development Bank, 2021."
    )
    item = parse_reference(text)
    assert item["title"] == "Water Security in Central Asia"
    assert item["type"] == "report"
    assert (item.get("publisher-place"), item.get("publisher")) == ("Manila", "Asian Development Bank")


def test_ama_report_number_then_agency() -> None:
    text = (
        "Lopez R, Kim D. Opioid prescribing in rural counties. Report No. CDC-22-004. "
        "Centers for Disease Control and Prevention; 2022. Accessed June 1, 2023. https://www.cdc.gov/r/22-004"
    )
    item = parse_reference(text)
    assert item["title"] == "Opioid prescribing in rural counties"
    assert item["type"] == "report"
    assert item.get("publisher") == "Centers for Disease Control and Prevention"


def test_nature_edition_after_a_space() -> None:
    item = parse_reference("Bishop, C. M. Pattern Recognition and Machine Learning 3rd edn (Springer, 2016).")
    assert item["title"] == "Pattern Recognition and Machine Learning"
    assert item.get("publisher") == "Springer"


def test_bmj_letter_article_number_after_colon() -> None:
    item = parse_reference("Patel R, Singh K. Statins in older adults. BMJ. 2021;372:m4501.")
    assert item["title"] == "Statins in older adults"
    assert item["container-title"] == "BMJ"
    assert (item.get("volume"), item.get("page")) == ("372", "m4501")


# --- APA 6 database note ------------------------------------------------------------------


def test_apa6_retrieved_from_database_is_not_title() -> None:
    text = (
        "Ortiz, M. (2014). Border towns and trade (Master's thesis). "
        "Retrieved from ProQuest Dissertations and Theses database. (UMI No. 1556123)"
    )
    item = parse_reference(text)
    assert item["type"] == "thesis"
    assert item["title"] == "Border towns and trade"


def test_event_days_are_not_pages() -> None:
    text = (
        "Petrov, A. and Lee, S. (2021) 'Remote work in Asia', in Proceedings of the International Conference on "
        "Digital Economy. Seoul, 10-12 May. Cham: Springer, pp. 45-52."
    )
    item = parse_reference(text)
    assert item["type"] == "paper-conference"
    assert item["page"] == "45-52"


# --- capitalised Portuguese particles ---------------------------------------------------------


def test_capitalised_dos_particle_opens_the_family_name() -> None:
    text = 'Dos Santos, Milton. "The Shared Space." Antipode 12, no. 1 (1980): 45–60.'
    item = parse_reference(text)
    assert [(n["family"], n["given"]) for n in item["author"]] == [("Dos Santos", "Milton")]
    assert item["title"] == "The Shared Space"
    assert item["container-title"] == "Antipode"


@pytest.mark.parametrize("genre", ["dissertation", "master's thesis"])
def test_vancouver_bracketed_genre_is_a_thesis(genre: str) -> None:
    item = parse_reference(f"Okafor C. Oil and conflict in Nigeria [{genre}]. Lagos: University of Lagos; 2017.")
    assert item["type"] == "thesis"
    assert item["title"] == "Oil and conflict in Nigeria"
    assert "translated-title" not in item
    assert item.get("publisher") == "University of Lagos"
