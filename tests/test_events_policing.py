"""State forces as ACLED names them by what they do: a sub-actor named as its owner's ("the
regime's Air Force Intelligence") is that branch, not the owner's whole force; a state's forces
named by a word of policing ("security forces") that arrest people, meet a demonstration or harm
civilians are its police, in a fight its military (kb `conventions.policing`); intelligence
officers named by a common noun are the service an actor file gives `roles: [intelligence]`,
else the country's military. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from tests._roles import acled_name, first_claim

ON = date(2021, 3, 9)


@pytest.mark.parametrize(("text", "actor1"), [
    ("On 2 March, agents of the regime's Air Force Intelligence detained three shopkeepers "
     "in Jableh.",
     "Military Forces of Syria (2000-) Air Force Intelligence Directorate"),
    ("On 2 March, members of the regime's 4th Division shot dead a farmer near Qusayr.",
     "Military Forces of Syria (2000-) 4th Armored Division"),
    ("On 2 March, the Iraqi army's Golden Division stormed an IS hideout near Rawa, killing "
     "four militants.", "Military Forces of Iraq (2018-) Counter-Terrorism Service"),
])
def test_a_sub_actor_named_as_its_owners_is_that_branch(extract_text, text: str,
                                                        actor1: str) -> None:
    assert acled_name(first_claim(extract_text(text, published=ON)).actor1) == actor1


@pytest.mark.parametrize(("text", "actor1"), [
    ("On 2 March, Iraqi security forces arrested four smugglers in Basra city.",
     "Police Forces of Iraq (2018-)"),
    ("On 2 March, regime security forces detained six teachers in Hama city.",
     "Police Forces of Syria (2000-)"),
    # fighting, the same words are the military
    ("On 2 March, Iraqi security forces clashed with IS militants near Baiji, killing two.",
     "Military Forces of Iraq (2018-)"),
])
def test_security_forces_that_arrest_are_the_police(extract_text, text: str,
                                                    actor1: str) -> None:
    assert acled_name(first_claim(extract_text(text, published=ON)).actor1) == actor1


@pytest.mark.parametrize(("text", "actor1"), [
    ("On 2 March, intelligence officers abducted a trade unionist in Batman city.",
     "Police Forces of Turkey (2016-) National Intelligence Organization"),
    ("On 2 March, intelligence officers arrested two bloggers in Najaf city.",
     "Police Forces of Iraq (2018-) Iraqi National Intelligence Service"),
    # a country no actor file gives an intelligence service: its military
    ("On 2 March, intelligence officers arrested two bloggers in Homs city.",
     "Military Forces of Syria (2000-)"),
])
def test_intelligence_officers_are_the_countrys_intelligence_service(
        extract_text, text: str, actor1: str) -> None:
    assert acled_name(first_claim(extract_text(text, published=ON)).actor1) == actor1
