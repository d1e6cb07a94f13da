"""Whether a frame tells an event at all: frame-level tests that drop (or keep) a trigger told
as a description, a habit, a campaign, a summary, a toll update, an aside or a likeness rather
than as an act that took place (`not_an_event`, `told_as_description`, `instance_of_habit`,
`in_passing`, `toll_update`, `likened_at`, ...).
"""

from __future__ import annotations

import dataclasses

from frontlines.events.coref import Rules
from frontlines.events.ontology import VIOLENT_EVENT_TYPES, Ontology
from frontlines.events.roles import Frame
from frontlines.events.sentence import View
from frontlines.events.state import coref_rules
from frontlines.model import TimePrecision


def acting(view: View) -> bool:
    """The sentence names an actor other than the one telling it ("the monitor said")."""
    return any(not view.in_attribution(a) for a in view.actors)


def likened_at(view: View, i: int, ontology: Ontology) -> bool:
    """Token i is a generic event noun said to be like another ("a similar attack")."""
    rules = coref_rules(ontology)
    return view.word(i) in rules.generic_nouns and any(
        view.word(d) in rules.likeness_words for d in view.deps(i, "amod"))
DEFINITE = frozenset({"the", "this", "that", "these", "those"})  # ("in those clashes")


def in_passing(view: View, frame: Frame, rules: Rules) -> bool:
    """A definite event noun told as what another act followed or answered ("two days after
    the chlorine attack on X", "in retaliation for the Azaz bombing"): a mention of an event
    told before, not an event of the sentence."""
    head = view.tokens[frame.match.head]
    if head.pos not in ("NOUN", "PROPN"):
        return False
    for _ in range(3):  # "the chlorine attack": the noun the trigger word modifies
        if head.dep not in ("compound", "amod") or view.tokens[head.head].pos != "NOUN":
            break
        head = view.tokens[head.head]
    if head.dep != "pobj" or not {view.word(d) for d in view.deps(head.i, "det")} & DEFINITE:
        return False
    prep = view.word(head.head)
    return prep in rules.passing_preps or (
        prep == "for" and view.word(view.head(head.head)) in rules.answer_nouns)


