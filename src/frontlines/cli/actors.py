"""`frontlines actors`: list actors (known and provisional), show one, merge a provisional one."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from frontlines.cli._app import DbOption, JsonOption, app, fail, open_store, out, print_json
from frontlines.knowledge import actor_knowledge, merge_actor
from frontlines.model import Actor
from frontlines.store import to_dict

__all__ = ["actors_app"]

actors_app = typer.Typer(help="Actors: the knowledge base, provisional actors, merges.",
                         no_args_is_help=False, rich_markup_mode=None)
app.add_typer(actors_app, name="actors")


def _row(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "acled_name": actor.acled_name,
            "inter": actor.inter, "kind": actor.kind, "country": actor.country,
            "provisional": actor.provisional}


@actors_app.callback(invoke_without_command=True)
def list_actors(
    ctx: typer.Context,
    provisional: Annotated[bool, typer.Option("--provisional",
                                              help="Only actors discovered in text.")] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List actors: the knowledge base and those discovered in ingested text."""
    if ctx.invoked_subcommand is not None:
        return
    with open_store(db) as store:
        kb = actor_knowledge(store)
    actors = [a for a in kb.actors() if a.provisional or not provisional]
    if as_json:
        print_json([_row(a) for a in actors])
        return
    for a in actors:
        tag = "provisional" if a.provisional else (a.acled_name or "")
        out.print(f"{a.id}\t{a.name}\t{tag}", markup=False)


@actors_app.command("show")
def show(actor_id: str, as_json: JsonOption = False, db: DbOption = None) -> None:
    """Show one actor: names, aliases and dated relations."""
    with open_store(db) as store:
        kb = actor_knowledge(store)
        text_relations = [r for r in store.relations() if actor_id in (r.actor, r.target)]
    actor = kb.get(actor_id)
    if actor is None:
        found = kb.resolve(actor_id)
        actor = found[0] if found else None
    if actor is None:
        fail(f"no actor {actor_id!r}: see `frontlines actors`")
    relations = [r for r in kb.relations() if actor.id in (r.actor, r.target)]
    relations += [r for r in text_relations if r not in relations]
    data = {**to_dict(actor), "relations": [to_dict(r) for r in relations]}
    if as_json:
        print_json(data)
        return
    out.print(f"{actor.id}: {actor.name}", markup=False)
    for key in ("acled_name", "inter", "kind", "country", "active_from", "active_to", "source"):
        if data.get(key) not in (None, ""):
            out.print(f"  {key}: {data[key]}", markup=False)
    if actor.aliases:
        out.print("  aliases: " + "; ".join(actor.aliases), markup=False)
    for r in relations:
        when = f" [{r.start or '?'} .. {r.end or ''}]" if r.start or r.end else ""
        out.print(f"  {r.actor} {r.kind} {r.target}{when}  ({r.source or 'text'})", markup=False)


@actors_app.command("merge")
def merge(
    source: Annotated[str, typer.Argument(help="Provisional actor: id or name as written.")],
    into: Annotated[str, typer.Argument(help="Known actor: id or a name it resolves.")],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Fold provisional actor SOURCE into actor INTO; later ingests resolve it directly."""
    with open_store(db) as store:
        result = merge_actor(store, source, into, actor_knowledge(store))
    if as_json:
        print_json(result.__dict__)
        return
    out.print(f"merged {result.source} into {result.into}: {result.mentions} mentions, "
              f"{result.claims} claims, {result.events} events, {result.relations} relations "
              "rewritten", markup=False)
