"""HTTP for `frontlines watch`: conditional GETs (ETag / Last-Modified), a polite rate limit
per host (at most one request per `min_interval` seconds to the same host, or the host's
robots.txt Crawl-delay when longer), and robots.txt respected (RFC 9309): a URL its host's
robots.txt disallows for our user agent is never fetched (`RobotsDisallowed`). robots.txt is
read once per host and kept `robots_ttl` seconds; a 4xx answer allows everything, a 5xx or a
network error disallows the host until it can be read."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

__all__ = ["FetchError", "Fetched", "Fetcher", "RobotsDisallowed"]

USER_AGENT = "frontlines-watch/0.1 (+https://github.com/frontlines; polite polling)"


class FetchError(Exception):
    """A fetch that failed: network error or an HTTP error status."""


class RobotsDisallowed(FetchError):
    """The host's robots.txt disallows this URL for our user agent: not fetched, not retried."""


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
                 clock: Callable[[], float] = time.monotonic,
                 respect_robots: bool = True, robots_ttl: float = 24 * 3600.0) -> None:
        self.min_interval = min_interval
        self.respect_robots = respect_robots
        self.robots_ttl = robots_ttl
        self._robots: dict[str, tuple[float, RobotFileParser]] = {}
        self._delay: dict[str, float] = {}
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
            interval = max(self.min_interval, self._delay.get(host, 0.0))
            wait = 0.0 if last is None else last + interval - now
            self._last[host] = now + max(wait, 0.0)
        if wait > 0:
            self._sleep(wait)

    def get(self, url: str, *, etag: str | None = None,
            last_modified: str | None = None) -> Fetched:
        """GET with the validators of the last answer; a 304 comes back with no body.
        RobotsDisallowed when the host's robots.txt disallows `url`."""
        if self.respect_robots and not self.allowed(url):
            raise RobotsDisallowed("disallowed by robots.txt")
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

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets our user agent fetch `url` (read when needed).
        FetchError when robots.txt cannot be read (5xx, network): nothing is fetched then."""
        parts = urlsplit(url)
        host = parts.netloc.lower()
        with self._lock:
            cached = self._robots.get(host)
        if cached is None or self._clock() - cached[0] > self.robots_ttl:
            robots = RobotFileParser()
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            self._wait_turn(robots_url)
            try:
                resp = self.client.get(robots_url)
            except httpx.HTTPError as exc:
                raise FetchError(f"robots.txt: {exc.__class__.__name__}: {exc}") from exc
            if resp.status_code >= 500:
                raise FetchError(f"robots.txt: HTTP {resp.status_code}")
            if resp.status_code >= 400:
                robots.parse([])  # no robots.txt: everything is allowed
            else:
                robots.parse(resp.text[:500_000].splitlines())
            delay = robots.crawl_delay(USER_AGENT)
            with self._lock:
                self._robots[host] = (self._clock(), robots)
                self._delay[host] = float(delay) if delay else 0.0
            cached = self._robots[host]
        return cached[1].can_fetch(USER_AGENT, url)
