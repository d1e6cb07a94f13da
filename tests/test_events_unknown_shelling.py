"""A strike told without an agent whose weapon is said to be nobody's known ("unidentified
artillery shelling") is an unidentified armed group's, not the state's whose service the weapon
word names. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.mark.parametrize(("text", "actor1"), [
    ("Unidentified artillery shelling struck the edge of Maarat al-Numan on Sunday, injuring "
     "two shepherds.", "Unidentified Armed Group"),
    ("On 9 June, unidentified artillery shelling struck the edge of Maarat al-Numan, injuring "
     "two shepherds.", "Unidentified Armed Group"),
    ("On 9 June army artillery shelling struck the edge of Maarat al-Numan, injuring two "
     "shepherds.", "Military Forces of Syria"),
])
def test_an_unknown_weapon_names_no_force(extract_text, text: str, actor1: str) -> None:
    ex = extract_text(text, published=date(2019, 6, 10))
    names = [c.actor1.acled_name or c.actor1.name for c in ex.claims
             if c.sub_event_type == "Shelling/artillery/missile attack" and c.actor1]
    assert names and all(n.startswith(actor1) for n in names), names
