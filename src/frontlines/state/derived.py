"""Materialised per-event state, so that control, alliances and casualties read indexed rows
instead of assessing or replaying every event per request.

`state_events` holds, per event, its sources basis (claimed | assessed | disputed, from its
corroboration status: state/disputes.py) and its toll (state/casualties.py). `state_actors`
holds every actor events name, with its earliest event date.

**Units.** An event's corroboration status (sources/corroboration.py) depends only on the events
it can be paired with: events at the same town with overlapping day spans (disputes and one
incident's tolls are looked for among those), and events coded from the same sentence (a
sentence's toll and a disputed sentence are shared). The connected components of those two
relations are the *units*: assessing a unit alone gives each of its events the status that
assessing every event gives it. The unit's `horizon` is its latest event date. The control
view asks for the basis "as of" a date `on`, over the events dated up to `on` only; when the
unit's horizon is on or before `on` that is the stored basis, otherwise (a few places whose
state changed in the last days before `on`) the unit's events dated up to `on` are assessed on
the spot. Either way the answer is the one assessing every event up to `on` gives.

Kept current incrementally like control (state/materialised.py): `refresh(store, kb)`
recomputes the units of the events written since its watermark (and the units they belonged
to); `rebuild(store, kb)` recomputes everything (`frontlines state rebuild`) and gives the same
rows. The statuses depend on the actor knowledge base (who is on which side), so the rows
record a fingerprint of the knowledge they were computed with, and a different knowledge base
rebuilds them. An event deleted without any event of its unit being rewritten keeps a stale row
until `rebuild` (it is never read: rows are read by the ids of live events).
"""

from __future__ import annotations

import hashlib
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import case, delete, func, insert, select, update

from frontlines.model import Event, TimePrecision
from frontlines.names import name_key
from frontlines.sources import assess_stored
from frontlines.state.alliances import Battle
from frontlines.state.casualties import Toll, event_toll
from frontlines.state.disputes import control_basis
from frontlines.store import EventFilter, Store, schema
from frontlines.store._queries import apply_filter, claims_by_event, insert_rows, lock_keys
from frontlines.store._rows import event_columns, event_from_row
from frontlines.store.live_schema import state_actors, state_events, state_meta

__all__ = ["StoredBasis", "basis_from", "basis_on", "battles_between", "event_actors", "rebuild",
           "refresh", "tolls"]

_WATERMARK = "derived_watermark"
_KNOWLEDGE = "derived_knowledge"
_REFRESH = threading.Lock()
_SLACK = timedelta(seconds=60)
_FULL = 50_000  # a refresh touching more events than this rebuilds instead
_CHUNK = 500
_fingerprints: dict[int, tuple[Any, str]] = {}


# ------------------------------------------------------------------------ units


@dataclass(frozen=True)
class _Row:
    """An event's columns: enough to find its unit without reading its record."""

    id: str
    bucket: str | None  # the town it can be paired at (sources/disputes.py `_place_key`)
    start: date | None  # its day span, a day either side (paired events overlap)
    end: date | None
    date: date | None


def _bucket(r: Any) -> str | None:
    """sources/disputes.py `_place_key`, from the event's columns."""
    if r.place_id is None and r.location is None:
        return None
    if r.geo_precision is not None and r.geo_precision >= 3:
        return None
    name = name_key(r.location or "")
    if name and name in {name_key(a) for a in (r.admin1, r.admin2) if a}:
        return None
    if r.place_id:
        return str(r.place_id)
    return f"name:{name}" if name else None


def _row(r: Any) -> _Row:
    bucket = _bucket(r)
    if bucket is None or r.event_date is None or r.background \
            or r.time_precision != int(TimePrecision.DAY):
        return _Row(r.id, None, None, None, r.event_date)
    end = r.date_end or r.event_date
    return _Row(r.id, bucket, r.event_date - timedelta(days=1), end + timedelta(days=1),
                r.event_date)


