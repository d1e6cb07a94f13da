"""The Store: one database (SQLite file or PostgreSQL), migrated on open, written per document."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.exc import SQLAlchemyError

from frontlines.errors import StoreError
from frontlines.model import (
    Actor,
    CasualtyReport,
    Claim,
    Document,
    Event,
    Mention,
    Relation,
)
from frontlines.settings import database_url
from frontlines.store import schema
from frontlines.store._queries import (
    EventFilter,
    apply_filter,
    claims_by_event,
    claims_in_groups,
    linked_groups,
    lock_keys,
    replace_group_events,
)
from frontlines.store._rows import (
    casualty_row,
    claim_row,
    document_row,
    event_from_row,
    event_row,
    mention_from_row,
    mention_row,
    now,
    relation_row,
)
from frontlines.store.codec import from_dict
from frontlines.store.edits import apply_edits, rejected_claims

__all__ = ["DocumentRecords", "EventFilter", "Store"]

_MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class DocumentRecords:
    """A document and everything extracted from it: what one transaction writes."""

    document: Document
    mentions: Sequence[Mention] = ()
    claims: Sequence[Claim] = ()
    casualty_reports: Sequence[CasualtyReport] = ()
    relations: Sequence[Relation] = ()
    actors: Sequence[Actor] = ()  # provisional actors discovered in the document


class Store:
    """Access to one frontlines database. Create with `Store.open(url)`; close when done."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # ---------------------------------------------------------------- opening and migrations

    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True) -> Store:
        url = database_url(url)
        try:
            engine = create_engine(url, future=True)
        except (SQLAlchemyError, ValueError, ModuleNotFoundError) as exc:
            raise StoreError(f"cannot open database {url!r}: {exc}") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        if migrate:
            store.migrate()
        return store

    def migrate(self) -> None:
        """Bring the schema to the newest revision (idempotent)."""
        cfg = Config()
        cfg.set_main_option("script_location", str(_MIGRATIONS))
        try:
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot migrate database {self.url}: {exc}") from exc

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: everything inside is written together or not at all."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {exc}") from exc

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {exc}") from exc

    # ---------------------------------------------------------------- documents

    def find_document(self, content_hash: str) -> str | None:
        """The id of the stored document with this content hash, if any."""
        with self.read() as conn:
            return conn.scalar(
                select(schema.documents.c.id).where(schema.documents.c.content_hash == content_hash)
            )

    def existing_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these content hashes are stored already (one query)."""
        if not hashes:
            return set()
        with self.read() as conn:
            return set(
                conn.scalars(
                    select(schema.documents.c.content_hash).where(
                        schema.documents.c.content_hash.in_(list(hashes))
                    )
                )
            )

    def save_document(
        self,
        document: Document,
        mentions: Sequence[Mention] = (),
        claims: Sequence[Claim] = (),
        casualty_reports: Sequence[CasualtyReport] = (),
        relations: Sequence[Relation] = (),
    ) -> bool:
        """Store a document and everything extracted from it in one transaction.

        Returns False (and writes nothing) when a document with the same content is stored.
        """
        with self.transaction() as conn:
            exists = conn.scalar(
                select(schema.documents.c.id).where(
                    schema.documents.c.content_hash == document.content_hash
                )
            )
            if exists is not None:
                return False
            conn.execute(insert(schema.documents), [document_row(document)])
            if mentions:
                conn.execute(insert(schema.mentions), [mention_row(m) for m in mentions])
            if claims:
                conn.execute(insert(schema.claims), [claim_row(c) for c in claims])  # ids unique
            if casualty_reports:
                conn.execute(
                    insert(schema.casualty_reports),
                    [casualty_row(r) for r in casualty_reports],
                )
            if relations:
                conn.execute(insert(schema.actor_relations), [relation_row(r) for r in relations])
        return True

    def save_documents(
        self,
        items: Sequence[DocumentRecords],
        group_key: Callable[[Claim], str] | None = None,
        consolidate: Callable[[list[Claim]], Sequence[Event]] | None = None,
    ) -> list[bool]:
        """Store several documents with their extractions in one bulk transaction (all or none
        of the batch; never part of a document). Returns, per item, whether it was new.

        With `group_key` and `consolidate`, the events of every claim group the batch touches
        are rebuilt from all claims of those groups, in the same transaction: events are always
        consistent with the stored claims, and memory is bounded by the groups of one batch."""
        if not items:
            return []
        hashes = [item.document.content_hash for item in items]
        with self.transaction() as conn:
            if conn.dialect.name == "postgresql":  # concurrent writers (ingest --engine dask)
                groups = ({group_key(c) for i in items for c in i.claims}
                          if group_key is not None else set())
                lock_keys(conn, [*hashes, *groups])
            existing = set(
                conn.scalars(
                    select(schema.documents.c.content_hash).where(
                        schema.documents.c.content_hash.in_(hashes)
                    )
                )
            )
            fresh: list[DocumentRecords] = []
            stored: list[bool] = []
            for item in items:
                new = item.document.content_hash not in existing
                existing.add(item.document.content_hash)
                stored.append(new)
                if new:
                    fresh.append(item)
            if not fresh:
                return stored
            conn.execute(insert(schema.documents), [document_row(i.document) for i in fresh])
            rows = [mention_row(m) for i in fresh for m in i.mentions]
            if rows:
                conn.execute(insert(schema.mentions), rows)
            rows = list({c.id: claim_row(c, group_key) for i in fresh for c in i.claims}.values())
            if rows:  # a claim id is a content hash: the same id twice is the same claim
                conn.execute(insert(schema.claims), rows)
            if rows and group_key is not None and consolidate is not None:
                groups = linked_groups(conn, {r["group_key"] for r in rows})
                if conn.dialect.name == "postgresql":  # groups an analyst's merge joined
                    lock_keys(conn, groups)
                rejected = rejected_claims(conn)  # an analyst rejected them: no event from them
                batch = {c.id: c for i in fresh for c in i.claims if c.id not in rejected}
                older, touched = claims_in_groups(conn, groups, frozenset(batch) | rejected)
                replace_group_events(conn, touched, consolidate([*older, *batch.values()]))
            rows = [casualty_row(r) for i in fresh for r in i.casualty_reports]
            if rows:
                conn.execute(insert(schema.casualty_reports), rows)
            rows = [relation_row(r) for i in fresh for r in i.relations]
            if rows:
                conn.execute(insert(schema.actor_relations), rows)
        return stored

    def log_ingest_many(self, rows: Sequence[tuple[str, str, str | None, str | None]]) -> None:
        """Record (path, status, doc_id, reason) outcomes in one transaction."""
        if not rows:
            return
        at = now()
        with self.transaction() as conn:
            conn.execute(
                insert(schema.ingest_log),
                [
                    {"path": p, "status": st, "doc_id": d, "reason": r, "at": at}
                    for p, st, d, r in rows
                ],
            )

    def log_ingest(self, path: str, status: str, doc_id: str | None, reason: str | None) -> None:
        with self.transaction() as conn:
            conn.execute(
                insert(schema.ingest_log),
                [
                    {
                        "path": path,
                        "status": status,
                        "doc_id": doc_id,
                        "reason": reason,
                        "at": now(),
                    }
                ],
            )

    def documents(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        d = schema.documents.c
        q = (
            select(
                d.id,
                d.title,
                d.outlet,
                d.url,
                d.published,
                d.language,
                d.filed_from,
                d.source_path,
                d.published_source,
            )
            .order_by(d.published, d.id)
            .offset(offset)
        )
        if limit is not None:
            q = q.limit(limit)
        with self.read() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        with self.read() as conn:
            row = conn.execute(
                select(schema.documents).where(schema.documents.c.id == doc_id)
            ).first()
        return dict(row._mapping) if row else None

    def count(self, table: str) -> int:
        with self.read() as conn:
            return conn.scalar(select(func.count()).select_from(schema.metadata.tables[table])) or 0

    def mentions(self, doc_id: str | None = None, kind: str | None = None) -> list[Mention]:
        m = schema.mentions.c
        q = select(schema.mentions).order_by(m.doc_id, m.start)
        if doc_id:
            q = q.where(m.doc_id == doc_id)
        if kind:
            q = q.where(m.kind == kind)
        with self.read() as conn:
            return [mention_from_row(r._mapping) for r in conn.execute(q)]

    # ---------------------------------------------------------------- claims and events

    def claims(self, doc_id: str | None = None, live: bool = False) -> list[Claim]:
        """Stored claims (of one document); with `live`, less those an analyst rejected."""
        q = select(schema.claims.c.data).order_by(schema.claims.c.doc_id, schema.claims.c.sentence)
        if doc_id:
            q = q.where(schema.claims.c.doc_id == doc_id)
        with self.read() as conn:
            if live:
                rejected = rejected_claims(conn)
                q = q.add_columns(schema.claims.c.id)
                return [from_dict(Claim, r.data) for r in conn.execute(q) if r.id not in rejected]
            return [from_dict(Claim, r.data) for r in conn.execute(q)]

    def replace_events(self, events: Iterable[Event], doc_ids: Iterable[str] | None = None) -> int:
        """Write consolidated events. With `doc_ids`, first drop events built from those documents'
        claims; without, replace every event. One transaction."""
        events = list(events)
        e, ec, c = schema.events, schema.event_claims, schema.claims
        with self.transaction() as conn:
            if doc_ids is None:
                conn.execute(delete(ec))
                conn.execute(delete(e))
            else:
                stale = (
                    select(ec.c.event_id)
                    .join(c, c.c.id == ec.c.claim_id)
                    .where(c.c.doc_id.in_(list(doc_ids)))
                )
                stale_ids = [r[0] for r in conn.execute(stale)]
                if stale_ids:
                    conn.execute(delete(ec).where(ec.c.event_id.in_(stale_ids)))
                    conn.execute(delete(e).where(e.c.id.in_(stale_ids)))
            if events:
                conn.execute(insert(e), [event_row(ev) for ev in events])
                links = [
                    {"event_id": ev.id, "claim_id": cl.id} for ev in events for cl in ev.claims
                ]
                if links:
                    conn.execute(insert(ec), links)
            apply_edits(conn)  # analysts' corrections outlive every recomputation
        return len(events)

    def events(self, where: EventFilter | None = None) -> list[Event]:
        where = where or EventFilter()
        q = select(schema.events.c.id, schema.events.c.data)
        q = apply_filter(q, where).order_by(schema.events.c.event_date, schema.events.c.id)
        if where.offset:
            q = q.offset(where.offset)
        if where.limit is not None:
            q = q.limit(where.limit)
        with self.read() as conn:
            rows = list(conn.execute(q))
            claims = claims_by_event(conn, [r.id for r in rows])
        return [event_from_row(r.data, claims.get(r.id, ())) for r in rows]

    def events_page(self, where: EventFilter, limit: int, offset: int = 0
                    ) -> tuple[int, list[Event]]:
        """How many events `where` selects, and the page of them at `offset` (at most
        `limit`), in the store's order: `count_events` and `events` in one read."""
        with self.read() as conn:
            total, rows = _page_rows(conn, where, limit, offset)
            claims = claims_by_event(conn, [r.id for r in rows])
        return total, [event_from_row(r.data, claims.get(r.id, ())) for r in rows]

    def event_listing(self, where: EventFilter, limit: int, offset: int = 0
                      ) -> tuple[int, list[tuple[Event, int]]]:
        """`events_page` for a list of events: each event without its claims (they are not
        read) and with how many it has, counted from the links alone."""
        ec = schema.event_claims.c
        with self.read() as conn:
            total, rows = _page_rows(conn, where, limit, offset)
            ids = [r.id for r in rows]
            counts = dict(conn.execute(select(ec.event_id, func.count())
                                       .where(ec.event_id.in_(ids)).group_by(ec.event_id))
                          .all()) if ids else {}
        return total, [(event_from_row(r.data, ()), counts.get(r.id, 0)) for r in rows]

    def count_events(self, where: EventFilter | None = None) -> int:
        where = where or EventFilter()
        q = apply_filter(select(func.count()).select_from(schema.events), where)
        with self.read() as conn:
            return conn.scalar(q) or 0

    def event(self, event_id: str) -> Event | None:
        with self.read() as conn:
            row = conn.execute(
                select(schema.events.c.id, schema.events.c.data).where(
                    schema.events.c.id == event_id
                )
            ).first()
            if row is None:
                return None
            claims = claims_by_event(conn, [row.id])
        return event_from_row(row.data, claims.get(row.id, ()))

    def casualty_reports(self) -> list[CasualtyReport]:
        with self.read() as conn:
            rows = conn.execute(select(schema.casualty_reports.c.data))
            return [from_dict(CasualtyReport, r.data) for r in rows]

    def relations(self) -> list[Relation]:
        """Relations read from documents (the knowledge base's own are in `kb/actors.yaml`)."""
        r = schema.actor_relations.c
        with self.read() as conn:
            rows = conn.execute(select(schema.actor_relations).order_by(r.id))
            return [
                Relation(
                    actor=row.actor_id,
                    kind=row.kind,
                    target=row.target_id,
                    start=row.start,
                    end=row.end,
                    source=row.source,
                    doc_id=row.doc_id,
                    evidence=row.evidence,
                )
                for row in rows
            ]


# -------------------------------------------------------------------- helpers


def _page_rows(conn: Connection, where: EventFilter, limit: int, offset: int
               ) -> tuple[int, list[Any]]:
    """How many events `where` selects and the (id, data) rows of the page at `offset`."""
    e = schema.events.c
    total = conn.scalar(apply_filter(select(func.count()).select_from(schema.events),
                                     where)) or 0
    if total <= offset:
        return total, []
    q = apply_filter(select(e.id, e.data), where).order_by(e.event_date, e.id)
    return total, list(conn.execute(q.offset(offset).limit(limit)))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()
