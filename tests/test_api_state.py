"""The API over derived state: control as GeoJSON, the alliance graph, actors, places,
casualties, the timeline, admin areas and the OpenAPI docs."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import insert

from frontlines.store import Store, schema


@pytest.fixture()
def client(api: httpx.Client) -> httpx.Client:
    return api


def test_api_control_is_geojson_with_status_and_evidence(client: httpx.Client) -> None:
    body = client.get("/api/control", params={"on": "2017-07-21", "region": "Idleb"}).json()
    assert body["type"] == "FeatureCollection" and body["on"] == "2017-07-21"
    by_name = {f["properties"]["name"]: f for f in body["features"]}
    assert set(by_name) == {"Ariha", "Bab al-Hawa", "Hazarin", "Saraqib"}
    saraqib = by_name["Saraqib"]
    assert saraqib["geometry"] == {"type": "Point", "coordinates": [36.8006, 35.8644]}
    assert saraqib["properties"]["controller"] == {"id": "hts", "name": "Hay'at Tahrir al-Sham"}
    assert by_name["Hazarin"]["properties"]["events"] == ["ev-hazarin-taken", "ev-hazarin-attack"]
    assert client.get("/api/control").status_code == 422


def test_api_control_of_one_place_carries_its_history(client: httpx.Client) -> None:
    """The map asks every place without history, then one place's history on a click."""
    bare = client.get("/api/control", params={"on": "2017-07-21", "history": 0})
    assert bare.headers["content-type"] == "application/json"
    features = {f["id"]: f for f in bare.json()["features"]}
    assert features and all(f["properties"]["history"] == [] for f in features.values())
    one = client.get("/api/control", params={"on": "2017-07-21", "place": "t:hazarin"}).json()
    [hazarin] = one["features"]
    assert [h["event"] for h in hazarin["properties"]["history"]] == [
        "ev-hazarin-taken", "ev-hazarin-attack"]
    assert hazarin["properties"] | {"history": []} == features["t:hazarin"]["properties"]
    assert client.get("/api/control", params={"on": "2017-07-21", "place": "t:nowhere"}
                      ).json()["features"] == []
    assert client.get("/api/control", params={"on": "2017-07-21", "place": ""}
                      ).status_code == 422


def test_api_alliances_json_and_graphml(client: httpx.Client) -> None:
    body = client.get("/api/alliances", params={"on": "2017-07-21"}).json()
    members = {(e["source"], e["target"]) for e in body["edges"] if e["kind"] == "member_of"}
    assert members == {("al-hujra-brigade", "hts"), ("fajr-al-islam-brigade", "hts")}
    graphml = client.get("/api/alliances", params={"on": "2017-07-21", "format": "graphml"})
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    assert "<graphml" in graphml.text
    focused = client.get("/api/alliances", params={"on": "2017-07-21", "focus": "true"}).json()
    assert {n["id"] for n in focused["nodes"]} == {
        "ahrar-al-sham", "al-hujra-brigade", "fajr-al-islam-brigade", "hts", "zenki"}
    assert client.get("/api/alliances", params={"on": "2017-07-21", "format": "dot"}
                      ).status_code == 422


def test_api_alliances_list_the_latest_evidence_and_link_to_the_rest(
        client: httpx.Client) -> None:
    on = {"on": "2017-07-21"}
    body = client.get("/api/alliances", params={**on, "evidence": 1}).json()
    (hostile,) = [e for e in body["edges"] if e["kind"] == "hostile_to"]
    assert (hostile["evidence_count"], len(hostile["evidence"])) == (3, 1)
    more = client.get(hostile["evidence_more"]).json()
    assert (more["total"], more["source"], more["target"]) == (3, "ahrar-al-sham", "hts")
    assert more["items"][-1] == hostile["evidence"][0]
    assert client.get(hostile["evidence_more"] + "&limit=2").json()["next_offset"] == 2
    whole = client.get("/api/alliances", params=on).json()  # few: all listed, no link
    assert all(len(e["evidence"]) == e["evidence_count"] and "evidence_more" not in e
               for e in whole["edges"])
    assert client.get("/api/alliances/edge", params={
        **on, "source": "hts", "target": "zenki", "kind": "hostile_to"}).status_code == 404


