"""The five sample articles, checked against my own reading of each file.

Annotation (counted by reading the files, not by running the code):
- 000: `Literature:`, 19 author-year entries (Alimbekov ... Aksenenko); the
  list ends where the Russian abstract's author line begins; 21 author-year
  mentions in the text (Ibrayev in the text is Ibraev in the list).
- 001: two lists of the same 28 works (Cyrillic GOST, then romanized): 28
  citations with both texts; 50 numeric mentions, [1]..[28].
- 002: no heading, 9 numbered entries (`2.Five`, `3.The` without a space),
  site boilerplate after them; 11 mentions, `[9, p. 18]` with its locator.
- 003: `REFERENCES`, 16 entries `- [n]` (14 bullets, 2 bare); 16 mentions,
  each with a page locator except [5] and [6].
- 004: a whole journal issue; the article's `References:` has 12 entries
  (`- 1.` bullets, one indented, one after a blank line); 11 author-year and
  2 numeric mentions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corpus_import.pipeline import ArticleAnalysis, analyse_article

SAMPLES: dict[str, dict[str, Any]] = {
    "000_ea43db7e61330016.txt": {
        "count": 19,
        "title": "SCO REGIONAL MILITARY EXERCISES: IMPACT ON THE BALANCE OF POWER AND REGIONAL STABILITY "
        "(BASED ON THE EXAMPLES OF «PEACE MISSION», «ANTITERROR»)",
        "authors": [("Iskakov", "A.N."), ("Kozhirova", "S.B.")],
        "doi": "",
        "first": ("Alimbekov, 2020", "Alimbekov K.Zh. SCO as a factor of regional security"),
        "last": ("Aksenenko, 2021", "Aksenenko S.V. Transparency of military exercises"),
        "mentions": 21,
    },
    "001_01154a80a1a890ff.txt": {
        "count": 28,
        "title": "Analysis of the prospects for cooperation between the CICA and the SCO in ensuring Asian security",
        "authors": [("Baisalbek", "O.A."), ("Nurdavletova", "L.M."), ("Kukeyeva", "F.T.")],
        "doi": "10.32523/2616-6887-2024-149-4-50-69",
        "first": ("1", "Declaration of Principles Governing Relations between CICA"),
        "last": ("28", "Gregory Gleason and Marat E. Shaihtudinov."),
        "mentions": 50,
    },
    "002_53fded65e5fbe7f9.txt": {
        "count": 9,
        "title": "SCO and regional security issues in Central Asia",
        "authors": [("Ichshanova", "G.T."), ("Melis", "A.M.")],
        "doi": "",
        "first": ("1", "Declaration of the Heads of State of the Shanghai Cooperation Organization"),
        "last": ("9", "Chukalova R.R. Military-political cooperation"),
        "mentions": 11,
    },
    "003_15f913d50bd3e9b4.txt": {
        "count": 16,
        "title": "THE SCO AS AN ALTERNATIVE TO WESTERN MILITARY BLOCS: A COMPARATIVE ANALYSIS WITH NATO",
        "authors": [("Iskakov", "A.N.")],
        "doi": "10.48371/ISMO.2026.63.1.006",
        "first": ("1", "Buzan B. Regions and Powers: The Structure of International Security."),
        "last": ("16", "Umbetaliyeva T. Kazakhstan’s Multivector Policy"),
        "mentions": 16,
    },
    "004_2122a0281a7b0c7f.txt": {
        "count": 12,
        "title": "MILITARY-POLITICAL COOPERATION OF THE NEW TURKIC COUNTRIES WITHIN THE FRAMEWORK OF "
        "INTERNATIONAL REGIONAL ORGANIZATIONS",
        "authors": [("Somzhurek", "B.Zh."), ("Ibrayeva", "A.E.")],
        "doi": "",
        "first": ("1", "Саидазимова Г. Интеграция в Центральной Азии"),
        "last": ("12", "Международные отношения в Центральной Азии. События и документы. Под ред. А. Богатурова."),
        "mentions": 13,
    },
}


@pytest.fixture(scope="module")
def analyses() -> dict[str, ArticleAnalysis]:
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    return {name: analyse_article(name, (corpus / name).read_bytes()) for name in SAMPLES}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_has_the_annotated_number_of_entries(analyses: dict[str, ArticleAnalysis], name: str) -> None:
    assert len(analyses[name].references) == SAMPLES[name]["count"]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_list_starts_and_ends_at_the_annotated_entries(analyses: dict[str, ArticleAnalysis], name: str) -> None:
    references = analyses[name].references
    for reference, (label, start) in ((references[0], SAMPLES[name]["first"]), (references[-1], SAMPLES[name]["last"])):
        assert reference.label == label
        assert reference.raw_text.startswith(start)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_metadata_is_read_from_the_header(analyses: dict[str, ArticleAnalysis], name: str) -> None:
    metadata = analyses[name].metadata
    assert metadata.title == SAMPLES[name]["title"]
    assert [(author["family"], author["given"]) for author in metadata.authors] == SAMPLES[name]["authors"]
    assert metadata.doi == SAMPLES[name]["doi"]
    assert metadata.languages[0] == "en"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_mentions_are_all_linked(analyses: dict[str, ArticleAnalysis], name: str) -> None:
    assert len(analyses[name].mentions) == SAMPLES[name]["mentions"]
    assert analyses[name].warnings == []


def test_entries_keep_urls_intact_and_lose_markdown(analyses: dict[str, ArticleAnalysis]) -> None:
    references = analyses["001_01154a80a1a890ff.txt"].references
    assert "https://www.iri.edu.ar/publicaciones_iri/manual/Doc.%20Manual/" in references[16].raw_text
    assert "https://eng.sco-russia2020.ru/images/17/24/172497.pdf" in references[17].raw_text
    assert "*" not in references[25].raw_text_alt and "<" not in references[17].raw_text


def test_romanized_twin_list_gives_one_citation_per_work(analyses: dict[str, ArticleAnalysis]) -> None:
    references = analyses["001_01154a80a1a890ff.txt"].references
    assert all(reference.raw_text_alt for reference in references)
    tenth = references[9]
    assert tenth.raw_text.startswith("Асанов Ж. Эволюция СВМДА")
    assert tenth.raw_text_alt.startswith("Asanov Zh. Evolyutsiya SVMDA")
    assert references[20].raw_text.startswith("Воронович В.В.")
    assert references[20].raw_text_alt.startswith("Voronovich V.V.")
    assert analyses["001_01154a80a1a890ff.txt"].notes == ["paired twin lists (28 and 28 entries, 0 unpaired)"]


def test_entry_broken_by_a_page_break_is_joined(analyses: dict[str, ArticleAnalysis]) -> None:
    references = analyses["004_2122a0281a7b0c7f.txt"].references
    assert references[5].raw_text == "Цели HATO в Кыргызстане // http://polit.kg/conference/5/274."
    assert references[10].raw_text.startswith("Ахмедханов Б. Ташкент")


def mention_map(analysis: ArticleAnalysis) -> list[tuple[str, str, str]]:
    """(marker, cited label, locator) for every mention."""
    return [(m.marker, analysis.references[m.reference].label, m.locator) for m in analysis.mentions]


def test_author_year_mentions_tolerate_transliteration(analyses: dict[str, ArticleAnalysis]) -> None:
    analysis = analyses["000_ea43db7e61330016.txt"]
    found = mention_map(analysis)
    assert ("(A.V. Safronov, 2018; S.K. Ibrayev)", "Ibraev, 2021", "") in found
    assert ("(V.G. Bakayev, 2020; E.A. Smirnova, 2022; S.K. Ibrayev, 2021)", "Ibraev, 2021", "") in found
    assert ("(K.Zh. Alimbekov, 2020)", "Alimbekov, 2020", "") in found
    assert not any(marker.startswith("(Press release") and label != "Alimbekov, 2020" for marker, label, _ in found)
    lavrov = next(m for m in analysis.mentions if m.marker == "(M.V. Lavrov, 2015)")
    assert lavrov.sentence.startswith("Open information about the objectives of the exercises")
    assert lavrov.sentence.endswith("are designed to reduce the wariness of external players.")


def test_numeric_mentions_keep_their_locators(analyses: dict[str, ArticleAnalysis]) -> None:
    found = mention_map(analyses["003_15f913d50bd3e9b4.txt"])
    assert ("[7, p.18]", "7", "p. 18") in found
    assert ("[8, pp.1249-1267]", "8", "pp. 1249-1267") in found
    assert ("[5]", "5", "") in found
    assert ("[9, p. 18]", "9", "p. 18") in mention_map(analyses["002_53fded65e5fbe7f9.txt"])


def test_numeric_mentions_cover_the_whole_list(analyses: dict[str, ArticleAnalysis]) -> None:
    analysis = analyses["001_01154a80a1a890ff.txt"]
    assert {analysis.references[m.reference].label for m in analysis.mentions} == {str(n) for n in range(1, 29)}


def test_cyrillic_author_year_mentions_reach_numbered_entries(analyses: dict[str, ArticleAnalysis]) -> None:
    found = mention_map(analyses["004_2122a0281a7b0c7f.txt"])
    assert ("(Саидазимова Г. 2006)", "1", "") in found
    assert ("(Алшанов Р., Ашимбаева А. 2011)", "2", "") in found
    assert ("(Шаймуханова С.Д.2013)", "4", "") in found
    assert ("(А. Богатурова 2011)", "12", "") in found
    assert ("[9]", "9", "") in found


def test_journal_issue_yields_the_article_not_the_board(analyses: dict[str, ArticleAnalysis]) -> None:
    metadata = analyses["004_2122a0281a7b0c7f.txt"].metadata
    families = {author["family"] for author in metadata.authors}
    assert not families & {"Shaikhutdinov", "Amandykova", "Irsaliyev", "Sadvakasov"}
