"""`frontlines review` and `frontlines edits`: the review queue and corrections from the
command line (for scripts), and moving a team's edits between stores."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from frontlines.cli._app import (
    DbOption,
    JsonOption,
    app,
    fail,
    open_store,
    out,
    print_json,
    print_rows,
)
from frontlines.workspace import (
    KINDS,
    REASONS,
    Corrections,
    EditError,
    dump_yaml,
    export_edits,
    import_edits,
    review_queue,
)

__all__ = ["edits_app", "review_app"]

review_app = typer.Typer(help="The review queue and corrections (accept, edit, reject).",
                         no_args_is_help=False, rich_markup_mode=None)
app.add_typer(review_app, name="review")
edits_app = typer.Typer(help="Edit records: list, export, import.", no_args_is_help=True,
                        rich_markup_mode=None)
app.add_typer(edits_app, name="edits")

AsOption = Annotated[str, typer.Option("--as", help="Who makes the edit (recorded in the "
                                       "audit trail).", envvar="FRONTLINES_USER")]
ReasonOption = Annotated[str, typer.Option(help="Why (recorded with the edit).")]


def _kb(store: object) -> object:
    from frontlines.knowledge import actor_knowledge

    return actor_knowledge(store)  # type: ignore[arg-type]


@review_app.callback(invoke_without_command=True)
def queue(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Option(help=f"Only {', '.join(KINDS)} items.")] = None,
    reason: Annotated[str | None, typer.Option(help=f"Only items for {', '.join(REASONS)}.")]
    = None,
    limit: Annotated[int, typer.Option(help="At most this many items.")] = 50,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List the review queue, newest first."""
    if ctx.invoked_subcommand is not None:
        return
    if kind is not None and kind not in KINDS:
        fail(f"--kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if reason is not None and reason not in REASONS:
        fail(f"--reason must be one of {', '.join(REASONS)}, not {reason!r}")
    with open_store(db) as store:
        items = review_queue(store, kind, reason)[:limit]
    print_rows(items, as_json,
               lambda i: f"{i['kind']}\t{i['id']}\t{i['date'] or '-'}\t{i['reason']}\t{i['title']}",
               empty="nothing to review")


def _run(db: str | None, action: str, *args: object, as_json: bool = False) -> None:
    with open_store(db) as store:
        try:
            record = getattr(Corrections(store, _kb(store)), action)(*args)
        except EditError as exc:
            fail(str(exc), 2 if exc.status != 404 else 1)
    if as_json:
        print_json(record)
    else:
        out.print(f"edit {record['id']}: {record['action']} {record['target_kind']} "
                  f"{record['target_id']} by {record['author']}", markup=False)


@review_app.command("accept")
def accept(item_id: str, who: AsOption,
           kind: Annotated[str, typer.Option(help="event, claim or actor.")] = "event",
           reason: ReasonOption = "", as_json: JsonOption = False, db: DbOption = None) -> None:
    """Accept an item as coded: it leaves the review queue."""
    _run(db, "accept_item", kind, item_id, reason, who, as_json=as_json)


@review_app.command("edit")
def edit(
    event_id: str,
    who: AsOption,
    actor1: Annotated[str | None, typer.Option(help="Actor id (or a known name).")] = None,
    actor2: Annotated[str | None, typer.Option(help="Actor id (or a known name).")] = None,
    place: Annotated[str | None, typer.Option(help="Place id from the gazetteer.")] = None,
    on: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD.")] = None,
    fatalities: Annotated[int | None, typer.Option(help="Coded fatalities.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="ACLED event type.")] = None,
    sub_event_type: Annotated[str | None, typer.Option("--sub-type",
                                                       help="ACLED sub-event type.")] = None,
    set_json: Annotated[str | None, typer.Option("--set", help="The changes as a JSON object "
                                                 '(e.g. \'{"actor2": {"name": "X"}}\').')]
    = None,
    reason: ReasonOption = "",
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Correct an event's type, actors, place, date or fatalities (an audited edit)."""
    changes: dict[str, object] = {}
    if set_json:
        try:
            changes = json.loads(set_json)
        except json.JSONDecodeError as exc:
            fail(f"--set is not JSON: {exc}")
        if not isinstance(changes, dict):
            fail("--set must be a JSON object")
    given = {"actor1": actor1, "actor2": actor2, "place": place, "date": on,
             "fatalities": fatalities, "event_type": event_type,
             "sub_event_type": sub_event_type}
    changes.update({k: v for k, v in given.items() if v is not None})
    if not changes:
        fail("say what to change: --actor1, --actor2, --place, --date, --fatalities, --type, "
             "--sub-type or --set JSON")
    _run(db, "edit_event", event_id, changes, reason, who, as_json=as_json)


@review_app.command("reject")
def reject(claim_id: str, who: AsOption, reason: ReasonOption = "", as_json: JsonOption = False,
           db: DbOption = None) -> None:
    """Reject a claim: it leaves its event, which is rebuilt from the other claims."""
    _run(db, "reject_claim", claim_id, reason, who, as_json=as_json)


@review_app.command("merge")
def merge(event_id: str, other_id: str, who: AsOption, reason: ReasonOption = "",
          as_json: JsonOption = False, db: DbOption = None) -> None:
    """Merge event OTHER_ID into EVENT_ID (one event with the claims of both)."""
    _run(db, "merge_events", event_id, other_id, reason, who, as_json=as_json)


@review_app.command("split")
def split(event_id: str, claims: list[str], who: AsOption, reason: ReasonOption = "",
          as_json: JsonOption = False, db: DbOption = None) -> None:
    """Move CLAIMS of EVENT_ID to a new event (a copy of its coding, to correct)."""
    _run(db, "split_event", event_id, list(claims), reason, who, as_json=as_json)


@review_app.command("fold")
def fold(source: str, into: str, who: AsOption, reason: ReasonOption = "",
         as_json: JsonOption = False, db: DbOption = None) -> None:
    """Fold provisional actor SOURCE into the known actor INTO (an audited edit)."""
    _run(db, "fold_actor", source, into, reason, who, as_json=as_json)


@review_app.command("spelling")
def spelling(kind: str, name: str, target: str, who: AsOption, reason: ReasonOption = "",
             as_json: JsonOption = False, db: DbOption = None) -> None:
    """Add NAME as a spelling of place or actor TARGET (KIND is place or actor): the next
    report that writes it resolves without an edit."""
    _run(db, "add_spelling", kind, name, target, reason, who, as_json=as_json)


@review_app.command("history")
def history(event_id: str, as_json: JsonOption = False, db: DbOption = None) -> None:
    """The edit records of an event."""
    with open_store(db) as store:
        rows = Corrections(store).history(event_id)
    print_rows(rows, as_json, lambda r: f"{r['at']}\t{r['author']}\t{r['action']}\t{r['status']}\t"
               f"{json.dumps(r['after'], ensure_ascii=False)}\t{r['reason']}")


@edits_app.command("list")
def list_edits(
    status: Annotated[str | None, typer.Option(help="active, flagged or orphaned.")] = None,
    as_json: JsonOption = False, db: DbOption = None,
) -> None:
    """Every edit record (the audit trail)."""
    with open_store(db) as store:
        rows = Corrections(store).edits(status)
    print_rows(rows, as_json, lambda r: f"{r['id']}\t{r['at']}\t{r['author']}\t{r['action']} "
               f"{r['target_kind']} {r['target_id']}\t{r['status']}\t{r['reason']}")


@edits_app.command("export")
def export(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File (default stdout).")]
    = None,
    db: DbOption = None,
) -> None:
    """Write every edit record as YAML, for `frontlines edits import` in another store."""
    with open_store(db) as store:
        text = dump_yaml(export_edits(store))
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@edits_app.command("import")
def import_(path: Path, db: DbOption = None) -> None:
    """Add the edit records of an export (those already here are skipped) and apply them."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{path}: {exc}")
    with open_store(db) as store:
        try:
            added, present = import_edits(store, text)
        except EditError as exc:
            fail(f"{path}: {exc}")
    out.print(f"{added} edits added, {present} already here", markup=False)
