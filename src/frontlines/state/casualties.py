"""Casualty aggregates by actor, place and period, keeping the reported ranges.

An event's toll is a range: `low` is the smallest reported figure, `high` the largest (or the
upper bound of a "between 10 and 15"), and `open_ended` marks figures such as "over 50" or
"dozens" whose top is not known. Aggregates sum those ranges; period tolls that no single event
carries ("over 50 killed in the last 3 days") are listed as reports beside them, never added in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from frontlines.model import CasualtyReport, Event, Qualifier, Quantity

__all__ = ["CasualtyGroup", "casualties_by", "event_toll", "report_dict"]

GROUPINGS = ("actor", "place", "day", "week", "month", "year")


@dataclass
class CasualtyGroup:
    key: str
    label: str
    events: int = 0
    fatalities: int = 0  # sum of the coded (ACLED) figures
    low: int = 0
    high: int = 0
    open_ended: bool = False
    event_ids: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "label": self.label, "events": self.events,
            "fatalities": self.fatalities, "low": self.low,
            "high": None if self.open_ended else self.high, "open_ended": self.open_ended,
            "event_ids": self.event_ids,
        }


def event_toll(event: Event) -> tuple[int, int, bool]:
    """(low, high, open_ended) of an event's killed figures."""
    killed = [q for q in event.fatality_reports if q.category in ("killed", "casualties")
              and q.value is not None]
    if not killed:
        n = event.fatalities or 0
        return n, n, False
    low = min(q.value for q in killed if q.value is not None)
    high = max((q.upper if q.upper is not None else q.value) or 0 for q in killed)
    open_ended = any(q.upper is None and q.qualifier in (Qualifier.AT_LEAST, Qualifier.VAGUE)
                     for q in killed)
    return low, high, open_ended


def _period(d: date, grouping: str) -> str:
    if grouping == "day":
        return d.isoformat()
    if grouping == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if grouping == "month":
        return d.strftime("%Y-%m")
    return str(d.year)


def _keys(event: Event, grouping: str) -> list[tuple[str, str]]:
    if grouping == "actor":
        refs = [a for a in (event.actor1, event.actor2) if a is not None]
        seen: dict[str, str] = {}
        for ref in refs:
            seen.setdefault(ref.id or ref.name, ref.name)
        return list(seen.items())
    if grouping == "place":
        p = event.place
        if p is None:
            return [("", "unknown place")]
        return [(p.place_id or (p.name or p.text), p.name or p.text)]
    if event.date is None:
        return [("", "undated")]
    key = _period(event.date, grouping)
    return [(key, key)]


def casualties_by(events: Iterable[Event], grouping: str) -> list[CasualtyGroup]:
    """Tolls grouped by `actor`, `place` or a period (`day`, `week`, `month`, `year`)."""
    if grouping not in GROUPINGS:
        raise ValueError(f"group casualties by one of {', '.join(GROUPINGS)}, not {grouping!r}")
    groups: dict[str, CasualtyGroup] = {}
    for event in events:
        low, high, open_ended = event_toll(event)
        if not (low or high or open_ended or event.fatalities):
            continue
        for key, label in _keys(event, grouping):
            g = groups.setdefault(key, CasualtyGroup(key, label))
            g.events += 1
            g.fatalities += event.fatalities or 0
            g.low += low
            g.high += high
            g.open_ended = g.open_ended or open_ended
            g.event_ids.append(event.id)
    return sorted(groups.values(), key=lambda g: (-g.low, g.key))


def _quantity(q: Quantity) -> dict[str, Any]:
    return {"category": q.category, "value": q.value, "upper": q.upper,
            "qualifier": str(q.qualifier), "text": q.text}


def report_dict(report: CasualtyReport) -> dict[str, Any]:
    """A period toll as the API shows it, its figures kept as reported."""
    return {
        "id": report.id, "doc_id": report.doc_id, "evidence": report.evidence,
        "period_start": report.period_start.isoformat() if report.period_start else None,
        "period_end": report.period_end.isoformat() if report.period_end else None,
        "quantities": [_quantity(q) for q in report.quantities],
        "actors": [{"id": a.id, "name": a.name} for a in report.actors],
        "place": report.place.name if report.place else None, "claimant": report.claimant,
    }
