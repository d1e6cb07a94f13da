"""Who is asking: login sessions (an HttpOnly, SameSite=Strict cookie plus a CSRF token that
unsafe requests echo in `X-CSRF-Token`) or bearer tokens for scripts; roles on write routes;
login attempts limited per client address and per user name."""

from __future__ import annotations

import hmac
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Request, Response
from pydantic import BaseModel, Field

from frontlines.store.users import SESSION_DAYS, User, Users

__all__ = ["COOKIE", "LoginLimiter", "require", "router", "user_of"]

COOKIE = "fl_session"
CSRF_HEADER = "x-csrf-token"
_SAFE = {"GET", "HEAD", "OPTIONS"}

router = APIRouter(tags=["accounts"])


class LoginLimiter:
    """At most `attempts` failed logins per `window` seconds per address and per user name."""

    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, at: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        while q and q[0] <= at - self.window:
            q.popleft()
        return q

    def retry_after(self, *keys: str) -> int:
        """Seconds to wait when any key is over the limit, else 0."""
        at = time.monotonic()
        with self._lock:
            waits = [self._recent(k, at)[0] + self.window - at for k in keys
                     if len(self._recent(k, at)) >= self.attempts]
        return int(max(waits)) + 1 if waits else 0

    def failed(self, *keys: str) -> None:
        at = time.monotonic()
        with self._lock:
            for k in keys:
                self._recent(k, at).append(at)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._failures.pop(k, None)


def users_of(request: Request) -> Users:
    return Users(request.app.state.store)


def user_of(request: Request) -> User | None:
    """The user behind the request's bearer token or session cookie (cached on the request)."""
    if hasattr(request.state, "user"):
        return request.state.user  # type: ignore[no-any-return]
    user, via, csrf = None, None, None
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        found = users_of(request).by_secret(value.strip(), "api")
        if found is not None:
            user, via = found[0], "bearer"
    elif request.cookies.get(COOKIE):
        found = users_of(request).by_secret(request.cookies[COOKIE], "session")
        if found is not None:
            (user, csrf), via = found, "cookie"
    request.state.user, request.state.via, request.state.csrf = user, via, csrf
    return user


def require(role: str) -> Callable[[Request], User]:
    """A dependency: the request's user, who must hold `role` (or a higher one). Cookie
    sessions must send their CSRF token on unsafe methods."""

    def check(request: Request) -> User:
        user = user_of(request)
        if user is None:
            raise HTTPException(401, f"this needs the {role} role: log in (POST /api/login) or "
                                     "send 'Authorization: Bearer <token>'")
        if not user.can(role):
            raise HTTPException(403, f"this needs the {role} role; {user.name} is a "
                                     f"{user.role}")
        if request.state.via == "cookie" and request.method not in _SAFE:
            sent = request.headers.get(CSRF_HEADER, "")
            if not sent or not hmac.compare_digest(sent, request.state.csrf or ""):
                raise HTTPException(403, "missing or wrong X-CSRF-Token header (GET /api/me "
                                         "gives the token of your session)")
        return user

    check.__name__ = f"require_{role}"
    return check


class Login(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=1000)


@router.post("/login")
def login(request: Request, response: Response,
          body: Annotated[Login, Body()]) -> dict[str, Any]:
    """Log in: sets an HttpOnly session cookie; answers with the user and the CSRF token that
    unsafe requests must send as `X-CSRF-Token`. Five failures in five minutes lock out."""
    limiter: LoginLimiter = request.app.state.login_limiter
    keys = (f"ip:{request.client.host if request.client else '?'}", f"user:{body.name}")
    wait = limiter.retry_after(*keys)
    if wait:
        raise HTTPException(429, f"too many failed logins: try again in {wait} seconds",
                            headers={"Retry-After": str(wait)})
    users = users_of(request)
    user = users.authenticate(body.name, body.password)
    if user is None:
        limiter.failed(*keys)
        raise HTTPException(401, "wrong user name or password")
    limiter.succeeded(*keys)
    secret, csrf = users.open_session(user)
    response.set_cookie(COOKIE, secret, max_age=SESSION_DAYS * 86400, httponly=True,
                        samesite="strict", secure=request.url.scheme == "https", path="/")
    return {"user": user.as_dict(), "csrf": csrf}


@router.post("/logout")
def logout(request: Request, response: Response) -> dict[str, Any]:
    """End the session of the cookie sent (needs its CSRF token)."""
    if user_of(request) is not None and request.state.via == "cookie":
        require("viewer")(request)
        users_of(request).close_session(request.cookies[COOKIE])
    response.delete_cookie(COOKIE, path="/")
    return {"user": None}


@router.get("/me")
def me(request: Request) -> dict[str, Any]:
    """Who you are (null when anonymous), your session's CSRF token, and what you may do."""
    user = user_of(request)
    if user is None:
        return {"user": None, "csrf": None, "can_edit": False, "can_admin": False}
    return {"user": user.as_dict(), "csrf": request.state.csrf,
            "can_edit": user.can("editor"), "can_admin": user.can("admin")}
