"""API route for territory as areas: polygons by controller, contested cells, front lines."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from frontlines.state.areas import areas_on, store_land

__all__ = ["router"]

router = APIRouter()


@router.get("/control/areas", tags=["state"])
def control_areas(
    request: Request,
    on: Annotated[date, Query(description="The date (YYYY-MM-DD).")],
    region: Annotated[str | None, Query(description="admin1 name")] = None,
    radius_km: Annotated[float, Query(ge=1, le=100, description="How far a place's area "
                                      "reaches at most (km).")] = 12.0,
) -> dict[str, Any]:
    """Control on `on` as areas (RFC 7946 GeoJSON): one polygon per controller, a hatched
    polygon per contested place, and front lines where hostile areas meet."""
    state = request.app.state
    if "land" not in state.cache:
        state.cache["land"] = store_land(state.store)
    return areas_on(state.view, on, region, land=state.cache["land"], radius_km=radius_km)
