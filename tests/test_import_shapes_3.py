"""Ten more articles in shapes the earlier test data lacks (tests/data/import_shapes_3).

Each file was annotated by reading it: its number of reference entries, of in-text citations that name an
entry (one per cited number or author-year item; a narrative `Levi (2002)`, an `[Ibid.]` and a plain
`ref. 10` are not counted), its title and its first author's family name. The shapes:
- 01: IEEE: `[1]–[3]` as a range of two brackets, `[4], [5]`; `Member, IEEE` after names; a `VOL. 14` running header.
- 02: MDPI: `Author, A.; Author, B.` entries, `[1,2]`, `[3–5]`.
- 03: Nature: no abstract, pandoc superscripts `^1,2^`, `^4-6^` as citations and `^1^` as affiliation marks.
- 04: Ukrainian `Список використаних джерел`, `Анотація.`, archival `[7, арк. 12]`.
- 05: Uzbek (Latin) `Adabiyotlar`, `Annotatsiya.`, number-first Latin locators `[2, 45-b.; 3]`.
- 06: Kyrgyz `Колдонулган адабияттар`, `[см.: 1]`, `[3, 5–7]`, `[Ibid.]`.
- 07: German `Literaturverzeichnis`, wraps indented by three spaces, `Zusammenfassung:`, authors joined by `und`.
- 08: French `Bibliographie`, author-year with ` ; `, `Résumé :`, authors joined by `et`.
- 09: Science `REFERENCES AND NOTES` with a note among the entries, `(*1*, *2*)`, `(*3*–*5*)`, `IntCal20 (*8*)`.
- 10: Russian `Литература` and a numbered `References` twin, `Ed. by`, `et al.`, `[см.: 3, p. 12]`.
05's author line (`Rahimova Dilnoza Akmalovna`) is family name first, then given name and patronymic.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shape_articles import analyse_file, counts, first_family

from corpus_import.pipeline import ArticleAnalysis

FOLDER = Path(__file__).parent / "data" / "import_shapes_3"
ANNOTATED = {
    "01_ieee_ranges.txt": (10, 13),
    "02_mdpi_semicolon_authors.txt": (10, 11),
    "03_nature_caret_superscripts.txt": (10, 10),
    "04_ukrainian_heading.txt": (9, 10),
    "05_uzbek_heading.txt": (8, 8),
    "06_kyrgyz_heading_see.txt": (10, 11),
    "07_german_indented_continuations.txt": (9, 10),
    "08_french_bibliographie.txt": (8, 7),
    "09_science_refs_and_notes.txt": (9, 10),
    "10_russian_twin_both_numbered_edby.txt": (9, 11),
}
HEADERS = {
    "01_ieee_ranges.txt": (
        "Short-Term Load Forecasting for the Kazakhstan Unified Power System Using Graph Neural Networks",
        "Tokhtarov",
    ),
    "02_mdpi_semicolon_authors.txt": (
        "Soil Salinity Dynamics in the Syr Darya Delta, 2000–2020: A Remote Sensing Assessment",
        "Zhaksylykova",
    ),
    "03_nature_caret_superscripts.txt": ("Glacier mass loss in the Tien Shan accelerated after 2000", "Dzhumabaev"),
    "04_ukrainian_heading.txt": ("ГОЛОДОМОР 1932–1933 РОКІВ У КАЗАХСТАНІ ТА УКРАЇНІ: ПОРІВНЯЛЬНИЙ АНАЛІЗ", "Коваленко"),
    "05_uzbek_heading.txt": ("O‘ZBEK TILIDA TERMINOLOGIK BIRLIKLARNING SHAKLLANISHI", "Rahimova"),
    "06_kyrgyz_heading_see.txt": ("КЫРГЫЗСТАНДАГЫ ЖЕР РЕФОРМАСЫ: 1991–2001-ЖЫЛДАР", "Осмонов"),
    "07_german_indented_continuations.txt": (
        "Die Steppe als Verwaltungsraum: Russische Kolonialstatistik in Turkestan, 1867–1914",
        "Wendt",
    ),
    "08_french_bibliographie.txt": (
        "Les routes caravanières et la fiscalité khanale à Boukhara au XIXe siècle",
        "Morel",
    ),
    "09_science_refs_and_notes.txt": (
        "Ancient genomes reveal the origins of Saka pastoralists in the Kazakh steppe",
        "Askapuli",
    ),
    "10_russian_twin_both_numbered_edby.txt": (
        "ШАНХАЙСКАЯ ОРГАНИЗАЦИЯ СОТРУДНИЧЕСТВА И БЕЗОПАСНОСТЬ ЦЕНТРАЛЬНОЙ АЗИИ",
        "Лукин",
    ),
}


def analyse(name: str) -> ArticleAnalysis:
    return analyse_file(FOLDER, name)


@pytest.mark.parametrize("name", sorted(ANNOTATED))
def test_article_has_the_annotated_number_of_entries_and_mentions(name: str) -> None:
    assert counts(analyse(name)) == ANNOTATED[name]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_article_title_and_first_author_are_read(name: str) -> None:
    metadata = analyse(name).metadata
    assert (metadata.title, first_family(metadata)) == HEADERS[name]


def test_ieee_range_of_two_brackets_names_every_number_between() -> None:
    analysis = analyse("01_ieee_ranges.txt")
    cited = [analysis.references[m.reference].label for m in analysis.mentions if m.marker == "[1]–[3]"]
    assert cited == ["1", "2", "3"]


def test_twin_lists_both_numbered_are_paired() -> None:
    references = analyse("10_russian_twin_both_numbered_edby.txt").references
    assert all(ref.raw_text_alt for ref in references)
    assert references[6].raw_text.startswith("Central Asia in the Era of Sovereignty / Ed. by")
