"""CASE dev confusions fixed in session 15 as phrasing families (sentences written for these
tests, other countries and names):

- force used on a demonstration told with deaths in its own clause ("broke up the rally,
  killing four") is excessive force against protesters, and so is fire opened on a sit-in or
  on demonstrators (kb `protests.lethal`, excessive_force triggers; events/protests.py
  `_lethal`); a death the demonstration followed is no such force;
- a human chain is a demonstration (kb protest triggers, `contexts.demo`);
- an arrest named as what a demonstration followed ("following the arrest of two traders")
  does not raise it to a violent demonstration (events/protests.py `_is_topic`);
- a demonstration verb with an armed subject ("troops marched deeper into the district") is a
  movement of forces, no protest (kb `protests.armed_moves`, trigger_matches.py `armed_move`);
- a commander or a suspect captured, no place taken, is an arrest (kb arrest triggers);
- choppers and gunships are aircraft (kb air_strike triggers, `contexts.air`);
- an attacked checkpoint, outpost or base is fought with its garrison whoever the dead are
  (kb `victims.military_sites`): an armed clash, no attack on civilians;
- a civilian site stormed ("gunmen stormed a college") is an assault on the people there,
  no territory taken (kb clash triggers `storm ~ university` ...);
- ordnance found or discovered, not fired, is disrupted weapons use (kb disrupted_weapons
  triggers), unless it went off;
- a trigger word that is all of the report's speaker ("according to vigilantes") is no event
  (trigger_matches.py `spoken_by`).
"""

from __future__ import annotations

from datetime import date

import pytest

from ._roles import main_type

PUBLISHED = date(2022, 6, 30)


