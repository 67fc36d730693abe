"""Reference-string parser: one printed reference -> one CSL-JSON item.

Rules, not a learned model: each reference style has a grammar (GOST 7.1 areas
separated by `. – ` and `//`, author-year `Author (2019). Title. Journal,
12(3), 45-67.`, romanized twins with `[translation]` and `[in Russian]`), and
rules written from that grammar generalize to lists nobody here has seen,
run at thousands of references per second, and can be explained field by
field. See `assemble.py` for the steps.
"""

from __future__ import annotations

from typing import Any

from .assemble import build_item
from .normalize import normalize

__all__ = ["parse_reference"]


def parse_reference(text: str) -> dict[str, Any]:
    """Parse one reference string into a CSL-JSON item (never raises).

    The item always has a `type` string and `_confidence` in 0..1; name lists
    hold dicts with `family`/`given` or `literal`.
    """
    if not isinstance(text, str):
        text = str(text or "")
    try:
        return build_item(text)
    except Exception:  # a parser bug must never stop an import; the item says it is unsure
        return _fallback_item(text)


def _fallback_item(text: str) -> dict[str, Any]:
    """The whole cleaned string as the title, with zero confidence."""
    try:
        title = normalize(text)[0]
    except Exception:
        title = " ".join(text.split())
    item: dict[str, Any] = {"type": "document", "_confidence": 0.0}
    if title:
        item["title"] = title[:500]
    return item
