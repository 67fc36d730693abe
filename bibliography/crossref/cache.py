"""A persistent cache of Crossref answers, one JSON file per request.

Files (not a table) because workers on several machines can share a
directory, writes need no transaction, and clearing it is `rm -r`. Keys are
hashes of the base URL, route and parameters; only final answers are stored
(200s and "no such DOI" 404s), never errors a retry could fix.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def cache_key(*parts: Any) -> str:
    """A stable key for a request: sha256 of its canonical JSON form."""
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class ResponseCache:
    """Answers by key under `directory` (disabled when it is None)."""

    def __init__(self, directory: Path | str | None) -> None:
        self.directory = Path(directory) if directory else None

    def path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored `{"status": .., "body": ..}`, or None when unknown or unreadable."""
        if self.directory is None:
            return None
        try:
            with self.path(key).open(encoding="utf-8") as handle:
                entry: dict[str, Any] = json.load(handle)
                return entry
        except (OSError, ValueError):
            return None

    def put(self, key: str, status: int, body: Any) -> None:
        """Store atomically (write a temporary file, then rename) so readers never see half a file."""
        if self.directory is None:
            return
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"status": status, "body": body}, stream, ensure_ascii=False)
        os.replace(temporary, target)
