"""Moving a team's edits between stores: `frontlines edits export` / `import`.

The file is YAML (JSON is valid YAML): the spellings of the user knowledge overlay, and every
edit record with its author, time, reason, the claims it is anchored to and the machine's
reading at the time. Importing adds the records a
store lacks (same target, action, author and time = the same record) and re-applies them; an
edit whose claims the store does not hold is kept as `orphaned`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import yaml
from sqlalchemy import select

from frontlines.store import Store, schema
from frontlines.store.edits import EditError, apply_edits, record_edit
from frontlines.workspace._corrections import apply_overlay

__all__ = ["export_edits", "import_edits"]

FORMAT = "frontlines-edits/1"
_ACTIONS = {"event": {"edit", "accept", "merge", "split"}, "claim": {"reject", "accept"},
            "actor": {"accept", "fold", "spelling"}, "place": {"spelling"}}


def export_edits(store: Store) -> dict[str, Any]:
    e, o = schema.edits.c, schema.knowledge_overlay.c
    with store.read() as conn:
        rows = list(conn.execute(select(schema.edits).order_by(e.id)))
        spellings = [{"kind": r.kind, "name": r.name, "target_id": r.target_id,
                      "author": r.author, "at": r.at.isoformat(timespec="microseconds")}
                     for r in conn.execute(select(schema.knowledge_overlay).order_by(o.id))]
    return {"format": FORMAT, "spellings": spellings, "edits": [{
        "target_kind": r.target_kind, "target_id": r.target_id, "action": r.action,
        "before": r.before, "after": r.after, "reason": r.reason, "author": r.author,
        "at": r.at.isoformat(timespec="microseconds"), "anchor": r.anchor,
    } for r in rows]}


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def import_edits(store: Store, text: str) -> tuple[int, int]:
    """Add the edit records of an export to this store: (added, already there). All or none."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise EditError(f"not a YAML or JSON edits file: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or \
            not isinstance(data.get("edits"), list):
        raise EditError(f"not a frontlines edits file (want a mapping with format: {FORMAT} "
                        "and a list of edits)")
    records = [_check(i, r) for i, r in enumerate(data["edits"], 1)]
    spellings = [_check_spelling(i, r) for i, r in enumerate(data.get("spellings") or [], 1)]
    e, o = schema.edits.c, schema.knowledge_overlay.c
    added = 0
    with store.transaction() as conn:
        known = {(r.kind, r.name, r.target_id) for r in conn.execute(
            select(o.kind, o.name, o.target_id))}
        fresh = []
        for r in spellings:
            if (r["kind"], r["name"], r["target_id"]) not in known:
                known.add((r["kind"], r["name"], r["target_id"]))
                fresh.append(r)
        apply_overlay(conn, fresh)
        have = {(r.target_kind, r.target_id, r.action, r.author, r.at) for r in conn.execute(
            select(e.target_kind, e.target_id, e.action, e.author, e.at))}
        for r in records:
            key = (r["target_kind"], r["target_id"], r["action"], r["author"], r["at"])
            if key in have:
                continue
            have.add(key)
            record_edit(conn, **r)
            added += 1
        if added:
            apply_edits(conn)
    return added, len(records) - added


def _check_spelling(i: int, r: Any) -> dict[str, Any]:
    where = f"spelling {i}"
    if not isinstance(r, dict) or r.get("kind") not in ("place", "actor"):
        raise EditError(f"{where}: a mapping with kind place or actor")
    for key in ("name", "target_id", "author"):
        if not isinstance(r.get(key), str) or not r[key] or len(r[key]) > 200:
            raise EditError(f"{where}: {key} must be a string of 1-200 characters")
    try:
        at = datetime.fromisoformat(str(r.get("at")))
    except ValueError:
        raise EditError(f"{where}: at must be an ISO date-time, not {r.get('at')!r}") from None
    return {"kind": r["kind"], "name": r["name"], "target_id": r["target_id"],
            "author": r["author"], "at": at.replace(tzinfo=None)}


def _check(i: int, r: Any) -> dict[str, Any]:
    where = f"edit {i}"
    if not isinstance(r, dict):
        raise EditError(f"{where}: not a mapping")
    kind, action = r.get("target_kind"), r.get("action")
    if kind not in _ACTIONS or action not in _ACTIONS[kind]:
        raise EditError(f"{where}: unknown target_kind/action {kind!r}/{action!r}")
    for key in ("target_id", "author"):
        if not isinstance(r.get(key), str) or not r[key]:
            raise EditError(f"{where}: {key} must be a non-empty string")
    for key in ("before", "after", "anchor"):
        if not isinstance(r.get(key), dict):
            raise EditError(f"{where}: {key} must be a mapping")
    try:
        at = datetime.fromisoformat(str(r.get("at")))
    except ValueError:
        raise EditError(f"{where}: at must be an ISO date-time, not {r.get('at')!r}") from None
    return {"target_kind": kind, "target_id": r["target_id"], "action": action,
            "before": r["before"], "after": r["after"], "reason": str(r.get("reason") or ""),
            "author": r["author"], "at": at.replace(tzinfo=None), "anchor": r["anchor"]}
