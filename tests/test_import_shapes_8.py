"""Eight articles rich in in-text citation forms (tests/data/import_shapes_8).

Each file was annotated by reading it, counted as in tests/test_import_shapes_3.py: its number of reference
entries, of in-text citations that name an entry (one per cited number or author-year item; a range counts
each number in it; a narrative `Yang (2008a)` and `[там же, с. 12]` / `[Ibid.]` are not counted), its title
and its first author's family name. The shapes:
- 01: APA author-year: `&` and `and`, `et al.`, `(Yang, 2008a, 2008b)`, `(cf. ...)`, `(e.g., ...; ...)` wrapped
  over a line, `(see World Bank, 2019, p. 14)`, `(Danzer & Ivaschenko 2010: 192)`, `pp. 33–35`.
- 02: Russian numeric: `[1, с. 23; 2, с. 45–46]`, `[3, p. 5, 7]`, `[там же, с. 12]`, `[4–6, 8]`, `[1, 2, 3]`,
  `[см. 7]`, `[4; 6]`, `[9, 10, с. 7]`, `Ибраева[2]` with no space, `[Ibid.]`.
- 03: Russian author-year over a mixed list: `Tang и Zhang`, `Әлімбеков и др.`, `(см. Ибраев, 2020, с. 34)`,
  `van der Berg et al.`, `Zerbib, 2019: 41`, two authors with a comma, a table caption `(по: ...)`; a rubric
  `ЭКОНОМИКА` above the title.
- 04: Kazakh author-year: `және`, `т.б.`, `(қараңыз: Sabol, 2003, б. 45)`, an organisation `ҚР ОМА`.
- 05: numeric with a table, a figure caption and a footnote: `[1,2]`, `rare[6]`, `[9]1` (footnote mark),
  `| [10]` in a table row, `(after [2], [10])`.
- 06: English text over a Cyrillic list: `Ibraev`/`Ibrayev` for `Ибраев`, `Alimbekov` for `Әлімбеков`,
  `Petrov-Vodkin` for `Петров-Водкин`, `Suleimenov et al.` for `Сулейменов`.
- 07: Russian text over a romanized list: `(Ибраев, 2019, с. 41)` and `Ibraev` for `Ibrayev K.M.`, `Bayer и др.`,
  `(EBRD 2020: 7)`, a caption `(составлено по: ...)`, a footnote `¹` (not counted) and its text with citations.
- 08: numeric: `[1–3, 5, 7–9]`, `[10, 11, p. 7]`, `[Ibid.]`, `[ibid., p. 4]`, `[см. 14]`, `recommended[15]`,
  `[16; 17]`, `[2, Fig. 3]` in a caption, `[4]` and `[18]` in a table header; an author `Pieter van den Bosch2`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shape_articles import analyse_file, counts, first_family

from corpus_import.pipeline import ArticleAnalysis

FOLDER = Path(__file__).parent / "data" / "import_shapes_8"
ANNOTATED = {
    "01_author_year_ampersand_cf_eg_letters.txt": (8, 13),
    "02_russian_numeric_locators_ibid_cf.txt": (10, 17),
    "03_russian_author_year_i_i_dr_latin_list.txt": (7, 13),
    "04_kazakh_author_year_zhane_tb.txt": (7, 11),
    "05_tables_captions_footnotes_numeric.txt": (12, 20),
    "06_english_text_cyrillic_list_transliteration.txt": (7, 11),
    "07_russian_text_romanized_list_footnotes.txt": (6, 13),
    "08_numeric_ranges_lists_ibid_captions.txt": (18, 24),
}
HEADERS = {
    "01_author_year_ampersand_cf_eg_letters.txt": (
        "Remittances and household resilience in rural Tajikistan",
        "Nazarov",
    ),
    "02_russian_numeric_locators_ibid_cf.txt": ("ЦИФРОВЫЕ КОМПЕТЕНЦИИ УЧИТЕЛЕЙ СЕЛЬСКИХ ШКОЛ", "Сарсенова"),
    "03_russian_author_year_i_i_dr_latin_list.txt": (
        "ЗЕЛЁНЫЕ ОБЛИГАЦИИ НА ФОНДОВОМ РЫНКЕ КАЗАХСТАНА",
        "Ахметова",
    ),
    "04_kazakh_author_year_zhane_tb.txt": ("ҚАЗАҚ ДАЛАСЫНДАҒЫ ЖӘРМЕҢКЕ САУДАСЫНЫҢ ТАРИХЫ", "Әлімбеков"),
    "05_tables_captions_footnotes_numeric.txt": (
        "Soil organic carbon under no-till in the Kostanay region",
        "Ospanov",
    ),
    "06_english_text_cyrillic_list_transliteration.txt": (
        "Language policy and the Latin alphabet reform in Kazakhstan",
        "Dzhaksybekova",
    ),
    "07_russian_text_romanized_list_footnotes.txt": ("ИНВЕСТИЦИИ В ВОЗОБНОВЛЯЕМУЮ ЭНЕРГЕТИКУ КАЗАХСТАНА", "Ибраев"),
    "08_numeric_ranges_lists_ibid_captions.txt": ("Heavy metals in urban dust of Ust-Kamenogorsk", "Zhakupova"),
}


def analyse(name: str) -> ArticleAnalysis:
    return analyse_file(FOLDER, name)


@pytest.mark.parametrize("name", sorted(ANNOTATED))
def test_article_has_the_annotated_number_of_entries_and_mentions(name: str) -> None:
    assert counts(analyse(name)) == ANNOTATED[name]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_article_title_and_first_author_are_read(name: str) -> None:
    metadata = analyse(name).metadata
    family = first_family(metadata)
    assert (metadata.title, family) == HEADERS[name]


def first_words(analysis: ArticleAnalysis) -> list[str]:
    """The first word of the entry each mention names, in text order (within one citation, in list order)."""
    return [analysis.references[m.reference].raw_text.split()[0].rstrip(",") for m in analysis.mentions]


def by_citation(analysis: ArticleAnalysis) -> list[list[str]]:
    """The first words of the entries each citation names, sorted, citation by citation in text order."""
    groups: dict[tuple[int, str], list[str]] = {}
    for m in analysis.mentions:
        groups.setdefault((m.offset, m.marker), []).append(analysis.references[m.reference].raw_text.split()[0])
    return [sorted(word.rstrip(",") for word in words) for _, words in sorted(groups.items())]


def test_year_letters_and_prefixed_author_year_items_name_their_entries() -> None:
    apa = analyse("01_author_year_ampersand_cf_eg_letters.txt")
    assert by_citation(apa) == [
        ["Brown", "Kuddusov"], ["Adams", "Yang", "Yang"], ["Marat"], ["Danzer", "Kuddusov"], ["World"],
        ["Danzer"], ["Brown"], ["World", "Yang"],
    ]  # fmt: skip
    yang = [apa.references[m.reference].raw_text[:17] for m in apa.mentions[3:5]]
    assert yang == ["Yang, D. (2008a).", "Yang, D. (2008b)."]
    assert [m.locator for m in apa.mentions if m.locator] == ["p. 14", "p. 192", "pp. 33–35"]


def test_numeric_locators_and_ibid() -> None:
    russian = analyse("02_russian_numeric_locators_ibid_cf.txt")
    labels = [russian.references[m.reference].label for m in russian.mentions]
    assert labels == ["1", "2", "3", "4", "5", "6", "8", "1", "2", "3", "7", "4", "6", "9", "10", "2", "5"]
    assert [m.locator for m in russian.mentions[:3]] == ["p. 23", "p. 45–46", "p. 5, 7"]
    assert [m.marker for m in russian.mentions][-2:] == ["[2]", "[5, с. 88]"]


def test_captions_tables_and_footnotes_are_read() -> None:
    numeric = analyse("05_tables_captions_footnotes_numeric.txt")
    labels = [numeric.references[m.reference].label for m in numeric.mentions]
    assert labels == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "2", "10", "10", "2", "11", "3", "12",
                      "4", "12", "5", "9"]  # fmt: skip
    assert numeric.mentions[-1].locator == "p. 33"


def test_romanized_names_find_cyrillic_entries() -> None:
    english = analyse("06_english_text_cyrillic_list_transliteration.txt")
    assert by_citation(english) == [
        ["Ибраев", "Әлімбеков"], ["Сулейменов"], ["Fierman", "Петров-Водкин"], ["Smagulova", "Әлімбеков"],
        ["Fierman", "Hatcher"], ["Ибраев", "Сулейменов"],
    ]  # fmt: skip
    assert [m.locator for m in english.mentions if m.locator] == ["p. 14", "p. 8", "pp. 22-24", "p. 51"]


def test_kazakh_author_year_with_zhane_and_tb() -> None:
    kazakh = analyse("04_kazakh_author_year_zhane_tb.txt")
    assert by_citation(kazakh) == [
        ["Аполлова", "Қасымбаев"], ["Martin", "Масанов"], ["Sabol"], ["Аполлова", "Қасымбаев"], ["ҚР"],
        ["Martin", "Sabol"], ["Масанов"],
    ]  # fmt: skip


def test_russian_author_year_over_a_mixed_list_with_particles_and_a_caption() -> None:
    russian = analyse("03_russian_author_year_i_i_dr_latin_list.txt")
    assert russian.references[5].raw_text.startswith("van der Berg R., Smit J., de Vries A.")
    assert by_citation(russian) == [
        ["Flammer", "Tang"], ["Ахметова", "Әлімбеков"], ["Ибраев"], ["Zerbib", "van"], ["Flammer", "Zerbib"],
        ["Ахметова"], ["Ибраев", "Әлімбеков"], ["Tang"],
    ]  # fmt: skip


def test_cyrillic_and_variant_names_find_romanized_entries() -> None:
    russian = analyse("07_russian_text_romanized_list_footnotes.txt")
    assert by_citation(russian) == [
        ["Ibrayev", "Karatayev"], ["Ibrayev"], ["Bayer", "IRENA."], ["Bayer", "Karatayev"], ["EBRD."],
        ["IRENA.", "Ibrayev"], ["Ibrayev"], ["EBRD.", "Ibrayev"],
    ]  # fmt: skip
    ibrayev = [russian.references[m.reference].raw_text[:20] for m in russian.mentions if "Ib" in m.marker]
    assert ibrayev[-1] == "Ibrayev K.M. Auktsio"
    assert [m.locator for m in russian.mentions if m.locator] == ["p. 41", "p. 12", "p. 125", "p. 7", "p. 44"]


def test_numeric_lists_with_ibid_and_a_particle_in_the_author_line() -> None:
    numeric = analyse("08_numeric_ranges_lists_ibid_captions.txt")
    labels = [numeric.references[m.reference].label for m in numeric.mentions]
    assert labels[:9] == ["1", "2", "3", "5", "7", "8", "9", "4", "6"]
    assert not any("bid" in m.marker for m in numeric.mentions)
    assert [m.locator for m in numeric.mentions if m.reference == 12] == ["p. 201"]
    assert numeric.metadata.authors[1] == {"family": "van den Bosch", "given": "Pieter"}


# --- the rules, on strings ----------------------------------------------------------------------------------


def test_a_particle_led_name_after_a_finished_entry_opens_the_next() -> None:
    from corpus_import.entries import split_plain

    lines = [
        "Tang D.Y., Zhang Y. Do shareholders benefit from green bonds? // J. Corp. Finance. – 2020. – Vol. 61.",
        "van der Berg R., Smit J. Pricing green // Sustainability. – 2019. – Vol. 11. – P. 2301.",
        "Zerbib O.D. The effect of preferences on bond prices // J. Bank. Finance. – 2019. – Vol. 98.",
        "Aldred J. Water in the economy of the valley and the plains of the",
        "van der Waals forces in soils. Soil Sci. 2001, 12, 4–9.",
    ]
    texts = [entry.text for entry in split_plain(lines, 0, len(lines), frozenset()).entries]
    assert [text[:8] for text in texts] == ["Tang D.Y", "van der ", "Zerbib O", "Aldred J"]
    assert texts[-1].endswith("van der Waals forces in soils. Soil Sci. 2001, 12, 4–9.")


def test_a_source_word_with_a_colon_before_author_year_items() -> None:
    from corpus_import.mentions import find_mentions
    from corpus_import.twins import Reference

    refs = [
        Reference("", "Ибраев К.М. Регулирование фондового рынка. – Алматы, 2020. – 180 с.", "", 1),
        Reference("", "Smith J. Bonds. – London, 2019. – 20 p.", "", 2),
    ]
    text = "Таблица 1 – Объём (по: Ибраев, 2020). Figure 2. Yields (after: Smith, 2019).\n"
    assert [m.reference for m in find_mentions(text, refs)[0]] == [0, 1]


def test_a_dutch_or_german_particle_opens_a_family_name_in_an_author_line() -> None:
    from corpus_import.metadata import parse_names

    assert parse_names("Dana Zhakupova1, Pieter van den Bosch2") == [
        {"family": "Zhakupova", "given": "Dana"},
        {"family": "van den Bosch", "given": "Pieter"},
    ]
    assert parse_names("Ursula von Weizsäcker") == [{"family": "von Weizsäcker", "given": "Ursula"}]
