"""Geocode the ACLED development sets: the `location` column in the context of its admin1/admin2,
and the place named in the `notes` text (no columns given). Prints accuracy within 10 km per file
and a JSON line. Needs ../shared (skips with a message when it is absent).

    .venv/bin/python benchmarks/geocode_acled.py [--db gazetteer.db]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

import spacy

import frontlines.nlp.places  # noqa: F401 - registers the factory
from frontlines.geo import (
    Gazetteer,
    distance_km,
    georef_for,
    load_admin_geojson,
    load_geonames,
    load_ocha_communities,
    load_opensyria,
    resolve_places,
)
from frontlines.model import Document, GeoRef
from frontlines.nlp import Knowledge
from frontlines.nlp.annotator import to_annotated
from frontlines.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SYRIA = SHARED / "data" / "syria"
ACLED = SHARED / "eval" / "acled"


def build_store(path: Path) -> Store:
    store = Store.open(str(path))
    load_geonames(store, SYRIA / "geonames-cities15000-SY.tsv")
    load_ocha_communities(store, SYRIA / "ocha-communities.csv")
    for level in ("governorates", "districts", "subdistricts"):
        load_opensyria(store, SYRIA / f"opensyria-{level}.json")
    for level in (1, 2):
        load_admin_geojson(store, SYRIA / f"ocha-admin{level}.geojson")
    return store


def notes_place(nlp: spacy.language.Language, gaz: Gazetteer, notes: str) -> GeoRef | None:
    """The event place of an ACLED note: the first place resolved to a town, else an area."""
    doc = Document.create(notes)
    annotated = to_annotated(doc, nlp(notes))
    refs = [r for _, r in sorted(resolve_places(annotated, gaz).items())]
    for precision in (1, 2, 3):
        for r in refs:
            if r.lat is not None and r.geo_precision == precision:
                return r
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a store with the Syria gazetteer loaded (else built)")
    args = parser.parse_args()
    if not ACLED.exists() or not SYRIA.exists():
        print(f"skipped: {ACLED} or {SYRIA} is not available")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(args.db) if args.db else build_store(Path(tmp) / "gaz.db")
        gaz = Gazetteer.from_store(store)
        store.close()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("frontlines_places").configure(Knowledge(gazetteer=gaz))
    results = {}
    for path in sorted(ACLED.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        col_ok = notes_ok = 0
        start = time.perf_counter()
        for row in rows:
            lat, lon = float(row["latitude"]), float(row["longitude"])
            ref = georef_for(row["location"], gaz, country=row["country"], admin1=row["admin1"],
                             admin2=row["admin2"], strict=True)
            if ref.lat is not None and distance_km(ref.lat, ref.lon, lat, lon) <= 10:
                col_ok += 1
            found = notes_place(nlp, gaz, row["notes"])
            if found is not None and distance_km(found.lat, found.lon, lat, lon) <= 10:
                notes_ok += 1
        n = len(rows)
        results[path.name] = {"rows": n, "location_within_10km": round(col_ok / n, 3),
                              "notes_within_10km": round(notes_ok / n, 3),
                              "seconds": round(time.perf_counter() - start, 1)}
        print(f"{path.name:40} rows {n:4}  location column {col_ok / n:.3f}  "
              f"notes text {notes_ok / n:.3f}", flush=True)
    print(json.dumps({"benchmark": "geocode_acled", "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
