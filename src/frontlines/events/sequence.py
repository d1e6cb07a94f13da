"""Claims across sentences: a heading told again, "a similar attack" or a sentence that goes
on with the last event, a munition carried by the delivery's actor, a raid or a generic act
that only sets the scene, what each claim's sentence mentions beyond its coding (for
coreference), and claims a sentence tells apart.
"""

from __future__ import annotations

import dataclasses

from frontlines.events.actors import ActorResolver
from frontlines.events.coref import Mention, Rules, new_event_marker
from frontlines.events.eventhood import DEFINITE, acting, in_passing, likened_at, toll_update
from frontlines.events.ontology import VIOLENT_EVENT_TYPES, Ontology
from frontlines.events.places import georef_of
from frontlines.events.roles import Frame
from frontlines.events.sentence import View
from frontlines.events.state import Doc, coref_rules
from frontlines.model import Claim


def told_apart(view: View, s_claims: list[tuple[Frame, Claim]]) -> frozenset[str]:
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


def heading_told_again(view: View, s_claims: list[tuple[Frame, Claim]]
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


def like_the_last(view: View, s_claims: list[tuple[Frame, Claim]], last: list[Claim],
                   ontology: Ontology, resolver: ActorResolver | None = None
                   ) -> list[tuple[Frame, Claim]]:
    """"Two more were killed in a similar attack on X": a new event of the kind told last. The
    generic readings of the sentence ("killed" as an Attack, "attack" as a clash) take the last
    event's type, and its agent when the sentence names none."""
    if not s_claims or not last:
        return s_claims
    likened = any(likened_at(view, t.i, ontology) for t in view.tokens)
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
            continues(view, frame, last, ontology) or
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


def continues(view: View, frame: Frame, last: list[Claim], ontology: Ontology) -> bool:
    """"Air strikes by X killed 21 civilians. Fifteen were killed in raids on Y": a bare event
    noun in a sentence that names no actor goes on telling events of the kind told last, by
    the same hand (a new event or a detail of it: coreference decides)."""
    if acting(view) or not last or last[0].event_type not in VIOLENT_EVENT_TYPES or \
            frame.event.event_type not in VIOLENT_EVENT_TYPES:
        return False
    head = view.tokens[frame.match.head]
    rules = coref_rules(ontology)
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
            view.word(head) not in coref_rules(ontology).sortie_nouns or \
            view.tokens[head].pos != "NOUN" or \
            view.deps(head, "compound", "amod", "poss", "nmod") or \
            claim.actor1 is None or not claim.actor1.id or model.actor1 is None or \
            not model.actor1.id or not view.deps(head, "nummod"):
        return False
    return claim.actor1.id == model.actor1.id or (
        resolver is not None and resolver.branch_of(model.actor1, claim.actor1))


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


def carried(state: Doc, s_claims: list[tuple[Frame, Claim]]) -> list[tuple[Frame, Claim]]:
    """"Warplanes dropped shells filled with sarin on the valley": the munition's
    reading (a chemical weapon) told without an agent is by whoever the delivery's reading (the
    helicopter's air strike) names, at the same place; arbitration then keeps the munition's."""
    carried = coref_rules(state.ontology).carried
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


def mentions_of(state: Doc, view: View, frames: list[Frame],
              s_claims: list[tuple[Frame, Claim]]) -> dict[str, Mention]:
    """What coreference needs to know of each claim of a sentence (see events/coref.py)."""
    new = new_event_marker(view.sentence.text) or any(  # "in a similar attack on X"
        likened_at(view, t.i, state.ontology) for t in view.tokens)

    rules = coref_rules(state.ontology)

    def told(i: int, text: str | None = None) -> bool:  # "the attack", "the blast", and by
        # its head noun "the air attack", "the chemical attacks"
        return view.tokens[i].pos in ("NOUN", "PROPN") and (
            (text or view.word(i)).casefold() in rules.event_nouns or
            view.word(i).casefold() in rules.event_nouns) and bool(
                {view.word(d) for d in view.deps(i, "det")} & DEFINITE)

    people = state.ontology.civilian_words | state.ontology.combatant_words
    victims = {id(g): {j for o in view.deps(g.pred, "dobj") if view.word(o) in people
                       for j in view.subtree(o)}
               if view.tokens[g.pred].pos == "VERB" else set() for g in frames}

    nouns = {f.match.head for f in frames}
    listed, near_lists = _listed_quarters(view, rules)
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
        passing = in_passing(view, frame, rules)
        anaphoric = anaphoric or passing
        # a toll update joins the event told before as "after the attack" does, but may be
        # the report's first full telling of it (a headline told the toll alone): it still
        # codes the event
        update = toll_update(view, frame, state.ontology)
        plural = view.word(frame.match.head) in rules.plural_nouns
        # "the blast", "the raid" (not "the second blast"): refers back, and defers its type
        definite = told(frame.match.head, frame.match.text) and not plural and \
            not frame.event.consequence and not passing and not any(
                view.word(d) in rules.anew_words for d in view.deps(
                    frame.match.head, "amod", "det", "nummod", "advmod", "compound"))
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
                            plural=plural and anaphoric and not passing, definite=definite,
                            listed=listed.get(c.place.text) if c.place is not None and
                            c.id not in state.inherited else None,
                            near_list=c.place is not None and c.id not in state.inherited and
                            listed.get(c.place.text) in near_lists)
    return out