def _types(extract_text, rules, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {c.sub_event_type for c in extract_text(text, published=PUBLISHED,
                                                     knowledge=rules).claims}


@pytest.mark.parametrize("text", [
    "Soldiers broke up a rally in Bamako on Tuesday, killing four.",
    "Riot police broke up a sit-in outside the labour ministry in Harare on Friday, killing "
    "two demonstrators.",
    "Soldiers opened fire on a sit-in outside the defence ministry in Niamey on Tuesday.",
    "Gendarmes opened fire on demonstrators in Conakry on Wednesday.",
])
def test_lethal_force_on_a_demonstration_is_excessive(extract_text, rules, text: str) -> None:
    ex = extract_text(text, published=PUBLISHED, knowledge=rules)
    assert main_type(ex.claims) == "Excessive force against protesters"
    assert "Armed clash" not in {c.sub_event_type for c in ex.claims}


def test_a_death_the_dispersal_followed_is_no_lethal_force(extract_text, rules) -> None:
    ex = extract_text("Police dispersed mourners with tear gas in Kisumu after the death of a "
                      "student.", published=PUBLISHED, knowledge=rules)
    assert main_type(ex.claims) == "Protest with intervention"


@pytest.mark.parametrize(("text", "expected"), [
    ("Teachers formed a human chain in Sylhet on Sunday to demand unpaid salaries.",
     "Peaceful protest"),
    ("Police baton charged a human chain of students in Khulna on Sunday.",
     "Protest with intervention"),
])
def test_a_human_chain_is_a_demonstration(extract_text, rules, text: str,
                                          expected: str) -> None:
    ex = extract_text(text, published=PUBLISHED, knowledge=rules)
    assert main_type(ex.claims) == expected


@pytest.mark.parametrize("text", [
    "A peaceful protest took place in Kano following the arrest of two traders.",
    "Market women staged a protest in Ibadan on Monday following the arrest of their leader.",
])
def test_an_arrest_a_protest_followed_does_not_raise_it(extract_text, rules, text: str
                                                        ) -> None:
    assert "Violent demonstration" not in _types(extract_text, rules, text)
    ex = extract_text(text, published=PUBLISHED, knowledge=rules)
    assert main_type(ex.claims) == "Peaceful protest"


@pytest.mark.parametrize("text", [
    "Government troops marched deeper into a rebel-held district of Bangui on Sunday, an "
    "opposition monitoring group said.",
    "Army units marched into the opposition stronghold of Bria on Friday, residents said.",
])
def test_troops_marching_are_no_demonstration(extract_text, rules, text: str) -> None:
    assert not {"Peaceful protest", "Protest with intervention"} & \
        _types(extract_text, rules, text)


def test_civilians_marching_are_still_a_demonstration(extract_text, rules) -> None:
    ex = extract_text("Thousands of teachers marched in Bangui on Sunday demanding unpaid "
                      "wages.", published=PUBLISHED, knowledge=rules)
    assert main_type(ex.claims) == "Peaceful protest"


@pytest.mark.parametrize("text", [
    "Kenyan troops have captured a senior commander of the militants near Lamu.",
    "Police in Peshawar captured the suspected mastermind of the bank raid on Thursday.",
])
def test_a_commander_captured_is_an_arrest(extract_text, rules, text: str) -> None:
    ex = extract_text(text, published=PUBLISHED, knowledge=rules)
    assert main_type(ex.claims) == "Arrests"


@pytest.mark.parametrize("text", [
    "Army choppers struck rebel positions in Sennar province on Monday.",
    "Helicopter gunships pounded insurgent hideouts near Marawi on Saturday.",
])
def test_choppers_and_gunships_fly(extract_text, rules, text: str) -> None:
    ex = extract_text(text, published=PUBLISHED, knowledge=rules)
    assert main_type(ex.claims) == "Air/drone strike"


@pytest.mark.parametrize("text", [
    "Militants attacked a checkpoint near Galkayo on Monday, killing at least five people, "
    "police said.",
    "Insurgents raided an outpost outside Pibor overnight, killing seven people.",
])
def test_an_attacked_checkpoint_is_a_clash(extract_text, rules, text: str) -> None:
    ex = extract_text(text, published=PUBLISHED, knowledge=rules)
    assert main_type(ex.claims) == "Armed clash"


def test_people_a_group_detains_at_a_checkpoint_are_abducted(extract_text, rules) -> None:
    ex = extract_text("On 4 March, Al Shabaab fighters detained several travellers at a "
                      "checkpoint near Baidoa.", published=PUBLISHED, knowledge=rules)
    assert main_type(ex.claims) == "Abduction/forced disappearance"


def test_an_attacked_market_is_still_an_attack(extract_text, rules) -> None:
    ex = extract_text("Gunmen attacked a market in Gao on Monday, killing five people.",
                      published=PUBLISHED, knowledge=rules)
    assert main_type(ex.claims) == "Attack"


@pytest.mark.parametrize("text", [
    "Gunmen stormed a university in Garissa on Thursday, killing dozens of students.",
    "Armed men stormed a hotel in Mogadishu on Friday, killing at least nine people.",
])
def test_a_civilian_site_stormed_is_an_attack(extract_text, rules, text: str) -> None:
    types = _types(extract_text, rules, text)
    assert "Attack" in types
    assert not {"Non-state actor overtakes territory", "Government regains territory"} & types


@pytest.mark.parametrize("text", [
    "Fishermen discovered three mortar bombs on the beach at Kilifi on Wednesday.",
    "Several unexploded rockets were found by farmers near Kismayo on Sunday.",
])
def test_ordnance_found_is_disrupted_weapons_use(extract_text, rules, text: str) -> None:
    ex = extract_text(text, published=PUBLISHED, knowledge=rules)
    assert main_type(ex.claims) == "Disrupted weapons use"
    assert "Shelling/artillery/missile attack" not in {c.sub_event_type for c in ex.claims}


def test_ordnance_found_that_went_off_is_the_blast(extract_text, rules) -> None:
    ex = extract_text("A mortar bomb found by children exploded in Kilifi, killing two.",
                      published=PUBLISHED, knowledge=rules)
    assert main_type(ex.claims) == "Remote explosive/landmine/IED"


def test_the_speaker_is_no_event(extract_text, rules) -> None:
    types = _types(extract_text, rules, "Bandits attacked two villages in Zamfara state, "
                   "killing 30 people, according to vigilantes.")
    assert "Mob violence" not in types
    assert "Attack" in types
