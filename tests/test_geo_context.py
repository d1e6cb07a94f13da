"""A report's country comes from what it names, not from the loaded gazetteer (issue 11, item
5); a place abroad needs the text's support (issue 17, item 5)."""

from __future__ import annotations

import pytest

from frontlines.geo import Gazetteer, distance_km, resolve_places
from frontlines.geo.documents import document_context
from frontlines.geo.kb import load_kb_places
from frontlines.geo.packs import pack_places
from frontlines.geo.world import WorldLayer
from tests._geo_refs import resolve_names


@pytest.fixture(scope="module")
def syria_loaded(world_layer: WorldLayer) -> Gazetteer:
    """A gazetteer as after `gazetteer load` of Syria's communities: Syria is the home theatre."""
    gaz = Gazetteer([*pack_places(), *load_kb_places()], world_layer)
    assert gaz.home_country() == "SY"
    return gaz


@pytest.fixture(scope="module")
def fresh(builtin_gazetteer: Gazetteer) -> Gazetteer:
    return builtin_gazetteer




def test_packs_do_not_make_a_home_theatre(fresh: Gazetteer) -> None:
    assert fresh.home_country() is None


@pytest.mark.parametrize("gaz_name", ["fresh", "syria_loaded"])
def test_turkish_towns_make_a_turkish_report(gaz_name: str,
                                             request: pytest.FixtureRequest) -> None:
    gaz = request.getfixturevalue(gaz_name)
    ctx = document_context(["Ankara", "Mersin", "Izmir"], gaz)
    assert ctx.country == "TR"
    ctx = document_context(["Eskisehir", "Kayseri"], gaz)
    assert ctx.country == "TR"


def test_nationalities_read_a_report_naming_only_small_places(syria_loaded: Gazetteer) -> None:
    text = "Jordanian police dispersed a sit-in outside the municipality building in Mafraq."
    ctx = document_context(["Mafraq"], syria_loaded, text=text)
    assert ctx.country == "JO"


def test_a_syrian_village_report_stays_syrian(syria_loaded: Gazetteer, fresh: Gazetteer) -> None:
    for gaz in (syria_loaded, fresh):
        text = "Turkish artillery shelled the village of Kafr Takharim."
        ctx = document_context(["Kafr Takharim"], gaz, text=text)
        assert ctx.country == "SY"


@pytest.mark.parametrize("village", ["Kharoub", "Ouqla"])
def test_a_village_met_only_on_a_far_towns_key_stays_in_the_theatre(
        syria_loaded: Gazetteer, village: str) -> None:
    # on the key of a small European town's alternate name only ("Karup", "Uccle"): that is
    # no reason to read a report on a village of the loaded theatre in Denmark or Belgium
    text = f"Government artillery shelled the hamlet of {village} before dawn."
    assert document_context([village], syria_loaded, text=text).country == "SY"
    got = resolve_names(syria_loaded, text, [village])[village]
    assert got.country == "SY"


def test_a_homonym_abroad_without_support_falls_back_in_the_theatre(
        fresh: Gazetteer) -> None:
    # "Yass" is only a town in Australia: a village of that name in an Idlib report is not it
    got = resolve_names(fresh, "Fighting raged in the village of Yass in Idlib province.",
                ["Yass", "Idlib"])["Yass"]
    assert got.country == "SY" and got.geo_precision == 3


def test_a_place_abroad_stands_when_its_country_is_named(fresh: Gazetteer) -> None:
    got = resolve_names(fresh, "Flooding hit the town of Yass in New South Wales, Australia.",
                ["Yass", "Australia"])["Yass"]
    assert got.country == "AU" and got.geo_precision == 1


def test_a_metropolis_abroad_stands_without_its_country(fresh: Gazetteer) -> None:
    got = resolve_names(fresh, "The delegation flew from Idlib province to Ankara.",
                ["Idlib", "Ankara"])["Ankara"]
    assert got.country == "TR" and got.geo_precision == 1


def test_a_far_metropolis_is_no_village_of_the_theatre(fresh: Gazetteer) -> None:
    # a village spelled like a far capital, in a report on Deir ez-Zor province
    got = resolve_names(fresh, "Clashes broke out in the village of Sanaa in Deir ez-Zor province.",
                ["Sanaa", "Deir ez-Zor"])["Sanaa"]
    assert got.country == "SY"


