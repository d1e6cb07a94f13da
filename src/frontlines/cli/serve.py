"""`frontlines serve`: the map, the alliance graph, the event table and the JSON API."""

from __future__ import annotations

from typing import Annotated

import typer

from frontlines.cli._app import DbOption, app, err, fail, handle_errors, open_store
from frontlines.settings import Settings
from frontlines.workspace import Users


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    tiles: Annotated[str | None, typer.Option(
        help="Optional online tile layer, a URL template such as "
             "https://tile.openstreetmap.org/{z}/{x}/{y}.png (off by default: the map "
             "draws the gazetteer's admin boundaries and works offline).",
        envvar="FRONTLINES_TILE_URL", show_envvar=False)] = None,
    private: Annotated[bool, typer.Option(
        "--private", help="Ask for a login before any read (writes always need a role).")]
    = False,
) -> None:
    """Serve the web pages and the API (docs at /api/docs) from one process."""
    import uvicorn

    from frontlines.api import create_app

    if not 0 < port < 65536:
        fail("--port must be between 1 and 65535")
    if tiles is not None and not tiles.startswith(("http://", "https://")):
        fail("--tiles must be an http(s) URL template with {z}, {x} and {y}")
    with open_store(db) as store:
        with handle_errors():
            application = create_app(store, settings=Settings.from_env(), tile_url=tiles,
                                     private=private)
            admins = Users(store).count_admins()
        err.print(f"frontlines: serving {store.url} on http://{host}:{port}/ "
                  f"({'private: login needed to read' if private else 'open for reading'}; "
                  "API docs at /api/docs; Ctrl-C stops)", markup=False)
        if not admins:
            err.print("frontlines: no admin yet; create one with `frontlines users add NAME "
                      "--role admin` (editors and viewers the same way)", markup=False)
        if host not in ("127.0.0.1", "localhost", "::1"):
            err.print(f"frontlines: listening on {host}: reachable from other machines; use "
                      "HTTPS in front of it so that logins are not sent in clear",
                      markup=False)
        uvicorn.run(application, host=host, port=port, log_level="warning")