def _columns() -> Any:
    e = schema.events.c
    return select(e.id, e.place_id, e.location, e.admin1, e.admin2, e.geo_precision,
                  e.event_date, e.date_end, e.time_precision, e.background)


def _rows_where(conn: Any, where: Any) -> list[_Row]:
    return [_row(r) for r in conn.execute(_columns().where(where))]


def _rows_by_id(conn: Any, ids: Iterable[str]) -> list[_Row]:
    ids = sorted(set(ids))
    out: list[_Row] = []
    for start in range(0, len(ids), _CHUNK):
        out.extend(_rows_where(conn, schema.events.c.id.in_(ids[start:start + _CHUNK])))
    return out


def _sentences(conn: Any, ids: Sequence[str] | None) -> dict[str, set[tuple[str, int]]]:
    """event id -> the (document, sentence) of each of its claims (all events when None)."""
    ec, c = schema.event_claims.c, schema.claims.c
    q = select(ec.event_id, c.doc_id, c.sentence).join(schema.claims, c.id == ec.claim_id)
    out: dict[str, set[tuple[str, int]]] = defaultdict(set)
    chunks = [None] if ids is None else [list(ids[i:i + _CHUNK])
                                         for i in range(0, len(ids), _CHUNK)]
    for chunk in chunks:
        where = q if chunk is None else q.where(ec.event_id.in_(chunk))
        for r in conn.execute(where):
            out[r.event_id].add((r.doc_id, r.sentence))
    return out


