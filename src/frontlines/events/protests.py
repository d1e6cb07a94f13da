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
from datetime import date

from frontlines.events.actors import ActorResolver
from frontlines.events.modality import modality_of
from frontlines.events.ontology import EventClass, Ontology
from frontlines.events.roles import Frame
from frontlines.events.sentence import View
from frontlines.model import ActorRef, Claim, GeoRef

__all__ = ["code_protests", "force_of", "raise_across", "raise_to", "signal", "told_before"]

_CROWD_INTERS = frozenset({5, 6})  # rioters, protesters (ACLED inter codes)


def _words(view: View, tokens: set[int]) -> set[str]:
    return {view.word(j) for j in tokens}


def signal(view: View, frames: list[Frame], ontology: Ontology) -> tuple[int, set[int]]:
    """The level a sentence's frames raise a demonstration to, and the frames absorbed. A
    trigger word inside a phrase that is no event ("riot police", "no clashes") does not raise
    a demonstration."""
    text = view.sentence.text.casefold()
    phrases = [p for p in ontology.not_events if p in text]  # once a sentence, not a frame
    frames = [f for f in frames if not any(f.match.text.casefold() in p for p in phrases)]
    level = max((f.event.escalation for f in frames if f.event.escalation is not None
                 and not (f.event.escalation and (_about(view, f, frames, ontology) or
                                                  _denied(view, f, ontology)))), default=-1)
    absorbing: set[int] = set()
    for f in frames:
        if f.event.escalation is not None or f.event.id not in ontology.protest_absorbs:
            continue
        as_agent, as_victim = ontology.protest_absorbs[f.event.id]
        if _is_topic(view, f, frames, ontology):
            # "marched, with cars set ablaze": told beside the march, not what it is about
            if f.event.id in ontology.protest_unclaimed and _beside(view, f, ontology) and \
                    _unclaimed(view, f):
                level = max(level, as_agent)
                absorbing.add(id(f))
            continue
        agent: set[int] = set()
        if f.subject_head is not None:
            agent = view.subtree(f.subject_head, stop={"relcl", "acl"})
        elif f.pred == f.match.head:  # "demonstrators marched ... but clashed with police":
            agent = {j for s in _shared_subjects(view, f.pred)  # the first verb's subject
                     for j in view.subtree(s, stop={"relcl", "acl"})}
        mutual = f.event.id in ontology.protest_mutual
        sides = {"between", "with"} if mutual else {"between"}
        # the side named after "with" is its noun phrase ("with militias in the square")
        parties = {j for t in {f.pred, *f.match.tokens} for c in view.children[t]
                   if view.word(c) in sides for j in (
                       view.subtree(c) if view.word(c) == "between" else _side(view, c))}
        # "clashes between demonstrators and police", "police clashed with protesters": both
        # sides fought
        agent |= parties
        victims = {j for o in f.objects for j in view.subtree(o)}
        for g in frames:  # "protesters ... were shot at": the demonstration is its patient
            if g.event.escalation is None or g.governor is not f or g.match.head in agent or \
                    not _direct(view, g.match.head, f.pred):
                continue
            if mutual and view.tokens[f.match.head].pos == "NOUN" or \
                    f.subject_head is None and g.match.head < f.match.head and \
                    view.tokens[f.match.head].pos == "VERB" and not f.passive_patient:
                # "clashes at the demonstration": a clash has no patient, its people fought
                agent.add(g.match.head)  # "On Monday demonstrators clashed": a misparsed subject
            else:
                victims.add(g.match.head)
        own_subject = f.subject_head is not None and \
            view.tokens[f.subject_head].head in (f.pred, f.match.head)
        unnamed = mutual and not parties and not own_subject and not victims and \
            any(g.event.escalation is not None for g in frames)
        if _words(view, agent) & ontology.protest_words or unnamed:
            # "clashes broke out during the march": clashes with no side named, told with a
            # demonstration, are its people's
            level = max(level, as_agent)
            absorbing.add(id(f))
        elif _words(view, victims) & ontology.protest_words:
            level = max(level, as_victim)
            absorbing.add(id(f))
        elif f.event.id in ontology.protest_unclaimed and _beside(view, f, ontology) and \
                _unclaimed(view, f):
            level = max(level, as_agent)
            absorbing.add(id(f))
    if level == 1 and any(f.event.escalation == 1 and _lethal(view, f, ontology)
                          for f in frames):
        level = 2  # "broke up the sit-in, killing four": lethal force used on it
    return level, absorbing


