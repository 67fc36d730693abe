"""The pipeline rules on reference lists written for these tests, in shapes the samples lack."""

from __future__ import annotations

import pytest

from corpus_import.mentions import find_mentions, parse_bracket
from corpus_import.metadata import extract_metadata
from corpus_import.pipeline import analyse_article
from corpus_import.reading import ReadError, clean_line, decode, read_article
from corpus_import.sections import find_sections
from corpus_import.twins import Reference, combine


def lines_of(text: str) -> list[str]:
    return read_article(text.encode()).split("\n")


def entries_of(text: str) -> list[str]:
    return [entry.text for section in find_sections(lines_of(text)) for entry in section.entries]


# --- reading -------------------------------------------------------------------------------------------------


def test_cp1251_file_is_decoded() -> None:
    assert decode("Список литературы\n1. Иванов И.И. Книга. М., 2001.".encode("cp1251")).startswith("Список")


def test_utf8_bom_is_dropped() -> None:
    assert decode("\ufeffReferences".encode()) == "References"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (bytes(range(128, 256)) * 4, "not UTF-8 or cp1251"),
    ],
)
def test_non_text_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        read_article(data)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("**Abstract.** Text *italic* here", "Abstract. Text italic here"),
        ("O.A. Baisalbek<sup>id</sup>, L.M. Nurdavletova\\*<sup>id</sup>", "O.A. Baisalbek, L.M. Nurdavletova"),
        ("^{*1} Kazakh University", " Kazakh University"),
        ("### **References**", "References"),
        (
            "Available at: <https://a.org/x_y.pdf> (Accessed: 05.03.2023).",
            "Available at: https://a.org/x_y.pdf (Accessed: 05.03.2023).",
        ),
        (
            "at: [https://a.org/p\\\\_i/c\\\\_s.pdf](https://a.org/p_i/c_s.pdf) (Accessed",
            "at: https://a.org/p_i/c_s.pdf (Accessed",
        ),
        ("see [the charter](https://a.org/c.pdf).", "see the charter (https://a.org/c.pdf)."),
        ("doc\\_id and \\$ 1.1 billion", "doc_id and $ 1.1 billion"),
        ("URL: https://x.org/a*b_c", "URL: https://x.org/a*b_c"),
    ],
)
def test_markdown_debris_is_stripped_and_urls_kept(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


# --- sections and entries -----------------------------------------------------------------------------------

BODY = "Introduction\n\nThe body of the article cites works [1] and [2].\n\n"


def test_trailing_numbered_list_without_heading_is_found_and_ends_before_boilerplate() -> None:
    text = BODY + (
        "1. Smith J. A book about things. London, 2001. 200 p.\n\n"
        "2. Ivanov I.I. Kniga // Zhurnal. 2003. No 2. P. 4-5.\n\n"
        "3. Site of the ministry / http://example.org/page (date of treatment 11/27/2020)\n\n"
        "Subscribe to our newsletter!\n\nAll rights reserved.\n"
    )
    assert len(entries_of(text)) == 3


def test_trailing_list_right_after_the_last_paragraph_without_a_blank_line() -> None:
    text = BODY + "The conclusion ends here.\n1. Smith J. A book. London, 2001.\n2. Doe J. Kniga. Moscow, 2003.\n"
    assert entries_of(text) == ["Smith J. A book. London, 2001.", "Doe J. Kniga. Moscow, 2003."]


def test_numbered_paragraphs_of_the_body_are_not_a_reference_list() -> None:
    text = (
        "Results\n\n1. The first finding is that exercises grow in scale and in frequency over the years, "
        "which neighbours notice and answer with their own manoeuvres and statements of concern.\n\n"
        "2. The second finding is that communication matters for the perception of the exercises.\n"
    )
    assert find_sections(lines_of(text)) == []


@pytest.mark.parametrize(
    "heading",
    [
        "References",
        "REFERENCES",
        "Список литературы",
        "Литература:",
        "Әдебиеттер",
        "7. References",
        "Пайдаланылған әдебиеттер тізімі",
        "Bibliography",
        "Список использованных источников",
    ],
)
def test_list_headings_in_three_languages(heading: str) -> None:
    text = BODY + f"{heading}\n\n1. Smith J. A book. London, 2001.\n2. Doe J. Another book. Paris, 2002.\n"
    sections = find_sections(lines_of(text))
    assert [len(section.entries) for section in sections] == [2]


def test_heading_inside_a_sentence_is_not_a_list() -> None:
    text = "Literature review\n\nMany works, 2001 and 2002, discuss it.\n\nReferences used here are few.\n"
    assert find_sections(lines_of(text)) == []


def test_two_independent_lists_are_both_kept() -> None:
    text = BODY + (
        "Sources\n\n1. Charter of the Organization. 2002. URL: http://a.org/charter\n"
        "2. Declaration of the Heads of State. 2005. URL: http://a.org/decl\n\n"
        "References\n\n1. Buzan B. Regions and Powers. Cambridge, 2003. 564 p.\n"
        "2. Acharya A. The End of American World Order. Cambridge: Polity, 2014. 200 p.\n"
        "3. Cooley A. Great Games, Local Rules. Oxford, 2012. 264 p.\n"
    )
    sections = find_sections(lines_of(text))
    assert [len(section.entries) for section in sections] == [2, 3]
    references, notes = combine(sections)
    assert len(references) == 5 and notes == []


def test_wrapped_numbered_entries_are_joined_and_digits_in_wraps_stay() -> None:
    text = BODY + (
        "References\n"
        "1. Воронович В.В. Эволюция Шанхайской организации сотрудничества // Журнал международного права. –\n"
        "2007. – № 2. – С. 33-46.\n"
        "2. Buzan B., Waever O. Regions and Powers: The Structure of International\n"
        "   Security. Cambridge: Cambridge University Press, 2003. 564 p.\n"
    )
    assert entries_of(text) == [
        "Воронович В.В. Эволюция Шанхайской организации сотрудничества // Журнал международного права. – "
        "2007. – № 2. – С. 33-46.",
        "Buzan B., Waever O. Regions and Powers: The Structure of International Security. Cambridge: "
        "Cambridge University Press, 2003. 564 p.",
    ]


def test_entry_broken_across_a_page_break_with_debris_is_joined() -> None:
    header = "Bulletin of the University. Series International Relations. No 2 (2020)"
    text = (
        f"{header}\n\nBody one cites [1].\n\n{header}\n\nBody two cites [2].\n\nReferences\n\n"
        "1. Smith J. A book. London, 2001.\n\n"
        "2. Makasheva K.N. The role of the CICA in ensuring regional security // Bulletin of\n\n"
        f"57\n\n{header}\n\n"
        "KazNU. International relations. – 2022. – P. 43-52.\n\n"
        "3. Doe J. Last book. Paris, 2010.\n"
    )
    assert entries_of(text)[1] == (
        "Makasheva K.N. The role of the CICA in ensuring regional security // Bulletin of KazNU. "
        "International relations. – 2022. – P. 43-52."
    )
    assert len(entries_of(text)) == 3


def test_hyphenated_word_at_a_line_end_is_joined() -> None:
    text = BODY + "References\n1. Ivanov I. Mezhduna-\nrodnye otnosheniya. Moscow, 2001.\n"
    assert entries_of(text) == ["Ivanov I. Mezhdunarodnye otnosheniya. Moscow, 2001."]


@pytest.mark.parametrize("marker", ["[{n}] ", "- [{n}] ", "{n}) ", "{n}.", "- {n}. ", "• {n}. "])
def test_numbering_styles(marker: str) -> None:
    rows = [f"{marker.format(n=n)}Author{n} A. Title number {n}. City, 20{n:02d}." for n in range(1, 13)]
    text = BODY + "References\n\n" + "\n".join(rows) + "\n\nInformation about authors:\nAuthor A. – PhD.\n"
    assert len(entries_of(text)) == 12


def test_numbering_gap_is_tolerated_with_a_warning() -> None:
    text = BODY + "References\n1. A A. One. 2001.\n2. B B. Two. 2002.\n4. D D. Four. 2004.\n5. E E. Five. 2005.\n"
    section = find_sections(lines_of(text))[0]
    assert [entry.label for entry in section.entries] == ["1", "2", "4", "5"]
    assert section.warnings == ["list numbering skips from 2 to 4"]


def test_bullet_list_gives_one_entry_per_bullet() -> None:
    text = BODY + (
        "Bibliography\n\n- Buzan B. Regions and Powers. Cambridge, 2003.\n"
        "- Acharya A. Constructing a Security Community\n  in Southeast Asia. London: Routledge, 2001.\n"
        "- NATO. Strategic Concept. Madrid, 2022.\n\nКлючевые слова: безопасность\n"
    )
    assert len(entries_of(text)) == 3
    assert (
        entries_of(text)[1]
        == "Acharya A. Constructing a Security Community in Southeast Asia. London: Routledge, 2001."
    )


def test_author_year_blocks_end_at_the_next_abstract() -> None:
    text = BODY + (
        "Литература:\n\n"
        "Alimbekov, 2020 – Alimbekov K.Zh. SCO as a factor. Bulletin, (2), p. 45-58.\n\n"
        "Acharya and Buzan, 2019 – Acharya A., Buzan B. The Making of Global IR.\n"
        "Cambridge: CUP.\n\n"
        "Ibraev, 2021 – Ibraev S.K. Counteraction to terrorism. Bulletin, (5), p. 67-78.\n\n"
        "Искаков А.Н., Кожирова С.Б.\n\nРЕГИОНАЛЬНЫЕ ВОЕННЫЕ УЧЕНИЯ ШОС\n\nАннотация. Статья анализирует...\n"
    )
    section = find_sections(lines_of(text))[0]
    assert [entry.label for entry in section.entries] == ["Alimbekov, 2020", "Acharya and Buzan, 2019", "Ibraev, 2021"]
    assert section.entries[1].text.endswith("Cambridge: CUP.")


def test_plain_list_one_reference_per_line_with_hanging_lines() -> None:
    text = BODY + (
        "References\n"
        "Buzan B. Regions and Powers: The Structure of International Security. Cambridge University\n"
        "    Press, 2003.\n"
        "Cooley A. Great Games, Local Rules. Oxford, 2012.\n"
        "What is CICA? [Electronic resource]. URL: https://www.s-cica.org/about (accessed 05.03.2023).\n"
        "Laumulin M. Kazakhstan between NATO and the SCO. Astana: KISI, 2019. 84 p.\n"
        "\nСведения об авторах:\nЛаумулин М. – доктор наук.\n"
    )
    assert len(entries_of(text)) == 4
    assert entries_of(text)[0].endswith("Cambridge University Press, 2003.")


def test_plain_list_of_paragraphs_stops_at_non_references() -> None:
    text = BODY + (
        "Список литературы\n\n"
        "Иванов И.И. Книга о безопасности. – М.: Наука, 2001. – 200 с.\n\n"
        "Петров П.П. Статья // Журнал. – 2005. – № 3. – С. 10-20.\n\n"
        "Искаков А.Н., Кожирова С.Б.\n\nКазахский университет, Алматы, Казахстан\n"
    )
    assert len(entries_of(text)) == 2


def test_mixed_script_list_counts_every_entry() -> None:
    text = BODY + (
        "References:\n"
        "- 1. Саидазимова Г. Интеграция в Центральной Азии // http://www.analitika.org/article.php?story=1.\n"
        "- 2. Buzan B. Regions and Powers. Cambridge, 2003.\n"
        " - 3. Цели HATO в Кыргызстане // http://polit.kg/conference/5/274.\n\n"
        "- 4. Әлімбеков Қ. Қазақстанның сыртқы саясаты. Алматы, 2020. 150 б.\n\n"
        "ВОЕННО-ПОЛИТИЧЕСКОЕ СОТРУДНИЧЕСТВО НОВЫХ ТЮРКСКИХ СТРАН\n"
    )
    assert len(entries_of(text)) == 4


# --- twins -------------------------------------------------------------------------------------------------

CYRILLIC = [
    "Асанов Ж. Эволюция СВМДА. – Дели, 2007. – 46 с.",
    "Макашева К.Н. Роль СВМДА в обеспечении региональной безопасности // Вестник КазНУ. – 2022. – С.43-52.",
    "Buzan B., Waever O. Regions and Powers. Cambridge: CUP. – 2003. – 588 p.",
    "Лазутин Л.А. Каталог мер доверия // Материалы III конф. – Улан-Удэ. – 2010. – С. 14-24.",
    "Рахманов А.Б. Концепция зависимости А.Г. Франка // Вестник Московского университета. – 2013. – С. 138.",
]
ROMAN = [
    "Asanov Zh. Evolyutsiya SVMDA [The evolution of the CICA] (Deli, 2007, 46 p.). [in Russian]",
    "Makasheva K.N. Rol' SVMDA v obespechenii regional'noi bezopasnosti [The role of the CICA], Vestnik KazNU, "
    "43-52 (2022). [in Russian]",
    "Buzan B., Waever O. Regions and Powers. Cambridge: CUP, 2003. 588 p.",
    "Lazutin L.A. Katalog mer doveriya [Catalogue of confidence measures], Materialy III konf., 14-24 (2010).",
    "Rakhmanov A.B. Kontsepsiya zavisimosti A.G. Franka [A.G. Frank's concept], Vestnik Moskovskogo "
    "universiteta, 138 (2013). [in Russian]",
]


def twin_text(first: list[str], second: list[str]) -> str:
    numbered = lambda rows: "\n".join(f"{n}. {row}" for n, row in enumerate(rows, start=1))  # noqa: E731
    return BODY + f"Список литературы\n\n{numbered(first)}\n\nReferences\n\n{numbered(second)}\n"


def test_romanized_twin_pairs_by_position() -> None:
    references, notes = combine(find_sections(lines_of(twin_text(CYRILLIC, ROMAN))))
    assert [(ref.text, ref.alt_text) for ref in references] == list(zip(CYRILLIC, ROMAN, strict=True))
    assert notes


def test_twin_with_the_romanized_list_first_still_keeps_the_original_as_raw_text() -> None:
    references, _ = combine(find_sections(lines_of(twin_text(ROMAN, CYRILLIC))))
    assert [ref.text for ref in references] == CYRILLIC


def test_twins_with_unequal_counts_are_aligned() -> None:
    shorter = ROMAN[:1] + ROMAN[2:]
    references, notes = combine(find_sections(lines_of(twin_text(CYRILLIC, shorter))))
    assert len(references) == 5
    assert references[1].text == CYRILLIC[1] and references[1].alt_text == ""
    assert references[3].alt_text == ROMAN[3]
    assert notes == ["paired twin lists (5 and 4 entries, 1 unpaired)"]


def test_different_lists_of_equal_length_are_not_twins() -> None:
    other = [f"Author{n} X. Unrelated monograph on fisheries number {n}. Oslo, 19{n}0." for n in range(5)]
    references, notes = combine(find_sections(lines_of(twin_text(CYRILLIC, other))))
    assert len(references) == 10 and notes == []


# --- mentions ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("17", [(17, "")]),
        ("7, p.18", [(7, "p. 18")]),
        ("1; 5", [(1, ""), (5, "")]),
        ("1-3", [(1, ""), (2, ""), (3, "")]),
        ("1, 5", [(1, ""), (5, "")]),
        ("2, с. 45", [(2, "p. 45")]),
        ("8, pp. 23-25; 9", [(8, "pp. 23-25"), (9, "")]),
        ("in Russian", None),
        ("Electronic resource", None),
    ],
)
def test_bracket_citations(content: str, expected: list[tuple[int, str]] | None) -> None:
    assert parse_bracket(content, 20) == expected


