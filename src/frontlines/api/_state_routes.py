"""API routes over derived state: actors, places, control (GeoJSON), alliances, casualties,
admin boundaries for the map and the timeline of event dates."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import func, select

from frontlines.api._routes import Filter, Limit, Offset
from frontlines.api._serialise import page
from frontlines.geo.packs import pack_admin_areas
from frontlines.state import ConflictState, actor_dict, relation_dict, to_graphml
from frontlines.store import schema

__all__ = ["router"]

router = APIRouter()

On = Annotated[date, Query(description="The date (YYYY-MM-DD).")]
EVIDENCE = 5  # pieces of evidence per alliance edge in JSON unless asked


def view_of(request: Request) -> ConflictState:
    return request.app.state.view


@router.get("/actors", tags=["actors"])
def list_actors(request: Request, q: Annotated[str | None, Query()] = None,
                limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Actors with their aliases and dated relations; `q` matches a name or an alias."""
    view = view_of(request)
    actors = view.actors()
    if q:
        needle = q.casefold()
        actors = [a for a in actors if needle in a.name.casefold()
                  or any(needle in x.casefold() for x in a.aliases)]
    by_actor: dict[str, list[dict[str, Any]]] = {}
    for r in view.relations():
        by_actor.setdefault(r.actor, []).append(relation_dict(r))
    items = [{**actor_dict(a), "relations": by_actor.get(a.id, [])}
             for a in actors[offset:offset + limit]]
    return page(items, len(actors), limit, offset)


@router.get("/actors/{actor_id}", tags=["actors"])
def get_actor(request: Request, actor_id: str) -> dict[str, Any]:
    """One actor: aliases, every relation with its dates and evidence, and its event span."""
    found = view_of(request).actor(actor_id)
    if found is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return found


