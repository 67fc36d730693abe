"""The fast paths of scoring decide and explain exactly like the plain `compare`.

`assess` runs the cheap scorers once and replays their evidence; records carry derived fields
(type family, name readings) computed once; a translated title is not scored after a good
direct match. Curators see the evidence, so its order and the exact float points must not move.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from itertools import permutations
from typing import Any

import pytest
from rapidfuzz.fuzz import ratio
from test_dedup_matching import rec  # the same record builder as the matching tests

from bibliography.dedup import engine
from bibliography.dedup.engine import MemoryLibrary, union_record
from bibliography.dedup.records import BOOKS, LEGAL, PARTS, SERIALS, WEB, Record, type_group
from bibliography.dedup.scoring import (
    AUTO_MIN_TITLE,
    TRANSLATED_POINTS,
    WORD_SIMILARITY,
    Match,
    any_shared_author,
    assess,
    compare,
    direct_similarity,
    first_close,
    hopeless,
    names_match,
    raw_words,
    same_locator,
    title_points,
    translated_similarity,
    translation_matters,
    word_agreement,
    words_of,
)
from bibliography.lib.skeleton import skeleton

SCO_TITLE = "Эволюция Шанхайской организации сотрудничества в контексте азиатской системы безопасности"
SCO_LATIN = "Evolyutsiya Shankhaiskoi organizatsii sotrudnichestva v kontekste aziatskoi sistemy bezopasnosti"
SCO_ENGLISH = "The evolution of the Shanghai Cooperation Organization in the context of Asian security"
JOURNAL = {"type": "article-journal", "issued_year": 2007, "issue": "3", "page": "59-79"}

RECORDS = [
    rec("Воронович В.В.", title=SCO_TITLE, container_title="Журнал международного права", **JOURNAL),
    rec(
        "Voronovich V.V.",
        title=SCO_LATIN,
        translated_title=SCO_ENGLISH,
        container_title="Zhurnal mezhdunarodnogo prava",
        number_of_pages="21",
        **JOURNAL,
    ),
    rec("Voronovich V.", title=SCO_ENGLISH, container_title="Zh. mezhdunar. prava", volume="4", **JOURNAL),
    rec("Воронович В.В.", title=SCO_TITLE, volume="5", doi="10.1000/sco", **JOURNAL),
    rec("Smith J.", title=SCO_ENGLISH, doi="10.1000/sco", issued_year=2011, volume="9"),
    rec("Smith J.", title=SCO_ENGLISH, doi="10.1000/other", issued_year=2007, volume="5"),
    rec(title=SCO_ENGLISH, issued_year=2007, url="https://www.example.org/sco/"),
    rec(type="webpage", title=SCO_ENGLISH, url="http://example.org/sco", number_of_pages="300"),
    rec("Buzan B.", "Waever O.", type="book", title="Regions and Powers", issued_year=2003, publisher="CUP"),
    rec("Waever O.", "Buzan B.", type="book", title="Regions and Powers", issued_year=2003, number_of_pages="588"),
    rec("Buzan B.", type="book", title="Regions and Powers", issued_year=2003, edition="2", isbn="0521891116"),
    rec("Buzan B.", type="chapter", title="Regions and Powers", issued_year=2003, page="40", container_title="CUP"),
    rec("Buzan B.", type="book", title="Review of Regions and Powers", issued_year=2004, isbn="9780521891110"),
    rec("Абылхожин Ж.Б.", type="book", title="История Казахстана. Том 2", issued_year=2010, volume="2"),
    rec("Abylkhozhin Zh.B.", type="book", title="Istoriya Kazakhstana. Tom 3", issued_year=2010),
    rec("Ivanov A.", title="Introduction", container_title="Security in Asia", issued_year=2015, page="1-9"),
    rec("Ivanov S.", title="Introduction", container_title="Energy of Eurasia", issued_year=2019, page="1-5"),
    rec("Petrov P.", title="Water security of Central Asia", issued_year=1999, issue="2", type="review"),
    rec("Cooley A.", "Gleason G.", type="book", title="Great Games, Local Rules", issued_year=2012),
    rec("Rumer E.", "Gleeson G.", type="book", title="Great Games, Local Rules", issued_year=2012),
]
PAIRS = list(permutations(RECORDS, 2))


def facts(m: Match) -> tuple[Any, ...]:
    """Everything a Match shows, ordered lists and dict items included; the points exactly (repr)."""
    detail = list(m.detail.items())
    return m.a, m.b, repr(m.points), repr(m.title), m.agreed, m.differed, m.hard, detail, m.decision, m.evidence()


def test_the_pairs_cover_both_outcomes_and_the_evidence_that_assess_reorders() -> None:
    assessed = [assess(a, b) for a, b in PAIRS]
    assert any(m is None for m in assessed) and any(m is not None for m in assessed)
    names = {name for m in assessed if m is not None for name in m.detail}
    assert {"title", "first_author", "container", "type", "doi", "url", "isbn", "number_of_pages"} <= names
    assert {"merge", "candidate"} <= {m.decision for m in assessed if m is not None}
    assert "author_order" in compare(RECORDS[-2], RECORDS[-1]).agreed, "spelling drift in a second author"


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_assess_is_none_exactly_when_hopeless_and_otherwise_compare(a: Record, b: Record) -> None:
    assessed = assess(a, b)
    assert (assessed is None) == hopeless(a, b)
    if assessed is None:
        assert compare(a, b).decision == "none"
    else:
        assert facts(assessed) == facts(compare(a, b))


def test_evidence_keeps_the_order_of_compare_around_the_costly_scorers() -> None:
    a = rec("Smith J.", title=SCO_ENGLISH, container_title="Asian Survey", doi="10.1/x", issued_year=2007)
    b = rec("Smith J.", title=SCO_ENGLISH, container_title="Asian Survey", doi="10.1/x", issued_year=2007)
    match = assess(a, b)
    assert match is not None
    assert match.agreed == ["title", "first_author", "year", "container", "doi"]
    book = rec("Smith J.", type="book", title=SCO_ENGLISH, doi="10.1/y", url="example.org/a", issued_year=2007)
    article = rec("Smith J.", type="article-journal", title=SCO_ENGLISH, doi="10.1/z", url="example.org/b")
    assert compare(book, article).differed == ["type", "doi"]


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_shared_authors_are_found_as_by_comparing_every_pair_of_authors(a: Record, b: Record) -> None:
    plain = any(
        names_match(x, y)
        for i in range(len(a.authors))
        for j in range(len(b.authors))
        for x in a.name_keys(i)
        for y in b.name_keys(j)
    )
    assert any_shared_author(a, b) == plain


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_skipping_the_translation_after_a_good_direct_title_changes_nothing(a: Record, b: Record) -> None:
    direct, translated = direct_similarity(a, b), translated_similarity(a, b)  # both, never skipped
    match = compare(a, b)
    assert match.title == max(direct, min(translated, AUTO_MIN_TITLE))
    if not (a.generic or b.generic):
        points = max(title_points(direct), min(title_points(translated), TRANSLATED_POINTS))
        assert match.detail["title"] == (0.0 if points < 0 and same_locator(a, b) else points)


SIMILARITIES = [i / 200 for i in range(201)] + [0.78, 0.86, 0.92, 0.97]


@pytest.mark.parametrize("direct", SIMILARITIES)
def test_a_translation_is_skipped_only_when_it_cannot_matter(direct: float) -> None:
    if translation_matters(direct):
        return
    for translated in SIMILARITIES:
        assert max(title_points(direct), min(title_points(translated), TRANSLATED_POINTS)) == title_points(direct)
        assert max(direct, min(translated, AUTO_MIN_TITLE)) == direct


@pytest.mark.parametrize(
    ("group", "kinds"), [("book", BOOKS), ("part", PARTS), ("serial", SERIALS), ("legal", LEGAL), ("web", WEB)]
)
def test_type_groups(group: str, kinds: frozenset[str]) -> None:
    assert {type_group(kind) for kind in kinds} == {group}
    assert type_group("article") == type_group("document") == "any" and type_group("dataset") == "dataset"


def test_derived_fields_follow_the_record_and_stay_out_of_equality() -> None:
    a = rec("Майоров А.", "Smith J.", type="", title=SCO_ENGLISH)
    assert a.group == type_group("") == "any"
    pairs = zip(a.authors, a.author_alts, strict=True)
    assert a.readings == tuple((family, alt) if alt else (family,) for family, alt in pairs)
    assert len(a.readings) == 2 and a.name_keys(1) == a.readings[1]
    assert a.all_readings == tuple(key for keys in a.readings for key in keys)
    book = dataclasses.replace(a, type="book")
    assert book.group == "book"
    twin = dataclasses.replace(a)
    assert twin == a and hash(twin) == hash(a)
    assert "readings" not in repr(a)


def test_a_merge_fills_authors_and_type_and_recomputes_the_derived_fields() -> None:
    bare = rec(type="", title=SCO_ENGLISH)
    full = rec("Smith J.", type="book", title=SCO_ENGLISH)
    merged = union_record(bare, full)
    assert merged.authors == full.authors
    assert merged.readings == full.readings and merged.all_readings == full.all_readings
    assert merged.group == "book"


def test_cached_raw_words_are_immutable() -> None:
    assert raw_words("Vestn. Mosk. un-ta") == ("vestn", "mosk", "unta")
    assert isinstance(raw_words("International Affairs"), tuple)


def counting(calls: list[tuple[int, int]], scorer: Callable[[Record, Record], Any]) -> Callable[..., Any]:
    """`scorer`, noting the ids of every pair it is called with."""

    def counted(a: Record, b: Record) -> Any:
        calls.append((a.id, b.id))
        return scorer(a, b)

    return counted


def test_neighbours_are_assessed_once_each_and_never_compared_again(monkeypatch: pytest.MonkeyPatch) -> None:
    library = MemoryLibrary()
    for i in range(60):
        library.add(rec(f"Author{i} A.", title=f"Completely distinct study number {i} of topic", issued_year=2000))
    book = rec(
        "Buzan B.",
        type="book",
        title="Regions and Powers: The Structure of International Security",
        issued_year=2003,
        publisher="CUP",
    )
    library.add(book)
    assessed: list[tuple[int, int]] = []
    compared: list[tuple[int, int]] = []
    monkeypatch.setattr(engine, "assess", counting(assessed, engine.assess))
    monkeypatch.setattr(engine, "compare", counting(compared, engine.compare))
    twin = rec(
        "Buzan B.", type="book", title="Regions and Powers: The Structure of International Security", issued_year=2003
    )
    actions = library.add(twin)
    assert assessed == [(twin.id, book.id)]
    assert compared == []
    assert [(a.kind, a.work, a.other) for a in actions] == [("merge", twin.id, book.id)]


def plain_word_agreement(x: tuple[str, ...], y: tuple[str, ...]) -> float:
    """The greedy word agreement written plainly: each word takes the first close word still free."""
    if not x or not y:
        return 0.0
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    remaining = list(long)
    matched = 0
    for word in short:
        found = next((w for w in remaining if w == word or ratio(w, word, score_cutoff=WORD_SIMILARITY)), None)
        if found is not None:
            remaining.remove(found)
            matched += 1
    return matched / len(long)


WORD_LISTS = [
    words_of(skeleton(title))
    for title in (
        SCO_TITLE,
        SCO_LATIN,
        SCO_ENGLISH,
        "Evolyutsiya Shankhaiskoi organizatsii sotrudnichestva v kontekste sistemy bezopasnosti",
        "The evolution of the Shanghai Cooperation Organisation in the Asian security context",
        "Shanghai security cooperation: the evolution of an organization",
        "Declaration of the second summit of the SCO",
        "Declaration of the third summit of the CSTO",
        "Regions and Powers",
        "",
    )
]


@pytest.mark.parametrize(("x", "y"), list(permutations(WORD_LISTS, 2)))
def test_word_agreement_matches_the_plain_greedy_and_its_clamp_whatever_the_bounds(
    x: tuple[str, ...], y: tuple[str, ...]
) -> None:
    plain = plain_word_agreement(x, y)
    assert word_agreement(x, y) == plain
    for floor in (0.0, 0.25, 0.5, 0.6, 0.75, 0.9):
        for ceiling in (0.5, 0.78, 0.86, 0.97, 1.0):
            if floor < ceiling:
                clamped = min(ceiling, max(word_agreement(x, y, floor, ceiling), floor))
                assert clamped == min(ceiling, max(plain, floor))


@pytest.mark.parametrize("word", ["security", "securiti", "securities", "cooperation", "asia", "policy"])
def test_first_close_is_the_first_word_equal_or_close(word: str) -> None:
    words = ["politics", "securities", "asian", "security", "cooperation", "security", "securiti", "asia"]
    for end in range(len(words) + 1):
        plain = next((i for i, w in enumerate(words[:end]) if w == word or ratio(w, word) >= WORD_SIMILARITY), -1)
        assert first_close(word, words[:end]) == plain
