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


def test_standard_designation_opens_one_title() -> None:
    """`ГОСТ Р 7.0.100–2018.` is a designation: no pages from its numbers, all title sentences kept."""
    csl = parse_reference(
        "ГОСТ Р 7.0.100–2018. Библиографическая запись. Библиографическое описание. Общие требования и правила "
        "составления. – Москва : Стандартинформ, 2018. – 124 с."
    )
    assert csl["title"] == (
        "ГОСТ Р 7.0.100–2018. Библиографическая запись. Библиографическое описание. "
        "Общие требования и правила составления"
    )
    assert "page" not in csl
    assert csl["publisher"] == "Стандартинформ"
    assert csl["publisher-place"] == "Москва"
    assert csl["number-of-pages"] == "124"


def test_kazakh_standard_designation() -> None:
    """`СТ РК 1.5–2019` (a Kazakh national standard) is read the same way."""
    csl = parse_reference(
        "СТ РК 1.5–2019. Общие требования к построению стандартов. – Астана : КазСтандарт, 2019. – 30 с."
    )
    assert csl["title"] == "СТ РК 1.5–2019. Общие требования к построению стандартов"
    assert csl["type"] == "book"
    assert csl["issued"] == {"date-parts": [[2019]]}


def test_bibliography_note_needs_its_colon() -> None:
    """`– Библиогр.: с. 380–398.` is a note, but a title word `Библиографическое` is not cut out."""
    csl = parse_reference(
        "Бекмаханов Е. Б. Казахстан в 20–40 годы XIX века [Текст]. – Алма-Ата : Қазақ университеті, 1992. "
        "– 400 с. – Библиогр.: с. 380–398. – ISBN 5-7667-0123-4."
    )
    assert csl["number-of-pages"] == "400"
    assert "page" not in csl
    assert csl["ISBN"] == "5-7667-0123-4"


def test_gost_patent() -> None:
    """GOST 7.1 patent: title after the classification, inventors after ` / `, the date is `опубл.`."""
    csl = parse_reference(
        "Пат. 2345678 Рос. Федерация, МПК G01N 33/00. Способ определения загрязнения почвы / Петров А. В., "
        "Сидоров В. Г. ; заявитель и патентообладатель МГУ. – № 2007123456/28 ; заявл. 20.06.2007 ; "
        "опубл. 10.01.2009, Бюл. № 1. – 8 с."
    )
    assert csl["type"] == "patent"
    assert csl["title"] == "Способ определения загрязнения почвы"
    assert csl["author"] == [{"family": "Петров", "given": "А.В."}, {"family": "Сидоров", "given": "В.Г."}]
    assert csl["issued"] == {"date-parts": [[2009, 1, 10]]}
    assert csl["number-of-pages"] == "8"
    assert "volume" not in csl and "page" not in csl


def test_gost_2018_patent_inventors_after_the_dates() -> None:
    """GOST 7.0.100 prints the application data before ` / ` and the inventors."""
    csl = parse_reference(
        "Патент № 2637235 C1 Российская Федерация, МПК B01D 53/00. Способ очистки газов : № 2016114236 : "
        "заявл. 12.04.2016 : опубл. 11.12.2017 / Иванов И. И., Петров П. П. ; заявитель МГУ. – 8 с. "
        "– Текст : непосредственный."
    )
    assert csl["title"] == "Способ очистки газов"
    assert csl["author"] == [{"family": "Иванов", "given": "И.И."}, {"family": "Петров", "given": "П.П."}]
    assert csl["issued"] == {"date-parts": [[2017, 12, 11]]}


def test_kazakh_innovation_patent() -> None:
    """Kazakh `Инновациялық патент`: `жарияланды` is the publication date, `4 б.` the page count."""
    csl = parse_reference(
        "Инновациялық патент № 12345 ҚР, МПК A01B 1/00. Топырақ өңдеу құралы / Серіков Б. А. ; өтінім беруші "
        "ҚазҰАУ. – № 2015/0123.1 ; өтінім берілді 10.02.2015 ; жарияланды 15.06.2016, Бюл. № 6. – 4 б."
    )
    assert csl["type"] == "patent"
    assert csl["title"] == "Топырақ өңдеу құралы"
    assert csl["issued"] == {"date-parts": [[2016, 6, 15]]}
    assert csl["number-of-pages"] == "4"


