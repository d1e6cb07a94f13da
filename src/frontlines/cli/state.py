"""`frontlines control`, `alliances` and `casualties`: the state of the conflict."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from frontlines.cli._app import (
    DbOption,
    JsonOption,
    app,
    fail,
    open_store,
    out,
    parse_date,
    print_json,
)
from frontlines.state import ConflictState, control_geojson, to_graphml
from frontlines.state.casualties import GROUPINGS
from frontlines.store import EventFilter

OnOption = Annotated[str, typer.Option("--on", help="The date (YYYY-MM-DD).")]


@app.command()
def control(
    on: OnOption,
    region: Annotated[str | None, typer.Option(help="Only places in this admin1 area (any "
                                               "spelling: Idlib, Idleb).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    areas: Annotated[bool, typer.Option("--areas", help="Print areas and front lines as RFC "
                                        "7946 GeoJSON polygons (cells around each place, "
                                        "clipped to the admin polygons).")] = False,
) -> None:
    """Who holds each place on a date (held / contested / unknown), with the events behind it."""
    when = parse_date(on, "--on")
    assert when is not None
    if areas:
        from frontlines.state.areas import areas_on

        with open_store(db) as store:
            print_json(areas_on(ConflictState.for_store(store), when, region))
        return
    with open_store(db) as store:
        states = ConflictState.for_store(store).control(when, region)
    if as_json:
        print_json(control_geojson(states, when, region))
        return
    table = Table("place", "admin1", "status", "basis", "controller", "since", "contenders",
                  "events", title=f"control on {when}" + (f" in {region}" if region else ""))
    for s in states:
        table.add_row(s.name, s.admin1 or "-", s.status, s.basis or "-",
                      s.controller.name if s.controller else "-",
                      s.since.isoformat() if s.since else "-",
                      ", ".join(a.name for a in s.contenders) or "-", " ".join(s.events))
    out.print(table)


@app.command()
def alliances(
    on: OnOption,
    fmt: Annotated[str, typer.Option("--format", help="text, json or graphml.")] = "text",
    window: Annotated[int, typer.Option(help="Days of battles before --on that make two "
                                        "actors hostile.")] = 180,
    focus: Annotated[bool, typer.Option(help="Only edges touching actors seen in events or "
                                        "text relations.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The alliance network on a date: members, allies, hostile pairs, each with evidence."""
    when = parse_date(on, "--on")
    assert when is not None
    fmt = "json" if as_json else fmt
    if fmt not in ("text", "json", "graphml"):
        fail(f"--format must be text, json or graphml, not {fmt!r}")
    if window < 0:
        fail("--window must be zero or more days")
    with open_store(db) as store:
        graph = ConflictState.for_store(store).alliances(when, window, focus)
    if fmt == "json":
        print_json(graph.as_dict())
        return
    if fmt == "graphml":
        sys.stdout.write(to_graphml(graph))
        return
    names = {n["id"]: n["name"] for n in graph.nodes.values()}
    table = Table("actor", "relation", "other", "since", "until", "evidence",
                  title=f"alliances on {when}")
    for e in graph.edges:
        how = "inferred from battles" if e.inferred else ", ".join(
            sorted({ev["source"] for ev in e.evidence}))
        table.add_row(names.get(e.source, e.source), e.kind.replace("_", " ") +
                      (" (?)" if e.uncertain else ""), names.get(e.target, e.target),
                      e.start or "-", e.end or "-", f"{len(e.evidence)} ({how})")
    out.print(table)


@app.command()
def casualties(
    by: Annotated[str, typer.Option(help="Group by actor, place, day, week, month or year; "
                                    "`event` lists each event's best/low/high (UCDP-style).")]
    = "actor",
    date_from: Annotated[str | None, typer.Option(
        "--from", help="Earliest event date (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option(
        "--to", help="Latest event date (YYYY-MM-DD).")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor id or part of its name.")] = None,
    place: Annotated[str | None, typer.Option(help="Place id or part of its name.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Fatalities grouped by actor, place or period, as reported ranges (low-high), and the
    period tolls reports give ("X killed since January"), each with its evidence."""
    if by not in (*GROUPINGS, "event"):
        fail(f"--by must be one of {', '.join(GROUPINGS)} or event, not {by!r}")
    where = EventFilter(date_from=parse_date(date_from, "--from"),
                        date_to=parse_date(date_to, "--to"), actor=actor, place=place)
    if by == "event":
        from frontlines.cli.sources import print_event_casualties

        with open_store(db) as store:
            print_event_casualties(ConflictState.for_store(store), where, as_json)
        return
    with open_store(db) as store:
        data = ConflictState.for_store(store).casualties(by, where)
    if as_json:
        print_json(data)
        return
    table = Table(by, "events", "killed (reported range)", "coded", title=f"casualties by {by}")
    for g in data["groups"]:
        if g["open_ended"]:
            figure = f"{g['low']}+"  # "tens killed": no known top
        elif g["high"] == g["low"]:
            figure = str(g["low"])
        else:
            figure = f"{g['low']}-{g['high']}"
        table.add_row(g["label"], str(g["events"]), figure, str(g["fatalities"]))
    out.print(table)
    for r in data["reports"]:
        period = " to ".join(x for x in (r["period_start"], r["period_end"]) if x) or "-"
        out.print(f"period toll ({period}), {r['claimant'] or 'the outlet'}: "
                  f"{r['evidence'].strip()}", markup=False)
