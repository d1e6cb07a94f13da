"""One place per town: the conflation rules of frontlines.geo.conflate."""

from __future__ import annotations

from frontlines.geo import Gazetteer, distance_km
from frontlines.geo.conflate import conflate, readable_name
from frontlines.model import Place


def _d(a: Place, b: Place) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


OCHA = Place(id="SY-C1", name="Saraqab", lat=35.8620, lon=36.8040, country="SY",
             admin1="Idleb", source="ocha-cod", names=("سراقب",))
GEONAMES = Place(id="geonames:1", name="Sarāqib", lat=35.8646, lon=36.8006, country="SY",
                 population=30000, source="geonames", names=("Saraqib", "Saraqeb"))


def test_one_town_from_two_sources_is_one_place() -> None:
    result = conflate([OCHA, GEONAMES], _d)
    (town,) = result.places
    assert town.id == "SY-C1"  # the OCHA P-code and point
    assert (town.lat, town.lon) == (OCHA.lat, OCHA.lon)
    assert town.name == "Saraqib"  # GeoNames' name, without diacritics
    assert {"Saraqab", "Sarāqib", "Saraqeb", "سراقب"} <= set(town.names)
    assert town.population == 30000
    assert result.members["SY-C1"] == ("SY-C1", "geonames:1")
    assert result.alias == {"geonames:1": "SY-C1"} and "km" in result.reasons["geonames:1"]


def test_same_name_far_apart_or_in_another_province_stays_two_places() -> None:
    far = Place(id="SY-C2", name="Saraqab", lat=36.5, lon=37.5, country="SY", source="ocha-cod")
    other = Place(id="SY-C3", name="Saraqab", lat=35.87, lon=36.81, country="SY",
                  admin1="Hama", source="ocha-cod")
    assert len(conflate([OCHA, far], _d).places) == 2
    assert len(conflate([OCHA, other], _d).places) == 2


def test_admin_units_are_not_merged_with_their_towns() -> None:
    district = Place(id="SY0703", name="Saraqab", lat=35.864, lon=36.80, kind="admin3",
                     country="SY", source="opensyria")
    assert len(conflate([OCHA, district], _d).places) == 2


def test_readable_names_drop_diacritics_and_edge_marks() -> None:
    assert readable_name("Ma‘arrat an Nu‘mān") == "Ma'arrat an Nu'man"
    assert readable_name("‘Afrīn") == "Afrin"
    assert readable_name("Ad Dānā") == "Ad Dana"
    assert readable_name("إدلب") == "إدلب"


def test_a_world_town_merges_into_the_loaded_one(builtin_gazetteer: Gazetteer) -> None:
    gaz = builtin_gazetteer
    (town,) = [p for p, _ in gaz.matches("Salqin", "SY", fuzzy=False)
               if p.kind == "populated_place"]
    assert town.name == "Salqin" and len(gaz.members[town.id]) >= 2
    for member in gaz.members[town.id]:
        assert gaz.get(member) == town  # every source id finds the one place
