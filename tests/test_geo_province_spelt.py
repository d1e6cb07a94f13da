"""A province told by a spelling only its capital's row shares ("Deir Ezzor" for the
province Deir-ez-Zor) is the province where the text says so ("X province", "villages in X"),
not the city: the city would be an event place of its own beside the villages it frames
(issue #17.5). Sentences written for these tests; places are the embedded Syria pack's."""

from __future__ import annotations

from frontlines.geo import Gazetteer
from tests._geo_refs import resolve_names


def test_a_province_spelt_as_its_capital_is_the_province(builtin_gazetteer: Gazetteer) -> None:
    got = resolve_names(builtin_gazetteer, "Jets struck Deir Ezzor province on Monday.",
                        ["Deir Ezzor"])["Deir Ezzor"]
    assert got.geo_precision == 3 and got.admin1 == "Deir-ez-Zor"


def test_the_province_framing_a_list_of_villages_is_no_city(extract_text) -> None:  # type: ignore[no-untyped-def]
    ex = extract_text("Gunmen killed four farmers in Mohassan town and Jdid Ekeidat village in "
                      "Deir Ezzor on Sunday.")
    places = [c.place for c in ex.claims if c.modality is None and c.place is not None]
    assert {"Muh Hasan", "Jdid Ekeidat"} <= {p.name for p in places}
    assert not any(p.text == "Deir Ezzor" and p.geo_precision < 3 for p in places)