def test_bare_province_name_of_a_big_town_abroad_names_no_country(
        syria_loaded: Gazetteer) -> None:
    text = "Shopkeepers closed their shutters in Tripoli on Tuesday."
    refs = resolve_names(syria_loaded, text, ["Tripoli"])
    assert refs["Tripoli"].country == "LB"


def test_place_around_a_town_takes_no_far_homonym(syria_loaded: Gazetteer) -> None:
    text = "Mortars fell on Salhiyeh in the countryside of Ras al-Ain."
    refs = resolve_names(syria_loaded, text, ["Salhiyeh", "Ras al-Ain"])
    town, village = refs["Ras al-Ain"], refs["Salhiyeh"]
    assert village.country == "SY" and village.lat is not None and town.lat is not None
    assert distance_km(village.lat, village.lon, town.lat, town.lon) < 50


def test_unknown_quarter_of_a_city_falls_back_to_the_city(syria_loaded: Gazetteer) -> None:
    text = "Shells hit Zubeidiyeh neighbourhood in Aleppo city."
    refs = resolve_names(syria_loaded, text, ["Zubeidiyeh", "Aleppo"])
    quarter = refs["Zubeidiyeh"]
    city = max((p for p, m in syria_loaded.matches("Aleppo", "SY", fuzzy=False)
                if p.kind == "populated_place"), key=lambda p: p.population or 0)
    assert quarter.geo_precision == 2 and quarter.lat is not None
    assert distance_km(quarter.lat, quarter.lon, city.lat, city.lon) < 15


def test_district_is_placed_at_its_seat(syria_loaded: Gazetteer) -> None:
    text = "An IED exploded in a village in Daquq district."
    ref = resolve_names(syria_loaded, text, ["Daquq"])["Daquq"]
    seats = [p for p, m in syria_loaded.matches("Daquq", "IQ", fuzzy=False)
             if p.kind == "populated_place"]
    assert ref.geo_precision == 2 and seats and ref.lat is not None
    assert min(distance_km(ref.lat, ref.lon, p.lat, p.lon) for p in seats) < 1


@pytest.mark.parametrize(("text", "town", "province"), [
    ("Gunmen attacked a checkpoint in Daquq in Kirkuk.", "Daquq", "Kirkuk"),
    ("Turkish drones struck Tal Tamer in Al-Hasakeh.", "Tal Tamer", "Al-Hasakeh"),
])
def test_a_province_named_after_one_of_its_towns_is_the_province(
        fresh: Gazetteer, text: str, town: str, province: str) -> None:
    refs = resolve_names(fresh, text, [town, province])
    assert refs[town].geo_precision == 1
    assert refs[province].geo_precision == 3 and refs[province].admin1 == refs[town].admin1


def test_a_city_the_text_calls_a_city_stays_the_city(fresh: Gazetteer) -> None:
    refs = resolve_names(fresh, "Gunmen attacked a checkpoint in Daquq in Kirkuk city.",
                         ["Daquq", "Kirkuk"])
    assert refs["Kirkuk"].geo_precision == 1


def _town(gaz: Gazetteer, name: str, cc: str) -> tuple[float, float]:
    city = max((p for p, m in gaz.matches(name, cc, fuzzy=False) if p.kind == "populated_place"),
               key=lambda p: p.population or 0)
    return city.lat, city.lon


@pytest.mark.parametrize(("text", "city", "cc", "quarters"), [
    ("Rockets fell on Homs on Monday. One hit the Hamidiyeh neighbourhood.", "Homs", "SY",
     ["Hamidiyeh"]),
    ("Shells landed in Aleppo. The Salaheddine and Hamdaniyeh neighbourhoods were hit.",
     "Aleppo", "SY", ["Salaheddine", "Hamdaniyeh"]),
    ("Gunmen opened fire in Baghdad. A shop was hit in the Amil neighbourhood.", "Baghdad", "IQ",
     ["Amil"]),
])
def test_a_quarter_lies_in_the_city_the_report_names(
        syria_loaded: Gazetteer, text: str, city: str, cc: str, quarters: list[str]) -> None:
    """A name the text calls a neighbourhood is no village 30 km out, nor the whole province."""
    refs = resolve_names(syria_loaded, text, [city, *quarters])
    lat, lon = _town(syria_loaded, city, cc)
    for q in quarters:
        ref = refs[q]
        assert ref.geo_precision <= 2 and ref.lat is not None and ref.lon is not None, q
        assert distance_km(ref.lat, ref.lon, lat, lon) < 15, q


