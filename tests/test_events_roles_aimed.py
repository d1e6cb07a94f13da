"""Actors from the structure of a subject phrase and of a passive told with a clause of time:
what a subject was aimed at ("an air strike on an X camp killed ...", "strikes by Y on X
positions") is the target, never the agent; an actor the parser joined to the subject past a
"backed by" phrase ("troops backed by militiamen and X captured ...") backs it, associated;
the passive subject of a verb of harm is the target of the strike told in its "when" clause,
also when that strike hits a thing ("were killed when jets struck a convoy"). Sentences written
for these tests."""

from __future__ import annotations

import pytest

from tests._roles import PUBLISHED
from tests._roles import acled_name as _acled
from tests._roles import first_claim as _first

# (sentence, actor1 ACLED name, actor2 ACLED name)
CASES = [
    # an actor in the subject's "on" / "against" phrase is what the subject was aimed at
    ("A Yemeni air strike on a Houthi training camp near Saada killed 12 fighters on Monday.",
     "Military Forces of Yemen (2012-)", "Houthi Movement - Ansar Allah"),
    ("A Nigerian air strike on a Boko Haram camp near Bama killed 30 fighters on Friday.",
     "Military Forces of Nigeria (2015-)",
     "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    ("An attack against an al-Shabaab base near Kismayo left nine fighters dead on Thursday.",
     "Unidentified Armed Group (Somalia)", "Al Shabaab"),
    # the parser hangs the target on the agent of the fire noun's "by" phrase
    ("Airstrikes by the US-led coalition on Islamic State positions killed 12 militants near "
     "Hajin on Sunday.", "Global Coalition Against Daesh", "Islamic State (Syria)"),
    # the victims of the passive verb that a "when" clause's strike is told under
    ("Also on Wednesday 22 al-Shabaab fighters were killed when Somali warplanes struck a "
     "convoy near Jilib.", "Military Forces of Somalia (2017-)", "Al Shabaab"),
    ("Five soldiers were killed when militants attacked a checkpoint near Garissa on Monday.",
     "Unidentified Armed Group (Kenya)", "Military Forces of Kenya (2013-)"),
]


@pytest.mark.parametrize(("text", "actor1", "actor2"), CASES, ids=[c[0][:40] for c in CASES])
def test_events_roles_aimed_agent_and_target(extract_text, text: str, actor1: str,
                                             actor2: str) -> None:
    claim = _first(extract_text(text, published=PUBLISHED))
    assert _acled(claim.actor1) == actor1
    assert _acled(claim.actor2) == actor2


def test_events_roles_aimed_backer_joined_to_the_subject(extract_text) -> None:
    """"Troops backed by allied militiamen and Hezbollah captured X": the parser joins
    Hezbollah to "Troops"; it backs them (associated), the troops act."""
    claim = _first(extract_text("Troops backed by allied militiamen and Hezbollah captured the "
                                "town of Qusayr on Sunday.", published=PUBLISHED))
    assert _acled(claim.actor1) == "Military Forces of Syria (2000-)"
    assert [_acled(a) for a in claim.assoc_actor_1] == ["Hezbollah"]
    assert claim.sub_event_type == "Government regains territory"


def test_events_roles_aimed_backer_told_as_a_second_subject(extract_text) -> None:
    """"Troops backed by militiamen and the movement Hezbollah have captured X": the parser
    makes Hezbollah a second subject of "captured"; it ends the "by" phrase all the same."""
    claim = _first(extract_text("Troops backed by allied militiamen and the Shiite movement "
                                "Hezbollah have captured most of Qusayr on Sunday.",
                                published=PUBLISHED))
    assert _acled(claim.actor1) == "Military Forces of Syria (2000-)"
    assert [_acled(a) for a in claim.assoc_actor_1] == ["Hezbollah"]


