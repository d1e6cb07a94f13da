"""Toponym resolution in context: names as written in news, the context, the expected place.

Cases are written from public reporting on Syria, Iraq and Turkey (town names and spellings as
news agencies wrote them) with coordinates from public reference maps. Syria cases need the
OCHA/OpenSyria files in ../shared; Iraq and Turkey cases use tests/data/geo and the world layer.
"""

from __future__ import annotations

import pytest

from frontlines.geo import Gazetteer, distance_km, georef_for, resolve_places
from frontlines.model import AnnotatedDocument, Document, GeoRef, Mention, MentionKind

from .conftest import SYRIA

needs_syria = pytest.mark.skipif(not SYRIA.exists(), reason=f"{SYRIA} is not available")

# (name as written, context, expected lat, lon, tolerance km)
SYRIA_CASES = [
    ("Saraqib", {"admin1": "Idlib"}, 35.866, 36.803, 5),
    ("Sraqib", {"admin1": "Idlib"}, 35.866, 36.803, 5),
    ("Saraqeb", {"admin1": "Idleb"}, 35.866, 36.803, 5),
    ("Sarmadah", {"admin1": "Idlib"}, 36.180, 36.718, 5),
    ("Harem", {"admin1": "Idlib"}, 36.209, 36.520, 5),
    ("Harim", {"admin1": "Edlib"}, 36.209, 36.520, 5),
    ("Khan al-Sobol", {"admin1": "Idlib"}, 35.756, 36.753, 5),
    ("Khan Elsobol", {}, 35.756, 36.753, 5),
    ("Khan as-Subul", {"admin1": "Idlib"}, 35.756, 36.753, 5),
    ("Hazzarin", {"admin1": "Idlib"}, 35.598, 36.528, 5),
    ("Tarmala", {"admin1": "Idlib"}, 35.525, 36.480, 5),
    ("Kafr Nabl", {"admin1": "Idlib"}, 35.614, 36.561, 5),
    ("Kafranbel", {"admin1": "Idlib"}, 35.614, 36.561, 5),
    ("Maarat al-Numan", {"admin1": "Idlib"}, 35.648, 36.672, 5),
    ("Ma'arrat al-Nu'man", {"admin1": "Idlib"}, 35.648, 36.672, 5),
    ("Khan Shaykhun", {"admin1": "Idlib"}, 35.442, 36.651, 5),
    ("Khan Sheikhoun", {"admin1": "Idlib"}, 35.442, 36.651, 5),
    ("Jisr al-Shughur", {"admin1": "Idlib"}, 35.813, 36.317, 5),
    ("Binnish", {"admin1": "Idlib"}, 35.957, 36.713, 5),
    ("Tell Abyad", {"admin1": "Raqqa"}, 36.698, 38.957, 5),
    ("Tal Abyad", {"admin1": "Ar-Raqqa"}, 36.698, 38.957, 5),
    ("Ras al-Ain", {"admin1": "Hasakah"}, 36.850, 40.067, 6),
    ("Ras al-Ayn", {"admin1": "Al-Hasakeh"}, 36.850, 40.067, 6),
    ("Ain Issa", {"admin1": "Raqqa"}, 36.385, 38.860, 6),
    ("Manbij", {"admin1": "Aleppo"}, 36.528, 37.955, 5),
    ("Jarablus", {"admin1": "Aleppo"}, 36.818, 38.011, 5),
    ("Afrin", {"admin1": "Aleppo"}, 36.512, 36.869, 5),
    ("Azaz", {"admin1": "Aleppo"}, 36.586, 37.047, 5),
    ("Douma", {"admin1": "Rural Damascus"}, 33.571, 36.403, 5),
    ("Duma", {"admin1": "Rif Dimashq"}, 33.571, 36.403, 5),
    ("Harasta", {"admin1": "Rural Damascus"}, 33.559, 36.365, 5),
    ("Palmyra", {"admin1": "Homs"}, 34.550, 38.284, 6),
    ("Deir ez-Zor", {}, 35.336, 40.141, 6),
    ("Deir Ezzor", {"admin1": "Deir-ez-Zor"}, 35.336, 40.141, 6),
    ("Albu Kamal", {"admin1": "Deir-ez-Zor"}, 34.454, 40.937, 6),
    ("Mayadin", {"admin1": "Deir ez-Zor"}, 35.021, 40.453, 6),
    ("Qamishli", {"admin1": "Hasakah"}, 37.052, 41.227, 6),
    ("Tabqa", {"admin1": "Raqqa"}, 35.837, 38.548, 6),
    ("Bab al-Hawa border crossing", {"admin1": "Idlib"}, 36.230, 36.672, 3),
    ("Bab al-Hawa", {"admin1": "Idlib", "feature_hint": "border_crossing"}, 36.230, 36.672, 3),
    ("Eastern Ghouta", {"admin1": "Rural Damascus"}, 33.55, 36.42, 12),
    ("Hmeimim air base", {"admin1": "Lattakia"}, 35.401, 35.949, 3),
]

