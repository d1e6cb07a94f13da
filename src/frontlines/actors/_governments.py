"""State actors of every country in kb/governments.yaml, named as ACLED names them.

A country gets its Military Forces, Police Forces and Government (unless an actor file already
has one under that ACLED name), its branches ("... Gendarmerie", "... Prison Guards") and the
words that name them ("Kenyan police", "Malian troops"); a bare service noun ("police",
"soldiers") stands for the service of the event's country. Periods are dated: an event is named
with the period in power on its date ("Military Forces of Pakistan (2018-)" in 2020,
"(2022-)" in 2023).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

from frontlines.actors._keys import alias_key
from frontlines.model import Actor, Relation, RelationKind

__all__ = ["Governments", "StateActors", "load_governments"]

_SOURCE = ("kb/governments.yaml: [ACLED] Codebook naming of state forces by period; "
           "[WP] heads of government")
# Spelling keys of common words a short demonym may share ("Thai" and "the", "US" and "us").
_FUNCTION_KEYS = frozenset(alias_key(w) for w in (
    "the", "a", "an", "us", "our", "their", "his", "her", "its", "this", "that", "these", "those",
    "they", "them", "we", "he", "she", "it", "all", "any", "some", "other", "one", "two", "new",
    "old", "both", "each", "local", "state", "city", "town", "army", "police"))
_PERIOD = re.compile(r"^(.*?) \((\d{4})-(?:\d{4})?\)(.*)$")
_DATED = re.compile(r"^(Military Forces|Police Forces|Government) of (.+?) "
                    r"\((\d{4})-(\d{4})?\)(.*)$")


@dataclass(frozen=True)
class Governments:
    """The countries, services and branches of kb/governments.yaml."""

    countries: dict[str, dict[str, Any]]
    services: dict[str, dict[str, Any]]
    branches: dict[str, dict[str, Any]]
    by_name: dict[str, str] = field(default_factory=dict)  # "the United States" -> US
    demonyms: set[str] = field(default_factory=set)  # keys of "Iraqi", "Iraqis", ...
    peoples: dict[str, str] = field(default_factory=dict)  # "iraqi", "iraqis" -> IQ
    stateless: set[str] = field(default_factory=set)  # keys of "Kurdish", "Druze", ...
    by_people: frozenset[str] = frozenset()  # countries whose catch-alls follow their people

    def of(self, iso: str) -> str:
        c = self.countries[iso]
        return str(c.get("of") or c["name"])

    def period(self, iso: str, on: date | None = None) -> str | None:
        """The period in power on `on` (the latest when undated), as ACLED writes a current
        one: "2018-"."""
        starts = [str(s) for s in self.countries.get(iso, {}).get("periods", [])]
        if not starts:
            return None
        when = on.isoformat() if on is not None else "9999"
        current = [s for s in starts if s <= when] or starts[:1]
        return f"{current[-1][:4]}-"

    def dated(self, acled_name: str | None, on: date | None) -> str | None:
        """An ACLED state actor name with the period in power on `on`; other names unchanged."""
        if not acled_name or on is None:
            return acled_name
        m = _DATED.match(acled_name)
        if m is None:
            return acled_name
        iso = self.by_name.get(m.group(2).casefold())
        period = self.period(iso, on) if iso else None
        if period is None:
            return acled_name
        return f"{m.group(1)} of {m.group(2)} ({period}){m.group(5)}"

    def people_of(self, text: str) -> str | None:
        """The country whose people a word names, spelt as the table spells it ("Lebanese",
        "Iraqis": LB, IQ), if any."""
        return self.peoples.get(text.casefold())

    def is_demonym(self, text: str) -> bool:
        """"Palestinians", "Iraqi": a word for a country's people, never the name of a force."""
        return alias_key(text) in self.demonyms

    def names_a_stateless_people(self, text: str) -> bool:
        """"Kurdish forces", "Druze fighters": a word for a people with no state here."""
        return any(w in self.stateless for w in alias_key(text).split(" "))

    def service_actor(self, role: str, iso: str, country: str) -> Actor | None:
        """The service `role` ("police") of a country only the world table knows, named as
        the table names a service ("Police Forces of Cambodia"), with no period: the table
        has none for it (kb/governments.yaml `countries` gives one to a country it lists)."""
        service = self.services.get(role)
        if service is None:
            return None
        name = str(service["name"]).format(of=country)
        return Actor(id=f"{role}-{iso.lower()}", name=name, acled_name=name,
                     inter=int(service["inter"]), kind=str(service["kind"]), country=iso,
                     source=_SOURCE)

    def nationality_of(self, text: str, listed: bool = False) -> str | None:
        """The country a nationality word of `text` names ("Angolan police": AO) when this
        table does not list it (a listed one's words are aliases of its own services), from
        kb/demonyms.yaml; None without one. A word of a compound ("pro-Angolan forces",
        "Angolan-trained police") names no force's country. With `listed`, a listed
        country's word counts too ("Thai rangers": TH)."""
        for word in re.findall(r"(?<![\w-])[^\W\d_]+(?![\w-])", text):
            if not word[:1].isupper() or word.isupper():
                continue
            if self.people_of(word):
                if listed:
                    return self.people_of(word)
                continue
            iso = _world_demonyms().get(word.casefold())
            if iso is not None and iso not in self.countries:
                return iso
        return None

    def service_nouns(self) -> list[tuple[str, str]]:
        """(noun, role) for every service and branch noun, longest first."""
        pairs = [(n, role) for role, s in self.services.items() for n in s.get("nouns", [])]
        pairs += [(n, role) for role, b in self.branches.items() for n in b.get("nouns", [])]
        return sorted(pairs, key=lambda p: -len(p[0]))

    @cached_property
    def qualified_noun_keys(self) -> tuple[tuple[str, str], ...]:
        """(alias key, role) of the services' `qualified_nouns`: a service only after a
        nationality word ("Thai rangers"; bare "rangers" may guard a park)."""
        pairs = [(n, role) for role, s in self.services.items()
                 for n in s.get("qualified_nouns", [])]
        return tuple((alias_key(n), role) for n, role in sorted(pairs, key=lambda p: -len(p[0])))

    @cached_property
    def service_noun_keys(self) -> tuple[tuple[str, str], ...]:
        """`service_nouns` as (alias key of the noun, role), keyed once: every generic phrase
        of every claim is checked against them."""
        return tuple((alias_key(noun), role) for noun, role in self.service_nouns())


