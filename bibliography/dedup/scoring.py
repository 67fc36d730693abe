"""Evidence scoring of a pair of records: pure, shared by the pipeline, the command and the benchmark.

Each field that both records carry adds or removes points (roughly a log-odds
weight: how much likelier the observation is for one work printed twice than
for two different works). Some disagreements are *hard*: numbers in the
titles, volumes, DOIs, page ranges, years, a book against a part of a book, a
review against what it reviews. A hard disagreement never lets a pair be
merged automatically, whatever the rest says; at most a curator sees it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from bibliography.dedup.records import BOOKS, LEGAL, PARTS, SERIALS, WEB, WILDCARD_TYPES, Record, significant_words
from bibliography.lib.skeleton import word_skeleton

AUTO_MERGE_POINTS = 8.0
CANDIDATE_POINTS = 3.5
AUTO_MIN_TITLE = 0.86
NAME_SIMILARITY = 0.8
WORD_SIMILARITY = 75


@dataclass
class Match:
    """The outcome of comparing two records: points, hard conflicts and the evidence behind them."""

    a: int
    b: int
    points: float = 0.0
    title: float = 0.0
    hard: list[str] = field(default_factory=list)
    agreed: list[str] = field(default_factory=list)
    differed: list[str] = field(default_factory=list)
    detail: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, points: float, hard: bool = False) -> None:
        """Record one piece of evidence."""
        self.points += points
        self.detail[name] = round(points, 2)
        (self.agreed if points > 0 else self.differed).append(name)
        if hard:
            self.hard.append(name)

    @property
    def score(self) -> float:
        """Points squashed into [0, 1]; 0.5 is the review threshold, ~0.92 the auto-merge one."""
        return round(1.0 / (1.0 + math.exp(-(self.points - CANDIDATE_POINTS) / 1.8)), 4)

    @property
    def decision(self) -> str:
        """`merge`, `candidate` or `none`."""
        if "doi" in self.agreed and not self.hard:
            return "merge"
        if not self.hard and self.points >= AUTO_MERGE_POINTS and self.title >= AUTO_MIN_TITLE:
            return "merge"
        return "candidate" if self.points >= CANDIDATE_POINTS else "none"

    def evidence(self) -> dict[str, Any]:
        """JSON-ready evidence for a DuplicateCandidate or a MergeRecord."""
        return {
            "points": round(self.points, 2),
            "title_similarity": round(self.title, 3),
            "agreed": self.agreed,
            "differed": self.differed,
            "hard_conflicts": self.hard,
            "points_by_field": self.detail,
        }


def text_similarity(x: str, y: str) -> float:
    """Similarity of two skeletons, never above the share of words they have in common.

    A title printed without its subtitle still scores 0.9; a short title in which one whole word
    differs ("... summit of the SCO" / "... of the CSTO") scores by its words, not its letters,
    unless only the spaces differ (two words run together by a typo).
    """
    if x == y:
        return 1.0
    sim = ratio(x, y) / 100.0
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    if long.startswith(short + " ") and len(significant_words(short)) >= 2 and len(short) >= 12:
        return max(sim, 0.9)
    if sim >= 0.78:
        joined = ratio(x.replace(" ", ""), y.replace(" ", "")) / 100.0
        sim = min(sim, max(word_agreement(significant_words(x), significant_words(y)), joined - 0.05))
    return sim


def word_agreement(x: list[str], y: list[str]) -> float:
    """Share of words (of the longer list) that have a close counterpart in the other list."""
    if not x or not y:
        return 0.0
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    remaining = list(long)
    matched = 0
    for word in short:
        found = next((w for w in remaining if w == word or ratio(w, word) >= WORD_SIMILARITY), None)
        if found is not None:
            remaining.remove(found)
            matched += 1
    return matched / len(long)


def title_similarities(a: Record, b: Record) -> tuple[float, float]:
    """Best similarity over the titles as printed, and over pairs that involve a translation."""
    direct = max((text_similarity(x, y) for x in a.titles for y in b.titles), default=0.0)
    a_all, b_all = a.titles + a.translations, b.titles + b.translations
    translated = max(
        (text_similarity(x, y) for x in a_all for y in b_all if x in a.translations or y in b.translations),
        default=0.0,
    )
    return direct, translated


def title_points(sim: float) -> float:
    """Points for a title similarity."""
    if sim >= 0.97:
        points = 6.0
    elif sim >= 0.92:
        points = 5.0
    elif sim >= 0.86:
        points = 3.5
    elif sim >= 0.78:
        points = 1.0
    elif sim >= 0.65:
        points = -3.5
    else:
        points = -5.0
    return points


def score_title(m: Match, a: Record, b: Record) -> None:
    """Title agreement: the backbone of the score, discounted for generic titles and translations."""
    direct, translated = title_similarities(a, b)
    points = max(title_points(direct), min(title_points(translated), 4.0))
    m.title = max(direct, min(translated, AUTO_MIN_TITLE))
    if a.generic or b.generic:
        points = min(points, 2.5)
    m.add("title", points)
    if a.numbers and b.numbers and a.numbers != b.numbers:
        m.add("title_numbers", -8.0, hard=True)
    elif a.numbers != b.numbers and not (a.numbers | b.numbers) <= {a.year, b.year}:
        same_address = bool(a.url and a.url == b.url) or bool(a.doi and a.doi == b.doi)
        m.add("title_numbers_one_sided", -2.0, hard=not same_address)
    if a.review != b.review:
        m.add("review", -8.0, hard=True)


def names_match(x: str, y: str) -> bool:
    """Family-name skeletons that are one name (spelling drift allowed on longer names)."""
    if x == y:
        return True
    if min(len(x), len(y)) < 5:
        return False
    return Levenshtein.normalized_similarity(x, y) >= NAME_SIMILARITY


def same_author(a: Record, i: int, b: Record, j: int) -> bool:
    """Whether a's i-th and b's j-th family names are one name under some reading."""
    return any(names_match(x, y) for x in a.name_keys(i) for y in b.name_keys(j))


def score_authors(m: Match, a: Record, b: Record) -> None:
    """First author, initials and, failing the first author, any shared author."""
    if not a.authors or not b.authors:
        return
    if same_author(a, 0, b, 0):
        m.add("first_author", 2.5)
        if a.initials[0] and b.initials[0] and a.initials[0] != b.initials[0]:
            m.add("initials", -2.5)
    elif any(same_author(a, i, b, j) for i in range(len(a.authors)) for j in range(len(b.authors))):
        m.add("author_order", 1.0)
    else:
        m.add("authors", -4.0)


def score_year(m: Match, a: Record, b: Record) -> None:
    """Same year, a year apart (online-first, reprints) or different editions."""
    if a.year is None or b.year is None:
        return
    gap = abs(a.year - b.year)
    if gap == 0:
        m.add("year", 1.5)
    elif gap == 1:
        m.add("year_close", 0.0)
    else:
        m.add("year", -5.0, hard=True)


def score_volume_issue(m: Match, a: Record, b: Record) -> None:
    """Volumes and issues: a different volume is a different work (series volumes, two articles)."""
    if a.volume and b.volume:
        if a.volume == b.volume:
            m.add("volume", 1.0)
        else:
            m.add("volume", -8.0, hard=True)
    elif (a.volume or b.volume) and (a.type in BOOKS or b.type in BOOKS):
        m.add("volume_one_sided", -1.0, hard=True)
    if a.issue and b.issue:
        if a.issue == b.issue:
            m.add("issue", 0.5)
        else:
            both_serial = a.type in SERIALS and b.type in SERIALS
            m.add("issue", -2.5, hard=both_serial)


def score_edition(m: Match, a: Record, b: Record) -> None:
    """Editions are different works; a second edition never merges with an entry silent about it."""
    if a.edition and b.edition:
        if a.edition == b.edition:
            m.add("edition", 0.5)
        else:
            m.add("edition", -4.0, hard=True)
    elif (a.edition or b.edition) not in ("", "1"):
        m.add("edition_one_sided", -1.0, hard=True)


def score_pages(m: Match, a: Record, b: Record) -> None:
    """Page ranges must agree; a single page may be a locator inside the other's range."""
    if a.page_start is None or b.page_start is None:
        pass
    elif a.page_start == b.page_start:
        m.add("pages", 2.0 if a.page_end and b.page_end else 1.0)
    elif a.page_end and b.page_end:
        m.add("pages", -5.0, hard=True)
    elif not within(a, b) and not within(b, a):
        m.add("pages", -1.0)
    if a.pages_total and b.pages_total:
        close = abs(a.pages_total - b.pages_total) <= max(12, 0.1 * max(a.pages_total, b.pages_total))
        m.add("number_of_pages", 0.3 if close else -0.7)


