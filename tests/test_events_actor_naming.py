"""Actors named as ACLED names them: a unit named as its parent force's is coded as the parent,
a death in custody with no one named is the detaining state's prison guards, strikes by
warplanes nobody names are Unidentified Military Forces, a service noun after a people with no
state ("Kurdish forces") is not the state's service, the one who planted a device set it off,
and ACLED's own joint and sub-actors."""

from __future__ import annotations

from datetime import date

import pytest

from tests._roles import acled_name, first_claim

ON = date(2020, 3, 6)


@pytest.mark.parametrize(("text", "actor1", "unit"), [
    ("On 4 March the PMF's Badr Organization ambushed IS militants near Tuz Khurmatu.",
     "Military Forces of Iraq (2018-) Popular Mobilization Forces", "Badr Organization"),
    ("On 4 March the PMF's Peace Companies repelled an attack by IS militants near Balad.",
     "Military Forces of Iraq (2018-) Popular Mobilization Forces", "Peace Companies"),
])
def test_naming_a_unit_of_its_owner_is_coded_as_the_owner(extract_text, text: str, actor1: str,
                                                          unit: str) -> None:
    claim = first_claim(extract_text(text, published=ON))
    assert acled_name(claim.actor1) == actor1
    assert unit in {acled_name(a) for a in claim.assoc_actor_1}


def test_naming_a_sub_actor_acled_names_after_its_owner_stays_itself(extract_text) -> None:
    claim = first_claim(extract_text(
        "On 4 March the regime's Republican Guard shelled farmland near Harasta.", published=ON))
    assert acled_name(claim.actor1) == "Military Forces of Syria (2000-) Republican Guard"


def test_naming_a_unit_with_no_owner_named_stays_itself(extract_text) -> None:
    claim = first_claim(extract_text(
        "On 4 March Badr Organization fighters ambushed IS militants near Tuz Khurmatu.",
        published=ON))
    assert acled_name(claim.actor1) == "Badr Organization"


@pytest.mark.parametrize(("text", "actor1"), [
    ("On 2 March a detainee from Hama died under torture in a prison near Damascus.",
     "Military Forces of Syria (2000-) Prison Guards"),
    ("On 2 March an inmate died under torture in the central prison of Diyarbakir.",
     "Police Forces of Turkey (2016-) Prison Guards"),
    ("On 2 March a shopkeeper held since last year died in custody in a jail in Basra.",
     "Police Forces of Iraq (2018-) Prison Guards"),
])
def test_naming_a_death_in_custody_is_the_prison_guards_of_the_country(extract_text, text: str,
                                                                       actor1: str) -> None:
    claim = first_claim(extract_text(text, published=ON))
    assert claim.sub_event_type == "Attack"
    assert acled_name(claim.actor1) == actor1


@pytest.mark.parametrize("text", [
    "On 3 March unidentified warplanes bombed a fuel depot near Sirte.",
    "On 3 March unidentified military aircraft struck a truck on the road south of Marib.",
])
def test_naming_strikes_by_aircraft_nobody_names(extract_text, text: str) -> None:
    claim = first_claim(extract_text(text, published=ON))
    assert acled_name(claim.actor1) == "Unidentified Military Forces"


@pytest.mark.parametrize("text", [
    "On 5 March Syrian or Russian warplanes struck a bakery in Kafranbel.",
    "On 5 March regime and/or Russian jets bombed the outskirts of Saraqib.",
])
def test_naming_strikes_told_as_either_allys(extract_text, text: str) -> None:
    claim = first_claim(extract_text(text, published=ON))
    assert acled_name(claim.actor1) == "Allied Syrian and/or Russian Forces"


def test_naming_a_sub_actor_by_its_nationality(extract_text) -> None:
    claim = first_claim(extract_text(
        "On 5 March Russian military police patrolled the highway east of Amuda.", published=ON))
    assert acled_name(claim.actor1) == "Military Forces of Russia (2000-) Military Police"


@pytest.mark.parametrize(("text", "state"), [
    ("On 5 March Kurdish forces shelled a hamlet west of Jarablus, wounding a shepherd.",
     "Military Forces of Syria (2000-)"),
    ("On 5 March Tuareg forces attacked an outpost north of Kidal.",
     "Military Forces of Mali (2013-)"),
])
def test_naming_the_forces_of_a_stateless_people_are_not_the_states(extract_text, text: str,
                                                                   state: str) -> None:
    claim = first_claim(extract_text(text, published=ON))
    assert acled_name(claim.actor1) != state
    assert not acled_name(claim.actor1).startswith("Military Forces of")


@pytest.mark.parametrize(("text", "actor1"), [
    ("On 9 April an explosive device planted by regime troops detonated near Morek, "
     "injuring a farmer.", "Military Forces of Syria (2000-)"),
    ("On 5 March a bomb planted by Taliban fighters went off beside a bus near Kandahar, "
     "wounding six passengers.", "Taliban"),
])
def test_naming_who_planted_the_device_set_it_off(extract_text, text: str, actor1: str) -> None:
    claim = first_claim(extract_text(text, published=ON))
    assert claim.event_type == "Explosions/Remote violence"
    assert acled_name(claim.actor1) == actor1


def test_naming_the_placer_is_not_a_name_in_the_place_told_after_it(extract_text) -> None:
    claim = first_claim(extract_text(
        "On 5 March an IED planted by unknown gunmen on the edge of Badr Farm east of Raqqa "
        "exploded under a truck, wounding two men.", published=ON))
    assert acled_name(claim.actor1) == "Unidentified Armed Group (Syria)"


@pytest.mark.parametrize(("text", "actor1"), [
    ("On 4 March JaS clashed with the Hamza Division near Marea.", "JaS: Levant Front"),
    ("On 4 March QDW militiamen shelled a village near Salamiyah.",
     "QDW: National Defense Forces"),
])
def test_naming_the_acronym_acleds_name_opens_with_names_the_actor(extract_text, text: str,
                                                                   actor1: str) -> None:
    """kb aliases: the acronym before the colon of an ACLED name ("JaS: Levant Front") is how
    reports written with ACLED's names call the group."""
    assert acled_name(first_claim(extract_text(text, published=ON)).actor1) == actor1
