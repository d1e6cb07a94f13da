"""`frontlines disputes`, `sources` and `outlets`: who reports what, and where sources disagree."""

from __future__ import annotations

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
from frontlines.sources import Dispute, Outlets
from frontlines.state import ConflictState
from frontlines.state.disputes import event_casualties, event_sources, find_disputes
from frontlines.store import EventFilter


def _dispute_text(d: Dispute) -> str:
    lines = [f"{d.kind} dispute at {d.place or 'an unknown place'}, {d.date or 'undated'}"
             f"  [{d.id}]  events {' '.join(d.event_ids)}"]
    for side in d.sides:
        lines.append(f"  - {side.label}:")
        for v in side.claims:
            who = v.claimant.text or "the outlet"
            lines.append(f"      {v.claimant.outlet.name} ({v.claimant.outlet.label}), "
                         f"claimed by {who} [{v.claimant.type}"
                         f"{', party claim' if v.party_claim else ''}]:")
            lines.append(f'        "{v.claim.evidence.strip()}"')
    return "\n".join(lines)


@app.command()
def disputes(
    date_from: Annotated[str | None, typer.Option(
        "--from", help="Earliest date (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Latest date (YYYY-MM-DD).")] = None,
    place: Annotated[str | None, typer.Option(help="Place id, or part of a place's or its "
                                              "province's name.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor id or part of its name.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Events where sources disagree (who took a town, who attacked, how many died), with each
    side's sentences and outlets side by side."""
    lo, hi = parse_date(date_from, "--from"), parse_date(date_to, "--to")
    if lo and hi and lo > hi:
        fail("--from is after --to")
    with open_store(db) as store:
        found = find_disputes(ConflictState.for_store(store), lo, hi, place, actor)
    if as_json:
        print_json([d.as_dict() for d in found])
        return
    for d in found:
        out.print(_dispute_text(d), markup=False)
    out.print(f"{len(found)} dispute{'s' if len(found) != 1 else ''}", markup=False)


@app.command()
def sources(
    event_id: Annotated[str, typer.Argument(help="An event id (see `frontlines events`).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One event's sources: its corroboration status, every claim with its outlet, alignment and
    claimant type, UCDP-style casualty figures and the disputes it is part of."""
    with open_store(db) as store:
        data = event_sources(ConflictState.for_store(store), event_id)
    if data is None:
        fail(f"no event with id {event_id!r} (list ids with `frontlines events`)")
    if as_json:
        print_json(data)
        return
    out.print(f"event {event_id}: {data['status']}", markup=False)
    table = Table("outlet", "alignment", "claimant", "type", "interest", "evidence")
    for c in data["claims"]:
        table.add_row(c["outlet"], c["alignment"], c["claimant"]["text"] or "(the outlet)",
                      c["claimant"]["type"], c["interest"], c["evidence"].strip())
    out.print(table)
    toll = data["casualties"]
    if toll:
        high = "open" if toll["high"] is None else toll["high"]
        out.print(f"killed: best {toll['best']}, low {toll['low']}, high {high} "
                  f"(from {toll['basis']})", markup=False)
        for r in toll["reports"]:
            party = ", party claim" if r["party_claim"] else ""
            out.print(f"  {r['outlet']}: {r['text'] or r['value']}"
                      f" ({r['claimant'] or 'the outlet'}{party})", markup=False)
    for d in data["dispute_details"]:
        out.print(f"{d['kind']} dispute: {d['summary']}", markup=False)


@app.command()
def outlets(
    name: Annotated[str | None, typer.Argument(help="An outlet name, code or domain.")] = None,
    as_json: JsonOption = False,
) -> None:
    """The outlet knowledge base (kb/outlets.yaml): country, alignment and its source."""
    kb = Outlets.load()
    items = list(kb)
    if name:
        found = kb.resolve(name) or kb.find_in(name)
        if found is None:
            fail(f"no outlet {name!r} in kb/outlets.yaml")
        items = [found]
    if as_json:
        print_json([o.as_dict() for o in items])
        return
    table = Table("id", "name", "country", "alignment", "languages", "source")
    for o in items:
        table.add_row(o.id, o.name, o.country or "-", o.label, ",".join(o.languages), o.source)
    out.print(table)


def print_event_casualties(view: ConflictState, where: EventFilter, as_json: bool) -> None:
    """`frontlines casualties --by event`: best / low / high per event with who reported what."""
    rows = event_casualties(view, where)
    if as_json:
        print_json({"by": "event", "events": rows})
        return
    table = Table("event", "date", "place", "actor1", "actor2", "best", "low", "high", "basis",
                  "status", "reported", title="casualties by event (UCDP-style)")
    for r in rows:
        reported = "; ".join(f"{x['outlet']}: {x['text'] or x['value']}" for x in r["reports"])
        table.add_row(r["event_id"], r["date"] or "?", r["place"] or "-", r["actor1"] or "-",
                      r["actor2"] or "-", str(r["best"]), str(r["low"]),
                      "open" if r["high"] is None else str(r["high"]), r["basis"], r["status"],
                      reported)
    out.print(table)
