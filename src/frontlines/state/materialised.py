"""Materialised control: who holds each place, stored as one row per place and date on which
its state changed, so that control on a date is an indexed lookup instead of a replay of every
event.

Kept current incrementally: `refresh(store)` recomputes only the places whose events changed
since its watermark (events carry `updated_at`; ingest rewrites the events of every group a
batch touches, so a new or re-consolidated event always shows up there). The watermark is taken
a minute back, so a transaction that committed late is still seen. `rebuild(store)` recomputes
everything (`frontlines state rebuild`) and gives the same rows. An event deleted without any
other event of its place being rewritten is only seen by `rebuild`.

The replay itself is `control.py`'s: the same tracks and rules, snapshotted after each date."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, delete, func, insert, literal, select, text, true

from frontlines.model import ActorRef, Event
from frontlines.names import name_key
from frontlines.state import derived
from frontlines.state.control import (
    ControlRules,
    ControlState,
    _order,
    _Track,
    place_key,
)
from frontlines.store import Store, from_dict, schema, to_dict
from frontlines.store._queries import claims_by_event, insert_rows, lock_keys
from frontlines.store._rows import event_from_row
from frontlines.store.live_schema import (
    state_control,
    state_control_history,
    state_control_months,
    state_events,
    state_meta,
    state_places,
)

__all__ = ["control_features", "control_states", "feature_head", "feature_text", "rebuild",
           "refresh"]

_WATERMARK = "control_watermark"
_MONTHS = "control_months"  # "first/last" month stored; "": none (no state); absent: unbuilt
_REFRESH = threading.Lock()
_SLACK = timedelta(seconds=60)


def _relevant(e: Event, rules: ControlRules) -> bool:
    return (e.date is not None and e.place is not None
            and e.place.geo_precision <= rules.max_geo_precision
            and e.sub_event_type.lower() in (rules.captures | rules.transfers | rules.attacks))


def _snapshots(key: str, events: Sequence[Event], rules: ControlRules
               ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows for one place: a state per distinct date (after all its events) and the history."""
    track: _Track | None = None
    states: list[dict[str, Any]] = []
    ordered = sorted((e for e in events if _relevant(e, rules)), key=_order)
    for i, event in enumerate(ordered):
        if track is None:
            p = event.place
            assert p is not None
            track = _Track(key, p.name or p.text, event)
        track.apply(event, rules)
        last_of_day = i + 1 == len(ordered) or ordered[i + 1].date != event.date
        if last_of_day and track.history:
            s = track.state()
            states.append({"place_key": key, "valid_from": event.date, "valid_to": None,
                           "admin1": s.admin1, "data": _state_data(s),
                           "first_event": s.events[0] if s.events else None,
                           "feature": feature_head(s)})
    for a, b in zip(states, states[1:], strict=False):
        a["valid_to"] = b["valid_from"]
    history = [{"place_key": key, "seq": n, "date": _iso_date(h.get("date")), "entry": h}
               for n, h in enumerate(track.history if track else [])]
    return states, history


def _state_data(s: ControlState) -> dict[str, Any]:
    return {"place_id": s.place_id, "name": s.name, "status": s.status, "lat": s.lat,
            "lon": s.lon, "admin1": s.admin1, "admin2": s.admin2,
            "controller": to_dict(s.controller) if s.controller else None,
            "previous": to_dict(s.previous) if s.previous else None,
            "since": s.since.isoformat() if s.since else None,
            "contenders": [to_dict(a) for a in s.contenders], "events": list(s.events)}


