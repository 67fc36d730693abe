"""Pair an original-script reference list with its romanized twin.

Kazakh and Russian journals print the list twice: as written (Cyrillic GOST
entries) and romanized for Scopus. Both describe the same works, so the
import keeps ONE citation per work with both texts. Two lists are twins when
their entries, compared through scheme-agnostic Latin skeletons, agree
position by position (equal counts) or along an alignment (unequal counts:
an entry dropped or split in one of them), or, when the romanized list was
re-sorted (by Latin surname, English entries moved to the end), along the
best one-to-one matches regardless of order. A list printed three times
(Kazakh, Russian translation, romanized) is still one set of works.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bibliography.lib.skeleton import skeleton
from corpus_import.entries import Entry, join_lines
from corpus_import.sections import Section

MIN_ENTRIES = 3
MIN_COUNT_RATIO = 0.7
PAIR_THRESHOLD = 0.35  # an aligned pair counts as the same work from here
LIST_THRESHOLD = 0.6  # share of aligned pairs that must agree
GAP = 0.0
REORDER_GAIN = 0.2  # matching out of order must pair this share more of the entries than aligning in order
NON_LATIN = re.compile(r"[^\W\d_a-zA-Z]")
LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Reference:
    """One work of the article's reference list, with its twin text if any."""

    label: str
    text: str
    alt_text: str
    line: int


@lru_cache(maxsize=8192)
def tokens(text: str) -> frozenset[str]:
    """Skeleton words worth comparing: words of 3+ letters and numbers."""
    return frozenset(word for word in skeleton(text).split() if len(word) >= 3 or word.isdigit())


def similarity(a: str, b: str) -> float:
    """Overlap of skeleton words, relative to the shorter entry."""
    left, right = tokens(a), tokens(b)
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))


def non_latin_share(entries: Sequence[Entry]) -> float:
    return script_share(" ".join(entry.text for entry in entries))


def align(first: Sequence[Entry], second: Sequence[Entry]) -> list[tuple[int | None, int | None]]:
    """Needleman-Wunsch over entry similarities: pairs (i, j), gaps as None."""
    rows, cols = len(first), len(second)
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            match = score[i - 1][j - 1] + similarity(first[i - 1].text, second[j - 1].text) - PAIR_THRESHOLD
            score[i][j] = max(match, score[i - 1][j] - GAP, score[i][j - 1] - GAP)
    return backtrack(score, first, second)


def backtrack(
    score: list[list[float]], first: Sequence[Entry], second: Sequence[Entry]
) -> list[tuple[int | None, int | None]]:
    pairs: list[tuple[int | None, int | None]] = []
    i, j = len(first), len(second)
    while i > 0 or j > 0:
        if i > 0 and j > 0:
            diagonal = score[i - 1][j - 1] + similarity(first[i - 1].text, second[j - 1].text) - PAIR_THRESHOLD
            if abs(score[i][j] - diagonal) < 1e-9:
                pairs.append((i - 1, j - 1))
                i, j = i - 1, j - 1
                continue
        if i > 0 and (j == 0 or abs(score[i][j] - (score[i - 1][j] - GAP)) < 1e-9):
            pairs.append((i - 1, None))
            i -= 1
        else:
            pairs.append((None, j - 1))
            j -= 1
    return pairs[::-1]


def pairing(first: Sequence[Entry], second: Sequence[Entry]) -> list[tuple[int | None, int | None]] | None:
    """How two lists pair up, or None when they are not twins."""
    if min(len(first), len(second)) < MIN_ENTRIES:
        return None
    if min(len(first), len(second)) / max(len(first), len(second)) < MIN_COUNT_RATIO:
        return None
    if len(first) == len(second):
        by_position: list[tuple[int | None, int | None]] = [(i, i) for i in range(len(first))]
        if agreement(first, second, by_position) >= LIST_THRESHOLD:
            return by_position
    aligned = align(first, second)
    in_line = agreement(first, second, aligned)
    if in_line + REORDER_GAIN > 1.0:
        return aligned  # no order can pair REORDER_GAIN more: spare the all-pairs similarity
    matched = best_matches(first, second)
    any_order = agreement(first, second, matched)
    if in_line >= LIST_THRESHOLD and in_line + REORDER_GAIN > any_order:
        return aligned
    return matched if any_order >= LIST_THRESHOLD else None


