"""Corrections: edit an event's fields, accept an item, reject a claim; each one an audited
edit record (see `frontlines.store.edits`) that later recomputation re-applies."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy import insert, select

from frontlines.events.ontology import Ontology
from frontlines.model import Event
from frontlines.names import name_key
from frontlines.store import Store, schema
from frontlines.store._queries import claims_in_groups, linked_groups, replace_group_events
from frontlines.store._rows import now
from frontlines.store.edits import (
    EVENT_FIELDS,
    EditError,
    apply_edits,
    edit_dict,
    event_values,
    record_edit,
    rejected_claims,
    same_value,
)

__all__ = ["Corrections", "apply_overlay", "event_types"]

MAX_REASON = 2000
MAX_FATALITIES = 1_000_000


def event_types() -> dict[str, list[str]]:
    """ACLED event types and their sub-event types, as the ontology codes them."""
    out: dict[str, set[str]] = {}
    for e in Ontology.load().events:
        pairs = [(e.event_type, e.sub_event_type)]
        if e.sub_event_type_if_state:
            pairs.append((e.event_type, e.sub_event_type_if_state))
        pairs += [tuple(t) for t in (e.civilian_type, e.combatant_type,  # type: ignore[misc]
                                     e.nonstate_civilian_type) if t]
        for etype, sub in pairs:
            out.setdefault(etype, set()).add(sub)
    return {k: sorted(v) for k, v in sorted(out.items())}


class Corrections:
    """The corrections of one store. `kb` (optional) is the actor knowledge base."""

    def __init__(self, store: Store, kb: Any = None) -> None:
        self.store = store
        self.kb = kb
        self._types: dict[str, list[str]] | None = None

    # ------------------------------------------------------------------ reading

    def history(self, event_id: str) -> list[dict[str, Any]]:
        """Every edit record of an event (and of its claims), oldest first."""
        event = self.store.event(event_id)
        claims = {c.id for c in event.claims} if event else set()
        e = schema.edits.c
        with self.store.read() as conn:
            rows = list(conn.execute(select(schema.edits).order_by(e.id)))
        out = []
        for r in rows:
            anchored = set((r.anchor or {}).get("claims", []))
            if (r.target_kind == "event" and r.target_id == event_id) or \
                    (r.target_kind == "claim" and (r.target_id in claims
                                                   or r.after.get("event") == event_id)) or \
                    (r.target_kind == "event" and claims and anchored & claims):
                out.append(edit_dict(r))
        return out

    def edits(self, status: str | None = None) -> list[dict[str, Any]]:
        e = schema.edits.c
        q = select(schema.edits).order_by(e.id)
        if status:
            q = q.where(e.status == status)
        with self.store.read() as conn:
            return [edit_dict(r) for r in conn.execute(q)]

    # ------------------------------------------------------------------ writing

    def edit_event(self, event_id: str, changes: Any, reason: str = "",
                   author: str = "") -> dict[str, Any]:
        """Set some of an event's fields (see `EVENT_FIELDS`); returns the edit record."""
        if not isinstance(changes, dict) or not changes:
            raise EditError("send the fields to change as a JSON object, e.g. "
                            '{"actor1": "hts", "fatalities": 3}')
        unknown = sorted(set(changes) - set(EVENT_FIELDS))
        if unknown:
            raise EditError(f"cannot edit {', '.join(map(repr, unknown))}: editable fields are "
                            f"{', '.join(EVENT_FIELDS)}")
        event = self._event(event_id)
        after = {field: self._value(field, value) for field, value in changes.items()}
        self._check_type(after, event)
        shown = event_values(event)
        before = {f: shown[f] for f in after}
        if all(same_value(f, before[f], after[f]) for f in after):
            raise EditError("nothing to change: the event already has these values", 409)
        return self._record(event, "edit", before, after, reason, author)

    def accept(self, event_id: str, reason: str = "", author: str = "") -> dict[str, Any]:
        """Mark an event as reviewed and right as coded (it leaves the review queue)."""
        event = self._event(event_id)
        return self._record(event, "accept", {}, {}, reason, author)

    def accept_item(self, kind: str, item_id: str, reason: str = "",
                    author: str = "") -> dict[str, Any]:
        """Accept a review item: an event, a claim or a provisional actor."""
        if kind == "event":
            return self.accept(item_id, reason, author)
        table = {"claim": schema.claims, "actor": schema.actors}.get(kind)
        if table is None:
            raise EditError(f"kind must be event, claim or actor, not {kind!r}")
        reason = _reason(reason)
        with self.store.transaction() as conn:
            if conn.scalar(select(table.c.id).where(table.c.id == item_id)) is None:
                raise EditError(f"no {kind} {item_id!r}", 404)
            new_id = record_edit(conn, target_kind=kind, target_id=item_id, action="accept",
                                 before={}, after={}, reason=reason, author=author,
                                 anchor={"claims": [item_id] if kind == "claim" else []})
            return self._edit(conn, new_id)

    def reject_claim(self, claim_id: str, reason: str = "", author: str = "") -> dict[str, Any]:
        """Take a claim out of every event (its event is rebuilt from the others, or goes)."""
        reason = _reason(reason)
        c, ec = schema.claims.c, schema.event_claims.c
        with self.store.transaction() as conn:
            row = conn.execute(select(c.id, c.group_key).where(c.id == claim_id)).first()
            if row is None:
                raise EditError(f"no claim {claim_id!r}", 404)
            if claim_id in rejected_claims(conn):
                raise EditError(f"claim {claim_id!r} is rejected already", 409)
            event_id = conn.scalar(select(ec.event_id).where(ec.claim_id == claim_id))
            new_id = record_edit(conn, target_kind="claim", target_id=claim_id, action="reject",
                                 before={"event": event_id}, after={"event": event_id},
                                 reason=reason, author=author, anchor={"claims": [claim_id]})
            if row.group_key is not None:
                self._rebuild_group(conn, row.group_key)
            apply_edits(conn)
            return self._edit(conn, new_id)

    def merge_events(self, event_id: str, other_id: str, reason: str = "",
                     author: str = "") -> dict[str, Any]:
        """Merge event `other_id` into `event_id`: one event with the claims of both, coded as
        `event_id` is (edit its fields afterwards if need be)."""
        first, other = self._event(event_id), self._event(other_id)
        if first.id == other.id:
            raise EditError("an event cannot be merged with itself")
        a, b = [c.id for c in first.claims], [c.id for c in other.claims]
        return self._structural(first, "merge", {"events": [first.id, other.id]},
                                {"merged": other.id, "claims": b}, [*a, *b], reason, author)

    def split_event(self, event_id: str, claim_ids: Any, reason: str = "",
                    author: str = "") -> dict[str, Any]:
        """Move some claims of an event to a new event (a copy of its coding to correct)."""
        event = self._event(event_id)
        have = [c.id for c in event.claims]
        if not isinstance(claim_ids, list) or not claim_ids or \
                not all(isinstance(c, str) for c in claim_ids):
            raise EditError("claims must be a non-empty list of claim ids")
        unknown = sorted(set(claim_ids) - set(have))
        if unknown:
            raise EditError(f"not claims of event {event_id!r}: {', '.join(unknown)}")
        part = sorted(set(claim_ids))
        if len(part) == len(have):
            raise EditError("a split leaves at least one claim in the event")
        digest = hashlib.sha256("|".join([event_id, *part]).encode()).hexdigest()[:16]
        return self._structural(event, "split", {"claims": have},
                                {"claims": part, "new_id": digest}, have, reason, author)

    def _structural(self, event: Event, action: str, before: dict[str, Any],
                    after: dict[str, Any], claims: list[str], reason: str,
                    author: str) -> dict[str, Any]:
        reason = _reason(reason)
        with self.store.transaction() as conn:
            new_id = record_edit(conn, target_kind="event", target_id=event.id, action=action,
                                 before=before, after=after, reason=reason, author=author,
                                 anchor={"claims": claims})
            apply_edits(conn, claims)
            return self._edit(conn, new_id)

    # ------------------------------------------------------------------ the knowledge overlay

    def add_spelling(self, kind: str, name: str, target_id: str, reason: str = "",
                     author: str = "") -> dict[str, Any]:
        """Record that `name` is a spelling of place or actor `target_id`: the next report
        that writes it resolves without an edit (place names, actor aliases)."""
        if kind not in ("place", "actor"):
            raise EditError(f"kind must be place or actor, not {kind!r}")
        if not isinstance(name, str) or not name.strip() or len(name) > 200 or \
                not name_key(name):
            raise EditError("a spelling is a name of 1-200 characters with letters in it")
        if not isinstance(target_id, str) or not target_id:
            raise EditError(f"give the id of the {kind} the spelling names")
        name, reason = " ".join(name.split()), _reason(reason)
        if kind == "place":
            with self.store.read() as conn:
                if conn.scalar(select(schema.places.c.id)
                               .where(schema.places.c.id == target_id)) is None:
                    raise EditError(f"no place {target_id!r} in the gazetteer", 404)
        elif target_id not in self._known_actors():
            raise EditError(f"no actor {target_id!r}", 404)
        o = schema.knowledge_overlay.c
        with self.store.transaction() as conn:
            if conn.scalar(select(o.id).where(o.kind == kind, o.name == name,
                                              o.target_id == target_id)) is not None:
                raise EditError(f"{name!r} is already a spelling of {target_id!r}", 409)
            apply_overlay(conn, [{"kind": kind, "name": name, "target_id": target_id,
                                  "author": author, "at": now()}])
            new_id = record_edit(conn, target_kind=kind, target_id=target_id,
                                 action="spelling", before={}, after={"name": name},
                                 reason=reason, author=author, anchor={"claims": []})
            return self._edit(conn, new_id)

    def fold_actor(self, source: str, into: str, reason: str = "",
                   author: str = "") -> dict[str, Any]:
        """Fold provisional actor `source` into the known actor `into` (its spellings become
        aliases of `into`; stored claims and events are rewritten)."""
        from frontlines.errors import StoreError
        from frontlines.knowledge import actor_knowledge, merge_actor

        reason = _reason(reason)
        try:
            result = merge_actor(self.store, source, into, actor_knowledge(self.store))
        except StoreError as exc:
            raise EditError(str(exc), 404) from None
        with self.store.transaction() as conn:
            names = list(result.names)
            conn.execute(insert(schema.knowledge_overlay), [
                {"kind": "actor", "name": n, "target_id": result.into, "author": author,
                 "at": now()} for n in names if not conn.scalar(
                    select(schema.knowledge_overlay.c.id).where(
                        schema.knowledge_overlay.c.kind == "actor",
                        schema.knowledge_overlay.c.name == n,
                        schema.knowledge_overlay.c.target_id == result.into))])
            new_id = record_edit(conn, target_kind="actor", target_id=result.source,
                                 action="fold", before={"id": result.source, "names": names},
                                 after={"into": result.into}, reason=reason, author=author,
                                 anchor={"claims": []})
            return self._edit(conn, new_id)

    def spellings(self) -> list[dict[str, Any]]:
        o = schema.knowledge_overlay.c
        with self.store.read() as conn:
            return [{"kind": r.kind, "name": r.name, "target_id": r.target_id,
                     "author": r.author, "at": r.at.isoformat(timespec="seconds")}
                    for r in conn.execute(select(schema.knowledge_overlay).order_by(o.id))]

    # ------------------------------------------------------------------ helpers

    def _record(self, event: Event, action: str, before: dict[str, Any], after: dict[str, Any],
                reason: str, author: str) -> dict[str, Any]:
        reason = _reason(reason)
        with self.store.transaction() as conn:
            data = conn.scalar(select(schema.events.c.data)
                               .where(schema.events.c.id == event.id)) or {}
            machine = data.get("machine") or event_values(event)
            new_id = record_edit(conn, target_kind="event", target_id=event.id, action=action,
                                 before=before, after=after, reason=reason, author=author,
                                 anchor={"claims": [c.id for c in event.claims],
                                         "machine": {f: machine.get(f) for f in after}})
            apply_edits(conn, [c.id for c in event.claims] or None)
            return self._edit(conn, new_id)

    @staticmethod
    def _edit(conn: Any, edit_id: int) -> dict[str, Any]:
        row = conn.execute(select(schema.edits).where(schema.edits.c.id == edit_id)).first()
        return edit_dict(row)

    def _rebuild_group(self, conn: Any, group_key: str) -> None:
        """Re-consolidate one claim group without its rejected claims."""
        from frontlines.consolidate import consolidate

        rejected = rejected_claims(conn)
        groups = linked_groups(conn, {group_key})
        claims, _ = claims_in_groups(conn, groups, frozenset(rejected))
        replace_group_events(conn, groups, consolidate(claims))

    def _event(self, event_id: str) -> Event:
        if not isinstance(event_id, str) or not event_id:
            raise EditError("an event id is a non-empty string")
        event = self.store.event(event_id)
        if event is None:
            raise EditError(f"no event {event_id!r}", 404)
        return event

    def _check_type(self, after: dict[str, Any], event: Event) -> None:
        if "event_type" not in after and "sub_event_type" not in after:
            return
        types = self._types = self._types or event_types()
        etype = after.get("event_type", event.event_type)
        sub = after.get("sub_event_type", event.sub_event_type)
        if etype not in types:
            raise EditError(f"unknown event_type {etype!r}: one of {', '.join(types)}")
        if sub not in types[etype]:
            raise EditError(f"{sub!r} is not a sub_event_type of {etype!r}: one of "
                            f"{', '.join(types[etype])}")
        after["event_type"], after["sub_event_type"] = etype, sub

    def _value(self, field: str, value: Any) -> Any:
        if field in ("event_type", "sub_event_type"):
            if not isinstance(value, str) or not value.strip():
                raise EditError(f"{field} must be a non-empty string")
            return value.strip()
        if field in ("actor1", "actor2"):
            return None if value is None and field == "actor2" else self._actor(field, value)
        if field == "place":
            return self._place(value)
        if field == "date":
            if not isinstance(value, str):
                raise EditError("date must be a string like 2017-07-21")
            try:
                return date.fromisoformat(value).isoformat()
            except ValueError:
                raise EditError(f"date must be a date like 2017-07-21, not {value!r}") from None
        if field == "fatalities":
            if value is None:
                return None
            if isinstance(value, bool) or not isinstance(value, int) or \
                    not 0 <= value <= MAX_FATALITIES:
                raise EditError(f"fatalities must be a whole number from 0 to {MAX_FATALITIES} "
                                f"or null, not {value!r}")
            return value
        raise EditError(f"cannot edit {field!r}")

    def _actor(self, field: str, value: Any) -> dict[str, Any]:
        """An actor given by id (known to the knowledge base, the store or the events) or, for
        a new one, as {"name": ...}."""
        if isinstance(value, dict) and set(value) <= {"id", "name"} and value.get("id") is None:
            name = value.get("name")
            if not isinstance(name, str) or not name.strip() or len(name) > 200:
                raise EditError(f'{field}: a new actor is {{"name": "..."}} (1-200 characters)')
            return {"id": None, "name": name.strip()}
        actor_id = value.get("id") if isinstance(value, dict) else value
        if not isinstance(actor_id, str) or not actor_id.strip():
            raise EditError(f'{field} must be an actor id (a string) or {{"name": "..."}}')
        known = self._known_actors()
        found = known.get(actor_id) or known.get("key:" + name_key(actor_id))
        if found is None:
            raise EditError(f"{field}: no actor {actor_id!r} (give a known actor's id or name, "
                            f'or {{"name": "..."}} for a new one)')
        return found

    def _known_actors(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}

        def add(actor_id: str, name: str) -> None:
            value = {"id": actor_id, "name": name}
            out.setdefault(actor_id, value)
            out.setdefault("key:" + name_key(name), value)

        if self.kb is not None:
            for a in self.kb.actors():
                add(a.id, a.name)
        e = schema.events.c
        with self.store.read() as conn:
            for row in conn.execute(select(schema.actors.c.id, schema.actors.c.name)):
                add(row.id, row.name)
            for row in conn.execute(select(e.actor1_id, e.actor1, e.actor2_id, e.actor2)
                                    .distinct()):
                for actor_id, name in ((row.actor1_id, row.actor1), (row.actor2_id, row.actor2)):
                    if actor_id:
                        add(actor_id, name or actor_id)
        return out

    def _place(self, value: Any) -> dict[str, Any] | None:
        """A place given by its gazetteer id (or the id of a place events already use)."""
        if value is None:
            return None
        place_id = value.get("id") if isinstance(value, dict) else value
        if not isinstance(place_id, str) or not place_id.strip():
            raise EditError("place must be a place id (a string), e.g. from /api/places")
        p = schema.places.c
        with self.store.read() as conn:
            row = conn.execute(select(schema.places).where(p.id == place_id)).first()
            if row is not None:
                return {"text": row.name, "place_id": row.id, "name": row.name, "lat": row.lat,
                        "lon": row.lon, "country": row.country, "admin1": row.admin1,
                        "admin2": row.admin2, "admin3": row.admin3, "geo_precision": 1}
            e = schema.events.c
            used = conn.execute(select(e.id).where(e.place_id == place_id).limit(1)).first()
        if used is not None:
            event = self.store.event(used.id)
            if event is not None and event.place is not None:
                return event_values(event)["place"]
        raise EditError(f"no place {place_id!r} in the gazetteer or the events")


