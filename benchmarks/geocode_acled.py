"""Geocode the ACLED development sets: the `location` column in the context of its admin1/admin2,
and the place named in the `notes` text (no columns given). Prints accuracy within 10 km per file,
the share of rows whose location the loaded gazetteer has by name within 10 km (the reach of
name matching with this data), and a JSON line. Needs ../shared (skips without it).
`--causes` adds a table of why the notes text misses, per file: what was found (nothing, a
province, an area or "near X", a town 10-50 km off, a town farther off), whether the row's
location is in the gazetteer by name, and, for those that are not, how close the nearest name
within 10 km of ACLED's point is to it (key within 1 or 2 edits, same consonant skeleton, or
no similar name: then the place is missing from the data, not spelled otherwise).

    .venv/bin/python benchmarks/geocode_acled.py [--db gazetteer.db] [--causes] [--misses F]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import spacy
from rapidfuzz.distance import Levenshtein

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
from frontlines.geo.gazetteer import ADMIN_KINDS
from frontlines.geo.variants import query_variants
from frontlines.model import Document, GeoRef, Place
from frontlines.names import name_key, skeleton_of_key
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


_ANCHOR_KM = 50.0  # a town this far from the place named as its surroundings is a homonym
_ORIGIN = re.compile(r"\b(?:from|left)\s+(?:the\s+)?$", re.I)  # "from X", "left the X area"


def _rank(ref: GeoRef, text: str, before: str, after: str, gaz: Gazetteer) -> int:
    """0: a town or site; 1: a district, a town named like its province ("in Idleb" after a
    village is the province) or a place the event came from ("from X"); 2: a province, a
    country, or a name that fell back to one."""
    place = gaz.get(ref.place_id) if ref.place_id else None
    if place is None or place.kind in ("country", "admin1") or ref.geo_precision >= 3:
        return 2
    if place.kind in ADMIN_KINDS or _ORIGIN.search(before):
        return 1
    names_province = gaz.admin1_of(text, ref.country) is not None
    return 1 if names_province and not after.lstrip().lower().startswith("city") else 0


def notes_place(nlp: spacy.language.Language, gaz: Gazetteer, notes: str) -> GeoRef | None:
    """The event place of an ACLED note. Notes open with the event's sentence, naming its place
    as "in X (area) in <Province>"; later sentences add context or list other events' places.
    So the first sentence that names a town or district wins; in it the first town, else the
    first district or town named like its province or a place left from, else the first
    province. A town resolved far from a town the sentence then names as its surroundings
    ("X in the countryside of Y", "X near Y") is taken for a wrong homonym: Y is the place."""
    doc = Document.create(notes)
    annotated = to_annotated(doc, nlp(notes))
    refs = resolve_places(annotated, gaz)
    found = []  # (sentence, rank, start, ref, named as surroundings: "near X", "X area")
    for m in annotated.mentions:
        ref = refs.get((m.start, m.end))
        if ref is None or ref.lat is None or ref.lon is None:
            continue
        before, after = notes[max(0, m.start - 12):m.start], notes[m.end:m.end + 12]
        found.append((m.sentence, _rank(ref, m.text, before, after, gaz), m.start, ref,
                      ref.geo_precision == 2))
    if not found:
        return None
    precise = [f for f in found if f[1] <= 1]
    if not precise:
        return min(found, key=lambda f: (f[0], f[2]))[3]
    sentence = min(f[0] for f in precise)
    here = sorted((f for f in precise if f[0] == sentence), key=lambda f: (f[1], f[2]))
    best = here[0]
    for other in here:
        if (other[2] > best[2] and other[1] == 0 and other[4]
                and distance_km(best[3].lat, best[3].lon, other[3].lat, other[3].lon)
                > _ANCHOR_KM):
            return other[3]
    return best[3]


def in_gazetteer(gaz: Gazetteer, row: dict[str, str]) -> bool:
    """Whether any gazetteer entry named like the row's location (same key or fuzzy >= 0.85,
    feature words and qualifiers dropped) lies within 10 km of ACLED's point: what a resolver
    can reach by name with the data loaded (the rest only by a fallback that lands near)."""
    lat, lon = float(row["latitude"]), float(row["longitude"])
    cc = gaz.country_code(row["country"])
    names = [row["location"], *(v.name for v in query_variants(row["location"]))]
    return any(m >= 0.85 and distance_km(p.lat, p.lon, lat, lon) <= 10
               for n in names for p, m in gaz.matches(n, cc))


def _found_kind(found: GeoRef | None, km: float) -> str:
    if found is None:
        return "nothing found"
    if found.geo_precision >= 3:
        return "province or country only"
    if found.geo_precision == 2:
        return "area, district or near X"
    return "town 10-50 km off" if km <= 50 else "town over 50 km off"


class _Grid:
    """The gazetteer's places in 0.1-degree cells, for "every place within 10 km"."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.cells: dict[tuple[int, int], list[Place]] = {}
        for p in gaz.places():
            if p.lat is not None and p.lon is not None:
                self.cells.setdefault((int(p.lat * 10), int(p.lon * 10)), []).append(p)

    def near(self, lat: float, lon: float, km: float = 10.0) -> list[Place]:
        return [p for a in range(int(lat * 10) - 2, int(lat * 10) + 3)
                for b in range(int(lon * 10) - 2, int(lon * 10) + 3)
                for p in self.cells.get((a, b), ())
                if distance_km(lat, lon, p.lat, p.lon) <= km]


