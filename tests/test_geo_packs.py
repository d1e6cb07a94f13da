"""Embedded gazetteer packs: shipped Syria data, part of the default gazetteer, refined by
loaded files; one place per town across sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontlines.cli import app
from frontlines.geo import Gazetteer, distance_km, load_ocha_communities, load_opensyria
from frontlines.geo.packs import pack_admin_areas, pack_places, packs
from frontlines.model import Place
from frontlines.names import name_key
from frontlines.store import Store
from frontlines.store.places import save_places

PACK_DIR = Path(__file__).resolve().parents[1] / "src" / "frontlines" / "kb" / "packs"


@pytest.fixture(scope="module")
def builtin(builtin_gazetteer: Gazetteer) -> Gazetteer:
    return builtin_gazetteer


def test_packs_ship_syria_with_sources_and_licences() -> None:
    (sy,) = [p for p in packs() if p.country == "SY"]
    assert sy.counts["places"] > 5000 and sy.counts["admin_areas"] >= 14
    assert {"CC BY-IGO", "CC BY 4.0"} <= set(sy.licences)
    assert all(s["licence"] and s["url"] and s["rows"] > 0 for s in sy.sources)
    assert not any("gpl" in s["licence"].lower() for s in sy.sources)


def test_packs_are_compact_plain_files_without_pickle() -> None:
    files = [f for f in PACK_DIR.rglob("*") if f.is_file()]
    assert files and sum(f.stat().st_size for f in files) < 5_000_000
    assert {f.name for f in files} <= {"pack.json", "places.tsv.gz", "admin-areas.geojson.gz"}


def test_pack_places_and_admin_polygons_load() -> None:
    places = pack_places()
    kinds = {p.kind for p in places}
    assert {"populated_place", "admin1", "admin2"} <= kinds
    areas = pack_admin_areas(level=1)
    assert len(areas) == 14 and all(a["geometry"]["type"] in ("Polygon", "MultiPolygon")
                                    for a in areas)


def test_default_gazetteer_knows_villages_with_nothing_loaded(builtin: Gazetteer) -> None:
    # a village of Idleb that the world layer (towns of 500+) does not have
    found = [p for p, _ in builtin.matches("Kafr Takharim", "SY")]
    assert found and found[0].admin1 == "Idleb"
    assert distance_km(found[0].lat, found[0].lon, 36.12, 36.52) < 5


def test_packs_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINES_PACKS", "none")
    assert packs() == [] and pack_places() == []


def test_a_loaded_file_refines_the_pack(store: Store, builtin: Gazetteer) -> None:
    packed = next(p for p in builtin.places("SY") if p.kind == "populated_place"
                  and p.id.startswith("SY-C"))
    moved = Place(id=packed.id, name=packed.name, lat=packed.lat + 0.01, lon=packed.lon,
                  country="SY", admin1=packed.admin1, source="ocha-cod")
    save_places(store, [moved])
    gaz = Gazetteer.from_store(store)
    assert gaz.get(packed.id).lat == pytest.approx(packed.lat + 0.01)  # type: ignore[union-attr]


def test_cli_lists_packs_as_json() -> None:
    result = CliRunner().invoke(app, ["gazetteer", "packs", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    sy = next(r for r in rows if r["country"] == "SY")
    assert sy["places"] > 5000 and sy["built"] and sy["sources"]


def test_cli_conflate_report_lists_merged_towns(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["gazetteer", "conflate", "--db", str(tmp_path / "x.db"),
                                      "--country", "SY", "--report", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    saraqib = [r for r in report["places"] if "geonames:164816" in r["members"]]
    assert len(saraqib) == 1 and saraqib[0]["id"].startswith("SY-C")


def _shared_name_keys_within(gaz: Gazetteer, country: str, km: float) -> list[tuple[str, str]]:
    """Pairs of places of one kind within `km` that share a name key (an air base next to the
    village it is named after is a second place; so is a district named like its town)."""
    by_key: dict[str, list[Place]] = {}
    for p in gaz.places(country):
        if p.kind in ("country", "admin1", "admin2", "admin3"):
            continue  # an admin unit is an area named like its town, not a second town
        for k in {name_key(n) for n in (p.name, *p.names)}:
            if len(k) >= 3:
                by_key.setdefault(k, []).append(p)
    clashes = []
    for ps in by_key.values():
        for i, a in enumerate(ps):
            for b in ps[i + 1:]:
                if a.id != b.id and a.kind == b.kind and distance_km(
                        a.lat, a.lon, b.lat, b.lon) <= km:
                    clashes.append((a.id, b.id))
    return clashes


def test_no_two_places_within_2_km_share_a_name_key(builtin: Gazetteer) -> None:
    assert _shared_name_keys_within(builtin, "SY", 2.0) == []


def test_no_two_places_within_2_km_share_a_name_key_with_syria_files_loaded(
        store: Store, syria_dir: Path) -> None:
    from frontlines.geo import load_admin_geojson, load_geonames

    load_geonames(store, syria_dir / "geonames-cities15000-SY.tsv")
    load_ocha_communities(store, syria_dir / "ocha-communities.csv")
    for level in ("governorates", "districts", "subdistricts"):
        load_opensyria(store, syria_dir / f"opensyria-{level}.json")
    load_admin_geojson(store, syria_dir / "ocha-admin1.geojson")
    assert _shared_name_keys_within(Gazetteer.from_store(store), "SY", 2.0) == []
