"""The incremental decision loop, independent of where the library lives.

`resolve_record` takes one new record and a library (the database through
`WorkKey`, or an in-memory index for the benchmark and the whole-library
scan), finds its blocking neighbours, scores them and merges or proposes.
The same code therefore decides in the importer, in `find_duplicates` and in
the benchmark.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from bibliography.dedup.blocking import MAX_BLOCK, MAX_CANDIDATES, choose_candidates, index_keys, probe_keys
from bibliography.dedup.records import Record
from bibliography.dedup.scoring import Match, assess, compare


@dataclass
class Action:
    """A decision: `merge` (work -> other, the canonical one) or `candidate` (work < other)."""

    kind: str
    work: int
    other: int
    match: Match


class Library(Protocol):
    """What the loop needs from a library."""

    def candidate_ids(self, keys: Iterable[str]) -> set[int]: ...
    def record(self, work_id: int) -> Record: ...
    def canonical(self, work_id: int) -> int: ...
    def is_not_duplicate(self, a: int, b: int) -> bool: ...
    def merge(self, work: int, canonical: int, match: Match) -> None: ...
    def propose(self, a: int, b: int, match: Match) -> None: ...


def choose_canonical(a: Record, b: Record) -> tuple[Record, Record] | None:
    """(merged, canonical): the imported article wins, else the older work; two articles never merge."""
    if a.is_article and b.is_article:
        return None
    if a.is_article or (not b.is_article and a.id < b.id):
        return b, a
    return a, b


def scored_neighbours(library: Library, rec: Record) -> list[Match]:
    """Matches of a record with its blocking neighbours, best first, rejected pairs left out."""
    ids = library.candidate_ids(probe_keys(rec)) - {rec.id}
    others = (library.record(i) for i in sorted(ids))
    matches = [match for other in others if (match := assess(rec, other)) is not None]
    kept = [m for m in matches if m.decision != "none" and not library.is_not_duplicate(rec.id, m.b)]
    return sorted(kept, key=lambda m: (-m.points, m.b))


def merge_pair(library: Library, a: Record, b: Record, match: Match) -> Action:
    """Merge two records the right way round, or propose them when they cannot merge."""
    roles = choose_canonical(a, b)
    if roles is None:
        return propose_pair(library, a.id, b.id, match)
    merged, canonical = roles
    library.merge(merged.id, canonical.id, match)
    return Action("merge", merged.id, canonical.id, match)


def propose_pair(library: Library, a: int, b: int, match: Match) -> Action:
    """Queue a pair for a curator (smaller id first)."""
    low, high = sorted((a, b))
    library.propose(low, high, match)
    return Action("candidate", low, high, match)


def resolve_record(library: Library, rec: Record) -> list[Action]:
    """Steps for one new record.

    1. Score the blocking neighbours; keep those above the review threshold.
    2. Merge with the best one if it clears the auto-merge bar.
    3. Re-score every other neighbour against the merged canonical work: merge it too when that
       direct comparison clears the bar (a new entry can bridge two renderings), otherwise propose it.
    """
    actions: list[Action] = []
    matches = scored_neighbours(library, rec)
    best = next((m for m in matches if m.decision == "merge"), None)
    if best is None:
        return [propose_pair(library, rec.id, m.b, m) for m in matches]
    actions.append(merge_pair(library, rec, library.record(best.b), best))
    current = library.canonical(rec.id)
    for m in matches:
        other = library.canonical(m.b)
        if m is best or other == current or library.is_not_duplicate(current, other):
            continue
        direct = compare(library.record(current), library.record(other))
        if direct.decision == "merge":
            action = merge_pair(library, library.record(other), library.record(current), direct)
            current = library.canonical(current)
        elif direct.decision == "candidate":
            action = propose_pair(library, current, other, direct)
        else:
            continue
        actions.append(action)
    return actions


def union_record(canonical: Record, merged: Record) -> Record:
    """The canonical record after a merge: its own values, the merged one's where it had none.

    Derived fields (not init) are left to `Record.__post_init__`, which recomputes them from the result.
    """
    filled = {}
    for field in dataclasses.fields(Record):
        name = field.name
        if not field.init or name in ("id", "is_article", "titles", "numbers", "review", "generic", "identity"):
            continue
        mine, theirs = getattr(canonical, name), getattr(merged, name)
        if mine in (None, "", ()) and theirs not in (None, "", ()):
            filled[name] = theirs
    if "authors" in filled:
        filled["initials"] = merged.initials
    return dataclasses.replace(canonical, **filled)


class MemoryLibrary:
    """An in-memory library with the same blocking as the database path (benchmark, full scans).

    As in `WorkKey`, blocks hold canonical works only: a merge hands the merged work's keys over.
    """

    def __init__(self, cap: int = MAX_BLOCK, budget: int = MAX_CANDIDATES) -> None:
        self.cap = cap
        self.budget = budget
        self.blocks: dict[str, set[int]] = defaultdict(set)
        self.keys: dict[int, set[str]] = {}
        self.records: dict[int, Record] = {}
        self.parent: dict[int, int] = {}
        self.not_duplicates: set[tuple[int, int]] = set()
        self.actions: list[Action] = []

    def add(self, rec: Record) -> list[Action]:
        """Resolve a record against the library, then index it (under its canonical work)."""
        self.records[rec.id] = rec
        actions = resolve_record(self, rec)
        self.index(rec)
        self.actions.extend(actions)
        return actions

    def index(self, rec: Record) -> None:
        """Store a record and file its keys under its canonical work, without resolving it."""
        self.records.setdefault(rec.id, rec)
        self.file_keys(self.canonical(rec.id), index_keys(rec))

    def file_keys(self, owner: int, keys: Iterable[str]) -> None:
        owned = self.keys.setdefault(owner, set())
        for key in keys:
            self.blocks[key].add(owner)
            owned.add(key)

    def candidate_ids(self, keys: Iterable[str]) -> set[int]:
        blocks = {key: block for key in keys if (block := self.blocks.get(key))}
        return choose_candidates(blocks, self.cap, self.budget)

    def record(self, work_id: int) -> Record:
        return self.records[work_id]

    def canonical(self, work_id: int) -> int:
        root = work_id
        while root in self.parent:
            root = self.parent[root]
        while work_id != root:
            following = self.parent[work_id]
            self.parent[work_id] = root
            work_id = following
        return root

    def is_not_duplicate(self, a: int, b: int) -> bool:
        return (min(a, b), max(a, b)) in self.not_duplicates

    def merge(self, work: int, canonical: int, match: Match) -> None:
        self.parent[work] = canonical
        self.records[canonical] = union_record(self.records[canonical], self.records[work])
        moved = self.keys.pop(work, set())
        for key in moved:
            self.blocks[key].discard(work)
        self.file_keys(canonical, moved | index_keys(self.records[canonical]))

    def propose(self, a: int, b: int, match: Match) -> None:
        """Proposals are only recorded in `actions`."""
