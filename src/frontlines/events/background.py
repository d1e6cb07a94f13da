"""Sentence-level filters: what a sentence tells that is not an event, and one reading per
event mention.

- **Aggregates** (`aggregates` in kb/ontology.yaml): a war-long or period toll ("the conflict
  has killed more than 300,000 people since it began"; a toll counted over a span of time,
  `aggregates.periods`: "killed 230 civilians over two weeks", "in the past month", "since
  the offensive began"), a siege or displacement statistic, a summary of the war, is a period
  toll (a CasualtyReport, from the quantities left over) or nothing, never an event.
- **Arbitration**: one event mention yields one typed event. Within a sentence and a place, a
  killing told as the outcome of a strike, a bombing or a fight is that event's toll, not an
  Attack of its own; an unnamed actor's reading gives way to a named actor's; of several
  remote-violence readings by one actor ("barrel bomb", "helicopter", "toxic gas") the most
  specific is kept (`arbitration.remote_rank`); a capture told with the fighting it took
  ("took control of the town after heavy fighting with Y") is one territorial event, as ACLED
  codes it, not a capture and a clash.
- **Summaries** (`summaries`): a report that tells plural strikes with one toll ("separate air
  raids killed at least 25 civilians") and then the strikes one by one ("11 were killed in X",
  "five in Y") tells each event twice; the mention whose toll covers the tolls of two or more
  other mentions of its sub-type is the report's summary of them, kept as a claim of modality
  "summary", never an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from frontlines.events.ontology import Ontology, derived
from frontlines.events.roles import Frame
from frontlines.model import ActorRef, Claim

__all__ = ["SUMMARY", "arbitrate", "is_aggregate", "sentence_claims", "summaries"]

_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(million|thousand)?\b",
                     re.I)  # "Feb 28 thousands of ..." is 28 and thousands, not 28,000
_VIOLENT = frozenset({"Explosions/Remote violence", "Battles"})
_YEAR = re.compile(r"(?:19|20)\d\d")
_TERRITORY = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
SUMMARY = "summary"


@dataclass(frozen=True)
class _Aggregates:
    """The `aggregates` section, compiled once per Ontology."""

    patterns: tuple[re.Pattern[str], ...]
    periods: tuple[re.Pattern[str], ...]
    big: int
    words: tuple[str, ...]
    counted: re.Pattern[str]  # a toll word or a word a period toll counts
    tolls: re.Pattern[str]  # a toll word, whole
    multitudes: re.Pattern[str]  # "millions", "hundreds of thousands": a statistic's size
    rank: tuple[str, ...]  # `arbitration.remote_rank`

    @classmethod
    def of(cls, ontology: Ontology) -> _Aggregates:
        rules = _section(ontology, "aggregates")
        words = tuple(str(w).casefold() for w in rules.get("toll_words", []))
        return cls(
            patterns=tuple(re.compile(str(p), re.I) for p in rules.get("patterns", [])),
            periods=tuple(re.compile(str(p), re.I) for p in rules.get("periods", [])),
            big=int(rules.get("big_toll", 0) or 0), words=words,
            counted=_any_word((*words, *rules.get("period_words", []))) if words else _NEVER,
            tolls=_any_word(words), multitudes=_any_word(rules.get("multitudes", [])),
            rank=tuple(str(t) for t in _section(ontology, "arbitration").get("remote_rank", [])))


_NEVER = re.compile(r"(?!)")


def _any_word(words: Any) -> re.Pattern[str]:
    """One of these words or phrases, whole, in any case (never, when there are none)."""
    alternatives = "|".join(re.escape(str(w).casefold()) for w in words)
    return re.compile(r"\b(?:" + alternatives + r")\b", re.I) if alternatives else _NEVER


def _aggregates(ontology: Ontology) -> _Aggregates:
    return derived(ontology, _Aggregates.of)


def _section(ontology: Ontology, key: str) -> dict[str, Any]:
    value = ontology.data.get(key) or {}
    return value if isinstance(value, dict) else {}


def is_aggregate(text: str, ontology: Ontology) -> bool:
    """A sentence that tells a toll over a period, a statistic or a summary of the war."""
    rules = _aggregates(ontology)
    if any(p.search(text) for p in rules.patterns):
        return True
    for p in rules.periods:
        for m in p.finditer(text):
            if _counts_a_toll(_clause(text, m.start(), m.end()), rules.counted):
                return True  # "killed 230 civilians over two weeks": a period toll
    folded = text.casefold()
    if not rules.big or not any(w in folded for w in rules.words):
        return False
    for m in _NUMBER.finditer(text):
        digits = m.group(1).replace(",", "")
        if _YEAR.fullmatch(digits) and not m.group(2):
            continue  # "in 2011"
        value = int(digits) * {"million": 1_000_000, "thousand": 1000}.get(
            (m.group(2) or "").casefold(), 1)
        if value >= rules.big:
            return True
    return bool(rules.multitudes.search(text)) and bool(rules.tolls.search(text))

_COUNT = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens|"
                    r"scores|hundreds|thousands|tens)\b", re.I)


_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\b|;|\s(?:but|while|whereas)\s", re.I)


def _clause(text: str, start: int, end: int) -> str:
    """The part of a sentence around a span up to a break between clauses ("found since
    September, and four children died in an explosion": the toll is another clause's)."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)]
    after = _CLAUSE_BREAK.search(text, end)
    return text[before[-1] if before else 0: after.start() if after else len(text)]


