"""Names with feature words, qualifiers and two parts; strict context from coded records;
provinces named one way whatever the load order; the world layer's districts and aliases."""

from __future__ import annotations

import pytest

from frontlines.eval.gold import Gold
from frontlines.eval.score import place_matches
from frontlines.geo import Gazetteer, distance_km, georef_for
from frontlines.geo.variants import index_names, query_variants
from frontlines.geo.world import WorldLayer
from frontlines.model import Event, GeoRef, Place
from frontlines.names import name_key


def _names(variants: list) -> list[str]:
    return [name_key(v.name) for v in variants]


def test_query_variants_drop_feature_words_and_keep_the_kind() -> None:
    (v,) = query_variants("Mabrouka Camp")
    assert name_key(v.name) == name_key("Mabrouka") and v.kind == "camp"
    assert name_key("al Islah") in _names(query_variants("Qaryat al Islah"))
    assert name_key("Hawr Basha") in _names(query_variants("Hawr Basha area"))


def test_query_variants_city_dash_quarter_tries_the_city_first() -> None:
    variants = query_variants("Aleppo - Saif al-Dawla")
    assert variants[0].name == "Aleppo" and variants[0].first_part


def test_query_variants_never_offer_a_bare_feature_word() -> None:
    assert _names(query_variants("Menagh - Military Airport")) == [name_key("Menagh")]
    assert query_variants("Saraqib") == []


def test_query_variants_drop_qualifiers() -> None:
    assert name_key("Arab Hassan") in _names(query_variants("Arab Hassan Kabeer"))
    assert name_key("Sukkariyah") in _names(query_variants("Sukkariyah Saghira"))


def test_index_names_split_compound_gazetteer_entries() -> None:
    assert list(index_names("Mahsana - Bak Weiran")) == ["Mahsana", "Bak Weiran"]
    assert [name_key(n) for n in index_names("Um Adase near Manbaj")] == [name_key("Um Adase")]
    assert [name_key(n) for n in index_names("Big Arab Hasan")] == [name_key("Arab Hasan")]
    assert [name_key(n) for n in index_names("Tal Baydar Ras El Ein", ("Ras Al Ain",))] == [
        name_key("Tal Baydar")]
    assert list(index_names("Kelly")) == []


def _village(pid: str, name: str, lat: float, lon: float, admin1: str = "Al-Hasakeh",
             admin2: str = "Ras Al Ain") -> Place:
    return Place(id=pid, name=name, lat=lat, lon=lon, kind="populated_place", country="SY",
                 admin1=admin1, admin2=admin2, source="test")


@pytest.fixture(scope="module")
def small(world_layer: WorldLayer) -> Gazetteer:
    """Made-up villages with OCHA-style compound names over the built-in world layer."""
    return Gazetteer([
        _village("T1", "Mabruka", 36.70, 39.90),
        _village("T2", "Tal Baydar Ras El Ein", 36.87, 40.10),
        _village("T3", "Big Arab Hasan", 36.60, 38.00, "Aleppo", "Menbij"),
        _village("T4", "Shoruq - Holaqi", 36.80, 38.40, "Aleppo", "Ain Al Arab"),
        Place(id="A1", name="Al-Hasakeh", lat=36.5, lon=40.7, kind="admin1", country="SY",
              source="ocha-cod"),
    ], world_layer)


@pytest.mark.parametrize(("name", "admin1", "admin2", "pid"), [
    ("Mabrouka Camp", "Al-Hasakeh", "Ras Al Ain", "T1"),
    ("Tal Baydar", "Al-Hasakeh", "Ras Al Ain", "T2"),
    ("Arab Hassan Kabeer", "Aleppo", "Menbij", "T3"),
    ("Hulaqi", "Aleppo", "Ain Al Arab", "T4"),
])
def test_compound_and_qualified_names_resolve(
    small: Gazetteer, name: str, admin1: str, admin2: str, pid: str
) -> None:
    ref = georef_for(name, small, country="Syria", admin1=admin1, admin2=admin2, strict=True)
    assert ref.place_id == pid and ref.geo_precision == 1


def test_acled_city_dash_quarter_resolves_to_the_city(builtin_gazetteer: Gazetteer) -> None:
    gaz = builtin_gazetteer
    ref = georef_for("Baghdad - 9 Nissan", gaz, country="Iraq", admin1="Baghdad",
                     admin2="9 Nissan", strict=True)
    assert ref.lat is not None and distance_km(ref.lat, ref.lon, 33.34, 44.40) <= 10


def test_strict_country_never_goes_abroad(builtin_gazetteer: Gazetteer) -> None:
    """A coded record's country is a fact: an unknown Lebanese name is not a Nigerian town."""
    gaz = builtin_gazetteer
    ref = georef_for("El Mina", gaz, country="Lebanon", admin1="North", admin2="Tripoli",
                     strict=True)
    assert ref.country in (None, "LB")
    if ref.lat is not None:
        assert distance_km(ref.lat, ref.lon, 34.45, 35.82) <= 80


