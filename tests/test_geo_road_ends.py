"""Names inside a road's name are the road's ends, not where an event on it happened (kb
places.yaml `road_words`, `road_links`, `road_place_before`; geo/documents.py `_road_ends`).
Told with a town ("blocked the A-B highway near Z") the town is the place and the ends cast no
vote for the report's country; a province that holds them leaves them the finer place; alone,
one end within the report's country is. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

from frontlines.consolidate import consolidate

PUBLISHED = date(2021, 3, 14)


def _events(ex):  # type: ignore[no-untyped-def]
    return consolidate(ex.claims)


def _places(ex) -> list[str | None]:  # type: ignore[no-untyped-def]
    return [e.place.name if e.place else None for e in _events(ex)]


def test_road_ends_give_way_to_the_town_named(extract_text) -> None:
    ex = extract_text("On 12 March 2021, protesters blocked the Kut-Amara highway near Ali "
                      "al-Gharbi to demand jobs.", published=PUBLISHED)
    assert _places(ex) == ["Ali al Gharbi"]
    ex = extract_text("On 12 March 2021, hundreds of protesters blocked the Lahore-Islamabad "
                      "motorway near Gujranwala.", published=PUBLISHED)
    assert _places(ex) == ["Gujranwala"]
    ex = extract_text("On 12 March 2021, protesters blocked the road linking Mosul and Dohuk "
                      "in Tel Kaif to demand electricity.", published=PUBLISHED)
    assert _places(ex) == ["Tallkayf"]


def test_road_ends_cast_no_vote_for_the_country(extract_text) -> None:
    # an end abroad ("Aleppo", "Kuwait") neither places the event nor names its country
    ex = extract_text("On 12 March 2021, protesters blocked the Aleppo-Antakya road in Reyhanli "
                      "to protest rising rents.", published=PUBLISHED)
    (event,) = _events(ex)
    assert (event.place.name, event.actor1.name) == ("Reyhanli", "Protesters (Turkey)")
    ex = extract_text("On 12 March 2021, truckers protesting fuel prices blocked the "
                      "Basra-Kuwait highway in Safwan.", published=PUBLISHED)
    (event,) = _events(ex)
    assert (event.place.name, event.actor1.name) == ("Safwan", "Protesters (Iraq)")
    ex = extract_text("On 12 March 2021, protesters blocked the Dar es Salaam road in Dodoma "
                      "to protest new taxes.", published=PUBLISHED)
    assert _places(ex) == ["Dodoma"]


def test_road_ends_alone_or_in_their_province_are_one_place(extract_text) -> None:
    ex = extract_text("On 12 March 2021, protesters blocked the Kano-Zaria road in both "
                      "directions.", published=PUBLISHED)
    assert _places(ex) == ["Kano"]
    ex = extract_text("On 4 March 2021 gunmen killed a trader on the road between Tikrit and "
                      "Samarra in Salahuddin.", published=PUBLISHED)
    assert _places(ex) == ["Tikrit"]


def test_road_ends_an_unknown_road_alone_is_no_far_place(extract_text) -> None:
    ex = extract_text("On 12 March 2021, rioters blocked the Wadi Sharaf highway in both "
                      "directions with burning tyres.", published=PUBLISHED)
    assert _places(ex) == [None]
