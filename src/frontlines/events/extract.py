"""Claims from an annotated document: triggers + roles + modality + time + counts + claimant.

`extract(annotated, places, knowledge) -> Extraction` is the events stage. One claim per
(trigger, actor1, place): coordinated places make one claim each ("attacked the towns of A, B
and C" is three clashes); relative and participial clauses make their own claims ("Hazarin,
occupied by X on Wednesday"); group changes also write dated actor relations. Aggregate tolls
over a period, or over several places at once, become CasualtyReports, not one event's count.
"""

from __future__ import annotations

import calendar
import dataclasses
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from frontlines.events.actors import ActorResolver, Discourse, fill_opponents
from frontlines.events.background import is_aggregate, sentence_claims, summaries
from frontlines.events.combine import (
    UNLIKELY,
    Scores,
    arbitrate,
    model_class,
    model_match,
    review,
    same_reading,
)
from frontlines.events.conventions import apply_conventions
from frontlines.events.coref import Mention, Rules, corefer, day_before_told, new_event_marker
from frontlines.events.modality import is_background, is_recalled, modality_of
from frontlines.events.ontology import VIOLENT_EVENT_TYPES, Ontology, TriggerMatch, derived
from frontlines.events.places import (
    drop_dateline,
    drop_named_for,
    fallback_place,
    focus_of,
    georef_of,
    join_split_places,
    placed_by_text,
    places_for,
    topic_of,
)
from frontlines.events.protests import code_protests, force_of, raise_across, signal
from frontlines.events.relations import relations_for
from frontlines.events.roles import (
    Frame,
    actor_candidates,
    agent_clauses,
    backers,
    elided_first,
    frames_for,
    implied_force,
    named_flyer,
)
from frontlines.events.sentence import View
from frontlines.events.timing import (
    _reporting,
    borrowed_time,
    dates_a_state,
    event_time,
    said_on,
)
from frontlines.model import (
    Actor,
    ActorRef,
    AnnotatedDocument,
    CasualtyReport,
    Claim,
    GeoRef,
    Quantity,
    Relation,
    RelationKind,
    Sentence,
    TimeExpr,
    TimePrecision,
)

__all__ = ["Extraction", "extract"]

_VIOLENT_CATEGORIES = ("killed", "injured", "casualties")
_CROWDS = {"Protests": "protesters", "Riots": "rioters"}  # event type -> its actor1 catch-all
_TOPIC_SPAN = 2  # sentences: how far back the place of an earlier sentence is the topic


def _new_topic(text: str, topic_at: Sentence, sentence: Sentence) -> bool:
    """Whether `sentence` is too far from the one that set the topic, or a paragraph apart."""
    return sentence.index - topic_at.index > _TOPIC_SPAN or "\n" in text[
        topic_at.end:sentence.start]


@dataclass(frozen=True)
class Extraction:
    """What the events stage returns for one document."""

    claims: list[Claim] = field(default_factory=list)
    casualty_reports: list[CasualtyReport] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)


@dataclass
class _Doc:
    annotated: AnnotatedDocument
    places: dict[tuple[int, int], GeoRef]
    ontology: Ontology
    resolver: ActorResolver
    discourse: Discourse = field(default_factory=Discourse)
    focus: GeoRef | None = None
    country: str | None = None  # the country most of the report's places are in
    last_place: GeoRef | None = None  # the one place the last event sentence named
    named_place: GeoRef | None = None  # the last town an earlier sentence named, event or not
    topic: GeoRef | None = None  # where the sentences just before, in this paragraph, are
    civilian_victims: bool = False  # set by _sub_event_type for the frame at hand
    aimed: bool = False  # ... and whether its sentence names whom the act was aimed at
    crowd: tuple[int, str] | None = None  # (frame id, words) of the unarmed side of a fight
    prev_time: TimeExpr | None = None
    told_time: TimeExpr | None = None  # the last day an earlier sentence gave an event
    claimant: str | None = None
    inherited: set[str] = field(default_factory=set)  # claims whose place was carried over
    said: set[str] = field(default_factory=set)  # claims dated by the day they were told
    borrowed: set[str] = field(default_factory=set)  # claims dated by another clause's day
    last: list[Claim] = field(default_factory=list)  # the claims of the last event sentence
    last_frames: list[Frame] = field(default_factory=list)  # and their frames


def extract(annotated: AnnotatedDocument, places: dict[tuple[int, int], GeoRef],
            knowledge: Any) -> Extraction:
    """The events stage for one document (see the module docstring)."""
    ontology = getattr(knowledge, "ontology", None) or Ontology.load()
    state = _Doc(annotated, places, ontology, ActorResolver(getattr(knowledge, "actors", None),
                                                            ontology))
    state.focus = focus_of(annotated, places)
    state.country = _country_of(places) or _named_country(annotated, knowledge) or \
        _province_within(places, knowledge)
    state.resolver.country = state.country
    claims: list[Claim] = []
    modal: list[Claim] = []  # told as not having happened: kept as claims, never events
    reports: list[CasualtyReport] = []
    relations: list[Relation] = []
    last: list[Claim] = []  # the claims of the last sentence that told an event
    levels: dict[int, int] = {}  # demonstration level each sentence signals
    forces: dict[int, ActorRef] = {}  # and the force that acts on it there
    mentions: dict[str, Mention] = {}  # what each claim's sentence says beyond its coding
    plural: set[str] = set()  # claims told by a plural event word ("air strikes killed 26")
    protest_types = {e.sub_event_type for e in ontology.events if e.escalation is not None}
    labels = getattr(getattr(knowledge, "classifier", None), "labels", None)
    topic_at: Sentence | None = None  # the sentence that set state.topic
    for sentence in annotated.sentences:
        if not sentence.tokens:
            continue
        if topic_at is None or _new_topic(annotated.document.text, topic_at, sentence):
            state.topic = None
        view = View.build(annotated, sentence, places)
        drop_dateline(view, annotated)
        drop_named_for(view, ontology)
        join_split_places(view, getattr(knowledge, "gazetteer", None), state.focus)
        if view.attributions:
            state.claimant = view.attributions[0].mention.label or view.attributions[0].mention.text
        in_times = {j for t in view.times for j in t.tokens}
        view.places = [p for p in view.places if not set(p.tokens) & in_times]
        told = frozenset(f.event.id for f in state.last_frames) if not _acting(view) else \
            frozenset()  # a sentence naming no actor goes on with the last event's kind
        backed = _support_phrases(view, ontology)
        matches = [_as_supported(view, m, backed, ontology)
                   for m in ontology.find_triggers(view.tokens, told, in_times | set(backed))
                   if m.head not in in_times and not _part_of_name(view, m)]
        # aircraft backing an act a trigger already tells only back it ("arrested three with
        # the support of helicopters" is the arrest)
        acts = {m.head for m in matches if m.head in m.tokens}
        air_backed = any(m.head not in m.tokens for m in matches)
        matches = [m for m in matches if m.head in m.tokens or m.head not in acts]
        matches = [m for m in matches if not m.event.needs_subject or _has_subject(view, m.head)]
        # "targeted a tank with a missile", "an air strike targeted a car": the other trigger
        # in its clause tells the event, and keeps its roles
        matches = [m for m in matches if not m.event.yields or not any(
            o is not m and not o.event.consequence and o.head in view.subtree(m.head)
            for o in matches)]
        scores = Scores.of(sentence, labels)
        frames = frames_for(view, matches, ontology)
        _flown(view, frames, ontology)
        _drop_agent_places(view, frames, ontology)
        s_claims: list[tuple[Frame, Claim]] = []
        known, told = len(relations), len(modal)
        for frame in frames:
            built, rels = _claims_for(state, view, frame, frames)
            modal.extend(c for c in built if c.modality)
            s_claims.extend((frame, c) for c in built if not c.modality)
            relations.extend(rels)
        s_claims = _carried(state, s_claims)
        s_claims = _raid_as_setting(view, s_claims, ontology)
        s_claims = _generic_as_setting(view, s_claims, _coref_rules(ontology))
        # an event sentence the rules code nothing for (no claim, no change of allegiance):
        # the model's reading, roles from the parse
        # a sentence whose event words the rules all read as a description or a campaign is
        # judged ("during the raids" beside a seizure the rules could not code is not)
        found = model_match(view, scores, ontology, matches, not claims and not modal,
                            modal[told:]) \
            if scores is not None and not s_claims and len(relations) == known and \
            not (frames and all(
                _told_as_description(view, f, ontology) for f in frames)) else None
        if found is not None and scores is not None:
            # (a negated or future event the rules read stays unread)
            p = scores.p(found.event.sub_event_type)
            rule_frames, frames = frames, frames_for(view, [found], ontology)
            built = [dataclasses.replace(c, source="model", confidence=p) for c in
                     _model_guarded(state, view, rule_frames, found,
                                    _claims_for(state, view, frames[0], frames)[0])]
            modal.extend(c for c in built if c.modality)
            s_claims = [(frames[0], c) for c in built if not c.modality]
        elif scores is not None and s_claims:
            judged = frozenset(e.sub_event_type for f in frames  # no bombing of any kind
                               if _bearer_done_to(view, f, frames)
                               for e in ontology.events if e.event_type == f.event.event_type)
            kept = {c.id: c for c in arbitrate([c for _, c in s_claims], scores, ontology,
                                               getattr(knowledge, "review_threshold", None),
                                               judged, _told_apart(view, s_claims))}
            aloft = _carried_by_air([f for f, _ in s_claims], ontology, air_backed)
            s_claims = [(f, _crowd_of(state, _ground_kept(f, c, kept[c.id], aloft)))
                        for f, c in s_claims if c.id in kept]
        heading = ontology.heading([t.text for t in view.tokens]) \
            if sentence.index == 0 else None
        s_claims = _heading_told_again(view, s_claims) if heading is None else \
            _as_heading(state, view, s_claims, heading)
        s_claims = state.resolver.combined_arms(view, frames, s_claims,
                                                annotated.document.published)
        s_claims = code_protests(view, frames, s_claims, ontology, state.resolver,
                                 annotated.document.published)
        levels[sentence.index], absorbed = signal(view, frames, ontology)
        if absorbed and not any(f.event.escalation is not None for f, _ in s_claims) and \
                any(c.sub_event_type in protest_types for c in claims):
            s_claims = [(f, c) for f, c in s_claims if id(f) not in absorbed]
        if s_claims and all(f.event.escalation for f, _ in s_claims) and any(
                c.sub_event_type in protest_types and
                sentence.index - c.sentence <= ontology.protest_window for c in claims):
            found = force_of([c for _, c in s_claims], state.resolver)
            if found is not None:
                forces[sentence.index] = found
            s_claims = []  # "Police later dispersed them": raises the demonstration told before
        s_claims = sentence_claims(sentence.text, s_claims, state.ontology)
        s_claims = _like_the_last(view, s_claims, last, ontology, state.resolver)
        s_claims, s_reports = _attach_quantities(state, view, frames, s_claims)
        mentions.update(_mentions(state, view, frames, s_claims))
        plural.update(c.id for f, c in s_claims
                      if view.tokens[f.match.head].tag in ("NNS", "NNPS"))
        _note_subject(state, view)
        if not s_claims and len(last) == 1 and s_reports and s_reports[0].period_start is None \
                and not is_aggregate(sentence.text, ontology):
            # "The attack resulted in the killing of 3 crew members": the last event's toll
            # (a war's toll told after it, "300,000 have been killed since 2011", is not)
            q = [*last[0].quantities, *s_reports.pop(0).quantities]
            claims[-1] = last[0] = dataclasses.replace(last[0], quantities=tuple(q))
        last = [c for _, c in s_claims] or ([] if view.actors or view.places else last)
        state.last_frames = [f for f, _ in s_claims] or (
            [] if view.actors or view.places else state.last_frames)
        state.last = last
        named = {(c.place.place_id, c.place.text) for _, c in s_claims if c.place} if view.places \
            else set()
        if named:
            state.last_place = next(c.place for _, c in s_claims if c.place) \
                if len(named) == 1 else None
        claims.extend(c for _, c in s_claims)
        reports.extend(s_reports)
        towns = [g for g in map(georef_of, view.places) if g.score > 0 and g.geo_precision < 3]
        state.named_place = towns[-1] if towns else state.named_place
        if (topic := topic_of(view)) is not None:
            state.topic, topic_at = topic, sentence
        explicit = [t.mention.time for t in view.times if t.mention.time is not None and
                    not dates_a_state(view, t)]
        state.prev_time = explicit[0] if explicit else None
        state.told_time = next((c.time for _, c in reversed(s_claims) if c.time is not None and
                                c.time.text and c.time.precision == TimePrecision.DAY and
                                not c.background), state.told_time)
    claims = raise_across(claims, levels, ontology, state.resolver, forces)
    claims = apply_conventions(claims, annotated.document.text, ontology)
    threshold = getattr(knowledge, "review_threshold", None)
    claims = fill_opponents(claims)
    claims, summed = summaries(claims, plural)
    modal.extend(summed)
    own = {c.id: c.time for c in claims}
    claims = corefer(claims, mentions, _coref_rules(ontology))
    claims = day_before_told(claims, [*modal, *(c for c in claims if c.modality)],
                             state.said | state.borrowed, own)
    if threshold is not None:
        claims = review(claims, threshold)
    return Extraction(claims=[*claims, *modal], casualty_reports=reports, relations=relations)


