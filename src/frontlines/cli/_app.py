"""The Typer app, shared options and error translation. Command modules register on `app`."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from frontlines.errors import FrontlinesError
from frontlines.store import Store

__all__ = [
    "DbOption",
    "DebugOption",
    "JsonOption",
    "app",
    "err",
    "fail",
    "open_store",
    "out",
    "parse_date",
    "print_json",
    "print_rows",
    "state",
]

app = typer.Typer(
    name="frontlines",
    help="Turn news reports about armed conflict into dated, geocoded, typed events.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

out = Console(soft_wrap=True, highlight=False, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # progress and errors: stderr

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database: an SQLite path or a URL (default FRONTLINES_DB, else ./frontlines.db).",
        envvar="FRONTLINES_DB",
        show_envvar=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (what the API returns).")]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")]

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2
__all__ += ["EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE", "handle_errors"]


class _State:
    debug: bool = False


state = _State()


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    err.print(f"error: {message}", markup=False)
    raise typer.Exit(code)


@contextmanager
def open_store(db: str | None) -> Iterator[Store]:
    """Open the store for one command; library errors become one line and exit code 2."""
    with handle_errors():
        store = Store.open(db)
    try:
        with handle_errors():
            yield store
    finally:
        store.close()


@contextmanager
def handle_errors() -> Iterator[None]:
    try:
        yield
    except FrontlinesError as exc:
        if state.debug:
            raise
        fail(str(exc))


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} must be a date like 2017-07-21, not {value!r}")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_rows(rows: list[dict[str, Any]], as_json: bool, line: Callable[[dict[str, Any]], str],
               empty: str | None = None) -> None:
    """The listing of a command with --json: the rows as JSON, or one line of text per row (and
    `empty` when there is none)."""
    if as_json:
        print_json(rows)
        return
    for row in rows:
        out.print(line(row), markup=False)
    if not rows and empty is not None:
        out.print(empty, markup=False)


def command(*args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return app.command(*args, **kwargs)


@app.callback()
def _main(debug: DebugOption = False) -> None:
    """Turn news reports about armed conflict into dated, geocoded, typed events."""
    state.debug = debug
