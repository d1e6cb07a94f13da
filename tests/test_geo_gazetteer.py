"""The gazetteer: built-in world layer, loaders (idempotent), fetch, candidates and the CLI."""

from __future__ import annotations

import http.server
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontlines.cli import app
from frontlines.errors import GazetteerError
from frontlines.geo import (
    Gazetteer,
    distance_km,
    fetch_country,
    load_admin_geojson,
    load_geonames,
    load_ocha_communities,
    load_opensyria,
)
from frontlines.store import Store
from frontlines.store.places import stored_admin_areas

from .conftest import GEO_DATA


@pytest.fixture(scope="session")
def builtin(builtin_gazetteer: Gazetteer) -> Gazetteer:
    return builtin_gazetteer


@pytest.mark.parametrize(("name", "country", "lat", "lon"), [
    ("Damascus", "SY", 33.51, 36.29), ("Baghdad", "IQ", 33.34, 44.40),
    ("Ankara", "TR", 39.92, 32.85), ("Beirut", "LB", 33.89, 35.50),
    ("Aleppo", None, 36.20, 37.16), ("Mosul", None, 36.34, 43.12),
])
def test_geo_gazetteer_builtin_knows_capitals_and_towns(
    builtin: Gazetteer, name: str, country: str | None, lat: float, lon: float
) -> None:
    (place, score), *_ = builtin.candidates(name, country=country)
    assert distance_km(place.lat, place.lon, lat, lon) < 15
    assert 0 < score <= 1


def test_geo_gazetteer_builtin_has_hand_kept_crossing(builtin: Gazetteer) -> None:
    place = builtin.get("kb:bab-al-hawa-crossing")
    assert place is not None and place.kind == "border_crossing" and place.source


def test_geo_gazetteer_ocha_reload_is_idempotent(store: Store) -> None:
    path = GEO_DATA / "ocha-communities-mini.csv"
    assert load_ocha_communities(store, path) == 5
    names = store.count("place_names")
    assert load_ocha_communities(store, path) == 5
    assert store.count("places") == 5 and store.count("place_names") == names


def test_geo_gazetteer_arabic_names_match(store: Store) -> None:
    load_ocha_communities(store, GEO_DATA / "ocha-communities-mini.csv")
    gaz = Gazetteer.from_store(store)
    (place, _), *_ = gaz.candidates("خان السبل", country="SY")
    assert place.name == "Khan Elsobol"


def test_geo_gazetteer_province_prefers_homonym_inside(store: Store) -> None:
    load_ocha_communities(store, GEO_DATA / "ocha-communities-mini.csv")
    load_opensyria(store, GEO_DATA / "opensyria-governorates.json")
    gaz = Gazetteer.from_store(store)
    assert gaz.admin1_of("Edlib", "SY") == gaz.admin1_of("Idleb", "SY")
    (place, _), *_ = gaz.candidates("Bab al-Hawa", country="SY", admin1="Homs")
    assert place.admin1 == "Homs"


def test_geo_gazetteer_geonames_zip_and_admin_names(store: Store, tmp_path: Path) -> None:
    archive = tmp_path / "XX.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(GEO_DATA / "iq-tr-geonames.txt", "XX.txt")
        zf.writestr("readme.txt", "not data")
    count = load_geonames(store, archive)
    assert count == store.count("places") > 40
    gaz = Gazetteer.from_store(store)
    place = gaz.get("geonames:9900001")
    assert place is not None and place.admin1 == "Nineveh"


