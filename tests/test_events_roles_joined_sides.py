"""Sides joined by "and": two actors that share a head noun as the parser reads it ("the STC and
Saudi forces": the first hangs on "forces" as a modifier) are both sides, the first named
leading; the state force among the agents of "Government regains territory" is its actor1, as
ACLED defines that sub-event type (the government's act), its allies associated; and the two
subjects of a fight told without a direction ("X and Y clashed") are its two sides. The target
of violence against civilians, or of looting, is civilians where no other is named (kb
`conventions.civilian_targets`). The force that acts on a demonstration in a sentence of its
own ("Police later dispersed them") is its actor2. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests._roles import PUBLISHED
from tests._roles import acled_name as _acled
from tests._roles import first_claim as _first

# (sentence, actor1 ACLED name, actor2 ACLED name, associated with actor1)
CASES = [
    # a shared head noun: the first named is a side of its own, and the one named first
    ("On 12 August 2020, Houthi fighters clashed with the STC and Saudi forces near Aden.",
     "Houthi Movement - Ansar Allah", "STC: Southern Transitional Council", None),
    ("On 6 May 2020, Islamic State militants captured the village of Bashir near Kirkuk from "
     "the Peshmerga and Iraqi army after clashes.",
     "Islamic State (Iraq)", "Military Forces of Iraq (2018-) Peshmerga", None),
    # the other side named by two words that share a noun: the first named
    ("On 5 February 2020, al-Shabaab militants attacked Kenyan and Somali troops near "
     "Mandera.", "Al Shabaab", "Military Forces of Kenya (2013-)", None),
    ("On 5 February 2020, the army clashed with rebel and Islamist factions near the town of "
     "Saraqib.", "Military Forces of Syria (2000-)", "Opposition Rebels (Syria)", None),
    # the government regains: its force leads the allies named before it
    ("On 12 August 2020, Kurdish fighters and government forces captured the village of Tell "
     "Tamer after clashes with the rebels.", "Military Forces of Syria (2000-)",
     "Opposition Rebels (Syria)", "YPG: Peoples Protection Units"),
    # "X and Y clashed": no "with", two sides
    ("On 12 August 2020, PKK militants and Turkish soldiers clashed near Semdinli.",
     "PKK: Kurdistan Workers Party", "Military Forces of Turkey (2016-)", None),
    ("On 2 October 2019, Kenyan and Somali troops clashed near the town of Mandera.",
     "Military Forces of Kenya (2013-)", "Military Forces of Somalia (2017-)", None),
]


@pytest.mark.parametrize(("text", "actor1", "actor2", "assoc"), CASES)
def test_roles_joined_sides(extract_text, text: str, actor1: str, actor2: str,
                            assoc: str | None) -> None:
    claim = _first(extract_text(text, published=PUBLISHED))
    assert _acled(claim.actor1) == actor1
    assert _acled(claim.actor2) == actor2
    if assoc is not None:
        assert assoc in [_acled(a) for a in claim.assoc_actor_1]


@pytest.mark.parametrize("text", [
    # allies named as one side against a named enemy stay one side
    "On 12 August 2020, Kenyan troops and Somali police clashed with al-Shabaab near Mandera.",
    "On 12 August 2020, Turkish troops and Russian forces clashed with HTS near Idlib.",
])
def test_roles_joined_allies_stay_one_side(extract_text, text: str) -> None:
    claim = _first(extract_text(text, published=PUBLISHED))
    assert _acled(claim.actor2) in ("Al Shabaab", "HTS: Hayat Tahrir al Sham")
    assert len(claim.assoc_actor_1) == 1


@pytest.mark.parametrize(("text", "actor2"), [
    # violence against civilians: its victims are civilians by definition, named or not
    ("On 3 March 2021, gunmen abducted two brothers near Maiduguri.", "Civilians (Nigeria)"),
    ("On 3 March 2021, militants kidnapped a schoolteacher in the town of Gao.",
     "Civilians (Mali)"),
    # property no armed actor is said to own: its civilian owners'
    ("On 3 March 2021, soldiers set fire to farmland owned by villagers near Kasese.",
     "Civilians (Uganda)"),
])
def test_roles_civilian_targets_by_convention(extract_text, text: str, actor2: str) -> None:
    claim = _first(extract_text(text, published=PUBLISHED))
    assert _acled(claim.actor2) == actor2


@pytest.mark.parametrize(("text", "actor2"), [
    # the force that intervenes in a sentence of its own is the demonstration's actor2
    ("On 5 May 2021, dismissed teachers held a sit-in outside the education ministry in "
     "Nairobi to demand their jobs back. Police intervened and removed the protesters by force.",
     "Police Forces of Kenya (2013-)"),
    ("On 5 May 2021, hundreds of farmers marched in the city of Lahore against new taxes. "
     "Police later dispersed the march.", "Police Forces of Pakistan (2018-)"),
])
def test_roles_intervening_force_told_after(extract_text, text: str, actor2: str) -> None:
    claim = _first(extract_text(text, published=PUBLISHED))
    assert claim.sub_event_type == "Protest with intervention"
    assert _acled(claim.actor2) == actor2
