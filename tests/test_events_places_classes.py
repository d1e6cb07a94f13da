"""The event's place in the classes ACLED notes and articles miss most: a month's name inside a
village's name, a province told with a direction, where the agent stands when nothing else is
named, a name no gazetteer places next to the town that says where it is, a province spelled
the UN's way."""

from __future__ import annotations

from frontlines.geo import Gazetteer
from tests._geo_refs import resolve_names


def _places(ex) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(c.place.text for c in ex.claims if c.place is not None and c.modality is None)


def test_a_month_inside_a_village_name_is_no_date(extract_text, annotator) -> None:
    from frontlines.model import Document, MentionKind

    text = "A roadside bomb wounded two farmers in Bait Jan on Tuesday, residents said."
    annotated = annotator.annotate_one(Document.create(text))
    times = [m.text for m in annotated.mentions if m.kind == MentionKind.TIME]
    assert "Jan" not in times
    assert _places(extract_text(text)) == ["Bait Jan"]


def test_a_province_told_with_a_direction_is_the_province(builtin_gazetteer: Gazetteer) -> None:
    """"Kafr Zita in northern Hama": the province, since the sentence names a place of it
    outside the city; "western Hama" alone, or a quarter "in eastern Hama", is the city."""
    gaz = builtin_gazetteer
    text = "Shells hit Kafr Zita in northern Hama on Sunday."
    assert resolve_names(gaz, text, ["Kafr Zita", "Hama"])["Hama"].geo_precision == 3
    text = "Rockets fell on western Hama on Sunday."
    assert resolve_names(gaz, text, ["Hama"])["Hama"].geo_precision == 1
    text = "Shells hit Kafr Zita and the western Hama city quarters on Sunday."
    assert resolve_names(gaz, text, ["Kafr Zita", "Hama"])["Hama"].geo_precision == 1


def test_a_province_told_as_a_region_is_the_province(builtin_gazetteer: Gazetteer) -> None:
    gaz = builtin_gazetteer
    text = "Jets struck villages across the Deir ez-Zor region on Monday."
    ref = resolve_names(gaz, text, ["Deir ez-Zor"])["Deir ez-Zor"]
    assert ref.geo_precision == 3 and ref.admin1 == gaz.admin1_of("Deir ez-Zor", "SY")


def test_a_district_in_a_province_told_with_a_direction_is_the_place(extract_text) -> None:
    ex = extract_text("Islamic State fighters ambushed an army supply column in Sokhneh district "
                      "in eastern Homs on Monday.")
    assert "Sokhneh" in _places(ex) and "Homs" not in _places(ex)


def test_where_the_agent_stands_places_an_event_named_nowhere_else(extract_text) -> None:
    ex = extract_text("Regime soldiers stationed near Saraqib in Idlib shelled rebel lines "
                      "in the area on Friday.")
    claims = [c for c in ex.claims if c.modality is None]
    assert claims and all(c.place is not None and c.place.name == "Saraqib" for c in claims)
    assert all(c.place.geo_precision == 2 for c in claims)
    # a place of its own still wins over where the agent stands
    ex = extract_text("Regime soldiers stationed near Saraqib shelled rebel lines in "
                      "Binnish on Friday.")
    assert _places(ex) == ["Binnish"]


def test_an_unplaced_name_gives_way_to_the_town_it_lies_in(extract_text) -> None:
    ex = extract_text("Activists assembled outside the Justice Palace in Tyre in a "
                      "demonstration against the jailing of two students.")
    assert _places(ex) == ["Tyre"]


def test_a_province_in_the_un_spelling_names_its_country(
        extract_text, builtin_gazetteer: Gazetteer) -> None:
    ex = extract_text("Gunmen killed a shepherd near Tal Afar in Ninewa on Monday.")
    claims = [c for c in ex.claims if c.modality is None]
    assert claims and all(c.place is not None and c.place.country == "IQ" for c in claims)
    gaz = builtin_gazetteer
    assert gaz.admin1_of("Ninewa") == gaz.admin1_of("Nineveh", "IQ")
    assert gaz.admin1_of("Kerbala") == gaz.admin1_of("Karbala", "IQ")


def test_what_a_demonstration_denounces_is_not_where_it_gathered(extract_text) -> None:
    ex = extract_text("A rally took place in Binnish in Idlib denouncing government and "
                      "Russian bombing in Ariha and Saraqib.")
    protests = [c for c in ex.claims if c.event_type == "Protests" and c.modality is None]
    assert protests and {c.place.text for c in protests} == {"Binnish"}
    # two places of the gathering itself stay two
    ex = extract_text("People protested in Binnish and Saraqib on Friday.")
    assert _places(ex) == ["Binnish", "Saraqib"]


def test_a_place_of_the_province_under_the_event_word_places_it(extract_text) -> None:
    """The frame's own place is only the province; a town of it named in its object's phrase
    (here an event nested in it) says where in the province it happened."""
    ex = extract_text("Turkish artillery shelled zones of deployment of the Kurdish units in "
                      "Tall Rifaat in Aleppo countryside.")
    shelling = [c for c in ex.claims if c.event_type == "Explosions/Remote violence"]
    assert shelling and all(c.place.text == "Tall Rifaat" for c in shelling)


def test_a_province_in_another_spelling_is_a_province_not_a_village(extract_text) -> None:
    ex = extract_text("Militants raided an outpost of a tribal militia in Hatra district in "
                      "southern Ninewa province.")
    assert _places(ex) == ["Hatra"]


def test_the_province_after_a_region_of_its_town_is_the_province(
        builtin_gazetteer: Gazetteer) -> None:
    """"Kafr Zita region of Hama": Hama says which province the town is in; it is the province,
    not a second place at its capital."""
    gaz = builtin_gazetteer
    text = "Drones struck a car in the Kafr Zita region of Hama on Monday."
    refs = resolve_names(gaz, text, ["Kafr Zita", "Hama"])
    assert refs["Hama"].geo_precision == 3 and refs["Kafr Zita"].geo_precision < 3
    text = "Drones struck a car in the Qalaat (Kafr Zita) region of Hama on Monday."
    assert resolve_names(gaz, text, ["Kafr Zita", "Hama"])["Hama"].geo_precision == 3
