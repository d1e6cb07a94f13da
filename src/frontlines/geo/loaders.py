"""Gazetteer loaders: GeoNames dumps and alternate names, OCHA community points and admin
polygons, OpenSyria admin-unit alias lists. Each upserts into the store (idempotent)."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from frontlines.errors import GazetteerError
from frontlines.geo.sources import open_text, read_bytes
from frontlines.model import Place
from frontlines.store import Store
from frontlines.store.places import add_place_names, save_admin_areas, save_places

__all__ = [
    "FORMATS",
    "load_admin_geojson",
    "load_alternate_names",
    "load_geonames",
    "load_ocha_communities",
    "load_opensyria",
    "load_places_yaml",
]

Progress = Callable[[int], None] | None

csv.field_size_limit(1 << 24)

# GeoNames feature codes -> our kinds; other codes keep their class's kind below.
_CODE_KINDS = {
    "ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3", "PCLI": "country", "PCLD": "country",
    "AIRB": "military_base", "MILB": "military_base", "INSM": "military_base",
    "AIRP": "airport", "AIRF": "airport", "PSTB": "border_crossing", "DAM": "dam",
    "RGN": "region", "AREA": "region", "OAS": "region",
}
_CLASS_KINDS = {"P": "populated_place", "A": "admin_other", "L": "area", "T": "terrain",
                "S": "site"}
_ALT_SKIP = {"link", "wkdt", "post", "iata", "icao", "faac", "abbr", "unlc", "tcid", "fr_1793"}


def _count(progress: Progress, n: int = 1) -> None:
    if progress is not None:
        progress(n)


# ---------------------------------------------------------------------------- GeoNames


# Positions of the GeoNames dump's 19 columns, by the names a headed extract may give them.
_GEONAMES_COLUMNS = {
    "geonameid": 0, "name": 1, "asciiname": 2, "alternatenames": 3,
    "alternatenames_latin": 3, "latitude": 4, "longitude": 5, "feature_class": 6,
    "feature_code": 7, "country_code": 8, "admin1_code": 10, "admin2_code": 11,
    "population": 14,
}


def _from_header(header: list[str], cols: list[str]) -> list[str]:
    """A row of a headed extract (columns named as in the GeoNames readme, any subset that
    has the id, name and coordinates) laid out as the 19-column dump."""
    out = [""] * 19
    for name, value in zip(header, cols, strict=False):
        pos = _GEONAMES_COLUMNS.get(name.strip().lower().replace(" ", "_"))
        if pos is not None:
            out[pos] = value
    if not out[6] and out[7]:  # feature class from the code: PPLA2 -> P, ADM1 -> A
        out[6] = "A" if out[7].startswith(("ADM", "PCL")) else out[7][:1] if out[7][:1] in (
            "P", "S", "T", "L") else "P"
    return out


def _geonames_rows(source: str | Path) -> Iterator[list[str]]:
    header: list[str] | None = None
    with open_text(source) as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\r\n").split("\t")
            if lineno == 1 and cols[0].strip().lower() == "geonameid":
                header = cols
                if not {"name", "latitude", "longitude"} <= {c.strip().lower() for c in cols}:
                    raise GazetteerError(
                        f"{source}:1: a headed GeoNames extract needs geonameid, name, latitude "
                        f"and longitude columns", path=str(source), line=1)
                continue
            if header is not None:
                yield _from_header(header, cols)
                continue
            if len(cols) < 15:
                raise GazetteerError(
                    f"{source}:{lineno}: expected the 19 tab-separated GeoNames columns, got "
                    f"{len(cols)}; is this a GeoNames country dump (e.g. SY.zip)?",
                    path=str(source), line=lineno,
                )
            yield cols


def load_geonames(store: Store, path_or_url: str | Path, progress: Progress = None) -> int:
    """Load a GeoNames country dump (`SY.txt`, `SY.zip`, `allCountries.zip`, or a URL).

    Populated places, admin units, areas, terrain and sites are kept (not hydrography, roads or
    vegetation); admin1/admin2 names come from the dump's own ADM1/ADM2 rows."""
    admin_names: dict[tuple[str, ...], str] = {}
    for cols in _geonames_rows(path_or_url):
        code = cols[7]
        if code == "ADM1":
            admin_names[(cols[8], cols[10])] = cols[2] or cols[1]
        elif code == "ADM2":
            admin_names[(cols[8], cols[10], cols[11])] = cols[2] or cols[1]

    def places() -> Iterator[Place]:
        for cols in _geonames_rows(path_or_url):
            fclass, code = cols[6], cols[7]
            _count(progress)
            if fclass not in _CLASS_KINDS:
                continue
            try:
                lat, lon = float(cols[4]), float(cols[5])
            except ValueError as exc:
                raise GazetteerError(f"{path_or_url}: bad coordinates for {cols[0]}",
                                     path=str(path_or_url)) from exc
            cc = cols[8] or None
            alternates = [a for a in cols[3].split(",") if a] if cols[3] else []
            yield Place(
                id=f"geonames:{cols[0]}", name=cols[1], lat=lat, lon=lon,
                kind=_CODE_KINDS.get(code, _CLASS_KINDS[fclass]), country=cc,
                admin1=admin_names.get((cols[8], cols[10])),
                admin2=admin_names.get((cols[8], cols[10], cols[11])) if cols[11] else None,
                population=int(cols[14]) if cols[14].isdigit() and int(cols[14]) else None,
                names=tuple(dict.fromkeys([cols[2], *alternates])), source="geonames",
            )

    return save_places(store, places())


