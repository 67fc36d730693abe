"""Article headers in shapes the five samples do not have: the title, the authors in printed order, the DOI.

Expected values were read off the files in tests/data/import_shapes by hand:
- 03: `**Abstract**` alone on its line; two authors given-name first, joined by `and`.
- 06, 07, 10: one author printed given-name first with full given names (`Aruzhan K. Bekova`).
- 07, 08: an affiliation line that opens with a person's initials (`L.N. Gumilyov Eurasian ...`).
- 03, 07: no DOI in the header, but DOIs in the reference list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_import.metadata import abstract_line, extract_metadata, is_author_line
from corpus_import.pipeline import analyse_article
from corpus_import.reading import read_article
from corpus_import.sections import find_sections

FOLDER = Path(__file__).parent / "data" / "import_shapes"
HEADERS = {
    "03_apa_hardwrapped.txt": (
        "Hedging between Giants: Kazakhstan’s Security Partnerships after 2014",
        [("Omarova", "Dana"), ("Seitkali", "Timur")],
        "",
    ),
    "06_bullets_split_urls.txt": (
        "Digital Silk Road in Central Asia: Connectivity, Data and Sovereignty",
        [("Bekova", "Aruzhan K.")],
        "10.1080/02634937.2022.2041234",
    ),
    "07_sources_year_first_chicago.txt": (
        "The Shanghai Convention Twenty Years On: Counter-Terrorism Law in the SCO Space",
        [("Alimbekov", "Kairat Zh.")],
        "",
    ),
    "08_kazakh_page_locators.txt": (
        "ҚАЗАҚСТАН МЕН ТҮРКІ МЕМЛЕКЕТТЕРІ ҰЙЫМЫНЫҢ ЫНТЫМАҚТАСТЫҒЫ",
        [("Сейітқали", "Д.Қ."), ("Омарова", "Н.Б.")],
        "",
    ),
    "10_notes_then_works_cited_mla.txt": (
        "Memory Politics and the Famine of 1931–1933 in Kazakhstan",
        [("Nurlanova", "Aigerim")],
        "",
    ),
}
BODY = "The paper studies water policy in the region and its effect on the neighbours of Kazakhstan. " * 5


def lines_of(text: str) -> list[str]:
    return read_article(text.encode()).split("\n")


def people(text: str) -> list[tuple[str, str]]:
    return [(author["family"], author["given"]) for author in extract_metadata(lines_of(text)).authors]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_of_shaped_article(name: str) -> None:
    metadata = analyse_article(name, (FOLDER / name).read_bytes()).metadata
    title, authors, doi = HEADERS[name]
    assert metadata.title == title
    assert [(author["family"], author["given"]) for author in metadata.authors] == authors
    assert metadata.doi == doi


# --- 1. an abstract heading alone on its line -------------------------------------------------------------


@pytest.mark.parametrize("heading", ["ABSTRACT", "**Abstract**", "Аннотация", "## Аңдатпа"])
def test_bare_abstract_heading_in_the_header_is_the_anchor(heading: str) -> None:
    text = f"UDC 327\n\nWATER POLICY OF KAZAKHSTAN IN CENTRAL ASIA\n\nA.B. Omarov\n\n{heading}\n\n{BODY}\n"
    assert abstract_line(lines_of(text)) == 6


@pytest.mark.parametrize(
    "line", ["ABSTRACT The water policy of the region is studied.", "АННОТАЦИЯ Изучается водная политика региона."]
)
def test_capital_abstract_run_into_its_text_is_the_anchor(line: str) -> None:
    text = f"UDC 327\n\nWATER POLICY OF KAZAKHSTAN IN CENTRAL ASIA\n\nA.B. Omarov\n\n{line}\n\n{BODY}\n"
    assert abstract_line(lines_of(text)) == 6


@pytest.mark.parametrize("line", ["ABSTRACT ART IN KAZAKHSTAN", "Abstract art in Kazakhstan is studied here."])
def test_a_title_or_sentence_opening_with_the_word_abstract_is_not_the_anchor(line: str) -> None:
    text = f"UDC 327\n\n{line}\n\nA.B. Omarov\n\nSUMMARY: a short summary.\n\n{BODY}\n"
    assert abstract_line(lines_of(text)) == 6


def test_bare_abstract_heading_keeps_the_title_away_from_the_references() -> None:
    references = "\n".join(
        f"Author{letter}, A. (2001). A long enough title of a cited work on water number {letter}. Journal, 3, 1-9."
        for letter in "bcdefg"
    )
    text = (
        "WATER POLICY OF KAZAKHSTAN IN CENTRAL ASIA\n\nAigerim Omarova and Timur Seitkali\n\nABSTRACT\n\n"
        f"Short abstract.\n\nIntroduction\n\nShort text (Authorb, 2001).\n\nReferences\n\n{references}\n"
    )
    metadata = extract_metadata(lines_of(text))
    assert metadata.title == "WATER POLICY OF KAZAKHSTAN IN CENTRAL ASIA"
    assert [(author["family"], author["given"]) for author in metadata.authors] == [
        ("Omarova", "Aigerim"),
        ("Seitkali", "Timur"),
    ]


def test_doi_of_a_cited_work_is_not_the_articles_doi() -> None:
    text = (
        "WATER POLICY OF KAZAKHSTAN IN CENTRAL ASIA\n\nA.B. Omarov\n\nAbstract. Short.\n\nText (Smith, 2001).\n\n"
        "References\n\nSmith, J. (2001). Water and power in the region. Journal, 3, 1-9. https://doi.org/10.1234/abc.5\n"
        "Jones, K. (2002). Rivers and borders of the region. Journal, 4, 2-8.\n"
    )
    lines = lines_of(text)
    spans = [range(section.heading_line or section.start, section.end) for section in find_sections(lines)]
    assert extract_metadata(lines, spans).doi == ""


# --- 2. authors printed given-name first --------------------------------------------------------------------


def test_three_given_name_first_authors_with_superscript_marks() -> None:
    text = (
        "WATER POLICY OF KAZAKHSTAN IN CENTRAL ASIA\n\n"
        "Aruzhan K. Bekova<sup>1</sup>, Timur Seitkali<sup>2</sup>* and Dana Omarova<sup>1,2</sup>\n\n"
        "<sup>1</sup>Nazarbayev University, Astana, Kazakhstan\n\nAbstract. Short.\n"
    )
    assert people(text) == [("Bekova", "Aruzhan K."), ("Seitkali", "Timur"), ("Omarova", "Dana")]


def test_given_name_first_author_in_cyrillic() -> None:
    text = "ВОДНАЯ ПОЛИТИКА КАЗАХСТАНА В ЦЕНТРАЛЬНОЙ АЗИИ\n\nАйгерим Ж. Нурланова\n\nАннотация. Кратко.\n"
    assert people(text) == [("Нурланова", "Айгерим Ж.")]


@pytest.mark.parametrize(
    "line",
    [
        "Memory Politics and the Famine of 1931",  # a title-case title, not a list of names
        "and World Languages, Almaty, Kazakhstan",  # the second line of an affiliation
        "Research Article",
        "Open Access",
    ],
)
def test_capitalised_words_that_are_not_given_name_first_authors(line: str) -> None:
    """Guard: the given-name-first form needs a line of names only, and no header vocabulary."""
    assert not is_author_line(line)


def test_family_first_author_keeps_a_position_printed_after_it() -> None:
    """Guard: title-case words after a family-first name drop only themselves, not the name."""
    text = "WATER POLICY OF KAZAKHSTAN IN CENTRAL ASIA\n\nIskakov A.N. Senior Lecturer, PhD\n\nAbstract. Short.\n"
    assert people(text) == [("Iskakov", "A.N.")]


# --- 3. affiliation lines that open with a person's initials ------------------------------------------------


@pytest.mark.parametrize(
    "affiliation",
    [
        "L.N. Gumilyov Eurasian National University, Astana, Kazakhstan",
        "²К.И. Сатпаев Казахский национальный исследовательский технический университет, Алматы",
        "Ш. Есенов атындағы Каспий технологиялар және инжиниринг университеті, Ақтау",
        "K. Satpayev str. 2, Astana, Kazakhstan",
    ],
)
def test_affiliation_or_address_line_gives_no_author(affiliation: str) -> None:
    header = "WATER POLICY OF KAZAKHSTAN IN CENTRAL ASIA\n\nA.B. Omarov¹, Nurlanova Zh.E.²"
    text = f"{header}\n\n{affiliation}\n\nAbstract. Short.\n"
    assert people(text) == [("Omarov", "A.B."), ("Nurlanova", "Zh.E.")]


# --- 4. a list under a heading that is skipped says so --------------------------------------------------------


def test_skipped_list_under_a_heading_is_a_warning() -> None:
    """A body section named `Sources` whose paragraphs cite years: too long to be entries, and said so."""
    prose = "This part reviews what the sources say about the policy of the region (Smith, 2001). " * 8
    text = (
        "WATER POLICY OF KAZAKHSTAN IN CENTRAL ASIA\n\nA.B. Omarov\n\nAbstract. Short.\n\n"
        f"Sources\n\n{prose}\n\n{prose}\n\nReferences\n\n"
        "1. Smith J. Water and power in the region. Journal, 2001, 3, 1-9.\n"
        "2. Jones K. Rivers and borders of the region. Journal, 2002, 4, 2-8.\n"
    )
    analysis = analyse_article("a.txt", text.encode())
    assert len(analysis.references) == 2
    assert 'list under "Sources" (line 7) skipped: entries too long for references (median 679 characters)' in (
        analysis.warnings
    )


def test_list_with_a_year_in_one_paragraph_of_three_is_skipped_with_its_reason() -> None:
    paragraph = "The literature on the region is thin and mostly written by outside observers of its politics."
    text = (
        "WATER POLICY OF KAZAKHSTAN IN CENTRAL ASIA\n\nA.B. Omarov\n\nAbstract. Short.\n\n"
        f"Literature\n\n{paragraph}\n\n{paragraph}\n\nThe first survey appeared in 2001.\n\nReferences\n\n"
        "1. Smith J. Water and power in the region. Journal, 2001, 3, 1-9.\n"
    )
    sections = find_sections(lines_of(text))
    assert [section.heading for section in sections] == ["References"]
    assert sections[0].warnings == [
        'list under "Literature" (line 7) skipped: only 1 of 3 entries read like references'
    ]


def test_an_article_whose_only_list_was_skipped_says_why_as_well_as_that_none_was_found() -> None:
    paragraph = "The literature on the region is thin and mostly written by outside observers of its politics."
    text = (
        "WATER POLICY OF KAZAKHSTAN IN CENTRAL ASIA\n\nA.B. Omarov\n\nAbstract. Short.\n\n"
        f"Literature\n\n{paragraph}\n\n{paragraph}\n\nThe first survey appeared in 2001.\n"
    )
    analysis = analyse_article("skipped.txt", text.encode())
    assert analysis.references == []
    assert analysis.warnings[:2] == [
        'list under "Literature" (line 7) skipped: only 1 of 3 entries read like references',
        "no reference list found",
    ]
