"""The API over events, evidence, documents and exports: real app, real database."""

from __future__ import annotations

import csv
import io

import httpx
import pyarrow.parquet as pq
import pytest

from frontlines.api import create_app
from frontlines.settings import Settings
from frontlines.store import Store

from .conftest import build_conflict_store, running_app


@pytest.fixture()
def client(api: httpx.Client) -> httpx.Client:
    return api


def test_api_events_lists_pages_with_stable_fields(client: httpx.Client) -> None:
    body = client.get("/api/events", params={"limit": 4}).json()
    assert (body["total"], body["limit"], body["offset"], body["next_offset"]) == (9, 4, 0, 4)
    first = body["items"][0]
    assert list(first) == [
        "id", "event_type", "sub_event_type", "plover_type", "plover_mode", "actor1", "actor2",
        "assoc_actor_1", "assoc_actor_2", "place", "date", "date_end", "time_precision",
        "fatalities", "fatality_reports", "background", "notes", "claim_count", "source",
        "confidence", "needs_review"]
    assert first["date"] == "2017-07-01"
    last = client.get("/api/events", params={"limit": 4, "offset": 8}).json()
    assert last["next_offset"] is None and len(last["items"]) == 1


@pytest.mark.parametrize(("params", "ids"), [
    ({"date_from": "2017-07-20"}, {"ev-hazarin-attack", "ev-ariha", "ev-bab-left"}),
    ({"type": "Air/drone strike"}, {"ev-khan-shaykhun"}),
    ({"actor": "syria-military"}, {"ev-khan-shaykhun", "ev-khan-tuman"}),
    ({"place": "hazarin"}, {"ev-hazarin-taken", "ev-hazarin-attack"}),
    ({"bbox": "36.5,35.5,36.7,35.9"}, {"ev-hazarin-taken", "ev-hazarin-attack", "ev-ariha"}),
    ({"q": "tanks"}, {"ev-hazarin-attack"}),
])
def test_api_events_filter(client: httpx.Client, params: dict[str, str], ids: set[str]) -> None:
    body = client.get("/api/events", params=params).json()
    assert {e["id"] for e in body["items"]} == ids
    assert body["total"] == len(ids)


@pytest.mark.parametrize(("params", "needle"), [
    ({"date_from": "21/07/2017"}, "date_from"),
    ({"bbox": "36,35,north"}, "bbox must be"),
    ({"date_from": "2017-07-21", "date_to": "2017-07-01"}, "is after"),
    ({"limit": "0"}, "limit"),
])
def test_api_events_invalid_queries_answer_422_with_a_message(
    client: httpx.Client, params: dict[str, str], needle: str
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request" and needle in error["message"]


def test_api_event_carries_claims_with_evidence_claimant_and_outlet(client: httpx.Client) -> None:
    body = client.get("/api/events/ev-saraqib").json()
    (claim,) = body["claims"]
    assert claim["evidence"].startswith("Hay'at Tahrir al-Sham captured the town of Saraqib")
    assert (claim["claimant"], claim["outlet"]) == ("field sources", "Example News")
    assert claim["document"]["title"] == "Idlib clashes"
    assert claim["document"]["published"] == "2017-07-21"


def test_api_unknown_ids_answer_404_in_the_error_shape(client: httpx.Client) -> None:
    for path in ("/api/events/nope", "/api/documents/nope", "/api/actors/nope",
                 "/api/places/nope", "/api/no-such-route"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert set(response.json()["error"]) == {"code", "message"}


def test_api_documents_list_and_text_with_claims(client: httpx.Client) -> None:
    docs = client.get("/api/documents").json()
    assert docs["total"] == 2
    idlib = next(d for d in docs["items"] if d["title"] == "Idlib clashes")
    one = client.get(f"/api/documents/{idlib['id']}").json()
    assert one["text"].startswith("Idlib clashes") and len(one["claims"]) == 8


def test_api_export_downloads_filtered_events(client: httpx.Client) -> None:
    response = client.get("/api/export", params={"format": "acled", "type": "Battles"})
    assert response.status_code == 200 and "attachment" in response.headers[
        "content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5 and {r["event_type"] for r in rows} == {"Battles"}
    parquet = client.get("/api/export", params={"format": "parquet"})
    assert pq.read_table(io.BytesIO(parquet.content)).num_rows == 9
    geo = client.get("/api/export", params={"format": "geojson", "place": "Saraqib"}).json()
    assert [f["id"] for f in geo["features"]] == ["ev-saraqib"]
    assert client.get("/api/export", params={"format": "xls"}).status_code == 422


@pytest.mark.postgres
def test_api_events_on_postgresql(pg_url: str) -> None:
    store = Store.open(pg_url)
    try:
        build_conflict_store(store)
        app = create_app(store, settings=Settings(), kb=None)
        with running_app(app) as url, httpx.Client(base_url=url) as client:
            assert client.get("/api/events", params={"actor": "hts"}).json()["total"] == 4
            on = client.get("/api/control", params={"on": "2017-07-21"}).json()
            assert len(on["features"]) == 5
    finally:
        store.close()
