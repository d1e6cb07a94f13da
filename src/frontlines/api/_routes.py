"""API routes over stored records: events (filtered, paged), one event with its evidence,
documents, exports, and ingest (POST a document, with the server's token)."""

from __future__ import annotations

import hmac
import io
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from frontlines.api._serialise import claim_json, document_json, event_json, page
from frontlines.store import EventFilter, Store

__all__ = ["event_filter", "router"]

router = APIRouter()

Limit = Annotated[int, Query(ge=1, le=1000, description="Page size (1-1000).")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]


def store_of(request: Request) -> Store:
    return request.app.state.store


def parse_bbox(bbox: str | None) -> tuple[float, float, float, float] | None:
    if not bbox:
        return None
    try:
        parts = tuple(float(x) for x in bbox.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or parts[0] > parts[2] or parts[1] > parts[3]:
        raise HTTPException(422, "bbox must be min_lon,min_lat,max_lon,max_lat with min <= max, "
                                 f"not {bbox!r}")
    return parts  # type: ignore[return-value]


def event_filter(
    date_from: Annotated[date | None, Query(description="Earliest date (YYYY-MM-DD).")] = None,
    date_to: Annotated[date | None, Query(description="Latest date (YYYY-MM-DD).")] = None,
    type: Annotated[str | None, Query(description="event_type or sub_event_type.")] = None,
    actor: Annotated[str | None, Query(description="Actor id or part of a name.")] = None,
    place: Annotated[str | None, Query(description="Place id or part of a name.")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    q: Annotated[str | None, Query(description="Text in the event's notes.")] = None,
    background: Annotated[bool, Query(description="Include background events.")] = True,
) -> EventFilter:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"date_from {date_from} is after date_to {date_to}")
    return EventFilter(date_from=date_from, date_to=date_to, event_type=type or None,
                       actor=actor or None, place=place or None, bbox=parse_bbox(bbox),
                       text=q or None, include_background=background)


Filter = Annotated[EventFilter, Depends(event_filter)]


@router.get("/events", tags=["events"])
def list_events(request: Request, where: Filter, limit: Limit = 100,
                offset: Offset = 0) -> dict[str, Any]:
    """Events matching every filter given, oldest first, one page at a time."""
    store = store_of(request)
    total, rows = store.event_listing(where, limit, offset)  # claims counted, not read
    # JSON types already: encoded directly (FastAPI's jsonable_encoder walking a page of
    # nested dicts cost ten times the encoding)
    return JSONResponse(page([event_json(e, claim_count=n) for e, n in rows],  # type: ignore[return-value]
                             total, limit, offset))


@router.get("/events/{event_id}", tags=["events"])
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    """One event with its claims: evidence sentences, claimant, outlet and document."""
    store = store_of(request)
    event = store.event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    docs: dict[str, Any] = {}
    for c in event.claims:
        if c.doc_id not in docs:
            docs[c.doc_id] = store.document(c.doc_id)
    return event_json(event, [claim_json(c, docs[c.doc_id]) for c in event.claims])


@router.get("/documents", tags=["documents"])
def list_documents(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Stored articles (metadata only), by publication date."""
    store = store_of(request)
    rows = store.documents(limit=limit, offset=offset)
    return page([document_json(d) for d in rows], store.count("documents"), limit, offset)


@router.get("/documents/{doc_id}", tags=["documents"])
def get_document(request: Request, doc_id: str) -> dict[str, Any]:
    """One article with its text and the claims read from it."""
    store = store_of(request)
    doc = store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return {**document_json(doc, with_text=True),
            "claims": [claim_json(c) for c in store.claims(doc_id)]}


_MEDIA = {"acled": ("text/csv; charset=utf-8", "csv"),
          "geojson": ("application/geo+json", "geojson"),
          "jsonl": ("application/x-ndjson", "jsonl"),
          "parquet": ("application/vnd.apache.parquet", "parquet")}


@router.get("/export", tags=["export"])
def export(request: Request, where: Filter,
           format: Annotated[str, Query(pattern="^(acled|geojson|jsonl|parquet)$",
                                        description="acled, geojson, jsonl or parquet")] = "acled",
           ) -> Response:
    """The filtered events as a download (ACLED-column CSV, GeoJSON, JSONL, Parquet)."""
    from frontlines.export import write

    media, ext = _MEDIA[format]
    fp: io.BytesIO | io.StringIO = io.BytesIO() if format == "parquet" else io.StringIO()
    write(store_of(request), format, fp, where)
    body = fp.getvalue()
    return Response(body if isinstance(body, bytes) else body.encode("utf-8"), media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="events.{ext}"'})


class NewDocument(BaseModel):
    text: str = Field(min_length=1, max_length=5_000_000, description="The article's text.")
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


def _require_token(request: Request) -> None:
    from frontlines.api._auth import require, user_of

    user = user_of(request)
    if user is not None:  # an account: editors may ingest
        require("editor")(request)
        return
    token = request.app.state.settings.api_token
    if not token:
        raise HTTPException(403, "ingest over the API is disabled: set FRONTLINES_API_TOKEN")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip(), token):
        raise HTTPException(401, "send the server's token as 'Authorization: Bearer <token>'")


@router.post("/documents", tags=["documents"], status_code=201,
             dependencies=[Depends(_require_token)])
def post_document(request: Request, response: Response,
                  doc: Annotated[NewDocument, Body()]) -> dict[str, Any]:
    """Ingest one article (needs `Authorization: Bearer <FRONTLINES_API_TOKEN>`)."""
    from frontlines.ingest import documents_from_text

    items = documents_from_text(doc.text, title=doc.title, published=doc.published,
                                outlet=doc.outlet, url=doc.url, source="api")
    state = request.app.state
    with state.pipeline_lock:
        if state.pipeline is None:
            from frontlines.pipeline import Pipeline

            store = store_of(request)
            state.pipeline = (Pipeline(store, state.annotator) if state.annotator is not None
                              else Pipeline.load(store))
        report = state.pipeline.run(items)
    if not report.count("stored") and not report.count("duplicate"):
        reasons = "; ".join(r.reason for r in report.results if r.reason)
        raise HTTPException(422, reasons or "no article found in the text")
    if not report.count("stored"):
        response.status_code = 200
    state.cache.clear()
    return report.as_dict()
