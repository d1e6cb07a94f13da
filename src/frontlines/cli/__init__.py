"""The `frontlines` command: thin functions over the library, one module per command group."""

from __future__ import annotations

# Each module registers its commands on `app` when imported, in the order `--help` lists them.
# isort: off
from frontlines.cli import ingest  # noqa: F401
from frontlines.cli import events  # noqa: F401
from frontlines.cli import export  # noqa: F401
from frontlines.cli import gazetteer  # noqa: F401
from frontlines.cli import actors  # noqa: F401
from frontlines.cli import eval  # noqa: F401
from frontlines.cli import state  # noqa: F401
from frontlines.cli import serve  # noqa: F401
from frontlines.cli import users  # noqa: F401
from frontlines.cli import review  # noqa: F401
from frontlines.cli import sources  # noqa: F401
from frontlines.cli import watch  # noqa: F401
# isort: on
from frontlines.cli._app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
