"""Eleven articles laid out as publishers' PDFs come out of a PDF-to-text converter (tests/data/import_shapes_6).

Each file was annotated by reading it: its number of reference entries, of in-text citations that name an
entry (one per cited number or author-year item, also inside endnotes; a narrative `Ostrom (1990)` or
`Rubinov (2014: 190)` and footnote markers are not counted, a narrative `Pai et al. [13]` is), its title, its
first author's family name and its DOI (the article's own; a `Citation:` / `Для цитирования:` / `How to cite
this article:` block is the article's own reference, neither an entry nor a citation). The shapes:
- 01: Elsevier, numbered `[1]` list: the journal name and `Contents lists available at ScienceDirect` above
  the title, a `☆` on the title and its footnote, `A R T I C L E  I N F O`, `Keywords:` one per line,
  `E-mail address:`, `https://doi.org/...`, `Received ...; Accepted ...`, `0301-4215/© 2021 Elsevier Ltd.`;
  a running header (`A. Serikbayeva et al.   Energy Policy 156 (2021) 112418`) inside the list;
  `CRediT authorship contribution statement` and `Appendix A. Supplementary data` before it.
- 02: Elsevier Harvard (`Alimaev, I.I., Behnke, R.H., 2008.`), `Highlights` bullets before the text, a page
  number alone on its line and the running header inside the list, `(Bureau of National Statistics, 2020a,
  2020b)`, an entry wrapped before its pages.
- 03: Springer `ORIGINAL PAPER`, authors joined by ` · `, `Received: ... / Accepted: ...`, `© The Author(s)
  2022`, `Keywords` without a colon, the corresponding-author and affiliation footnotes inside the text,
  `Author Contributions` / `Funding` / `Declarations` / `Open Access` before `References`
  (`Micklin P, Aladin NV (2008) ... Sci Am 298:64–71`), `(Bekchanov et al. 2016a, b)`, and `Publisher's
  Note` after it.
- 04: Taylor & Francis Chicago author-date, authors in capitals joined by `and`, `ARTICLE HISTORY`,
  `KEYWORDS`, `CONTACT`, `Notes` that cite, `ORCID` lines before `References`; repeated authors printed
  as `———. 2020.`, cited as `(EBRD 2016; 2020)`.
- 05: Wiley `RESEARCH ARTICLE`, `DOI:` above it, authors joined by ` | `, `Correspondence`, `Funding
  information`, superscript citations, `REFERENCES` in capitals, then `SUPPORTING INFORMATION` and `How to
  cite this article: ...` after the list.
- 06: SAGE Harvard (`Adams RH and Cuecuecha A (2010)`), the masthead in a column (`DOI: 10.1177/...`,
  `journals.sagepub.com/home/ens`), affiliations and the `Creative Commons` notice floated into the text,
  `(Kan, 2018: 41–44; Reeves, 2011)`, `Declaration of conflicting interests`, `ORCID iD`, `Author
  biographies` after the list.
- 07: MDPI: the journal's name and `Article` above the title, `Citation:` block with the article's own
  reference, `Academic Editor:`, `Received:` ... `Published:`, `Copyright:`, a `Sustainability 2023, 15,
  2841   12 of 12` header inside the list, `Disclaimer/Publisher's Note:` after it.
- 08: Frontiers: `ORIGINAL RESEARCH` / `published:` / `doi:` masthead, `Edited by:`, `Reviewed by:`,
  `*Correspondence:`, `Specialty section:`, a `Citation:` block before the title, no `Abstract` label,
  headings in capitals, entries separated by blank lines, the page footer (`Frontiers in Psychology |
  www.frontiersin.org   7   May 2021 | Volume 12 | Article 642817`) and running head inside the list;
  `Conflict of Interest:` and `Copyright ©` after it.
- 09: PLOS ONE: `☯`, `‡` and `*` author marks, `OPEN ACCESS`, a `Citation:` block, `Editor:`, `Supporting
  information` items (`S1 Table. ...` / `(DOCX)`), `Author Contributions` before the list, and the page
  footer `PLOS ONE | https://doi.org/10.1371/... 10 / 11` (with the article's DOI) inside and after it.
- 10: Russian `Вестник` (Tomsk) layout: `Научная статья`, `УДК`, `doi:`, `EDN:`, authors with given name and
  patronymic first, affiliations with e-mail and ORCID, `Благодарности:`, `Для цитирования:`, then the
  English `Original article` block with `For citation:` before the text; `Список источников` (GOST
  7.0.100-2018, ` : `) and its numbered romanized `References`; `Информация об авторах:`, `Information
  about the authors:` and `Статья поступила в редакцию ...` after them.
- 11: Вестник КазНУ: `ISSN ...; eISSN ...   Хабаршы. ...` masthead, `МРНТИ` and the DOI on one line, the
  Kazakh title in capitals after the authors, `Аңдатпа.`, `Түйін сөздер:`, `Әдебиеттер` numbered `1 ...`
  without dots and its `References` twin, then the Russian and the English author, title and abstract blocks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shape_articles import analyse_file, cited_labels, counts, first_family

from corpus_import.pipeline import ArticleAnalysis

FOLDER = Path(__file__).parent / "data" / "import_shapes_6"
ANNOTATED = {
    "01_elsevier_numbered_star_footnote.txt": (15, 17),
    "02_elsevier_harvard_highlights_running_header.txt": (13, 13),
    "03_springer_original_paper_publishers_note.txt": (11, 13),
    "04_tandf_chicago_repeated_author_dashes.txt": (11, 13),
    "05_wiley_how_to_cite_supporting_information.txt": (13, 14),
    "06_sage_harvard_author_biographies.txt": (10, 10),
    "07_mdpi_citation_block_page_header.txt": (16, 19),
    "08_frontiers_edited_by_footer_in_list.txt": (9, 10),
    "09_plos_one_footer_with_doi_in_list.txt": (14, 14),
    "10_russian_vestnik_for_citation_both_languages.txt": (12, 12),
    "11_kaznu_kazakh_abstracts_after_list.txt": (10, 11),
}
HEADERS = {
    "01_elsevier_numbered_star_footnote.txt": (
        "Coal phase-out and regional labour markets in Kazakhstan: Evidence from Karaganda",
        "Serikbayeva",
        "10.1016/j.enpol.2021.112418",
    ),
    "02_elsevier_harvard_highlights_running_header.txt": (
        "Pasture commons after decollectivisation: Grazing rights and herd mobility in southern Kazakhstan",
        "Tulegenova",
        "10.1016/j.jrurstud.2021.11.014",
    ),
    "03_springer_original_paper_publishers_note.txt": (
        "Irrigation Efficiency and Return Flows in the Lower Syr Darya: A Water Balance for 2000–2020",
        "Abdrakhmanov",
        "10.1007/s11269-022-03112-7",
    ),
    "04_tandf_chicago_repeated_author_dashes.txt": (
        "Informal Payments and Trust in Public Hospitals: Evidence from Kazakhstan and Kyrgyzstan",
        "Nurmanov",
        "10.1080/09668136.2022.2051234",
    ),
    "05_wiley_how_to_cite_supporting_information.txt": (
        "Out-of-pocket spending on medicines after the introduction of compulsory health insurance in Kazakhstan",
        "Kassymova",
        "10.1002/hec.4571",
    ),
    "06_sage_harvard_author_biographies.txt": (
        "Remittances, migration and rural household investment in Tajikistan and Uzbekistan",
        "Rakhimov",
        "10.1177/18793665221149876",
    ),
    "07_mdpi_citation_block_page_header.txt": (
        "Wind Erosion Risk on Abandoned Cropland in Northern Kazakhstan under a Warming Climate",
        "Akhmetova",
        "10.3390/su15042841",
    ),
    "08_frontiers_edited_by_footer_in_list.txt": (
        "Bilingual Identity and Wellbeing Among Kazakh–Russian Speaking Students",
        "Sarsenova",
        "10.3389/fpsyg.2021.642817",
    ),
    "09_plos_one_footer_with_doi_in_list.txt": (
        "Prevalence of hypertension and its control among adults in rural Kyrgyzstan: A population-based "
        "cross-sectional study",
        "Toktogulova",
        "10.1371/journal.pone.0262340",
    ),
    "10_russian_vestnik_for_citation_both_languages.txt": (
        "Переселенческая политика и казахские волости Акмолинской области в 1906–1914 гг.",
        "Бекова",
        "10.17223/19988613/78/5",
    ),
    "11_kaznu_kazakh_abstracts_after_list.txt": (
        "СЫР БОЙЫ ҚАЗАҚТАРЫНЫҢ ОТЫРЫҚШЫЛАНУЫ: ХІХ ҒАСЫРДЫҢ ЕКІНШІ ЖАРТЫСЫ – ХХ ҒАСЫРДЫҢ БАСЫ",
        "Жұмабаева",
        "10.26577/JH.2022.v105.i2.08",
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


def test_running_header_printed_twice_with_a_column_gap_is_cut_out() -> None:
    analysis = analyse("01_elsevier_numbered_star_footnote.txt")
    assert analysis.references[9].raw_text.endswith("2010–2019, Astana, 2020.")
    assert [a["family"] for a in analysis.metadata.authors] == ["Serikbayeva", "Müller", "Zhumagaliyeva"]


def test_one_line_author_year_entries_open_at_names_then_year() -> None:
    analysis = analyse("03_springer_original_paper_publishers_note.txt")
    openings = [ref.raw_text.split(")")[0] for ref in analysis.references]
    assert openings[1:3] == [
        "Bekchanov M, Ringler C, Bhaduri A, Jeuland M (2016a",
        "Bekchanov M, Ringler C, Bhaduri A (2016b",
    ]
    assert not any("Water Resources Management" in ref.raw_text for ref in analysis.references)
    first = [analysis.references[m.reference].raw_text[:16] for m in analysis.mentions[:2]]
    assert first == ["Micklin P (2007)", "Micklin P, Aladi"]


def test_entries_with_a_rule_for_the_repeated_author_are_their_own_and_are_cited() -> None:
    analysis = analyse("04_tandf_chicago_repeated_author_dashes.txt")
    assert analysis.references[1].raw_text.startswith("———. 2020. Life in Transition IV")
    ebrd = [m.reference for m in analysis.mentions if m.marker == "(EBRD 2016; 2020)"]
    assert ebrd == [0, 1]
    polese = [m.locator for m in analysis.mentions if m.reference == 7]
    assert polese == ["p. 58–60", ""]
    assert [a["given"] for a in analysis.metadata.authors] == ["Daniyar", "Kamila"]


def test_how_to_cite_author_biographies_and_disclaimer_are_no_entries() -> None:
    wiley = analyse("05_wiley_how_to_cite_supporting_information.txt")
    assert wiley.references[-1].raw_text.endswith("World Health Organization; 2010.")
    assert [a["family"] for a in wiley.metadata.authors] == ["Kassymova", "Zhakenov", "Thomson"]
    sage = analyse("06_sage_harvard_author_biographies.txt")
    assert sage.references[-1].raw_text.startswith("Yang D (2008)")
    assert sage.references[5].raw_text.endswith("Central Asian Survey 30(3–4): 555–576.")
    mdpi = analyse("07_mdpi_citation_block_page_header.txt")
    assert mdpi.references[-1].raw_text.endswith("Catena 2021, 203, 105321.")
    assert [a["family"] for a in mdpi.metadata.authors] == ["Akhmetova", "Novák", "Kenzhebayev"]


def test_page_footers_with_the_page_count_or_a_number_between_gaps_are_cut_out() -> None:
    frontiers = analyse("08_frontiers_edited_by_footer_in_list.txt")
    assert not any("Frontiers in" in ref.raw_text or "Kowalski" in ref.raw_text for ref in frontiers.references)
    assert "Ministry" in cited_labels(frontiers)
    plos = analyse("09_plos_one_footer_with_doi_in_list.txt")
    assert plos.references[7].raw_text.endswith("Geneva: WHO; 2017.")
    assert plos.references[13].raw_text.endswith("35(2): 115–122. https://doi.org/10.1038/s41371-020-00425-1")


def test_kazakh_leaf_locator_and_twins() -> None:
    analysis = analyse("11_kaznu_kazakh_abstracts_after_list.txt")
    assert all(ref.raw_text_alt for ref in analysis.references)
    assert [m.locator for m in analysis.mentions if m.marker == "[8, 3-п.]"] == ["п. 3"]
    assert not analysis.references[-1].raw_text_alt.endswith("archival documents.")


# --- the rules, on strings ----------------------------------------------------------------------------------


def test_letter_spaced_headings_are_read_as_words() -> None:
    from corpus_import.reading import clean_line

    assert clean_line("A B S T R A C T") == "ABSTRACT"
    assert clean_line("A R T I C L E  I N F O") == "ARTICLE INFO"
    assert clean_line("a b c") == "a b c"


def test_author_marks_printed_apart_pipes_and_capitals_joined_by_and() -> None:
    from corpus_import.metadata import parse_names

    assert [n["family"] for n in parse_names("Aliya Serikbayeva a,*, Thomas Müller b, Dana Zhumagaliyeva a")] == [
        "Serikbayeva",
        "Müller",
        "Zhumagaliyeva",
    ]
    assert [n["family"] for n in parse_names("Aigerim Kassymova1 | Nurlan Zhakenov2 | Sarah Thomson3")] == [
        "Kassymova",
        "Zhakenov",
        "Thomson",
    ]
    assert parse_names("DANIYAR NURMANOV and KAMILA ABENOVA")[1] == {"family": "Abenova", "given": "Kamila"}
    assert parse_names("WATER POLITICS AND ENERGY SECURITY") == []
    assert parse_names("Memory Politics and the Famine") == []


def test_page_headers_with_a_wide_gap_and_page_counts() -> None:
    from corpus_import.entries import is_gapped_header
    from corpus_import.sections import page_numbered

    assert is_gapped_header("Water Resources Management (2022) 36:1871–1889          1889")
    assert is_gapped_header("60          Journal of Eurasian Studies 14(1)")
    assert not is_gapped_header("12       Smith J. A book about water. London, 2001.")
    assert not is_gapped_header("Smith J. A book. London, 2001. 12")
    assert page_numbered("PLOS ONE | https://doi.org/10.1371/x January 20, 2022 10 / 11")[-1][1] == "10"
    assert ("Frontiers in Psychology # May 2021 | Volume 12", "7") in page_numbered(
        "Frontiers in Psychology     7     May 2021 | Volume 12"
    )


def test_names_then_year_opens_an_entry_only_after_a_finished_one() -> None:
    from corpus_import.sections import find_sections

    text = (
        "Text (Kan 2018; Kumo 2012).\n\nReferences\n\n"
        "Kan S (2018) Houses of migrants: home building in rural Uzbekistan. Central Asian Survey 37: 36–53.\n"
        "Kumo K (2012) Tajik labour migration. Hitotsubashi Journal of Economics 53(1): 57–73.\n"
        "Olimova S and Bosc I (2003) Labour Migration from Tajikistan, a report of the International Organization\n"
        "Migration (2003) Dushanbe.\n"
    )
    entries = [entry.text for section in find_sections(text.split("\n")) for entry in section.entries]
    assert len(entries) == 3 and entries[2].endswith("Migration (2003) Dushanbe.")