def references_for(*texts: str) -> list[Reference]:
    return [Reference(label=str(n), text=text, alt_text="", line=0) for n, text in enumerate(texts, start=1)]


def test_author_year_mention_finds_a_transliterated_name() -> None:
    refs = references_for("Ибраев С.К. Противодействие терроризму. 2021.", "Sultanov B.K. Geopolitics. 2019.")
    text = "Terrorism is countered (S.K. Ibrayev, 2021; B.K. Sultanov, 2019). Next sentence."
    mentions, _ = find_mentions(text, refs)
    assert [(m.reference, m.sentence) for m in mentions] == [
        (0, "Terrorism is countered (S.K. Ibrayev, 2021; B.K. Sultanov, 2019)."),
        (1, "Terrorism is countered (S.K. Ibrayev, 2021; B.K. Sultanov, 2019)."),
    ]


def test_parenthesized_acronyms_and_years_are_not_mentions() -> None:
    refs = references_for("NATO. Strategic Concept. Madrid, 2022.", "CICA Catalogue of measures. 2021.")
    text = "The alliance (NATO) and the conference (CICA) met (2022) in Madrid (hereinafter CICA)."
    assert find_mentions(text, refs)[0] == []


def test_mention_of_a_missing_entry_is_a_warning() -> None:
    mentions, warnings = find_mentions("As shown [1], and [3].", references_for("A. 2001.", "B. 2002."))
    assert len(mentions) == 1
    assert warnings == ["in-text citation [3] at line 1 has no entry 3"]


