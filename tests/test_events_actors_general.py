"""Actor1 as ACLED names it, for constructions met in reports of any theatre: a subject the
parser hung on the date ("On 4 March rebels shelled"), countries named together as the agent
("Jordan and Egypt held a joint drill": the first named leads), a head of state or a
legislature acting as the government, a column of a state's vehicles as its military, and
militias named by their community (tribal, clan) as ACLED's identity-militia catch-alls."""

from __future__ import annotations

from datetime import date

import pytest

from tests._roles import acled_name, first_claim

ON = date(2020, 3, 6)


@pytest.mark.parametrize(("text", "actor1"), [
    ("On 4 March rebels shelled the Hamdaniyeh neighbourhood of Aleppo with rockets.",
     "Opposition Rebels (Syria)"),
    ("On 2 March militants stormed a police post near Baqubah, killing two policemen.",
     "Unidentified Armed Group (Iraq)"),
    ("On 3 March Turkey shelled villages near Tal Rifaat.", "Military Forces of Turkey (2016-)"),
    # a count or share of a named group hung on the date: the group ("members of X")
    ("On 5 March members of al-Shabaab abducted four traders in Jilib.", "Al Shabaab"),
    ("On 5 March members of the Hamza Division detained three traders in Afrin.",
     "Hamza Division - Aleppo"),
])
def test_a_subject_the_parser_hung_on_the_date_is_the_agent(extract_text, text: str,
                                                              actor1: str) -> None:
    claim = first_claim(extract_text(text, published=ON))
    assert acled_name(claim.actor1) == actor1


@pytest.mark.parametrize(("text", "actor1"), [
    ("Turkey and Russia ran a joint patrol along the road near Amuda on Tuesday.",
     "Military Forces of Turkey (2016-)"),
    ("On 4 March Russia and Turkey conducted a joint patrol east of Kobani.",
     "Military Forces of Russia (2000-)"),
])
def test_countries_named_together_are_led_by_the_first(extract_text, text: str,
                                                       actor1: str) -> None:
    claim = first_claim(extract_text(text, published=ON))
    assert acled_name(claim.actor1) == actor1


@pytest.mark.parametrize(("text", "actor1"), [
    ("Non-violent activity: On 4 March the Iraqi president named a new governor for Najaf.",
     "Government of Iraq (2018-)"),
    ("Other: On 4 March Lebanese lawmakers approved a new cabinet after weeks of talks.",
     "Government of Lebanon (2020-)"),
])
def test_a_head_of_state_or_legislature_is_the_government(extract_text, text: str,
                                                         actor1: str) -> None:
    claim = first_claim(extract_text(text, published=ON))
    assert acled_name(claim.actor1) == actor1


def test_a_column_of_a_states_vehicles_is_its_military(extract_text) -> None:
    claim = first_claim(extract_text(
        "Movement of forces: On 5 March a Russian column of armoured vehicles entered Tal Tamr.",
        published=ON))
    assert acled_name(claim.actor1) == "Military Forces of Russia (2000-)"


@pytest.mark.parametrize(("text", "actor1"), [
    ("On 4 March two tribal militias clashed over grazing land in a village near Mayadin.",
     "Unidentified Tribal Militia (Syria)"),
    ("On 4 March tribal fighters clashed with ISIS militants near Al-Qaim in Anbar.",
     "Unidentified Tribal Militia (Iraq)"),
])
def test_a_militia_named_by_its_community(extract_text, text: str, actor1: str) -> None:
    claim = first_claim(extract_text(text, published=ON))
    assert acled_name(claim.actor1) == actor1


@pytest.mark.parametrize("text", [
    "On 4 March an armed fight erupted between two families in the village of Qartaba.",
    "On 4 March, a quarrel over water rights in the town of Nawa ended in clashes between two "
    "armed families.",
])
def test_families_that_fight_are_a_clan_militia_not_protesters(extract_text, text: str) -> None:
    claim = first_claim(extract_text(text, published=ON))
    assert claim.sub_event_type == "Armed clash"
    assert acled_name(claim.actor1).startswith("Unidentified Clan Militia (")
    assert acled_name(claim.actor2).startswith("Unidentified Clan Militia (")


def test_families_that_demonstrate_stay_protesters(extract_text) -> None:
    claim = first_claim(extract_text(
        "On 4 March the families of missing fishermen protested outside the port office in "
        "Latakia.", published=ON))
    assert acled_name(claim.actor1) == "Protesters (Syria)"


@pytest.mark.parametrize(("text", "actor1"), [
    ("On 4 March warplanes presumably Russian targeted the outskirts of Kafranbel.",
     "Military Forces of Russia (2000-)"),
    ("On 4 March, drones believed to be Turkish struck a car near Amuda.",
     "Military Forces of Turkey (2016-)"),
])
def test_aircraft_with_a_hedged_nationality_after_them(extract_text, text: str,
                                                       actor1: str) -> None:
    claim = first_claim(extract_text(text, published=ON))
    assert claim.sub_event_type == "Air/drone strike"
    assert acled_name(claim.actor1) == actor1
