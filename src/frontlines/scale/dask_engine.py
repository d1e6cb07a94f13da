"""`frontlines ingest --engine dask --scheduler ADDR`: documents spread over Dask workers.

The driver reads files and sends batches of documents; each worker process loads the model and
knowledge once (`_pipeline`, cached per process and database) and runs the ordinary pipeline on
its batch, writing straight into the shared database (PostgreSQL). Exactly once holds because a
document's identity is its content hash, checked inside the batch's transaction under an
advisory lock (`Store.save_documents`): a worker killed mid-batch commits nothing of that
batch, and Dask hands the batch to another worker, which stores it then. Two workers touching
the same claim group are serialised by the group's lock, so consolidation sees every claim."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sized
from typing import Any

from frontlines.errors import InputError, StoreError
from frontlines.knowledge import actor_knowledge
from frontlines.model import Document
from frontlines.pipeline import IngestReport, IngestResult, Pipeline
from frontlines.store import Store

__all__ = ["batched", "connect", "ingest_dask"]

_PIPELINES: dict[str, Pipeline] = {}
_LOCK = threading.Lock()


def _pipeline(db_url: str) -> Pipeline:
    """This worker process's pipeline for `db_url` (model loaded on first use only)."""
    with _LOCK:
        found = _PIPELINES.get(db_url)
        if found is None:
            found = _PIPELINES[db_url] = Pipeline.load(Store.open(db_url, migrate=False))
        return found


def _warm(db_url: str) -> bool:
    _pipeline(db_url)
    return True


def _ingest_batch(db_url: str, documents: list[Document]) -> list[IngestResult]:
    return _pipeline(db_url).run(documents, batch_size=len(documents), workers=1).results


def _sync_knowledge_base(store: Store) -> None:
    actor_knowledge(store)


def connect(scheduler: str) -> Any:
    """A distributed.Client: `tcp://HOST:PORT` of a running scheduler, or `local:N` for a
    LocalCluster of N worker processes on this machine."""
    try:
        from distributed import Client, LocalCluster
    except ModuleNotFoundError as exc:  # pragma: no cover - a declared dependency
        raise StoreError("--engine dask needs the 'distributed' package") from exc
    if scheduler.startswith("local:"):
        try:
            n = int(scheduler.removeprefix("local:"))
        except ValueError as exc:
            raise InputError("--scheduler", "local:N needs a number of workers") from exc
        if n < 1:
            raise InputError("--scheduler", "local:N needs at least one worker")
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        client._frontlines_cluster = cluster  # closed with the client (see close_client)
        return client
    try:
        return Client(scheduler, timeout="30s")
    except OSError as exc:
        raise StoreError(f"no Dask scheduler answers at {scheduler}: {exc}") from exc


def close_client(client: Any) -> None:
    cluster = getattr(client, "_frontlines_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def batched(
    items: Iterable[Document | InputError],
    batch_size: int,
    n_workers: int,
    total: int | None = None,
) -> Iterator[list[Document] | InputError]:
    """Documents in batches of `batch_size`, errors passed through one by one.

    When the number of items is known, the last round (`n_workers` batches' worth) goes out in
    quarter-size batches: a worker that finishes early then takes a small batch instead of
    idling while another works through a full one, so the run ends with the workers level."""
    small = max(1, batch_size // 4)
    tail = n_workers * batch_size
    batch: list[Document] = []
    size = batch_size
    for i, item in enumerate(items):
        if isinstance(item, InputError):
            yield item
            continue
        if not batch and total is not None and total - i <= tail:
            size = small
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_dask(
    items: Iterable[Document | InputError],
    db_url: str,
    client: Any,
    *,
    batch_size: int = 16,
    on_result: Callable[[IngestResult], None] | None = None,
) -> IngestReport:
    """Ingest on the client's workers into `db_url` (a database every worker reaches)."""
    from distributed import as_completed

    with Store.open(db_url) as store:  # migrate once, here, before the workers write
        if store.engine.dialect.name == "sqlite":
            raise StoreError("--engine dask writes from several processes at once: use a "
                             "PostgreSQL database (--db postgresql+psycopg://...)")
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        _sync_knowledge_base(store)  # here, once: workers starting together would race on it
        client.run(_warm, db_url)  # every worker loads the model once, up front
        report = IngestReport()
        done: list[tuple[int, IngestResult]] = []

        def take(n: int, results: list[IngestResult]) -> None:
            for r in results:
                done.append((n, r))
                if on_result is not None:
                    on_result(r)

        pending = as_completed()
        order: dict[Any, int] = {}
        errors: list[IngestResult] = []
        n = 0

        def submit(docs: list[Document]) -> None:
            nonlocal n
            n += 1
            # retries: a batch that lost a race (or a worker) is run again; exactly once holds
            future = client.submit(_ingest_batch, db_url, docs, pure=False, retries=2)
            order[future] = n
            pending.add(future)
            while pending.count() > 2 * n_workers:  # bounded: memory stays flat
                f = next(pending)
                take(order.pop(f), f.result())

        total = len(items) if isinstance(items, Sized) else None
        for part in batched(items, batch_size, n_workers, total):
            if isinstance(part, InputError):
                where = f"{part.path}:{part.line}" if part.line is not None else part.path
                r = IngestResult(path=where, status="error", reason=part.reason)
                errors.append(r)
                if on_result is not None:
                    on_result(r)
                continue
            submit(part)
        for f in pending:
            take(order.pop(f), f.result())
        store.log_ingest_many([(r.path, r.status, r.doc_id, r.reason) for r in errors])
        report.results = errors + [r for _n, r in sorted(done, key=lambda x: x[0])]
        report.events = store.count("events")
    return report
