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

from corpus_import.pipeline import ArticleAnalysis, analyse_article

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
    return analyse_article(name, (FOLDER / name).read_bytes())


def cited(analysis: ArticleAnalysis) -> list[str]:
    """The label, or else the first word, of the entry each mention names, in text order."""
    references = analysis.references
    return [references[m.reference].label or references[m.reference].raw_text.split()[0] for m in analysis.mentions]


@pytest.mark.parametrize("name", sorted(ANNOTATED))
def test_article_has_the_annotated_number_of_entries_and_mentions(name: str) -> None:
    analysis = analyse(name)
    assert (len(analysis.references), len(analysis.mentions)) == ANNOTATED[name]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_article_title_first_author_and_doi_are_read(name: str) -> None:
    metadata = analyse(name).metadata
    family = metadata.authors[0]["family"] if metadata.authors else ""
    assert (metadata.title, family, metadata.doi) == HEADERS[name]
