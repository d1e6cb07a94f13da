"""The Store: one database (SQLite file or PostgreSQL), migrated on open, written per document."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
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
from frontlines.store.codec import from_dict, to_dict

__all__ = ["DocumentRecords", "EventFilter", "Store"]

_MIGRATIONS = Path(__file__).parent / "migrations"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class DocumentRecords:
    """A document and everything extracted from it: what one transaction writes."""

    document: Document
    mentions: Sequence[Mention] = ()
    claims: Sequence[Claim] = ()
    casualty_reports: Sequence[CasualtyReport] = ()
    relations: Sequence[Relation] = ()
    actors: Sequence[Actor] = ()  # provisional actors discovered in the document


@dataclass(frozen=True)
class EventFilter:
    """Filters shared by `frontlines events`, the exports and the API."""

    date_from: date | None = None
    date_to: date | None = None
    event_type: str | None = None  # matches event_type or sub_event_type, case-insensitive
    actor: str | None = None  # actor id or a substring of the actor's name
    place: str | None = None  # place id or a substring of the location name
    text: str | None = None  # substring of notes / evidence
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    include_background: bool = True
    limit: int | None = None
    offset: int = 0


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
            conn.execute(insert(schema.documents), [_document_row(document)])
            if mentions:
                conn.execute(insert(schema.mentions), [_mention_row(m) for m in mentions])
            if claims:
                conn.execute(insert(schema.claims), [_claim_row(c) for c in claims])  # ids unique
            if casualty_reports:
                conn.execute(
                    insert(schema.casualty_reports),
                    [_casualty_row(r) for r in casualty_reports],
                )
            if relations:
                conn.execute(insert(schema.actor_relations), [_relation_row(r) for r in relations])
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
            conn.execute(insert(schema.documents), [_document_row(i.document) for i in fresh])
            rows = [_mention_row(m) for i in fresh for m in i.mentions]
            if rows:
                conn.execute(insert(schema.mentions), rows)
            rows = list({c.id: _claim_row(c, group_key) for i in fresh for c in i.claims}.values())
            if rows:  # a claim id is a content hash: the same id twice is the same claim
                conn.execute(insert(schema.claims), rows)
            if rows and group_key is not None and consolidate is not None:
                groups = {r["group_key"] for r in rows}
                claims = _claims_in_groups(conn, groups)
                _replace_group_events(conn, groups, consolidate(claims))
            rows = [_casualty_row(r) for i in fresh for r in i.casualty_reports]
            if rows:
                conn.execute(insert(schema.casualty_reports), rows)
            rows = [_relation_row(r) for i in fresh for r in i.relations]
            if rows:
                conn.execute(insert(schema.actor_relations), rows)
        return stored

    def log_ingest_many(self, rows: Sequence[tuple[str, str, str | None, str | None]]) -> None:
        """Record (path, status, doc_id, reason) outcomes in one transaction."""
        if not rows:
            return
        at = _now()
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
                        "at": _now(),
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
            return [_mention_from_row(r._mapping) for r in conn.execute(q)]

    # ---------------------------------------------------------------- claims and events

    def claims(self, doc_id: str | None = None) -> list[Claim]:
        q = select(schema.claims.c.data).order_by(schema.claims.c.doc_id, schema.claims.c.sentence)
        if doc_id:
            q = q.where(schema.claims.c.doc_id == doc_id)
        with self.read() as conn:
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
                conn.execute(insert(e), [_event_row(ev) for ev in events])
                links = [
                    {"event_id": ev.id, "claim_id": cl.id} for ev in events for cl in ev.claims
                ]
                if links:
                    conn.execute(insert(ec), links)
        return len(events)

    def events(self, where: EventFilter | None = None) -> list[Event]:
        where = where or EventFilter()
        q = select(schema.events.c.id, schema.events.c.data)
        q = _apply_filter(q, where).order_by(schema.events.c.event_date, schema.events.c.id)
        if where.offset:
            q = q.offset(where.offset)
        if where.limit is not None:
            q = q.limit(where.limit)
        with self.read() as conn:
            rows = list(conn.execute(q))
            claims = _claims_by_event(conn, [r.id for r in rows])
        return [_event_from_row(r.data, claims.get(r.id, ())) for r in rows]

    def count_events(self, where: EventFilter | None = None) -> int:
        where = where or EventFilter()
        q = _apply_filter(select(func.count()).select_from(schema.events), where)
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
            claims = _claims_by_event(conn, [row.id])
        return _event_from_row(row.data, claims.get(row.id, ()))

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


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _document_row(doc: Document) -> dict[str, Any]:
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
        "ingested_at": _now(),
        "status": "done",
    }


def _mention_row(m: Mention) -> dict[str, Any]:
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


def _mention_from_row(row: Any) -> Mention:
    from frontlines.model import MentionKind, Quantity, TimeExpr

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


def _claim_row(c: Claim, group_key: Callable[[Claim], str] | None = None) -> dict[str, Any]:
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
        "data": to_dict(c),
    }


def _casualty_row(r: CasualtyReport) -> dict[str, Any]:
    return {
        "id": r.id,
        "doc_id": r.doc_id,
        "evidence": r.evidence,
        "period_start": r.period_start,
        "period_end": r.period_end,
        "data": to_dict(r),
    }


def _relation_row(r: Relation) -> dict[str, Any]:
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


def _event_row(ev: Event) -> dict[str, Any]:
    data = to_dict(ev)
    data["claims"] = [c.id for c in ev.claims]
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
        "data": data,
        "updated_at": _now(),
    }


def _claims_in_groups(conn: Connection, groups: Iterable[str]) -> list[Claim]:
    groups = list(groups)
    out: list[Claim] = []
    for start in range(0, len(groups), 500):
        q = select(schema.claims.c.data).where(
            schema.claims.c.group_key.in_(groups[start : start + 500])
        )
        out.extend(from_dict(Claim, r.data) for r in conn.execute(q))
    return out


def _replace_group_events(conn: Connection, groups: set[str], events: Sequence[Event]) -> None:
    e, ec, c = schema.events, schema.event_claims, schema.claims
    keys = list(groups)
    for start in range(0, len(keys), 500):
        stale = (
            select(ec.c.event_id)
            .join(c, c.c.id == ec.c.claim_id)
            .where(c.c.group_key.in_(keys[start : start + 500]))
        )
        stale_ids = list(set(conn.scalars(stale)))
        for i in range(0, len(stale_ids), 500):
            chunk = stale_ids[i : i + 500]
            conn.execute(delete(ec).where(ec.c.event_id.in_(chunk)))
            conn.execute(delete(e).where(e.c.id.in_(chunk)))
    rows = list({ev.id: _event_row(ev) for ev in events}.values())
    if rows:
        conn.execute(insert(e), rows)
        links = list(
            {
                (ev.id, cl.id): {"event_id": ev.id, "claim_id": cl.id}
                for ev in events
                for cl in ev.claims
            }.values()
        )
        conn.execute(insert(ec), links)


def _event_from_row(data: dict[str, Any], claims: Sequence[Claim]) -> Event:
    data = dict(data)
    data["claims"] = []
    ev = from_dict(Event, data)
    return Event(**{**{f: getattr(ev, f) for f in ev.__slots__}, "claims": tuple(claims)})


def _claims_by_event(conn: Connection, event_ids: list[str]) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = {}
    if not event_ids:
        return out
    ec, c = schema.event_claims, schema.claims
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        q = (
            select(ec.c.event_id, c.c.data)
            .join(c, c.c.id == ec.c.claim_id)
            .where(ec.c.event_id.in_(chunk))
            .order_by(c.c.doc_id, c.c.sentence)
        )
        for row in conn.execute(q):
            out.setdefault(row.event_id, []).append(from_dict(Claim, row.data))
    return out


def _apply_filter(q: Any, f: EventFilter) -> Any:
    e = schema.events.c
    if f.date_from:
        q = q.where(e.event_date >= f.date_from)
    if f.date_to:
        q = q.where(e.event_date <= f.date_to)
    if f.event_type:
        t = f.event_type.lower()
        q = q.where((func.lower(e.event_type) == t) | (func.lower(e.sub_event_type) == t))
    if f.actor:
        a = f.actor.lower()
        like = f"%{a}%"
        q = q.where(
            (e.actor1_id == f.actor)
            | (e.actor2_id == f.actor)
            | func.lower(e.actor1).like(like)
            | func.lower(e.actor2).like(like)
        )
    if f.place:
        like = f"%{f.place.lower()}%"
        q = q.where(
            (e.place_id == f.place)
            | func.lower(e.location).like(like)
            | func.lower(e.admin1).like(like)
        )
    if f.text:
        like = f"%{f.text.lower()}%"
        q = q.where(func.lower(e.notes).like(like))
    if f.bbox:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        q = q.where(e.longitude.between(min_lon, max_lon), e.latitude.between(min_lat, max_lat))
    if not f.include_background:
        q = q.where(e.background.is_(False))
    return q
