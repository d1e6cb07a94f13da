"""Gazetteer rows in the store: places with their names, and admin-area polygons.

Loaders upsert through these functions (a reload replaces a place's row and adds its names, so
loading the same file twice changes nothing); `Gazetteer.from_store` reads them back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from frontlines.model import Place
from frontlines.names import name_key
from frontlines.store import Store, schema

__all__ = [
    "AdminArea",
    "add_place_names",
    "iter_places",
    "save_admin_areas",
    "save_places",
    "stored_admin_areas",
]

_BATCH = 2000

AdminArea = dict[str, Any]  # id, name, level, country, parent, geometry


def _place_row(p: Place) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "kind": p.kind,
        "country": p.country, "admin1": p.admin1, "admin2": p.admin2, "admin3": p.admin3,
        "population": p.population, "source": p.source[:80],
    }


def _name_rows(p: Place) -> list[dict[str, Any]]:
    seen: set[str] = set()
    rows = []
    for name in (p.name, *p.names):
        name = name.strip()
        if not name or name in seen:
            continue
        seen.add(name)
        rows.append({"place_id": p.id, "name": name, "key": name_key(name)[:200]})
    return rows


def _write_batch(conn: Connection, batch: list[Place]) -> None:
    ids = [p.id for p in batch]
    t, n = schema.places, schema.place_names
    known = {
        (r.place_id, r.name)
        for r in conn.execute(select(n.c.place_id, n.c.name).where(n.c.place_id.in_(ids)))
    }
    existing = set(conn.scalars(select(t.c.id).where(t.c.id.in_(ids))))
    fresh = [_place_row(p) for p in batch if p.id not in existing]
    if fresh:
        conn.execute(insert(t), fresh)
    for p in batch:
        if p.id in existing:
            conn.execute(t.update().where(t.c.id == p.id).values(**_place_row(p)))
    names = [r for p in batch for r in _name_rows(p) if (r["place_id"], r["name"]) not in known]
    if names:
        conn.execute(insert(n), names)


def save_places(
    store: Store, places: Iterable[Place], progress: Any = None
) -> int:
    """Upsert places and add their names (idempotent). `progress(n)` is called per batch with
    the number of places written. Returns the number of places written."""
    total = 0
    batch: dict[str, Place] = {}

    def flush() -> None:
        nonlocal total
        if not batch:
            return
        with store.transaction() as conn:
            _write_batch(conn, list(batch.values()))
        total += len(batch)
        if progress is not None:
            progress(len(batch))
        batch.clear()

    for place in places:
        prior = batch.get(place.id)
        if prior is not None:  # the same id twice in one file: keep every name
            place = _merge(prior, place)
        batch[place.id] = place
        if len(batch) >= _BATCH:
            flush()
    flush()
    return total


def _merge(a: Place, b: Place) -> Place:
    names = tuple(dict.fromkeys((*a.names, *b.names, b.name)))
    return Place(**{**{f: getattr(b, f) for f in Place.__slots__}, "names": names})


def add_place_names(store: Store, names: Iterable[tuple[str, str]]) -> int:
    """Add (place_id, name) pairs for places already stored; others are skipped. Idempotent.
    Returns the number of names added."""
    t, n = schema.places, schema.place_names
    with store.read() as conn:
        ids = set(conn.scalars(select(t.c.id)))
        known = {(r.place_id, r.name) for r in conn.execute(select(n.c.place_id, n.c.name))}
    rows: list[dict[str, Any]] = []
    added = 0
    for place_id, name in names:
        if place_id not in ids or (place_id, name) in known:
            continue
        known.add((place_id, name))
        rows.append({"place_id": place_id, "name": name, "key": name_key(name)[:200]})
        if len(rows) >= _BATCH:
            with store.transaction() as conn:
                conn.execute(insert(n), rows)
            added += len(rows)
            rows = []
    if rows:
        with store.transaction() as conn:
            conn.execute(insert(n), rows)
        added += len(rows)
    return added


def iter_places(store: Store) -> Iterator[Place]:
    """Every stored place with all its names."""
    t, n = schema.places, schema.place_names
    with store.read() as conn:
        names: dict[str, list[str]] = {}
        for row in conn.execute(select(n.c.place_id, n.c.name)):
            names.setdefault(row.place_id, []).append(row.name)
        for r in conn.execute(select(t)):
            yield Place(
                id=r.id, name=r.name, lat=r.lat, lon=r.lon, kind=r.kind, country=r.country,
                admin1=r.admin1, admin2=r.admin2, admin3=r.admin3, population=r.population,
                names=tuple(x for x in names.get(r.id, ()) if x != r.name), source=r.source,
            )


def save_admin_areas(store: Store, areas: Iterable[AdminArea]) -> int:
    """Upsert admin-area polygons (id, name, level, country, parent, geometry)."""
    rows = list(areas)
    if not rows:
        return 0
    t = schema.admin_areas
    with store.transaction() as conn:
        for start in range(0, len(rows), 200):
            chunk = rows[start : start + 200]
            conn.execute(delete(t).where(t.c.id.in_([r["id"] for r in chunk])))
            conn.execute(insert(t), chunk)
    return len(rows)


def stored_admin_areas(
    store: Store, level: int | None = None, country: str | None = None
) -> list[AdminArea]:
    """Admin areas with their GeoJSON geometry (for the map)."""
    t = schema.admin_areas
    q = select(t).order_by(t.c.level, t.c.id)
    if level is not None:
        q = q.where(t.c.level == level)
    if country is not None:
        q = q.where(t.c.country == country)
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]
