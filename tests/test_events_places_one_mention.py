"""One event mention gives one event however many places its sentence names: a place that only
anchors another ("a market in X in eastern Y") is context, an origin ("an X-born militant",
"a native of X") is never the event's place, and coordinated targets stay separate events."""

from __future__ import annotations


def _places(ex) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(c.place.text for c in ex.claims if c.place is not None)


def test_places_an_origin_is_not_where_the_event_happened(extract_text) -> None:
    ex = extract_text("A native of Kano drove a car bomb into a market in Maiduguri on Sunday.")
    assert _places(ex) == ["Maiduguri"]
    ex = extract_text("A Paris-born jihadist blew himself up at a checkpoint in Mosul on Friday.")
    assert _places(ex) == ["Mosul"]


def test_places_an_anchoring_place_gives_no_second_event(extract_text) -> None:
    ex = extract_text("A car bomb exploded at a market in Sadr City in eastern Baghdad on "
                      "Friday, killing nine people.")
    assert _places(ex) == ["Sadr City"]
    # coordinated targets, each with its own anchor, stay two events
    ex = extract_text("Taliban militants attacked a police post in Ghazni and a checkpoint in "
                      "Kunduz on Monday.")
    assert _places(ex) == ["Ghazni", "Kunduz"]
    ex = extract_text("Army artillery shelled Latamneh and Kafr Zita on Thursday.")
    assert _places(ex) == ["Kafr Zita", "Latamneh"]


def test_places_a_place_under_a_verb_below_the_event_is_not_its_place(extract_text) -> None:
    """The place of what a participle is about ("condemning the siege of X") is not where the
    event happened when the event has a place of its own."""
    ex = extract_text("Hundreds of students protested in Raniya on Friday, condemning the "
                      "blockade imposed on villages in Penjwen.")
    assert _places(ex) == ["Raniya"]
