"""`frontlines gazetteer load|search|fetch|geocode|packs|conflate`: fill and query the gazetteer."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from frontlines.cli._app import (
    DbOption,
    JsonOption,
    app,
    err,
    fail,
    handle_errors,
    open_store,
    out,
    print_json,
)
from frontlines.errors import InputError
from frontlines.geo import FORMATS, Gazetteer, fetch_country
from frontlines.geo.packs import packs
from frontlines.geo.sources import GEONAMES_URL
from frontlines.geo.table import TableColumns, geocode_csv

gazetteer_app = typer.Typer(help="Load, fetch and search places; geocode a table; list packs.",
                            no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


def _progress(disable: bool) -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"),
                    TextColumn("{task.completed:,} rows"), TimeElapsedColumn(), console=err,
                    transient=True, disable=disable)


@gazetteer_app.command("load")
def load(
    source: Annotated[str, typer.Argument(help="File path or URL (plain, or zipped).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="One of: " + ", ".join(FORMATS))],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Load a gazetteer file into the store (idempotent: reloading changes nothing)."""
    loader = FORMATS.get(fmt)
    if loader is None:
        fail(f"unknown --format {fmt!r}; use one of: {', '.join(FORMATS)}")
    with open_store(db) as store, _progress(as_json) as progress:
        task = progress.add_task(f"loading {Path(source).name}", total=None)
        count = loader(store, source, lambda n: progress.update(task, advance=n))
        total = store.count("places")
    if as_json:
        print_json({"format": fmt, "source": source, "loaded": count, "places": total})
    else:
        out.print(f"loaded {count:,} from {source} ({fmt}); {total:,} places in the store",
                  markup=False)


