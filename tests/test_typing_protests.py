"""Violent demonstrations told by what the demonstrators do: things thrown at police, a protest
said to be or to turn violent, police and protesters clashing whichever side is the subject."""

from __future__ import annotations

from datetime import date

from frontlines.consolidate import consolidate

PUBLISHED = date(2021, 3, 12)


def _types(ex) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.sub_event_type for e in consolidate(ex.claims)]


def test_typing_protests_things_thrown_make_it_violent(extract_text) -> None:
    ex = extract_text("On Wednesday students protesting fuel prices in Lagos threw bottles and "
                      "bricks at the police.", published=PUBLISHED)
    assert _types(ex)[0] == "Violent demonstration"
    ex = extract_text("Farmers rallied outside the ministry in Santiago on Wednesday and "
                      "hurled rocks at officers guarding the gate.", published=PUBLISHED)
    assert _types(ex)[0] == "Violent demonstration"
    ex = extract_text("A protester threw a Molotov cocktail at riot police during a march in "
                      "Minsk on Wednesday.", published=PUBLISHED)
    assert _types(ex)[0] == "Violent demonstration"


def test_typing_protests_said_to_turn_violent(extract_text) -> None:
    ex = extract_text("A march by taxi drivers in Nairobi turned violent on Wednesday.",
                      published=PUBLISHED)
    assert _types(ex)[0] == "Violent demonstration"
    ex = extract_text("A rally by teachers in Manila turned increasingly violent on "
                      "Wednesday.", published=PUBLISHED)
    assert _types(ex)[0] == "Violent demonstration"
    ex = extract_text("Violent protests broke out in Lima on Wednesday over the ousting of the "
                      "president.", published=PUBLISHED)
    assert _types(ex)[0] == "Violent demonstration"


def test_typing_protests_police_clashing_with_protesters(extract_text) -> None:
    ex = extract_text("Riot police clashed with hundreds of protesters in Dhaka on Wednesday.",
                      published=PUBLISHED)
    assert _types(ex)[0] == "Violent demonstration"


def test_typing_protests_peaceful_stays_peaceful(extract_text) -> None:
    ex = extract_text("Thousands of nurses marched peacefully through Madrid on Wednesday, "
                      "demanding higher pay.", published=PUBLISHED)
    assert _types(ex) == ["Peaceful protest"]
    ex = extract_text("Hundreds of residents protested in Accra on Wednesday against the "
                      "violent arrest of a street vendor.", published=PUBLISHED)
    assert "Violent demonstration" not in _types(ex)
    ex = extract_text("Police fired tear gas at demonstrators in Harare on Wednesday.",
                      published=PUBLISHED)
    assert _types(ex) == ["Protest with intervention"]


def test_typing_protests_reason_for_a_detention_is_not_what_happened(extract_text) -> None:
    ex = extract_text("On Wednesday dozens of lawyers held a sit-in in Tunis, with two "
                      "colleagues who were jailed last month for throwing a petrol bomb at a "
                      "courthouse.", published=PUBLISHED)
    assert "Violent demonstration" not in _types(ex)


def test_typing_protests_firebomb_without_a_demonstration(extract_text) -> None:
    ex = extract_text("On Wednesday two men were jailed in Athens for hurling a Molotov "
                      "cocktail at a bank last month.", published=PUBLISHED)
    assert "Violent demonstration" not in _types(ex)


def test_typing_protests_riot_police_are_no_riot(extract_text) -> None:
    ex = extract_text("Riot police beat a student protester during a march in Caracas on "
                      "Wednesday.", published=PUBLISHED)
    assert _types(ex) == ["Excessive force against protesters"]
    ex = extract_text("Riot police chased demonstrators through the streets of Quito on "
                      "Wednesday.", published=PUBLISHED)
    assert _types(ex) == ["Protest with intervention"]


def test_typing_protests_force_told_as_violent(extract_text) -> None:
    ex = extract_text("Soldiers violently dispersed a protest by miners in Oruro on Wednesday.",
                      published=PUBLISHED)
    assert _types(ex) == ["Excessive force against protesters"]
    ex = extract_text("Police suppressed a protest by pensioners in Yerevan on Wednesday.",
                      published=PUBLISHED)
    assert _types(ex) == ["Protest with intervention"]


def test_typing_protests_clashes_at_a_demonstration(extract_text) -> None:
    ex = extract_text("Three people were injured on Wednesday in clashes during a march by "
                      "opposition supporters in Kinshasa.", published=PUBLISHED)
    assert _types(ex)[0] == "Violent demonstration"
    ex = extract_text("On Wednesday clashes between soldiers and rebels broke out in Goma, "
                      "near a rally by displaced families.", published=PUBLISHED)
    assert "Violent demonstration" not in _types(ex)