@cache
def _world_demonyms() -> dict[str, str]:
    """The nationality words of kb/demonyms.yaml, as geo reads them (`geo.kb.load_demonyms`),
    casefolded -> ISO code."""
    from frontlines.geo.kb import load_demonyms  # (geo's reader of the same file)

    return {word.casefold(): iso for word, iso in load_demonyms().items()}


@cache
def load_governments() -> Governments:
    text = resources.files("frontlines.kb").joinpath("governments.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    countries = {str(k): dict(v) for k, v in data["countries"].items()}
    gov = Governments(countries, dict(data["services"]), dict(data.get("branches") or {}))
    for iso, c in countries.items():
        gov.by_name[str(c["name"]).casefold()] = iso
        gov.by_name[gov.of(iso).casefold()] = iso
        for d in c.get("demonyms", []):
            gov.demonyms.update({alias_key(str(d)), alias_key(f"{d}s")})
            for word in (str(d), f"{d}s"):  # spelt out: a key may be a common word's ("Thai"
                gov.peoples.setdefault(word.casefold(), iso)  # and "The" share one)
    gov.stateless.update(alias_key(str(w)) for w in data.get("stateless_peoples") or [])
    gov = replace(gov, by_people=frozenset(str(c) for c in data.get("catch_alls_by_people") or []))
    return gov


@dataclass
class StateActors:
    """What the governments table adds to a knowledge base."""

    actors: list[Actor] = field(default_factory=list)
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (alias, actor id)
    roles: dict[tuple[str, str], str] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    countries: dict[str, str] = field(default_factory=dict)


def state_actors(gov: Governments, written: list[Actor], roles: dict[tuple[str, str], str],
                 taken: set[str]) -> StateActors:
    """The state actors of every country of `gov` that the actor files (`written`, with their
    `roles`) do not already have; `taken` holds the alias keys already in use."""
    out = StateActors()
    by_acled: dict[tuple[str | None, str], Actor] = {}  # (country, name without period)
    for a in written:
        m = _PERIOD.match(a.acled_name or "")
        if m is not None:
            by_acled.setdefault((a.country, f"{m.group(1)}{m.group(3)}"), a)
    taken = set(taken)

    def alias(text: str, actor_id: str) -> None:
        if alias_key(text.split(" ")[0]) in _FUNCTION_KEYS:  # "Thai police" reads as "the police"
            return
        key = alias_key(text)
        if key and key not in taken:
            taken.add(key)
            out.aliases.append((text, actor_id))

    for iso, country in gov.countries.items():
        out.countries[iso] = str(country["name"])
        period = gov.period(iso)
        demonyms = [str(d) for d in country.get("demonyms", [])]
        ids: dict[str, tuple[str, str]] = {}  # role -> (actor id, acled name)
        for role, service in gov.services.items():
            name = str(service["name"]).format(of=gov.of(iso))
            acled = f"{name} ({period})" if period else name
            found = by_acled.get((iso, name))
            known = roles.get((role, iso)) or (found.id if found else None)
            acled = (found.acled_name or acled) if found else acled
            if known is None:
                known = f"{role}-{iso.lower()}"
                out.actors.append(Actor(id=known, name=name, acled_name=acled,
                                        inter=int(service["inter"]), kind=str(service["kind"]),
                                        country=iso, source=_SOURCE))
                alias(name, known)
            out.roles[(role, iso)] = known
            ids[role] = (known, acled)
            for dem in demonyms:
                for noun in [*service.get("nouns", []), *service.get("qualified_nouns", [])]:
                    alias(f"{dem} {noun}", known)
        for branch, spec in gov.branches.items():
            service = next((s for s, isos in (spec.get("countries") or {}).items()
                            if iso in isos), spec["service"])
            parent, parent_acled = ids[service]
            acled = f"{parent_acled} {spec['suffix']}"
            service_name = str(gov.services[service]["name"]).format(of=gov.of(iso))
            found = by_acled.get((iso, f"{service_name} {spec['suffix']}"))
            known = found.id if found else None
            if known is None:
                known = f"{branch}-{iso.lower()}"
                out.actors.append(Actor(
                    id=known, name=f"{service_name} {spec['suffix']}", acled_name=acled, inter=1,
                    kind="state forces", country=iso, source=_SOURCE))
                out.relations.append(Relation(actor=known, kind=RelationKind.MEMBER_OF,
                                              target=parent, source=_SOURCE))
            out.roles[(branch, iso)] = known
            for dem in demonyms:
                for noun in spec.get("nouns", []):
                    alias(f"{dem} {noun}", known)
    return out
