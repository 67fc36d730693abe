"""Deduplication of works. PLACEHOLDER until the dedup work lands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def process_new_works(work_ids: Sequence[int]) -> dict[str, Any]:
    """Compare newly created works with the library; merge or queue for review."""
    return {"merged": 0, "candidates": 0}
