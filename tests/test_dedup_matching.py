"""Matching on plain records: scripts, schemes, messy fields, and the look-alikes that must stay apart."""

from __future__ import annotations

from typing import Any

import pytest

from bibliography.dedup.blocking import index_keys, probe_keys, usable_blocks
from bibliography.dedup.engine import MemoryLibrary
from bibliography.dedup.records import Record, make_record, title_numbers
from bibliography.dedup.scoring import compare
from bibliography.lib.skeleton import name_skeleton, name_skeleton_variants, skeleton

_ids = iter(range(1, 10_000))


def rec(*names: str, **fields: Any) -> Record:
    """A record from `Family G.` names and Work-named fields."""
    parsed = []
    for name in names:
        family, _, given = name.partition(" ")
        parsed.append({"family": family, "given": given} if given else {"family": family})
    return make_record(fields.pop("id", next(_ids)), fields, parsed)


def decision(a: Record, b: Record) -> str:
    return compare(a, b).decision


VORONOVICH_RU = rec(
    "Воронович В.В.",
    type="article-journal",
    title="Эволюция Шанхайской организации сотрудничества в контексте формирования азиатской системы безопасности",
    container_title="Журнал международного права и международных отношений",
    issued_year=2007,
    issue="3",
)
VORONOVICH_EN = rec(
    "Voronovich V.V.",
    type="article-journal",
    title="Evolyutsiya Shankhaiskoi organizatsii sotrudnichestva v kontekste formirovaniya aziyatskoi sistemy "
    "bezopasnosti",
    translated_title="The evolution of the Shanghai Cooperation Organization in the context of the formation "
    "of the Asian security system",
    container_title="Zhurnal mezhdunarodnogo prava i mezhdunarodnykh otnoshenii",
    issued_year=2007,
    issue="3",
)


def test_cyrillic_entry_and_its_romanized_twin_are_merged() -> None:
    match = compare(VORONOVICH_RU, VORONOVICH_EN)
    assert match.decision == "merge"
    assert {"title", "first_author", "year", "container"} <= set(match.agreed)


@pytest.mark.parametrize(
    "romanized",
    [
        "Tsygankov P.A. Mezhdunarodnyye otnosheniya: teorii, konflikty, dvizheniya, organizatsii",  # BGN/PCGN
        "Tsygankov P.A. Mezhdunarodnye otnosheniia: teorii, konflikty, dvizheniia, organizatsii",  # LC, no diacritics
        "Tsygankov P.A. Mezhdunarodnye otnosheniya: teorii, konflikty, dvizheniya, organizatsii",  # BSI / Scopus
        "Cygankov P.A. Mezhdunarodny`e otnosheniya: teorii, konflikty`, dvizheniya, organizacii",  # GOST 7.79 B
    ],
)
def test_every_romanization_scheme_matches_the_cyrillic_original(romanized: str) -> None:
    original = "Цыганков П.А. Международные отношения: теории, конфликты, движения, организации"
    family, title = romanized.split(" P.A. ")
    a = rec("Цыганков П.А.", type="book", title=original.split(" П.А. ")[1], issued_year=2003, publisher="Гардарики")
    b = rec(f"{family} P.A.", type="book", title=title, issued_year=2003, publisher="Gardariki")
    assert decision(a, b) == "merge"


def test_kazakh_letters_and_the_2021_kazakh_latin_alphabet_meet() -> None:
    assert skeleton("Қазақстанның сыртқы саясаты: жаңа кезең") == skeleton("Qazaqstannyñ syrtqy saiasaty: jaña kezeñ")
    assert name_skeleton("Жақсылықов") == name_skeleton("Jaqsylyqov")
    a = rec("Жақсылықов Т.", type="book", title="Қазақстанның сыртқы саясаты: жаңа кезең", issued_year=2022)
    b = rec("Jaqsylyqov T.", type="book", title="Qazaqstannyñ syrtqy saiasaty: jaña kezeñ", issued_year=2022)
    assert decision(a, b) == "merge"


