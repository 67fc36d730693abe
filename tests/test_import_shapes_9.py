"""Six articles whose reference list is printed twice in shapes not yet covered (tests/data/import_shapes_9).

Twin lists: each work must become ONE reference holding both texts (`raw_text` original script, `raw_text_alt`
romanized). Each file was annotated by reading it, counted as in tests/test_import_shapes_3.py: its number of
works, of in-text citations that name a work, its title and first author's family name, and which original
entry pairs with which romanized one. The shapes:
- 01: Russian numeric; the unnumbered romanized list is sorted by romanized surname (another order).
- 02: Kazakh author-year; the romanized list translates titles in brackets and splits one entry over two
  lines that read as two entries (`... Bes tomdyq [...]` / `Almaty: Atamura, 2010. ...`).
- 03: Russian numeric; romanized entries mix BGN/LC/ISO 9 spellings (`Zhumabekov`, `Žumabekov`, `Ŝerbakova`,
  `Jakupov`) and translate titles in brackets, `(in Russian)`.
- 04: three lists: Kazakh original (`Әдебиеттер`), Russian translation (`Список литературы`) and romanized
  (`References`); one work each, the Kazakh text with the romanized twin.
- 05: the romanized `References` sits inside the English abstract block (title, authors, abstract,
  keywords) after the Russian list, followed by author information and a Kazakh abstract.
- 06: Kazakh numeric; the romanization uses the 2021 Latin alphabet (`Ä, Ğ, Q, Ñ, Ö, Ū, Ü, Ş, ı`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shape_articles import analyse_file, annotation_tests

from corpus_import.pipeline import ArticleAnalysis, analyse_article

FOLDER = Path(__file__).parent / "data" / "import_shapes_9"
ANNOTATED = {
    "01_russian_numeric_romanized_sorted_by_surname.txt": (6, 10),
    "02_kazakh_author_year_romanized_one_entry_split.txt": (6, 9),
    "03_russian_numeric_romanized_mixed_schemes_translated_titles.txt": (6, 7),
    "04_kazakh_three_lists_kazakh_russian_english.txt": (5, 7),
    "05_russian_references_inside_english_abstract_block.txt": (5, 9),
    "06_kazakh_numeric_romanized_latin_2021_alphabet.txt": (6, 8),
}
HEADERS = {
    "01_russian_numeric_romanized_sorted_by_surname.txt": ("РЕГИОНАЛЬНЫЕ РЫНКИ ЗЕРНА СЕВЕРНОГО КАЗАХСТАНА", "Юсупов"),
    "02_kazakh_author_year_romanized_one_entry_split.txt": ("ҚАЗАҚСТАНДАҒЫ ТЕМІР ЖОЛ ҚҰРЫЛЫСЫНЫҢ ТАРИХЫ", "Омарова"),
    "03_russian_numeric_romanized_mixed_schemes_translated_titles.txt": (
        "ЦИФРОВИЗАЦИЯ МАЛОГО БИЗНЕСА В СЕЛЬСКИХ РАЙОНАХ",
        "Жумабеков",
    ),
    "04_kazakh_three_lists_kazakh_russian_english.txt": ("БАЛҚАШ КӨЛІНІҢ СУ БАЛАНСЫ", "Тұрсынбаева"),
    "05_russian_references_inside_english_abstract_block.txt": (
        "МИГРАЦИЯ МОЛОДЁЖИ ИЗ МАЛЫХ ГОРОДОВ КАЗАХСТАНА",
        "Ахметжанова",
    ),
    "06_kazakh_numeric_romanized_latin_2021_alphabet.txt": (
        "ҚАЗАҚ ТІЛІНІҢ ЛАТЫН ӘЛІПБИІНЕ КӨШУІ: ЕМЛЕ МӘСЕЛЕЛЕРІ",
        "Жұмабекова",
    ),
}
PAIRS = {
    "01_russian_numeric_romanized_sorted_by_surname.txt": [
        ("Юсупов", "Yusupov"), ("Абенов", "Abenov"), ("Голубев", "Golubev"), ("Шаймерденов", "Shaimerdenov"),
        ("Бюро", "Buro"), ("Бекова", "Bekova"),
    ],
    "02_kazakh_author_year_romanized_one_entry_split.txt": [
        ("Абдрахманов", "Abdrakhmanov"), ("Қазақстан", "Kazakhstan"), ("Нұрланов", "Nurlanov"),
        ("Омарова", "Omarova"), ("Payne", "Payne"), ("Сүлейменов", "Suleimenov"),
    ],
    "03_russian_numeric_romanized_mixed_schemes_translated_titles.txt": [
        ("Жумабеков", "Zhumabekov"), ("Щербакова", "Ŝerbakova"), ("Хасенова", "Khasenova"),
        ("Чернышёв", "Chernyshyov"), ("Ержанова", "Yerzhanova"), ("Жакупов", "Jakupov"),
    ],
    "04_kazakh_three_lists_kazakh_russian_english.txt": [
        ("Тұрсынбаева", "Tursynbayeva"), ("Есенов", "Yesenov"), ("Жұмабаев", "Zhumabayev"),
        ("Смағұлова", "Smagulova"), ("Есенов", "Yesenov"),
    ],
    "05_russian_references_inside_english_abstract_block.txt": [
        ("Ахметжанова", "Akhmetzhanova"), ("Ким", "Kim"), ("Садовская", "Sadovskaya"),
        ("Жанбосинова", "Zhanbosinova"), ("Бюро", "Byuro"),
    ],
    "06_kazakh_numeric_romanized_latin_2021_alphabet.txt": [
        ("Жұмабекова", "Jūmabekova"), ("Сейітқали", "Seiitqali"), ("Құрманбайұлы", "Qūrmanbaiūly"),
        ("Үсенова", "Üsenova"), ("Ысқақов", "Ysqaqov"), ("Нұрғалиева", "Nūrğalieva"),
    ],
}  # fmt: skip


def analyse(name: str) -> ArticleAnalysis:
    return analyse_file(FOLDER, name)


def first_word(text: str) -> str:
    return text.split()[0].rstrip(",") if text else ""


(
    test_annotations_cover_the_folder,
    test_article_has_the_annotated_number_of_entries_and_mentions,
    test_article_title_and_first_author_are_read,
) = annotation_tests(FOLDER, ANNOTATED, HEADERS)


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_each_original_entry_holds_its_romanized_twin(name: str) -> None:
    references = analyse(name).references
    pairs = [(first_word(ref.raw_text), first_word(ref.raw_text_alt)) for ref in references]
    assert pairs == PAIRS[name]


# --- the rules, on variants of the articles -----------------------------------------------------------------


def variant(name: str, old: str, new: str) -> ArticleAnalysis:
    text = (FOLDER / name).read_text(encoding="utf-8")
    assert old in text
    return analyse_article(name, text.replace(old, new).encode("utf-8"))


SORTED = "01_russian_numeric_romanized_sorted_by_surname.txt"


def test_a_resorted_romanized_list_with_two_entries_merged_still_counts_each_work_once() -> None:
    merged = variant(SORTED, "– 240 s.\nShaimerdenov", "– 240 s. Shaimerdenov")
    assert len(merged.references) == 6
    assert [first_word(ref.raw_text_alt) for ref in merged.references] == [
        "Yusupov", "Abenov", "Golubev", "", "Buro", "Bekova",
    ]  # fmt: skip


def test_a_resorted_romanized_list_with_an_entry_split_in_two_joins_the_rest_to_its_twin() -> None:
    split = variant(SORTED, "oblasti // Ekonomika", "oblasti.\nEkonomika")
    assert len(split.references) == 6
    assert split.references[5].raw_text_alt.endswith("S. 88–99.")
    assert "Ekonomika: strategiya" in split.references[5].raw_text_alt


def test_three_lists_with_the_romanized_one_resorted_count_each_work_once() -> None:
    name = "04_kazakh_three_lists_kazakh_russian_english.txt"
    text = (FOLDER / name).read_text(encoding="utf-8")
    head, romanized = text.split("References\n")
    entries = sorted(line.split(". ", 1)[1] for line in romanized.strip().splitlines() if line)
    analysis = analyse_article(name, (head + "References\n\n" + "\n".join(entries) + "\n").encode("utf-8"))
    assert [(first_word(ref.raw_text), first_word(ref.raw_text_alt)) for ref in analysis.references] == PAIRS[name]
