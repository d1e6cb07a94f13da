"""Demonstrations: one event per place, coded at the most severe level the report supports."""

from __future__ import annotations

from datetime import date

from frontlines.consolidate import consolidate

PUBLISHED = date(2020, 2, 28)


def _types(ex) -> list[str]:  # type: ignore[no-untyped-def]
    """The sub-event types of the events the claims consolidate into."""
    return [e.sub_event_type for e in consolidate(ex.claims)]


def test_events_protests_levels(extract_text) -> None:
    assert _types(extract_text("Hundreds of students protested in Basra on Thursday.",
                               published=PUBLISHED)) == ["Peaceful protest"]
    ex = extract_text("Hundreds of students protested in Basra on Thursday. Police later "
                      "dispersed the protesters with tear gas.", published=PUBLISHED)
    assert _types(ex) == ["Protest with intervention"]
    ex = extract_text("Demonstrators in Baghdad clashed with police forces on Thursday.",
                      published=PUBLISHED)
    assert _types(ex) == ["Violent demonstration"]
    assert ex.claims[0].actor1.name == "Rioters (Iraq)"


def test_events_protests_cause_is_not_what_happened(extract_text) -> None:
    ex = extract_text("Dozens of families protested in Mosul on Thursday against the detention "
                      "of activists arrested by the police.", published=PUBLISHED)
    assert _types(ex) == ["Peaceful protest"]
