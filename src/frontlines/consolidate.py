"""Consolidation: merge claims of the same event, within and across reports, into Events.

Two claims tell the same event when they share the ACLED sub-event type, actor1 and place, and
their dates are compatible (and, within one report, the report did not tell them as two
events: `Claim.distinct`): day-precise dates must agree; a week-precise date (a report's date,
when the text gives none) covers the week before it; month and year dates cover their range.
So "took control over ... al-Dana town ... on Wednesday" and a later "took control of ...
al-Dana" merge into one event with two claims. The merged event takes the most precise date
and place; conflicting tolls are kept side by side in `fatality_reports`, and `fatalities` is
the lowest reported figure (ACLED's conservative convention). Event ids hash the merge key, so
re-running consolidation over the same claims gives the same ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from typing import Any

from frontlines.model import (
    ActorRef,
    Claim,
    Event,
    GeoRef,
    Quantity,
    TimeExpr,
    TimePrecision,
    times_compatible,
)
from frontlines.names import name_key

__all__ = ["compatible", "consolidate", "merge_key"]



def _actor_key(ref: ActorRef | None) -> str:
    if ref is None:
        return ""
    return ref.id or name_key(ref.name)


def _place_key(place: GeoRef | None) -> str:
    """The gazetteer id, or the name as written for a name the gazetteer placed only in its
    province (two unresolved villages of one province are not one place)."""
    if place is None:
        return ""
    name = name_key(place.name or "")
    if place.geo_precision >= 3 and place.text and (not name or name not in name_key(place.text)):
        return "text:" + name_key(place.text)
    return place.place_id or name_key(place.name or place.text)


def merge_key(claim: Claim) -> tuple[str, str, str, str]:
    """Claims with different keys never merge. A place known only to its province is too vague
    to say that two reports tell one event: such claims merge within their own report only."""
    place = _place_key(claim.place)
    if claim.place is None or claim.place.geo_precision >= 3:
        place = f"{place}@{claim.doc_id}"
    return (claim.event_type, claim.sub_event_type, _actor_key(claim.actor1), place)


def compatible(a: TimeExpr | None, b: TimeExpr | None) -> bool:
    """Whether two claim dates can be the same event (see the module docstring)."""
    return times_compatible(a, b)


def _apart_ok(a: Claim, b: Claim) -> bool:
    """Two claims of one report that it told as two events ("Another five were killed in a
    raid on X") stay two, however alike their coding (`Claim.distinct`, events/coref.py)."""
    return a.doc_id != b.doc_id or a.distinct == b.distinct


def _precision_rank(time: TimeExpr | None) -> int:
    if time is None or time.start is None or time.precision == TimePrecision.UNKNOWN:
        return 99
    return int(time.precision)


def consolidate(claims: Sequence[Claim], knowledge: Any = None) -> list[Event]:
    """Merge claims into events (see the module docstring). `knowledge` is optional and unused
    for now: merging needs only the claims."""
    groups: dict[tuple[str, str, str, str], list[list[Claim]]] = {}
    claims = [c for c in claims if c.modality is None]  # threats, plans, denials: claims only
    ordered = sorted(claims, key=lambda c: (_precision_rank(c.time), c.doc_id, c.sentence, c.id))
    for claim in ordered:
        clusters = groups.setdefault(merge_key(claim), [])
        for cluster in clusters:
            if all(compatible(claim.time, other.time) and _apart_ok(claim, other)
                   for other in cluster):
                cluster.append(claim)
                break
        else:
            clusters.append([claim])
    events = [_event(key, cluster) for key, clusters in groups.items() for cluster in clusters]
    events.sort(key=lambda e: (e.date or date.min, e.id))
    return events


def _event(key: tuple[str, str, str, str], cluster: list[Claim]) -> Event:
    cluster = sorted(cluster, key=lambda c: (c.doc_id, c.sentence, c.id))
    best_time = min(cluster, key=lambda c: _precision_rank(c.time)).time
    place = _best_place([c.place for c in cluster if c.place is not None])
    actor2 = _most_common([c.actor2 for c in cluster if c.actor2 is not None])
    killed = _distinct([q for c in cluster for q in c.quantities if q.category == "killed"])
    fatalities = min((q.value for q in killed if q.value is not None), default=None)
    first = cluster[0]
    when = best_time.start if best_time is not None else None
    apart = sorted({c.distinct for c in cluster if c.distinct})  # (two events, one coding)
    digest = hashlib.sha256("|".join([*key, when.isoformat() if when else "", *apart]).encode())
    assoc1 = _unique([a for c in cluster for a in c.assoc_actor_1])
    assoc2 = _unique([a for c in cluster for a in c.assoc_actor_2])
    return Event(
        id=digest.hexdigest()[:16], event_type=first.event_type,
        sub_event_type=first.sub_event_type, claims=tuple(cluster),
        plover_type=first.plover_type, plover_mode=first.plover_mode, actor1=first.actor1,
        actor2=actor2, assoc_actor_1=tuple(assoc1), assoc_actor_2=tuple(assoc2), place=place,
        date=when, date_end=best_time.end if best_time is not None else None,
        time_precision=best_time.precision if best_time is not None else TimePrecision.UNKNOWN,
        fatalities=fatalities, fatality_reports=tuple(killed),
        background=all(c.background for c in cluster),
        notes=" ".join(first.evidence.split()),
        source=_source(cluster), confidence=max(c.confidence for c in cluster),
        needs_review=all(c.needs_review for c in cluster),
    )


def _source(cluster: list[Claim]) -> str:
    """rule | model | both over the claims of one event."""
    found = {c.source for c in cluster}
    return found.pop() if len(found) == 1 else "both"


def _best_place(places: list[GeoRef]) -> GeoRef | None:
    if not places:
        return None
    return min(places, key=lambda p: (p.geo_precision, p.lat is None, -p.score))


def _most_common(refs: list[ActorRef]) -> ActorRef | None:
    if not refs:
        return None
    counts: dict[str, int] = {}
    for r in refs:
        counts[_actor_key(r)] = counts.get(_actor_key(r), 0) + 1
    best = max(counts, key=lambda k: counts[k])
    return next(r for r in refs if _actor_key(r) == best)


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    seen: dict[str, ActorRef] = {}
    for r in refs:
        seen.setdefault(_actor_key(r), r)
    return list(seen.values())


def _distinct(quantities: list[Quantity]) -> list[Quantity]:
    seen: dict[tuple[Any, ...], Quantity] = {}
    for q in quantities:
        seen.setdefault((q.value, q.qualifier, q.upper, q.category), q)
    return list(seen.values())