def _units(rows: Iterable[_Row], sentences: dict[str, set[tuple[str, int]]]) -> dict[str, str]:
    """event id -> its unit (the smallest event id of its connected component)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    buckets: dict[str, list[tuple[date, date, str]]] = defaultdict(list)
    for r in rows:
        parent[r.id] = r.id
        if r.bucket is not None:
            buckets[r.bucket].append((r.start, r.end, r.id))  # type: ignore[arg-type]
    for spans in buckets.values():  # overlapping day spans at one town, chained
        spans.sort()
        reach: date | None = None
        prev = ""
        for start, end, eid in spans:
            if reach is not None and start <= reach:
                union(prev, eid)
                reach = max(reach, end)
            else:
                reach = end
            prev = eid
    first: dict[tuple[str, int], str] = {}
    for eid in parent:  # one sentence coding several events
        for key in sentences.get(eid, ()):
            if key in first:
                union(first[key], eid)
            else:
                first[key] = eid
    return {eid: root(eid) for eid in parent}


def _closure(conn: Any, seeds: set[str]
             ) -> tuple[list[_Row], dict[str, set[tuple[str, int]]], set[str]]:
    """Every event in the units of `seeds` now, and in the units they were in before: a union
    of whole units (rows and sentences), and the units they were in."""
    e, ec, c = schema.events.c, schema.event_claims.c, schema.claims.c
    s = state_events.c
    rows: dict[str, _Row] = {}
    sentences: dict[str, set[tuple[str, int]]] = {}
    seen_units: set[str] = set()
    todo = set(seeds)
    while todo:
        batch = sorted(todo)
        todo = set()
        for start in range(0, len(batch), _CHUNK):  # the units they were in
            chunk = batch[start:start + _CHUNK]
            units = set(conn.scalars(select(s.unit).where(s.event_id.in_(chunk)))) - seen_units
            seen_units |= units
            ulist = sorted(units)
            for i in range(0, len(ulist), _CHUNK):
                todo |= set(conn.scalars(select(s.event_id).where(
                    s.unit.in_(ulist[i:i + _CHUNK]))))
        found = _rows_by_id(conn, batch)
        for r in found:
            rows[r.id] = r
        new_sentences = _sentences(conn, [r.id for r in found])
        sentences.update(new_sentences)
        keys = {k for v in new_sentences.values() for k in v}
        docs = sorted({d for d, _ in keys})
        for start in range(0, len(docs), _CHUNK):  # the same sentence
            q = (select(ec.event_id, c.doc_id, c.sentence)
                 .join(schema.claims, c.id == ec.claim_id)
                 .where(c.doc_id.in_(docs[start:start + _CHUNK])))
            todo |= {r.event_id for r in conn.execute(q) if (r.doc_id, r.sentence) in keys}
        spans: dict[str, list[_Row]] = defaultdict(list)
        for r in found:
            if r.bucket is not None:
                spans[r.bucket].append(r)
        by_place = sorted(k for k in spans if not k.startswith("name:"))
        for start in range(0, len(by_place), _CHUNK):  # the same town, overlapping spans
            chunk = by_place[start:start + _CHUNK]
            lo = min(r.start for k in chunk for r in spans[k])  # type: ignore[type-var]
            hi = max(r.end for k in chunk for r in spans[k])  # type: ignore[type-var]
            todo |= _near(conn, e.place_id.in_(chunk), lo, hi, spans)
        named = [r for k, v in spans.items() if k.startswith("name:") for r in v]
        if named:
            lo = min(r.start for r in named)  # type: ignore[type-var]
            hi = max(r.end for r in named)  # type: ignore[type-var]
            todo |= _near(conn, e.place_id.is_(None), lo, hi, spans)
        todo -= rows.keys()
    return sorted(rows.values(), key=lambda r: r.id), sentences, seen_units


def _near(conn: Any, where: Any, lo: date, hi: date, spans: dict[str, list[_Row]]) -> set[str]:
    """Events at the towns of `spans` whose day span overlaps one of theirs."""
    e = schema.events.c
    out: set[str] = set()
    q = where & (e.event_date <= hi + timedelta(days=1)) & \
        (func.coalesce(e.date_end, e.event_date) >= lo - timedelta(days=1))
    for r in _rows_where(conn, q):
        if r.bucket is None or r.bucket not in spans:
            continue
        if any(r.start <= x.end and x.start <= r.end  # type: ignore[operator]
               for x in spans[r.bucket]):
            out.add(r.id)
    return out


# ------------------------------------------------------------------------ computing rows


def _events_of(conn: Any, where: Any) -> list[Event]:
    e = schema.events.c
    rows = list(conn.execute(select(e.id, e.data).where(where)))
    claims = claims_by_event(conn, [r.id for r in rows])
    return [event_from_row(r.data, claims.get(r.id, ())) for r in rows]


def _load(store: Store, ids: Sequence[str], where: Any = None) -> list[Event]:
    e = schema.events.c
    out: list[Event] = []
    with store.read() as conn:
        for start in range(0, len(ids), _CHUNK):
            cond = e.id.in_(list(ids[start:start + _CHUNK]))
            out.extend(_events_of(conn, cond if where is None else cond & where))
    out.sort(key=lambda ev: (ev.date or date.min, ev.id))
    return out


def _compute(store: Store, kb: Any, rows: Sequence[_Row],
             sentences: dict[str, set[tuple[str, int]]], batch: int = 5000,
             given: dict[str, Event] | None = None) -> Iterator[list[dict[str, Any]]]:
    """state_events rows for whole units, a batch of units at a time (the events read from
    the store, or taken from `given`)."""
    units = _units(rows, sentences)
    members: dict[str, list[_Row]] = defaultdict(list)
    for r in rows:
        members[units[r.id]].append(r)
    horizon: dict[str, date | None] = {}
    for unit, rs in members.items():
        dates = [r.date for r in rs]
        horizon[unit] = None if any(d is None for d in dates) else max(dates)  # type: ignore[type-var]
    pending: list[str] = []
    for unit in sorted(members):
        pending.extend(r.id for r in members[unit])
        if len(pending) >= batch:
            yield _assessed(store, kb, pending, units, horizon, given)
            pending = []
    if pending:
        yield _assessed(store, kb, pending, units, horizon, given)


def _assessed(store: Store, kb: Any, ids: list[str], units: dict[str, str],
              horizon: dict[str, date | None], given: dict[str, Event] | None = None
              ) -> list[dict[str, Any]]:
    if given is None:
        events = _load(store, ids)
    else:  # as `_load` orders them
        events = sorted((given[i] for i in ids), key=lambda ev: (ev.date or date.min, ev.id))
    report = assess_stored(store, events, kb)
    out = []
    for ev in events:
        low, high, open_ended = event_toll(ev)
        a = report.assessments.get(ev.id)
        unit = units[ev.id]
        out.append({"event_id": ev.id, "unit": unit, "horizon": horizon[unit],
                    "status": a.status if a else "single_source", "basis": control_basis(a),
                    "low": low, "high": high, "open_ended": open_ended})
    return out


def _actor_rows(conn: Any, where: Any = None) -> dict[str, tuple[str, date | None]]:
    e = schema.events.c
    found: dict[str, tuple[str, date | None]] = {}
    for id_col, name_col in ((e.actor1_id, e.actor1), (e.actor2_id, e.actor2)):
        q = (select(id_col, func.min(name_col), func.min(e.event_date))
             .where(id_col.is_not(None), id_col != "").group_by(id_col))
        if where is not None:
            q = q.where(where)
        for actor_id, name, first in conn.execute(q):
            _merge_actor(found, actor_id, name, first)
    return found


def _merge_actor(found: dict[str, tuple[str, date | None]], actor_id: str, name: str | None,
                 first: date | None) -> None:
    name = name or actor_id  # as ConflictState.actors names an actor with no name
    known = found.get(actor_id)
    if known is None:
        found[actor_id] = (name, first)
        return
    dates = [d for d in (known[1], first) if d is not None]
    found[actor_id] = (min(known[0], name), min(dates) if dates else None)


# ------------------------------------------------------------------------ maintenance


def _fingerprint(kb: Any) -> str:
    """What the statuses depend on in the knowledge base: its actors and relations."""
    if kb is None:
        return "none"
    cached = _fingerprints.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    h = hashlib.sha256()
    for a in sorted(kb.actors(), key=lambda a: a.id):  # the same in every process
        h.update(repr((a.id, a.name, a.inter, a.kind, a.country, a.provisional,
                       sorted(a.aliases), a.active_from, a.active_to)).encode())
    for r in sorted(kb.relations(), key=repr):
        h.update(repr(r).encode())
    value = h.hexdigest()[:32]
    _fingerprints[id(kb)] = (kb, value)
    return value


def _meta(conn: Any, key: str) -> str | None:
    return conn.scalar(select(state_meta.c.value).where(state_meta.c.key == key))


def _set_meta(conn: Any, values: dict[str, str]) -> None:
    conn.execute(delete(state_meta).where(state_meta.c.key.in_(list(values))))
    conn.execute(insert(state_meta), [{"key": k, "value": v} for k, v in values.items()])


def _latest(conn: Any) -> datetime | None:
    return conn.scalar(select(func.max(schema.events.c.updated_at)))


def _insert(conn: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), 50_000):
        insert_rows(conn, state_events, rows[start:start + 50_000])


def rebuild(store: Store, kb: Any = None, events: Iterable[Event] | None = None) -> int:
    """Recompute every event's row and the actors from every event. Returns the events.

    `events`: every event of the store with its claims, as the caller holds them (a bulk
    load that has just written them): the same rows, without reading the events back."""
    given: dict[str, Event] | None = None
    with store.read() as conn:
        at = _latest(conn)
        if events is None:
            rows = _rows_where(conn, schema.events.c.id.is_not(None))
            sentences = _sentences(conn, None)
        else:
            given = {ev.id: ev for ev in events}
            rows = [_row(SimpleNamespace(**event_columns(ev))) for ev in given.values()]
            sentences = {ev.id: {(c.doc_id, c.sentence) for c in ev.claims}
                         for ev in given.values() if ev.claims}
        actors = _actor_rows(conn)
    computed = [r for batch in _compute(store, kb, rows, sentences, given=given)
                for r in batch]
    with store.transaction() as conn:
        if conn.dialect.name == "postgresql":
            lock_keys(conn, ["frontlines:state_events"])
        conn.execute(delete(state_events))
        conn.execute(delete(state_actors))
        _insert(conn, computed)
        actor_rows = [{"actor_id": k, "name": v[0], "first_date": v[1]}
                      for k, v in sorted(actors.items())]
        insert_rows(conn, state_actors, actor_rows)
        _set_meta(conn, {_WATERMARK: at.isoformat() if at else "",
                         _KNOWLEDGE: _fingerprint(kb)})
    return len(computed)


def refresh(store: Store, kb: Any = None) -> int:
    """Bring the rows up to date: the units of the events written since the watermark (all
    of them the first time, or when the knowledge base is not the one they were computed
    with). Returns the events recomputed. Serialised like state/materialised.py's."""
    with _REFRESH:
        return _refresh(store, kb)


