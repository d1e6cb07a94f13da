"""A demonstration word that refers back to a demonstration already told, or to earlier
unnamed ones, is no new demonstration (kb/ontology.yaml `protests.referring_words`,
`protests.earlier_words`; events/protests.py `told_before`). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

from frontlines.consolidate import consolidate

PUBLISHED = date(2021, 6, 18)


def _types(ex) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(e.sub_event_type for e in consolidate(ex.claims))


def test_protests_told_before_a_follow_up_linking_to_earlier_protests(extract_text) -> None:
    ex = extract_text("On 4 March 2021, dozens of students threw stones at police and set up "
                      "barricades in Valparaiso, Chile. The demonstration is likely linked to "
                      "recent protests against fare increases.", published=PUBLISHED)
    assert _types(ex) == ["Violent demonstration"]
    ex = extract_text("On 9 June 2021, rioters burned an ATM kiosk in Kisumu. This is likely "
                      "related to recent protests over the cost of living.", published=PUBLISHED)
    assert _types(ex) == ["Violent demonstration"]


def test_protests_told_before_the_protest_told_again(extract_text) -> None:
    ex = extract_text("Police fired tear gas at traders marching in Kano on Monday against new "
                      "taxes. The protest drew shop owners from across the city.",
                      published=PUBLISHED)
    assert _types(ex) == ["Protest with intervention"]


def test_protests_told_before_keeps_new_places_and_first_mentions(extract_text) -> None:
    # a definite word with a place of its own is that place's demonstration
    ex = extract_text("Hundreds of lawyers protested in Lahore on Monday. On Tuesday the "
                      "protest spread to Karachi.", published=PUBLISHED)
    assert [e.place.name for e in consolidate(ex.claims)].count("Karachi") == 1
    assert _types(ex) == ["Peaceful protest", "Peaceful protest"]
    # earlier protests told first, with a day of their own, are the report's event
    ex = extract_text("Recent protests in Bogota turned violent on Friday as demonstrators "
                      "clashed with riot police.", published=PUBLISHED)
    assert _types(ex) == ["Violent demonstration"]
