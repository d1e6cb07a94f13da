"""`frontlines ingest`: read files into the store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from frontlines.cli._app import (
    EXIT_PARTIAL,
    DbOption,
    JsonOption,
    app,
    err,
    fail,
    handle_errors,
    open_store,
    out,
    parse_date,
    print_json,
)
from frontlines.ingest import estimate_articles, iter_documents
from frontlines.pipeline import IngestReport, IngestResult, Pipeline
from frontlines.settings import Settings


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files or directories (.txt, .html, RSS/Atom, .jsonl); directories recursively."
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for every article; wins over metadata."),
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for every article.")] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Refuse files bigger than this many bytes (default 50 MB).")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Processes analysing articles in parallel (default: the number of cores)."
        ),
    ] = None,
    engine: Annotated[str, typer.Option(
        help="local (this machine's processes) or dask (workers of a Dask scheduler).")
    ] = "local",
    scheduler: Annotated[str | None, typer.Option(
        help="With --engine dask: the scheduler's address (tcp://HOST:8786), or local:N for "
             "N worker processes here.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ingest reports: split articles, extract mentions and events, store them (idempotent)."""
    when = parse_date(published, "--published")
    settings = Settings.from_env(max_file_bytes=max_bytes)
    if settings.max_file_bytes <= 0:
        fail("--max-bytes must be positive")
    if workers is not None and workers < 1:
        fail("--workers must be at least 1")
    n_workers = workers or os.cpu_count() or 1
    items = iter_documents(
        paths,
        published=when,
        outlet=outlet,
        max_bytes=settings.max_file_bytes,
        min_chars=settings.min_article_chars,
    )
    if engine not in ("local", "dask"):
        fail("--engine must be local or dask")
    if engine == "dask":
        if scheduler is None:
            fail("--engine dask needs --scheduler ADDR (or local:N)")
        _ingest_dask(items, db, scheduler, as_json)
        return
    with open_store(db) as store:
        with handle_errors():
            pipeline = Pipeline.load(store)
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total} articles"),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=as_json,
        ) as progress:
            total = estimate_articles(paths) if not as_json else None
            task = progress.add_task("ingesting", total=total, rate="")

            def on_result(result: IngestResult) -> None:
                elapsed = progress.tasks[0].elapsed or 1e-9
                done = progress.tasks[0].completed + 1
                grown = max(done, progress.tasks[0].total or 0)  # a file held several articles
                progress.update(task, advance=1, total=grown,
                                rate=f"{done / elapsed:.1f} articles/s")
                if result.status == "error":
                    progress.console.print(f"error: {result.path}: {result.reason}", markup=False)

            report = pipeline.run(items, on_result=on_result, workers=n_workers)
    _print_report(report, as_json)


def _ingest_dask(items: object, db: str | None, scheduler: str, as_json: bool) -> None:
    from frontlines.scale.dask_engine import close_client, connect, ingest_dask
    from frontlines.settings import database_url

    def on_result(result: IngestResult) -> None:
        if result.status == "error":
            err.print(f"error: {result.path}: {result.reason}", markup=False)

    url = database_url(db)
    if url.startswith("sqlite"):
        fail("--engine dask writes from several processes at once: use a PostgreSQL database "
             "(--db postgresql+psycopg://...)")
    with handle_errors():
        client = connect(scheduler)
        try:
            report = ingest_dask(items, url, client,  # type: ignore[arg-type]
                                 on_result=None if as_json else on_result)
        finally:
            close_client(client)
    _print_report(report, as_json)


def _print_report(report: IngestReport, as_json: bool) -> None:
    if as_json:
        print_json(report.as_dict())
    else:
        for r in report.results:
            if r.status == "stored":
                out.print(
                    f"stored     {r.doc_id}  {r.title or '(untitled)'}  [{r.claims} claims]",
                    markup=False,
                )
            elif r.status == "duplicate":
                out.print(
                    f"duplicate  {r.doc_id}  {r.title or '(untitled)'}: already stored",
                    markup=False,
                )
        err.print(
            f"{report.count('stored')} stored, {report.count('duplicate')} already stored, "
            f"{report.count('error')} failed; {report.events} events in the store",
            markup=False,
        )
    if not report.ok:
        raise typer.Exit(EXIT_PARTIAL)
