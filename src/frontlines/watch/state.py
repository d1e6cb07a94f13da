"""The watch state table: sources (validators, failures, next poll) and items (pending, done,
failed). Everything `frontlines watch` knows lives here, so a restart resumes where it stopped:
an item is marked done only after its document is committed, and the document store skips a
document it already holds (same content hash), so a kill at any point loses and duplicates
nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update

from frontlines.store import Store
from frontlines.store.live_schema import watch_items, watch_sources
from frontlines.watch.sources import Item, Source

__all__ = ["PendingItem", "SourceState", "WatchState"]


@dataclass(frozen=True)
class SourceState:
    id: str
    location: str
    kind: str
    etag: str | None
    last_modified: str | None
    failures: int
    next_poll: datetime | None
    last_ok: datetime | None
    last_error: str | None


@dataclass(frozen=True)
class PendingItem:
    key: str
    source_id: str
    url: str
    title: str | None
    published: str | None
    inline: str | None
    attempts: int


class WatchState:
    def __init__(self, store: Store) -> None:
        self.store = store

    # ------------------------------------------------------------------ sources

    def register(self, sources: Sequence[Source], parent: str | None = None) -> None:
        """Add sources not known yet (known ones keep their validators and backoff);
        `parent`: the id of the sitemap index that lists them."""
        with self.store.transaction() as conn:
            known = set(conn.scalars(select(watch_sources.c.id)))
            rows = [{"id": s.id, "location": s.location, "kind": s.kind, "failures": 0,
                     "parent": parent} for s in sources if s.id not in known]
            if rows:
                conn.execute(insert(watch_sources), rows)

    def sources(self, ids: Sequence[str] | None = None, *,
                parent: str | None = None) -> list[SourceState]:
        """Sources by id (all when None), or the sitemaps the index `parent` lists."""
        q = select(watch_sources).order_by(watch_sources.c.location)
        if ids is not None:
            q = q.where(watch_sources.c.id.in_(list(ids)))
        if parent is not None:
            q = q.where(watch_sources.c.parent == parent)
        with self.store.read() as conn:
            return [SourceState(r.id, r.location, r.kind, r.etag, r.last_modified, r.failures,
                                r.next_poll, r.last_ok, r.last_error) for r in conn.execute(q)]

    def polled_ok(self, source_id: str, at: datetime, next_poll: datetime, *,
                  etag: str | None, last_modified: str | None) -> None:
        self._update_source(source_id, etag=etag, last_modified=last_modified, failures=0,
                            next_poll=next_poll, last_polled=at, last_ok=at, last_error=None)

    def polled_error(self, source_id: str, at: datetime, next_poll: datetime, failures: int,
                     reason: str) -> None:
        self._update_source(source_id, failures=failures, next_poll=next_poll, last_polled=at,
                            last_error=reason)

    def _update_source(self, source_id: str, **values: Any) -> None:
        with self.store.transaction() as conn:
            conn.execute(update(watch_sources).where(watch_sources.c.id == source_id)
                         .values(**values))

    # ------------------------------------------------------------------ items

    def add_items(self, source_id: str, items: Sequence[Item], at: datetime) -> int:
        """Record items not seen before (from any source); returns how many were new."""
        if not items:
            return 0
        unique = {i.key: i for i in items}
        with self.store.transaction() as conn:
            keys = list(unique)
            known: set[str] = set()
            for start in range(0, len(keys), 500):
                known |= set(conn.scalars(select(watch_items.c.key).where(
                    watch_items.c.key.in_(keys[start:start + 500]))))
            rows = [{"key": i.key, "source_id": source_id, "url": i.url, "title": i.title,
                     "published": (i.published or None) and str(i.published)[:40],
                     "inline": i.inline, "status": "pending", "attempts": 0, "seen_at": at}
                    for k, i in unique.items() if k not in known]
            if rows:
                conn.execute(insert(watch_items), rows)
        return len(rows)

    def pending(self, at: datetime, limit: int) -> list[PendingItem]:
        c = watch_items.c
        q = (select(c.key, c.source_id, c.url, c.title, c.published, c.inline, c.attempts)
             .where(c.status == "pending", (c.next_try.is_(None)) | (c.next_try <= at))
             .order_by(c.seen_at, c.key).limit(limit))
        with self.store.read() as conn:
            return [PendingItem(*r) for r in conn.execute(q)]

    def done(self, outcomes: Sequence[tuple[str, str, str | None, str | None]],
             at: datetime) -> None:
        """Mark items (key, outcome stored|duplicate|error, doc_id, reason) as finished."""
        with self.store.transaction() as conn:
            for key, outcome, doc_id, reason in outcomes:
                status = "failed" if outcome == "error" else "done"
                conn.execute(update(watch_items).where(watch_items.c.key == key).values(
                    status=status, outcome=outcome, doc_id=doc_id, reason=reason, done_at=at,
                    attempts=watch_items.c.attempts + 1))

    def retry_later(self, key: str, attempts: int, reason: str, at: datetime,
                    next_try: datetime | None) -> None:
        """A transient failure: try again at `next_try`, or give up (None) after the last try."""
        values: dict[str, Any] = {"attempts": attempts, "reason": reason}
        if next_try is None:
            values.update(status="failed", outcome="error", done_at=at)
        else:
            values.update(next_try=next_try)
        with self.store.transaction() as conn:
            conn.execute(update(watch_items).where(watch_items.c.key == key).values(**values))

    def counts(self) -> dict[str, int]:
        """Items by outcome: seen (all), stored, duplicate, failed, pending."""
        c = watch_items.c
        out = {"seen": 0, "stored": 0, "duplicate": 0, "failed": 0, "pending": 0}
        with self.store.read() as conn:
            for status, outcome, n in conn.execute(
                    select(c.status, c.outcome, func.count()).group_by(c.status, c.outcome)):
                out["seen"] += n
                if status == "pending":
                    out["pending"] += n
                elif status == "failed":
                    out["failed"] += n
                elif outcome in ("stored", "duplicate"):
                    out[outcome] += n
        return out

    def next_due(self) -> datetime | None:
        with self.store.read() as conn:
            a = conn.scalar(select(func.min(watch_sources.c.next_poll)))
            b = conn.scalar(select(func.min(watch_items.c.next_try))
                            .where(watch_items.c.status == "pending"))
        return min((x for x in (a, b) if x is not None), default=None)


def backoff(base: float, failures: int, cap: float) -> timedelta:
    """Exponential backoff: base * 2^(failures-1), at most `cap` seconds."""
    return timedelta(seconds=min(cap, base * 2 ** max(failures - 1, 0)))
