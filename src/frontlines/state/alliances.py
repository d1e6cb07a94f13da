"""The alliance network on a date: membership, alliances and hostility, each with its evidence.

Edges come from three places: the knowledge base's dated relations, relations read from text
(the store's `actor_relations`), and hostility inferred from battles between two named actors in
the `window` days up to the date. Relation dates may be partial ("2017", "2017-07"): they are
read as the first day of their period, and an edge whose start or end period contains the date
is marked `uncertain`.

An edge can gather thousands of pieces of evidence (two armies that fight daily): with
`evidence=N` each edge keeps only its N latest (text relations first, then battles by date)
and says how many it has (`evidence_count`); `edge_evidence` pages through all of one edge's.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from frontlines.model import Actor, Event, Relation, RelationKind

__all__ = ["AllianceEdge", "AllianceGraph", "Battle", "alliance_graph", "battles", "partial_date",
           "to_graphml"]

SHOWN = {
    RelationKind.MEMBER_OF: "member_of",
    RelationKind.MERGED_INTO: "member_of",
    RelationKind.ALLIED_WITH: "allied_with",
    RelationKind.HOSTILE_TO: "hostile_to",
    RelationKind.SPLIT_FROM: "split_from",
}
_FRIENDLY = {"member_of", "allied_with"}


def partial_date(value: str | None) -> tuple[date, date] | None:
    """An ISO date of any precision as (first day, last day) of its period; None if unreadable."""
    if not value:
        return None
    parts = value.strip().split("-")
    try:
        if len(parts) == 1:
            y = int(parts[0])
            return date(y, 1, 1), date(y, 12, 31)
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return date(y, m, 1), nxt - timedelta(days=1)
        d = date.fromisoformat(value.strip()[:10])
        return d, d
    except ValueError:
        return None


def _active(rel: Relation, on: date) -> tuple[bool, bool]:
    """(active on `on`, uncertain because `on` falls inside a partial start or end)."""
    start, end = partial_date(rel.start), partial_date(rel.end)
    if start is not None and on < start[0]:
        return False, False
    if end is not None and on >= end[0]:
        return False, end[0] <= on <= end[1] and end[0] != end[1]
    uncertain = start is not None and start[0] <= on <= start[1] and start[0] != start[1]
    return True, uncertain


@dataclass
class AllianceEdge:
    source: str
    target: str
    kind: str  # member_of | allied_with | hostile_to | split_from
    start: str | None = None
    end: str | None = None
    inferred: bool = False
    uncertain: bool = False
    evidence: list[dict[str, Any]] = field(default_factory=list)
    evidence_count: int = 0  # all its evidence (`evidence` may list only the latest)

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "target": self.target, "kind": self.kind,
            "start": self.start, "end": self.end, "inferred": self.inferred,
            "uncertain": self.uncertain, "evidence": self.evidence,
            "evidence_count": self.evidence_count,
        }


@dataclass
class AllianceGraph:
    on: date
    nodes: dict[str, dict[str, Any]]
    edges: list[AllianceEdge]

    def members_of(self, actor_id: str) -> list[str]:
        return sorted(e.source for e in self.edges if e.kind == "member_of"
                      and e.target == actor_id)

    def as_dict(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "nodes": sorted(self.nodes.values(), key=lambda n: n["id"]),
            "edges": [e.as_dict() for e in self.edges],
        }


def _latest_ends(relations: list[Relation], on: date
                 ) -> dict[tuple[str, str, str], tuple[date, list[Relation]]]:
    """Per (actor, kind, target): the latest end on or before `on`, and the relations saying so."""
    out: dict[tuple[str, str, str], tuple[date, list[Relation]]] = {}
    for rel in relations:
        end = partial_date(rel.end)
        if end is None or end[0] > on:
            continue
        key = (rel.actor, SHOWN[RelationKind(rel.kind)], rel.target)
        known = out.get(key)
        if known is None or end[0] > known[0]:
            out[key] = (end[0], [rel])
        elif end[0] == known[0]:
            known[1].append(rel)
    return out


def _evidence(rel: Relation) -> dict[str, Any]:
    return {"source": rel.source or "text", "doc_id": rel.doc_id, "sentence": rel.evidence,
            "event_id": None}


@dataclass(frozen=True)
class Battle:
    """What the graph needs of a battle: who fought whom, when, and the first claim's sentence.
    Built from an Event (`battles`) or read from the events table's columns
    (state/derived.py), so both give the same graph."""

    event_id: str
    date: date | None
    actor1_id: str | None
    actor1: str | None
    actor2_id: str | None
    actor2: str | None
    doc_id: str | None
    evidence: str | None


def battles(events: Iterable[Event | Battle]) -> Iterable[Battle]:
    """The battles among `events` (Battle records pass through)."""
    for ev in events:
        if isinstance(ev, Battle):
            yield ev
            continue
        if ev.event_type != "Battles":
            continue
        a, b = ev.actor1, ev.actor2
        claim = ev.claims[0] if ev.claims else None
        yield Battle(ev.id, ev.date, a.id if a else None, a.name if a else None,
                     b.id if b else None, b.name if b else None,
                     claim.doc_id if claim else None, claim.evidence if claim else None)


def alliance_graph(
    on: date,
    relations: Iterable[Relation],
    events: Iterable[Event | Battle] = (),
    actors: Iterable[Actor] = (),
    window: int = 180,
    evidence: int | None = None,
    battle_totals: dict[tuple[str, str], tuple[int, date]] | None = None,
) -> AllianceGraph:
    """The network on `on` from dated relations plus hostility inferred from battles (`events`:
    events, or Battle records of the battles only). `evidence` keeps each edge's N latest
    pieces of evidence (all when None). `battle_totals`, when `events` lists only some
    battles of each pair of actors (the latest: `derived.battles_between(per_pair=...)`),
    gives per pair (sorted ids) how many battles it had in the window and the first one's
    date, so that counts and start dates are those of every battle."""
    known = {a.id: a for a in actors}
    nodes: dict[str, dict[str, Any]] = {}

    def node(actor_id: str, name: str | None = None) -> None:
        if actor_id in nodes:
            return
        a = known.get(actor_id)
        nodes[actor_id] = {
            "id": actor_id, "name": a.name if a else (name or actor_id),
            "kind": a.kind if a else None, "inter": a.inter if a else None,
            "aliases": list(a.aliases) if a else [], "provisional": a.provisional if a else True,
        }

    edges: dict[tuple[str, str, str], AllianceEdge] = {}
    relations = [r for r in relations if r.actor != r.target
                 and SHOWN.get(RelationKind(r.kind)) is not None]
    closed = _latest_ends(relations, on)
    for rel in relations:
        kind = SHOWN[RelationKind(rel.kind)]
        active, uncertain = _active(rel, on)
        start = partial_date(rel.start)
        ended = closed.get((rel.actor, kind, rel.target))
        if active and ended is not None and (start is None or start[0] <= ended[0]):
            active = False  # a later report (or the KB) says this relation ended
        if not active:
            continue
        pair = (rel.actor, rel.target) if kind in ("member_of", "split_from") \
            else tuple(sorted((rel.actor, rel.target)))
        key = (pair[0], pair[1], kind)
        edge = edges.get(key)
        if edge is None:
            edge = edges[key] = AllianceEdge(pair[0], pair[1], kind, rel.start, rel.end,
                                             uncertain=uncertain)
        else:
            edge.uncertain = edge.uncertain and uncertain
        edge.evidence.append(_evidence(rel))
        node(rel.actor)
        node(rel.target)

    for (actor, kind, target), (ended, rels) in closed.items():
        if kind != "member_of" or (actor, target, "member_of") in edges:
            continue
        if (on - ended).days > window or (actor, target, "split_from") in edges:
            continue
        edge = edges[(actor, target, "split_from")] = AllianceEdge(
            actor, target, "split_from", ended.isoformat(), inferred=True)
        edge.evidence.extend(_evidence(r) for r in rels)
        node(actor)
        node(target)

    friendly = {frozenset((e.source, e.target)) for e in edges.values() if e.kind in _FRIENDLY}
    since = on - timedelta(days=window)
    unlisted: dict[tuple[str, str], int] = {}  # per pair: its battles not in `events`
    for b in battles(events):
        if b.date is None or not since <= b.date <= on:
            continue
        if not b.actor1_id or not b.actor2_id or b.actor1_id == b.actor2_id:
            continue
        if frozenset((b.actor1_id, b.actor2_id)) in friendly:
            continue
        x, y = sorted((b.actor1_id, b.actor2_id))
        key = (x, y, "hostile_to")
        edge = edges.get(key)
        if edge is None:
            edge = edges[key] = AllianceEdge(x, y, "hostile_to", inferred=True)
        if edge.inferred:
            edge.start = min(filter(None, (edge.start, b.date.isoformat())))
        edge.evidence.append({
            "source": "inferred from battle", "doc_id": b.doc_id, "sentence": b.evidence,
            "event_id": b.event_id,
        })
        node(b.actor1_id, b.actor1)
        node(b.actor2_id, b.actor2)
        if battle_totals is not None:
            if (x, y) not in unlisted:  # the pair's first battle listed
                total, first = battle_totals.get((x, y), (0, b.date))
                unlisted[(x, y)] = total
                if edge.inferred:
                    edge.start = min(filter(None, (edge.start, first.isoformat())))
            unlisted[(x, y)] -= 1
    for edge in edges.values():
        edge.evidence_count = len(edge.evidence)
        if edge.kind == "hostile_to" and battle_totals is not None:
            edge.evidence_count += max(0, unlisted.get((edge.source, edge.target), 0))
        if evidence is not None and len(edge.evidence) > evidence:
            edge.evidence = edge.evidence[len(edge.evidence) - evidence:]
    ordered = sorted(edges.values(), key=lambda e: (e.kind, e.source, e.target))
    return AllianceGraph(on=on, nodes=nodes, edges=ordered)


def to_graphml(graph: AllianceGraph) -> str:
    """GraphML for Gephi / yEd / networkx; list-valued attributes are JSON strings."""
    import networkx as nx

    g = nx.MultiDiGraph(on=graph.on.isoformat())
    for n in graph.nodes.values():
        g.add_node(n["id"], name=n["name"], kind=n["kind"] or "", inter=n["inter"] or 0,
                   aliases=json.dumps(n["aliases"], ensure_ascii=False))
    for e in graph.edges:
        g.add_edge(e.source, e.target, kind=e.kind, start=e.start or "", end=e.end or "",
                   inferred=e.inferred, uncertain=e.uncertain,
                   evidence=json.dumps(e.evidence, ensure_ascii=False))
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")
