"""End-to-end dedup probe: hand-written reference strings through the real parser, records, blocking and scoring.

`bench/bench_dedup.py` measures dedup on generated CSL items that the rules were tuned on; this probe
starts one step earlier, from printed references as journals print them (GOST, APA, Chicago,
Vancouver, IEEE, MDPI, romanized house styles), so the parser's mistakes and the matching's
blind spots show together. `tests/data/dedup_probe/groups.jsonl` holds groups of strings that are
one work (`same: true`) and hard-negative groups of look-alike distinct works (`same: false`).

Each string goes `parse_reference` -> `work_draft_from_csl` -> `record_of_draft`, then:
1. pairwise inside its group: `compare`, and whether blocking lets the two records meet at all;
2. all records of all groups through one `MemoryLibrary`, in file order (the import's decision
   loop), so merges across groups count as false merges too.

    .venv/bin/python bench/dedup_probe.py [--quiet] [--orders 8]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from bibliography.csl import work_draft_from_csl  # noqa: E402
from bibliography.dedup.blocking import index_keys, probe_keys  # noqa: E402
from bibliography.dedup.engine import MemoryLibrary  # noqa: E402
from bibliography.dedup.records import Record  # noqa: E402
from bibliography.dedup.scoring import Match, compare  # noqa: E402
from bibliography.dedup.store import RECORD_FIELDS, record_of_draft  # noqa: E402
from corpus_import.parsing import parse_reference  # noqa: E402

GROUPS = ROOT / "tests" / "data" / "dedup_probe" / "groups.jsonl"
Pair = tuple[int, int]


@dataclass(frozen=True)
class Entry:
    """One reference string with what the real path made of it."""

    id: int
    group: str
    cluster: str
    text: str
    fields: dict[str, Any]
    names: list[str]
    record: Record


@dataclass
class Outcome:
    """What the probe measured: pairwise inside groups, and the library's clusters and proposals."""

    entries: list[Entry]
    pairwise: dict[Pair, Match] = field(default_factory=dict)
    met: dict[Pair, bool] = field(default_factory=dict)
    canonical: dict[int, int] = field(default_factory=dict)
    proposed: set[Pair] = field(default_factory=set)

    def by_id(self, entry_id: int) -> Entry:
        """An entry by its id (ids are 1-based positions)."""
        return self.entries[entry_id - 1]

    def merged(self, a: int, b: int) -> bool:
        """Whether the library ended with the two entries in one work."""
        return self.canonical[a] == self.canonical[b]

    def reviewed(self, a: int, b: int) -> bool:
        """Whether the pair is merged or its two works were proposed to a curator."""
        works = tuple(sorted((self.canonical[a], self.canonical[b])))
        return self.merged(a, b) or works in self.proposed


