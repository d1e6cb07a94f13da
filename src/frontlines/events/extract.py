"""Claims from an annotated document: triggers + roles + modality + time + counts + claimant.

`extract(annotated, places, knowledge) -> Extraction` is the events stage. One claim per
(trigger, actor1, place): coordinated places make one claim each ("attacked the towns of A, B
and C" is three clashes); relative and participial clauses make their own claims ("Hazarin,
occupied by X on Wednesday"); group changes also write dated actor relations. Aggregate tolls
over a period, or over several places at once, become CasualtyReports, not one event's count.

This module drives the stage and builds each frame's claims; its jobs live beside it:
`trigger_matches` (which matches stand), `eventhood` (is a frame an event at all), `sides`
(actor1 and actor2), `report_country`, `sequence` (claims across sentences) and `state` (what
the stage keeps about the document).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from frontlines.events.actors import ActorResolver, fill_opponents
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
from frontlines.events.coref import Mention, corefer, day_before_told
from frontlines.events.eventhood import (
    acting,
    agent_phrase,
    bearer_done_to,
    instance_of_habit,
    likened_at,
    not_an_event,
    told_as_description,
)
from frontlines.events.modality import is_background, is_recalled, modality_of
from frontlines.events.ontology import VIOLENT_EVENT_TYPES, Ontology, TriggerMatch
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
from frontlines.events.protests import code_protests, force_of, raise_across, signal, told_before
from frontlines.events.relations import relations_for
from frontlines.events.report_country import (
    country_of,
    named_country,
    province_within,
    trusted_countries,
)
from frontlines.events.roles import (
    Frame,
    agent_clauses,
    backers,
    frames_for,
    implied_force,
    named_flyer,
)
from frontlines.events.sentence import View
from frontlines.events.sequence import (
    blasts_within,
    carried,
    continues,
    generic_as_setting,
    heading_told_again,
    like_the_last,
    mentions_of,
    raid_as_setting,
    stopped_bombs,
    told_apart,
)
from frontlines.events.sides import (
    CROWDS,
    actors,
    by_named_actor,
    by_people,
    civilian_targets,
    civilians_of_people,
    civilians_targeted,
    crowd_first,
    crowd_of,
    directionless,
    harms,
    kin_militia,
    phrase_words,
    policing_force,
    same,
    side_of,
    state_types,
    sufferer_of,
    umbrella_led,
    unarmed_side,
)
from frontlines.events.state import Doc, coref_rules
from frontlines.events.timing import _reporting, borrowed_time, dates_a_state, event_time, said_on
from frontlines.events.trigger_matches import (
    armed_move,
    as_supported,
    has_subject,
    in_force_name,
    part_of_name,
    spoken_by,
    support_phrases,
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
    Sentence,
    TimeExpr,
    TimePrecision,
)

__all__ = ["Extraction", "extract"]

_VIOLENT_CATEGORIES = ("killed", "injured", "casualties")
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


def extract(annotated: AnnotatedDocument, places: dict[tuple[int, int], GeoRef],
            knowledge: Any, named: Mapping[str, float] | None = None) -> Extraction:
    """The events stage for one document (see the module docstring). `named`: the countries
    of the actors it names by a name of their own, as geo was given them
    (`pipeline.countries_by_name`); asked again when not given."""
    ontology = getattr(knowledge, "ontology", None) or Ontology.load()
    state = Doc(annotated, places, ontology, ActorResolver(getattr(knowledge, "actors", None),
                                                            ontology))
    state.focus = focus_of(annotated, places)
    state.country = country_of(places) or named_country(annotated, knowledge) or \
        province_within(places, knowledge)
    state.resolver.country = state.country
    trusted = trusted_countries(annotated, places, knowledge, named)
    state.resolver.trusted = trusted
    state.resolver.catch_all_country = country_of(places, trusted) or named_country(
        annotated, knowledge) or province_within(places, knowledge)
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
        told = frozenset(f.event.id for f in state.last_frames) if not acting(view) else \
            frozenset()  # a sentence naming no actor goes on with the last event's kind
        backed = support_phrases(view, ontology)
        matches = [as_supported(view, m, backed, ontology)
                   for m in ontology.find_triggers(view.tokens, told, in_times | set(backed))
                   if m.head not in in_times and not part_of_name(view, m)]
        # aircraft backing an act a trigger already tells only back it ("arrested three with
        # the support of helicopters" is the arrest)
        acts = {m.head for m in matches if m.head in m.tokens}
        air_backed = any(m.head not in m.tokens for m in matches)
        matches = [m for m in matches if m.head in m.tokens or m.head not in acts]
        matches = [m for m in matches if not m.event.needs_subject or has_subject(view, m.head)]
        matches = [m for m in matches if not armed_move(view, m, ontology, state.resolver)
                   and not spoken_by(view, m) and not in_force_name(view, m, ontology)]
        # "targeted a tank with a missile", "an air strike targeted a car": the other trigger
        # in its clause tells the event, and keeps its roles
        matches = [m for m in matches if not m.event.yields or not any(
            o is not m and not o.event.consequence and o.head in view.subtree(m.head)
            for o in matches)]
        scores = Scores.of(sentence, labels)
        frames = frames_for(view, matches, ontology)
        flown = _flown(view, frames, ontology)
        _drop_agent_places(view, frames, ontology)
        s_claims: list[tuple[Frame, Claim]] = []
        known, told = len(relations), len(modal)
        for frame in frames:
            built, rels = _claims_for(state, view, frame, frames)
            modal.extend(c for c in built if c.modality)
            s_claims.extend((frame, c) for c in built if not c.modality)
            relations.extend(rels)
        s_claims = carried(state, s_claims)
        s_claims = raid_as_setting(view, s_claims, ontology)
        s_claims = generic_as_setting(view, s_claims, coref_rules(ontology))
        s_claims = blasts_within(view, s_claims, coref_rules(ontology))
        # an event sentence the rules code nothing for (no claim, no change of allegiance):
        # the model's reading, roles from the parse
        # a sentence whose event words the rules all read as a description or a campaign is
        # judged ("during the raids" beside a seizure the rules could not code is not)
        found = model_match(view, scores, ontology, matches, not claims and not modal,
                            modal[told:]) \
            if scores is not None and not s_claims and len(relations) == known and \
            not (frames and all(
                told_as_description(view, f, ontology) for f in frames)) else None
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
                               if bearer_done_to(view, f, frames)
                               for e in ontology.events if e.event_type == f.event.event_type)
            kept = {c.id: c for c in arbitrate([c for _, c in s_claims], scores, ontology,
                                               getattr(knowledge, "review_threshold", None),
                                               judged, told_apart(view, s_claims),
                                               _named_sides(state, s_claims))}
            aloft = _carried_by_air([f for f, _ in s_claims], ontology, air_backed)
            s_claims = [(f, crowd_of(state, _flown_kept(c, _ground_kept(f, c, kept[c.id], aloft),
                                                         flown)))
                        for f, c in s_claims if c.id in kept]
        # (after the model's reading: the owner of the bomb decides, not the weapon's word)
        s_claims = stopped_bombs(view, s_claims, ontology)
        heading = ontology.heading([t.text for t in view.tokens]) \
            if sentence.index == 0 else None
        s_claims = heading_told_again(view, s_claims) if heading is None else \
            _as_heading(state, view, s_claims, heading)
        s_claims = state.resolver.combined_arms(view, frames, s_claims,
                                                annotated.document.published)
        # "The demonstration is likely linked to recent protests": no new demonstration
        s_claims = told_before(view, frames, s_claims, claims, ontology)
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
        s_claims = like_the_last(view, s_claims, last, ontology, state.resolver)
        s_claims, s_reports = _attach_quantities(state, view, frames, s_claims)
        mentions.update(mentions_of(state, view, frames, s_claims))
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
                    not dates_a_state(view, t, ontology)]
        state.prev_time = explicit[0] if explicit else None
        state.told_time = next((c.time for _, c in reversed(s_claims) if c.time is not None and
                                c.time.text and c.time.precision == TimePrecision.DAY and
                                not c.background), state.told_time)
    claims = raise_across(claims, levels, ontology, state.resolver, forces)
    claims = apply_conventions(claims, [s.text for s in annotated.sentences], ontology)
    threshold = getattr(knowledge, "review_threshold", None)
    claims = fill_opponents(claims)
    claims, summed = summaries(claims, plural)
    modal.extend(summed)
    own = {c.id: c.time for c in claims}
    claims = corefer(claims, mentions, coref_rules(ontology))
    claims = day_before_told(claims, [*modal, *(c for c in claims if c.modality)],
                             state.said | state.borrowed, own)
    if threshold is not None:
        claims = review(claims, threshold)
    return Extraction(claims=[*claims, *modal], casualty_reports=reports, relations=relations)


def _model_guarded(state: Doc, view: View, rule_frames: list[Frame], found: TriggerMatch,
                   built: list[Claim]) -> list[Claim]:
    """The model's claims in a sentence no rule coded, held to what a rule event needs. An
    event word of the rules that reads the same event and is told as not having happened (a
    threat, a plan, a denial: its claim was dropped for want of a role, so `model_match` never
    saw it) gives the model's claim its modality ("the threat of air strikes remains, a
    spokesman said"). A claim of a sentence that names no place and no actor (its place carried
    over from an earlier one, its actor the catch-all of its kind) is the model's reading of
    words alone ("air strikes" in a statement): kept as a claim of modality "unlikely", marked
    needs_review, never an event; so is a type only a state force does read where no one who
    could do it is named (no actor, no noun for forces or fighters). A type only a state force
    does that the model read ("rebels recaptured the village": the words of a regain) is coded
    as the act of the actor the parse names (`by_named_actor`)."""
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
        elif c.modality is None and c.sub_event_type in state_types(state.ontology) and \
                not any(a is not None and a.text for a in (c.actor1, c.actor2)) and \
                not _names_a_force(state, view):
            c = dataclasses.replace(c, modality=UNLIKELY, needs_review=True)  # a type only a
            # state force does, read with no one named to do it ("martyrs escorted from a
            # hospital"): the catch-all cannot do it, the model read words alone
        out.append(by_named_actor(state, c))
    return out


_NAMED = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})


def _names_a_force(state: Doc, view: View) -> bool:
    """Whether a sentence names someone who could fight: an actor mention, or a common noun
    for fighters or forces ("forces loyal to the government", "a militia")."""
    return bool(view.actors) or any(
        t.pos == "NOUN" and (view.word(t.i) in state.ontology.combatant_words or
                             state.resolver.generic(t.text, state.country) is not None)
        for t in view.tokens)


def _names_anyone(state: Doc, view: View) -> bool:
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


def _as_heading(state: Doc, view: View, s_claims: list[tuple[Frame, Claim]],
                heading: tuple[int, str]) -> list[tuple[Frame, Claim]]:
    """"Security measures: On 3 May the governor closed ...": a report that opens with a
    heading naming a kind of development (kb `conventions.headings`) tells that development in
    the words after it. A body that reads the heading's type is read as ever; one that reads
    another type is that development told by its verb ("Land seizure: troops seized land":
    no territory changed hands), recoded; one that reads nothing is coded at its main verb."""
    colon, sub_type = heading
    body = [(f, c) for f, c in s_claims if f.match.tokens[0] > colon]
    if any(c.sub_event_type == sub_type for _, c in body):
        return heading_told_again(view, s_claims)
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


def _named_sides(state: Doc, s_claims: list[tuple[Frame, Claim]]) -> frozenset[str]:
    """The claims the classifier's no-event bars never keep out (combine.py `NAMED_SIDES`): two
    armed organisations the text names, or an act of violence aimed at people (its class typed
    by whom it hits: `civilian_type`, `combatant_type`) by one, or by a state's forces named by
    their country ("Kenyan troops fired at herders"); not goods seized nor a bomb claimed."""
    names = state.resolver.names_organisation
    return frozenset(c.id for f, c in s_claims if (names(c.actor1) and names(c.actor2)) or (
        c.event_type in VIOLENT_EVENT_TYPES and names(c.actor1, forces=True) and
        c.actor2 is not None and (f.event.civilian_type or f.event.combatant_type)))


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


def _note_subject(state: Doc, view: View) -> None:
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


def _claims_for(state: Doc, view: View, frame: Frame, frames: list[Frame]
                ) -> tuple[list[Claim], list[Relation]]:
    event = frame.event
    if event.secondary and frame.governor is not None and not frame.governor.event.consequence:
        return [], []  # (under a toll verb it tells the act: "were hurt when X targeted Y")
    if not_an_event(view, frame, frames, state.ontology):
        return [], []
    modality = modality_of(view, frame, state.ontology)
    instance = modality is None and instance_of_habit(view, frame, state.ontology)
    event = frame.event
    time = event_time(view, frame, frames, state.ontology, state.prev_time,
                      state.annotated.document.published, state.told_time)
    if is_recalled(view, frame, state.ontology) and not time.text:
        time = TimeExpr(text="")  # "had previously broken away": undated, relation only
    said = said_on(view, frame, state.ontology, time)
    borrowed = borrowed_time(view, frame, frames, time)
    published = state.annotated.document.published
    background = is_background(time, published, state.ontology)
    actors1, actor2 = actors(state, view, frame, frames)
    if instance and actor2 is None and frame.governor is not None:
        actor2 = actors(state, view, frame.governor, frames)[1]  # whom the habit targets
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
        if first is not None and not any(same(first, a) for a in actors1):
            home = state.resolver.inter_in(actors1[0], country) == 1 or \
                umbrella_led(state, view, frame)  # unless the other is the state's own, or
            # an umbrella all the subject fights under
            actors1 = [*actors1[:1], first, *actors1[1:]] if home else [first, *actors1]
            # the state's own ("Russian and regime warplanes": the regime's air force leads)
            if actor2 is None and len(actors1) == 2 and \
                    directionless(view, frame, state.ontology):
                actors1, actor2 = actors1[:1], actors1[1]  # "regime and QSD forces clashed"
    if actor2 is not None and frame.elided_other:  # "clashed with rebel and Islamist
        # factions": the side named first is the other side, as on the agent's side
        first = state.resolver.generic(frame.elided_other, country, services=False)
        if first is not None and not any(same(first, a) for a in (actor2, *actors1)) and \
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
        if actor2 is None and len(sides) > 1 and not same(sides[0], sides[1]):
            actor2 = sides[1]
    if not actors1 and event.unarmed_type and unarmed_side(state, view, frame):
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
    if not actors1 and state.last and (likened_at(view, frame.match.head, state.ontology) or
                                       continues(view, frame, state.last, state.ontology)) and \
            state.last[0].actor1 is not None:
        actors1 = [state.last[0].actor1]  # "in a similar attack on X": by whoever did the last
    if not actors1 and event.event_type == "Explosions/Remote violence":
        found = implied_force(view, frame, state.resolver, state.ontology, country,
                              side_of(state, actor2, published))
        actors1 = [found] if found is not None else []
    if not actors1 and (not event.needs_actor or under is not None):
        actors1 = [state.resolver.default(event.default_actor or "unidentified", country)]
    if not actors1 and event.event_type == "Battles" and _unnamed_sides(view, frame):
        actors1 = [state.resolver.default("unidentified", country)]  # "between two militias"
    if not actors1:
        return [], []
    if event.event_type in _KIN_FIGHTS:
        actors1 = [kin_militia(state, a, country) for a in actors1]
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
    sufferer = sufferer_of(view, frame, state.ontology)
    harmed = [o for g in (*([sufferer] if sufferer else []), *harms(view, frame, frames))
              for o in g.objects]
    sub_type = _sub_event_type(state, view, frame, actors1, actor2, country, harmed)
    if sub_type[1] in state_types(state.ontology):
        # "rebels and army units took the town": the government regains it (ACLED's actor1 of
        # "Government regains territory" is the state force; its allies are associated)
        own = [a for a in actors1 if state.resolver.inter_in(a, country) == 1]
        if own and not umbrella_led(state, view, frame):
            actors1 = [own[0], *[a for a in actors1 if a is not own[0]]]
    if event.needs_victims and not state.civilian_victims and not state.aimed and \
            sub_type == (event.event_type, event.sub_event_type):
        return [], relations  # "tear gas fired towards a compound": at whom is not told
    if actor2 is None and state.civilian_victims and sub_type[0] in (
            "Violence against civilians", "Explosions/Remote violence"):
        actor2 = state.resolver.default("civilians", country)  # ACLED's "Civilians (Syria)"
    if sub_type[0] in CROWDS and not event.group_change:
        actors1, actor2 = crowd_first(state, sub_type[0], actors1, actor2, country)
    if actor2 is None:  # "a policeman was wounded in an unidentified attack": the target is
        # told when the agent is not named
        crowd = (lambda a: state.resolver.inter_in(a, country) in (5, 6)) \
            if sub_type[0] in CROWDS else None  # (a crowd is no target of its own demonstration)
        actor2 = state.resolver.target_force(view, frame, besides=actors1[0], unless=crowd) or (
            state.resolver.target_force(view, sufferer, besides=actors1[0], unless=crowd)
            if sufferer is not None else None) or next(
            (found for g in harms(view, frame, frames)
             if (found := state.resolver.target_force(view, g, besides=actors1[0],
                                                      unless=crowd))), None)
        if actor2 is not None and sub_type[0] in CROWDS and \
                state.resolver.inter_in(actor2, country) in (5, 6):
            actor2 = None  # the demonstrators are its actor1, not a target of their own
    if actor2 is None and {*sub_type} & civilian_targets(state.ontology):
        actor2 = state.resolver.default("civilians", country)  # "abducted two men": by
        # definition civilians (kb conventions.civilian_targets)
    if actor2 is not None and sub_type[0] in _KIN_FIGHTS:
        actor2 = kin_militia(state, actor2, country)  # ("between two families": both sides)
    if event.needs_target and actor2 is None and sub_type == (event.event_type,
                                                             event.sub_event_type):
        return [], relations  # a clash with no one on the other side is not told
    policing = phrase_words(view, agent_phrase(view, frame, state.ontology), actors1[0].text)
    actors1 = [policing_force(state, actors1[0], sub_type, policing, country), *actors1[1:]]
    if actor2 is not None:
        actor2 = policing_force(state, actor2, sub_type, phrase_words(view, [], actor2.text),
                                country)
        actor2 = civilians_targeted(state, actor2, sub_type, country)
        actor2 = civilians_of_people(state, view, [*frame.objects, *harmed], actor2)
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


def _participle(view: View, frame: Frame) -> bool:
    """The trigger is a participle or clause describing a noun ("activists arrested by ...")."""
    return view.tokens[frame.pred].dep in ("acl", "relcl", "amod", "pcomp")


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


def _teller_place(state: Doc, view: View) -> GeoRef | None:
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


def _place_anaphor(state: Doc, view: View, frame: Frame) -> GeoRef | None:
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


def _claim(state: Doc, view: View, frame: Frame, sub_type: tuple[str, str], actor1: ActorRef,
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
    actor1 = state.resolver.trusted_catch_all(actor1) or actor1
    actor2 = state.resolver.trusted_catch_all(actor2)
    actor1 = by_people(state, frame, state.resolver.dated(actor1, on, where) or actor1)
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


_KIN_FIGHTS = frozenset({"Battles", "Violence against civilians", "Explosions/Remote violence"})


def _flown(view: View, frames: list[Frame], ontology: Ontology) -> str | None:
    """"The air force shelled positions in X", "helicopters bombarded the town": a gun verb (or
    a verb of a `flown` class, "warplanes targeted X") whose agent phrase names an air arm or
    aircraft (`coreference.agent_triggers`) tells an air strike (frames retyped in place); so
    does a gun trigger of a verb and its munition, or a munition the verb takes as object
    ("planes fired rockets", "jets fired missiles": the aircraft fire them, no battery on the
    ground). Returns the air strike's sub-event type when a frame was retyped so."""
    air = ontology.by_id.get("air_strike")
    platforms = coref_rules(ontology).agent_triggers
    if air is None:
        return None
    retyped = None
    for frame in frames:
        head = frame.match.head
        fired = view.tokens[head].pos == "NOUN" and view.tokens[head].dep == "dobj" and \
            len(frame.match.tokens) == 1 and view.tokens[view.head(head)].pos == "VERB"
        if (frame.event.sub_event_type != "Shelling/artillery/missile attack" and
                not frame.event.flown) or \
                view.tokens[head].pos != "VERB" and not (fired and not frame.event.flown) or \
                len(frame.match.tokens) > 2 or len(frame.match.tokens) == 2 and frame.event.flown:
            continue
        agent = agent_phrase(view, frame, ontology)
        words = {view.word(j) for j in agent} | {
            f"{view.word(j)} {view.word(j + 1)}" for j in agent if j + 1 in agent}
        if words & platforms:
            frame.match = TriggerMatch(air, frame.match.tokens, head, frame.match.text)
            retyped = air.sub_event_type
    return retyped


