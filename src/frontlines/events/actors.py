"""Actor roles of a frame: references from mentions, anaphora and the discourse of the report.

A sentence without a named actor takes it from the discourse: a pronoun or a definite generic
("it", "the group", "its members") from the subject of the clause that governs it, then from the
last named agent; "the latter" / "the former" from the last coordinated pair; a definite event
noun without actors ("The clashes erupted in ...") continues the last battle's pair. An
indefinite new group ("a large faction") stays unnamed.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from frontlines.errors import KnowledgeBaseError
from frontlines.events.ontology import VIOLENT_EVENT_TYPES, Ontology
from frontlines.events.roles import Frame, actor_candidates, is_backer
from frontlines.events.sentence import Span, View
from frontlines.model import ActorRef, Claim

__all__ = ["ActorResolver", "Discourse", "fill_opponents"]

_ASIDE = frozenset({",", "operating", "operate", "operates", "which", "who", "that"})
# where a side named by a common noun stands, most telling first ("after": a governed fight's)
_GENERIC_SIDES = ("with", "against", "between", "after", "object", "on")
_WITH_GROUP = frozenset({"including", "and", "among", "them", "alongside", "the"})
_AIR = "Air/drone strike"
_GROUND = "Shelling/artillery/missile attack"


# the catch-alls ACLED names after a country ("Protesters (Lebanon)"): `ActorResolver.default`
_CATCH_ALL_KINDS = frozenset({"protesters", "rioters", "civilians", "unidentified"})
_CATCH_ALL_IDS = {"protesters": "protesters", "rioters": "rioters", "civilians": "civilians",
                  "unidentified-armed-group": "unidentified"}
_ORGANISATION_KINDS = frozenset({"rebel group", "political militia", "pro-government militia",
                                 "identity militia"})  # kb actor kinds of armed organisations
_FORCE_KINDS = frozenset({"state forces", "external forces", "police"})  # and of states' forces


class ActorKnowledge(Protocol):
    """What the events stage asks of the actor knowledge base (`frontlines.actors.KnowledgeBase`
    provides it; events does not import actors). Lookups that cannot answer raise
    `KnowledgeBaseError`."""

    def get(self, actor_id: str) -> Any | None: ...
    def in_country(self, actor: Any, country: str | None) -> Any: ...
    def is_generic(self, text: str) -> bool: ...
    def is_demonym(self, text: str) -> bool: ...
    def inter_in(self, actor: Any, country: str | None) -> int: ...
    def generic_fallback(self, text: str, country: str | None = None,
                         elsewhere: bool = True) -> Any | None: ...
    def service_fallback(self, text: str, country: str | None = None) -> Any | None: ...
    def country_code(self, country: str | None) -> str | None: ...
    def generic_actor(self, template: str, country: str | None = None) -> Any: ...
    def unidentified(self, country: str | None = None) -> Any: ...
    def dated_name(self, acled_name: str | None, on: date | None) -> str | None: ...
    def acled_name_in(self, actor: Any, country: str | None) -> str: ...
    def parents(self, actor_id: str, on: date | None = None) -> list[Any]: ...


@dataclass
class Discourse:
    """What the report has said so far: the last named agent, the last pair, who leads."""

    last_actor: ActorRef | None = None
    last_pair: tuple[ActorRef, ActorRef] | None = None
    agents: Counter[str] = field(default_factory=Counter)
    opponents: dict[str, ActorRef] = field(default_factory=dict)

    def note_agent(self, ref: ActorRef) -> None:
        self.last_actor = ref
        self.agents[_key(ref)] += 1

    def note_pair(self, a: ActorRef, b: ActorRef) -> None:
        if _key(a) == _key(b):
            return
        self.last_pair = (a, b)
        self.opponents[_key(a)] = b
        self.opponents[_key(b)] = a

    def order(self, a: ActorRef, b: ActorRef) -> tuple[ActorRef, ActorRef]:
        """The pair of a symmetric event ("clashes between A and B"), the report's leading
        agent first."""
        return (b, a) if self.agents[_key(b)] > self.agents[_key(a)] else (a, b)


def _lost_apostrophe(words: list[str]) -> int | None:
    """The index of a capitalised word ending in "s" that only lower-case words follow ("Assads
    forces", "ISILs security forces"): a possessive whose apostrophe the text lost; else None."""
    for k in range(len(words) - 2, -1, -1):
        word = words[k]
        if not all(w[:1].islower() for w in words[k + 1:]):
            return None
        if word[:1].isupper() and word.endswith("s") and not word.endswith("ss") and len(word) > 2:
            return k
    return None


def _plural(phrase: str) -> str:
    """The phrase with its last word in the plural ("a police officer" -> "a police
    officers", "a policeman" -> "a policemen")."""
    if phrase.endswith("man"):
        return phrase[:-3] + "men"
    return phrase if phrase.endswith("s") else phrase + "s"


def _key(ref: ActorRef) -> str:
    return ref.id or ref.name.casefold()


class ActorResolver:
    """Turns actor mentions into ActorRefs using the knowledge base when there is one."""

    def __init__(self, kb: ActorKnowledge | None, ontology: Ontology) -> None:
        self.kb = kb
        self.ontology = ontology
        self.country: str | None = None  # the report's country: "government forces" are its
        # whether a place's country may name a catch-all or a localized actor (an event at a
        # far town the text gives no reason for takes the report's country as its trusted
        # places, names or provinces give it: `report_country.trusted_countries`)
        self.trusted: Callable[[str], bool] = lambda _cc: True
        self.catch_all_country: str | None = None

    def trusted_catch_all(self, ref: ActorRef | None) -> ActorRef | None:
        """A catch-all of a country the text gives no reason for (`trusted`: a far town that
        stood as a place because it is big) is the report's catch-all instead."""
        if ref is None or not ref.id:
            return ref
        prefix, _, iso = ref.id.rpartition("-")
        kind = _CATCH_ALL_IDS.get(prefix)
        service = self.kb.world_service_role(ref.id) if kind is None and self.kb else None
        if (kind or service) is None or len(iso) != 2 or self.trusted(iso.upper()):
            return ref
        if service is not None and self.kb is not None:  # so is the police of a country only
            # the world table knows: the report's trusted country's, else the kb default's
            home = self.country if self.country and self.trusted(self.country) else None
            try:
                actor = self.kb.generic_actor(service, home)
            except KnowledgeBaseError:
                return ref
            return ActorRef(id=actor.id, name=actor.name, text=ref.text,
                            acled_name=actor.acled_name, inter=actor.inter)
        return dataclasses.replace(self.default(kind, None), text=ref.text)

    def ref(self, span: Span) -> ActorRef | None:
        m = span.mention
        actor = None
        if m.ref and self.kb is not None:
            try:
                actor = self.kb.get(m.ref)
            except KnowledgeBaseError:
                actor = None
        if actor is not None:
            actor = self.kb.in_country(actor, self.country)
        if actor is not None:
            return ActorRef(id=actor.id, name=actor.name, text=m.text,
                            acled_name=getattr(actor, "acled_name", None),
                            inter=getattr(actor, "inter", None))
        if m.ref is None and self.is_generic(m.text):
            return None
        return ActorRef(id=m.ref, name=m.label or m.text, text=m.text)

    def is_generic(self, text: str) -> bool:
        kb = self.kb
        if kb is not None:
            try:
                return bool(kb.is_generic(text))
            except KnowledgeBaseError:
                return False
        return False

    def names_people(self, word: str) -> bool:
        """"a Palestinian", "two Iraqis": a word for a country's people, so civilians."""
        kb = self.kb
        return kb is not None and bool(kb.is_demonym(word))

    def refs(self, spans: list[Span]) -> list[ActorRef]:
        out: list[ActorRef] = []
        for s in spans:
            r = self.ref(s)
            if r is not None and all(_key(r) != _key(o) for o in out):
                out.append(r)
        return out

    def inter_in(self, ref: ActorRef, country: str | None) -> int | None:
        """ACLED inter code of an actor in an event in `country` (state forces abroad: 8)."""
        kb = self.kb
        if ref.id and kb is not None:
            try:
                actor = kb.get(ref.id)
                if actor is not None:
                    return int(kb.inter_in(actor, country))
            except KnowledgeBaseError:
                pass
        return ref.inter

    def names_organisation(self, ref: ActorRef | None, forces: bool = False) -> bool:
        """An armed organisation the text names (a kb group or militia, by its name or an
        alias: "the Lions Battalion", "JaS"; with `forces`, also a state's forces named by their
        country: "Kenyan troops"), not a catch-all nor a common noun alone ("militants")."""
        if self.kb is None or ref is None or not ref.id or not ref.text or \
                self.is_generic(ref.text) or ref.id.rpartition("-")[0] in _CATCH_ALL_IDS:
            return False
        try:
            actor = self.kb.get(ref.id)
        except KnowledgeBaseError:
            return False
        kind = getattr(actor, "kind", None)
        return kind in _ORGANISATION_KINDS or (forces and kind in _FORCE_KINDS)

    def governs(self, ref: ActorRef) -> bool:
        """A government (its officials, ministers, diplomats), not a force."""
        if self.kb is None or not ref.id:
            return False
        try:
            actor = self.kb.get(ref.id)
        except KnowledgeBaseError:
            return False
        return getattr(actor, "kind", None) == "government"

    def generic(self, text: str, country: str | None, services: bool = True,
                elsewhere: bool = True) -> ActorRef | None:
        """An agent named by a common noun ("unidentified gunmen", "regime soldiers"), as the
        knowledge base's generic actor for the country, if it knows the words (a word whose
        catch-all is another country's, "jihadists" outside Syria, only with `elsewhere`)."""
        kb = self.kb
        if kb is None:
            return None
        try:
            actor = self._state_named(text)  # "The US launched missiles": its military
            words = text.split()
            k = _lost_apostrophe(words)
            plain = kb.generic_fallback(text, country, elsewhere=elsewhere) if actor is None \
                else None
            if actor is None and k is not None:
                # "Assads forces", "ISILs security forces": a name whose apostrophe the text
                # lost owns the common nouns after it (before they fall back on a service)
                actor = kb.generic_fallback(
                    " ".join([*words[:k], words[k][:-1], *words[k + 1:]]), country,
                    elsewhere=elsewhere)
                name = " ".join([*words[:k], words[k][:-1]])
                if (actor is None or getattr(actor, "id", None) == getattr(plain, "id", None)) \
                        and not kb.is_generic(name):
                    actor = kb.generic_fallback(name, country, elsewhere=elsewhere) or actor
            if actor is None:
                actor = plain
            unknown = {w.casefold() for w in text.split()} & self.ontology.unknown_words
            if actor is None and services and not unknown:  # (but "unidentified drones" are
                actor = kb.service_fallback(text, country)  # nobody's known) "police", "guards"
        except KnowledgeBaseError:
            return None
        if actor is None:
            return None
        return ActorRef(id=actor.id, name=actor.name, text=text,
                        acled_name=getattr(actor, "acled_name", None),
                        inter=getattr(actor, "inter", None))

    def _state_named(self, text: str) -> Any | None:
        """A country named as the agent ("Turkey shelled", "the US launched") stands for its
        military."""
        kb = self.kb
        words = text.split()
        if words and words[0].casefold() == "the":
            words = words[1:]
        name = " ".join(words)
        if not name or not name[0].isupper():
            return None
        # "Turkey and Russia ran a joint patrol": countries named together, the first
        # named leads (as with "Kenyan and Somali troops")
        names = [n.strip() for n in re.split(r",|\band\b|&", name) if n.strip()]
        codes = [_country_code(kb, n) for n in names]
        if len(names) < 2 or None in codes:
            codes = [_country_code(kb, name)]
        iso = codes[0]
        if iso is None:
            return None
        try:
            return kb.generic_actor("military", iso)
        except KnowledgeBaseError:
            return None

    def acting(self, ref: ActorRef | None, event_type: str) -> ActorRef | None:
        """A government named as doing violence ("the Assad regime bombed") is coded as its
        military, as ACLED codes who carries it out."""
        kb = self.kb
        if ref is None or not ref.id or event_type not in VIOLENT_EVENT_TYPES or kb is None:
            return ref
        try:
            actor = kb.get(ref.id)
            if actor is None or actor.kind != "government" or not actor.country or \
                    kb.generic_actor("government", actor.country).id != actor.id:
                return ref  # (a regional or rival government has no state military)
            force = kb.generic_actor("military", actor.country)
        except KnowledgeBaseError:
            return ref
        return ActorRef(id=force.id, name=force.name, text=ref.text,
                        acled_name=getattr(force, "acled_name", None),
                        inter=getattr(force, "inter", None))

    def target_force(self, view: View, frame: Frame, besides: ActorRef | None = None,
                     unless: Callable[[ActorRef], bool] | None = None) -> ActorRef | None:
        """The first of `_target_forces` that is not `besides` (actor1) nor one `unless`
        rules out (a demonstration's own crowd: "clashes between protesters and soldiers")."""
        for found in self._target_forces(view, frame):
            if (besides is None or _key(found) != _key(besides)) and \
                    (unless is None or not unless(found)):
                return found
        return None

    def _target_forces(self, view: View, frame: Frame) -> Iterator[ActorRef]:
        """State forces named as the target by their service ("four soldiers were killed",
        "attacked a police checkpoint"): that service of the report's country; else people
        taken or harmed ("arrested five traders"): its civilians; else a side named by a
        common noun the knowledge base knows ("captured X after clashes with the rebels":
        Opposition Rebels of the report's country)."""
        kb = self.kb
        if kb is None:
            return
        for o in frame.objects:
            tokens = sorted(view.subtree(o, stop={"relcl", "acl", "prep", "appos", "conj"}))
            phrase = " ".join(view.tokens[j].text for j in tokens)
            try:  # the services are listed by their plural ("a soldier": "soldiers")
                actor = kb.service_fallback(phrase, self.country) or \
                    kb.service_fallback(_plural(phrase), self.country)
            except KnowledgeBaseError:
                actor = None
            if actor is not None:
                yield ActorRef(id=actor.id, name=actor.name, text=phrase,
                               acled_name=getattr(actor, "acled_name", None),
                               inter=getattr(actor, "inter", None))
        civilian = self.ontology.civilian_words
        crowd = self.ontology.protest_words  # a demonstration's own crowd is no target of it

        def people(j: int) -> bool:
            word = view.word(j)
            return (word in civilian or (word.endswith("s") and word[:-1] in civilian) or
                    self.names_people(view.tokens[j].text)) and \
                word not in self.ontology.combatant_words and word not in crowd

        for o in frame.objects:  # "arrested five traders", "killed a farmer": people, so
            if people(o):  # ACLED's civilians of the country
                yield self.default("civilians", self.country)
        for o in frame.objects:  # "looted civilians' crops", "burned villagers' houses"
            if any(people(c) for c in view.deps(o, "poss")):
                yield self.default("civilians", self.country)
        sites = self.ontology.civilian_site_words | self.ontology.civilian_property_words
        remote = frame.event.event_type in ("Explosions/Remote violence", "Riots")
        for key in ("object", "on") if remote else ():  # "an IED targeted a house", "a
            phrases = frame.generic_sides.get(key, [])  # strike on a bus", "rioters torched
            if any(self.generic(p, self.country) is not None for p in phrases):  # a bank":
                continue  # no owner named ("a rebel truck": the rebels'), so civilians'
            for phrase in phrases:
                if phrase.split()[-1].casefold() in sites:
                    yield self.default("civilians", self.country)
        if remote and self._outcome_sites(view, frame, sites):
            yield self.default("civilians", self.country)  # ", damaging a school": the same
        for key in _GENERIC_SIDES:  # "clashed with the rebels", "after fighting with militants"
            for phrase in frame.generic_sides.get(key, []):
                found = self.generic(phrase, self.country)
                if found is not None:
                    yield found

    @staticmethod
    def _outcome_sites(view: View, frame: Frame, sites: frozenset[str]) -> bool:
        """A participle of the event's outcome ("struck X, damaging a school", "carried out
        strikes on X, destroying two homes") whose object is what people own or gather at,
        with no owner named."""
        for t in {frame.pred, frame.match.head}:
            for v in view.children[t]:
                if view.tokens[v].tag != "VBG" or \
                        view.tokens[v].dep not in ("advcl", "acl", "xcomp"):
                    continue
                for o in view.deps(v, "dobj"):
                    heads = [o, *(c for c in view.subtree(o) if view.tokens[c].dep == "conj")]
                    if any(view.word(h) in sites and not view.deps(h, "poss") for h in heads):
                        return True
        return False

    def default(self, kind: str, country: str | None) -> ActorRef:
        """A generic actor ("Unidentified Armed Group (Iraq)", "Protesters (Iraq)"). Its country
        is `country` (the event's place's); when the place gives none, the report's country
        (from the places and actors it names); when the report names none either, every
        catch-all alike takes the knowledge base's default country."""
        country = (country if country and self.trusted(country) else None) or (
            self.catch_all_country if kind in _CATCH_ALL_KINDS else self.country)
        if kind == "unidentified" and self.kb is not None:
            try:
                actor = self.kb.unidentified(country)
                if actor is not None:
                    return ActorRef(id=actor.id, name=actor.name, text="",
                                    acled_name=getattr(actor, "acled_name", None),
                                    inter=getattr(actor, "inter", None))
            except KnowledgeBaseError:
                pass
        if kind != "unidentified" and self.kb is not None:
            try:  # the knowledge base knows every country's catch-alls ("Protesters (Kenya)")
                actor = self.kb.generic_actor(kind, country)
                return ActorRef(id=actor.id, name=actor.name, text="",
                                acled_name=getattr(actor, "acled_name", None),
                                inter=getattr(actor, "inter", None))
            except KnowledgeBaseError:
                pass
        spec = self.ontology.default_actors.get(kind) or {"name": kind.title() + " ({country})"}
        where = self.ontology.countries.get(country or "", country or "")
        name = str(spec["name"]).format(country=where).replace(" ()", "")
        return ActorRef(id=None, name=name, text="", acled_name=name, inter=spec.get("inter"))

    def dated(self, ref: ActorRef | None, on: date | None, country: str | None = None
              ) -> ActorRef | None:
        """An actor as ACLED names it in an event in `country` on `on`: "Islamic State (Iraq)"
        in Iraq, the Global Coalition for US forces where ACLED codes them so, a state actor
        with the government period in power on `on`."""
        if ref is None:
            return ref
        ref = self.localized(ref, country)
        if on is None or self.kb is None:
            return ref
        name = self.kb.dated_name(ref.acled_name, on)
        return ref if name == ref.acled_name else dataclasses.replace(ref, acled_name=name)

    def localized(self, ref: ActorRef, country: str | None) -> ActorRef:
        """`ref` with ACLED's name for it in an event in `country` (knowledge base actors)."""
        kb = self.kb
        if country and not self.trusted(country):
            country = self.catch_all_country
        if not country or not ref.id or kb is None:
            return ref
        if ref.id.startswith("civilians-") and ref.text and \
                set(kb.countries_of_peoples(ref.text)) == {ref.id[-2:].upper()}:
            return ref  # "two Chinese workers": civilians of their people wherever they are
        try:
            actor = kb.get(ref.id)
            other = kb.elsewhere_actor(actor, country) if actor is not None else None
            if other is not None and self.country != actor.country:  # "opposition fighters"
                # outside Syria, in a report not about Syria: the country's catch-all
                return ActorRef(id=other.id, name=other.name, text=ref.text,
                                acled_name=other.acled_name, inter=other.inter)
            name = kb.acled_name_in(actor, country) if actor is not None else None
        except KnowledgeBaseError:
            return ref
        return ref if not name or name == ref.acled_name else \
            dataclasses.replace(ref, acled_name=name)

    def umbrella(self, view: View, span: Span, across: bool = True, last: bool = False
                 ) -> Span | None:
        """The operation or command a named group fights under ("SNA fighters operating as part
        of Operation Peace Spring"), if the sentence says so right after it, or after the
        groups named with it ("X, including Y, operating as part of Z")."""
        return self.umbrella_after(view, span.last, across, last)

    def umbrella_after(self, view: View, end: int, across: bool = True, last: bool = False
                       ) -> Span | None:
        """The umbrella told right after token `end` (see `umbrella`): also after an agent
        named by a common noun ("pro-Turkish rebel forces that operate as part of Z")."""
        inside = {k for a in view.actors for k in a.tokens} if across else set()
        j = end + 1
        while j < len(view.tokens) and (view.word(j) in self.ontology.umbrella_skip or
                                        view.word(j) in _WITH_GROUP or j in inside or
                                        self.is_generic(view.tokens[j].text)):
            j += 1  # ("X and rebel factions, operating under Y": X and the factions)
        if last and not {view.word(k) for k in range(end + 1, j)} & _ASIDE:
            return None  # "clashes between X and Y as part of Z": Z is the whole fight's
        for phrase in self.ontology.umbrella_phrases:
            words = [view.word(k) for k in range(j, min(j + len(phrase), len(view.tokens)))]
            if tuple(words) != phrase:
                continue
            start = j + len(phrase)
            return next((a for a in view.actors if start <= a.first <= start + 1), None)
        return None

    def _state_alone(self, view: View, spans: list[Span], found: list[Span | None]
                     ) -> Span | None:
        """The state force an agent phrase names alone before its umbrella ("Turkish troops
        operating as part of Z seized X"): a state's military acts as itself, the operation
        associated. Named with other groups ("Turkish troops and rebel factions operating
        under Z") the umbrella leads them all."""
        umbrellas = {(u.first, u.last) for u in found if u is not None}
        own = [(s, u) for s, u in zip(spans, found, strict=True)
               if (s.first, s.last) not in umbrellas]
        if len(own) != 1 or own[0][1] is None:
            return None
        span, umbrella = own[0]
        ref = self.ref(span)
        if ref is None or ref.inter != 1:
            return None
        phrase = {w for p in self.ontology.umbrella_phrases for w in p}
        between = [view.word(k) for k in range(span.last + 1, umbrella.first)]
        if any(w in _WITH_GROUP - {"the"} or (w not in phrase and
                                             w not in self.ontology.umbrella_skip and
                                             self.is_generic(w)) for w in between):
            return None
        inside = {k for a in view.actors for k in a.tokens}
        if any(k in inside for k in range(span.last + 1, umbrella.first)):
            return None
        return span

    def side_after_umbrella(self, view: View, spans: list[Span]
                            ) -> tuple[Span, Span] | None:
        """(umbrella, other side) of "between A and B which operate under U and C": the groups
        named before the umbrella fight under it as one side, and the group joined to it by
        "and" is the other side."""
        if len(spans) < 2:
            return None
        u = self.umbrella(view, spans[-1], across=False, last=True)
        if u is None or self.ref(u) is None:
            return None
        after = next((a for a in view.actors if a.first > u.last), None)
        if after is None or after in spans:
            return None
        words = [view.word(k) for k in range(u.last + 1, after.first)]
        return (u, after) if words in (["and"], ["and", "the"]) else None

    def with_umbrella(self, view: View, spans: list[Span], sides: bool = False
                      ) -> tuple[list[Span], list[Span]]:
        """(actors, associated): umbrellas take the lead, the named groups become associated.

        One agent phrase fights under one umbrella ("Turkish and pro-Turkish fighters,
        including X, operating as part of Y": Y leads, the rest is associated). In a list of
        `sides` ("between A and B, which operate under Y, and C") the umbrella takes the groups
        named before it, up to the previous umbrella, as one side."""
        found = [self.umbrella(view, s, across=not sides, last=sides and s is spans[-1])
                 for s in spans]
        found = [u if u is not None and self.ref(u) is not None else None for u in found]
        if not any(found):
            return list(spans), []
        if not sides:
            lead = [u for u in found if u is not None][:1]
            own = self._state_alone(view, spans, found)
            if own is not None:  # "Turkish troops operating as part of Z": the troops
                return [own], [*lead, *(s for s in spans if s not in lead and s is not own)]
            return lead, [s for s in spans if s not in lead]
        lead: list[Span] = []
        assoc: list[Span] = []
        pending: list[Span] = []
        umbrellas = {(u.first, u.last) for u in found if u is not None}
        for s, u in zip(spans, found, strict=True):
            if (s.first, s.last) in umbrellas:
                continue  # the umbrella itself, named in the list after the groups under it
            if u is None:
                pending.append(s)
                continue
            if len(spans) > 2:  # three named for two sides: the ones before share the umbrella
                assoc.extend(pending)
            else:
                lead.extend(pending)
            pending = []
            lead.append(u)
            assoc.append(s)
        lead.extend(pending)
        return lead, assoc

    def with_owners(self, view: View, spans: list[Span]) -> tuple[list[Span], list[Span]]:
        """(actors, associated): a unit named as its parent force's ("the PMF's Badr brigade",
        "the army's 5th Corps") is coded, as ACLED codes it, as the parent, the unit associated;
        only where the knowledge base makes the unit a member of the owner. A unit ACLED names
        as a sub-actor, "Military Forces of X (period) Republican Guard", is its own, and it
        stands for its owner named with it: "the regime's Air Force Intelligence" is the
        intelligence branch, not the regime's whole force."""
        lead: list[Span] = []
        units: list[Span] = []
        named_by_branch: set[int] = set()
        for span in spans:
            owner, sub_actor = self._owner(view, span)
            if owner is None:
                lead.append(span)
            elif sub_actor:
                lead.append(span)
                named_by_branch.add(owner.first)
            else:
                lead.append(owner)
                units.append(span)
        if named_by_branch:
            lead = [s for s in lead if s.first not in named_by_branch]
        return lead, units

    def _owner(self, view: View, span: Span) -> tuple[Span | None, bool]:
        """The actor named as `span`'s possessor, when the knowledge base makes `span`'s actor
        a member of it, and whether `span`'s ACLED name extends the owner's (a sub-actor)."""
        kb = self.kb
        unit = self.ref(span)
        if kb is None or unit is None or not unit.id:
            return None, False
        for other in view.actors:
            if other.last >= span.first or not any(
                    view.tokens[j].dep == "poss" and view.head(j) in span.tokens
                    for j in other.tokens):
                continue
            owner = self.ref(other)
            try:
                parents = {p.id for p in kb.parents(unit.id)}
            except KnowledgeBaseError:
                return None, False
            if owner is None or owner.id not in parents:
                return None, False
            sub_actor = bool(owner.acled_name) and \
                (unit.acled_name or "").startswith(owner.acled_name or "")
            return other, sub_actor
        return None, False

    # ------------------------------------------------------------------ combined arms

    def combined_arms(self, view: View, frames: list[Frame],
                      pairs: list[tuple[Frame, Claim]], on: date | None
                      ) -> list[tuple[Frame, Claim]]:
        """An air strike told with ground fire (shelling, artillery, rockets) by a state's
        whole military is coded, as ACLED codes it, to that military, not to its air branch:
        the air force is one arm of the force acting ("regime warplanes struck X amid regime
        ground forces shelling the town": Military Forces of Syria). The forces of the event's
        own state lead over a foreign air force striking beside them, which is associated
        ("Russian warplanes struck X in conjunction with shelling by regime forces")."""
        kb = self.kb
        if kb is None or not any(c.sub_event_type == _AIR for _, c in pairs):
            return pairs
        air_frames = [f for f, c in pairs if c.sub_event_type == _AIR]
        air_agents = {j for f in air_frames for s in f.subject for j in s.tokens}
        air_subjects = set(air_agents)
        air_agents |= {j for f in air_frames for o in f.objects  # (nor what it hit: "bombed
                       for j in view.subtree(o)}  # a regime missile base")
        ground: set[str] = set()  # whole militaries named as firing from the ground
        for f in frames:
            if f.event.sub_event_type != _GROUND:
                continue
            heads = {f.pred, f.match.head}
            h = f.match.head
            if view.tokens[h].dep in ("compound", "amod") and \
                    view.word(view.head(h)) in self.ontology.fire_nouns:
                heads.add(view.head(h))  # "rocket fire by X" (not "a missile base": no fire)
            if view.tokens[h].dep == "pobj" and view.word(view.head(h)) == "with":
                heads.add(view.head(view.head(h)))  # "X pounded the area with artillery"
            told = f.subject if view.tokens[f.match.head].pos == "VERB" else []
            before = [a for a in view.actors if a.last == h - 1 and  # "regime ground forces
                      view.tokens[h].tag == "VBG" and not set(a.tokens) & air_subjects]  # shelling
            told = [*told, *before]  # (the subject of a shelling verb fires from the ground,
            spans = [a for a in [*told, *view.actors] if not _backed(view, a) and (  # also
                a in told or (not set(a.tokens) & air_agents and _fires(view, a, heads)))]
            # where the parser hung an air strike's noun on that verb too)
            ground.update(r.id for r in self.refs(spans) if r.id and self.whole_military(r.id))
        if not ground:
            return self._own_air_leads(view, frames, pairs, on)
        out: list[tuple[Frame, Claim]] = []
        for f, c in pairs:
            if c.sub_event_type == _AIR and c.actor1 is not None and c.actor1.id:
                c = self._armed_as_one(c, ground, on)
            out.append((f, c))
        joint = {(c.actor1.acled_name, _where(c)) for _, c in out
                 if c.sub_event_type == _AIR and c.actor1 is not None and c.actor1.id in ground}
        # the ground fire of a joint strike is an arm of that one event, not one of its own
        return [(f, c) for f, c in out if not (
            c.sub_event_type == _GROUND and c.actor1 is not None and
            (c.actor1.acled_name, _where(c)) in joint)]

    def _own_air_leads(self, view: View, frames: list[Frame],
                       pairs: list[tuple[Frame, Claim]], on: date | None
                       ) -> list[tuple[Frame, Claim]]:
        """A foreign air force striking beside the event's own state's air strikes ("Russian
        warplanes struck X amid regime barrel bombs", "... as regime helicopters bombed the
        town") is coded, as ACLED codes it, to the own state's air arm (its actor with the
        `air-force` role, else its military), the foreign force associated; not where the
        own state's strike is placed elsewhere."""
        kb = self.kb
        placed = {id(f): _where(c) for f, c in pairs}
        own: dict[str, dict[str, set[str | None]]] = {}  # ISO -> actor id -> its places
        for f in frames:
            if f.event.sub_event_type != _AIR:
                continue
            for r in self.refs(f.subject):
                actor = kb.get(r.id) if kb is not None and r.id else None
                if actor is not None and actor.inter == 1 and actor.country:
                    places = own.setdefault(actor.country, {}).setdefault(actor.id, set())
                    if id(f) in placed:
                        places.add(placed[id(f)])
        if not own:
            return pairs
        out: list[tuple[Frame, Claim]] = []
        led: dict[str | None, ActorRef] = {}  # place -> the own air arm that leads there
        for f, c in pairs:
            if c.sub_event_type == _AIR and c.actor1 is not None and c.actor1.id:
                recoded = self._led_by_own_air(c, own, on)
                if recoded is not c:
                    led[_where(c)] = recoded.actor1
                c = recoded
            out.append((f, c))
        # the own whole military's strike at that place is the same joint strike, its air arm's
        return [(f, dataclasses.replace(c, actor1=dataclasses.replace(
                    led[_where(c)], text=c.actor1.text))
                 if c.sub_event_type == _AIR and c.actor1 is not None and c.actor1.id and
                 _where(c) in led and led[_where(c)].id != c.actor1.id and
                 self.whole_military(c.actor1.id) and self.branch_of(led[_where(c)], c.actor1)
                 else c) for f, c in out]

    def _led_by_own_air(self, claim: Claim, own: dict[str, dict[str, set[str | None]]],
                        on: date | None) -> Claim:
        kb = self.kb
        where = (claim.place.country if claim.place is not None else None) or self.country
        try:
            iso = kb.country_code(where) if kb is not None and where else None
            agent = kb.get(claim.actor1.id) if kb is not None else None
            if iso is None or agent is None or agent.inter != 1 or not agent.country or \
                    agent.country == iso:
                return claim
            found = [a for a, places in own.get(iso, {}).items()
                     if not places or _where(claim) in places]
            if not found:
                return claim
            lead = kb.get(found[0])
            if lead is not None and self.whole_military(lead.id):
                try:  # the regime's barrel bombs are its air force's
                    lead = kb.generic_actor("air-force", iso)
                except KnowledgeBaseError:
                    pass
        except KnowledgeBaseError:
            return claim
        if lead is None:
            return claim
        ref = self.dated(ActorRef(id=lead.id, name=lead.name, text=claim.actor1.text,
                                  acled_name=getattr(lead, "acled_name", None),
                                  inter=getattr(lead, "inter", None)),
                         (claim.time.start if claim.time is not None else None) or on, where)
        assoc = (claim.actor1, *(a for a in claim.assoc_actor_1 if _key(a) != lead.id))
        return dataclasses.replace(claim, actor1=ref, assoc_actor_1=assoc)

    def branch_of(self, ref: ActorRef, other: ActorRef) -> bool:
        """`ref` is a branch of `other` ("Syrian Arab Air Force" of "Military Forces of
        Syria"): the knowledge base makes it a member of it."""
        kb = self.kb
        if kb is None or not ref.id or not other.id:
            return False
        try:
            return other.id in {p.id for p in kb.parents(ref.id)}
        except KnowledgeBaseError:
            return False

    def whole_military(self, actor_id: str) -> bool:
        """The actor is a state's whole military (not one of its branches)."""
        kb = self.kb
        try:
            actor = kb.get(actor_id) if kb is not None else None
            return actor is not None and actor.inter == 1 and bool(actor.country) and \
                kb.generic_actor("military", actor.country).id == actor_id
        except KnowledgeBaseError:
            return False

    def _armed_as_one(self, claim: Claim, ground: set[str], on: date | None) -> Claim:
        """`claim` (an air strike) with the whole military among `ground` that leads it."""
        kb = self.kb
        where = claim.place.country if claim.place is not None else None
        where = where or self.country
        try:
            agent = kb.get(claim.actor1.id) if kb is not None else None
            home = kb.generic_actor("military", where) if where else None
            own = kb.generic_actor("military", agent.country) \
                if agent is not None and agent.inter == 1 and agent.country else None
            lead = home if home is not None and home.id in ground else \
                own if own is not None and own.id in ground else None
            if lead is None or lead.id == claim.actor1.id:
                return claim
            branch = lead.id in {p.id for p in kb.parents(claim.actor1.id)}
        except KnowledgeBaseError:
            return claim
        ref = self.dated(ActorRef(id=lead.id, name=lead.name, text=claim.actor1.text,
                                  acled_name=getattr(lead, "acled_name", None),
                                  inter=getattr(lead, "inter", None)),
                         (claim.time.start if claim.time is not None else None) or on, where)
        assoc = tuple(a for a in claim.assoc_actor_1 if _key(a) != lead.id)
        if not branch:  # a foreign air force beside the state's own forces
            assoc = (claim.actor1, *assoc)
        return dataclasses.replace(claim, actor1=ref, assoc_actor_1=assoc)

    # ------------------------------------------------------------------ anaphora

    def resolve_anaphor(self, view: View, frame: Frame, discourse: Discourse
                        ) -> list[ActorRef]:
        anaphor = frame.anaphor or ""
        word = anaphor.split(":")[-1]
        if word in ("latter", "former"):
            before = self.refs([a for a in view.actors if a.last < frame.match.head])
            if len(before) >= 2:
                return [before[-1] if word == "latter" else before[-2]]
            if discourse.last_pair is not None:
                return [discourse.last_pair[1] if word == "latter" else discourse.last_pair[0]]
            return []
        for a in view.ancestors(frame.pred):
            if view.word(a) in self.ontology.accuse_words:  # "X accused the army of ...":
                return []  # the accuser is not who "the army" is (its generic reading is)
            subs = view.deps(a, "nsubj", "nsubjpass")
            if subs:
                found = self.refs([c for c in actor_candidates(view, subs[0])  # (not a backer
                                   if not is_backer(view, c, self.ontology)])  # the parser
                if found:  # made a subject: "the army backed by its ally X shelled ...")
                    return found
        last = discourse.last_actor
        if last is not None and frame.generic and last.inter != 1 and self.kb is not None and \
                getattr(self.kb, "names_the_state", None) is not None and \
                self.kb.names_the_state(frame.generic):
            own = self.generic(frame.generic, self.country)
            if own is not None and own.inter == 1:
                return []  # "the army" after rebels were told of: not the rebels, the state's
                # force (its generic reading, the report's country's)
        return [last] if last is not None else []


_AGENT_PATH = frozenset({"compound", "amod", "poss", "nmod", "nsubj", "conj", "appos", "acl",
                         "agent"})


def _where(claim: Claim) -> str | None:
    return claim.place.place_id if claim.place is not None else None


def _backed(view: View, span: Span) -> bool:
    """"pro-regime forces", "pro regime ground forces": forces backing the state, not its own."""
    before = [view.word(k) for k in range(max(0, span.first - 2), span.first)]
    return before[-1:] in (["pro"], ["pro-"]) or before == ["pro", "-"]


def _fires(view: View, span: Span, heads: set[int]) -> bool:
    """The actor `span` is who fires in the event headed by `heads`: its subject, its owner
    ("regime shelling") or its `by` phrase ("shelling of the village by government troops"), not its
    target ("shelling of regime positions")."""
    j = view.span_head(span)
    for _ in range(8):
        if j in heads:
            return True
        dep, up = view.tokens[j].dep, view.head(j)
        by = view.word(up) == "by" if dep == "pobj" else view.word(j) == "by"
        if up == j or not (dep in _AGENT_PATH or (dep in ("pobj", "prep") and by)):
            return False
        j = up
    return False


def fill_opponents(claims: list[Claim]) -> list[Claim]:
    """A battle told without its other side takes the side actor1 fights most in this report
    ("attacked the towns of A, B" in a report about fighting between X and Y)."""
    pairs: Counter[tuple[str, str]] = Counter()
    refs: dict[str, ActorRef] = {}
    for c in claims:
        if c.event_type == "Battles" and c.actor1 is not None and c.actor2 is not None:
            a, b = c.actor1.id or c.actor1.name, c.actor2.id or c.actor2.name
            pairs[(a, b)] += 1
            pairs[(b, a)] += 1
            refs[a], refs[b] = c.actor1, c.actor2
    out: list[Claim] = []
    for c in claims:
        if c.event_type == "Battles" and c.actor1 is not None and c.actor2 is None:
            me = c.actor1.id or c.actor1.name
            best = max((n, other) for (a, other), n in pairs.items() if a == me) \
                if any(a == me for a, _ in pairs) else None
            if best is not None:
                c = dataclasses.replace(c, actor2=refs[best[1]])
        out.append(c)
    return out


def _country_code(kb: Any, name: str) -> str | None:
    """The country `name` names ("Turkey", "the US"), else None; a two-letter word only as
    its own code ("US", not "Us")."""
    if name.casefold().startswith("the "):
        name = name[4:]
    if not name or not name[0].isupper():
        return None
    iso = kb.country_code(name)
    if iso is None or (len(name) == 2 and name != iso):
        return None
    return iso
