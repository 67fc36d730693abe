"""Resolving works to DOIs: from the library to Crossref and back.

The work is split so that only plain data crosses threads:
1. `build_job` (main thread) reads a work, its names and its citations into a
   `Job`: the reference as parsed, the printed strings, the DOIs printed in it;
2. `fetch` (worker threads, network only) verifies the printed DOIs and, if
   none holds, searches `query.bibliographic`, then validates every candidate;
3. `store` (main thread, one transaction per work) writes every candidate as a
   DoiMatch, applies an accepted one, and records where the work ended in
   DoiResolution so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from bibliography.crossref.client import CrossrefClient, CrossrefError
from bibliography.crossref.records import csl_type, first, record_year
from bibliography.crossref.validation import ACCEPTED, REJECTED, REVIEW, Reference, Verdict, bibliographic_query, decide
from bibliography.csl import normalize_doi, refresh_matching_keys
from bibliography.models import (
    Citation,
    Decision,
    DoiMatch,
    DoiResolution,
    DuplicateCandidate,
    MatchStatus,
    ResolutionOutcome,
    Role,
    Work,
)

PRINTED_DOI = re.compile(r"10\.\d{4,9}/[^\s\"<>]+")
GENERIC_TYPES = {"article", "document", ""}
FIELD_LIMITS = {"volume": 64, "issue": 64, "page": 64, "publisher": 512, "issn": 64, "isbn": 64}
SEARCH_ROWS = 5
CHUNK = 200


@dataclass
class Job:
    """One work to resolve, as plain data."""

    work_id: int
    reference: Reference
    query: str
    printed: list[str]


@dataclass
class Outcome:
    """What Crossref said about one work, before anything is written."""

    job: Job
    verdicts: list[Verdict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class Summary:
    """Counts for the command's last line and the task's result."""

    accepted: int = 0
    review: int = 0
    none: int = 0
    errors: int = 0

    @property
    def total(self) -> int:
        return self.accepted + self.review + self.none + self.errors

    def add(self, outcome: str) -> None:
        name = "errors" if outcome == ResolutionOutcome.ERROR else outcome
        setattr(self, name, getattr(self, name) + 1)

    def as_dict(self) -> dict[str, int]:
        return {"accepted": self.accepted, "review": self.review, "none": self.none, "errors": self.errors}


# 1. Jobs ------------------------------------------------------------------------
def extract_dois(text: str) -> list[str]:
    """DOIs printed in a string, trailing punctuation and unbalanced `)` removed."""
    found = []
    for match in PRINTED_DOI.findall(text or ""):
        doi = match.rstrip(".,;:]")
        while doi.endswith(")") and doi.count(")") > doi.count("("):
            doi = doi[:-1].rstrip(".,;:")
        found.append(normalize_doi(doi))
    return [doi for doi in found if doi]


def families(work: Work) -> list[str]:
    contributors = list(work.contributors.select_related("person").order_by("role", "position"))
    authors = [c for c in contributors if c.role == Role.AUTHOR] or [c for c in contributors if c.role == Role.EDITOR]
    return [c.person.family or c.person.literal for c in authors]


def compose_query(work: Work, names: list[str]) -> str:
    """A reference string from the fields, for works with no printed entry (articles, library items)."""
    parts = [", ".join(names[:3]), work.title, work.container_title, str(work.issued_year or "")]
    parts += [work.volume, work.issue, work.page, work.publisher]
    return " ".join(part for part in parts if part)


def build_job(work: Work) -> Job:
    """Read one work (with its citations) into a Job."""
    citations = list(Citation.objects.filter(work=work).order_by("id")[:3])
    names = families(work)
    raw_texts = [text for c in citations for text in (c.raw_text, c.raw_text_alt) if text]
    reference = Reference(
        titles=[t for t in (work.title, work.original_title, work.translated_title) if t],
        families=names,
        year=work.issued_year,
        volume=work.volume,
        issue=work.issue,
        page=work.page,
        container=work.container_title,
        publisher=work.publisher,
        type=work.type,
        raw="\n".join(raw_texts),
    )
    printed = [normalize_doi(str(c.parsed.get("DOI") or "")) for c in citations if isinstance(c.parsed, dict)]
    printed += [doi for text in raw_texts for doi in extract_dois(text)]
    if work.doi and not work.doi_matches.filter(status=MatchStatus.ACCEPTED).exists():
        printed.append(work.doi)
    first_citation = citations[0] if citations else None
    query = (
        bibliographic_query(first_citation.raw_text, first_citation.raw_text_alt)
        if first_citation
        else compose_query(work, names)
    )
    return Job(work.pk, reference, query, list(dict.fromkeys(doi for doi in printed if doi)))


# 2. Fetch (network, no database) ------------------------------------------------
def fetch(job: Job, client: CrossrefClient, known: dict[str, dict[str, Any] | None] | None = None) -> Outcome:
    """Verify printed DOIs; search only if none of them is accepted."""
    outcome = Outcome(job)
    try:
        records = known if known is not None else client.works_by_dois(job.printed)
        printed = [records.get(doi) for doi in job.printed]
        outcome.notes += [f"printed DOI {doi} unknown to Crossref" for doi in job.printed if records.get(doi) is None]
        candidates = [record for record in printed if record]
        outcome.verdicts = decide(job.reference, candidates, set(job.printed))
        if not any(verdict.status == ACCEPTED for verdict in outcome.verdicts) and job.query.strip():
            candidates += client.search(job.query, rows=SEARCH_ROWS)
            outcome.verdicts = decide(job.reference, candidates, set(job.printed))
    except CrossrefError as error:
        outcome.error = str(error)
    return outcome


# 3. Store (database, main thread) ---------------------------------------------------
def save_verdict(work: Work, verdict: Verdict) -> DoiMatch:
    """Insert or refresh a candidate; a person's decision on it is kept."""
    match = DoiMatch.objects.filter(work=work, doi=verdict.doi).first()
    if match is None:
        match = DoiMatch(work=work, doi=verdict.doi)
    elif match.decided_by_person:
        return match
    match.status = REVIEW if verdict.status == ACCEPTED else verdict.status
    match.score = verdict.score
    match.crossref_score = verdict.crossref_score
    match.evidence = verdict.evidence
    match.record = verdict.record
    match.save()
    return match


