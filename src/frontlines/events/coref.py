"""One event, several mentions: within-document coreference of violent event claims.

A report tells its main event several times: the headline sentence ("a motorcycle bomber
killed 16 civilians in Hasakeh"), the monitor's version ("the attack killed at least 16"), a
detail ("the suicide attacker detonated his explosives in front of the bakery"). Each sentence
makes a claim; ACLED codes one event. Consolidation merges claims only when their coding is
identical, so this step, at the end of a document's extraction, recodes the claims that tell
one event to one coding (they keep their own evidence, trigger and claimant), and consolidation
then merges them as it merges two reports of one event.

Two mentions of one document tell the same event when all of these hold:

- both are violent (battles, remote violence, violence against civilians);
- their sub-types agree, or one of them is a generic reading: a toll told by itself ("the
  blast killed 20"), a bare reference ("the attack"), or, within one sentence, an "Attack"
  ("the air force attacked a market"), which takes the specific reading of the other;
- their places agree: the same place, or one within the other (a town of a province told
  only as the province, a place "near" a town), or one of them names no place of its own (the
  place was carried over from an earlier sentence), or they are two readings of one sentence,
  one of them generic ("the air force attacked a market in the city's district of X"); two
  named towns are two places, however near each other ("two strikes on two villages are two
  events"), unless the text itself puts one near the other: a place whose own sentence tells it
  near a town ("the village of V near T") is the place another mention put only around that
  town ("a village near T"), and a town told only to locate one trigger's place ("an ambush
  near V east of T") is no place of its own; battles, which spread over an area, need the
  same place ("clashes in Idlib province" is not the clash in one town), unless one of them
  names no place of its own and both name the same two sides, or the later one refers back
  ("those clashes", "the clashes") with the same two sides from a name the gazetteer lacks,
  placed at a guessed province (a generic "attack" read as a clash is no battle told: it
  holds no bombing to one place);
- their dates can be the same day, or a day told only as the day the event was told ("the
  governor said on Friday that a strike killed five") follows the event's day by one;
- their actors agree: the same actor1, or one of them unnamed ("Unidentified Armed Group") or
  only implied by the weapon ("an air strike hit the hospital": the air force of the event's
  country, a guess that gives way to the actor another mention names), or, for two battles,
  the same two sides in either order, or, when the later one refers back ("killed in the
  fighting"), whichever side each names when neither names a second side (its dead), or one
  side in common ("X joined the battle against the army");
- a definite plural ("the raids", "condemned the strikes") refers back as "the attack" does,
  but only to an event told at its own place, not to a province-wide one containing it
  (several events may be meant), and its weapon may still code the event it joins; a force and its
  unit as ACLED names them ("Military Forces of X" and "Military Forces of X ... Air Force")
  are one actor when both tell one sub-type at one town;
- the later sentence does not announce a new event ("another", "a similar attack", "also"
  but not "also known as", "three more", "separate", "meanwhile"), unless it refers back
  with a definite noun ("the attack", "the blast", "those clashes", by its head noun too:
  "the air attack"), which always tells an event already told ("the other deaths came in
  clashes" tells the rest of a toll, no new event). A battle announced so between the same
  two sides at the same place on the same day as one told before is still that battle (ACLED
  codes one battle per pair of sides, place and day: "X clashed with Y in T on Friday. On
  Friday fighting also broke out in T between them"): it joins it if it may, and is never kept
  apart from it.

A withdrawal told in the sentence of a battle at its place, by one of its sides, on its day
("the army withdrew from X as it faced a rebel counter-offensive"), is that battle's outcome:
it takes the battle's coding. So does one side's act on the other's weapons ("the troops also
detonated two IS car bombs", a disrupted weapons use) told anywhere in the report at that
battle's place, or with no place of its own, on its day: part of the battle.

A mention that only names an event told before ("no one has claimed the attack", "X was
behind the attack") is no claim of its own once the event it names is found; so is a definite
event noun told as what another act followed or answered ("two days after the chlorine attack
on X", "in retaliation for the bombing"), which joins the event it names whatever its
sentence's day and agent (those are the other act's). One place name as written, resolved to
two places in two sentences, is one place.

Two claims of one sentence and one trigger at different places were split on purpose
("attacked the towns of A, B and C" is three clashes) and are never joined here, unless the
places are listed under one quarter noun, all in one province ("fired rockets at the suburbs
of A and B": one event, the quarters of one town), or under a plural place noun after a word
of nearness ("repelled an assault on their posts near the villages of A, B and C": one
engagement the list only locates, one place for every trigger of the sentence; as a battle
told with no place of its own, it joins the same two sides' battle told at a place of its
province, whose place it takes), or unless one
of them is placed only by its province and the other lies in it ("hit X city in Y
countryside" where the province was read as a place of its own), or unless one of them is a
name the gazetteer lacks, placed at a guessed province, told beside a town of that province
with no list (",", "and", "or") between them ("outside the X mosque in A"). The event's
coding comes from its first specific mention; a named actor beats an unnamed one; the place
named most often (a town before its province, first mention first) beats a place carried
over; the most precise date wins; a mention that refers back ("the blast", "those killed")
gives none of them, but a place within the province already told and a date of its own ("the
attacks occurred on June 28"); nor does it decide what else joins the event (the mentions
that tell it do).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import Any

from frontlines.events.ontology import VIOLENT_EVENT_TYPES
from frontlines.geo.kb import load_cue_words
from frontlines.model import ActorRef, Claim, GeoRef, TimeExpr, TimePrecision, times_compatible
from frontlines.names import name_key

__all__ = ["Mention", "Rules", "corefer", "day_before_told"]

_NEW_EVENT = re.compile(
    r"\b(?:another(?!\s+\d)|(?<!\d\s)(?<!the\s)other|separate(?:ly)?|similar|"
    r"also(?!\s+(?:known|called|referred|named)\b)|meanwhile|"
    r"elsewhere|in addition|more(?!\s+than)|second|further)\b", re.I)  # not "another 40";
# "the other deaths came in clashes west of X": the rest of a toll told, no new event
_NEAR_KM = 10.0
_TOLD_NEAR_KM = 40.0  # "V near T" as the text tells it: how far "near" may reach (an air
# base "near" a city lies 30 km out)
_HEAD_WORDS = 8


@dataclass(frozen=True)
class Mention:
    """What the sentence says about a claim beyond its coding."""

    generic: bool = False  # a toll or a bare "attack": takes the specific reading of another
    anaphoric: bool = False  # "the attack", "the blast": refers to an event already told
    inherited_place: bool = False  # the place was carried over, the sentence names none
    new_event: bool = False  # the sentence announces another event ("another", "also")
    reference: bool = False  # only names an event told before ("behind the attack")
    embedded: bool = False  # a trigger inside another's victim ("shot a member of the Air
    # Force Intelligence"): a reading of that event at most, never its coding
    said_time: bool = False  # dated only by the day it was told ("the governor said Friday")
    borrowed_time: bool = False  # an event noun inside another noun's phrase dated only by
    # another clause of its sentence ("On Thursday, residents buried the victims of the attack")
    passing: bool = False  # named in passing as what another act followed or answered ("two
    # days after the chlorine attack on X", "in retaliation for the bombing"): the sentence's
    # time and agent are that other act's
    update: bool = False  # a toll update ("the death toll from the strikes on X rose to
    # 53"): it joins the event told before whatever its sentence's time and agent
    plural: bool = False  # a definite plural ("the raids", "the strikes"): several events may
    # be meant, so it refers back only to one told at its own place
    definite: bool = False  # a definite singular event noun that refers back ("the blast",
    # "the raid"), not told as a new one ("the second attack"): told later with no day of its
    # own, it defers its sub-type to an earlier telling of its event type
    near_list: bool = False  # that list only told what the fight was near ("positions near
    # the villages of A, B and C"): an area, no battlefield of its own
    listed: int | None = None  # the place is one of a list under a plural quarter noun of its
    # sentence ("hit the districts of A, B and C"): the token of that noun


def new_event_marker(text: str) -> bool:
    """A new event is announced at the head of its sentence ("Another five people were
    killed", "It also said", "Meanwhile"); "about twenty other civilians" later in a sentence
    tells more of the same event."""
    text = " ".join(text.split())
    head = len(" ".join(text.split()[:_HEAD_WORDS]))
    return any(m.start() < head for m in _NEW_EVENT.finditer(text))


@dataclass(frozen=True)
class Rules:
    """kb/ontology.yaml `coreference`."""

    generic_nouns: frozenset[str] = frozenset()
    event_nouns: frozenset[str] = frozenset()
    rank: tuple[str, ...] = ()
    compatible: frozenset[frozenset[str]] = frozenset()
    likeness_words: frozenset[str] = frozenset()  # "a similar attack": another event like it
    carried: frozenset[str] = frozenset()  # what a delivered munition carried (chemical)
    agent_triggers: frozenset[str] = frozenset()  # "air force": in another event's agent
    # phrase, who acted in it, not an event of its own
    agent_holders: frozenset[str] = frozenset()  # "pilot": "an air force pilot" is no strike
    target_preps: frozenset[str] = frozenset()  # "at": "fired at two army helicopters"
    passing_preps: frozenset[str] = frozenset()  # "after", "since": "after the attack"
    munitions: frozenset[str] = frozenset()  # "the shells": what a delivery carried, told again
    answer_nouns: frozenset[str] = frozenset()  # "retaliation": "in retaliation for the attack"
    plural_nouns: frozenset[str] = frozenset()  # "the raids": a definite plural refers back
    quarter_nouns: frozenset[str] = frozenset()  # "districts": "the districts of A, B and C"
    quarter_list_marks: frozenset[str] = frozenset()  # "of", "including": opens such a list
    near_list_marks: tuple[tuple[str, ...], ...] = ()  # "near", "close to": the list that
    # follows under `near_list_nouns` only locates one engagement
    near_list_nouns: frozenset[str] = frozenset()  # "villages": "near the villages of A and B"
    anew_words: frozenset[str] = frozenset()  # "second", "new": "the second blast" tells
    # another event, it refers back to none
    outcomes: frozenset[str] = frozenset()  # "Non-violent transfer of territory": a withdrawal
    # told with fighting at its place is that fight's outcome
    battle_parts: frozenset[str] = frozenset()  # "Disrupted weapons use": one side's act on
    # the other's weapons, told at a battle of theirs on its day, is part of that battle
    sortie_nouns: frozenset[str] = frozenset()  # "raids": by the hand of the air strike told
    # last, more of its strikes
    blast_nouns: frozenset[str] = frozenset()  # "explosions": heard during a strike, its own
    within_preps: frozenset[str] = frozenset()  # "during": "explosions during the strikes"

    @classmethod
    def of(cls, data: dict[str, Any] | None) -> Rules:
        data = data or {}

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).casefold() for w in data.get(key, []))

        return cls(generic_nouns=words("generic_nouns"), event_nouns=words("event_nouns"),
                   rank=tuple(str(t) for t in data.get("rank", [])),
                   compatible=frozenset(frozenset(str(t) for t in pair)
                                        for pair in data.get("compatible", [])),
                   likeness_words=words("likeness_words"),
                   carried=frozenset(str(t) for t in data.get("carried", [])),
                   agent_triggers=words("agent_triggers"),
                   agent_holders=words("agent_holders"), target_preps=words("target_preps"),
                   passing_preps=words("passing_preps"),
                   answer_nouns=words("answer_nouns"), munitions=words("munitions"),
                   plural_nouns=words("plural_nouns"), quarter_nouns=words("quarter_nouns"),
                   quarter_list_marks=words("quarter_list_marks"),
                   near_list_marks=tuple(tuple(str(w).casefold().split())
                                         for w in data.get("near_list_marks", [])),
                   near_list_nouns=words("near_list_nouns"), anew_words=words("anew_words"),
                   outcomes=frozenset(str(t) for t in data.get("outcomes", [])),
                   battle_parts=frozenset(str(t) for t in data.get("battle_parts", [])),
                   sortie_nouns=words("sortie_nouns"), blast_nouns=words("blast_nouns"),
                   within_preps=words("within_preps"))


def corefer(claims: Sequence[Claim], mentions: dict[str, Mention],
            rules: Rules | None = None) -> list[Claim]:
    """The document's claims, those that tell one event recoded to one coding (see the module
    docstring). Order and ids are kept."""
    rules = rules or Rules()
    parts: dict[str, str] = {}  # a battle's part (its claim id) -> the battle's claim id
    claims = _outcomes(claims, rules, mentions, parts)
    clusters: list[list[Claim]] = []
    announced: set[int] = set()  # clusters begun by a mention told as another event
    for c in claims:
        if c.modality is not None or c.event_type not in VIOLENT_EVENT_TYPES:
            continue
        m = mentions.get(c.id, Mention())
        target = next((k for k in clusters if any(o.id == parts.get(c.id) for o in k)), None)
        order = list(reversed(clusters) if m.anaphoric else clusters)
        # the groups that tell the mention's own sub-type first ("the blast" joins the
        # bombing told before, not an air strike told between them)
        order.sort(key=lambda k: all(o.sub_event_type != c.sub_event_type for o in k))
        for cluster in () if target is not None else order:
            # a mention that referred back told nothing of its own ("those clashes near an
            # unknown hill"): the mentions that tell the event decide what else joins it
            telling = [o for o in cluster if not mentions.get(o.id, Mention()).anaphoric]
            if all(_same(o, mentions.get(o.id, Mention()), c, m, rules)
                   for o in telling or cluster):
                target = cluster
                break
        if target is None:
            clusters.append([c])
            if m.new_event and not m.anaphoric and clusters[:-1] and \
                    not any(_one_battle_day(o, c) for k in clusters[:-1] for o in k):
                announced.add(len(clusters) - 1)
        else:
            target.append(c)
    recoded: dict[str, Claim] = {}
    dropped: set[str] = set()
    for i, cluster in enumerate(clusters):
        if len(cluster) > 1:
            recoded.update((c.id, c) for c in _recode(cluster, mentions, rules))
            if any(not mentions.get(c.id, Mention()).reference for c in cluster):
                dropped.update(c.id for c in cluster if mentions.get(c.id, Mention()).reference)
        if i in announced:  # kept apart by consolidation too (see Claim.distinct)
            recoded.update((c.id, dataclasses.replace(recoded.get(c.id, c),
                                                      distinct=cluster[0].id)) for c in cluster)
    return [recoded.get(c.id, c) for c in claims if c.id not in dropped]


def _one_battle_day(a: Claim, b: Claim) -> bool:
    """Two battles of the same two sides at one place on one day: one event as ACLED codes
    battles, however the report announces the second."""
    return a.event_type == b.event_type == "Battles" and \
        a.sub_event_type == b.sub_event_type and a.place is not None and \
        _place_id(a.place) == _place_id(b.place) and a.place.geo_precision < 3 and \
        {_key(a.actor1), _key(a.actor2)} == {_key(b.actor1), _key(b.actor2)} and \
        a.actor2 is not None and a.time is not None and b.time is not None and \
        a.time.precision == b.time.precision == TimePrecision.DAY and \
        a.time.start is not None and a.time.start == b.time.start


def _outcomes(claims: Sequence[Claim], rules: Rules,
              mentions: dict[str, Mention] | None = None,
              parts: dict[str, str] | None = None) -> list[Claim]:
    """"The army withdrew from X as it faced a rebel counter-offensive": a withdrawal
    (`outcomes`) told in the sentence of a battle at its place, by one of that battle's sides,
    on its day, is the battle's outcome: it takes the battle's coding (and merges with it).
    "The troops also detonated two IS car bombs": an act of one side on the other's weapons
    (`battle_parts`), told anywhere in the report at a battle of those two sides, at its place
    (or with none of its own), on its day, is part of that battle."""
    if not rules.outcomes and not rules.battle_parts:
        return list(claims)
    mentions = mentions or {}
    out = []
    for c in claims:
        fight = None
        if c.modality is None and c.sub_event_type in rules.outcomes:
            fight = next((b for b in claims if b.sentence == c.sentence and b is not c and
                          b.modality is None and b.event_type == "Battles" and
                          _place_id(b.place) == _place_id(c.place) and
                          times_compatible(b.time, c.time) and not _unnamed(c.actor1) and
                          _key(c.actor1) in (_key(b.actor1), _key(b.actor2))), None)
        elif c.modality is None and c.sub_event_type in rules.battle_parts and \
                not _unnamed(c.actor1) and not _unnamed(c.actor2):
            own = mentions.get(c.id, Mention())
            fight = next((b for b in claims if b is not c and b.modality is None and
                          b.event_type == "Battles" and b.doc_id == c.doc_id and
                          {_key(b.actor1), _key(b.actor2)} == {_key(c.actor1), _key(c.actor2)}
                          and (own.inherited_place or _places(b.place, c.place)) and
                          times_compatible(b.time, c.time)), None)
            if fight is not None and parts is not None:  # joins that battle ("also" aside)
                parts[c.id] = fight.id
        out.append(c if fight is None else dataclasses.replace(
            c, event_type=fight.event_type, sub_event_type=fight.sub_event_type,
            plover_type=fight.plover_type, plover_mode=fight.plover_mode, actor1=fight.actor1,
            actor2=fight.actor2, assoc_actor_1=fight.assoc_actor_1,
            assoc_actor_2=fight.assoc_actor_2, place=fight.place, time=fight.time,
            background=fight.background))
    return out


# ------------------------------------------------------------------------ compatibility


def _same(a: Claim, ma: Mention, b: Claim, mb: Mention, rules: Rules) -> bool:
    """Whether b, told after a, can be the event a tells."""
    if a.sentence == b.sentence and a.trigger == b.trigger and ma.listed is not None and \
            ma.listed == mb.listed and a.sub_event_type == b.sub_event_type:
        return _actors(a, b)  # "shelled the districts of A, B and C": quarters of one town
        # listed under one noun, one event (the list is all of one province: see extract)
    # two triggers of one sentence at places of one list ("repelled an assault on its posts
    # near the villages of A, B and C"): one place, the list's
    one_list = a.sentence == b.sentence and ma.listed is not None and ma.listed == mb.listed
    if a.sentence == b.sentence and a.trigger == b.trigger and \
            _place_id(a.place) != _place_id(b.place) and not _encloses(a.place, b.place) and \
            not _apposed(a.evidence, a.place, b.place) and not _located(a, b):
        return False  # one trigger, coordinated places: split on purpose (not a town and
        # the province that only the province's name placed: "hit X city in Y countryside";
        # nor a town and a name beside it that no list joins to it: "near the X mosque in A")
    if mb.new_event and not mb.anaphoric and a.sentence != b.sentence:
        return False
    if not _types(a, ma, b, mb, rules):
        return False
    if mb.update:  # "the toll from the strikes rose to 53": the event told before, whatever
        # the day the toll was told and whoever told it
        return _places(a.place, b.place) or ma.inherited_place or mb.inherited_place
    if ma.passing or mb.passing:  # its sentence's time and agent are another act's
        return _places(a.place, b.place) or ma.inherited_place or mb.inherited_place
    if not _times(a, ma, b, mb):
        return False
    one_mention = a.sentence == b.sentence and a.trigger != b.trigger and (
        _generic(a, ma) or _generic(b, mb))
    if one_mention and "Battles" not in (a.event_type, b.event_type):
        pass  # "the air force attacked a market in the city's district of X": one mention
    elif mb.anaphoric and mb.generic and not mb.plural:
        pass  # "those killed were residents of A": the toll of the event told, wherever from
    elif any(c.event_type == "Battles" and not m.generic for c, m in ((a, ma), (b, mb))):
        # fighting spreads over an area: "clashes in Idlib province" is not the clash in one
        # of its towns, and a battle told without a place of its own may be another one,
        # unless it is told between the same two sides ("a counterattack on regime forces"
        # in the lead, "the militants attacked government positions near X" in the body)
        if _place_id(a.place) != _place_id(b.place) and not _located(a, b) and \
                not one_list and not (
                (ma.inherited_place or mb.inherited_place) and _same_sides(a, b) and
                _places(a.place, b.place)) and not (
                (ma.near_list or mb.near_list) and _same_sides(a, b) and
                _one_province(a.place, b.place)) and not (
                mb.anaphoric and _guessed(b.place) and _same_sides(a, b)):
            return False  # ("those clashes near an unknown hill": the name the gazetteer
            # lacks, placed at a guessed province, is no other battlefield)
    elif mb.plural:
        if not (mb.inherited_place or _place_id(a.place) == _place_id(b.place)):
            return False  # "the raids killed 19 in X" after "strikes across Y province": the
            # plural names X's own event, not the province-wide one it sums up
    elif not (ma.inherited_place or mb.inherited_place or _places(a.place, b.place) or
              _told_near(a, b) or _told_near(b, a) or _located(a, b) or one_list):
        return False
    if mb.anaphoric and a.event_type == b.event_type == "Battles" and (
            a.actor2 is None and b.actor2 is None or _shared_side(a, b)):
        return True  # "the fighting" told again, each time one side named (its dead), or
        # with another side beside one told ("X joined the battle against the army")
    return _actors(a, b)


def _times(a: Claim, ma: Mention, b: Claim, mb: Mention) -> bool:
    """The dates can be one day; a day told only as when the event was told ("the governor
    said on Friday that the strike killed 5") stands for that day or the day before; a
    mention that refers back ("the projectiles released a gas") with no time of its own has
    only the report's fallback date, which says nothing."""
    if mb.anaphoric and (b.time is None or not b.time.text or mb.borrowed_time):
        return True
    return times_compatible(_when(a.time, ma), _when(b.time, mb))


def _when(t: TimeExpr | None, m: Mention) -> TimeExpr | None:
    if not m.said_time or t is None or t.start is None or t.precision != TimePrecision.DAY:
        return t
    return TimeExpr(text=t.text, start=t.start - timedelta(days=1), end=t.end or t.start,
                    precision=TimePrecision.MONTH)  # a span of its own: no week's reach back


def _types(a: Claim, ma: Mention, b: Claim, mb: Mention, rules: Rules) -> bool:
    if a.sub_event_type == b.sub_event_type or \
            frozenset((a.sub_event_type, b.sub_event_type)) in rules.compatible:
        return True
    if mb.anaphoric and a.sub_event_type in rules.carried and b.event_type == a.event_type \
            and b.trigger.casefold() in rules.munitions:  # "the projectiles released a gas":
        return True  # what carried it ("the blast" is no munition that carried a gas)
    if a.sentence == b.sentence:  # "the air force attacked a market": an Attack reading too
        return _generic(a, ma) or _generic(b, mb)
    if _defers(a, ma, b, mb):
        return True
    return ma.generic or mb.generic  # "gunmen shot a man" is an Attack, told in full


def _defers(a: Claim, ma: Mention, b: Claim, mb: Mention) -> bool:
    """`b` is a definite singular event noun told after `a`'s telling that refers back to it
    ("A car bomb went off at the market ... The blast shook the windows of the old quarter": one
    event, however each noun was typed): the same event type (not a battle, which spreads
    over an area), no plural ("the strikes"), not told as what another act followed ("after
    the attack"), no new event announced ("another", "the second blast") and no day of its
    own ("the attack on Monday" may be another)."""
    return mb.definite and not ma.anaphoric and a.sentence < b.sentence and \
        a.event_type == b.event_type and a.event_type != "Battles" and not mb.plural and \
        not mb.passing and not mb.new_event and \
        (b.time is None or not b.time.text or mb.borrowed_time or
         _letters(b.time.text) not in _letters(b.evidence))  # (a day carried over is none)


def _generic(c: Claim, m: Mention) -> bool:
    return m.generic or c.sub_event_type == "Attack"


def _unnamed(ref: ActorRef | None) -> bool:
    return ref is None or not ref.text or ref.name.startswith("Unidentified")


def _key(ref: ActorRef | None) -> str:
    return "" if ref is None else (ref.id or ref.name.casefold())


def _implied(c: Claim) -> bool:
    """actor1 is the force a weapon implies, not a name the sentence gives ("an air strike hit
    the hospital": the air force of the event's country)."""
    ref = c.actor1
    return ref is not None and bool(ref.text) and not _unnamed(ref) and \
        _letters(ref.text) not in _letters(c.evidence)


def _letters(text: str) -> str:
    """"al - Assad's" as the tokens join it is "al-Assads" as written."""
    return re.sub(r"\W+", "", text.casefold())


def _actors(a: Claim, b: Claim) -> bool:
    if _key(a.actor1) == _key(b.actor1) or _unnamed(a.actor1) or _unnamed(b.actor1):
        return True
    if _one_force(a.actor1, b.actor1) and a.sub_event_type == b.sub_event_type and \
            _place_id(a.place) == _place_id(b.place) and a.place is not None and \
            b.place is not None and max(a.place.geo_precision, b.place.geo_precision) < 3:
        return True  # "the army" and its air force, one act told at one town
    if "Battles" not in (a.event_type, b.event_type) and (_implied(a) or _implied(b)):
        return True  # a guess gives way to the actor another mention names
    if "Battles" in (a.event_type, b.event_type):  # the two sides, told either way round
        return _key(a.actor1) == _key(b.actor2) and (
            b.actor1 is None or a.actor2 is None or _key(a.actor2) == _key(b.actor1))
    return False


def _one_force(a: ActorRef | None, b: ActorRef | None) -> bool:
    """One is a unit of the other as ACLED names them ("Military Forces of Syria (2000-)" and
    "Military Forces of Syria (2000-) Syrian Arab Air Force")."""
    if a is None or b is None or not a.acled_name or not b.acled_name:
        return False
    x, y = sorted((a.acled_name.casefold(), b.acled_name.casefold()), key=len)
    return x != y and y.startswith(x + " ")


def _shared_side(a: Claim, b: Claim) -> bool:
    """The two battles name one side in common (a named one)."""
    sides = {_key(r) for r in (a.actor1, a.actor2) if not _unnamed(r)}
    return any(_key(r) in sides for r in (b.actor1, b.actor2) if not _unnamed(r))


def _same_sides(a: Claim, b: Claim) -> bool:
    """Both battles name both sides, and they are the same two, in either order."""
    if any(_unnamed(r) for r in (a.actor1, a.actor2, b.actor1, b.actor2)):
        return False
    return {_key(a.actor1), _key(a.actor2)} == {_key(b.actor1), _key(b.actor2)}


def _place_id(p: GeoRef | None) -> str:
    """The gazetteer id; a name placed only in its province is the name as written (two
    unresolved villages of one province are two places), as consolidation keys it."""
    if p is None:
        return ""
    if p.geo_precision >= 3 and p.text and name_key(p.name or "") not in name_key(p.text):
        return "text:" + name_key(p.text)
    return p.place_id or name_key(p.text)


def _km(a: GeoRef, b: GeoRef) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    dy = (a.lat - b.lat) * 111.2
    dx = (a.lon - b.lon) * 111.2 * math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(dx, dy)


_NAMED_SCORE = 0.5  # a province told by its name, not a name placed only by its province


def _encloses(a: GeoRef | None, b: GeoRef | None) -> bool:
    """One of the two is a place known only as its province, the other a place within it."""
    if a is None or b is None:
        return False
    return any(wide.geo_precision >= 3 and narrow.geo_precision < 3 and bool(wide.admin1) and
               wide.admin1 == narrow.admin1 and wide.score >= _NAMED_SCORE
               for wide, narrow in ((a, b), (b, a)))  # (a village the gazetteer lacks, placed
    # at its province with a low score, is no province: "shelled X in Aleppo" stays at X)


def _one_province(a: GeoRef | None, b: GeoRef | None) -> bool:
    return a is not None and b is not None and bool(a.admin1) and a.admin1 == b.admin1


def _guessed(p: GeoRef | None) -> bool:
    """A name the gazetteer lacks, placed at a province by a guess (a low score)."""
    return p is not None and p.geo_precision >= 3 and p.score < _NAMED_SCORE


_LIST_JOIN = re.compile(r",|;|\band\b|\bor\b|&", re.I)


def _apposed(text: str, a: GeoRef | None, b: GeoRef | None) -> bool:
    """One of the two is a name the gazetteer lacks, placed at a guessed province, told beside
    a known town of that province with no list joining them ("a bomb at the X mosque in the
    centre of A", "the country's second city A"): the town's own detail, not a second place."""
    if a is None or b is None:
        return False
    for guess, town in ((a, b), (b, a)):
        if not (_guessed(guess) and town.geo_precision < 3 and guess.admin1 and
                guess.admin1 == town.admin1 and guess.text and town.text):
            continue
        i, j = text.find(guess.text), text.find(town.text)
        if i < 0 or j < 0:
            continue
        lo, hi = (i + len(guess.text), j) if i < j else (j + len(town.text), i)
        if not _LIST_JOIN.search(text[lo:hi]):
            return True
    return False


def _told_near(wide: Claim, narrow: Claim) -> bool:
    """`wide` is placed around a town, not at it ("a village near T", "north of T city", at
    geo_precision 2), and `narrow` at a named place or area whose own sentence places it by
    that same town ("the village of V near T", "tents at V to the north of T", "raids on
    parts of the V region in T province"): the text says V is the place near T that `wide`
    told, so they are one place (within `_TOLD_NEAR_KM`; not a quarter of T told by its own
    name, nor a place the wide mention's own sentence names apart)."""
    w, n = wide.place, narrow.place
    if w is not None and w.geo_precision == 1 and _said_near(wide.evidence, w.text):
        w = dataclasses.replace(w, geo_precision=2)  # (the parse lost "near": "a military
        # airfield near T killed five T Governor X said")
    if w is None or n is None or w.geo_precision != 2 or n.geo_precision > 2 or \
            not w.place_id or not n.place_id or w.place_id == n.place_id or not w.text or \
            not n.text or name_key(w.text) != name_key(w.name or "") or \
            n.geo_precision == 2 and name_key(n.text) != name_key(n.name or ""):
        return False  # (an area told by its own name, "strikes on the X plain", may be V too;
        # a quarter placed at its city's point may not)
    if _km(w, n) > _TOLD_NEAR_KM or _letters(n.text) in _letters(wide.evidence):
        return False
    told = _letters(narrow.evidence)
    at = told.find(_letters(n.text))
    return at >= 0 and told.find(_letters(w.text), at + len(_letters(n.text))) >= 0


def _said_near(text: str, name: str | None) -> bool:
    """The sentence tells its place only as what the event was near: "a strike on an airfield
    near T", "a village near the town of T"."""
    return bool(name) and re.search(
        r"\bnear\s+(?:the\s+(?:town|city|village)\s+of\s+)?" + re.escape(name or "") + r"\b",
        text) is not None


@cache
def _reference_gap() -> re.Pattern[str]:
    """What stands between a place and the town it is located by ("V, east of T", "V near
    the town of T", "V 20 km from the capital T"): kb/places.yaml cue_words `directions` and
    `distance_units`, compiled once."""
    cues = load_cue_words()

    def alt(words: frozenset[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    direction = r"(?:" + alt(cues.get("directions", frozenset())) + r")\s+of"
    return re.compile(  # "from" only after a distance: "kidnapped X from the village of T"
        r"\s*,?\s*(?:(?:(?:about|some|around|almost|nearly)\s+)?\d+(?:[.,]\d+)?\s*(?:"
        + alt(cues.get("distance_units", frozenset())) + r")\s+(?:" + direction +
        r"|from|outside)|" + direction + r"|near|outside)"
        r"\s+(?:the\s+)?(?:(?:town|city|capital|village|provincial\s+capital)\s+(?:of\s+)?)?"
        r"(?:the\s+)?", re.I)


def _located(a: Claim, b: Claim) -> bool:
    """One trigger placed at V and at T where the text tells T only to locate V ("an ambush
    near the town of V east of T", "strikes on V, 20 km from T"): one place, V (two triggers,
    "shelled V, east of T, and then shelled T", keep T as a place of its own)."""
    return _locates(a, b) is not None or _locates(b, a) is not None


def _locates(v: Claim, t: Claim) -> GeoRef | None:
    """T's place when `t`'s place is only the point `v`'s place is told from."""
    if v.sentence != t.sentence or v.doc_id != t.doc_id or v.trigger != t.trigger or \
            v.place is None or \
            t.place is None or not v.place.text or not t.place.text or \
            _place_id(v.place) == _place_id(t.place) or t.place.geo_precision >= 3:
        return None
    text = v.evidence
    at = text.find(v.place.text)
    while at >= 0:
        end = at + len(v.place.text)
        gap = _reference_gap().match(text, end)
        if gap is not None and text.startswith(t.place.text, gap.end()):
            return t.place
        at = text.find(v.place.text, end)
    return None


def _places(a: GeoRef | None, b: GeoRef | None) -> bool:
    if a is None or b is None or _place_id(a) == _place_id(b):
        return True
    if a.text and name_key(a.text) == name_key(b.text or ""):
        return True  # one name as written, resolved apart in two sentences, is one place
    for wide, narrow in ((a, b), (b, a)):  # a town of a province told only as the province
        if wide.geo_precision >= 3 and wide.admin1 and wide.admin1 == narrow.admin1:
            return True
    # two towns are two places, however near; "near X" is any place within a few km of X
    return max(a.geo_precision, b.geo_precision) >= 2 and _km(a, b) <= _NEAR_KM


def day_before_told(claims: Sequence[Claim], unreal: Sequence[Claim], said: set[str],
                    own: dict[str, TimeExpr | None]) -> list[Claim]:
    """"The toll of a car bombing rose to 40, a monitor said on Friday ... the
    rubble of Thursday's blast": an event dated only by the day it was told (`said`; no claim
    of it had that day as its own before coreference, `own`) takes the day before when a
    mention of its kind that the report codes as no event (unlikely, threatened: "vowed revenge
    for Thursday's strike") names that day as its own, at no other place."""
    out = list(claims)
    for c in claims:
        t = c.time
        if c.id not in said or c.modality is not None or t is None or t.start is None or \
                t.precision != TimePrecision.DAY:
            continue
        key = (c.sub_event_type, _place_id(c.place), t.start, t.text)
        group = [j for j, o in enumerate(claims) if o.time is not None and
                 (o.sub_event_type, _place_id(o.place), o.time.start, o.time.text) == key]
        if any(claims[j].id not in said and (k := own.get(claims[j].id)) is not None and
               k.precision == TimePrecision.DAY and k.start == t.start for j in group):
            continue  # a mention of it told that day as its own
        day = t.start - timedelta(days=1)
        told = next((u.time for u in unreal if u.event_type == c.event_type and
                     u.id not in said and u.time is not None and u.time.text and
                     u.time.precision == TimePrecision.DAY and u.time.start == day and
                     _places(c.place, u.place)), None)
        if told is None:
            continue
        for j in group:
            out[j] = dataclasses.replace(out[j], time=told)
    return out


# ------------------------------------------------------------------------ one coding


def _seat(p: GeoRef) -> bool:
    """The place is the seat its district or province is named after (the city of X in X
    district): a city a report names for the area around it."""
    return bool(p.name) and name_key(p.name or "") in {
        name_key(a) for a in (p.admin2, p.admin1) if a}


def _holds(p: GeoRef, named: list[GeoRef]) -> bool:
    """`p` is a city another named place of the event lies in (the lead's "near the city of
    X", the body's town of X district): the finer place codes the event."""
    return _seat(p) and p.geo_precision < 3 and any(
        q is not p and q.geo_precision == 1 and _place_id(q) != _place_id(p) and
        not _seat(q) and bool(q.admin2) and q.admin2 == p.admin2 for q in named)


def _rank(t: TimeExpr | None) -> int:
    if t is None or t.start is None or t.precision == TimePrecision.UNKNOWN:
        return 99
    return int(t.precision)


def _recode(cluster: list[Claim], mentions: dict[str, Mention], rules: Rules
            ) -> list[Claim]:
    def m(c: Claim) -> Mention:
        return mentions.get(c.id, Mention())

    # a mention that refers back ("the blast", "those killed") tells nothing new of the event
    # ("the raids killed 19": a definite plural still names the weapon, so it may code the event)
    telling = [c for c in cluster if (not m(c).anaphoric or m(c).plural) and
               not m(c).embedded] or cluster
    specific = [c for c in telling if not _generic(c, m(c))]
    rank = {t: i for i, t in enumerate(rules.rank)}
    anchor = min(specific, key=lambda c: rank.get(c.sub_event_type, len(rank))) \
        if specific else telling[0]
    ordered = [anchor, *(c for c in telling if c is not anchor)]
    actor1 = next((c.actor1 for c in ordered if not _unnamed(c.actor1) and not _implied(c)),
                  None) or next((c.actor1 for c in ordered if not _unnamed(c.actor1)),
                                anchor.actor1)
    actor2 = anchor.actor2 if _key(anchor.actor2) != _key(actor1) else None
    if actor2 is None or not actor2.text:  # a default target ("killed five": civilians)
        # gives way to the target another sentence's full telling names ("the Syrian
        # military airfield"), not to another reading of its own sentence
        actor2 = next((c.actor2 for c in ordered if c.actor2 is not None and
                       c.actor2.text and _key(c.actor2) != _key(actor1) and
                       c.sentence != anchor.sentence and not _generic(c, m(c))), None) or actor2
    if actor2 is None:
        actor2 = next((c.actor2 for c in ordered if c.actor2 is not None and
                       _key(c.actor2) != _key(actor1)), None)
    named = [c.place for c in telling if c.place is not None and not m(c).inherited_place]
    # "the car bomb went off in the village of A": a mention that refers back may still say
    # where, within the province already told
    provinces = {p.admin1 for p in named if p.admin1}
    named += [c.place for c in cluster if m(c).anaphoric and c.place is not None and
              not m(c).inherited_place and c.place.admin1 in provinces]
    # "a village near T" gives way to "the village of V near T": the place the text names
    near = {id(w.place) for w in telling for n in telling if _told_near(w, n)}
    near |= {id(t.place) for v in telling for t in telling if _locates(v, t) is not None}
    named = [p for p in named if id(p) not in near] or named
    # "positions near the villages of A, B and C": the list gives way to a place told alone
    listed = {id(c.place) for c in telling if m(c).near_list}
    named = [p for p in named if id(p) not in listed] or named
    place = anchor.place
    if named:  # a town before its province or its city, then the place told most often, first
        counts: dict[str, int] = {}
        for p in named:
            counts[_place_id(p)] = counts.get(_place_id(p), 0) + 1
        coarse = {id(p) for p in named if _holds(p, named)}  # a town before its city
        place = max(named, key=lambda p: (p.geo_precision < 3, id(p) not in coarse,
                                          counts[_place_id(p)]))
    # the most precise date; the day an event happened before the day it was told; a mention
    # that refers back may still say when ("the attacks occurred on June 28")
    dated = [*ordered, *(c for c in cluster if c not in ordered and m(c).anaphoric and
                         c.time is not None and c.time.text and not m(c).said_time and
                         not m(c).borrowed_time)]
    timed = min(dated, key=lambda c: (_rank(c.time), m(c).said_time))
    assoc = tuple(dict.fromkeys(a for c in ordered for a in c.assoc_actor_1
                                if _key(a) != _key(actor1)))
    return [dataclasses.replace(
        c, event_type=anchor.event_type, sub_event_type=anchor.sub_event_type,
        plover_type=anchor.plover_type, plover_mode=anchor.plover_mode, actor1=actor1,
        actor2=actor2, assoc_actor_1=assoc, place=place, time=timed.time,
        background=timed.background) for c in cluster]
