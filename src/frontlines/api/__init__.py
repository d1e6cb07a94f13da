"""api/: the FastAPI JSON API (events, evidence, actors, places, control, alliances, exports)."""

from frontlines.api._app import create_app

__all__ = ["create_app"]
