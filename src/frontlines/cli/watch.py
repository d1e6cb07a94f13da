"""`frontlines watch`: poll feeds, sitemaps and folders and store new articles, as a service."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Annotated

import typer

from frontlines.cli._app import DbOption, app, err, fail, handle_errors, open_store


@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(
        help="Feed (RSS/Atom/JSON Feed) or sitemap URLs, folders, list files (one source a "
             "line) or OPML files. A URL named *sitemap* (or prefixed sitemap:) is a sitemap.")],
    interval: Annotated[float, typer.Option(help="Seconds between polls of a source.")] = 300.0,
    once: Annotated[bool, typer.Option(
        "--once", help="Poll every source once, store what is new, and exit.")] = False,
    batch: Annotated[int, typer.Option(help="Articles stored per transaction.")] = 8,
    rate: Annotated[float, typer.Option(
        help="At most one request per this many seconds to the same host.")] = 1.0,
    max_backoff: Annotated[float, typer.Option(
        help="Longest wait (seconds) before retrying a failing source.")] = 6 * 3600.0,
    alerts: Annotated[Path | None, typer.Option(
        help="Alert rules (YAML): evaluated as articles land, sent to webhooks.")] = None,
    host: Annotated[str, typer.Option(help="Address of /health and /metrics.")] = "127.0.0.1",
    port: Annotated[int | None, typer.Option(
        help="Port of /health and /metrics (Prometheus text); none when not given.")] = None,
    db: DbOption = None,
) -> None:
    """Watch sources: conditional polling, per-source backoff, polite per-host rate limit,
    trafilatura extraction, dedup by content hash; a restart resumes without loss or
    duplicates. Logs one JSON object per line on stderr."""
    from frontlines.pipeline import Pipeline
    from frontlines.watch import Fetcher, JsonLog, Watcher, parse_sources, serve_status

    if interval <= 0 or batch < 1 or rate < 0 or max_backoff <= 0:
        fail("--interval, --batch and --max-backoff must be positive, --rate not negative")
    with handle_errors():
        parsed = parse_sources(sources)
        rules = None
        if alerts is not None:
            from frontlines.alerts import load_rules

            rules = load_rules(alerts)
    log = JsonLog()
    with open_store(db) as store:
        pipeline = Pipeline.load(store)
        on_batch = after_poll = None
        engine = None
        if rules is not None:
            from frontlines.alerts import AlertEngine

            engine = AlertEngine(store, rules, log=log)
            on_batch, after_poll = engine.on_documents, engine.deliver_due
        watcher = Watcher(pipeline, parsed, interval=interval, max_backoff=max_backoff,
                          batch_size=batch, fetcher=Fetcher(min_interval=rate), log=log,
                          on_batch=on_batch, after_poll=after_poll)
        stop = threading.Event()
        server = None
        if port is not None:
            server = serve_status(watcher, host, port)
            log("status_server", url=f"http://{host}:{server.server_port}/metrics")
        if not once:
            for sig in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sig, lambda *_: stop.set())
        log("watch_start", sources=[s.location for s in parsed], interval=interval)
        try:
            watcher.run(stop, once=once)
        finally:
            watcher.close()
            if engine is not None:
                engine.close()
            if server is not None:
                server.shutdown()
                server.server_close()
        counts = watcher.state.counts()
        log("watch_stop", **counts)
    if once:
        err.print(f"{counts['stored']} stored, {counts['duplicate']} duplicate, "
                  f"{counts['failed']} failed, {counts['pending']} pending", markup=False)


state_app = typer.Typer(help="Materialised state views (control, sources basis, tolls, actors): "
                             "rebuild from every event.",
                        no_args_is_help=True)
app.add_typer(state_app, name="state")


@state_app.command("rebuild")
def state_rebuild(db: DbOption = None) -> None:
    """Recompute the materialised state from every event: control per place, and each event's
    sources basis and toll and the actors events name (the same rows incremental updates keep;
    needed after events were deleted)."""
    import time

    from frontlines.knowledge import actor_knowledge
    from frontlines.state import derived
    from frontlines.state.materialised import rebuild

    with open_store(db) as store:
        started = time.perf_counter()
        places = rebuild(store)
        err.print(f"control rebuilt for {places} places in "
                  f"{time.perf_counter() - started:.1f} s", markup=False)
        started = time.perf_counter()
        events = derived.rebuild(store, actor_knowledge(store))
        err.print(f"sources basis, tolls and actors rebuilt for {events} events in "
                  f"{time.perf_counter() - started:.1f} s", markup=False)