def _model_guarded(state: _Doc, view: View, rule_frames: list[Frame], found: TriggerMatch,
                   built: list[Claim]) -> list[Claim]:
    """The model's claims in a sentence no rule coded, held to what a rule event needs. An
    event word of the rules that reads the same event and is told as not having happened (a
    threat, a plan, a denial: its claim was dropped for want of a role, so `model_match` never
    saw it) gives the model's claim its modality ("the threat of air strikes remains, a
    spokesman said"). A claim of a sentence that names no place and no actor (its place carried
    over from an earlier one, its actor the catch-all of its kind) is the model's reading of
    words alone ("air strikes" in a statement): kept as a claim of modality "unlikely", marked
    needs_review, never an event. A type only a state force does that the model read ("rebels
    recaptured the village": the words of a regain) is coded as the act of the actor the parse
    names (`_by_named_actor`)."""
    label = found.event.sub_event_type
    unreal = next((m for f in rule_frames
                   if same_reading(state.ontology, label, f.event.sub_event_type,
                                   f.event.event_type) and
                   (m := modality_of(view, f, state.ontology)) is not None), None)
    bare = not _names_anyone(state, view)
    out = []
    for c in built:
        if c.modality is None and unreal is not None:
            c = dataclasses.replace(c, modality=unreal)
        elif c.modality is None and bare and c.id in state.inherited and not any(
                a is not None and a.text for a in (c.actor1, c.actor2)):
            c = dataclasses.replace(c, modality=UNLIKELY, needs_review=True)
        out.append(_by_named_actor(state, c))
    return out


def _by_named_actor(state: _Doc, claim: Claim) -> Claim:
    """A model claim of a type only a state force does (`sub_event_type_if_state`: "Government
    regains territory") whose actor1 the parse names and is no state force of the event's
    country takes the type its class codes for the others ("Non-state actor overtakes
    territory"), as a rule claim of that class does; the catch-all of a sentence that names
    nobody keeps the model's reading."""
    a1 = claim.actor1
    if a1 is None or not a1.text or claim.sub_event_type not in _state_types(state.ontology):
        return claim
    country = claim.place.country if claim.place is not None else state.country
    if state.resolver.inter_in(a1, country) in (None, 1):
        return claim
    other = next((e.sub_event_type for e in state.ontology.events
                  if e.sub_event_type_if_state == claim.sub_event_type), None)
    return claim if other is None else dataclasses.replace(claim, sub_event_type=other)


_NAMED = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})


def _names_anyone(state: _Doc, view: View) -> bool:
    """Whether a sentence names a place or someone who acts or suffers: a place or actor
    mention, a name the gazetteer or the actors' table lacks ("villagers in a small district",
    a president's name), or a common noun for a party or its victims ("police", "militants",
    "civilians": `victims`)."""
    dates = {j for t in view.times for j in t.tokens}  # ("on Thursday": no name of anyone)
    ontology = state.ontology
    people = ontology.civilian_words | ontology.combatant_words | ontology.person_words
    return bool(view.actors or view.places) or any(
        t.i not in dates and t.ent_type not in ("DATE", "TIME") and (
            t.ent_type in _NAMED or t.pos == "PROPN" or t.pos == "NOUN" and (
                view.word(t.i) in people or
                state.resolver.generic(t.text, state.country) is not None))
        for t in view.tokens)


def _told_apart(view: View, s_claims: list[tuple[Frame, Claim]]) -> frozenset[str]:
    """"Troops shelled X and stormed Y": a claim whose trigger is a verb coordinated with the
    verb of a claim of another type, at a place none of that claim's type names, tells an event
    of its own (the classifier reads the sentence whole and gives it one type). So does a verb
    with a subject of its own, beside a claim of another type told by another such verb, when
    each names its own place in the sentence ("protesters rallied in X as artillery shelled
    Y": two events; a handover, "troops withdrew and militants entered X", has one place)."""
    out = set()
    for frame, c in s_claims:
        head = frame.match.head
        tok = view.tokens[head]
        if tok.pos != "VERB" or c.place is None:
            continue
        if tok.dep == "conj":
            others = [(f, o) for f, o in s_claims if o.sub_event_type != c.sub_event_type and
                      f.pred == tok.head]
        elif _own_clause(view, head, c) and all(
                _own_clause(view, f.match.head, o) for f, o in s_claims
                if o.sub_event_type != c.sub_event_type):
            others = [(f, o) for f, o in s_claims if o.sub_event_type != c.sub_event_type]
        else:
            continue
        if others and not any(o.place is None or o.place.text == c.place.text or
                              (o.place.place_id and o.place.place_id == c.place.place_id)
                              for _, o in others):
            out.add(c.id)
    return frozenset(out)


def _own_clause(view: View, head: int, claim: Claim) -> bool:
    """A trigger verb with a subject of its own, whose claim is placed by a name its sentence
    gives."""
    return view.tokens[head].pos == "VERB" and bool(view.deps(head, "nsubj", "nsubjpass")) and \
        claim.place is not None and bool(claim.place.text) and \
        claim.place.text in view.sentence.text


def _heading_told_again(view: View, s_claims: list[tuple[Frame, Claim]]
                        ) -> list[tuple[Frame, Claim]]:
    """"Looting: On 9 May rebels looted ...": a report that opens with a label naming its event
    class (a word or three before a colon) tells that event in the words after it; the label's
    own reading is dropped when the body reads an event of the same type (its agent and
    place are the body's), kept when the body reads none."""
    colon = next((t.i for t in view.tokens[:4] if t.text == ":"), None)
    if colon is None or view.sentence.index != 0:
        return s_claims
    body = {c.sub_event_type for f, c in s_claims if f.match.tokens[0] > colon}
    return [(f, c) for f, c in s_claims
            if not (f.match.tokens[-1] < colon and c.sub_event_type in body)]


