"""BibTeX, RIS and CSL-JSON writers and readers on plain CSL-JSON items (no database)."""

from __future__ import annotations

import json
from typing import Any

import bibtexparser
import pytest
import rispy

from bibliography.formats import parse_text, render_items
from bibliography.formats.citekeys import CiteKeys
from bibliography.formats.latex import decode, escape

ARTICLE: dict[str, Any] = {
    "id": "7",
    "type": "article-journal",
    "title": "Security & Defence: 50% of #1 {core} $costs ~ ^_^ \\ end",
    "translated-title": "Безопасность и оборона",
    "author": [{"family": "Buzan", "given": "B."}, {"literal": "NATO"}, {"family": "Алимбеков", "given": "К.Ж."}],
    "editor": [{"family": "van der Berg", "given": "J."}],
    "container-title": "Journal of Things",
    "issued": {"date-parts": [[2013]]},
    "volume": "51",
    "issue": "1",
    "page": "59-79",
    "DOI": "10.1000/a_b%c#d",
    "URL": "https://example.org/a_b%20c#frag",
    "accessed": {"date-parts": [[2023, 3, 5]]},
    "language": "ru",
    "_confidence": 0.4,
}


def render(items: list[dict[str, Any]], fmt: str) -> str:
    return "".join(render_items(items, fmt))


def test_bibtex_escapes_latex_specials_but_not_url_or_doi() -> None:
    text = render([ARTICLE], "bibtex")
    assert r"title = {Security \& Defence: 50\% of \#1 \{core\} \$costs \textasciitilde{}" in text
    assert r"\textasciicircum{}\_\textasciicircum{} \textbackslash{} end}" in text
    assert "doi = {10.1000/a_b%c#d}" in text
    assert "url = {https://example.org/a_b%20c#frag}" in text


def test_bibtex_fields_follow_biblatex_conventions() -> None:
    text = render([ARTICLE], "bibtex")
    assert text.startswith("@article{buzan2013security,")
    assert "author = {Buzan, B. and {NATO} and Алимбеков, К.Ж.}" in text
    assert "editor = {van der Berg, J.}" in text
    assert "pages = {59--79}" in text
    assert "urldate = {2023-03-05}" in text
    assert "langid = {russian}" in text
    assert "titleaddon = {[Безопасность и оборона]}" in text
    assert "_confidence" not in text and "0.4" not in text


@pytest.mark.parametrize(
    ("csl_type", "entry_type"),
    [
        ("article-journal", "@article{"),
        ("book", "@book{"),
        ("chapter", "@incollection{"),
        ("paper-conference", "@inproceedings{"),
        ("thesis", "@phdthesis{"),
        ("report", "@report{"),
        ("webpage", "@online{"),
        ("legislation", "@misc{"),
        ("manuscript", "@unpublished{"),
        ("no-such-type", "@misc{"),
    ],
)
def test_bibtex_entry_type_per_csl_type(csl_type: str, entry_type: str) -> None:
    assert render([{"type": csl_type, "title": "X"}], "bibtex").startswith(entry_type)


def test_citation_keys_are_ascii_for_cyrillic_and_suffixed_on_clashes() -> None:
    item = {"title": "О безопасности Казахстана", "author": [{"family": "Ибраев"}], "issued": {"date-parts": [[2021]]}}
    keys = CiteKeys()
    assigned = [keys.assign(item) for _ in range(3)]
    assert assigned == ["ibraev2021bezopasnosti", "ibraev2021bezopasnostia", "ibraev2021bezopasnostib"]
    assert all(key.isascii() for key in assigned)


def test_citation_keys_are_the_same_on_every_export() -> None:
    items = [ARTICLE, dict(ARTICLE, id="8"), {"title": "The state", "author": [{"literal": "World Bank"}]}]
    first = bibtexparser.parse_string(render(items, "bibtex"))
    second = bibtexparser.parse_string(render(items, "bibtex"))
    assert [entry.key for entry in first.entries] == [entry.key for entry in second.entries]
    assert [entry.key for entry in first.entries] == ["buzan2013security", "buzan2013securitya", "worldndstate"]


def test_latex_decode_reverses_escape_and_reads_other_tools_accents() -> None:
    text = "Security & {core}: 50% ~ ^ \\ $ # _"
    assert decode(escape(text)) == text
    assert decode(r"R{\'{e}}ny {DNA} 100% H{\"{a}}ndchen") == "Rény DNA 100% Händchen"


