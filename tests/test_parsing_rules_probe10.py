"""Focused rules found with the tenth probe (tests/data/parse_dev/probe10.jsonl): romanized twins and the
neighbours' styles (Uzbek Latin, Kyrgyz, Belarusian), where the language of the title was wrong."""

from __future__ import annotations

from corpus_import.parsing import parse_reference
from corpus_import.parsing.language import detect_language, romanized_language


def test_belarusian_title_with_i_and_hard_i_is_not_kazakh() -> None:
    """`і` beside `ы` with a Belarusian cluster (`дз`, `ць`, `ў`, `беларус-`) and no Kazakh letter is Belarusian."""
    csl = parse_reference(
        "Навіцкі У. І. Гісторыя беларускай літаратуры XX стагоддзя. – Мінск : Беларуская навука, 2018. – 512 с."
    )
    assert csl["language"] == "be"
    assert csl["number-of-pages"] == "512"


def test_belarusian_article_in_a_journal() -> None:
    """A Belarusian article title: same letters, `//` container kept."""
    csl = parse_reference(
        "Касцюк М. П. Беларусь у міжнародных адносінах // Беларускі гістарычны часопіс. – 2019. – № 6. – С. 4–12."
    )
    assert csl["language"] == "be"
    assert csl["container-title"] == "Беларускі гістарычны часопіс"


def test_belarusian_short_u_with_i() -> None:
    """`ў` with `і` is Belarusian (Uzbek Cyrillic has no `і`)."""
    assert detect_language("Гаспадарчае развіццё ўсходніх рэгіёнаў") == "be"


def test_kazakh_i_and_hard_i_stay_kazakh() -> None:
    """Kazakh `і` + `ы` without any Belarusian cluster is still Kazakh."""
    assert detect_language("Мемлекеттік тіл саясаты") == "kk"


def test_uzbek_cyrillic_still_uzbek() -> None:
    """`ў` without `і` stays Uzbek."""
    assert detect_language("Ўзбекистон ва Марказий Осиё: хавфсизлик муаммолари") == "uz"


def test_kyrgyz_genitive_on_the_country_name_counts() -> None:
    """`Кыргызстандын` is both a Kyrgyz word and a Kyrgyz genitive (Kazakh writes `Қырғызстанның`)."""
    csl = parse_reference("Осмонов О. Ж. Кыргызстандын тарыхы. – Бишкек: Илим, 2018. – 200 б.")
    assert csl["language"] == "ky"
    assert csl["publisher-place"] == "Бишкек"


def test_kyrgyz_word_in_title_backed_by_the_reference() -> None:
    """One Kyrgyz word in the title (`жана`) and Kyrgyz words elsewhere in the reference make it Kyrgyz."""
    csl = parse_reference("Акматалиев А. Манас эпосу жана азыркы мезгил. – Бишкек: Кыргызстан, 2015. – 284 б.")
    assert csl["language"] == "ky"


def test_russian_title_published_in_bishkek_stays_russian() -> None:
    """A Russian title from a Kyrgyz publisher is Russian."""
    csl = parse_reference("Петров А. Б. История Кыргызстана. – Бишкек: Илим, 2018. – 200 с.")
    assert csl["language"] == "ru"


def test_uzbek_latin_locative_and_independence() -> None:
    """Uzbek Latin `-sida` locative and `mustaqil-` with `O'zbekiston` make the title Uzbek."""
    csl = parse_reference(
        "Karimov I.A. O'zbekiston mustaqillikka erishish ostonasida. Toshkent: O'zbekiston, 2011. – 440 b."
    )
    assert csl["language"] == "uz"
    assert csl["number-of-pages"] == "440"


def test_uzbek_latin_foreign_policy_title() -> None:
    """`tashqi siyosati` (foreign policy) and the genitive `-ning` are Uzbek."""
    assert romanized_language("Buxoro amirligining tashqi siyosati") == "uz"


def test_english_title_is_not_uzbek() -> None:
    """English words keep an English title English."""
    assert romanized_language("The foreign policy of Uzbekistan and its neighbours") is None


def test_russian_title_naming_kyrgyzstan_in_a_kyrgyz_reference_stays_russian() -> None:
    """The country's name alone in a Russian title is no Kyrgyz word, whatever the journal."""
    csl = parse_reference(
        "Петров А. Б. Экономика современного Кыргызстана // Кыргызстандын тарых маселелери. – 2019. – №2. – С. 12–20."
    )
    assert csl["language"] == "ru"


def test_belarusian_series_number_stays_in_the_journal() -> None:
    """`Серыя 3. Гісторыя` is the Belarusian `Серия 3`: the series stays in the container, not volume/publisher."""
    csl = parse_reference(
        "Лукашэнка А. Р. Гісторыя Беларусі // Веснік БДУ. Серыя 3. Гісторыя. – 2017. – № 1. – С. 3–10."
    )
    assert csl["container-title"] == "Веснік БДУ. Серыя 3. Гісторыя"
    assert "volume" not in csl
    assert "publisher" not in csl


def test_short_uzbek_latin_title_in_an_uzbek_journal() -> None:
    """`Amir Temur davlati` has one Uzbek sign; the journal `Tarix va jamiyat` gives the second."""
    csl = parse_reference("Rasulov A. Amir Temur davlati // Tarix va jamiyat. – 2018. – №1. – B. 5–12.")
    assert csl["language"] == "uz"


def test_english_title_in_an_uzbek_journal_stays_english() -> None:
    """English words in the title keep it English whatever the journal."""
    csl = parse_reference("Rasulov A. The state of Amir Temur // Tarix va jamiyat. – 2018. – №1. – B. 5–12.")
    assert csl["language"] == "en"


def test_uzbek_latin_title_with_an_uzbek_publisher() -> None:
    """One Uzbek sign in the title (`o'zbek`) and one in the publisher (`O'qituvchi`) make the book Uzbek."""
    csl = parse_reference("Mirzaev S. Hozirgi o'zbek adabiy tili. – Toshkent: O'qituvchi, 2015. – 240 bet.")
    assert csl["language"] == "uz"


def test_uzbek_latin_locative_plural() -> None:
    """`-larda` (plural locative) is Uzbek."""
    assert romanized_language("O'zbekiston raqamlarda") == "uz"