def dumps(value: Any) -> str:
    """JSON text as the API renders it (Starlette's JSONResponse settings)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def feature_head(s: ControlState) -> str:
    """The state's GeoJSON feature (`control_geojson`) as JSON text, cut before its last two
    properties, `history` and `basis`, which depend on the date asked: stored with the row,
    so that the API joins text instead of decoding and encoding every state."""
    props = s.as_dict()
    assert list(props)[-2:] == ["history", "basis"]
    del props["history"], props["basis"]
    geometry = None if s.lat is None or s.lon is None else {
        "type": "Point", "coordinates": [s.lon, s.lat]}
    text = dumps({"type": "Feature", "id": s.place_id, "geometry": geometry,
                  "properties": props})
    assert text.endswith("}}")
    return text[:-2]


def feature_text(head: str, history: Sequence[dict[str, Any]], basis: str | None) -> str:
    """A feature from its stored head, its history entries and its basis."""
    tail = _TAILS.get(basis) if not history else None
    if tail is None:
        tail = f',"history":{dumps(list(history))},"basis":{dumps(basis)}}}}}'
    return head + tail


_TAILS = {b: f',"history":[],"basis":{dumps(b)}}}}}' for b in
          (None, "claimed", "assessed", "disputed")}


def _iso_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _state(data: dict[str, Any], history: Sequence[dict[str, Any]],
           refs: dict[tuple[Any, ...], ActorRef] | None = None) -> ControlState:
    """A stored state; `refs` shares the actors decoded for other states (few actors, many
    places)."""
    memo = {} if refs is None else refs

    def ref(d: dict[str, Any] | None) -> ActorRef | None:
        if not d:
            return None
        key = tuple(sorted(d.items()))
        found = memo.get(key)
        if found is None:
            found = memo[key] = from_dict(ActorRef, d)
        return found

    return ControlState(
        place_id=data["place_id"], name=data["name"], status=data["status"], lat=data["lat"],
        lon=data["lon"], admin1=data["admin1"], admin2=data["admin2"],
        controller=ref(data["controller"]), previous=ref(data["previous"]),
        since=_iso_date(data["since"]),
        contenders=tuple(r for r in (ref(c) for c in data["contenders"]) if r is not None),
        events=tuple(data["events"]), history=tuple(history))


# ------------------------------------------------------------------------ reading events


def _events_of(conn: Any, where: Any) -> list[Event]:
    e = schema.events.c
    rows = list(conn.execute(select(e.id, e.data).where(where)))
    claims = claims_by_event(conn, [r.id for r in rows])
    return [event_from_row(r.data, claims.get(r.id, ())) for r in rows]


def _all_by_place(conn: Any, rules: ControlRules, chunk: int = 20_000
                  ) -> Iterator[tuple[str, list[Event]]]:
    """Every relevant event grouped by place key, place by place (bounded memory)."""
    e = schema.events.c
    subs = sorted(rules.captures | rules.transfers | rules.attacks)
    placed = (select(e.place_id).where(e.place_id.is_not(None), e.event_date.is_not(None),
                                       func.lower(e.sub_event_type).in_(subs))
              .distinct().order_by(e.place_id))
    ids = list(conn.scalars(placed))
    for start in range(0, len(ids), 500):
        batch = ids[start:start + 500]
        found: dict[str, list[Event]] = {}
        for ev in _events_of(conn, e.place_id.in_(batch)):
            key = place_key(ev)
            if key is not None:
                found.setdefault(key, []).append(ev)
        yield from sorted(found.items())
    named: dict[str, list[Event]] = {}  # places known only by name
    for ev in _events_of(conn, e.place_id.is_(None)):
        key = place_key(ev)
        if key is not None:
            named.setdefault(key, []).append(ev)
    yield from sorted(named.items())


def _events_for_keys(conn: Any, keys: set[str]) -> dict[str, list[Event]]:
    e = schema.events.c
    out: dict[str, list[Event]] = {k: [] for k in keys}
    ids = sorted(k for k in keys if not k.startswith("name:"))
    for start in range(0, len(ids), 500):
        for ev in _events_of(conn, e.place_id.in_(ids[start:start + 500])):
            if place_key(ev) in out:
                out[place_key(ev)].append(ev)  # type: ignore[index]
    if any(k.startswith("name:") for k in keys):
        for ev in _events_of(conn, e.place_id.is_(None)):
            k = place_key(ev)
            if k in out:
                out[k].append(ev)  # type: ignore[index]
    return out


# ------------------------------------------------------------------------ maintenance


def _write(conn: Any, groups: Iterable[tuple[str, list[Event]]], rules: ControlRules) -> int:
    states: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = []
    n = 0
    for key, events in groups:
        s, h = _snapshots(key, events, rules)
        if s:
            places.append({"place_key": key, "admin1": s[0]["admin1"],
                           "first_date": s[0]["valid_from"],
                           "sort_key": name_key(s[0]["data"]["name"])})
        states.extend(s)
        history.extend(h)
        n += 1
        if len(states) + len(history) > 20_000:
            _flush(conn, states, history, places)
    _flush(conn, states, history, places)
    return n


def _flush(conn: Any, states: list[dict[str, Any]], history: list[dict[str, Any]],
           places: list[dict[str, Any]]) -> None:
    insert_rows(conn, state_places, places)
    insert_rows(conn, state_control, states)
    insert_rows(conn, state_control_history, history)
    states.clear()
    history.clear()
    places.clear()


def _latest_update(conn: Any) -> datetime | None:
    return conn.scalar(select(func.max(schema.events.c.updated_at)))


def _set_watermark(conn: Any, at: datetime | None) -> None:
    conn.execute(delete(state_meta).where(state_meta.c.key == _WATERMARK))
    conn.execute(insert(state_meta), [{"key": _WATERMARK,
                                       "value": at.isoformat() if at else ""}])


def _watermark(conn: Any) -> datetime | None | str:
    """The watermark; "" when built over an empty store; None when never built."""
    value = conn.scalar(select(state_meta.c.value).where(state_meta.c.key == _WATERMARK))
    if value is None:
        return None
    return datetime.fromisoformat(value) if value else ""


def _given_by_place(events: Iterable[Event], rules: ControlRules
                    ) -> Iterator[tuple[str, list[Event]]]:
    """`_all_by_place` of the store's events when the caller holds them all: the same groups
    in the same order, without reading and decoding them back."""
    subs = rules.captures | rules.transfers | rules.attacks
    by_id: dict[str, list[Event]] = {}
    listed: set[str] = set()  # the place ids `_all_by_place` lists (a relevant event)
    named: dict[str, list[Event]] = {}
    for ev in events:
        pid = ev.place.place_id if ev.place is not None else None
        if pid is None:
            key = place_key(ev)
            if key is not None:
                named.setdefault(key, []).append(ev)
            continue
        by_id.setdefault(pid, []).append(ev)
        if ev.date is not None and ev.sub_event_type.lower() in subs:
            listed.add(pid)
    found: dict[str, list[Event]] = {}
    for pid in listed:
        for ev in by_id[pid]:
            key = place_key(ev)
            if key is not None:
                found.setdefault(key, []).append(ev)
    yield from sorted(found.items())
    yield from sorted(named.items())


def rebuild(store: Store, rules: ControlRules | None = None,
            events: Iterable[Event] | None = None) -> int:
    """Recompute every place from every event (one transaction). Returns the places.

    `events`: every event of the store, as the caller holds them (a bulk load that has just
    written them): the same rows, without reading the events back."""
    rules = rules or ControlRules()
    with store.transaction() as conn:
        if conn.dialect.name == "postgresql":
            lock_keys(conn, ["frontlines:state_control"])
        at = _latest_update(conn)
        conn.execute(delete(state_control))
        conn.execute(delete(state_control_history))
        conn.execute(delete(state_places))
        groups = (_all_by_place(conn, rules) if events is None
                  else _given_by_place(events, rules))
        n = _write(conn, groups, rules)
        _write_months(conn, None)
        _set_watermark(conn, at)
    return n


def refresh(store: Store, rules: ControlRules | None = None) -> int:
    """Bring the materialised rows up to date: the places whose events changed since the
    watermark (or everything, the first time). Returns the places recomputed.

    Refreshes are serialised (a lock in this process; an advisory lock on PostgreSQL for
    other processes), and the watermark is read again under the lock."""
    with _REFRESH:
        return _refresh(store, rules or ControlRules())


def _refresh(store: Store, rules: ControlRules) -> int:
    with store.read() as conn:
        mark = _watermark(conn)
        latest = _latest_update(conn)
        built = _meta(conn, _MONTHS) is not None
    if mark is None:
        return rebuild(store, rules)
    if not built:  # a store from before 0009: months from the state rows, no replay
        with store.transaction() as conn:
            if conn.dialect.name == "postgresql":
                lock_keys(conn, ["frontlines:state_control"])
            if _meta(conn, _MONTHS) is None:
                _write_months(conn, None)
    if latest is None or (mark != "" and latest <= mark):  # type: ignore[operator]
        return 0
    e = schema.events.c
    with store.transaction() as conn:
        if conn.dialect.name == "postgresql":
            lock_keys(conn, ["frontlines:state_control"])
            if _watermark(conn) != mark:  # another process refreshed meanwhile
                return 0
        q = select(e.place_id, e.location, e.data)
        if mark != "":
            q = q.where(e.updated_at > mark - _SLACK)  # type: ignore[operator]
        keys: set[str] = set()
        for row in conn.execute(q):
            place = (row.data or {}).get("place") or {}
            if row.place_id:
                keys.add(row.place_id)
            else:
                key = name_key(place.get("name") or place.get("text") or row.location or "")
                if key:
                    keys.add(f"name:{key}")
        ordered = sorted(keys)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            conn.execute(delete(state_control).where(state_control.c.place_key.in_(chunk)))
            conn.execute(delete(state_control_history)
                         .where(state_control_history.c.place_key.in_(chunk)))
            conn.execute(delete(state_places).where(state_places.c.place_key.in_(chunk)))
        found = _events_for_keys(conn, keys)
        _write(conn, sorted(found.items()), rules)
        _write_months(conn, ordered)
        _set_watermark(conn, latest)
    return len(keys)


# ------------------------------------------------------------------------ monthly snapshots


def _month(d: date) -> date:
    return d.replace(day=1)


def _next_month(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1)


def _months(first: date, last: date) -> list[date]:
    out = []
    while first <= last:
        out.append(first)
        first = _next_month(first)
    return out


def _meta(conn: Any, key: str) -> str | None:
    return conn.scalar(select(state_meta.c.value).where(state_meta.c.key == key))


def _stored_months(conn: Any) -> list[date] | None:
    """The months whose snapshots are stored ([] when none); None: never built."""
    value = _meta(conn, _MONTHS)
    if value is None:
        return None
    if not value:
        return []
    first, last = (date.fromisoformat(v) for v in value.split("/"))
    return _months(first, last)


def _month_cols() -> list[str]:
    return ["place_key", "valid_from", "admin1", "first_event", "feature"]


def _write_months(conn: Any, keys: Sequence[str] | None) -> None:
    """Store the monthly snapshots after the state rows changed: of every place (`keys`
    None) or of the places `keys` only. The months are those from the first month start
    with a state before it to the month of the last state change, so that a month's
    snapshot plus the changes from its start (state_control by valid_from) give control on
    any day; the months a refresh adds get every place, those it drops go. Written from
    the state rows (no replay), in month order: one month's snapshot lies together."""
    c, m = state_control.c, state_control_months.c
    lo, hi = conn.execute(select(func.min(c.valid_from), func.max(c.valid_from))).one()
    months = [] if lo is None else _months(_next_month(lo), _month(hi))
    old = None if keys is None else _stored_months(conn)
    if old is None:
        conn.execute(delete(state_control_months))
        fresh, again = months, []
    else:
        if months:
            conn.execute(delete(state_control_months).where(
                (m.month < months[0]) | (m.month > months[-1])))
        else:
            conn.execute(delete(state_control_months))
        kept = set(old)
        fresh = [x for x in months if x not in kept]
        again = [x for x in months if x in kept]
        assert keys is not None
        for i in range(0, len(keys), 500):
            conn.execute(delete(state_control_months).where(
                m.place_key.in_(keys[i:i + 500])))
    cols = ["sort_key", *_month_cols()]
    for month in months:
        chosen: list[Sequence[str] | None]
        if month in fresh:
            chosen = [None]
        elif month in again and keys:
            chosen = [keys[i:i + 500] for i in range(0, len(keys), 500)]
        else:
            continue
        for part in chosen:
            rows = _latest_rows(conn, month - timedelta(days=1),
                                None if part is None else list(part), _month_cols(), False)
            conn.execute(insert(state_control_months).from_select(
                [*cols, "month"], rows.add_columns(literal(month, Date()))))
    conn.execute(delete(state_meta).where(state_meta.c.key == _MONTHS))
    conn.execute(insert(state_meta), [{"key": _MONTHS, "value": (
        f"{months[0].isoformat()}/{months[-1].isoformat()}" if months else "")}])
    if keys is None and conn.dialect.name == "postgresql":
        # the changes of a date range together on disk: one range read per request
        conn.exec_driver_sql("CLUSTER state_control USING ix_state_control_from")
        conn.exec_driver_sql("ANALYZE state_control")
        conn.exec_driver_sql("ANALYZE state_control_months")


