"""The target (actor2) told but not yet read: the holder of what was hit ("a checkpoint of the
police", "a regime vehicle", "a group of X"), a participle that aims the event and hangs on its
object ("shelled T targeting X positions"), a strike noun's participle of harm ("airstrikes on T
killing a civilian"), the victims of a harm verb a compound trigger is the means of ("killed a
soldier by sniper fire"), the last conjunct of a backing phrase in "between A supported by B and
C", the weapon of a verb by "with" when the parser hangs it on the object or tells it by a
gerund ("targeted X in T with rockets", "targeted X with shelling"), a name inside a passive
subject with no agent ("the body of a X fighter was found"), property a riot hits with no owner
named ("rioters hurled a petrol bomb at a bank": civilians), and "A and B forces
clashed" where B names the second force. Sentences written for these tests, in several
countries."""

from __future__ import annotations

import pytest

from tests._roles import PUBLISHED
from tests._roles import acled_name as _acled
from tests._roles import first_claim as _first

# (sentence, actor1 ACLED name or None when not the point, actor2 ACLED name)
CASES = [
    # what a force holds, named by "of" or by a state word before it
    ("On 2 April gunmen attacked a checkpoint of the police in Kirkuk.",
     "Unidentified Armed Group (Iraq)", "Police Forces of Iraq (2018-)"),
    ("On 12 June rebels destroyed a regime vehicle near Saraqib.",
     None, "Military Forces of Syria (2000-)"),
    ("On 12 June rebels targeted a group of regime soldiers near Saraqib with a guided missile.",
     None, "Military Forces of Syria (2000-)"),
    # "targeting" hung on the object (a place) aims the shelling all the same
    ("On 14 May Turkish troops shelled Tal Rifaat targeting YPG positions.",
     "Military Forces of Turkey (2016-)", "YPG: Peoples Protection Units"),
    # the strike noun goes on to kill
    ("On 9 May government warplanes carried out airstrikes on Kafr Nabl killing a shepherd.",
     None, "Civilians (Syria)"),
    # the harm verb's object suffered the fire it was done by
    ("On 12 June al-Shabaab militants killed a soldier by sniper fire near Afgoye.",
     "Al Shabaab", "Military Forces of Somalia (2017-)"),
    # "between A supported by B and C": C is the second side, named or by a common noun
    ("On 3 April clashes erupted between government forces supported by allied militias and "
     "opposition fighters near Dael.",
     "Military Forces of Syria (2000-)", "Opposition Rebels (Syria)"),
    ("On 05 March 2020 heavy clashes took place between regime troops supported by allied "
     "militiamen and rebel factions near Kafr Nabl.",
     "Military Forces of Syria (2000-)", "Opposition Rebels (Syria)"),
    # the weapon of a verb by "with", hung on its object or told by a gerund
    ("On 05 March 2020 rebel fighters have targeted regime forces in Kafr Nabl with Grad "
     "rockets.", "Opposition Rebels (Syria)", "Military Forces of Syria (2000-)"),
    ("On 03 March 2020 rebel fighters have targeted army troops in Kansafra town in rural "
     "Hama with Grad rockets.",
     "Opposition Rebels (Syria)", "Military Forces of Syria (2000-)"),
    # whom the act was done to, named inside a passive subject with no agent
    ("On 3 May 2019, the body of a Hezbollah fighter was found near Qusayr with gunshot wounds.",
     "Unidentified Armed Group (Syria)", "Hezbollah"),
    ("On 05 March 2020 Turkish troops targeted regime positions with shelling in Idleb "
     "countryside.", "Military Forces of Turkey (2016-)", "Military Forces of Syria (2000-)"),
    # a riot at property with no owner named: the civilians'
    ("On 4 June 2021, rioters hurled a Molotov cocktail at a bank in Sidon.",
     "Rioters (Lebanon)", "Civilians (Lebanon)"),
    ("On 4 June 2021, unknown rioters burned three ATMs in Sidon.",
     "Rioters (Lebanon)", "Civilians (Lebanon)"),
    # "A and B forces clashed": B names the second force
    ("On 7 March 2019, regime and SDF forces clashed near the village of Tal Tamr.",
     "Military Forces of Syria (2000-)", "QSD: Syrian Democratic Forces"),
]


@pytest.mark.parametrize(("text", "actor1", "actor2"), CASES, ids=[c[0][:40] for c in CASES])
def test_events_roles_held_target_read(extract_text, text: str, actor1: str | None,
                                       actor2: str) -> None:
    claim = _first(extract_text(text, published=PUBLISHED))
    if actor1 is not None:
        assert _acled(claim.actor1) == actor1
    assert _acled(claim.actor2) == actor2
