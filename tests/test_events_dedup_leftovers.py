"""Leftovers of one-event-one-row on unseen articles (issue #17): an outlet named as the one
told is no place and gives no country to the event's actors, a site "in" a place is one
place, not two events, and air defences told far from a strike answer no strike. Sentences
written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.consolidate import consolidate


def _happened(ex):  # type: ignore[no-untyped-def]
    return [c for c in ex.claims if c.modality is None and not c.background]


@pytest.mark.parametrize("text", [
    "Police killed two gunmen in Kano on Monday, sources told Russia Today.",
    "Police killed two gunmen in Kano on Monday, a local official told the Russia Today network.",
])
def test_an_outlet_told_is_no_place_and_no_country(extract_text, text: str) -> None:
    ex = extract_text(text, published=date(2019, 5, 7))
    claims = _happened(ex)
    assert claims
    assert {c.place.text for c in claims if c.place} == {"Kano"}
    assert {c.actor1.name for c in claims if c.actor1} == {"Police Forces of Nigeria"}


def test_a_place_told_of_after_a_telling_verb_is_still_a_place_elsewhere(extract_text) -> None:
    ex = extract_text("Gunmen attacked a checkpoint in Kano on Monday, residents told reporters "
                      "in Abuja.", published=date(2019, 5, 7))
    assert "Kano" in {c.place.text for c in _happened(ex) if c.place}


@pytest.mark.parametrize("text", [
    "Two suicide bombers attacked the Samarra mosque in the suburbs of Tikrit on Friday, "
    "killing 12 people.",
    "Two suicide bombers struck the Samarra mosque in the north of Tikrit on Friday, "
    "killing 12 people.",
])
def test_a_site_in_a_place_is_one_place(extract_text, text: str) -> None:
    ex = extract_text(text, published=date(2016, 5, 7))
    claims = _happened(ex)
    assert len(claims) == 1, [(c.trigger, c.place) for c in claims]


def test_two_sites_named_apart_stay_two_places(extract_text) -> None:
    ex = extract_text("Insurgents shelled Samarra and the town of Tikrit on Friday, killing "
                      "12 people.", published=date(2016, 5, 7))
    assert {c.place.text for c in _happened(ex) if c.place} == {"Samarra", "Tikrit"}


def test_air_defences_told_far_from_a_strike_answer_no_strike(extract_text) -> None:
    ex = extract_text("On 9 June 2022, Israeli aircraft struck a weapons depot near Khan Younis, "
                      "killing four militants. The group said it would hold funerals on Friday. "
                      "Residents cleared the rubble from the street. Hospitals in the city "
                      "treated the wounded. Schools stayed closed. Shops reopened on Sunday. "
                      "Iran later announced it would strengthen air "
                      "defences in an attempt to deter further raids.",
                      published=date(2022, 6, 10))
    types = {e.sub_event_type for e in consolidate(_happened(ex))}
    assert "Air/drone strike" in types and "Armed clash" not in types, types


@pytest.mark.parametrize("text", [
    "Al-Shabaab fighters clashed with government troops in Afgoye on Friday. On Friday "
    "fighting also broke out in Afgoye between the two sides.",
    "Kurdish fighters clashed with IS near Sinjar on Friday. On Friday fighting also broke "
    "out near Sinjar between the two sides.",
])
def test_a_battle_also_told_between_the_same_sides_on_the_day_is_one_event(
        extract_text, text: str) -> None:
    ex = extract_text(text, published=date(2018, 3, 6))
    events = consolidate(_happened(ex))
    assert len(events) == 1, [(e.sub_event_type, e.place, e.date) for e in events]


def test_a_battle_also_told_on_another_day_stays_apart(extract_text) -> None:
    ex = extract_text("Al-Shabaab fighters clashed with government troops in Afgoye on Friday. "
                      "On Sunday fighting also broke out in Afgoye between the two sides.",
                      published=date(2018, 3, 6))
    assert len(consolidate(_happened(ex))) == 2
