"""Roles from the dependency parse: who (actor1), to whom (actor2), where and when, per trigger.

General rules, written once:
- the agent is the subject, or the `by` phrase of a passive or a participle ("Hazarin, occupied
  by X"); a trigger without a subject borrows it up the chain of xcomp / conj / advcl / pcomp /
  prepositions ("started to retreat", "attacked ... and imposed control", "after clashes with X");
- actor2 comes from "with / against / from / between X and Y", the object of an attack verb, and
  secondary triggers inside the clause ("after dislodging X");
- places are the place mentions in the trigger's own clause, one event per coordinated place;
  a province beside a town in the same clause only qualifies the town;
- a time belongs to the verb it follows (so "which militants seized ... the day before" does not
  date the main verb); a time on a reporting verb ("reports said on Thursday that ...") dates the
  events it reports.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from frontlines.events.ontology import VIOLENT_EVENT_TYPES, EventClass, Ontology, TriggerMatch, stem
from frontlines.events.sentence import CLAUSE_DEPS, Span, View
from frontlines.names import name_key

__all__ = ["Frame", "actor_candidates", "agent_clauses", "aimed_at", "backers", "elided_first",
           "frames_for", "is_backer", "level", "qualify",
           "side_clauses"]

_CLIMB = frozenset({"xcomp", "conj", "advcl", "pcomp", "prep", "pobj", "dobj", "acomp", "npadvmod"})
_ANAPHORS = frozenset({"it", "its", "they", "their", "them", "he", "his", "she", "her",
                       "itself", "themselves", "latter", "former", "which", "who", "that"})
_INDEFINITE = frozenset({"a", "an", "another", "one", "some", "several", "other"})
_ACTOR_PREPS = frozenset({"with", "against", "from", "between", "to", "into", "on", "of", "at"})
_PRIMARY_DEPS = frozenset({"conj", "appos", "compound", "cc", "det", "amod", "punct"})


@dataclass
class Frame:
    """The roles of one trigger in one sentence (before discourse fills the gaps)."""

    match: TriggerMatch
    pred: int
    tokens: set[int] = field(default_factory=set)  # the trigger's own clause
    subject: list[Span] = field(default_factory=list)
    anaphor: str | None = None  # "it", "the group", "the latter" ... to resolve from context
    indefinite: bool = False  # "a large faction": a new, unnamed actor
    generic: str | None = None  # an agent named by a common noun ("unidentified gunmen")
    subject_head: int | None = None  # the head token of the agent phrase, named or not
    passive_patient: bool = False  # passive without agent: the subject is the victim
    preps: dict[str, list[Span]] = field(default_factory=dict)  # with/from/to/object -> actors
    between: list[Span] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)
    times: list[Span] = field(default_factory=list)
    governor: Frame | None = None
    objects: list[int] = field(default_factory=list)  # object head tokens (victims, targets)
    circumstance: int | None = None  # "killed in an operation by X": the operation's noun
    elided: str | None = None  # "Turkish and Russian forces": the first side, "Turkish forces"
    elided_other: str | None = None  # the same of the other side ("with rebel and Islamist
    # factions": "rebel factions")
    # sides named by a common noun ("clashed with the rebels", "shelled militants"), by
    # preposition or "object", in the order told; "after": those of a fight the trigger governs
    generic_sides: dict[str, list[str]] = field(default_factory=dict)
    unnamed_first: bool = False  # "between rebel factions and X": a common noun told first

    @property
    def event(self) -> EventClass:
        return self.match.event


def frames_for(view: View, matches: list[TriggerMatch], ontology: Ontology) -> list[Frame]:
    """One Frame per trigger; nested triggers know their governor."""
    frames = [Frame(match=m, pred=_predicate(view, m, matches)) for m in matches]
    heads = {f.match.head: f for f in frames}
    for f in frames:
        for a in view.ancestors(f.match.head):
            if a in heads and heads[a] is not f:
                f.governor = heads[a]
                break
    owners = _time_owners(view, {f.match.head for f in frames})
    triggers = {j for f in frames for j in f.match.tokens}
    for f in frames:
        nested = {g.match.head for g in frames if g is not f and g.governor is f}
        f.tokens = _own_tokens(view, f, nested)
        _subject(view, f, ontology)
        f.elided = _elided_first(view, f)
        if f.circumstance in triggers:  # "killed in air strikes carried out by X": the toll
            f.subject, f.generic, f.passive_patient = [], None, True  # of the strikes
        _arguments(view, f, ontology)
        f.between += _between_tail(view, f, ontology)
        f.places = _places(view, f, ontology)
        f.times = [t for t, owner in owners if owner in (f.pred, f.match.head)]
    for f in frames:  # "captured X after clashes with the rebels": the rebels are the other side
        g = f.governor
        if g is not None and f.event.event_type == "Battles":
            g.generic_sides.setdefault("after", []).extend(
                p for key in ("with", "against") for p in f.generic_sides.get(key, []))
    return frames


def _predicate(view: View, m: TriggerMatch, matches: list[TriggerMatch]) -> int:
    """A nominal trigger that is the subject or object of a plain verb takes that verb's clause
    ("The clashes erupted in ...", "launched an attack on ...")."""
    h = m.head
    tok = view.tokens[h]
    trigger_heads = {x.head for x in matches}
    if tok.pos in ("NOUN", "PROPN") and tok.dep in ("nsubj", "nsubjpass", "dobj"):
        verb = tok.head
        if view.tokens[verb].pos in ("VERB", "AUX") and verb not in trigger_heads:
            return verb
    host = view.tokens[tok.head]
    if m.event.needs_victims and tok.pos in ("NOUN", "PROPN") and tok.dep == "compound" and \
            host.dep == "dobj" and host.pos == "NOUN" and tok.head not in trigger_heads and \
            view.tokens[host.head].pos == "VERB" and host.head not in trigger_heads:
        return host.head  # a weapon aimed at people named with what carried it: "fired tear
        # gas canisters at farmers" is told by "fired"
    nxt = h + 1
    if tok.pos in ("NOUN", "PROPN") and nxt < len(view.tokens) and \
            view.tokens[nxt].pos == "VERB" and nxt not in trigger_heads and \
            not view.deps(nxt, "nsubj", "nsubjpass"):
        return nxt  # the parser lost the subject: "On 13 May clashes took place between ..."
    return h


def _own_tokens(view: View, f: Frame, nested: set[int]) -> set[int]:
    own = view.subtree(f.pred) | view.subtree(f.match.head)
    h = f.match.head
    if view.tokens[h].pos == "VERB" and view.tokens[h].dep == "amod" and view.head(h) > h:
        # the parser made the verb an adjective of its object ("captured Saraqib, ...")
        own |= view.subtree(view.head(h), stop={"appos", "relcl", "acl", "prep"})
    for n in nested:
        own -= view.subtree(n) - {f.match.head}
    for a in view.attributions:
        own -= set(a.tokens)
    return own


def actor_candidates(view: View, head: int, stop: frozenset[str] = frozenset()) -> list[Span]:
    tokens = view.subtree(head, stop={"relcl", "acl", *stop})
    found = view.actors_in(tokens)
    found = [a for a in found if not view.in_brackets(a)] or found
    named = [a for a in found if not view.is_modifier(a)] or found
    primary = [a for a in named if _primary(view, a, head)]
    return primary or named


def _primary(view: View, span: Span, head: int) -> bool:
    j = view.span_head(span)
    while j != head:
        if view.joins_head(j):  # "with QSD and regime forces": QSD is a side like its conjunct
            j = view.head(j)
            continue
        if view.tokens[j].dep not in _PRIMARY_DEPS or view.is_root(j):
            return False
        j = view.head(j)
    return True


def _subject(view: View, f: Frame, onto: Ontology) -> None:
    inside = [a for a in view.actors if a.first <= f.match.head <= a.last]
    if inside and view.tokens[f.match.head].pos in ("NOUN", "PROPN"):
        f.subject = inside  # the trigger word is part of the agent's name: "Russian warplanes"
        return
    _parsed_subject(view, f, onto)
    if f.subject or f.anaphor or f.indefinite or f.passive_patient or f.generic:
        return
    verb = view.tokens[f.pred].pos == "VERB" and (
        f.match.head == f.pred or  # (or the plain verb of a nominal trigger, "launched an
        view.tokens[f.match.head].dep == "dobj" and view.head(f.match.head) == f.pred and  #
        view.tokens[f.pred].dep in ("ROOT", "ccomp") and  # attack"; not a participle's:
        not view.deps(f.pred, "nsubj", "nsubjpass", "csubj", "agent"))  # "using machine guns")
    if view.tokens[f.match.head].pos in ("VERB", "NOUN") and verb:
        # the parser lost the subject ("..., X (alias) attacked the towns"): the nearest actor
        # before the verb, outside brackets, attributions and prepositional phrases
        left = [a for a in view.actors if a.last < min(f.match.tokens[0], f.pred) and
                not view.in_brackets(a) and not view.in_attribution(a) and
                (a.first == 0 or view.tokens[a.first - 1].pos != "ADP")]
        if left:
            f.subject = _coordinated(view, left)
            return
        dated = _dated_subject(view, f.pred)
        of = [a for a in view.actors if dated is not None and dated < a.first and
              a.last < f.pred and view.word(a.first - 1) == "of"]
        if dated is not None and view.word(dated) in onto.partitive_heads and of:
            f.subject = _coordinated(view, of)  # "On 8 March members of X detained": X
            return
        if dated is not None:
            f.subject_head = dated
            f.generic = _phrase(view, dated)


def _dated_subject(view: View, verb: int) -> int | None:
    """"On 4 March rebels shelled X", "On 4 March Turkey and Russia conducted a patrol": the
    parser made the subject the object of the date's preposition; that noun, told right before
    the verb and outside the date, is the subject, for the knowledge base to resolve (a named
    actor there is found as the nearest actor before the verb)."""
    for c in view.deps(verb, "prep"):
        span = next((t for t in view.times if t.first <= c <= t.last), None)
        if span is None or c > verb:
            continue
        for obj in view.deps(c, "pobj"):
            if span.first <= obj <= span.last or view.tokens[obj].pos not in ("NOUN", "PROPN") or \
                    max(view.subtree(obj)) != verb - 1:
                continue
            return obj
    return None


def _fire_agent(view: View, f: Frame, onto: Ontology) -> list[Span]:
    """The "by" agent of a fire word: on the trigger ("shelling of the area by X", "killed in
    shelling by X"), on the noun it is a compound of ("mortar fire by X"), or on a participle
    that tells the munition's launch ("a missile fired by X"). A common noun there ("by the
    military", "by militants") is the frame's `generic` agent."""
    head = f.match.head
    hosts = [head]
    if view.tokens[head].dep == "compound":
        hosts.append(view.head(head))
    hosts += [c for h in list(hosts) for c in view.deps(h, "acl") if view.tokens[c].tag == "VBN"]
    for h in hosts:
        for c in view.deps(h, "prep", "agent"):
            if view.word(c) != "by":
                continue
            for o in view.deps(c, "pobj"):
                found = _unaimed(view, o, onto, f)
                if found:
                    return found
                if view.tokens[o].pos in ("NOUN", "PROPN") and f.generic is None:
                    f.generic = _phrase(view, o)
                    f.subject_head = o
    return []


def _coordinated(view: View, before: list[Span]) -> list[Span]:
    """The last actor before a verb that lost its subject, with the actors it is coordinated
    with, first named first ("On 3 May Kenyan troops and Somali police raided ...")."""
    chain = [before[-1]]
    heads = {view.span_head(a): a for a in before}
    while view.tokens[view.span_head(chain[0])].dep == "conj":
        prev = heads.get(view.head(view.span_head(chain[0])))
        if prev is None or prev in chain:
            break
        chain.insert(0, prev)
    return chain


def _elided_first(view: View, f: Frame) -> str | None:
    """"Turkish and Russian forces struck", "regime and Russian warplanes carried out strikes":
    the first conjunct shares the noun of the named agent after it and is named first, so it
    leads; its phrase ("Turkish forces", "regime warplanes") for the knowledge base to resolve."""
    return elided_first(view, f.subject)


def elided_first(view: View, spans: list[Span]) -> str | None:
    """The phrase of the first conjunct that shares the noun of one of `spans` ("rebel and
    Islamist factions": "rebel factions"), see `_elided_first`; also for the other side."""
    for span in sorted(spans, key=lambda a: a.first):  # ("regime and Russian warplanes":
        head = view.span_head(span)  # the first conjunct may be named on its own, "regime")
        for t in dict.fromkeys((span.first, head)):
            if view.tokens[t].dep != "conj":
                continue
            g = view.head(t)
            between = [view.word(k) for k in range(g + 1, span.first)]
            if g < span.first and between in (["and"], ["&"]) and \
                    view.tokens[g].pos in ("ADJ", "NOUN", "PROPN") and \
                    not any(a.first <= g <= a.last and (a.last >= span.first or a.first < g)
                            for a in view.actors):  # (a named one: a word of its own)
                noun = span.last if view.tokens[span.last].pos == "NOUN" else head
                return f"{view.tokens[g].text} {view.tokens[noun].text}"
        g = span.first - 2  # "Turkish and pro-Turkish fighters": the parser hangs both
        if g >= 0 and view.word(span.first - 1) in ("and", "&") and \
                view.tokens[g].pos == "ADJ" and view.tokens[g].dep == "amod" and \
                span.first <= view.head(g) <= span.last and \
                not any(a.first <= g <= a.last for a in view.actors):  # adjectives on the noun
            noun = span.last if view.tokens[span.last].pos == "NOUN" else head
            return f"{view.tokens[g].text} {view.tokens[noun].text}"
    return None


def _blamed_on(view: View, f: Frame, onto: Ontology) -> bool:
    """"the attack in X, which the ministry blames on Y", "the bombing, blamed on Y, killed":
    an event noun whose relative clause or participle lays it on Y names Y as its agent (the
    one who blames tells of it, as with "X accused Y of ...")."""
    n = f.match.head
    nouns = [n]
    while view.tokens[n].dep in ("compound", "amod", "nmod") and view.head(n) != n:
        n = view.head(n)  # "chemical weapon use": the noun the trigger words modify
        nouns.append(n)
    for noun in nouns:
        for c in view.deps(noun, "relcl", "acl"):
            if view.word(c) not in onto.accuse_words:
                continue
            for p in view.deps(c, "prep"):
                if view.word(p) != "on":
                    continue
                for o in view.deps(p, "pobj"):
                    f.subject_head = o
                    f.subject = actor_candidates(view, o)
                    if not f.subject:
                        f.generic = _phrase(view, o)
                    return True
    return False


def blaming_clauses(view: View, f: Frame, onto: Ontology) -> set[int]:
    """"the gas use in X, which W blames on Y": who blames and on whom (a capital standing for
    its government) are not where the event happened."""
    out: set[int] = set()
    n = f.match.head
    nouns = [n]
    while view.tokens[n].dep in ("compound", "amod", "nmod") and view.head(n) != n:
        n = view.head(n)
        nouns.append(n)
    for noun in nouns:
        for c in view.deps(noun, "relcl", "acl"):
            if view.word(c) in onto.accuse_words:
                out |= view.subtree(c)
    return out


def _pushed_by(view: View, f: Frame, onto: Ontology) -> bool:
    """"fled heavy shelling and regime forces' advance": fire with no agent of its own, told
    right before "and" and a force's push (kb `roles.push_nouns`) by a possessive, was fired by
    that force; read on the words, as the parser joins the two nouns in any order."""
    head = f.match.head
    end = head + 1
    if end >= len(view.tokens) or view.word(end) != "and":
        return False
    for k in range(end + 2, min(end + 6, len(view.tokens) - 1)):
        tok = view.tokens[k]
        if tok.text in ("'", "'s", "’", "’s") and tok.tag == "POS":
            if view.word(k + 1) not in onto.push_nouns:
                return False
            owner = range(end + 1, k)
            found = [a for a in view.actors if a.first in owner and a.last in owner]
            if found:
                f.subject = found
            elif view.tokens[k - 1].pos == "NOUN":
                f.subject_head = k - 1
                f.generic = _phrase(view, k - 1, alone=True)
            return bool(f.subject or f.generic)
        if tok.pos in ("VERB", "PUNCT", "ADP", "CCONJ"):
            return False
    return False


def _stopped_by_subject(view: View, f: Frame, onto: Ontology) -> bool:
    """A weapon noun (kb `conventions.stopped_bombs`) that is the object of a verb of setting
    off or destroying with a subject of its own: "troops destroyed two X car bombs"."""
    head = f.match.head
    if view.word(head) not in onto.stopped_bomb_weapons or view.tokens[head].dep != "dobj":
        return False
    verb = view.head(head)
    return verb != head and view.word(verb) in onto.stopped_bomb_verbs and \
        view.tokens[verb].pos == "VERB" and bool(view.deps(verb, "nsubj"))


def _parsed_subject(view: View, f: Frame, onto: Ontology) -> None:
    if view.tokens[f.match.head].pos in ("NOUN", "PROPN"):  # "Tahrir al-Sham's clashes with"
        # "ISIS shelling", "a Russian military convoy"; not "attacked an X patrol" (the
        # patrol is the target there, no event of its own)
        owns = f.event.event_type in VIOLENT_EVENT_TYPES or f.governor is None
        owners = [a for a in view.actors if view.span_head(a) in view.deps(
            f.match.head, "poss", "nmod", *(("compound", "amod") if owns else ()))]
        if owners and _stopped_by_subject(view, f, onto):  # "troops destroyed three IS car
            # bombs": the bombs' owner is whom the act was done to, the verb's subject did it
            f.preps.setdefault("object", []).extend(o for o in owners
                                                    if o not in f.preps.get("object", []))
            _take_subject(view, f, onto, view.deps(view.head(f.match.head), "nsubj")[0])
            return
        if not owners and view.word(f.match.head) in onto.platform_words:  # "warplanes of the
            owners = [a for c in view.deps(f.match.head, "prep") if view.word(c) == "of"  # X"
                      for o in view.deps(c, "pobj") for a in actor_candidates(view, o)]
        if not owners and f.event.event_type == "Explosions/Remote violence":  # "shelling
            # of the area by X": the fire noun's own agent
            owners = _fire_agent(view, f, onto)
            if not owners and not f.generic and _pushed_by(view, f, onto):
                return
        if owners:
            f.subject = owners
            return
        if _blamed_on(view, f, onto):
            return
    if view.tokens[f.match.head].tag == "VBG" and view.tokens[f.match.head].dep in (
            "pcomp", "pobj") and f.event.event_type == "Explosions/Remote violence":
        owners = _fire_agent(view, f, onto)  # "killed in shelling by X" (a gerund)
        if owners or f.generic:
            f.subject = owners
            return
    h = f.match.tokens[0]
    if view.tokens[f.match.head].tag in ("NN", "NNS", "VBG") and \
            f.event.event_type in VIOLENT_EVENT_TYPES:  # "in Taliban shelling" (the
        before = [a for a in view.actors if a.last == h - 1]  # parser split the compound)
        if before and (before[0].first == 0 or
                       view.word(before[0].first - 1) not in onto.target_words):
            f.subject = before
            return
    i = f.pred
    # the dependency of the token the climb came from (a noun trigger's predicate is its verb)
    came_as = view.tokens[f.match.head].dep if view.head(f.match.head) == i else ""
    via_prep = False  # climbed out of a prepositional phrase ("were killed in an explosion")
    for _ in range(8):
        agents = [p for a in view.deps(i, "agent") for p in view.deps(a, "pobj")]
        if not agents and view.deps(i, "nsubjpass"):  # "was shot and killed by X": the agent
            agents = [p for c in view.deps(i, "conj") if view.tokens[c].tag == "VBN" and  # of
                      not view.deps(c, "nsubj", "nsubjpass")  # the last conjunct acts in all
                      for a in view.deps(c, "agent") for p in view.deps(a, "pobj")]
        if agents:
            f.subject_head = agents[0]
            f.subject = [a for a in actor_candidates(view, agents[0])
                         if not _backer(view, a, onto)]
            _passive_targets(view, f, i)
            if not f.subject and view.word(i) not in onto.backing_words:
                # "rebels backed by X ... amid bombardment": X backs a side, it is no agent
                f.generic = _phrase(view, agents[0])
            return
        accused = view.deps(i, "dobj") if via_prep and view.word(i) in onto.accuse_words else []
        if accused:  # "X accused Y of launching attacks": Y is the one said to act, not X
            acc = accused[0]
            if f.match.head not in view.subtree(acc):
                _take_subject(view, f, onto, acc)
                return
            f.subject_head = acc  # ("accused Y's forces of launching": "of" hangs on Y)
            f.subject = actor_candidates(view, acc, stop=frozenset({"prep"}))
            if not f.subject:
                f.generic = _phrase(view, acc)
            return
        if i != f.match.head and came_as == "dobj" and (
                stem(view.tokens[i].text) in onto.witness_stems or
                view.tokens[i].lemma in onto.witness_stems):
            return  # "X reported the attacks": X tells of them, it did not make them
        subs = view.deps(i, "nsubj", "csubj")
        if subs and via_prep and view.word(i) in onto.suffer_words and \
                not _symmetric(view, f, onto):
            _passive_targets(view, f, i, deps=("nsubj",))  # "X members died in an explosion"
            return
        small_clause = view.tokens[i].tag == "VBN" or (
            view.tokens[i].dep == "ccomp" and view.word(view.head(i)) in onto.seen_words)
        if subs and i == f.pred and small_clause and view.word(i) in onto.harmed_words \
                and not view.deps(i, "aux", "auxpass", "dobj") and \
                view.actors_in(view.subtree(subs[0], stop={"relcl", "acl"})):
            # "the province saw 25 Nusra fighters killed": a passive small clause, its
            # subject suffered the event
            f.passive_patient = True
            f.objects.append(subs[0])
            return
        strays = {x: _stray_backed(view, x, onto) for x in subs}  # ("troops backed by
        # militiamen and X captured": X ends the "by" phrase, no subject of its own)
        kept = [x for x in subs if strays[x] is None]
        if subs and not kept:  # the backed noun is the subject ("the army backed by X")
            c = strays[subs[-1]]
            kept = (view.deps(c, "nsubj", "nsubjpass") or [view.head(c)])[:1]  # type: ignore[arg-type]
        subs = kept
        if subs:  # of two subjects (a parse error), the one naming an actor, else the nearest
            named = [x for x in subs if view.actors_in(view.subtree(x, stop={"relcl", "acl"}))]
            _take_subject(view, f, onto, (named or subs)[-1])
            return
        passives = view.deps(i, "nsubjpass")
        if passives:
            if view.tokens[i].pos == "VERB" and (i == f.pred or _shares_passive(view, f)):
                # "were killed", "were killed, injured or captured": the subject suffered it;
                # the agent may stand in the operation it happened in ("during operations
                # carried out by X")
                f.passive_patient = True  # of two passive subjects (a parse error: a
                # heading "Movement of forces: ... troops were deployed"), as of two subjects,
                # the one naming an actor, else the nearest
                named = [x for x in passives
                         if view.actors_in(view.subtree(x, stop={"relcl", "acl"}))]
                f.objects.append((named or passives)[-1])
                found, head, f.circumstance = _agent_of_circumstance(
                    view, f.pred if i == f.pred else i, onto)
                if found or head is not None:
                    f.subject = found
                    f.generic = None if found else _phrase(view, head)  # type: ignore[arg-type]
                    f.subject_head = head
                    f.passive_patient = False
                    _passive_targets(view, f, i)
                elif not f.event.passive_subject_acts:  # "the body of a X fighter was
                    # found": whom the act was done to, named inside the subject, is actor2
                    f.preps.setdefault("object", []).extend(
                        a for a in actor_candidates(view, f.objects[-1])
                        if a not in f.preps["object"])
                return
            if not _symmetric(view, f, onto) and (
                    via_prep or view.word(i) in onto.harmed_words):
                # "were wounded in X shelling": the subject suffered the event, it did not act
                # (in "were killed during clashes with Y" it is a side all the same)
                _passive_targets(view, f, i)
                if {view.word(m) for m in view.deps(f.match.head, "amod")} & onto.unnamed_words:
                    f.generic = "unidentified armed men"  # "in an unidentified armed attack"
                return
            _take_subject(view, f, onto, passives[0])
            return
        dep = came_as = view.tokens[i].dep
        via_prep = via_prep or dep in ("pobj", "prep")
        if dep == "acl" and (view.tokens[i].tag == "VBG" or (
                view.tokens[i].tag in ("VBD", "VBN") and not view.deps(i, "agent") and any(
                    view.deps(v, "dobj") for v in (i, *view.deps(i, "conj"))))):
            # "ISIS shelling", "fighters storming"; a past tense with an object that the parser
            # hung on its subject ("On 5 May rebels destroyed a tank": "On" read as the root)
            owner = [a for a in view.actors if a.first <= view.head(i) <= a.last]
            if owner:
                f.subject = owner
                return
            if view.tokens[i].tag != "VBG" and view.tokens[view.head(i)].pos == "NOUN":
                f.subject_head = view.head(i)  # "rebel factions hit and destroyed": a common
                f.generic = _phrase(view, view.head(i))  # noun the knowledge base may know
                return
        if view.is_root(i) or dep not in _CLIMB:
            if dep in ("acl", "relcl") and not agents:
                return
            if dep not in ("acl", "relcl"):
                return
        i = view.head(i)


def _symmetric(view: View, f: Frame, onto: Ontology) -> bool:
    """A fight told without a direction ("clashes", "fighting"): whoever is named is a side."""
    return bool({view.word(j) for j in f.match.tokens} & onto.symmetric_words)




def _passive_targets(view: View, f: Frame, verb: int, deps: tuple[str, ...] = ("nsubjpass",)
                     ) -> None:
    """The subject of a passive verb is what the act was done to ("Hezbollah positions were
    shelled by X", "three PKK militants were killed by X"): actor2, never actor1."""
    for s in view.deps(verb, *deps):
        if s not in f.objects:
            f.objects.append(s)
        spans = actor_candidates(view, s)
        if spans:
            f.preps.setdefault("object", []).extend(spans)


def _shares_passive(view: View, f: Frame) -> bool:
    """A participle coordinated with a passive verb shares its subject as the patient ("were
    killed, injured or captured"); a verb with its own object is active ("were pushed back and
    attacked the town")."""
    h = f.match.head
    tok = view.tokens[h]
    return tok.tag == "VBN" and tok.dep in ("conj", "advcl") and \
        not view.deps(h, "dobj", "nsubj", "aux", "auxpass")


_CIRCUMSTANCE = frozenset({"during", "in", "amid", "by", "after", "through"})


def _agent_of_circumstance(view: View, verb: int, onto: Ontology
                           ) -> tuple[list[Span], int | None, int | None]:
    """"were killed during operations carried out by X", "were wounded in an attack by X":
    the agent of the operation or attack the victims suffered (also when the parser hangs it
    on a participle coordinated with the verb: "were killed, injured or captured during")."""
    verbs = [verb, *(j for j in sorted(view.subtree(verb)) if j != verb and
                     view.tokens[j].dep in ("conj", "advcl") and view.tokens[j].tag == "VBN")]
    preps = [p for v in verbs for p in view.children[v]]
    for p in preps:
        if view.tokens[p].dep != "prep" or view.word(p) not in _CIRCUMSTANCE:
            continue
        for noun in view.deps(p, "pobj"):
            for c in view.children[noun]:
                by = [c] if view.word(c) == "by" else [
                    a for a in view.deps(c, "agent")] if view.tokens[c].dep == "acl" else []
                for b in by:
                    for obj in view.deps(b, "pobj"):
                        found = [a for a in actor_candidates(view, obj)
                                 if not _backer(view, a, onto)]
                        return found, obj, noun  # (none named: "by the army", a common noun)
    return [], None, None


def _take_subject(view: View, f: Frame, onto: Ontology, subj: int) -> None:
    f.subject_head = subj
    if f.match.head in view.subtree(subj) and subj != f.pred:
        # the trigger is inside the subject ("The clashes erupted"); its own modifiers may name
        # the agent ("Turkish military convoy entered", "Israeli warplanes struck")
        mods = [c for t in f.match.tokens for c in view.children[t]
                if view.tokens[c].dep in ("compound", "amod", "nmod", "poss")]
        f.subject = [a for a in view.actors if view.span_head(a) in mods]
        if not f.subject:  # "a joint patrol by Turkish and Russian forces took place"
            by = [p for t in f.match.tokens for c in view.children[t]
                  if view.word(c) == "by" for p in view.deps(c, "pobj")]
            f.subject = _unaimed(view, by[0], onto, f) if by else []
        placer = _placed_by(view, f.match.head)  # "a bomb planted by X went off"
        if not f.subject and placer is not None:
            f.subject = actor_candidates(view, placer, stop=frozenset({"prep"}))
        return
    people = onto.civilian_words | onto.combatant_words | onto.protest_words
    placer = _placed_by(view, subj) if view.word(subj).rstrip("s") not in people and \
        view.word(subj) not in people else None
    found = _unaimed(view, subj, onto, f)  # "a strike on an X camp killed": X is the target
    backing = [a for a in found if _backer(view, a, onto)]  # ("troops backed by Y and X")
    named = [a for a in found if a not in backing]
    actors = named or _read_as_verb(view, subj) or (
        actor_candidates(view, placer, stop=frozenset({"prep"})) if placer is not None else [])
    if not actors and placer is not None:
        f.subject_head = placer  # "a mine laid by militants": the catch-all the words name
        f.generic = _phrase(view, placer)
        return
    word = view.word(subj)
    dets = [view.word(d) for d in view.deps(subj, "det", "poss")]
    if actors and not (word in _ANAPHORS and view.tokens[subj].pos == "PRON"):
        f.subject = actors + _sides_named_by_modifier(view, f, onto, subj, actors)
        return
    if word in _ANAPHORS or (word in onto.generic_heads and "the" in dets) or \
            any(d in ("its", "their") for d in dets):
        f.anaphor = "latter" if word == "latter" else "former" if word == "former" else word
        if word in onto.generic_heads:  # "the army" with nothing told before: the state's
            f.generic = _phrase(view, subj)
        return
    mods = {view.word(m) for m in view.deps(subj, "amod", "compound")}
    if word in onto.generic_heads and any(d in _INDEFINITE for d in dets) and \
            not mods & onto.unnamed_words:  # ("an unidentified armed group": the catch-all)
        f.indefinite = True
        return
    if word in onto.partitive_heads and view.head(subj) == f.match.head and \
            view.tokens[f.match.head].pos == "VERB":  # "dozens of gunmen attacked": the
        # gunmen (only as the subject of the trigger verb itself, not one an event noun borrows)
        of = [o for p in view.deps(subj, "prep") if view.word(p) == "of"
              for o in view.deps(p, "pobj") if view.tokens[o].pos == "NOUN"]
        if of:
            f.generic = _phrase(view, of[0], alone=bool(backing))
            return
    f.generic = _phrase(view, subj, alone=bool(backing))  # "unidentified gunmen": the
    # knowledge base may know it


def _sides_named_by_modifier(view: View, f: Frame, onto: Ontology, subj: int,
                             actors: list[Span]) -> list[Span]:
    """"regime and SDF forces clashed": a fight told without a direction whose subject's
    conjunct is a force noun a name modifies; that name is the other side."""
    if not {view.word(j) for j in f.match.tokens} & onto.symmetric_words:
        return []
    mods = {m for c in view.deps(subj, "conj") for m in view.deps(c, "compound", "amod")}
    return [a for a in view.actors if view.span_head(a) in mods and a not in actors]


def _unaimed(view: View, head: int, onto: Ontology, f: Frame) -> list[Span]:
    """The actors of the phrase under `head` less those it was aimed at ("an air strike on an
    X camp killed ...", "strikes by the coalition on X positions": the parser hangs "on X" on
    the agent); those are the frame's target ("on")."""
    preps = [c for c in view.subtree(head, stop={"relcl", "acl"})
             if view.tokens[c].dep == "prep" and view.word(c) in onto.aimed_preps]
    aimed = {j for c in preps for j in view.subtree(c)}
    targets = [a for c in preps for o in view.deps(c, "pobj") for a in actor_candidates(view, o)]
    if targets:
        f.preps.setdefault("on", []).extend(a for a in targets if a not in f.preps["on"])
    return [a for a in actor_candidates(view, head) if not set(a.tokens) & aimed]


def _placed_by(view: View, subj: int) -> int | None:
    """"a mine planted by X exploded", "a bomb left by X went off": the agent of a participle
    that describes the weapon (a subject that is no person) is who set it off (the head of its
    `by` phrase); also when the participle is hedged ("an IED suspected to have been planted
    by X", "a bomb believed to have been left by X")."""
    verbs = [v for c in view.deps(subj, "acl") for v in (c, *view.deps(c, "xcomp"))]
    return next((p for c in verbs for b in view.children[c]
                 if view.word(b) == "by" for p in view.deps(b, "pobj")), None)


def _read_as_verb(view: View, subj: int) -> list[Span]:
    """"IS members kidnapped ...": the parser read the name before the subject noun as a verb
    ("is") of the clause; the name is the subject's all the same."""
    first = min(view.subtree(subj, stop={"relcl", "acl"}))
    return [a for a in view.actors if a.last == first - 1 and a.first == a.last and
            view.tokens[a.last].dep in ("aux", "auxpass") and view.head(a.last) == view.head(subj)]


def _phrase(view: View, head: int, alone: bool = False) -> str:
    """The words of a common-noun agent, without a date the parser hung on it ("On 5 May
    security forces ..."); `alone`: without the nouns coordinated with it ("the army and
    rebels": "army")."""
    stop = {"relcl", "acl", "prep", "appos", *(("conj", "cc") if alone else ())}
    tokens = sorted(view.subtree(head, stop=stop))
    dated = {j for t in view.times for j in t.tokens}
    return " ".join(view.tokens[j].text for j in tokens
                    if view.tokens[j].dep != "det" and (j == head or j not in dated))


def _arguments(view: View, f: Frame, onto: Ontology) -> None:
    """Actors after prepositions and objects, for the trigger words and the predicate."""
    heads = {f.pred, *f.match.tokens}
    head = f.match.head
    if view.tokens[head].dep == "conj" and view.tokens[head].pos in ("NOUN", "PROPN"):
        heads.add(view.head(head))  # "tensions and clashes with X"
    top = next((t for t in f.match.tokens if view.head(t) not in f.match.tokens), head)
    heads |= _wielding(view, top, onto)  # ("with a guided missile": the noun, not "guided")
    heads |= _aiming(view, heads, onto)
    for h in heads:
        for c in view.children[h]:
            dep = view.tokens[c].dep
            if dep == "prep" and view.word(c) in _ACTOR_PREPS and \
                    not any(t.first <= c <= t.last for t in view.times):  # "On 3 May X ..."
                for obj in view.deps(c, "pobj"):
                    if view.word(obj) in onto.support_words:
                        continue  # "with the support of X": X backs, it is no side
                    key = "on" if view.word(c) == "at" else view.word(c)  # "fired at X"
                    spans = actor_candidates(view, obj) or (  # ("with groups affiliated
                        _owner(view, obj, onto) if key != "between" else [])  # to X": X)
                    if key == "between":
                        own = view.subtree(obj, stop={"conj", "cc"})  # ("members of X":
                        f.unnamed_first = f.unnamed_first or (  # named by X)
                            not f.between and view.tokens[obj].pos == "NOUN" and
                            not any(j in own for a in view.actors for j in a.tokens))
                        f.between.extend(spans)
                        f.generic_sides.setdefault(key, []).extend(
                            _unnamed_sides(view, obj, onto))
                    elif spans:
                        f.preps.setdefault(key, []).extend(spans)
                    elif view.word(obj) in ("latter", "former"):
                        f.preps.setdefault(key, [])
                        f.anaphor = f.anaphor or f"{key}:{view.word(obj)}"
                    elif view.tokens[obj].pos == "NOUN":
                        f.generic_sides.setdefault(key, []).extend(
                            [*_holders(view, obj, onto), _phrase(view, _counted(view, obj,
                                                                                 onto))])
            elif dep in ("dobj", "dative", "attr") and c not in f.match.tokens:
                f.objects.append(c)
                spans = actor_candidates(view, c) or _owner(view, c, onto)
                if spans:
                    f.preps.setdefault("object", []).extend(spans)
                elif view.tokens[c].pos == "NOUN":
                    f.generic_sides.setdefault("object", []).extend(
                        [*_holders(view, c, onto), _phrase(view, _counted(view, c, onto))])
    if stem(view.tokens[head].text) in onto.counter_stems:  # "repelled an IS attack": whose
        for t in f.match.tokens:  # attack it was is the other side
            if t == head or view.tokens[t].pos not in ("NOUN", "PROPN"):
                continue
            owners = [p for c in view.children[t] if view.tokens[c].dep in
                      ("compound", "poss", "nmod", "amod") for p in [c]] + \
                [p for c in view.deps(t, "prep") if view.word(c) in ("by", "of")
                 for p in view.deps(c, "pobj")]
            for o in owners:
                f.preps.setdefault("object", []).extend(actor_candidates(view, o))
    up = view.head(head)
    if view.tokens[head].dep == "pobj" and view.tokens[up].dep == "agent":
        _passive_targets(view, f, view.head(up))  # "X positions were hit by air strikes"
    for t in f.match.tokens:  # "clashes between A and B" as a compound of the trigger word
        for c in view.deps(t, "prep"):
            if view.word(c) == "between" and not f.between:
                for obj in view.deps(c, "pobj"):
                    f.between.extend(actor_candidates(view, obj))
    for t in f.match.tokens:  # "clashes broke out between demonstrators and riot police": a
        # trigger word that is itself the first side of "between" names the pair
        if view.tokens[t].dep == "pobj" and view.word(view.head(t)) == "between" and \
                "between" not in f.generic_sides and not f.between:
            f.between.extend(actor_candidates(view, t))
            f.generic_sides["between"] = _unnamed_sides(view, t, onto)
    if len(f.between) < 2:
        f.between = _linear_between(view, f, onto) or f.between


def _owner(view: View, obj: int, onto: Ontology) -> list[Span]:
    """Who owns what was hit ("targeted excavators belonging to the Turkish army", "a truck
    believed to belong to X", kb `roles.belonging_words`)."""
    for j in sorted(view.subtree(obj, stop={"relcl"})):
        if j != obj and view.word(j) in onto.belonging_words:
            for c in view.deps(j, "prep", "agent"):
                if view.word(c) in ("to", "by"):
                    found = [a for p in view.deps(c, "pobj") for a in actor_candidates(view, p)]
                    if found:
                        return found
    return []


def _counted(view: View, obj: int, onto: Ontology) -> int:
    """What a count or share heads ("killed numbers of terrorists", kb `roles.partitive_heads`):
    the noun after its "of", a side as the plain noun would be; else the word itself."""
    if view.word(obj) not in onto.partitive_heads:
        return obj
    of = [o for p in view.deps(obj, "prep") if view.word(p) == "of"
          for o in view.deps(p, "pobj") if view.tokens[o].pos == "NOUN"]
    return of[0] if of else obj


def _holders(view: View, obj: int, onto: Ontology) -> list[str]:
    """Who holds what was hit, named by a common noun ("a checkpoint of the police", "a convoy
    of the regime forces", "a regime vehicle"; kb `roles.held_words`, `roles.state_cues`): the
    holder's phrase, for the knowledge base to resolve as the target."""
    if view.word(obj) not in onto.held_words:
        return []
    named = {j for a in view.actors for j in a.tokens}
    found = [_phrase(view, o, alone=True) for c in view.deps(obj, "prep") if view.word(c) == "of"
             for o in view.deps(c, "pobj") if view.tokens[o].pos == "NOUN" and o not in named]
    found += [view.tokens[m].text for m in view.deps(obj, "compound", "amod")
              if view.word(m) in onto.state_cues and m not in named]
    found += [_plural(view.word(m)) for m in view.deps(obj, "compound", "amod")  # "terrorist
              if view.word(m) in onto.combatant_words and m not in named]  # dens": theirs
    return found


def _plural(word: str) -> str:
    """"terrorist" -> "terrorists": a people noun told as a modifier, named as the people."""
    return word if word.endswith("s") or word.endswith("men") else word + "s"


def _unnamed_sides(view: View, obj: int, onto: Ontology) -> list[str]:
    """The sides of "between X and Y" named by a common noun ("between government forces and
    rebels"): their phrases, for the knowledge base."""
    named = {j for a in view.actors for j in a.tokens}
    sides = [_phrase(view, j, alone=True) for j in (obj, *view.deps(obj, "conj"))
             if view.tokens[j].pos == "NOUN" and j not in named]
    told = sum(1 for j in (obj, *view.deps(obj, "conj")) if j in named)
    if len(sides) + told == 1:  # "between A supported by B and C": C, the backing phrase's last
        # conjunct, is the other side
        backed = [o for v in view.deps(obj, "acl") if view.word(v) in onto.backing_words
                  for b in view.deps(v, "agent") for o in view.deps(b, "pobj")]
        last = [j for o in backed for j in view.deps(o, "conj")]
        if last and view.tokens[last[-1]].pos == "NOUN" and last[-1] not in named:
            sides.append(_phrase(view, last[-1], alone=True))
    return sides


def _wielding(view: View, head: int, onto: Ontology) -> set[int]:
    """The verb a weapon trigger is the instrument of ("destroyed a tank with an ATGM",
    "targeted X using rockets", kb `roles.instrument_verbs`): its objects and targets are the
    weapon's."""
    tok = view.tokens[head]
    gerund = tok.dep == "pcomp" and tok.tag == "VBG"  # "targeted X with shelling"
    if tok.pos not in ("NOUN", "PROPN") and not gerund:
        return set()
    up = view.head(head)
    with_it = tok.dep in ("pobj", "pcomp") and view.word(up) == "with" and \
        view.tokens[up].dep == "prep"
    using_it = tok.dep == "dobj" and view.word(up) in onto.instrument_verbs and \
        view.tokens[up].dep in ("advcl", "acl", "xcomp", "conj")
    if not (with_it or using_it):
        return set()
    verb = view.head(up)
    for _ in range(6):  # "targeted X in T in the countryside with rockets": the parser hangs
        # it on X or on the place; the verb is up the chain of objects and prepositions
        if not with_it or view.tokens[verb].pos not in ("NOUN", "PROPN", "ADP") or \
                view.tokens[verb].dep not in ("dobj", "pobj", "prep") or view.is_root(verb):
            break
        verb = view.head(verb)
    return {verb} if view.tokens[verb].pos == "VERB" and verb != head else set()


def _aiming(view: View, heads: set[int], onto: Ontology) -> set[int]:
    """A participle that aims the event at its object ("an IED exploded targeting a farmer",
    "carried out a strike targeting a vehicle", kb `roles.aim_verbs`): its object is the
    event's target."""
    aiming = {c for h in heads for c in view.children[h]
              if view.tokens[c].dep in ("xcomp", "advcl", "acl") and view.word(c) in onto.aim_verbs
              and not view.deps(c, "nsubj", "nsubjpass")}
    # "shelled the town targeting X positions": the parser hangs the participle on the object,
    # or makes the place its subject
    placed = {j for p in view.places for j in p.tokens}
    return aiming | {c for h in heads for o in view.deps(h, "dobj") for c in view.deps(o, "acl")
                     if view.word(c) in onto.aim_verbs and view.tokens[c].tag == "VBG"} | {
        c for h in heads for c in view.deps(h, "ccomp")
        if view.word(c) in onto.aim_verbs and view.tokens[c].tag == "VBG" and
        all(s in placed for s in view.deps(c, "nsubj"))}


def _linear_between(view: View, f: Frame, onto: Ontology) -> list[Span]:
    """"between A (under X) and B", "between A against B" read left to right when the parser
    splits the pair: A is the first actor after "between", B the first after a joining word."""
    starts = [j for j in f.tokens if view.word(j) == "between" and j > f.match.tokens[0] - 1]
    if not starts:
        return []
    after = [a for a in view.actors if a.first > starts[0] and not view.in_brackets(a)
             and not _backer(view, a, onto)]
    if not after:
        return []
    first = after[0]
    joins = [j for j in range(first.last + 1, len(view.tokens))
             if view.word(j) in ("and", "against", "versus", "vs", "with", "and/or")]
    if not joins:
        return []
    second = next((a for a in after[1:] if a.first > joins[0]), None)
    if second is None:  # "between A supported by B and C": a pair needs two sides, so the
        # last conjunct of the backing phrase is the second side
        tail = [a for a in view.actors if a.first > joins[0] and _backer(view, a, onto) and
                view.tokens[view.span_head(a)].dep == "conj" and not view.in_brackets(a)]
        second = tail[-1] if tail else None
    return [first, second] if second is not None else []


def _between_tail(view: View, f: Frame, ontology: Ontology) -> list[Span]:
    """"between A and B, operating under U, and C": the parser hangs C on the aside about the
    umbrella; C is the last of the sides all the same."""
    if len(f.between) < 2:
        return []
    last = max(f.between, key=lambda a: a.last)
    after = [a for a in view.actors if a.first > last.last]
    phrases = getattr(ontology, "umbrella_phrases", ())
    j = last.last + 1
    before = [view.word(k) for k in range(max(0, last.first - 4), last.first)]
    told = any(tuple(before[i:i + len(p)]) == p for p in phrases  # the last is the umbrella
               for i in range(len(before)))
    for a in after:
        words = [view.word(k) for k in range(j, a.first)]
        if not told and any(tuple(words[i:i + len(p)]) == p for p in phrases
                            for i in range(len(words))):
            told = True
            j = a.last + 1
            continue  # the umbrella itself
        if told and words and words[-1] in ("and", "the") and "," in words and \
                len(words) <= 3:
            return [a]
        return []
    return []




def _backer(view: View, span: Span, onto: Ontology) -> bool:
    """"rebels backed by Fateh al-Sham": the backer is an associated actor of the side it backs,
    never a side of its own."""
    j = span.first
    return (j >= 2 and view.word(j - 1) == "by" and view.word(j - 2) in onto.backing_words) or \
        _backing_verb(view, span, onto) is not None


def is_backer(view: View, span: Span, onto: Ontology) -> bool:
    """`span` is named as backing a side ("backed by X"), also where the parser lost it."""
    return _backer(view, span, onto)


def _backing_verb(view: View, span: Span, onto: Ontology) -> int | None:
    """The verb of "backed by X" ("backed by Lebanon's Hezbollah and Iranian militias") whose
    `by` phrase holds `span`, if any."""
    j = view.span_head(span)
    for _ in range(6):
        dep = view.tokens[j].dep
        up = view.head(j)
        if dep == "pobj" and view.word(up) == "by":
            verb = view.head(up)
            return verb if view.word(verb) in onto.backing_words and verb != up else None
        if dep in ("conj", "nsubj"):  # "troops backed by militiamen and X captured": the
            verb = _stray_backed(view, j, onto)  # parser made X the troops' conjunct or a
            if verb is not None:  # second subject, past the "backed by" phrase between them
                return verb
        if dep not in ("conj", "appos", "compound", "poss") or up == j:
            return None
        j = up
    return None


def _stray_backed(view: View, j: int, onto: Ontology) -> int | None:
    """The backing verb ("backed by") of a noun told before token j, j a conjunct of that noun
    or a second subject of its verb, when the verb's phrase lies between them: the parser lost
    that j ends the "by" phrase ("troops backed by militiamen and X captured ...")."""
    tok = view.tokens[j]
    hosts = [tok.head] if tok.dep == "conj" else [
        s for s in view.deps(tok.head, "nsubj") if s < j] if tok.dep == "nsubj" else []
    found = next((c for h in hosts if h < j for c in view.deps(h, "acl") if h < c < j and
                  view.word(c) in onto.backing_words and view.deps(c, "agent")), None)
    if found is None and tok.dep == "nsubj":  # "the army backed by its ally X shelled": the
        # parser made "backed" a clause of its own and X the subject right after its phrase
        found = next((c for c in range(j) if view.word(c) in onto.backing_words and
                      view.tokens[c].tag == "VBN" and view.deps(c, "agent") and
                      max(view.subtree(c)) == j - 1), None)
    return found


def backers(view: View, f: Frame, ontology: Ontology) -> list[Span]:
    """The actors named as backing the agent ("regime forces, backed by Russian warplanes,
    advanced"; "rebels supported by Turkish artillery attacked"): associated actors of actor1,
    never a side."""
    heads = {f.pred, f.match.head}
    if f.subject_head is not None:
        heads |= view.subtree(f.subject_head, stop={"relcl"})
    out = []
    for c in view.children[f.pred]:  # "with the support of X"
        if view.word(c) == "with":
            for obj in view.deps(c, "pobj"):
                if view.word(obj) in ontology.support_words:
                    out += [a for a in actor_candidates(view, obj) if a not in f.subject]
    for a in view.actors:
        verb = _backing_verb(view, a, ontology)
        if verb is not None and (view.head(verb) in heads or verb in heads or
                                 f.subject_head in view.deps(verb, "nsubj", "nsubjpass")) and \
                a not in f.subject:
            out.append(a)
    return out


def _places(view: View, f: Frame, onto: Ontology) -> list[Span]:
    tokens = f.tokens - side_clauses(view, f.pred) - blaming_clauses(view, f, onto)
    found = [p for p in view.places_in(tokens)
             if not view.in_attribution(p) and not view.in_actor(p)]
    subject_tokens: set[int] = set()
    for s in f.subject:
        subject_tokens |= set(s.tokens)
    subject_tokens |= agent_clauses(view, f, onto)
    found = [p for p in found if not (set(p.tokens) & subject_tokens)]
    found = aimed_at(view, f, found)
    away = origins(view, found, onto, {f.pred, *f.match.tokens})
    found = [p for p in found if p not in away]
    out: list[Span] = []
    for p in found:
        prep = view.preposition_of(view.span_head(p))
        if p.geo is not None and prep in onto.near_words and p.geo.geo_precision < 2:
            p = dataclasses.replace(p, geo=dataclasses.replace(p.geo, geo_precision=2))
        if level(p) < 4:  # a country is not where an event is placed
            out.append(p)
    return qualify(view, out, onto.near_words)


def agent_clauses(view: View, f: Frame, ontology: Ontology) -> set[int]:
    """Clauses that describe the agent ("terrorists positioned in X fired shells"): where the
    agent stands is not where the event happened."""
    out: set[int] = set()
    if f.subject_head is None:
        return out
    for c in view.children[f.subject_head]:
        if view.tokens[c].dep in ("acl", "relcl") and \
                view.word(c) in ontology.positioned_words and f.match.head not in view.subtree(c):
            out |= view.subtree(c)
    return out


def aimed_at(view: View, f: Frame, places: list[Span]) -> list[Span]:
    """"Rockets fired from X hit Y": a remote strike happens where it lands, not where it was
    launched from (the launch site stays when no other place is named)."""
    if f.event.event_type != "Explosions/Remote violence":
        return places

    launchers = {f.pred, *f.match.tokens, *view.deps(f.match.head, "acl")}

    def launched_from(p: Span) -> bool:  # "from" on the launching verb, not "people who
        for a in view.ancestors(view.span_head(p)):  # fled from X"
            if view.tokens[a].dep == "prep" or view.tokens[a].pos == "ADP":
                if view.word(a) != "of":  # "from the town of X"
                    return view.word(a) == "from" and view.head(a) in launchers
            elif view.tokens[a].pos == "VERB":
                return False
        return False

    aimed = [p for p in places if not launched_from(p)]
    return aimed or places


def side_clauses(view: View, i: int) -> set[int]:
    """Tokens of adverbial clauses under i that are circumstances, purposes or conditions ("as
    the possibility grows for ... in Idlib", "to seed up Ankara's invasion"): not the event's
    own place."""
    out: set[int] = set()
    for j in view.subtree(i):
        if j == i or view.tokens[j].dep != "advcl":
            continue
        marks = {view.word(c) for c in view.children[j]
                 if view.tokens[c].dep in ("mark", "aux", "advmod")}
        if marks & {"as", "while", "because", "since", "if", "although", "though", "to",
                    "unless", "whereas"}:
            out |= view.subtree(j)
    return out


def level(span: Span) -> int:
    """How precise a place mention is: 1 a town (also an unresolved name the gazetteer placed
    only in its province), 2 an area, 3 a province, 4 a country."""
    geo = span.geo
    if geo is None:
        return 1
    name = name_key(geo.name or "")
    if geo.geo_precision >= 3 and (not name or name not in name_key(geo.text)) and (
            geo.score < 0.75 or geo.place_id is None):  # (a province in another spelling,
        return 1  # "Ninewa" for Nineveh, resolved confidently, is a province)
    if geo.geo_precision >= 3 and geo.admin1 is None:
        return 4
    return geo.geo_precision


def qualify(view: View, places: list[Span], near: frozenset[str] = frozenset()) -> list[Span]:
    """Drop places that only qualify another place of the list ("Saraqib in Southern Idlib",
    "towns in Idlib's countryside, including A, B")."""
    if len(places) < 2:
        return places
    located = [p for p in places if p.geo is not None and p.geo.lat is not None]
    if located and len(located) < len(places):  # "the Justice Palace in X": a name no
        places = located  # gazetteer places gives way to the town that says where it is
        if len(places) < 2:
            return places
    tokens = {j: p for p in places for j in p.tokens}
    places = [p for p in places if not _qualifies(view, p, tokens)] or places
    places = [p for p in places if not any(_anchors(view, p, q, near) for q in places)] or places
    levels = [level(p) for p in places]
    best = min(levels)
    kept = [p for p, lv in zip(places, levels, strict=True) if lv == best]
    return kept or places


_SITE_IN = frozenset({"in", "at", "inside", "within"})  # prepositions of a site's whereabouts


def _anchors(view: View, p: Span, q: Span, near: frozenset[str]) -> bool:
    """p only says where q is: p hangs under q's name, or under the noun q hangs under, through
    prepositions and nouns, with no verb, no coordination and no conjunction between ("Q in the
    old quarter of P", "a market in Q in central P"); the first named is the finer one, and
    "shelled Q and the town of P" names two targets. A landmark "near" an area ("in eastern P
    near the Q dam") may be the finer place: levels decide there."""
    if p is q or p.first < q.first or level(p) < level(q):
        return False  # a finer place named after ("in Hama, in the town of X") is the place
    if any(view.tokens[j].dep == "cc" for j in range(q.last + 1, p.first)):
        return False

    def path(s: Span) -> list[int]:
        out = [view.span_head(s)]
        for a in view.ancestors(out[0]):
            if view.tokens[out[-1]].dep in ("conj", "appos", *CLAUSE_DEPS) or \
                    view.tokens[a].pos in ("VERB", "AUX") or view.word(a) in near:
                break
            out.append(a)
        return out

    up_p, up_q = path(p), path(q)
    top = view.span_head(q)
    if top in up_p:
        return True
    site = top  # "targeting the Q shrine in the suburbs of P": the parser hung "in P" on the
    while view.tokens[site].dep == "compound" and not view.is_root(site) and \
            view.tokens[view.head(site)].pos == "NOUN":  # verb; right after the noun of the
        site = view.head(site)  # site Q names, it still says where that site is
    last = up_p[-1]
    if view.word(last) in _SITE_IN and last == site + 1 and not view.is_root(last) and \
            view.head(last) == view.head(site) and view.tokens[site].dep in ("dobj", "pobj"):
        return True
    if view.tokens[top].dep != "pobj":  # "the Aleppo districts of X": the modifier is the city
        return False
    return any(a in up_q and a not in p.tokens and
                              view.tokens[a].pos in ("NOUN", "PROPN") for a in up_p[1:])


def origins(view: View, places: list[Span], onto: Ontology, keep: set[int]) -> list[Span]:
    """Places that tell where a person comes from, not where the event happened: "a Lyon-born
    militant", "a native of Kano". A bare "from X" on a noun is not read as an origin: "people
    from X were killed" is most often told of X itself (measured: reading it as an origin cost
    a matched event and place accuracy on the held-out articles). Nor is where people are
    taken: "to X" on a verb of `roles.destination_verbs` ("were taken to the city of X")."""
    out: list[Span] = []
    for p in places:
        head = view.span_head(p)
        up = view.head(head)
        if _destination(view, head, onto):
            out.append(p)
            continue
        nxt = p.last + 1
        if nxt < len(view.tokens) and view.word(nxt) in ("-", "–"):
            nxt += 1
        if nxt < len(view.tokens) and view.word(nxt) in onto.origin_marks:
            out.append(p)  # "a Lyon-born militant"
            continue
        if up == head or view.tokens[up].dep != "prep":
            continue
        noun = view.head(up)
        if noun == up or noun in keep or view.tokens[noun].pos not in ("NOUN", "PROPN"):
            continue
        if view.word(up) == "of" and view.word(noun) in onto.origin_marks:
            out.append(p)  # "a native of Kano"
    return out


def _destination(view: View, head: int, onto: Ontology) -> bool:
    """The place's head is the object of "to" on a verb of taking people somewhere, passive or
    with an object, directly or through the noun it names ("were taken to the city of X")."""
    i = head
    for _ in range(2):
        if view.tokens[i].dep != "pobj" or view.is_root(i):
            return False
        prep = view.head(i)
        if view.is_root(prep):
            return False
        if view.word(prep) == "to":  # people taken ("were taken to", "took them to"), not
            verb = view.head(prep)   # a crowd's own move ("took to the streets of X")
            return view.tokens[verb].pos == "VERB" and \
                view.word(verb) in onto.destination_verbs and \
                bool(view.deps(verb, "dobj", "auxpass", "nsubjpass"))
        if view.word(prep) != "of":
            return False
        i = view.head(prep)  # "the city of X": the noun the name is of
    return False


def _qualifies(view: View, p: Span, tokens: dict[int, Span]) -> bool:
    """"X in Y" / "Y's X" where X is another place: Y only says where X is."""
    head = view.span_head(p)
    dep = view.tokens[head].dep
    up = view.head(head)
    if dep == "pobj" and view.word(up) in ("in", "of", "near") and view.tokens[up].dep == "prep":
        up = view.head(up)
    elif dep != "poss":
        return False
    other = tokens.get(up)
    if other is None:  # "X village in Y": the noun that heads the other place's name
        other = next((tokens[c] for c in view.children[up] if c in tokens and
                      view.tokens[c].dep in ("compound", "amod", "nmod")), None)
    return other is not None and other is not p


def _time_owners(view: View, trigger_heads: set[int]) -> list[tuple[Span, int | None]]:
    """Each time mention with the verb it belongs to: the nearest verb before it (or a trigger
    noun between that verb and the time, when the parser attached the time to it)."""
    out: list[tuple[Span, int | None]] = []
    for t in view.times:
        owner = view.nearest_verb_left(t.first)
        attached = view.head(view.span_head(t))
        if view.tokens[attached].pos == "ADP":
            attached = view.head(attached)
        if attached in trigger_heads and (owner is None or owner < attached < t.first):
            owner = attached
        out.append((t, owner))
    return out


def clause_of(view: View, i: int) -> int:
    """The head of the clause that token i belongs to."""
    for a in [i, *view.ancestors(i)]:
        if view.tokens[a].dep in CLAUSE_DEPS or view.is_root(a):
            return a
    return i


def named_flyer(view: View, frame: Frame, resolver: Any, ontology: Ontology,
                country: str | None) -> Any | None:
    """The flyer a strike's own words name by a word of kb roles.flown_by ("a coalition raid",
    "coalition strikes"): that word says who struck, before any actor the discourse carries
    ("A coalition raid on X killed ..., it added" after a rebel attack is no rebel raid)."""
    head = frame.match.head
    words = [j for j in frame.match.tokens if j != head] + [
        j for j in view.deps(head, "compound", "amod", "nmod") if j < head]
    for j in sorted(words):
        flyer = ontology.flown_by.get(view.tokens[j].text.casefold())
        found = resolver.generic(flyer, country) if flyer else None
        if found is not None:
            return found
    return None


def implied_force(view: View, frame: Frame, resolver: Any, ontology: Ontology,
                  country: str | None, spared: frozenset[str] = frozenset()) -> Any | None:
    """The force behind a strike told without an agent: the weapon phrase names it ("regime
    aircraft", "army airstrikes", "Syria air raids", "Assad's air force" are the state's
    military; "US warplanes" is found as an actor mention already)."""
    head = frame.match.head
    words = [j for j in range(len(view.tokens)) if j in frame.match.tokens or (
        view.tokens[j].head in (head, *frame.match.tokens) and j < head and
        view.tokens[j].dep in ("compound", "amod", "poss", "nmod", "npadvmod"))]
    phrase = " ".join(view.tokens[j].text for j in sorted(words))
    if {view.word(k) for j in words if j != head for k in view.deps(j, "amod")
            if k < j} & ontology.unknown_words:
        return None  # "unidentified artillery shelling": the weapon's own modifier hides whose
    found = resolver.generic(phrase, country) if phrase else None
    if found is not None:
        return found
    found = named_flyer(view, frame, resolver, ontology, country)
    if found is not None:
        return found
    cues = set(ontology.state_cues)
    name = ontology.countries.get(country or "", "").casefold()
    if name:
        cues |= {name, name + "n", name + "i"}
    said = {re.sub(r"(?:'s|’s|s')$", "", view.tokens[j].text.casefold()) for j in words}
    said |= {w[:-1] for w in said if w.endswith("s")}  # "Assads" (apostrophe lost)
    said |= set((frame.generic or "").casefold().split())  # "unidentified warplanes carried
    if said & ontology.unknown_words:  # out raids": nobody's known (an "armed drone" is
        return None  # still someone's: kb roles.unnamed)
    if said & cues:
        return resolver.generic("government forces", country)
    for j in sorted(words):  # "rebel bombardment", "militant shelling": the modifier's group
        if j in frame.match.tokens or view.tokens[j].dep not in ("compound", "amod", "nmod"):
            continue
        word = view.tokens[j].text.casefold()
        found = resolver.generic(word, country) or resolver.generic(word + "s", country)
        if found is not None:
            return found
    if frame.event.sub_event_type == "Air/drone strike" and not said & ontology.drone_words:
        # aircraft nobody is said to fly: armed groups have none, the state of the event's
        # country does ("died in an air raid on a rebel-held district"), unless the strike
        # hits that state's own side (`spared`: its target and the target's allies), as an
        # unclaimed strike on a pro-government militia is nobody's known
        state = resolver.generic("government forces", country)
        return None if state is not None and getattr(state, "id", None) in spared else state
    return None