def test_strict_province_excludes_a_homonym_in_another_province(
        builtin_gazetteer: Gazetteer) -> None:
    gaz = builtin_gazetteer
    ref = georef_for("Karsiyaka", gaz, country="Turkey", admin1="Ankara", strict=True)
    assert ref.lat is not None and distance_km(ref.lat, ref.lon, 39.93, 32.86) <= 80


def test_world_layer_knows_districts_and_province_aliases(builtin_gazetteer: Gazetteer) -> None:
    gaz = builtin_gazetteer
    assert gaz.country_code("Palestine") == "PS"
    assert gaz.admin1_of("North", "LB") == gaz.admin1_of("North Lebanon", "LB") is not None
    # a name the gazetteer lacks falls back to its district, not to the whole province
    ref = georef_for("Kucuknaneli", gaz, country="Turkey", admin1="Sanliurfa",
                     admin2="Akcakale", strict=True)
    assert ref.geo_precision == 2 and ref.lat is not None
    assert distance_km(ref.lat, ref.lon, 36.71, 38.95) <= 40


def test_governorates_nested_under_a_region_are_provinces(builtin_gazetteer: Gazetteer) -> None:
    """GeoNames puts Dahuk, Erbil and Sulaymaniyah under the Kurdistan Region; ACLED and the
    press call them provinces, and so does the world layer."""
    gaz = builtin_gazetteer
    assert gaz.admin1_of("Dahuk", "IQ") == gaz.admin1_of("Duhok Governorate", "IQ") is not None
    ref = georef_for("Zakho", gaz, country="Iraq", admin1="Dahuk", admin2="Zakho", strict=True)
    assert ref.lat is not None and distance_km(ref.lat, ref.lon, 37.14, 42.68) <= 10
    unknown = georef_for("Haftanin", gaz, country="Iraq", admin1="Dahuk", strict=True)
    assert unknown.geo_precision == 3 and unknown.lat is not None
    assert distance_km(unknown.lat, unknown.lon, 36.87, 43.00) <= 60  # Duhok, not Kurdistan


def test_a_callers_province_may_be_one_of_our_districts(world_layer: WorldLayer) -> None:
    """A gazetteer whose provinces are regions: the caller's province is found as a district."""
    region = Place(id="R1", name="Northland", lat=36.5, lon=44.0, kind="admin1", country="IQ",
                   source="test")
    district = Place(id="D1", name="Qaryaland", lat=37.0, lon=43.0, kind="admin2",
                     country="IQ", admin1="Northland", source="test")
    village = Place(id="V1", name="Kani Zard", lat=37.05, lon=43.05, kind="populated_place",
                    country="IQ", admin1="Northland", admin2="Qaryaland", source="test")
    twin = Place(id="V2", name="Kani Zard", lat=31.0, lon=46.0, kind="populated_place",
                 country="IQ", admin1="Basra", source="test")
    gaz = Gazetteer([region, district, village, twin], world_layer)
    ref = georef_for("Kani Zard", gaz, country="Iraq", admin1="Qaryaland", strict=True)
    assert ref.place_id == "V1"


def test_turkish_dotless_i_folds() -> None:
    assert name_key("Aydın") == name_key("Aydin")
    assert name_key("Kadıköy") == name_key("Kadikoy")


def _admin(pid: str, name: str, names: tuple[str, ...], source: str) -> Place:
    return Place(id=pid, name=name, lat=35.9, lon=36.6, kind="admin1", country="SY",
                 names=names, source=source)


def test_province_spelling_does_not_depend_on_load_order() -> None:
    ocha = _admin("SY07", "Idleb", (), "ocha-cod")
    lists = _admin("os:idlib", "Idlib", ("Idleb", "Edlib"), "opensyria")
    first = Gazetteer([lists, ocha])
    second = Gazetteer([ocha, lists])
    assert first.admin1_of("Edlib", "SY") == second.admin1_of("Edlib", "SY") == "Idleb"


def test_eval_compares_provinces_through_aliases() -> None:
    gold = Gold(path="g", documents={}, actors={}, events=[], must_not=[],
                relations_on_published=[],
                places={"GOV": {"names": ["Idlib", "Idlib province"], "kind": "admin1"}})
    place = GeoRef(text="Idleb", name="Idleb", admin1="Idleb", geo_precision=3)
    event = Event(id="e", event_type="Battles", sub_event_type="Armed clash", claims=(),
                  place=place)
    assert not place_matches(event, gold, "GOV")
    assert place_matches(event, gold, "GOV", lambda a, b: {a, b} <= {"Idleb", "Idlib"})


def test_prepare_changes_no_answer() -> None:
    cold = Gazetteer.builtin()
    warm = Gazetteer.builtin().prepare(["TR", "IQ"])
    for name, country in (("Akcakale", "TR"), ("Tel Afar", "IQ"), ("Kiziltepe", "TR")):
        assert georef_for(name, cold, country=country) == georef_for(name, warm, country=country)


