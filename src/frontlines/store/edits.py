"""Edit records: an analyst's corrections, kept apart from what the machine computes.

An edit on an event stores the fields it sets (`after`), what the analyst saw (`before`), why,
who and when, and an anchor: the ids of the event's claims and the machine's own reading of
those fields at the time. Events are recomputed often (a new claim joins a group, the whole
store is re-consolidated); every recomputation calls `apply_edits` in its own transaction, which
finds each edited event again through its claims and sets the edited fields on it. When the
machine's reading of an edited field has changed since the edit (new evidence), the edit still
wins but is marked `flagged` with a note, so the review queue shows it.

A rejected claim leaves every event; an event left without claims is deleted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from frontlines.errors import FrontlinesError
from frontlines.model import ActorRef, Event, GeoRef, TimePrecision
from frontlines.store import schema
from frontlines.store._rows import event_from_row, event_row, now
from frontlines.store.codec import from_dict, to_dict

__all__ = [
    "EVENT_FIELDS",
    "STRUCTURAL",
    "EditError",
    "apply_edits",
    "edit_dict",
    "event_values",
    "record_edit",
    "rejected_claims",
    "same_value",
]

STRUCTURAL = ("merge", "split")
EVENT_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "place", "date",
                "fatalities")


class EditError(FrontlinesError):
    """An edit that cannot be made; `status` is the HTTP status the API answers with."""

    def __init__(self, message: str, status: int = 422) -> None:
        self.status = status
        super().__init__(message)


# ---------------------------------------------------------------------------- field values


def actor_value(ref: ActorRef | None) -> dict[str, Any] | None:
    return None if ref is None else {"id": ref.id, "name": ref.name}


def place_value(p: GeoRef | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {k: v for k, v in to_dict(p).items() if k != "score"}


def event_values(ev: Event) -> dict[str, Any]:
    """The editable fields of an event as JSON values."""
    return {
        "event_type": ev.event_type, "sub_event_type": ev.sub_event_type,
        "actor1": actor_value(ev.actor1), "actor2": actor_value(ev.actor2),
        "place": place_value(ev.place), "date": ev.date.isoformat() if ev.date else None,
        "fatalities": ev.fatalities,
    }


def same_value(field: str, a: Any, b: Any) -> bool:
    """Whether two values of a field say the same (actors by id or name, places by id)."""
    if a is None or b is None:
        return a is None and b is None
    if field in ("actor1", "actor2"):
        if a.get("id") and b.get("id"):
            return bool(a["id"] == b["id"])
        return str(a.get("name", "")).casefold() == str(b.get("name", "")).casefold()
    if field == "place":
        if a.get("place_id") or b.get("place_id"):
            return bool(a.get("place_id") == b.get("place_id"))
        return (a.get("name") or a.get("text")) == (b.get("name") or b.get("text"))
    return bool(a == b)


def _patched(ev: Event, values: dict[str, Any]) -> Event:
    changes: dict[str, Any] = {}
    for field, value in values.items():
        if field in ("event_type", "sub_event_type"):
            changes[field] = value
        elif field in ("actor1", "actor2"):
            changes[field] = None if value is None else ActorRef(
                value.get("id"), value["name"], value.get("text") or value["name"])
        elif field == "place":
            changes[field] = None if value is None else from_dict(GeoRef, value)
        elif field == "date":
            changes["date"] = None if value is None else date.fromisoformat(value)
            changes["date_end"] = None
            changes["time_precision"] = TimePrecision.DAY if value else TimePrecision.UNKNOWN
        elif field == "fatalities":
            changes[field] = value
    return dataclasses.replace(ev, **changes)


# ---------------------------------------------------------------------------- records


def record_edit(conn: Connection, *, target_kind: str, target_id: str, action: str,
                before: dict[str, Any], after: dict[str, Any], reason: str, author: str,
                anchor: dict[str, Any], at: Any = None, status: str = "active") -> int:
    result = conn.execute(insert(schema.edits).values(
        target_kind=target_kind, target_id=target_id, action=action, before=before, after=after,
        reason=reason, author=author, at=at or now(), anchor=anchor, status=status))
    key = result.inserted_primary_key
    return int(key[0]) if key else 0


def edit_dict(row: Any) -> dict[str, Any]:
    return {
        "id": row.id, "target_kind": row.target_kind, "target_id": row.target_id,
        "action": row.action, "before": row.before, "after": row.after, "reason": row.reason,
        "author": row.author, "at": row.at.isoformat(timespec="seconds"),
        "status": row.status, "note": row.note,
        "claims": list((row.anchor or {}).get("claims", [])),
    }


def rejected_claims(conn: Connection) -> set[str]:
    e = schema.edits.c
    q = select(e.target_id).where(e.target_kind == "claim", e.action == "reject")
    return set(conn.scalars(q))


# ---------------------------------------------------------------------------- re-applying


def apply_edits(conn: Connection, claim_ids: Iterable[str] | None = None) -> int:
    """Re-apply the edits whose claims are in `claim_ids` (all edits when None) to the events
    now holding those claims. Returns how many edits were applied."""
    _drop_rejected(conn)
    e = schema.edits.c
    rows = list(conn.execute(select(schema.edits).where(
        e.target_kind == "event", e.action.in_(("edit", "accept", *STRUCTURAL))).order_by(e.id)))
    if claim_ids is not None:
        wanted = set(claim_ids)
        rows = [r for r in rows if wanted & set((r.anchor or {}).get("claims", []))]
    for r in rows:  # merges and splits first: field edits then find the events they made
        if r.action == "merge":
            _merge(conn, r)
        elif r.action == "split":
            _split(conn, r)
    rows = [r for r in rows if r.action not in STRUCTURAL]
    if not rows:
        return 0
    owner = _owners(conn, {c for r in rows for c in (r.anchor or {}).get("claims", [])})
    by_event: dict[str, list[Any]] = {}
    for r in rows:
        found = _find_event(conn, r, owner)
        if found is None:
            if r.status != "orphaned":
                conn.execute(update(schema.edits).where(e.id == r.id).values(
                    status="orphaned", note="none of its claims is in an event any more"))
            continue
        if found != r.target_id:
            conn.execute(update(schema.edits).where(e.id == r.id).values(target_id=found))
        by_event.setdefault(found, []).append(r)
    for event_id, edits in by_event.items():
        _apply_to_event(conn, event_id, edits)
    return sum(len(v) for v in by_event.values())


def _owners(conn: Connection, claim_ids: set[str]) -> dict[str, str]:
    ec = schema.event_claims.c
    out: dict[str, str] = {}
    ids = list(claim_ids)
    for start in range(0, len(ids), 500):
        for row in conn.execute(select(ec.claim_id, ec.event_id)
                                .where(ec.claim_id.in_(ids[start:start + 500]))):
            out[row.claim_id] = row.event_id
    return out


def _find_event(conn: Connection, edit: Any, owner: dict[str, str]) -> str | None:
    """The event that now holds most of the edit's claims (its old id breaks ties)."""
    claims = (edit.anchor or {}).get("claims", [])
    counts: dict[str, int] = {}
    for c in claims:
        if c in owner:
            counts[owner[c]] = counts.get(owner[c], 0) + 1
    if counts.get(edit.target_id):  # the same event still holds some of them
        return str(edit.target_id)
    if counts:
        return max(counts, key=lambda k: (counts[k], k))
    if not claims:
        exists = conn.scalar(select(schema.events.c.id)
                             .where(schema.events.c.id == edit.target_id))
        return exists
    return None


