"""Territory as areas: the control of places on a date drawn as polygons and front lines.

Each place with a known state is a seed; its Voronoi cell (the land nearer to it than to any
other place) is clipped to the land the admin polygons cover and to `radius_km` around the
place, so a lone village does not colour a province. Cells of one controller are dissolved into
one area; contested cells stay one per place (drawn hatched); cells of places whose state is
unknown are left blank. A front line is drawn where the cells of two controllers that are not
allied meet, or where a cell one holds meets a cell that it and the other contest (the line
of contact). Geometry is shapely's; the output is RFC 7946 GeoJSON (WGS 84 lon/lat, exterior
rings counter-clockwise, holes clockwise, no `crs`, six decimals).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

import shapely
from shapely.geometry import MultiPoint, Point, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from frontlines.model import ActorRef
from frontlines.state.control import ControlState

__all__ = ["areas_on", "control_areas", "land_outline", "store_land"]

PRECISION = 1e-6  # about 10 cm: six decimals, the most RFC 7946 suggests
_KM_PER_DEGREE = 111.32
_TOUCH = 1e-6  # degrees: cells closer than this touch
_SLIVER = 1e-4  # degrees (about 10 m): shorter bits of shared outline are clipping noise


def land_outline(geometries: Iterable[dict[str, Any]]) -> BaseGeometry | None:
    """The union of admin polygons (GeoJSON geometries), or None when there are none."""
    shapes = []
    for g in geometries:
        try:
            s = shape(g)
        except (ValueError, TypeError, AttributeError, KeyError):
            continue
        if not s.is_empty:
            shapes.append(s if s.is_valid else shapely.make_valid(s))
    if not shapes:
        return None
    return shapely.union_all(shapes).simplify(0.002)


def _key(ref: ActorRef | None) -> str:
    return "" if ref is None else (ref.id or ref.name)


def _disc(lon: float, lat: float, radius_km: float) -> BaseGeometry:
    """A circle of `radius_km` around a point, as an ellipse in degrees."""
    r = radius_km / _KM_PER_DEGREE
    circle = Point(0, 0).buffer(1.0, 32)
    stretch = 1 / max(math.cos(math.radians(lat)), 0.05)
    return shapely.affinity.affine_transform(circle, [r * stretch, 0, 0, r, lon, lat])


def _cells(states: Sequence[ControlState], land: BaseGeometry | None,
           radius_km: float) -> list[BaseGeometry]:
    points = [(s.lon, s.lat) for s in states]
    if len(points) == 1:
        raw = [_disc(*points[0], radius_km * 2)]
    else:
        hull = MultiPoint(points).envelope.buffer(1.0)
        found = shapely.voronoi_polygons(MultiPoint(points), extend_to=hull, ordered=True)
        raw = list(found.geoms)
    cells = []
    for (lon, lat), cell in zip(points, raw, strict=True):
        cell = cell.intersection(_disc(lon, lat, radius_km))
        if land is not None:
            cell = cell.intersection(land)
        cells.append(_polygonal(cell))
    return cells


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygon parts of a geometry (an intersection may add lines and points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _rfc7946(geom: BaseGeometry) -> dict[str, Any] | None:
    """GeoJSON geometry with the RFC's winding (right-hand rule) and six decimals."""
    geom = shapely.set_precision(geom, PRECISION)
    if geom.is_empty:
        return None
    if geom.geom_type == "Polygon":
        geom = orient(geom, 1.0)
    elif geom.geom_type == "MultiPolygon":
        geom = shapely.MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    elif geom.geom_type == "GeometryCollection":
        lines = [g for g in geom.geoms if g.geom_type in ("LineString", "MultiLineString")]
        if not lines:
            return None
        geom = shapely.line_merge(shapely.union_all(lines))
    return _lists(mapping(geom))


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    if isinstance(value, float):
        return round(value, 6)
    return value


def _actor(ref: ActorRef | None) -> dict[str, Any] | None:
    return None if ref is None else {"id": ref.id, "name": ref.name}


