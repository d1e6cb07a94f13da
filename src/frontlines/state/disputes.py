"""Sources as a view of the conflict: corroboration per event, disputes between sources, UCDP-style
casualty figures, and control claimed vs assessed (ISW's distinction).

A change of control is `claimed` while only the side that gains (or its aligned media) reports
it, `assessed` once a voice that is not that side's reports it, and `disputed` when sources
contradict each other about it (`frontlines.sources.corroboration`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from frontlines.model import Event
from frontlines.sources import Assessment, Outlets, SourceAssessor, SourceReport
from frontlines.state.control import ControlState

__all__ = ["CONTEXT_DAYS", "assessor_for", "control_basis", "with_basis"]

CONTEXT_DAYS = 7  # events this many days either side of a window are read to find disputes


def assessor_for(kb: Any | None, urls: dict[str, str] | None = None,
                 outlets: Outlets | None = None) -> SourceAssessor:
    return SourceAssessor(kb, outlets, urls)


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


def in_window(event: Event, date_from: date | None, date_to: date | None) -> bool:
    if event.date is None:
        return date_from is None and date_to is None
    return (date_from is None or event.date >= date_from) and \
        (date_to is None or event.date <= date_to)


def event_ids(events: Iterable[Event]) -> set[str]:
    return {e.id for e in events}
