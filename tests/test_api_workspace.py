"""The workspace API: every write route as anonymous / viewer / editor / admin; cookie sessions
with CSRF; rate-limited login; bad input gets a 4xx with a clear message and changes nothing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from frontlines.api import create_app
from frontlines.settings import Settings
from frontlines.store import Store
from frontlines.workspace import Users, export_edits

from .conftest import build_conflict_store, running_app

PASSWORDS = {"vera": "viewer-pass", "ed": "editor-pass", "ada": "admin-pass"}
ROLES = {"vera": "viewer", "ed": "editor", "ada": "admin"}


@pytest.fixture(scope="session")
def team_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The Idlib store with a viewer, an editor and an admin (and their bearer tokens), built
    once: argon2 hashing is slow on purpose, so each test copies the file."""
    path = tmp_path_factory.mktemp("team") / "team.db"
    tokens = {}
    with Store.open(str(path)) as store:
        build_conflict_store(store)
        users = Users(store)
        for name, role in ROLES.items():
            users.add(name, PASSWORDS[name], role)
            tokens[role] = users.create_token(name)
        users.add("spare", "spare-pass", "viewer")
        from frontlines.model import Actor
        from frontlines.store.actors import save_provisional_actors

        save_provisional_actors(store, [Actor(id="provisional:jaysh-x", name="Jaysh X",
                                              provisional=True, source="text")])
        with store.transaction() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path, tokens


@pytest.fixture()
def team_store(team_template: tuple[Path, dict[str, str]], tmp_path: Path) -> Iterator[Store]:
    shutil.copy(team_template[0], tmp_path / "team.db")
    with Store.open(str(tmp_path / "team.db")) as store:
        yield store


@pytest.fixture()
def team(team_template: tuple[Path, dict[str, str]]) -> dict[str, str]:
    """Bearer tokens of the viewer, the editor and the admin."""
    return team_template[1]


def _client(store: Store, private: bool = False) -> Any:
    app = create_app(store, settings=Settings(api_token="server-token"), kb=None,
                     private=private)
    return running_app(app)


@pytest.fixture()
def base(team_store: Store) -> Iterator[str]:
    with _client(team_store) as url:
        yield url


EXPORT = {"format": "frontlines-edits/1", "edits": [{
    "target_kind": "event", "target_id": "ev-ariha", "action": "accept", "before": {},
    "after": {}, "reason": "checked", "author": "someone", "at": "2026-01-01T00:00:00",
    "anchor": {"claims": ["c3"]}}]}

# (method, path, body, least role, status on success)
WRITES = [
    ("POST", "/api/events/ev-ariha/edit", {"changes": {"fatalities": 7}, "reason": "r"},
     "editor", 201),
    ("POST", "/api/events/ev-ariha/accept", {"reason": "ok"}, "editor", 201),
    ("POST", "/api/review/event/ev-ariha/accept", {}, "editor", 201),
    ("POST", "/api/claims/c3/reject", {"reason": "wrong"}, "editor", 201),
    ("POST", "/api/events/ev-ariha/merge", {"other": "ev-hazarin-attack"}, "editor", 201),
    ("POST", "/api/events/ev-ariha/split", {"claims": ["c3"]}, "editor", 422),  # its only claim
    ("POST", "/api/documents", {"text": ""}, "editor", 422),  # auth passes, then validation
    ("POST", "/api/spellings", {"kind": "actor", "name": "Tahrir el-Shaam HQ", "target": "hts"},
     "editor", 201),
    ("POST", "/api/actors/provisional:jaysh-x/fold", {"into": "hts"}, "editor", 201),
    ("POST", "/api/edits", EXPORT, "admin", 201),
    ("POST", "/api/users", {"name": "newbie", "password": "long enough", "role": "viewer"},
     "admin", 201),
    ("DELETE", "/api/users/spare", None, "admin", 200),
    ("POST", "/api/users/spare/tokens", {"label": "script"}, "admin", 201),
]
ORDER = ["anonymous", "viewer", "editor", "admin"]


@pytest.mark.parametrize("who", ORDER)
@pytest.mark.parametrize(("method", "path", "body", "least", "ok"), WRITES,
                         ids=[f"{m} {p}" for m, p, *_ in WRITES])
