"""Build a gazetteer pack (`src/frontlines/kb/packs/<cc>/`) from a country's public files.

Each SOURCE is FORMAT=PATH with a format of `frontlines gazetteer load` (geonames,
ocha-communities, ocha-admin-geojson, opensyria, places-yaml). The files are read by the same
loaders as `gazetteer load` into a scratch store, then written out compactly: places as gzipped
TSV, admin polygons simplified (Douglas-Peucker) as gzipped GeoJSON, and `pack.json` with each
source's title, licence and URL. Only data whose licence allows redistribution may be packed:
each format has its public licence below; `--licence FORMAT=LICENCE` states another, and a file
under GPL or with no licence is refused. The output is byte-for-byte the same for the same input
files and `--date`.

    python scripts/build_pack.py --country SY --name Syria --date 2026-12-02 \\
        ocha-communities=../shared/data/syria/ocha-communities.csv \\
        ocha-admin-geojson=../shared/data/syria/ocha-admin1.geojson \\
        ocha-admin-geojson=../shared/data/syria/ocha-admin2.geojson \\
        opensyria=../shared/data/syria/opensyria-governorates.json ... \\
        geonames=../shared/data/syria/geonames-cities15000-SY.tsv
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from frontlines.geo import FORMATS
from frontlines.geo.packs import NAME_SEPARATOR, PLACE_COLUMNS
from frontlines.store import Store
from frontlines.store.places import iter_places, stored_admin_areas

ROOT = Path(__file__).resolve().parents[1]

# Public licence and home of each format's data (what NOTICE and `gazetteer packs` print).
SOURCES = {
    "geonames": ("GeoNames", "CC BY 4.0", "https://www.geonames.org"),
    "alternatenames": ("GeoNames alternate names", "CC BY 4.0", "https://www.geonames.org"),
    "ocha-communities": ("OCHA Common Operational Dataset: populated places", "CC BY-IGO",
                         "https://data.humdata.org"),
    "ocha-admin-geojson": ("OCHA Common Operational Dataset: administrative boundaries",
                           "CC BY-IGO", "https://data.humdata.org"),
    "opensyria": ("OpenSyria data-geography: admin units and aliases", "CC BY 4.0",
                  "https://github.com/opensyria"),
}
_REFUSED = ("gpl", "agpl", "lgpl", "none", "unlicensed", "proprietary", "unknown")
_TOLERANCE = 0.003  # degrees (~300 m): admin lines for a map, not for cadastre
_DIGITS = 4  # ~10 m


def _refused(licence: str) -> bool:
    low = licence.strip().lower()
    return not low or any(low.startswith(r) for r in _REFUSED)


# ---------------------------------------------------------------------------- polygons


def _dp(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker simplification of an open polyline (iterative)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, -1
        for i in range(a + 1, b):
            x, y = points[i]
            if norm == 0:
                d = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            else:
                d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
            if d > best:
                best, index = d, i
        if best > tol and index > 0:
            keep[index] = True
            stack.extend([(a, index), (index, b)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring(ring: list[list[float]]) -> list[list[float]] | None:
    pts = [(round(x, _DIGITS), round(y, _DIGITS)) for x, y, *_ in ring]
    simple = _dp(pts, _TOLERANCE)
    if len(simple) < 4:  # a ring too small to draw at this scale
        return None
    if simple[0] != simple[-1]:
        simple.append(simple[0])
    return [list(p) for p in simple]


def simplify(geometry: dict[str, Any]) -> dict[str, Any] | None:
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [
        geometry["coordinates"]]
    out = []
    for poly in polys:
        rings = [_ring(r) for r in poly]
        if rings and rings[0] is not None:
            out.append([rings[0], *(r for r in rings[1:] if r is not None)])
    if not out:
        return None
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


# ---------------------------------------------------------------------------- output


def _gzip(path: Path, text: str) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())


def _clean(value: object) -> str:
    return "" if value is None else str(value).replace("\t", " ").replace("\n", " ")


def build(country: str, name: str, date: str, sources: list[tuple[str, Path]],
          licences: dict[str, str], out: Path) -> dict[str, Any]:
    meta_sources = []
    with tempfile.TemporaryDirectory(prefix="frontlines-pack-") as tmp:
        store = Store.open(str(Path(tmp) / "pack.db"))
        with store:
            for fmt, path in sources:
                title, licence, url = SOURCES.get(fmt, (fmt, "", ""))
                licence = licences.get(fmt, licence)
                if _refused(licence):
                    raise SystemExit(f"{path}: licence {licence or 'unknown'!r} does not allow "
                                     "redistribution; it cannot go into a pack")
                count = FORMATS[fmt](store, path, None)
                meta_sources.append({"file": path.name, "format": fmt, "title": title,
                                     "licence": licence, "url": url, "rows": count})
            places = sorted((p for p in iter_places(store) if p.country == country),
                            key=lambda p: p.id)
            areas = [a for a in stored_admin_areas(store) if a["country"] == country]
    out.mkdir(parents=True, exist_ok=True)
    lines = io.StringIO()
    writer = csv.writer(lines, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\",
                        lineterminator="\n")
    writer.writerow(PLACE_COLUMNS)
    for p in places:
        names = NAME_SEPARATOR.join(sorted({n.strip() for n in p.names if n.strip()} - {p.name}))
        writer.writerow([_clean(v) for v in (
            p.id, p.name, f"{p.lat:.5f}", f"{p.lon:.5f}", p.kind, p.country, p.admin1,
            p.admin2, p.admin3, p.population, p.source, names)])
    _gzip(out / "places.tsv.gz", lines.getvalue())
    features = []
    for a in sorted(areas, key=lambda a: (a["level"], a["id"])):
        geometry = simplify(a["geometry"])
        if geometry is None:
            continue
        features.append({"type": "Feature", "properties": {
            "id": a["id"], "name": a["name"], "level": a["level"], "country": a["country"],
            "parent": a["parent"]}, "geometry": geometry})
    if features:
        _gzip(out / "admin-areas.geojson.gz",
              json.dumps({"type": "FeatureCollection", "features": features},
                         ensure_ascii=False, separators=(",", ":")))
    meta = {
        "country": country, "name": name, "built": date, "sources": meta_sources,
        "counts": {"places": len(places),
                   "kinds": dict(sorted(Counter(p.kind for p in places).items())),
                   "admin_areas": len(features)},
    }
    (out / "pack.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                   "utf-8")
    return meta


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", metavar="FORMAT=PATH")
    parser.add_argument("--country", required=True, help="ISO 3166-1 alpha-2 code")
    parser.add_argument("--name", required=True, help="the country's English name")
    parser.add_argument("--date", default=dt.datetime.now(dt.UTC).date().isoformat(),
                        help="the build date written into pack.json")
    parser.add_argument("--licence", action="append", default=[], metavar="FORMAT=LICENCE")
    parser.add_argument("--out", type=Path, help="default: src/frontlines/kb/packs/<cc>")
    args = parser.parse_args()
    cc = args.country.upper()
    sources = []
    for spec in args.sources:
        fmt, sep, path = spec.partition("=")
        if not sep or fmt not in FORMATS:
            parser.error(f"{spec!r}: expected FORMAT=PATH with FORMAT one of {', '.join(FORMATS)}")
        sources.append((fmt, Path(path)))
    licences = dict(s.split("=", 1) for s in args.licence)
    out = args.out or ROOT / "src" / "frontlines" / "kb" / "packs" / cc.lower()
    meta = build(cc, args.name, args.date, sources, licences, out)
    size = sum(f.stat().st_size for f in out.iterdir())
    print(f"{out}: {meta['counts']['places']:,} places, {meta['counts']['admin_areas']} admin "
          f"areas, {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
