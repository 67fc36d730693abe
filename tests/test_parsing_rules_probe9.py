"""Focused rules found with the ninth probe (tests/data/parse_dev/probe9.jsonl): Russian and Kazakh GOST in depth."""

from __future__ import annotations

from corpus_import.parsing import parse_reference


def test_kazakh_access_mode_label_is_not_part_of_the_title() -> None:
    """`Қол жеткізу режимі:` is Kazakh for `Режим доступа:` and leads the URL."""
    csl = parse_reference(
        "Қазақстан Республикасының 2015 жылғы 23 қарашадағы № 414-V «Қазақстан Республикасының "
        "мемлекеттік қызметі туралы» Заңы [Электрондық ресурс]. – Қол жеткізу режимі: "
        "https://adilet.zan.kz/kaz/docs/Z1500000416 (қаралған күні: 14.04.2022)."
    )
    assert csl["title"].endswith("туралы» Заңы")
    assert csl["URL"] == "https://adilet.zan.kz/kaz/docs/Z1500000416"
    assert csl["accessed"] == {"date-parts": [[2022, 4, 14]]}


def test_kazakh_access_mode_on_a_web_page() -> None:
    """The label is dropped from a web page's title too."""
    csl = parse_reference(
        "Абаев Б. Тарих [Электрондық ресурс]. – Қол жеткізу режимі: https://abai.kz/post/1 (қаралған күні: 01.02.2022)."
    )
    assert csl["title"] == "Тарих"
    assert csl["URL"] == "https://abai.kz/post/1"