IRAQ_TURKEY_CASES = [
    ("Tal Afar", {"country": "IQ", "admin1": "Ninewa"}, 36.379, 42.450, 5),
    ("Tel Afar", {"country": "Iraq"}, 36.379, 42.450, 5),
    ("Shingal", {"country": "IQ", "admin1": "Nineveh"}, 36.321, 41.877, 5),
    ("Qayyarah", {"country": "IQ", "admin1": "Ninewa"}, 35.811, 43.290, 5),
    ("Hawija", {"country": "IQ", "admin1": "Kirkuk"}, 35.327, 43.757, 5),
    ("Baiji", {"country": "IQ", "admin1": "Salah al-Din"}, 34.929, 43.493, 5),
    ("Beiji", {"country": "IQ"}, 34.929, 43.493, 5),
    ("Heet", {"country": "IQ", "admin1": "Anbar"}, 33.642, 42.825, 5),
    ("Haditha", {"country": "IQ", "admin1": "Al-Anbar"}, 34.140, 42.379, 5),
    ("Al-Qaim", {"country": "IQ", "admin1": "Anbar"}, 34.369, 41.094, 5),
    ("Khanaqin", {"country": "IQ", "admin1": "Diyala"}, 34.348, 45.392, 5),
    ("Jalula", {"country": "IQ", "admin1": "Diyala"}, 34.272, 45.169, 5),
    ("Muqdadiyah", {"country": "IQ", "admin1": "Diyala"}, 33.978, 44.937, 5),
    ("Tuz Khurmato", {"country": "IQ", "admin1": "Salah al-Din"}, 34.889, 44.633, 5),
    ("Makhmour", {"country": "IQ", "admin1": "Erbil"}, 35.776, 43.579, 5),
    ("Qaraqosh", {"country": "IQ", "admin1": "Ninewa"}, 36.270, 43.378, 5),
    ("Amerli", {"country": "IQ", "admin1": "Salah al-Din"}, 34.720, 44.587, 5),
    ("Shirqat", {"country": "IQ", "admin1": "Salah al-Din"}, 35.510, 43.230, 5),
    ("Zakho", {"country": "IQ", "admin1": "Duhok"}, 37.144, 42.682, 5),
    ("Zubair", {"country": "IQ", "admin1": "Basra"}, 30.389, 47.702, 5),
    ("Mosul", {"country": "IQ"}, 36.335, 43.119, 10),
    ("Kirkuk", {"country": "IQ"}, 35.468, 44.392, 10),
    ("Nasiriyah", {"country": "IQ", "admin1": "Dhi Qar"}, 31.044, 46.258, 10),
    ("Karbala", {"country": "IQ"}, 32.616, 44.025, 10),
    ("Ain al-Asad air base", {"country": "IQ", "admin1": "Anbar"}, 33.786, 42.441, 3),
    ("Akcakale", {"country": "TR", "admin1": "Sanliurfa"}, 36.711, 38.948, 5),
    ("Ceylanpinar", {"country": "TR"}, 36.847, 40.051, 5),
    ("Suruc", {"country": "TR", "admin1": "Urfa"}, 36.976, 38.425, 5),
    ("Reyhanli", {"country": "Turkey", "admin1": "Hatay"}, 36.269, 36.567, 5),
    ("Nusaybin", {"country": "TR", "admin1": "Mardin"}, 37.075, 41.215, 5),
    ("Cizre", {"country": "TR", "admin1": "Sirnak"}, 37.327, 42.190, 5),
    ("Silopi", {"country": "TR"}, 37.249, 42.470, 5),
    ("Yuksekova", {"country": "TR", "admin1": "Hakkari"}, 37.573, 44.287, 5),
    ("Semdinli", {"country": "TR", "admin1": "Hakkari"}, 37.305, 44.574, 5),
    ("Kiziltepe", {"country": "TR", "admin1": "Mardin"}, 37.194, 40.586, 5),
    ("Kilis", {"country": "TR"}, 36.718, 37.121, 10),
    ("Gaziantep", {"country": "TR"}, 37.066, 37.383, 10),
    ("Diyarbakir", {"country": "TR"}, 37.914, 40.231, 10),
]


