"""Who the sides of a frame are: actor1 and actor2 from its roles (`actors`), the catch-alls
(crowds, civilians, kin militias), which actor types are a state's or a civilian target, and
whether an unarmed side or an umbrella group leads.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from frontlines.events.ontology import VIOLENT_EVENT_TYPES, Ontology, derived
from frontlines.events.roles import Frame, actor_candidates, elided_first
from frontlines.events.sentence import View
from frontlines.events.state import Doc
from frontlines.model import ActorRef, Claim, RelationKind

CROWDS = {"Protests": "protesters", "Riots": "rioters"}  # event type -> its actor1 catch-all


def by_named_actor(state: Doc, claim: Claim) -> Claim:
    """A model claim of a type only a state force does (`sub_event_type_if_state`: "Government
    regains territory") whose actor1 the parse names and is no state force of the event's
    country takes the type its class codes for the others ("Non-state actor overtakes
    territory"), as a rule claim of that class does; the catch-all of a sentence that names
    nobody keeps the model's reading."""
    a1 = claim.actor1
    if a1 is None or not a1.text or claim.sub_event_type not in state_types(state.ontology):
        return claim
    country = claim.place.country if claim.place is not None else state.country
    if state.resolver.inter_in(a1, country) in (None, 1):
        return claim
    other = next((e.sub_event_type for e in state.ontology.events
                  if e.sub_event_type_if_state == claim.sub_event_type), None)
    return claim if other is None else dataclasses.replace(claim, sub_event_type=other)


def unarmed_side(state: Doc, view: View, frame: Frame) -> bool:
    """A fight told between two sides ("clashes between youths and police", "villagers clashed
    with soldiers") one of which is people named by what they are, not by arms ("youths",
    "vendors", "Palestinians"), the other armed: ACLED codes it as mob violence (rioters), not
    as a battle nor as an attack on civilians."""
    onto = state.ontology
    if not {view.word(j) for j in frame.match.tokens} & onto.symmetric_words:
        return False
    heads: list[int] = [frame.subject_head] if frame.subject_head is not None else []
    for t in {frame.pred, *frame.match.tokens}:
        preps = [c for c in view.children[t] if view.word(c) in ("between", "with", "against")]
        for c in preps[:1]:  # the first names the other side ("..., with two killed" does not)
            for o in view.deps(c, "pobj"):
                if view.deps(o, "acl", "amod") and any(
                        view.tokens[a].tag == "VBN" for a in view.deps(o, "acl", "amod")):
                    continue  # "with 2 civilians killed": what the fight left, no side
                heads += [o, *(j for j in view.subtree(o, stop={"prep", "relcl", "acl"})
                               if view.tokens[j].dep == "conj")]
    unarmed = armed = False
    for h in heads:
        side = view.subtree(h, stop={"conj", "cc", "relcl", "acl"}) - set(frame.match.tokens)
        side -= {j for p in side if view.tokens[p].dep == "prep" and view.word(p) != "of"
                 for j in view.subtree(p)}  # "dozens of young men", not "men in the camp"
        words = {view.word(j) for j in side}
        if words & onto.combatant_words or any(
                (r.inter or 0) in (1, 2, 3, 4, 8)
                for r in state.resolver.refs(view.actors_in(side))):
            armed = True
        elif words & onto.civilian_words or state.resolver.names_people(view.tokens[h].text):
            unarmed = True
            state.crowd = (id(frame), " ".join(view.tokens[j].text for j in sorted(side)))
    return unarmed and armed


def umbrella_led(state: Doc, view: View, frame: Frame) -> bool:
    """The agent phrase fights under an umbrella the knowledge base knows ("X and Y operating
    as part of Z"), which leads it (`ActorResolver.with_umbrella`)."""
    r = state.resolver
    lead, assoc = r.with_umbrella(view, frame.subject)
    return bool(assoc) and bool(lead) and any(r.umbrella(view, s) is not None for s in assoc)


def side_of(state: Doc, target: ActorRef | None, on: Any) -> frozenset[str]:
    """The actor ids on a target's side: itself and the actors the knowledge base has it
    allied with on the day (either direction)."""
    kb = getattr(state.resolver, "kb", None)
    if target is None or target.id is None:
        return frozenset()
    side = {target.id}
    if kb is not None:
        for r in kb.relations(on):
            if r.kind == RelationKind.ALLIED_WITH and target.id in (r.actor, r.target):
                side.update((r.actor, r.target))
    return frozenset(side)


def civilian_targets(ontology: Ontology) -> frozenset[str]:
    """The event and sub-event types whose target is civilians unless another is named (kb
    `conventions.civilian_targets`)."""
    return derived(ontology, _civilian_types)


def _civilian_types(ontology: Ontology) -> frozenset[str]:
    rules = ontology.data.get("conventions") or {}
    return frozenset(str(t) for t in rules.get("civilian_targets") or [])


def state_types(ontology: Ontology) -> frozenset[str]:
    """The sub-event types only a state force does (`sub_event_type_if_state`)."""
    return derived(ontology, _if_state)


def _if_state(ontology: Ontology) -> frozenset[str]:
    return frozenset(e.sub_event_type_if_state for e in ontology.events
                     if e.sub_event_type_if_state)


def crowd_first(state: Doc, event_type: str, actors1: list[ActorRef],
                 actor2: ActorRef | None, country: str | None
                 ) -> tuple[list[ActorRef], ActorRef | None]:
    """ACLED codes a demonstration with the crowd as actor1 ("Protesters (Kenya)", "Rioters
    (Kenya)"): the group behind it becomes an associated actor, state forces acting on it
    actor2."""
    crowd = state.resolver.default(CROWDS[event_type], country)
    if not actors1 or actors1[0].name == crowd.name:
        return actors1, actor2
    lead, rest = actors1[0], actors1[1:]
    if state.resolver.inter_in(lead, country) == 1:
        return [crowd, *rest], actor2 or lead
    return [crowd, lead, *rest], actor2


def crowd_of(state: Doc, claim: Claim) -> Claim:
    """A demonstration the model retyped takes its crowd ("Rioters (Kenya)" for a violent one,
    "Protesters (Kenya)" for a peaceful one) when actor1 is the other crowd; the crowd keeps the
    country its catch-all was given (the Palestinian side of "clashes between Palestinians and
    police" in an Israeli town is Palestine's, `by_people`)."""
    kind = CROWDS.get(claim.event_type)
    a1 = claim.actor1
    if kind is None or a1 is None or a1.inter not in (5, 6) or a1.text:
        return claim
    kept = (a1.id or "").rpartition("-")[2]  # "rioters-ps": the catch-all's own country
    country = kept.upper() if len(kept) == 2 and kept.isalpha() else (
        claim.place.country if claim.place is not None else state.country)
    crowd = state.resolver.default(kind, country)
    return claim if crowd.name == a1.name else dataclasses.replace(claim, actor1=crowd)


_CATCH_ALLS = {"rioters": "rioters", "protesters": "protesters", "civilians": "civilians",
               "unidentified-armed-group": "unidentified"}


def by_people(state: Doc, frame: Frame, actor1: ActorRef) -> ActorRef:
    """A catch-all agent told by the name of a people whose catch-alls follow them (kb
    governments.yaml `catch_alls_by_people`: "Palestinian youths threw stones", the unarmed
    side of "clashes between Palestinians and troops") is of that people's country wherever
    the event is."""
    kb = state.resolver.kb
    kind = next((k for p, k in _CATCH_ALLS.items() if (actor1.id or "").startswith(p + "-")),
                None)
    if kind is None or kb is None or not hasattr(kb, "people_catch_all_country"):
        return actor1
    crowd = state.crowd[1] if state.crowd is not None and state.crowd[0] == id(frame) else None
    phrase = frame.generic or crowd  # ("clashes between Palestinians and troops": the crowd)
    iso = kb.people_catch_all_country(phrase) if phrase else None
    return state.resolver.default(kind, iso) if iso is not None else actor1


def civilians_of_people(state: Doc, view: View, victims: list[int], ref: ActorRef | None
                        ) -> ActorRef | None:
    """Civilians harmed who are told by a people of one country ("shot two Chinese workers",
    "beat three Palestinians", "an Iraqi man was killed") are that country's civilians, as
    ACLED codes foreign victims, wherever the event is; a people with no state names none."""
    kb = state.resolver.kb
    if ref is None or not (ref.id or "").startswith("civilians-") or kb is None or \
            not hasattr(kb, "countries_of_peoples"):
        return ref
    onto = state.ontology
    people = onto.civilian_words | onto.person_words
    found: set[str] = set()
    text = ""
    for v in victims:
        word = view.word(v)
        if not (word in people or word.rstrip("s") in people or
                state.resolver.names_people(view.tokens[v].text)):
            continue  # ("an Armenian church": a thing, not its people)
        told = sorted([v, *view.deps(v, "amod", "compound")])
        phrase = " ".join(view.tokens[j].text for j in told)
        peoples = set(kb.countries_of_peoples(phrase))
        found |= peoples
        text = phrase if peoples else text
    if len(found) != 1:
        return ref
    iso = found.pop()
    named = state.resolver.default("civilians", iso)
    if named.name == ref.name or not (named.id or "").endswith("-" + iso.casefold()):
        return ref
    return dataclasses.replace(named, text=text)


def kin_militia(state: Doc, ref: ActorRef, country: str | None) -> ActorRef:
    """A family or clan told as fighting ("clashes between two families") is ACLED's clan
    militia of the country, not the protesters the generic word falls back on."""
    words = {w.casefold() for w in (ref.text or "").split()}
    if ref.inter != 6 or not words & state.ontology.kin_words:
        return ref
    return state.resolver.default(state.ontology.kin_militia, country)


def actors(state: Doc, view: View, frame: Frame, frames: list[Frame]
            ) -> tuple[list[ActorRef], ActorRef | None]:
    r = state.resolver
    d = state.discourse
    event = frame.event
    lead, assoc = r.with_umbrella(view, frame.subject or _root_noun_agent(view, frame))
    lead, units = r.with_owners(view, lead)
    actors1 = r.refs(lead + units + assoc)
    lead_b, assoc_b = r.with_umbrella(view, frame.between, sides=True)
    between = r.refs(lead_b)
    sides = r.side_after_umbrella(view, frame.between)  # "between A and B which operate
    if sides is not None:  # under U and C": U (A and B associated) against C
        between, assoc_b = r.refs(list(sides)), frame.between
    if not actors1 and frame.anaphor and not frame.anaphor.startswith(("from:", "with:", "to:")):
        actors1 = r.resolve_anaphor(view, frame, d)
    if not actors1 and len(between) >= 2:
        a, b = d.order(between[0], between[1])
        extra = [x for x in r.refs(assoc_b) if x not in (a, b)]
        return [a, *extra], b
    if not actors1 and frame.passive_patient and event.passive_subject_acts:
        actors1 = r.refs(view.actors_in({j for o in frame.objects for j in view.subtree(o)}))
    if not actors1 and len(between) == 1 and frame.unnamed_first and \
            event.event_type == "Battles":  # "between rebel factions and X": the side told
        first = next((g for p in frame.generic_sides.get("between", [])  # first leads,
                      if (g := r.generic(p, state.country)) is not None), None)  # named or not
        if first is not None and not same(first, between[0]):
            return [first], between[0]
    if not actors1 and len(between) == 1:  # "between X against Y", "between X and <unknown>"
        actors1 = between
    if not actors1 and not frame.indefinite and not frame.passive_patient:
        gov = frame.governor
        while gov is not None and not actors1:
            owned, units_g = r.with_owners(view, gov.subject)  # ("the PMF's Badr brigade
            actors1 = r.refs(owned + units_g)  # killed ... by rocket fire": the owner's)
            if not actors1 and not gov.subject and gov.generic and not frame.generic and \
                    event.event_type == "Explosions/Remote violence":
                # a fire word ("rebel groups pounded X with rocket fire"): the governing
                # frame's agent named by a common noun
                found = r.generic(gov.generic, state.country)
                actors1 = [found] if found is not None else []
            gov = gov.governor
        if not actors1 and event.event_type == "Battles" and d.last_pair is not None and \
                not view.actors and not (frame.generic and r.generic(
                    frame.generic, state.country, elsewhere=False) is not None):  # ("troops
            # seized X": the sentence names its agent by a common noun the knowledge base
            # knows; "the jihadists overran X" outside Syria, where only the country's
            # unidentified armed group would stand for them, is the pair told before)
            return [d.last_pair[0]], d.last_pair[1]
    actor2 = None
    for key in ("with", "against", "between", "from", "object", "on"):
        spans = frame.between if key == "between" else frame.preps.get(key, [])
        if key != "between":  # "clashed with SNA units operating as part of Z": Z
            spans = under_umbrella(r, view, spans)
        cands = [x for x in r.refs(spans) if not actors1 or not same(x, actors1[0])]
        if cands:
            actor2 = cands[0]
            frame.elided_other = elided_first(view, spans)
            break
    if actor2 is None:
        for other in frames:  # "after dislodging X": a secondary trigger names the other side,
            if not governs(view, frame, other):  # as does a fight it governs ("took control of X
                continue  # after heavy fighting with Y")
            if other.event.secondary or other in harms(view, frame, frames):
                cands = [x for x in r.refs(under_umbrella(r, view, other.preps.get("object", [])))
                         if not actors1 or not same(x, actors1[0])]
            elif other.event.event_type == "Battles":
                cands = [x for key in ("with", "against")
                         for x in r.refs(under_umbrella(r, view, other.preps.get(key, [])))
                         if not actors1 or not same(x, actors1[0])]
            else:
                continue
            if cands:
                actor2 = cands[0]
                frame.elided_other = elided_first(view, [
                    *other.preps.get("with", []), *other.preps.get("against", [])])
                break
    if frame.anaphor and frame.anaphor.startswith(("from:", "with:")) and actor2 is None:
        found = r.resolve_anaphor(view, frame, d)
        actor2 = found[0] if found else None
    if event.group_change and actor2 is None:
        cands = r.refs(frame.preps.get("to", []))
        actor2 = cands[0] if cands else None
    if actor2 is None and actors1 and event.event_type == "Battles":
        actor2 = d.opponents.get(actors1[0].id or actors1[0].name.casefold())
    if actor2 is None and actors1:  # "killed four soldiers": the state's military; also the
        actor2 = r.target_force(view, frame, besides=actors1[0]) or next(  # victims of the
            (found for g in harms(view, frame, frames)  # act it goes on to
             if (found := r.target_force(view, g, besides=actors1[0]))), None)
    gov = frame.governor
    sufferer = sufferer_of(view, frame, state.ontology)
    if actor2 is None and sufferer is not None:
        # "five fighters were killed in airstrikes conducted by X": the airstrikes' victims
        told = sufferer.preps.get("object") or [  # ("fighters were killed when jets struck
            a for o in sufferer.objects for a in actor_candidates(view, o)]  # a convoy")
        cands = [x for x in r.refs(told) if not actors1 or not same(x, actors1[0])]
        actor2 = cands[0] if cands else r.target_force(  # ("killed a soldier by sniper
            view, sufferer, besides=actors1[0]) if actors1 else None  # fire": the army)
    if actor2 is None and gov is not None and gov.event.event_type == "Battles":
        # "clashes with Y which resulted in the arrest of three commanders": Y's
        cands = [x for x in r.refs([*gov.preps.get("with", []), *gov.preps.get("against", []),
                                    *gov.between]) if not actors1 or not same(x, actors1[0])]
        actor2 = cands[0] if cands else None
    if actor2 is None and not assoc and not units and len(actors1) == 2 and \
            directionless(view, frame, state.ontology):
        return actors1[:1], actors1[1]  # "PKK militants and Turkish soldiers clashed": the
        # two subjects of a fight told without a direction are its two sides
    return actors1, actor2


def under_umbrella(r: Any, view: View, spans: list[Any]) -> list[Any]:
    """The other side as ACLED codes it: a phrase told as fighting under an umbrella ("clashed
    with SNA units operating as part of Z", "took X from Turkish forces and rebel factions
    which operate under Z") is the umbrella, as the agent phrase is; a state force named alone
    before it stays itself (`ActorResolver.with_umbrella`)."""
    if not spans:
        return spans
    lead, assoc = r.with_umbrella(view, spans)
    return [*lead, *assoc] if assoc else spans


def directionless(view: View, frame: Frame, ontology: Ontology) -> bool:
    """A fight told without a direction ("clashed", "fighting"), whose subjects are its sides."""
    return frame.event.event_type == "Battles" and \
        bool({view.word(j) for j in frame.match.tokens} & ontology.symmetric_words)


def harms(view: View, frame: Frame, frames: list[Frame]) -> list[Frame]:
    """The acts an event goes on to ("exploded bombs ... and killed ten soldiers", "struck a
    convoy, killing five fighters"): verbs it governs, sharing its agent, whose objects are
    its targets."""
    return [g for g in frames if governs(view, frame, g) and g.objects and
            (not g.subject or g.subject == frame.subject) and
            (g.subject_head in (None, frame.subject_head) or view.tokens[g.match.head].tag ==
             "VBG") and  # (", killing N": the main clause's agent, whatever the parse says)
            view.tokens[g.match.head].pos == "VERB" and
            (view.tokens[g.match.head].dep in ("conj", "advcl", "xcomp", "pcomp") or
             view.tokens[g.match.head].dep == "acl" and view.tokens[g.match.head].tag == "VBG"
             and view.head(g.match.head) in frame.match.tokens) and  # "airstrikes on T
            # killing a civilian": the participle of the event noun
            g.event.event_type in VIOLENT_EVENT_TYPES]


def governs(view: View, frame: Frame, other: Frame) -> bool:
    """`other` is told under `frame`: its governor, or, for a nominal trigger told by a verb
    of its own ("carried out airstrikes on X, killing a boy"), a trigger hung on that verb
    that no trigger governs (the participle of the outcome belongs to the event, not to the
    light verb)."""
    if other.governor is frame:
        return True
    return other.governor is None and other is not frame and \
        frame.pred not in frame.match.tokens and view.head(other.match.head) == frame.pred and \
        other.match.head != frame.pred and view.tokens[other.match.head].tag == "VBG"  # (not
    # a clause of its own: "carried out airstrikes while X targeted Y")


def sufferer_of(view: View, frame: Frame, ontology: Ontology) -> Frame | None:
    """The passive verb that governs an event told without an object ("five fighters were
    killed in airstrikes", "a farmer was wounded by sniper fire"): its subject suffered the
    event; so did the object of a verb of harm the event is the circumstance of ("killed four
    fighters during airstrikes")."""
    gov = frame.governor
    if gov is None or any(_names_people(view, o, ontology) for o in frame.objects):
        return None  # ("struck a convoy": a thing hit tells no victims of its own)
    noun = frame.match.head  # ("by sniper fire": the trigger word may be the compound)
    noun = view.head(noun) if view.tokens[noun].dep == "compound" else noun
    harmed = view.word(gov.match.head) in ontology.harmed_words and \
        view.tokens[noun].dep == "pobj" and \
        frame.subject_head in (None, gov.subject_head)  # "X killed four fighters during
    # strikes", "X killed a soldier by sniper fire"
    subjects = [o for o in gov.objects if view.tokens[o].dep == "nsubjpass" or
                harmed and view.tokens[o].dep == "dobj"]
    if not subjects or any(frame.match.head in view.subtree(o) for o in subjects):
        return None  # ("protesters were dispersed": the protest itself is the subject)
    return gov


def _names_people(view: View, obj: int, ontology: Ontology) -> bool:
    """An object that names an actor or people ("killed five soldiers", "shelled rebels"), not
    only a thing ("struck a convoy", "hit a checkpoint")."""
    people = ontology.civilian_words | ontology.combatant_words | ontology.protest_words
    return bool(view.actors_in(view.subtree(obj))) or view.word(obj) in people


def _root_noun_agent(view: View, frame: Frame) -> list[Any]:
    """"Airstrikes by the coalition killed 21 civilians": the parser makes the event noun the
    root and hangs the verb on the agent; the noun's own "by" phrase names who acted."""
    h = frame.match.head
    if view.tokens[h].pos not in ("NOUN", "PROPN") or not view.is_root(h):
        return []
    return [a for c in view.children[h] if view.word(c) == "by"
            for p in view.deps(c, "pobj") for a in actor_candidates(view, p)]


def same(a: ActorRef, b: ActorRef) -> bool:
    """One actor, however it was named ("Kenyan troops were deployed": the troops are no
    target of their own deployment)."""
    return (a.id or a.name) == (b.id or b.name)


def policing_force(state: Doc, ref: ActorRef | None, sub_type: tuple[str, str],
                   words: set[str], country: str | None) -> ActorRef | None:
    """A state's whole military named by a word of policing (kb `conventions.policing`:
    "security forces") in an act against unarmed people (an arrest, a demonstration or a riot
    it meets, violence against civilians) is that state's police, as ACLED codes it ("Iraqi
    security forces dispersed the sit-in": Police Forces of Iraq); in a fight it stays the
    military. `words` are those of the phrase that names it."""
    rules = derived(state.ontology, _policing)
    if ref is None or not rules[0] or not ({*sub_type} & rules[0]) or not words & rules[1]:
        return ref
    kb = state.resolver.kb
    if kb is None or not ref.id or not state.resolver.whole_military(ref.id):
        return ref
    iso = getattr(kb.get(ref.id), "country", None) or country
    police = state.resolver.default("police", iso)
    if police.inter != 1 or not police.acled_name or police.id == ref.id:
        return ref
    return dataclasses.replace(police, text=ref.text)


def _policing(ontology: Ontology) -> tuple[frozenset[str], frozenset[str]]:
    rules = (ontology.data.get("conventions") or {}).get("policing") or {}
    return (frozenset(str(t) for t in rules.get("types") or []),
            frozenset(str(w).casefold() for w in rules.get("words") or []))


def phrase_words(view: View, tokens: set[int] | list[int], text: str | None = None) -> set[str]:
    """The words and two-word phrases of an actor's phrase, folded ("security forces")."""
    words = [view.word(j).casefold() for j in sorted(tokens)]
    if text:
        words += [""] + [w.casefold() for w in text.split()]
    return {*words, *(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))}


def civilians_targeted(state: Doc, ref: ActorRef | None, sub_type: tuple[str, str],
                       country: str | None) -> ActorRef | None:
    """The target of an act against civilians (kb `conventions.civilian_targets`) named by a
    word a demonstration's actor falls back on ("fired tear gas at farmers": Protesters) is
    Civilians of that country, as ACLED codes it; force used on a demonstration
    (`conventions.crowd_targets`) keeps the protesters."""
    if ref is None or not ref.id or not {*sub_type} & civilian_targets(state.ontology):
        return ref
    rules = state.ontology.data.get("conventions") or {}
    if sub_type[1] in {str(t) for t in rules.get("crowd_targets") or []}:
        return ref
    prefix, _, iso = ref.id.rpartition("-")
    if prefix not in CROWDS.values() or len(iso) != 2:
        return ref
    found = state.resolver.default("civilians", iso.upper())
    return dataclasses.replace(found, text=ref.text)
