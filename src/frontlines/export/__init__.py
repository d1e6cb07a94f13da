"""export/: events out as ACLED-column CSV, GeoJSON (RFC 7946), JSONL with evidence, Parquet."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from frontlines.errors import FrontlinesError
from frontlines.export.acled import ACLED_COLUMNS, acled_row, write_acled_csv
from frontlines.model import Event
from frontlines.store import EventFilter, Store, to_dict

__all__ = ["ACLED_COLUMNS", "FORMATS", "acled_row", "geojson", "jsonl_records", "write"]

FORMATS = ("acled", "geojson", "jsonl", "parquet")
BINARY_FORMATS = frozenset({"parquet"})


def _sources(store: Store, events: list[Event]) -> Any:
    """Corroboration of the exported events (frontlines.sources), judged among them."""
    from frontlines.knowledge import actor_knowledge
    from frontlines.sources import assess_stored

    return assess_stored(store, events, actor_knowledge(store))


def geojson(events: Iterable[Event], sources: Any = None) -> dict[str, Any]:
    """A FeatureCollection: Point [lon, lat] per event; null geometry when the place is unknown.
    With `sources` (a SourceReport), each feature says its corroboration status."""
    features = []
    for event in events:
        row = acled_row(event)
        if sources is not None and event.id in sources.assessments:
            a = sources.assessments[event.id]
            row = {**row, "corroboration": a.status,
                   "outlet_alignments": "; ".join(f"{o.name}: {o.label}" for o in a.outlets),
                   "disputes": "; ".join(a.disputes)}
        place = event.place
        geometry = None
        if place is not None and place.lat is not None and place.lon is not None:
            geometry = {"type": "Point", "coordinates": [place.lon, place.lat]}
        features.append(
            {
                "type": "Feature",
                "id": event.id,
                "geometry": geometry,
                "properties": {"id": event.id, **row, "source": event.source,
                               "confidence": round(event.confidence, 4),
                               "needs_review": event.needs_review},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def jsonl_records(store: Store, events: Iterable[Event],
                  sources: Any = None) -> Iterable[dict[str, Any]]:
    """Every field of each event plus its claims, each with its document, so a script can trace
    any row back to the sentence and the article; with `sources`, its corroboration status, the
    typed claimants, the disputes it is in and UCDP-style casualty figures (`sources`)."""
    docs: dict[str, dict[str, Any] | None] = {}
    for event in events:
        record = to_dict(event)
        if sources is not None and event.id in sources.assessments:
            a = sources.assessments[event.id]
            record["sources"] = {
                "status": a.status, "outlets": [o.as_dict() for o in a.outlets],
                "claims": [{"claim_id": v.claim.id, "claimant": v.claimant.as_dict(),
                            "interest": v.interest, "party_claim": v.party_claim,
                            "self_interested": v.self_interested} for v in a.claims],
                "disputes": [d.as_dict() for d in sources.disputes if d.id in a.disputes],
                "casualties": a.casualties,
            }
        for claim in record["claims"]:
            doc_id = claim["doc_id"]
            if doc_id not in docs:
                docs[doc_id] = store.document(doc_id)
            doc = docs[doc_id] or {}
            claim["document"] = {
                "id": doc_id,
                "url": doc.get("url"),
                "title": doc.get("title"),
                "outlet": doc.get("outlet"),
                "published": doc["published"].isoformat() if doc.get("published") else None,
            }
        yield record


def write(store: Store, fmt: str, fp: IO[Any], where: EventFilter | None = None) -> int:
    """Write the events matching `where` to `fp` (text for csv/geojson/jsonl, binary for parquet).
    Returns the number of events written."""
    if fmt not in FORMATS:
        raise FrontlinesError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    events = store.events(where)
    if fmt == "acled":
        return write_acled_csv(events, fp)
    if fmt == "geojson":
        json.dump(geojson(events, _sources(store, events)), fp, ensure_ascii=False)
        fp.write("\n")
        return len(events)
    if fmt == "jsonl":
        n = 0
        for record in jsonl_records(store, events, _sources(store, events)):
            fp.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
        return n
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [acled_row(e) | {"id": e.id} for e in events]
    columns = [*ACLED_COLUMNS, "id"]
    table = pa.table({c: [_cell(r[c]) for r in rows] for c in columns})
    pq.write_table(table, fp)
    return len(rows)


def _cell(value: Any) -> Any:
    return None if value == "" else value
