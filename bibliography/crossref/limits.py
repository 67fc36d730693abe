"""A rate limiter and concurrency cap learned from Crossref's response headers.

Crossref advertises `x-rate-limit-limit` requests per `x-rate-limit-interval`
and `x-concurrency-limit` parallel requests, and changes them over time and by
pool, so the limiter starts at one request at a time and adopts whatever the
server last said.

Why counting completions keeps us under the limit: the server sees a request
arrive somewhere between our send and our receipt of the answer. A request
therefore "occupies" the window from its send until `interval` after its
answer; a new request may start only while fewer than `limit` requests
occupy it. Any `limit + 1` arrivals the server could count inside one
interval would need all of them to occupy the window at the moment the last
one was sent, which the rule forbids. The cost is one network latency per
interval (under 1% on a loopback, a few % on the real API).
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$", re.IGNORECASE)
UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_interval(value: str | None) -> float | None:
    """Seconds in an `x-rate-limit-interval` value such as `1s` or `500ms`."""
    match = INTERVAL.match(value or "")
    if not match:
        return None
    return float(match.group(1)) * UNIT_SECONDS[(match.group(2) or "s").lower()]


def parse_positive_int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() and int(value) > 0 else None


class RateLimiter:
    """Blocks callers so that neither the rate nor the concurrency limit is exceeded."""

    def __init__(self, limit: int = 1, interval: float = 1.0, concurrency: int = 1, margin: float = 0.005) -> None:
        self.limit = limit
        self.interval = interval
        self.concurrency = concurrency
        self.margin = margin
        self.learned = False
        self.blocked_until = 0.0
        self._in_flight = 0
        self._finished: deque[float] = deque()
        self._cond = threading.Condition()

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one request's place; released when the answer (or the failure) is in."""
        self.acquire()
        try:
            yield
        finally:
            self.release()

    def acquire(self) -> None:
        with self._cond:
            while True:
                wait = self._wait_time(time.monotonic())
                if wait == 0.0:
                    self._in_flight += 1
                    return
                self._cond.wait(timeout=wait)

    def release(self) -> None:
        with self._cond:
            self._in_flight -= 1
            self._finished.append(time.monotonic())
            self._cond.notify_all()

    def _wait_time(self, now: float) -> float | None:
        """0 when a request may start now; else seconds to wait (None: until a release)."""
        window = self.interval + self.margin
        while self._finished and self._finished[0] + window <= now:
            self._finished.popleft()
        if now < self.blocked_until:
            return self.blocked_until - now
        if self._in_flight >= self.concurrency or self._in_flight >= self.limit:
            return None
        if self._in_flight + len(self._finished) >= self.limit:
            return self._finished[0] + window - now
        return 0.0

    def pause(self, seconds: float) -> None:
        """Hold every caller back (after a 429 or a Retry-After)."""
        with self._cond:
            self.blocked_until = max(self.blocked_until, time.monotonic() + seconds)
            self._cond.notify_all()

    def learn(self, headers: Mapping[str, str]) -> None:
        """Adopt the limits a response advertises; ignore absent or broken headers."""
        limit = parse_positive_int(headers.get("x-rate-limit-limit"))
        interval = parse_interval(headers.get("x-rate-limit-interval"))
        concurrency = parse_positive_int(headers.get("x-concurrency-limit"))
        with self._cond:
            if limit and interval:
                self.limit, self.interval, self.learned = limit, interval, True
            if concurrency:
                self.concurrency = concurrency
            self._cond.notify_all()

    @property
    def rate(self) -> float:
        """Advertised requests per second."""
        return self.limit / self.interval
