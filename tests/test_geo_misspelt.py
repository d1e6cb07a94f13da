"""Names reports garble, and names the context places elsewhere (issue #12).

A misspelt village in a list of towns resolves to the one village around them spelled nearly
so; a name alone with one other place does not. A subdistrict named like its seat votes for its
country, so a village "in its countryside" stays beside it; a town written before its province
("in X Y province") is two places. Sentences are written for these tests; the spellings are
made up ("Maatak" for Moataf near Binnish), the places are the embedded Syria pack's and the
world layer's.
"""

from __future__ import annotations

import pytest
import spacy

import frontlines.nlp.places  # noqa: F401 - registers the factory
from frontlines.geo import Gazetteer, distance_km
from frontlines.geo.documents import document_context
from frontlines.nlp import Knowledge
from frontlines.nlp.annotator import SPAN_KEY
from tests._geo_refs import resolve_names


@pytest.fixture(scope="module")
def gaz(builtin_gazetteer: Gazetteer) -> Gazetteer:
    return builtin_gazetteer




def _moataf(gaz: Gazetteer) -> tuple[float, float]:
    village = next(p for p, m in gaz.matches("Moataf", "SY", fuzzy=False) if m >= 1.0)
    return village.lat, village.lon


def test_misspelt_village_in_a_list_resolves_among_its_neighbours(gaz: Gazetteer) -> None:
    text = "Jets struck Binnish, Sarmin, Saraqib and Maatak overnight."
    got = resolve_names(gaz, text, ["Binnish", "Sarmin", "Saraqib", "Maatak"])["Maatak"]
    assert got.geo_precision == 1 and got.lat is not None and got.lon is not None
    assert distance_km(got.lat, got.lon, *_moataf(gaz)) < 1


def test_misspelt_name_beside_one_place_is_not_guessed(gaz: Gazetteer) -> None:
    got = resolve_names(gaz, "Jets struck Maatak near Binnish overnight.",
                ["Maatak", "Binnish"])["Maatak"]
    assert got.lat is None or distance_km(got.lat, got.lon, *_moataf(gaz)) > 1


def test_misspelling_far_from_the_listed_towns_is_not_guessed(gaz: Gazetteer) -> None:
    # the same spelling in a list of towns of Daraa: Moataf (Idlib) is no candidate there
    text = "Jets struck Nawa, Jasim, Inkhil and Maatak overnight."
    got = resolve_names(gaz, text, ["Nawa", "Jasim", "Inkhil", "Maatak"])["Maatak"]
    assert got.lat is None or distance_km(got.lat, got.lon, *_moataf(gaz)) > 50


def test_subdistrict_named_like_its_seat_votes_for_its_country(gaz: Gazetteer) -> None:
    assert document_context(["Tawila", "Tal Tamer"], gaz).country == "SY"
    text = "Artillery hit the village of Tawila in Tal Tamer countryside."
    refs = resolve_names(gaz, text, ["Tawila", "Tal Tamer"])
    village, town = refs["Tawila"], refs["Tal Tamer"]
    assert village.country == "SY" and village.lat is not None and town.lat is not None
    assert distance_km(village.lat, village.lon, town.lat, town.lon) < 50


def test_town_before_its_province_is_two_places(gaz: Gazetteer) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("frontlines_places").configure(Knowledge(gazetteer=gaz))
    doc = nlp("Gunmen killed a shopkeeper in Kufa Najaf province on Monday.")
    assert [s.text for s in doc.spans[SPAN_KEY] if s._.fl_kind == "place"] == ["Kufa", "Najaf"]


def test_dhal_written_th_finds_the_dh_spelling(gaz: Gazetteer) -> None:
    from frontlines.geo import georef_for

    got = georef_for("Thi-Qar", gaz, country="IQ")
    assert got.country == "IQ" and got.admin1 == gaz.admin1_of("Dhi Qar", "IQ")


def test_a_district_and_its_subdistrict_of_one_name_vote_once(gaz: Gazetteer) -> None:
    # At Tall is a Syrian district and subdistrict; Tripoli a Lebanese (and Libyan) city:
    # the bracketed square name does not outvote the city the report is about
    text = "Taxi drivers held a sit-in at Martyrs (Al Tall) Square in Tripoli on Friday."
    assert resolve_names(gaz, text, ["Al Tall", "Tripoli"])["Tripoli"].country == "LB"


def test_a_place_after_its_countrys_possessive_is_the_place(gaz: Gazetteer) -> None:
    # "Syria's Idlib" as some feeds print it, the apostrophe lost
    from frontlines.geo import georef_for

    for name in ("Syrias Idlib", "Syria's Idlib"):
        got = georef_for(name, gaz, country="SY")
        assert got.admin1 == gaz.admin1_of("Idlib", "SY") and got.geo_precision == 1, name
