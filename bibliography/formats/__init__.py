"""Writers and readers of BibTeX, RIS and CSL-JSON. PLACEHOLDER until formats land."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

FORMATS = ("csljson", "bibtex", "ris")


def render_items(items: Iterable[dict[str, Any]], fmt: str) -> Iterator[str]:
    """Stream CSL-JSON items as text chunks in the given format."""
    if fmt != "csljson":
        raise NotImplementedError(fmt)
    yield json.dumps(list(items), ensure_ascii=False, indent=2)