def _check(ref: GeoRef, lat: float, lon: float, km: float) -> None:
    assert ref.lat is not None and ref.lon is not None, ref
    assert distance_km(ref.lat, ref.lon, lat, lon) <= km, ref


@needs_syria
@pytest.mark.parametrize(("name", "context", "lat", "lon", "km"), SYRIA_CASES)
def test_geo_resolve_syrian_spellings(
    geo_gazetteer: Gazetteer, name: str, context: dict, lat: float, lon: float, km: float
) -> None:
    ref = georef_for(name, geo_gazetteer, country=context.pop("country", "SY"), **context)
    _check(ref, lat, lon, km)


@pytest.mark.parametrize(("name", "context", "lat", "lon", "km"), IRAQ_TURKEY_CASES)
def test_geo_resolve_iraq_turkey_towns(
    geo_gazetteer: Gazetteer, name: str, context: dict, lat: float, lon: float, km: float
) -> None:
    ref = georef_for(name, geo_gazetteer, **context)
    _check(ref, lat, lon, km)
    assert ref.geo_precision == 1


def _near(gaz: Gazetteer, *names: str) -> list[GeoRef]:
    return [georef_for(n, gaz, country="SY", admin1="Idlib") for n in names]


@needs_syria
def test_geo_resolve_dana_beside_sarmada_is_the_harim_one(geo_gazetteer: Gazetteer) -> None:
    near = _near(geo_gazetteer, "Sarmada", "Harim")
    ref = georef_for("al-Dana", geo_gazetteer, country="SY", admin1="Idlib", near=near)
    _check(ref, 36.213, 36.769, 3)


@needs_syria
def test_geo_resolve_dana_beside_maarat_is_the_southern_one(geo_gazetteer: Gazetteer) -> None:
    near = _near(geo_gazetteer, "Maarat al-Numan", "Kafr Nabl", "Hazarin")
    ref = georef_for("Dana", geo_gazetteer, country="SY", admin1="Idlib", near=near)
    _check(ref, 35.700, 36.687, 3)


@needs_syria
def test_geo_resolve_bab_al_hawa_village_in_homs_by_province(geo_gazetteer: Gazetteer) -> None:
    ref = georef_for("Bab Elhawa", geo_gazetteer, country="SY", admin1="Homs")
    _check(ref, 34.821, 37.210, 3)


@needs_syria
def test_geo_resolve_far_homonym_falls_back_to_province(geo_gazetteer: Gazetteer) -> None:
    """"Al-Toba" in an Idlib report is not Tuba in Salamiyah district: keep Idlib, precision 3."""
    ref = georef_for("Al-Toba", geo_gazetteer, country="SY", admin1="Idlib")
    assert ref.text == "Al-Toba"
    assert ref.geo_precision == 3
    assert geo_gazetteer.admin1_of(ref.admin1 or "", "SY") == geo_gazetteer.admin1_of("Idlib")


