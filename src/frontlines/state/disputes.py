"""Sources as a view of the conflict: corroboration per event, disputes between sources, UCDP-style
casualty figures, and control claimed vs assessed (ISW's distinction).

A change of control is `claimed` while only the side that gains (or its aligned media) reports
it, `assessed` once a voice that is not that side's reports it, and `disputed` when sources
contradict each other about it (`frontlines.sources.corroboration`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from frontlines.model import Event
from frontlines.names import name_key
from frontlines.sources import Assessment, Dispute, SourceReport
from frontlines.state.control import ControlState
from frontlines.store import EventFilter

__all__ = [
    "CONTEXT_DAYS",
    "control_basis",
    "event_casualties",
    "event_sources",
    "find_disputes",
    "statuses",
    "with_basis",
]

CONTEXT_DAYS = 7  # events this many days either side of a window are read to find disputes


def control_basis(assessment: Assessment | None) -> str | None:
    """claimed | assessed | disputed for the event behind a control state."""
    if assessment is None:
        return None
    if assessment.status == "disputed":
        return "disputed"
    if any(v.interest in ("none", "against") for v in assessment.claims):
        return "assessed"
    return "claimed"


def with_basis(states: Sequence[ControlState], report: SourceReport) -> list[ControlState]:
    """Control states with `basis` set from the event that set their status."""
    out = []
    for s in states:
        first = s.events[0] if s.events else None
        basis = control_basis(report.assessments.get(first)) if first else None
        out.append(dataclasses.replace(s, basis=basis))
    return out


def padded(date_from: date | None, date_to: date | None) -> tuple[date | None, date | None]:
    pad = timedelta(days=CONTEXT_DAYS)
    return (date_from - pad if date_from else None, date_to + pad if date_to else None)


# ----------------------------------------------------------------------------- views


def _matches_place(dispute: Dispute, events: dict[str, Event], place: str) -> bool:
    key = name_key(place)
    for eid in dispute.event_ids:
        p = events[eid].place if eid in events else None
        if p is None:
            continue
        names = [p.place_id or "", p.name or "", p.text or "", p.admin1 or "", p.admin2 or ""]
        if place in names or any(key and key in name_key(n) for n in names if n):
            return True
    return False


def _matches_actor(dispute: Dispute, events: dict[str, Event], actor: str) -> bool:
    needle = actor.casefold()
    for eid in dispute.event_ids:
        e = events.get(eid)
        if e is None:
            continue
        for ref in (e.actor1, e.actor2, *e.assoc_actor_1, *e.assoc_actor_2):
            if ref is not None and (ref.id == actor or needle in ref.name.casefold()):
                return True
    return False


def find_disputes(view: Any, date_from: date | None = None, date_to: date | None = None,
                  place: str | None = None, actor: str | None = None) -> list[Dispute]:
    """Disputes between sources in a date window, at a place (id or any part of its name or
    province) and involving an actor (id or part of its name). `view` is a ConflictState."""
    lo, hi = padded(date_from, date_to)
    events = view.store.events(EventFilter(date_from=lo, date_to=hi))
    report = view.sources(events)
    by_id = {e.id: e for e in events}
    found = []
    for d in report.disputes:
        when = d.date
        if when is not None and ((date_from and when < date_from) or (date_to and when > date_to)):
            continue
        if place and not _matches_place(d, by_id, place):
            continue
        if actor and not _matches_actor(d, by_id, actor):
            continue
        found.append(d)
    return sorted(found, key=lambda d: (d.date or date.min, d.place, d.kind))


def event_sources(view: Any, event_id: str) -> dict[str, Any] | None:
    """One event's sources side by side: status, every claim typed, the disputes it is part of
    (with the other side's sentences) and its UCDP-style casualty figures."""
    event = view.store.event(event_id)
    if event is None:
        return None
    lo, hi = padded(event.date, event.date)
    events = view.store.events(EventFilter(date_from=lo, date_to=hi)) if event.date else [event]
    if all(e.id != event.id for e in events):
        events.append(event)
    report = view.sources(events)
    assessment = report.assessments[event.id]
    disputes = [d.as_dict() for d in report.disputes if event.id in d.event_ids]
    return {**assessment.as_dict(), "dispute_details": disputes}


def event_casualties(view: Any, where: EventFilter | None = None) -> list[dict[str, Any]]:
    """UCDP-style deaths per event (best / low / high with who reported what), for events with
    a reported toll."""
    where = where or EventFilter()
    events = view.store.events(where)
    report = view.sources(events)
    rows = []
    for e in events:
        toll = report.assessments[e.id].casualties
        if toll is None:
            continue
        rows.append({
            "event_id": e.id, "date": e.date.isoformat() if e.date else None,
            "event_type": e.event_type, "sub_event_type": e.sub_event_type,
            "actor1": e.actor1.name if e.actor1 else None,
            "actor2": e.actor2.name if e.actor2 else None,
            "place": (e.place.name or e.place.text) if e.place else None,
            "status": report.assessments[e.id].status, **toll,
        })
    return rows


def statuses(view: Any, where: EventFilter | None = None) -> dict[str, str]:
    """event id -> corroboration status, for the map's filter."""
    events = view.store.events(where or EventFilter())
    report = view.sources(events)
    return {eid: a.status for eid, a in report.assessments.items()}