def _places_in(country: str, n: int) -> list[Place]:
    return [Place(id=f"{country}{i}", name=f"Qaryeh {i}", lat=35.0 + i / 1000, lon=38.0,
                  kind="populated_place", country=country, admin1="Ar-Raqqa", source="test")
            for i in range(n)]


def test_home_country_is_the_loaded_gazetteers_country(world_layer: WorldLayer) -> None:
    world = world_layer
    assert Gazetteer(_places_in("SY", 60), world).home_country() == "SY"
    assert Gazetteer(_places_in("SY", 30) + _places_in("IQ", 30), world).home_country() is None
    assert Gazetteer([], world).home_country() is None


def test_a_report_naming_no_country_is_read_in_the_loaded_theatre(
        geo_gazetteer: Gazetteer) -> None:
    """With Syria's communities loaded, a village named alone is the Syrian one; a town abroad
    named exactly still resolves abroad (the guess only ranks)."""
    from frontlines.geo import resolve_places
    from frontlines.model import AnnotatedDocument, Document, Mention, MentionKind

    if geo_gazetteer.home_country() != "SY":
        pytest.skip("the Syria gazetteer files are not available")

    def refs(text: str, names: list[str]) -> dict[str, GeoRef]:
        doc = Document.create(text)
        mentions = tuple(Mention(doc_id=doc.id, kind=MentionKind.PLACE, start=text.index(n),
                                 end=text.index(n) + len(n), text=n, sentence=0) for n in names)
        found = resolve_places(AnnotatedDocument(document=doc, sentences=(), mentions=mentions),
                               geo_gazetteer)
        return {text[a:b]: r for (a, b), r in found.items()}

    assert refs("Fighters captured the village of Hazarin.", ["Hazarin"])["Hazarin"].country == "SY"
    zahle = refs("Protesters blocked the main road in Zahle.", ["Zahle"])["Zahle"]
    assert zahle.country == "LB" and zahle.geo_precision == 1


def test_a_places_own_name_ranks_before_one_read_out_of_a_compound(
        world_layer: WorldLayer) -> None:
    gaz = Gazetteer([
        _village("C1", "Lower Tal Abyad - Lower Bozhyuk", 36.71, 38.54, "Aleppo", "Ain Al Arab"),
        _village("C2", "Tell Abiad", 36.69, 38.95, "Ar-Raqqa", "Tell Abiad"),
    ], world_layer)
    assert georef_for("Tal Abyad", gaz, country="SY").place_id == "C2"
    assert georef_for("Lower Bozhyuk", gaz, country="SY").place_id == "C1"


def test_places_far_apart_in_a_report_naming_no_province_do_not_veto_each_other(
        builtin_gazetteer: Gazetteer) -> None:
    from frontlines.geo import resolve_places
    from frontlines.model import AnnotatedDocument, Document, Mention, MentionKind

    gaz = builtin_gazetteer
    text = "Clashes erupted in Kafranbel and in Tall Abyad."
    doc = Document.create(text)
    mentions = tuple(Mention(doc_id=doc.id, kind=MentionKind.PLACE, start=text.index(n),
                             end=text.index(n) + len(n), text=n, sentence=0)
                     for n in ("Kafranbel", "Tall Abyad"))
    refs = resolve_places(AnnotatedDocument(document=doc, sentences=(), mentions=mentions), gaz)
    assert all(r.geo_precision == 1 and r.country == "SY" for r in refs.values()), refs


def test_a_base_or_crossing_is_found_by_its_bare_name(builtin_gazetteer: Gazetteer) -> None:
    """"Menagh Military Airbase" (hand-kept) is found as "Menagh" and "Menagh Military Airport";
    an airport written after the name is a feature hint."""
    gaz = builtin_gazetteer
    for text in ("Menagh", "Menagh Military Airport"):
        ref = georef_for(text, gaz, country="SY", admin1="Aleppo")
        assert ref.place_id == "kb:menagh-air-base", (text, ref)
    assert [name_key(n) for n in index_names("Hmeimim Air Base")] == [name_key("Hmeimim")]


def test_a_callers_district_may_be_a_province_of_the_world_layer(
        builtin_gazetteer: Gazetteer) -> None:
    """ACLED's West Bank / Qalqilya: GeoNames makes Qalqilya the province."""
    gaz = builtin_gazetteer
    for name, lat, lon in (("Qalqilyah", 32.19, 34.97), ("Kafr Qaddum", 32.22, 35.10)):
        ref = georef_for(name, gaz, country="Palestine", admin1="West Bank", admin2="Qalqilya",
                         strict=True)
        assert ref.lat is not None and distance_km(ref.lat, ref.lon, lat, lon) <= 10, ref


def test_with_the_theatre_guessed_a_homonym_abroad_nearer_the_theatre_wins(
        world_layer: WorldLayer) -> None:
    from frontlines.geo.resolve import _resolve
    gaz = Gazetteer(_places_in("SY", 60), world_layer)
    ref = _resolve("Tripoli", gaz, "SY", None, None, [], None, [], False, assumed=True)
    assert ref.country == "LB"
