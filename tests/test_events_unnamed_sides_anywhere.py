"""An armed side named only by a common noun ("rebels", "insurgents", "jihadists") outside Syria:
ACLED keeps "Opposition Rebels" and "Islamist Militia" for Syria and codes such a side anywhere
else as the country's "Unidentified Armed Group" (kb actors-generic.yaml `generic_terms`
`elsewhere`); a named group still comes first. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2021, 6, 18)  # a Friday


def _name(ref) -> str | None:  # type: ignore[no-untyped-def]
    return None if ref is None else (ref.acled_name or ref.name)


@pytest.mark.parametrize(("text", "sub_event_type", "actor2"), [
    ("Nigerian warplanes struck rebel positions near Bama on Saturday.",
     "Air/drone strike", "Unidentified Armed Group (Nigeria)"),
    ("Colombian troops raided an insurgent hideout in Cauca on Monday.",
     "Armed clash", "Unidentified Armed Group (Colombia)"),
    ("The Yemeni army shelled positions of the insurgents near Taiz on Sunday.",
     "Shelling/artillery/missile attack", "Unidentified Armed Group (Yemen)"),
    ("Malian soldiers clashed with jihadists near Gao on Thursday.",
     "Armed clash", "Unidentified Armed Group (Mali)"),
    ("Ethiopian forces attacked rebel fighters near Gondar on Friday.",
     "Armed clash", "Unidentified Armed Group (Ethiopia)"),
])
def test_a_common_noun_side_is_the_countrys_unidentified_armed_group(
        extract_text, text: str, sub_event_type: str, actor2: str) -> None:
    ex = extract_text(text, published=PUBLISHED)
    got = [(c.sub_event_type, _name(c.actor2)) for c in ex.claims]
    assert (sub_event_type, actor2) in got, got


def test_a_named_group_comes_before_the_catch_all(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text("Burkinabe troops clashed with Ansar ul Islam fighters near Djibo on Monday.",
                      published=PUBLISHED)
    assert [_name(c.actor2) for c in ex.claims][:1] == ["Ansar al-Islam"], ex.claims


def test_syria_keeps_its_own_catch_alls(annotator) -> None:  # type: ignore[no-untyped-def]
    kb = annotator.knowledge.actors
    assert kb.generic_fallback("rebel positions", "Syria").name == "Opposition Rebels (Syria)"
    assert kb.generic_fallback("jihadists", "Syria").name == "Islamist Militia (Syria)"
    assert kb.generic_fallback("insurgents", "Iraq").name == "Unidentified Armed Group (Iraq)"
    assert kb.generic_fallback("rebel fighters", "Colombia").name == \
        "Unidentified Armed Group (Colombia)"


def test_a_country_no_actor_file_has_gets_no_other_countrys_catch_all(annotator) -> None:  # type: ignore[no-untyped-def]
    # a country only the world table knows: its own unidentified armed group, not the default
    # country's rebels
    kb = annotator.knowledge.actors
    assert kb.generic_fallback("insurgents", "ES").name == "Unidentified Armed Group (Spain)"


@pytest.mark.parametrize("text", [
    "Riot police patrolled the streets of Lagos on Monday.",
    "Anti-riot police were deployed around parliament in Kampala on Monday.",
    "Protesters pelted riot police with stones in Dhaka on Monday.",
])
def test_a_force_named_after_riots_tells_no_riot(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text(text, published=PUBLISHED)
    riots = [(c.sub_event_type, c.modality) for c in ex.claims if c.event_type == "Riots"
             and c.actor1 is not None and (c.actor1.acled_name or "").startswith("Rioters")
             and c.sub_event_type == "Violent demonstration" and c.modality]
    assert not riots, [(c.sub_event_type, c.modality) for c in ex.claims]


def test_riot_police_still_act(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text("Riot police dispersed a crowd of traders in Nairobi on Tuesday.",
                      published=PUBLISHED)
    got = [(c.sub_event_type, (c.actor2.acled_name if c.actor2 else None), c.modality)
           for c in ex.claims]
    assert got == [("Protest with intervention", "Police Forces of Kenya (2013-)", None)], got
