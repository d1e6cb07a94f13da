"""The API's JSON shapes: stable field names for events, claims, documents and places."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from frontlines.model import ActorRef, Claim, Event, GeoRef, Quantity

__all__ = ["claim_json", "document_json", "event_json", "page"]


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def actor_json(ref: ActorRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {"id": ref.id, "name": ref.name, "text": ref.text, "acled_name": ref.acled_name,
            "inter": ref.inter}


def place_json(p: GeoRef | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"id": p.place_id, "name": p.name or p.text, "text": p.text, "lat": p.lat,
            "lon": p.lon, "country": p.country, "admin1": p.admin1, "admin2": p.admin2,
            "admin3": p.admin3, "geo_precision": p.geo_precision}


def quantity_json(q: Quantity) -> dict[str, Any]:
    return {"text": q.text, "category": q.category, "value": q.value,
            "qualifier": str(q.qualifier), "upper": q.upper}


def claim_json(c: Claim, document: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "id": c.id, "doc_id": c.doc_id, "sentence": c.sentence, "evidence": c.evidence,
        "evidence_start": c.evidence_start, "evidence_end": c.evidence_end,
        "trigger": c.trigger, "event_type": c.event_type, "sub_event_type": c.sub_event_type,
        "claimant": c.claimant, "outlet": c.outlet or (document or {}).get("outlet"),
        "background": c.background, "source": c.source,
        "confidence": round(c.confidence, 4), "needs_review": c.needs_review,
        "document": None if document is None else {
            "id": document["id"], "title": document.get("title"),
            "outlet": document.get("outlet"), "url": document.get("url"),
            "published": _iso(document.get("published")),
        },
    }


def event_json(e: Event, claims: list[dict[str, Any]] | None = None, *,
               claim_count: int | None = None) -> dict[str, Any]:
    """One event; `claims` (with evidence) only on the single-event route; `claim_count`
    when the event was read without its claims (a list of events)."""
    count = len(e.claims) if claim_count is None else claim_count
    out: dict[str, Any] = {
        "id": e.id, "event_type": e.event_type, "sub_event_type": e.sub_event_type,
        "plover_type": e.plover_type, "plover_mode": e.plover_mode,
        "actor1": actor_json(e.actor1), "actor2": actor_json(e.actor2),
        "assoc_actor_1": [actor_json(a) for a in e.assoc_actor_1],
        "assoc_actor_2": [actor_json(a) for a in e.assoc_actor_2],
        "place": place_json(e.place), "date": _iso(e.date), "date_end": _iso(e.date_end),
        "time_precision": int(e.time_precision), "fatalities": e.fatalities,
        "fatality_reports": [quantity_json(q) for q in e.fatality_reports],
        "background": e.background, "notes": e.notes, "claim_count": count,
        "source": e.source, "confidence": round(e.confidence, 4),
        "needs_review": e.needs_review,
    }
    if claims is not None:
        out["claims"] = claims
    return out


def document_json(d: dict[str, Any], with_text: bool = False) -> dict[str, Any]:
    out = {
        "id": d["id"], "title": d.get("title"), "outlet": d.get("outlet"), "url": d.get("url"),
        "published": _iso(d.get("published")), "published_source": d.get("published_source"),
        "language": d.get("language"), "filed_from": d.get("filed_from"),
        "source_path": d.get("source_path"),
    }
    if with_text:
        out["text"] = d.get("text")
        out["ingested_at"] = _iso(d.get("ingested_at"))
    return out


def page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    """The envelope of every list route."""
    nxt = offset + limit if offset + limit < total else None
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next_offset": nxt}
