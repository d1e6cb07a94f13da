"""The review queue: what a person should look at, newest first.

- claims the extractor marked `needs_review` (or with a `confidence` under 0.5, when the claim
  records one), not yet accepted or rejected;
- events whose edit new evidence contradicts (flagged), events marked disputed, and events whose
  place is known only to its province, not yet accepted or edited;
- provisional actors (found in text, not in the knowledge base) not yet folded or accepted.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from frontlines.names import name_key
from frontlines.store import Store, schema

__all__ = ["KINDS", "REASONS", "review_queue"]

KINDS = ("event", "claim", "actor")
REASONS = ("flagged", "disputed", "needs_review", "low_confidence", "vague_place", "provisional")
LOW_CONFIDENCE = 0.5


def _done(store: Store) -> tuple[set[tuple[str, str]], dict[str, str]]:
    """Items an analyst has settled, and flagged events with the flag's note."""
    e = schema.edits.c
    settled: set[tuple[str, str]] = set()
    flagged: dict[str, str] = {}
    with store.read() as conn:
        for r in conn.execute(select(e.target_kind, e.target_id, e.action, e.status, e.note)):
            if r.status == "flagged":
                flagged[r.target_id] = r.note or "an edit is contradicted by new evidence"
            elif r.status == "active":
                settled.add((r.target_kind, r.target_id))
    return settled, flagged


def review_queue(store: Store, kind: str | None = None, reason: str | None = None,
                 q: str | None = None) -> list[dict[str, Any]]:
    """Open review items (see the module docstring), newest first."""
    settled, flagged = _done(store)
    items: list[dict[str, Any]] = []
    ev, c, d = schema.events.c, schema.claims.c, schema.documents.c
    with store.read() as conn:
        if kind in (None, "event"):
            rows = conn.execute(select(ev.id, ev.event_date, ev.sub_event_type, ev.actor1,
                                       ev.location, ev.geo_precision, ev.data))
            for r in rows:
                why = None
                if r.id in flagged:
                    why, note = "flagged", flagged[r.id]
                elif ("event", r.id) in settled:
                    continue
                elif (r.data or {}).get("disputed") or (r.data or {}).get("disputes"):
                    why, note = "disputed", "sources disagree on this event"
                elif r.geo_precision is not None and r.geo_precision >= 3:
                    why, note = "vague_place", "the place is known only to its province"
                if why:
                    items.append({"kind": "event", "id": r.id, "reason": why, "note": note,
                                  "date": r.event_date.isoformat() if r.event_date else None,
                                  "title": f"{r.sub_event_type}: {r.actor1 or '?'} at "
                                           f"{r.location or '?'}", "event": r.id})
        if kind in (None, "claim"):
            e2 = schema.edits.c
            gone = set(conn.scalars(select(e2.target_id).where(
                e2.target_kind == "claim", e2.action == "reject")))
            rows = conn.execute(select(c.id, c.data, c.sub_event_type, c.evidence, d.published,
                                       schema.event_claims.c.event_id)
                                .join(schema.documents, d.id == c.doc_id)
                                .outerjoin(schema.event_claims,
                                           schema.event_claims.c.claim_id == c.id))
            for r in rows:
                if r.id in gone or ("claim", r.id) in settled:
                    continue
                data = r.data or {}
                confidence = data.get("confidence")
                if data.get("needs_review"):
                    why, note = "needs_review", "the extractor asked for review"
                elif isinstance(confidence, int | float) and confidence < LOW_CONFIDENCE:
                    why, note = "low_confidence", f"confidence {confidence:.2f}"
                else:
                    continue
                items.append({"kind": "claim", "id": r.id, "reason": why, "note": note,
                              "date": r.published.isoformat() if r.published else None,
                              "title": f"{r.sub_event_type}: {r.evidence[:160]}",
                              "event": r.event_id})
        if kind in (None, "actor"):
            a, m = schema.actors.c, schema.actor_merges.c
            merged = {r.key for r in conn.execute(select(m.key))}
            for r in conn.execute(select(a.id, a.name).where(a.provisional.is_(True))):
                if ("actor", r.id) in settled or name_key(r.name) in merged or r.id in merged:
                    continue
                items.append({"kind": "actor", "id": r.id, "reason": "provisional",
                              "note": "found in text, not in the knowledge base", "date": None,
                              "title": r.name, "event": None})
    if reason:
        items = [i for i in items if i["reason"] == reason]
    if q:
        needle = q.casefold()
        items = [i for i in items if needle in i["title"].casefold()]
    items.sort(key=lambda i: (i["date"] or "", i["kind"], i["id"]), reverse=True)
    return items