def _refresh(store: Store, kb: Any) -> int:
    e = schema.events.c
    with store.read() as conn:
        mark = _meta(conn, _WATERMARK)
        known = _meta(conn, _KNOWLEDGE)
        latest = _latest(conn)
    if mark is None or known != _fingerprint(kb):
        return rebuild(store, kb)
    since = datetime.fromisoformat(mark) if mark else None
    if latest is None or (since is not None and latest <= since):
        return 0
    with store.read() as conn:
        where = e.updated_at > since - _SLACK if since is not None else e.id.is_not(None)
        changed = set(conn.scalars(select(e.id).where(where)))
        if len(changed) > _FULL:
            return rebuild(store, kb)
        rows, sentences, stale_units = _closure(conn, changed)
        actors: dict[str, tuple[str, date | None]] = {}
        ordered = sorted(changed)
        for start in range(0, len(ordered), _CHUNK):
            for actor_id, (name, first) in _actor_rows(
                    conn, e.id.in_(ordered[start:start + _CHUNK])).items():
                _merge_actor(actors, actor_id, name, first)
    computed = [r for batch in _compute(store, kb, rows, sentences) for r in batch]
    with store.transaction() as conn:
        if conn.dialect.name == "postgresql":
            lock_keys(conn, ["frontlines:state_events"])
            if _meta(conn, _WATERMARK) != mark:  # another process refreshed meanwhile
                return 0
        ids = sorted({r.id for r in rows} | changed)
        for start in range(0, len(ids), _CHUNK):
            conn.execute(delete(state_events).where(
                state_events.c.event_id.in_(ids[start:start + _CHUNK])))
        units = sorted(stale_units)
        for start in range(0, len(units), _CHUNK):
            conn.execute(delete(state_events).where(
                state_events.c.unit.in_(units[start:start + _CHUNK])))
        _insert(conn, computed)
        _upsert_actors(conn, actors)
        _set_meta(conn, {_WATERMARK: latest.isoformat()})
    return len(computed)