def _counts_a_toll(text: str, words: re.Pattern[str]) -> bool:
    """A sentence that counts dead, wounded, displaced (a toll word and a number)."""
    return bool(words.search(text.casefold())) and \
        any(not _YEAR.fullmatch(m.group(0)) for m in _COUNT.finditer(text))


def sentence_claims(text: str, pairs: list[tuple[Frame, Claim]], ontology: Ontology
                    ) -> list[tuple[Frame, Claim]]:
    """The claims a sentence keeps: none from an aggregate, one reading per event mention."""
    if pairs and is_aggregate(text, ontology):
        return []
    return arbitrate(pairs, ontology)


def arbitrate(pairs: list[tuple[Frame, Claim]], ontology: Ontology
              ) -> list[tuple[Frame, Claim]]:
    """One reading per event mention in a sentence (see the module docstring)."""
    if len(pairs) < 2:
        return pairs
    rank = _aggregates(ontology).rank
    keep: list[tuple[Frame, Claim]] = []
    groups: dict[tuple[str | None, str | None], list[tuple[Frame, Claim]]] = {}
    for f, c in pairs:
        groups.setdefault((c.place.place_id, c.place.text) if c.place else (None, None),
                          []).append((f, c))
    taken = {id(f) for f, c in pairs if c.sub_event_type in _TERRITORY}
    for group in groups.values():
        takers = {_key(c.actor1) for _, c in group if c.sub_event_type in _TERRITORY}
        group = [(f, c) for f, c in group if not (
            c.sub_event_type == "Armed clash" and _key(c.actor1) in takers)]
        group = [(f, c) for f, c in group if not (
            c.sub_event_type == "Armed clash" and f.governor is not None and
            id(f.governor) in taken)]
        # a killing told as an outcome names no event of its own: it never outranks one
        named = {c.event_type for f, c in group if _named(c) and not f.event.consequence}
        violent = any(c.event_type in _VIOLENT for _, c in group)
        best: dict[str, tuple[Frame, Claim]] = {}  # remote violence: one per actor
        for f, c in group:
            if named and not _named(c) and c.event_type not in ("Protests", "Riots") and (
                    c.event_type in named or f.event.consequence and named & _VIOLENT):
                continue  # "killed ... in an air raid by the regime": the named reading
            if violent and c.sub_event_type == "Attack" and f.event.consequence:
                continue  # the toll of the strike, bombing or fight told with it
            if c.event_type == "Explosions/Remote violence":
                key = c.actor1.name if c.actor1 else ""
                held = best.get(key)
                if held is None or _rank(c, rank) < _rank(held[1], rank):
                    best[key] = (f, c)
                continue
            keep.append((f, c))
        keep.extend(best.values())
    order = {id(c): i for i, (_, c) in enumerate(pairs)}
    return sorted(keep, key=lambda fc: order[id(fc[1])])


def _key(ref: ActorRef | None) -> str:
    return "" if ref is None else (ref.id or ref.name.casefold())


def _named(c: Claim) -> bool:
    return bool(c.actor1 and c.actor1.text)


def _rank(c: Claim, rank: tuple[str, ...]) -> int:
    return rank.index(c.sub_event_type) if c.sub_event_type in rank else len(rank)


def _toll(claim: Claim) -> int:
    return max((q.value for q in claim.quantities if q.category == "killed" and q.value),
               default=0)


def summaries(claims: list[Claim], plural: set[str]) -> tuple[list[Claim], list[Claim]]:
    """(events, summaries): a claim told by a plural event word (`plural`: claim ids) whose
    toll is at least the sum of the smaller tolls of two or more other sentences' claims of its
    sub-type is their summary (see the module docstring), returned with modality "summary"."""
    kept: list[Claim] = []
    summed: list[Claim] = []
    for c in claims:
        toll = _toll(c) if c.id in plural and c.modality is None and not c.background else 0
        parts: dict[int, int] = {}
        for o in claims if toll else ():
            part = _toll(o)
            if o.sentence != c.sentence and o.doc_id == c.doc_id and o.modality is None and \
                    not o.background and o.sub_event_type == c.sub_event_type and 0 < part < toll:
                parts[o.sentence] = max(parts.get(o.sentence, 0), part)
        if len(parts) >= 2 and sum(parts.values()) <= toll:
            summed.append(replace(c, modality=SUMMARY))
        else:
            kept.append(c)
    return kept, summed
