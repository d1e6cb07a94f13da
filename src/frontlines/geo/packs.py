"""Gazetteer packs: a country's public gazetteer files, compacted and shipped inside the package.

A pack lives in `kb/packs/<cc>/` and holds three files, built by `scripts/build_pack.py` from the
public downloads (no pickle; plain text, gzipped):
- `pack.json`: country, build date, every source file with its title, licence, URL and row
  count, and the pack's counts;
- `places.tsv.gz`: one place a line (id, name, lat, lon, kind, country, admin1-3, population,
  source, alternate names joined by " | ");
- `admin-areas.geojson.gz`: simplified admin polygons for the map.
Packs are part of the default gazetteer (below the places a user loads: a loaded place with the
same id replaces the pack's). `FRONTLINES_PACKS` names the packs to use ("sy,iq"; "none": no pack).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from frontlines.errors import GazetteerError
from frontlines.model import Place

__all__ = ["PLACE_COLUMNS", "Pack", "pack_admin_areas", "pack_places", "packs"]

PLACE_COLUMNS = ("id", "name", "lat", "lon", "kind", "country", "admin1", "admin2", "admin3",
                 "population", "source", "names")
NAME_SEPARATOR = " | "


@dataclass(frozen=True)
class Pack:
    """One pack's metadata (`pack.json`)."""

    code: str  # the folder name: an ISO 3166-1 alpha-2 code, lower case
    country: str
    name: str
    built: str
    sources: tuple[dict[str, Any], ...]
    counts: dict[str, Any]
    folder: Traversable

    @property
    def licences(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(str(s.get("licence", "")) for s in self.sources))


def _root() -> Traversable:
    return resources.files("frontlines").joinpath("kb/packs")


def _wanted() -> set[str] | None:
    value = os.environ.get("FRONTLINES_PACKS", "").strip().lower()
    if not value:
        return None
    if value in ("none", "0", "off"):
        return set()
    return {v.strip() for v in value.split(",") if v.strip()}


@cache
def _all_packs() -> tuple[Pack, ...]:
    root = _root()
    if not root.is_dir():
        return ()
    out = []
    for folder in sorted(root.iterdir(), key=lambda f: f.name):
        meta = folder.joinpath("pack.json")
        if not folder.is_dir() or not meta.is_file():
            continue
        try:
            data = json.loads(meta.read_text("utf-8"))
            out.append(Pack(code=folder.name, country=str(data["country"]),
                            name=str(data.get("name", folder.name)),
                            built=str(data.get("built", "")),
                            sources=tuple(data.get("sources") or ()),
                            counts=dict(data.get("counts") or {}), folder=folder))
        except (ValueError, KeyError) as exc:
            raise GazetteerError(f"pack {folder.name}: broken pack.json ({exc}); reinstall "
                                 "frontlines") from exc
    return tuple(out)


def packs() -> list[Pack]:
    """The packs in use (all shipped ones unless `FRONTLINES_PACKS` narrows them)."""
    wanted = _wanted()
    return [p for p in _all_packs() if wanted is None or p.code in wanted]


def _open_text(folder: Traversable, name: str) -> io.StringIO:
    return io.StringIO(gzip.decompress(folder.joinpath(name).read_bytes()).decode("utf-8"),
                       newline="")


def _places_of(pack: Pack) -> Iterator[Place]:
    with _open_text(pack.folder, "places.tsv.gz") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or tuple(header) != PLACE_COLUMNS:
            raise GazetteerError(f"pack {pack.code}: places.tsv.gz has unexpected columns")
        for row in reader:
            (pid, name, lat, lon, kind, country, a1, a2, a3, pop, source, names) = row
            yield Place(id=pid, name=name, lat=float(lat), lon=float(lon), kind=kind,
                        country=country or None, admin1=a1 or None, admin2=a2 or None,
                        admin3=a3 or None, population=int(pop) if pop else None,
                        names=tuple(n for n in names.split(NAME_SEPARATOR) if n) if names
                        else (), source=source)


@cache
def _cached_places(code: str) -> tuple[Place, ...]:
    pack = next(p for p in _all_packs() if p.code == code)
    return tuple(_places_of(pack))


def pack_places() -> list[Place]:
    """Every place of the packs in use."""
    return [p for pack in packs() for p in _cached_places(pack.code)]


def pack_admin_areas(level: int | None = None, country: str | None = None
                     ) -> list[dict[str, Any]]:
    """Admin areas of the packs in use (id, name, level, country, parent, geometry), as the
    store's `admin_areas` rows."""
    out = []
    for pack in packs():
        if country is not None and pack.country != country:
            continue
        name = "admin-areas.geojson.gz"
        if not pack.folder.joinpath(name).is_file():
            continue
        with _open_text(pack.folder, name) as fh:
            features = json.load(fh)["features"]
        for f in features:
            props = f["properties"]
            if level is None or props["level"] == level:
                out.append({**props, "geometry": f["geometry"]})
    return out
