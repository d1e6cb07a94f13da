"""Roles from the parse: actor1, actor2, place and time per trigger, on sentences of our own."""

from __future__ import annotations

from datetime import date

from frontlines.model import Claim


def _rows(claims: list[Claim]) -> set[tuple[str, str, str, str]]:
    return {(c.sub_event_type, c.actor1.name if c.actor1 else "-",
             c.actor2.name if c.actor2 else "-", c.place.text if c.place else "-")
            for c in claims}


def test_events_roles_coordination_makes_one_event_per_place(extract_text) -> None:
    ex = extract_text("Hay'at Tahrir al-Sham attacked the towns of Saraqib, Ariha, Salqin and "
                      "Harem after clashes with Ahrar al-Sham.")
    places = {c.place.text for c in ex.claims if c.sub_event_type == "Armed clash"}
    assert {"Saraqib", "Ariha", "Salqin", "Harem"} <= places
    assert all(c.actor1.name == "Hay'at Tahrir al-Sham" for c in ex.claims)


def test_events_roles_participial_clause_is_its_own_event(extract_text) -> None:
    ex = extract_text("Ahrar al-Sham shelled the town of Saraqib, captured by Hay'at Tahrir "
                      "al-Sham on Wednesday.")
    taken = [c for c in ex.claims if c.sub_event_type == "Non-state actor overtakes territory"]
    assert taken and taken[0].actor1.name == "Hay'at Tahrir al-Sham"
    assert taken[0].place.text == "Saraqib"
    assert taken[0].time.start == date(2017, 7, 19)
    shelled = [c for c in ex.claims if c.trigger == "shelled"]
    assert shelled and shelled[0].actor1.name == "Ahrar al-Sham"


def test_events_roles_actor2_from_with_from_and_dislodging(extract_text) -> None:
    ex = extract_text("Hay'at Tahrir al-Sham took control of Salqin on Tuesday after dislodging "
                      "Ahrar al-Sham from the town.")
    (claim,) = [c for c in ex.claims if c.place and c.place.text == "Salqin"]
    assert claim.actor2 is not None and claim.actor2.name == "Ahrar al-Sham"
    assert claim.time.start == date(2017, 7, 18)
    ex = extract_text("Regime forces clashed with Hay'at Tahrir al-Sham in Saraqib.")
    assert ("Armed clash", "Military Forces of Syria", "Hay'at Tahrir al-Sham",
            "Saraqib") in _rows(ex.claims)


def test_events_roles_between_x_and_y(extract_text) -> None:
    ex = extract_text("Heavy clashes broke out between Ahrar al-Sham and Jaysh al-Islam in "
                      "Ariha on Monday.")
    (claim,) = [c for c in ex.claims if c.sub_event_type == "Armed clash"]
    assert {claim.actor1.name, claim.actor2.name} == {"Ahrar al-Sham", "Jaysh al-Islam"}
    assert claim.time.start == date(2017, 7, 17)


def test_events_roles_sentence_without_actor_continues_the_discourse(extract_text) -> None:
    ex = extract_text("Regime forces clashed with Hay'at Tahrir al-Sham near Saraqib on Monday. "
                      "The clashes spread to the towns of Ariha and Sarmada.")
    later = [c for c in ex.claims if c.sentence == 1]
    assert {c.place.text for c in later} >= {"Ariha", "Sarmada"}
    assert {c.actor1.name for c in later} == {"Military Forces of Syria"}
    assert {c.actor2.name for c in later} == {"Hay'at Tahrir al-Sham"}


def test_events_roles_passive_agent_is_actor1(extract_text) -> None:
    ex = extract_text("The village of Ariha was captured by Hay'at Tahrir al-Sham on Thursday.")
    (claim,) = ex.claims
    assert claim.actor1.name == "Hay'at Tahrir al-Sham" and claim.place.text == "Ariha"
    assert claim.time.start == date(2017, 7, 20)


def test_events_roles_the_place_of_a_source_is_not_the_event_place(extract_text) -> None:
    ex = extract_text("Hay'at Tahrir al-Sham captured Saraqib in Idlib on Monday, a source "
                      "in Damascus said.")
    assert {c.place.text for c in ex.claims} == {"Saraqib"}


def test_events_roles_state_forces_regain_territory(extract_text) -> None:
    ex = extract_text("Syrian army troops recaptured Khan Shaykhun from Hay'at Tahrir al-Sham "
                      "on Sunday.")
    (claim,) = ex.claims
    assert claim.sub_event_type == "Government regains territory"
    assert claim.actor2.name == "Hay'at Tahrir al-Sham"


def test_events_roles_a_capture_after_fighting_with_y_is_taken_from_y(extract_text) -> None:
    """The loser of a capture is the side of the fight it followed, not an earlier opponent."""
    ex = extract_text("Hay'at Tahrir al-Sham clashed with Syrian army troops near Saraqib. "
                      "The Syrian army took control of the village of Khan Sheikhoun after "
                      "heavy fighting with the National Liberation Front.")
    taken = [c for c in ex.claims if c.sub_event_type == "Government regains territory"]
    assert taken, _rows(ex.claims)
    assert taken[0].actor2 is not None
    assert "Liberation" in taken[0].actor2.name, _rows(ex.claims)


def test_events_roles_government_artillery_is_the_army(extract_text) -> None:
    ex = extract_text("Government artillery shelled the villages of Kafr Nabl and Maarat "
                      "al-Numan on Thursday, the Observatory said.")
    shelled = [c for c in ex.claims if c.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelled and {c.actor1.name for c in shelled} == {"Military Forces of Syria"}
