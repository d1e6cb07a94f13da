"""Time to resolve 10,000 place mentions after the gazetteer is loaded (target < 1 s).

Loading includes `Gazetteer.prepare` for the mentions' countries (per-country fuzzy indexes,
which the pipeline also builds before it forks workers).

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


def distinct_mentions(gaz: Gazetteer, n: int) -> list[tuple[str, str | None, str | None, None]]:
    """n different (name, country, province) mentions: names of places in Syria, Iraq and
    Turkey with their own province, so no answer is memoised from an earlier mention."""
    rows: dict[tuple[str, str | None, str | None, None], None] = {}
    for name, pid in gaz.names():
        p = gaz.get(pid)
        if p is not None and p.country in ("SY", "IQ", "TR") and p.kind == "populated_place":
            rows[(name, p.country, p.admin1, None)] = None
    picked = list(rows)
    random.Random(7).shuffle(picked)
    return picked[:n]


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
    parser.add_argument("--distinct", action="store_true",
                        help="n different names (no repeats to memoise) instead of ACLED rows")
    args = parser.parse_args()
    start = time.perf_counter()
    if args.db:
        with Store.open(args.db) as store:
            gaz = Gazetteer.from_store(store)
    else:
        gaz = Gazetteer.builtin()
    batch = distinct_mentions(gaz, args.n) if args.distinct else mentions(gaz, args.n)
    gaz.prepare({gaz.country_code(cc) for _, cc, _, _ in batch if cc} - {None})  # type: ignore[arg-type]
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    resolved = sum(
        georef_for(name, gaz, country=cc, admin1=a1, admin2=a2, strict=True).geo_precision < 3
        for name, cc, a1, a2 in batch
    )
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for name, cc, a1, a2 in batch:
        georef_for(name, gaz, country=cc, admin1=a1, admin2=a2, strict=True)
    warm = time.perf_counter() - start
    print(f"gazetteer load {load_s:.2f} s ({len(gaz):,} places)")
    print(f"{len(batch):,} mentions ({len(set(batch)):,} distinct): {cold:.2f} s first pass, "
          f"{warm:.2f} s second pass; {resolved:,} resolved to a place or district")
    print(json.dumps({"benchmark": "geocode", "mentions": len(batch),
                      "distinct": len(set(batch)), "load_s": round(load_s, 2),
                      "first_pass_s": round(cold, 3), "second_pass_s": round(warm, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
