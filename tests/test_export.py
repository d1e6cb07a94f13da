"""Exports: ACLED-column CSV, GeoJSON (RFC 7946), JSONL with evidence, Parquet; parsed back."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pyarrow.parquet as pq
import pytest

from frontlines import export
from frontlines.errors import FrontlinesError
from frontlines.model import Document
from frontlines.store import EventFilter, Store
from tests.test_store import TEXT, make_claim, make_event


@pytest.fixture()
def filled(store: Store) -> Store:
    doc = Document.create(TEXT, title="Shelling <b>in</b> Idlib", outlet="Example News",
                          url="https://news.example/1", published=date(2019, 5, 7))
    claim = make_claim(doc)
    store.save_document(doc, [], [claim])
    store.replace_events([make_event(claim)])
    return store


def test_export_acled_csv_has_acled_columns_in_order(filled: Store) -> None:
    fp = io.StringIO()
    assert export.write(filled, "acled", fp) == 1
    rows = list(csv.DictReader(io.StringIO(fp.getvalue())))
    assert tuple(csv.reader(io.StringIO(fp.getvalue())).__next__()) == export.ACLED_COLUMNS
    (row,) = rows
    assert row["event_id_cnty"].startswith("SYR")
    assert row["event_date"] == "2019-05-06" and row["year"] == "2019"
    assert row["time_precision"] == "1"
    assert row["disorder_type"] == "Political violence"
    assert row["actor1"] == "Military Forces of Syria (2000-)"
    assert row["inter1"] == "1" and row["interaction"] == "10"
    assert (row["iso"], row["country"], row["region"]) == ("760", "Syria", "Middle East")
    assert (row["admin1"], row["location"]) == ("Idlib", "Kafr Nabl")
    assert float(row["latitude"]) == pytest.approx(35.6136)
    assert row["fatalities"] == "2" and row["source"] == "Example News"
    assert row["notes"] == TEXT


def test_export_geojson_is_rfc7946_lon_lat(filled: Store) -> None:
    fp = io.StringIO()
    export.write(filled, "geojson", fp)
    data = json.loads(fp.getvalue())
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["type"] == "Feature"
    lon, lat = feature["geometry"]["coordinates"]
    assert (lon, lat) == (36.5614, 35.6136)  # longitude first
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert feature["properties"]["sub_event_type"] == "Shelling/artillery/missile attack"


def test_export_jsonl_traces_each_event_to_sentence_and_document(filled: Store) -> None:
    fp = io.StringIO()
    export.write(filled, "jsonl", fp)
    (record,) = [json.loads(line) for line in fp.getvalue().splitlines()]
    (claim,) = record["claims"]
    assert claim["evidence"] == TEXT and claim["claimant"] == "rescue workers"
    assert claim["document"] == {"id": claim["doc_id"], "url": "https://news.example/1",
                                 "title": "Shelling <b>in</b> Idlib", "outlet": "Example News",
                                 "published": "2019-05-07"}
    assert record["place"]["lat"] == 35.6136 and record["date"] == "2019-05-06"


def test_export_parquet_reads_back(filled: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "events.parquet"
    with open(path, "wb") as fp:
        export.write(filled, "parquet", fp)
    table = pq.read_table(path)
    assert table.num_rows == 1
    assert table.column("actor1").to_pylist() == ["Military Forces of Syria (2000-)"]
    assert table.column_names[: len(export.ACLED_COLUMNS)] == list(export.ACLED_COLUMNS)


def test_export_respects_filters(filled: Store) -> None:
    fp = io.StringIO()
    assert export.write(filled, "acled", fp, EventFilter(event_type="Battles")) == 0


def test_export_unknown_format_is_refused(filled: Store) -> None:
    with pytest.raises(FrontlinesError, match="unknown export format"):
        export.write(filled, "xlsx", io.StringIO())
