"""The `frontlines` command: thin functions over the library, one module per command group."""

from __future__ import annotations

import importlib

from frontlines.cli._app import app

__all__ = ["app", "main"]

# Each module registers its commands on `app`. A module not yet written is skipped.
_COMMAND_MODULES = (
    "frontlines.cli.ingest",
    "frontlines.cli.events",
    "frontlines.cli.export",
    "frontlines.cli.gazetteer",
    "frontlines.cli.actors",
    "frontlines.cli.eval",
    "frontlines.cli.state",
    "frontlines.cli.serve",
    "frontlines.cli.sources",
)

for _name in _COMMAND_MODULES:
    try:
        importlib.import_module(_name)
    except ModuleNotFoundError as _exc:
        if _exc.name != _name:
            raise


def main() -> None:
    app()
