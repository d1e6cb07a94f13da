"""API routes of the analyst's workspace: corrections (editor), the review queue and event
histories (read), users and edit import (admin). `install(app)` wires them into the app."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from frontlines.api._auth import LoginLimiter, require, user_of
from frontlines.api._auth import router as auth_router
from frontlines.api._routes import Limit, Offset, store_of
from frontlines.api._serialise import event_json, page
from frontlines.store.edits import EditError
from frontlines.store.users import ROLES, AuthError, User, Users
from frontlines.workspace import (
    KINDS,
    REASONS,
    Corrections,
    event_types,
    export_edits,
    import_edits,
    review_queue,
)

__all__ = ["install", "router"]

router = APIRouter()
Editor = Annotated[User, Depends(require("editor"))]
Admin = Annotated[User, Depends(require("admin"))]

# reads that stay open even on a --private server (the login page needs them)
_PUBLIC = ("/api/login", "/api/logout", "/api/me", "/api/settings", "/api/docs",
           "/api/openapi.json")


def install(app: FastAPI, private: bool = False) -> None:
    """Add the workspace routes, their error handlers and (with `private`) login for reads."""
    from frontlines.api._app import error

    app.state.private = private
    app.state.login_limiter = LoginLimiter()

    @app.exception_handler(EditError)
    async def _edit_error(_request: Request, exc: EditError) -> JSONResponse:
        return error(exc.status, str(exc))

    @app.exception_handler(AuthError)
    async def _auth_error(_request: Request, exc: AuthError) -> JSONResponse:
        return error(exc.status, str(exc))

    @app.middleware("http")
    async def _private(request: Request, call_next: Any) -> Any:
        path = request.url.path
        if request.app.state.private and path.startswith("/api/") and \
                not path.startswith(_PUBLIC) and user_of(request) is None:
            return error(401, "this server is private: log in (POST /api/login) or send "
                              "'Authorization: Bearer <token>'")
        return await call_next(request)

    from frontlines.api._area_routes import router as area_router

    app.include_router(auth_router, prefix="/api")
    app.include_router(router, prefix="/api")
    app.include_router(area_router, prefix="/api")


def _corrections(request: Request) -> Corrections:
    return Corrections(store_of(request), request.app.state.view.kb)


def _changed(request: Request) -> None:
    request.app.state.cache.clear()


# ---------------------------------------------------------------------- reading


@router.get("/event-types", tags=["review"])
def list_event_types() -> dict[str, list[str]]:
    """ACLED event types with their sub-event types (what an edit may set)."""
    return event_types()


@router.get("/events/{event_id}/history", tags=["review"])
def event_history(request: Request, event_id: str) -> dict[str, Any]:
    """The edit records of an event, oldest first: who, when, before, after, why, status."""
    store = store_of(request)
    history = _corrections(request).history(event_id)
    if store.event(event_id) is None and not history:
        raise HTTPException(404, f"no event {event_id!r}")
    return {"event": event_id, "edits": history,
            "flagged": any(e["status"] == "flagged" for e in history)}


@router.get("/review", tags=["review"])
def review(request: Request,
           kind: Annotated[str | None, Query(pattern=f"^({'|'.join(KINDS)})$")] = None,
           reason: Annotated[str | None, Query(pattern=f"^({'|'.join(REASONS)})$")] = None,
           q: Annotated[str | None, Query(max_length=200)] = None,
           limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """The review queue, newest first: flagged or disputed events, events placed only in their
    province, claims marked needs_review or of low confidence, provisional actors."""
    items = review_queue(store_of(request), kind, reason, q)
    return page(items[offset:offset + limit], len(items), limit, offset)


@router.get("/edits", tags=["review"])
def list_edits(request: Request,
               status: Annotated[str | None,
                                 Query(pattern="^(active|flagged|orphaned)$")] = None,
               ) -> dict[str, Any]:
    """Every edit record (the audit trail), oldest first."""
    items = _corrections(request).edits(status)
    return {"items": items, "total": len(items)}


@router.get("/edits/export", tags=["review"])
def edits_export(request: Request) -> dict[str, Any]:
    """All edit records in the format `frontlines edits import` and POST /api/edits read."""
    return export_edits(store_of(request))


# ---------------------------------------------------------------------- corrections


class EventEdit(BaseModel):
    changes: dict[str, Any] = Field(description="Fields to set: event_type, sub_event_type, "
                                    "actor1, actor2 (actor id or {name}), place (place id), "
                                    "date (YYYY-MM-DD), fatalities (integer or null).")
    reason: str = Field("", max_length=2000)


class Reason(BaseModel):
    reason: str = Field("", max_length=2000)


def _event_answer(request: Request, record: dict[str, Any]) -> dict[str, Any]:
    event = store_of(request).event(record["target_id"])
    return {"edit": record, "event": event_json(event) if event else None}


@router.post("/events/{event_id}/edit", tags=["review"], status_code=201)
def edit_event(request: Request, event_id: str, body: Annotated[EventEdit, Body()],
               user: Editor) -> dict[str, Any]:
    """Correct an event (editor). The edit is recorded and outlives every recomputation."""
    record = _corrections(request).edit_event(event_id, body.changes, body.reason, user.name)
    _changed(request)
    return _event_answer(request, record)


@router.post("/events/{event_id}/accept", tags=["review"], status_code=201)
def accept_event(request: Request, event_id: str, user: Editor,
                 body: Annotated[Reason | None, Body()] = None) -> dict[str, Any]:
    """Accept an event as coded (editor): it leaves the review queue."""
    record = _corrections(request).accept(event_id, body.reason if body else "", user.name)
    return _event_answer(request, record)


class Merge(BaseModel):
    other: str = Field(min_length=1, max_length=120, description="The event to merge in.")
    reason: str = Field("", max_length=2000)


class Split(BaseModel):
    claims: list[str] = Field(min_length=1, max_length=1000,
                              description="Claim ids that leave for a new event.")
    reason: str = Field("", max_length=2000)


@router.post("/events/{event_id}/merge", tags=["review"], status_code=201)
def merge_events(request: Request, event_id: str, body: Annotated[Merge, Body()],
                 user: Editor) -> dict[str, Any]:
    """Merge another event into this one (editor): one event with the claims of both."""
    record = _corrections(request).merge_events(event_id, body.other, body.reason, user.name)
    _changed(request)
    return _event_answer(request, record)


@router.post("/events/{event_id}/split", tags=["review"], status_code=201)
def split_event(request: Request, event_id: str, body: Annotated[Split, Body()],
                user: Editor) -> dict[str, Any]:
    """Move some claims of this event to a new event (editor), coded as a copy to correct."""
    record = _corrections(request).split_event(event_id, body.claims, body.reason, user.name)
    _changed(request)
    answer = _event_answer(request, record)
    new = store_of(request).event(record["after"]["new_id"])
    return {**answer, "new_event": event_json(new) if new else None}


@router.post("/review/{kind}/{item_id}/accept", tags=["review"], status_code=201)
def accept_item(request: Request, kind: str, item_id: str, user: Editor,
                body: Annotated[Reason | None, Body()] = None) -> dict[str, Any]:
    """Accept a review item (editor): an event, a claim or a provisional actor."""
    return _corrections(request).accept_item(kind, item_id, body.reason if body else "",
                                             user.name)


@router.post("/claims/{claim_id}/reject", tags=["review"], status_code=201)
def reject_claim(request: Request, claim_id: str, user: Editor,
                 body: Annotated[Reason | None, Body()] = None) -> dict[str, Any]:
    """Reject a claim (editor): it leaves its event, which is rebuilt from the others."""
    record = _corrections(request).reject_claim(claim_id, body.reason if body else "",
                                                user.name)
    _changed(request)
    return record


@router.post("/edits", tags=["review"], status_code=201)
def edits_import(request: Request, body: Annotated[dict[str, Any], Body()],
                 _user: Admin) -> dict[str, Any]:
    """Import edit records exported from another store (admin)."""
    import json

    added, present = import_edits(store_of(request), json.dumps(body))
    _changed(request)
    return {"added": added, "already_present": present}


class Fold(BaseModel):
    into: str = Field(min_length=1, max_length=200, description="The known actor's id.")
    reason: str = Field("", max_length=2000)


class Spelling(BaseModel):
    kind: str = Field(pattern="^(place|actor)$")
    name: str = Field(min_length=1, max_length=200, description="The spelling as written.")
    target: str = Field(min_length=1, max_length=200, description="The place or actor id.")
    reason: str = Field("", max_length=2000)


def _reload_actors(request: Request) -> None:
    """The knowledge base changed (a fold or an actor spelling): the views read it again."""
    from frontlines.knowledge import actor_knowledge

    view = request.app.state.view
    if view.kb is not None:
        view.kb = actor_knowledge(view.store)
    _changed(request)


@router.post("/actors/{actor_id}/fold", tags=["review"], status_code=201)
def fold_actor(request: Request, actor_id: str, body: Annotated[Fold, Body()],
               user: Editor) -> dict[str, Any]:
    """Fold a provisional actor into a known one (editor): its spellings become aliases."""
    record = _corrections(request).fold_actor(actor_id, body.into, body.reason, user.name)
    _reload_actors(request)
    return record


@router.get("/spellings", tags=["review"])
def list_spellings(request: Request) -> dict[str, Any]:
    """The user knowledge overlay: spellings of places and actors added by analysts."""
    items = _corrections(request).spellings()
    return {"items": items, "total": len(items)}


@router.post("/spellings", tags=["review"], status_code=201)
def add_spelling(request: Request, body: Annotated[Spelling, Body()],
                 user: Editor) -> dict[str, Any]:
    """Add a spelling of a place or an actor (editor): later reports resolve it."""
    record = _corrections(request).add_spelling(body.kind, body.name, body.target,
                                                body.reason, user.name)
    if body.kind == "actor":
        _reload_actors(request)
    return record


# ---------------------------------------------------------------------- users (admin)


class NewUser(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=1000)
    role: str = Field("viewer", pattern=f"^({'|'.join(ROLES)})$")


class TokenRequest(BaseModel):
    label: str | None = Field(None, max_length=200)


@router.get("/users", tags=["accounts"])
def list_users(request: Request, _user: Admin) -> dict[str, Any]:
    """Users with their roles (admin)."""
    items = Users(store_of(request)).list()
    return {"items": items, "total": len(items)}


@router.post("/users", tags=["accounts"], status_code=201)
def add_user(request: Request, body: Annotated[NewUser, Body()], _user: Admin) -> dict[str, Any]:
    """Create a user (admin)."""
    return Users(store_of(request)).add(body.name, body.password, body.role).as_dict()


@router.delete("/users/{name}", tags=["accounts"])
def remove_user(request: Request, name: str, user: Admin) -> dict[str, Any]:
    """Delete a user with their sessions and tokens (admin); not yourself."""
    if name == user.name:
        raise HTTPException(409, "you cannot remove yourself")
    Users(store_of(request)).remove(name)
    return {"removed": name}


@router.post("/users/{name}/tokens", tags=["accounts"], status_code=201)
def new_token(request: Request, name: str, _user: Admin,
              body: Annotated[TokenRequest | None, Body()] = None) -> dict[str, Any]:
    """A bearer token acting as `name` (admin); shown once."""
    token = Users(store_of(request)).create_token(name, body.label if body else None)
    return {"user": name, "token": token}
