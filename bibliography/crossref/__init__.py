"""Crossref resolution: client (habanero + limits, retries, cache), validated matching, enrichment.

Other areas use `resolve_work`, `accept_match`, `reject_match` and `CrossrefClient.from_settings()`.
"""

from bibliography.crossref.client import CrossrefClient, CrossrefError
from bibliography.crossref.resolve import Summary, accept_match, reject_match, resolve_work, resolve_works

__all__ = [
    "CrossrefClient",
    "CrossrefError",
    "Summary",
    "accept_match",
    "reject_match",
    "resolve_work",
    "resolve_works",
]
