"""Scoring the store against a JSON gold file, with the matching rules of the eval README.

Documents pair by title; a predicted event matches a gold event of the same document when its
sub_event_type is accepted, its place matches (name, 10 km, or province at geo_precision 3) and
its actor1 is one of the gold actor's names. Matching is one-to-one, greedy by evidence overlap
then by order. Precision, recall and F1 on events (all and required); accuracy of actor2, date,
counts and geo_precision on matched pairs; `must_not` violations; relation triples.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from frontlines.eval.gold import Gold, GoldEvent, norm
from frontlines.model import ActorRef, Event, Relation
from frontlines.store import Store

__all__ = ["EventReport", "distance_km", "score_gold"]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@dataclass
class EventReport:
    """What `frontlines eval GOLD` prints."""

    gold: str
    predicted: int = 0
    matched: int = 0
    gold_events: int = 0
    gold_required: int = 0
    matched_required: int = 0
    fields: dict[str, list[bool]] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    relations: dict[str, float] = field(default_factory=dict)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    unmatched_predicted: list[str] = field(default_factory=list)
    documents_unpaired: list[str] = field(default_factory=list)
    control: dict[str, Any] | None = None  # rule 7 (see eval/control.py), when the gold has it

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold_events if self.gold_events else 0.0

    @property
    def recall_required(self) -> float:
        return self.matched_required / self.gold_required if self.gold_required else 0.0

    @staticmethod
    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self) -> dict[str, dict[str, float | int]]:
        return {k: {"accuracy": (sum(v) / len(v)) if v else 0.0, "n": len(v)}
                for k, v in self.fields.items()}

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold, "violations": self.violations,
            "events": {
                "predicted": self.predicted, "gold": self.gold_events, "matched": self.matched,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1(self.precision, self.recall), 4),
                "required": self.gold_required, "matched_required": self.matched_required,
                "recall_required": round(self.recall_required, 4),
                "f1_required": round(self.f1(self.precision, self.recall_required), 4),
            },
            "fields": self.accuracy(), "relations": self.relations,
            "pairs": [{"gold": g, "event": e} for g, e in self.pairs], "missed": self.missed,
            "unmatched_predicted": self.unmatched_predicted,
            "documents_unpaired": self.documents_unpaired,
            "control_on_published": self.control,
        }


def _title_key(title: str | None) -> str:
    return re.sub(r"\s+", " ", (title or "").replace("\u00a0", " ")).strip().casefold()


def _actor_names(ref: ActorRef | None) -> set[str]:
    if ref is None:
        return set()
    return {norm(x) for x in (ref.name, ref.text, ref.acled_name) if x}


def place_matches(event: Event, gold: Gold, key: str | None,
                  same_province: Callable[[str, str], bool] | None = None) -> bool:
    """Rule 2's place test. `same_province(a, b)`: whether two province names are one province
    (a gazetteer's aliases: "Idleb" is "Idlib"); without it names are compared."""
    if key is None:
        return True
    spec = gold.places.get(key, {})
    names = {norm(n) for n in spec.get("names", [])}
    p = event.place
    if p is None:
        return False
    if names & {norm(p.name), norm(p.text)} - {""} and (
            spec.get("kind") != "admin1" or p.geo_precision == 3):
        return True
    if spec.get("kind") == "admin1":
        if p.geo_precision != 3 or not p.admin1:
            return False
        if norm(p.admin1) in names:
            return True
        return same_province is not None and any(
            same_province(p.admin1, n) for n in spec.get("names", []))
    lat, lon = spec.get("lat"), spec.get("lon")
    if lat is not None and lon is not None and p.lat is not None and p.lon is not None and \
            p.geo_precision <= 2:  # a province centroid says nothing about a town
        return distance_km(lat, lon, p.lat, p.lon) <= 10.0
    return False


def _same_name(event: Event, gold: Gold, key: str | None) -> int:
    if key is None or event.place is None:
        return 0
    names = {norm(n) for n in gold.places.get(key, {}).get("names", [])}
    return int(bool(names & {norm(event.place.name), norm(event.place.text)}))


def date_matches(event: Event, g: GoldEvent) -> bool:
    if g.date is None or event.date is None:
        return False
    parts = g.date.split("-")
    d = event.date
    if len(parts) == 1:
        return d.year == int(parts[0])
    if len(parts) == 2 or g.time_precision == 3:
        return (d.year, d.month) == (int(parts[0]), int(parts[1]))
    gd = date.fromisoformat(g.date)
    if g.time_precision == 2:
        return d.isocalendar()[:2] == gd.isocalendar()[:2]
    return d == gd


def _overlap(a: str, b: str) -> float:
    wa, wb = set(re.findall(r"\w+", a.casefold())), set(re.findall(r"\w+", b.casefold()))
    return len(wa & wb) / len(wa) if wa else 0.0


def score_gold(store: Store, gold: Gold, relations: list[Relation] | None = None,
               names_of: dict[str, set[str]] | None = None,
               same_province: Callable[[str, str], bool] | None = None,
               include_background: bool = True) -> EventReport:
    """Score the events in `store` against `gold` (see the module docstring); without
    `include_background`, events flagged background are out, as in the default views."""
    report = EventReport(gold=gold.path)
    by_title = {_title_key(d["title"]): gid for gid, d in gold.documents.items()}
    doc_map: dict[str, str] = {}  # store doc id -> gold doc id
    for d in store.documents():
        gid = by_title.get(_title_key(d["title"]))
        if gid is not None:
            doc_map[d["id"]] = gid
    report.documents_unpaired = [gid for gid in gold.documents if gid not in doc_map.values()]
    events = [e for e in store.events() if any(c.doc_id in doc_map for c in e.claims)
              and (include_background or not e.background)]
    report.predicted = len(events)
    report.gold_events = len(gold.events)
    report.gold_required = sum(1 for g in gold.events if g.required)
    _must_not(report, gold, events, doc_map)
    candidates: list[tuple[int, float, int, int]] = []
    for gi, g in enumerate(gold.events):
        accepted = {norm(n) for n in gold.actors.get(g.actor1 or "", [])}
        for ei, e in enumerate(events):
            docs = {doc_map.get(c.doc_id) for c in e.claims}
            if g.doc not in docs or e.sub_event_type not in g.sub_event_types:
                continue
            if g.actor1 and not (_actor_names(e.actor1) & accepted):
                continue
            if not place_matches(e, gold, g.place, same_province):
                continue
            overlap = max((_overlap(g.evidence, c.evidence) for c in e.claims), default=0.0)
            candidates.append((_same_name(e, gold, g.place), overlap, gi, ei))
    # a place matched by name beats one matched by distance, then evidence overlap, then order
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    used_g: set[int] = set()
    used_e: set[int] = set()
    for _, _, gi, ei in candidates:
        if gi in used_g or ei in used_e:
            continue
        used_g.add(gi)
        used_e.add(ei)
        _fields(report, gold, gold.events[gi], events[ei])
        report.pairs.append((gold.events[gi].id, events[ei].id))
    report.matched = len(used_e)
    report.matched_required = sum(1 for gi in used_g if gold.events[gi].required)
    report.missed = [g.id for gi, g in enumerate(gold.events) if gi not in used_g]
    report.unmatched_predicted = [
        f"{e.id} {e.sub_event_type} {e.actor1.name if e.actor1 else '-'} @ "
        f"{(e.place.name or e.place.text) if e.place else '-'}"
        for ei, e in enumerate(events) if ei not in used_e
    ]
    if relations is not None:
        mentioned = {m.ref for doc_id in doc_map for m in store.mentions(doc_id=doc_id)
                     if m.ref}
        about = [r for r in relations if r.actor in mentioned and r.target in mentioned]
        report.relations = _relations(gold, about, names_of or {})
    return report


def _fields(report: EventReport, gold: Gold, g: GoldEvent, e: Event) -> None:
    def add(name: str, ok: bool) -> None:
        report.fields.setdefault(name, []).append(ok)

    add("sub_event_type", e.sub_event_type in g.sub_event_types)
    add("actor1", True)
    add("place", True)
    if g.actor2:
        accepted = {norm(n) for n in gold.actors.get(g.actor2, [])}
        add("actor2", bool(_actor_names(e.actor2) & accepted))
    if g.date:
        add("date", date_matches(e, g))
    if g.geo_precision is not None:
        add("geo_precision", e.place is not None and e.place.geo_precision == g.geo_precision)
    for category, value in g.count.items():
        got = [q.value for c in e.claims for q in c.quantities if q.category == category]
        add(f"count_{category}", bool(got) and min(v for v in got if v is not None) == value)
    if g.fatalities is not None:
        add("fatalities", (e.fatalities or 0) == g.fatalities)


def _must_not(report: EventReport, gold: Gold, events: list[Event],
              doc_map: dict[str, str] | None = None) -> None:
    """A rule with `doc` holds for that gold document only; one with `evidence` is broken by an
    event told by a sentence holding that span with its trigger inside the span ("how Washington
    could respond": nothing may be coded from "respond")."""
    doc_map = doc_map or {}
    for rule in gold.must_not:
        places = {norm(x) for x in rule.get("location", [])}
        actors = {norm(x) for x in rule.get("actor", [])}
        span = _squash(rule.get("evidence") or "")
        for e in events:
            claims = [c for c in e.claims
                      if rule.get("doc") is None or doc_map.get(c.doc_id) == rule["doc"]]
            if not claims:
                continue
            where = {norm(e.place.name), norm(e.place.text)} if e.place else set()
            who = _actor_names(e.actor1) | _actor_names(e.actor2)
            told = bool(span) and any(span in _squash(c.evidence) and
                                      _squash(c.trigger) in span for c in claims)
            if (places & where) or (actors & who) or told:
                report.violations.append(f"{e.id}: {rule.get('why', 'must_not')}")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _relations(gold: Gold, relations: list[Relation], names_of: dict[str, set[str]]
               ) -> dict[str, float]:
    def gold_key(actor: str) -> set[str]:
        return {norm(n) for n in gold.actors.get(actor, [])}

    wanted = [(gold_key(r["actor"]), str(r["type"]), gold_key(r["target"]))
              for r in gold.relations_on_published]
    predicted = {(r.actor, str(r.kind), r.target) for r in relations}
    hit_gold = 0
    hit_pred: set[tuple[str, str, str]] = set()
    for actor, kind, target in wanted:
        found = [p for p in predicted if p[1] == kind and names_of.get(p[0], {norm(p[0])}) & actor
                 and names_of.get(p[2], {norm(p[2])}) & target]
        if found:
            hit_gold += 1
            hit_pred.update(found)
    precision = len(hit_pred) / len(predicted) if predicted else 0.0
    recall = hit_gold / len(wanted) if wanted else 0.0
    return {"predicted": len(predicted), "gold": len(wanted), "precision": round(precision, 4),
            "recall": round(recall, 4)}