def test_kazakh_national_newspaper_with_url_stays_a_newspaper_article() -> None:
    """`Егемен Қазақстан` is a daily: a day-dated article there is a newspaper article even when read online."""
    csl = parse_reference(
        "Нұрмағамбетов А. Ұлттық қауіпсіздік тұжырымдамасы [Электрондық ресурс] // Егемен Қазақстан. – 2021. "
        "– 3 наурыз. – URL: https://egemen.kz/article/12345 (қаралған күні: 20.05.2022)."
    )
    assert csl["type"] == "article-newspaper"
    assert csl["container-title"] == "Егемен Қазақстан"
    assert csl["issued"] == {"date-parts": [[2021, 3, 3]]}


def test_kazakh_volume_after_the_imprint_is_the_volume() -> None:
    """`– 2-т.` after the imprint is the volume (Kazakh prints the mark after the number)."""
    csl = parse_reference("Исаев Б. Ұлт тарихы. – Алматы : Атамұра, 2012. – 2-т. – 340 б.")
    assert csl["volume"] == "2"
    assert csl["number-of-pages"] == "340"
    assert csl["title"] == "Ұлт тарихы"


def test_kazakh_volume_inside_the_title_area_stays_in_the_title() -> None:
    """`3 томдық. 2-том.` before the imprint is the multi-volume statement, part of the title."""
    csl = parse_reference("Исмаилова Б. Қазақ әдебиетінің тарихы. 3 томдық. 2-том. – Алматы : Ана тілі, 2008. – 512 б.")
    assert csl["title"] == "Қазақ әдебиетінің тарихы. 3 томдық. 2-том"
    assert "volume" not in csl


def test_research_report_head_is_not_part_of_the_title() -> None:
    """`/ рук. Б. К. Алимов ; исполн.: ...` is a report's responsibility area, neither title nor editor."""
    csl = parse_reference(
        "Миграционные процессы в Центральной Азии : отчет о НИР / рук. Б. К. Алимов ; исполн.: С. Т. Ким. "
        "– Бишкек : ИИ НАН КР, 2018. – 86 с."
    )
    assert csl["type"] == "report"
    assert csl["title"] == "Миграционные процессы в Центральной Азии : отчет о НИР"
    assert "editor" not in csl
    assert csl["publisher"] == "ИИ НАН КР"


def test_event_place_and_date_before_host_editors_leave_the_container() -> None:
    """`(Семей, 10 авг. 2020 г.)` between the proceedings title and `/ отв. ред.` is the event, not the host."""
    csl = parse_reference(
        "Абенова Г. А. Образ степи в поэзии // Абай тағылымы : материалы респ. науч. конф. (Семей, 10 авг. 2020 г.) "
        "/ отв. ред. А. Б. Кенжебаев. – Семей, 2020. – С. 23–27."
    )
    assert csl["type"] == "paper-conference"
    assert csl["container-title"] == "Абай тағылымы : материалы респ. науч. конф"
    assert csl["editor"] == [{"family": "Кенжебаев", "given": "А.Б."}]
    assert csl["page"] == "23-27"


def test_parenthesised_series_after_et_al_is_not_a_host() -> None:
    """`[и др.]` closes the title, yet `– (Серия «...»).` at the end is still the series of a book."""
    csl = parse_reference(
        "Семенов А. А. Геополитика : учеб. для вузов / А. А. Семенов [и др.] ; под общ. ред. В. А. Ковалева. "
        "– СПб. : Питер, 2019. – 400 с. : ил. – (Серия «Учебник для вузов»)."
    )
    assert csl["type"] == "book"
    assert "container-title" not in csl
    assert csl["collection-title"] == "Серия «Учебник для вузов»"
    assert csl["editor"] == [{"family": "Ковалев", "given": "В.А."}]
    assert csl["number-of-pages"] == "400"


def test_law_amendment_note_in_brackets_is_not_a_translated_title() -> None:
    """GOST 7.0.100 `[с изменениями и дополнениями по состоянию на ...]` is a note on the text, not a translation."""
    csl = parse_reference(
        "Об образовании : Закон Республики Казахстан от 27 июля 2007 года № 319-III : [с изменениями и "
        "дополнениями по состоянию на 01.01.2023]. — Текст : электронный // Әділет : информационно-правовая "
        "система. — URL: https://adilet.zan.kz/rus/docs/Z070000319_ (дата обращения: 10.02.2023)."
    )
    assert "translated-title" not in csl
    assert csl["type"] == "legislation"
    assert csl["issued"] == {"date-parts": [[2007, 7, 27]]}
