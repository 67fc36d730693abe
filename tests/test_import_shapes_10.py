"""Eight articles in languages, list styles and citation forms the earlier test data lacks (import_shapes_10).

Each file was annotated by reading it, counted as in tests/test_import_shapes_3.py: its number of reference
entries, of in-text citations that name an entry (one per cited number or author-year item; a range counts
each number in it; a narrative `Lucas (2012)` or `Santos (1996)` is not counted, a narrative `Solorio et al.
[10]` is), its title and its first author's family name. The shapes:
- 01: Spanish APA 7 (`Revista INVI`): `Referencias` without a blank line between entries, `Resumen`,
  `Palabras clave`, authors joined by `y`, `(s.f.)`, `(en prensa)`, a reprint `(Harvey, 1973/2007)`, a group
  author abbreviated on first citation (`[SECTRA]`) and cited by the abbreviation after, `(véase también ...)`,
  `Sobre los autores` after the list; the first author's hyphenated double surname `Fuentes-Araya`.
- 02: Portuguese ABNT: `REFERÊNCIAS` with surnames in capitals (`ELIAS, D.; PEQUENO, R.`), entries separated
  by blank lines, `et al.`, corporate authors `IBGE – INSTITUTO ...`, citations in capitals joined by `;`
  (`(SANTOS; SILVEIRA, 2001, p. 118-120)`), `Resumo:`, `Palavras-chave:`, `Recebido:` / `Aprovado:` after it.
- 03: ACM: a two-line mixed-case title, authors one per line with affiliation, `CCS CONCEPTS`, the `ACM
  Reference Format:` block (the article's own reference) and the permission block before `1 INTRODUCTION`;
  `REFERENCES` as `[n] Given Family, ..., and Given Family. Year. Title.` with four-space wraps; `[2–4]`.
- 04: Russian law journal: `Список литературы` split by unnumbered sub-headings (`Нормативные правовые акты`,
  `Научная литература`, `Материалы судебной практики`) with numbers running on across them, then a numbered
  `References` twin without sub-headings; `[3, ст. 3, 6]`, `[6, с. 45–46; 8]`, `[7; 11]`.
- 05: Kazakh, a masthead in capitals above the title, `Әдебиеттер тізімі` and its `References` twin numbered
  `1)`, citations with the page after a colon: `[1:12]`, `[2:45-47; 4]`, `[6:102; 7:33-34]`.
- 06: APA 7: entries with 21+ authors (`Busching, R., . . . Nosek, B. A. (2018)`), `(in press)`, `(n.d.)`,
  `(Original work published 1934)` cited `(Vygotsky, 1934/1986, pp. 146–149)`, two group authors in one
  citation wrapped over a line, `[Data set]`, `[Computer software]`, `Author Biographies` after the list.
- 07: Russian linguistics: `Источники` with sigla (`СРНГ – Словарь ...`) and `Литература` whose entries open
  with their citation key (`Апресян 1995 – Апресян Ю.Д. ... [1974] // ...`); citations `[Апресян 1995: 45;
  Падучева 2004]`, `[СРНГ, вып. 3: 98; ССРГ]`, `[МАС, т. 1: 112]`; a Kazakh dictionary key; `Сведения об авторе`
  and the English title, author and abstract after the list.
- 08: Polish Harvard: authors above the title, `Streszczenie:`, `Słowa kluczowe:`, `Bibliografia` as
  `Nowak A., 2018, Title, Publisher, Place.`, `i in.`, `[w:]`, `(red.)`, `(zob. ...)`, `(por. ...)`, `s. 45–47`,
  `(Kuczyński 2019a)` beside `2019b`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shape_articles import analyse_file, annotation_tests, by_citation, first_word, labels

from corpus_import.pipeline import ArticleAnalysis

FOLDER = Path(__file__).parent / "data" / "import_shapes_10"
ANNOTATED = {
    "01_spanish_referencias_apa7_sf_en_prensa.txt": (12, 16),
    "02_portuguese_referencias_abnt_uppercase_citations.txt": (10, 15),
    "03_acm_reference_format_year_after_authors.txt": (12, 24),
    "04_russian_legal_normative_acts_and_literature_sublists.txt": (13, 17),
    "05_kazakh_parenthesis_numbers_colon_page_citations.txt": (10, 17),
    "06_apa7_twenty_one_authors_ellipsis_in_press_reprint_years.txt": (16, 20),
    "07_russian_sigla_sources_and_author_year_literature.txt": (11, 21),
    "08_polish_bibliografia_harvard_year_after_comma.txt": (10, 19),
}
HEADERS = {
    "01_spanish_referencias_apa7_sf_en_prensa.txt": (
        "Movilidad cotidiana y acceso al empleo en la periferia sur de Santiago de Chile",
        "Fuentes-Araya",
    ),
    "02_portuguese_referencias_abnt_uppercase_citations.txt": (
        "A EXPANSÃO DA SOJA NO MATOPIBA E A REESTRUTURAÇÃO DAS CIDADES MÉDIAS",
        "Pereira",
    ),
    "03_acm_reference_format_year_after_authors.txt": (
        "Detecting Code-Switching in Kazakh–Russian Social Media Posts with Multilingual Transformers",
        "Bekmuratova",
    ),
    "04_russian_legal_normative_acts_and_literature_sublists.txt": (
        "АДМИНИСТРАТИВНАЯ ОТВЕТСТВЕННОСТЬ ЗА НАРУШЕНИЕ ЗАКОНОДАТЕЛЬСТВА О ПЕРСОНАЛЬНЫХ ДАННЫХ",
        "Соколова",
    ),
    "05_kazakh_parenthesis_numbers_colon_page_citations.txt": (
        "ҚАЗАҚ ТІЛІНДЕГІ ТУЫСТЫҚ АТАУЛАРДЫҢ ЭТНОЛИНГВИСТИКАЛЫҚ СИПАТЫ",
        "Сәрсенбаева",
    ),
    "06_apa7_twenty_one_authors_ellipsis_in_press_reprint_years.txt": (
        "Growth Mindset and Mathematics Achievement Among Secondary School Students in Kazakhstan and Kyrgyzstan",
        "Nurmagambetova",
    ),
    "07_russian_sigla_sources_and_author_year_literature.txt": (
        "СЕМАНТИКА ГЛАГОЛОВ ЗВУЧАНИЯ В РУССКИХ ГОВОРАХ КАЗАХСТАНА",
        "Кравченко",
    ),
    "08_polish_bibliografia_harvard_year_after_comma.txt": (
        "Repatriacja Polaków z Kazachstanu a rozwój lokalny gmin wiejskich w Polsce",
        "Wiśniewska",
    ),
}


def analyse(name: str) -> ArticleAnalysis:
    return analyse_file(FOLDER, name)


def cited_openings(analysis: ArticleAnalysis, family: str, width: int) -> list[str]:
    """The first `width` characters of each entry cited whose text opens with `family`, in text order."""
    texts = [analysis.references[m.reference].raw_text for m in analysis.mentions]
    return [text[:width] for text in texts if text.startswith(family)]


(
    test_annotations_cover_the_folder,
    test_article_has_the_annotated_number_of_entries_and_mentions,
    test_article_title_and_first_author_are_read,
) = annotation_tests(FOLDER, ANNOTATED, HEADERS)


def test_spanish_apa_with_undated_in_press_reprints_and_a_group_abbreviation() -> None:
    spanish = analyse("01_spanish_referencias_apa7_sf_en_prensa.txt")
    assert spanish.references[-1].raw_text.endswith("informe final. SECTRA.")
    assert by_citation(spanish) == [
        ["Hidalgo", "Rodríguez"], ["Rodríguez"], ["Gutiérrez", "Jirón"], ["Jirón"], ["Secretaría"],
        ["Directorio"], ["Secretaría"], ["Jirón"], ["Gutiérrez", "Hidalgo"], ["Fuentes-Araya"], ["Jirón", "Lucas"],
        ["Harvey"],
    ]  # fmt: skip
    jiron = cited_openings(spanish, "Jirón", 20)
    assert jiron == ["Jirón, P., Lange, C.", "Jirón, P. y Mansilla", "Jirón, P. y Gómez, J", "Jirón, P., Lange, C."]
    assert [m.locator for m in spanish.mentions if m.locator] == ["p. 63", "pp. 12-14", "p. 70"]


def test_abnt_citations_in_capitals_joined_by_semicolons() -> None:
    abnt = analyse("02_portuguese_referencias_abnt_uppercase_citations.txt")
    assert abnt.references[-1].raw_text.endswith("Expressão Popular, 2007.")
    santos = cited_openings(abnt, "SANTOS", 20)
    assert santos == ["SANTOS, M.; SILVEIRA", "SANTOS, M. A naturez"]
    elias = cited_openings(abnt, "ELIAS", 18)
    assert elias == ["ELIAS, D. Agronegó", "ELIAS, D.; PEQUENO", "ELIAS, D. Agronegó"]


def test_acm_list_and_the_reference_format_block() -> None:
    acm = analyse("03_acm_reference_format_year_after_authors.txt")
    assert [ref.label for ref in acm.references] == [str(n) for n in range(1, 13)]
    assert acm.references[-1].raw_text.endswith("ACL, Online, 38–45.")
    assert labels(acm) == [
        "8", "11", "7", "9", "1", "10", "3", "2", "5", "6", "10", "1", "6", "5", "10", "4", "3", "2", "12", "7", "8",
        "2", "3", "4",
    ]  # fmt: skip
    assert acm.metadata.doi == "10.1145/3587102.3591234"


def test_sub_headings_inside_a_numbered_list_are_not_entries() -> None:
    legal = analyse("04_russian_legal_normative_acts_and_literature_sublists.txt")
    texts = [ref.raw_text for ref in legal.references]
    assert texts[3].endswith("– Ст. 1467.")
    assert texts[10].endswith("С. 22–27.")
    assert [first_word(ref.raw_text_alt) for ref in legal.references][:5] == [
        "Konstitutsiya", "Kodeks", "Federal'nyi", "Federal'nyi", "Bachilo",
    ]  # fmt: skip
    assert labels(legal) == ["1", "3", "2", "6", "8", "4", "5", "9", "5", "10", "7", "11", "12", "13", "6", "7", "8"]
    assert [m.locator for m in legal.mentions[3:5]] == ["p. 45–46", ""]


def test_parenthesis_numbers_and_colon_pages() -> None:
    kazakh = analyse("05_kazakh_parenthesis_numbers_colon_page_citations.txt")
    assert [ref.label for ref in kazakh.references] == [str(n) for n in range(1, 11)]
    assert [first_word(ref.raw_text_alt) for ref in kazakh.references][:3] == ["Qaidar", "Zhanuzakov", "Kenesbaev"]
    assert labels(kazakh) == ["1", "2", "4", "1", "3", "5", "6", "7", "8", "1", "2", "4", "9", "3", "10", "6", "9"]
    assert [m.locator for m in kazakh.mentions[:3]] == ["p. 12", "p. 45-47", ""]


def test_apa_entries_with_an_ellipsis_for_authors_in_press_and_reprints() -> None:
    apa = analyse("06_apa7_twenty_one_authors_ellipsis_in_press_reprint_years.txt")
    klein = next(ref.raw_text for ref in apa.references if ref.raw_text.startswith("Klein"))
    assert ". . . Nosek, B. A. (2018). Many Labs 2" in klein
    assert by_citation(apa) == [
        ["Dweck"], ["Blackwell", "Yeager"], ["Yeager"], ["Macnamara", "Sisk"], ["Vygotsky"],
        ["Nurmagambetova", "Silova"], ["Heine"], ["Dweck"], ["Center", "National"], ["Bates"], ["R"], ["Klein"],
        ["OECD.", "Yeager"], ["Heine", "Silova"],
    ]  # fmt: skip
    yeager = cited_openings(apa, "Yeager", 24)
    assert yeager == ["Yeager, D. S., & Dweck, ", "Yeager, D. S., Hanselman", "Yeager, D. S., Hanselman"]


def test_sigla_and_author_year_keys_name_their_entries() -> None:
    russian = analyse("07_russian_sigla_sources_and_author_year_literature.txt")
    assert [first_word(ref.label) for ref in russian.references] == [
        "МАС", "НКРЯ", "СРНГ", "ССРГ", "Апресян", "Васильева", "Виноградов", "Падучева", "Пшеничнова", "Русские",
        "Қазақ",
    ]  # fmt: skip
    assert russian.references[2].raw_text.startswith("Словарь русских народных говоров")
    assert by_citation(russian, keys=True) == [
        ["Апресян", "Падучева"], ["Васильева"], ["Пшеничнова", "Русские"], ["СРНГ", "ССРГ"], ["МАС", "НКРЯ"],
        ["Падучева"], ["Апресян"], ["Виноградов"], ["ССРГ"], ["МАС"], ["Васильева"], ["СРНГ"], ["Русские"],
        ["Қазақ"], ["Апресян", "Васильева"], ["Пшеничнова"],
    ]  # fmt: skip
    assert "Сведения" not in russian.references[-1].raw_text
    assert [m.locator for m in russian.mentions if m.locator][3:5] == ["вып. 3: 98", "т. 1: 112"]


def test_polish_harvard_with_year_after_a_comma() -> None:
    polish = analyse("08_polish_bibliografia_harvard_year_after_comma.txt")
    assert polish.references[-1].raw_text.endswith("3(69), s. 98–117.")
    assert by_citation(polish) == [
        ["Ciesielski", "Kuczyński"], ["Hut"], ["UdSC"], ["Grzymała-Kazłowska", "Hut"], ["King"], ["Górny"],
        ["UdSC"], ["GUS"], ["Kuczyński"], ["GUS"], ["Hut", "Wiśniewska"], ["Ciesielski"], ["Kuczyński", "Wiśniewska"],
        ["GUS", "Górny"],
    ]  # fmt: skip
    kuczynski = cited_openings(polish, "Kucz", 22)
    assert kuczynski == ["Kuczyński A., 2019a, P", "Kuczyński A., 2019b, R", "Kuczyński A., 2019a, P"]
    assert [m.locator for m in polish.mentions if m.locator][:2] == ["p. 45–47", "p. 12"]


# --- the rules, on strings ----------------------------------------------------------------------------------


@pytest.mark.parametrize("heading", ["Referencias", "REFERÊNCIAS", "Bibliografía", "Bibliografia", "Literatura citada"])
def test_spanish_portuguese_italian_and_polish_list_headings(heading: str) -> None:
    from corpus_import.sections import heading_name

    assert heading_name(heading) == heading


@pytest.mark.parametrize(
    "line", ["Sobre los autores", "Recebido: 15 mar. 2022.", "Palavras-chave: soja", "Słowa kluczowe: gminy"]
)
def test_back_matter_and_abstract_labels_in_spanish_portuguese_and_polish_end_a_list(line: str) -> None:
    from corpus_import.sections import is_end_marker

    assert is_end_marker(line)


def test_three_word_given_name_first_names_and_spanish_affiliations() -> None:
    from corpus_import.metadata import is_affiliation, parse_names

    assert parse_names("Mariana Costa Pereira*") == [{"family": "Pereira", "given": "Mariana Costa"}]
    assert parse_names("Original Research Article") == []
    assert is_affiliation("Universidad de Chile, Facultad de Arquitectura y Urbanismo, Santiago, Chile")


def test_undated_forthcoming_and_reprinted_works_are_cited_by_their_words_for_the_year() -> None:
    from corpus_import.mentions import find_mentions
    from corpus_import.twins import Reference

    refs = [
        Reference("", "Smith, J. (2019). Growth. Routledge.", "", 1),
        Reference("", "Smith, J. (in press). Mindsets. Psychological Bulletin.", "", 2),
        Reference("", "Ministerio de Educación Nacional. (s.f.). Estadísticas. https://example.org", "", 3),
        Reference("", "Vygotsky, L. S. (1986). Thought and language. MIT Press. (Original work published 1934)", "", 4),
    ]
    text = (
        "As shown (Smith, in press; Smith, 2019), and (Ministerio de Educación Nacional [MEN], s.f.) and "
        "(Vygotsky, 1934/1986, p. 5).\n"
    )
    mentions = find_mentions(text, refs)[0]
    assert [m.reference for m in mentions] == [0, 1, 2, 3]
    assert mentions[-1].locator == "p. 5"


def test_a_page_after_a_colon_in_a_numeric_citation_is_a_locator() -> None:
    from corpus_import.mentions import parse_bracket

    assert parse_bracket("1:12", 10) == [(1, "p. 12")]
    assert parse_bracket("3:8", 10) == [(3, "p. 8")]
    assert parse_bracket("6:102; 7:33-34", 10) == [(6, "p. 102"), (7, "p. 33-34")]
    assert parse_bracket("14:30", 10) is None  # no entry 14: a time, not a citation


def test_a_wrapped_line_that_looks_like_a_name_after_an_unfinished_full_line_stays_in_its_entry() -> None:
    from corpus_import.entries import split_plain

    lines = [
        "ELIAS, D. Agronegócio e novas regionalizações no Brasil. Revista Brasileira de Estudos Urbanos e",
        "Regionais, v. 13, n. 2, p. 153-167, 2011.",
        "Hut P., 2002, Warunki życia i proces adaptacji repatriantów w Polsce w latach 1992–2000, Oficyna",
        "Naukowa, Warszawa.",
        "Polese, Abel. 2008. If I receive it, it is a gift; if I demand it, then it is a bribe. Anthropology",
        "in Action 15 (3): 47–60.",
        "Rasanayagam, Johan. 2011. Informal economy, informal state. International Journal of Sociology 31: 681–96.",
    ]
    texts = [entry.text for entry in split_plain(lines, 0, len(lines), frozenset()).entries]
    assert [text[:8] for text in texts] == ["ELIAS, D", "Hut P., ", "Polese, ", "Rasanaya"]


def test_an_unlabelled_english_title_and_abstract_after_a_plain_list_end_it() -> None:
    from corpus_import.entries import split_plain

    lines = [
        "Kuczyński A., 2019a, Polacy w Kazachstanie. Historia i współczesność, Atut, Wrocław.",
        "Wiśniewska K., 2017, Gminy wiejskie wobec repatriacji, Studia Regionalne i Lokalne, 3(69), s. 98–117.",
        "",
        "Repatriation of Poles from Kazakhstan and the local development of rural municipalities",
        "",
        "The article analyses the repatriation of people of Polish descent from Kazakhstan in 2001–2020.",
    ]
    split = split_plain(lines, 0, len(lines), frozenset())
    assert [entry.text[:10] for entry in split.entries] == ["Kuczyński ", "Wiśniewska"]
    assert split.end == 3


def test_a_list_of_sources_under_sigla_and_citations_by_siglum() -> None:
    from corpus_import.entries import split_entries
    from corpus_import.mentions import find_mentions
    from corpus_import.twins import Reference

    lines = [
        "МАС – Словарь русского языка: в 4 т. / под ред. А.П. Евгеньевой. 2-е изд. М.: Русский язык, 1981–1984.",
        "ЦГА РК – Центральный государственный архив Республики Казахстан. Ф. 5. Оп. 1. Д. 12.",
        "СРНГ – Словарь русских народных говоров. Вып. 1–. М.; Л.; СПб.: Наука, 1965–.",
    ]
    split = split_entries(lines, 0, len(lines))
    assert [entry.label for entry in split.entries] == ["МАС", "ЦГА РК", "СРНГ"]
    refs = [Reference(entry.label, entry.text, "", entry.line) for entry in split.entries]
    text = "Ср. данные словаря [МАС, т. 1: 112; ЦГА РК] и говоров [СРНГ]; валовой продукт (ВВП) растёт (МАС).\n"
    cited = [(m.reference, m.locator) for m in find_mentions(text, refs)[0]]
    assert cited == [(0, "т. 1: 112"), (1, ""), (2, ""), (0, "")]


def test_one_labelled_first_line_does_not_make_a_list_of_labelled_blocks() -> None:
    from corpus_import.entries import split_entries

    lines = [
        "WHO – World Health Organization. Global tuberculosis report. Geneva: WHO, 2021. 57 p.",
        "Smith J. Tuberculosis in Central Asia // Lancet. 2019. Vol. 3. P. 4–9.",
        "Ivanov I.I. Tuberculosis in Kazakhstan // Problems of Tuberculosis. 2020. No. 2. P. 11–18.",
    ]
    assert len(split_entries(lines, 0, len(lines)).entries) == 3