def _apply_to_event(conn: Connection, event_id: str, edits: list[Any]) -> None:
    ev_t = schema.events
    row = conn.execute(select(ev_t.c.data).where(ev_t.c.id == event_id)).first()
    if row is None:
        return
    data = dict(row.data)
    event = event_from_row(data, ())
    machine = data.get("machine") or event_values(event)
    values: dict[str, Any] = {}
    flagged: dict[int, str] = {}
    for edit in edits:
        then = (edit.anchor or {}).get("machine", {})
        for field, value in (edit.after or {}).items():
            if field not in EVENT_FIELDS:
                continue
            values[field] = value
            if field in then and not same_value(field, machine.get(field), then[field]) \
                    and not same_value(field, machine.get(field), value):
                flagged[edit.id] = (f"new evidence reads {field} as "
                                    f"{_show(machine.get(field))}; the edit says {_show(value)}")
        if edit.status == "flagged" and edit.id not in flagged:
            flagged[edit.id] = edit.note or "flagged"
    for edit in edits:
        status = "flagged" if edit.id in flagged else "active"
        if status != edit.status or flagged.get(edit.id) != edit.note:
            conn.execute(update(schema.edits).where(schema.edits.c.id == edit.id)
                         .values(status=status, note=flagged.get(edit.id)))
    patched = _patched(event, values) if values else event
    new = event_row(patched)
    new_data = new.pop("data")
    new_data["claims"] = data.get("claims", [])
    new_data["machine"] = machine
    new_data["edited"] = bool(values)
    new.pop("id")
    conn.execute(update(ev_t).where(ev_t.c.id == event_id).values(**new, data=new_data))


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return repr(value.get("name") or value.get("text") or value.get("id"))
    return repr(value)


