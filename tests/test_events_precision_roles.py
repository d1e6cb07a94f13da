"""Real-article precision (issue 17): who flew a strike its own words name ("a coalition raid"),
a generic event noun that only sets the scene of an attack told by its own word ("accused the
army of shelling X in a night attack"), and an event laid on someone by a relative clause
("the X use, which the ministry blames on Y")."""

from __future__ import annotations

from datetime import date

from tests._roles import acled_name

PUBLISHED = date(2021, 6, 18)


def test_a_coalition_raid_is_the_coalitions_after_another_sides_attack(extract_text) -> None:
    ex = extract_text("Police said an army shelling attack on Tal Afar killed five people on "
                      "Monday. The monitor added that a coalition raid on Qaim, where tribal "
                      "units fight the Islamic State, left four men dead.", published=PUBLISHED)
    raids = [c for c in ex.claims if c.sub_event_type == "Air/drone strike"]
    assert raids, "no air strike"
    assert acled_name(raids[0].actor1) == "Global Coalition Against Daesh"


def test_a_coalition_raid_told_alone(extract_text) -> None:
    ex = extract_text("A coalition raid on the town of Qaim killed three women on Monday.",
                      published=PUBLISHED)
    assert [(c.sub_event_type, acled_name(c.actor1)) for c in ex.claims] == [
        ("Air/drone strike", "Global Coalition Against Daesh")]


def test_a_generic_attack_noun_sets_the_scene_of_a_shelling(extract_text) -> None:
    ex = extract_text("The rebels accused the army of shelling the market of Maarat al-Numan in "
                      "a night attack on Friday.", published=PUBLISHED)
    assert [c.sub_event_type for c in ex.claims] == ["Shelling/artillery/missile attack"]


def test_a_generic_attack_noun_alone_is_still_an_attack(extract_text) -> None:
    ex = extract_text("Three soldiers were killed in an attack near Maarat al-Numan on Friday.",
                      published=PUBLISHED)
    assert ex.claims


def test_an_event_blamed_on_someone_in_a_relative_clause(extract_text) -> None:
    said = "Medics treated 40 people after the chemical weapon use in Hama on Tuesday"
    blamed = extract_text(said + " which the ministry blames on the Syrian government.",
                          published=PUBLISHED)
    plain = extract_text(said + ".", published=PUBLISHED)
    assert acled_name(blamed.claims[0].actor1) == "Military Forces of Syria (2000-)"
    assert acled_name(plain.claims[0].actor1) != "Military Forces of Syria (2000-)"


def test_an_unclaimed_air_strike_on_the_states_ally_is_not_the_states(extract_text) -> None:
    on_ally = extract_text("An air strike hit a Hezbollah position near Qusayr on Monday, "
                           "killing six fighters.", published=PUBLISHED)
    on_rebels = extract_text("An air strike hit a rebel position near Qusayr on Monday, "
                             "killing six fighters.", published=PUBLISHED)
    strike = next(c for c in on_ally.claims if c.sub_event_type == "Air/drone strike")
    assert acled_name(strike.actor2) == "Hezbollah"
    assert not acled_name(strike.actor1).startswith("Military Forces of Syria")
    assert acled_name(on_rebels.claims[0].actor1) == "Military Forces of Syria (2000-)"