def _month_lookup(conn: Any, on: date, months: list[date], with_basis: bool) -> list[Any]:
    """Every place's state row valid on `on`, from the snapshot of `on`'s month (the last
    stored month on or before it) and the state changes from that month's start to `on`:
    two range reads instead of a lookup per place. Rows as `_latest_rows` gives them for
    `_month_cols()`, in no order."""
    c, p, b, m = state_control.c, state_places.c, state_events.c, state_control_months.c
    month = None
    for x in months:  # few hundred at most
        if x <= on:
            month = x
    basis = [b.unit, b.horizon, b.basis] if with_basis else []
    found: dict[str, Any] = {}
    if month is not None:
        snap = select(m.sort_key, *(m[n] for n in _month_cols()), *basis).where(
            m.month == month)
        if with_basis:
            snap = snap.select_from(state_control_months.outerjoin(
                state_events, b.event_id == m.first_event))
        for r in conn.execute(snap):
            found[r.place_key] = r
    joined = state_control.join(state_places, p.place_key == c.place_key)
    if with_basis:
        joined = joined.outerjoin(state_events, b.event_id == c.first_event)
    changes = (select(p.sort_key, *(c[n] for n in _month_cols()), *basis)
               .select_from(joined).where(c.valid_from <= on))
    if month is not None:
        changes = changes.where(c.valid_from >= month)
    for r in conn.execute(changes.order_by(c.valid_from)):
        found[r.place_key] = r
    return list(found.values())


