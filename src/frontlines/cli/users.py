"""`frontlines users`: accounts for the web workspace (viewer / editor / admin) and bearer
tokens for scripts."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from frontlines.cli._app import DbOption, JsonOption, app, fail, open_store, out, print_rows
from frontlines.workspace import ROLES, Users

__all__ = ["users_app"]

users_app = typer.Typer(help="Accounts: users with a role (viewer, editor, admin) and tokens.",
                        no_args_is_help=True, rich_markup_mode=None)
app.add_typer(users_app, name="users")

PasswordStdin = Annotated[bool, typer.Option(
    "--password-stdin", help="Read the password from the first line of stdin (for scripts); "
    "else FRONTLINES_PASSWORD, else a prompt.")]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if os.environ.get("FRONTLINES_PASSWORD"):
        return os.environ["FRONTLINES_PASSWORD"]
    if not sys.stdin.isatty():
        fail("give the password with --password-stdin or FRONTLINES_PASSWORD")
    return str(typer.prompt("password", hide_input=True, confirmation_prompt=True))


@users_app.command("add")
def add(
    name: str,
    role: Annotated[str, typer.Option(help=f"One of {', '.join(ROLES)}.")] = "viewer",
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Create a user (the password is stored as an argon2id hash)."""
    if role not in ROLES:
        fail(f"--role must be one of {', '.join(ROLES)}, not {role!r}")
    password = _password(password_stdin)
    with open_store(db) as store:
        user = Users(store).add(name, password, role)
    out.print(f"added {user.name} ({user.role})", markup=False)


@users_app.command("list")
def list_users(as_json: JsonOption = False, db: DbOption = None) -> None:
    """List users with their roles."""
    with open_store(db) as store:
        rows = Users(store).list()
    print_rows(rows, as_json,
               lambda r: f"{r['name']}\t{r['role']}\t{r['created_at']}\t{r['api_tokens']} token(s)",
               empty="no users: `frontlines users add NAME --role admin` creates the first admin")


@users_app.command("remove")
def remove(name: str, db: DbOption = None) -> None:
    """Delete a user with their sessions and tokens (their edit records stay, signed)."""
    with open_store(db) as store:
        Users(store).remove(name)
    out.print(f"removed {name}", markup=False)


@users_app.command("role")
def set_role(name: str, role: str, db: DbOption = None) -> None:
    """Change a user's role."""
    with open_store(db) as store:
        user = Users(store).set_role(name, role)
    out.print(f"{user.name} is now {user.role}", markup=False)


@users_app.command("token")
def token(
    name: str,
    label: Annotated[str | None, typer.Option(help="What the token is for.")] = None,
    db: DbOption = None,
) -> None:
    """Create a bearer token acting as NAME (with NAME's role); printed once, stored hashed."""
    with open_store(db) as store:
        secret = Users(store).create_token(name, label)
    sys.stdout.write(secret + "\n")
