"""A Crossref-shaped HTTP server on 127.0.0.1, serving recorded real records.

Nothing on the build machines can reach api.crossref.org, so the client is
tested against this server through real HTTP. It copies what matters of the
real service: the routes and JSON envelopes, a relevance search whose scores
grow with the query, 404/400 bodies, the rate-limit headers per pool, and the
limits themselves (429 when a client exceeds them). Tests script faults
(429 with or without Retry-After, HTML bodies, 5xx, slow answers, hangs) and
read the request log to prove the client stayed under the advertised limits.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
import unicodedata
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

WORD = re.compile(r"\w+")
FIELD_QUERIES = {
    "query.bibliographic",
    "query.author",
    "query.title",
    "query.container-title",
    "query.editor",
    "query.publisher-name",
}
LIST_PARAMS = {"query", "filter", "rows", "offset", "select", "sort", "order", "mailto", "cursor", "sample", "facet"}
FILTERS = {"doi", "type", "from-pub-date", "until-pub-date", "has-full-text", "issn", "prefix", "member"}
SELECTABLE = {
    "DOI",
    "ISBN",
    "ISSN",
    "URL",
    "abstract",
    "article-number",
    "author",
    "container-title",
    "editor",
    "issue",
    "issued",
    "language",
    "original-title",
    "page",
    "published",
    "published-online",
    "published-print",
    "publisher",
    "publisher-location",
    "score",
    "short-container-title",
    "short-title",
    "subtitle",
    "title",
    "type",
    "volume",
    "edition-number",
    "member",
    "prefix",
    "created",
}
HTML_429 = "<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1></body></html>"


@dataclass(frozen=True)
class Limits:
    """What one pool advertises (and enforces)."""

    limit: int
    interval: float
    concurrency: int

    def interval_header(self) -> str:
        seconds = self.interval
        return f"{int(seconds)}s" if seconds == int(seconds) else f"{int(seconds * 1000)}ms"


PUBLIC = Limits(limit=5, interval=1.0, concurrency=1)
POLITE = Limits(limit=10, interval=1.0, concurrency=3)


@dataclass
class Fault:
    """One scripted misbehaviour, consumed by the next request.

    `hang` stalls for `delay` seconds and closes without an answer (a client
    timeout); it frees its concurrency slot first, as a dropped connection
    would. A plain `delay` is a slow but successful answer.
    """

    status: int = 0
    retry_after: str | None = None
    html: bool = False
    delay: float = 0.0
    hang: bool = False


@dataclass
class LoggedRequest:
    """One request as the server saw it."""

    path: str
    params: dict[str, str]
    pool: str
    start: float
    end: float = 0.0
    status: int = 0
    concurrent: int = 1


def fold(text: str) -> str:
    """Lower-case without accents, like the search engine's analyzer."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(text: str) -> list[str]:
    return WORD.findall(fold(text))


def record_year(record: dict[str, Any]) -> int | None:
    for key in ("issued", "published-print", "published-online", "published"):
        parts = (record.get(key) or {}).get("date-parts") or [[None]]
        if parts and parts[0] and parts[0][0]:
            return int(parts[0][0])
    return None


def bibliographic_text(record: dict[str, Any]) -> str:
    """The fields `query.bibliographic` searches: title, names, container, year, numbers."""
    names = [
        f"{person.get('given', '')} {person.get('family', '')} {person.get('name', '')}"
        for person in (record.get("author") or []) + (record.get("editor") or [])
    ]
    parts: list[str] = [
        *(record.get("title") or []),
        *(record.get("subtitle") or []),
        *(record.get("container-title") or []),
        *(record.get("short-container-title") or []),
        *names,
        str(record_year(record) or ""),
        str(record.get("volume") or ""),
        str(record.get("issue") or ""),
        str(record.get("page") or ""),
        str(record.get("publisher") or ""),
    ]
    return " ".join(parts)


class SearchIndex:
    """BM25 over the bibliographic text of every record (scores grow with query length)."""

    K1 = 1.2
    B = 0.75

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        self.records = list(records)
        self.by_doi = {record["DOI"].lower(): record for record in self.records}
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.lengths: list[int] = []
        for number, record in enumerate(self.records):
            counts = Counter(tokens(bibliographic_text(record)))
            self.lengths.append(sum(counts.values()))
            for token, count in counts.items():
                self.postings[token].append((number, count))
        self.average = sum(self.lengths) / max(len(self.lengths), 1)

    def idf(self, token: str) -> float:
        found = len(self.postings.get(token, ()))
        return math.log(1 + (len(self.records) - found + 0.5) / (found + 0.5))

    def search(self, query: str) -> list[tuple[float, dict[str, Any]]]:
        """(score, record) for every record sharing a token with the query, best first."""
        scores: dict[int, float] = defaultdict(float)
        for token in tokens(query):
            idf = self.idf(token)
            for number, count in self.postings.get(token, ()):
                norm = self.K1 * (1 - self.B + self.B * self.lengths[number] / self.average)
                scores[number] += idf * count * (self.K1 + 1) / (count + norm)
        ranked = sorted(scores.items(), key=lambda pair: (-pair[1], self.records[pair[0]]["DOI"]))
        return [(round(score, 6), self.records[number]) for number, score in ranked]