@pytest.mark.parametrize(("text", "village", "district"), [
    ("Iraqi troops repelled an attack near Kharbat village in Shirqat district on Monday.",
     "Kharbat", "Shirqat"),
    ("Troops shelled Dar Kabira village in Afrin district.", "Dar Kabira", "Afrin"),
])
def test_an_unknown_village_in_a_named_district_is_placed_at_its_seat(
        fresh: Gazetteer, text: str, village: str, district: str) -> None:
    """Not at the province's centre: the district the text names is the best area known."""
    refs = resolve_names(fresh, text, [village, district])
    assert refs[district].geo_precision == 2
    assert refs[village].geo_precision == 2
    assert (refs[village].lat, refs[village].lon) == (refs[district].lat, refs[district].lon)


@pytest.mark.parametrize(("text", "site", "province"), [
    ("Artillery hit Taftanaz airbase in Idlib overnight.", "Taftanaz", "Idlib"),
    ("Gunmen shelled Tal Tamer area Al-Hasakeh at dawn.", "Tal Tamer", "Al-Hasakeh"),
])
def test_a_province_after_a_site_word_is_the_province(
        fresh: Gazetteer, text: str, site: str, province: str) -> None:
    refs = resolve_names(fresh, text, [site, province])
    assert refs[site].geo_precision <= 2
    assert refs[province].geo_precision == 3


@pytest.mark.parametrize(("text", "village", "province"), [
    ("A car bomb went off in Anadan in the northern countryside of Aleppo.", "Anadan", "Aleppo"),
    ("Mines exploded near Tal Tamer in Hasakah countryside.", "Tal Tamer", "Hasakah"),
    ("Militants raided Daquq in rural Kirkuk.", "Daquq", "Kirkuk"),
])
def test_the_countryside_of_a_province_is_the_province(
        fresh: Gazetteer, text: str, village: str, province: str) -> None:
    """A reference area, not a second event place at its capital city: the village stays the
    most precise place of the sentence."""
    refs = resolve_names(fresh, text, [village, province])
    assert refs[province].geo_precision == 3
    assert refs[village].geo_precision <= 2


@pytest.mark.parametrize(("text", "village", "province", "cc"), [
    ("Jets bombed Qurtaba in the countryside of Aleppo on Monday.", "Qurtaba", "Aleppo", "SY"),
    ("Mortars hit Zawiyat Salem in rural Hama.", "Zawiyat Salem", "Hama", "SY"),
])
def test_an_unknown_village_in_a_province_countryside_lies_around_its_capital(
        fresh: Gazetteer, text: str, village: str, province: str, cc: str) -> None:
    """Not at the province's centre, which can lie 50 km from any village of it."""
    refs = resolve_names(fresh, text, [village, province])
    lat, lon = _town(fresh, province, cc)
    ref = refs[village]
    assert ref.geo_precision == 2 and ref.lat is not None and ref.lon is not None
    assert distance_km(ref.lat, ref.lon, lat, lon) < 1


@pytest.mark.parametrize(("town", "country"), [("Ruwaished", "JO"), ("Dukan", "IQ")])
def test_a_town_spelled_as_written_outweighs_a_packed_hamlet_on_its_key(
        fresh: Gazetteer, town: str, country: str) -> None:
    """The Syria pack ships with the package; it is not the user's theatre. A town abroad
    spelled as the text writes it beats an OCHA hamlet that is only on the same key."""
    ctx = document_context([town], fresh, text=f"Dozens of workers gathered in {town}.")
    assert ctx.country == country


@pytest.mark.parametrize(("province", "country"), [("Thamar", "YE"), ("Thofar", "OM")])
def test_a_province_in_another_spelling_names_its_country(
        fresh: Gazetteer, province: str, country: str) -> None:
    """"X province" spelled th- for dh- (kb/toponyms.yaml `spellings`) is that province, with
    no theatre loaded to rank the provinces spelled merely close to it."""
    ctx = document_context([province], fresh, called_provinces=[province])
    assert ctx.country == country



