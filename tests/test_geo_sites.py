"""Named sites that are not towns (a dam, an air base, an airport): kb/places.yaml carries them
with their source, so an event told at one is placed at the site, not at a town or a quarter
that shares part of its name."""

from __future__ import annotations


def _places(extract_text, text: str) -> set[str | None]:  # type: ignore[no-untyped-def]
    ex = extract_text(text)
    return {c.place.name for c in ex.claims if c.modality is None and c.place is not None}


def test_a_dam_is_the_site_not_a_quarter_of_its_name(extract_text) -> None:  # type: ignore[no-untyped-def]
    assert _places(extract_text, "Gunmen ambushed a patrol close to the Tishreen Dam on "
                                 "Friday, wounding four guards.") == {"Tishrin Dam"}


def test_an_air_base_named_by_its_town_is_the_base(extract_text) -> None:  # type: ignore[no-untyped-def]
    assert _places(extract_text, "Rockets hit Camp Speicher on Friday, wounding two "
                                 "soldiers.") == {"Camp Speicher"}


def test_a_site_near_a_directed_province_is_the_place(extract_text) -> None:  # type: ignore[no-untyped-def]
    """"in Northern Raqqa near the X dam": the direction written inside the name makes a part
    of the province, not the city, and the site named "near" is the finer place."""
    ex = extract_text("Six guards were killed in clashes with militants in Northern Raqqa near "
                      "the Euphrates Dam on Friday.")
    places = [c.place for c in ex.claims if c.modality is None and c.place is not None]
    assert places and {p.name for p in places} == {"Tabqa Dam"}
