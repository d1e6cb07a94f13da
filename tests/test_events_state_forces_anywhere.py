"""State forces and unnamed armed sides of any country, not the default theatre's: a force
named by a nationality word is that country's ("Angolan soldiers" near Matadi are Angola's), a
bare service noun is the service of the event's country even where only the world table knows
it (kb/demonyms.yaml, no period then), Syria's catch-alls ("opposition fighters", "Islamist
fighters") are the country's Unidentified Armed Group elsewhere (kb actors.yaml `elsewhere`),
and paramilitary rangers after a nationality word are the state's military (kb governments.yaml
`qualified_nouns`). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2021, 6, 18)  # a Friday


def _name(ref) -> str | None:  # type: ignore[no-untyped-def]
    return None if ref is None else (ref.acled_name or ref.name)


@pytest.mark.parametrize(("text", "actor1"), [
    # a country the governments table lists: its period
    ("Cambodian authorities arrested three union leaders in Siem Reap on Monday.",
     "Government of Cambodia (1985-)"),
    ("Soldiers beat street vendors in Bulawayo on Tuesday.",
     "Military Forces of Zimbabwe (2017-)"),
    ("Tanzanian police detained an opposition leader in Arusha on Monday.",
     "Police Forces of Tanzania (2021-)"),
    # a country only the world table knows: its own forces, never the default country's
    ("Angolan police arrested twenty street vendors in Luanda on Monday.",
     "Police Forces of Angola"),
    ("Police fired tear gas at traders in Luanda on Tuesday.", "Police Forces of Angola"),
    # the nationality word, not the place, names whose forces they are
    ("Angolan soldiers clashed with gunmen near Matadi on Wednesday.",
     "Military Forces of Angola"),
])
def test_a_state_force_is_its_own_countrys(extract_text, text: str, actor1: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text(text, published=PUBLISHED)
    got = [_name(c.actor1) for c in ex.claims]
    assert got[:1] == [actor1], got


@pytest.mark.parametrize(("text", "actor1"), [
    ("Opposition fighters ambushed a police patrol near Maiduguri on Sunday.",
     "Unidentified Armed Group (Nigeria)"),
    ("Islamist fighters attacked a checkpoint in Timbuktu, Mali, on Monday.",
     "Unidentified Armed Group (Mali)"),
    # Syria keeps ACLED's own catch-alls
    ("Opposition fighters shelled regime positions near Hama on Sunday.",
     "Opposition Rebels (Syria)"),
    ("Islamist militants attacked an army checkpoint near Idlib on Monday.",
     "Islamist Militia (Syria)"),
])
def test_syrias_catch_alls_stay_in_syria(extract_text, text: str, actor1: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text(text, published=PUBLISHED)
    got = [_name(c.actor1) for c in ex.claims]
    assert got[:1] == [actor1], got


@pytest.mark.parametrize(("text", "actor1"), [
    ("Thai rangers exchanged fire with separatists in Yala on Tuesday.",
     "Military Forces of Thailand (2014-)"),
    ("Pakistani rangers clashed with gunmen in Karachi on Thursday.",
     "Military Forces of Pakistan (2018-)"),
])
def test_rangers_after_a_nationality_are_the_states(extract_text, text: str, actor1: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text(text, published=PUBLISHED)
    got = [_name(c.actor1) for c in ex.claims]
    assert got[:1] == [actor1], got


def test_bare_rangers_are_no_states_forces(annotator) -> None:  # type: ignore[no-untyped-def]
    kb = annotator.knowledge.actors
    assert kb.service_fallback("park rangers", "CD") is None
    assert kb.service_fallback("Thai rangers", "TH").name == "Military Forces of Thailand"


def test_a_world_country_gets_its_own_service(annotator) -> None:  # type: ignore[no-untyped-def]
    kb = annotator.knowledge.actors
    assert kb.generic_actor("police", "AO").name == "Police Forces of Angola"
    assert kb.generic_actor("military", "Angola").country == "AO"


def test_a_compound_nationality_names_no_forces_country(annotator) -> None:  # type: ignore[no-untyped-def]
    kb = annotator.knowledge.actors
    assert kb.service_fallback("Angolan-trained police", "ZM") is None or \
        kb.service_fallback("Angolan-trained police", "ZM").country != "AO"
    assert kb.service_fallback("Angolan police", "ZM").country == "AO"


def test_a_world_countrys_service_stands_only_where_the_text_gives_it(annotator) -> None:  # type: ignore[no-untyped-def]
    # a far town met on a loose spelling names no country the text gives: its service is the
    # report's trusted country's, else the knowledge base default's
    from frontlines.events.actors import ActorResolver
    from frontlines.model import ActorRef

    kb = annotator.knowledge.actors
    resolver = ActorResolver(kb, annotator.knowledge.ontology)
    police = kb.generic_actor("police", "AO")
    ref = ActorRef(id=police.id, name=police.name, text="police", acled_name=police.acled_name)
    resolver.country, resolver.trusted = "AO", lambda cc: cc != "AO"
    assert resolver.trusted_catch_all(ref).acled_name == \
        kb.generic_actor("police", kb.default_country).acled_name
    resolver.country, resolver.trusted = "KE", lambda cc: cc == "KE"
    assert resolver.trusted_catch_all(ref).acled_name.startswith("Police Forces of Kenya")
    resolver.trusted = lambda cc: True
    assert resolver.trusted_catch_all(ref).acled_name == "Police Forces of Angola"