def test_bibtex_output_parses_back_to_the_same_item() -> None:
    result = parse_text(render([ARTICLE], "bibtex"), "bibtex")
    assert not result.problems
    item = result.entries[0].item
    expected = {key: value for key, value in ARTICLE.items() if key not in ("id", "_confidence")}
    assert item == expected


def test_ris_has_the_expected_tags() -> None:
    text = render([ARTICLE], "ris")
    lines = text.splitlines()
    for line in ["TY  - JOUR", "AU  - Buzan, B.", "AU  - NATO", "A2  - van der Berg, J.", "JO  - Journal of Things"]:
        assert line in lines
    for line in ["SP  - 59", "EP  - 79", "PY  - 2013", "Y2  - 2023/03/05", "LA  - ru", "DO  - 10.1000/a_b%c#d"]:
        assert line in lines
    assert rispy.loads(text)[0]["title"] == ARTICLE["title"]


@pytest.mark.parametrize(
    ("csl_type", "ris_type"),
    [
        ("book", "BOOK"),
        ("chapter", "CHAP"),
        ("paper-conference", "CONF"),
        ("thesis", "THES"),
        ("webpage", "ELEC"),
        ("report", "RPRT"),
        ("legislation", "STAT"),
        ("document", "GEN"),
        ("article-newspaper", "NEWS"),
    ],
)
def test_ris_type_per_csl_type(csl_type: str, ris_type: str) -> None:
    assert render([{"type": csl_type, "title": "X"}], "ris").startswith(f"TY  - {ris_type}\n")


def test_ris_output_parses_back_to_the_same_item() -> None:
    result = parse_text(render([ARTICLE], "ris"), "ris")
    item = result.entries[0].item
    expected = {key: value for key, value in ARTICLE.items() if key != "_confidence"}
    assert item == expected


def test_ris_book_keeps_number_of_pages_and_both_standard_numbers() -> None:
    book = {"type": "book", "title": "Regions", "number-of-pages": "564", "ISBN": "978-0-521-89111-4"}
    book["ISSN"] = "1234-5678"
    assert parse_text(render([book], "ris"), "ris").entries[0].item == book


def test_types_that_share_a_ris_or_bibtex_type_survive_the_round_trip() -> None:
    items = [{"type": csl_type, "title": "X"} for csl_type in ("article", "document", "treaty", "article-magazine")]
    for fmt in ("ris", "bibtex"):
        parsed = parse_text(render(items, fmt), fmt)
        assert [entry.item["type"] for entry in parsed.entries] == [item["type"] for item in items]


def test_csljson_streams_a_valid_array_item_by_item() -> None:
    chunks = list(render_items([ARTICLE, {"id": "2", "title": "B"}], "csljson"))
    assert len(chunks) == 3
    data = json.loads("".join(chunks))
    assert [item["id"] for item in data] == ["7", "2"]
    assert "_confidence" not in data[0]
    assert json.loads(render([], "csljson")) == []


def test_csljson_reader_keeps_items_before_a_syntax_error_and_names_its_line() -> None:
    text = '[\n{"id": "a", "title": "One"},\n{"id": "b", "title": "Two"},\n{"id": "c", "title": }\n]'
    result = parse_text(text, "csljson")
    assert [entry.label for entry in result.entries] == ["a", "b"]
    assert [entry.line for entry in result.entries] == [2, 3]
    assert result.problems[0].line == 4


def test_bibtex_reader_reports_broken_braces_with_line_and_keeps_the_rest() -> None:
    text = "@article{ok1, title={A}}\n\n@article{bad1, title={Broken {brace}, year=2000\n@book{ok2, title={B}}\n"
    text += "@foo{odd1, title={C}}\n"
    result = parse_text(text, "bibtex")
    assert [entry.label for entry in result.entries] == ["ok1", "ok2", "odd1"]
    assert (result.problems[0].entry, result.problems[0].line) == ("@article{bad1}", 3)
    assert result.entries[2].item["type"] == "document"
    assert "unknown entry type @foo" in result.entries[2].warnings[0]


def test_ris_reader_reports_unclosed_record_and_unknown_type() -> None:
    text = "TY  - JOUR\nTI  - One\nAU  - Smith, J.\nTY  - WEIRD\nTI  - Two\nER  - \n"
    result = parse_text(text, "ris")
    assert [(entry.line, entry.item["title"]) for entry in result.entries] == [(1, "One"), (4, "Two")]
    assert "not closed" in result.entries[0].warnings[0]
    assert "unknown RIS type" in result.entries[1].warnings[0]


def test_render_items_rejects_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render([ARTICLE], "endnote")
