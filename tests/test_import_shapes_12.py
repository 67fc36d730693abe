"""Five articles with unnumbered lists whose entries are hard to split (import_shapes_12).

Each file was annotated by reading it, counted as in tests/test_import_shapes_3.py: its number of reference
entries, of in-text citations that name an entry (one per author-year item; a narrative `Granovetter (1985)`,
`Stern (2007)` or `В.И. Мукомель (2013)` is not counted), its title and its first author's family name. In
every list the hanging indent was lost, so a wrapped line starts at the margin like an entry. The shapes:
- 01: APA 7 without blank lines: wraps that are a publisher alone (`Press.`, `Bank.`, `Press, Oxford.`,
  `Cambridge, MA: MIT Press.`, `University Press.`), a journal (`Central Asian Survey, 17(4), ...`) or a
  title part (`Annual report 2020. Bishkek.`); corporate authors `World Bank.` (twice), `Asian Development
  Bank.`, `National Statistical Committee of the Kyrgyz Republic.`; `(World Bank, 2018, 2022)`.
- 02: Russian GOST `Список литературы` with `//` and `–`, alphabetical and unnumbered: entries that open with
  a title (`Конституция Республики Казахстан (...)`, `Государственная программа ...`), a ministry as author,
  five authors over two lines (the wrap opens `Омарова Р.С.`), a wrap opening with initials (`Р.А.
  Сулейменовой.`) or a capitalised word (`БарГУ, 2015.`); citations `[Ахметова, Искакова, 2018, с. 44]`,
  `[Государственная программа..., 2019]`, `[Министерство образования и науки РК, 2021, с. 112]`.
- 03: Kazakh `Әдебиеттер` in the same shape: a law and a ministry entry both opening `Қазақстан
  Республикасы...`, a wrap opening `Қазақстан Республикасындағы ...`, authors over two lines; citations
  without a comma before the year `[Baker 2017, 4; Оразбаева 2000]`, `[Жұбанова және т.б. 2019]`.
- 04: Harvard `Author (Year) Title.`: entries opening with a title (`Annual report 2020 (2021) ...`,
  `Strategic plan 2050 (2012) ...`), acronyms as authors (`BP`, `IEA`), six authors over two lines (the wrap
  opens `Gorini, R. (2019)`), wraps `Press.`, `Haven, CT: Yale University Press.`, `Kazakhstan:
  Policy drivers ...`.
- 05: Russian GOST without dashes (`// Мир России. 2013.`), citations in parentheses `(Рязанцев 2007: 112;
  Зайончковская, Тюрюканова 2010)`, two `Федеральная служба государственной статистики.` entries told apart by
  year, a wrap `Этнология. 2010. ...`, six authors over two lines, authors in capitals before the abstract.
"""

from __future__ import annotations

from pathlib import Path

from shape_articles import analyse_file, annotation_tests, by_citation, first_word

from corpus_import.entries import (
    GIVEN_NAME,
    GOST_PAGES_END,
    Draft,
    host_without_year,
    unfinished,
    wrapped_fragment,
)
from corpus_import.mentions import author_year_groups, surnames
from corpus_import.metadata import parse_names
from corpus_import.pipeline import ArticleAnalysis
from corpus_import.sections import is_end_marker

FOLDER = Path(__file__).parent / "data" / "import_shapes_12"
ANNOTATED = {
    "01_apa_lost_indent_press_wraps_corporate_authors.txt": (16, 16),
    "02_russian_gost_unnumbered_title_first_and_ministry_entries.txt": (12, 12),
    "03_kazakh_unnumbered_law_and_ministry_entries_authors_over_two_lines.txt": (11, 12),
    "04_harvard_title_first_entries_two_line_author_lists.txt": (13, 13),
    "05_russian_gost_parenthesis_author_year_corporate_rosstat.txt": (11, 11),
}
HEADERS = {
    "01_apa_lost_indent_press_wraps_corporate_authors.txt": (
        "Informal Credit Networks and Household Resilience in Rural Kyrgyzstan",
        "Tokhtarova",
    ),
    "02_russian_gost_unnumbered_title_first_and_ministry_entries.txt": (
        "ИНКЛЮЗИВНОЕ ОБРАЗОВАНИЕ В ОБЩЕОБРАЗОВАТЕЛЬНОЙ ШКОЛЕ КАЗАХСТАНА: ГОТОВНОСТЬ ПЕДАГОГОВ",
        "Мухамедиярова",
    ),
    "03_kazakh_unnumbered_law_and_ministry_entries_authors_over_two_lines.txt": (
        "ҚАЗАҚСТАНДАҒЫ ҮШТІЛДІ БІЛІМ БЕРУ САЯСАТЫ: ТАРИХЫ МЕН ҚАЗІРГІ ЖАЙЫ",
        "Ермекова",
    ),
    "04_harvard_title_first_entries_two_line_author_lists.txt": (
        "Carbon Pricing and Coal Phase-Out Pathways in Kazakhstan's Power Sector",
        "Seitkali",
    ),
    "05_russian_gost_parenthesis_author_year_corporate_rosstat.txt": (
        "ТРУДОВАЯ МИГРАЦИЯ ИЗ ЦЕНТРАЛЬНОЙ АЗИИ В РОССИЮ: СТРАТЕГИИ АДАПТАЦИИ И СЕТЕВЫЕ РЕСУРСЫ",
        "Кузнецова",
    ),
}