def test_a_bracket_citation_wrapped_over_two_lines_is_read() -> None:
    refs = references_for("A. 2001.", "B. 2002.", "C. 2003.")
    text = "As argued before [1,\n2] and with a page [3, p.\n18], the case\nstands."
    mentions, warnings = find_mentions(text, refs)
    assert [(m.reference, m.locator) for m in mentions] == [(0, ""), (1, ""), (2, "p. 18")] and warnings == []
    assert [m.marker for m in mentions] == ["[1, 2]", "[1, 2]", "[3, p. 18]"]


def test_brackets_on_two_lines_that_are_not_a_citation_stay_unread() -> None:
    refs = references_for("A. 2001.", "B. 2002.")
    text = "See the table [Appendix 1,\nsection 2] and [in Russian\n] here [1]."
    assert [(m.marker, m.reference) for m in find_mentions(text, refs)[0]] == [("[1]", 0)]


@pytest.mark.parametrize("rule", ["———.", "---.", "— — —.", "——,"])
def test_an_entry_opening_with_a_rule_has_the_author_of_the_entry_above(rule: str) -> None:
    text = BODY + (
        "References\n\n"
        "Kennan, George F. 1947. “The Sources of Soviet Conduct.” Foreign Affairs 25 (4): 566–82.\n\n"
        f"{rule} 1951. American Diplomacy, 1900–1950. Chicago: University of Chicago Press.\n"
    )
    first, second = analyse_article("a.txt", text.encode()).references
    assert second.raw_text.startswith(rule)
    assert second.parsed["author"] == first.parsed["author"] == [{"family": "Kennan", "given": "George F."}]
    assert second.parsed["title"] == "American Diplomacy, 1900–1950"
    assert second.parsed["issued"]["date-parts"] == [[1951]]