def test_a_kazakh_latin_j_is_read_both_ways_in_names() -> None:
    title = "Халықаралық қатынастардың энергетикалық мәселелері"
    a = rec("Ныжабаев Ф.", type="book", title=title, issued_year=2002)
    b = rec("Nyjabaev F.", type="book", title="Halyqaralyq qatynastardyñ energetikalyq mäselelerı", issued_year=2002)
    c = rec("Majorov A.", type="book", title=title, issued_year=2002)
    assert "first_author" in compare(a, b).agreed
    assert "first_author" in compare(rec("Майоров А.", title=title), c).agreed, "GOST 7.79 j is й"


@pytest.mark.parametrize(
    ("cyrillic", "latin"), [("Соловьёв", "Solov`yov"), ("Соловьёв", "Solovyov"), ("Ёлкин", "Yolkin")]
)
def test_every_spelling_of_yo_meets(cyrillic: str, latin: str) -> None:
    assert name_skeleton(cyrillic) == name_skeleton(latin)


def test_quotes_and_dashes_do_not_matter() -> None:
    a = rec("Асанов Ж.", type="book", title="Эволюция СВМДА «ТЕ ДНИ» – взгляд изнутри", issued_year=2007)
    b = rec("Asanov Zh.", type="book", title='Evolyutsiya SVMDA "TE DNI": vzglyad iznutri', issued_year=2007)
    assert decision(a, b) == "merge"


def test_different_initials_of_one_surname_are_not_merged_automatically() -> None:
    title = "Regional security in Central Asia after the withdrawal"
    a = rec("Ivanov A.", type="article-journal", title=title, issued_year=2015)
    b = rec("Ivanov S.", type="article-journal", title=title, issued_year=2015)
    assert decision(a, b) != "merge"


def test_author_order_change_still_counts_as_shared_authors() -> None:
    title = "The Making of Global International Relations"
    a = rec("Acharya A.", "Buzan B.", type="book", title=title, issued_year=2019)
    b = rec("Buzan B.", "Acharya A.", type="book", title=title, issued_year=2019)
    assert "author_order" in compare(a, b).agreed


def test_abbreviated_journal_names_agree_with_the_full_ones() -> None:
    title = "Kazakhstan and the Eurasian Economic Union: the view from Astana"
    a = rec("Smith J.", title=title, container_title="International Affairs", volume="94", issued_year=2018)
    b = rec("Smith J.", title=title, container_title="Int. Aff.", volume="94", issued_year=2018)
    c = rec("Smith J.", title=title, container_title="Vestn. Mosk. un-ta", issued_year=2018)
    d = rec("Smith J.", title=title, container_title="Vestnik Moskovskogo universiteta", issued_year=2018)
    assert "container" in compare(a, b).agreed
    assert "container" in compare(c, d).agreed


def test_the_same_book_with_different_page_counts_and_author_lists_is_one_work() -> None:
    title = "Regions and Powers: The Structure of International Security"
    a = rec("Buzan B.", "Waever O.", type="book", title=title, issued_year=2003, number_of_pages="588")
    b = rec("Buzan B.", type="book", title=title, issued_year=2003, number_of_pages="564")
    assert decision(a, b) == "merge"


def test_missing_fields_do_not_prevent_a_merge() -> None:
    full = rec(
        "Baizakova K.I.",
        type="article-journal",
        title="The Shanghai Cooperation Organization's Role in Countering Threats to Central Asian Security",
        container_title="Russian Politics and Law",
        volume="51",
        issue="1",
        page="59-79",
        issued_year=2013,
    )
    bare = rec(
        "Байзакова К.И.",
        title="The Shanghai Cooperation Organization's Role in Countering Threats to Central Asian Security",
    )
    assert decision(full, bare) == "merge"


def test_a_title_without_its_subtitle_still_matches() -> None:
    a = rec(
        "Buzan B.", type="book", title="Regions and Powers: The Structure of International Security", issued_year=2003
    )
    b = rec("Buzan B.", type="book", title="Regions and Powers", issued_year=2003, publisher="CUP")
    assert compare(a, b).title >= 0.9