def within(a: Record, b: Record) -> bool:
    """Whether a's single page lies inside b's range."""
    if a.page_start is None or a.page_end is not None or b.page_start is None or b.page_end is None:
        return False
    return b.page_start <= a.page_start <= b.page_end


def raw_words(text: str) -> list[str]:
    """Skeletons of the space-separated words of a printed name ("un-ta" stays one word)."""
    return significant_words(" ".join(word_skeleton(word) for word in text.split()))


def abbreviation_of(short: str, full: str) -> bool:
    """Whether `short` abbreviates `full` word by word ("Int. Aff." / "International Affairs", "Vestn. MGU")."""
    full_words = raw_words(full)
    short_words = raw_words(short)
    if not short_words or len(short_words) > len(full_words):
        return False
    position = 0
    for word in short_words:
        while position < len(full_words) and not abbreviates(word, full_words[position]):
            position += 1
        if position == len(full_words):
            return False
        position += 1
    return True


def abbreviates(short: str, word: str) -> bool:
    """One abbreviated word: a prefix, or the same first letter and an ordered subsequence."""
    if word.startswith(short):
        return True
    if short[0] != word[0]:
        return False
    letters = iter(word)
    return all(char in letters for char in short)


def score_container(m: Match, a: Record, b: Record) -> None:
    """Journal or book title of the container, full or abbreviated; publishers as weak support."""
    if a.container and b.container:
        sim = text_similarity(a.container, b.container)
        raw_a, raw_b = a.container_raw, b.container_raw
        if sim >= 0.85 or abbreviation_of(raw_a, raw_b) or abbreviation_of(raw_b, raw_a):
            m.add("container", 1.0)
        elif sim < 0.6:
            m.add("container", -1.5)
    if a.publisher and b.publisher and text_similarity(a.publisher, b.publisher) >= 0.8:
        m.add("publisher", 0.5)


