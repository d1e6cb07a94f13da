"""web/: the analyst's pages (map, alliance graph, event table), served by the API's process.

The pages are a static shell plus our own small scripts that draw SVG from the JSON API: no
third-party front-end library, no CDN, no tile server unless one is configured.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

__all__ = ["STATIC_DIR", "TEMPLATES_DIR", "router"]

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
_VIEWS = {"/": "map", "/alliances": "alliances", "/events": "events", "/review": "review",
          "/disputes": "disputes"}

router = APIRouter(include_in_schema=False)
_templates = Jinja2Templates(directory=str(TEMPLATES_DIR))


def _page(request: Request, view: str) -> HTMLResponse:
    return _templates.TemplateResponse(request, "index.html", {"view": view})


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    return _page(request, "map")


@router.get("/alliances", response_class=HTMLResponse)
def alliances_page(request: Request) -> HTMLResponse:
    return _page(request, "alliances")


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request) -> HTMLResponse:
    return _page(request, "events")


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request) -> HTMLResponse:
    return _page(request, "review")


@router.get("/disputes", response_class=HTMLResponse)
def disputes_page(request: Request) -> HTMLResponse:
    return _page(request, "disputes")


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)