def _upsert_actors(conn: Any, actors: dict[str, tuple[str, date | None]]) -> None:
    a = state_actors.c
    ids = sorted(actors)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        have = {r.actor_id: (r.name, r.first_date) for r in conn.execute(
            select(a.actor_id, a.name, a.first_date).where(a.actor_id.in_(chunk)))}
        new = []
        for actor_id in chunk:
            name, first = actors[actor_id]
            if actor_id not in have:
                new.append({"actor_id": actor_id, "name": name, "first_date": first})
                continue
            merged = dict(have)
            _merge_actor(merged, actor_id, name, first)
            if merged[actor_id] != have[actor_id]:
                conn.execute(update(state_actors).where(a.actor_id == actor_id).values(
                    name=merged[actor_id][0], first_date=merged[actor_id][1]))
        if new:
            conn.execute(insert(state_actors), new)


# ------------------------------------------------------------------------ reading


def basis_on(store: Store, event_ids: Iterable[str], on: date, kb: Any = None
             ) -> dict[str, str | None]:
    """The basis of each event as of `on` (assessing every event dated up to `on`), from the
    stored rows; the units that reach past `on` are assessed on the spot. Refreshes first."""
    refresh(store, kb)
    ids = sorted(set(event_ids))
    s = state_events.c
    rows: list[StoredBasis] = []
    with store.read() as conn:
        for start in range(0, len(ids), _CHUNK):
            q = select(s.event_id, s.unit, s.horizon, s.basis).where(
                s.event_id.in_(ids[start:start + _CHUNK]))
            rows.extend(StoredBasis(*r) for r in conn.execute(q))
    found = {r.event_id for r in rows}
    rows.extend(StoredBasis(i, None, None, None) for i in ids if i not in found)
    return basis_from(store, rows, on, kb)


