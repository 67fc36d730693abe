"""Side-by-side rows for the merge confirmation and the review queues.

Both pages answer the same question: where do these records agree, and
where would a merge have to choose? Rows are built here, in plain Python,
so the templates only lay them out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bibliography.csl import first_value, names_from_csl, work_fields_from_csl
from bibliography.lib.skeleton import skeleton
from bibliography.models import Role, Work

COMPARED_FIELDS = [
    ("type", "Type"),
    ("title", "Title"),
    ("original_title", "Original title"),
    ("translated_title", "Translated title"),
    ("authors", "Authors"),
    ("editors", "Editors"),
    ("container_title", "Container"),
    ("issued_year", "Year"),
    ("volume", "Volume"),
    ("issue", "Issue"),
    ("page", "Pages"),
    ("number_of_pages", "Number of pages"),
    ("publisher", "Publisher"),
    ("publisher_place", "Place"),
    ("doi", "DOI"),
    ("url", "URL"),
    ("isbn", "ISBN"),
    ("language", "Language"),
]


@dataclass
class Row:
    """One field across several records: the values and whether they disagree."""

    label: str
    values: list[str]

    @property
    def conflict(self) -> bool:
        """Values that stay different once script, case and punctuation are set aside."""
        return len({skeleton(value) for value in self.values if value}) > 1

    @property
    def variant(self) -> bool:
        """Spelled differently (Cyrillic vs romanized, case) but the same skeleton."""
        return not self.conflict and len({value for value in self.values if value}) > 1

    @property
    def partial(self) -> bool:
        return not self.conflict and any(self.values) and not all(self.values)

    @property
    def state(self) -> str:
        """CSS class of the row: conflict, variant, partial or same."""
        for state in ("conflict", "variant", "partial"):
            if getattr(self, state):
                return state
        return "same"


def names(work: Work, role: str) -> str:
    """Names in list order, from the prefetched contributors when there are any."""
    people = [c for c in work.contributors.all() if c.role == role]
    return "; ".join(str(c.person) for c in sorted(people, key=lambda c: c.position))


def work_values(work: Work) -> dict[str, str]:
    """Display strings of the compared fields of a saved work."""
    values = {}
    for key, _ in COMPARED_FIELDS:
        if key not in ("authors", "editors"):
            value = getattr(work, key)
            values[key] = "" if value is None else str(value)
    values["authors"] = names(work, Role.AUTHOR)
    values["editors"] = names(work, Role.EDITOR)
    return values


def csl_values(item: dict[str, Any]) -> dict[str, str]:
    """The same display strings for a CSL/Crossref record that is not in the library."""
    fields = work_fields_from_csl(item)
    values = {key: "" if fields.get(key) is None else str(fields[key]) for key, _ in COMPARED_FIELDS}
    values["type"] = str(first_value(item.get("type")) or "")
    for role, key in ((Role.AUTHOR, "authors"), (Role.EDITOR, "editors")):
        people = [name for name_role, _, name in names_from_csl(item) if name_role == role]
        values[key] = "; ".join(
            name.get("literal") or ", ".join(p for p in (name.get("family"), name.get("given")) if p) for name in people
        )
    return values


def compare(records: Sequence[dict[str, str]], keep_empty: bool = False) -> list[Row]:
    """Rows of the compared fields; rows empty everywhere are dropped unless asked for."""
    rows = [Row(label, [record.get(key, "") for record in records]) for key, label in COMPARED_FIELDS]
    return [row for row in rows if keep_empty or any(row.values)]


def compare_works(works: Sequence[Work]) -> list[Row]:
    return compare([work_values(work) for work in works])


def evidence_rows(evidence: Any) -> list[tuple[str, str]]:
    """Flatten an evidence dict (whatever shape dedup or Crossref chose) into label/value pairs."""
    if not isinstance(evidence, dict):
        return [("evidence", json.dumps(evidence, ensure_ascii=False))] if evidence else []
    return [(str(key).replace("_", " "), display(value)) for key, value in evidence.items()]


def display(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def filled_count(work: Work) -> int:
    """How complete a work is: the tie-breaker for which one to keep."""
    return sum(1 for value in work_values(work).values() if value)
