"""Live update in the browser: an article posted through the API appears on an open map page
without a reload (server-sent events on /api/live), and the alerts routes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from frontlines.api import create_app
from frontlines.settings import Settings
from frontlines.store import Store

from .conftest import build_conflict_store, running_app
from .test_web_pages import page, shots  # noqa: F401 - fixtures

TOKEN = "live-test-token"
ARTICLE = ("Clashes between Turkish-backed rebels and Kurdish fighters erupted near Afrin on "
           "Monday, leaving five fighters dead, a war monitor said. Both sides brought in "
           "reinforcements overnight.")


@pytest.fixture()
def live_server(tmp_path: Path, annotator: Any) -> Iterator[str]:
    store = Store.open(str(tmp_path / "live.db"))
    build_conflict_store(store)
    app = create_app(store, settings=Settings(api_token=TOKEN), kb=None, annotator=annotator)
    app.state.live_interval = 0.2
    with running_app(app) as url:
        yield url
    store.close()


@pytest.fixture()
def server(live_server: str) -> str:  # the `page` fixture of test_web_pages asks for `server`
    return live_server


@pytest.mark.browser
def test_web_posted_article_appears_on_the_open_map_without_reload(
        page: Any, live_server: str, shots: Path) -> None:  # noqa: F811
    page.goto(live_server + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=60000)
    page.wait_for_selector("body[data-live=open]", timeout=60000)
    assert page.text_content("#date-label") == "2017-07-21"
    before = page.locator("#map circle.event").count()
    shown_before = {c.get_attribute("data-id") for c in page.locator("#map circle.event").all()}
    page.evaluate("window.__same_page = 1")  # gone if the page reloads

    answer = httpx.post(live_server + "/api/documents", timeout=120,
                        headers={"Authorization": f"Bearer {TOKEN}"},
                        json={"text": ARTICLE, "title": "Clashes near Afrin",
                              "published": "2017-07-25"})
    assert answer.status_code == 201, answer.text
    events = httpx.get(live_server + "/api/events", params={"date_from": "2017-07-22"},
                       timeout=120).json()
    new_ids = [e["id"] for e in events["items"]]
    assert new_ids, "the article produced no event"
    assert not set(new_ids) & shown_before

    page.wait_for_selector("body[data-updates]", timeout=60000)
    page.wait_for_selector(f"#map circle.event[data-id='{new_ids[0]}']", timeout=60000)
    assert page.text_content("#date-label") == "2017-07-24"
    assert page.locator("#map circle.event").count() > before
    assert page.evaluate("window.__same_page") == 1
    page.screenshot(path=str(shots / "map-live-update.png"))
    assert page.problems == []


def test_live_stream_says_hello_then_update(tmp_path: Path) -> None:
    from datetime import date

    from frontlines.model import Document

    store = Store.open(str(tmp_path / "s.db"))
    app = create_app(store, settings=Settings(), kb=None)
    app.state.live_interval = 0.1
    with running_app(app) as url, httpx.Client(base_url=url, timeout=120) as client, \
            client.stream("GET", "/api/live") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        lines = stream.iter_lines()
        seen: list[str] = []
        for line in lines:
            seen.append(line)
            if line == "":
                break
        assert "event: hello" in seen
        store.save_document(Document.create("A report stored by another process.",
                                            published=date(2017, 7, 1)))
        seen = []
        for line in lines:
            seen.append(line)
            if line == "" and "event: update" in seen:
                break
        assert "event: update" in seen
    store.close()


def test_alerts_routes_json_and_atom(conflict_store: Store) -> None:
    from frontlines.alerts import AlertEngine, parse_rules

    rs = parse_rules({"rules": [{"name": "split", "kind": "alliance_split"}]})
    AlertEngine(conflict_store, rs).on_documents([d["id"] for d in conflict_store.documents()])
    app = create_app(conflict_store, settings=Settings(), kb=None)
    with running_app(app) as url:
        got = httpx.get(url + "/api/alerts", timeout=120).json()
        assert [a["kind"] for a in got["items"]] == ["alliance_split"]
        atom = httpx.get(url + "/api/alerts.atom", timeout=120)
        assert atom.headers["content-type"].startswith("application/atom+xml")
        assert b"Alliance split: zenki left hts" in atom.content