@dataclass(frozen=True)
class StoredBasis:
    """An event's stored basis row (`unit` None: it has none), as a caller read it."""

    event_id: str
    unit: str | None
    horizon: date | None
    basis: str | None


def basis_from(store: Store, rows: Iterable[StoredBasis], on: date, kb: Any = None
               ) -> dict[str, str | None]:
    """`basis_on` from rows the caller read (joined to its own query, after `refresh`): the
    stored basis where the event's unit ends on or before `on`, else assessed on the spot."""
    s, e = state_events.c, schema.events.c
    out: dict[str, str | None] = {}
    live: set[str] = set()
    missing: list[str] = []
    for r in rows:
        if r.unit is not None and r.horizon is not None and r.horizon <= on:
            out[r.event_id] = r.basis
        else:
            missing.append(r.event_id)
            if r.unit is not None:
                live.add(r.unit)
    if not missing:
        return out
    members: set[str] = set()
    units = sorted(live)
    with store.read() as conn:
        for start in range(0, len(units), _CHUNK):
            members |= set(conn.scalars(select(s.event_id).where(
                s.unit.in_(units[start:start + _CHUNK]))))
    if any(i not in members for i in missing):  # an event without a row (written
        events = store.events(EventFilter(date_to=on))  # meanwhile): assess all
    else:
        events = _load(store, sorted(members), e.event_date <= on) if members else []
    if events:
        report = assess_stored(store, events, kb)
        for eid in missing:
            out[eid] = control_basis(report.assessments.get(eid))
    return out


def tolls(store: Store, where: EventFilter, kb: Any = None, *, counted: bool = False
          ) -> list[Toll]:
    """The toll of every event `where` selects, in the store's order, from the stored rows.
    `counted`: only the tolls `group_tolls` counts (some figure; most events have none)."""
    refresh(store, kb)
    e, s = schema.events.c, state_events.c
    q = (select(e.id, e.actor1_id, e.actor1, e.actor2_id, e.actor2, e.place_id, e.location,
                e.event_date, e.fatalities, s.low, s.high, s.open_ended)
         .join(state_events, s.event_id == e.id))
    if counted:
        q = q.where((s.low != 0) | (s.high != 0) | s.open_ended
                    | (func.coalesce(e.fatalities, 0) != 0))
    q = apply_filter(q, where).order_by(e.event_date, e.id)
    if where.offset:
        q = q.offset(where.offset)
    if where.limit is not None:
        q = q.limit(where.limit)
    out = []
    with store.read() as conn:
        _index_lookups(conn)
        for r in conn.execute(q):
            actors = tuple((i or n, n) for i, n in ((r.actor1_id, r.actor1),
                                                    (r.actor2_id, r.actor2)) if n is not None)
            place = None if r.location is None and r.place_id is None else (
                r.place_id or r.location, r.location)
            out.append(Toll(r.id, r.low, r.high, bool(r.open_ended), r.fatalities, actors,
                            place, r.event_date))
    return out