def test_volumes_of_a_series_stay_apart() -> None:
    common = {"type": "book", "title": "История Казахстана с древнейших времен до наших дней", "issued_year": 2010}
    assert decision(rec("Абылхожин Ж.Б.", volume="2", **common), rec("Абылхожин Ж.Б.", volume="3", **common)) != "merge"
    a = rec("Абылхожин Ж.Б.", type="book", title="История Казахстана. Том 2", issued_year=2010)
    b = rec("Abylkhozhin Zh.B.", type="book", title="Istoriya Kazakhstana. Tom 3", issued_year=2010)
    assert "title_numbers" in compare(a, b).hard


@pytest.mark.parametrize(
    ("second", "third"),
    [
        ("Declaration of the Second Summit of the CICA", "Declaration of the Third Summit of the CICA"),
        ("Декларация второго саммита СВМДА", "Декларация третьего саммита СВМДА"),
        ("Deklaratsiya vtorogo sammita SVMDA", "Декларация третьего саммита СВМДА"),
        ("Declaration of the II Summit of the CICA", "Declaration of the III Summit of the CICA"),
        ("АӨСШК екінші саммитінің декларациясы", "АӨСШК үшінші саммитінің декларациясы"),
    ],
)
def test_declarations_of_different_summits_stay_apart(second: str, third: str) -> None:
    a = rec(type="webpage", title=second)
    b = rec(type="webpage", title=third)
    match = compare(a, b)
    assert match.decision == "none"
    assert "title_numbers" in match.hard


def test_ordinals_are_read_in_three_languages() -> None:
    assert title_numbers("Declaration of the Second Summit") == {2}
    assert title_numbers("Декларация второго саммита") == title_numbers("Deklaratsiya vtorogo sammita") == {2}
    assert title_numbers("Mery ukrepleniya doveriya I bezopasnost' v ATR") == frozenset()


def test_two_articles_by_one_author_in_one_journal_stay_apart() -> None:
    common = {"type": "article-journal", "container_title": "Central Asia and the Caucasus", "issued_year": 2019}
    a = rec("Kukeyeva F.T.", title="Energy security of Kazakhstan", volume="20", page="7-15", **common)
    b = rec("Kukeyeva F.T.", title="Water security of Central Asia", volume="20", page="31-40", **common)
    assert decision(a, b) == "none"


def test_two_articles_with_the_same_generic_title_need_more_than_the_title() -> None:
    a = rec("Nurdavletova L.M.", type="chapter", title="Introduction", container_title="Security in Asia")
    b = rec("Nurdavletova L.M.", type="chapter", title="Introduction", container_title="Energy of Eurasia")
    assert decision(a, b) != "merge"
    assert rec(title="What is CICA?").generic


def test_a_book_and_its_chapter_stay_apart() -> None:
    book = rec("Buzan B.", type="book", title="Regions and Powers", issued_year=2003, publisher="CUP")
    chapter = rec(
        "Buzan B.", type="chapter", title="Regions and Powers", container_title="Regions and Powers", issued_year=2003
    )
    match = compare(book, chapter)
    assert match.decision != "merge"
    assert "book_vs_part" in match.hard


def test_a_work_and_its_review_stay_apart() -> None:
    book = rec("Buzan B.", type="book", title="Regions and Powers: The Structure of International Security")
    review = rec(
        "Buzan B.",
        type="article-journal",
        title="Review of Regions and Powers: The Structure of International Security",
        container_title="International Affairs",
    )
    match = compare(book, review)
    assert match.decision != "merge"
    assert "review" in match.hard


