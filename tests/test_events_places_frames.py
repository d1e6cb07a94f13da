"""An unknown name is placed only by a place that frames it ("in Z", "Z countryside", a
province): not by another item of its own list, not at the point a direction is told from; and
country or nationality words never begin or make up such a name."""

from __future__ import annotations

from frontlines.consolidate import consolidate
from frontlines.model import Document, MentionKind

_OPENING = ("Rockets hit Baqubah in Diyala province on Sunday. Militants also attacked a police "
            "post in Diyala on Monday. ")


def _where(ex, name: str):  # type: ignore[no-untyped-def]
    return [c.place for c in ex.claims
            if c.modality is None and c.place is not None and c.place.text == name]


def _place_mentions(annotator, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    annotated = annotator.annotate_one(Document.create(text))
    return [m.text for m in annotated.mentions if m.kind == MentionKind.PLACE]


def test_a_reference_point_of_a_direction_does_not_hold_the_name(extract_text) -> None:
    ex = extract_text(_OPENING + "Gunmen killed three shepherds in the village of Qaryat "
                      "Zubaydawi to the north of Kirkuk city on Tuesday.")
    found = _where(ex, "Qaryat Zubaydawi")
    assert found and all(p.geo_precision == 3 and p.admin1 == "Kirkuk" for p in found)


def test_a_distance_from_a_town_is_no_frame_either(extract_text) -> None:
    ex = extract_text(_OPENING + "A roadside bomb hit a convoy in the village of Qaryat "
                      "Zubaydawi, 20 km from Kirkuk, on Tuesday.")
    found = _where(ex, "Qaryat Zubaydawi")
    assert found and all(p.geo_precision == 3 for p in found)


def test_a_town_that_frames_the_name_still_places_it(extract_text) -> None:
    ex = extract_text(_OPENING + "Gunmen killed three shepherds in the village of Qaryat "
                      "Zubaydawi in Kirkuk on Tuesday.")
    found = _where(ex, "Qaryat Zubaydawi")
    assert found and all(p.geo_precision == 2 and p.admin1 == "Kirkuk" for p in found)


def test_a_country_word_before_a_town_is_not_joined_to_it(extract_text) -> None:
    ex = extract_text("Mortar shells fell on Yemen Marib on Monday, killing two civilians.")
    texts = {c.place.text for c in ex.claims if c.place is not None}
    assert "Yemen Marib" not in texts and "Marib" in texts


def test_nationality_words_joined_by_a_hyphen_are_no_place(annotator) -> None:
    names = _place_mentions(annotator, "Clashes erupted at the Saudi-Yemeni border near Saada "
                                       "on Monday.")
    assert not any("Saudi" in n or "Yemeni" in n for n in names)


def test_another_item_of_the_list_is_no_frame(extract_text) -> None:
    """A known town listed beside the unknown name is its sibling, not where it lies: the
    name keeps the paragraph's province."""
    ex = extract_text(_OPENING + "Roadside bombs killed two soldiers in the villages of "
                      "Qaryat Zubaydawi and Kirkuk on Tuesday.")
    found = _where(ex, "Qaryat Zubaydawi")
    assert found and all(p.admin1 == "Diyala" and p.geo_precision == 3 for p in found)


def test_a_place_of_a_parallel_phrase_is_no_frame(extract_text) -> None:
    """"with A in Z and with B in X": Z is where A is, not where X is."""
    ex = extract_text(_OPENING + "On Tuesday militants clashed with the army in Kirkuk and "
                      "with police in the village of Qaryat Zubaydawi.")
    found = _where(ex, "Qaryat Zubaydawi")
    assert found and all(p.admin1 == "Diyala" and p.geo_precision == 3 for p in found)


def test_the_name_north_of_a_city_joins_its_retelling_at_a_town_there(extract_text) -> None:
    """Placed in the province of its reference point, not at the city itself, the name's event
    is the one the next sentence tells again at a known town of that province."""
    ex = extract_text("Gunmen attacked a checkpoint in Baqubah in Diyala province on Sunday. "
                      "Gunmen killed three shepherds in the village of Qaryat Zubaydawi, to the "
                      "north of Kirkuk city, on Tuesday. The shepherds were shot dead near "
                      "Hawija by gunmen on Tuesday.")
    attacks = [e for e in consolidate(ex.claims) if not e.background
               and e.place is not None and e.place.admin1 == "Kirkuk"]
    assert len(attacks) == 1


def test_a_part_of_a_city_named_by_a_direction_frames_the_name(extract_text) -> None:
    """"the X area southern T" is inside T, unlike "south of T"."""
    ex = extract_text(_OPENING + "On Tuesday militants ambushed soldiers in the village of "
                      "Qaryat Zubaydawi, southern Kirkuk.")
    found = _where(ex, "Qaryat Zubaydawi")
    assert found and all(p.admin1 == "Kirkuk" and p.geo_precision == 2 for p in found)
