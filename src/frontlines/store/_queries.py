"""Query helpers shared by the Store: event filters, claims by event and by group."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import JSON, Connection, Table, delete, func, insert, select, text

from frontlines.model import Claim, Event
from frontlines.store import schema
from frontlines.store._rows import event_row
from frontlines.store.codec import from_dict
from frontlines.store.edits import apply_edits


@dataclass(frozen=True)
class EventFilter:
    """Filters shared by `frontlines events`, the exports and the API."""

    date_from: date | None = None
    date_to: date | None = None
    event_type: str | None = None  # matches event_type or sub_event_type, case-insensitive
    actor: str | None = None  # actor id or a substring of the actor's name
    place: str | None = None  # place id or a substring of the location name
    text: str | None = None  # substring of notes / evidence
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    include_background: bool = True
    limit: int | None = None
    offset: int = 0


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert many rows (each with the same keys): PostgreSQL COPY, several times faster than
    INSERTs for the hundreds of thousands of rows a state rebuild writes; INSERTs elsewhere.
    JSON values are written as `json.dumps` text, as the JSON column type writes them."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), list(rows))
        return
    cols = list(rows[0])
    as_json = [isinstance(table.c[c].type, JSON) for c in cols]
    raw = conn.connection.driver_connection
    with raw.cursor() as cur, cur.copy(  # type: ignore[union-attr]
            f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([json.dumps(row[c]) if j and row[c] is not None else row[c]
                            for c, j in zip(cols, as_json, strict=True)])


def claims_by_event(conn: Connection, event_ids: list[str]) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = {}
    if not event_ids:
        return out
    ec, c = schema.event_claims, schema.claims
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        q = (
            select(ec.c.event_id, c.c.data)
            .join(c, c.c.id == ec.c.claim_id)
            .where(ec.c.event_id.in_(chunk))
            .order_by(c.c.doc_id, c.c.sentence)
        )
        for row in conn.execute(q):
            out.setdefault(row.event_id, []).append(from_dict(Claim, row.data))
    return out


def claims_in_groups(
    conn: Connection, groups: Iterable[str], skip: frozenset[str] = frozenset()
) -> tuple[list[Claim], set[str]]:
    """Stored claims of these groups, except the ids in `skip` (claims the caller holds), and
    the groups those claims belong to."""
    groups = list(groups)
    out: list[Claim] = []
    found: set[str] = set()
    c = schema.claims.c
    for start in range(0, len(groups), 500):
        q = select(c.id, c.group_key, c.data).where(c.group_key.in_(groups[start : start + 500]))
        for row in conn.execute(q):
            if row.id not in skip:
                out.append(from_dict(Claim, row.data))
                found.add(row.group_key)
    return out, found


def lock_keys(conn: Connection, keys: Iterable[str]) -> None:
    """PostgreSQL: take a transaction-scoped advisory lock per key (content hashes, claim
    groups), in one global order so two writers never deadlock. A second writer touching the
    same document or group waits until the first commits, then reads what it wrote: exactly
    once by content hash, and consolidation of a group sees every committed claim."""
    ids = sorted({int.from_bytes(hashlib.sha256(k.encode("utf-8")).digest()[:8], "big",
                                 signed=True) for k in keys})
    for lock in ids:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock})


def linked_groups(conn: Connection, groups: set[str]) -> set[str]:
    """`groups` and the groups of every claim that shares an event with their claims (an
    analyst's merge joins claims of two groups): groups that must be rebuilt together."""
    c1, c2 = schema.claims.alias("c1"), schema.claims.alias("c2")
    ec1, ec2 = schema.event_claims.alias("ec1"), schema.event_claims.alias("ec2")
    found, todo = set(groups), set(groups)
    while todo:
        keys = list(todo)
        todo = set()
        for start in range(0, len(keys), 500):
            q = (select(c2.c.group_key).distinct()
                 .select_from(c1.join(ec1, ec1.c.claim_id == c1.c.id)
                              .join(ec2, ec2.c.event_id == ec1.c.event_id)
                              .join(c2, c2.c.id == ec2.c.claim_id))
                 .where(c1.c.group_key.in_(keys[start:start + 500]),
                        c2.c.group_key.is_not(None)))
            todo |= set(conn.scalars(q)) - found
        found |= todo
    return found


def replace_group_events(conn: Connection, groups: set[str], events: Sequence[Event]) -> None:
    """Delete the events of claims in `groups` (groups that had stored events), insert `events`."""
    e, ec, c = schema.events, schema.event_claims, schema.claims
    keys = list(groups)
    for start in range(0, len(keys), 500):
        stale = (
            select(ec.c.event_id)
            .join(c, c.c.id == ec.c.claim_id)
            .where(c.c.group_key.in_(keys[start : start + 500]))
        )
        stale_ids = list(set(conn.scalars(stale)))
        for i in range(0, len(stale_ids), 500):
            chunk = stale_ids[i : i + 500]
            conn.execute(delete(ec).where(ec.c.event_id.in_(chunk)))
            conn.execute(delete(e).where(e.c.id.in_(chunk)))
    rows = list({ev.id: event_row(ev) for ev in events}.values())
    if rows:
        conn.execute(insert(e), rows)
        links = list(
            {
                (ev.id, cl.id): {"event_id": ev.id, "claim_id": cl.id}
                for ev in events
                for cl in ev.claims
            }.values()
        )
        conn.execute(insert(ec), links)
    apply_edits(conn, {cl.id for ev in events for cl in ev.claims})  # corrections outlive this


def apply_filter(q: Any, f: EventFilter) -> Any:
    e = schema.events.c
    if f.date_from:
        q = q.where(e.event_date >= f.date_from)
    if f.date_to:
        q = q.where(e.event_date <= f.date_to)
    if f.event_type:
        t = f.event_type.lower()
        q = q.where((func.lower(e.event_type) == t) | (func.lower(e.sub_event_type) == t))
    if f.actor:
        a = f.actor.lower()
        like = f"%{a}%"
        q = q.where(
            (e.actor1_id == f.actor)
            | (e.actor2_id == f.actor)
            | func.lower(e.actor1).like(like)
            | func.lower(e.actor2).like(like)
        )
    if f.place:
        like = f"%{f.place.lower()}%"
        q = q.where(
            (e.place_id == f.place)
            | func.lower(e.location).like(like)
            | func.lower(e.admin1).like(like)
        )
    if f.text:
        like = f"%{f.text.lower()}%"
        q = q.where(func.lower(e.notes).like(like))
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        q = q.where(e.longitude.between(min_lon, max_lon), e.latitude.between(min_lat, max_lat))
    if not f.include_background:
        q = q.where(e.background.is_(False))
    return q
