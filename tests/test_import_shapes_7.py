"""Eight articles in shapes from newer converters and local journals (tests/data/import_shapes_7).

Each file was annotated by reading it, counted as in tests/test_import_shapes_3.py: its number of reference
entries, of in-text citations that name an entry (one per cited number or author-year item; a range counts
each number in it; a narrative `Porter [1]` is counted; footnote markers `[^1]` and affiliation marks are not),
its title, its first author's family name and its DOI. The shapes:
- 01: marker markdown: `# Title`, `**Name**<sup>1</sup>`, `## References`, escaped numbers `1\\. Entry`
  separated by blank lines, `**2007**` and `*35*` emphasis, `[5-7]`, `[1], [12]`.
- 02: pandoc markdown: setext headings (`=====` / `-----`), `^1^` affiliation marks, `(1; 2)` citations, a
  list of `- 1. Entry` items with two-space wraps and `<br>` inside entries; no DOI.
- 03: docling markdown: the list as a table `| 1 | Author ... |` under a `| No. | Reference |` header and
  its `|---|` rule; footnotes `[^1]` with `[^1]: text` definitions before `## References`.
- 04: Russian, `**Список литературы**` in bold, one unnumbered alphabetical list of Cyrillic then Latin
  entries, hard-wrapped with no indent; author-year `(Бекова, Жунусов, 2021)`, `(OECD, 2021)`.
- 05: conference proceedings (IEEE style), title in capitals, `REFERENCES`, 45 `[n]` entries wrapped with a
  four-space indent; `[1]-[3]`, `[5], [6]`, `[13, 14]`, `[23, 24, 25]`.
- 06: review: `References` split by topic sub-headings (`Background and concepts`, ...), each entry a `•`
  bullet with two-space wraps; author-year `(Stewart and Oke 2012; Bechtel et al. 2015)`.
- 07: Unicode superscript citations `¹⁻³`, `⁴,⁵`, `⁵,¹²` next to bracket ones `[1-3], [11]`, `[8, 15]`;
  superscripts `¹` also mark affiliations.
- 08: English article by Kazakh authors: `IRSTI` and the DOI on one line, title in capitals after the
  authors, `References` numbered `1 ` without dots, romanized-only with `[in Kazakh]` / `[in Russian]` tags,
  `[4, p. 56; 5]`, narrative `Porter [1]`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shape_articles import analyse_file, counts, first_family

from corpus_import.pipeline import ArticleAnalysis

FOLDER = Path(__file__).parent / "data" / "import_shapes_7"
ANNOTATED = {
    "01_marker_markdown_escaped_numbers.txt": (12, 15),
    "02_pandoc_dash_numbered_and_br.txt": (12, 14),
    "03_docling_table_references_footnotes.txt": (8, 10),
    "04_russian_latin_alphabetical_bold_heading.txt": (9, 11),
    "05_conference_capital_references_long_list.txt": (45, 45),
    "06_review_bullets_topic_sublists.txt": (10, 15),
    "07_unicode_superscripts_and_bracket_ranges.txt": (15, 21),
    "08_kazakh_authors_romanized_in_kazakh_tags.txt": (12, 14),
}
HEADERS = {
    "01_marker_markdown_escaped_numbers.txt": (
        "Groundwater salinity trends in the lower Syr Darya basin",
        "Tulegenov",
        "10.3390/w15040712",
    ),
    "02_pandoc_dash_numbered_and_br.txt": (
        "Wheat yield gaps in northern Kazakhstan under climate variability",
        "Seitkali",
        "",
    ),
    "03_docling_table_references_footnotes.txt": (
        "Pastoral mobility and winter pasture tenure in Kyrgyzstan",
        "Asanov",
        "10.1080/02634937.2022.2051234",
    ),
    "04_russian_latin_alphabetical_bold_heading.txt": (
        "ЦИФРОВИЗАЦИЯ МАЛОГО БИЗНЕСА В РЕГИОНАХ КАЗАХСТАНА",
        "Омарова",
        "10.31489/2079-5629.2023.2.45",
    ),
    "05_conference_capital_references_long_list.txt": (
        "LIGHTWEIGHT NEURAL NETWORKS FOR CROP DISEASE DETECTION ON LOW-POWER DEVICES",
        "Mukhamedov",
        "",
    ),
    "06_review_bullets_topic_sublists.txt": (
        "Urban heat islands in Central Asian cities: a review of evidence and methods",
        "Kenesbayeva",
        "10.3390/cli11020045",
    ),
    "07_unicode_superscripts_and_bracket_ranges.txt": (
        "Vitamin D status of schoolchildren in Almaty and Astana",
        "Abenova",
        "10.1186/s12889-023-15012-3",
    ),
    "08_kazakh_authors_romanized_in_kazakh_tags.txt": (
        "TOURISM CLUSTERS AND REGIONAL DEVELOPMENT IN THE ALMATY REGION",
        "Zhunusova",
        "10.26577/be.2023.v144.i2.07",
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


def cited(analysis: ArticleAnalysis) -> list[str]:
    """The label of the entry each mention names, in text order."""
    return [analysis.references[m.reference].label for m in analysis.mentions]


def test_markdown_lists_tables_and_line_breaks_give_whole_entries() -> None:
    pandoc = analyse("02_pandoc_dash_numbered_and_br.txt")
    assert pandoc.references[0].raw_text.startswith("Kienzler, K.M.")
    assert pandoc.references[3].raw_text == (
        "Pan, X.; Zhao, C. Modelling spring wheat in the steppe. Agric. For. Meteorol. 2019, 268, 1–12."
    )
    assert [m.marker for m in pandoc.mentions if m.reference == 6] == ["(7)"]
    docling = analyse("03_docling_table_references_footnotes.txt")
    assert [ref.label for ref in docling.references] == [str(n) for n in range(1, 9)]
    assert docling.references[6].raw_text.endswith("Ambio 2016, 45, 258–268.")
    assert not any("Interviews" in ref.raw_text for ref in docling.references)


def test_wrapped_author_year_and_superscript_citations_are_read() -> None:
    russian = analyse("04_russian_latin_alphabetical_bold_heading.txt")
    assert russian.mentions[0].marker == "(Абдуллаева, 2020; Бекова, Жунусов, 2021)"
    assert russian.references[4].raw_text.startswith("Brynjolfsson E., McAfee A.")
    superscripts = analyse("07_unicode_superscripts_and_bracket_ranges.txt")
    assert cited(superscripts)[:7] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [m.marker for m in superscripts.mentions if m.reference == 11] == ["⁵,¹²"]


# --- the rules, on strings ----------------------------------------------------------------------------------


def test_markdown_rules_breaks_and_table_rows() -> None:
    from corpus_import.reading import clean_line

    assert clean_line("----------") == ""
    assert clean_line("|-----|:----------|") == ""
    assert clean_line("| 3 | Dörre, A. Promises and realities. Nomadic Peoples 2015, 19, 93–115. |") == (
        "3. Dörre, A. Promises and realities. Nomadic Peoples 2015, 19, 93–115."
    )
    assert clean_line("| 2019 | 45 | 12.5 |") == "| 2019 | 45 | 12.5 |"
    assert clean_line("the steppe.<br>Agric. For.") == "the steppe. Agric. For."
    assert clean_line("— 2020.") == "— 2020."


def test_superscripts_next_to_brackets_only_with_a_list_or_range() -> None:
    from corpus_import.mentions import find_mentions
    from corpus_import.twins import Reference

    refs = [Reference(str(n), f"Author{n} A. Title {n}. 2020.", "", n) for n in range(1, 4)]
    prose = "the results of this small study were confirmed later by several other groups of authors"
    footnoted = f"Text [1] and {prose}¹ here.\n\nReferences\n"
    assert [m.marker for m in find_mentions(footnoted, refs)[0]] == ["[1]"]
    both = f"Text [1] and {prose}²,³ here.\n\nReferences\n"
    assert [m.marker for m in find_mentions(both, refs)[0]] == ["[1]", "²,³", "²,³"]


def test_a_number_in_parentheses_before_its_item_enumerates() -> None:
    from corpus_import.mentions import find_mentions
    from corpus_import.twins import Reference

    refs = [Reference(str(n), f"Author{n} A. Title {n}. 2020.", "", n) for n in range(1, 4)]
    text = "Two stages (1) collecting data and (2) coding it. Weather came from stations (3) and maps."
    assert [m.marker for m in find_mentions(text, refs)[0]] == ["(3)"]


def test_a_units_power_is_no_superscript_citation() -> None:
    from corpus_import.mentions import find_mentions
    from corpus_import.twins import Reference

    refs = [Reference(str(n), f"Author{n} A. Title {n}. 2020.", "", n) for n in range(1, 4)]
    prose = "the results of this small study were confirmed later by several other groups of authors"
    text = f"Text {prose} over 120 km² and 5 m³ of water, as others found²,³ here.\n"
    assert [m.marker for m in find_mentions(text, refs)[0]] == ["²,³", "²,³"]
