"""Who acts and who suffers when the roles come from the sentence's structure: the subject of a
verb of destroying or setting off another side's bombs ("troops destroyed two X car bombs") is
actor1 of a disrupted weapons use, the bombs' owner actor2 (not the owner as the bomber); and
aircraft told by their nationality with a spaced noun ("Jordanian war planes") or a hedge told as
a second reading ("jets also believed to be Turkish") are that state's; a target named by a
word for armed men before a place they hold ("militant gatherings", "terrorist dens") or by a
count of them ("numbers of terrorists") is the armed side, no crowd and no civilians; fire no one
is said to fire, told before "and" a force's push ("shelling and regime forces' advance"), is
that force's; a side met "with" men told as affiliated or loyal to a named group ("clashed with
militant groups affiliated to X") is that group. Sentences written for these tests, in several
countries."""

from __future__ import annotations

import pytest

from tests._roles import PUBLISHED
from tests._roles import acled_name as _acled
from tests._roles import first_claim as _first

# (sentence, sub-event type or None when not the point, actor1, actor2 or None)
CASES = [
    ("On 3 May 2019 Nigerian troops destroyed two Boko Haram car bombs near Maiduguri.",
     "Disrupted weapons use", "Military Forces of Nigeria (2015-)",
     "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    ("On 3 May 2019 Iraqi soldiers destroyed three Islamic State booby-trapped car bombs "
     "near Baiji.", "Disrupted weapons use", "Military Forces of Iraq (2018-)",
     "Islamic State (Iraq)"),
    ("On 12 June 2019 war jets also thought to be Russian hit the village of Kafr Nabl.",
     None, "Military Forces of Russia (2000-)", None),
    ("On 12 June 2019 Jordanian war planes struck Islamic State positions near Raqqa.",
     None, "Military Forces of Jordan (1999-)", None),
    ("On 12 June 2019 Somali troops shelled militant gatherings near Afgoye.",
     None, "Military Forces of Somalia (2017-)", "Unidentified Armed Group (Somalia)"),
    ("On 12 June 2019 army units destroyed terrorist dens near Ariha.",
     None, "Military Forces of Syria (2000-)", "Unidentified Armed Group (Syria)"),
    ("On 12 June 2019 Iraqi troops killed numbers of terrorists near Tikrit.",
     None, "Military Forces of Iraq (2018-)", "Unidentified Armed Group (Iraq)"),
    ("On 12 June 2019 an Iraqi army unit clashed with numbers of terrorists near Baiji.",
     None, "Military Forces of Iraq (2018-)", "Unidentified Armed Group (Iraq)"),
    ("On 12 June 2019 residents fled Tal Tamr because of intense shelling and Turkish troops' "
     "advance.", "Shelling/artillery/missile attack", "Military Forces of Turkey (2016-)", None),
    ("On 2 March 2020 hundreds of families fled Maarat al-Numan due to heavy shelling and "
     "regime forces' advance.", "Shelling/artillery/missile attack",
     "Military Forces of Syria (2000-)", None),
    ("On 12 June 2019 Iraqi army units in cooperation with tribal fighters clashed with militant "
     "groups affiliated to the Islamic State near Baiji.", "Armed clash",
     "Military Forces of Iraq (2018-)", "Islamic State (Iraq)"),
    ("On 4 May 2020 Nigerian troops clashed with insurgent "
     "groups linked to Boko Haram near Bama.",
     "Armed clash", "Military Forces of Nigeria (2015-)",
     "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
]


@pytest.mark.parametrize(("text", "sub", "actor1", "actor2"), CASES,
                         ids=[c[0][:40] for c in CASES])
def test_events_roles_stopped_sides(extract_text, text: str, sub: str | None, actor1: str,
                                    actor2: str | None) -> None:
    claim = _first(extract_text(text, published=PUBLISHED))
    if sub is not None:
        assert claim.sub_event_type == sub
    assert _acled(claim.actor1) == actor1
    if actor2 is not None:
        assert _acled(claim.actor2) == actor2