def outcome_name(matches: list[DoiMatch], error: str) -> str:
    if error:
        return ResolutionOutcome.ERROR
    statuses = {match.status for match in matches}
    if MatchStatus.ACCEPTED in statuses:
        return ResolutionOutcome.ACCEPTED
    return ResolutionOutcome.REVIEW if MatchStatus.REVIEW in statuses else ResolutionOutcome.NONE


def store(outcome: Outcome) -> tuple[str, DoiMatch | None]:
    """Write one work's candidates and decision; returns (outcome, accepted match)."""
    with transaction.atomic():
        work = Work.objects.select_for_update().get(pk=outcome.job.work_id)
        matches = [save_verdict(work, verdict) for verdict in outcome.verdicts]
        chosen = accepted_match(work, outcome.verdicts, matches)
        if chosen is not None:
            accept_match(chosen)
        elif not outcome.error:
            drop_unverified_doi(work, outcome.verdicts)
        matches = list(work.doi_matches.all())
        name = outcome_name(matches, outcome.error)
        resolution, _ = DoiResolution.objects.get_or_create(work=work, defaults={"outcome": name})
        resolution.outcome = name
        resolution.query = outcome.job.query[:4000]
        resolution.error = "\n".join([outcome.error, *outcome.notes]).strip()
        resolution.attempts += 1
        resolution.save()
    return name, chosen


def accepted_match(work: Work, verdicts: list[Verdict], matches: list[DoiMatch]) -> DoiMatch | None:
    """The pipeline's pick, unless a person already decided this work."""
    if work.doi_matches.filter(decided_by_person=True, status=MatchStatus.ACCEPTED).exists():
        return None
    for verdict, match in zip(verdicts, matches, strict=True):
        if verdict.status == ACCEPTED and not match.decided_by_person:
            return match
    return None


def drop_unverified_doi(work: Work, verdicts: list[Verdict]) -> None:
    """A DOI the importer copied from the print that Crossref contradicts is not kept on the work."""
    rejected = {verdict.doi for verdict in verdicts if verdict.status == REJECTED}
    if work.doi and work.doi in rejected and "doi" not in work.curated_fields:
        work.doi = None
        save_work(work, "Crossref: printed DOI did not validate", None)


def resolve_work(work: Work, client: CrossrefClient) -> DoiMatch | None:
    """Resolve one work now (used by the admin and by other areas); the accepted match or None."""
    _, chosen = store(fetch(build_job(work), client))
    return chosen


# Decisions and enrichment ------------------------------------------------------------
def accept_match(match: DoiMatch, user: Any = None) -> DoiMatch:
    """Accept one candidate (the others of the work are rejected) and enrich the work."""
    with transaction.atomic():
        for other in match.work.doi_matches.filter(status=MatchStatus.ACCEPTED).exclude(pk=match.pk):
            other.status = MatchStatus.REJECTED
            other.decided_by_person = user is not None
            other._history_user = user  # type: ignore[attr-defined]
            other.save()
        match.status = MatchStatus.ACCEPTED
        match.decided_by_person = user is not None
        match._history_user = user  # type: ignore[attr-defined]
        match.save()
        enrich(match.work, match, user)
    return match


def reject_match(match: DoiMatch, user: Any = None) -> DoiMatch:
    """Reject a candidate; if its DOI was on the work, take it off again."""
    with transaction.atomic():
        match.status = MatchStatus.REJECTED
        match.decided_by_person = user is not None
        match._history_user = user  # type: ignore[attr-defined]
        match.save()
        work = match.work
        if work.doi == match.doi and "doi" not in work.curated_fields:
            work.doi = None
            save_work(work, "Crossref match rejected", user)
    return match


