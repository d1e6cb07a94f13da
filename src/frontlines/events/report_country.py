"""The report's country: the country most of its places are in, else the one it names most,
else the one whose provinces its places lie in (`country_of`, `named_country`,
`province_within`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from frontlines.geo.documents import supported_countries
from frontlines.model import AnnotatedDocument, GeoRef


def country_of(places: dict[tuple[int, int], GeoRef],
               trusted: Callable[[str], bool] = lambda _cc: True) -> str | None:
    """The country most of the report's places are in, of those `trusted` gives a country."""
    counts = Counter(g.country for g in places.values()
                     if g.country and g.score > 0 and trusted(g.country))
    return counts.most_common(1)[0][0] if counts else None


def trusted_countries(annotated: AnnotatedDocument, places: dict[tuple[int, int], GeoRef],
                      knowledge: Any, named: Mapping[str, float] | None = None
                      ) -> Callable[[str], bool]:
    """Whether a place's country may be a catch-all's ("Protesters (X)") and the report's: the
    abroad rule of geo for the country of an event. With a theatre, a country that is neither
    its own nor a neighbour's (`region_countries`) needs the text's support, as geo reads it
    of the places it kept (`geo.documents.supported_countries`): its name or a province of it
    the report calls so, a people of it, an actor of it named by a name of its own (`named`,
    the countries of those as `places_of` asked geo, `countries_named(by_name=True)`; asked
    here when not given), two places of it by different names, or a place of it named as
    written ("Dhaka", "Hodeidah"). A far town that stood as a place only on a looser spelling
    ("rioters gathered in Mina": Nigeria's Minna) gives its country to no catch-all: the
    report's falls back on the theatre."""
    gaz = getattr(knowledge, "gazetteer", None)
    kb = getattr(knowledge, "actors", None)
    region = gaz.region_countries() if gaz is not None and hasattr(gaz, "region_countries") \
        else frozenset()
    if not region:
        return lambda _cc: True
    text = annotated.document.text
    if named is None and kb is not None and hasattr(kb, "countries_named"):
        named = kb.countries_named(annotated.mentions, text, by_name=True)
    said = supported_countries(places, text, gaz, named, kept=True)
    return lambda cc: cc in region or cc in said


def named_country(annotated: AnnotatedDocument, knowledge: Any) -> str | None:
    """No place resolved: the country of the actors the report names ("Iraqi forces killed
    two militants near the mountains"), if one leads; with none, of the one people it names."""
    kb = getattr(knowledge, "actors", None)
    if kb is None or not hasattr(kb, "countries_named"):
        return None
    votes = Counter(kb.countries_named(annotated.mentions, annotated.document.text,
                                       roaming=False)).most_common()  # (IS names none)
    if not votes and hasattr(kb, "countries_of_peoples"):  # no actor either: the words for a
        # country's people it uses ("outside a Lebanese bank", "in 12 Turkish provinces")
        votes = Counter(kb.countries_of_peoples(annotated.document.text)).most_common()
    if votes and (len(votes) == 1 or votes[0][1] > votes[1][1]):
        return votes[0][0]
    return _nearest_of(votes, knowledge)


def province_within(places: dict[tuple[int, int], GeoRef], knowledge: Any) -> str | None:
    """Nothing else names the report's country: a province of one country of the theatre's
    region spelt inside a name no gazetteer places ("the Wadi Nineveh crossing", "the Sulaymaniyah
    Cement Plant") gives its country; none when such names point to two."""
    gaz = getattr(knowledge, "gazetteer", None)
    if gaz is None or not hasattr(gaz, "region_countries"):
        return None
    region = sorted(gaz.region_countries())
    found: set[str] = set()
    for g in places.values():
        if g.score > 0 or g.place_id:
            continue
        words = [w for w in re.findall(r"[^\W\d_][\w'-]*", g.text) if w[:1].isupper()]
        runs = {" ".join(words[i:j]) for i in range(len(words))
                for j in range(i + 1, min(i + 3, len(words)) + 1)} - {" ".join(words)}
        found |= {cc for run in runs for cc in region if gaz.admin1_named(run, cc)}
    return next(iter(found)) if len(found) == 1 else None


def _nearest_of(votes: list[tuple[str, float]], knowledge: Any) -> str | None:
    """Of countries tied for the report, the one of the theatre's region (its country and
    neighbours, `Gazetteer.region_countries`) when only one of them is: "an Iraqi base
    hosting US forces" is Iraq's, "the Lebanese French Bank" Lebanon's; else none."""
    gaz = getattr(knowledge, "gazetteer", None)
    if not votes or gaz is None or not hasattr(gaz, "region_countries"):
        return None
    region = gaz.region_countries()
    near = [c for c, n in votes if n == votes[0][1] and c in region]
    return near[0] if len(near) == 1 else None
