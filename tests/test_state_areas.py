"""Territory as areas: cells around places dissolved by controller, contested cells apart,
unknown left blank, front lines where hostile areas meet; valid RFC 7946 GeoJSON."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
import shapely
from shapely.geometry import shape

from frontlines.model import ActorRef
from frontlines.state import ControlState
from frontlines.state.areas import control_areas, land_outline
from frontlines.store import Store

A = ActorRef("a", "Army A")
B = ActorRef("b", "Brigade B")
C = ActorRef("c", "Corps C")
ON = date(2017, 7, 21)
# a square of land 1 degree across
LAND = land_outline([{"type": "Polygon", "coordinates": [[[36, 35], [37, 35], [37, 36], [36, 36],
                                                           [36, 35]]]}])


def _state(pid: str, lon: float, lat: float, status: str = "held",
           controller: ActorRef | None = A, contenders: tuple[ActorRef, ...] = ()) -> ControlState:
    return ControlState(place_id=pid, name=pid.title(), status=status, lat=lat, lon=lon,
                        controller=controller if status != "unknown" else None,
                        contenders=contenders)


STATES = [
    _state("west1", 36.2, 35.4), _state("west2", 36.2, 35.6),
    _state("east", 36.4, 35.5, controller=B),
    _state("middle", 36.3, 35.8, "contested", None, (A, C)),
    _state("far", 36.8, 35.2, "unknown"),
]


def assert_rfc7946(collection: dict[str, Any]) -> None:
    """The RFC's rules, checked strictly, and the geojson-validator package's checks."""
    import geojson_validator

    geojson_validator.configure_logging(enabled=False)
    json.dumps(collection, allow_nan=False)  # plain JSON, no NaN
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    for f in collection["features"]:
        assert f["type"] == "Feature" and isinstance(f["id"], str)
        assert isinstance(f["properties"], dict)
        g = f["geometry"]
        polygons = {"Polygon": [g["coordinates"]], "MultiPolygon": g["coordinates"]}.get(
            g["type"], [])
        for polygon in polygons:
            for k, ring in enumerate(polygon):
                assert ring[0] == ring[-1] and len(ring) >= 4  # closed linear rings
                ccw = shapely.LinearRing(ring).is_ccw
                assert ccw if k == 0 else not ccw  # right-hand rule: exterior ccw, holes cw
        coords = json.dumps(g["coordinates"])
        for lon, lat in shapely.get_coordinates(shape(g)):
            assert -180 <= lon <= 180 and -90 <= lat <= 90  # lon, lat order (WGS 84)
        assert not any(len(part.split(".")[-1]) > 6 for part in coords.replace("[", " ")
                       .replace("]", " ").replace(",", " ").split() if "." in part)
        assert shape(g).is_valid
    assert geojson_validator.validate_structure(collection, check_crs=True) == {}
    found = geojson_validator.validate_geometries(collection)
    assert found["invalid"] == {} and found["problematic"] == {}, found


def test_areas_dissolve_by_controller_and_leave_unknown_blank() -> None:
    areas = control_areas(STATES, ON, LAND, radius_km=30)
    by_id = {f["id"]: f for f in areas["features"]}
    # B does not fight in the middle: its edge with the contested cell is no front of B's
    assert set(by_id) == {"held:a", "held:b", "contested:middle", "front:a|b", "front:a|c"}
    assert by_id["held:a"]["properties"]["places"] == ["West1", "West2"]
    assert shape(by_id["held:a"]["geometry"]).contains(shapely.Point(36.2, 35.5))
    assert by_id["contested:middle"]["properties"]["contenders"] == [
        {"id": "a", "name": "Army A"}, {"id": "c", "name": "Corps C"}]
    drawn = shapely.union_all([shape(f["geometry"]) for f in areas["features"]
                               if f["properties"]["kind"] == "area"])
    assert not drawn.contains(shapely.Point(36.8, 35.2))  # the unknown place stays blank
    assert drawn.within(LAND.buffer(1e-6))  # clipped to the land
    assert_rfc7946(areas)


def test_a_front_line_runs_where_hostile_areas_meet() -> None:
    areas = control_areas(STATES, ON, LAND, radius_km=30)
    front = next(f for f in areas["features"] if f["id"] == "front:a|b")
    assert front["properties"]["between"] == [{"id": "a", "name": "Army A"},
                                              {"id": "b", "name": "Brigade B"}]
    line = shape(front["geometry"])
    assert line.length > 0.05
    # every point of the line is as near to B's place as to the nearest of A's (Voronoi edges)
    for x, y in shapely.get_coordinates(line):
        to_a = min(shapely.Point(x, y).distance(shapely.Point(36.2, lat)) for lat in (35.4, 35.6))
        assert to_a == pytest.approx(shapely.Point(x, y).distance(shapely.Point(36.4, 35.5)),
                                     abs=1e-4)


def test_allies_share_no_front_line() -> None:
    areas = control_areas(STATES, ON, LAND, radius_km=30, allied=lambda a, b: {a, b} == {"a", "b"})
    assert "front:a|b" not in {f["id"] for f in areas["features"]}


def test_an_area_reaches_no_further_than_the_radius() -> None:
    [feature] = control_areas([_state("lone", 36.5, 35.5)], ON, LAND,
                              radius_km=10)["features"]
    box = shape(feature["geometry"]).bounds
    assert box[3] - box[1] == pytest.approx(2 * 10 / 111.32, rel=0.05)


def test_no_places_no_areas() -> None:
    assert control_areas([], ON, LAND) == {"type": "FeatureCollection", "features": []}


def test_control_areas_over_the_api_is_valid_geojson(api: Any) -> None:
    r = api.get("/api/control/areas", params={"on": "2017-07-21"})
    assert r.status_code == 200
    areas = r.json()
    kinds = {(f["properties"]["kind"], f["properties"].get("status")) for f in areas["features"]}
    assert ("area", "held") in kinds and ("area", "contested") in kinds
    held = {f["properties"]["controller"]["id"] for f in areas["features"]
            if f["properties"].get("status") == "held"}
    assert "hts" in held
    assert_rfc7946(areas)
    assert api.get("/api/control/areas", params={"on": "yesterday"}).status_code == 422


def test_control_areas_on_the_command_line(conflict_store: Store) -> None:
    from typer.testing import CliRunner

    from frontlines.cli import app

    db = conflict_store.engine.url.database
    result = CliRunner().invoke(app, ["control", "--on", "2017-07-21", "--areas", "--db", db])
    assert result.exit_code == 0, result.output
    assert_rfc7946(json.loads(result.stdout))