def _lethal(view: View, f: Frame, ontology: Ontology) -> bool:
    """Force used on a demonstration told with deaths in its own clause ("fired tear gas and
    live rounds, killing two", "broke up the rally, leaving three dead"), not in what it
    followed or what the demonstrators were about ("after the death of a student")."""
    cause, topic = ontology.protest_cause_words, ontology.protest_topic_words
    todo = [f.pred]
    seen = {f.pred}
    while todo:
        j = todo.pop()
        if view.word(j) in ontology.protest_lethal:
            return True
        for c in view.children[j]:
            if c in seen or view.tokens[c].dep in ("relcl", "ccomp", "acl", "mark") or \
                    view.word(c) in cause or view.word(c) in topic or any(
                        view.tokens[m].dep == "mark" and view.word(m) in cause
                        for m in view.children[c]):
                continue
            seen.add(c)
            todo.append(c)
    return False


def _beside(view: View, f: Frame, ontology: Ontology) -> bool:
    """An act told as happening with a demonstration ("with shops set ablaze", "as banks were
    torched"), not what it is about nor what caused it ("against the looting", "after shops
    were looted", "owners whose shops were burned"; kb `protests.topic_words`,
    `protests.cause_words`)."""
    cause, topic = ontology.protest_cause_words, ontology.protest_topic_words
    node = f.match.head
    for a in view.ancestors(node):
        if view.tokens[node].dep in ("relcl", "ccomp") or view.word(node) in cause or \
                any(view.tokens[c].dep == "mark" and view.word(c) in cause
                    for c in view.children[node]):
            return False
        if view.word(a) in topic or view.word(a) in cause:
            return False
        node = a
    return True


def _unclaimed(view: View, f: Frame) -> bool:
    """An act told with nobody doing it: a passive without "by" ("banks were torched") or a
    participle whose subject is what it was done to ("with shops set ablaze"), naming no actor."""
    if f.subject or f.anaphor or "by" in f.preps or f.between:
        return False
    if f.passive_patient:
        return True
    pred = view.tokens[f.pred]
    if pred.tag == "VBN" and pred.dep == "acl":  # "cars set ablaze": a reduced passive
        return True
    return f.subject_head is not None and pred.tag == "VBN" and \
        not any(view.tokens[c].dep in ("aux", "auxpass") for c in view.children[f.pred]) or \
        f.subject_head is not None and any(view.tokens[c].dep == "auxpass"
                                           for c in view.children[f.pred])


def _shared_subjects(view: View, verb: int) -> list[int]:
    """The subjects of the verb a coordinated verb hangs on ("demonstrators gathered and
    clashed"): coordinated verbs share their subject."""
    first = verb
    while view.tokens[first].dep == "conj" and view.tokens[first].pos in ("VERB", "AUX") and \
            not view.is_root(first):
        first = view.head(first)
    return view.deps(first, "nsubj") if first != verb else []


def _side(view: View, prep: int) -> set[int]:
    """The noun phrase after `prep` ("with hundreds of protesters"), not the phrases hung on it
    ("with militias in the protest square", "with gunmen who fired on the crowd")."""
    out = {prep}
    todo = [prep]
    while todo:
        j = todo.pop()
        for c in view.children[j]:
            dep = view.tokens[c].dep
            if dep in ("relcl", "acl") or dep == "prep" and j != prep and view.word(c) != "of":
                continue
            out.add(c)
            todo.append(c)
    return out


def _direct(view: View, node: int, pred: int) -> bool:
    """`node` depends on `pred` without another verb between them ("shot at protesters", not
    "abducted after leaving the protests")."""
    for a in view.ancestors(node):
        if a == pred:
            return True
        if view.tokens[a].pos in ("VERB", "AUX"):
            return False
    return False