def test_geo_gazetteer_bad_geonames_file_says_what_to_do(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("just,a,csv\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="19 tab-separated GeoNames columns"):
        load_geonames(store, bad)


def test_geo_gazetteer_admin_geojson_feeds_the_map(store: Store) -> None:
    assert load_admin_geojson(store, GEO_DATA / "admin1-mini.geojson") == 1
    (area,) = stored_admin_areas(store, level=1)
    assert area["id"] == "SY07" and area["geometry"]["type"] == "Polygon"
    gaz = Gazetteer.from_store(store)
    place = gaz.get("SY07")
    assert place is not None and abs(place.lat - 35.8) < 0.01 and abs(place.lon - 36.6) < 0.01


@pytest.fixture()
def dump_server(tmp_path: Path) -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 serving a small GeoNames-style country zip."""
    root = tmp_path / "www"
    root.mkdir()
    with zipfile.ZipFile(root / "IQ.zip", "w") as zf:
        zf.write(GEO_DATA / "iq-tr-geonames.txt", "IQ.txt")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_geo_gazetteer_fetch_downloads_country(dump_server: str, tmp_path: Path) -> None:
    files = fetch_country("iq", tmp_path / "dl", base_url=dump_server)
    assert [f.name for f in files] == ["IQ.zip"]  # no alternate names on this server
    with pytest.raises(GazetteerError, match="HTTP 404"):
        fetch_country("ZZ", tmp_path / "dl", base_url=dump_server)


def test_geo_gazetteer_cli_fetch_load_and_search(dump_server: str, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "fetch", "IQ", "--dest", str(tmp_path / "dl"),
                                 "--base-url", dump_server, "--db", db])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["gazetteer", "load", "--format", "geonames",
                                 f"{dump_server}/IQ.zip", "--db", db])
    assert result.exit_code == 0 and "loaded" in result.output
    result = runner.invoke(app, ["gazetteer", "search", "Tel Afar", "--country", "IQ",
                                 "--db", db, "--json"])
    assert result.exit_code == 0
    assert '"geonames:9900001"' in result.output


def test_geonames_headed_extract_loads(tmp_path: Path) -> None:
    """A GeoNames extract with a header row and only some of the 19 columns (as tools and
    the cities tables export them) loads like the dump."""
    extract = tmp_path / "cities.tsv"
    extract.write_text(
        "geonameid\tname\tasciiname\tlatitude\tlongitude\tfeature_code\tcountry_code\t"
        "admin1_code\tpopulation\talternatenames_latin\n"
        "162627\tYabrūd\tYabrud\t33.96921\t36.65729\tPPLA2\tSY\t08\t40502\tYabroud,Jabrud\n",
        encoding="utf-8")
    with Store.open(str(tmp_path / "g.db")) as store:
        assert load_geonames(store, extract) == 1
        gaz = Gazetteer.from_store(store)
    (place, _), *_ = gaz.candidates("Yabroud", "SY")
    # one town with the embedded pack's entry for it (OCHA's P-code), the GeoNames id kept
    assert "geonames:162627" in gaz.members.get(place.id, (place.id,))
    assert place.kind == "populated_place" and place.population == 40502


def test_geonames_headed_extract_without_coordinates_is_refused(tmp_path: Path) -> None:
    extract = tmp_path / "bad.tsv"
    extract.write_text("geonameid\tname\n1\tX\n", encoding="utf-8")
    with Store.open(str(tmp_path / "g.db")) as store, pytest.raises(GazetteerError):
        load_geonames(store, extract)


def test_world_cache_of_other_versions_is_removed(tmp_path: Path) -> None:
    from frontlines.geo.world import _prune

    current = tmp_path / "world-new.pickle"
    stale = tmp_path / "world-old.pickle"
    other = tmp_path / "notes.txt"
    for f in (current, stale, other):
        f.write_bytes(b"x")
    _prune(current)
    assert current.exists() and other.exists() and not stale.exists()


class _Planted:
    """What a planted cache file does: names a callable that unpickling would call."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return (os.system, (f"touch {self.marker}",))


def test_world_cache_that_names_a_callable_is_refused_and_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    from frontlines.geo import world
    from frontlines.model import Place

    small = world.WorldLayer.from_places(
        [Place(id="w1", name="Testville", lat=1.0, lon=2.0, kind="town", country="XX")],
        [("testville",)],
    )
    monkeypatch.setenv("FRONTLINES_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(world, "build_world", lambda: small)
    marker = tmp_path / "ran"
    path = world._cache_path()
    path.write_bytes(pickle.dumps(_Planted(marker)))

    layer = world.load_world()

    assert not marker.exists()  # the planted callable never ran
    assert layer.names == ["Testville"]
    assert world.load_world().names == ["Testville"]  # the rebuilt cache reads back


def test_world_layer_is_read_once_per_process_while_its_cache_file_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontlines.geo import world
    from frontlines.model import Place

    def layer(name: str) -> world.WorldLayer:
        return world.WorldLayer.from_places(
            [Place(id="w1", name=name, lat=1.0, lon=2.0, kind="town", country="XX")],
            [(name.lower(),)])

    monkeypatch.setenv("FRONTLINES_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(world, "build_world", lambda: layer("Firstville"))
    first = world.load_world()  # built and cached
    reads = []
    real = world._load_world
    monkeypatch.setattr(world, "_load_world", lambda path: reads.append(path) or real(path))
    assert world.load_world() is first and reads == []  # the same file: no second read
    world._cache_path().unlink()  # a changed cache file (here: gone, so rebuilt) is read again
    monkeypatch.setattr(world, "build_world", lambda: layer("Secondville"))
    assert world.load_world().names == ["Secondville"] and len(reads) == 1
