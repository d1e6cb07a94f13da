"""API latency per route on the seed: ingest the seed article into a fresh store (with the OCHA
admin1 polygons and communities when ../shared is here), start `frontlines serve` on it in a
separate process (as an analyst would), and time each route over HTTP.

    .venv/bin/python benchmarks/api.py [--db PATH] [--repeat 30]

Prints a table (median, p95, max in ms) and one JSON line. With --db, an existing store is used
as it is (nothing is ingested).
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx

from frontlines.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "fna-idlib-2017.txt"
SYRIA = SHARED / "data" / "syria"


def build_seed_store(path: Path) -> Store:
    from frontlines.geo import load_admin_geojson, load_ocha_communities
    from frontlines.ingest import iter_documents
    from frontlines.pipeline import Pipeline

    if not SEED.exists():
        sys.exit(f"{SEED} is not available: pass --db with a store to measure")
    store = Store.open(str(path))
    load_admin_geojson(store, SYRIA / "ocha-admin1.geojson")
    load_ocha_communities(store, SYRIA / "ocha-communities.csv")
    Pipeline.load(store).run(iter_documents([SEED], published=date(2017, 7, 21)))
    return store


def routes(store: Store) -> dict[str, str]:
    first = store.events()[0].id if store.count("events") else "none"
    doc = store.documents(limit=1)[0]["id"] if store.count("documents") else "none"
    return {
        "events": "/api/events",
        "events filtered": "/api/events?date_from=2017-07-19&type=Battles&actor=hts"
                           "&bbox=35,35,38,37&q=clash",
        "event": f"/api/events/{first}",
        "actors": "/api/actors",
        "actor": "/api/actors/hts",
        "places": "/api/places",
        "control": "/api/control?on=2017-07-21",
        "control region": "/api/control?on=2017-07-21&region=Idlib",
        "alliances": "/api/alliances?on=2017-07-21",
        "alliances graphml": "/api/alliances?on=2017-07-21&format=graphml",
        "casualties": "/api/casualties?by=month",
        "timeline": "/api/timeline",
        "admin areas": "/api/admin-areas",
        "documents": "/api/documents",
        "document": f"/api/documents/{doc}",
        "export acled": "/api/export?format=acled",
        "page": "/",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing store (default: ingest the seed afresh)")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "seed.db")
    store = Store.open(db) if args.db else build_seed_store(Path(db))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "frontlines", "serve", "--db", db,
                               "--port", str(port)], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/api/settings")
            break
        except httpx.TransportError:
            time.sleep(0.1)
    results: dict[str, dict[str, float]] = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for name, path in routes(store).items():
            client.get(path).raise_for_status()  # warm caches (KB, admin areas)
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - t0) * 1000)
                response.raise_for_status()
            times.sort()
            results[name] = {"median_ms": round(statistics.median(times), 2),
                             "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
                             "max_ms": round(times[-1], 2), "bytes": len(response.content)}
    server.terminate()
    server.wait(timeout=10)
    print(f"{store.count('events')} events, {store.count('documents')} documents, "
          f"{args.repeat} requests per route over HTTP to `frontlines serve`")
    print(f"{'route':<20}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}{'bytes':>10}")
    for name, r in results.items():
        print(f"{name:<20}{r['median_ms']:>11}{r['p95_ms']:>9}{r['max_ms']:>9}{r['bytes']:>10}")
    slowest = max(r["p95_ms"] for r in results.values())
    print(json.dumps({"benchmark": "api", "events": store.count("events"), "routes": results,
                      "slowest_p95_ms": slowest, "under_100ms": slowest < 100}))
    store.close()


if __name__ == "__main__":
    main()