def _as_heading(state: _Doc, view: View, s_claims: list[tuple[Frame, Claim]],
                heading: tuple[int, str]) -> list[tuple[Frame, Claim]]:
    """"Security measures: On 3 May the governor closed ...": a report that opens with a
    heading naming a kind of development (kb `conventions.headings`) tells that development in
    the words after it. A body that reads the heading's type is read as ever; one that reads
    another type is that development told by its verb ("Land seizure: troops seized land":
    no territory changed hands), recoded; one that reads nothing is coded at its main verb."""
    colon, sub_type = heading
    body = [(f, c) for f, c in s_claims if f.match.tokens[0] > colon]
    if any(c.sub_event_type == sub_type for _, c in body):
        return _heading_told_again(view, s_claims)
    event = model_class(state.ontology, sub_type)
    if event is None:
        return s_claims
    event = dataclasses.replace(event, id=f"heading:{sub_type}")
    if body:
        return [(f, dataclasses.replace(c, event_type=event.event_type,
                                        sub_event_type=sub_type, source="rule",
                                        confidence=1.0, needs_review=False))
                for f, c in body]
    verbs = [t.i for t in view.tokens[colon + 1:] if t.pos in ("VERB", "AUX")]
    if not verbs:
        return s_claims
    head = min(verbs, key=lambda i: sum(1 for _ in view.ancestors(i)))
    frames = frames_for(view, [TriggerMatch(event, (head,), head, view.tokens[head].text)],
                        state.ontology)
    built = _claims_for(state, view, frames[0], frames)[0]
    return [(frames[0], dataclasses.replace(c, modality=None, source="rule", confidence=1.0))
            for c in built]


def _like_the_last(view: View, s_claims: list[tuple[Frame, Claim]], last: list[Claim],
                   ontology: Ontology, resolver: ActorResolver | None = None
                   ) -> list[tuple[Frame, Claim]]:
    """"Two more were killed in a similar attack on X": a new event of the kind told last. The
    generic readings of the sentence ("killed" as an Attack, "attack" as a clash) take the last
    event's type, and its agent when the sentence names none."""
    if not s_claims or not last:
        return s_claims
    likened = any(_likened(view, t.i, ontology) for t in view.tokens)
    model = last[0]
    if model.event_type not in VIOLENT_EVENT_TYPES:
        return s_claims
    out = []
    sorties = model.event_type == "Explosions/Remote violence" and any(
        _sorties_of(view, f, c, model, ontology, resolver) for f, c in s_claims)
    for frame, c in s_claims:
        # a bare "raids" after air strikes goes on with the weapon told ("clashes" after a
        # capture stay a fight); so does the toll of raids counted as sorties ("..., killing 31")
        goes_on = model.event_type == "Explosions/Remote violence" and (
            _continues(view, frame, last, ontology) or
            _sorties_of(view, frame, c, model, ontology, resolver) or
            (sorties and frame.event.consequence))
        if (likened or goes_on) and c.sub_event_type in ("Attack", "Armed clash") and \
                c.sub_event_type != model.sub_event_type and c.event_type in VIOLENT_EVENT_TYPES:
            unnamed = c.actor1 is None or not c.actor1.text
            c = dataclasses.replace(
                c, event_type=model.event_type, sub_event_type=model.sub_event_type,
                actor1=model.actor1 if unnamed and model.actor1 is not None else c.actor1)
        out.append((frame, c))
    return out


def _continues(view: View, frame: Frame, last: list[Claim], ontology: Ontology) -> bool:
    """"Air strikes by X killed 21 civilians. Fifteen were killed in raids on Y": a bare event
    noun in a sentence that names no actor goes on telling events of the kind told last, by
    the same hand (a new event or a detail of it: coreference decides)."""
    if _acting(view) or not last or last[0].event_type not in VIOLENT_EVENT_TYPES or \
            frame.event.event_type not in VIOLENT_EVENT_TYPES:
        return False
    head = view.tokens[frame.match.head]
    rules = _coref_rules(ontology)
    word = view.word(head.i)
    if frame.event.event_type != last[0].event_type and \
            word not in rules.generic_nouns and word not in rules.plural_nouns:
        return False  # "killed in clashes with the army" after an air strike: a fight
    return head.pos == "NOUN" and len(frame.match.tokens) == 1 and \
        word in rules.event_nouns and \
        not view.deps(head.i, "compound", "amod", "poss", "nmod")  # ("rebel raids": theirs)


def _sorties_of(view: View, frame: Frame, claim: Claim, model: Claim, ontology: Ontology,
                resolver: ActorResolver | None) -> bool:
    """"Jets killed 9 in X. The regime carried out 12 raids on Y": raids counted as sorties
    are (a number on a bare `coreference.sortie_nouns` noun), by the hand of the air strike told
    in the sentence before or by the state military whose air arm that was, are more of its
    strikes (raids told without a count may be on the ground)."""
    head = frame.match.head
    if model.sub_event_type != "Air/drone strike" or len(frame.match.tokens) != 1 or \
            view.word(head) not in _coref_rules(ontology).sortie_nouns or \
            view.tokens[head].pos != "NOUN" or \
            view.deps(head, "compound", "amod", "poss", "nmod") or \
            claim.actor1 is None or not claim.actor1.id or model.actor1 is None or \
            not model.actor1.id or not view.deps(head, "nummod"):
        return False
    return claim.actor1.id == model.actor1.id or (
        resolver is not None and resolver.branch_of(model.actor1, claim.actor1))


def _acting(view: View) -> bool:
    """The sentence names an actor other than the one telling it ("the monitor said")."""
    return any(not view.in_attribution(a) for a in view.actors)


def _likened(view: View, i: int, ontology: Ontology) -> bool:
    """Token i is a generic event noun said to be like another ("a similar attack")."""
    rules = _coref_rules(ontology)
    return view.word(i) in rules.generic_nouns and any(
        view.word(d) in rules.likeness_words for d in view.deps(i, "amod"))


def _governors(view: View, pred: int) -> tuple[int, ...]:
    """The word whose preposition takes `pred` as its complement, and the verb of that word
    when it is an object ("accused X of gassing Y": "X", "accused"), where the parser hangs the
    rest of that act's clause ("... of gassing Y in a dawn attack": the attack's "in" on
    "accused"); none for a predicate of its own clause."""
    if view.tokens[pred].dep != "pcomp" or view.tokens[view.head(pred)].dep != "prep":
        return ()
    word = view.head(view.head(pred))
    if view.tokens[word].dep == "dobj":
        return (word, view.head(word))
    return (word,)


def _drop_agent_places(view: View, frames: list[Frame], ontology: Ontology) -> None:
    """A place in a clause that describes an agent ("terrorists positioned in X shelled Y") is
    where the agent stands, for every event of the sentence: no event's place (kept in
    `view.stood`, for a sentence that names no other place)."""
    described = {j for f in frames for j in agent_clauses(view, f, ontology)}
    if not described:
        return
    view.stood = [p for p in view.places if set(p.tokens) & described]
    view.places = [p for p in view.places if not set(p.tokens) & described]
    for f in frames:
        f.places = [p for p in f.places if not set(p.tokens) & described]


_MONTH_NAMES = frozenset(m for m in calendar.month_name if m)
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _carried_by_air(frames: Sequence[Frame], ontology: Ontology,
                    backed: bool = False) -> frozenset[str]:
    """The types the model may not give the claims of a sentence that tells a ground operation
    with the aircraft that back or carry it ("troops backed by jets", "a helicopter landing
    operation"; `backed`: the sentence tells aircraft backing a force): it reads the aircraft
    as an air strike, ACLED codes the fighting on the ground."""
    if not backed and not any(f.event.airborne or f.match.head not in f.match.tokens
                              for f in frames):
        return frozenset()
    return frozenset(e.sub_event_type for e in ontology.events if e.supported_as)


def _ground_kept(frame: Frame, rule: Claim, scored: Claim, aloft: frozenset[str]) -> Claim:
    """The rules' reading of a claim of a ground operation carried or backed by aircraft
    (`_carried_by_air`): never retyped into an air strike; the operation itself is never
    sidelined for the model's reading of another type."""
    if not aloft or scored.relation is not None:
        return scored
    own = frame.event.airborne or frame.match.head not in frame.match.tokens
    if scored.sub_event_type in aloft and rule.sub_event_type not in aloft or own:
        return dataclasses.replace(scored, event_type=rule.event_type,
                                   sub_event_type=rule.sub_event_type, modality=rule.modality,
                                   needs_review=rule.needs_review)
    return scored


def _unarmed_side(state: _Doc, view: View, frame: Frame) -> bool:
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


def _support_phrases(view: View, ontology: Ontology) -> dict[int, int]:
    """The tokens of the phrases that tell what backs a force ("troops backed by the air
    force", "forces, supported by helicopters,", "an operation with the support of jets"), each
    with the verb of the act so backed (the clause the backed force or the "with" phrase belongs
    to)."""
    out: dict[int, int] = {}
    for tok in view.tokens:
        phrase: set[int] = set()
        if view.word(tok.i) == "by" and view.word(tok.head) in ontology.backing_words and \
                view.tokens[tok.head].tag == "VBN" and tok.head != tok.i:
            phrase, start = view.subtree(tok.i), tok.head  # "backed by X"
        elif view.word(tok.i) == "with" and any(
                view.word(o) in ontology.support_words for o in view.deps(tok.i, "pobj")):
            phrase, start = view.subtree(tok.i), tok.i  # "with the backing of X"
        if not phrase:
            continue
        verb = _clause_verb(view, start)
        if verb is None:
            continue
        for j in phrase:
            out.setdefault(j, verb)
    return out


