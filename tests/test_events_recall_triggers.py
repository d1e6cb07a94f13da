"""Recall on whole reports (issue 17), second part: events told with words the triggers used to
miss or misread (a gas attack told with its delivery, "gassing", "broke into", a town's districts
entered, aircraft brought down), and a report's "another" event kept apart. Sentences written
for these tests, in several theatres."""

from __future__ import annotations

from datetime import date

from frontlines.consolidate import consolidate

PUBLISHED = date(2019, 11, 15)  # a Friday


def _told(ex):  # type: ignore[no-untyped-def]
    return [c for c in ex.claims if c.modality is None]


def test_a_munition_carrying_gas_is_one_chemical_attack_by_the_deliverer(extract_text) -> None:
    # the helicopter names who struck, the chlorine what the barrel carried: one chemical
    # weapon event by the helicopter's force, not an air strike plus an unattributed gas attack
    ex = extract_text("A regime helicopter dropped a barrel filled with chlorine on the village "
                      "of Latamneh in Hama province on Tuesday.", published=PUBLISHED)
    claims = _told(ex)
    assert claims
    assert {c.sub_event_type for c in claims} == {"Chemical weapon"}
    assert all(not c.actor1.name.startswith("Unidentified") for c in claims)
    assert len(consolidate(claims)) == 1


def test_gassing_is_a_chemical_attack_by_who_is_accused_of_it(extract_text) -> None:
    ex = extract_text("Rights groups accused the army of gassing dozens of villagers in "
                      "Khan Shaykhun on Monday.", published=PUBLISHED)
    (gas,) = [c for c in _told(ex) if c.sub_event_type == "Chemical weapon"]
    assert gas.actor1.name.startswith("Military Forces of Syria")
    # the verb only: gas as a noun is a fuel
    ex = extract_text("The ministry said gas supplies to Homs resumed on Monday.",
                      published=PUBLISHED)
    assert not [c for c in _told(ex) if c.sub_event_type == "Chemical weapon"]


def test_breaking_into_a_town_takes_it(extract_text) -> None:
    ex = extract_text("Government troops broke into the eastern districts of Deir ez-Zor on "
                      "Sunday.", published=PUBLISHED)
    (taken,) = _told(ex)
    assert taken.sub_event_type == "Government regains territory"
    assert taken.time.start == date(2019, 11, 10)


def test_its_districts_entered_are_the_town_named_before(extract_text) -> None:
    # the sentence naming the town tells no event of its own; "its districts" are still that
    # town's, not the place of the report's last event
    ex = extract_text("Turkish-backed fighters shelled Tal Tamr on Monday. The battle for Ras "
                      "al-Ain has gone on for weeks. The fighters entered its eastern districts "
                      "on Wednesday.", published=PUBLISHED)
    (entered,) = [c for c in _told(ex) if c.sentence == 2]
    assert entered.sub_event_type == "Non-state actor overtakes territory"
    assert entered.place.text == "Ras al-Ain"


def test_advancing_on_a_town_is_fighting_for_it_not_holding_it(extract_text) -> None:
    ex = extract_text("Islamic State fighters have been advancing on Palmyra since Tuesday, "
                      "the monitor said.", published=PUBLISHED)
    assert {c.sub_event_type for c in _told(ex)} == {"Armed clash"}


def test_an_aircraft_brought_down_is_the_shooters_attack(extract_text) -> None:
    # ACLED: a helicopter downed is the shooter's attack on its air force, a drone downed a
    # disrupted weapons use; neither is an air strike by the aircraft's side
    ex = extract_text("Rebels shot down a government helicopter near Kafr Nabl on Monday. "
                      "Opposition fighters brought down a drone over Saraqib on Tuesday.",
                      published=PUBLISHED)
    claims = _told(ex)
    assert {(c.sentence, c.sub_event_type) for c in claims} == {
        (0, "Shelling/artillery/missile attack"), (1, "Disrupted weapons use")}
    assert all(c.actor1.name == "Opposition Rebels (Syria)" for c in claims)


def test_army_units_are_no_merger(extract_text, rules) -> None:
    # "unite" stemmed like "unit": the rules alone read a merger into army units
    ex = extract_text("Army units arrived in Manbij on Monday, the ministry said.",
                      published=PUBLISHED, knowledge=rules)
    assert not [c for c in _told(ex) if c.sub_event_type == "Change to group/activity"]
    stem = rules.ontology.stem  # "united", "uniting" still tell a merger
    assert stem("united") == stem("uniting") == stem("unite") != stem("units")