def test_every_write_route_checks_the_role(base: str, team: dict[str, str], who: str,
                                           method: str, path: str, body: Any, least: str,
                                           ok: int) -> None:
    headers = {} if who == "anonymous" else {"Authorization": f"Bearer {team[who]}"}
    r = httpx.request(method, base + path, json=body, headers=headers, timeout=30)
    if who == "anonymous":
        assert r.status_code == 401, r.text
        assert "Authorization: Bearer" in r.json()["error"]["message"]
    elif ORDER.index(who) < ORDER.index(least):
        assert r.status_code == 403, r.text
        assert f"needs the {least} role" in r.json()["error"]["message"]
    else:
        assert r.status_code == ok, r.text


def test_an_edit_shows_in_the_event_and_its_history(base: str, team: dict[str, str],
                                                     team_store: Store) -> None:
    auth = {"Authorization": f"Bearer {team['editor']}"}
    r = httpx.post(f"{base}/api/events/ev-ariha/edit", headers=auth, json={
        "changes": {"actor2": {"name": "Jaysh al-Ahrar"}, "place": "t:saraqib"},
        "reason": "the report names the brigade"})
    assert r.status_code == 201, r.text
    assert r.json()["event"]["place"]["name"] == "Saraqib"
    event = httpx.get(f"{base}/api/events/ev-ariha").json()
    assert event["actor2"]["name"] == "Jaysh al-Ahrar" and event["place"]["id"] == "t:saraqib"
    [edit] = httpx.get(f"{base}/api/events/ev-ariha/history").json()["edits"]
    assert edit["author"] == "ed" and edit["before"]["place"]["name"] == "Ariha"
    assert edit["reason"] == "the report names the brigade"


@pytest.mark.parametrize(("path", "content", "status", "message"), [
    ("/api/events/ev-ariha/edit", b"{not json", 422, "JSON"),
    ("/api/events/ev-ariha/edit", b'{"changes": "actor1=hts"}', 422, "changes"),
    ("/api/events/ev-ariha/edit", b'{"changes": {"fatalities": "many"}}', 422,
     "fatalities must be"),
    ("/api/events/ev-ariha/edit", b'{"changes": {"owner": "x"}}', 422, "cannot edit 'owner'"),
    ("/api/events/ev-ariha/edit", b'{"changes": {"place": "t:nowhere"}}', 422, "no place"),
    ("/api/events/ev-ariha/edit", b'{"changes": {"actor1": "nobody"}}', 422, "no actor"),
    ("/api/events/no-such-event/edit", b'{"changes": {"fatalities": 1}}', 404, "no event"),
    ("/api/events/no-such-event/accept", b"{}", 404, "no event"),
    ("/api/claims/no-such-claim/reject", b"{}", 404, "no claim"),
    ("/api/events/ev-ariha/merge", b'{"other": "ev-ariha"}', 422, "itself"),
    ("/api/events/ev-ariha/merge", b'{"other": "nope"}', 404, "no event"),
    ("/api/events/ev-ariha/split", b'{"claims": "c3"}', 422, "claims"),
    ("/api/events/ev-ariha/split", b'{"claims": ["c1"]}', 422, "not claims of event"),
    ("/api/review/planet/x/accept", b"{}", 422, "kind must be"),
    ("/api/edits", b'{"format": "other"}', 422, "not a frontlines edits file"),
    ("/api/users", b'{"name": "x y", "password": "long enough"}', 422, "user name"),
    ("/api/users", b'{"name": "ed", "password": "long enough"}', 422, "already"),
    ("/api/users/nobody/tokens", b"{}", 404, "no user"),
    ("/api/spellings", b'{"kind": "planet", "name": "x", "target": "hts"}', 422, "kind"),
    ("/api/spellings", b'{"kind": "place", "name": "Xy", "target": "t:nowhere"}', 404,
     "no place"),
    ("/api/actors/provisional:nobody/fold", b'{"into": "hts"}', 404, "no provisional actor"),
])
def test_bad_requests_get_a_clear_4xx_and_change_nothing(
        base: str, team: dict[str, str], team_store: Store, path: str, content: bytes,
        status: int, message: str) -> None:
    before = (team_store.events(), export_edits(team_store), Users(team_store).list())
    r = httpx.post(base + path, content=content, timeout=30, headers={
        "Authorization": f"Bearer {team['admin']}", "Content-Type": "application/json"})
    assert r.status_code == status, r.text
    assert message in r.json()["error"]["message"]
    after = (team_store.events(), export_edits(team_store), Users(team_store).list())
    assert after == before


