"""frontlines: news reports about armed conflict in, dated, geocoded, typed events out.

The few things a Python user needs:

    from frontlines import Pipeline, Store, iter_documents
    store = Store.open("frontlines.db")
    Pipeline.load(store).run(iter_documents(["report.txt"]))
    for event in store.events():
        print(event.date, event.sub_event_type, event.place)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from frontlines.errors import (
    FrontlinesError,
    GazetteerError,
    InputError,
    KnowledgeBaseError,
    StoreError,
)
from frontlines.ingest import iter_documents
from frontlines.model import (
    Actor,
    AnnotatedDocument,
    Claim,
    Document,
    Event,
    GeoRef,
    Mention,
    Place,
    Relation,
)
from frontlines.store import EventFilter, Store

if TYPE_CHECKING:
    from frontlines.pipeline import Pipeline

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "AnnotatedDocument",
    "Claim",
    "Document",
    "Event",
    "EventFilter",
    "FrontlinesError",
    "GazetteerError",
    "GeoRef",
    "InputError",
    "KnowledgeBaseError",
    "Mention",
    "Pipeline",
    "Place",
    "Relation",
    "Store",
    "StoreError",
    "__version__",
    "iter_documents",
]


def __getattr__(name: str) -> Any:
    if name == "Pipeline":  # imported lazily: it loads spaCy
        from frontlines.pipeline import Pipeline

        return Pipeline
    raise AttributeError(f"module 'frontlines' has no attribute {name!r}")