@gazetteer_app.command("search")
def search(
    name: Annotated[str, typer.Argument(help="A place name as written (any spelling).")],
    country: Annotated[str | None, typer.Option(help="Country (ISO code or name).")] = None,
    admin1: Annotated[str | None, typer.Option(help="Province, any spelling.")] = None,
    limit: Annotated[int, typer.Option(help="How many candidates.")] = 10,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show ranked candidates for a name, with their scores."""
    with open_store(db) as store:
        gaz = Gazetteer.from_store(store)
    rows = [
        {"id": p.id, "name": p.name, "kind": p.kind, "country": p.country, "admin1": p.admin1,
         "admin2": p.admin2, "lat": p.lat, "lon": p.lon, "population": p.population,
         "score": round(score, 3)}
        for p, score in gaz.candidates(name, country=country, admin1=admin1, limit=limit)
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        err.print(f"no place matches {name!r}", markup=False)
        raise typer.Exit(1)
    for r in rows:
        where = ", ".join(x for x in (r["admin2"], r["admin1"], r["country"]) if x)
        out.print(f"{r['score']:.3f}  {r['name']:<32} {r['kind']:<16} {where}  "
                  f"({r['lat']:.4f}, {r['lon']:.4f})  {r['id']}", markup=False)


@gazetteer_app.command("fetch")
def fetch(
    country: Annotated[str, typer.Argument(help="ISO 3166-1 alpha-2 code, e.g. SY.")],
    dest: Annotated[Path, typer.Option(help="Where to keep the downloads.")] = Path("gazetteer"),
    base_url: Annotated[str, typer.Option(help="GeoNames dump server.")] = GEONAMES_URL,
    load_now: Annotated[bool, typer.Option("--load/--no-load", help="Load after download.")]
    = True,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Download a country's public GeoNames files (needs network) and load them."""
    with _progress(as_json) as progress, handle_errors():
        task = progress.add_task(f"downloading {country.upper()}", total=None)
        files = fetch_country(country, dest, base_url=base_url,
                              progress=lambda n: progress.update(task, advance=n))
    loaded: dict[str, int] = {}
    if load_now:
        with open_store(db) as store:
            for f in files:
                fmt = "alternatenames" if "alternatenames" in f.name else "geonames"
                loaded[f.name] = FORMATS[fmt](store, f, None)
    if as_json:
        print_json({"files": [str(f) for f in files], "loaded": loaded})
    else:
        for f in files:
            out.print(f"{f}" + (f"  loaded {loaded[f.name]:,}" if f.name in loaded else ""),
                      markup=False)


@gazetteer_app.command("geocode")
def geocode(
    source: Annotated[Path, typer.Argument(help="A CSV file with a header row ('-': stdin).")],
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Where to write (default: stdout).")]
    = None,
    name_column: Annotated[str, typer.Option(help="Column with the place name.")] = "location",
    country_column: Annotated[str, typer.Option(help="Column with the country.")] = "country",
    admin1_column: Annotated[str, typer.Option(help="Column with the province.")] = "admin1",
    admin2_column: Annotated[str, typer.Option(help="Column with the district.")] = "admin2",
    country: Annotated[str | None, typer.Option(
        help="Country for rows without one (ISO code or name).")] = None,
    db: DbOption = None,
) -> None:
    """Geocode a table of coded records: each row's place in the context of its own
    country/province/district columns, added as fl_* columns (place id, name, latitude,
    longitude, admin names, geo_precision, score). Missing context columns are ignored."""
    columns = TableColumns(name_column, country_column, admin1_column, admin2_column)
    with open_store(db) as store:
        gaz = Gazetteer.from_store(store)
    where = "stdin" if str(source) == "-" else str(source)
    with handle_errors():
        try:
            fh = sys.stdin if str(source) == "-" else source.open(encoding="utf-8-sig",
                                                                   newline="")
        except OSError as exc:
            raise InputError(where, f"cannot read: {exc.strerror or exc}") from exc
        with fh:
            if output is None:
                count = _geocode_to(fh, sys.stdout, gaz, columns, country, where)
            else:
                tmp = output.with_name(f".{output.name}.part")
                try:
                    with tmp.open("w", encoding="utf-8", newline="") as target:
                        count = _geocode_to(fh, target, gaz, columns, country, where)
                    tmp.replace(output)
                finally:
                    tmp.unlink(missing_ok=True)
    err.print(f"geocoded {count:,} rows" + (f" into {output}" if output else ""), markup=False)


def _geocode_to(source: IO[str], target: IO[str], gaz: Gazetteer, columns: TableColumns,
                country: str | None, where: str) -> int:
    try:
        return geocode_csv(source, target, gaz, columns, country, where)
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except csv.Error as exc:
        raise InputError(where, f"not a readable CSV: {exc}") from exc


@gazetteer_app.command("packs")
def packs_command(as_json: JsonOption = False) -> None:
    """List the gazetteer packs shipped with frontlines (part of the default gazetteer): their
    sources, licences, build date and counts."""
    rows = [{"pack": p.code, "country": p.country, "name": p.name, "built": p.built,
             "places": p.counts.get("places"), "kinds": p.counts.get("kinds"),
             "admin_areas": p.counts.get("admin_areas"), "sources": list(p.sources)}
            for p in packs()]
    if as_json:
        print_json(rows)
        return
    if not rows:
        err.print("no gazetteer packs in use (FRONTLINES_PACKS may turn them off)", markup=False)
        return
    for r in rows:
        out.print(f"{r['pack']}  {r['name']} ({r['country']})  built {r['built']}  "
                  f"{r['places']:,} places, {r['admin_areas']} admin areas", markup=False)
        for s in r["sources"]:
            out.print(f"    {s['file']:<34} {s['licence']:<10} {s['rows']:>6,} rows  "
                      f"{s['title']} ({s['url']})", markup=False)


@gazetteer_app.command("conflate")
def conflate_command(
    report: Annotated[bool, typer.Option("--report", help="List every merged place.")] = False,
    country: Annotated[str | None, typer.Option(help="Only this country (ISO code).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show how entries of several sources were merged into one place per town (by name key,
    distance and province; rules in frontlines.geo.conflate). Merging happens whenever the
    gazetteer is read; this command reports it."""
    with open_store(db) as store:
        gaz = Gazetteer.from_store(store)
    rows = []
    for pid, ids in sorted(gaz.members.items()):
        p = gaz.get(pid)
        if p is None or (country and p.country != country.upper()):
            continue
        rows.append({"id": pid, "name": p.name, "country": p.country, "admin1": p.admin1,
                     "lat": p.lat, "lon": p.lon, "members": list(ids),
                     "why": {i: gaz.merge_reasons.get(i, "") for i in ids if i != pid}})
    if as_json:
        print_json({"merged": len(rows), "entries": sum(len(r["members"]) for r in rows),
                    "places": rows if report else []})
        return
    entries = sum(len(r["members"]) for r in rows)
    out.print(f"{entries:,} entries merged into {len(rows):,} places", markup=False)
    if report:
        for r in rows:
            why = "; ".join(f"{i}: {w}" for i, w in r["why"].items())
            out.print(f"{r['id']:<24} {r['name']:<28} {r['admin1'] or '':<14} "
                      f"{', '.join(r['members'])}  ({why})", markup=False)