def _flown_kept(rule: Claim, scored: Claim, flown: str | None) -> Claim:
    """A sentence whose gun trigger the rules read as flown (`_flown`: "planes fired rockets")
    keeps its air strikes: the model reads the munition's word as ground fire, not who fired."""
    if flown is None or rule.sub_event_type != flown or scored.relation is not None or \
            scored.event_type != rule.event_type or scored.sub_event_type == flown:
        return scored
    return dataclasses.replace(scored, sub_event_type=flown, plover_type=rule.plover_type,
                               plover_mode=rule.plover_mode)


def _sub_event_type(state: Doc, view: View, frame: Frame, actors1: list[ActorRef],
                    actor2: ActorRef | None, country: str | None,
                    harmed: Sequence[int] = ()) -> tuple[str, str]:
    """The sub-event type of a frame: from who acts (the state's own force among the agents,
    "rebels and army units took the town", regains territory) and whom it is done to."""
    event = frame.event
    actor1 = actors1[0]
    agents = actors1[:1] if umbrella_led(state, view, frame) else actors1  # (an operation
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
    h = frame.match.head  # (and the verb a weapon is the object of: "fired rubber coated
    for _ in range(2):  # bullets at them", "fire" a trigger of its own)
        if view.tokens[h].dep not in ("amod", "compound") or \
                view.tokens[view.head(h)].pos != "NOUN":
            break
        h = view.head(h)
    carrier = [view.head(h)] if view.tokens[h].dep == "dobj" and \
        view.tokens[view.head(h)].pos == "VERB" else []
    aimed = [o for t in {frame.pred, *frame.match.tokens, *carrier}  # a day, no aim and no count
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
    garrisoned = bool(sites & state.ontology.military_site_words)  # "attacked a checkpoint"
    told = " ".join(view.word(j) for o in objects for j in sorted(view.subtree(o))
                    ).replace(" - ", "-")  # the parser splits "off-duty" on its hyphen
    if any(f" {p} " in f" {told} " for p in state.ontology.off_duty_phrases):
        civilian, combatant = True, False  # "an off-duty policeman": out of service
    elif victims & state.ontology.person_words and not combatant:
        civilian = True  # "the leader of a local party"
    state.civilian_victims = civilian
    if event.unarmed_type and unarmed_side(state, view, frame):
        return event.unarmed_type  # "youths clashed with police": people fought a force
    if event.nonstate_civilian_type and not combatant:
        inter = state.resolver.inter_in(actor1, country)
        if inter is not None and inter != 1:  # a group detaining anyone but fighters (named
            return event.nonstate_civilian_type  # or not: "an arrest campaign") abducts them
    if event.civilian_type and civilian and not combatant and not garrisoned:
        return event.civilian_type  # (an assault on a checkpoint is fought with its garrison)
    if event.combatant_type and combatant and not civilian:
        return event.combatant_type
    return event.event_type, event.sub_event_type


# ---------------------------------------------------------------------- time


# ---------------------------------------------------------------------- quantities


def _attach_quantities(state: Doc, view: View, frames: list[Frame],
                       s_claims: list[tuple[Frame, Claim]]
                       ) -> tuple[list[tuple[Frame, Claim]], list[CasualtyReport]]:
    from frontlines.events.casualties import attach

    coref = state.ontology.data.get("coreference") or {}
    spans = (state.ontology.data.get("aggregates") or {}).get("running_spans", [])
    running = (frozenset(str(w) for w in coref.get("tally_nouns", [])),
               frozenset(str(w) for w in spans))
    return attach(state.annotated, view, frames, s_claims, state.claimant, _VIOLENT_CATEGORIES,
                  Quantity, state.ontology.period_anchors, running)