def type_group(kind: str) -> str:
    """Coarse family of a CSL type."""
    for name, group in (("book", BOOKS), ("part", PARTS), ("serial", SERIALS), ("legal", LEGAL), ("web", WEB)):
        if kind in group:
            return name
    return "any" if kind in WILDCARD_TYPES else kind


def score_type(m: Match, a: Record, b: Record) -> None:
    """A book is never its own chapter; other type disagreements are often the parser's doing."""
    ga, gb = type_group(a.type), type_group(b.type)
    if ga == gb or "any" in (ga, gb):
        return
    if {ga, gb} == {"book", "part"}:
        m.add("book_vs_part", -4.0, hard=True)
    elif {ga, gb} == {"book", "serial"}:
        m.add("type", -2.5)
    else:
        m.add("type", -1.0)


def score_identifiers(m: Match, a: Record, b: Record) -> None:
    """DOI, ISBN and URL: equal identifiers nearly settle it, different DOIs settle it the other way."""
    if a.doi and b.doi:
        if a.doi == b.doi:
            m.add("doi", 10.0)
        else:
            m.add("doi", -10.0, hard=True)
    if a.isbn and b.isbn:
        m.add("isbn", 3.0 if a.isbn == b.isbn else -2.0)
    if a.url and b.url:
        if a.url == b.url:
            m.add("url", 5.5)
        elif type_group(a.type) == type_group(b.type) == "web":
            m.add("url", -2.5)


SCORERS = (
    score_title,
    score_authors,
    score_year,
    score_volume_issue,
    score_edition,
    score_pages,
    score_container,
    score_type,
)


def compare(a: Record, b: Record) -> Match:
    """Weigh all the evidence about whether two records are one work."""
    m = Match(a=a.id, b=b.id)
    for scorer in (*SCORERS, score_identifiers):
        scorer(m, a, b)
    return m


CHEAP_SCORERS = tuple(s for s in (*SCORERS, score_identifiers) if s not in (score_title, score_container))
# The most the two costly scorers can add: a title printed alike (6) and container plus publisher (1.5).
COSTLY_MAXIMUM = 6.0 + 1.0 + 0.5


def hopeless(a: Record, b: Record) -> bool:
    """Whether `compare(a, b)` is certain to decide `none`, judged from the cheap fields alone.

    Exact, not a heuristic: even a perfect title and container could not lift the pair to the
    review threshold (and no equal DOI can merge it), so scoring the titles would be wasted.
    """
    m = Match(a=a.id, b=b.id)
    for scorer in CHEAP_SCORERS:
        scorer(m, a, b)
    return "doi" not in m.agreed and m.points + COSTLY_MAXIMUM < CANDIDATE_POINTS