def _latest_rows(conn: Any, on: date, keys: list[str] | None, cols: Sequence[str],
                 with_basis: bool) -> Any:
    """Per place known on `on` (of `keys`, or all), its state row valid on `on`: the one with
    the latest `valid_from` on or before it, one probe of (place_key, valid_from) each; with
    `with_basis`, joined to the stored basis row of the state's first event (state/derived.py)."""
    c, p, b = state_control.c, state_places.c, state_events.c
    where = [p.first_date <= on] + ([p.place_key.in_(keys)] if keys is not None else [])
    basis = [b.unit, b.horizon, b.basis] if with_basis else []
    if conn.dialect.name == "postgresql":  # a lateral join reads each row once
        last = (select(*(c[n] for n in cols))
                .where(c.place_key == p.place_key, c.valid_from <= on)
                .order_by(c.valid_from.desc()).limit(1).lateral("last"))
        joined = state_places.join(last, true())
        if with_basis:
            joined = joined.outerjoin(state_events, b.event_id == last.c.first_event)
        return (select(p.sort_key, *(last.c[n] for n in cols), *basis).select_from(joined)
                .where(*where))
    latest = state_control.alias("latest")
    pick = (select(latest.c.id)
            .where(latest.c.place_key == p.place_key, latest.c.valid_from <= on)
            .order_by(latest.c.valid_from.desc()).limit(1)
            .correlate(state_places).scalar_subquery())
    source: Any = state_control
    if with_basis:
        source = state_control.outerjoin(state_events, b.event_id == c.first_event)
    source = source.join(state_places, p.place_key == c.place_key)
    return (select(p.sort_key, *(c[n] for n in cols), *basis).select_from(source)
            .where(c.id.in_(select(pick).where(*where))))