def test_a_far_town_of_some_size_is_no_vote_against_the_theatre(syria_loaded: Gazetteer,
                                                                fresh: Gazetteer) -> None:
    """With a theatre loaded, a bare name matching only a town of a few hundred thousand
    people on another continent gives its country no vote (issue 17, item 5): the report is
    read in the theatre. With nothing loaded, the town's country stands."""
    assert document_context(["Tamale"], syria_loaded).country == "SY"
    assert document_context(["Tamale"], fresh).country == "GH"


def test_a_street_named_after_a_country_is_in_the_town(fresh: Gazetteer) -> None:
    """"Jordan street (Old City) Mosul": a street of the town the sentence names, no vote for
    Jordan; both names resolve in Iraq (kb/places.yaml `street_words`)."""
    text = "A mortar round fell on Jordan street (Old City) Mosul on Monday."
    refs = resolve_names(fresh, text, ["Jordan", "Mosul"])
    assert {r.country for r in refs.values()} == {"IQ"}


def test_the_packed_theatre_is_where_reports_are_read_with_nothing_loaded(
        fresh: Gazetteer, world_layer: WorldLayer) -> None:
    point = fresh.theatre_point()
    assert point is not None and distance_km(*point, 35.0, 38.5) < 300  # the Syria pack
    assert Gazetteer(load_kb_places(), world_layer).theatre_point() is None  # no pack


@pytest.mark.parametrize(("text", "name", "far"), [
    ("Shop owners in Naameh pulled down their shutters in protest.", "Naameh", "MR"),
    ("Students marched through Laboue waving flags.", "Laboue", "IR"),
    ("Volunteers planted cedar saplings in the hills of Chouf.", "Chouf", "BG"),  # not Sofia
])
def test_a_far_town_met_only_on_its_key_is_no_place_of_a_report_naming_no_country(
        fresh: Gazetteer, text: str, name: str, far: str) -> None:
    # the keys of far towns' alternate names match many villages of the packed theatre's region
    assert resolve_names(fresh, text, [name])[name].country != far


@pytest.mark.parametrize(("text", "name", "cc"), [
    ("Fishermen rallied at the harbour of Tyr over fuel prices.", "Tyr", "LB"),
    ("Traffic stopped on the coastal highway at Jounieh for an hour.", "Jounieh", "LB"),
])
def test_a_town_near_the_theatre_outranks_far_namesakes_on_its_key(
        fresh: Gazetteer, text: str, name: str, cc: str) -> None:
    assert resolve_names(fresh, text, [name])[name].country == cc


def test_a_far_town_met_only_on_its_key_casts_no_vote_for_its_country(fresh: Gazetteer) -> None:
    text = "Fishermen rallied at the harbour of Tyr over fuel prices."
    assert document_context(["Tyr"], fresh, text=text).country == "LB"  # not India's Tirupati


@pytest.mark.parametrize(("text", "name", "cc"), [
    ("Police fired tear gas at traders protesting in Maiduguri.", "Maiduguri", "NG"),
    ("Sugarcane farmers blocked a railway line near Gorakhpur.", "Gorakhpur", "IN"),
    ("Hundreds of teachers marched in Ramtha over unpaid wages.", "Ramtha", "JO"),
    ("A shell fired across the border landed in a garden in Kilis.", "Kilis", "TR"),
    ("Settlers uprooted olive trees near Beit Ummar overnight.", "Beit Ummar", "PS"),
    ("Storm damage was reported in Laboue on the Baltic coast of Germany.", "Laboue", "DE"),
])
def test_a_town_spelled_as_written_or_in_a_named_country_stands_far_from_the_theatre(
        fresh: Gazetteer, text: str, name: str, cc: str) -> None:
    names = [name, "Germany"] if "Germany" in text else [name]
    assert resolve_names(fresh, text, names)[name].country == cc


def test_the_region_is_the_theatre_and_its_neighbours(fresh: Gazetteer) -> None:
    assert fresh.theatre_country() == "SY"
    assert fresh.region_countries() == {"SY", "LB", "TR", "IQ", "JO", "IL", "PS"}


@pytest.mark.parametrize(("text", "names", "far"), [
    # a far town under 100,000 (Libya's Tarhuna) in a report that names a town of the region;
    # a big far town (Nigeria's Minna) when the text names a people of the region
    ("Drivers from Homs blocked the road to Tarhuna with their lorries for an hour.",
     ["Homs", "Tarhuna"], "LY"),
    ("Lebanese bakers in Mina shut their ovens over the price of flour.", ["Mina"], "NG"),
])
def test_a_place_on_another_continent_without_support_falls_back_in_the_theatre(
        fresh: Gazetteer, text: str, names: list[str], far: str) -> None:
    got = resolve_names(fresh, text, names)[names[-1]]  # (unplaced, or at the theatre's
    # province the text names)
    assert got.country != far and got.geo_precision == 3 and got.score < 0.5


