"""The agent of an event in constructions the parser splits: the `by` phrase of the last of
coordinated passives ("was shot and killed by X"), a subject the parser hung a past-tense verb
on ("On 9 April rebel factions hit and destroyed ...", "On" read as the root), and platforms nobody is said
to fly: drones that are no state's ("unidentified drones"), warplanes that are an unnamed state's
(ACLED's Unidentified Military Forces)."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2021, 6, 18)


def _acled(ref) -> str:  # type: ignore[no-untyped-def]
    return (ref.acled_name or ref.name) if ref is not None else ""


@pytest.mark.parametrize(("text", "actor1", "actor2"), [
    ("On 2 June an SDF fighter was shot and killed by Islamic State fighters near Hajin.",
     "Islamic State (Syria)", "QSD: Syrian Democratic Forces"),
    ("On 3 June a policeman was abducted and tortured by Boko Haram militants in Maiduguri.",
     "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", ""),
    ("On 9 April rebel factions hit and destroyed a government tank near Latakia with an "
     "anti-tank missile.", "Opposition Rebels (Syria)", ""),
    ("On 3 June unidentified drones targeted an army base near Kidal.",
     "Unidentified Armed Group (Mali)", ""),
    ("On 3 June unidentified warplanes bombed a convoy of trucks near Sirte.",
     "Unidentified Military Forces", ""),
])
def test_agents_split_by_the_parser(extract_text, text: str, actor1: str, actor2: str) -> None:
    ex = extract_text(text, published=PUBLISHED)
    assert ex.claims, "no event"
    claim = ex.claims[0]
    assert _acled(claim.actor1) == actor1
    if actor2:
        assert _acled(claim.actor2) == actor2


def test_agents_a_known_state_platform_is_still_the_state(extract_text) -> None:
    ex = extract_text("On 3 June government warplanes carried out air raids on rebel positions "
                      "near Kidal.", published=PUBLISHED)
    assert _acled(ex.claims[0].actor1) == "Military Forces of Mali (2021-)"


@pytest.mark.parametrize(("text", "actor1", "actor2"), [
    ("On 4 June Taliban fighters targeted army positions near Ghazni using rockets.",
     "Taliban", "Military Forces of Afghanistan (2014-)"),
    ("On 8 May Houthi fighters struck government troops near Marib with drones.",
     "Houthi Movement - Ansar Allah", "Military Forces of Yemen (2012-)"),
])
def test_agents_a_weapon_takes_the_target_of_the_verb_it_serves(extract_text, text: str,
                                                                 actor1: str,
                                                                 actor2: str) -> None:
    """"targeted X using rockets", "struck X with drones": the weapon's event has X as actor2."""
    ex = extract_text(text, published=PUBLISHED)
    assert ex.claims, "no event"
    assert _acled(ex.claims[0].actor1) == actor1
    assert {_acled(c.actor2) for c in ex.claims} == {actor2}