# the last N history entries up to a date of each place asked for, on PostgreSQL: per place,
# the index (place_key, seq) read backwards from its last entry, N rows (a window function
# would rank every entry of every place first)
_LAST_HISTORY = text("""
SELECT k.place_key, x.entry
  FROM unnest(CAST(:keys AS text[])) AS k(place_key)
  CROSS JOIN LATERAL (
    SELECT h.seq, h.entry FROM state_control_history h
     WHERE h.place_key = k.place_key AND h.date <= :on
     ORDER BY h.seq DESC LIMIT :n) x
 ORDER BY k.place_key, x.seq
""")


@dataclass(frozen=True, slots=True)
class _Found:
    place_key: str
    sort_key: str
    row: Any  # the state_control columns asked for
    history: list[dict[str, Any]]


def _lookup(store: Store, on: date, cols: Sequence[str], *,
            keep: Callable[[str | None], bool] | None, places: Collection[str] | None,
            history: int | None, with_basis: bool = False) -> list[_Found]:
    """The state rows valid on `on` of the places chosen, with their history entries up to
    `on` (the last `history` of them; all when None), sorted as `control_on` sorts.

    One indexed lookup per place: the places known on `on` (state_places, chosen by admin1
    and key before any state row is read) and, for each, its row with the latest
    `valid_from` on or before `on` (index (place_key, valid_from)); the work grows with the
    places asked for, not with the events or the dates stored."""
    p, h = state_places.c, state_control_history.c
    cols = ["place_key", *cols]
    rows: list[Any] = []
    found: dict[str, list[dict[str, Any]]] = {}
    with store.read() as conn:
        months = _stored_months(conn) if set(cols) <= set(_month_cols()) else None
        if places is None and keep is None and months is not None:  # every place
            rows = _month_lookup(conn, on, months, with_basis)
        elif places is None and keep is None:  # every place: one query, no list to send
            rows = conn.execute(_latest_rows(conn, on, None, cols, with_basis)).all()
        else:
            known = select(p.place_key, p.admin1).where(p.first_date <= on)
            if places is not None:
                wanted = sorted(set(places))
                listed = [r for i in range(0, len(wanted), 500) for r in conn.execute(
                    known.where(p.place_key.in_(wanted[i:i + 500]))).all()]
            else:
                listed = conn.execute(known).all()
            keys = sorted(r.place_key for r in listed if keep is None or keep(r.admin1))
            for i in range(0, len(keys), 500):
                rows.extend(conn.execute(_latest_rows(conn, on, keys[i:i + 500], cols,
                                                      with_basis)).all())
        keys = [r.place_key for r in rows]
        if history and conn.dialect.name == "postgresql":  # the last N of each place
            for start in range(0, len(keys), 500):
                for r in conn.execute(_LAST_HISTORY, {"keys": keys[start:start + 500],
                                                      "on": on, "n": history}):
                    found.setdefault(r.place_key, []).append(r.entry)
        elif history != 0:
            for start in range(0, len(keys), 500):
                where = [h.place_key.in_(keys[start:start + 500]), h.date <= on]
                if history is None:
                    q = select(h.place_key, h.entry).where(*where).order_by(h.place_key, h.seq)
                else:
                    rank = func.row_number().over(partition_by=h.place_key,
                                                  order_by=h.seq.desc()).label("rank")
                    inner = select(h.place_key, h.seq, h.entry, rank).where(*where).subquery()
                    q = (select(inner.c.place_key, inner.c.entry)
                         .where(inner.c.rank <= history)
                         .order_by(inner.c.place_key, inner.c.seq))
                for r in conn.execute(q).all():
                    found.setdefault(r.place_key, []).append(r.entry)
    out = [_Found(r.place_key, r.sort_key, r, found.get(r.place_key, [])) for r in rows]
    return sorted(out, key=lambda f: (f.sort_key, f.place_key))


