"""Actors of strikes told with other arms, as ACLED names them: an air strike told with ground
fire by a state's whole military is that military's (the air force is one arm of it), the
event's own state leads over a foreign air force striking beside it (associated), "X and Y
warplanes" with X named on its own is X's air force, and an unnamed group fighting under an
umbrella is coded as the umbrella."""

from __future__ import annotations

from datetime import date

import pytest

from tests._roles import acled_name

ON = date(2021, 3, 9)


def _main(ex, sub_event_type: str):  # type: ignore[no-untyped-def]
    found = [c for c in ex.claims if c.sub_event_type == sub_event_type and not c.modality]
    assert found, f"no {sub_event_type}: {[c.sub_event_type for c in ex.claims]}"
    return found[0]


@pytest.mark.parametrize(("text", "actor1", "assoc"), [
    ("On 7 March Chadian jets bombed camps outside Monguno as Nigerian troops shelled the "
     "same camps with mortars.", "Military Forces of Nigeria", "Military Forces of Chad"),
    ("On 7 March Russian aircraft struck farms outside Kidal while Malian soldiers pounded "
     "the area with artillery.", "Military Forces of Mali", "Military Forces of Russia"),
    ("On 7 March American drones hit a compound near Jilib amid heavy shelling of the "
     "village by Somali army units.", "Military Forces of Somalia",
     "Military Forces of the United States"),
])
def test_a_foreign_air_strike_with_the_home_states_ground_fire_is_the_home_militarys(
        extract_text, text: str, actor1: str, assoc: str) -> None:
    claim = _main(extract_text(text, published=ON), "Air/drone strike")
    assert acled_name(claim.actor1).startswith(actor1)
    assert any(acled_name(a).startswith(assoc) for a in claim.assoc_actor_1)


def test_the_home_air_force_with_its_own_ground_fire_is_the_whole_military(extract_text) -> None:
    ex = extract_text("On 7 March regime jets struck the outskirts of Kafr Nabl while regime "
                      "artillery units pounded the hills around it.", published=date(2019, 6, 2))
    claim = _main(ex, "Air/drone strike")
    assert acled_name(claim.actor1) == "Military Forces of Syria (2000-)"
    assert not [c for c in ex.claims if c.sub_event_type == "Shelling/artillery/missile attack"
                and c.place == claim.place and c.actor1 == claim.actor1]


@pytest.mark.parametrize("text", [
    # the ground fire is a backing militia's, or aimed at the state's forces: no joint strike
    "On 7 March Russian aircraft struck farms outside Kidal while pro-government militias "
    "shelled the area.",
    "On 7 March Russian aircraft struck farms outside Kidal amid shelling of Malian army "
    "positions by the rebels.",
])
def test_an_air_strike_beside_other_fire_keeps_its_own_agent(extract_text, text: str) -> None:
    claim = _main(extract_text(text, published=ON), "Air/drone strike")
    assert acled_name(claim.actor1).startswith("Military Forces of Russia")


def test_the_state_named_alone_before_anothers_warplanes_is_its_air_force(extract_text) -> None:
    claim = _main(extract_text("On 9 June regime and Russian warplanes bombed the outskirts of "
                               "Taftanaz.", published=date(2019, 6, 12)), "Air/drone strike")
    assert acled_name(claim.actor1) == "Military Forces of Syria (2000-) Syrian Arab Air Force"
    assert any(acled_name(a).startswith("Military Forces of Russia")
               for a in claim.assoc_actor_1)


@pytest.mark.parametrize(("text", "published", "actor1"), [
    ("On 3 May allied fighters who operate as part of Operation Olive Branch stormed a hamlet "
     "near Jandairis.", date(2019, 6, 2), "Operation Olive Branch"),
    ("On 3 January armed men operating under Operation Euphrates Shield seized a warehouse in "
     "Jarablus.", date(2017, 1, 10), "Operation Euphrates Shield"),
])
def test_an_unnamed_group_under_an_umbrella_is_coded_as_the_umbrella(
        extract_text, text: str, published: date, actor1: str) -> None:
    claim = extract_text(text, published=published).claims[0]
    assert acled_name(claim.actor1) == actor1