def _clause_verb(view: View, i: int) -> int | None:
    """The verb of the clause token i belongs to, above a participle or a preposition."""
    j = view.head(i)
    for _ in range(6):
        if view.tokens[j].pos in ("VERB", "AUX") and view.tokens[j].tag != "VBN" or \
                view.tokens[j].pos in ("VERB", "AUX") and view.tokens[j].dep in ("ROOT", "conj"):
            return j
        if view.is_root(j):
            return j if view.tokens[j].pos in ("VERB", "AUX", "NOUN") else None
        j = view.head(j)
    return None


def _as_supported(view: View, match: TriggerMatch, backed: dict[int, int],
                  ontology: Ontology) -> TriggerMatch:
    """A trigger inside a phrase that tells what backs a force, of a class that codes the
    backed act otherwise (`supported_as`): the act of the force it backs, at that act's verb
    ("troops backed by jets advanced": ground fighting, not an air strike)."""
    into = match.event.supported_as
    if into is None or match.head not in backed or into not in ontology.by_id:
        return match
    return TriggerMatch(ontology.by_id[into], match.tokens, backed[match.head], match.text)


def _part_of_name(view: View, match: Any) -> bool:
    """A trigger word that is a word of a name, not an event: a month ("In March the
    commander said"), a capitalised word inside an organisation's name ("the Protection Units",
    "Air Force Intelligence"). A force named after its weapon ("the US Air Force bombed")
    still tells a strike when the name ends with the trigger."""
    tokens = [view.tokens[j] for j in match.tokens]
    if len(tokens) == 1 and tokens[0].text in _MONTH_NAMES:
        return True
    if match.tokens[0] == 0 or not all(t.text[:1].isupper() for t in tokens):
        return False
    for a in view.actors:
        if not (a.first <= match.tokens[0] and match.tokens[-1] <= a.last) or \
                a.first == match.tokens[0] and a.last == match.tokens[-1]:
            continue
        continues = a.last > match.tokens[-1]
        return continues or match.event.event_type != "Explosions/Remote violence"
    return False


@cache
def _coref_rules(ontology: Ontology) -> Rules:
    """kb/ontology.yaml `coreference`, read once per ontology."""
    return Rules.of(ontology.data.get("coreference"))


def _carried(state: _Doc, s_claims: list[tuple[Frame, Claim]]) -> list[tuple[Frame, Claim]]:
    """"Warplanes dropped shells filled with sarin on the valley": the munition's
    reading (a chemical weapon) told without an agent is by whoever the delivery's reading (the
    helicopter's air strike) names, at the same place; arbitration then keeps the munition's."""
    carried = _coref_rules(state.ontology).carried
    if not carried:
        return s_claims
    def place(c: Claim) -> str | None:
        return c.place.place_id if c.place is not None else None

    def near(a: Claim, b: Claim) -> bool:
        return a.id in state.inherited or b.id in state.inherited or place(a) == place(b)

    out = dict(enumerate(c for _, c in s_claims))
    for i, c in list(out.items()):
        if c.sub_event_type not in carried or (c.actor1 is not None and c.actor1.text):
            continue
        by = next((o for o in out.values() if o is not c and o.actor1 is not None and
                   o.actor1.text and o.event_type == c.event_type and
                   o.sub_event_type not in carried and near(c, o)), None)
        if by is None:
            continue
        out[i] = dataclasses.replace(c, actor1=by.actor1, assoc_actor_1=by.assoc_actor_1,
                                     actor2=c.actor2 or by.actor2)
        for j, o in list(out.items()):  # the delivery told by that hand is this one event
            if o.event_type == c.event_type and o.sub_event_type not in carried and \
                    o.actor1 == by.actor1 and near(c, o):
                dated = o.time is not None and bool(o.time.text)  # (or the munition's day)
                out[j] = dataclasses.replace(o, sub_event_type=c.sub_event_type,
                                             plover_type=c.plover_type,
                                             plover_mode=c.plover_mode,
                                             time=o.time if dated else c.time,
                                             background=o.background if dated else
                                             c.background)
    return [(f, out[i]) for i, (f, _) in enumerate(s_claims)]


def _mentions(state: _Doc, view: View, frames: list[Frame],
              s_claims: list[tuple[Frame, Claim]]) -> dict[str, Mention]:
    """What coreference needs to know of each claim of a sentence (see events/coref.py)."""
    new = new_event_marker(view.sentence.text) or any(  # "in a similar attack on X"
        _likened(view, t.i, state.ontology) for t in view.tokens)
    definite = {"the", "this", "that", "those", "these"}  # "in those clashes"

    rules = _coref_rules(state.ontology)

    def told(i: int, text: str | None = None) -> bool:  # "the attack", "the blast", and by
        # its head noun "the air attack", "the chemical attacks"
        return view.tokens[i].pos in ("NOUN", "PROPN") and (
            (text or view.word(i)).casefold() in rules.event_nouns or
            view.word(i).casefold() in rules.event_nouns) and bool(
                {view.word(d) for d in view.deps(i, "det")} & definite)

    people = state.ontology.civilian_words | state.ontology.combatant_words
    victims = {id(g): {j for o in view.deps(g.pred, "dobj") if view.word(o) in people
                       for j in view.subtree(o)}
               if view.tokens[g.pred].pos == "VERB" else set() for g in frames}

    nouns = {f.match.head for f in frames}
    listed = _listed_quarters(view, rules)
    out: dict[str, Mention] = {}
    for frame, c in s_claims:
        head = view.tokens[frame.match.head]
        anaphoric = told(frame.match.head, frame.match.text)
        # "gassed hundreds in a dawn attack", "the Air Force's attacks on a village": a bare
        # event noun in the "in" phrase of another event's verb, or modified by another
        # event's word, is that event told again, however it was coded
        bare = head.pos == "NOUN" and len(frame.match.tokens) == 1 and \
            view.word(head.i) in rules.generic_nouns
        within = bare and head.dep == "pobj" and view.word(head.head) in ("in", "during") and any(
            g is not frame and not g.event.consequence and
            view.head(head.head) in (g.pred, g.match.head, *_governors(view, g.pred))
            for g in frames)
        modifiers = set(view.deps(head.i, "compound", "amod", "poss", "nmod"))
        within = within or bare and any(
            g is not frame and not g.event.consequence and set(g.match.tokens) & modifiers
            for g in frames)
        embedded = head.pos in ("NOUN", "PROPN") and any(
            g is not frame and frame.match.head in victims[id(g)] for g in frames)
        if frame.event.consequence:  # "the blast killed 20": the toll of an event told before
            anaphoric = anaphoric or any(told(j) and j in nouns
                                         for j in view.deps(frame.pred, "nsubj"))
        if frame.event.consequence and head.dep == "acl":  # "those killed were residents of"
            noun = head.head
            anaphoric = anaphoric or view.word(noun) in ("those", "these") or bool(
                {view.word(d) for d in view.deps(noun, "det")} & {"the", "those", "these"})
        passing = _in_passing(view, frame, rules)
        anaphoric = anaphoric or passing
        # a toll update joins the event told before as "after the attack" does, but may be
        # the report's first full telling of it (a headline told the toll alone): it still
        # codes the event
        update = _toll_update(view, frame, state.ontology)
        plural = view.word(frame.match.head) in rules.plural_nouns
        reference = anaphoric and not frame.event.consequence and (
            view.word(frame.match.head) in rules.generic_nouns or plural or passing)
        # "Four were killed in the attack on X": the model's reading of a toll is the toll of
        # the event the report tells in full, however the model typed it
        toll = frame.event.id.startswith("model:") and \
            view.word(frame.match.head) in state.ontology.harmed_words
        out[c.id] = Mention(generic=frame.event.consequence or reference or embedded or within or
                            toll,
                            anaphoric=anaphoric, reference=reference, embedded=embedded,
                            inherited_place=c.id in state.inherited, new_event=new,
                            said_time=c.id in state.said, passing=passing, update=update,
                            borrowed_time=c.id in state.borrowed,
                            plural=plural and anaphoric and not passing,
                            listed=listed.get(c.place.text) if c.place is not None and
                            c.id not in state.inherited else None)
    return out


_LIST_POS = frozenset(("PROPN", "NOUN", "ADJ", "NUM", "CCONJ", "DET", "PART", "X"))


def _listed_quarters(view: View, rules: Rules) -> dict[str, int]:
    """The places named in a list under a plural quarter noun ("fired shells at the
    neighbourhoods of A, B and C"), by their text: the token of that noun. The list runs over
    names, "and" and commas, up to a verb, a preposition or the sentence's end; a list whose
    places lie in two provinces ("the districts of Aleppo and Homs") is no town's quarters."""
    out: dict[str, int] = {}
    n = len(view.tokens)
    for q in range(n - 1):
        if view.word(q) not in rules.quarter_nouns or \
                view.word(q + 1) not in rules.quarter_list_marks:
            continue
        end = q + 2
        while end < n and (view.tokens[end].pos in _LIST_POS or view.tokens[end].text in ",-"):
            end += 1
        found = [p for p in view.places if q + 2 <= p.first and p.last < end]
        provinces = {p.geo.admin1 for p in found if p.geo is not None and p.geo.admin1}
        if len(found) > 1 and len(provinces) == 1:
            out.update((georef_of(p).text, q) for p in found)
    return out