@pytest.mark.parametrize(("text", "names", "cc"), [
    # a report whose places all lie in one country far from the theatre, spelled as written,
    # naming nothing of the region: the report is about that country (#11)
    ("Drivers blocked the road to Tarhuna with their lorries for an hour.", ["Tarhuna"], "LY"),
    ("Fishermen moored their boats at Lamu and marched to the jetty at Malindi.",
     ["Lamu", "Malindi"], "KE"),
])
def test_a_report_about_one_far_country_stands_there(
        fresh: Gazetteer, text: str, names: list[str], cc: str) -> None:
    refs = resolve_names(fresh, text, names)
    assert {refs[n].country for n in names} == {cc}
    assert all(refs[n].place_id is not None for n in names)


def test_a_far_place_that_only_shares_the_report_with_a_place_of_the_region_falls_back(
        fresh: Gazetteer) -> None:
    """One town of the region named beside it: the far town alone is not the report's
    country ("a village near Deir ez-Zor" is no Yemeni town)."""
    text = "Shepherds near Palmyra said the wells at Jilib had dried up."
    refs = resolve_names(fresh, text, ["Palmyra", "Jilib"])
    assert refs["Palmyra"].country == "SY"
    assert refs["Jilib"].country != "SO" and refs["Jilib"].place_id is None


def test_a_far_place_is_supported_by_an_actor_named_by_name_not_by_a_default_actor(
        fresh: Gazetteer) -> None:
    """`named`: the countries of the actors a report names by a name of their own. A far
    country's actor leaves a lone Somali town the report's; one of the region (its actor named
    by name) makes it fall back; Somalia's own supports it."""
    from frontlines.model import AnnotatedDocument, Document, Mention, MentionKind
    text = "Fighters shelled a checkpoint at Jilib overnight."
    doc = Document.create(text)
    span = (text.index("Jilib"), text.index("Jilib") + 5)
    ms = (Mention(doc_id=doc.id, kind=MentionKind.PLACE, start=span[0], end=span[1],
                  text="Jilib", sentence=0),)

    def country(named: set[str]) -> str | None:
        out = resolve_places(AnnotatedDocument(document=doc, sentences=(), mentions=ms), fresh,
                             {cc: 1.0 for cc in named}, named=named)
        return out[span].country

    assert country(set()) == "SO"
    assert country({"YE"}) == "SO"
    assert country({"SO", "SY"}) == "SO"
    assert country({"SY"}) != "SO"


def test_a_name_put_at_a_far_place_only_beside_a_surer_one_is_read_again(
        fresh: Gazetteer) -> None:
    """"Sarr in Halabja district": both names land on Chad's Sarh (Halabja only around it);
    Sarr, unsupported, is dropped first, and Halabja, read again, is Iraq's town, not lost
    with it."""
    from frontlines.model import AnnotatedDocument, Document, Mention, MentionKind
    text = "Peshmerga fighters guarded the wells of Sarr in Halabja district."
    doc = Document.create(text)
    ms = tuple(Mention(doc_id=doc.id, kind=MentionKind.PLACE, start=text.index(n),
                       end=text.index(n) + len(n), text=n, sentence=0)
               for n in ("Sarr", "Halabja"))
    out = resolve_places(AnnotatedDocument(document=doc, sentences=(), mentions=ms), fresh,
                         {"IQ": 1.0}, named={"IQ"})
    got = {text[a:b]: g for (a, b), g in out.items()}
    assert got["Sarr"].country != "TD"
    assert got["Halabja"].country == "IQ" and got["Halabja"].place_id is not None


def test_a_far_name_left_after_the_others_were_dropped_is_not_the_reports_country(
        fresh: Gazetteer) -> None:
    """Once a name was dropped as a place abroad, the report is no longer one whose places all
    lie in one far country: the name left (Hungary's Mor) is not taken on that ground."""
    text = "Shepherds lost sheep near the wells of Mor in Qara Tapa district."
    refs = resolve_names(fresh, text, ["Mor", "Qara Tapa"])
    assert refs["Mor"].country != "HU"