def code_protests(view: View, frames: list[Frame], s_claims: list[tuple[Frame, Claim]],
                  ontology: Ontology, resolver: ActorResolver, published: date | None = None
                  ) -> list[tuple[Frame, Claim]]:
    """Collapse the protest claims of a sentence into one per place at the highest level. The
    force that acts on the demonstration ("dispersed by police", "clashed with police
    forces") is its actor2, from the claims collapsed into it or the frames it absorbs."""
    family = [(f, c) for f, c in s_claims if f.event.escalation is not None]
    if not family:
        return s_claims
    level, absorbing = signal(view, frames, ontology)
    target = _class_for(ontology, level)
    others = [c.actor2 for _, c in family if c.actor2 is not None and
              resolver.inter_in(c.actor2, resolver.country) not in _CROWD_INTERS] + [
        a for f in frames if id(f) in absorbing for a in _facing(view, f, resolver)]
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
        c = raise_to(c, target, resolver)
        if c.actor2 is None and others:
            where = c.place.country if c.place else resolver.country
            c = dataclasses.replace(c, actor2=resolver.dated(
                others[0], (c.time.start if c.time else None) or published, where))
        out.append((f, c))
    return out


def told_before(view: View, frames: list[Frame], s_claims: list[tuple[Frame, Claim]],
                earlier: list[Claim], ontology: Ontology) -> list[tuple[Frame, Claim]]:
    """A sentence's demonstration claims less those whose word refers back to a demonstration
    the report told before ("The demonstration is likely linked to ...": a definite word, in a
    sentence that signals no more than a demonstration, with no place of its own or the place of
    one told before) or to earlier, unnamed ones ("linked to recent protests", "detained in
    previous demonstrations"), told beside an event of the report (`earlier`, the report's
    claims before this sentence) or of the sentence. Words in kb/ontology.yaml `protests`."""
    kinds = {id(f): _referring(view, f, ontology) for f, _ in s_claims}
    if not any(kinds.values()):
        return s_claims
    types = {e.sub_event_type for e in ontology.events if e.escalation is not None}
    told = [c for c in earlier if c.sub_event_type in types]
    beside = bool(earlier) or any(kinds[id(f)] is None for f, _ in s_claims)
    plain = signal(view, frames, ontology)[0] <= 0
    out: list[tuple[Frame, Claim]] = []
    for f, c in s_claims:
        kind = kinds[id(f)]
        if kind == "earlier" and beside:
            continue
        if kind == "definite" and told and plain and (
                c.place is None or not view.places or
                any(t.place is not None and _same_place(c.place, t.place) for t in told)):
            continue
        out.append((f, c))
    return out


def _referring(view: View, f: Frame, ontology: Ontology) -> str | None:
    """"earlier" for a demonstration noun told as earlier ("recent protests"), "definite" for
    one told with a definite word ("the demonstration", "these protests"), else None."""
    head = f.match.head
    if f.event.escalation is None or view.tokens[head].pos not in ("NOUN", "PROPN"):
        return None
    mods = {view.word(c) for c in view.children[head]
            if view.tokens[c].dep in ("amod", "advmod", "npadvmod", "det", "predet")}
    if mods & ontology.protest_earlier:
        return "earlier"
    return "definite" if mods & ontology.protest_referring else None


def _same_place(a: GeoRef, b: GeoRef) -> bool:
    return (a.place_id or a.text) == (b.place_id or b.text)


def _facing(view: View, f: Frame, resolver: ActorResolver) -> list[ActorRef]:
    """The actors of a frame a demonstration absorbs that are no crowd ("clashed with police
    forces", "security forces fired tear gas"): who acted on the demonstrators."""
    country = resolver.country
    found = resolver.refs([*f.subject, *f.between, *(a for v in f.preps.values() for a in v)])
    if f.generic:
        found.append(resolver.generic(f.generic, country))  # type: ignore[arg-type]
    found.append(resolver.target_force(view, f))  # type: ignore[arg-type]
    return [a for a in found if a is not None and
            resolver.inter_in(a, country) not in _CROWD_INTERS]


def raise_to(c: Claim, target: EventClass | None, resolver: ActorResolver) -> Claim:
    """A demonstration claim coded at `target`'s level (no change when already there)."""
    if target is None or target.sub_event_type == c.sub_event_type:
        return c
    actor1 = c.actor1
    if actor1 is not None and not actor1.text and target.default_actor:
        country = c.place.country if c.place else None
        actor1 = resolver.default(target.default_actor, country)
    return dataclasses.replace(c, event_type=target.event_type,
                               sub_event_type=target.sub_event_type,
                               plover_type=target.plover_type,
                               plover_mode=target.plover_mode, actor1=actor1)


