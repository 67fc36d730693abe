"""Reference-string parser: one printed reference -> one CSL-JSON item.

PLACEHOLDER until the parser lands: the public interface is fixed here.
"""

from __future__ import annotations

from typing import Any


def parse_reference(text: str) -> dict[str, Any]:
    """Parse one reference string into a CSL-JSON item (never raises)."""
    return {"type": "article", "title": text.strip()}
