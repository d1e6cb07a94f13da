"""The AlertEngine: evaluates rules as documents land, records each alert once, and delivers it
to every webhook, signed (HMAC-SHA256 of the body, header `X-Frontlines-Signature:
sha256=<hex>`) and retried with exponential backoff until a 2xx answer or the last attempt.

Delivery is at least once (a crash between a 2xx and its record resends); the header
`X-Frontlines-Alert` carries the alert id for receivers to drop a repeat."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import insert, select, update

from frontlines.alerts.evaluate import Alert, evaluate
from frontlines.alerts.rules import RuleSet
from frontlines.store import Store
from frontlines.store._rows import now as utcnow
from frontlines.store.live_schema import alert_deliveries, alerts

__all__ = ["AlertEngine", "sign", "verify"]


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, body), signature)


class AlertEngine:
    def __init__(self, store: Store, ruleset: RuleSet, *, log: Callable[..., None] | None = None,
                 clock: Callable[[], datetime] = utcnow, max_attempts: int = 6,
                 retry_base: float = 5.0, timeout: float = 10.0,
                 client: httpx.Client | None = None) -> None:
        self.store = store
        self.ruleset = ruleset
        self.log = log or (lambda *_a, **_k: None)
        self.clock = clock
        self.max_attempts = max_attempts
        self.retry_base = retry_base
        self.client = client or httpx.Client(timeout=timeout)

    def on_documents(self, doc_ids: list[str]) -> list[Alert]:
        """Evaluate the rules on these newly stored documents; record and deliver new alerts."""
        fresh = self.record(evaluate(self.store, self.ruleset.rules, doc_ids))
        for a in fresh:
            self.log("alert", id=a.id, rule=a.rule, kind=a.kind, title=a.title)
        if self.ruleset.webhooks:
            self.deliver_due()
        return fresh

    def record(self, found: list[Alert]) -> list[Alert]:
        """Store the alerts not stored before (by id), each with one pending delivery per
        webhook, in one transaction. Returns the new ones."""
        if not found:
            return []
        at = self.clock()
        with self.store.transaction() as conn:
            ids = [a.id for a in found]
            known = set(conn.scalars(select(alerts.c.id).where(alerts.c.id.in_(ids))))
            fresh = [a for a in found if a.id not in known]
            if fresh:
                conn.execute(insert(alerts), [{"id": a.id, "rule": a.rule, "kind": a.kind,
                                               "title": a.title, "data": a.data,
                                               "created_at": at} for a in fresh])
                rows = [{"alert_id": a.id, "target": h.url, "status": "pending", "attempts": 0,
                         "next_try": at} for a in fresh for h in self.ruleset.webhooks]
                if rows:
                    conn.execute(insert(alert_deliveries), rows)
        return fresh

    def deliver_due(self) -> int:
        """POST every delivery that is due; returns how many were delivered now."""
        d = alert_deliveries.c
        at = self.clock()
        secrets = {h.url: h.secret for h in self.ruleset.webhooks}
        with self.store.read() as conn:
            due = list(conn.execute(
                select(d.id, d.alert_id, d.target, d.attempts, alerts.c.rule, alerts.c.kind,
                       alerts.c.title, alerts.c.data, alerts.c.created_at)
                .join(alerts, alerts.c.id == d.alert_id)
                .where(d.status == "pending", d.next_try <= at).order_by(d.id)))
        delivered = 0
        for row in due:
            secret = secrets.get(row.target)
            if secret is None:  # the webhook left the rules file
                continue
            body = json.dumps({"id": row.alert_id, "rule": row.rule, "kind": row.kind,
                               "title": row.title, "data": row.data,
                               "created_at": row.created_at.isoformat() + "Z"},
                              ensure_ascii=False, sort_keys=True).encode("utf-8")
            error = self._post(row.target, body, secret, row.alert_id)
            attempts = row.attempts + 1
            values: dict[str, Any] = {"attempts": attempts}
            if error is None:
                values.update(status="delivered", delivered_at=self.clock(), last_error=None)
                delivered += 1
            elif attempts >= self.max_attempts:
                values.update(status="failed", last_error=error)
            else:
                wait = self.retry_base * 2 ** (attempts - 1)
                values.update(last_error=error, next_try=self.clock() + timedelta(seconds=wait))
            with self.store.transaction() as conn:
                conn.execute(update(alert_deliveries).where(d.id == row.id).values(**values))
            self.log("alert_delivery", alert=row.alert_id, target=row.target,
                     attempts=attempts, status=values.get("status", "retry"), error=error)
        return delivered

    def _post(self, url: str, body: bytes, secret: str, alert_id: str) -> str | None:
        headers = {"Content-Type": "application/json", "X-Frontlines-Alert": alert_id,
                   "X-Frontlines-Signature": sign(secret, body),
                   "User-Agent": "frontlines-alerts/0.1"}
        try:
            resp = self.client.post(url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            return f"{exc.__class__.__name__}: {exc}"
        return None if 200 <= resp.status_code < 300 else f"HTTP {resp.status_code}"

    def close(self) -> None:
        self.client.close()


def recent_alerts(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    """The newest alerts, newest first."""
    a = alerts.c
    with store.read() as conn:
        rows = conn.execute(select(alerts).order_by(a.created_at.desc(), a.id).limit(limit))
        return [{"id": r.id, "rule": r.rule, "kind": r.kind, "title": r.title, "data": r.data,
                 "created_at": r.created_at.isoformat() + "Z"} for r in rows]
