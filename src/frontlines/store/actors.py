"""Actor tables: known actors, provisional actors, analysts' merges, as plain records.

A merge ("Al-Hujra Brigade" is the known actor X) is recorded in `actor_merges` and applied at
once to stored mentions, claims, events and relations; `frontlines.knowledge.actor_knowledge`
reads the merges back, so a later ingest resolves the name to X directly. This module knows
`Actor` and `Relation` records only: loading the knowledge base and syncing it in happens above
(`frontlines.knowledge`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, String, cast, delete, func, insert, select, update

from frontlines.errors import StoreError
from frontlines.model import PROVISIONAL_PREFIX, Actor, Relation
from frontlines.names import name_key
from frontlines.store import Store, schema

__all__ = [
    "MergeResult",
    "fold_provisional_actor",
    "known_actors_in_sync",
    "merges",
    "provisional_actors",
    "provisional_id_of",
    "save_provisional_actors",
    "sync_known_actors",
]


@dataclass(frozen=True)
class MergeResult:
    """What a merge changed."""

    source: str
    into: str
    names: tuple[str, ...]
    mentions: int
    claims: int
    events: int
    relations: int


def _actor_row(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id, "name": actor.name, "acled_name": actor.acled_name, "inter": actor.inter,
        "kind": actor.kind, "country": actor.country, "provisional": actor.provisional,
        "source": actor.source, "active_from": actor.active_from, "active_to": actor.active_to,
        "data": {"aliases": list(actor.aliases)},
    }


def _alias_rows(actor: Actor) -> list[dict[str, Any]]:
    names = dict.fromkeys([actor.name, *actor.aliases, actor.acled_name])
    return [{"actor_id": actor.id, "alias": n, "key": name_key(n)[:200]} for n in names if n]


def sync_known_actors(store: Store, actors: Iterable[Actor], relations: Iterable[Relation]) -> int:
    """Write known actors, their aliases and relations (replacing earlier knowledge-base rows);
    returns how many actors were written."""
    known = [a for a in actors if not a.provisional]
    a, al, r = schema.actors, schema.actor_aliases, schema.actor_relations
    with store.transaction() as conn:
        ids = [row.id for row in conn.execute(select(a.c.id).where(a.c.provisional.is_(False)))]
        for chunk in _chunks(ids):
            conn.execute(delete(al).where(al.c.actor_id.in_(chunk)))
            conn.execute(delete(a).where(a.c.id.in_(chunk)))
        conn.execute(delete(r).where(r.c.doc_id.is_(None), r.c.source != "text"))
        conn.execute(insert(a), [_actor_row(x) for x in known])
        conn.execute(insert(al), [row for x in known for row in _alias_rows(x)])
        rels = [{"actor_id": x.actor, "kind": str(x.kind), "target_id": x.target,
                 "start": x.start, "end": x.end, "source": x.source, "doc_id": None,
                 "claim_id": None, "evidence": None} for x in relations]
        if rels:
            conn.execute(insert(r), rels)
    return len(known)


def known_actors_in_sync(store: Store, actors: Iterable[Actor]) -> bool:
    """Whether the store holds as many known actors as `actors` (a cheap staleness check)."""
    a = schema.actors
    with store.read() as conn:
        n = conn.scalar(select(func.count()).select_from(a).where(a.c.provisional.is_(False)))
    return n == len([x for x in actors if not x.provisional])


def save_provisional_actors(store: Store, actors: Iterable[Actor]) -> int:
    """Store provisional actors not yet stored nor merged; returns how many were added."""
    a, al, m = schema.actors, schema.actor_aliases, schema.actor_merges
    added = 0
    with store.transaction() as conn:
        merged = {row.key for row in conn.execute(select(m.c.key))}
        for actor in actors:
            if not actor.id.startswith(PROVISIONAL_PREFIX):
                continue
            if actor.id[len(PROVISIONAL_PREFIX):] in merged:
                continue
            old = conn.execute(select(a.c.data).where(a.c.id == actor.id)).first()
            if old is None:
                conn.execute(insert(a), [_actor_row(actor)])
                conn.execute(insert(al), _alias_rows(actor))
                added += 1
                continue
            have = set((old.data or {}).get("aliases", []))
            new = [x for x in actor.aliases if x not in have]
            if new:
                conn.execute(update(a).where(a.c.id == actor.id).values(
                    data={"aliases": sorted(have | set(new))}))
                conn.execute(insert(al), [{"actor_id": actor.id, "alias": n,
                                           "key": name_key(n)[:200]} for n in new])
    return added


def provisional_actors(store: Store) -> list[Actor]:
    """Provisional actors stored (merged ones are gone)."""
    a = schema.actors
    with store.read() as conn:
        rows = conn.execute(select(a).where(a.c.provisional.is_(True)).order_by(a.c.id))
        return [Actor(id=r.id, name=r.name, acled_name=r.acled_name, inter=r.inter, kind=r.kind,
                      country=r.country, aliases=tuple((r.data or {}).get("aliases", [])),
                      provisional=True, source=r.source, active_from=r.active_from,
                      active_to=r.active_to) for r in rows]


def merges(store: Store) -> list[tuple[str, str, str]]:
    """Recorded merge decisions as (provisional id, name as written, known actor id)."""
    m = schema.actor_merges
    with store.read() as conn:
        return [(PROVISIONAL_PREFIX + r.key, r.name, r.into_id)
                for r in conn.execute(select(m).order_by(m.c.decided_at, m.c.key))]


def fold_provisional_actor(store: Store, source: str, target: Actor) -> MergeResult:
    """Fold provisional actor `source` (id or name) into `target`; rewrite stored rows."""
    pid = provisional_id_of(source)
    stored = {a.id: a for a in provisional_actors(store)}
    actor = stored.get(pid)
    if actor is None:
        raise StoreError(f"no provisional actor {source!r}: list them with `frontlines actors "
                         "--provisional`")
    names = tuple(dict.fromkeys([actor.name, *actor.aliases]))
    m = schema.actor_merges
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.transaction() as conn:
        keys = {pid[len(PROVISIONAL_PREFIX):]: actor.name}
        keys.update({name_key(n): n for n in names if name_key(n) not in keys})
        conn.execute(delete(m).where(m.c.key.in_(list(keys))))
        conn.execute(insert(m), [{"key": k[:200], "name": n, "into_id": target.id,
                                  "decided_at": now} for k, n in keys.items()])
        counts = _rewrite(conn, pid, target)
        conn.execute(delete(schema.actors).where(schema.actors.c.id == pid))
    return MergeResult(pid, target.id, names, *counts)


def provisional_id_of(source: str) -> str:
    """The stored id of a provisional actor given by id or by name as written."""
    if source.startswith(PROVISIONAL_PREFIX):
        return source
    return PROVISIONAL_PREFIX + name_key(source.removeprefix("the ").removeprefix("The "))


def _rewrite(conn: Connection, pid: str, target: Actor) -> tuple[int, int, int, int]:
    mn, c, e, r = schema.mentions, schema.claims, schema.events, schema.actor_relations
    mentions = conn.execute(update(mn).where(mn.c.ref == pid).values(
        ref=target.id, label=target.name)).rowcount
    like = f"%{pid}%"
    claims = 0
    for row in conn.execute(select(c.c.id, c.c.data).where(cast(c.c.data, String).like(like))):
        conn.execute(update(c).where(c.c.id == row.id).values(data=_swap(row.data, pid, target)))
        claims += 1
    events = 0
    for row in conn.execute(select(e.c.id, e.c.data, e.c.actor1_id, e.c.actor2_id).where(
            cast(e.c.data, String).like(like) | (e.c.actor1_id == pid) | (e.c.actor2_id == pid))):
        values: dict[str, Any] = {"data": _swap(row.data, pid, target)}
        for col in ("actor1", "actor2"):
            if getattr(row, f"{col}_id") == pid:
                values[f"{col}_id"], values[col] = target.id, target.name
        conn.execute(update(e).where(e.c.id == row.id).values(**values))
        events += 1
    rel = conn.execute(update(r).where(r.c.actor_id == pid).values(actor_id=target.id)).rowcount
    rel += conn.execute(update(r).where(r.c.target_id == pid).values(target_id=target.id)).rowcount
    return mentions, claims, events, rel


def _swap(data: Any, pid: str, target: Actor) -> Any:
    """`data` with every actor reference to `pid` pointing at `target` instead."""
    if isinstance(data, dict):
        if data.get("id") == pid:
            return {**data, "id": target.id, "name": target.name,
                    "acled_name": target.acled_name or target.name, "inter": target.inter}
        return {k: _swap(v, pid, target) for k, v in data.items()}
    if isinstance(data, list):
        return [_swap(v, pid, target) for v in data]
    return data


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