def _in_passing(view: View, frame: Frame, rules: Rules) -> bool:
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
    if head.dep != "pobj" or not {view.word(d) for d in view.deps(head.i, "det")} & _DEFINITE:
        return False
    prep = view.word(head.head)
    return prep in rules.passing_preps or (
        prep == "for" and view.word(view.head(head.head)) in rules.answer_nouns)


def _toll_update(view: View, frame: Frame, ontology: Ontology) -> bool:
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


def _umbrella_led(state: _Doc, view: View, frame: Frame) -> bool:
    """The agent phrase fights under an umbrella the knowledge base knows ("X and Y operating
    as part of Z"), which leads it (`ActorResolver.with_umbrella`)."""
    r = state.resolver
    lead, assoc = r.with_umbrella(view, frame.subject)
    return bool(assoc) and bool(lead) and any(r.umbrella(view, s) is not None for s in assoc)


def _country_of(places: dict[tuple[int, int], GeoRef]) -> str | None:
    counts = Counter(g.country for g in places.values() if g.country and g.score > 0)
    return counts.most_common(1)[0][0] if counts else None


def _named_country(annotated: AnnotatedDocument, knowledge: Any) -> str | None:
    """No place resolved: the country of the actors the report names ("Iraqi forces killed
    two militants near the mountains"), if one leads; with none, of the one people it names."""
    kb = getattr(knowledge, "actors", None)
    if kb is None or not hasattr(kb, "countries_named"):
        return None
    votes = Counter(kb.countries_named(annotated.mentions, annotated.document.text,
                                       roaming=False)).most_common()  # (IS names none)
    if not votes and hasattr(kb, "countries_of_peoples"):  # no actor either: the words for a
        # country's people it uses ("outside a Lebanese bank", "in 12 Turkish provinces")
        votes = Counter(kb.countries_of_peoples(annotated.document.text)).most_common()
    if votes and (len(votes) == 1 or votes[0][1] > votes[1][1]):
        return votes[0][0]
    return _nearest_of(votes, knowledge)


def _province_within(places: dict[tuple[int, int], GeoRef], knowledge: Any) -> str | None:
    """Nothing else names the report's country: a province of one country of the theatre's
    region spelt inside a name no gazetteer places ("the Wadi Nineveh crossing", "the Sulaymaniyah
    Cement Plant") gives its country; none when such names point to two."""
    gaz = getattr(knowledge, "gazetteer", None)
    if gaz is None or not hasattr(gaz, "region_countries"):
        return None
    region = sorted(gaz.region_countries())
    found: set[str] = set()
    for g in places.values():
        if g.score > 0 or g.place_id:
            continue
        words = [w for w in re.findall(r"[^\W\d_][\w'-]*", g.text) if w[:1].isupper()]
        runs = {" ".join(words[i:j]) for i in range(len(words))
                for j in range(i + 1, min(i + 3, len(words)) + 1)} - {" ".join(words)}
        found |= {cc for run in runs for cc in region if gaz.admin1_named(run, cc)}
    return next(iter(found)) if len(found) == 1 else None


def _nearest_of(votes: list[tuple[str, float]], knowledge: Any) -> str | None:
    """Of countries tied for the report, the one of the theatre's region (its country and
    neighbours, `Gazetteer.region_countries`) when only one of them is: "an Iraqi base
    hosting US forces" is Iraq's, "the Lebanese French Bank" Lebanon's; else none."""
    gaz = getattr(knowledge, "gazetteer", None)
    if not votes or gaz is None or not hasattr(gaz, "region_countries"):
        return None
    region = gaz.region_countries()
    near = [c for c, n in votes if n == votes[0][1] and c in region]
    return near[0] if len(near) == 1 else None


def _note_subject(state: _Doc, view: View) -> None:
    """The subject of the main clause, when it names an actor, is who the report is about now
    ("The Nouralddeen al-Zinki group declared ..." -> "the group" later)."""
    root = next((t.i for t in view.tokens if t.head == t.i), None)
    if root is None:
        return
    speaks = _reporting(view, root, state.ontology)
    for subj in view.deps(root, "nsubj", "nsubjpass"):
        refs = state.resolver.refs(view.actors_in(view.subtree(subj, stop={"relcl", "acl"})))
        if refs and speaks and state.resolver.governs(refs[0]):
            return  # "Saudi officials said ...": a government speaking of a war is no agent
            # of it ("the army" told next is the theatre's, not the speaker's)
        if refs:
            state.discourse.note_agent(refs[0])
            return


# ---------------------------------------------------------------------- claims


