"""HTTP for `frontlines watch`: conditional GETs (ETag / Last-Modified) and a polite rate limit
per host (at most one request per `min_interval` seconds to the same host)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

__all__ = ["FetchError", "Fetched", "Fetcher"]

USER_AGENT = "frontlines-watch/0.1 (+https://github.com/frontlines; polite polling)"


class FetchError(Exception):
    """A fetch that failed: network error or an HTTP error status."""


@dataclass(frozen=True)
class Fetched:
    status: int  # 200 or 304
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    url: str = ""


class Fetcher:
    def __init__(self, *, min_interval: float = 1.0, timeout: float = 20.0,
                 max_bytes: int = 20 * 1024 * 1024,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.min_interval = min_interval
        self.max_bytes = max_bytes
        self._sleep, self._clock = sleep, clock
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()
        self.client = httpx.Client(timeout=timeout, follow_redirects=True,
                                   headers={"User-Agent": USER_AGENT})

    def close(self) -> None:
        self.client.close()

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            last = self._last.get(host)
            now = self._clock()
            wait = 0.0 if last is None else last + self.min_interval - now
            self._last[host] = now + max(wait, 0.0)
        if wait > 0:
            self._sleep(wait)

    def get(self, url: str, *, etag: str | None = None,
            last_modified: str | None = None) -> Fetched:
        """GET with the validators of the last answer; a 304 comes back with no body."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_turn(url)
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                if resp.status_code == 304:
                    return Fetched(304, etag=etag, last_modified=last_modified, url=url)
                if resp.status_code >= 400:
                    raise FetchError(f"HTTP {resp.status_code}")
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"over {self.max_bytes} bytes")
                    chunks.append(chunk)
                return Fetched(resp.status_code, b"".join(chunks),
                               etag=resp.headers.get("ETag"),
                               last_modified=resp.headers.get("Last-Modified"),
                               url=str(resp.url))
        except httpx.HTTPError as exc:
            raise FetchError(f"{exc.__class__.__name__}: {exc}") from exc