_LIST_POS = frozenset(("PROPN", "NOUN", "ADJ", "NUM", "CCONJ", "DET", "PART", "X"))


def _listed_quarters(view: View, rules: Rules) -> tuple[dict[str, int], set[int]]:
    """The places named in a list under a plural quarter noun ("fired shells at the
    neighbourhoods of A, B and C"), or under a plural place noun after a word of nearness
    ("repelled attacks on its posts near the villages of A, B and C": one engagement the list
    only locates), by their text: the token of that noun; and the nouns of the lists of
    nearness. The list runs over
    names, "and" and commas, up to a verb, a preposition or the sentence's end; a list whose
    places lie in two provinces ("the districts of Aleppo and Homs") is no town's quarters."""
    out: dict[str, int] = {}
    near: set[int] = set()  # the nouns of lists told as what a fight was near
    n = len(view.tokens)
    for q in range(n - 1):
        if view.word(q + 1) not in rules.quarter_list_marks:
            continue
        if view.word(q) in rules.near_list_nouns and _near_mark_before(view, q, rules):
            near.add(q)
        elif view.word(q) not in rules.quarter_nouns:
            continue
        end = q + 2
        while end < n and (view.tokens[end].pos in _LIST_POS or view.tokens[end].text in ",-"):
            end += 1
        found = [p for p in view.places if q + 2 <= p.first and p.last < end]
        provinces = {p.geo.admin1 for p in found if p.geo is not None and p.geo.admin1}
        if len(found) > 1 and len(provinces) == 1:
            out.update((georef_of(p).text, q) for p in found)
    return out, near


def _near_mark_before(view: View, q: int, rules: Rules) -> bool:
    """"near the villages of": a mark of `near_list_marks` before the noun at q (past "the",
    "several", a number)."""
    i = q - 1
    while i >= 0 and (view.word(i) in ("the", "several", "a", "few", "number") or
                      view.tokens[i].pos == "NUM"):
        i -= 1
    for mark in rules.near_list_marks:
        lo = i - len(mark) + 1
        if lo >= 0 and tuple(view.word(j).casefold() for j in range(lo, i + 1)) == mark:
            return True
    return False


def stopped_bombs(view: View, s_claims: list[tuple[Frame, Claim]],
                  ontology: Ontology) -> list[tuple[Frame, Claim]]:
    """"The troops also detonated two IS car bombs": a side's verb of setting off or
    destroying (`conventions.stopped_bombs`) whose object is a weapon owned by the event's target
    (the owner named inside the weapon's phrase) is that bomb stopped, a disrupted weapons use,
    not the side's own bombing; the agent and the owner keep their roles."""
    verbs, weapons = ontology.stopped_bomb_verbs, ontology.stopped_bomb_weapons
    if not verbs or not weapons or len(ontology.stopped_bomb_coding) != 2:
        return s_claims
    event_type, sub_event_type = ontology.stopped_bomb_coding
    cls = next((e for e in ontology.events if e.sub_event_type == sub_event_type), None)
    out = []
    for f, c in s_claims:
        head = f.match.head
        owner = c.actor2
        objects = view.deps(head, "dobj")
        if view.word(head) in weapons and view.tokens[head].dep == "dobj":  # the weapon is the
            head, objects = view.head(head), [head]  # trigger: "destroyed two X car bombs"
        if c.event_type == "Explosions/Remote violence" and view.word(head) in verbs and \
                view.tokens[head].pos == "VERB" and owner is not None and owner.text and \
                c.actor1 is not None and c.actor1.text and \
                (c.actor1.id or c.actor1.name) != (owner.id or owner.name):
            for o in objects:
                phrase = view.subtree(o)
                if view.word(o) in weapons and any(
                        a.first in phrase and a.mention.text == owner.text
                        for a in view.actors):
                    c = dataclasses.replace(
                        c, event_type=event_type, sub_event_type=sub_event_type,
                        plover_type=cls.plover_type if cls else c.plover_type,
                        plover_mode=cls.plover_mode if cls else c.plover_mode)
                    break
        out.append((f, c))
    return out


def raid_as_setting(view: View, s_claims: list[tuple[Frame, Claim]],
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


def generic_as_setting(view: View, s_claims: list[tuple[Frame, Claim]],
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


def blasts_within(view: View, s_claims: list[tuple[Frame, Claim]],
                  rules: Rules) -> list[tuple[Frame, Claim]]:
    """An explosion word whose clause tells it inside another remote attack of the sentence
    ("a dozen blasts could be heard throughout the air raids on X", "a blast amid the shelling") is
    that attack's own blast: no bombing of its own."""
    remote = {f.match.head for f, c in s_claims if c.event_type == "Explosions/Remote violence"
              and view.word(f.match.head) not in rules.blast_nouns}
    if not remote:
        return s_claims
    out = []
    for f, c in s_claims:
        g = f.match.head
        if view.word(g) in rules.blast_nouns and c.event_type == "Explosions/Remote violence":
            host = view.head(g) if view.tokens[g].dep in ("nsubj", "nsubjpass", "dobj") else g
            preps = [k for k in view.children[host] if view.word(k) in rules.within_preps]
            if any(j in remote for k in preps for j in view.children[k]):
                continue
        out.append((f, c))
    return out
