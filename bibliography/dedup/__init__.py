"""Deduplication of works across articles and scripts.

`process_new_works` is what the importer calls inside its per-article
transaction; `merge_into`/`undo_merge`/`mark_not_duplicate` are the curator's
operations (admin, command); the pure matching lives in `records`, `blocking`,
`scoring` and `engine`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bibliography.dedup.records import Record


def process_new_works(work_ids: Sequence[int], created: Mapping[int, Record] | None = None) -> dict[str, Any]:
    """Compare newly created works with the library; merge or queue for review."""
    from bibliography.dedup.pipeline import process_new_works as process

    return process(work_ids, created)
