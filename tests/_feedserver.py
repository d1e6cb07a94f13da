"""A local HTTP server for watch/alert tests: routes served from a dict the test changes,
requests recorded, ETag / Last-Modified honoured, and routes that can block or fail."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: bool = True  # answer with an ETag and honour If-None-Match
    block: threading.Event | None = None  # wait for this event before answering
    arrived: threading.Event = field(default_factory=threading.Event)  # a request came
    hook: Callable[[dict[str, Any]], tuple[int, bytes]] | None = None  # for POST receivers


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    status: int


@dataclass
class FeedServer:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)
    url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def hits(self, path: str, status: int | None = None) -> int:
        with self.lock:
            return sum(1 for r in self.requests
                       if r.path == path and (status is None or r.status == status))


def rss(server_url: str, items: list[tuple[str, str]], title: str = "Example Wire") -> bytes:
    """An RSS 2.0 feed; items are (path, title)."""
    entries = "".join(
        f"<item><title>{t}</title><link>{server_url}{p}</link><guid>{server_url}{p}</guid>"
        f"<pubDate>Fri, 10 May 2019 08:00:00 GMT</pubDate></item>" for p, t in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{server_url}/</link><description>wire</description>{entries}"
            "</channel></rss>").encode()


def page(title: str, text: str) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n"))
    return (f"<!doctype html><html><head><title>{title}</title>"
            '<meta name="date" content="2019-05-10"></head><body><nav>Home | World</nav>'
            f"<article><h1>{title}</h1>{paras}</article><footer>(c) Example Wire</footer>"
            "</body></html>").encode()


@contextmanager
def feed_server() -> Iterator[FeedServer]:
    state = FeedServer()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            route = state.routes.get(self.path)
            headers = {k: v for k, v in self.headers.items()}
            if route is None:
                status, data, extra = 404, b"not found", {}
            elif route.hook is not None:
                status, data = route.hook({"headers": headers, "body": body})
                extra = {}
            else:
                route.arrived.set()
                if route.block is not None:
                    route.block.wait(timeout=60)
                status, data, extra = route.status, route.body, {}
                if route.etag and status == 200:
                    tag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
                    extra["ETag"] = tag
                    if self.headers.get("If-None-Match") == tag:
                        status, data = 304, b""
            with state.lock:
                state.requests.append(Recorded(method, self.path, headers, body, status))
            try:
                self._send(route, status, data, extra)
            except (BrokenPipeError, ConnectionResetError):  # the client was killed
                pass

        def _send(self, route: Route | None, status: int, data: bytes,
                  extra: dict[str, str]) -> None:
            self.send_response(status)
            ctype = route.content_type if route else "text/plain"
            self.send_header("Content-Type", ctype)
            for k, v in extra.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if data:
                self.wfile.write(data)

        def do_GET(self) -> None:
            self._answer("GET")

        def do_POST(self) -> None:
            self._answer("POST")

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield state
    finally:
        for r in state.routes.values():
            if r.block is not None:
                r.block.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
