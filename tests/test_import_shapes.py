"""Articles written for these tests in shapes the five samples do not have (tests/data/import_shapes).

Each file was annotated by reading it: its number of reference entries, and of
in-text citations that name an entry (one per cited number; a narrative
`Allison (2018)` in 03 is not counted). The shapes:
- 01: Vancouver list numbered `1 World...` with no dot, under `LITERATURE CITED`.
- 02: a `1.` list broken by a page break whose running header alternates
  between even and odd pages, so each copy is printed only twice.
- 03: APA, unnumbered and hard-wrapped without indentation.
- 04: citations printed as superscripts (`<sup>2,3</sup>`, `<sup>4–6</sup>`).
- 05: a Kazakh numbered list and its unnumbered romanized twin; `[4, 12 б.]`.
- 06: `•` bullets, URLs and DOIs broken across lines.
- 07: `Sources` whose entries start with a year (`2001. Shanghai Convention`),
  then Chicago author-date `References`; `(Lemon 2018, 12)`.
- 08: Kazakh locators with the number first: `[1, 45-б.]`, `[5, 23-25 бб.]`.
- 09: unnumbered GOST, Cyrillic then Latin, hard-wrapped.
- 10: endnotes (`Notes`, 1.-3.) before an MLA `Works Cited`.
- 11: a romanized twin whose wrapped lines are separated by blank lines.
- 12: a wrapped line that starts with the next list number (`№` / `3. – С. 5–25.`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shape_articles import analyse_file, counts

from corpus_import.pipeline import ArticleAnalysis, analyse_article

FOLDER = Path(__file__).parent / "data" / "import_shapes"
ANNOTATED = {
    "01_vancouver_nodot.txt": (8, 11),
    "02_page_break_alternating_header.txt": (10, 10),
    "03_apa_hardwrapped.txt": (7, 9),
    "04_superscript_markers.txt": (7, 9),
    "05_twin_unnumbered_romanized.txt": (6, 8),
    "06_bullets_split_urls.txt": (5, 5),
    "07_sources_year_first_chicago.txt": (9, 7),
    "08_kazakh_page_locators.txt": (6, 7),
    "09_plain_wrapped_mixed_script.txt": (7, 7),
    "10_notes_then_works_cited_mla.txt": (6, 6),
    "11_twin_romanized_blank_wrapped.txt": (6, 6),
    "12_numbered_wrap_starts_with_number.txt": (8, 8),
}


def analyse(name: str) -> ArticleAnalysis:
    return analyse_file(FOLDER, name)


@pytest.mark.parametrize("name", sorted(ANNOTATED))
def test_article_has_the_annotated_number_of_entries_and_mentions(name: str) -> None:
    assert counts(analyse(name)) == ANNOTATED[name]


def test_a_wrapped_line_starting_with_the_next_number_stays_in_its_entry() -> None:
    analysis = analyse("12_numbered_wrap_starts_with_number.txt")
    texts = {ref.label: ref.raw_text for ref in analysis.references}
    assert texts["2"].endswith("№ 3. – С. 5–25.")
    assert texts["3"].startswith("Кембаев Ж.М.")
    assert texts["4"].endswith("Т. 5. – № 2. – С. 38–47.")


def test_number_first_locators_are_read_as_pages() -> None:
    analysis = analyse("08_kazakh_page_locators.txt")
    locators = {m.locator for m in analysis.mentions if m.locator}
    assert {"p. 45", "p. 112"} <= locators


def test_superscript_citations_link_to_the_numbered_entries() -> None:
    analysis = analyse("04_superscript_markers.txt")
    cited = sorted(int(analysis.references[m.reference].label) for m in analysis.mentions)
    assert cited == [1, 1, 2, 3, 4, 5, 5, 6, 7]


NUMBERED_HEADINGS_BODY = """**Water governance in the Syr Darya basin**

A.B. Omarov

Abstract. The article reviews how the riparian states share the water of the basin.

1 Introduction

The Syr Darya crosses four states, and its flow is regulated by reservoirs built in the Soviet period.
Since independence each state has managed its own reservoirs, and the upstream ones release water in winter.

2 Methods

We compared the release schedules published by the basin commission with the irrigation needs downstream.
The data cover the years from 2000 to 2020 and were taken from the commission's yearly bulletins.

3 Results

Winter releases grew by a third over the period, while summer releases fell below the needs of irrigation.
The gap was largest in dry years, when the downstream states asked for more water than the reservoirs held.

4 Conclusion

A basin agreement that prices the water stored for summer would serve both the upstream and downstream states.
"""


def test_numbered_section_headings_are_not_a_reference_list() -> None:
    """Bare numbers now open entries (`1 World Health...`): a body's `1 Introduction` must not."""
    analysis = analyse_article("headings.txt", NUMBERED_HEADINGS_BODY.encode())
    assert analysis.references == []


def test_numbered_headings_before_a_headed_list_leave_its_count_alone() -> None:
    listed = NUMBERED_HEADINGS_BODY + (
        "\nReferences\n\n"
        "1. Dukhovny V.A., Sokolov V.I. Integrated water resources management in Central Asia. "
        "Tashkent: SIC ICWC, 2005. 120 p.\n"
        "2. Wegerich K. Water strategy meets local reality. Water Policy. 2008. Vol. 10. P. 71-88.\n"
        "3. Micklin P. The Aral Sea disaster. Annual Review of Earth and Planetary Sciences. 2007. Vol. 35. P. 47-72.\n"
    )
    analysis = analyse_article("headings_and_list.txt", listed.encode())
    assert [ref.label for ref in analysis.references] == ["1", "2", "3"]