@needs_syria
def test_geo_resolve_loose_fuzzy_match_is_refused(geo_gazetteer: Gazetteer) -> None:
    """Tarmala is Tramla, not Armala, and an unknown name keeps its text."""
    ref = georef_for("Tarmala", geo_gazetteer, country="SY", admin1="Idlib")
    assert ref.name == "Tramla"
    unknown = georef_for("Sahab", geo_gazetteer, country="SY", admin1="Idlib")
    assert unknown.geo_precision == 3 and unknown.text == "Sahab"


@needs_syria
def test_geo_resolve_near_x_has_precision_two(geo_gazetteer: Gazetteer) -> None:
    ref = georef_for("Saraqib", geo_gazetteer, country="SY", admin1="Idlib", vicinity=True)
    assert ref.geo_precision == 2


@needs_syria
def test_geo_resolve_admin1_aliases_meet(geo_gazetteer: Gazetteer) -> None:
    names = {geo_gazetteer.admin1_of(n, "SY") for n in ("Idlib", "Idleb", "Edlib")}
    assert len(names) == 1 and None not in names


def test_geo_resolve_big_city_abroad_resolves_in_local_context(geo_gazetteer: Gazetteer) -> None:
    ref = georef_for("Ankara", geo_gazetteer, country="SY", admin1="Idlib")
    _check(ref, 39.92, 32.85, 15)


def test_geo_resolve_homonym_dana_in_turkey_by_country(geo_gazetteer: Gazetteer) -> None:
    ref = georef_for("Dana", geo_gazetteer, country="TR", admin1="Diyarbakir")
    assert ref.country == "TR"


def _annotated(text: str, names: list[str], filed_from: str | None, body: int) -> AnnotatedDocument:
    doc = Document.create(text, filed_from=filed_from, body_offset=body)
    mentions = []
    for n in names:
        start = text.index(n, body if n != filed_from else 0)
        mentions.append(Mention(doc_id=doc.id, kind=MentionKind.PLACE, start=start,
                                end=start + len(n), text=n, sentence=0))
    return AnnotatedDocument(document=doc, sentences=(), mentions=tuple(mentions))


@needs_syria
def test_geo_resolve_places_skips_the_dateline(geo_gazetteer: Gazetteer) -> None:
    text = ("TEHRAN (FNA)- Militants attacked the towns of Saraqib, Sarmada and al-Dana in "
            "Idlib province near the Bab al-Hawa border crossing, while officials in Tehran "
            "watched.")
    annotated = _annotated(text, ["TEHRAN", "Saraqib", "Sarmada", "al-Dana", "Idlib",
                                  "Bab al-Hawa"], "Tehran", 0)
    refs = resolve_places(annotated, geo_gazetteer)
    assert (0, 6) not in refs
    by_text = {text[a:b]: r for (a, b), r in refs.items()}
    _check(by_text["al-Dana"], 36.213, 36.769, 3)
    _check(by_text["Bab al-Hawa"], 36.230, 36.672, 3)
    assert by_text["Bab al-Hawa"].geo_precision == 2  # "near the ... crossing"
    assert by_text["Idlib"].geo_precision == 3  # "Idlib province"


def _doc_refs(gaz: Gazetteer, text: str, names: list[str]) -> dict[str, GeoRef]:
    refs = resolve_places(_annotated(text, names, None, 0), gaz)
    return {text[a:b]: r for (a, b), r in refs.items()}


def test_geo_resolve_a_lone_town_is_not_its_own_anchor(builtin_gazetteer: Gazetteer) -> None:
    """A name resolved confidently in the first pass must not, as its own anchor, make the
    second pass think the document has context elsewhere and refuse it."""
    gaz = builtin_gazetteer
    text = "Regime intelligence carried out raids in the town of Qodsayya and arrested 7 men."
    ref = _doc_refs(gaz, text, ["Qodsayya"])["Qodsayya"]
    _check(ref, 33.548, 36.216, 5)


