"""A province a report calls so ("in Kirkuk province") and never calls a city by the same name:
a bare mention of the name elsewhere in the report is the province, not its capital city. And
who blames an event on whom ("which X blames on Y") is not where it happened."""

from __future__ import annotations


def _placed(extract_text, text: str) -> list:  # type: ignore[no-untyped-def]
    ex = extract_text(text)
    return [c for c in ex.claims if c.modality is None and c.place is not None]


def test_a_bare_name_of_a_province_told_as_one_is_the_province(extract_text) -> None:  # type: ignore[no-untyped-def]
    claims = _placed(extract_text, "Police said the gunmen fled into the hills of Kirkuk province "
                                   "on Sunday. Gunmen killed three farmers in Kirkuk on Sunday.")
    assert claims and all(c.place.geo_precision == 3 for c in claims)


def test_a_report_that_also_calls_it_a_city_keeps_the_city(extract_text) -> None:  # type: ignore[no-untyped-def]
    claims = _placed(extract_text, "Kirkuk city was calm while the army patrolled Kirkuk province "
                                   "on Sunday. Gunmen killed three farmers in Kirkuk on Sunday.")
    assert claims and all(c.place.geo_precision == 1 for c in claims)


def test_who_blames_an_attack_is_not_its_place(extract_text) -> None:  # type: ignore[no-untyped-def]
    """Washington, refused as a place abroad, would be an unknown name finer than the province."""
    claims = _placed(extract_text, "Officials said the embargo was a response to the alleged "
                                   "chemical weapon use in Hama on Monday which Washington "
                                   "blames on Damascus. Farmers in Hama province fear more gas.")
    assert claims and {c.place.text for c in claims} == {"Hama"}