class ValidationFailure(Exception):
    """A bad parameter: answered with Crossref's validation-failure body."""

    def __init__(self, kind: str, value: str, message: str) -> None:
        super().__init__(message)
        self.payload = {"type": kind, "value": value, "message": message}


def parse_rows(params: dict[str, str], name: str, default: int, maximum: int) -> int:
    value = params.get(name)
    if value is None:
        return default
    if not value.isdigit() or int(value) > maximum:
        raise ValidationFailure(
            "integer-not-valid", value, f"Integer specified as {value} but must be a positive integer <= {maximum}."
        )
    return int(value)


def parse_filter(value: str) -> list[tuple[str, str]]:
    pairs = []
    for part in (piece for piece in value.split(",") if piece):
        name, sep, argument = part.partition(":")
        if not sep or name not in FILTERS:
            message = f"Filter {name} specified but there is no such filter"
            raise ValidationFailure("filter-not-available", name, message)
        pairs.append((name, argument))
    return pairs


def parse_select(value: str | None) -> list[str] | None:
    if not value:
        return None
    names = [name for name in value.split(",") if name]
    for name in names:
        if name not in SELECTABLE:
            raise ValidationFailure("select-not-available", name, f"Select field {name} is not available")
    return names


def check_params(params: dict[str, str]) -> None:
    for name in params:
        if name not in LIST_PARAMS and name not in FIELD_QUERIES:
            raise ValidationFailure("parameter-not-allowed", name, f"This route does not support {name}")


def matches_filters(record: dict[str, Any], pairs: list[tuple[str, str]]) -> bool:
    dois = {argument.lower() for name, argument in pairs if name == "doi"}
    types = {argument for name, argument in pairs if name == "type"}
    if dois and record["DOI"].lower() not in dois:
        return False
    return not types or record.get("type") in types


def trim(record: dict[str, Any], score: float, select: list[str] | None) -> dict[str, Any]:
    item = {**record, "score": score}
    return {key: value for key, value in item.items() if select is None or key in select}


