"""Demonstrations are coded once per place, at their most severe.

ACLED gives one demonstration one sub-event type: peaceful, with intervention, excessive force
against protesters, or violent demonstration. A sentence that tells a protest and, around it,
tear gas, shooting at the protesters, or protesters clashing with police is one event at the
highest level the sentence supports; the clashes and attacks told about the demonstrators are
absorbed into it rather than coded as battles. Levels and words are in kb/ontology.yaml
(`escalation` on the protest classes, `protests`).
"""

from __future__ import annotations

import dataclasses

from frontlines.events.actors import ActorResolver
from frontlines.events.ontology import EventClass, Ontology
from frontlines.events.roles import Frame
from frontlines.events.sentence import View
from frontlines.model import Claim

__all__ = ["code_protests"]


def _words(view: View, tokens: set[int]) -> set[str]:
    return {view.word(j) for j in tokens}


def code_protests(view: View, frames: list[Frame], s_claims: list[tuple[Frame, Claim]],
                  ontology: Ontology, resolver: ActorResolver) -> list[tuple[Frame, Claim]]:
    """Collapse the protest claims of a sentence into one per place at the highest level."""
    family = [(f, c) for f, c in s_claims if f.event.escalation is not None]
    if not family:
        return s_claims
    level = max(f.event.escalation or 0 for f, _ in family)
    absorbing: set[int] = set()
    for f in frames:
        if f.event.escalation is not None or f.event.id not in ontology.protest_absorbs:
            continue
        agent: set[int] = set()
        if f.subject_head is not None:
            agent = view.subtree(f.subject_head, stop={"relcl", "acl"})
        victims = {j for o in f.objects for j in view.subtree(o)}
        for g, _ in family:  # "protesters ... were shot at": the demonstration is its patient
            if g.governor is f and g.match.head not in agent:
                victims.add(g.match.head)
        if _words(view, agent) & ontology.protest_words:
            level = max(level, ontology.protest_agent_escalation)
            absorbing.add(id(f))
        elif _words(view, victims) & ontology.protest_words:
            level = max(level, ontology.protest_victim_escalation)
            absorbing.add(id(f))
    target = _class_for(ontology, level)
    out: list[tuple[Frame, Claim]] = []
    seen_places: set[str] = set()
    best = min((c.place.geo_precision if c.place else 9) for _, c in family)
    for f, c in s_claims:
        if id(f) in absorbing:
            continue
        if f.event.escalation is None:
            out.append((f, c))
            continue
        key = (c.place.place_id or c.place.text) if c.place else ""
        if key in seen_places or (c.place.geo_precision if c.place else 9) > best:
            continue
        seen_places.add(key)
        if target is not None and target.sub_event_type != c.sub_event_type:
            actor1 = c.actor1
            if actor1 is not None and not actor1.text and target.default_actor:
                country = c.place.country if c.place else None
                actor1 = resolver.default(target.default_actor, country)
            c = dataclasses.replace(c, event_type=target.event_type,
                                    sub_event_type=target.sub_event_type,
                                    plover_type=target.plover_type,
                                    plover_mode=target.plover_mode, actor1=actor1)
        out.append((f, c))
    return out


def _class_for(ontology: Ontology, level: int) -> EventClass | None:
    return next((e for e in ontology.events if e.escalation == level), None)
