"""Eleven more articles in shapes the earlier test data lacks (tests/data/import_shapes_4).

Each file was annotated by reading it: its number of reference entries, of in-text citations that name an
entry (one per cited number or author-year item; footnote numbers, which cite notes, are not counted), its
title, its first author's family name and its DOI. The shapes:
- 01: Russian `Список литературы / References` as one heading, each entry followed on the next line by its
  unnumbered romanized twin; English originals have no twin.
- 02: Kazakh in the Latin alphabet (2018 spelling): `Paıdalanylǵan ádebıetter`, `Ańdatpa.`, `Ǵ.S. Ómirzaqov`.
- 03: Turkish `Kaynakça`, `Öz:`, `(Kara ve Demir, 2019)`, `(Akıncı vd., 2020, s. 112-115)`, `Ayşe Yılmaz`.
- 04: a journal footer that carries the page number (`47   ISSN ... 2021`, `ISSN ... 2021   46`), so no two
  copies are equal; one copy cuts an entry in two.
- 05: `Литература и источники` (the words in the other order), unnumbered; authors printed family name first
  with given name and patronymic (`Жумабекова Айгерим Сериковна`).
- 06: ACS: a list numbered `(1)`, superscript citations with a minus sign as range dash (`<sup>4−6</sup>`).
- 07: APA corporate authors (`OECD. (2021).`, `R Core Team`), `[Data set]`, `(Bureau of National Statistics, n.d.)`.
- 08: a mixed-case title wrapped over two lines; entries hyphenated at line ends (`Alma-` / `Ata`,
  `365–` / `384`, `Manage-` / `ment`); no `Abstract` label.
- 09: a table (caption and markdown rows) floated into a numbered Kazakh list; `[1, т. 2, с. 45]`.
- 10: authors printed in capitals (`Ж.Т. ТОҚТАРОВА¹, Б.Қ. ЕРҒАЛИЕВ²`).
- 11: Chicago notes and bibliography: footnotes (`1 Dina Amanzholova, ...`, `3 Ibid., 85.`) at page bottoms.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shape_articles import analyse_file, counts, first_family

from corpus_import.pipeline import ArticleAnalysis

FOLDER = Path(__file__).parent / "data" / "import_shapes_4"
ANNOTATED = {
    "01_russian_interleaved_twins.txt": (8, 9),
    "02_kazakh_latin_alphabet.txt": (8, 8),
    "03_turkish_kaynakca.txt": (8, 8),
    "04_page_footer_with_page_number.txt": (10, 11),
    "05_literature_and_sources_patronymic_authors.txt": (8, 8),
    "06_acs_parenthesized_list_numbers.txt": (10, 10),
    "07_corporate_authors_dataset_nd.txt": (9, 10),
    "08_two_line_title_hyphenated_wraps.txt": (9, 10),
    "09_table_inside_list_volume_locator.txt": (8, 8),
    "10_capitalized_author_names.txt": (7, 7),
    "11_chicago_footnotes_bibliography.txt": (4, 0),
}
HEADERS = {
    "01_russian_interleaved_twins.txt": (
        "ПЕРЕСЕЛЕНЧЕСКАЯ ПОЛИТИКА В СТЕПНОМ КРАЕ В КОНЦЕ XIX – НАЧАЛЕ XX ВЕКА",
        "Абдрахманова",
        "10.24411/2076-1503-2021-10412",
    ),
    "02_kazakh_latin_alphabet.txt": ("QAZAQ TILINDEGI TERMINDERDIŃ LATYN GRAFIKASYNA KÓSHÝI", "Nurmaǵambetova", ""),
    "03_turkish_kaynakca.txt": ("Kazakistan'da Dil Politikası ve Latin Alfabesine Geçiş Süreci", "Yılmaz", ""),
    "04_page_footer_with_page_number.txt": (
        "Kazakhstan's Multi-Vector Foreign Policy and the Eurasian Economic Union",
        "Zhunusova",
        "10.26577/IRILJ.2021.v95.i3.05",
    ),
    "05_literature_and_sources_patronymic_authors.txt": (
        "КОЛЛЕКТИВИЗАЦИЯ И ГОЛОД 1931–1933 ГОДОВ В ЦЕНТРАЛЬНОМ КАЗАХСТАНЕ",
        "Жумабекова",
        "",
    ),
    "06_acs_parenthesized_list_numbers.txt": (
        "Adsorption of Lead(II) Ions on Modified Shungite from the Koksu Deposit",
        "Ospanov",
        "",
    ),
    "07_corporate_authors_dataset_nd.txt": (
        "Renewable Energy Transition in Kazakhstan: Policy Targets and Investment Gaps",
        "Sarsenbayeva",
        "",
    ),
    "08_two_line_title_hyphenated_wraps.txt": (
        "Water Diplomacy in Central Asia after 1991: From Soviet Quotas to Basin Councils",
        "Mukhamedzhanov",
        "10.21638/spbu06.2022.204",
    ),
    "09_table_inside_list_volume_locator.txt": (
        "ЖЕТІСУ ӨҢІРІНДЕГІ ҚАЗАҚ ҚОНЫСТАРЫ XIX ҒАСЫРДАҒЫ ОРЫС САЯХАТШЫЛАРЫНЫҢ ЖАЗБАЛАРЫНДА",
        "Сәрсенбаев",
        "",
    ),
    "10_capitalized_author_names.txt": (
        "Цифровизация сельского хозяйства Казахстана: барьеры и перспективы",
        "Тоқтарова",
        "10.51580/2023-3/2710-1673.41",
    ),
    "11_chicago_footnotes_bibliography.txt": (
        "The Kazakh Intelligentsia and the Alash Autonomy, 1917–1920",
        "Kenzhebayeva",
        "",
    ),
}


def analyse(name: str) -> ArticleAnalysis:
    return analyse_file(FOLDER, name)


@pytest.mark.parametrize("name", sorted(ANNOTATED))
def test_article_has_the_annotated_number_of_entries_and_mentions(name: str) -> None:
    assert counts(analyse(name)) == ANNOTATED[name]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_article_title_first_author_and_doi_are_read(name: str) -> None:
    metadata = analyse(name).metadata
    family = first_family(metadata)
    assert (metadata.title, family, metadata.doi) == HEADERS[name]


def test_interleaved_romanized_lines_are_the_twins_of_their_entries() -> None:
    references = analyse("01_russian_interleaved_twins.txt").references
    assert [bool(ref.raw_text_alt) for ref in references] == [True, True, True, False, True, True, False, True]
    assert references[1].raw_text.startswith("Абылхожин Ж.Б. Традиционная структура")
    assert references[1].raw_text_alt.startswith("Abylkhozhin Zh.B. Traditsionnaya struktura")


def test_footer_with_a_page_number_is_cut_out_of_the_entry_it_interrupts() -> None:
    references = analyse("04_page_footer_with_page_number.txt").references
    assert references[7].raw_text == (
        "Contessi N.P. Foreign and security policy diversification in Eurasia: issue splitting, co-alignment, "
        "and relational power. Problems of Post-Communism, 2015, vol. 62, no. 5, pp. 299–311."
    )


def test_minus_sign_range_in_superscript_cites_every_number() -> None:
    analysis = analyse("06_acs_parenthesized_list_numbers.txt")
    assert [analysis.references[m.reference].label for m in analysis.mentions] == [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"
    ]  # fmt: skip


def test_words_and_numbers_hyphenated_at_line_ends_are_joined_as_printed() -> None:
    references = analyse("08_two_line_title_hyphenated_wraps.txt").references
    assert references[1].raw_text.endswith("pp. 365–384.")
    assert "Interstate Sources. Alma-Ata, 18 February 1992." in references[2].raw_text
    assert "Water Resources Management, 2013" in references[6].raw_text


def test_table_inside_a_list_is_skipped_and_the_twin_still_pairs() -> None:
    analysis = analyse("09_table_inside_list_volume_locator.txt")
    assert all(ref.raw_text_alt for ref in analysis.references)
    assert analysis.references[4].raw_text.endswith("– 277 с.")
    assert [m.locator for m in analysis.mentions[:2]] == ["vol. 2, p. 45", "vol. 1, p. 312"]


def test_author_year_citation_without_a_date_finds_the_corporate_entry() -> None:
    analysis = analyse("07_corporate_authors_dataset_nd.txt")
    cited = {analysis.references[m.reference].raw_text.split(".")[0] for m in analysis.mentions}
    assert {"Bureau of National Statistics", "OECD", "R Core Team", "World Bank"} <= cited


def test_shelfmarks_differing_in_their_last_number_are_not_page_footers() -> None:
    from corpus_import.sections import numbered_footers

    shelfmarks = ["ЦГА РК. Ф. 5. Оп. 1. Д. 112", "ЦГА РК. Ф. 5. Оп. 1. Д. 113"]
    footer = [
        "Journal of International Relations. 2021   45",
        *[""] * 6,
        "46   Journal of International Relations. 2021",
    ]
    assert not numbered_footers(shelfmarks)
    assert numbered_footers(footer) == frozenset({footer[0], footer[-1]})


def test_numbered_heading_in_capitals_is_no_author() -> None:
    from corpus_import.metadata import parse_names

    assert parse_names("I. INTRODUCTION") == []
    assert parse_names("Ж.Т. ТОҚТАРОВА¹, Б.Қ. ЕРҒАЛИЕВ²")[1] == {"family": "Ерғалиев", "given": "Б.Қ."}


def test_place_and_publisher_in_parentheses_is_no_citation() -> None:
    from corpus_import.mentions import author_year_groups

    assert author_year_groups("Moscow: Rossiia molodaia, 1994") is None
    assert author_year_groups("см.: Иванов 2019") is not None