def _claims_for(state: _Doc, view: View, frame: Frame, frames: list[Frame]
                ) -> tuple[list[Claim], list[Relation]]:
    event = frame.event
    if event.secondary and frame.governor is not None and not frame.governor.event.consequence:
        return [], []  # (under a toll verb it tells the act: "were hurt when X targeted Y")
    if _not_an_event(view, frame, frames, state.ontology):
        return [], []
    modality = modality_of(view, frame, state.ontology)
    instance = modality is None and _instance_of_habit(view, frame, state.ontology)
    event = frame.event
    time = event_time(view, frame, frames, state.ontology, state.prev_time,
                      state.annotated.document.published, state.told_time)
    if is_recalled(view, frame, state.ontology) and not time.text:
        time = TimeExpr(text="")  # "had previously broken away": undated, relation only
    said = said_on(view, frame, state.ontology, time)
    borrowed = borrowed_time(view, frame, frames, time)
    published = state.annotated.document.published
    background = is_background(time, published, state.ontology)
    actors1, actor2 = _actors(state, view, frame, frames)
    if instance and actor2 is None and frame.governor is not None:
        actor2 = _actors(state, view, frame.governor, frames)[1]  # whom the habit targets
    places = places_for(view, frame, state.ontology)
    country = state.country or next(
        (p.geo.country for p in places if p.geo and p.geo.country), None)
    under = _came_under(view, frame, state.ontology)
    if under is not None:
        # "a patrol came under fire": the subject was attacked; whoever fired is unnamed
        # unless a "from" phrase names him ("came under fire from X")
        fired = [r for p in view.deps(under, "prep")
                 if view.word(p) == "from" for a in view.actors_in(view.subtree(p))
                 if (r := state.resolver.ref(a)) is not None]
        if fired:
            actors1, actor2 = fired[:1], actor2 or (actors1[0] if actors1 else None)
        else:
            actor2 = actor2 or (actors1[0] if actors1 else None) or (
                state.resolver.generic(frame.generic, country) if frame.generic else None)
            actors1 = []
    if actors1 and frame.elided:  # "Turkish and Russian forces": the side named first leads,
        first = state.resolver.generic(frame.elided, country, services=False)
        if first is not None:  # "regime and Russian warplanes": the regime's warplanes are
            actors1 = [first if state.resolver.branch_of(first, a) else a for a in actors1]
            # its air force, not its whole military
        if first is not None and not any(_same(first, a) for a in actors1):
            home = state.resolver.inter_in(actors1[0], country) == 1 or \
                _umbrella_led(state, view, frame)  # unless the other is the state's own, or
            # an umbrella all the subject fights under
            actors1 = [*actors1[:1], first, *actors1[1:]] if home else [first, *actors1]
            # the state's own ("Russian and regime warplanes": the regime's air force leads)
            if actor2 is None and len(actors1) == 2 and \
                    _directionless(view, frame, state.ontology):
                actors1, actor2 = actors1[:1], actors1[1]  # "regime and QSD forces clashed"
    if actor2 is not None and frame.elided_other:  # "clashed with rebel and Islamist
        # factions": the side named first is the other side, as on the agent's side
        first = state.resolver.generic(frame.elided_other, country, services=False)
        if first is not None and not any(_same(first, a) for a in (actor2, *actors1)) and \
                not state.resolver.branch_of(first, actor2):
            actor2 = first
    if not actors1 and frame.generic and frame.subject_head is not None and under is None:
        # "rebel forces that operate as part of Z": the umbrella leads the unnamed group
        lead = state.resolver.umbrella_after(view, frame.subject_head)
        found = state.resolver.ref(lead) if lead is not None else None
        actors1 = [found] if found is not None else []
    if not actors1 and frame.generic and under is None:
        # a bare service ("police") acts in a clause of its own, not in a participle that
        # tells the background of another event ("activists arrested by the police")
        found = state.resolver.generic(frame.generic, country,
                                       services=not _participle(view, frame))
        actors1 = [found] if found is not None else []
    if not actors1 and event.event_type == "Battles" and frame.generic_sides.get("between"):
        # "fighting between the army and rebels": sides named by common nouns
        sides = [g for p in frame.generic_sides["between"]
                 if (g := state.resolver.generic(p, country)) is not None]
        actors1 = sides[:1]
        if actor2 is None and len(sides) > 1 and not _same(sides[0], sides[1]):
            actor2 = sides[1]
    if not actors1 and event.unarmed_type and _unarmed_side(state, view, frame):
        actors1 = [state.resolver.default("rioters", country)]  # "young men clashed with
        # soldiers": the people who fought are ACLED's rioters
    if not actors1 and view.tokens[frame.match.head].pos == "NOUN" and {
            view.word(m) for m in view.deps(frame.match.head, "amod")} & \
            state.ontology.unknown_words:
        actors1 = [state.resolver.default("unidentified", country)]  # "killed by unidentified
        # gunfire", "an unknown attack": by someone the report cannot name
    if not actors1 and not event.needs_actor and event.default_actor == "police" and \
            (view.actors or _participle(view, frame)):
        return [], []  # an arrest by one of the armed groups the sentence names, not the
        # police; or the background of another event ("activists arrested by the police")
    flyer = named_flyer(view, frame, state.resolver, state.ontology, country) \
        if event.event_type == "Explosions/Remote violence" else None
    if flyer is not None:  # "a coalition raid on X where rebels fight IS killed": the raid's
        actors1 = [flyer]  # own word names who flew it, not a clause about X's fighters
    if not actors1 and state.last and (_likened(view, frame.match.head, state.ontology) or
                                       _continues(view, frame, state.last, state.ontology)) and \
            state.last[0].actor1 is not None:
        actors1 = [state.last[0].actor1]  # "in a similar attack on X": by whoever did the last
    if not actors1 and event.event_type == "Explosions/Remote violence":
        found = implied_force(view, frame, state.resolver, state.ontology, country,
                              _side_of(state, actor2, published))
        actors1 = [found] if found is not None else []
    if not actors1 and (not event.needs_actor or under is not None):
        actors1 = [state.resolver.default(event.default_actor or "unidentified", country)]
    if not actors1 and event.event_type == "Battles" and _unnamed_sides(view, frame):
        actors1 = [state.resolver.default("unidentified", country)]  # "between two militias"
    if not actors1:
        return [], []
    if event.event_type in _KIN_FIGHTS:
        actors1 = [_kin_militia(state, a, country) for a in actors1]
    relations: list[Relation] = []
    if event.group_change and modality is None:
        relations = relations_for(state.resolver, view, frame, actors1, time, state.annotated)
    if time.start is None and (background or not time.text) and published is not None:
        return [], relations  # an undated recalled fact: a relation, not an event
    anaphor = _place_anaphor(state, view, frame) if not places else None
    if event.needs_place and not places and anaphor is None:
        return [], relations
    if not places:
        places = [None]  # type: ignore[list-item]
    state.civilian_victims = False
    sufferer = _sufferer(view, frame, state.ontology)
    harmed = [o for g in (*([sufferer] if sufferer else []), *_harms(view, frame, frames))
              for o in g.objects]
    sub_type = _sub_event_type(state, view, frame, actors1, actor2, country, harmed)
    if sub_type[1] in _state_types(state.ontology):
        # "rebels and army units took the town": the government regains it (ACLED's actor1 of
        # "Government regains territory" is the state force; its allies are associated)
        own = [a for a in actors1 if state.resolver.inter_in(a, country) == 1]
        if own and not _umbrella_led(state, view, frame):
            actors1 = [own[0], *[a for a in actors1 if a is not own[0]]]
    if event.needs_victims and not state.civilian_victims and not state.aimed and \
            sub_type == (event.event_type, event.sub_event_type):
        return [], relations  # "tear gas fired towards a compound": at whom is not told
    if actor2 is None and state.civilian_victims and sub_type[0] in (
            "Violence against civilians", "Explosions/Remote violence"):
        actor2 = state.resolver.default("civilians", country)  # ACLED's "Civilians (Syria)"
    if sub_type[0] in _CROWDS and not event.group_change:
        actors1, actor2 = _crowd_first(state, sub_type[0], actors1, actor2, country)
    if actor2 is None:  # "a policeman was wounded in an unidentified attack": the target is
        # told when the agent is not named
        actor2 = state.resolver.target_force(view, frame, besides=actors1[0]) or (
            state.resolver.target_force(view, sufferer, besides=actors1[0])
            if sufferer is not None else None) or next(
            (found for g in _harms(view, frame, frames)
             if (found := state.resolver.target_force(view, g, besides=actors1[0]))), None)
        if actor2 is not None and sub_type[0] in _CROWDS and \
                state.resolver.inter_in(actor2, country) in (5, 6):
            actor2 = None  # the demonstrators are its actor1, not a target of their own
    if actor2 is None and {*sub_type} & _civilian_targets(state.ontology):
        actor2 = state.resolver.default("civilians", country)  # "abducted two men": by
        # definition civilians (kb conventions.civilian_targets)
    if actor2 is not None and sub_type[0] in _KIN_FIGHTS:
        actor2 = _kin_militia(state, actor2, country)  # ("between two families": both sides)
    if event.needs_target and actor2 is None and sub_type == (event.event_type,
                                                             event.sub_event_type):
        return [], relations  # a clash with no one on the other side is not told
    claims: list[Claim] = []
    per_actor = actors1 if event.group_change else [actors1[0]]
    backing = [b for b in state.resolver.refs(backers(view, frame, state.ontology))
               if b not in actors1 and b != actor2]  # "backed by X": associated, not a side
    for actor1 in per_actor:
        assoc = tuple(a for a in [*actors1[1:], *backing] if not event.group_change)
        for place in places:
            teller = _teller_place(state, view) if place is None and anaphor is None else None
            geo = placed_by_text(view, place, georef_of(place), state.topic) \
                if place is not None else (
                    anaphor or teller or state.last_place or fallback_place(state.focus))
            claims.append(_claim(state, view, frame, sub_type, actor1, actor2, assoc, geo, time,
                                 background, relations, modality))
            if place is None and teller is None:
                state.inherited.add(claims[-1].id)
            if said:
                state.said.add(claims[-1].id)
            if borrowed:
                state.borrowed.add(claims[-1].id)
    if modality is not None:
        return claims, relations  # what did not happen tells nothing about who acts next
    if event.event_type == "Battles" and sub_type[0] == "Battles" and actor2 is not None and \
            actor2.inter != 7:  # (not "attacks" on civilians: no side of a fight told next)
        state.discourse.note_pair(actors1[0], actor2)
    if actors1[0].text:  # named in the text (not a generic default)
        state.discourse.note_agent(actors1[0])
    return claims, relations


def _side_of(state: _Doc, target: ActorRef | None, on: Any) -> frozenset[str]:
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


def _civilian_targets(ontology: Ontology) -> frozenset[str]:
    """The event and sub-event types whose target is civilians unless another is named (kb
    `conventions.civilian_targets`)."""
    return derived(ontology, _civilian_types)


def _civilian_types(ontology: Ontology) -> frozenset[str]:
    rules = ontology.data.get("conventions") or {}
    return frozenset(str(t) for t in rules.get("civilian_targets") or [])


def _state_types(ontology: Ontology) -> frozenset[str]:
    """The sub-event types only a state force does (`sub_event_type_if_state`)."""
    return derived(ontology, _if_state)


def _if_state(ontology: Ontology) -> frozenset[str]:
    return frozenset(e.sub_event_type_if_state for e in ontology.events
                     if e.sub_event_type_if_state)


def _crowd_first(state: _Doc, event_type: str, actors1: list[ActorRef],
                 actor2: ActorRef | None, country: str | None
                 ) -> tuple[list[ActorRef], ActorRef | None]:
    """ACLED codes a demonstration with the crowd as actor1 ("Protesters (Kenya)", "Rioters
    (Kenya)"): the group behind it becomes an associated actor, state forces acting on it
    actor2."""
    crowd = state.resolver.default(_CROWDS[event_type], country)
    if not actors1 or actors1[0].name == crowd.name:
        return actors1, actor2
    lead, rest = actors1[0], actors1[1:]
    if state.resolver.inter_in(lead, country) == 1:
        return [crowd, *rest], actor2 or lead
    return [crowd, lead, *rest], actor2


def _participle(view: View, frame: Frame) -> bool:
    """The trigger is a participle or clause describing a noun ("activists arrested by ...")."""
    return view.tokens[frame.pred].dep in ("acl", "relcl", "amod", "pcomp")


def _crowd_of(state: _Doc, claim: Claim) -> Claim:
    """A demonstration the model retyped takes its crowd ("Rioters (Kenya)" for a violent one,
    "Protesters (Kenya)" for a peaceful one) when actor1 is the other crowd."""
    kind = _CROWDS.get(claim.event_type)
    a1 = claim.actor1
    if kind is None or a1 is None or a1.inter not in (5, 6) or a1.text:
        return claim
    country = claim.place.country if claim.place is not None else state.country
    crowd = state.resolver.default(kind, country)
    return claim if crowd.name == a1.name else dataclasses.replace(claim, actor1=crowd)


def _came_under(view: View, frame: Frame, ontology: Ontology) -> int | None:
    """"The convoy came under attack", "a patrol came under fire": an event noun under "under"
    of a verb of undergoing (`roles.undergoing`, past) is done to the verb's subject; the
    verb, or None."""
    under = frame.match.head
    if view.word(under) != "under":
        under = view.head(under)
    if view.word(under) != "under" or view.is_root(under):
        return None
    verb = view.head(under)
    stem = ontology.stem(view.tokens[verb].lemma or view.word(verb))
    return verb if view.tokens[verb].tag == "VBD" and stem in ontology.undergoing else None


def _unnamed_sides(view: View, frame: Frame) -> bool:
    """"clashes took place between two tribal militias": sides are told but none is known."""
    heads = {frame.match.head, frame.pred, view.head(frame.match.head)}
    return any(view.word(c) == "between" and view.deps(c, "pobj")
               for h in heads for c in view.children[h])