def _drop_rejected(conn: Connection) -> None:
    rejected = list(rejected_claims(conn))
    if not rejected:
        return
    ec, ev = schema.event_claims.c, schema.events.c
    for start in range(0, len(rejected), 500):
        chunk = rejected[start:start + 500]
        touched = set(conn.scalars(select(ec.event_id).where(ec.claim_id.in_(chunk))))
        if not touched:
            continue
        conn.execute(delete(schema.event_claims).where(ec.claim_id.in_(chunk)))
        for event_id in touched:
            left = conn.scalar(select(ec.claim_id).where(ec.event_id == event_id).limit(1))
            if left is None:
                conn.execute(delete(schema.events).where(ev.id == event_id))
            else:
                row = conn.execute(select(ev.data).where(ev.id == event_id)).first()
                if row is not None:
                    data = dict(row.data)
                    data["claims"] = [c for c in data.get("claims", []) if c not in chunk]
                    conn.execute(update(schema.events).where(ev.id == event_id)
                                 .values(data=data))


# ---------------------------------------------------------------------------- merge and split


def _status(conn: Connection, edit: Any, status: str, note: str | None = None) -> None:
    if edit.status != status or edit.note != note:
        conn.execute(update(schema.edits).where(schema.edits.c.id == edit.id)
                     .values(status=status, note=note))


def _holder(owner: dict[str, str], claims: Iterable[str], prefer: str | None = None,
            skip: str | None = None) -> str | None:
    counts: dict[str, int] = {}
    for c in claims:
        if c in owner and owner[c] != skip:
            counts[owner[c]] = counts.get(owner[c], 0) + 1
    if prefer is not None and counts.get(prefer):
        return prefer
    return max(counts, key=lambda k: (counts[k], k)) if counts else None


def _set_claims(conn: Connection, event_id: str, claims: list[str]) -> None:
    ev = schema.events.c
    row = conn.execute(select(ev.data).where(ev.id == event_id)).first()
    if row is not None:
        conn.execute(update(schema.events).where(ev.id == event_id)
                     .values(data={**row.data, "claims": claims}))


def _linked(conn: Connection, event_id: str) -> list[str]:
    ec = schema.event_claims.c
    return list(conn.scalars(select(ec.claim_id).where(ec.event_id == event_id)
                             .order_by(ec.claim_id)))


def _merge(conn: Connection, edit: Any) -> None:
    """Event B (the claims in `after`) joins event A (the edit's target): its claims move to A,
    which keeps its own coding. (Incremental consolidation rebuilds the groups of all claims of
    an event together: see `_queries.linked_groups`.)"""
    a_claims = [c for c in edit.anchor.get("claims", []) if c not in edit.after["claims"]]
    b_claims = list(edit.after["claims"])
    owner = _owners(conn, {*a_claims, *b_claims})
    ea = _holder(owner, a_claims, edit.target_id)
    if ea is None:
        _status(conn, edit, "orphaned", "none of the first event's claims is in an event")
        return
    _status(conn, edit, "active")
    if ea != edit.target_id:
        conn.execute(update(schema.edits).where(schema.edits.c.id == edit.id)
                     .values(target_id=ea))
    for eb in {owner[x] for x in b_claims if x in owner and owner[x] != ea}:
        moving = _linked(conn, eb)
        ec = schema.event_claims.c
        conn.execute(delete(schema.event_claims).where(ec.event_id == eb))
        have = set(_linked(conn, ea))
        fresh = [x for x in moving if x not in have]
        if fresh:
            conn.execute(insert(schema.event_claims),
                         [{"event_id": ea, "claim_id": x} for x in fresh])
        conn.execute(delete(schema.events).where(schema.events.c.id == eb))
    _set_claims(conn, ea, _linked(conn, ea))


def _split(conn: Connection, edit: Any) -> None:
    """The claims in `after` leave their event for a new one (id `after.new_id`) that starts as
    a copy of the event's coding."""
    part, new_id = list(edit.after["claims"]), str(edit.after["new_id"])
    owner = _owners(conn, set(part))
    source = _holder(owner, part, skip=new_id)
    ev = schema.events
    exists = conn.scalar(select(ev.c.id).where(ev.c.id == new_id)) is not None
    if source is None:
        if not exists:
            _status(conn, edit, "orphaned", "none of its claims is in an event any more")
        return
    _status(conn, edit, "active")
    if not exists:
        row = conn.execute(select(ev).where(ev.c.id == source)).first()
        assert row is not None
        copy = {**dict(row._mapping), "id": new_id}
        copy["data"] = {**row.data, "id": new_id, "claims": []}
        conn.execute(insert(ev), [copy])
    ec = schema.event_claims.c
    moving = [x for x in part if x in owner and owner[x] != new_id]
    conn.execute(delete(schema.event_claims).where(ec.claim_id.in_(moving)))
    conn.execute(insert(schema.event_claims),
                 [{"event_id": new_id, "claim_id": x} for x in moving])
    _set_claims(conn, new_id, _linked(conn, new_id))
    for old in {owner[x] for x in moving}:
        left = _linked(conn, old)
        if left:
            _set_claims(conn, old, left)
        else:
            conn.execute(delete(ev).where(ev.c.id == old))
