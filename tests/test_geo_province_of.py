""""The (northern) province of X" names X's province, not the town named like it."""

from __future__ import annotations


def test_the_province_of_a_town_named_like_it_is_the_province(extract_text) -> None:
    ex = extract_text("Jets bombed militant positions in the northern province of Kirkuk on "
                      "Monday.")
    places = [c.place for c in ex.claims if c.modality is None and c.place is not None]
    assert places and all(p.geo_precision == 3 and p.admin1 == "Kirkuk" for p in places)
    ex = extract_text("Jets bombed militant positions in Kirkuk on Monday.")  # the town
    assert all(c.place.geo_precision == 1 for c in ex.claims if c.place is not None)