def _reason(reason: Any) -> str:
    if reason is None:
        return ""
    if not isinstance(reason, str):
        raise EditError("reason must be a string")
    if len(reason) > MAX_REASON:
        raise EditError(f"reason is limited to {MAX_REASON} characters")
    return reason.strip()


def apply_overlay(conn: Any, rows: list[dict[str, Any]]) -> int:
    """Write spellings into the overlay and where resolution reads them: place names, and the
    analysts' actor decisions (`actor_merges`, read back by `knowledge.actor_knowledge`)."""
    if not rows:
        return 0
    conn.execute(insert(schema.knowledge_overlay), rows)
    places = [r for r in rows if r["kind"] == "place"]
    actors = [r for r in rows if r["kind"] == "actor"]
    if places:  # a place this store's gazetteer lacks keeps its spelling in the overlay only
        known = set(conn.scalars(select(schema.places.c.id).where(
            schema.places.c.id.in_([r["target_id"] for r in places]))))
        places = [r for r in places if r["target_id"] in known]
    if places:
        have = {(r.place_id, r.name) for r in conn.execute(
            select(schema.place_names.c.place_id, schema.place_names.c.name).where(
                schema.place_names.c.place_id.in_([r["target_id"] for r in places])))}
        fresh = [{"place_id": r["target_id"], "name": r["name"], "key": name_key(r["name"])[:200]}
                 for r in places if (r["target_id"], r["name"]) not in have]
        if fresh:
            conn.execute(insert(schema.place_names), fresh)
    m = schema.actor_merges.c
    for r in actors:
        key = name_key(r["name"])[:200]
        if conn.scalar(select(m.key).where(m.key == key)) is None:
            conn.execute(insert(schema.actor_merges), [{"key": key, "name": r["name"],
                                                       "into_id": r["target_id"],
                                                       "decided_at": r["at"]}])
    return len(rows)
