"""API routes over sources: disputes between outlets, one event's sources side by side,
UCDP-style casualty figures per event, corroboration statuses (for the map) and the outlets."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from frontlines.api._routes import Filter, Limit, Offset
from frontlines.api._serialise import page
from frontlines.sources import Outlets
from frontlines.state import ConflictState
from frontlines.state.disputes import event_casualties, event_sources, find_disputes, statuses

__all__ = ["router"]

router = APIRouter()


def _view(request: Request) -> ConflictState:
    return request.app.state.view


@router.get("/disputes", tags=["sources"])
def list_disputes(
    request: Request,
    date_from: Annotated[date | None, Query(description="Earliest date (YYYY-MM-DD).")] = None,
    date_to: Annotated[date | None, Query(description="Latest date (YYYY-MM-DD).")] = None,
    place: Annotated[str | None, Query(description="Place id or part of a place's or "
                                       "province's name.")] = None,
    actor: Annotated[str | None, Query(description="Actor id or part of a name.")] = None,
    limit: Limit = 100, offset: Offset = 0,
) -> dict[str, Any]:
    """Events where sources disagree (control, who attacked, casualties), each side with its
    sentences, outlets, alignments and claimant types."""
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, f"date_from {date_from} is after date_to {date_to}")
    found = find_disputes(_view(request), date_from, date_to, place or None, actor or None)
    items = [d.as_dict() for d in found[offset:offset + limit]]
    return page(items, len(found), limit, offset)


@router.get("/events/{event_id}/sources", tags=["sources"])
def get_event_sources(request: Request, event_id: str) -> dict[str, Any]:
    """One event's corroboration status (`corroborated`, `single_source`, `party_claim_only`,
    `disputed`), every claim typed, its casualty figures and its disputes."""
    found = event_sources(_view(request), event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return found


@router.get("/casualties/events", tags=["sources"])
def casualties_by_event(request: Request, where: Filter, limit: Limit = 100,
                        offset: Offset = 0) -> dict[str, Any]:
    """Deaths per event like UCDP: best / low / high from the independent reports (or from
    party claims when there are no others, `basis`), with who reported what."""
    rows = event_casualties(_view(request), where)
    return page(rows[offset:offset + limit], len(rows), limit, offset)


@router.get("/sources/statuses", tags=["sources"])
def event_statuses(request: Request, where: Filter) -> dict[str, str]:
    """Event id -> corroboration status for the filtered events (the map's filter)."""
    return statuses(_view(request), where)


@router.get("/outlets", tags=["sources"])
def list_outlets(q: Annotated[str | None, Query(description="Name, code or domain.")] = None,
                 ) -> list[dict[str, Any]]:
    """The outlet knowledge base: country, alignment, languages, domains, and its source."""
    kb = Outlets.load()
    if q:
        found = kb.resolve(q) or kb.find_in(q)
        return [found.as_dict()] if found else []
    return [o.as_dict() for o in kb]
