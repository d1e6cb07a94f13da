"""Records to database rows and back: the one place that knows the column layout."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from frontlines.model import (
    CasualtyReport,
    Claim,
    Document,
    Event,
    Mention,
    MentionKind,
    Quantity,
    Relation,
    TimeExpr,
)
from frontlines.store.codec import from_dict, to_dict


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def document_row(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "content_hash": doc.content_hash,
        "title": doc.title,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published,
        "published_source": doc.published_source,
        "language": doc.language,
        "filed_from": doc.filed_from,
        "source_path": doc.source_path,
        "body_offset": doc.body_offset,
        "text": doc.text,
        "ingested_at": now(),
        "status": "done",
    }


def mention_row(m: Mention) -> dict[str, Any]:
    data = None
    if m.time is not None:
        data = {"time": to_dict(m.time)}
    elif m.quantity is not None:
        data = {"quantity": to_dict(m.quantity)}
    return {
        "doc_id": m.doc_id,
        "kind": str(m.kind),
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "sentence": m.sentence,
        "ref": m.ref,
        "label": m.label,
        "score": m.score,
        "source": m.source,
        "data": data,
    }


def mention_from_row(row: Any) -> Mention:
    data = row["data"] or {}
    return Mention(
        doc_id=row["doc_id"],
        kind=MentionKind(row["kind"]),
        start=row["start"],
        end=row["end"],
        text=row["text"],
        sentence=row["sentence"],
        ref=row["ref"],
        label=row["label"],
        score=row["score"],
        source=row["source"],
        time=from_dict(TimeExpr, data["time"]) if "time" in data else None,
        quantity=from_dict(Quantity, data["quantity"]) if "quantity" in data else None,
    )


def claim_row(c: Claim, group_key: Callable[[Claim], str] | None = None) -> dict[str, Any]:
    return {
        "group_key": group_key(c) if group_key is not None else None,
        "id": c.id,
        "doc_id": c.doc_id,
        "sentence": c.sentence,
        "evidence": c.evidence,
        "evidence_start": c.evidence_start,
        "evidence_end": c.evidence_end,
        "trigger": c.trigger,
        "event_type": c.event_type,
        "sub_event_type": c.sub_event_type,
        "claimant": c.claimant,
        "outlet": c.outlet,
        "background": c.background,
        "source": c.source,
        "confidence": c.confidence,
        "needs_review": c.needs_review,
        "data": to_dict(c),
    }


def casualty_row(r: CasualtyReport) -> dict[str, Any]:
    return {
        "id": r.id,
        "doc_id": r.doc_id,
        "evidence": r.evidence,
        "period_start": r.period_start,
        "period_end": r.period_end,
        "data": to_dict(r),
    }


def relation_row(r: Relation) -> dict[str, Any]:
    return {
        "actor_id": r.actor,
        "kind": str(r.kind),
        "target_id": r.target,
        "start": r.start,
        "end": r.end,
        "source": r.source or "text",
        "doc_id": r.doc_id,
        "claim_id": None,
        "evidence": r.evidence,
    }


def event_row(ev: Event) -> dict[str, Any]:
    data = {f: to_dict(getattr(ev, f)) for f in ev.__slots__ if f != "claims"}
    data["claims"] = [c.id for c in ev.claims]  # claims live in their own table
    return {**event_columns(ev), "data": data, "updated_at": now()}


def event_columns(ev: Event) -> dict[str, Any]:
    """The event's row without its record (`data`) and time of writing."""
    p = ev.place
    return {
        "id": ev.id,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "plover_type": ev.plover_type,
        "plover_mode": ev.plover_mode,
        "actor1_id": ev.actor1.id if ev.actor1 else None,
        "actor1": ev.actor1.name if ev.actor1 else None,
        "actor2_id": ev.actor2.id if ev.actor2 else None,
        "actor2": ev.actor2.name if ev.actor2 else None,
        "place_id": p.place_id if p else None,
        "location": (p.name or p.text) if p else None,
        "latitude": p.lat if p else None,
        "longitude": p.lon if p else None,
        "country": p.country if p else None,
        "admin1": p.admin1 if p else None,
        "admin2": p.admin2 if p else None,
        "admin3": p.admin3 if p else None,
        "geo_precision": p.geo_precision if p else None,
        "event_date": ev.date,
        "date_end": ev.date_end,
        "time_precision": int(ev.time_precision),
        "fatalities": ev.fatalities,
        "background": ev.background,
        "notes": ev.notes,
    }


def event_from_row(data: dict[str, Any], claims: Sequence[Claim]) -> Event:
    data = dict(data)
    data["claims"] = []
    ev = from_dict(Event, data)
    return Event(**{**{f: getattr(ev, f) for f in ev.__slots__}, "claims": tuple(claims)})