def _teller_place(state: _Doc, view: View) -> GeoRef | None:
    """"A doctor at the hospital in X said a strike hit its courtyard": an event told without
    a place of its own by someone at a town is at that town, unless an earlier event sentence
    gave a place closer than a province."""
    if state.last_place is not None and state.last_place.geo_precision < 3:
        return None
    sites = state.ontology.civilian_site_words  # (a reporter "in Homs" is not at the event)
    towns = [g for p in view.places if view.in_attribution(p) and p.first > 1 and
             view.word(p.first - 1) == "in" and view.word(view.head(p.first - 1)) in sites
             for g in (georef_of(p),) if g.score > 0 and g.geo_precision < 3]
    return towns[0] if towns else None


def _place_anaphor(state: _Doc, view: View, frame: Frame) -> GeoRef | None:
    """"captured the village", "entered its eastern districts": a definite place noun (or the
    districts of "its") is the town an earlier sentence named last, else the one place the
    last event sentence named; a town named earlier in the same sentence comes first ("clashes
    took place in X, where the rebels captured the village")."""
    here = [g for p in view.places if p.tokens and max(p.tokens) < frame.match.head
            for g in [georef_of(p)] if g.score > 0 and g.geo_precision < 3]
    found = here[-1] if here else (state.named_place or state.last_place)
    if found is None:
        return None
    nouns = [*frame.objects, *(j for j in frame.match.tokens if j != frame.match.head)]
    for o in nouns:
        dets = {view.word(d) for d in view.deps(o, "det", "poss")}
        if view.word(o) in state.ontology.place_nouns and dets & {"the", "this", "that", "its"}:
            return found
    return None


def _has_subject(view: View, i: int) -> bool:
    """A verb with a subject of its own, or joined by "and" to one that has one."""
    while True:
        if view.tokens[i].pos != "VERB" and view.tokens[i].pos != "AUX":
            return False
        if view.deps(i, "nsubj", "nsubjpass"):
            return True
        if view.tokens[i].dep != "conj" or view.head(i) == i:
            return False
        i = view.head(i)


def _instance_of_habit(view: View, frame: Frame, ontology: Ontology) -> bool:
    """A generic event noun ("attack") told as a dated example of a habit whose trigger names
    the means ("has regularly hit X with car bombs, including a May 3 attack on Y") is an event
    of that means (events/modality.py `_dated_instance` keeps it factual): the frame is
    recoded in place, for every later reading of it. True when it was; its target, when it
    names none, is the habit's."""
    g = frame.governor
    if g is None or g.event.event_type == frame.event.event_type or \
            view.word(frame.match.head) not in _coref_rules(ontology).generic_nouns:
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


def _claim(state: _Doc, view: View, frame: Frame, sub_type: tuple[str, str], actor1: ActorRef,
           actor2: ActorRef | None, assoc: tuple[ActorRef, ...], geo: GeoRef | None,
           time: TimeExpr, background: bool, relations: list[Relation],
           modality: str | None = None) -> Claim:
    doc = state.annotated.document
    s = view.sentence
    key = "|".join([doc.id, str(s.index), str(frame.match.head), actor1.id or actor1.name,
                    f"{geo.place_id}:{geo.text}" if geo else "", frame.event.id])
    relation = next((r for r in relations if r.actor in (actor1.id, actor1.name)), None)
    on = time.start or doc.published
    where = (geo.country if geo is not None else None) or state.country
    actor1 = state.resolver.acting(actor1, sub_type[0]) or actor1
    actor2 = state.resolver.acting(actor2, sub_type[0])
    actor1 = _by_people(state, frame, state.resolver.dated(actor1, on, where) or actor1)
    actor2 = state.resolver.dated(actor2, on, where)
    assoc = tuple(state.resolver.dated(a, on, where) or a for a in assoc)
    return Claim(
        id=hashlib.sha256(key.encode()).hexdigest()[:16], doc_id=doc.id, sentence=s.index,
        evidence=s.text, evidence_start=s.start, evidence_end=s.end, trigger=frame.match.text,
        event_type=sub_type[0], sub_event_type=sub_type[1],
        plover_type=frame.event.plover_type, plover_mode=frame.event.plover_mode,
        actor1=actor1, actor2=actor2, assoc_actor_1=assoc, place=geo, time=time,
        claimant=state.claimant, outlet=doc.outlet, background=background, relation=relation,
        modality=modality,
    )


_CATCH_ALLS = {"rioters": "rioters", "protesters": "protesters", "civilians": "civilians",
               "unidentified-armed-group": "unidentified"}


def _by_people(state: _Doc, frame: Frame, actor1: ActorRef) -> ActorRef:
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


_KIN_FIGHTS = frozenset({"Battles", "Violence against civilians", "Explosions/Remote violence"})


def _kin_militia(state: _Doc, ref: ActorRef, country: str | None) -> ActorRef:
    """A family or clan told as fighting ("clashes between two families") is ACLED's clan
    militia of the country, not the protesters the generic word falls back on."""
    words = {w.casefold() for w in (ref.text or "").split()}
    if ref.inter != 6 or not words & state.ontology.kin_words:
        return ref
    return state.resolver.default(state.ontology.kin_militia, country)


def _actors(state: _Doc, view: View, frame: Frame, frames: list[Frame]
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
                    frame.generic, state.country) is not None):  # ("troops seized X": the
            # sentence names its agent by a common noun the knowledge base knows)
            return [d.last_pair[0]], d.last_pair[1]
    actor2 = None
    for key in ("with", "against", "between", "from", "object", "on"):
        spans = frame.between if key == "between" else frame.preps.get(key, [])
        cands = [x for x in r.refs(spans) if not actors1 or not _same(x, actors1[0])]
        if cands:
            actor2 = cands[0]
            frame.elided_other = elided_first(view, spans)
            break
    if actor2 is None:
        for other in frames:  # "after dislodging X": a secondary trigger names the other side,
            if other.governor is not frame:  # as does a fight it governs ("took control of X
                continue  # after heavy fighting with Y")
            if other.event.secondary or other in _harms(view, frame, frames):
                cands = [x for x in r.refs(other.preps.get("object", []))
                         if not actors1 or not _same(x, actors1[0])]
            elif other.event.event_type == "Battles":
                cands = [x for key in ("with", "against") for x in r.refs(other.preps.get(key, []))
                         if not actors1 or not _same(x, actors1[0])]
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
            (found for g in _harms(view, frame, frames)  # act it goes on to
             if (found := r.target_force(view, g, besides=actors1[0]))), None)
    gov = frame.governor
    sufferer = _sufferer(view, frame, state.ontology)
    if actor2 is None and sufferer is not None:
        # "five fighters were killed in airstrikes conducted by X": the airstrikes' victims
        told = sufferer.preps.get("object") or [  # ("fighters were killed when jets struck
            a for o in sufferer.objects for a in actor_candidates(view, o)]  # a convoy")
        cands = [x for x in r.refs(told) if not actors1 or not _same(x, actors1[0])]
        actor2 = cands[0] if cands else r.target_force(  # ("killed a soldier by sniper
            view, sufferer, besides=actors1[0]) if actors1 else None  # fire": the army)
    if actor2 is None and gov is not None and gov.event.event_type == "Battles":
        # "clashes with Y which resulted in the arrest of three commanders": Y's
        cands = [x for x in r.refs([*gov.preps.get("with", []), *gov.preps.get("against", []),
                                    *gov.between]) if not actors1 or not _same(x, actors1[0])]
        actor2 = cands[0] if cands else None
    if actor2 is None and not assoc and not units and len(actors1) == 2 and \
            _directionless(view, frame, state.ontology):
        return actors1[:1], actors1[1]  # "PKK militants and Turkish soldiers clashed": the
        # two subjects of a fight told without a direction are its two sides
    return actors1, actor2


def _directionless(view: View, frame: Frame, ontology: Ontology) -> bool:
    """A fight told without a direction ("clashed", "fighting"), whose subjects are its sides."""
    return frame.event.event_type == "Battles" and \
        bool({view.word(j) for j in frame.match.tokens} & ontology.symmetric_words)


def _harms(view: View, frame: Frame, frames: list[Frame]) -> list[Frame]:
    """The acts an event goes on to ("exploded bombs ... and killed ten soldiers", "struck a
    convoy, killing five fighters"): verbs it governs, sharing its agent, whose objects are
    its targets."""
    return [g for g in frames if g.governor is frame and g.objects and
            (not g.subject or g.subject == frame.subject) and
            (g.subject_head in (None, frame.subject_head) or view.tokens[g.match.head].tag ==
             "VBG") and  # (", killing N": the main clause's agent, whatever the parse says)
            view.tokens[g.match.head].pos == "VERB" and
            (view.tokens[g.match.head].dep in ("conj", "advcl", "xcomp", "pcomp") or
             view.tokens[g.match.head].dep == "acl" and view.tokens[g.match.head].tag == "VBG"
             and view.head(g.match.head) in frame.match.tokens) and  # "airstrikes on T
            # killing a civilian": the participle of the event noun
            g.event.event_type in VIOLENT_EVENT_TYPES]


def _sufferer(view: View, frame: Frame, ontology: Ontology) -> Frame | None:
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


def _same(a: ActorRef, b: ActorRef) -> bool:
    """One actor, however it was named ("Kenyan troops were deployed": the troops are no
    target of their own deployment)."""
    return (a.id or a.name) == (b.id or b.name)


