"""`frontlines events`: list the coded events, or explain one with its evidence."""

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
from frontlines.events import explain as explain_event
from frontlines.model import Event
from frontlines.store import EventFilter, to_dict

DateFrom = Annotated[str | None, typer.Option("--from", help="Earliest event date (YYYY-MM-DD).")]
DateTo = Annotated[str | None, typer.Option("--to", help="Latest event date (YYYY-MM-DD).")]


def event_filter(
    date_from: str | None,
    date_to: str | None,
    event_type: str | None,
    actor: str | None,
    place: str | None,
    limit: int | None = None,
) -> EventFilter:
    """The filter options shared by `events` and `export`."""
    return EventFilter(
        date_from=parse_date(date_from, "--from"),
        date_to=parse_date(date_to, "--to"),
        event_type=event_type,
        actor=actor,
        place=place,
        limit=limit,
    )


def explain(event: Event) -> str:
    lines = [
        f"event {event.id}: {event.event_type} / {event.sub_event_type}",
        f"  actor1: {event.actor1.name if event.actor1 else '-'}"
        f"   actor2: {event.actor2.name if event.actor2 else '-'}",
        f"  place: {(event.place.name or event.place.text) if event.place else '-'}"
        f" (geo_precision {event.place.geo_precision if event.place else '-'})",
        f"  date: {event.date or 'unknown'} (time_precision {int(event.time_precision)})"
        f"   fatalities: {event.fatalities if event.fatalities is not None else '-'}",
        f"  evidence ({len(event.claims)} claim{'s' if len(event.claims) != 1 else ''}):",
    ]
    for claim in event.claims:
        who = claim.claimant or "the outlet"
        lines.append(
            f"  - [{claim.doc_id} sentence {claim.sentence}, chars "
            f"{claim.evidence_start}-{claim.evidence_end}] claimed by {who}"
            f" ({claim.outlet or 'unknown outlet'}), trigger {claim.trigger!r}:"
        )
        lines.append(f'      "{claim.evidence.strip()}"')
    return "\n".join(lines)


@app.command()
def events(
    date_from: DateFrom = None,
    date_to: DateTo = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="event_type or sub_event_type, e.g. Battles.")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Actor id or part of its name.")] = None,
    place: Annotated[str | None, typer.Option(help="Place id or part of its name.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    explain_id: Annotated[
        str | None,
        typer.Option("--explain", metavar="ID", help="Print one event with its evidence."),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List events in the store (filters combine), or --explain ID for one event's evidence."""
    with open_store(db) as store:
        if explain_id:
            found = store.event(explain_id)
            if found is None:
                fail(f"no event with id {explain_id!r} (list ids with `frontlines events`)")
            if as_json:
                print_json(to_dict(found))
            else:
                out.print(explain_event(found), markup=False)
            return
        where = event_filter(date_from, date_to, event_type, actor, place, limit)
        found_events = store.events(where)
    if as_json:
        print_json([to_dict(e) for e in found_events])
        return
    table = Table("id", "date", "type", "actor1", "actor2", "location", "fat.", "claims")
    for e in found_events:
        table.add_row(
            e.id,
            str(e.date or "?"),
            e.sub_event_type,
            e.actor1.name if e.actor1 else "",
            e.actor2.name if e.actor2 else "",
            (e.place.name or e.place.text) if e.place else "",
            "" if e.fatalities is None else str(e.fatalities),
            str(len(e.claims)),
        )
    out.print(table)
    out.print(f"{len(found_events)} events", markup=False)