def load_groups(path: Path = GROUPS) -> list[dict[str, Any]]:
    """The annotated groups, one JSON object per line."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def build_entry(entry_id: int, group: dict[str, Any], index: int, text: str) -> Entry:
    """Run one string through the parser and the record builder, as an import does."""
    draft = work_draft_from_csl(parse_reference(text))
    cluster = group["id"] if group["same"] else f"{group['id']}#{index}"
    fields = {k: v for k in RECORD_FIELDS if (v := draft.fields.get(k)) not in (None, "")}
    names = [n.person.get("family") or n.person.get("literal") or "" for n in draft.names]
    names = [f"{n.role}:{name}" for n, name in zip(draft.names, names, strict=True)]
    return Entry(entry_id, group["id"], cluster, text, fields, names, record_of_draft(draft, entry_id))


def build_entries(groups: Sequence[dict[str, Any]]) -> list[Entry]:
    """Every string of every group, with ids 1.. in file order."""
    entries: list[Entry] = []
    for group in groups:
        for index, text in enumerate(group["refs"]):
            entries.append(build_entry(len(entries) + 1, group, index, text))
    return entries


def blocks_meet(a: Record, b: Record) -> bool:
    """Whether either record's probe keys hit the other's index keys (the engine looks both ways over time)."""
    return bool(probe_keys(a) & index_keys(b)) or bool(probe_keys(b) & index_keys(a))


def run(groups: Sequence[dict[str, Any]], seed: int | None = None) -> Outcome:
    """Pairwise scores inside each group, then one library with all entries added in file order.

    With a seed the entries are added in a shuffled order instead: the loop merges greedily and a
    canonical work keeps only its own titles, so which rendering comes first can change the outcome.
    """
    outcome = Outcome(build_entries(groups))
    for a, b in group_pairs(outcome.entries):
        outcome.pairwise[(a.id, b.id)] = compare(a.record, b.record)
        outcome.met[(a.id, b.id)] = blocks_meet(a.record, b.record)
    order = list(outcome.entries)
    if seed is not None:
        random.Random(seed).shuffle(order)
    library = MemoryLibrary()
    for entry in order:
        library.add(entry.record)
    outcome.canonical = {e.id: library.canonical(e.id) for e in outcome.entries}
    for action in library.actions:
        if action.kind == "candidate":
            pair = (library.canonical(action.work), library.canonical(action.other))
            outcome.proposed.add((min(pair), max(pair)))
    return outcome


def group_pairs(entries: Sequence[Entry]) -> Iterable[tuple[Entry, Entry]]:
    """Pairs of entries of one group."""
    for a, b in combinations(entries, 2):
        if a.group == b.group:
            yield a, b


def all_pairs(entries: Sequence[Entry]) -> Iterable[tuple[Entry, Entry]]:
    """Every pair of entries (the library's pairs, inside and across groups)."""
    return combinations(entries, 2)


@dataclass
class Metrics:
    """Pairwise measures over the library's outcome."""

    true_pairs: int
    merged_pairs: int
    correct_merges: int
    reviewed_true: int
    candidates: int
    candidate_true: int

    @property
    def precision(self) -> float:
        return self.correct_merges / self.merged_pairs if self.merged_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_merges / self.true_pairs if self.true_pairs else 1.0

    @property
    def recall_with_review(self) -> float:
        return self.reviewed_true / self.true_pairs if self.true_pairs else 1.0


def measure(outcome: Outcome) -> Metrics:
    """Merge precision and recall over entry pairs; proposals counted as distinct work pairs."""
    true_pairs = merged = correct = reviewed = 0
    for a, b in all_pairs(outcome.entries):
        same = a.cluster == b.cluster
        joined = outcome.merged(a.id, b.id)
        true_pairs += same
        merged += joined
        correct += same and joined
        reviewed += same and outcome.reviewed(a.id, b.id)
    clusters = {e.id: e.cluster for e in outcome.entries}
    members: dict[int, set[str]] = {}
    for entry in outcome.entries:
        members.setdefault(outcome.canonical[entry.id], set()).add(clusters[entry.id])
    candidate_true = sum(1 for x, y in outcome.proposed if members.get(x, set()) & members.get(y, set()))
    return Metrics(true_pairs, merged, correct, reviewed, len(outcome.proposed), candidate_true)


def false_merges(outcome: Outcome) -> list[tuple[Entry, Entry]]:
    """Pairs of different works that the library put in one work."""
    return [(a, b) for a, b in all_pairs(outcome.entries) if a.cluster != b.cluster and outcome.merged(a.id, b.id)]


def missed_pairs(outcome: Outcome) -> list[tuple[Entry, Entry]]:
    """Pairs of one work that the library left in two works."""
    return [(a, b) for a, b in all_pairs(outcome.entries) if a.cluster == b.cluster and not outcome.merged(a.id, b.id)]


def cause(outcome: Outcome, a: Entry, b: Entry) -> str:
    """Why a same-work pair was missed: never compared (blocking) or compared and not merged (scoring)."""
    if not outcome.met.get((a.id, b.id), blocks_meet(a.record, b.record)):
        return "blocking"
    return f"scoring ({compare(a.record, b.record).decision})"


def describe(entry: Entry) -> str:
    """The parsed fields and names of an entry, for a failure listing."""
    return f"    [{entry.id}] {entry.text}\n        names={entry.names}\n        fields={entry.fields}"


def print_pair(outcome: Outcome, a: Entry, b: Entry, label: str) -> None:
    """One failing pair with the evidence and the fields behind it."""
    match = compare(a.record, b.record)
    print(f"  {a.group} / {b.group}: {label}; decision={match.decision} points={match.points:.1f}")
    print(f"        {match.evidence()['points_by_field']} hard={match.hard} title={match.title:.2f}")
    print(describe(a))
    print(describe(b))


def print_report(outcome: Outcome, groups: Sequence[dict[str, Any]], quiet: bool = False) -> Metrics:
    """The measures, the pairwise counts and every failure."""
    metrics = measure(outcome)
    decisions = {"merge": 0, "candidate": 0, "none": 0}
    unmet = 0
    for pair, match in outcome.pairwise.items():
        decisions[match.decision] += 1
        unmet += not outcome.met[pair]
    same_groups = sum(1 for g in groups if g["same"])
    print(
        f"groups: {same_groups} same-work, {len(groups) - same_groups} hard-negative; entries: {len(outcome.entries)}"
    )
    print(f"in-group pairs: {len(outcome.pairwise)}; decisions {decisions}; pairs blocking never lets meet: {unmet}")
    print(
        f"library: true pairs {metrics.true_pairs}, merged pairs {metrics.merged_pairs}, "
        f"merge precision {metrics.precision:.4f}, merge recall {metrics.recall:.4f}, "
        f"recall incl. review {metrics.recall_with_review:.4f}, "
        f"candidates {metrics.candidates} ({metrics.candidate_true} true)"
    )
    wrong = false_merges(outcome)
    missed = missed_pairs(outcome)
    print(f"\nFALSE MERGES ({len(wrong)} pairs)")
    for a, b in wrong:
        print_pair(outcome, a, b, "different works merged")
    print(f"\nMISSED SAME-WORK PAIRS ({len(missed)} pairs)")
    if not quiet:
        for a, b in missed:
            label = cause(outcome, a, b) + (", proposed" if outcome.reviewed(a.id, b.id) else "")
            print_pair(outcome, a, b, label)
    return metrics


def main() -> None:
    """Run the probe on the annotated groups and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quiet", action="store_true", help="measures and false merges only")
    parser.add_argument("--orders", type=int, default=0, help="also measure this many shuffled import orders")
    args = parser.parse_args()
    groups = load_groups()
    print_report(run(groups), groups, args.quiet)
    if args.orders:
        print_orders(groups, args.orders)


def print_orders(groups: Sequence[dict[str, Any]], count: int) -> None:
    """Measures over shuffled import orders, and the same-work pairs that some orders miss."""
    print(f"\nSHUFFLED ORDERS ({count})")
    for seed in range(count):
        outcome = run(groups, seed)
        metrics = measure(outcome)
        missed = sorted({a.group for a, _ in missed_pairs(outcome)})
        print(
            f"  seed {seed}: merge precision {metrics.precision:.4f}, recall {metrics.recall:.4f}, "
            f"incl. review {metrics.recall_with_review:.4f}, candidates {metrics.candidates}; missed in {missed}"
        )


if __name__ == "__main__":
    main()