def record_fields(record: dict[str, Any]) -> dict[str, Any]:
    """Work fields a Crossref record can fill."""
    values = {
        "title": first(record.get("title")),
        "container_title": first(record.get("container-title")),
        "volume": first(record.get("volume")),
        "issue": first(record.get("issue")),
        "page": first(record.get("page")) or first(record.get("article-number")),
        "publisher": first(record.get("publisher")),
        "issn": first(record.get("ISSN")),
        "isbn": first(record.get("ISBN")),
        "issued_year": record_year(record),
    }
    return {
        name: value if name == "issued_year" else str(value)[: FIELD_LIMITS.get(name, 100000)]
        for name, value in values.items()
        if value
    }


def enrich(work: Work, match: DoiMatch, user: Any = None) -> list[str]:
    """Set the DOI and fill EMPTY, uncurated fields from the record; returns the fields changed."""
    curated = set(work.curated_fields or [])
    changed = [name for name, value in record_fields(match.record).items() if fill(work, name, value, curated)]
    crossref_type = csl_type(match.record)
    if "type" not in curated and work.type in GENERIC_TYPES and crossref_type != "document":
        work.type = crossref_type
        changed.append("type")
    if "doi" not in curated and work.doi != match.doi and set_doi(work, match):
        changed.append("doi")
    if changed:
        if "title" in changed:
            refresh_matching_keys(work)
        save_work(work, f"Crossref match accepted ({match.doi}): filled {', '.join(changed)}", user)
    return changed


def fill(work: Work, name: str, value: Any, curated: set[str]) -> bool:
    if name in curated or getattr(work, name) not in (None, ""):
        return False
    setattr(work, name, value)
    return True


def set_doi(work: Work, match: DoiMatch) -> bool:
    """Put the DOI on the work, unless another canonical work holds it: then that pair is a duplicate."""
    holder = Work.objects.canonical().filter(doi=match.doi).exclude(pk=work.pk).first()
    if holder is None:
        work.doi = match.doi
        return True
    match.evidence = {**match.evidence, "duplicate_of": holder.pk}
    match.save(update_fields=["evidence", "updated_at"])
    low, high = sorted((work.pk, holder.pk))
    DuplicateCandidate.objects.get_or_create(
        work_a_id=low,
        work_b_id=high,
        defaults={"score": 1.0, "evidence": {"same_doi": match.doi}, "decision": Decision.PENDING},
    )
    return False


def save_work(work: Work, reason: str, user: Any) -> None:
    work._change_reason = reason  # type: ignore[attr-defined]
    work._history_user = user  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            work.save()
    except IntegrityError:
        work.doi = Work.objects.only("doi").get(pk=work.pk).doi
        work.save()


# The run over the library ------------------------------------------------------------
def works_to_resolve(article_id: int | None = None, retry_failed: bool = False) -> QuerySet[Work]:
    """Canonical works not yet decided (with --retry-failed, also those that ended in none/error)."""
    works = Work.objects.canonical()
    if article_id is not None:
        works = works.filter(Q(citations__article_id=article_id) | Q(article__pk=article_id)).distinct()
    done = [ResolutionOutcome.ACCEPTED, ResolutionOutcome.REVIEW]
    if not retry_failed:
        done += [ResolutionOutcome.NONE, ResolutionOutcome.ERROR]
    decided = DoiResolution.objects.filter(work=OuterRef("pk"), outcome__in=done)
    accepted = DoiMatch.objects.filter(work=OuterRef("pk"), status=MatchStatus.ACCEPTED)
    return works.exclude(Exists(decided)).exclude(Exists(accepted)).order_by("id")


def chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def resolve_works(
    works: Iterable[Work] | QuerySet[Work],
    client: CrossrefClient,
    workers: int | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> Summary:
    """Resolve many works: printed DOIs batched, searches in parallel (the limiter keeps us polite)."""
    summary = Summary()
    ids = [work.pk for work in works]
    workers = workers or getattr(settings, "CROSSREF_WORKERS", 3)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="crossref") as pool:
        for chunk in chunks(ids, CHUNK):
            jobs = [build_job(work) for work in Work.objects.filter(pk__in=chunk).order_by("id")]
            known = batch_printed(jobs, client)
            for outcome in pool.map(fetch, jobs, [client] * len(jobs), [known] * len(jobs)):
                name, _ = store(outcome)
                summary.add(name)
                if progress:
                    progress(outcome.job.work_id, name)
    return summary


def batch_printed(jobs: list[Job], client: CrossrefClient) -> dict[str, dict[str, Any] | None] | None:
    """All printed DOIs of a chunk in ~50-DOI requests; on an error each job looks its own up."""
    try:
        return client.works_by_dois(doi for job in jobs for doi in job.printed)
    except CrossrefError:
        return None


def resolve_library(
    article_id: int | None = None,
    limit: int | None = None,
    retry_failed: bool = False,
    client: CrossrefClient | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> Summary:
    """What `resolve_dois` and the background task run: the undecided works, resumably."""
    works = works_to_resolve(article_id, retry_failed)
    if limit is not None:
        works = works[:limit]
    own_client = client is None
    client = client or CrossrefClient.from_settings()
    try:
        return resolve_works(works, client, progress=progress)
    finally:
        if own_client:
            client.close()