class MockCrossref:
    """The server and its state: records, limits, scripted faults, request log."""

    def __init__(
        self,
        records: Iterable[dict[str, Any]],
        public: Limits = PUBLIC,
        polite: Limits = POLITE,
        latency: float = 0.0,
        enforce: bool = True,
    ) -> None:
        self.index = SearchIndex(records)
        self.pools = {"public": public, "polite": polite}
        self.latency = latency
        self.enforce = enforce
        self.faults: deque[Fault] = deque()
        self.log: list[LoggedRequest] = []
        self.over_limit = 0
        self.over_concurrency = 0
        self._lock = threading.Lock()
        self._admitted: dict[str, deque[float]] = defaultdict(deque)
        self._in_flight: dict[str, int] = defaultdict(int)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @classmethod
    def from_jsonl(cls, path: Path, **kwargs: Any) -> MockCrossref:
        with path.open(encoding="utf-8") as handle:
            return cls((json.loads(line) for line in handle if line.strip()), **kwargs)

    @property
    def url(self) -> str:
        assert self._server is not None, "server not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self, port: int = 0) -> str:
        """Serve in a daemon thread on a random free port; returns the base URL."""
        self._server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, name="mock-crossref", daemon=True)
        self._thread.start()
        return self.url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> MockCrossref:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def reset_log(self) -> None:
        with self._lock:
            self.log.clear()
            self.over_limit = self.over_concurrency = 0

    # 1. admission: the server enforces the limits it advertises.
    def admit(self, entry: LoggedRequest) -> bool:
        limits = self.pools[entry.pool]
        with self._lock:
            self.log.append(entry)
            window = self._admitted[entry.pool]
            while window and window[0] <= entry.start - limits.interval:
                window.popleft()
            entry.concurrent = self._in_flight[entry.pool] + 1
            over_rate = len(window) >= limits.limit
            over_concurrency = entry.concurrent > limits.concurrency
            self.over_limit += over_rate
            self.over_concurrency += over_concurrency
            if self.enforce and (over_rate or over_concurrency):
                return False
            window.append(entry.start)
            self._in_flight[entry.pool] += 1
            return True

    def leave(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._in_flight[entry.pool] -= 1

    def next_fault(self) -> Fault | None:
        with self._lock:
            return self.faults.popleft() if self.faults else None

    # 2. routes
    def answer(self, path: str, params: dict[str, str]) -> tuple[int, str, Any]:
        """(status, content type, body) for a GET."""
        parts = [unquote(part) for part in path.strip("/").split("/", 1)]
        if parts[0] != "works":
            return 404, "text/plain", "Resource not found."
        try:
            if len(parts) == 2 and parts[1]:
                return self.work(parts[1])
            return 200, "application/json", self.works(params)
        except ValidationFailure as failure:
            body = {"status": "failed", "message-type": "validation-failure", "message": [failure.payload]}
            return 400, "application/json", body

    def work(self, doi: str) -> tuple[int, str, Any]:
        record = self.index.by_doi.get(doi.lower())
        if record is None:
            return 404, "text/plain", "Resource not found."
        message = {key: value for key, value in record.items() if key != "score"}
        return 200, "application/json", envelope("work", message)

    def works(self, params: dict[str, str]) -> dict[str, Any]:
        check_params(params)
        rows = parse_rows(params, "rows", 20, 1000)
        offset = parse_rows(params, "offset", 0, 10000)
        pairs = parse_filter(params.get("filter", ""))
        select = parse_select(params.get("select"))
        query = " ".join(value for name, value in params.items() if name == "query" or name in FIELD_QUERIES)
        ranked = self.index.search(query) if query.strip() else [(1.0, record) for record in self.index.records]
        found = [(score, record) for score, record in ranked if matches_filters(record, pairs)]
        items = [trim(record, score, select) for score, record in found[offset : offset + rows]]
        message = {
            "facets": {},
            "total-results": len(found),
            "items": items,
            "items-per-page": rows,
            "query": {"start-index": offset, "search-terms": query or None},
        }
        return envelope("work-list", message)


def envelope(kind: str, message: Any) -> dict[str, Any]:
    return {"status": "ok", "message-type": kind, "message-version": "1.0.0", "message": message}


def make_handler(mock: MockCrossref) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to one MockCrossref."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "mock-crossref/1.0"

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests read `mock.log` instead."""

        def do_GET(self) -> None:
            split = urlsplit(self.path)
            params = {name: values[-1] for name, values in parse_qs(split.query).items()}
            polite = "mailto" in params or "mailto:" in self.headers.get("User-Agent", "")
            entry = LoggedRequest(split.path, params, "polite" if polite else "public", time.monotonic())
            if not mock.admit(entry):
                self.finish_with(entry, 429, "text/html", HTML_429)
                return
            fault = mock.next_fault()
            if fault and fault.hang:
                mock.leave(entry)
                time.sleep(fault.delay)
                self.close_connection = True
                entry.end, entry.status = time.monotonic(), -1
                return
            time.sleep(mock.latency + (fault.delay if fault else 0.0))
            status, ctype, body = self.faulty(fault) if fault and fault.status else mock.answer(split.path, params)
            mock.leave(entry)
            self.finish_with(entry, status, ctype, body, fault.retry_after if fault else None)

        def faulty(self, fault: Fault) -> tuple[int, str, Any]:
            if fault.html:
                return fault.status, "text/html", f"<html><body><h1>{fault.status}</h1></body></html>"
            return fault.status, "text/plain", "Service temporarily unavailable."

        def finish_with(
            self, entry: LoggedRequest, status: int, ctype: str, body: Any, retry_after: str | None = None
        ) -> None:
            entry.end, entry.status = time.monotonic(), status
            payload = (json.dumps(body) if ctype == "application/json" else str(body)).encode()
            limits = mock.pools[entry.pool]
            self.send_response(status)
            self.send_header("Content-Type", f"{ctype};charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("x-rate-limit-limit", str(limits.limit))
            self.send_header("x-rate-limit-interval", limits.interval_header())
            self.send_header("x-concurrency-limit", str(limits.concurrency))
            self.send_header("x-api-pool", entry.pool)
            if retry_after is not None:
                self.send_header("Retry-After", retry_after)
            self.end_headers()
            self.wfile.write(payload)

    return Handler


def max_in_window(times: list[float], interval: float) -> int:
    """The most request starts that fell in any window of `interval` seconds."""
    ordered, best, first = sorted(times), 0, 0
    for last, moment in enumerate(ordered):
        while moment - ordered[first] >= interval:
            first += 1
        best = max(best, last - first + 1)
    return best