def test_api_actors_with_aliases_relations_and_history(client: httpx.Client,
                                                       conflict_store: Store) -> None:
    with conflict_store.transaction() as conn:
        conn.execute(insert(schema.actors), [{"id": "zenki", "name": "Nour al-Din al-Zenki",
                                              "inter": 2, "kind": "rebel group",
                                              "provisional": False, "source": "test"}])
        conn.execute(insert(schema.actor_aliases), [
            {"actor_id": "zenki", "alias": "Nouralddeen al-Zinki", "key": "nuraldinzinki"}])
    listed = client.get("/api/actors", params={"q": "zinki"}).json()
    (zenki,) = listed["items"]
    assert zenki["aliases"] == ["Nouralddeen al-Zinki"]
    assert {r["kind"] for r in zenki["relations"]} == {"member_of", "split_from"}
    hts = client.get("/api/actors/hts").json()
    assert (hts["events"], hts["first_event"], hts["last_event"]) == (
        4, "2017-07-19", "2017-07-20")
    assert any(r["actor_name"] == "Nour al-Din al-Zenki" for r in hts["relations"])


def test_api_places_count_events(client: httpx.Client) -> None:
    body = client.get("/api/places", params={"q": "khan"}).json()
    assert {p["name"] for p in body["items"]} == {"Khan Shaykhun", "Khan Tuman"}
    assert client.get("/api/places/t:hazarin").json()["events"] == 2


def test_api_casualties_timeline_and_settings(client: httpx.Client) -> None:
    by_place = client.get("/api/casualties", params={"by": "place"}).json()
    assert {g["label"] for g in by_place["groups"]} == {"Ariha", "Hazarin", "Khan Shaykhun"}
    timeline = client.get("/api/timeline").json()
    assert (timeline["first"], timeline["last"]) == ("2017-07-01", "2017-07-21")
    assert client.get("/api/settings").json() == {"tile_url": None, "ingest_enabled": False}


def test_api_admin_areas_are_simplified_geojson(client: httpx.Client, conflict_store: Store,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINES_PACKS", "none")  # the loaded polygons only
    square = {"type": "Polygon", "coordinates": [[[36.0, 35.0], [36.00001, 35.0], [37.0, 35.0],
                                                  [37.0, 36.0], [36.0, 36.0], [36.0, 35.0]]]}
    with conflict_store.transaction() as conn:
        conn.execute(insert(schema.admin_areas), [{"id": "SY07", "name": "Idleb", "level": 1,
                                                   "country": "SY", "geometry": square}])
    body = client.get("/api/admin-areas").json()
    (feature,) = body["features"]
    assert feature["properties"]["name"] == "Idleb"
    assert len(feature["geometry"]["coordinates"][0]) == 5
    assert client.get("/api/admin-areas", params={"level": 2}).json()["features"] == []


def test_api_docs_and_schema_are_served_offline(client: httpx.Client) -> None:
    schema_doc = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/control", "/api/alliances",
            "/api/documents", "/api/export"} <= set(schema_doc["paths"])
    docs = client.get("/api/docs").text
    assert "/api/docs/assets/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/api/docs/assets/swagger-ui-bundle.js").status_code == 200


def test_api_pages_carry_a_strict_content_security_policy(client: httpx.Client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and 'data-view="map"' in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert 'data-view="alliances"' in client.get("/alliances").text


def test_api_admin_areas_come_from_the_embedded_pack_and_loaded_ones_refine_it(
        client: httpx.Client, conflict_store: Store) -> None:
    square = {"type": "Polygon", "coordinates": [[[36.0, 35.0], [37.0, 35.0], [37.0, 36.0],
                                                  [36.0, 36.0], [36.0, 35.0]]]}
    with conflict_store.transaction() as conn:
        conn.execute(insert(schema.admin_areas), [{"id": "SY07", "name": "Idleb", "level": 1,
                                                   "country": "SY", "geometry": square}])
    features = {f["id"]: f for f in client.get("/api/admin-areas").json()["features"]}
    assert len(features) == 14  # Syria's governorates, with nothing else loaded
    assert features["SY07"]["geometry"]["coordinates"][0][0] == [36.0, 35.0]  # the loaded one
    districts = client.get("/api/admin-areas", params={"level": 2}).json()["features"]
    assert len(districts) > 50
