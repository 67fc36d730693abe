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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio
from rapidfuzz.process import extract

from bibliography.dedup.records import BOOKS, SERIALS, Record, is_periodic, is_short, significant_words
from bibliography.lib.skeleton import word_skeleton

AUTO_MERGE_POINTS = 8.0
CANDIDATE_POINTS = 3.5
AUTO_MIN_TITLE = 0.86
NAME_SIMILARITY = 0.8
# Shorter family names must be printed alike: one letter off is another name.
MIN_DRIFTING_NAME = 5
WORD_SIMILARITY = 75
# The most a title matched only through a translation earns.
TRANSLATED_POINTS = 4.0
# The most a generic title earns, and a two-word one printed alike (with author and year it reaches the bar).
GENERIC_POINTS = 2.5
SHORT_TITLE_POINTS = 4.0
SHORT_TITLE_SIMILARITY = 0.97
# Page counts this many times apart (and this many pages) are two works, not a slip.
PAGE_COUNT_RATIO = 2.5
PAGE_COUNT_GAP = 40

Evidence = tuple[str, float, bool]


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

    def replay(self, evidence: Iterable[Evidence]) -> None:
        """Add evidence gathered earlier by a `Tally`, in its order."""
        for name, points, hard in evidence:
            self.add(name, points, hard)

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


class Sink(Protocol):
    """Where a scorer puts its evidence: a `Match`, or a `Tally` for the cheap scorers."""

    def add(self, name: str, points: float, hard: bool = False) -> None: ...


class Tally:
    """Evidence kept as a list, summed in the order `Match.add` would sum it.

    `assess` lets the cheap scorers write here: a hopeless pair costs no Match, and a hopeful one
    replays the list into its Match instead of running the cheap scorers a second time.
    """

    __slots__ = ("evidence", "points", "split")

    def __init__(self) -> None:
        self.evidence: list[Evidence] = []
        self.points = 0.0
        self.split = 0

    def add(self, name: str, points: float, hard: bool = False) -> None:
        """Record one piece of evidence."""
        self.points += points
        self.evidence.append((name, points, hard))

    def mark(self) -> None:
        """Note where the evidence of the scorers that `compare` runs before the container ends."""
        self.split = len(self.evidence)

    def agreed(self, wanted: str) -> bool:
        """Whether the evidence named `wanted` speaks for the pair (as `wanted in Match.agreed`).

        A list, not `any` over a generator: it runs for every hopeless pair, on a handful of items.
        """
        return wanted in [name for name, points, _ in self.evidence if points > 0]

    def hopeless(self) -> bool:
        """Whether even perfect titles and containers could not lift the pair to review (see `hopeless`)."""
        return self.points + COSTLY_MAXIMUM < CANDIDATE_POINTS and not self.agreed("doi")


@lru_cache(maxsize=65536)
def words_of(text_skeleton: str) -> tuple[str, ...]:
    """`significant_words`, cached: the same titles are compared with many neighbours."""
    return tuple(significant_words(text_skeleton))


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
    if len(short) >= 12 and long.startswith(short + " ") and len(words_of(short)) >= 2:
        return max(sim, 0.9)
    if sim >= 0.78:
        floor = ratio(x.replace(" ", ""), y.replace(" ", "")) / 100.0 - 0.05
        if floor < sim:  # else the minimum below is `sim` whatever the (costly) word agreement
            sim = min(sim, max(word_agreement(words_of(x), words_of(y), floor, sim), floor))
    return sim


def word_agreement(x: Sequence[str], y: Sequence[str], floor: float = -1.0, ceiling: float = 2.0) -> float:
    """Share of words (of the longer list) that have a close counterpart in the other list.

    `text_similarity` clamps the share to [floor, ceiling], so once the share is certain to fall at or
    below `floor` (or reach `ceiling`) the words left are not looked at and that bound is returned: the
    clamped value is the same. Titles printed with a few different words mostly end there early.
    """
    if not x or not y:
        return 0.0
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    remaining = list(long)
    total, pending, matched = len(long), len(short), 0
    for word in short:
        if (matched + pending) / total <= floor:
            return (matched + pending) / total
        if matched / total >= ceiling:
            return matched / total
        pending -= 1
        found = first_close(word, remaining)
        if found >= 0:
            del remaining[found]
            matched += 1
    return matched / total


