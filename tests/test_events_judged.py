"""Causes found by judging events drawn at random from articles nobody tuned for (issue #17,
benchmarks/judged/): an air-arm word that names a person or a site of the air arm is no air
strike, and a fire word's agent told with "by" is actor1 whatever the parser makes of the fire
word. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest


def _happened(ex):  # type: ignore[no-untyped-def]
    return [c for c in ex.claims if c.modality is None and not c.background]


@pytest.mark.parametrize("text", [
    "A retired air force pilot opened a bakery in Kirkuk on Monday.",
    "The funeral of an air force colonel was held in Basra on Tuesday.",
    "A helicopter crew was honoured at a ceremony in Amman on Sunday.",
])
def test_an_air_arm_person_or_site_is_no_air_strike(extract_text, rules, text: str) -> None:
    ex = extract_text(text, published=date(2018, 3, 6), knowledge=rules)
    assert not [c for c in _happened(ex) if c.sub_event_type == "Air/drone strike"]


def test_an_air_arm_officer_killed_by_a_bomb_is_the_bombing_only(extract_text, rules) -> None:
    ex = extract_text("An air force officer and two guards were killed by a roadside bomb "
                      "near Tikrit on Monday.", published=date(2018, 3, 6), knowledge=rules)
    assert {c.sub_event_type for c in _happened(ex)} == {"Remote explosive/landmine/IED"}
    # the air arm that acts still strikes
    ex = extract_text("The air force bombed militant hideouts near Tikrit on Monday.",
                      published=date(2018, 3, 6), knowledge=rules)
    assert {c.sub_event_type for c in _happened(ex)} == {"Air/drone strike"}


@pytest.mark.parametrize(("text", "actor1"), [
    ("Four farmers were killed in shelling by the Islamic State near Kirkuk on Monday.",
     "Islamic State"),
    ("A rocket fired by the army slammed into a school in Kafr Zita on Monday.",
     "Military Forces of Syria"),
])
def test_a_fire_words_by_agent_is_actor1(extract_text, rules, text: str, actor1: str) -> None:
    ex = extract_text(text, published=date(2018, 3, 6), knowledge=rules)
    names = [c.actor1.name for c in _happened(ex)
             if c.sub_event_type == "Shelling/artillery/missile attack" and c.actor1]
    assert names and all(n.startswith(actor1) for n in names), names
