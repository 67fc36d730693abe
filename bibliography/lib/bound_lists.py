"""A list of values bound as one parameter of a SQLite statement: a JSON array read through `json_each`.

The statement's text then stays the same whatever the list's length, so the
driver's statement cache serves it (SQLite prepares it once per connection),
and no list outgrows SQLite's limit on parameters. Used by dedup's storage
(`dedup.store.in_list`, which picks PostgreSQL's array form there) and by the
SQLite search index's upkeep (`search`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

SQLITE_IN_LIST = "IN (SELECT value FROM json_each(%s))"


def sqlite_list(values: Iterable[Any]) -> str:
    """The one parameter of `SQLITE_IN_LIST`: the values as a JSON array."""
    return json.dumps(list(values))
