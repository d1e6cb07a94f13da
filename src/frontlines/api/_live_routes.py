"""Live routes: alerts (JSON and an Atom feed) and server-sent events that tell open pages when
the store changed (an article posted through the API, or stored by `frontlines watch` in
another process), so the map redraws without a reload."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool

from frontlines.alerts import atom_feed, recent_alerts
from frontlines.store import Store, schema
from frontlines.store.live_schema import alerts

__all__ = ["live_version", "router"]

router = APIRouter()


def live_version(store: Store) -> dict[str, Any]:
    """What changed last: newest document, event and alert (each an indexed max)."""
    with store.read() as conn:
        doc = conn.scalar(select(func.max(schema.documents.c.ingested_at)))
        ev = conn.scalar(select(func.max(schema.events.c.updated_at)))
        al = conn.scalar(select(func.max(alerts.c.created_at)))
    return {"documents": doc.isoformat() if doc else None,
            "events": ev.isoformat() if ev else None,
            "alerts": al.isoformat() if al else None}


@router.get("/alerts", tags=["alerts"])
def list_alerts(request: Request,
                limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    """The newest alerts raised by the alert rules of `frontlines watch --alerts`."""
    items = recent_alerts(request.app.state.store, limit)
    return {"items": items, "count": len(items)}


@router.get("/alerts.atom", tags=["alerts"], response_class=Response)
def alerts_atom(request: Request,
                limit: Annotated[int, Query(ge=1, le=500)] = 50) -> Response:
    """The newest alerts as an Atom feed, for a feed reader."""
    body = atom_feed(recent_alerts(request.app.state.store, limit), str(request.url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get("/live", tags=["alerts"], response_class=StreamingResponse)
async def live(request: Request) -> StreamingResponse:
    """Server-sent events: `update` (with what changed) whenever documents, events or alerts
    change; a comment every 15 s keeps proxies from closing the stream. Streams end after an
    hour (the browser reconnects by itself)."""
    store: Store = request.app.state.store
    every = float(getattr(request.app.state, "live_interval", 1.0))

    async def stream() -> AsyncIterator[str]:
        last = await run_in_threadpool(live_version, store)
        yield f"retry: 2000\nevent: hello\ndata: {json.dumps(last)}\n\n"
        started = quiet = time.monotonic()
        while time.monotonic() - started < 3600:
            await asyncio.sleep(every)
            if await request.is_disconnected():
                return
            now = await run_in_threadpool(live_version, store)
            if now != last:
                last, quiet = now, time.monotonic()
                yield f"event: update\ndata: {json.dumps(now)}\n\n"
            elif time.monotonic() - quiet > 15:
                quiet = time.monotonic()
                yield ": keep-alive\n\n"

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
