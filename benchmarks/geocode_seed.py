"""Geocode the seed report's places in context (issue #3's first "done when").

Every gold place of ../shared/seed/fna-idlib-2017.gold.json with coordinates should resolve
within 5 km; the others (no coordinates, not a province) should fall back to their province at
geo_precision 3. The report is split and annotated by the real pipeline's place component with
the Syria gazetteer files of ../shared loaded (`--all`: the admin lists, polygons and GeoNames
extract too; `--none`: nothing loaded, the default gazetteer with its embedded packs only).
Prints one line per gold place and the counts. Needs ../shared (skips without it).

    .venv/bin/python benchmarks/geocode_seed.py [--all | --none]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import spacy
from geocode_acled import SHARED, SYRIA, build_store  # the same Syria files

import frontlines.nlp.places  # noqa: F401 - registers the factory
from frontlines.eval.gold import norm
from frontlines.geo import Gazetteer, distance_km, load_ocha_communities, resolve_places
from frontlines.ingest import iter_documents
from frontlines.model import Document, GeoRef
from frontlines.nlp import Knowledge
from frontlines.nlp.annotator import to_annotated
from frontlines.store import Store

SEED = SHARED / "seed"


def build_gazetteer(path: Path, everything: bool, nothing: bool = False) -> Gazetteer:
    """OCHA's communities only, or (`everything`) all the Syria files the ACLED benchmark uses,
    or (`nothing`) none: the default gazetteer of a fresh install."""
    if nothing:
        store = Store.open(str(path))
    elif everything:
        store = build_store(path)
    else:
        store = Store.open(str(path))
        load_ocha_communities(store, SYRIA / "ocha-communities.csv")
    with store:
        return Gazetteer.from_store(store).prepare()


def resolved_mentions(gaz: Gazetteer) -> list[GeoRef]:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("frontlines_places").configure(Knowledge(gazetteer=gaz))
    refs: list[GeoRef] = []
    for doc in iter_documents([SEED / "fna-idlib-2017.txt"]):
        if not isinstance(doc, Document):
            raise SystemExit(f"seed not readable: {doc}")
        annotated = to_annotated(doc, nlp(doc.text))
        refs.extend(ref for _, ref in sorted(resolve_places(annotated, gaz).items()))
    return refs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true",
                        help="also load the OpenSyria lists and OCHA admin polygons")
    parser.add_argument("--none", action="store_true",
                        help="load nothing: the default gazetteer (embedded packs) only")
    args = parser.parse_args()
    if not SEED.exists() or not SYRIA.exists():
        print(f"skipped: {SEED} or {SYRIA} is not available")
        return 0
    gold = json.loads((SEED / "fna-idlib-2017.gold.json").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        gaz = build_gazetteer(Path(tmp) / "gaz.db", args.all, args.none)
    refs = resolved_mentions(gaz)
    report_province = next((spec["names"][0] for spec in gold["places"].values()
                            if spec.get("kind") == "admin1"), "")
    within = with_coords = fallback_ok = fallbacks = 0
    for key, spec in gold["places"].items():
        if spec.get("kind") == "admin1":
            continue
        names = {norm(n) for n in spec.get("names", [])}
        found = [r for r in refs if norm(r.text) in names]
        if spec.get("lat") is not None:
            with_coords += 1
            ok = any(r.lat is not None and r.geo_precision <= 2 and distance_km(
                r.lat, r.lon, spec["lat"], spec["lon"]) <= 5 for r in found)
            within += ok
            verdict = "within 5 km" if ok else "MISSED"
        else:
            fallbacks += 1
            province = gaz.admin1_of(spec.get("admin1") or report_province)
            ok = bool(found) and all(r.geo_precision == 3 and r.admin1 and
                                     gaz.admin1_of(r.admin1) == province for r in found)
            fallback_ok += ok
            verdict = "falls back to its province" if ok else "resolved (no gold coordinates)"
        got = "; ".join(f"{r.text} -> {r.name} (precision {r.geo_precision})" for r in found)
        print(f"{key:24} {verdict:28} {got or 'not detected'}")
    print(f"places with coordinates within 5 km: {within}/{with_coords}; "
          f"others falling back to their province: {fallback_ok}/{fallbacks}")
    print(json.dumps({"benchmark": "geocode_seed", "within_5km": within,
                      "with_coordinates": with_coords, "fallback_ok": fallback_ok,
                      "fallbacks": fallbacks}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