def first_close(word: str, words: list[str]) -> int:
    """Index of the first of `words` that is `word` or close to it (ratio >= WORD_SIMILARITY), else -1.

    Only the words before an exact copy can come first, and one rapidfuzz call scores all of them
    (a per-word Python loop over `ratio` was most of the cost of comparing two long titles).
    """
    stop = words.index(word) if word in words else len(words)
    if stop:
        close = extract(word, words[:stop], scorer=ratio, processor=None, score_cutoff=WORD_SIMILARITY, limit=None)
        if close:
            return min(index for _, _, index in close)
    return stop if stop < len(words) else -1


def direct_similarity(a: Record, b: Record) -> float:
    """Best similarity over the titles as printed (plain loops: most records have one title)."""
    best = 0.0
    for x in a.titles:
        for y in b.titles:
            sim = text_similarity(x, y)
            if sim > best:
                best = sim
    return best


def translated_similarity(a: Record, b: Record) -> float:
    """Best similarity over the pairs of titles that involve a translation."""
    if not a.translations and not b.translations:
        return 0.0
    a_all, b_all = a.titles + a.translations, b.titles + b.translations
    return max(
        (text_similarity(x, y) for x in a_all for y in b_all if x in a.translations or y in b.translations),
        default=0.0,
    )


def translation_matters(direct: float) -> bool:
    """Whether a translated title could still change the points or the similarity of a title.

    It earns at most TRANSLATED_POINTS and a similarity of AUTO_MIN_TITLE, so after a direct match
    at least that good its (costly) similarity would be computed for nothing.
    """
    return title_points(direct) < TRANSLATED_POINTS or direct < AUTO_MIN_TITLE


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
    direct = direct_similarity(a, b)
    translated = translated_similarity(a, b) if translation_matters(direct) else 0.0
    points = max(title_points(direct), min(title_points(translated), TRANSLATED_POINTS))
    m.title = max(direct, min(translated, AUTO_MIN_TITLE))
    if a.generic or b.generic:
        points = min(points, generic_cap(a, b, direct))
    if points < 0 and same_locator(a, b):
        points = 0.0
    m.add("title", points)
    if a.numbers and b.numbers and a.numbers != b.numbers:
        m.add("title_numbers", -8.0, hard=True)
    elif a.numbers != b.numbers and not (a.numbers | b.numbers) <= {a.year, b.year}:
        m.add("title_numbers_one_sided", -2.0, hard=not same_address(a, b))
    if a.review != b.review:
        m.add("review", -8.0, hard=True)


def same_address(a: Record, b: Record) -> bool:
    """One DOI or one URL: a field printed on one side only is then missing, not a sign of another work."""
    return bool(a.url and a.url == b.url) or bool(a.doi and a.doi == b.doi)


def generic_cap(a: Record, b: Record, direct: float) -> float:
    """The most a generic title may earn.

    A stock title ("Introduction") or a one-word one proves little. Two words printed alike
    ("Казахстанский путь", "Археология Казахстана") are a real title that happens to be short:
    they earn enough that an agreeing first author and year reach the auto-merge bar, while a
    disagreeing container, type or volume still keeps the pair below it.
    """
    if direct >= SHORT_TITLE_SIMILARITY and a.titles and b.titles and is_short(a.titles[0]) and is_short(b.titles[0]):
        return SHORT_TITLE_POINTS
    return GENERIC_POINTS


def same_locator(a: Record, b: Record) -> bool:
    """Same first author, year, volume or issue and full page range: the titles differ by translation.

    An article cited under its translated title only ("Environmental policy of ..." for
    "Экологическая политика ...") shares nothing in its title but its address in the journal;
    two different articles never share a whole page range in one volume. The title then counts
    neither way: the pair may reach review, never an automatic merge (its title similarity stays low).
    """
    if not (a.authors and b.authors and a.year is not None and a.year == b.year):
        return False
    if a.page_end is None or a.page_start != b.page_start or a.page_end != b.page_end:
        return False
    same_place = (a.volume and a.volume == b.volume) or (a.issue and a.issue == b.issue)
    return bool(same_place) and same_author(a, 0, b, 0)


def names_match(x: str, y: str) -> bool:
    """Family-name skeletons that are one name (spelling drift allowed on longer names)."""
    if x == y:
        return True
    if min(len(x), len(y)) < MIN_DRIFTING_NAME:
        return False
    return Levenshtein.normalized_similarity(x, y) >= NAME_SIMILARITY


def same_author(a: Record, i: int, b: Record, j: int) -> bool:
    """Whether a's i-th and b's j-th family names are one name under some reading."""
    return same_name(a.readings[i], b.readings[j])


