"""Dedup against the database: incremental (`process_new_works`) and whole-library (`find_duplicates`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from bibliography.dedup.engine import Action, MemoryLibrary, resolve_record
from bibliography.dedup.merge import merge_into
from bibliography.dedup.records import Record
from bibliography.dedup.scoring import Match
from bibliography.dedup.store import (
    canonical_ids,
    load_records,
    neighbour_ids,
    record_of,
    works_for_matching,
    write_keys,
)
from bibliography.models import Decision, DuplicateCandidate, Work, WorkKey

AUTO_REASON = "automatic dedup"
SCAN_CHUNK = 2000
Progress = Callable[[int, int], None]


def save_candidate(a: int, b: int, match: Match, **extra: Any) -> bool:
    """Create or refresh the pending candidate (a < b); decided pairs are left alone. True if new."""
    evidence = match.evidence() | extra
    candidate, created = DuplicateCandidate.objects.get_or_create(
        work_a_id=a, work_b_id=b, defaults={"score": match.score, "evidence": evidence}
    )
    if not created and candidate.decision == Decision.PENDING:
        candidate.score, candidate.evidence = match.score, evidence
        candidate.save(update_fields=["score", "evidence"])
    return created


def is_not_duplicate(a: int, b: int) -> bool:
    """Whether a person said these two works are different."""
    low, high = sorted((a, b))
    return DuplicateCandidate.objects.filter(work_a=low, work_b=high, decision=Decision.NOT_DUPLICATE).exists()


def auto_merge(work: int, canonical: int, match: Match) -> None:
    """Merge with the evidence kept on the (then decided) candidate row."""
    low, high = sorted((work, canonical))
    save_candidate(low, high, match)
    merge_into(Work(pk=work), Work(pk=canonical), reason=f"{AUTO_REASON} ({match.points:.1f} points)")


@dataclass
class DbLibrary:
    """The library as the database holds it, searched through the `WorkKey` index."""

    records: dict[int, Record] = field(default_factory=dict)
    parent: dict[int, int] = field(default_factory=dict)
    unresolved: set[int] = field(default_factory=set)

    def candidate_ids(self, keys: Iterable[str]) -> set[int]:
        ids = neighbour_ids(keys) - self.unresolved
        self.records.update(load_records(ids - set(self.records)))
        return ids

    def record(self, work_id: int) -> Record:
        if work_id not in self.records:
            self.records.update(load_records([work_id]))
        return self.records[work_id]

    def canonical(self, work_id: int) -> int:
        while work_id in self.parent:
            work_id = self.parent[work_id]
        return work_id

    def is_not_duplicate(self, a: int, b: int) -> bool:
        return is_not_duplicate(a, b)

    def merge(self, work: int, canonical: int, match: Match) -> None:
        auto_merge(work, canonical, match)
        self.parent[work] = canonical
        self.records.pop(work, None)
        self.records[canonical] = record_of(works_for_matching().get(pk=canonical))

    def propose(self, a: int, b: int, match: Match) -> None:
        save_candidate(a, b, match)


def summarize(actions: Sequence[Action]) -> dict[str, Any]:
    """Counts and JSON-ready actions."""
    return {
        "merged": sum(a.kind == "merge" for a in actions),
        "candidates": sum(a.kind == "candidate" for a in actions),
        "actions": [action_json(a) for a in actions],
    }


def action_json(action: Action) -> dict[str, Any]:
    """One decision as a JSON object."""
    names = ("work", "canonical") if action.kind == "merge" else ("work_a", "work_b")
    return {
        "action": action.kind,
        names[0]: action.work,
        names[1]: action.other,
        "score": action.match.score,
        "evidence": action.match.evidence(),
    }


def process_new_works(work_ids: Sequence[int]) -> dict[str, Any]:
    """Compare newly created works with the library (through the key index); merge or queue for review.

    Runs inside the caller's transaction (the importer's, one per article): the new works' keys
    are stored first, then each new work, oldest first, is resolved against its blocking neighbours
    among the library and the new works resolved before it (so each pair is weighed once).
    """
    with transaction.atomic():
        records = load_records(work_ids)
        write_keys(list(records.values()))
        library = DbLibrary(records=dict(records), unresolved=set(records))
        actions: list[Action] = []
        for work_id in sorted(records):
            library.unresolved.discard(work_id)
            if library.canonical(work_id) == work_id:
                actions.extend(resolve_record(library, library.record(work_id)))
    return summarize(actions)


def scan_records() -> Iterator[tuple[Record, int | None]]:
    """Every work's record with what it was merged into, in id order, a chunk at a time."""
    last = 0
    while True:
        chunk = list(works_for_matching().filter(pk__gt=last).order_by("pk")[:SCAN_CHUNK])
        if not chunk:
            return
        for work in chunk:
            yield record_of(work), work.merged_into_id
        last = chunk[-1].pk


def rebuild_keys(progress: Progress | None = None) -> tuple[list[Record], list[Record], dict[int, int]]:
    """Recompute every work's keys; return canonical records, merged records and their canonical ids."""
    total = Work.objects.count()
    WorkKey.objects.all().delete()
    canonical_records, merged_records, batch, links = [], [], [], {}
    for done, (rec, merged_into) in enumerate(scan_records(), start=1):
        batch.append(rec)
        if merged_into:
            links[rec.id] = merged_into
            merged_records.append(rec)
        else:
            canonical_records.append(rec)
        if len(batch) >= SCAN_CHUNK:
            write_keys(batch)
            batch = []
        if progress and (done % SCAN_CHUNK == 0 or done == total):
            progress(done, total)
    write_keys(batch)
    return canonical_records, merged_records, canonical_ids(links) if links else {}


def memory_library(links: dict[int, int]) -> MemoryLibrary:
    """An in-memory library with the people's "not a duplicate" decisions loaded."""
    library = MemoryLibrary()
    pairs = DuplicateCandidate.objects.filter(decision=Decision.NOT_DUPLICATE).values_list("work_a", "work_b")
    library.not_duplicates = {(a, b) for a, b in pairs}
    library.parent.update({k: v for k, v in links.items() if k != v})
    return library


def apply_actions(actions: Iterable[Action], merge: bool) -> tuple[int, int]:
    """Write the decisions: merges (or, without `merge`, pending candidates) and candidates."""
    merged = proposed = 0
    for action in actions:
        low, high = sorted((action.work, action.other))
        if action.kind == "merge" and merge:
            if Work.objects.filter(pk=action.work, merged_into__isnull=True).exists():
                auto_merge(action.work, action.other, action.match)
                merged += 1
        else:
            proposed += save_candidate(low, high, action.match, auto_merge_eligible=action.kind == "merge")
    return merged, proposed


def find_duplicates(auto_merge_pairs: bool = False, progress: Progress | None = None) -> dict[str, Any]:
    """Dedup over the whole library: rebuild keys, resolve every canonical work in id order, write.

    The resolution runs on an in-memory index with the same keys and scoring as the import path;
    each work is compared only with the older works that share a key.
    """
    records, merged_records, links = rebuild_keys(progress)
    library = memory_library(links)
    for rec in merged_records:
        library.index(rec)
    for done, rec in enumerate(records, start=1):
        library.add(rec)
        if progress and (done % SCAN_CHUNK == 0 or done == len(records)):
            progress(done, len(records))
    merged, proposed = apply_actions(library.actions, auto_merge_pairs)
    summary = summarize(library.actions)
    summary.update({"works": len(records), "merges_written": merged, "candidates_written": proposed})
    return summary