def battles_between(store: Store, first: date, last: date, kb: Any = None, *,
                    per_pair: int | None = None, pair: tuple[str, str] | None = None
                    ) -> tuple[list[Battle], dict[tuple[str, str], tuple[int, date]]]:
    """The battles dated `first`..`last`, in the store's order, from the events' columns and
    their first claim (by document and sentence), in one query; and per pair of actors (ids
    sorted) how many battles it had and the first one's date. With `per_pair`, only the
    latest `per_pair` battles of each pair of two different named actors are read (those
    the alliance graph shows; the others are counted in the database); with `pair`, only
    that pair's battles."""
    e, ec, c = schema.events.c, schema.event_claims.c, schema.claims.c
    where = [e.event_type == "Battles", e.event_date >= first, e.event_date <= last]
    if pair is not None:
        x, y = sorted(pair)
        where.append(((e.actor1_id == x) & (e.actor2_id == y))
                     | ((e.actor1_id == y) & (e.actor2_id == x)))
    cols = [e.id, e.event_date, e.actor1_id, e.actor1, e.actor2_id, e.actor2]
    if per_pair is not None:
        a1, a2 = e.actor1_id, e.actor2_id
        lo = case((a1 <= a2, a1), else_=a2)
        hi = case((a1 <= a2, a2), else_=a1)
        by = [lo, hi]
        ranked = (select(*cols, func.row_number().over(
            partition_by=by, order_by=[e.event_date.desc(), e.id.desc()]).label("rank"),
            func.count().over(partition_by=by).label("total"),
            func.min(e.event_date).over(partition_by=by).label("first"))
            .where(*where, a1.is_not(None), a2.is_not(None), a1 != a2)
            .subquery("ranked"))
        r = ranked.c
        q = (select(r.id, r.event_date, r.actor1_id, r.actor1, r.actor2_id, r.actor2, r.total,
                    r.first, c.doc_id, c.evidence)
             .select_from(ranked.outerjoin(schema.event_claims, ec.event_id == r.id)
                          .outerjoin(schema.claims, c.id == ec.claim_id))
             .where(r.rank <= per_pair)
             .order_by(r.event_date, r.id, c.doc_id, c.sentence))
    else:
        q = (select(*cols, c.doc_id, c.evidence)
             .select_from(schema.events.outerjoin(schema.event_claims, ec.event_id == e.id)
                          .outerjoin(schema.claims, c.id == ec.claim_id))
             .where(*where)
             .order_by(e.event_date, e.id, c.doc_id, c.sentence))
    out: list[Battle] = []
    totals: dict[tuple[str, str], tuple[int, date]] = {}
    with store.read() as conn:
        _index_lookups(conn)
        for r in conn.execute(q):
            if out and out[-1].event_id == r.id:
                continue  # a later claim of the same battle
            out.append(Battle(r.id, r.event_date, r.actor1_id, r.actor1, r.actor2_id, r.actor2,
                              r.doc_id, r.evidence))
            if r.actor1_id and r.actor2_id and r.actor1_id != r.actor2_id:
                key = tuple(sorted((r.actor1_id, r.actor2_id)))
                if per_pair is not None:
                    totals[key] = (r.total, r.first)  # type: ignore[index]
                else:
                    n, when = totals.get(key, (0, r.event_date))  # type: ignore[arg-type]
                    totals[key] = (n + 1, min(when, r.event_date))  # type: ignore[index]
    return out, totals


def _index_lookups(conn: Any) -> None:
    """PostgreSQL: join a date window of events to its rows by primary key (nested loops).
    The planner otherwise hashes the whole per-event table (a million rows) for a few
    thousand events (casualties on a 30-day window at 1M events: 0.93 s in that join).
    For this read transaction only."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL enable_hashjoin = off")
        conn.exec_driver_sql("SET LOCAL enable_mergejoin = off")
        conn.exec_driver_sql("SET LOCAL jit = off")  # compiling costs more than it saves


def event_actors(store: Store, seen_by: date | None = None, kb: Any = None
                 ) -> dict[str, str]:
    """Actor id -> name of every actor events name (only those with an event dated up to
    `seen_by`, when given). Refreshes first."""
    refresh(store, kb)
    a = state_actors.c
    q = select(a.actor_id, a.name)
    if seen_by is not None:
        q = q.where(a.first_date <= seen_by)
    with store.read() as conn:
        return dict(conn.execute(q.order_by(a.actor_id)).all())