@pytest.mark.parametrize(("text", "actor1"), [
    ("On 4 May residents fled Hajin amid heavy shelling of the town by Islamic State "
     "militants.", "Islamic State (Syria)"),
    ("On 4 May herders fled Dikwa amid heavy shelling of the town by Boko Haram.",
     "Boko Haram"),
])
def test_the_by_phrase_of_an_event_noun_is_its_agent(extract_text, text: str,
                                                     actor1: str) -> None:
    claim = _main(extract_text(text, published=date(2019, 5, 6)),
                  "Shelling/artillery/missile attack")
    assert acled_name(claim.actor1).startswith(actor1)


def test_a_label_before_a_colon_is_told_by_the_words_after_it(extract_text) -> None:
    ex = extract_text("Looting: On 2 May opposition rebels under Operation Olive Branch looted "
                      "farm machinery from villagers near Jandairis.", published=date(2019, 5, 6))
    looting = [c for c in ex.claims if c.sub_event_type == "Looting/property destruction"]
    assert len(looting) == 1
    assert acled_name(looting[0].actor1) == "Operation Olive Branch"


def test_a_unit_named_as_its_owners_stays_the_owners_in_the_event_it_governs(
        extract_text) -> None:
    ex = extract_text("On 8 May the PMF's Kataib Hezbollah ambushed IS militants and killed four "
                      "of them with rocket fire near Tuz Khurmatu.", published=date(2020, 5, 10))
    shelling = [c for c in ex.claims if c.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling and acled_name(shelling[0].actor1) == \
        "Military Forces of Iraq (2018-) Popular Mobilization Forces"


@pytest.mark.parametrize(("text", "published", "actor1", "actor2"), [
    ("On 4 June fighting erupted between Sultan Murad Division and Hamza Division militants "
     "who operate under Operation Olive Branch and YPG units near Afrin.", date(2019, 6, 6),
     "Operation Olive Branch", "YPG: Peoples Protection Units"),
    ("On 1 December fierce fighting took place between HTS and Ahrar al-Sham fighters who "
     "operate under the Military Operations Command and regime troops near Hama.",
     date(2024, 12, 2), "Military Operations Command", "Military Forces of Syria"),
])
def test_groups_under_an_umbrella_joined_to_a_group_after_it_fight_that_group(
        extract_text, text: str, published: date, actor1: str, actor2: str) -> None:
    claim = _main(extract_text(text, published=published), "Armed clash")
    assert acled_name(claim.actor1).startswith(actor1)
    assert acled_name(claim.actor2).startswith(actor2)


@pytest.mark.parametrize(("text", "actor1"), [
    ("On 3 March a roadside device suspected to have been placed there by Boko Haram went "
     "off near Konduga, wounding four farmers.", "Boko Haram"),
])
def test_who_is_said_to_have_planted_a_device_set_it_off(extract_text, text: str,
                                                          actor1: str) -> None:
    claim = _main(extract_text(text, published=date(2021, 3, 5)), "Remote explosive/landmine/IED")
    assert acled_name(claim.actor1).startswith(actor1)


def test_a_subject_the_parser_hung_on_the_date_acts_in_the_attack_it_launched(
        extract_text) -> None:
    ex = extract_text("On Jun 4 Shabaab militants launched an attack targeting a police station "
                      "in Afgooye using grenades.", published=date(2021, 6, 6))
    assert acled_name(_main(ex, "Grenade").actor1) == "Al Shabaab"
    clash = extract_text("On Mar 2 Houthi fighters launched an attack targeting government "
                         "positions west of Marib.", published=date(2021, 3, 5)).claims[0]
    assert acled_name(clash.actor2).startswith("Military Forces of Yemen")



@pytest.mark.parametrize("text", [
    "On 3 March Israeli jets bombed a regime missile depot near Masyaf.",
    "On 3 March Turkish drones struck an army rocket base outside Tal Tamr.",
])
def test_the_states_weapons_an_air_strike_hits_are_no_ground_fire_of_its_own(
        extract_text, text: str) -> None:
    claim = _main(extract_text(text, published=date(2021, 3, 5)), "Air/drone strike")
    assert not acled_name(claim.actor1).startswith("Military Forces of Syria")
