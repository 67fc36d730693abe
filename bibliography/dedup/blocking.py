"""Blocking keys: which works are worth comparing at all.

Two works are compared only when they share a key, so the cost of finding
duplicates grows with the size of the blocks, not with the library. The
keys are stored in an indexed table (`WorkKey`) for the database path and in
a dict for the in-memory path; both use these functions.

Keys (prefix: meaning):
1. `d:` normalized DOI; `i:` ISBN-13; `u:` normalized URL; `x:` the fields exactly as printed
   (`records.identity_of`: the importer's lookup for a reference printed alike before).
2. `a:` first-author skeleton + first initial + year (probed with year - 1 .. year + 1): common
   surnames would otherwise make blocks that grow with the library.
3. `n:` first-author skeleton + the longest title word (missing or wrong years).
4. `t:` first three significant title words, four letters each (subtitles dropped, word endings that
   romanization schemes spell differently).
5. `w:` the three longest title words, five letters each, sorted (a different first word, word order).
Title keys are made for every title variant: original script, romanized, translated.

Only canonical works hold keys: a merge hands the merged work's keys to the
canonical one (each key once per work), so a work cited a thousand times has
as many keys as it has distinct renderings, and a block counts distinct works.
A block larger than `MAX_BLOCK` is a stop key (`IDENTIFIER_BLOCK` for DOI, ISBN
and URL keys); at most `MAX_CANDIDATES` works are compared with a new one, taken
from the most specific (smallest) blocks first.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from bibliography.dedup.records import Record, significant_words

MAX_BLOCK = 100
MAX_CANDIDATES = 100
KEY_LENGTH = 120
# Identifiers first, then title keys, then the author keys that common surnames make wide.
KEY_PRIORITY = {"d": 0, "i": 0, "u": 0, "x": 0, "t": 1, "w": 1, "n": 2, "a": 3}
# An identifier many distinct works share (a site's home page, a series ISBN) identifies nothing.
IDENTIFIER_BLOCK = 30
IDENTITY_PREFIX = "x:"


def title_keys(title: str) -> set[str]:
    """The `t:` and `w:` keys of one title skeleton (none for one- or two-word titles)."""
    words = significant_words(title)
    if len(words) < 2:
        return set()
    longest = sorted(words, key=lambda w: (-len(w), w))[:3]
    return {"t:" + "".join(w[:4] for w in words[:3]), "w:" + " ".join(sorted(w[:5] for w in longest))}


def index_keys(rec: Record) -> frozenset[str]:
    """The keys a work is stored under (computed once, as the record is built: see `Record.keys`)."""
    return rec.keys


def probe_keys(rec: Record) -> frozenset[str]:
    """The keys to look up for a work: its own, plus the neighbouring years of its first author."""
    return rec.probes


def record_keys(rec: Record) -> tuple[frozenset[str], frozenset[str]]:
    """A record's index keys and probe keys (what `Record.__post_init__` stores)."""
    keys = stored_keys(rec)
    return keys, keys | {key[:KEY_LENGTH] for key in author_keys(rec, (-1, 1))}


def stored_keys(rec: Record) -> frozenset[str]:
    """The keys a work is stored under."""
    keys = set()
    if rec.doi:
        keys.add("d:" + rec.doi)
    if rec.isbn:
        keys.add("i:" + rec.isbn)
    if rec.url:
        keys.add("u:" + rec.url)
    if rec.identity:
        keys.add(IDENTITY_PREFIX + rec.identity)
    for title in rec.titles + rec.translations:
        keys |= title_keys(title)
    keys |= author_keys(rec, (0,))
    return frozenset(key[:KEY_LENGTH] for key in keys)


def author_keys(rec: Record, year_offsets: tuple[int, ...]) -> set[str]:
    """`a:` and `n:` keys of every reading of the first author's name."""
    if not rec.authors:
        return set()
    keys = set()
    longest = [
        max(words, key=lambda w: (len(w), w)) for t in rec.titles + rec.translations if (words := significant_words(t))
    ]
    for name in rec.name_keys(0):
        if rec.year:
            keys |= {f"a:{name}:{rec.initials[0]}:{rec.year + offset}" for offset in year_offsets}
        keys |= {f"n:{name}:{word[:6]}" for word in longest}
    return keys


def usable_blocks(pairs: Iterable[tuple[str, int]], cap: int = MAX_BLOCK) -> set[int]:
    """Work ids of the (key, id) rows, leaving out keys shared by more than `cap` works (stop keys)."""
    blocks: dict[str, set[int]] = {}
    for key, work_id in pairs:
        blocks.setdefault(key, set()).add(work_id)
    return choose_candidates(blocks, cap)


def specificity(key: str, size: int) -> tuple[int, int, str]:
    """Sort key of a block: small blocks first; on a tie identifiers, then titles, then authors."""
    return size, KEY_PRIORITY.get(key[:1], 4), key


def choose_candidates(
    blocks: Mapping[str, Collection[int]], cap: int = MAX_BLOCK, budget: int = MAX_CANDIDATES
) -> set[int]:
    """The works worth comparing: whole blocks, most specific first, stop keys left out.

    Blocks are taken whole until `budget` works are collected, so the work of one comparison
    round is bounded whatever the library holds; a block that would pass the budget is skipped.
    """
    chosen: set[int] = set()
    for key, ids in sorted(blocks.items(), key=lambda item: specificity(item[0], len(item[1]))):
        if len(ids) > (min(cap, IDENTIFIER_BLOCK) if KEY_PRIORITY.get(key[:1]) == 0 else cap):
            continue
        fresh = [i for i in ids if i not in chosen]
        if len(chosen) + len(fresh) > budget:
            continue
        chosen.update(fresh)
    return chosen