def load_alternate_names(store: Store, path_or_url: str | Path, progress: Progress = None) -> int:
    """Add names from a GeoNames alternateNames file (V2 or V1 columns) to places already
    loaded from the matching country dump. Returns the number of names added."""

    def rows() -> Iterator[tuple[str, str]]:
        with open_text(path_or_url) as fh:
            for line in fh:
                cols = line.rstrip("\r\n").split("\t")
                _count(progress)
                if len(cols) < 4 or cols[2] in _ALT_SKIP or not cols[3].strip():
                    continue
                yield f"geonames:{cols[1]}", cols[3].strip()

    return add_place_names(store, rows())


# ---------------------------------------------------------------------------- OCHA


def _first(row: dict[str, str], *names: str) -> str:
    for n in names:
        value = row.get(n)
        if value:
            return value.strip()
    return ""


def load_ocha_communities(
    store: Store, path_or_url: str | Path, progress: Progress = None
) -> int:
    """Load OCHA COD community/populated-place points (CSV with English/Arabic names,
    P-codes, admin names, LATITUDE/LONGITUDE; both the older NAME_EN and the ADMn_EN
    column styles)."""

    def places() -> Iterator[Place]:
        with open_text(path_or_url) as fh:
            reader = csv.DictReader(fh)
            for lineno, row in enumerate(reader, start=2):
                _count(progress)
                name = _first(row, "NAME_EN", "ADM4_EN", "ADM5_EN", "name_en", "Name")
                pcode = _first(row, "PCODE", "ADM4_PCODE", "ADM5_PCODE", "pcode")
                lat = _first(row, "LATITUDE", "Latitude", "latitude", "LAT", "y")
                lon = _first(row, "LONGITUDE", "Longitude", "longitude", "LON", "x")
                if not (name and pcode and lat and lon):
                    raise GazetteerError(
                        f"{path_or_url}:{lineno}: a community row needs a name, a P-code and "
                        "coordinates (NAME_EN, PCODE, LATITUDE, LONGITUDE)",
                        path=str(path_or_url), line=lineno,
                    )
                admin1_code = _first(row, "ADMIN1_COD", "ADM1_PCODE")
                country = _first(row, "ADM0_PCODE")[:2] or admin1_code[:2] or None
                names = [_first(row, "NAM_EN_REF"), _first(row, "NAME_ARA", "ADM4_AR", "name_ar"),
                         _first(row, "NAME_FR", "ADM4_FR")]
                yield Place(
                    id=pcode if country and pcode.startswith(country) else f"{country}-{pcode}",
                    name=name, lat=float(lat), lon=float(lon), kind="populated_place",
                    country=country, admin1=_first(row, "ADMIN1_EN", "ADM1_EN") or None,
                    admin2=_first(row, "ADMIN2_EN", "ADM2_EN") or None,
                    admin3=_first(row, "ADMIN3_EN", "ADM3_EN") or None,
                    population=None, names=tuple(n for n in names if n and n != name),
                    source="ocha-cod",
                )

    return save_places(store, places())


