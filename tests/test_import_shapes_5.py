"""Eleven longer, messier articles in shapes the earlier test data lacks (tests/data/import_shapes_5).

Each file was annotated by reading it: its number of reference entries, of in-text citations that name an
entry (one per cited number or author-year item, also inside footnotes and endnotes; a narrative
`Yusupov (2019)` and footnote markers are not counted), its title, its first author's family name and its
DOI (the article's, not the journal's). The shapes:
- 01: a GOST list of 42 entries crossing three page breaks, each a footer, a page number alone on its line
  and a header; one entry cut in two by a break; `[10–13, 15]`, `[16, с. 45–46; 17, т. 2, с. 8]`.
- 02: Vancouver with `et al.` and journal abbreviations; `17.` printed twice and `23.` skipped; a citation
  after the period (`since 2015.[6]`), `(see: [9])`, `[7, p. 5; 8]`; four authors, two ISSNs.
- 03: Kazakh list whose numbers stand alone on their lines (`1.` / entry), numbered `References` twin, then
  `Авторлар туралы мәлімет` with e-mails and the English title, authors and abstract; journal DOI and
  article DOI in the masthead.
- 04: a numbered Russian list whose unnumbered romanized `References` leaves out two of its three English
  entries, so the lists differ in length; no `Аннотация` label.
- 05: APA with ligatures (`ﬁ`, `ﬂ`, `ﬃ` in `Griﬃn`), a soft hyphen inside a cited name, non-breaking
  spaces, `(Eds.)` chapters, `Retrieved from`, a DOI on its own line, `(Laruelle et al., 2019a)`.
- 06: Russian author-year, unnumbered: `(Иванов, 2010; Петров и др., 2015)`, `(Ахметов, Беков, 2018)`,
  `Алёшин` in the text and `Алешин` in the list (and `Семенов` / `Семёнов`), Kazakh letters replaced by
  look-alikes in the list (`Құдайбергенова` / `Кудайбергенова`, Latin `i` for `і`); `Сведения об авторах`
  and an English abstract after the list.
- 07: English text citing a Cyrillic Harvard list by romanized names (`Shcherbakov` / `Щербаков`,
  `Yermekova` / `Ермекова`, `Zholdasbaeva and Tursunov`); an entry cut by a page break.
- 08: footnote citations (`¹ О составе фондов см.: [9, с. 44]; ... [10].`), authors before the title, a
  numbered romanized twin in which entries 9 and 10 run together on one line.
- 09: GOST 2008 (`Кан Г. В.`, ` : `) with non-breaking spaces, soft hyphens at line ends, `Для цитирования:`
  with the article's own reference before the text; `СПИСОК ИСТОЧНИКОВ` / `REFERENCES`.
- 10: IEEE with each `[n]` alone on its line and the `Authorized licensed use ... IEEE Xplore` footer inside
  the list; `[3]–[5]`, `[14, Sec. 3; 15]`; author biographies after the list.
- 11: Chicago author-date with endnotes that cite (`(Isaacs 2011, 56–57; Junisbai 2010)`), running header
  cutting an entry, `Notes on contributors` after the list.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shape_articles import analyse_file, cited_labels, counts, first_family

from corpus_import.pipeline import ArticleAnalysis

FOLDER = Path(__file__).parent / "data" / "import_shapes_5"
ANNOTATED = {
    "01_gost_42_entries_three_page_breaks.txt": (42, 42),
    "02_vancouver_number_repeated_and_skipped.txt": (26, 24),
    "03_kazakh_numbers_on_own_line_back_matter.txt": (10, 11),
    "04_twin_without_english_entries.txt": (12, 12),
    "05_apa_ligatures_soft_hyphens_doi_own_line.txt": (16, 16),
    "06_russian_author_year_yo_and_lookalike_letters.txt": (13, 13),
    "07_english_text_cyrillic_harvard_list.txt": (11, 13),
    "08_footnote_citations_twin_with_merged_line.txt": (16, 16),
    "09_new_gost_nbsp_soft_hyphen_wraps.txt": (12, 12),
    "10_ieee_bracket_numbers_alone_xplore_footer.txt": (15, 15),
    "11_chicago_author_date_citations_in_endnotes.txt": (11, 10),
}
HEADERS = {
    "01_gost_42_entries_three_page_breaks.txt": (
        "СЕМИРЕЧЕНСКОЕ КАЗАЧЬЕ ВОЙСКО В СИСТЕМЕ УПРАВЛЕНИЯ ТУРКЕСТАНСКИМ КРАЕМ (1867–1917)",
        "Сыдыков",
        "10.26577/JH.2021.v101.i2.07",
    ),
    "02_vancouver_number_repeated_and_skipped.txt": (
        "Treatment outcomes of rifampicin-resistant tuberculosis under all-oral regimens in Almaty, 2018–2020",
        "Baimukhanova",
        "10.24412/2411-2345-2022-3-141-152",
    ),
    "03_kazakh_numbers_on_own_line_back_matter.txt": (
        "АЛАШ ЗИЯЛЫЛАРЫНЫҢ ЖЕР МӘСЕЛЕСІ ЖӨНІНДЕГІ КӨЗҚАРАСТАРЫ (1905–1917 ЖЖ.)",
        "Сәрсенбаева",
        "10.32523/2616-7255-2023-143-2-55-70",
    ),
    "04_twin_without_english_entries.txt": (
        "КИТАЙСКАЯ ИНИЦИАТИВА «ОДИН ПОЯС – ОДИН ПУТЬ» И ИНТЕРЕСЫ КАЗАХСТАНА: ЭКСПЕРТНЫЕ ОЦЕНКИ",
        "Нурмагамбетова",
        "10.26577/IRILJ.2022.v97.i1.03",
    ),
    "05_apa_ligatures_soft_hyphens_doi_own_line.txt": (
        "Script, Status and Schooling: The Latinization of Kazakh in Everyday Language Choices",
        "Zhakupova",
        "10.1177/18793665231154321",
    ),
    "06_russian_author_year_yo_and_lookalike_letters.txt": (
        "МЕСТНОЕ САМОУПРАВЛЕНИЕ В КАЗАХСТАНЕ ПОСЛЕ ВВЕДЕНИЯ ВЫБОРОВ СЕЛЬСКИХ АКИМОВ",
        "Хамитова",
        "10.52123/1994-2370-2022-29-3-61",
    ),
    "07_english_text_cyrillic_harvard_list.txt": (
        "TRANSBOUNDARY WATER ALLOCATION IN THE SYR DARYA BASIN: A REVIEW OF KAZAKH AND RUSSIAN-LANGUAGE STUDIES",
        "Seitkazinova",
        "10.54668/2789-6323-2022-105-2-33-45",
    ),
    "08_footnote_citations_twin_with_merged_line.txt": (
        "Семипалатинский испытательный полигон в документах местных органов власти (1949–1962 гг.)",
        "Тлеубаева",
        "10.31489/2021HPh4/88-101",
    ),
    "09_new_gost_nbsp_soft_hyphen_wraps.txt": (
        "КОЛЛЕКТИВИЗАЦИЯ И СЕДЕНТАРИЗАЦИЯ КАЗАХСКИХ ХОЗЯЙСТВ В 1929–1933 ГОДАХ: НОВЫЕ ДОКУМЕНТЫ",
        "Абдрахманов",
        "10.24412/2070-9773-2022-3-115-127",
    ),
    "10_ieee_bracket_numbers_alone_xplore_footer.txt": (
        "Detection of Illegal Gold Mining Sites in Eastern Kazakhstan From Sentinel-2 Imagery Using a Lightweight "
        "U-Net",
        "Zhanabayeva",
        "10.1109/ACCESS.2023.3243517",
    ),
    "11_chicago_author_date_citations_in_endnotes.txt": (
        "Building a capital, building a nation: Astana's master plans and their publics, 1997–2019",
        "Bekturganova",
        "10.1080/02634937.2021.1893655",
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


def test_entry_cut_by_a_page_break_with_header_and_page_number_is_joined() -> None:
    analysis = analyse("01_gost_42_entries_three_page_breaks.txt")
    assert analysis.references[30].raw_text == (
        "Федорович Е.В. Землеустройство казачьих станиц Семиречья // Известия Туркестанского отдела РГО. – 1912. "
        "– Т. 8, вып. 1. – С. 17–39."
    )
    assert not any("ISSN" in ref.raw_text for ref in analysis.references)
    locators = [m.locator for m in analysis.mentions if m.marker == "[16, с. 45–46; 17, т. 2, с. 8]"]
    assert locators == ["p. 45–46", "vol. 2, p. 8"]


def test_list_number_printed_twice_opens_a_second_entry() -> None:
    analysis = analyse("02_vancouver_number_repeated_and_skipped.txt")
    labels = [ref.label for ref in analysis.references]
    assert labels[15:19] == ["16", "17", "17", "18"]
    assert analysis.references[17].raw_text.startswith("Borisov S, Danila E")
    assert "24" in cited_labels(analysis) and "23" not in labels


def test_numbers_alone_on_their_lines_and_back_matter_after_the_twin() -> None:
    analysis = analyse("03_kazakh_numbers_on_own_line_back_matter.txt")
    assert all(ref.raw_text_alt for ref in analysis.references)
    assert analysis.references[3].raw_text.startswith("Kendirbai G. «We are children of Alash...»")
    assert not any("E-mail" in ref.raw_text or "E-mail" in ref.raw_text_alt for ref in analysis.references)


def test_twin_that_leaves_out_english_entries_pairs_the_rest() -> None:
    references = analyse("04_twin_without_english_entries.txt").references
    assert [bool(ref.raw_text_alt) for ref in references] == [True] * 2 + [False] + [True] * 7 + [False, True]
    assert references[11].raw_text_alt.startswith("Izimov R.Yu.")


def test_ligatures_soft_hyphens_and_a_doi_on_its_own_line() -> None:
    analysis = analyse("05_apa_ligatures_soft_hyphens_doi_own_line.txt")
    assert analysis.references[6].raw_text.startswith("Griffin, R. (2016).")
    assert "influence" in analysis.references[10].raw_text
    assert analysis.references[10].raw_text.endswith("211–243. https://doi.org/10.1080/15387216.2019.1645033")
    assert [m.locator for m in analysis.mentions if "Kudaibergenova" in m.marker] == ["pp. 45–46"]
    assert cited_labels(analysis).count("Pavlenko,") == 2


def test_yo_and_lookalike_letters_find_their_entries() -> None:
    cited_words = cited_labels(analyse("06_russian_author_year_yo_and_lookalike_letters.txt"))
    assert {"Алешин", "Семёнов", "Кудайбергенова", "Әбдiрахманов"} <= set(cited_words)


def test_romanized_names_in_the_text_find_cyrillic_entries() -> None:
    cited_words = cited_labels(analyse("07_english_text_cyrillic_harvard_list.txt"))
    assert {"Щербаков", "Ермекова", "Жолдасбаева", "Хайдаров", "Юсупов"} <= set(cited_words)


def test_twin_entries_run_together_on_one_line_are_separated() -> None:
    analysis = analyse("08_footnote_citations_twin_with_merged_line.txt")
    assert all(ref.raw_text_alt for ref in analysis.references)
    assert analysis.references[8].raw_text_alt.endswith("P. 40–49. [in Russian]")
    assert analysis.references[9].raw_text_alt.startswith("Abishev M.E. Rezhim sekretnosti")
    footnote = [(analysis.references[m.reference].label, m.locator) for m in analysis.mentions if "с. 44" in m.marker]
    assert footnote == [("9", "p. 44")]


def test_soft_hyphen_at_a_line_end_joins_the_word_and_no_break_spaces_are_spaces() -> None:
    analysis = analyse("09_new_gost_nbsp_soft_hyphen_wraps.txt")
    assert analysis.references[0].raw_text.startswith("Абылхожин Ж. Б. Очерки социально-экономической истории")
    assert "трагедия крестьянства. Алматы, 1992. 36 с." in analysis.references[7].raw_text
    assert not any("\u00a0" in ref.raw_text or "\u00ad" in ref.raw_text for ref in analysis.references)
    assert [(a["family"], a["given"]) for a in analysis.metadata.authors] == [
        ("Абдрахманов", "Бекзат Серикович"),
        ("Тулегенова", "Мадина Ерлановна"),
    ]


def test_ieee_numbers_alone_section_locator_and_xplore_footer() -> None:
    analysis = analyse("10_ieee_bracket_numbers_alone_xplore_footer.txt")
    last = [(analysis.references[m.reference].label, m.locator) for m in analysis.mentions[-2:]]
    assert last == [("14", "sec. 3"), ("15", "")]
    assert analysis.references[8].raw_text.endswith("2017, arXiv:1704.04861.")
    assert not any("Authorized licensed" in ref.raw_text for ref in analysis.references)
    assert [a["given"] for a in analysis.metadata.authors] == ["Assel K.", "Daniyar M.", "Olga V."]


def test_running_header_printed_once_is_cut_out_and_endnotes_cite() -> None:
    analysis = analyse("11_chicago_author_date_citations_in_endnotes.txt")
    assert analysis.references[7].raw_text.endswith("Urban Change in Astana. New York: Berghahn Books.")
    assert {"Agency", "Isaacs,", "Junisbai,"} <= set(cited_labels(analysis))


# --- the rules, on strings ----------------------------------------------------------------------------------


def test_journal_doi_gives_way_to_the_article_doi() -> None:
    from corpus_import.metadata import find_doi

    lines = ["ISSN: 2616-7255", "DOI: 10.32523/2616-7255", "", "https://doi.org/10.32523/2616-7255-2023-1-5-9"]
    assert find_doi(lines, 4) == "10.32523/2616-7255-2023-1-5-9"
    assert find_doi(lines[:2], 2) == "10.32523/2616-7255"


def test_names_given_name_patronymic_family_and_ieee_capitals() -> None:
    from corpus_import.metadata import parse_names

    assert parse_names("Айгүл Ержанқызы Сәрсенбаева¹, Бекзат Серикович Абдрахманов2") == [
        {"family": "Сәрсенбаева", "given": "Айгүл Ержанқызы"},
        {"family": "Абдрахманов", "given": "Бекзат Серикович"},
    ]
    assert parse_names("DANIYAR RAKHIMOV1, AND OLGA V. PETRENKO2")[1] == {"family": "Petrenko", "given": "Olga V."}
    assert parse_names("WATER SECURITY IN CENTRAL ASIA") == []
    assert parse_names("RESEARCH ARTICLE") == []


def test_typesetting_characters_are_read_as_plain_letters() -> None:
    from corpus_import.reading import read_article

    text = read_article("ﬁndings of Griﬃn\u00a0R.\nэкономиче\u00ad\nской Kudai\u00adbergenova".encode())
    assert text == "findings of Griffin R.\nэкономиче-\nской Kudaibergenova"


def test_part_locators_and_paged_running_headers() -> None:
    from corpus_import.entries import is_paged_header
    from corpus_import.mentions import parse_bracket

    assert parse_bracket("14, Sec. 3; 15", 20) == [(14, "sec. 3"), (15, "")]
    assert parse_bracket("3, ст. 12", 5) == [(3, "ст. 12")]
    assert is_paged_header("228     A. BEKTURGANOVA AND M. SADYKOV")
    assert is_paged_header("CENTRAL ASIAN SURVEY     217")
    assert not is_paged_header("12   ИВАНОВ И.И. ИСТОРИЯ КАЗАХСТАНА. – АЛМАТЫ, 2001")
    assert not is_paged_header("12. Smith J. Water in Central Asia. London, 2001")
