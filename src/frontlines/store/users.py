"""Accounts: users with a role (viewer < editor < admin), argon2id password hashes, login
sessions and bearer tokens for scripts. Secrets are random and only their SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from frontlines.errors import FrontlinesError
from frontlines.store import schema
from frontlines.store._rows import now
from frontlines.store._store import Store

__all__ = ["ROLES", "AuthError", "User", "Users"]

ROLES = ("viewer", "editor", "admin")
SESSION_DAYS = 14
MIN_PASSWORD = 8
_hasher = PasswordHasher()


class AuthError(FrontlinesError):
    """A bad user name, role or password (422), or an unknown user (404)."""

    def __init__(self, message: str, status: int = 422) -> None:
        self.status = status
        super().__init__(message)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str

    def can(self, role: str) -> bool:
        """Whether this user has `role` or a higher one."""
        return ROLES.index(self.role) >= ROLES.index(role)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "role": self.role}


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 80 or any(ch.isspace() or not ch.isprintable() for ch in name):
        raise AuthError(f"a user name is 1-80 printable characters without spaces, not {name!r}")
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AuthError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    return role


class Users:
    """The accounts of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, name: str, password: str, role: str = "viewer") -> User:
        name, role = _check_name(name), _check_role(role)
        if len(password) < MIN_PASSWORD:
            raise AuthError(f"a password needs at least {MIN_PASSWORD} characters")
        row = {"name": name, "role": role, "password_hash": _hasher.hash(password),
               "created_at": now()}
        try:
            with self.store.transaction() as conn:
                conn.execute(insert(schema.users), [row])
                uid = conn.scalar(select(schema.users.c.id).where(schema.users.c.name == name))
        except FrontlinesError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                raise AuthError(f"there is already a user {name!r}") from None
            raise
        return User(int(uid), name, role)

    def list(self) -> list[dict[str, Any]]:
        u, t = schema.users.c, schema.user_tokens.c
        with self.store.read() as conn:
            tokens: dict[int, int] = {}
            for row in conn.execute(select(t.user_id).where(t.kind == "api")):
                tokens[row.user_id] = tokens.get(row.user_id, 0) + 1
            return [{"id": r.id, "name": r.name, "role": r.role,
                     "created_at": r.created_at.isoformat(timespec="seconds"),
                     "api_tokens": tokens.get(r.id, 0)}
                    for r in conn.execute(select(u.id, u.name, u.role, u.created_at)
                                          .order_by(u.name))]

    def get(self, name: str) -> User | None:
        u = schema.users.c
        with self.store.read() as conn:
            row = conn.execute(select(u.id, u.name, u.role).where(u.name == name)).first()
        return User(row.id, row.name, row.role) if row else None

    def remove(self, name: str) -> None:
        """Delete a user with their sessions and tokens (their edit records stay, signed)."""
        with self.store.transaction() as conn:
            gone = conn.execute(delete(schema.users).where(schema.users.c.name == name))
            if not gone.rowcount:
                raise AuthError(f"no user {name!r}", 404)

    def set_role(self, name: str, role: str) -> User:
        role = _check_role(role)
        with self.store.transaction() as conn:
            done = conn.execute(update(schema.users).where(schema.users.c.name == name)
                                .values(role=role))
            if not done.rowcount:
                raise AuthError(f"no user {name!r}", 404)
        user = self.get(name)
        assert user is not None
        return user

    def set_password(self, name: str, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise AuthError(f"a password needs at least {MIN_PASSWORD} characters")
        with self.store.transaction() as conn:
            done = conn.execute(update(schema.users).where(schema.users.c.name == name)
                                .values(password_hash=_hasher.hash(password)))
            if not done.rowcount:
                raise AuthError(f"no user {name!r}", 404)

    def count_admins(self) -> int:
        with self.store.read() as conn:
            return len(list(conn.execute(select(schema.users.c.id)
                                         .where(schema.users.c.role == "admin"))))

    # ------------------------------------------------------------------ passwords and tokens

    def authenticate(self, name: str, password: str) -> User | None:
        """The user when the password matches, else None (same work for unknown names)."""
        u = schema.users.c
        with self.store.read() as conn:
            row = conn.execute(select(u.id, u.name, u.role, u.password_hash)
                               .where(u.name == name)).first()
        stored = row.password_hash if row else _DUMMY_HASH
        try:
            _hasher.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if row is None:
            return None
        if _hasher.check_needs_rehash(stored):
            self.set_password(name, password)
        return User(row.id, row.name, row.role)

    def open_session(self, user: User) -> tuple[str, str]:
        """A new login session: (session secret for the cookie, CSRF token)."""
        secret, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        at = now()
        with self.store.transaction() as conn:
            conn.execute(insert(schema.user_tokens), [{
                "user_id": user.id, "kind": "session", "token_hash": _digest(secret),
                "csrf": csrf, "label": None, "created_at": at,
                "expires_at": at + timedelta(days=SESSION_DAYS)}])
        return secret, csrf

    def create_token(self, name: str, label: str | None = None) -> str:
        """A bearer token for scripts, acting with the user's role. Shown once, stored hashed."""
        user = self.get(name)
        if user is None:
            raise AuthError(f"no user {name!r}", 404)
        secret = "fl_" + secrets.token_urlsafe(32)
        with self.store.transaction() as conn:
            conn.execute(insert(schema.user_tokens), [{
                "user_id": user.id, "kind": "api", "token_hash": _digest(secret), "csrf": None,
                "label": label, "created_at": now(), "expires_at": None}])
        return secret

    def close_session(self, secret: str) -> None:
        with self.store.transaction() as conn:
            conn.execute(delete(schema.user_tokens)
                         .where(schema.user_tokens.c.token_hash == _digest(secret)))

    def by_secret(self, secret: str, kind: str) -> tuple[User, str | None] | None:
        """The user behind a session cookie or bearer token (and the session's CSRF token)."""
        if not secret or len(secret) > 200:
            return None
        u, t = schema.users.c, schema.user_tokens.c
        q = (select(u.id, u.name, u.role, t.csrf, t.expires_at)
             .join(schema.user_tokens, t.user_id == u.id)
             .where(t.token_hash == _digest(secret), t.kind == kind))
        with self.store.read() as conn:
            row = conn.execute(q).first()
        if row is None or (row.expires_at is not None and row.expires_at < now()):
            return None
        return User(row.id, row.name, row.role), row.csrf


_DUMMY_HASH = _hasher.hash("not a password of anyone " + secrets.token_hex(8))