def _centroid(geometry: dict[str, Any]) -> tuple[float, float]:
    """Area-weighted centroid of a (Multi)Polygon's outer rings, as (lat, lon)."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [
        geometry["coordinates"]]
    ax = ay = total = 0.0
    for poly in polys:
        ring = poly[0]
        for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:], strict=False):
            cross = x0 * y1 - x1 * y0
            total += cross
            ax += (x0 + x1) * cross
            ay += (y0 + y1) * cross
    if abs(total) < 1e-12:
        pts = [pt for poly in polys for pt in poly[0]]
        return sum(p[1] for p in pts) / len(pts), sum(p[0] for p in pts) / len(pts)
    return ay / (3 * total), ax / (3 * total)


def load_admin_geojson(store: Store, path_or_url: str | Path, progress: Progress = None) -> int:
    """Load OCHA COD admin polygons (admin1 or admin2 GeoJSON) into `admin_areas` (for the map)
    and as admin places (centroid, English and Arabic names) for geocoding."""
    try:
        data = json.loads(read_bytes(path_or_url))
        features = data["features"]
    except (ValueError, KeyError, TypeError) as exc:
        raise GazetteerError(f"{path_or_url}: not a GeoJSON FeatureCollection: {exc}",
                             path=str(path_or_url)) from exc
    areas, places = [], []
    for f in features:
        props, geom = f.get("properties") or {}, f.get("geometry")
        _count(progress)
        if _first(props, "ADMIN2_COD", "ADM3_PCODE"):
            level = 3
        elif _first(props, "ADMIN1_COD", "ADM2_PCODE"):
            level = 2
        else:
            level = 1
        pcode = _first(props, "PCODE", f"ADM{level}_PCODE")
        name = _first(props, "NAME_EN", f"ADM{level}_EN")
        if not (pcode and name and geom and geom.get("type") in ("Polygon", "MultiPolygon")):
            continue
        parent = _first(props, "ADMIN1_COD", "ADM1_PCODE") if level == 2 else _first(
            props, "ADMIN2_COD", "ADM2_PCODE") if level == 3 else ""
        country = pcode[:2]
        areas.append({"id": pcode, "name": name, "level": level, "country": country,
                      "parent": parent or None, "geometry": geom})
        lat, lon = _centroid(geom)
        names = [_first(props, "NAM_EN_REF"), _first(props, "NAME_ARA", f"ADM{level}_AR")]
        places.append(Place(
            id=pcode, name=name, lat=lat, lon=lon, kind=f"admin{level}", country=country,
            admin1=name if level == 1 else _first(props, "ADMIN1_EN", "ADM1_EN") or None,
            admin2=name if level == 2 else _first(props, "ADMIN2_EN", "ADM2_EN") or None,
            names=tuple(n for n in names if n and n != name), source="ocha-cod",
        ))
    if not areas:
        raise GazetteerError(f"{path_or_url}: no admin polygons with P-codes and names found",
                             path=str(path_or_url))
    save_admin_areas(store, areas)
    return save_places(store, places)


# ---------------------------------------------------------------------------- OpenSyria


def _slug_name(slug: str) -> str:
    return " ".join(w.capitalize() for w in re.sub(r"^[a-z]{2}-", "", slug).split("-"))


def load_opensyria(store: Store, path_or_url: str | Path, progress: Progress = None) -> int:
    """Load an OpenSyria admin-unit list (governorates, districts or subdistricts JSON with
    English/Arabic names, alias lists and centroids)."""
    try:
        units = json.loads(read_bytes(path_or_url))
    except ValueError as exc:
        raise GazetteerError(f"{path_or_url}: not JSON: {exc}", path=str(path_or_url)) from exc
    if not isinstance(units, list):
        raise GazetteerError(f"{path_or_url}: expected a JSON list of admin units",
                             path=str(path_or_url))
    parents: dict[str, str] = {}
    sibling = Path(str(path_or_url)).with_name("opensyria-governorates.json")
    if sibling.exists():
        parents = {u["id"]: u["name"]["en"] for u in json.loads(sibling.read_text("utf-8"))}

    def places() -> Iterator[Place]:
        for u in units:
            _count(progress)
            centroid = u.get("centroid") or {}
            if "latitude" not in centroid:
                continue
            level = 3 if "districtId" in u else 2 if "governorateId" in u else 1
            gov = u.get("governorateId")
            admin1 = u["name"]["en"] if level == 1 else parents.get(gov) or _slug_name(gov)
            pcode = (u.get("externalIds") or {}).get("ochaPcode")
            names = [u["name"].get("ar", ""), *(a["value"] for a in u.get("aliases") or ())]
            pop = (u.get("population") or {}).get("value")
            yield Place(
                id=pcode or f"opensyria:{u['id']}", name=u["name"]["en"],
                lat=float(centroid["latitude"]), lon=float(centroid["longitude"]),
                kind=f"admin{level}", country=(u.get("iso31662") or u["id"])[:2].upper(),
                admin1=admin1, admin2=u["name"]["en"] if level == 2 else None,
                population=int(pop) if pop else None,
                names=tuple(n for n in names if n and n != u["name"]["en"]), source="opensyria",
            )

    return save_places(store, places())


def load_places_yaml(store: Store, path_or_url: str | Path, progress: Progress = None) -> int:
    """Load a hand-kept places file in the `kb/places.yaml` format into the store."""
    from frontlines.geo.kb import places_from_yaml

    places = places_from_yaml(read_bytes(path_or_url).decode("utf-8"), str(path_or_url))
    _count(progress, len(places))
    return save_places(store, places)


FORMATS: dict[str, Callable[[Store, Any, Progress], int]] = {
    "geonames": load_geonames,
    "alternatenames": load_alternate_names,
    "ocha-communities": load_ocha_communities,
    "ocha-admin-geojson": load_admin_geojson,
    "opensyria": load_opensyria,
    "places-yaml": load_places_yaml,
}
