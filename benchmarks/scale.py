"""State at scale and ingest on Dask workers, in one run.

    .venv/bin/python benchmarks/scale.py [--events 1000000] [--requests 200]
        [--fakes 804 | --fakes 0] [--only api|dask] [--workers 1,2]
        [--pg postgresql+psycopg://root@127.0.0.1:5432/test] [--keep-db] [--reuse-db URL]

`--only api` runs steps 1-3 (no Dask), `--only dask` step 4 (no synthetic events).

1. Generates N synthetic events (one claim each, ten per document) into a fresh PostgreSQL
   database: places across 14 provinces, 40 actors, ten years of dates, a mix of captures,
   clashes, shelling, strikes and protests (COPY, the tables' plain indexes built after it).
2. Materialises the state (the rows `frontlines state rebuild` writes: control, and the
   per-event sources basis, tolls and actors of state/derived.py) from the events it holds,
   not read back, and times each (with the load average: the machine may be shared).
3. Starts `frontlines serve` on that database in its own process and times, over HTTP, the
   control (on a date: all places without history, as the map asks; one place with its full
   history, as a click on the map asks; one province with the last 50 history entries per
   place; all places with 50 and with full histories), events (a page of a 30-day window),
   alliances (on a date) and casualties (a 30-day window) routes: p50/p95 over --requests
   requests each (a route is stopped after --route-budget seconds; the count is printed).
4. Ingests the FA-KES corpus (../shared/data/corpus, 804 articles; --fakes N takes the first N)
   with `--engine dask` on a LocalCluster of 1 and then 2 worker processes, each into a fresh
   database, and prints articles/s and the ratio (model loading is timed apart).

The last line is JSON with every figure. Databases made here are dropped at the end (kept with
--keep-db, to time them again with --reuse-db, e.g. with another checkout's code).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import httpx
import sqlalchemy as sa

from frontlines.model import ActorRef, Claim, Document, Event, GeoRef, Quantity
from frontlines.store._queries import insert_rows

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "fa-kes-syria-news.csv"

SUBTYPES = [  # (event type, sub-event type, share)
    ("Battles", "Non-state actor overtakes territory", 0.04),
    ("Battles", "Government regains territory", 0.02),
    ("Strategic developments", "Non-violent transfer of territory", 0.01),
    ("Battles", "Armed clash", 0.35),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 0.25),
    ("Explosions/Remote violence", "Air/drone strike", 0.13),
    ("Violence against civilians", "Attack", 0.10),
    ("Protests", "Peaceful protest", 0.10),
]


@contextmanager
def fresh_database(admin_url: str, keep: bool = False) -> Iterator[str]:
    name = f"frontlines_scale_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        if keep:
            print(f"kept {url}", file=sys.stderr)
        else:
            with admin.connect() as conn:
                conn.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                     "WHERE datname = :n"), {"n": name})
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def generate(url: str, n: int, seed: int = 7) -> dict[str, float]:
    from frontlines.store import Store, schema
    from frontlines.store._rows import claim_row, document_row, event_row

    rng = random.Random(seed)
    n_places = max(100, n // 200)
    places = [GeoRef(text=f"Place {i}", place_id=f"syn:{i}", name=f"Place {i}",
                     lat=32.5 + rng.random() * 4.5, lon=35.8 + rng.random() * 6.0,
                     country="SY", admin1=f"Province {i % 14:02d}") for i in range(n_places)]
    actors = [ActorRef(f"syn-actor-{k}", f"Synthetic Armed Group {k}") for k in range(40)]
    kinds = [(t, s) for t, s, _ in SUBTYPES]
    weights = [w for _, _, w in SUBTYPES]
    first = date(2012, 1, 1)
    store = Store.open(url)
    started = time.perf_counter()
    cpu = time.process_time()
    chunk = 5000
    made: list[Event] = []  # every event with its claim, for the rebuilds (no read back)
    deferred = _drop_secondary_indexes(store.engine)
    for start in range(0, n, chunk):
        docs, claims, events, links = [], [], [], []
        for i in range(start, min(n, start + chunk)):
            if i % 10 == 0:
                doc = Document.create(f"Synthetic report {i // 10}: events {i} to {i + 9}.",
                                      published=first + timedelta(days=i * 3650 // n))
                docs.append(document_row(doc))
            etype, sub = rng.choices(kinds, weights)[0]
            when = first + timedelta(days=rng.randrange(3650))
            a1, a2 = rng.sample(actors, 2)
            place = places[rng.randrange(n_places)]
            fat = rng.randrange(0, 20) if etype != "Protests" and rng.random() < 0.4 else None
            claim = Claim(id=f"syn-c-{i}", doc_id=doc.id, sentence=i % 10,
                          evidence=f"Synthetic sentence {i}.", evidence_start=0,
                          evidence_end=10, trigger="took" if "territory" in sub else "hit",
                          event_type=etype, sub_event_type=sub, actor1=a1, actor2=a2,
                          place=place)
            ev = Event(id=f"syn-e-{i}", event_type=etype, sub_event_type=sub, claims=(claim,),
                       actor1=a1, actor2=None if "overtakes" in sub else a2, place=place,
                       date=when, fatalities=fat,
                       fatality_reports=(Quantity(str(fat), "killed", fat),) if fat else (),
                       notes=claim.evidence)
            claims.append(claim_row(claim))
            events.append(event_row(ev))
            links.append({"event_id": ev.id, "claim_id": claim.id})
            made.append(ev)
        with store.transaction() as conn:
            insert_rows(conn, schema.documents, docs)
            insert_rows(conn, schema.claims, claims)
            insert_rows(conn, schema.events, events)
            insert_rows(conn, schema.event_claims, links)
        if start and start % 100_000 == 0:
            print(f"  generated {start} events ({time.perf_counter() - started:.0f} s)",
                  file=sys.stderr)
    copy_s = time.perf_counter() - started
    copy_cpu = time.process_time() - cpu
    started = time.perf_counter()
    with store.transaction() as conn:
        for ddl in deferred:  # built once over the loaded rows, not row by row
            conn.execute(sa.text(ddl))
    index_s = time.perf_counter() - started
    with store.transaction() as conn:
        conn.execute(sa.text("ANALYZE"))
    print(f"  {n} events copied in {copy_s:.0f} s ({copy_cpu:.0f} s CPU here), indexes built "
          f"in {index_s:.0f} s (load {os.getloadavg()[0]:.1f})", file=sys.stderr)
    from frontlines.knowledge import actor_knowledge
    from frontlines.state import derived
    from frontlines.state.materialised import rebuild

    # the state `frontlines state rebuild` writes, from the events held here rather than
    # read back and decoded (the same rows: tests/test_state_materialised.py and
    # test_state_derived.py compare the two ways)
    started = time.perf_counter()
    n_states = rebuild(store, events=made)
    rebuild_s = time.perf_counter() - started
    print(f"  control rebuilt in {rebuild_s:.0f} s (load {os.getloadavg()[0]:.1f})",
          file=sys.stderr)
    started = time.perf_counter()
    n_events = derived.rebuild(store, actor_knowledge(store), events=made)  # the server's kb
    derived_s = time.perf_counter() - started
    print(f"  per-event state rebuilt in {derived_s:.0f} s (load {os.getloadavg()[0]:.1f})",
          file=sys.stderr)
    del made
    store.close()
    started = time.perf_counter()
    vacuum(url)
    vacuum_s = time.perf_counter() - started
    print(f"  vacuumed in {vacuum_s:.0f} s (load {os.getloadavg()[0]:.1f})", file=sys.stderr)
    return {"generate_s": copy_s + index_s, "copy_s": copy_s, "copy_cpu_s": copy_cpu,
            "index_s": index_s, "rebuild_control_s": rebuild_s, "rebuild_events_s": derived_s,
            "vacuum_s": vacuum_s, "places": n_places, "materialised_places": n_states,
            "materialised_events": n_events}


_TABLES = ("documents", "claims", "events", "event_claims")


def _drop_secondary_indexes(engine: sa.Engine) -> list[str]:
    """Drop the plain (non-unique) indexes of the tables the load writes and return their
    definitions, to build each once after the load (keys and unique constraints stay)."""
    with engine.begin() as conn:
        found = conn.execute(sa.text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c "
            "ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid "
            "WHERE i.schemaname = current_schema() AND i.tablename = ANY(:t) "
            "AND NOT x.indisunique ORDER BY i.indexname"), {"t": list(_TABLES)}).all()
        for name, _ in found:
            conn.execute(sa.text(f'DROP INDEX "{name}"'))
    return [ddl for _, ddl in found]


def vacuum(url: str) -> None:
    """VACUUM ANALYZE, as autovacuum does to a live database after bulk writes: statistics,
    and the visibility map that lets a count over a date window read the index only."""
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text("VACUUM ANALYZE"))
    engine.dispose()


@contextmanager
def serve(url: str) -> Iterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    log = open(f"/tmp/frontlines-scale-serve-{port}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "frontlines", "serve", "--db", url,
                             "--port", str(port)], env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/api/settings", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                if proc.poll() is not None:
                    raise SystemExit(f"frontlines serve exited; see {log.name}") from None
                time.sleep(0.5)
        else:
            raise SystemExit(f"frontlines serve did not start; see {log.name}")
        yield base
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()


def time_routes(base: str, requests: int, budget: float, only: str | None = None,
                seed: int = 11) -> dict[str, dict[str, float]]:
    rng = random.Random(seed)
    first = date(2012, 1, 1)

    def day() -> date:
        return first + timedelta(days=rng.randrange(3650))

    places: list[str] = []

    def place() -> str:
        return rng.choice(places)

    routes = {
        "control (all places, no history: history=0, as the map asks)": lambda: (
            "/api/control", {"on": day().isoformat(), "history": 0}),
        "control (one place, full history, as a click on the map asks)": lambda: (
            "/api/control", {"on": day().isoformat(), "place": place()}),
        "control (one province, history=50)": lambda: ("/api/control", {
            "on": day().isoformat(), "history": 50,
            "region": f"Province {rng.randrange(14):02d}"}),
        "control (all places, history=50)": lambda: ("/api/control", {
            "on": day().isoformat(), "history": 50}),
        "control (all places, full history)": lambda: ("/api/control", {
            "on": day().isoformat()}),
        "events (page of a 30-day window)": lambda: _window("/api/events", day(),
                                                            {"limit": 100}),
        "alliances": lambda: ("/api/alliances", {"on": day().isoformat()}),
        "casualties (30 days, by day)": lambda: _window("/api/casualties", day(),
                                                        {"by": "day"}),
    }
    if only:
        words = only.split(",")
        routes = {k: v for k, v in routes.items() if any(w in k for w in words)}
    out: dict[str, dict[str, float]] = {}
    with httpx.Client(base_url=base, timeout=600) as client:
        last = client.get("/api/control", params={"on": first.replace(year=first.year + 10),
                                                  "history": 0})  # warm
        places.extend(sorted(f["id"] for f in last.json()["features"]))
        for name, make in routes.items():
            times: list[float] = []
            route_start = time.perf_counter()
            size = 0
            while len(times) < requests and time.perf_counter() - route_start < budget:
                path, params = make()
                t = time.perf_counter()
                r = client.get(path, params=params)
                times.append((time.perf_counter() - t) * 1000)
                size = len(r.content)
                if r.status_code != 200:
                    raise SystemExit(f"{path} {params}: HTTP {r.status_code} {r.text[:200]}")
            times.sort()
            out[name] = {"n": len(times), "p50_ms": statistics.median(times),
                         "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))],
                         "last_bytes": size}
            print(f"  {name:50s} n={len(times):4d} p50 {out[name]['p50_ms']:8.1f} ms  "
                  f"p95 {out[name]['p95_ms']:8.1f} ms  ({size} bytes)", file=sys.stderr)
    return out


def _window(path: str, start: date, extra: dict[str, object]) -> tuple[str, dict[str, object]]:
    return path, {"date_from": start.isoformat(),
                  "date_to": (start + timedelta(days=30)).isoformat(), **extra}


def fakes_documents(limit: int) -> list[object]:
    from frontlines.ingest import documents_from_text
    from frontlines.model import Document

    csv.field_size_limit(10**8)
    docs: list[object] = []
    with open(CORPUS, encoding="utf-8", newline="") as fp:
        for n, row in enumerate(csv.DictReader(fp)):
            if n >= limit:
                break
            for d in documents_from_text(row["article_content"], title=row["article_title"],
                                         outlet=row.get("source") or None,
                                         source=f"fa-kes:{n + 1}"):
                docs.append(d)
    return [d for d in docs if isinstance(d, Document)]


def checkpoint(admin_url: str) -> None:
    """Flush PostgreSQL's dirty pages now: a checkpoint that the previous run's writes would
    trigger otherwise lands inside the next timed run, and the second of two runs read slower
    whichever worker count it had (session 12: 1,2 gave 1.48x, 2,1 gave 1.69x)."""
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("CHECKPOINT"))
    except sa.exc.DBAPIError as exc:  # not a superuser: time without it
        print(f"  no CHECKPOINT before the run: {exc.orig}", file=sys.stderr)
    finally:
        admin.dispose()


def time_dask(admin_url: str, docs: list[object], workers: int) -> dict[str, float]:
    from distributed import Client, LocalCluster

    from frontlines.scale.dask_engine import _sync_knowledge_base, _warm, ingest_dask
    from frontlines.store import Store

    with fresh_database(admin_url) as url, \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                         dashboard_address=None) as cluster, Client(cluster) as client:
        with Store.open(url) as store:
            _sync_knowledge_base(store)
        checkpoint(admin_url)  # the last run's writes are flushed now, not during this one
        t0 = time.perf_counter()
        client.run(_warm, url)  # model loaded once per worker (timed apart)
        t1 = time.perf_counter()
        report = ingest_dask(docs, url, client, batch_size=16)  # type: ignore[arg-type]
        t2 = time.perf_counter()
    stored = report.count("stored")
    return {"workers": workers, "load_s": t1 - t0, "run_s": t2 - t1, "stored": stored,
            "errors": report.count("error"), "articles_per_s": stored / (t2 - t1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--route-budget", type=float, default=300.0,
                    help="Seconds at most per route (slow routes stop early; n is printed).")
    ap.add_argument("--fakes", type=int, default=804, help="FA-KES articles (0: skip).")
    ap.add_argument("--only", choices=("api", "dask"),
                    help="Only the API part (synthetic events) or only the Dask ingest.")
    ap.add_argument("--workers", default="1,2", help="Dask worker counts to time, in order.")
    ap.add_argument("--reuse-db", metavar="URL",
                    help="Time the routes on a database an earlier run generated (kept, not "
                         "dropped): no generation, no rebuild.")
    ap.add_argument("--keep-db", action="store_true",
                    help="Keep the generated database (its URL is printed) for --reuse-db.")
    ap.add_argument("--routes", help="Only the routes whose name contains one of these "
                                     "comma-separated words (e.g. control,alliances).")
    ap.add_argument("--pg", default=os.environ.get(
        "FRONTLINES_TEST_PG", "postgresql+psycopg://root@127.0.0.1:5432/test"))
    args = ap.parse_args()
    result: dict[str, object] = {"events": args.events, "cpus": os.cpu_count(),
                                 "loadavg": os.getloadavg()}
    if args.only != "dask":
        api_part(args, result)
    if args.fakes and args.only != "api":
        dask_part(args, result)
    result["loadavg_end"] = os.getloadavg()
    print(json.dumps(result, default=str))


def api_part(args: argparse.Namespace, result: dict[str, object]) -> None:
    if args.reuse_db:
        with serve(args.reuse_db) as base:
            result["routes"] = time_routes(base, args.requests, args.route_budget, args.routes)
        return
    with fresh_database(args.pg, args.keep_db) as url:
        result["db"] = url
        print(f"generating {args.events} synthetic events ...", file=sys.stderr)
        result["generate"] = generate(url, args.events)
        print(f"  {result['generate']}", file=sys.stderr)
        with serve(url) as base:
            result["routes"] = time_routes(base, args.requests, args.route_budget, args.routes)


def dask_part(args: argparse.Namespace, result: dict[str, object]) -> None:
    if not CORPUS.exists():
        print(f"{CORPUS} is not here: skipping the Dask ingest", file=sys.stderr)
        return
    docs = fakes_documents(args.fakes)
    idle_load = os.getloadavg()[0]  # before any worker starts
    runs = []
    for workers in (int(w) for w in args.workers.split(",")):
        print(f"FA-KES: {len(docs)} articles on {workers} Dask worker(s) "
              f"(load {os.getloadavg()[0]:.1f}) ...", file=sys.stderr)
        runs.append({**time_dask(args.pg, docs, workers), "loadavg": os.getloadavg()})
        print(f"  {runs[-1]}", file=sys.stderr)
    result["dask"] = runs
    if len(runs) >= 2:
        result["dask_speedup"] = runs[-1]["articles_per_s"] / runs[0]["articles_per_s"]
        print(f"  {runs[-1]['workers']} workers / {runs[0]['workers']}: "
              f"{result['dask_speedup']:.2f}x", file=sys.stderr)
        # each worker is a process parsing on one core; PostgreSQL, the scheduler and this
        # process need cores of their own: below that the ratio measures contention
        need = max(r["workers"] for r in runs) + 2
        free = (os.cpu_count() or 1) - idle_load
        if free < need:
            result["dask_note"] = (f"not a measure of scaling: {os.cpu_count()} cores, load "
                                   f"{idle_load:.1f} before the runs; it needs {need} idle "
                                   "cores")
            print(f"  {result['dask_note']}", file=sys.stderr)


if __name__ == "__main__":
    main()
