"""Assess events read from a store: the documents' URLs let an outlet be found by its domain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from frontlines.model import Event
from frontlines.sources.corroboration import SourceAssessor, SourceReport
from frontlines.sources.outlets import Outlets
from frontlines.store import Store, schema

__all__ = ["assess_stored"]


def assess_stored(store: Store, events: Sequence[Event], kb: Any | None,
                  outlets: Outlets | None = None) -> SourceReport:
    """`SourceAssessor(kb).assess(events)`, with the URLs of the events' documents."""
    ids = sorted({c.doc_id for e in events for c in e.claims})
    urls: dict[str, str] = {}
    d = schema.documents.c
    with store.read() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for row in conn.execute(select(d.id, d.url).where(d.id.in_(chunk))):
                if row.url:
                    urls[row.id] = row.url
    return SourceAssessor(kb, outlets, urls).assess(events)
