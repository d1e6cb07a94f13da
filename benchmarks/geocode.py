"""Time to resolve 10,000 place mentions after the gazetteer is loaded (target < 1 s).

Mentions are drawn from the ACLED development sets' `location` column with their admin1/admin2
context when ../shared is here, else from the built-in gazetteer's town names. Prints figures
and a JSON line.

    .venv/bin/python benchmarks/geocode.py [--db gazetteer.db] [-n 10000]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path

from frontlines.geo import Gazetteer, georef_for
from frontlines.store import Store

ACLED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "acled"


def mentions(gaz: Gazetteer, n: int) -> list[tuple[str, str | None, str | None, str | None]]:
    rows: list[tuple[str, str | None, str | None, str | None]] = []
    if ACLED.exists():
        for path in sorted(ACLED.glob("*.csv")):
            with path.open(encoding="utf-8", newline="") as fh:
                rows += [(r["location"], r["country"], r["admin1"], r["admin2"])
                         for r in csv.DictReader(fh)]
    else:
        rows = [(name, None, None, None) for name, _ in gaz.names()][:5000]
    rng = random.Random(7)
    return [rng.choice(rows) for _ in range(n)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a store with places loaded (default: built-in only)")
    parser.add_argument("-n", type=int, default=10_000)
    args = parser.parse_args()
    start = time.perf_counter()
    if args.db:
        with Store.open(args.db) as store:
            gaz = Gazetteer.from_store(store)
    else:
        gaz = Gazetteer.builtin()
    load_s = time.perf_counter() - start
    batch = mentions(gaz, args.n)
    start = time.perf_counter()
    resolved = sum(
        georef_for(name, gaz, country=cc, admin1=a1, admin2=a2).geo_precision < 3
        for name, cc, a1, a2 in batch
    )
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for name, cc, a1, a2 in batch:
        georef_for(name, gaz, country=cc, admin1=a1, admin2=a2)
    warm = time.perf_counter() - start
    print(f"gazetteer load {load_s:.2f} s ({len(gaz):,} places)")
    print(f"{args.n:,} mentions: {cold:.2f} s first pass, {warm:.2f} s second pass; "
          f"{resolved:,} resolved to a place or district")
    print(json.dumps({"benchmark": "geocode", "mentions": args.n, "load_s": round(load_s, 2),
                      "first_pass_s": round(cold, 3), "second_pass_s": round(warm, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