def analyse(name: str) -> ArticleAnalysis:
    return analyse_file(FOLDER, name)


def openings(analysis: ArticleAnalysis) -> list[str]:
    return [first_word(ref.raw_text) for ref in analysis.references]


(
    test_annotations_cover_the_folder,
    test_article_has_the_annotated_number_of_entries_and_mentions,
    test_article_title_and_first_author_are_read,
) = annotation_tests(FOLDER, ANNOTATED, HEADERS)


def test_apa_wraps_that_are_a_publisher_stay_in_their_entry() -> None:
    apa = analyse("01_apa_lost_indent_press_wraps_corporate_authors.txt")
    assert openings(apa) == [
        "Abdykadyrova", "Asian", "Collins", "Fafchamps", "Ferguson", "Granovetter", "Kandiyoti", "Karlan",
        "National", "Ostrom", "Rutherford", "Sen", "Townsend", "World", "World", "Yunus",
    ]  # fmt: skip
    texts = [ref.raw_text for ref in apa.references]
    assert texts[11].endswith("Clarendon Press, Oxford.")
    assert texts[3].endswith("Cambridge, MA: MIT Press.")
    assert texts[-1].endswith("PublicAffairs.")
    assert by_citation(apa) == [
        ["Collins", "Rutherford"], ["World"], ["Karlan", "Townsend"], ["National"], ["Abdykadyrova"],
        ["Kandiyoti"], ["Fafchamps", "Ostrom"], ["Sen"], ["World", "World"], ["Asian"], ["Ferguson", "Yunus"],
    ]  # fmt: skip
    world = [apa.references[m.reference].raw_text[:16] for m in apa.mentions if m.reference in (13, 14)]
    assert world == ["World Bank. (201", "World Bank. (201", "World Bank. (202"]


def test_gost_entries_opening_with_a_title_or_a_ministry() -> None:
    gost = analyse("02_russian_gost_unnumbered_title_first_and_ministry_entries.txt")
    assert openings(gost) == [
        "Ахметова", "Бахтиярова", "Выготский", "Государственная", "Жолдасбекова", "Конституция", "Малофеев",
        "Министерство", "Сулейменова", "Хитрюк", "Ainscow", "UNESCO.",
    ]  # fmt: skip
    assert "Омарова Р.С. Готовность" in gost.references[4].raw_text
    assert by_citation(gost) == [
        ["Конституция"], ["Государственная"], ["Министерство"], ["Выготский", "Малофеев"], ["UNESCO."],
        ["Ainscow", "Хитрюк"], ["Ахметова"], ["Жолдасбекова"], ["Бахтиярова", "Сулейменова"],
    ]  # fmt: skip


def test_kazakh_law_and_ministry_entries_are_told_apart() -> None:
    kazakh = analyse("03_kazakh_unnumbered_law_and_ministry_entries_authors_over_two_lines.txt")
    texts = [ref.raw_text for ref in kazakh.references]
    assert [text[:30] for text in texts[2:4]] == ["Қазақстан Республикасы Білім ж", "Қазақстан Республикасының Тіл "]
    assert texts[5].endswith("Қазақ университеті, 2007. – 344 б.")
    cited = [kazakh.references[m.reference].raw_text[:27] for m in kazakh.mentions]
    assert cited[0] == "Қазақстан Республикасының Т"
    assert cited[4] == "Қазақстан Республикасы Білі"
    assert by_citation(kazakh) == [
        ["Қазақстан"], ["Fierman", "Smagulova"], ["Сүлейменова"], ["Қазақстан"], ["Baker", "Оразбаева"],
        ["Жұбанова"], ["Ахметжанова"], ["OECD."], ["Сыздықова"], ["Smagulova"],
    ]  # fmt: skip


