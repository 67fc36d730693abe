"""Twelve more articles in shapes the samples and tests/data/import_shapes do not have (tests/data/import_shapes_2).

Each file was annotated by reading it: its number of reference entries, of in-text citations that name an
entry (one per cited number or author-year item; a narrative `Smith et al. (2020)` is not counted), and its
title, authors and DOI. The shapes:
- 01: Harvard with `&` and `et al.`; one author's two works of one year: `(Brown 2018a, 2018b)`.
- 02: `Bibliography` with `Primary sources` / `Secondary literature` sub-headings in one numbered list.
- 03: Vancouver numbers aligned by padding (` 9.` / `10.`), hanging wraps, a `Page 7 of 9` footer and the
  journal line as a running header inside the list; an affiliation (`... Center of ..., Almaty, Kazakhstan`)
  between the title and the abstract.
- 04: a Kazakh list, unnumbered with one whole entry per line, and its numbered romanized twin.
- 05: spaced ranges `[3 – 5]`, `[6 - 8, 10]`, mixed locators `[12, с. 45; 14, p. 7]`, archival `[13, л. 3 об.]`.
- 06: numeric citations in parentheses `(2, 3)`, `(4–6)`, beside `(a)`, `(Table 1)`, `(n = 1,214 ...)`.
- 07: an APA list followed by a data-availability statement with a DOI, competing interests, ORCID lines.
- 08: an unnumbered list whose `[Электронный ресурс].`, `URL:` and `(дата обращения: ...)` sit on their own lines.
- 09: appendices after the list with numbered lists that are not references.
- 10: УДК/МРНТИ/IRSTI codes, an all-caps title wrapped over two lines, `Иванов И.И.¹, Петров П.П.²`.
- 11: `https://doi.org/...` header, authors separated by `·` (Springer), Chicago author-date.
- 12: Russian author-year citations in square brackets, `[Сулейменова 2011: 45]`, `[Смирнова и др. 2019, с. 34]`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shape_articles import analyse_file, counts

from corpus_import.pipeline import ArticleAnalysis

FOLDER = Path(__file__).parent / "data" / "import_shapes_2"
ANNOTATED = {
    "01_harvard_etal_ampersand.txt": (9, 9),
    "02_bibliography_primary_secondary.txt": (11, 12),
    "03_numbered_padded_pagefooter.txt": (25, 25),
    "04_kazakh_twin_original_unnumbered.txt": (7, 8),
    "05_russian_spaced_ranges_locators.txt": (15, 15),
    "06_numeric_parenthesized.txt": (9, 10),
    "07_english_back_matter_after_list.txt": (8, 8),
    "08_unnumbered_electronic_resource_lines.txt": (7, 8),
    "09_appendix_numbered_lists_after_refs.txt": (8, 8),
    "10_russian_codes_two_line_caps_title.txt": (10, 10),
    "11_doi_url_header_middot_authors.txt": (6, 6),
    "12_russian_bracket_author_year.txt": (8, 8),
}
HEADERS = {
    "01_harvard_etal_ampersand.txt": (
        "Remittances and Household Resilience in Kyrgyzstan and Tajikistan",
        ["Karimova", "Hughes"],
        "",
    ),
    "02_bibliography_primary_secondary.txt": (
        "SEDENTARIZATION CAMPAIGNS IN THE KAZAKH STEPPE, 1928–1933: ARCHIVAL EVIDENCE",
        ["Zhanuzakov", "Sarsenova"],
        "10.31489/2022hph3/45-56",
    ),
    "03_numbered_padded_pagefooter.txt": (
        "Treatment outcomes of multidrug-resistant tuberculosis in Kazakhstan, 2015–2020: a retrospective cohort study",
        ["Zhumabayeva", "Ismailov", "Abenova"],
        "10.5195/cajgh.2022.561",
    ),
    "04_kazakh_twin_original_unnumbered.txt": (
        "ҚАЗАҚСТАН МЕН ҚЫТАЙДЫҢ КӨЛІК-ЛОГИСТИКАЛЫҚ ЫНТЫМАҚТАСТЫҒЫ",
        ["Байтұрсынова", "Мұқанов"],
        "10.26577/IRILJ.2023.v101.i1.05",
    ),
    "05_russian_spaced_ranges_locators.txt": (
        "ЭВАКУАЦИЯ ПРОМЫШЛЕННЫХ ПРЕДПРИЯТИЙ В КАЗАХСТАН В 1941–1942 гг.",
        ["Нурпеисова", "Ковалёв"],
        "10.24411/2070-9943-2021-10412",
    ),
    "06_numeric_parenthesized.txt": (
        "Dust storms from the dried Aral Sea bed and respiratory health in Kyzylorda region",
        ["Tulegenova", "Iskakova", "Miller"],
        "10.26577/EJE.2021.v67.i2.08",
    ),
    "07_english_back_matter_after_list.txt": (
        "Kazakhstan's Multi-Vector Foreign Policy and the War in Ukraine",
        ["Seitova", "Dzhaksybekov"],
        "",
    ),
    "08_unnumbered_electronic_resource_lines.txt": (
        "ЦИФРОВАЯ ДИПЛОМАТИЯ КАЗАХСТАНА: ИНСТРУМЕНТЫ И ОГРАНИЧЕНИЯ",
        ["Ахметова", "Жунусов"],
        "",
    ),
    "09_appendix_numbered_lists_after_refs.txt": (
        "Civil Society Participation in Kazakhstan's Environmental Impact Assessments",
        ["Mukhametova"],
        "",
    ),
    "10_russian_codes_two_line_caps_title.txt": (
        "РЕГИОНАЛЬНАЯ ИНТЕГРАЦИЯ В ЦЕНТРАЛЬНОЙ АЗИИ: ОПЫТ КОНСУЛЬТАТИВНЫХ ВСТРЕЧ ГЛАВ ГОСУДАРСТВ",
        ["Иванов", "Петров", "Сейтжанова"],
        "10.52536/2788-5860.2023-1.04",
    ),
    "11_doi_url_header_middot_authors.txt": (
        "Water, energy and the Rogun dam: Tajikistan's hydro-diplomacy after 2016",
        ["Nazarov", "Sokolova", "Ablaev"],
        "10.1080/02634937.2021.1987654",
    ),
    "12_russian_bracket_author_year.txt": (
        "ЯЗЫКОВАЯ ПОЛИТИКА И ИДЕНТИЧНОСТЬ ГОРОДСКОЙ МОЛОДЕЖИ КАЗАХСТАНА",
        ["Смирнова", "Касымов"],
        "10.31857/S013216250012345-6",
    ),
}


def analyse(name: str) -> ArticleAnalysis:
    return analyse_file(FOLDER, name)


@pytest.mark.parametrize("name", sorted(ANNOTATED))
def test_article_has_the_annotated_number_of_entries_and_mentions(name: str) -> None:
    assert counts(analyse(name)) == ANNOTATED[name]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_article_header_is_read(name: str) -> None:
    metadata = analyse(name).metadata
    title, families, doi = HEADERS[name]
    assert (metadata.title, [author["family"] for author in metadata.authors], metadata.doi) == (title, families, doi)


def test_one_authors_works_of_one_year_are_told_apart_by_their_letters() -> None:
    analysis = analyse("01_harvard_etal_ampersand.txt")
    brown = [analysis.references[m.reference].raw_text for m in analysis.mentions if m.marker.startswith("(Brown")]
    assert sorted(text[:21] for text in brown) == ["Brown, R.P.C. (2018a)", "Brown, R.P.C. (2018b)"]


def test_sub_headings_divide_a_list_without_joining_an_entry() -> None:
    analysis = analyse("02_bibliography_primary_secondary.txt")
    texts = {ref.label: ref.raw_text for ref in analysis.references}
    assert texts["4"].endswith("1967. 552 p.")
    assert analysis.sections[0]["heading"] == "Bibliography"


def test_page_footer_and_running_header_are_not_part_of_an_entry() -> None:
    texts = {ref.label: ref.raw_text for ref in analyse("03_numbered_padded_pagefooter.txt").references}
    assert texts["13"].endswith("Nur-Sultan; 2020.")
    assert texts["10"].startswith("Kuznetsov VN") and texts["9"].startswith("Mukhanbetkaliyev Y")


def test_one_entry_per_line_list_keeps_every_original_beside_its_twin() -> None:
    references = analyse("04_kazakh_twin_original_unnumbered.txt").references
    assert [ref.label for ref in references] == [str(number) for number in range(1, 8)]
    assert all(ref.raw_text_alt for ref in references)
    assert references[4].raw_text.startswith("Қазақстан Республикасының")


def test_archival_and_mixed_locators() -> None:
    locators = {m.marker: m.locator for m in analyse("05_russian_spaced_ranges_locators.txt").mentions}
    assert locators["[13, л. 3 об.]"] == "л. 3 об."
    assert locators["[11, л. 15–17]"] == "л. 15–17"


def test_parenthesized_numbers_are_citations_but_enumerations_are_not() -> None:
    markers = {m.marker for m in analyse("06_numeric_parenthesized.txt").mentions}
    assert markers == {"(1)", "(2, 3)", "(4–6)", "(7)", "(1, 8)", "(9)"}


def test_back_matter_after_the_list_is_neither_an_entry_nor_the_articles_doi() -> None:
    analysis = analyse("07_english_back_matter_after_list.txt")
    assert analysis.references[-1].raw_text.startswith("Vanderhill, R.")
    assert analysis.metadata.doi == ""


def test_electronic_resource_lines_stay_in_their_entries() -> None:
    references = analyse("08_unnumbered_electronic_resource_lines.txt").references
    assert sum("[Электронный ресурс]. URL: https://" in ref.raw_text for ref in references) == 5


def test_author_year_citations_in_square_brackets() -> None:
    analysis = analyse("12_russian_bracket_author_year.txt")
    found = {(m.marker, analysis.references[m.reference].raw_text[:20], m.locator) for m in analysis.mentions}
    assert ("[Сулейменова 2011: 45]", "Сулейменова Э.Д. Язы", "p. 45") in found
    assert ("[Касымов, Смирнова 2020]", "Касымов Б.Т., Смирно", "") in found
    assert ("[Касымов 2021: 12–14]", "Касымов Б.Т. Языковы", "p. 12–14") in found
