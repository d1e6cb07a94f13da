"""Coding conventions read over a whole report, after its sentences were coded one by one.

ACLED codes some acts by what the rest of the report tells about them (`conventions` in
kb/ontology.yaml):

- **answered strikes**: an air strike whose target fires back from the ground (its air defences
  engage or intercept the missiles, anti-aircraft fire meets the jets) is an exchange between two
  armed sides, coded as an armed clash ("jets struck depots near X; air defences intercepted
  several missiles"); the answer is told within `answered_strikes.within` sentences of the
  strike's own, not anywhere in a long report ("Moscow would ramp up air defences" ten
  sentences on answers no strike of the lead).
- **unopposed takeovers**: ground taken that its holders gave up without a fight ("seized the
  town after the army withdrew", "entered unopposed") is a non-violent transfer of territory,
  read in the capture's own sentence or in that of another capture by the same actor; never in
  a sentence that also tells fire (a withdrawal under bombardment is a defeat).
- **headings**: a report that opens with a heading before a colon naming a kind of development
  ("Security measures: On 3 May the governor closed ...") is coded as that kind
  (`Ontology.heading`, kb `conventions.headings`; events/extract.py `_as_heading` applies it to
  the first sentence's claims).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from frontlines.events.ontology import Ontology, derived
from frontlines.model import Claim

__all__ = ["apply_conventions"]


@dataclass(frozen=True)
class _Conventions:
    answered: tuple[re.Pattern[str], ...]  # a report tells the air strike was fired back at
    answered_types: frozenset[str]  # the sub-event types so answered
    answered_as: tuple[str, str]  # (event type, sub-event type) of the exchange
    unopposed: tuple[re.Pattern[str], ...] = ()  # ground given up without a fight
    unopposed_types: frozenset[str] = frozenset()  # the captures so recoded
    unopposed_as: tuple[str, str] = ("", "")
    under_fire: re.Pattern[str] | None = None  # a sentence that also tells fire keeps its battle
    answered_within: int = 4  # sentences from the strike's own that may tell its answer

    @classmethod
    def of(cls, ontology: Ontology) -> _Conventions:
        rules = ontology.data.get("conventions") or {}
        answered = rules.get("answered_strikes") or {}
        into = answered.get("coded_as") or ["Battles", "Armed clash"]
        unopposed = rules.get("unopposed_takeovers") or {}
        given = unopposed.get("coded_as") or ["", ""]
        return cls(
            answered=tuple(re.compile(str(p), re.I) for p in answered.get("patterns", [])),
            answered_types=frozenset(str(t) for t in answered.get("types", [])),
            answered_as=(str(into[0]), str(into[1])),
            unopposed=tuple(re.compile(str(p), re.I) for p in unopposed.get("patterns", [])),
            unopposed_types=frozenset(str(t) for t in unopposed.get("types", [])),
            unopposed_as=(str(given[0]), str(given[1])),
            under_fire=re.compile(str(unopposed["unless"]), re.I) if unopposed.get("unless")
            else None, answered_within=int(answered.get("within", 4)))


def _rules(ontology: Ontology) -> _Conventions:
    return derived(ontology, _Conventions.of)


def apply_conventions(claims: Sequence[Claim], sentences: Sequence[str], ontology: Ontology
                      ) -> list[Claim]:
    """The report's claims, recoded where a convention of the whole report applies (see the
    module docstring); `sentences`: the report's sentences' texts, by index. Claims told as not
    having happened, or as background, stay as they are."""
    rules = _rules(ontology)
    out = list(claims)
    answers = [i for i, said in enumerate(sentences)
               if any(p.search(said) for p in rules.answered)] if rules.answered_types else []
    if answers:
        event_type, sub_event_type = rules.answered_as
        out = [dataclasses.replace(c, event_type=event_type, sub_event_type=sub_event_type,
                                   source="rule")
               if c.sub_event_type in rules.answered_types and c.modality is None and
               not c.background and any(
                   abs(a - c.sentence) <= rules.answered_within for a in answers) else c
               for c in out]
    return _unopposed(out, rules)


def _unopposed(claims: list[Claim], rules: _Conventions) -> list[Claim]:
    """Captures of ground given up without a fight, as non-violent transfers (see the module
    docstring): the capture's sentence, or that of another capture by the same actor, tells
    that the holders withdrew or that no one resisted, and tells no fire."""
    if not rules.unopposed or not rules.unopposed_as[1]:
        return claims

    def given_up(c: Claim) -> bool:
        said = c.evidence or ""
        return any(p.search(said) for p in rules.unopposed) and not (
            rules.under_fire is not None and rules.under_fire.search(said))

    takes = [c for c in claims if c.sub_event_type in rules.unopposed_types and
             c.modality is None and not c.background]
    quiet = {(c.actor1.id or c.actor1.name) for c in takes if c.actor1 is not None and
             given_up(c)}
    event_type, sub_event_type = rules.unopposed_as
    return [dataclasses.replace(c, event_type=event_type, sub_event_type=sub_event_type)
            if c in takes and (given_up(c) or (
                c.actor1 is not None and (c.actor1.id or c.actor1.name) in quiet)) else c
            for c in claims]
