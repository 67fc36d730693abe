"""Dedup against the database: incremental (`process_new_works`) and whole-library (`find_duplicates`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from bibliography.dedup.blocking import MAX_BLOCK, choose_candidates, index_keys, probe_keys
from bibliography.dedup.bulk import record_changes
from bibliography.dedup.engine import Action, MemoryLibrary, resolve_record, union_record
from bibliography.dedup.merge import FreshMerge, fresh_work_ids, merge_fresh, merge_into
from bibliography.dedup.records import Record
from bibliography.dedup.scoring import Match
from bibliography.dedup.store import (
    STOP_KEYS,
    add_keys,
    adopt_records,
    among,
    as_list,
    build_records,
    canonical_ids,
    chunked,
    fetch_blocks,
    load_records,
    record_of,
    select,
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


def save_candidates(pairs: dict[tuple[int, int], Match]) -> None:
    """`save_candidate` for many pairs (a < b): one lookup and one bulk insert per chunk."""
    existing: dict[tuple[int, int], DuplicateCandidate] = {}
    for chunk in chunked(sorted(pairs)):
        lows, highs = {a for a, _ in chunk}, {b for _, b in chunk}
        rows = DuplicateCandidate.objects.filter(work_a_id__in=lows, work_b_id__in=highs)
        existing.update(((row.work_a_id, row.work_b_id), row) for row in rows)
    fresh = []
    for (a, b), match in sorted(pairs.items()):
        row = existing.get((a, b))
        if row is None:
            fresh.append(DuplicateCandidate(work_a_id=a, work_b_id=b, score=match.score, evidence=match.evidence()))
        elif row.decision == Decision.PENDING:
            row.score, row.evidence = match.score, match.evidence()
            row.save(update_fields=["score", "evidence"])
    created = DuplicateCandidate.objects.bulk_create(fresh)
    record_changes(DuplicateCandidate, dict.fromkeys((row.pk for row in created), AUTO_REASON), kind="+")


def is_not_duplicate(a: int, b: int) -> bool:
    """Whether a person said these two works are different."""
    low, high = sorted((a, b))
    return DuplicateCandidate.objects.filter(work_a=low, work_b=high, decision=Decision.NOT_DUPLICATE).exists()


def rejected_pairs(ids: set[int]) -> set[tuple[int, int]]:
    """The "not a duplicate" pairs that involve any of these works (one fixed statement per chunk)."""
    table = connection.ops.quote_name(DuplicateCandidate._meta.db_table)
    sql = (
        f"SELECT work_a_id, work_b_id FROM {table} "
        f"WHERE decision = %s AND ({among('work_a_id')} OR {among('work_b_id')})"
    )
    pairs: set[tuple[int, int]] = set()
    for chunk in chunked(ids):
        ids_param = as_list(chunk)
        pairs.update(select(sql, [Decision.NOT_DUPLICATE.value, ids_param, ids_param]))
    return pairs


def auto_merge(work: int, canonical: int, match: Match) -> None:
    """Merge with the evidence kept on the (then decided) candidate row."""
    low, high = sorted((work, canonical))
    save_candidate(low, high, match)
    merge_into(Work(pk=work), Work(pk=canonical), reason=merge_reason(match))


def merge_reason(match: Match) -> str:
    return f"{AUTO_REASON} ({match.points:.1f} points)"


@dataclass
class DbLibrary:
    """The library as the database holds it, for one batch of new works.

    The blocks of every new work's probe keys are read up front (one bounded statement per 200
    keys) and the records of the works each new work will be compared with are loaded in one
    batch (cached across batches); the loop then runs in memory. Merges and proposals are
    collected and written at the end by `write_decisions`.
    """

    new: dict[int, Record]
    blocks: dict[str, set[int]] = field(default_factory=dict)
    records: dict[int, Record] = field(default_factory=dict)
    parent: dict[int, int] = field(default_factory=dict)
    resolving: int = 0
    gone: set[int] = field(default_factory=set)
    rejected: dict[tuple[int, int], bool] = field(default_factory=dict)
    merges: list[tuple[int, int, Match]] = field(default_factory=list)
    proposals: dict[tuple[int, int], Match] = field(default_factory=dict)

    @classmethod
    def around(cls, new: dict[int, Record]) -> DbLibrary:
        """The part of the library the new works can meet: their blocks and their candidates' records.

        The new works' own keys join the blocks here, in memory: they are written once the batch
        is decided, under the work that ends up holding them.
        """
        probes = {work_id: probe_keys(rec) for work_id, rec in new.items()}
        blocks = fetch_blocks(key for keys in probes.values() for key in keys)
        for work_id, rec in new.items():
            for key in index_keys(rec):
                if key not in STOP_KEYS.keys:
                    blocks.setdefault(key, set()).add(work_id)
        library = cls(new=new, blocks=blocks, records=dict(new))
        wanted: set[int] = set()
        for work_id in sorted(new):
            library.resolving = work_id
            wanted |= library.choose(probes[work_id])
        library.ensure(wanted)
        library.resolving = 0
        library.rejected = dict.fromkeys(rejected_pairs(set(new)), True)
        return library

    def choose(self, keys: Iterable[str]) -> set[int]:
        """The canonical works to compare with, among the library and the new works resolved so far."""
        blocks = {}
        for key in keys:
            ids = self.blocks.get(key)
            if ids:
                blocks[key] = ids if len(ids) > MAX_BLOCK else {self.canonical(i) for i in ids if self.visible(i)}
        return choose_candidates(blocks)

    def visible(self, work_id: int) -> bool:
        return work_id not in self.gone and not (work_id in self.new and work_id > self.resolving)

    def ensure(self, ids: set[int]) -> set[int]:
        """Load the records of these works; return those that are still canonical works."""
        missing = ids - self.records.keys() - self.gone
        if missing:
            found = load_records(missing, canonical_only=True)
            self.records.update(found)
            self.gone |= missing - found.keys()
        return ids & self.records.keys()

    def candidate_ids(self, keys: Iterable[str]) -> set[int]:
        return self.ensure(self.choose(keys))

    def record(self, work_id: int) -> Record:
        if work_id not in self.records:
            self.records.update(load_records([work_id]))
        return self.records[work_id]

    def canonical(self, work_id: int) -> int:
        while work_id in self.parent:
            work_id = self.parent[work_id]
        return work_id

    def is_not_duplicate(self, a: int, b: int) -> bool:
        """Pairs with a new work were read up front; others (rare: bridging merges) one query each."""
        pair = (min(a, b), max(a, b))
        if pair not in self.rejected:
            self.rejected[pair] = a not in self.new and b not in self.new and is_not_duplicate(*pair)
        return self.rejected[pair]

    def merge(self, work: int, canonical: int, match: Match) -> None:
        self.merges.append((work, canonical, match))
        self.parent[work] = canonical
        self.records[canonical] = union_record(self.record(canonical), self.record(work))

    def propose(self, a: int, b: int, match: Match) -> None:
        self.proposals[(a, b)] = match


def lean_merges(merges: Sequence[tuple[int, int, Match]], fresh: set[int]) -> set[int]:
    """The merged works `merge_fresh` takes: fresh ones that absorbed nothing before their own merge."""
    absorbed: set[int] = set()
    lean = set()
    for work, canonical, _ in merges:
        if work in fresh and work not in absorbed:
            lean.add(work)
        absorbed.add(canonical)
    return lean


def write_decisions(library: DbLibrary, fresh: set[int]) -> None:
    """Write the batch's keys, its merges in order (lean for `fresh` works), then its proposals.

    A lean merge hands the merged work's keys straight to its canonical work, so they are never
    written under the merged one; every other new work's keys are written first, as `merge_into`
    moves them. Proposals are written between the final canonical works, as `merge_into` re-points them.
    """
    lean = lean_merges(library.merges, fresh)
    write_keys([rec for work_id, rec in library.new.items() if work_id not in lean])
    batch: list[FreshMerge] = []
    for work, canonical, match in library.merges:
        if batch and (work not in lean or canonical in {plan.canonical for plan in batch}):
            merge_fresh(batch)
            batch = []
        if work in lean:
            keys = index_keys(library.records[canonical]) | index_keys(library.new[work])
            batch.append(FreshMerge(work, canonical, merge_reason(match), match.score, match.evidence(), keys))
        else:
            auto_merge(work, canonical, match)
    merge_fresh(batch)
    pairs: dict[tuple[int, int], Match] = {}
    for (a, b), match in library.proposals.items():
        low, high = sorted((library.canonical(a), library.canonical(b)))
        if low != high:
            pairs[(low, high)] = match
    save_candidates(pairs)


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


def process_new_works(work_ids: Sequence[int], created: Mapping[int, Record] | None = None) -> dict[str, Any]:
    """Compare newly created works with the library (through the key index); merge or queue for review.

    Runs inside the caller's transaction (the importer's, one per article): each new work, oldest
    first, is resolved against its blocking neighbours among the library and the new works resolved
    before it (so each pair is weighed once); then the keys and decisions are written. Works already
    merged are skipped. `created` holds the records of works the caller has just inserted in this
    transaction, built from the values it wrote (`record_of_draft`): they are not read back, and
    they are fresh (no article, no history) by construction. The database work is a fixed number of
    statements per batch, whatever its size and the library's.
    """
    created = created or {}
    with transaction.atomic():
        records = adopt_records(created, canonical_only=True)
        records |= build_records([pk for pk in work_ids if pk not in created], canonical_only=True)
        library = DbLibrary.around(records)
        actions: list[Action] = []
        for work_id in sorted(records):
            library.resolving = work_id
            if library.canonical(work_id) == work_id:
                actions.extend(resolve_record(library, library.record(work_id)))
        merged = {work for work, _, _ in library.merges if work in records}
        write_decisions(library, (merged & created.keys()) | fresh_work_ids(merged - created.keys()))
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
    """Recompute every work's keys; return canonical records, merged records and their canonical ids.

    A merged work's keys are filed under the canonical work it ended in, as a merge leaves them.
    """
    total = Work.objects.count()
    WorkKey.objects.all().delete()
    STOP_KEYS.clear()  # every key is written whole again, stop keys too: the table restarts complete
    canonical_records, merged_records, batch, links = [], [], [], {}
    for done, (rec, merged_into) in enumerate(scan_records(), start=1):
        if merged_into:
            links[rec.id] = merged_into
            merged_records.append(rec)
        else:
            canonical_records.append(rec)
            batch.append(rec)
        if len(batch) >= SCAN_CHUNK:
            write_keys(batch)
            batch = []
        if progress and (done % SCAN_CHUNK == 0 or done == total):
            progress(done, total)
    write_keys(batch)
    roots = canonical_ids(links) if links else {}
    add_keys((roots[rec.id], key) for rec in merged_records for key in index_keys(rec))
    return canonical_records, merged_records, roots


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
