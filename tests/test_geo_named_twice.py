"""A place named twice or placed by its neighbour: a bracketed alias ("X (Y)"), an unknown
village put around a town by a road, a direction or an aside ("X road near Y", "X northeast
Y", "X village (local name) in Y"), a town followed by its province without a comma, and a
transliterated article opening a town's name ("As Samawah") read as part of the name."""

from __future__ import annotations

import pytest

from frontlines.geo import Gazetteer, distance_km
from tests._geo_refs import resolve_names


@pytest.fixture(scope="module")
def fresh(builtin_gazetteer: Gazetteer) -> Gazetteer:
    return builtin_gazetteer


def _near(gaz: Gazetteer, ref, town: str, cc: str, km: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    place = next(p for p, m in gaz.matches(town, cc, fuzzy=False) if m >= 1.0)
    return ref.lat is not None and distance_km(ref.lat, ref.lon, place.lat, place.lon) <= km


def test_an_unknown_name_takes_the_town_of_its_bracketed_alias(fresh: Gazetteer) -> None:
    text = "Drones struck a convoy in the Qorzanik (Sinjar) region on Tuesday."
    ref = resolve_names(fresh, text, ["Qorzanik", "Sinjar"])["Qorzanik"]
    assert ref.text == "Qorzanik" and ref.geo_precision == 1
    assert _near(fresh, ref, "Sinjar", "IQ")


def test_a_known_name_keeps_its_own_place_before_a_bracket(fresh: Gazetteer) -> None:
    text = "Police raided homes in Samarra (Tikrit) on Monday."
    refs = resolve_names(fresh, text, ["Samarra", "Tikrit"])
    assert _near(fresh, refs["Samarra"], "Samarra", "IQ")


@pytest.mark.parametrize("text, village, town", [
    ("A roadside bomb hit a car on the Dabrakan road near Tikrit on Sunday.", "Dabrakan",
     "Tikrit"),
    ("Gunmen killed a farmer in Qurtabiyeh northeast Samarra on Friday.", "Qurtabiyeh",
     "Samarra"),
    ("Jets bombed Hasnakan village (local name) in Zakho on Tuesday.", "Hasnakan", "Zakho"),
])
def test_an_unknown_village_is_placed_around_the_town_the_text_names(
        fresh: Gazetteer, text: str, village: str, town: str) -> None:
    ref = resolve_names(fresh, text, [village, town])[village]
    assert ref.geo_precision == 2
    assert _near(fresh, ref, town, "IQ")


def test_a_town_then_its_province_are_two_names_not_one(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text("Militias blew up a truck in Tuz Khurmatu Saladin province on Monday.")
    places = {c.place.text for c in ex.claims if c.place is not None}
    assert places == {"Tuz Khurmatu"}


def test_an_article_opening_a_town_name_is_no_conjunction(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text("On 9 March retired officers marched in As Samawah calling for higher "
                      "pensions.")
    assert [c.place.text for c in ex.claims if c.place is not None] == ["As Samawah"]


def test_each_village_of_a_list_is_placed_around_the_town_after_it(fresh: Gazetteer) -> None:
    text = "Rebels seized Qurtabiyeh, Dabrakan and Hasnakan east of the town of Samarra."
    refs = resolve_names(fresh, text, ["Qurtabiyeh", "Dabrakan", "Hasnakan", "Samarra"])
    for village in ("Qurtabiyeh", "Dabrakan", "Hasnakan"):
        assert refs[village].geo_precision == 2
        assert _near(fresh, refs[village], "Samarra", "IQ")


def test_a_name_met_only_on_a_far_towns_key_weighs_less_than_the_actors_named(
        fresh: Gazetteer) -> None:
    """"Dayla" is on the phonetic key of Ethiopia's Dila, spelled otherwise: half a vote, less
    than the Turkish nationality and actor the text names."""
    from frontlines.geo.documents import document_context

    text = "Turkish artillery shelled farmland around Dayla overnight."
    ctx = document_context(["Dayla"], fresh, text=text, actors={"TR": 1.0})
    assert ctx.country == "TR"
