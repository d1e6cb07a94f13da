"""Territorial control per place over time, derived from events (never stored by hand).

Rules, applied in date order to the events at one place (town-level or "near" precision):
- a capture ("Non-state actor overtakes territory", "Government regains territory") sets the
  controller to actor1 from the event's date;
- a "Non-violent transfer of territory" is a handover to its taker: actor1 when the event is an
  acquisition, actor2 (if any) when it is a withdrawal; a withdrawal with no taker leaves the
  place `unknown` (`previous` keeps who held it);
- an attack on a held place by another actor, or a clash between two named actors at a place,
  makes it `contested` until the next capture.
Every state carries the ids of the events behind it. An event dated with week or month precision
applies from its (start) date; undated events are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from frontlines.model import ActorRef, Event
from frontlines.names import name_key

__all__ = ["ControlRules", "ControlState", "control_geojson", "control_history", "control_on"]


@dataclass(frozen=True)
class ControlRules:
    """Which sub-event types move control. Configurable, so a new coding scheme is data."""

    captures: frozenset[str] = frozenset(
        {"non-state actor overtakes territory", "government regains territory"}
    )
    transfers: frozenset[str] = frozenset({"non-violent transfer of territory"})
    attacks: frozenset[str] = frozenset(
        {"armed clash", "attack", "shelling/artillery/missile attack", "air/drone strike",
         "grenade", "remote explosive/landmine/ied", "suicide bomb"}
    )
    clashes: frozenset[str] = frozenset({"armed clash"})
    # violence against civilians says nothing of who holds a town; neither does an attacker
    # nobody could name ("Unidentified Armed Group (Syria)")
    contesting_types: frozenset[str] = frozenset({"battles", "explosions/remote violence"})
    unidentified_prefixes: tuple[str, ...] = ("unidentified",)
    withdrawal_stems: tuple[str, ...] = (
        "retreat", "withdr", "pull", "evacu", "abandon", "leav", "left", "flee", "fled", "hand",
        "ced", "vacat", "quit",
    )
    withdrawal_plover: frozenset[str] = frozenset({"retreat"})
    max_geo_precision: int = 2  # precision 3 (only the province is known) says nothing of a town


@dataclass(frozen=True)
class ControlState:
    """Who holds one place on a date, and the events that say so."""

    place_id: str
    name: str
    status: str  # held | contested | unknown
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    controller: ActorRef | None = None
    previous: ActorRef | None = None
    since: date | None = None
    contenders: tuple[ActorRef, ...] = ()
    events: tuple[str, ...] = ()  # ids of the events behind this state, oldest first
    history: tuple[dict[str, Any], ...] = field(default=(), compare=False)
    basis: str | None = None  # claimed | assessed | disputed (state/disputes.py), None: not asked

    def as_dict(self) -> dict[str, Any]:
        return {
            "place_id": self.place_id, "name": self.name, "status": self.status,
            "lat": self.lat, "lon": self.lon, "admin1": self.admin1, "admin2": self.admin2,
            "controller": _actor(self.controller), "previous": _actor(self.previous),
            "since": self.since.isoformat() if self.since else None,
            "contenders": [_actor(a) for a in self.contenders],
            "events": list(self.events), "history": list(self.history), "basis": self.basis,
        }


def _actor(ref: ActorRef | None) -> dict[str, Any] | None:
    return None if ref is None else {"id": ref.id, "name": ref.name}


def _same(a: ActorRef | None, b: ActorRef | None) -> bool:
    if a is None or b is None:
        return False
    if a.id and b.id:
        return a.id == b.id
    return name_key(a.name) == name_key(b.name)


def place_key(event: Event) -> str | None:
    """The identity of an event's place: the gazetteer id, else its name's key."""
    p = event.place
    if p is None:
        return None
    if p.place_id:
        return p.place_id
    key = name_key(p.name or p.text)
    return f"name:{key}" if key else None


def _is_withdrawal(event: Event, rules: ControlRules) -> bool:
    if event.plover_type and event.plover_type.lower() in rules.withdrawal_plover:
        return True
    for claim in event.claims:
        for word in claim.trigger.lower().split():
            if word.startswith(rules.withdrawal_stems):
                return True
    return False


@dataclass
class _Track:
    place_id: str
    name: str
    first: Event
    status: str = "unknown"
    controller: ActorRef | None = None
    previous: ActorRef | None = None
    since: date | None = None
    contenders: list[ActorRef] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)

    def move(self, event: Event, status: str, controller: ActorRef | None,
             contenders: Sequence[ActorRef], reason: str) -> None:
        changed = status != self.status or not (
            controller is None and self.controller is None or _same(controller, self.controller)
        )
        if changed:
            self.since = event.date
            if status == "held":
                self.events = []
            if self.controller is not None and not _same(controller, self.controller):
                self.previous = self.controller
        self.status, self.controller = status, controller
        self.contenders = list(contenders)
        self.events.append(event.id)
        self.history.append({
            "date": event.date.isoformat() if event.date else None, "status": status,
            "controller": _actor(controller), "event": event.id, "reason": reason,
        })

    def apply(self, event: Event, rules: ControlRules) -> None:
        sub = event.sub_event_type.lower()
        a1, a2 = event.actor1, event.actor2
        if sub in rules.captures and a1 is not None:
            self.move(event, "held", a1, (), f"captured by {a1.name}")
        elif sub in rules.transfers:
            if _is_withdrawal(event, rules):
                if a2 is not None:
                    self.move(event, "held", a2, (), f"{_name(a1)} withdrew; taken by {a2.name}")
                else:
                    self.move(event, "unknown", None, [a for a in (a1,) if a],
                              f"{_name(a1)} withdrew; no taker reported")
            elif a1 is not None:
                self.move(event, "held", a1, (), f"handed over to {a1.name}")
        elif sub in rules.attacks and event.event_type.lower() in rules.contesting_types:
            if a1 is not None and _unidentified(a1, rules):
                return
            held = self.controller if self.status == "held" else None
            if held is not None and a1 is not None and not _same(a1, held):
                self.move(event, "contested", held, (held, a1), f"{a1.name} attacked it")
            elif held is None and sub in rules.clashes and a1 is not None and a2 is not None:
                self.move(event, "contested", None, (a1, a2),
                          f"clashes between {a1.name} and {a2.name}")
            elif self.status == "contested" and a1 is not None:
                if not any(_same(a1, c) for c in self.contenders):
                    self.contenders.append(a1)
                self.events.append(event.id)

    def state(self) -> ControlState:
        p = self.first.place
        assert p is not None
        return ControlState(
            place_id=self.place_id, name=self.name, status=self.status, lat=p.lat, lon=p.lon,
            admin1=p.admin1, admin2=p.admin2, controller=self.controller,
            previous=self.previous, since=self.since, contenders=tuple(self.contenders),
            events=tuple(self.events), history=tuple(self.history),
        )


def _unidentified(ref: ActorRef, rules: ControlRules) -> bool:
    return (ref.id or ref.name).lower().startswith(rules.unidentified_prefixes) or \
        ref.name.lower().startswith(rules.unidentified_prefixes)


def _name(ref: ActorRef | None) -> str:
    return ref.name if ref is not None else "an unnamed actor"


def _order(event: Event) -> tuple[Any, ...]:
    first = event.claims[0] if event.claims else None
    return (event.date, first.doc_id if first else "", first.sentence if first else 0, event.id)


def control_history(
    events: Iterable[Event], rules: ControlRules | None = None, on: date | None = None
) -> dict[str, ControlState]:
    """Control of every place touched by a territorial or violent event, as of `on` (or ever)."""
    rules = rules or ControlRules()
    tracks: dict[str, _Track] = {}
    relevant = rules.captures | rules.transfers | rules.attacks
    dated = [
        e for e in events
        if e.date is not None and (on is None or e.date <= on)
        and e.sub_event_type.lower() in relevant
        and e.place is not None and e.place.geo_precision <= rules.max_geo_precision
    ]
    for event in sorted(dated, key=_order):
        key = place_key(event)
        if key is None:
            continue
        track = tracks.get(key)
        if track is None:
            p = event.place
            assert p is not None
            track = tracks[key] = _Track(key, p.name or p.text, event)
        track.apply(event, rules)
    return {k: t.state() for k, t in tracks.items() if t.history}


def control_on(
    events: Iterable[Event], on: date, rules: ControlRules | None = None,
) -> list[ControlState]:
    """Control of every place on `on`, sorted by place name."""
    states = control_history(events, rules, on=on)
    return sorted(states.values(), key=lambda s: (name_key(s.name), s.place_id))


def control_geojson(states: Iterable[ControlState], on: date,
                    region: str | None = None) -> dict[str, Any]:
    """Control as a GeoJSON FeatureCollection: one Point per place (null geometry if unplaced)."""
    features = []
    for s in states:
        geometry = None
        if s.lat is not None and s.lon is not None:
            geometry = {"type": "Point", "coordinates": [s.lon, s.lat]}
        features.append({"type": "Feature", "id": s.place_id, "geometry": geometry,
                         "properties": s.as_dict()})
    return {"type": "FeatureCollection", "on": on.isoformat(), "region": region,
            "features": features}
