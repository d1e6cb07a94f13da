"""`frontlines export`: events as ACLED CSV, GeoJSON, JSONL or Parquet."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from frontlines import export as exporting
from frontlines.cli._app import DbOption, app, err, fail, open_store
from frontlines.cli.events import DateFrom, DateTo, event_filter


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="acled | geojson | jsonl | parquet")
    ] = "acled",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write here instead of stdout (required for parquet)."),
    ] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="event_type or sub_event_type.")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Actor id or part of its name.")] = None,
    place: Annotated[str | None, typer.Option(help="Place id or part of its name.")] = None,
    db: DbOption = None,
) -> None:
    """Export events (the same filters as `frontlines events`)."""
    if fmt not in exporting.FORMATS:
        fail(f"--format must be one of {', '.join(exporting.FORMATS)}, not {fmt!r}")
    binary = fmt in exporting.BINARY_FORMATS
    if binary and output is None:
        fail("--format parquet needs -o FILE")
    where = event_filter(date_from, date_to, event_type, actor, place)
    with open_store(db) as store:
        if output is None:
            n = exporting.write(store, fmt, sys.stdout, where)
        else:
            with open(
                output,
                "wb" if binary else "w",
                encoding=None if binary else "utf-8",
                newline=None if binary else "",
            ) as fp:
                n = exporting.write(store, fmt, fp, where)
    err.print(f"{n} events exported" + (f" to {output}" if output else ""), markup=False)
