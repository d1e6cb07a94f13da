"""/health and /metrics (Prometheus text format) for a running `frontlines watch`, served by a
small thread on 127.0.0.1 (or the host given)."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from frontlines.watch.service import Watcher

__all__ = ["health", "metrics_text", "serve_status"]


def health(watcher: Watcher) -> tuple[int, dict[str, Any]]:
    """200 while polls happen on schedule; 503 when the last poll is older than 3 intervals."""
    last = watcher.counters.last_poll
    now = watcher.clock()
    stale = last is None or now - last > timedelta(seconds=3 * watcher.interval + 60)
    sources = watcher.state.sources([s.id for s in watcher.sources])
    body = {
        "status": "starting" if last is None else ("stale" if stale else "ok"),
        "last_poll": last.isoformat(timespec="seconds") + "Z" if last else None,
        "sources": len(sources),
        "failing_sources": sum(1 for s in sources if s.failures),
        "items": watcher.state.counts(),
    }
    return (503 if stale else 200), body


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def metrics_text(watcher: Watcher) -> str:
    counts = watcher.state.counts()
    c = watcher.counters
    lines = [
        "# HELP frontlines_watch_documents_total Items seen, stored, duplicate, failed.",
        "# TYPE frontlines_watch_documents_total counter",
    ]
    for what in ("seen", "stored", "duplicate", "failed"):
        lines.append(f'frontlines_watch_documents_total{{outcome="{what}"}} {counts[what]}')
    lines += [
        "# HELP frontlines_watch_pending_items Items waiting to be fetched and stored.",
        "# TYPE frontlines_watch_pending_items gauge",
        f"frontlines_watch_pending_items {counts['pending']}",
        "# HELP frontlines_watch_polls_total Poll rounds since start.",
        "# TYPE frontlines_watch_polls_total counter",
        f"frontlines_watch_polls_total {c.polls}",
        "# HELP frontlines_watch_fetches_total HTTP fetches since start, by kind.",
        "# TYPE frontlines_watch_fetches_total counter",
        f'frontlines_watch_fetches_total{{kind="source"}} {c.feed_fetches}',
        f'frontlines_watch_fetches_total{{kind="not_modified"}} {c.not_modified}',
        f'frontlines_watch_fetches_total{{kind="source_error"}} {c.source_errors}',
        f'frontlines_watch_fetches_total{{kind="page"}} {c.page_fetches}',
        "# HELP frontlines_watch_source_lag_seconds Seconds since the source last answered.",
        "# TYPE frontlines_watch_source_lag_seconds gauge",
    ]
    now = watcher.clock()
    states = watcher.state.sources([s.id for s in watcher.sources])
    for s in states:
        lag = (now - s.last_ok).total_seconds() if s.last_ok else float("nan")
        lines.append(f'frontlines_watch_source_lag_seconds{{source="{_label(s.location)}"}} '
                     f"{lag:.3f}")
    lines += ["# HELP frontlines_watch_source_failures Consecutive failures of the source.",
              "# TYPE frontlines_watch_source_failures gauge"]
    for s in states:
        lines.append(f'frontlines_watch_source_failures{{source="{_label(s.location)}"}} '
                     f"{s.failures}")
    return "\n".join(lines) + "\n"


def serve_status(watcher: Watcher, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """Start the /health and /metrics server in a daemon thread; `server.server_port` tells
    the port; `server.shutdown()` stops it."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            try:
                if self.path.split("?")[0] == "/health":
                    code, body = health(watcher)
                    data, ctype = json.dumps(body).encode(), "application/json"
                elif self.path.split("?")[0] == "/metrics":
                    code, ctype = 200, "text/plain; version=0.0.4; charset=utf-8"
                    data = metrics_text(watcher).encode()
                else:
                    code, data, ctype = 404, b'{"error": "not found"}', "application/json"
            except Exception as exc:  # the store is down: say so, keep serving
                code, ctype = 503, "application/json"
                data = json.dumps({"status": "error", "reason": str(exc)[:200]}).encode()
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
