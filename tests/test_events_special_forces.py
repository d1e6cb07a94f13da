"""A country's counter-terrorism force named by a common noun ("counter-terrorism forces") is
the actor an actor file gives that role in the event's country (Iraq's Counter-Terrorism
Service), else that country's military. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.mark.parametrize(("text", "actor1"), [
    ("On 4 June counter-terrorism forces stormed a hideout of Islamic State militants near "
     "Tikrit, killing three of them.",
     "Military Forces of Iraq (2018-) Counter-Terrorism Service"),
    ("On 4 June counterterrorism forces stormed a hideout of militants near Kafr Nabl, killing "
     "three of them.", "Military Forces of Syria (2000-)"),
])
def test_counter_terrorism_forces_of_the_events_country(extract_text, text: str,
                                                        actor1: str) -> None:
    ex = extract_text(text, published=date(2020, 6, 5))
    names = {c.actor1.acled_name or c.actor1.name for c in ex.claims if c.actor1}
    assert names == {actor1}, names