def test_a_rule_opening_the_first_entry_gives_no_author() -> None:
    text = BODY + "References\n\n———. 1951. American Diplomacy. Chicago: University of Chicago Press.\n"
    [only] = analyse_article("a.txt", text.encode()).references
    assert "author" not in only.parsed and only.parsed["title"] == "American Diplomacy"


def test_mentions_inside_the_list_are_not_counted() -> None:
    text = BODY + "References\n\n1. Smith J. Cited as [2] elsewhere. 2001.\n2. Doe J. Book. 2002.\n"
    analysis = analyse_article("a.txt", text.encode())
    assert [(m.marker, m.reference) for m in analysis.mentions] == [("[1]", 0), ("[2]", 1)]


# --- metadata ----------------------------------------------------------------------------------------------


def test_issue_with_board_and_contents_yields_the_article_header() -> None:
    text = (
        "JOURNAL OF SOCIAL SCIENCES\n\nEDITOR-IN-CHIEF:\n\nProfessor Ivanov I.I.\n\nEDITORIAL BOARD:\n\n"
        "Petrov P. P. - Doctor of Sciences (Kazakhstan)\n\nSidorov S.S. - Candidate of Sciences\n\nCONTENT\n\n"
        "Smith J. A FIRST PAPER ON LAW 4\nDoe J. A SECOND PAPER ON POLITICS 11\n\nUDC 327\n\n"
        "THE SECOND PAPER ON POLITICS IN CENTRAL ASIA\n\nJ. Doe, A.B. Kim\n\nAstana University, Astana\n\n"
        "Abstract. The paper studies politics.\n\nKeywords: politics\n\nIntroduction\n\nText.\n"
    )
    metadata = extract_metadata(lines_of(text))
    assert metadata.title == "THE SECOND PAPER ON POLITICS IN CENTRAL ASIA"
    assert metadata.authors == [{"family": "Doe", "given": "J."}, {"family": "Kim", "given": "A.B."}]


