"""Disputes: where sources contradict each other about one incident.

Contradictions are looked for among the events at one place (a town: not a province, nor a
city named like its province or district, where many incidents happen a day) dated to the day
(a day either side allowed), between events no single outlet reports both of:

  control     a capture by A against a capture by someone not on A's side, or against a report
              of fighting there that says the attack failed or the place is still held
              (`outcome_cues` in kb/outlets.yaml);
  who         the same kind of attack on the same target (or the roles swapped) with a
              different armed perpetrator not on the same side, and the same toll (both
              overlapping, or neither given); an unidentified perpetrator counts only when the
              outlet naming no one speaks for the side the others blame;
  casualties  among the events of one incident, tolls from two outlets whose ranges do not
              overlap, each dated by its sentence to the same day (a day either side).

Tolls are ranges: "at least 4" is [4, inf), "about 20" [15, 25], "between 10 and 15" [10, 15].
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from frontlines.model import ActorRef, Event, Qualifier, Quantity, TimePrecision
from frontlines.names import fold, name_key
from frontlines.sources.claimants import ClaimView
from frontlines.sources.outlets import Outlets
from frontlines.sources.sides import Sides

__all__ = ["CAPTURES", "Dispute", "DisputeFinder", "DisputeSide", "toll_range"]

CAPTURES = frozenset({"non-state actor overtakes territory", "government regains territory"})
_ATTACK_TYPES = frozenset({"battles", "explosions/remote violence", "violence against civilians"})


@dataclass(frozen=True)
class DisputeSide:
    label: str
    event_ids: tuple[str, ...]
    claims: tuple[ClaimView, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "event_ids": list(self.event_ids),
                "outlets": sorted({v.claimant.outlet.name for v in self.claims}),
                "claims": [v.as_dict() for v in self.claims]}


@dataclass(frozen=True)
class Dispute:
    """Sources that contradict each other about one incident."""

    id: str
    kind: str  # control | who | casualties
    place: str
    place_key: str
    date: date | None
    event_ids: tuple[str, ...]
    sides: tuple[DisputeSide, ...]
    summary: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "place": self.place,
                "date": self.date.isoformat() if self.date else None,
                "event_ids": list(self.event_ids), "summary": self.summary,
                "sides": [s.as_dict() for s in self.sides]}


def toll_range(q: Quantity) -> tuple[float, float] | None:
    """The figures a reported toll allows: "at least 10" is [10, inf), "about 20" [15, 25]."""
    if q.value is None:
        return None
    if q.upper is not None:
        return float(q.value), float(q.upper)
    if q.qualifier in (Qualifier.AT_LEAST, Qualifier.VAGUE):
        return float(q.value), float("inf")
    if q.qualifier == Qualifier.ABOUT:
        return q.value * 0.75, q.value * 1.25
    return float(q.value), float(q.value)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _actor_key(ref: ActorRef | None) -> str:
    if ref is None:
        return ""
    return ref.id or name_key(ref.name)


def _unidentified(ref: ActorRef | None) -> bool:
    return ref is not None and (ref.id or ref.name).lower().startswith("unidentified")


def _place_key(event: Event) -> str | None:
    """The place to pair events on: a town, not a province, nor a city named like its
    province or district (a provincial capital holds many incidents a day)."""
    p = event.place
    if p is None or p.geo_precision >= 3:
        return None
    name = name_key(p.name or p.text or "")
    if name and name in {name_key(a) for a in (p.admin1, p.admin2) if a}:
        return None
    if p.place_id:
        return p.place_id
    key = name_key(p.name or p.text)
    return f"name:{key}" if key else None


def _span(event: Event) -> tuple[date, date] | None:
    if event.date is None:
        return None
    end = event.date_end or event.date
    if event.time_precision == TimePrecision.DAY:
        return event.date - timedelta(days=1), end + timedelta(days=1)
    if event.time_precision == TimePrecision.WEEK:
        return event.date - timedelta(days=7), end
    return event.date, end


class DisputeFinder:
    """Finds the disputes among events whose claims are typed (`ClaimView`s)."""

    def __init__(self, sides: Sides, outlets: Outlets) -> None:
        self.sides = sides
        self.outlets = outlets
        self._sentence_tolls: dict[tuple[str, int], list[Quantity]] = defaultdict(list)

    def find(self, events: Sequence[Event], views: dict[str, tuple[ClaimView, ...]]
             ) -> tuple[list[Dispute], list[list[Event]]]:
        """The disputes, and the groups of events that tell one toll (same place, compatible
        dates, same actor1 and actor2)."""
        found: dict[tuple[str, str, str], dict[str, Any]] = {}
        self._sentence_tolls = defaultdict(list)
        for e in events:
            for c in e.claims:
                for q in c.quantities:
                    if q.category == "killed" and q not in self._sentence_tolls[(c.doc_id,
                                                                                 c.sentence)]:
                        self._sentence_tolls[(c.doc_id, c.sentence)].append(q)

        def add(kind: str, key: str, label_events: list[tuple[str, Event]], place: str,
                when: date | None) -> None:
            slot = found.setdefault((kind, key, str(when)), {
                "place": place, "date": when, "sides": defaultdict(dict)})
            for label, ev in label_events:
                slot["sides"][label][ev.id] = ev

        buckets: dict[str, list[Event]] = defaultdict(list)
        groups: dict[str, list[Event]] = {}  # events that tell one toll: same place, time, actors
        for e in events:
            key = _place_key(e)
            if key is not None and e.time_precision == TimePrecision.DAY and e.date is not None \
                    and not e.background:
                buckets[key].append(e)
            else:  # a report's week ("this week", or only its date) is too loose to pair on
                groups[e.id] = [e]
        for key, evs in buckets.items():
            spans = {e.id: _span(e) for e in evs}
            evs.sort(key=lambda e: (spans[e.id], e.id))  # by the start of the date range
            parent = {e.id: e.id for e in evs}
            outlets = {e.id: {v.claimant.outlet.id for v in views[e.id]} for e in evs}
            for i, a in enumerate(evs):
                span_a = spans[a.id]
                for b in evs[i + 1:]:
                    span_b = spans[b.id]
                    if span_a is None or span_b is None or span_b[0] > span_a[1]:
                        break  # sorted by start: no later event can overlap `a`
                    if _actor_key(a.actor1) and _actor_key(a.actor1) == _actor_key(b.actor1) \
                            and _actor_key(a.actor2) == _actor_key(b.actor2):
                        parent[_root(parent, b.id)] = _root(parent, a.id)
                    if outlets[a.id] & outlets[b.id]:
                        continue  # one outlet tells both: no contradiction between sources
                    self._control_dispute(key, a, b, views, add)
                    self._who_dispute(key, a, b, views, add)
            for e in evs:
                groups.setdefault(_root(parent, e.id), []).append(e)
        for group in groups.values():
            self._casualty_dispute(group, views, add)
        disputes = [self._dispute(kind, key, slot, views)
                     for (kind, key, _), slot in sorted(found.items(), key=lambda kv: kv[0])]
        return disputes, list(groups.values())

    def _dispute(self, kind: str, key: str, slot: dict[str, Any],
                 views: dict[str, tuple[ClaimView, ...]]) -> Dispute:
        sides = []
        ids: list[str] = []
        for label, evs in slot["sides"].items():
            claims = tuple(v for eid in evs for v in views[eid] if kind != "casualties"
                           or v.claimant.outlet.id == label.split("\x1f")[0])
            sides.append(DisputeSide(label.split("\x1f")[-1], tuple(evs), claims))
            ids.extend(e for e in evs if e not in ids)
        when = slot["date"]
        digest = hashlib.sha256(f"{kind}|{key}|{when}".encode()).hexdigest()[:16]
        summary = f"{kind}: " + " vs ".join(
            f"{s.label} ({', '.join(sorted({v.claimant.outlet.name for v in s.claims}))})"
            for s in sides)
        return Dispute(digest, kind, slot["place"], key, when, tuple(ids), tuple(sides), summary)

    def _casualty_dispute(self, group: list[Event],
                          views: dict[str, tuple[ClaimView, ...]], add: Any) -> None:
        """Tolls from two outlets that cannot both be right. Only figures a claim dates to the
        day are compared (a report's week may hold several incidents at one place)."""
        by_outlet: dict[str, tuple[float, float]] = {}
        days: dict[str, set[date]] = defaultdict(set)
        figures: dict[str, list[str]] = defaultdict(list)
        for event in group:
            for v in views[event.id]:
                when = v.claim.time
                if when is None or when.start is None or when.precision != TimePrecision.DAY:
                    continue
                for q in v.claim.quantities:
                    r = toll_range(q) if q.category == "killed" else None
                    if r is None:
                        continue
                    oid = v.claimant.outlet.id
                    lo, hi = by_outlet.get(oid, r)
                    by_outlet[oid] = (min(lo, r[0]), max(hi, r[1]))
                    days[oid].add(when.start)
                    text = q.text or str(q.value)
                    if text not in figures[oid]:
                        figures[oid].append(text)
        ids = sorted(by_outlet)
        clash = any(not _overlap(by_outlet[a], by_outlet[b]) and _near(days[a], days[b])
                    for i, a in enumerate(ids) for b in ids[i + 1:])
        if not clash:
            return
        first = min(group, key=lambda e: (e.date or date.min, e.id))
        reporting = [(oid, [e for e in group if any(v.claimant.outlet.id == oid
                                                    for v in views[e.id])]) for oid in ids]
        add("casualties", f"event:{first.id}",
            [(f"{oid}\x1f{' / '.join(figures[oid])} killed", e) for oid, evs in reporting
             for e in evs], _place_name(first), first.date)

    def _control_dispute(self, key: str, a: Event, b: Event,
                         views: dict[str, tuple[ClaimView, ...]], add: Any) -> None:
        for cap, other in ((a, b), (b, a)):
            if cap.sub_event_type.lower() not in CAPTURES or cap.actor1 is None:
                continue
            taker = cap.actor1
            label = f"{taker.name} took it"
            if other.sub_event_type.lower() in CAPTURES and other.actor1 is not None:
                if self.sides.same_side(_actor_key(taker), _actor_key(other.actor1), cap.date) \
                        or _actor_key(taker) == _actor_key(other.actor1):
                    continue
                add("control", key, [(label, cap), (f"{other.actor1.name} took it", other)],
                    _place_name(cap), cap.date)
            elif other.event_type.lower() == "battles" and self._fought(taker, other) \
                    and self._cued(views[other.id]):
                holder = other.actor1 if _actor_key(other.actor1) != _actor_key(taker) \
                    else other.actor2
                who = holder.name if holder is not None else "the defenders"
                add("control", key, [(label, cap), (f"{who} held it", other)],
                    _place_name(cap), cap.date)

    def _toll(self, views: Sequence[ClaimView]) -> tuple[float, float] | None:
        """The deaths the sentences of these claims report (a sentence's toll may sit on a
        sibling claim: "shelled X, killing 7" codes a shelling and an attack)."""
        ranges = [r for v in views for q in self._sentence_tolls.get(
            (v.claim.doc_id, v.claim.sentence), ()) for r in [toll_range(q)] if r is not None]
        if not ranges:
            return None
        return min(r[0] for r in ranges), max(r[1] for r in ranges)

    def _fought(self, taker: ActorRef, other: Event) -> bool:
        """Whether `other` is fighting the taker took part in (the attack said to have failed):
        the taker (or its side) is in it, or it names the taker's enemy as defending."""
        key = _actor_key(taker)
        mine = self.sides.parties([key], None) if key else frozenset()
        for ref in (other.actor1, other.actor2):
            if ref is None:
                continue
            other_key = _actor_key(ref)
            if other_key == key or self.sides.same_side(key, other_key, other.date) or \
                    self.sides.hostile(mine, ref.id, other.date):
                return True
        return False

    def _cued(self, views: Sequence[ClaimView]) -> bool:
        cues = self.outlets.outcome_cues
        return any(f" {c}" in " " + _folded(v.claim.evidence) for v in views for c in cues)

    def _who_dispute(self, key: str, a: Event, b: Event,
                     views: dict[str, tuple[ClaimView, ...]], add: Any) -> None:
        if a.event_type.lower() != b.event_type.lower() or \
                a.event_type.lower() not in _ATTACK_TYPES:
            return
        subs = {a.sub_event_type.lower(), b.sub_event_type.lower()}
        if subs & CAPTURES or "armed clash" in subs:
            return
        if a.actor1 is None or b.actor1 is None or not _armed(a.actor1) or not _armed(b.actor1):
            return
        toll_a, toll_b = self._toll(views[a.id]), self._toll(views[b.id])
        if (toll_a is None) != (toll_b is None) or \
                toll_a is not None and toll_b is not None and not _overlap(toll_a, toll_b):
            return  # nothing says these are one incident told two ways, not two incidents
        k1a, k1b = _actor_key(a.actor1), _actor_key(b.actor1)
        if k1a == k1b or self.sides.same_side(k1a, k1b, a.date):
            return
        k2a, k2b = _actor_key(a.actor2), _actor_key(b.actor2)
        swapped = k2a and k2b and k1a == k2b and k2a == k1b
        same_target = k2a == k2b and (k2a or a.sub_event_type == b.sub_event_type)
        if not (swapped or same_target):
            return
        for x, y in ((a, b), (b, a)):
            # "unidentified" contradicts a named perpetrator only when the outlet that names
            # no one speaks for the side the others blame
            if _unidentified(x.actor1) and not any(
                    self.sides.aligned(v.claimant.parties, _actor_key(y.actor1), y.date)
                    for v in views[x.id]):
                return
        add("who", key, [(f"{a.actor1.name} did it", a), (f"{b.actor1.name} did it", b)],
            _place_name(a), min(a.date or date.max, b.date or date.max))


def _near(a: set[date], b: set[date]) -> bool:
    """Some day of `a` within a day of some day of `b`."""
    return any(abs((x - y).days) <= 1 for x in a for y in b)


def _armed(ref: ActorRef) -> bool:
    """Not civilians, protesters or rioters (ACLED inter 5-7): they do not shell a town."""
    return ref.inter not in (5, 6, 7)


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    return fold(text)


def _root(parent: dict[str, str], x: str) -> str:
    """Union-find: the representative of `x`'s group (with path halving)."""
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _place_name(event: Event) -> str:
    p = event.place
    return (p.name or p.text) if p is not None else ""