def same_name(xs: Sequence[str], ys: Sequence[str]) -> bool:
    """Whether some reading in `xs` and some reading in `ys` are one name (`names_match`; called per pair).

    Equal readings are looked for first, by membership; only then does `names_match` weigh spelling
    drift. The answer does not depend on the order pairs are tried in.
    """
    for x in xs:
        if x in ys:
            return True
    for x in xs:
        for y in ys:
            if names_match(x, y):
                return True
    return False


def any_shared_author(a: Record, b: Record) -> bool:
    """Whether any author of a is any author of b: every reading of one against every reading of the other."""
    return same_name(a.all_readings, b.all_readings)


def score_authors(m: Sink, a: Record, b: Record) -> None:
    """First author, initials and, failing the first author, any shared author."""
    if not a.authors or not b.authors:
        return
    if same_author(a, 0, b, 0):
        m.add("first_author", 2.5)
        if a.initials[0] and b.initials[0] and a.initials[0] != b.initials[0]:
            m.add("initials", -2.5)
    elif (len(a.readings) > 1 or len(b.readings) > 1) and any_shared_author(a, b):
        # Two single authors were just compared: any_shared_author would repeat that comparison.
        m.add("author_order", 1.0)
    else:
        m.add("authors", -4.0)


def score_year(m: Sink, a: Record, b: Record) -> None:
    """Same year, a year apart (online-first, reprints; not for yearly reports) or different editions."""
    if a.year is None or b.year is None:
        return
    gap = abs(a.year - b.year)
    if gap == 0:
        m.add("year", 1.5)
    elif gap == 1 and periodic(a, b):
        m.add("year_close", -1.0, hard=True)
    elif gap == 1:
        m.add("year_close", 0.0)
    else:
        m.add("year", -5.0, hard=True)


def periodic(a: Record, b: Record) -> bool:
    """Two works outside journals whose titles a yearly series repeats: a year apart, they are two issues.

    An article's year slips by one often (online first, then in print); a report's or a yearbook's
    year is its identity. Read only for pairs a year apart, so the title words are not looked at per pair.
    """
    if a.group == "serial" or b.group == "serial":
        return False
    return any(is_periodic(title) for title in a.titles[:1] + b.titles[:1])


def score_volume_issue(m: Sink, a: Record, b: Record) -> None:
    """Volumes and issues: a different volume is a different work (series volumes, two articles)."""
    if a.volume and b.volume:
        if a.volume == b.volume:
            m.add("volume", 1.0)
        else:
            m.add("volume", -8.0, hard=True)
    elif (a.volume or b.volume) and (a.type in BOOKS or b.type in BOOKS):
        m.add("volume_one_sided", -1.0, hard=not same_address(a, b))
    if a.issue and b.issue:
        if a.issue == b.issue:
            m.add("issue", 0.5)
        else:
            both_serial = a.type in SERIALS and b.type in SERIALS
            m.add("issue", -2.5, hard=both_serial)


def score_edition(m: Sink, a: Record, b: Record) -> None:
    """Editions are different works; a second edition never merges with an entry silent about it
    (unless both carry one DOI or URL, which names the edition)."""
    if a.edition and b.edition:
        if a.edition == b.edition:
            m.add("edition", 0.5)
        else:
            m.add("edition", -4.0, hard=True)
    elif (a.edition or b.edition) not in ("", "1"):
        m.add("edition_one_sided", -1.0, hard=not same_address(a, b))


def score_pages(m: Sink, a: Record, b: Record) -> None:
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
        score_page_counts(m, a.pages_total, b.pages_total)


def score_page_counts(m: Sink, x: int, y: int) -> None:
    """Page counts: printings drift by a few pages; a count several times another's is another work.

    A dissertation (172 p.) and its author's abstract (26 p.), a book and its brochure version
    share author, title and year; only their size tells them apart, so that gap is hard.
    """
    low, high = sorted((x, y))
    if high - low <= max(12, 0.1 * high):
        m.add("number_of_pages", 0.3)
    elif high >= PAGE_COUNT_RATIO * low and high - low >= PAGE_COUNT_GAP:
        m.add("number_of_pages", -2.0, hard=True)
    else:
        m.add("number_of_pages", -0.7)


def within(a: Record, b: Record) -> bool:
    """Whether a's single page lies inside b's range."""
    if a.page_start is None or a.page_end is not None or b.page_start is None or b.page_end is None:
        return False
    return b.page_start <= a.page_start <= b.page_end