def best_matches(first: Sequence[Entry], second: Sequence[Entry]) -> list[tuple[int | None, int | None]]:
    """Pairs matched regardless of order (a romanized list re-sorted by its Latin surnames): most similar
    first, each entry used once; in the first list's order, the second's unmatched entries at the end."""
    candidates = sorted(
        ((similarity(a.text, b.text), i, j) for i, a in enumerate(first) for j, b in enumerate(second)),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for value, i, j in candidates:
        if value < PAIR_THRESHOLD:
            break
        if i not in partner and j not in taken:
            partner[i] = j
            taken.add(j)
    pairs: list[tuple[int | None, int | None]] = [(i, partner.get(i)) for i in range(len(first))]
    return pairs + [(None, j) for j in range(len(second)) if j not in taken]


def agreement(first: Sequence[Entry], second: Sequence[Entry], pairs: list[tuple[int | None, int | None]]) -> float:
    """Share of the longer list's entries that sit in an agreeing pair."""
    agreeing = sum(
        1
        for i, j in pairs
        if i is not None and j is not None and similarity(first[i].text, second[j].text) >= PAIR_THRESHOLD
    )
    return agreeing / max(len(first), len(second))


def merge_twins(
    original: Sequence[Entry], romanized: Sequence[Entry], pairs: list[tuple[int | None, int | None]]
) -> list[Reference]:
    """One Reference per aligned pair; unpaired entries stand alone."""
    merged: list[Reference] = []
    for i, j in pairs:
        main = original[i] if i is not None else None
        alt = romanized[j] if j is not None else None
        if main is None:
            assert alt is not None
            merged.append(Reference(label=alt.label, text=alt.text, alt_text="", line=alt.line))
        else:
            merged.append(
                Reference(
                    label=main.label or (alt.label if alt else ""),
                    text=main.text,
                    alt_text=alt.text if alt else "",
                    line=main.line,
                )
            )
    return merged


INTERLEAVED_THRESHOLD = 0.5  # a romanized line under its original shares most of its words
ROMANIZED = 0.05  # at most this share of non-Latin letters
ORIGINAL_SCRIPT = 0.5  # at least this share


def plain(entries: Sequence[Entry]) -> list[Reference]:
    """A list with no twin list; an entry may carry its twin on its own lines (see interleaved), or an
    unnumbered list give it the next entry."""
    references: list[Reference] = []
    for entry in entries:
        previous = references[-1] if references else None
        if previous and not previous.alt_text and not entry.label and is_romanized_twin(previous.text, entry.text):
            references[-1] = Reference(
                label=previous.label, text=previous.text, alt_text=entry.text, line=previous.line
            )
            continue
        text, alt = interleaved(entry)
        references.append(Reference(label=entry.label, text=text, alt_text=alt, line=entry.line))
    return references


def is_romanized_twin(original: str, romanized: str) -> bool:
    """`romanized` is `original` in Latin letters: no Cyrillic, most words shared."""
    return (
        script_share(original) >= ORIGINAL_SCRIPT
        and script_share(romanized) <= ROMANIZED
        and similarity(original, romanized) >= INTERLEAVED_THRESHOLD
    )


def interleaved(entry: Entry) -> tuple[str, str]:
    """(original, romanized twin) of an entry printed in its script and then romanized on the next lines
    (`1. Кауфман А.А. Переселение...` / `Kaufman A.A. Pereselenie...`, as Russian journals print one
    `Список литературы / References`); (text, "") when it is one text. The romanized part starts a line
    with a Latin capital, holds no Cyrillic, and shares most of its words with the original."""
    for cut in range(1, len(entry.parts)):
        if not re.match(r"[A-Z]", entry.parts[cut]):
            continue
        original, romanized = join_lines(entry.parts[:cut]), join_lines(entry.parts[cut:])
        if is_romanized_twin(original, romanized):
            return original, romanized
    return entry.text, ""


def script_share(text: str) -> float:
    """Share of non-Latin letters among the letters of a text.

    An ASCII text (a flag lookup) has no non-Latin letter: its share is 0.0 without reading it.
    """
    if text.isascii():
        return 0.0
    letters = len(LETTERS.findall(text))
    return len(NON_LATIN.findall(text)) / letters if letters else 0.0


def attach_fragments(
    merged: list[Reference], second: Sequence[Entry], pairs: list[tuple[int | None, int | None]]
) -> list[Reference]:
    """Matched out of order, an unmatched twin entry right after a matched one in its own list is the rest of
    that entry (split in two when printed): it joins that entry's twin text instead of standing alone."""
    holder = {j: k for k, (i, j) in enumerate(pairs) if i is not None and j is not None}
    result = list(merged)
    dropped: set[int] = set()
    for k, (i, j) in enumerate(pairs):
        if i is None and j is not None and j - 1 in holder:
            host = result[holder[j - 1]]
            result[holder[j - 1]] = Reference(host.label, host.text, f"{host.alt_text} {second[j].text}", host.line)
            holder[j] = holder[j - 1]
            dropped.add(k)
    return [reference for k, reference in enumerate(result) if k not in dropped]


def in_order(pairs: list[tuple[int | None, int | None]]) -> bool:
    """Both sides of the pairs run in list order."""
    for side in (0, 1):
        seen = [index for index in (pair[side] for pair in pairs) if index is not None]
        if seen != sorted(seen):
            return False
    return True


def combine(sections: Sequence[Section]) -> tuple[list[Reference], list[str]]:
    """The article's references: twin lists merged, other lists in order."""
    references: list[Reference] = []
    notes: list[str] = []
    index = 0
    while index < len(sections):
        current = sections[index]
        following = sections[index + 1] if index + 1 < len(sections) else None
        pairs = pairing(current.entries, following.entries) if following else None
        if following is None or pairs is None:
            references += plain(current.entries)
            index += 1
            continue
        first, second = current.entries, following.entries
        versions = [first, second]
        while index + len(versions) < len(sections):
            extra = sections[index + len(versions)].entries
            if pairing(first, extra) is None or pairing(second, extra) is None:
                break
            versions.append(extra)
        if len(versions) > 2:
            # the list printed three times (Kazakh, Russian, romanized): the first original-script list
            # holds the most Latin one as its twin; the translation is one more copy of the same works
            second = min(versions, key=non_latin_share)
            first = next(version for version in versions if version is not second)
            pairs = pairing(first, second)
            assert pairs is not None
            notes.append(f"{len(versions)} versions of one reference list")
        if non_latin_share(second) > non_latin_share(first):
            first, second = second, first
            pairs = [(j, i) for i, j in pairs]
        if not in_order(pairs):
            pairs = sorted(pairs, key=lambda pair: (pair[0] is None, pair[0] or 0, pair[1] or 0))
        if not in_order(pairs):
            references += attach_fragments(merge_twins(first, second, pairs), second, pairs)
        else:
            references += merge_twins(first, second, pairs)
        unpaired = sum(1 for i, j in pairs if i is None or j is None)
        notes.append(f"paired twin lists ({len(first)} and {len(second)} entries, {unpaired} unpaired)")
        index += len(versions)
    return references, notes
