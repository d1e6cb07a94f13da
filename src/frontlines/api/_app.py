"""The FastAPI app: one process serves the JSON API, its OpenAPI docs and the web pages.

`create_app(store)` builds it; the app object owns the store, the derived views and the
settings (no module globals). Every error, from any route, has one shape:
`{"error": {"code": "...", "message": "..."}}`.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from frontlines.errors import FrontlinesError, InputError, StoreError
from frontlines.knowledge import actor_knowledge
from frontlines.settings import Settings
from frontlines.state import ConflictState
from frontlines.store import Store

__all__ = ["create_app", "error"]

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 413: "too_large", 422: "invalid_request",
          503: "unavailable"}


def error(status: int, message: str, code: str | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code or _CODES.get(status, "error"),
                                   "message": message}}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors():
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        where = ".".join(loc) or "request"
        parts.append(f"{where}: {e.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid request"


def _swagger_path() -> Path | None:
    try:
        import swagger_ui_bundle
    except ModuleNotFoundError:
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


def create_app(
    store: Store,
    *,
    settings: Settings | None = None,
    kb: Any = "auto",
    tile_url: str | None = None,
    annotator: Any = None,
    private: bool = False,
) -> FastAPI:
    """The app for one store. `kb="auto"` loads the actor knowledge base when installed;
    `annotator` (optional) is reused by POST /api/documents instead of loading the model;
    `private` asks for a login before any read (writes always need a role)."""
    from frontlines.api._live_routes import router as live_router
    from frontlines.api._routes import router as api_router
    from frontlines.api._source_routes import router as source_router
    from frontlines.api._state_routes import router as state_router
    from frontlines.web import STATIC_DIR
    from frontlines.web import router as web_router

    app = FastAPI(
        title="frontlines",
        summary="Conflict events with evidence, territorial control and alliances.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.state.settings = settings or Settings.from_env()
    app.state.view = ConflictState(store, actor_knowledge(store) if kb == "auto" else kb)
    app.state.tile_url = tile_url
    app.state.annotator = annotator
    app.state.pipeline = None
    app.state.pipeline_lock = threading.Lock()
    app.state.cache = {}

    @app.exception_handler(HTTPException)
    async def _http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        response = error(exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})  # Retry-After on 429
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error(422, _validation_message(exc))

    @app.exception_handler(InputError)
    async def _bad_input(_request: Request, exc: InputError) -> JSONResponse:
        return error(422, exc.reason)

    @app.exception_handler(StoreError)
    async def _store_error(_request: Request, exc: StoreError) -> JSONResponse:
        return error(503, str(exc).split("\n", 1)[0], "store_error")

    @app.exception_handler(FrontlinesError)
    async def _frontlines_error(_request: Request, exc: FrontlinesError) -> JSONResponse:
        return error(400, str(exc))

    @app.middleware("http")
    async def _security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if not request.url.path.startswith("/api/docs"):
            images = "'self' data:" + (f" {_origin(tile_url)}" if tile_url else "")
            response.headers.setdefault(
                "Content-Security-Policy",
                f"default-src 'self'; script-src 'self'; style-src 'self'; img-src {images}; "
                "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
            )
        return response

    swagger = _swagger_path()
    if swagger is not None:
        app.mount("/api/docs/assets", StaticFiles(directory=swagger), name="swagger")

    @app.get("/api/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if swagger is None:
            return HTMLResponse("<p>Install swagger-ui-bundle for the interactive docs; the "
                                "schema is at <a href='/api/openapi.json'>/api/openapi.json"
                                "</a>.</p>")
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json", title="frontlines API",
            swagger_js_url="/api/docs/assets/swagger-ui-bundle.js",
            swagger_css_url="/api/docs/assets/swagger-ui.css",
            swagger_favicon_url="/api/docs/assets/favicon-32x32.png",
        )

    from frontlines.api._edit_routes import install as install_workspace

    install_workspace(app, private)
    app.include_router(api_router, prefix="/api")
    app.include_router(state_router, prefix="/api")
    app.include_router(source_router, prefix="/api")
    app.include_router(live_router, prefix="/api")
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _origin(url: str) -> str:
    """The scheme://host part of a tile URL template, for the content security policy."""
    scheme, _, rest = url.partition("://")
    host = rest.split("/", 1)[0].replace("{s}", "*")
    return f"{scheme}://{host}" if scheme and host else "'none'"