def control_states(store: Store, on: date, rules: ControlRules | None = None, *,
                   keep: Callable[[str | None], bool] | None = None,
                   places: Collection[str] | None = None,
                   history: int | None = None, with_refresh: bool = True
                   ) -> list[ControlState]:
    """Control of every place on `on`, from the materialised rows (refreshed first). `keep`
    chooses places by admin1 and `places` by key; `history` keeps only the last N history
    entries of each place (all when None)."""
    if with_refresh:
        refresh(store, rules)
    refs: dict[tuple[Any, ...], ActorRef] = {}
    return [_state(f.row.data, f.history, refs)
            for f in _lookup(store, on, ["data"], keep=keep, places=places, history=history)]


def control_features(store: Store, on: date, rules: ControlRules | None = None, kb: Any = None,
                     *, keep: Callable[[str | None], bool] | None = None,
                     places: Collection[str] | None = None, history: int | None = None
                     ) -> list[str]:
    """What `control_states` finds, with the basis of each state as the control view gives it
    (state/derived.py `basis_on`), as GeoJSON feature texts: each the JSON of the feature
    `control_geojson` makes of the state, joined from its stored head (no state is decoded
    or encoded). Refreshes control and the per-event rows first."""
    refresh(store, rules)
    derived.refresh(store, kb)
    if history == 0 and keep is None and places is None \
            and store.engine.dialect.name == "postgresql":
        texts = _all_features_pg(store, on, kb)
        if texts is not None:
            return texts
    found = _lookup(store, on, ["first_event", "feature"], keep=keep, places=places,
                    history=history, with_basis=True)
    basis = derived.basis_from(store, [
        derived.StoredBasis(f.row.first_event, f.row.unit, f.row.horizon, f.row.basis)
        for f in found if f.row.first_event], on, kb)
    return [feature_text(f.row.feature, f.history,
                         basis.get(f.row.first_event) if f.row.first_event else None)
            for f in found]


