"""Crowd-control weapons fired at people where no demonstration is told are an attack on
civilians by the force that fired them: the verb that carries the weapon tells whom it was aimed
at ("fired tear gas canisters at herders", "then fired rubber coated bullets at them"), people named
by their trade are Civilians as its target (not the protesters such words stand for in a
demonstration), and a date's month ("On 4 June") keeps no such sentence from the parser.
Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from tests._roles import acled_name

ON = date(2021, 6, 5)


@pytest.mark.parametrize(("text", "actor1", "actor2"), [
    ("On 4 June 2021, Kenyan police fired tear gas canisters at herders grazing their cattle "
     "near Garissa. No one was hurt.", "Police Forces of Kenya", "Civilians (Kenya)"),
    ("On 4 June 2021, Turkish naval forces chased a fishing crew near the shore of "
     "Bodrum and then fired rubber coated bullets at them.", "Military Forces of Turkey",
     "Civilians (Turkey)"),
    ("On 4 June 2021, Indian police fired tear gas at farmers working in their fields near "
     "Ambala.", "Police Forces of India", "Civilians (India)"),
])
def test_crowd_weapons_fired_at_people_are_an_attack_by_the_force(
        extract_text, rules, text: str, actor1: str, actor2: str) -> None:
    ex = extract_text(text, published=ON, knowledge=rules)
    attacks = [c for c in ex.claims if c.sub_event_type == "Attack"]
    assert attacks, [(c.sub_event_type, c.actor1) for c in ex.claims]
    assert acled_name(attacks[0].actor1).startswith(actor1), attacks[0].actor1
    assert acled_name(attacks[0].actor2) == actor2, attacks[0].actor2


def test_a_dates_month_keeps_no_crowd_weapon_from_the_parser(extract_text, rules) -> None:
    # "March" of the date is no demonstration: the pre-filter sends the sentence to the parser
    ex = extract_text("On 3 March 2021, Turkish naval forces chased a fishing crew near the "
                      "shore of Bodrum and then fired rubber coated bullets at them.",
                      published=date(2021, 3, 4), knowledge=rules)
    assert [acled_name(c.actor2) for c in ex.claims if c.sub_event_type == "Attack"] == [
        "Civilians (Turkey)"], [(c.sub_event_type, c.actor1) for c in ex.claims]