def spelling_gap(grid: _Grid, row: dict[str, str]) -> str:
    """How near the closest name within 10 km of ACLED's point is to the row's location:
    "key 1 edit", "key 2 edits", "same skeleton", "no similar name" or "no place"."""
    keys = {name_key(n) for n in (row["location"], *(v.name for v in
                                                      query_variants(row["location"])))} - {""}
    places = grid.near(float(row["latitude"]), float(row["longitude"]))
    if not places:
        return "no place within 10 km"
    best = min((Levenshtein.distance(q, k), skeleton_of_key(q) != skeleton_of_key(k))
               for p in places for k in (name_key(n) for n in (p.name, *p.names))
               if k.isascii() for q in keys)
    if best[0] <= 2:
        return f"key {best[0]} edit{'s' if best[0] > 1 else ''}"
    return "same skeleton" if not best[1] else "no similar name"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a store with the Syria gazetteer loaded (else built)")
    parser.add_argument("--misses", help="write each row the notes text misses to this TSV "
                        "(file, location, what was found, km off, reachable by name, notes)")
    parser.add_argument("--causes", action="store_true",
                        help="print a table of why the notes text misses (see the docstring)")
    args = parser.parse_args()
    misses: list[list[str]] = []
    causes: Counter[tuple[str, str, str]] = Counter()
    if not ACLED.exists() or not SYRIA.exists():
        print(f"skipped: {ACLED} or {SYRIA} is not available")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(args.db) if args.db else build_store(Path(tmp) / "gaz.db")
        gaz = Gazetteer.from_store(store)
        store.close()
    grid = _Grid(gaz) if args.causes else None
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("frontlines_places").configure(Knowledge(gazetteer=gaz))
    results = {}
    for path in sorted(ACLED.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        col_ok = notes_ok = named = 0
        start = time.perf_counter()
        for row in rows:
            lat, lon = float(row["latitude"]), float(row["longitude"])
            ref = georef_for(row["location"], gaz, country=row["country"], admin1=row["admin1"],
                             admin2=row["admin2"], strict=True)
            if ref.lat is not None and distance_km(ref.lat, ref.lon, lat, lon) <= 10:
                col_ok += 1
            reachable = in_gazetteer(gaz, row)
            named += reachable
            found = notes_place(nlp, gaz, row["notes"])
            km = (distance_km(found.lat, found.lon, lat, lon) if found is not None
                  else float("inf"))
            if km <= 10:
                notes_ok += 1
            else:
                if grid is not None:
                    causes[(path.name.removesuffix(".csv"), _found_kind(found, km),
                            "in the gazetteer by name" if reachable
                            else f"not: {spelling_gap(grid, row)}")] += 1
                misses.append([path.name, row["location"], row["admin1"],
                               f"{found.text} -> {found.name} ({found.geo_precision})"
                               if found is not None else "", f"{km:.0f}", str(reachable),
                               row["notes"].replace("\t", " ").replace("\n", " ")])
        n = len(rows)
        results[path.name] = {"rows": n, "location_within_10km": round(col_ok / n, 3),
                              "notes_within_10km": round(notes_ok / n, 3),
                              "in_gazetteer_by_name": round(named / n, 3),
                              "seconds": round(time.perf_counter() - start, 1)}
        print(f"{path.name:40} rows {n:4}  location column {col_ok / n:.3f}  "
              f"notes text {notes_ok / n:.3f}  (in the gazetteer by name: {named / n:.3f})",
              flush=True)
    if args.misses:
        with open(args.misses, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, delimiter="\t")
            writer.writerow(["file", "location", "admin1", "found", "km", "reachable", "notes"])
            writer.writerows(misses)
    if causes:
        print("\nmisses of the notes text: file, what was found, the location's name")
        for (name, kind, reach), n in sorted(causes.items()):
            print(f"{n:5}  {name:36} {kind:26} {reach}")
    print(json.dumps({"benchmark": "geocode_acled", "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