@pytest.mark.parametrize("prefix", ["Erratum:", "Corrigendum to", "Correction to:", "Retraction:", "Опечатка в статье"])
def test_a_work_and_a_notice_about_it_stay_apart(prefix: str) -> None:
    title = "Groundwater salinity in the Syr Darya delta"
    common = {"type": "article-journal", "container_title": "Hydrology", "issued_year": 2020}
    article = rec("Abenov K.", title=title, volume="7", issue="2", page="10-19", **common)
    notice = rec("Abenov K.", title=f"{prefix} {title}", **common)
    match = compare(article, notice)
    assert match.decision != "merge"
    assert "review" in match.hard
    assert not rec(title="Corrections of the Caspian shelf survey data").review


def test_a_two_word_title_merges_with_its_author_and_year_but_not_alone() -> None:
    a = rec("Абишев А.", type="book", title="Каспийская нефть", issued_year=2004)
    b = rec("Abishev A.", type="book", title="Kaspiiskaya neft'", issued_year=2004)
    assert decision(a, b) == "merge"
    other_author = rec("Ержанов Б.", type="book", title="Каспийская нефть", issued_year=2004)
    assert decision(a, other_author) != "merge"
    for title in ("Annual report", "Избранные труды", "Selected works"):
        stock = rec("Абишев А.", type="book", title=title, issued_year=2004)
        assert decision(stock, rec("Abishev A.", type="book", title=title, issued_year=2004)) != "merge", title


def test_a_dissertation_and_its_abstract_stay_apart() -> None:
    common = {"type": "thesis", "title": "Энергетическая политика Республики Казахстан", "issued_year": 2011}
    thesis = rec("Ахметов Д.", number_of_pages="180 с.", **common)
    abstract = rec("Ахметов Д.", number_of_pages="24 с.", **common)
    assert "number_of_pages" in compare(thesis, abstract).hard
    assert decision(thesis, rec("Akhmetov D.", number_of_pages="176 p.", **common)) == "merge"


def test_a_yearly_report_a_year_later_is_another_issue() -> None:
    common = {"type": "report", "title": "Statistical yearbook of Kazakhstan", "publisher": "BNS"}
    match = compare(rec("Aidapkelov N.", issued_year=2019, **common), rec("Aidapkelov N.", issued_year=2020, **common))
    assert match.decision == "candidate"
    article = {"type": "article-journal", "title": "A report on water quality in Almaty", "container_title": "Water"}
    online, printed = rec("Lee K.", issued_year=2019, **article), rec("Lee K.", issued_year=2020, **article)
    assert decision(online, printed) == "merge"


def test_a_translated_title_with_the_same_locator_reaches_review_only() -> None:
    common = {"type": "article-journal", "issued_year": 2016, "volume": "12", "issue": "3", "page": "40-52"}
    original = rec("Сейткали Д.", title="Водные ресурсы бассейна реки Или", container_title="Вестник КазНУ", **common)
    english = rec(
        "Seitkali D.", title="Water resources of the Ili river basin", container_title="KazNU Bulletin", **common
    )
    assert decision(original, english) == "candidate"
    elsewhere = rec("Seitkali D.", title="Water resources of the Ili river basin", **(common | {"page": "60-70"}))
    assert decision(original, elsewhere) == "none"


def test_an_article_parsed_as_a_book_of_its_journal_still_merges() -> None:
    title = "Slova i smysly: opyt opisaniya klyuchevykh politicheskikh ponyatii"
    book = rec("Il'in M.V.", type="book", title=title, issued_year=1997, publisher="ROSSPEN")
    read_as_article = rec(
        "Ilyin M.V.", type="article-journal", title=title, issued_year=1997, container_title="ROSSPEN"
    )
    assert decision(book, read_as_article) == "merge"


def test_a_law_cited_in_two_scripts_is_one_act_and_two_acts_stay_apart() -> None:
    law = "Закон Республики Казахстан от 9 ноября 2004 года № 603-II «О техническом регулировании»"
    romanized = "Zakon Respubliki Kazakhstan ot 9 noyabrya 2004 goda № 603-II «O tekhnicheskom regulirovanii»"
    a = rec(type="legislation", title=law, issued_year=2004)
    assert decision(a, rec(type="legislation", title=romanized, issued_year=2004)) == "merge"
    later = "Закон Республики Казахстан от 30 декабря 2020 года № 396-VI «О техническом регулировании»"
    assert decision(a, rec(type="legislation", title=later, issued_year=2020)) == "none"