def control_areas(
    states: Iterable[ControlState],
    on: date,
    land: BaseGeometry | None = None,
    *,
    radius_km: float = 12.0,
    allied: Callable[[str, str], bool] | None = None,
    region: str | None = None,
) -> dict[str, Any]:
    """Areas held (one feature per controller), contested (one per place) and the front lines
    between controllers that are not `allied`, as a GeoJSON FeatureCollection."""
    placed = [s for s in states if s.lat is not None and s.lon is not None]
    unique: dict[tuple[float, float], ControlState] = {}
    for s in placed:  # two names at one point: the first (by name) draws the cell
        unique.setdefault((round(s.lon or 0, 6), round(s.lat or 0, 6)), s)
    seeds = list(unique.values())
    cells = _cells(seeds, land, radius_km) if seeds else []
    features: list[dict[str, Any]] = []
    held: dict[str, list[int]] = {}
    for i, s in enumerate(seeds):
        if s.status == "held" and s.controller is not None:
            held.setdefault(_key(s.controller), []).append(i)
    for key, idx in sorted(held.items()):
        geometry = _rfc7946(shapely.union_all([cells[i] for i in idx]))
        if geometry is None:
            continue
        controller = seeds[idx[0]].controller
        features.append({"type": "Feature", "id": f"held:{key}", "geometry": geometry,
                         "properties": {"kind": "area", "status": "held",
                                        "controller": _actor(controller),
                                        "places": sorted(seeds[i].name for i in idx),
                                        "place_ids": sorted(seeds[i].place_id for i in idx)}})
    for i, s in enumerate(seeds):
        if s.status != "contested":
            continue
        geometry = _rfc7946(cells[i])
        if geometry is not None:
            features.append({"type": "Feature", "id": f"contested:{s.place_id}",
                             "geometry": geometry,
                             "properties": {"kind": "area", "status": "contested",
                                            "controller": _actor(s.controller),
                                            "contenders": [_actor(a) for a in s.contenders],
                                            "places": [s.name], "place_ids": [s.place_id]}})
    features.extend(_fronts(seeds, cells, allied))
    return {"type": "FeatureCollection", "features": features}


def _fronts(seeds: Sequence[ControlState], cells: Sequence[BaseGeometry],
            allied: Callable[[str, str], bool] | None) -> list[dict[str, Any]]:
    """Lines where a cell held by A meets one held by B, or one that B contests (the line of
    contact), for A and B not allied."""
    if len(cells) < 2:
        return []
    refs: dict[str, ActorRef] = {}
    for s in seeds:
        for ref in (s.controller, *s.contenders):
            if ref is not None:
                refs.setdefault(_key(ref), ref)
    holder = [_key(s.controller) if s.status == "held" and s.controller else None
              for s in seeds]
    fighting = [{_key(a) for a in s.contenders} if s.status == "contested" else set()
                for s in seeds]
    segments: dict[tuple[str, str], list[BaseGeometry]] = {}
    tree = shapely.STRtree(list(cells))
    grown = [c.buffer(_TOUCH) for c in cells]
    for i, j in zip(*tree.query(grown, predicate="intersects"), strict=True):
        if i == j or holder[i] is None:
            continue
        a = holder[i]
        if holder[j] is not None:
            if i > j:
                continue  # a held-held pair is seen from both sides: once is enough
            others = {holder[j]}
        else:  # a contested cell is a line of contact only for a holder fighting there
            others = fighting[j] if a in fighting[j] else set()
        enemies = {b for b in others if b and b != a and not (allied and allied(a, b))}
        if not enemies:
            continue
        # the part of i's outline along j (within a hair: clipping moves vertices a little)
        shared = cells[i].boundary.intersection(cells[j].buffer(_TOUCH))
        lines = [g for g in getattr(shared, "geoms", [shared])
                 if g.geom_type in ("LineString", "MultiLineString") and g.length > _SLIVER]
        for b in enemies:
            segments.setdefault((min(a, b), max(a, b)), []).extend(lines)
    out = []
    for (a, b), lines in sorted(segments.items()):
        if not lines:
            continue
        merged = shapely.line_merge(shapely.union_all(lines)).simplify(_SLIVER / 10)
        parts = [g for g in getattr(merged, "geoms", [merged]) if g.length > _SLIVER]
        if not parts:
            continue
        geometry = _rfc7946(shapely.line_merge(shapely.MultiLineString(parts)))
        if geometry is None or geometry["type"] not in ("LineString", "MultiLineString"):
            continue
        out.append({"type": "Feature", "id": f"front:{a}|{b}", "geometry": geometry,
                    "properties": {"kind": "front",
                                   "between": [_actor(refs[a]), _actor(refs[b])]}})
    return out


def store_land(store: Any) -> BaseGeometry | None:
    """The land outline from a store's admin polygons (the coarsest level loaded)."""
    from sqlalchemy import func, select

    from frontlines.store import schema

    a = schema.admin_areas.c
    with store.read() as conn:
        level = conn.scalar(select(func.min(a.level)))
        if level is None:
            return None
        rows = conn.execute(select(a.geometry).where(a.level == level))
        return land_outline(r.geometry for r in rows)


def areas_on(view: Any, on: date, region: str | None = None, *,
             land: BaseGeometry | None = None, radius_km: float = 12.0) -> dict[str, Any]:
    """`control_areas` for a `ConflictState` on a date: its control states, the store's land
    outline (pass `land` to reuse one) and its alliance graph (allies share no front line)."""
    states = view.control(on, region)
    if land is None:
        land = store_land(view.store)
    graph = view.alliances(on, focus=True, evidence=0)  # the edges alone
    friendly = {frozenset((e.source, e.target)) for e in graph.edges
                if e.kind in ("member_of", "allied_with")}
    result = control_areas(states, on, land, radius_km=radius_km,
                           allied=lambda a, b: frozenset((a, b)) in friendly)
    return {**result, "on": on.isoformat(), "region": region}