# every place on a date, without history (the map's request), on PostgreSQL: the snapshot of
# the date's month and the changes since its start merged, the basis joined and each feature's
# text finished in one query; Python only joins the texts (and assesses the few states whose
# basis cannot come from the stored row: `derived.basis_from`). Text compared bytewise
# (COLLATE "C"): no locale comparison in the sorts. Only the changes are sorted (the latest
# per place); the snapshot's rows of places without one are read in key order (an anti join):
# at 1M events a third less sorting of wide rows, 15% less database CPU per request.
_ALL_ON = """
WITH changed AS (
  SELECT DISTINCT ON (place_key COLLATE "C") place_key, first_event, feature
    FROM state_control WHERE valid_from >= %(month)s AND valid_from <= %(on)s
   ORDER BY place_key COLLATE "C", valid_from DESC),
latest AS (
  SELECT m.place_key, m.sort_key, m.first_event, m.feature FROM state_control_months m
   WHERE m.month = %(month)s
     AND NOT EXISTS (SELECT 1 FROM changed c WHERE c.place_key = m.place_key)
  UNION ALL
  SELECT c.place_key, p.sort_key, c.first_event, c.feature
    FROM changed c JOIN state_places p ON p.place_key = c.place_key)
SELECT l.first_event, b.unit, b.horizon, b.basis,
  CASE WHEN l.first_event IS NULL OR b.horizon <= %(on)s THEN
    l.feature || ',"history":[],"basis":' || COALESCE('"' || b.basis || '"', 'null') || '}}'
  END AS text,
  CASE WHEN l.first_event IS NOT NULL AND (b.horizon IS NULL OR b.horizon > %(on)s) THEN
    l.feature END AS head
FROM latest l LEFT JOIN state_events b ON b.event_id = l.first_event
ORDER BY l.sort_key COLLATE "C", l.place_key COLLATE "C"
"""

# the same joined in the database: one text (a state whose basis is assessed on the spot
# stands as \x01 event id \x01, never in JSON text) and a row per such state
_ALL_ON_JOINED = _ALL_ON.replace("\nSELECT l.first_event,", """,
rows AS (SELECT l.sort_key, l.place_key, l.first_event,""", 1).replace(
    "FROM latest l LEFT JOIN state_events b ON b.event_id = l.first_event\nORDER BY "
    'l.sort_key COLLATE "C", l.place_key COLLATE "C"\n', """\
FROM latest l LEFT JOIN state_events b ON b.event_id = l.first_event)
SELECT NULL AS first_event, NULL AS unit, NULL AS horizon, NULL AS basis, NULL AS head,
  string_agg(COALESCE(text, chr(1) || first_event || chr(1)), ','
             ORDER BY sort_key COLLATE "C", place_key COLLATE "C") AS text
FROM rows
UNION ALL
SELECT first_event, unit, horizon, basis, head, NULL FROM rows WHERE text IS NULL
""")


def _all_features_pg(store: Store, on: date, kb: Any) -> list[str] | None:
    """`control_features` of every place on `on` with no history, or None when the monthly
    snapshots are not built. The same texts (tested)."""
    with store.read() as conn:
        months = _stored_months(conn)
        if months is None:
            return None
        month = max((x for x in months if x <= on), default=date.min)
        conn.exec_driver_sql("SET LOCAL work_mem = '64MB'")  # the sorts stay in memory
        rows = conn.exec_driver_sql(_ALL_ON_JOINED, {"month": month, "on": on}).all()
    whole = next((r.text for r in rows if r.first_event is None), None)
    if not whole:
        return []
    need = [derived.StoredBasis(r.first_event, r.unit, r.horizon, r.basis)
            for r in rows if r.first_event is not None]
    if not need:
        return [whole]
    basis = derived.basis_from(store, need, on, kb)
    heads = {r.first_event: r.head for r in rows if r.first_event is not None}
    parts = whole.split("\x01")  # odd parts: the event ids of the states assessed here
    return ["".join(p if i % 2 == 0 else feature_text(heads[p], [], basis.get(p))
                    for i, p in enumerate(parts))]