@router.get("/places", tags=["places"])
def list_places(request: Request, q: Annotated[str | None, Query()] = None,
                limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Places where events happened, with their event counts; `q` matches the name."""
    e = schema.events.c
    key = func.coalesce(e.place_id, e.location)
    base = select(key.label("id"), func.max(e.location).label("name"),
                  func.avg(e.latitude).label("lat"), func.avg(e.longitude).label("lon"),
                  func.max(e.admin1).label("admin1"), func.max(e.admin2).label("admin2"),
                  func.count().label("events")).where(key.is_not(None))
    if q:
        base = base.where(func.lower(e.location).like(f"%{q.lower()}%"))
    base = base.group_by(key)
    with view_of(request).store.read() as conn:
        total = conn.scalar(select(func.count()).select_from(base.subquery())) or 0
        rows = conn.execute(base.order_by(func.count().desc(), key).limit(limit).offset(offset))
        items = [dict(r._mapping) for r in rows]
    return page(items, total, limit, offset)


@router.get("/places/{place_id}", tags=["places"])
def get_place(request: Request, place_id: str) -> dict[str, Any]:
    """A gazetteer place with its alternate names (or what events say of it)."""
    p, pn = schema.places, schema.place_names.c
    with view_of(request).store.read() as conn:
        row = conn.execute(select(p).where(p.c.id == place_id)).first()
        names = [r[0] for r in conn.execute(select(pn.name).where(pn.place_id == place_id))]
        count = conn.scalar(select(func.count()).select_from(schema.events)
                            .where(schema.events.c.place_id == place_id)) or 0
    if row is None and not count:
        raise HTTPException(404, f"no place {place_id!r}")
    return {**(dict(row._mapping) if row else {"id": place_id}), "names": names,
            "events": count}


@router.get("/control", tags=["state"])
def control(request: Request, on: On,
            region: Annotated[str | None, Query(description="admin1 name")] = None,
            history: Annotated[int | None, Query(
                ge=0, le=10000, description="Only the last N history entries of each place "
                                            "(all when not given).")] = None,
            place: Annotated[str | None, Query(
                min_length=1, max_length=200,
                description="Only this place (its `place_id` in an answer).")] = None,
            ) -> dict[str, Any]:
    """Who holds each place on `on`, as GeoJSON points with status and evidence event ids.
    The map asks `history=0` for every place and one place's history (`place`) on a click."""
    # JSON text joined from the stored features (state/_view.py `control_json`)
    return Response(view_of(request).control_json(on, region, history, place),
                    media_type="application/json")  # type: ignore[return-value]


@router.get("/alliances", tags=["state"], response_model=None)
def alliances(request: Request, on: On,
              format: Annotated[str, Query(pattern="^(json|graphml)$")] = "json",
              window: Annotated[int, Query(ge=0, le=3650)] = 180,
              focus: Annotated[bool, Query(description="Only edges touching actors seen in "
                                                       "events or text relations.")] = False,
              evidence: Annotated[int | None, Query(
                  ge=0, le=100_000, description="The latest N pieces of evidence of each edge "
                  f"(default {EVIDENCE} in JSON, all in GraphML); each edge counts all of its "
                  "own (`evidence_count`) and links to them (`evidence_more`).")] = None,
              ) -> Any:
    """The alliance graph on `on`: members, allies and hostile pairs with their evidence."""
    if evidence is None and format == "json":
        evidence = EVIDENCE
    graph = view_of(request).alliances(on, window, focus, evidence)
    if format == "graphml":
        return Response(to_graphml(graph), media_type="application/graphml+xml",
                        headers={"Content-Disposition":
                                 f'attachment; filename="alliances-{on}.graphml"'})
    body = graph.as_dict()
    for edge in body["edges"]:
        if edge["evidence_count"] > len(edge["evidence"]):
            edge["evidence_more"] = "/api/alliances/edge?" + urlencode({
                "on": on.isoformat(), "source": edge["source"], "target": edge["target"],
                "kind": edge["kind"], "window": window})
    return JSONResponse(body)


@router.get("/alliances/edge", tags=["state"])
def alliance_edge(request: Request, on: On,
                  source: Annotated[str, Query(min_length=1, max_length=200)],
                  target: Annotated[str, Query(min_length=1, max_length=200)],
                  kind: Annotated[str, Query(
                      pattern="^(member_of|allied_with|hostile_to|split_from)$")],
                  window: Annotated[int, Query(ge=0, le=3650)] = 180,
                  limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """All the evidence of one edge of the alliance graph on `on`, a page at a time (oldest
    first): what `/alliances` lists only the latest of."""
    edge = view_of(request).alliance_edge(on, source, target, kind, window)
    if edge is None:
        raise HTTPException(404, f"no {kind} edge {source!r} -> {target!r} on {on}")
    return {**{k: v for k, v in edge.as_dict().items() if k != "evidence"},
            **page(edge.evidence[offset:offset + limit], len(edge.evidence), limit, offset)}


@router.get("/casualties", tags=["state"])
def casualties(request: Request, where: Filter,
               by: Annotated[str, Query(pattern="^(actor|place|day|week|month|year)$")]
               = "actor") -> dict[str, Any]:
    """Fatalities grouped by actor, place or period, as reported ranges (low, high)."""
    return JSONResponse(view_of(request).casualties(by, where))  # type: ignore[return-value]


@router.get("/timeline", tags=["events"])
def timeline(request: Request) -> dict[str, Any]:
    """Events and fatalities per day: the range of the map's date slider."""
    e = schema.events.c
    q = (select(e.event_date, func.count().label("events"),
                func.coalesce(func.sum(e.fatalities), 0).label("fatalities"))
         .where(e.event_date.is_not(None)).group_by(e.event_date).order_by(e.event_date))
    with view_of(request).store.read() as conn:
        days = [{"date": r.event_date.isoformat(), "events": r.events,
                 "fatalities": int(r.fatalities)} for r in conn.execute(q)]
    return {"first": days[0]["date"] if days else None,
            "last": days[-1]["date"] if days else None, "days": days}


@router.get("/admin-areas", tags=["places"])
def admin_areas(request: Request,
                level: Annotated[int, Query(ge=0, le=4)] = 1) -> dict[str, Any]:
    """Admin boundaries loaded into the gazetteer, simplified for the map (GeoJSON)."""
    cache = request.app.state.cache
    key = ("admin-areas", level)
    if key not in cache:
        a = schema.admin_areas.c
        with view_of(request).store.read() as conn:
            rows = list(conn.execute(select(a.id, a.name, a.parent, a.geometry)
                                     .where(a.level == level).order_by(a.id)))
        features = [{"type": "Feature", "id": r.id, "properties": {
            "id": r.id, "name": r.name, "parent": r.parent}, "geometry": simplify(r.geometry)}
            for r in rows]
        loaded = {r.id for r in rows}  # the embedded packs' areas, where none is loaded
        features += [{"type": "Feature", "id": a["id"], "properties": {
            "id": a["id"], "name": a["name"], "parent": a["parent"]},
            "geometry": a["geometry"]} for a in pack_admin_areas(level) if a["id"] not in loaded]
        cache[key] = {"type": "FeatureCollection", "features": features}
    return cache[key]


@router.get("/settings", tags=["meta"])
def ui_settings(request: Request) -> dict[str, Any]:
    """What the web pages need to know: the optional online tile layer, ingest availability."""
    return {"tile_url": request.app.state.tile_url,
            "ingest_enabled": bool(request.app.state.settings.api_token)}


def simplify(geometry: dict[str, Any], step: float = 0.005) -> dict[str, Any]:
    """Round coordinates to `step` degrees and drop repeated points (enough for a map)."""

    def ring(points: list[list[float]]) -> list[list[float]]:
        out: list[list[float]] = []
        for x, y, *_ in points:
            pt = [round(round(x / step) * step, 4), round(round(y / step) * step, 4)]
            if not out or out[-1] != pt:
                out.append(pt)
        if len(out) < 4:
            out = [[round(x, 4), round(y, 4)] for x, y, *_ in points]
        return out

    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        return {"type": kind, "coordinates": [ring(r) for r in coords or []]}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": [[ring(r) for r in poly] for poly in coords or []]}
    return geometry
