"""Shape probes of round 11 (tests/data/import_shapes_11): the rules they asked for, on strings."""

from __future__ import annotations

import pytest


# --- the rules, on strings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "cited"),
    [
        ("2, chapter 3", [(2, "ch. 3")]),
        ("3, Table 2", [(3, "tab. 2")]),
        ("13, Eq. (5)", [(13, "eq. (5)")]),
        ("4, рис. 1; 5, табл. 2", [(4, "рис. 1"), (5, "табл. 2")]),
        ("3, 2-кесте", [(3, "tab. 2")]),
        ("6, 1-сурет", [(6, "fig. 1")]),
        ("қараңыз: 4", [(4, "")]),
        ("ср. 4, с. 5", [(4, "p. 5")]),
    ],
)
def test_parts_spelled_out_russian_and_kazakh_figures_and_a_kazakh_see_are_numeric_citations(
    content: str, cited: list[tuple[int, str]]
) -> None:
    from corpus_import.mentions import parse_bracket

    assert parse_bracket(content, 20) == cited


@pytest.mark.parametrize("content", ["Table 2", "3, chapter", "see Table 2", "2-кесте"])
def test_a_part_without_a_work_number_is_no_citation(content: str) -> None:
    from corpus_import.mentions import parse_bracket

    assert parse_bracket(content, 20) is None


def test_a_part_of_the_work_after_an_author_year_citation_is_its_locator() -> None:
    from corpus_import.mentions import find_mentions
    from corpus_import.twins import Reference

    refs = [
        Reference("", "Cameron, Sarah. 2018. The Hungry Steppe. Ithaca: Cornell University Press.", "", 1),
        Reference(
            "", "Kassymbekova, Botakoz. 2016. Despite Cultures. Pittsburgh: University of Pittsburgh Press.", "", 2
        ),
    ]
    text = "Famine (Cameron 2018, chap. 3; Kassymbekova 2016, table 2), and the relief effort (see table 2).\n"
    cited = [(m.reference, m.locator) for m in find_mentions(text, refs)[0]]
    assert cited == [(0, "chap. 3"), (1, "tab. 2")]


@pytest.mark.parametrize(
    ("line", "families"),
    [
        ("Aigerim Zhaksylykova¹* iD, Nurlan Bekmukhambetov² iD, Saule Tulegenova¹,³ iD", ["Zhaksylykova", "Bekmukhambetov", "Tulegenova"]),  # noqa: E501
        ("Д.М. Мукашева¹*, ORCID 0000-0002-6614-3305, Р.Т. Исабеков², ORCID 0000-0001-7720-194X", ["Мукашева", "Исабеков"]),  # noqa: E501
        ("Aigul Kassymova¹* https://orcid.org/0000-0002-7315-4418 and Thomas White²", ["Kassymova", "White"]),
        ("Dana SULTANBEKOVA¹*, Ruslan ABENOV²", ["Sultanbekova", "Abenov"]),
        ("Central Asian SURVEY", []),
        ("ORCID: 0000-0002-3541-6605 (Zhumabekov), 0000-0003-0977-1120 (Omarova)", []),
    ],
)  # fmt: skip
def test_orcid_ids_between_names_and_family_names_in_capitals(line: str, families: list[str]) -> None:
    from corpus_import.metadata import parse_names

    assert [name["family"] for name in parse_names(line)] == families


def test_a_title_set_as_its_own_paragraph_of_three_lines() -> None:
    from corpus_import.metadata import extract_metadata

    lines = [
        "ORIGINAL RESEARCH",
        "",
        "Prevalence of Vitamin D Deficiency and Its Association",
        "with Metabolic Syndrome Among Adults in Urban and Rural",
        "Regions of Southern Kazakhstan",
        "",
        "Aigerim Zhaksylykova¹*, Nurlan Bekmukhambetov²",
        "",
        "Abstract. Vitamin D deficiency is common in Central Asia.",
    ]
    assert extract_metadata(lines).title.endswith("Urban and Rural Regions of Southern Kazakhstan")
    rubric = ["ЭКОНОМИКА", "ЦИФРОВИЗАЦИЯ МАЛОГО БИЗНЕСА В СЕЛЬСКИХ РАЙОНАХ", "", "Аннотация. Текст статьи."]
    assert extract_metadata(rubric).title == "ЦИФРОВИЗАЦИЯ МАЛОГО БИЗНЕСА В СЕЛЬСКИХ РАЙОНАХ"


def test_a_url_broken_after_its_own_hyphen_keeps_it() -> None:
    from corpus_import.entries import join_lines

    url = ["ADB. https://www.adb.org/institutional-document/carec-transport-", "strategy-2030.pdf"]
    assert join_lines(url) == "ADB. https://www.adb.org/institutional-document/carec-transport-strategy-2030.pdf"
    assert join_lines(["Water manage-", "ment in Kazakhstan."]) == "Water management in Kazakhstan."


def test_a_body_section_named_sources_that_cites_works_is_no_list() -> None:
    from corpus_import.sections import find_sections

    lines = [
        "Sources",
        "We use the reports of the provincial relief committees (Kassymbekova 2016, table 2) held in the archive.",
        "In the autumn of 1921 the food committee continued to collect the tax (Kindler 2018, 45–47).",
        "The committees protested in 1922, but the quota was kept (Genis 2000; Patenaude 2002).",
        "",
        "References",
        "Genis, Vladimir. 2000. Deportatsiia russkikh iz Turkestana v 1921 godu. Voprosy istorii 1: 44–58.",
        "Kindler, Robert. 2018. Stalin's Nomads. Pittsburgh: University of Pittsburgh Press.",
    ]
    assert [section.heading for section in find_sections(lines)] == ["References"]
    archives = ["Sources", "1. ЦГА РК. Ф. 5. Оп. 1. Д. 12. 1921.", "2. ГАПО. Ф. 87. Оп. 1. Д. 245. 1928."]
    assert [len(section.entries) for section in find_sections(archives)] == [2]