def test_harvard_title_first_entries_and_authors_over_two_lines() -> None:
    harvard = analyse("04_harvard_title_first_entries_two_line_author_lists.txt")
    assert openings(harvard) == [
        "Annual", "BP", "Energy", "Gielen", "Helm", "IEA", "Karatayev", "Ministry", "Nordhaus", "Pollitt", "Stern",
        "Strategic", "World",
    ]  # fmt: skip
    assert by_citation(harvard) == [
        ["BP", "IEA"], ["Ministry"], ["Karatayev"], ["Annual"], ["Gielen", "Pollitt"], ["World"], ["Helm"],
        ["Energy"], ["Strategic"], ["Nordhaus", "Stern"],
    ]  # fmt: skip


def test_gost_without_dashes_and_two_rosstat_entries() -> None:
    rosstat = analyse("05_russian_gost_parenthesis_author_year_corporate_rosstat.txt")
    assert openings(rosstat) == [
        "Бредникова", "Варшавер", "Деминцева", "Зайончковская", "Миграционная", "Мукомель", "Рязанцев",
        "Федеральная", "Федеральная", "Massey", "Portes",
    ]  # fmt: skip
    assert rosstat.references[-1].raw_text.endswith("Press, 2014. 520 p.")
    assert by_citation(rosstat) == [
        ["Зайончковская", "Рязанцев"], ["Федеральная"], ["Massey"], ["Portes"], ["Миграционная"],
        ["Бредникова", "Мукомель"], ["Варшавер"], ["Деминцева"], ["Федеральная"],
    ]  # fmt: skip
    federal = [rosstat.references[m.reference].raw_text for m in rosstat.mentions if m.reference in (7, 8)]
    assert [text.split("Росстат, ")[1][:4] for text in federal] == ["2021", "2020"]


def test_a_place_before_its_publisher_is_no_given_name() -> None:
    assert GIVEN_NAME.match("Buzan, Barry. 2003. Regions and Powers.")
    assert not GIVEN_NAME.match("Cambridge, MA: MIT Press.")


def test_editors_marker_asks_for_the_next_line() -> None:
    assert unfinished("Инклюзивное образование / под ред.")
    assert not unfinished("– М.: Просвещение, 2013. – 319 с.")


def test_a_publishers_last_words_wrapped_alone() -> None:
    assert wrapped_fragment(
        "Press.", Draft(label="", line=0, parts=["Rutherford, S. (2000). The poor. Oxford University"])
    )
    assert not wrapped_fragment("Primary sources.", Draft(label="", line=0, parts=["Sen, A. (1981). Poverty. 1981."]))


def test_a_gost_host_runs_on_until_its_year() -> None:
    assert host_without_year(Draft(label="", line=0, parts=["Тупик // Мир России. Социология."]))
    assert not host_without_year(Draft(label="", line=0, parts=["Тупик // Мир России. 2010. Т. 19."]))
    assert not host_without_year(Draft(label="", line=0, parts=["Smith J. Title. https://doi.org/10.1/x"]))


def test_gost_pages_end_an_entry() -> None:
    assert GOST_PAGES_END.search("– Алматы: Ұлағат, 2019. – 276 б.")
    assert GOST_PAGES_END.search("Экономическая социология. 2010. Т. 11. № 4. С. 72–96.")
    assert not GOST_PAGES_END.search("Energy Strategy Reviews, 24, pp. 38–50.")


def test_a_date_of_receipt_ends_the_list() -> None:
    assert is_end_marker("Поступила в редакцию 14.02.2022")
    assert not is_end_marker("Поступилов А.Б. Очерки истории. – М., 2001. – 200 с.")


def test_a_title_ending_in_a_year_is_one_work_and_an_acronym_a_name() -> None:
    assert len(author_year_groups("Annual report 2020, 2021") or []) == 1
    assert [year for _, year, _ in author_year_groups("Brown 2018a, 2018b") or []] == ["2018a", "2018b"]
    assert len([names for names, _, _ in author_year_groups("IEA, 2022; BP, 2021") or [] if names]) == 2
    assert len(surnames("A. B. Smith")) == 1


def test_a_family_name_in_capitals_before_given_name_patronymic_and_a_dash() -> None:
    names = parse_names("КУЗНЕЦОВА Елена Андреевна – кандидат социологических наук, старший научный сотрудник")
    assert [name["family"] for name in names] == ["Кузнецова"]
    assert parse_names("ТРУДОВАЯ МИГРАЦИЯ ИЗ ЦЕНТРАЛЬНОЙ АЗИИ В РОССИЮ") == []