@lru_cache(maxsize=8192)
def raw_words(text: str) -> tuple[str, ...]:
    """Skeletons of the space-separated words of a printed name ("un-ta" stays one word).

    Cached: a library cites few journals and publishers, each compared again and again.
    """
    return tuple(significant_words(" ".join(word_skeleton(word) for word in text.split())))


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


def score_type(m: Sink, a: Record, b: Record) -> None:
    """A book is never its own chapter; other type disagreements are often the parser's doing."""
    ga, gb = a.group, b.group
    if ga == gb or "any" in (ga, gb):
        return
    if {ga, gb} == {"book", "part"}:
        m.add("book_vs_part", -4.0, hard=True)
    elif {ga, gb} == {"book", "serial"}:
        if not publisher_as_journal(a, b):
            m.add("type", -2.5)
    else:
        m.add("type", -1.0)


def publisher_as_journal(a: Record, b: Record) -> bool:
    """Whether one side's "journal" is the other side's publisher: a book the parser read as an article.

    `Ilyin (1997). Slova i smysly. ROSSPEN.` reads like `Author (year). Title. Journal.`; the
    name it took for the journal is the book's publisher, so the types disagree only on paper.
    """
    return bool(a.container and a.container == b.publisher) or bool(b.container and b.container == a.publisher)


def score_identifiers(m: Sink, a: Record, b: Record) -> None:
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
        elif a.group == b.group == "web":
            m.add("url", -2.5)


def score_legal_numbers(m: Sink, a: Record, b: Record) -> None:
    """Two acts of law whose titles carry one date and number (`от 18 февраля 2005 года № 31-III`) are one act.

    A law is cited without an author, so title and year alone stay below the auto-merge bar; its date
    and number are its identifier. Different numbers are already a hard conflict (`score_title`).
    """
    if a.group == b.group == "legal" and a.numbers and a.numbers == b.numbers:
        years = {year for year in (a.year, b.year) if year is not None}
        if a.numbers - years:
            m.add("legal_number", 2.0)


# compare() runs the scorers in this order; evidence lists, `detail` and the float sum of the points
# follow it, so `assess` keeps it too: the costly scorers split the cheap ones into two runs.
CHEAP_BEFORE_CONTAINER = (score_authors, score_year, score_volume_issue, score_edition, score_pages)
CHEAP_AFTER_CONTAINER = (score_type, score_identifiers, score_legal_numbers)
SCORERS = (score_title, *CHEAP_BEFORE_CONTAINER, score_container, score_type)
ALL_SCORERS = (score_title, *CHEAP_BEFORE_CONTAINER, score_container, *CHEAP_AFTER_CONTAINER)
CHEAP_SCORERS = (*CHEAP_BEFORE_CONTAINER, *CHEAP_AFTER_CONTAINER)
# The most the two costly scorers can add: a title printed alike (6) and container plus publisher (1.5).
COSTLY_MAXIMUM = 6.0 + 1.0 + 0.5


def compare(a: Record, b: Record) -> Match:
    """Weigh all the evidence about whether two records are one work."""
    m = Match(a=a.id, b=b.id)
    for scorer in ALL_SCORERS:
        scorer(m, a, b)
    return m


def cheap_tally(a: Record, b: Record) -> Tally:
    """The cheap scorers' evidence, marked where the run before the container ends."""
    tally = Tally()
    for scorer in CHEAP_BEFORE_CONTAINER:
        scorer(tally, a, b)
    tally.mark()
    for scorer in CHEAP_AFTER_CONTAINER:
        scorer(tally, a, b)
    return tally


def hopeless(a: Record, b: Record) -> bool:
    """Whether `compare(a, b)` is certain to decide `none`, judged from the cheap fields alone.

    Exact, not a heuristic: even a perfect title and container could not lift the pair to the
    review threshold (and no equal DOI can merge it), so scoring the titles would be wasted.
    """
    return cheap_tally(a, b).hopeless()


def assess(a: Record, b: Record) -> Match | None:
    """`None` if `hopeless(a, b)`, else `compare(a, b)`, with the cheap scorers run once.

    The Match is built by the same `add` calls in the same order as in `compare` (the cheap ones
    replayed from the tally), so evidence, detail and the float sum of the points are identical.
    """
    tally = cheap_tally(a, b)
    if tally.hopeless():
        return None
    m = Match(a=a.id, b=b.id)
    score_title(m, a, b)
    m.replay(tally.evidence[: tally.split])
    score_container(m, a, b)
    m.replay(tally.evidence[tally.split :])
    return m