def test_geo_resolve_a_foreign_place_must_be_spelled_as_it_is(builtin_gazetteer: Gazetteer) -> None:
    """Phonetic keys meet across languages ("Saca"/Dhaka, "As Samawah"/Samoa, "Mandali"/
    Mandalay): a place abroad, a country or a big city out of context needs its own spelling."""
    gaz = builtin_gazetteer
    assert georef_for("Saca", gaz, country="Iraq").country in (None, "IQ")
    refs = _doc_refs(gaz, "Protesters gathered in As Samawah.", ["As Samawah"])
    assert refs["As Samawah"].country == "IQ"
    refs = _doc_refs(gaz, "Mortars hit Mandali in Diyala province.", ["Mandali", "Diyala"])
    _check(refs["Mandali"], 33.75, 45.55, 10)
    refs = _doc_refs(gaz, "Officials in Ankara said the convoy reached Idlib.", ["Ankara", "Idlib"])
    _check(refs["Ankara"], 39.92, 32.85, 15)


def test_geo_resolve_a_country_name_is_the_country(builtin_gazetteer: Gazetteer) -> None:
    gaz = builtin_gazetteer
    refs = _doc_refs(gaz, "The convoy entered Syria via Kafr Lusin near Bab al-Hawa.",
                     ["Syria", "Kafr Lusin", "Bab al-Hawa"])
    assert refs["Syria"].geo_precision == 3 and refs["Syria"].country == "SY"


def test_geo_resolve_a_looser_spelling_far_from_other_places_in_the_country(
        builtin_gazetteer: Gazetteer) -> None:
    """A document's anchor 50 km away does not forbid a close spelling in the same country."""
    gaz = builtin_gazetteer
    refs = _doc_refs(gaz, "Turkish jets struck the Zap area near Amadiya in Dahuk, Iraq.",
                     ["Amadiya", "Dahuk", "Iraq"])
    _check(refs["Amadiya"], 37.09, 43.49, 10)


@needs_syria
def test_geo_resolve_a_town_named_like_a_district_elsewhere_is_no_province_vote(
        geo_gazetteer: Gazetteer) -> None:
    """"Al-Shahba" in a report about the Aleppo countryside is not Shahba district (As-Sweida):
    a bare district name votes for its province only when the report names no province."""
    text = "Turkish forces shelled Sad Al-Shahba in the countryside of Aleppo."
    refs = _doc_refs(geo_gazetteer, text, ["Al-Shahba", "Aleppo"])
    assert refs["Al-Shahba"].admin1 in (None, "Aleppo")
    text = "Fighters captured Tal Mohammed and Sinaqli near Ras Al Ain."
    refs = _doc_refs(geo_gazetteer, text, ["Tal Mohammed", "Sinaqli", "Ras Al Ain"])
    assert geo_gazetteer.admin1_of(refs["Sinaqli"].admin1 or "") == geo_gazetteer.admin1_of(
        "Al-Hasakeh")


@pytest.mark.parametrize(("name", "expected", "precision"), [
    ("Umraniye Istanbul", "Umraniye", 1),  # the quarter, found around the city
    ("Hamra Beirut", "Beirut", 2),  # a quarter no gazetteer has: around the city
    ("Manbij Aleppo", "Manbij", 1),  # a town of the city's province, farther out
])
def test_geo_resolve_a_quarter_written_before_its_city(name: str, expected: str, precision: int,
                                                       builtin_gazetteer: Gazetteer) -> None:
    """A name ending with a big town's name, no comma ("X Istanbul"), that resolves as a whole
    to nothing is the part before it around that town, else the town itself."""
    ref = georef_for(name, builtin_gazetteer)
    assert (ref.name, ref.geo_precision) == (expected, precision)


@needs_syria
@pytest.mark.parametrize("provinces", [["Idlib"], ["As-Sweida"]])
def test_geo_resolve_a_big_town_spelt_exactly_beats_villages_on_its_key(
        geo_gazetteer: Gazetteer, provinces: list[str]) -> None:
    # "Daraa" in a report about another province: the city spelt so, not a village "Dara"
    # there that only shares its key; the village's own spelling still finds the village
    ref = georef_for("Daraa", geo_gazetteer, country="SY", admin1=provinces[0],
                     provinces=provinces)
    assert ref.admin1 in ("Dar'a", "Daraa"), ref
    village = georef_for("Dara", geo_gazetteer, country="SY", admin1=provinces[0],
                         provinces=provinces)
    assert village.admin1 not in ("Dar'a", "Daraa"), village
