"""The Crossref client: habanero, plus what it lacks for a long polite run.

habanero builds the requests (parameters, validation of selects and field
queries, the polite User-Agent) but calls `httpx2.get` and gives back only the
parsed body: no status on errors, no headers, no retry. Its two request
modules are pointed at a thin stand-in for `httpx2` whose `get` sends through
our own pooled client when (and only when) a `CrossrefClient` call is running
in this thread, and keeps the raw response. From that response the client
reads the rate-limit headers, the status and Retry-After, and so adds:
retries with exponential backoff, a limiter learned from the headers, a
persistent cache, and one error type, `CrossrefError`.
"""

from __future__ import annotations

import contextvars
import email.utils
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import habanero.request
import habanero.request_class
import httpx2
from django.conf import settings
from habanero import Crossref

from bibliography.crossref.cache import ResponseCache, cache_key
from bibliography.crossref.limits import RateLimiter
from bibliography.csl import normalize_doi

logger = logging.getLogger(__name__)

SELECT = [
    "DOI",
    "title",
    "subtitle",
    "original-title",
    "short-title",
    "author",
    "editor",
    "container-title",
    "short-container-title",
    "issued",
    "published-print",
    "published-online",
    "volume",
    "issue",
    "page",
    "article-number",
    "publisher",
    "ISSN",
    "ISBN",
    "type",
    "score",
]
BATCH_SIZE = 50
RETRYABLE_STATUS = {429, 500, 502, 503, 504}


class CrossrefError(Exception):
    """Crossref could not answer (after retries) or refused the request."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Exchange:
    """The raw response of the request habanero made inside one call."""

    client: httpx2.Client
    response: httpx2.Response | None = None


CURRENT: contextvars.ContextVar[Exchange | None] = contextvars.ContextVar("crossref_exchange", default=None)


class Httpx2Recorder:
    """Stands in for the `httpx2` module inside habanero; only `get` differs."""

    def __getattr__(self, name: str) -> Any:
        return getattr(httpx2, name)

    def get(self, url: str, **kwargs: Any) -> httpx2.Response:
        exchange = CURRENT.get()
        if exchange is None:
            return httpx2.get(url, **kwargs)
        exchange.response = exchange.client.get(url, **kwargs)
        return exchange.response


habanero.request.httpx2 = Httpx2Recorder()  # type: ignore[assignment]
habanero.request_class.httpx2 = Httpx2Recorder()  # type: ignore[assignment]


@dataclass
class Stats:
    """What a client did, for progress output and the benchmark."""

    requests: int = 0
    cache_hits: int = 0
    retries: int = 0
    throttled: int = 0
    first_request: float = 0.0
    last_request: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count_request(self) -> None:
        with self.lock:
            now = time.monotonic()
            self.first_request = self.first_request or now
            self.last_request = now
            self.requests += 1

    def count_hit(self) -> None:
        with self.lock:
            self.cache_hits += 1


class Retry(Exception):
    """A failure worth another attempt, after `wait` seconds if the server said so."""

    def __init__(self, reason: str, status: int | None = None, wait: float | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.wait = wait


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds in a Retry-After header: a number, or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def encode_doi(doi: str) -> str:
    """A DOI as a URL path segment: `/` kept (Crossref routes on it), `<>;()#?%` and the rest escaped."""
    return quote(doi, safe="/")


def transport_failure(error: BaseException) -> BaseException | None:
    """The httpx2 transport error (timeout, refused, dropped) behind what habanero raised."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, httpx2.TransportError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