def test_another_strike_on_the_same_city_stays_another_event(extract_text, rules) -> None:
    # two quarters of one city (one gazetteer place), one day, one air force: the report tells
    # two strikes, so consolidation keeps two events
    ex = extract_text("Russian warplanes struck a bakery in the Idlib city quarter of Al-Qusur "
                      "on Thursday, killing six people. Another four people were killed when "
                      "Russian warplanes struck the quarter of Al-Thawra in Idlib city.",
                      published=PUBLISHED, knowledge=rules)
    strikes = [c for c in _told(ex) if c.sub_event_type == "Air/drone strike"]
    assert {c.sentence for c in strikes} == {0, 1}
    assert len({c.actor1.name for c in strikes}) == 1
    assert len(consolidate(strikes)) == 2


def test_an_event_told_by_someone_at_a_site_in_a_town_is_at_that_town(extract_text, rules) -> None:
    # the sentence names no place of its own; the nurse is at a hospital of a town, which the
    # strike hit: the town, not the province the report gave before
    ex = extract_text("Regime air strikes hit towns in Idlib province on Tuesday, killing 20 "
                      "people. A nurse at the hospital in Maarat al-Numan said a barrel bomb "
                      "hit its entrance, killing three patients.", published=PUBLISHED,
                      knowledge=rules)
    (bomb,) = [c for c in _told(ex) if c.sentence == 1]
    assert bomb.place.text == "Maarat al-Numan"


def test_an_attack_noun_modified_by_a_strike_word_is_that_strike(extract_text, rules) -> None:
    # "airstrike attacks": the generic noun tells the strike again, not a clash beside it
    ex = extract_text("Five fighters died in regime airstrike attacks on Jisr al-Shughur on "
                      "Monday.", published=PUBLISHED, knowledge=rules)
    claims = _told(ex)
    assert {c.sub_event_type for c in claims} == {"Air/drone strike"}
    assert len(consolidate(claims)) == 1


def test_the_munitions_told_again_are_the_chemical_attack_on_its_day(extract_text, rules) -> None:
    # the rockets carried the gas: one chemical event on the day told, and "the projectiles"
    # of the next sentence are that event again, not a shelling of their own
    ex = extract_text("Jihadists fired rockets containing chlorine at Kurdish fighters in Ras "
                      "al-Ain last month, the YPG said. Upon impact the projectiles released a "
                      "green gas with a strong smell, the statement said.",
                      published=PUBLISHED, knowledge=rules)
    (event,) = consolidate(_told(ex))
    assert event.sub_event_type == "Chemical weapon"
    assert event.date == date(2019, 10, 1)


def test_a_post_stormed_is_assaulted_not_taken(extract_text) -> None:
    # storming a town takes it; storming a checkpoint or a post in a town is an attack on it
    ex = extract_text("Gunmen stormed a checkpoint in Arish on Monday, killing five soldiers.",
                      published=PUBLISHED)
    assert {c.sub_event_type for c in _told(ex)} == {"Armed clash"}
    ex = extract_text("Militants stormed an army post near Diffa on Sunday.", published=PUBLISHED)
    assert {c.sub_event_type for c in _told(ex)} == {"Armed clash"}


def test_an_air_arm_that_shells_strikes_from_the_air(extract_text) -> None:
    # the gun verb is the outlet's word; the agent is an air force: ACLED's air strike
    ex = extract_text("The Air Force shelled Islamic State positions in Anbar province on "
                      "Sunday, the ministry said.", published=PUBLISHED)
    assert {c.sub_event_type for c in _told(ex)} == {"Air/drone strike"}
    ex = extract_text("Government forces shelled the town of Kafr Nabl on Monday.",
                      published=PUBLISHED)
    assert {c.sub_event_type for c in _told(ex)} == {"Shelling/artillery/missile attack"}


def test_a_bomb_that_went_off_is_a_bombing_on_the_ground(extract_text) -> None:
    # "bomb" alone needs an air word to be a strike; one that goes off was set there
    ex = extract_text("Security sources said a bomb went off near a checkpoint in Baquba on "
                      "Sunday.", published=PUBLISHED)
    assert {c.sub_event_type for c in _told(ex)} == {"Remote explosive/landmine/IED"}