def test_russian_article_metadata_and_languages() -> None:
    text = (
        "УДК 327\n\nDOI: 10.1234/ABC.2020.5\n\nГЕОПОЛИТИКА ЦЕНТРАЛЬНОЙ АЗИИ В НОВЫХ УСЛОВИЯХ\n\n"
        "Иванов И.И.¹, Петрова А.С.²\n\n¹Казахский национальный университет, Алматы\n\n"
        "Аннотация. В статье рассматривается геополитика региона в новых условиях мирового порядка.\n\n"
        + "Основной текст статьи о безопасности и сотрудничестве государств региона. " * 20
        + "\n\nAbstract. The article considers geopolitics.\n"
    )
    metadata = extract_metadata(lines_of(text))
    assert metadata.title == "ГЕОПОЛИТИКА ЦЕНТРАЛЬНОЙ АЗИИ В НОВЫХ УСЛОВИЯХ"
    assert metadata.authors == [{"family": "Иванов", "given": "И.И."}, {"family": "Петрова", "given": "А.С."}]
    assert metadata.doi == "10.1234/ABC.2020.5"
    assert metadata.languages == ["ru"]


def test_article_without_a_list_is_analysed_with_a_warning() -> None:
    analysis = analyse_article("x.txt", b"A TITLE OF A PAPER ON SECURITY\n\nAbstract. Nothing cited.\n")
    assert analysis.references == [] and "no reference list found" in analysis.warnings