@pytest.mark.parametrize(("text", "actor1"), [
    ("Two car bombs killed 20 people in a market in Kirkuk on Monday. Another 40 people were "
     "wounded in attacks the police blamed on militants. Earlier on Monday troops fighting in "
     "the area seized the village of Bashir.", "Military Forces of Iraq (2018-)"),
    ("Gunmen attacked a bus near Mandera on Sunday, killing six passengers. Another three "
     "people were wounded in attacks that the police blamed on militants. Earlier on Sunday "
     "soldiers seized the village of Elwak.", "Military Forces of Kenya (2013-)"),
], ids=["iraq", "kenya"])
def test_events_roles_aimed_a_common_noun_agent_is_not_the_last_pair(extract_text, text: str,
                                                                     actor1: str) -> None:
    """A battle whose agent is named by a common noun ("troops seized X") is theirs, not the
    last pair's; and an attack on civilians told by a battle word ("attacks") makes no pair."""
    claims = [c for c in extract_text(text, published=PUBLISHED).claims
              if c.evidence.startswith("Earlier")]
    assert claims
    assert _acled(claims[0].actor1) == actor1
    assert claims[0].actor2 is None


@pytest.mark.parametrize(("text", "actor1"), [
    ("The Turkish regime shelled the village of Jinderes near Afrin on Sunday.",
     "Military Forces of Turkey (2016-)"),
    ("The regime shelled the village of Kafr Nabl on Sunday.",
     "Military Forces of Syria (2000-)"),
], ids=["turkish-regime", "regime"])
def test_events_roles_aimed_a_nationality_before_regime_names_its_state(extract_text, text: str,
                                                                        actor1: str) -> None:
    """"the Turkish regime" is Turkey's (kb force noun "regime"), not the state that "the
    regime" alone stands for in the event's country."""
    assert _acled(_first(extract_text(text, published=PUBLISHED)).actor1) == actor1


def test_events_roles_aimed_backer_right_before_the_verb(extract_text) -> None:
    """"the army backed by its ally X shelled Y as it prepared an offensive": the parser makes
    X the subject of "shelled"; the army acts, X backs it, and "it" is the army."""
    claims = extract_text("North of the capital the army backed by its Lebanese ally Hezbollah "
                          "shelled Zabadani on Sunday as it prepared an offensive.",
                          published=PUBLISHED).claims
    assert claims
    assert {_acled(c.actor1) for c in claims} == {"Military Forces of Syria (2000-)"}
    shelling = [c for c in claims if c.sub_event_type == "Shelling/artillery/missile attack"]
    assert [_acled(a) for a in shelling[0].assoc_actor_1] == ["Hezbollah"]


@pytest.mark.parametrize(("text", "actor1"), [
    ("At least one man was killed by regime shelling in Douma on Monday while clashes raged on "
     "the front lines. On Tuesday the regime launched an offensive near Douma.",
     "Military Forces of Syria (2000-)"),
    ("Two farmers were killed in clashes near Kidal on Monday. On Tuesday the army launched an "
     "attack near Kidal.", "Military Forces of Mali (2021-)"),
], ids=["syria", "mali"])
def test_events_roles_aimed_civilians_are_no_side_of_a_later_fight(extract_text, text: str,
                                                                   actor1: str) -> None:
    """Civilians harmed in a battle word's event are no side the next fight borrows."""
    claims = [c for c in extract_text(text, published=PUBLISHED).claims
              if c.evidence.startswith("On Tuesday")]
    assert claims
    assert _acled(claims[0].actor1) == actor1
    assert claims[0].actor2 is None


def test_events_roles_aimed_an_unknown_common_noun_still_takes_the_last_pair(extract_text) -> None:
    """"the jihadists overran X" after a fight told with both sides: a common noun the
    knowledge base does not know leaves the fight's sides to the pair told before."""
    claims = [c for c in extract_text("Boko Haram fighters clashed with soldiers near Bama on "
                                      "Monday. On Tuesday the jihadists overran the town of "
                                      "Gwoza.", published=PUBLISHED).claims
              if c.evidence.startswith("On Tuesday")]
    assert claims
    assert _acled(claims[0].actor1) == "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"
    assert _acled(claims[0].actor2) == "Military Forces of Nigeria (2015-)"
