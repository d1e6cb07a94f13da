"""An unknown name (a village or quarter the gazetteer lacks) is placed by what the text says
around it: a place its own sentence names, else the place of the sentence before it in the same
paragraph, and only then the province the report names most."""

from __future__ import annotations

_OPENING = ("Rockets hit Baqubah in Diyala province on Sunday. Militants also attacked a police "
            "post in Diyala on Monday. ")


def _where(ex, name: str):  # type: ignore[no-untyped-def]
    return [c.place for c in ex.claims
            if c.modality is None and c.place is not None and c.place.text == name]


def test_an_unknown_village_takes_the_town_of_the_sentence_before(extract_text) -> None:
    ex = extract_text(_OPENING + "Gunmen stormed a market in Kirkuk on Tuesday. Hours later a "
                      "roadside bomb killed two soldiers in the village of Qaryat Zubaydawi.")
    found = _where(ex, "Qaryat Zubaydawi")
    assert found and all(p.admin1 == "Kirkuk" and p.geo_precision == 2 for p in found)
    assert all(p.name == "Qaryat Zubaydawi" for p in found)  # the name stays as written


def test_a_paragraph_break_ends_the_topic(extract_text) -> None:
    ex = extract_text(_OPENING + "Gunmen stormed a market in Kirkuk on Tuesday.\nHours later a "
                      "roadside bomb killed two soldiers in the village of Qaryat Zubaydawi.")
    found = _where(ex, "Qaryat Zubaydawi")
    assert found and all(p.admin1 == "Diyala" and p.geo_precision == 3 for p in found)


def test_an_unknown_village_takes_a_town_its_own_sentence_names(extract_text) -> None:
    ex = extract_text(_OPENING + "Roadside bombs killed two soldiers in the village of Qaryat "
                      "Zubaydawi and a policeman in Kirkuk on Tuesday.")
    found = _where(ex, "Qaryat Zubaydawi")
    assert found and all(p.admin1 == "Kirkuk" and p.geo_precision == 2 for p in found)