def test_equal_dois_merge_and_different_dois_never_do() -> None:
    a = rec("Gleason G.", title="Collective Security and Non-State Actors in Eurasia", doi="10.1111/j.1528-3577.2005")
    b = rec("Gleason G.", title="Collective security & non-state actors", doi="10.1111/j.1528-3577.2005")
    c = rec("Gleason G.", title="Collective Security and Non-State Actors in Eurasia", doi="10.9999/other")
    assert decision(a, b) == "merge"
    assert "doi" in compare(a, c).hard
    assert decision(a, c) != "merge"


def test_web_resources_with_the_same_url_and_title_merge() -> None:
    url = "https://www.s-cica.org/index.php?view=page&t=about"
    a = rec(type="webpage", title="What is CICA?", url=url)
    b = rec(type="webpage", title="What is CICA", url=url.replace("https://www.", "http://") + "/")
    assert decision(a, b) == "merge"


def test_candidates_carry_the_evidence_for_a_curator() -> None:
    title = "Regional security in Central Asia after the withdrawal"
    match = compare(rec("Ivanov A.", title=title, issued_year=2015), rec("Ivanov S.", title=title, issued_year=2015))
    evidence = match.evidence()
    assert evidence["title_similarity"] == 1.0
    assert "initials" in evidence["differed"]
    assert 0 < match.score < 1


def test_cyrillic_and_romanized_records_share_blocking_keys() -> None:
    assert index_keys(VORONOVICH_RU) & index_keys(VORONOVICH_EN)
    later = rec("Voronovich V.V.", title="Something else entirely different", issued_year=2008)
    assert probe_keys(later) & index_keys(VORONOVICH_RU), "first author + neighbouring year"


def test_ukrainian_romanized_h_meets_the_cyrillic_g() -> None:
    common = {"type": "article-journal", "issued_year": 2018, "issue": "2", "page": "10-18"}
    a = rec("Гнатюк В.", title="Гуманітарна політика Угорщини в Закарпатті", **common)
    b = rec("Hnatiuk V.", title="Humanitarna polityka Uhorshchyny v Zakarpatti", **common)
    assert probe_keys(b) & index_keys(a), "the title keys differ (g/h), the first author's must meet"
    assert decision(a, b) == "merge"
    assert name_skeleton_variants("Khasanov") == (name_skeleton("Хасанов"),), "the h of kh is never read as g"


def test_oversized_blocks_are_ignored() -> None:
    rows = [("a:ivanov:2010", i) for i in range(5)] + [("t:rare", 99)]
    assert usable_blocks(rows, cap=3) == {99}


def test_a_new_rendering_bridges_two_earlier_ones_in_the_library() -> None:
    library = MemoryLibrary()
    library.add(VORONOVICH_RU)
    library.add(VORONOVICH_EN)
    assert library.canonical(VORONOVICH_EN.id) == VORONOVICH_RU.id
    assert library.records[VORONOVICH_RU.id].translations, "the merged rendering's translation was kept"


def test_remembered_not_duplicate_pairs_are_never_merged_in_memory() -> None:
    library = MemoryLibrary()
    library.not_duplicates.add((VORONOVICH_RU.id, VORONOVICH_EN.id))
    library.add(VORONOVICH_RU)
    assert library.add(VORONOVICH_EN) == []


@pytest.mark.parametrize("name", ["Hill", "Hall", "Hughes", "Harris", "Holmes"])
def test_an_english_h_name_has_one_reading(name: str) -> None:
    """`h` is read as `г` only in names with a Ukrainian or Belarusian ending: `Hill` never meets `Gill`."""
    assert name_skeleton_variants(name) == (name_skeleton(name),)