def _not_an_event(view: View, frame: Frame, frames: list[Frame], ontology: Ontology) -> bool:
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
    if frame.match.text.casefold() in _coref_rules(ontology).agent_triggers and any(
            frame.match.head in _agent_phrase(view, g, ontology) for g in frames
            if g is not frame and g.event.sub_event_type == frame.event.sub_event_type):
        return True  # "regime aircraft bombed X": who struck, no second strike ("missiles fired
        # by jets" keep the jets: they tell the missiles' kind)
    if frame.event.consequence and head.pos in ("VERB", "ADJ") and any(
            view.word(d) in _DEFINITE for d in view.deps(head.i, "det")):
        return True  # "identified one of the wounded as X": people named by their harm
    if _air_arm_holder(view, frame, ontology):
        return True  # "an air force pilot was killed": a person of the air arm, no strike
    if _bearer_done_to(view, frame, frames):
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
            frame.match.head in _agent_phrase(view, g, ontology) for g in frames):
        return True
    if frame.event.verbal_only and (head.pos != "VERB" or head.dep in ("amod", "oprd", "acomp")
                                    or view.tokens[head.head].dep in ("oprd", "acomp")):
        return True
    if frame.event.passive_needs_agent and frame.passive_patient:
        return True
    if _told_as_description(view, frame, ontology):
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


def _raid_as_setting(view: View, s_claims: list[tuple[Frame, Claim]],
                     ontology: Ontology) -> list[tuple[Frame, Claim]]:
    """A raid told with what the same raiders did to the people they found ("raided houses in
    X and arrested five men") is that act, not a battle (`conventions.raids` in the ontology);
    a raid whose object names fighters ("raided a rebel hideout") stays a clash."""
    words, outcomes = ontology.raid_words, ontology.raid_outcomes
    if not words or not outcomes:
        return s_claims
    done = [c for _, c in s_claims if c.sub_event_type in outcomes and c.modality is None]
    if not done:
        return s_claims
    out = []
    for f, c in s_claims:
        if view.word(f.match.head) in words and any(
                d is not c and d.actor1 is not None and c.actor1 is not None and
                (d.actor1.name, d.actor1.id) == (c.actor1.name, c.actor1.id) for d in done):
            aimed = {view.word(j) for o in f.objects for j in view.subtree(o)}
            if not aimed & ontology.combatant_words and not any(
                    (r.inter or 0) in (2, 3, 4) for r in c.actor2 and [c.actor2] or []):
                continue
        out.append((f, c))
    return out


def _generic_as_setting(view: View, s_claims: list[tuple[Frame, Claim]],
                        rules: Rules) -> list[tuple[Frame, Claim]]:
    """A generic event noun in an "in"/"during" phrase of the clause that tells a remote attack
    by its own word ("accused the army of shelling the market in a night attack", "gassed
    dozens during a dawn assault") is that attack told again: no clash of its own."""
    remote = [f for f, c in s_claims if c.event_type == "Explosions/Remote violence" and
              view.word(f.match.head) not in rules.generic_nouns]
    if not remote:
        return s_claims
    out = []
    for f, c in s_claims:
        g = f.match.head
        if c.event_type == "Battles" and view.word(g) in rules.generic_nouns and \
                view.tokens[g].dep == "pobj" and view.word(view.head(g)) in ("in", "during"):
            host = view.head(view.head(g))
            within = set(view.subtree(host)) - set(view.subtree(g))
            if any(r.match.head in within for r in remote):
                continue
        out.append((f, c))
    return out


def _air_arm_holder(view: View, frame: Frame, ontology: Ontology) -> bool:
    """An air-arm word (`coreference.agent_triggers`) that modifies a noun of
    `coreference.agent_holders` ("an air force pilot", "a helicopter crew", "the jet fuel
    depot") names a person, a unit or a site of that arm, not a strike."""
    rules = _coref_rules(ontology)
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


def _bearer_done_to(view: View, frame: Frame, frames: list[Frame]) -> bool:
    """The trigger names who carries a weapon (`bearer`: "suicide bomber") and another event's
    verb is done to them ("troops killed two suicide bombers"): they set nothing off. A verb
    of the same event type is the bearer's own act ("militants detonated a suicide car bomb")."""
    return frame.event.bearer and view.tokens[frame.match.head].pos in ("NOUN", "PROPN") and \
        any(g is not frame and g.event.id != frame.event.id and
            g.event.event_type != frame.event.event_type and frame.match.head in
            {j for o in g.objects for j in view.subtree(o)} for g in frames)


def _flown(view: View, frames: list[Frame], ontology: Ontology) -> None:
    """"The air force shelled positions in X", "helicopters bombarded the town": a gun verb (or
    a verb of a `flown` class, "warplanes targeted X") whose agent phrase names an air arm or
    aircraft (`coreference.agent_triggers`) tells an air strike (frames retyped in place)."""
    air = ontology.by_id.get("air_strike")
    platforms = _coref_rules(ontology).agent_triggers
    if air is None:
        return
    for frame in frames:
        head = frame.match.head
        if (frame.event.sub_event_type != "Shelling/artillery/missile attack" and
                not frame.event.flown) or \
                view.tokens[head].pos != "VERB" or len(frame.match.tokens) != 1:
            continue
        agent = _agent_phrase(view, frame, ontology)
        words = {view.word(j) for j in agent} | {
            f"{view.word(j)} {view.word(j + 1)}" for j in agent if j + 1 in agent}
        if words & platforms:
            frame.match = TriggerMatch(air, frame.match.tokens, head, frame.match.text)


def _agent_phrase(view: View, frame: Frame, ontology: Ontology) -> set[int]:
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


def _told_as_description(view: View, frame: Frame, ontology: Ontology) -> bool:
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


def _sub_event_type(state: _Doc, view: View, frame: Frame, actors1: list[ActorRef],
                    actor2: ActorRef | None, country: str | None,
                    harmed: Sequence[int] = ()) -> tuple[str, str]:
    """The sub-event type of a frame: from who acts (the state's own force among the agents,
    "rebels and army units took the town", regains territory) and whom it is done to."""
    event = frame.event
    actor1 = actors1[0]
    agents = actors1[:1] if _umbrella_led(state, view, frame) else actors1  # (an operation
    # leads the forces under it: its own kind, not theirs, decides)
    if event.sub_event_type_if_state and any(
            state.resolver.inter_in(a, country) == 1 for a in agents):
        return event.event_type, event.sub_event_type_if_state
    objects = list(frame.objects)
    if not objects:  # "shot and wounded a fighter": the object of the coordinated verb
        objects = [o for c in view.deps(frame.pred, "conj") for o in view.deps(c, "dobj")]
    if not objects:  # "a farmer was wounded by sniper fire": whom its outcome harmed
        objects = list(harmed)
    dated = {j for t in view.times for j in t.tokens}  # "On Feb 17 IS militants attacked":
    aimed = [o for t in {frame.pred, *frame.match.tokens}  # a day, no aim and no count
             for p in view.children[t] if view.word(p) in ("at", "on", "against")
             for o in view.deps(p, "pobj") if not view.subtree(o) & dated]  # "opened fire
    # at a man" (the parser may hang the subject on the date: "On [Feb 17 IS] militants")
    objects += aimed
    state.aimed = bool(aimed)
    victims = {view.word(j) for o in objects for j in view.subtree(o)}
    for q in view.quantities:
        if q.first not in dated:
            victims.update(view.word(j) for j in range(q.first, min(q.last + 3, len(view.tokens))))
    # "gunmen attacked a church": the object is a place where unarmed people gather
    sites = {view.word(j) for o in objects for j in (o, *view.deps(o, "compound"))}
    civilian = bool(victims & state.ontology.civilian_words) or bool(
        sites & state.ontology.civilian_site_words) or any(  # "shot a Palestinian"
        state.resolver.names_people(view.tokens[o].text) for o in objects)
    combatant = bool(victims & state.ontology.combatant_words) or (
        actor2 is not None and (actor2.inter or 2) not in (7,))
    told = " ".join(view.word(j) for o in objects for j in sorted(view.subtree(o))
                    ).replace(" - ", "-")  # the parser splits "off-duty" on its hyphen
    if any(f" {p} " in f" {told} " for p in state.ontology.off_duty_phrases):
        civilian, combatant = True, False  # "an off-duty policeman": out of service
    elif victims & state.ontology.person_words and not combatant:
        civilian = True  # "the leader of a local party"
    state.civilian_victims = civilian
    if event.unarmed_type and _unarmed_side(state, view, frame):
        return event.unarmed_type  # "youths clashed with police": people fought a force
    if event.nonstate_civilian_type and not combatant:
        inter = state.resolver.inter_in(actor1, country)
        if inter is not None and inter != 1:  # a group detaining anyone but fighters (named
            return event.nonstate_civilian_type  # or not: "an arrest campaign") abducts them
    if event.civilian_type and civilian and not combatant:
        return event.civilian_type
    if event.combatant_type and combatant and not civilian:
        return event.combatant_type
    return event.event_type, event.sub_event_type


# ---------------------------------------------------------------------- time


# ---------------------------------------------------------------------- quantities


def _attach_quantities(state: _Doc, view: View, frames: list[Frame],
                       s_claims: list[tuple[Frame, Claim]]
                       ) -> tuple[list[tuple[Frame, Claim]], list[CasualtyReport]]:
    from frontlines.events.casualties import attach

    coref = state.ontology.data.get("coreference") or {}
    spans = (state.ontology.data.get("aggregates") or {}).get("running_spans", [])
    running = (frozenset(str(w) for w in coref.get("tally_nouns", [])),
               frozenset(str(w) for w in spans))
    return attach(state.annotated, view, frames, s_claims, state.claimant, _VIOLENT_CATEGORIES,
                  Quantity, state.ontology.period_anchors, running)