def toll_update(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"The death toll from the air strikes on X rose to 53", "the number killed in the attack
    has climbed to 14": an event word inside a tally noun (`coreference.tally_nouns`) that a
    verb of rising (`coreference.toll_verbs`) takes updates an event told before: it joins it,
    whatever its sentence's day and agent, and is coded as it, no event of its own."""
    data = ontology.data.get("coreference") or {}
    tallies = {str(w) for w in data.get("tally_nouns", [])}
    verbs = {str(w) for w in data.get("toll_verbs", [])}
    i = frame.match.head
    for _ in range(6):
        if view.is_root(i) or view.tokens[i].dep not in (
                "pobj", "prep", "acl", "compound", "amod", "nmod"):
            return False
        i = view.head(i)
        if view.word(i) in verbs and any(view.word(o) in tallies for o in view.deps(
                i, "dobj", "nsubj", "nsubjpass")):
            return True  # "raised the toll from the strikes to 53": the phrase on the verb
        if view.word(i) in tallies and view.tokens[i].pos == "NOUN":
            return not view.is_root(i) and view.tokens[i].dep in (
                "nsubj", "nsubjpass", "dobj") and view.word(view.head(i)) in verbs
    return False


def instance_of_habit(view: View, frame: Frame, ontology: Ontology) -> bool:
    """A generic event noun ("attack") told as a dated example of a habit whose trigger names
    the means ("has regularly hit X with car bombs, including a May 3 attack on Y") is an event
    of that means (events/modality.py `_dated_instance` keeps it factual): the frame is
    recoded in place, for every later reading of it. True when it was; its target, when it
    names none, is the habit's."""
    g = frame.governor
    if g is None or g.event.event_type == frame.event.event_type or \
            view.word(frame.match.head) not in coref_rules(ontology).generic_nouns:
        return False
    node = frame.match.head
    for a in view.ancestors(node):
        if view.word(a) in ontology.modality_words.get("instances", frozenset()) and \
                view.tokens[node].dep == "pobj" and view.head(a) in g.match.tokens:
            frame.match = dataclasses.replace(frame.match, event=g.event)
            return True
        if a in g.match.tokens:
            return False
        node = a
    return False


def not_an_event(view: View, frame: Frame, frames: list[Frame], ontology: Ontology) -> bool:
    """A definite event noun with nothing of its own ("during the clashes") refers back to an
    event already told; a participle or adjective ("left dead and wounded") is a toll; a
    killing told as the outcome of another event ("an IED exploded, killing three") adds its
    toll to that event; an event noun that is the subject of its own verb ("an IED exploded")
    is the same event as the verb."""
    head = view.tokens[frame.match.head]
    if frame.event.consequence and frame.governor is not None:
        return True
    if frame.event.consequence and _caused_by_event(view, frame, frames):
        return True
    if head.pos in ("NOUN", "PROPN") and any(
            g is not frame and g.match.head == head.head and g.event.id == frame.event.id
            for g in frames):  # (a root noun is its own head: no match with itself)
        return True
    if head.pos in ("NOUN", "PROPN") and any(  # "shot down a regime helicopter", "the
            g is not frame and g.event.disarms and frame.match.head in  # helicopter was shot
            {j for o in [*g.objects, *view.deps(g.pred, "nsubjpass")]  # down": no strike
             for j in view.subtree(o)} for g in frames):
        return True
    if frame.match.text.casefold() in coref_rules(ontology).agent_triggers and any(
            frame.match.head in agent_phrase(view, g, ontology) for g in frames
            if g is not frame and g.event.sub_event_type == frame.event.sub_event_type):
        return True  # "regime aircraft bombed X": who struck, no second strike ("missiles fired
        # by jets" keep the jets: they tell the missiles' kind)
    if frame.event.consequence and head.pos in ("VERB", "ADJ") and any(
            view.word(d) in DEFINITE for d in view.deps(head.i, "det")):
        return True  # "identified one of the wounded as X": people named by their harm
    if _air_arm_holder(view, frame, ontology):
        return True  # "an air force pilot was killed": a person of the air arm, no strike
    if _air_arm_target(view, frame, frames, ontology):
        return True  # "fired rockets at two army helicopters": the aircraft was the target
    if bearer_done_to(view, frame, frames):
        return True  # "troops killed two suicide bombers": the bombers were stopped
    if head.pos == "NOUN" and view.word(head.i) in ontology.shot_nouns and any(
            g is not frame and g.event.consequence and
            view.tokens[g.match.head].pos == "VERB" and
            any(frame.match.head in view.subtree(s) for s in view.deps(g.match.head, "nsubj"))
            for g in frames):
        return True  # "gunfire wounded a boy": the wounding, told with its means
    if frame.event.airborne and head.dep == "pobj" and \
            view.word(head.head) in ("in", "during") and any(
                g is not frame and g.pred == view.head(head.head) for g in frames):
        return True  # "arrested him in an airdrop operation": the arrest, told with its means
    if frame.event.supported_as and any(  # "helicopters carried out a landing operation":
            g is not frame and g.event.airborne and  # they carried the troops, struck nothing
            frame.match.head in agent_phrase(view, g, ontology) for g in frames):
        return True
    if frame.event.verbal_only and (head.pos != "VERB" or head.dep in ("amod", "oprd", "acomp")
                                    or view.tokens[head.head].dep in ("oprd", "acomp")):
        return True
    if frame.event.passive_needs_agent and frame.passive_patient:
        return True
    if told_as_description(view, frame, ontology):
        return True
    if frame.event.needs_place:  # "captured 2 rebels" takes people, not a place
        taken = {view.word(j) for o in frame.objects for j in view.subtree(o)}
        if taken & (ontology.civilian_words | ontology.combatant_words):
            return True
    if head.pos in ("NOUN", "PROPN") and frame.pred == frame.match.head:
        dets = {view.word(d) for d in view.deps(frame.match.head, "det")}
        if dets & {"the", "these", "those", "this", "that"} and not frame.subject and \
                not frame.between and not frame.preps and not frame.places and \
                not _partitive(view, head.i):
            return True
    return False


def _partitive(view: View, i: int) -> bool:
    """"hurled two of the grenades", "one of the rockets hit a house": a count of the things
    told, which names them for the first time, not an event already told."""
    up = view.head(i)
    return view.tokens[i].dep == "pobj" and view.word(up) == "of" and up != i and \
        view.tokens[view.head(up)].pos == "NUM"


def _air_arm_holder(view: View, frame: Frame, ontology: Ontology) -> bool:
    """An air-arm word (`coreference.agent_triggers`) that modifies a noun of
    `coreference.agent_holders` ("an air force pilot", "a helicopter crew", "the jet fuel
    depot") names a person, a unit or a site of that arm, not a strike."""
    rules = coref_rules(ontology)
    if frame.match.text.casefold() not in rules.agent_triggers:
        return False
    i = frame.match.tokens[-1]
    if any(j > i and view.word(j) in rules.agent_holders for j in view.deps(i, "amod", "appos")):
        return True  # "a retired air force general" parsed with "general" as an adjective
    for _ in range(3):  # "air force" -> "pilot"; "air force fighter pilot" -> "pilot"
        tok = view.tokens[i]
        if tok.dep not in ("compound", "amod", "nmod") or tok.head == i:
            return False
        i = tok.head
        if view.word(i) in rules.agent_holders:
            return True
        if view.tokens[i].pos not in ("NOUN", "PROPN", "ADJ"):
            return False
    return False


def _air_arm_target(view: View, frame: Frame, frames: list[Frame], ontology: Ontology) -> bool:
    """An air-arm word (`coreference.agent_triggers`) that another violent event of the
    sentence is aimed at, its object or the object of a preposition of aiming on its verb
    (`coreference.target_preps`: "militants fired rockets at two army helicopters", "targeted
    the jets"), is that event's target, not a strike of its own."""
    rules = coref_rules(ontology)
    if frame.match.text.casefold() not in rules.agent_triggers:
        return False
    head = frame.match.head
    for g in frames:
        if g is frame or g.event.sub_event_type == frame.event.sub_event_type or \
                g.event.event_type not in VIOLENT_EVENT_TYPES:
            continue
        aims = [*g.objects, *(o for p in view.deps(g.pred, "prep")
                              if view.word(p) in rules.target_preps
                              for o in view.deps(p, "pobj"))]
        if any(head in view.subtree(o) for o in aims if o != g.match.head):
            return True
    return False


def bearer_done_to(view: View, frame: Frame, frames: list[Frame]) -> bool:
    """The trigger names who carries a weapon (`bearer`: "suicide bomber") and another event's
    verb is done to them ("troops killed two suicide bombers"): they set nothing off. A verb
    of the same event type is the bearer's own act ("militants detonated a suicide car bomb")."""
    return frame.event.bearer and view.tokens[frame.match.head].pos in ("NOUN", "PROPN") and \
        any(g is not frame and g.event.id != frame.event.id and
            g.event.event_type != frame.event.event_type and frame.match.head in
            {j for o in g.objects for j in view.subtree(o)} for g in frames)


def agent_phrase(view: View, frame: Frame, ontology: Ontology) -> set[int]:
    """The tokens that name who carried out an event: its subject phrase ("regime aircraft
    bombed"), with those said to back it ("the army backed by Russia's air force launched an
    offensive"), and its "by" phrase ("air strikes by the regime and Russian air forces");
    clauses that tell what the agent did or suffered otherwise are left out."""
    heads = [frame.subject_head] if frame.subject_head is not None else []
    heads += [c for t in {frame.pred, frame.match.head} for c in view.children[t]
              if view.tokens[c].dep == "agent" or
              (view.word(c) == "by" and view.tokens[t].pos in ("NOUN", "PROPN"))]
    found = {j for h in heads for j in view.subtree(h, stop={"relcl", "acl"})}
    found |= {j for h in list(found) for c in view.deps(h, "acl")
              if view.word(c) in ontology.backing_words for j in view.subtree(c)}
    return found - set(frame.match.tokens)


def told_as_description(view: View, frame: Frame, ontology: Ontology) -> bool:
    """The event word describes what a group does or keeps doing, or names the campaign an
    event belongs to: the grammar says there is no event here, so the model may not code one
    in its place either (see the find in `extract`)."""
    head = view.tokens[frame.match.head]
    return _describes(view, frame, ontology) or _ongoing_description(view, frame, ontology) or (
        head.pos in ("NOUN", "PROPN") and (_campaign(view, frame) or
                                            _campaign_start(view, frame, ontology)))


def _describes(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"areas where the regime is fighting IS", "the coalition fighting Daesh in Syria", "the
    group has fought alongside his forces", "a town besieged by the army": fighting told in a
    clause that describes a noun, in the present or present perfect (or a siege told as a
    participle) and with no time of its own, is who fights whom, not one battle."""
    if frame.event.event_type != "Battles" or frame.times:
        return False
    head = view.tokens[frame.match.head]
    if head.pos != "VERB":
        return False
    states = ontology.modality_words.get("state_participles", frozenset())
    if head.tag == "VBN" and head.dep in ("acl", "amod") and view.word(head.i) in states:
        return True  # "a town besieged by government forces": a state, not a battle
    aux = {view.word(a) for a in view.deps(head.i, "aux")}
    if head.dep == "advcl" and head.tag == "VBG" and not aux and \
            not view.deps(head.i, "nsubj", "mark") and \
            {view.word(a) for a in view.deps(head.head, "aux")} & {"is", "are", "has", "have"}:
        return True  # "the coalition has been supporting an alliance also fighting IS in X"
    present = head.tag in ("VBG", "VBZ", "VBP") or bool(aux & {"is", "are", "has", "have"})
    clause = head.dep in ("relcl", "acl") or bool(
        {view.word(c) for c in view.children[head.i]} & {"where"}) or (
        bool(aux & {"has", "have"}) and not frame.places and not frame.event.dominant)
    # (a place changing hands is one act done, in any tense: "rebels have retaken a village")
    return present and clause


def _ongoing_description(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"the militants, which are also fighting back by launching suicide attacks": what a
    clause that describes a noun says a group keeps doing, in the present and with no time of
    its own, is no event."""
    if frame.times or frame.event.event_type not in VIOLENT_EVENT_TYPES:
        return False
    i = frame.match.head
    for _ in range(6):
        tok = view.tokens[i]
        if tok.pos in ("VERB", "AUX") and tok.dep in ("relcl", "acl"):
            if i != frame.match.head and ontology.stem(tok.text) in ontology.witness_stems:
                return False  # "footage that shows incidents of assault": told, not done
            aux = {view.word(a) for a in view.deps(i, "aux")}
            return (tok.tag == "VBG" and bool(aux & {"is", "are"})) or tok.tag in ("VBZ", "VBP")
        if tok.dep not in ("dobj", "pobj", "pcomp", "prep", "xcomp", "compound") or \
                view.is_root(i):
            return False
        i = view.head(i)
    return False


def _campaign(view: View, frame: Frame) -> bool:
    """"government forces are on the offensive", "the battle is part of the SDF offensive": a
    campaign told as a state or as what an event belongs to, not an event of its own."""
    head = frame.match.head
    up = view.head(head)
    if view.tokens[head].dep != "pobj" or up == head:
        return False
    prep = view.word(up)
    if prep == "on" and {view.word(d) for d in view.deps(head, "det")} & {"the"} and \
            view.tokens[view.head(up)].pos in ("AUX", "VERB") and \
            view.tokens[view.head(up)].lemma == "be":
        return True  # "are on the offensive"
    return prep == "of" and view.word(view.head(up)) == "part"


def _campaign_start(view: View, frame: Frame, ontology: Ontology) -> bool:
    """"X launched the offensive in late May": a campaign begun at a time told no closer than a
    week or a month is where a war's chapter starts, not one battle of a day."""
    head = frame.match.head
    up = view.head(head)
    if view.tokens[head].dep != "dobj" or up == head or \
            ontology.stem(view.tokens[up].text) not in ontology.campaign_start_stems:
        return False
    times = [t.mention.time for t in frame.times if t.mention.time is not None]
    return bool(times) and all(t.precision > TimePrecision.DAY for t in times)


def _caused_by_event(view: View, frame: Frame, frames: list[Frame]) -> bool:
    """"were injured by the explosion of an IED", "killed in an air strike": the toll of the
    event named in the agent or "in" phrase, not an attack of its own."""
    cause = {j for c in view.children[frame.pred]
             if view.tokens[c].dep == "agent" or view.word(c) in ("by", "in")
             for j in view.subtree(c)}
    return any(g is not frame and not g.event.consequence and g.match.head in cause
               for g in frames)