def raise_across(claims: list[Claim], levels: dict[int, int], ontology: Ontology,
                 resolver: ActorResolver, forces: dict[int, ActorRef] | None = None
                 ) -> list[Claim]:
    """Signals in the next sentences of the report ("Police later dispersed them") raise the
    demonstration told before them; the force `forces` names in that sentence is its actor2
    when it has none (ACLED's actor2 of a protest with intervention is who intervened)."""
    ranks = {e.sub_event_type: e.escalation for e in ontology.events if e.escalation is not None}
    out: list[Claim] = []
    for c in claims:
        if c.sub_event_type in ranks:
            around = [levels.get(c.sentence + k, -1) for k in range(ontology.protest_window + 1)]
            best = max(around)
            if best > (ranks[c.sub_event_type] or 0):
                c = raise_to(c, _class_for(ontology, best), resolver)
                force = (forces or {}).get(c.sentence + around.index(best))
                if c.actor2 is None and force is not None:
                    c = dataclasses.replace(c, actor2=force)
        out.append(c)
    return out


def force_of(claims: list[Claim], resolver: ActorResolver) -> ActorRef | None:
    """The first actor of `claims` that is no crowd: the force that acted on a demonstration
    in a sentence of its own ("Police later dispersed them")."""
    return next((a for c in claims for a in (c.actor2, c.actor1) if a is not None and
                 resolver.inter_in(a, resolver.country) not in (None, 7, *_CROWD_INTERS)),
                None)


def _is_topic(view: View, f: Frame, frames: list[Frame], ontology: Ontology) -> bool:
    """What a demonstration is about ("against the detention of activists", "demanding the
    release of those arrested", "families whose sons were kidnapped"; kb
    `protests.topic_words`) is not what happened at it."""
    heads = {g.match.head for g in frames if g.event.escalation is not None}
    node = f.match.head
    for a in view.ancestors(node):
        coordinated = node == f.match.head and view.tokens[node].dep == "conj" and \
            view.tokens[node].pos == "VERB"  # (the event verb itself, not what it is about)
        if not coordinated and (a in heads or view.word(a) in ontology.protest_topic_words):
            return True  # ("demanded elections but clashed with police": done beside it)
        if view.word(a) in ontology.protest_cause_words and \
                view.tokens[a].dep in ("prep", "advcl", "acl"):
            return True  # "a protest took place following the arrest of two traders": what
            # it followed, not what happened at it
        if view.tokens[node].dep in ("relcl", "acl") or view.tokens[node].dep == "ccomp":
            return True
        node = a
    return False


def _denied(view: View, f: Frame, ontology: Ontology) -> bool:
    """"Police were deployed but did not intervene": force told as not used raises nothing."""
    return modality_of(view, f, ontology) == "negated"


def _about(view: View, f: Frame, frames: list[Frame], ontology: Ontology) -> bool:
    """A riot or a dispersal named as what a demonstration is about ("against the detention of
    people involved in riots"), as the reason someone was held ("jailed for rioting"), or in a
    clause that tells of someone other than the demonstrators ("a man who died of wounds he
    suffered in riots last year") does not raise it."""
    plain = {g.match.head for g in frames if g.event.escalation == 0}
    others = (ontology.civilian_words | ontology.person_words) - ontology.protest_words
    node = f.match.head
    for a in view.ancestors(f.match.head):
        if view.tokens[node].dep == "relcl" and view.word(a) in others:
            return True  # (a clause on the demonstrators, or on the police, tells what they did)
        # "detained for hurling a firebomb": the reason someone was held, told of the past
        if view.word(a) in ontology.protest_topic_words or view.word(a) == "for":
            return True
        # "rallied and hurled rocks", "protested, throwing stones": what the demonstrators did
        if a in plain and view.tokens[node].dep not in _DONE_AT:
            return True
        node = a
    return False


# relations under a demonstration's verb that tell what was done at it, not what it is about
_DONE_AT = frozenset({"conj", "advcl", "xcomp", "parataxis"})


def _class_for(ontology: Ontology, level: int) -> EventClass | None:
    return next((e for e in ontology.events if e.escalation == level), None)
