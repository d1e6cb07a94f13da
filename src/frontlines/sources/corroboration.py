"""Corroboration: for each event, who reports it and whether independent outlets agree.

Each claim is typed (`claimants.type_claimant`) and given an interest towards its event:

  self        the voice speaks for actor1 (its own action or success, the other side's losses)
  accusation  the voice is hostile to actor1, or speaks for the side actor1 attacked
  against     the voice is hostile to actor1 and reports actor1 taking territory (an admission)
  none        the voice speaks for no party to the event (wire, independent, monitoring group,
              eyewitness, or partisan media about an event of others)

A party claim is one of interest `self` or `accusation`. An event is

  disputed          sources contradict each other on it (`sources.disputes`), or it is coded
                    from a sentence that is part of such a contradiction;
  corroborated      two claims from different outlets and different voices, not on one side,
                    at least one of them not a party claim, report it;
  party_claim_only  every claim is a party claim;
  single_source     otherwise (one outlet, or outlets of one side, not all party claims).

Casualties are estimated like UCDP: `low`, `best` and `high` from the reports of voices that are
not party claims when there are any, else from all (`basis` says which), with every report
listed with its outlet and claimant.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from frontlines.model import Claim, Event
from frontlines.sources.claimants import Claimant, ClaimView, quantity_dict, type_claimant
from frontlines.sources.disputes import CAPTURES, Dispute, DisputeFinder, toll_range
from frontlines.sources.outlets import Outlet, Outlets
from frontlines.sources.sides import Sides

__all__ = [
    "STATUSES",
    "Assessment",
    "SourceAssessor",
    "SourceReport",
    "casualty_estimate",
]

STATUSES = ("disputed", "corroborated", "party_claim_only", "single_source")


@dataclass(frozen=True)
class Assessment:
    event_id: str
    status: str
    claims: tuple[ClaimView, ...]
    disputes: tuple[str, ...] = ()
    casualties: dict[str, Any] | None = None

    @property
    def outlets(self) -> list[Outlet]:
        seen: dict[str, Outlet] = {}
        for v in self.claims:
            seen.setdefault(v.claimant.outlet.id, v.claimant.outlet)
        return list(seen.values())

    def as_dict(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "status": self.status,
                "outlets": [o.as_dict() for o in self.outlets],
                "claims": [v.as_dict() for v in self.claims],
                "disputes": list(self.disputes), "casualties": self.casualties}


@dataclass
class SourceReport:
    assessments: dict[str, Assessment] = field(default_factory=dict)
    disputes: list[Dispute] = field(default_factory=list)
    incidents: list[tuple[str, ...]] = field(default_factory=list)  # event ids telling one toll

    def status(self, event_id: str) -> str | None:
        a = self.assessments.get(event_id)
        return a.status if a is not None else None


# ----------------------------------------------------------------------------- the assessor


class SourceAssessor:
    """Assesses events against their sources. `kb` is the actor knowledge base (or None);
    `urls` maps document ids to URLs, to find an outlet by its domain."""

    def __init__(self, kb: Any | None = None, outlets: Outlets | None = None,
                 urls: dict[str, str] | None = None) -> None:
        self.outlets = outlets or Outlets.load()
        self.sides = Sides(kb)
        self.urls = urls or {}
        self._claimants: dict[tuple[Any, ...], Claimant] = {}
        self.finder = DisputeFinder(self.sides, self.outlets)

    # ------------------------------------------------------------------ claims

    def view(self, claim: Claim, event: Event) -> ClaimView:
        on = event.date
        url = self.urls.get(claim.doc_id)
        key = (claim.claimant, claim.outlet, url, on)
        claimant = self._claimants.get(key)
        if claimant is None:
            claimant = self._claimants[key] = type_claimant(claim, self.outlets, self.sides, on,
                                                            url)
        return ClaimView(claim, claimant, self._interest(claimant, event))

    def _interest(self, claimant: Claimant, event: Event) -> str:
        parties = claimant.parties
        if not parties:
            return "none"
        on = event.date
        a1 = event.actor1.id if event.actor1 else None
        victims = [a.id for a in (event.actor2, *event.assoc_actor_2) if a is not None and a.id]
        capture = event.sub_event_type.lower() in CAPTURES
        if self.sides.aligned(parties, a1, on) or any(
                self.sides.aligned(parties, a.id, on) for a in event.assoc_actor_1 if a.id):
            return "self"
        if any(self.sides.aligned(parties, v, on) for v in victims):
            return "against" if capture else "accusation"
        if self.sides.hostile(parties, a1, on):
            return "against" if capture else "accusation"
        return "none"

    # ------------------------------------------------------------------ events

    def status_of(self, views: Sequence[ClaimView], event: Event) -> str:
        if not views:
            return "single_source"
        for i, a in enumerate(views):
            for b in views[i + 1:]:
                if a.claimant.outlet.id == b.claimant.outlet.id or \
                        a.claimant.voice == b.claimant.voice:
                    continue
                if a.party_claim and b.party_claim:
                    continue
                if self._one_side(a.claimant, b.claimant, event.date):
                    continue
                return "corroborated"
        if all(v.party_claim for v in views):
            return "party_claim_only"
        return "single_source"

    def _one_side(self, a: Claimant, b: Claimant, on: date | None) -> bool:
        if not a.parties or not b.parties:
            return False
        side = self.sides.side(a.parties, on)
        return bool(side & b.parties)

    def assess(self, events: Iterable[Event]) -> SourceReport:
        events = list(events)
        views = {e.id: tuple(self.view(c, e) for c in e.claims) for e in events}
        disputes, groups = self.finder.find(events, views)
        tolls: dict[str, dict[str, Any] | None] = {}
        for group in groups:  # one toll for the events that tell one incident
            toll = casualty_estimate([v for e in group for v in views[e.id]])
            for e in group:
                tolls[e.id] = toll
        by_event: dict[str, list[str]] = defaultdict(list)
        disputed_sentences: dict[tuple[str, int], list[str]] = defaultdict(list)
        for d in disputes:
            for eid in d.event_ids:
                by_event[eid].append(d.id)
            for side in d.sides:
                for v in side.claims:
                    disputed_sentences[(v.claim.doc_id, v.claim.sentence)].append(d.id)
        for e in events:  # an event coded from a disputed sentence is disputed with it
            for c in e.claims:
                for did in disputed_sentences.get((c.doc_id, c.sentence), ()):
                    if did not in by_event[e.id]:
                        by_event[e.id].append(did)
        report = SourceReport(disputes=disputes,
                              incidents=[tuple(e.id for e in g) for g in groups])
        for e in events:
            vs = views[e.id]
            status = "disputed" if by_event.get(e.id) else self.status_of(vs, e)
            report.assessments[e.id] = Assessment(
                e.id, status, vs, tuple(by_event.get(e.id, ())), tolls.get(e.id))
        return report

    def disputes(self, events: Sequence[Event]) -> list[Dispute]:
        """Only the disputes among `events`."""
        views = {e.id: tuple(self.view(c, e) for c in e.claims) for e in events}
        return self.finder.find(events, views)[0]


def casualty_estimate(views: Sequence[ClaimView]) -> dict[str, Any] | None:
    """UCDP-style best / low / high deaths of one event from its claims (module docstring)."""
    reports = [(v, q) for v in views for q in v.claim.quantities
               if q.category == "killed" and q.value is not None]
    if not reports:
        return None
    independent = [(v, q) for v, q in reports if not v.party_claim]
    used = independent or reports
    ranges = [toll_range(q) for _, q in used]
    lows = [r[0] for r in ranges if r is not None]
    highs = [r[1] for r in ranges if r is not None]
    per_voice: dict[str, int] = {}
    for v, q in used:
        value = q.value or 0
        per_voice[v.claimant.voice] = max(per_voice.get(v.claimant.voice, 0), value)
    high = max(highs)
    return {
        "best": int(statistics.median_low(sorted(per_voice.values()))),
        "low": int(min(lows)),
        "high": None if high == float("inf") else int(high),
        "basis": "independent" if independent else "party claims only",
        "reports": [
            {"outlet": v.claimant.outlet.name, "claimant": v.claimant.text or None,
             "claimant_type": v.claimant.type, "party_claim": v.party_claim,
             "claim_id": v.claim.id, **quantity_dict(q)}
            for v, q in reports
        ],
    }