def test_a_cookie_session_is_httponly_samesite_and_needs_its_csrf_token(base: str) -> None:
    with httpx.Client(base_url=base) as client:
        r = client.post("/api/login", json={"name": "ed", "password": "editor-pass"})
        assert r.status_code == 200, r.text
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        csrf = r.json()["csrf"]
        assert client.get("/api/me").json()["user"]["name"] == "ed"
        body = {"changes": {"fatalities": 5}}
        r = client.post("/api/events/ev-ariha/edit", json=body)
        assert r.status_code == 403 and "X-CSRF-Token" in r.json()["error"]["message"]
        r = client.post("/api/events/ev-ariha/edit", json=body,
                        headers={"X-CSRF-Token": "forged"})
        assert r.status_code == 403
        r = client.post("/api/events/ev-ariha/edit", json=body, headers={"X-CSRF-Token": csrf})
        assert r.status_code == 201, r.text
        client.post("/api/logout", headers={"X-CSRF-Token": csrf})
        assert client.get("/api/me").json()["user"] is None


def test_login_attempts_are_rate_limited(base: str) -> None:
    for _ in range(5):
        r = httpx.post(f"{base}/api/login", json={"name": "ed", "password": "guess-guess"})
        assert r.status_code == 401
    r = httpx.post(f"{base}/api/login", json={"name": "ed", "password": "editor-pass"})
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    assert "too many failed logins" in r.json()["error"]["message"]


def test_a_viewer_token_reads_but_does_not_edit(base: str, team: dict[str, str]) -> None:
    auth = {"Authorization": f"Bearer {team['viewer']}"}
    assert httpx.get(f"{base}/api/events", headers=auth).status_code == 200
    assert httpx.get(f"{base}/api/me", headers=auth).json()["can_edit"] is False
    r = httpx.post(f"{base}/api/events/ev-ariha/edit", headers=auth,
                   json={"changes": {"fatalities": 1}})
    assert r.status_code == 403


def test_a_private_server_asks_for_a_login_before_reading(team_store: Store,
                                                          team: dict[str, str]) -> None:
    with _client(team_store, private=True) as url:
        r = httpx.get(f"{url}/api/events")
        assert r.status_code == 401 and "private" in r.json()["error"]["message"]
        auth = {"Authorization": f"Bearer {team['viewer']}"}
        assert httpx.get(f"{url}/api/events", headers=auth).status_code == 200
        assert httpx.get(f"{url}/api/me").status_code == 200  # the login page still works
    with _client(team_store) as url:
        assert httpx.get(f"{url}/api/events").status_code == 200  # open by default


def test_the_review_queue_lists_open_items_and_accepting_removes_them(
        base: str, team: dict[str, str], team_store: Store) -> None:
    from sqlalchemy import insert

    from frontlines.store import schema

    with team_store.transaction() as conn:
        conn.execute(insert(schema.actors), [{"id": "prov:jaysh-x", "name": "Jaysh X",
                                              "provisional": True, "source": "text"}])
    queue = httpx.get(f"{base}/api/review").json()
    assert {(i["kind"], i["id"]) for i in queue["items"]} == {
        ("actor", "prov:jaysh-x"), ("actor", "provisional:jaysh-x")}
    auth = {"Authorization": f"Bearer {team['editor']}"}
    r = httpx.post(f"{base}/api/review/actor/prov:jaysh-x/accept", headers=auth, json={})
    assert r.status_code == 201
    assert httpx.get(f"{base}/api/review").json()["total"] == 1
    assert httpx.get(f"{base}/api/review", params={"kind": "planet"}).status_code == 422
