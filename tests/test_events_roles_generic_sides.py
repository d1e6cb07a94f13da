"""Sides named by a common noun ("clashed with the rebels", "after fighting with militants")
are the other side of the event when the knowledge base knows the noun; and the events stage
asks the actor knowledge base through a typed interface whose failures are its own errors."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.errors import KnowledgeBaseError
from frontlines.events.actors import ActorResolver

PUBLISHED = date(2021, 6, 18)


def _acled(ref) -> str:  # type: ignore[no-untyped-def]
    return (ref.acled_name or ref.name) if ref is not None else ""


@pytest.mark.parametrize(("text", "actor1", "actor2"), [
    ("Syrian troops recaptured the village of Kbani after heavy fighting with the rebels on "
     "Monday.", "Military Forces of Syria (2000-)", "Opposition Rebels (Syria)"),
    ("Yemeni troops attacked militants near Mukalla on Monday.",
     "Military Forces of Yemen (2012-)", "Unidentified Armed Group (Yemen)"),
    ("Kenyan troops attacked militants near Mandera on Monday.",
     "Military Forces of Kenya (2013-)", "Unidentified Armed Group (Kenya)"),
    ("Iraqi soldiers exchanged fire with gunmen near Tuz Khurmatu on Sunday.",
     "Military Forces of Iraq (2018-)", "Unidentified Armed Group (Iraq)"),
])
def test_generic_sides_a_common_noun_side_is_actor2(extract_text, text: str, actor1: str,
                                                     actor2: str) -> None:
    ex = extract_text(text, published=PUBLISHED)
    assert ex.claims, "no event"
    claim = ex.claims[0]
    assert _acled(claim.actor1) == actor1
    assert _acled(claim.actor2) == actor2


class _Failing:
    """A knowledge base whose lookups fail with an error that is not the KB's own."""

    def is_demonym(self, text: str) -> bool:
        return text == "Kenyans"

    def unidentified(self, country: str | None = None) -> object:
        raise KnowledgeBaseError("no catch-all")

    def generic_actor(self, template: str, country: str | None = None) -> object:
        raise RuntimeError("a bug, not a missing actor")


def test_generic_sides_the_resolver_hides_only_knowledge_base_errors(annotator) -> None:
    resolver = ActorResolver(_Failing(), annotator.knowledge.ontology)  # type: ignore[arg-type]
    assert resolver.names_people("Kenyans") and not resolver.names_people("soldiers")
    assert resolver.default("unidentified", "KE").name  # a missing actor: the fallback name
    with pytest.raises(RuntimeError):  # a bug is not swallowed
        resolver.default("protesters", "KE")


@pytest.mark.parametrize(("text", "actor2"), [
    ("On 4 June Kenyan police arrested five traders in Mandera.", "Civilians (Kenya)"),
    ("Colombian police detained two farmers near Tame on Monday.", "Civilians (Colombia)"),
])
def test_generic_sides_people_taken_are_civilians(extract_text, text: str, actor2: str) -> None:
    """People named by what they do, not by a force ("arrested five traders"): ACLED's
    civilians of the country; forces stay forces ("arrested two soldiers")."""
    ex = extract_text(text, published=PUBLISHED)
    assert ex.claims, "no event"
    assert _acled(ex.claims[0].actor2) == actor2


def test_generic_sides_soldiers_taken_are_no_civilians(extract_text) -> None:
    ex = extract_text("On 4 June Taliban fighters killed two soldiers near Ghazni.",
                      published=PUBLISHED)
    assert _acled(ex.claims[0].actor2) == "Military Forces of Afghanistan (2014-)"


@pytest.mark.parametrize(("text", "actor1", "actor2"), [
    ("On 14 June 2021, fighting erupted between government troops and al-Shabaab militants "
     "near Beledweyne.", "Military Forces of Somalia (2017-)", "Al Shabaab"),
    ("On 14 June 2021, heavy fighting took place between rebels and the YPG near Tal Rifaat.",
     "Opposition Rebels (Syria)", "YPG: Peoples Protection Units"),
    ("On 14 June 2021, clashes took place between members of al-Shabaab and government troops "
     "near Baidoa.", "Al Shabaab", "Military Forces of Somalia (2017-)"),  # "members of X": named
])
def test_generic_sides_the_side_told_first_in_between_leads(extract_text, text: str,
                                                             actor1: str, actor2: str) -> None:
    """"between A and B" with A a common noun and B a name: A, told first, is actor1 (the
    name is not put first for being a name)."""
    claim = extract_text(text, published=PUBLISHED).claims[0]
    assert (_acled(claim.actor1), _acled(claim.actor2)) == (actor1, actor2)