class CrossrefClient:
    """Look-ups and searches against one Crossref API, politely and with a cache."""

    def __init__(
        self,
        base_url: str = "https://api.crossref.org",
        mailto: str = "",
        timeout: float = 20.0,
        cache_dir: Path | str | None = None,
        max_retries: int = 5,
        backoff_base: float = 1.0,
        backoff_cap: float = 60.0,
        ua_string: str | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.habanero = Crossref(base_url=self.base_url, mailto=mailto or None, ua_string=ua_string)
        self.habanero.timeout = timeout  # type: ignore[assignment]
        self.cache = ResponseCache(cache_dir)
        self.limiter = RateLimiter()
        self.stats = Stats()
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self._local = threading.local()
        self._clients: list[httpx2.Client] = []
        self._clients_lock = threading.Lock()

    @classmethod
    def from_settings(cls, **overrides: Any) -> CrossrefClient:
        """A client configured by CROSSREF_* settings (tests override the URL and cache dir)."""
        options: dict[str, Any] = {
            "base_url": settings.CROSSREF_API_URL,
            "mailto": settings.CROSSREF_MAILTO,
            "timeout": settings.CROSSREF_TIMEOUT,
            "cache_dir": settings.CROSSREF_CACHE_DIR,
            "max_retries": getattr(settings, "CROSSREF_MAX_RETRIES", 5),
        }
        return cls(**{**options, **overrides})

    def close(self) -> None:
        with self._clients_lock:
            for client in self._clients:
                client.close()
            self._clients.clear()

    def __enter__(self) -> CrossrefClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Public look-ups ---------------------------------------------------------
    def work(self, doi: str) -> dict[str, Any] | None:
        """The record of one DOI, or None when Crossref does not know it."""
        bare = normalize_doi(doi)
        if not bare:
            return None
        key = cache_key(self.base_url, "work", bare)
        body = self._cached_call(key, lambda: self.habanero.works(ids=encode_doi(bare)), missing_ok=True)
        return body["message"] if body else None

    def works_by_dois(self, dois: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        """Records of many DOIs, ~50 a request through `filter=doi:..`; None for unknown ones."""
        wanted = list(dict.fromkeys(filter(None, (normalize_doi(doi) for doi in dois))))
        found: dict[str, dict[str, Any] | None] = {}
        pending = []
        for doi in wanted:
            entry = self.cache.get(cache_key(self.base_url, "work", doi))
            if entry is not None:
                self.stats.count_hit()
                found[doi] = entry["body"]["message"] if entry["status"] == 200 else None
            else:
                pending.append(doi)
        batchable = [doi for doi in pending if "," not in doi]
        for doi in set(pending) - set(batchable):
            found[doi] = self.work(doi)
        for start in range(0, len(batchable), BATCH_SIZE):
            found.update(self._batch(batchable[start : start + BATCH_SIZE]))
        return found

    def search(self, bibliographic: str, rows: int = 5) -> list[dict[str, Any]]:
        """Candidates for a reference string, best first (each with Crossref's `score`)."""
        query = " ".join(bibliographic.split())[:1000]
        if not query:
            return []
        key = cache_key(self.base_url, "search", query, rows, SELECT)
        body = self._cached_call(key, lambda: self.habanero.works(query_bibliographic=query, limit=rows, select=SELECT))
        return list(body["message"]["items"]) if body else []

    def _batch(self, dois: list[str]) -> dict[str, dict[str, Any] | None]:
        body = self._call(lambda: self.habanero.works(filter={"doi": dois}, select=SELECT, limit=len(dois)))
        records = {normalize_doi(item.get("DOI")): item for item in body["message"]["items"]}
        result: dict[str, dict[str, Any] | None] = {}
        for doi in dois:
            record = records.get(doi)
            if record is None:
                self.cache.put(cache_key(self.base_url, "work", doi), 404, None)
            else:
                self.cache.put(cache_key(self.base_url, "work", doi), 200, {"message": record})
            result[doi] = record
        return result

    # Machinery ------------------------------------------------------------------
    def _cached_call(self, key: str, request: Callable[[], Any], missing_ok: bool = False) -> Any:
        entry = self.cache.get(key)
        if entry is not None:
            self.stats.count_hit()
            return entry["body"] if entry["status"] == 200 else None
        try:
            body = self._call(request)
        except CrossrefError as error:
            if missing_ok and error.status == 404:
                self.cache.put(key, 404, None)
                return None
            raise
        self.cache.put(key, 200, body)
        return body

    def _call(self, request: Callable[[], Any]) -> Any:
        """One logical request: limited, retried with exponential backoff, errors unified."""
        for attempt in range(self.max_retries + 1):
            try:
                return self._attempt(request)
            except Retry as retry:
                if attempt == self.max_retries:
                    raise CrossrefError(f"gave up after {attempt + 1} attempts: {retry}", retry.status) from retry
                self._back_off(attempt, retry)
        raise AssertionError("unreachable")

    def _back_off(self, attempt: int, retry: Retry) -> None:
        delay = min(self.backoff_cap, self.backoff_base * 2**attempt) * random.uniform(0.75, 1.0)
        if retry.wait is not None:
            delay = max(delay, min(retry.wait, self.backoff_cap * 5))
        with self.stats.lock:
            self.stats.retries += 1
            self.stats.throttled += retry.status == 429
        logger.info("crossref: %s; retrying in %.2fs", retry, delay)
        if retry.status == 429:
            self.limiter.pause(delay)
        time.sleep(delay)

    def _attempt(self, request: Callable[[], Any]) -> Any:
        exchange = Exchange(self._http())
        token = CURRENT.set(exchange)
        try:
            with self.limiter.slot():
                self.stats.count_request()
                try:
                    result = request()
                except Exception as error:  # habanero raises many types; classify below
                    self._learn(exchange)
                    raise self._classify(error, exchange.response) from error
                self._learn(exchange)
                return result
        finally:
            CURRENT.reset(token)

    def _learn(self, exchange: Exchange) -> None:
        if exchange.response is not None:
            self.limiter.learn(exchange.response.headers)

    def _classify(self, error: Exception, response: httpx2.Response | None) -> Exception:
        """Turn whatever habanero raised into Retry (worth another go) or CrossrefError."""
        if response is not None and response.status_code in RETRYABLE_STATUS:
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            return Retry(f"HTTP {response.status_code}", response.status_code, wait)
        if response is not None and response.status_code == 200:
            return Retry(f"unreadable answer ({response.headers.get('Content-Type')})", 200)
        if response is not None:
            return CrossrefError(f"HTTP {response.status_code}: {response.text[:300]}", response.status_code)
        failure = transport_failure(error)
        if failure is not None:
            return Retry(f"{type(failure).__name__}: {failure}")
        return CrossrefError(f"bad request: {error}")

    def _http(self) -> httpx2.Client:
        """This thread's pooled HTTP client (keep-alive across requests)."""
        client = getattr(self._local, "client", None)
        if client is None:
            client = httpx2.Client()
            self._local.client = client
            with self._clients_lock:
                self._clients.append(client)
        return client
