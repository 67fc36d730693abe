"""Search-based matching with validation (after Crossref's published method).

`query.bibliographic` always returns candidates, ranked by a relevance score
that is not a probability, so nothing is trusted because it ranked first.
Each candidate is compared field by field with what the reference says
(the parsed fields first; the printed string for fields the parser missed):

1. conflicts reject outright: a year more than one off, another first page,
   another volume, another first author, a clearly different title;
2. acceptance needs a near-identical title, the year, and further agreeing
   fields (first author, pages, volume, container, issue, publisher); short
   titles and printed DOIs have their own bars; softer disagreements (issue,
   container, a book where the reference seems to cite a chapter or the
   reverse) demand three agreeing fields or send the match to review;
3. everything plausible in between goes to a person (review).

Pure functions on plain data: no database, no network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from bibliography.crossref.records import (
    BOOK_TYPES,
    CHAPTER_TYPES,
    csl_type,
    first,
    first_page,
    plain_number,
    record_containers,
    record_families,
    record_first_page,
    record_titles,
    record_year,
)
from bibliography.csl import csl_year, first_value, normalize_doi
from bibliography.lib.skeleton import name_skeleton, skeleton

ACCEPTED, REVIEW, REJECTED = "accepted", "review", "rejected"
TITLE_ACCEPT = 0.9
TITLE_PRINTED_DOI = 0.8
TITLE_REVIEW = 0.7
TITLE_CONFLICT = 0.5
TITLE_IN_PRINT = 0.95
NAME_SIMILAR = 85
WEIGHTS = {"title": 0.35, "author": 0.2, "year": 0.15, "page": 0.1, "volume": 0.08, "container": 0.08, "issue": 0.04}
AGREEMENT = {"match": 1.0, "near": 0.6, "other": 0.5, "within": 0.5, "partial": 0.3}
YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
PAGE_RANGE = re.compile(r"(?<![\d/.])(\d{1,6})\s*[-–—]\s*\d{1,6}(?![\d/])")
STOPWORDS = {"of", "the", "and", "for", "in", "on", "a", "an", "de", "la", "und", "fur"}
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
CONTAINER_MARK = re.compile(r"//|\bIn:|\bIn\s+(?=[A-Z])|\bВ\s+(?:кн|сб)\.:?|\bИн:")


@dataclass
class Reference:
    """What is known about the cited work: parsed fields plus the printed text."""

    titles: list[str] = field(default_factory=list)
    families: list[str] = field(default_factory=list)
    year: int | None = None
    volume: str = ""
    issue: str = ""
    page: str = ""
    container: str = ""
    publisher: str = ""
    type: str = ""
    raw: str = ""
    dois: list[str] = field(default_factory=list)

    @classmethod
    def from_csl(cls, item: dict[str, Any], raw: str = "") -> Reference:
        """From a CSL-JSON item (the parser's output) and the printed string."""
        names = item.get("author") or item.get("editor") or []
        titles = [str(first_value(item.get(key)) or "") for key in ("title", "original-title", "translated-title")]
        return cls(
            titles=[title for title in titles if title],
            families=[str(name.get("family") or name.get("literal") or "") for name in names if name],
            year=csl_year(item),
            volume=str(item.get("volume") or ""),
            issue=str(item.get("issue") or ""),
            page=str(item.get("page") or ""),
            container=str(first_value(item.get("container-title")) or ""),
            publisher=str(item.get("publisher") or ""),
            type=str(item.get("type") or ""),
            raw=raw,
            dois=[doi for doi in [normalize_doi(str(item.get("DOI") or ""))] if doi],
        )

    def reliable_titles(self) -> list[str]:
        """Parsed titles, minus one that is really the whole string (a parser that gave up)."""
        shortest = min((len(text) for text in self.raw.split("\n") if text.strip()), default=0)
        limit = 0.8 * shortest if shortest else None
        return [title for title in self.titles if limit is None or len(title) <= limit]


@dataclass
class Verdict:
    """One candidate weighed: what a DoiMatch row stores."""

    doi: str
    status: str
    score: float
    crossref_score: float
    evidence: dict[str, Any]
    record: dict[str, Any]


def similarity(left: str, right: str) -> float:
    """Title similarity in [0, 1] on skeletons (script- and punctuation-blind)."""
    a, b = skeleton(left), skeleton(right)
    if not a or not b:
        return 0.0
    score = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100
    shorter, longer = sorted((a, b), key=len)
    if len(shorter.split()) >= 4 and longer.startswith(shorter + " "):
        score = max(score, 0.92)
    return score


def title_evidence(ref: Reference, record: dict[str, Any]) -> tuple[float | None, str]:
    """(best title agreement or None, "parsed" or "printed").

    The printed string wins when the parser's title disagrees but the record's
    (long) title stands in the title part of the string: a parser that cut
    the title in the wrong place must not hide a match.
    """
    forms = record_titles(record)
    if not forms:
        return None, "missing"
    parsed = ref.reliable_titles()
    printed = raw_title_evidence(ref.raw, forms)
    if not parsed:
        return printed, "printed"
    best = round(max(similarity(mine, theirs) for mine in parsed for theirs in forms), 3)
    if best < TITLE_ACCEPT and printed is not None and printed >= TITLE_IN_PRINT:
        return printed, "printed"
    return best, "parsed"


def title_part(text: str) -> str:
    """The string before its container marker (`//`, `In:`): where a cited work's own title stands."""
    mark = next((found for found in CONTAINER_MARK.finditer(text) if found.start() > 10), None)
    return text[: mark.start()] if mark else text


def raw_title_evidence(raw: str, forms: list[str]) -> float | None:
    """A long enough record title found in the title part of a printed string."""
    target = skeleton(forms[0])
    if not raw or len(target) < 20 or len(target.split()) < 3:
        return None
    heads = [skeleton(title_part(text)) for text in raw.split("\n") if text.strip()]
    return round(max(fuzz.partial_ratio(target, head) / 100 for head in heads if head), 3) if heads else None


def year_evidence(ref: Reference, record: dict[str, Any]) -> str:
    theirs = record_year(record)
    if theirs is None:
        return "missing"
    mine = [ref.year] if ref.year else [int(year) for year in YEAR.findall(ref.raw)]
    if not mine:
        return "missing"
    gap = min(abs(year - theirs) for year in mine)
    return "match" if gap == 0 else "near" if gap == 1 else "mismatch"


def names_agree(left: str, right: str) -> bool:
    a, b = name_skeleton(left), name_skeleton(right)
    return bool(a and b) and (a == b or fuzz.ratio(a, b) >= NAME_SIMILAR)


def author_evidence(ref: Reference, record: dict[str, Any]) -> str:
    """First author: `match`, `other` (among the first three), `mismatch`, `absent` or `missing`."""
    theirs = [family for family in record_families(record) if family]
    if not theirs:
        return "missing"
    if ref.families and ref.families[0]:
        if names_agree(ref.families[0], theirs[0]):
            return "match"
        return "other" if any(names_agree(ref.families[0], family) for family in theirs[1:3]) else "mismatch"
    if f" {skeleton(theirs[0])} " in f" {skeleton(ref.raw)} ":
        return "match"
    return "absent" if ref.raw else "missing"


def number_evidence(mine: str, theirs: str) -> str:
    a, b = plain_number(mine), plain_number(theirs)
    if not a or not b:
        return "missing"
    return "match" if a == b else "mismatch"


def page_evidence(ref: Reference, record: dict[str, Any]) -> str:
    """First page; a single cited page inside the record's range is `within`."""
    theirs = record_first_page(record)
    if not theirs:
        return "missing"
    if not ref.page:
        starts = {match.lstrip("0") for match in PAGE_RANGE.findall(ref.raw)}
        return "match" if theirs in starts else "missing"
    mine = first_page(ref.page)
    if mine == theirs:
        return "match"
    return "within" if is_within(ref.page, first(record.get("page"))) else "mismatch"


def is_within(cited: str, pages: str) -> bool:
    numbers = [int(number) for number in re.findall(r"\d+", pages)]
    cited_numbers = re.findall(r"\d+", cited)
    single = len(cited_numbers) == 1 and len(numbers) == 2
    return single and numbers[0] <= int(cited_numbers[0]) <= numbers[1]


def abbreviates(short: str, full: str) -> bool:
    """`J Chem Phys` abbreviates `The Journal of Chemical Physics` (each word a prefix, in order)."""
    short_words = short.split()
    full_words = [word for word in full.split() if word not in STOPWORDS]
    if len(short_words) < 2:
        return False
    position = 0
    for word in short_words:
        while position < len(full_words) and not full_words[position].startswith(word):
            position += 1
        if position == len(full_words):
            return False
        position += 1
    return True


def container_evidence(ref: Reference, record: dict[str, Any]) -> str:
    containers = [skeleton(value) for value in record_containers(record)]
    containers = [value for value in containers if value]
    if not containers:
        return "missing"
    if not ref.container:
        raw = skeleton(ref.raw)
        found = any(len(value) >= 8 and fuzz.partial_ratio(value, raw) >= 90 for value in containers)
        return "match" if raw and found else "missing"
    mine = skeleton(ref.container)
    best = max(fuzz.ratio(mine, theirs) for theirs in containers)
    if best >= 85 or any(abbreviates(mine, theirs) or abbreviates(theirs, mine) for theirs in containers):
        return "match"
    return "mismatch" if best < 50 else "partial"


def publisher_evidence(ref: Reference, record: dict[str, Any]) -> str:
    mine, theirs = skeleton(ref.publisher), skeleton(first(record.get("publisher")))
    if not mine or not theirs:
        return "missing"
    return "match" if fuzz.token_set_ratio(mine, theirs) >= 90 else "mismatch"


def type_conflict(ref: Reference, record: dict[str, Any]) -> bool:
    """A book for a chapter or a chapter for a book."""
    theirs = csl_type(record)
    return (ref.type in BOOK_TYPES and theirs in CHAPTER_TYPES) or (ref.type in CHAPTER_TYPES and theirs in BOOK_TYPES)


def gather_evidence(ref: Reference, record: dict[str, Any]) -> dict[str, Any]:
    title, source = title_evidence(ref, record)
    return {
        "title": title,
        "title_source": source,
        "author": author_evidence(ref, record),
        "year": year_evidence(ref, record),
        "volume": number_evidence(ref.volume, first(record.get("volume"))),
        "issue": number_evidence(ref.issue, first(record.get("issue"))),
        "page": page_evidence(ref, record),
        "container": container_evidence(ref, record),
        "publisher": publisher_evidence(ref, record),
        "type_conflict": type_conflict(ref, record),
    }


def conflicts(evidence: dict[str, Any]) -> list[str]:
    """Fields that say "not this work"."""
    found = [name for name in ("year", "page", "volume", "author") if evidence[name] == "mismatch"]
    if evidence["title"] is not None and evidence["title"] < TITLE_CONFLICT:
        found.append("title")
    return found


def support(evidence: dict[str, Any]) -> int:
    return sum(evidence[name] == "match" for name in ("author", "page", "volume", "container", "issue", "publisher"))


def weighted_score(evidence: dict[str, Any]) -> float:
    total = WEIGHTS["title"] * (evidence["title"] or 0.0)
    for name, weight in WEIGHTS.items():
        if name != "title":
            total += weight * AGREEMENT.get(evidence[name], 0.0)
    return round(total, 4)


def status_for(ref: Reference, record: dict[str, Any], evidence: dict[str, Any], printed: bool) -> str:
    """The decision rule (see the module docstring)."""
    if evidence["conflicts"]:
        return REJECTED
    title = evidence["title"]
    if title is None or title < TITLE_REVIEW:
        return REVIEW if printed and title is None and evidence["year"] == "match" else REJECTED
    year_ok = evidence["year"] in ("match", "near")
    agreeing = support(evidence)
    soft = (evidence["issue"] == "mismatch") + (evidence["container"] == "mismatch") + evidence["type_conflict"]
    short = len(skeleton(first(record.get("title"))).split()) < 3
    strong = (
        title >= TITLE_ACCEPT
        and evidence["year"] == "match"
        and evidence["author"] == "match"
        and (not short or agreeing >= 2)
    )
    strong = strong or (title >= TITLE_ACCEPT and year_ok and agreeing >= 2)
    strong = strong or (printed and title >= TITLE_PRINTED_DOI and year_ok and agreeing >= 1)
    if strong and soft and agreeing < 3:
        return REVIEW
    return ACCEPTED if strong else REVIEW


def validate(ref: Reference, record: dict[str, Any], printed: bool = False) -> Verdict:
    """Weigh one candidate record against the reference."""
    evidence = gather_evidence(ref, record)
    evidence["conflicts"] = conflicts(evidence)
    evidence["printed_doi"] = printed
    status = status_for(ref, record, evidence, printed)
    return Verdict(
        doi=normalize_doi(record.get("DOI")),
        status=status,
        score=weighted_score(evidence),
        crossref_score=float(record.get("score") or 0.0),
        evidence=evidence,
        record=record,
    )


def decide(ref: Reference, candidates: list[dict[str, Any]], printed: set[str] | None = None) -> list[Verdict]:
    """Validate every candidate; at most one stays accepted (a clear winner; if none is clear, all go to review)."""
    printed = printed or set()
    verdicts: dict[str, Verdict] = {}
    for record in candidates:
        doi = normalize_doi(record.get("DOI"))
        if doi and doi not in verdicts:
            verdicts[doi] = validate(ref, record, printed=doi in printed)
    ranked = sorted(verdicts.values(), key=lambda verdict: -verdict.score)
    accepted = [verdict for verdict in ranked if verdict.status == ACCEPTED]
    if len(accepted) > 1:
        clear = accepted[0].score - accepted[1].score >= 0.05
        for verdict in accepted[1:] if clear else accepted:
            verdict.status = REJECTED if clear else REVIEW
            verdict.evidence["competing"] = accepted[0].doi if clear else True
    return ranked


def bibliographic_query(raw_text: str, raw_text_alt: str = "") -> str:
    """The string to send: the romanized twin for a Cyrillic entry (Crossref indexes Latin metadata)."""
    if raw_text_alt and CYRILLIC.search(raw_text):
        return raw_text_alt
    return raw_text
