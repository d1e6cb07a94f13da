"""ConflictState: the derived views of one store (control, alliances, casualties, actors).

The object the CLI and the API share. It reads events and relations from the store and the
actor knowledge base and computes every view on demand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from frontlines.actors import KnowledgeBase
from frontlines.geo.packs import pack_places
from frontlines.knowledge import actor_knowledge
from frontlines.model import Actor, Event, Relation
from frontlines.names import name_key
from frontlines.sources import SourceReport, assess_stored
from frontlines.state import derived
from frontlines.state.alliances import (
    AllianceEdge,
    AllianceGraph,
    alliance_graph,
    partial_date,
)
from frontlines.state.casualties import group_tolls, report_dict
from frontlines.state.control import ControlRules, ControlState, control_geojson, control_on
from frontlines.state.disputes import with_basis
from frontlines.store import EventFilter, Store, schema

__all__ = ["ConflictState", "actor_dict", "relation_dict"]


class ConflictState:
    """Derived views over one store. `kb` is a `frontlines.actors.KnowledgeBase` or None."""

    def __init__(self, store: Store, kb: KnowledgeBase | None = None,
                 rules: ControlRules | None = None) -> None:
        self.store = store
        self.kb = kb
        self.rules = rules or ControlRules()

    @classmethod
    def for_store(cls, store: Store) -> ConflictState:
        return cls(store, actor_knowledge(store))

    # ------------------------------------------------------------------ actors and relations

    def actors(self) -> list[Actor]:
        """Known actors (knowledge base, store) plus actors seen only in events."""
        found: dict[str, Actor] = {}
        if self.kb is not None:
            for a in self.kb.actors():
                found[a.id] = a
        al_t = schema.actor_aliases.c
        with self.store.read() as conn:
            aliases: dict[str, list[str]] = {}
            for row in conn.execute(select(al_t.actor_id, al_t.alias)):
                aliases.setdefault(row.actor_id, []).append(row.alias)
            for row in conn.execute(select(schema.actors)):
                if row.id not in found:
                    found[row.id] = Actor(
                        id=row.id, name=row.name, acled_name=row.acled_name, inter=row.inter,
                        kind=row.kind, country=row.country, provisional=row.provisional,
                        aliases=tuple(aliases.get(row.id, ())), source=row.source,
                        active_from=row.active_from, active_to=row.active_to,
                    )
        for actor_id, name in derived.event_actors(self.store, kb=self.kb).items():
            if actor_id not in found:  # actors seen only in events (materialised)
                found[actor_id] = Actor(id=actor_id, name=name, provisional=True,
                                        source="events")
        return sorted(found.values(), key=lambda a: a.name.casefold())

    def relations(self, on: date | None = None) -> list[Relation]:
        """Knowledge-base relations (active on `on` when given) plus relations read from text."""
        rels: list[Relation] = []
        if self.kb is not None:
            rels.extend(self.kb.relations(on=on) if on is not None else self.kb.relations())
        rels.extend(self.store.relations())
        unique: dict[tuple[object, ...], Relation] = {}
        for r in rels:  # the store may hold a copy of the knowledge base's relations
            key = (r.actor, str(r.kind), r.target, r.start, r.end, r.source, r.doc_id, r.evidence)
            unique.setdefault(key, r)
        return list(unique.values())

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """One actor with aliases, every dated relation (history) and its event span."""
        actors = {a.id: a for a in self.actors()}
        match = actors.get(actor_id)
        if match is None:
            return None
        rels = [r for r in self.relations() if actor_id in (r.actor, r.target)]
        rels.sort(key=lambda r: (partial_date(r.start) or (date.min,))[0])
        events = self.store.events(EventFilter(actor=actor_id))
        events = [e for e in events if actor_id in
                  {a.id for a in (e.actor1, e.actor2, *e.assoc_actor_1, *e.assoc_actor_2) if a}]
        dates = sorted(e.date for e in events if e.date)
        return {
            **actor_dict(match),
            "relations": [
                {**relation_dict(r),
                 "actor_name": actors[r.actor].name if r.actor in actors else r.actor,
                 "target_name": actors[r.target].name if r.target in actors else r.target}
                for r in rels
            ],
            "events": len(events),
            "first_event": dates[0].isoformat() if dates else None,
            "last_event": dates[-1].isoformat() if dates else None,
        }

    # ------------------------------------------------------------------ the views

    def _keep(self, region: str | None) -> Callable[[str | None], bool] | None:
        """Chooses places by admin1 `region` (any spelling); None: every place."""
        if not region:
            return None
        tokens = self.region_tokens(region)

        def keep(admin1: str | None) -> bool:
            return bool(admin1) and (
                admin1 in tokens or name_key(admin1) in tokens)  # type: ignore[arg-type]

        return keep

    def control(self, on: date, region: str | None = None,
                history: int | None = None, place: str | None = None) -> list[ControlState]:
        """Control of every place on `on` (in admin1 `region`; only the place whose id is
        `place`, when given), with the basis of each state (state/disputes.py); `history`
        keeps the last N history entries of each place (all when None). Control comes from
        the materialised rows (state/materialised.py), the basis from the materialised
        per-event rows (state/derived.py)."""
        keep = self._keep(region)
        if self.rules == ControlRules():  # materialised, kept current incrementally
            from frontlines.state.materialised import control_states

            states = control_states(self.store, on, self.rules, keep=keep,
                                    places=None if place is None else [place], history=history)
            if not states:
                return states
            basis = derived.basis_on(self.store, [s.events[0] for s in states if s.events],
                                     on, self.kb)
            return [replace(s, basis=basis.get(s.events[0]) if s.events else None)
                    for s in states]
        events = self.store.events(EventFilter(date_to=on))
        states = [s for s in control_on(events, on, self.rules)
                  if (keep is None or keep(s.admin1)) and (place is None or s.place_id == place)]
        if history is not None:
            states = [replace(s, history=s.history[len(s.history) - history:] if history
                              else ()) for s in states]
        return with_basis(states, self.sources(events)) if states else states

    def control_json(self, on: date, region: str | None = None, history: int | None = None,
                     place: str | None = None) -> str:
        """`control_geojson` of `control(on, region, history, place)` as the API's JSON text.
        With the default rules it joins the features' stored text (state/materialised.py)
        instead of decoding and encoding every state: the same JSON."""
        from frontlines.state.materialised import control_features, dumps

        if self.rules != ControlRules():
            return dumps(control_geojson(self.control(on, region, history, place), on, region))
        features = ",".join(control_features(
            self.store, on, self.rules, self.kb, keep=self._keep(region),
            places=None if place is None else [place], history=history))
        return (f'{{"type":"FeatureCollection","on":{dumps(on.isoformat())},'
                f'"region":{dumps(region)},"features":[{features}]}}')

    def alliances(self, on: date, window: int = 180, focus: bool = False,
                  evidence: int | None = None) -> AllianceGraph:
        """The network on `on`; with `focus`, only edges touching an actor seen in events (or
        in relations read from text) up to `on` - the knowledge base's whole web is large.
        `evidence` keeps the N latest pieces of evidence of each edge (all when None; each
        edge counts all of its own): only those battles are read."""
        battles, totals = derived.battles_between(
            self.store, on - timedelta(days=window), on,
            per_pair=None if evidence is None else max(1, evidence))  # one: the edge
        graph = alliance_graph(on, self.relations(), battles, self.actors(), window=window,
                               evidence=evidence, battle_totals=totals)
        if not focus:
            return graph
        seen: set[str] = {r.actor for r in self.store.relations() if r.doc_id is not None}
        seen |= derived.event_actors(self.store, seen_by=on, kb=self.kb).keys()
        edges = [x for x in graph.edges if x.source in seen or x.target in seen]
        keep = {n for x in edges for n in (x.source, x.target)}
        return AllianceGraph(on, {k: v for k, v in graph.nodes.items() if k in keep}, edges)

    def alliance_edge(self, on: date, source: str, target: str, kind: str,
                      window: int = 180) -> AllianceEdge | None:
        """One edge of `alliances(on, window)` with all of its evidence (only the battles of
        its two actors are read), or None when the graph has no such edge."""
        battles, totals = derived.battles_between(
            self.store, on - timedelta(days=window), on, pair=(source, target))
        rels = [r for r in self.relations() if {r.actor, r.target} == {source, target}]
        graph = alliance_graph(on, rels, battles, self.actors(), window=window,
                               battle_totals=totals)
        return next((x for x in graph.edges if (x.source, x.target, x.kind)
                     == (source, target, kind)), None)

    def sources(self, events: list[Event]) -> SourceReport:
        """Corroboration, disputes and casualty figures for `events` (state/disputes.py)."""
        return assess_stored(self.store, events, self.kb)

    def casualties(self, by: str, where: EventFilter | None = None) -> dict[str, Any]:
        """Tolls grouped `by` (state/casualties.py), from the materialised tolls."""
        where = where or EventFilter()
        tolls = derived.tolls(self.store, where, self.kb,  # only what grouping counts
                              counted=where.limit is None and not where.offset)
        reports = self.store.casualty_reports()
        return {
            "by": by,
            "groups": [g.as_dict() for g in group_tolls(tolls, by)],
            "reports": [report_dict(r) for r in reports],
        }

    def region_tokens(self, region: str) -> set[str]:
        """Ids and name keys that mean the admin1 area `region` (Idlib = Idleb = SY07)."""
        key = name_key(region)
        tokens = {region, key}
        a = schema.admin_areas.c
        p, pn = schema.places.c, schema.place_names.c
        with self.store.read() as conn:
            for row in conn.execute(select(a.id, a.name).where(a.level == 1)):
                if name_key(row.name) == key or row.id == region:
                    tokens |= {row.id, name_key(row.name)}
            q = (select(p.id, pn.name).join(schema.place_names, pn.place_id == p.id)
                 .where(p.kind == "admin1"))
            names: dict[str, list[str]] = {}
            for row in conn.execute(q):
                names.setdefault(row.id, []).append(row.name)
        for pack_place in pack_places():  # the embedded packs' provinces too
            if pack_place.kind == "admin1" and pack_place.id not in names:
                names[pack_place.id] = [pack_place.name, *pack_place.names]
        for place_id, place_names in names.items():
            if key in {name_key(n) for n in place_names} or place_id == region:
                tokens |= {place_id, *(name_key(n) for n in place_names)}
        return tokens


def actor_dict(a: Actor) -> dict[str, Any]:
    return {
        "id": a.id, "name": a.name, "acled_name": a.acled_name, "inter": a.inter,
        "kind": a.kind, "country": a.country, "aliases": list(a.aliases),
        "provisional": a.provisional, "source": a.source, "active_from": a.active_from,
        "active_to": a.active_to,
    }


def relation_dict(r: Relation) -> dict[str, Any]:
    return {
        "actor": r.actor, "kind": str(r.kind), "target": r.target, "start": r.start,
        "end": r.end, "source": r.source or "text", "doc_id": r.doc_id, "evidence": r.evidence,
    }

