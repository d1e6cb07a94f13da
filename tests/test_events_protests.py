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


def test_events_protests_turnout_and_demands_are_factual(extract_text) -> None:
    ex = extract_text("On Thursday hundreds of teachers came out to protest in Basra demanding "
                      "their delayed salaries.", published=PUBLISHED)
    assert _types(ex) == ["Peaceful protest"]
    ex = extract_text("On Thursday dozens of protesters in Basra called for the dismissal of "
                      "the governor.", published=PUBLISHED)
    assert _types(ex) == ["Peaceful protest"]
    ex = extract_text("On Thursday retired officers gathered in front of the governorate "
                      "building in Basra, chanting slogans against corruption.",
                      published=PUBLISHED)
    assert _types(ex) == ["Peaceful protest"]


def test_events_protests_gathering_alone_is_not_a_protest(extract_text) -> None:
    ex = extract_text("On Thursday government forces gathered near Basra.", published=PUBLISHED)
    assert "Peaceful protest" not in _types(ex)


def test_events_protests_both_sides_of_a_clash_and_abduction_after(extract_text) -> None:
    ex = extract_text("On Thursday clashes took place between demonstrators and supporters of "
                      "a party in Basra.", published=PUBLISHED)
    assert _types(ex)[0] == "Violent demonstration"
    ex = extract_text("On Thursday an activist was abducted by gunmen in Basra after leaving "
                      "the protests.", published=PUBLISHED)
    assert "Excessive force against protesters" not in _types(ex)


def test_events_protests_police_moving_protesters_is_intervention(extract_text) -> None:
    ex = extract_text("On Thursday workers held a sit-in in Basra to demand their jobs back. "
                      "Riot police removed the protesters from the square that evening.",
                      published=PUBLISHED)
    assert _types(ex) == ["Protest with intervention"]


def test_events_protests_riots_named_as_the_cause_do_not_raise(extract_text) -> None:
    ex = extract_text("On Thursday protesters gathered in Basra in a demonstration against the "
                      "detention of activists during recent riots.", published=PUBLISHED)
    assert _types(ex) == ["Peaceful protest"]


def test_events_protests_date_without_comma_and_sit_in(extract_text) -> None:
    ex = extract_text("On Feb 27 demonstrators in Basra demanded the dismissal of the governor.",
                      published=PUBLISHED)
    assert _types(ex) == ["Peaceful protest"]
    ex = extract_text("On Thursday drivers held a sit-in at a roundabout in Basra.",
                      published=PUBLISHED)
    assert _types(ex) == ["Peaceful protest"]


def test_events_protests_tear_gas_without_demonstration_is_no_protest(extract_text) -> None:
    ex = extract_text("On Thursday soldiers fired tear gas at farmers in their fields near "
                      "Mosul.", published=PUBLISHED)
    assert not any(t.startswith(("Protest", "Peaceful")) for t in _types(ex))


def test_events_protests_a_clash_coordinated_with_the_demonstrators_verb_is_theirs(
        extract_text) -> None:
    # coordinated verbs share their subject, and a clash told beside a demand is no topic of it
    ex = extract_text("On 10 March thousands of demonstrators in Nairobi demanded early "
                      "elections but clashed with police forces.", published=date(2020, 3, 11))
    assert "Violent demonstration" in [c.sub_event_type for c in ex.claims if not c.modality]
    assert "Peaceful protest" not in [c.sub_event_type for c in ex.claims]
