"""The target (actor2) from the sentence's structure, also when nobody is named as the agent:
the subject of a passive ("a police officer was wounded in an unidentified attack"), the victims
of the passive verb that governs a strike ("fighters were killed in airstrikes carried out by
X"), the object of an aiming participle ("exploded targeting a herder"), of the act an attack
goes on to ("... and killed six soldiers"), the other side of "between X and <common noun>",
the force that acts on a demonstration, and what people own hit by a strike. Also: "X accused
the army of ...": the army acts, not X; and "IS" is parsed as a name. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from frontlines.model import Document
from tests._roles import PUBLISHED
from tests._roles import acled_name as _acled
from tests._roles import first_claim as _first

# (sentence, actor1 ACLED name, actor2 ACLED name)
CASES = [
    # the agent is not named: the passive subject is the target all the same
    ("On 12 March a police officer was wounded in an unidentified armed attack near Kandahar.",
     "Unidentified Armed Group (Afghanistan)", "Police Forces of Afghanistan (2014-)"),
    ("A soldier was killed by unknown gunfire near Garissa on Monday.",
     "Unidentified Armed Group (Kenya)", "Military Forces of Kenya (2013-)"),
    # the strike's victims are the subject of the passive verb that governs it
    ("Eight al-Shabaab fighters were killed in airstrikes carried out by the Somali air force "
     "near Jilib on Monday.", "Military Forces of Somalia (2017-)", "Al Shabaab"),
    # an aiming participle, the act an attack goes on to
    ("A roadside bomb exploded targeting a herder near Gao on Sunday.",
     "Unidentified Armed Group (Mali)", "Civilians (Mali)"),
    ("Houthi fighters detonated mines near Marib on Monday and killed six soldiers.",
     "Houthi Movement - Ansar Allah", "Military Forces of Yemen (2012-)"),
    # sides named by common nouns in "between"
    ("Clashes broke out between the army and rebels near Jisr al-Shughur on Sunday.",
     "Military Forces of Syria (2000-)", "Opposition Rebels (Syria)"),
    # whose act a verb meets ("thwarted a Houthi attack") is the other side
    ("On 9 May the army thwarted a Houthi attack near Marib.",
     "Military Forces of Yemen (2012-)", "Houthi Movement - Ansar Allah"),
    # "IS" is parsed as a name, not as the verb "is"
    ("Iraqi troops destroyed IS hideouts near Rutba on Monday.",
     "Military Forces of Iraq (2018-)", "Islamic State (Iraq)"),
    # whose property was hit: a possessor, an owner told by "belonging to"
    ("On 4 May rebels torched shepherds' tents near Saraqib.",
     "Opposition Rebels (Syria)", "Civilians (Syria)"),
    ("On 4 May government forces shelled bulldozers belonging to the Turkish army near Saraqib.",
     "Military Forces of Syria (2000-)", "Military Forces of Turkey (2016-)"),
    # the accused acts, not the accuser
    ("Opposition groups accused the army of firing shells at Taiz on Monday.",
     "Military Forces of Yemen (2012-)", ""),
    ("Monitors accused al-Assads forces of shelling Latamneh late on Friday.",
     "Military Forces of Syria (2000-)", ""),  # (the apostrophe lost)
]


@pytest.mark.parametrize(("text", "actor1", "actor2"), CASES, ids=[c[0][:40] for c in CASES])
def test_events_roles_targets_agent_and_target(extract_text, text: str, actor1: str,
                                               actor2: str) -> None:
    claim = _first(extract_text(text, published=PUBLISHED))
    assert _acled(claim.actor1) == actor1
    assert _acled(claim.actor2) == actor2


def test_events_roles_targets_the_force_acting_on_a_demonstration(extract_text) -> None:
    """"dispersed by riot police": the police are actor2; "Protesters were dispersed": the
    crowd is actor1, never also actor2 as civilians."""
    claim = _first(extract_text("Demonstrators were dispersed by riot police in Kisumu on "
                                "Tuesday.", published=PUBLISHED))
    assert _acled(claim.actor1) == "Protesters (Kenya)"
    assert _acled(claim.actor2) == "Police Forces of Kenya (2013-)"
    claim = _first(extract_text("Protesters were dispersed in Kisumu on Tuesday.",
                                published=PUBLISHED))
    assert _acled(claim.actor1) == "Protesters (Kenya)"
    assert claim.actor2 is None


def test_events_roles_targets_what_people_own_hit_by_a_strike(extract_text) -> None:
    """A strike on a house nobody is said to own hits civilians; a raid on a house (perhaps an
    arrest) names no target from the house alone."""
    claim = _first(extract_text("A drone strike hit a house near Jilib on Sunday.",
                                published=PUBLISHED))
    assert _acled(claim.actor1) == "Unidentified Armed Group (Somalia)"
    assert _acled(claim.actor2) == "Civilians (Somalia)"
    claim = _first(extract_text("On 14 June Kenyan troops raided a house in Mandera.",
                                published=PUBLISHED))
    assert claim.actor2 is None


def test_events_roles_targets_a_stand_in_for_the_parser_leaves_the_text(annotator) -> None:
    """The parser reads "IS" through a stand-in (kb `parse_stand_ins`); tokens and mentions
    keep the text as written."""
    text = "Iraqi troops destroyed IS hideouts near Rutba on Monday."
    annotated = annotator.annotate_one(Document.create(text, published=PUBLISHED))
    tokens = annotated.sentences[0].tokens
    assert [t.text for t in tokens][:4] == ["Iraqi", "troops", "destroyed", "IS"]
    assert tokens[3].pos in ("PROPN", "NOUN")
    assert all(text[m.start:m.end] == m.text for m in annotated.mentions)


def test_events_roles_targets_the_victims_of_a_verb_of_harm_the_strike_is_told_in(
        extract_text) -> None:
    """"killed six fighters during airstrikes": the airstrikes' target is the fighters."""
    ex = extract_text("Somali troops killed six al-Shabaab fighters during airstrikes near "
                      "Jilib on Monday.", published=PUBLISHED)
    strikes = [c for c in ex.claims if c.sub_event_type == "Air/drone strike"]
    assert strikes
    assert _acled(strikes[0].actor1) == "Military Forces of Somalia (2017-)"
    assert _acled(strikes[0].actor2) == "Al Shabaab"
