"""Which alerts the documents that just landed raise. Each alert's id is a hash of its rule and
its subject (the place and date of a change, the actor, the day, the event), so the same fact
never fires twice, however often it is re-read or re-evaluated."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from frontlines.alerts.rules import Rule
from frontlines.model import Event, RelationKind
from frontlines.names import name_key
from frontlines.state import ConflictState, control_on
from frontlines.store import EventFilter, Store, schema

__all__ = ["Alert", "evaluate", "touched_events"]


@dataclass(frozen=True)
class Alert:
    id: str
    rule: str
    kind: str
    title: str
    data: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "rule": self.rule, "kind": self.kind, "title": self.title,
                "data": self.data}


def _alert(rule: Rule, subject: tuple[object, ...], title: str, **data: Any) -> Alert:
    key = "\x1f".join([rule.name, rule.kind, *(str(s) for s in subject)])
    return Alert(hashlib.sha256(key.encode("utf-8")).hexdigest()[:32], rule.name, rule.kind,
                 title, data)


def touched_events(store: Store, doc_ids: list[str]) -> list[Event]:
    """Events built (in part) from claims of these documents."""
    ec, c = schema.event_claims, schema.claims
    ids: set[str] = set()
    with store.read() as conn:
        for start in range(0, len(doc_ids), 500):
            q = (select(ec.c.event_id).join(c, c.c.id == ec.c.claim_id)
                 .where(c.c.doc_id.in_(doc_ids[start:start + 500])))
            ids |= set(conn.scalars(q))
    found = [store.event(i) for i in sorted(ids)]
    return [ev for ev in found if ev is not None]


def evaluate(store: Store, rules: tuple[Rule, ...], doc_ids: list[str]) -> list[Alert]:
    """The alerts these newly stored documents raise (before de-duplication by id)."""
    if not doc_ids or not rules:
        return []
    events = touched_events(store, doc_ids)
    view = ConflictState(store)
    out: list[Alert] = []
    for rule in rules:
        tokens = view.region_tokens(rule.province) if rule.province else None

        def in_province(ev: Event, tokens: set[str] | None = tokens) -> bool:
            if tokens is None:
                return True
            admin1 = ev.place.admin1 if ev.place else None
            return bool(admin1) and (admin1 in tokens or name_key(admin1) in tokens)

        mine = [ev for ev in events if in_province(ev)]
        if rule.kind in ("control_change", "contested"):
            out.extend(_control(store, rule, mine))
        elif rule.kind == "new_actor":
            out.extend(_new_actors(store, rule, mine, set(doc_ids)))
        elif rule.kind == "alliance_split":
            out.extend(_splits(store, rule, set(doc_ids)))
        elif rule.kind == "fatalities":
            out.extend(_fatalities(store, rule, mine, in_province))
        elif rule.kind == "radius":
            out.extend(_radius(rule, mine))
    return list({a.id: a for a in out}.values())


def _control(store: Store, rule: Rule, events: list[Event]) -> list[Alert]:
    out = []
    seen: set[tuple[str, date]] = set()
    for ev in events:
        if ev.place is None or not ev.place.place_id or ev.date is None:
            continue
        pid, when = ev.place.place_id, ev.date
        if (pid, when) in seen:
            continue
        seen.add((pid, when))
        history = [x for x in store.events(EventFilter(place=pid, date_to=when))
                   if x.place is not None and x.place.place_id == pid]
        now = {s.place_id: s for s in control_on(history, when)}.get(pid)
        before = {s.place_id: s for s in control_on(history, when - timedelta(days=1))}.get(pid)
        if now is None:
            continue
        name = now.name or pid
        if rule.kind == "contested":
            if now.status == "contested" and (before is None or before.status != "contested"):
                out.append(_alert(rule, (pid, when), f"{name} became contested on {when}",
                                  place_id=pid, place=name, date=when.isoformat(),
                                  admin1=now.admin1, events=list(now.events)))
            continue
        holder = now.controller.id or now.controller.name if now.controller else None
        was = before.controller.id or before.controller.name if (
            before and before.controller) else None
        if now.status == "held" and holder and holder != was:
            who = now.controller.name if now.controller else holder
            out.append(_alert(rule, (pid, when, holder), f"{name}: control passed to {who} "
                              f"on {when}", place_id=pid, place=name, date=when.isoformat(),
                              admin1=now.admin1, controller=who,
                              previous=before.controller.name if before and before.controller
                              else None, events=list(now.events)))
    return out


def _new_actors(store: Store, rule: Rule, events: list[Event], docs: set[str]) -> list[Alert]:
    e, ec, c = schema.events.c, schema.event_claims.c, schema.claims.c
    out = []
    actors = {a.id: a for ev in events for a in (ev.actor1, ev.actor2) if a is not None and a.id}
    for actor_id, actor in sorted(actors.items()):
        q = (select(c.doc_id).select_from(schema.events)
             .join(schema.event_claims, ec.event_id == e.id)
             .join(schema.claims, c.id == ec.claim_id)
             .where((e.actor1_id == actor_id) | (e.actor2_id == actor_id)).distinct())
        with store.read() as conn:
            sources = set(conn.scalars(q))
        if sources and sources <= docs:  # every event with this actor comes from the new docs
            out.append(_alert(rule, (actor_id,), f"New actor: {actor.name}",
                              actor_id=actor_id, actor=actor.name, documents=sorted(sources)))
    return out


def _splits(store: Store, rule: Rule, docs: set[str]) -> list[Alert]:
    out = []
    for r in store.relations():
        if r.doc_id in docs and str(r.kind) == RelationKind.SPLIT_FROM:
            out.append(_alert(rule, (r.actor, r.target, r.start),
                              f"Alliance split: {r.actor} left {r.target}"
                              + (f" ({r.start})" if r.start else ""),
                              actor=r.actor, target=r.target, start=r.start,
                              evidence=r.evidence, doc_id=r.doc_id))
    return out


def _fatalities(store: Store, rule: Rule, events: list[Event], in_province: Any) -> list[Alert]:
    out = []
    for day in sorted({ev.date for ev in events if ev.date is not None and ev.fatalities}):
        same_day = [x for x in store.events(EventFilter(date_from=day, date_to=day))
                    if in_province(x) and not x.background]
        total = sum(x.fatalities or 0 for x in same_day)
        if total >= rule.min:
            where = f" in {rule.province}" if rule.province else ""
            out.append(_alert(rule, (day,), f"{total} killed{where} on {day}",
                              date=day.isoformat(), fatalities=total,
                              events=[x.id for x in same_day if x.fatalities]))
    return out


def _radius(rule: Rule, events: list[Event]) -> list[Alert]:
    assert rule.lat is not None and rule.lon is not None and rule.km is not None
    out = []
    for ev in events:
        if ev.place is None or ev.place.lat is None or ev.place.lon is None:
            continue
        km = haversine_km(rule.lat, rule.lon, ev.place.lat, ev.place.lon)
        if km <= rule.km:
            name = ev.place.name or ev.place.text
            out.append(_alert(rule, (ev.id,), f"{ev.sub_event_type} at {name} "
                              f"({km:.0f} km away) on {ev.date}", event_id=ev.id, place=name,
                              date=ev.date.isoformat() if ev.date else None,
                              km=round(km, 1)))
    return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))
